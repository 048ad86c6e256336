//! Messages in the person's language: the catalogues shared with the other channels
//! ([`consult_domain::i18n::Locales`]), and `fl!`, which checks ids and arguments
//! against zh-CN when this crate is compiled; which language a person is answered in
//! ([`locale`]), and /lang, where they choose it ([`choose`]).

pub use consult_domain::i18n::Locales;
/// Pass a loader from [`Locales::get`] and a message id checked at compile time.
pub use i18n_embed_fl::fl;

pub(crate) mod choose;
pub(crate) mod locale;

#[cfg(test)]
mod tests {
    use super::*;
    use consult_domain::people::Locale;

    #[test]
    fn both_locales_have_the_same_message_ids() {
        let locales = Locales::load().unwrap();
        let zh = locales.message_ids(Locale::ZhCn);
        let en = locales.message_ids(Locale::En);
        assert!(zh.len() > 10, "zh-CN has messages: {zh:?}");
        let missing_en: Vec<_> = zh.iter().filter(|id| !en.contains(id)).collect();
        let missing_zh: Vec<_> = en.iter().filter(|id| !zh.contains(id)).collect();
        assert!(missing_en.is_empty(), "missing in en: {missing_en:?}");
        assert!(missing_zh.is_empty(), "missing in zh-CN: {missing_zh:?}");
    }

    const ZH: &str = include_str!("../../../locales/zh-CN/consult.ftl");
    const EN: &str = include_str!("../../../locales/en/consult.ftl");

    /// The glossary at the top of a locale file: (中文, English, 不用, not) per term.
    fn glossary(file: &str) -> Vec<[String; 4]> {
        file.lines()
            .take_while(|l| l.starts_with('#') || l.is_empty())
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| l.matches(" |").count() + l.matches("| ").count() >= 3)
            .skip(1) // the heading row
            .map(|l| {
                let cells: Vec<String> = l.split('|').map(|c| c.trim().to_owned()).collect();
                assert_eq!(cells.len(), 4, "four columns: {l}");
                [
                    cells[0].clone(),
                    cells[1].clone(),
                    cells[2].clone(),
                    cells[3].clone(),
                ]
            })
            .collect()
    }

    /// The text of every message as a person could read it: no ids, comments,
    /// placeholders (`{ $title }`) or variant keys (`[yes]`), one message a line.
    fn readable(file: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for line in file.lines().filter(|l| !l.starts_with('#')) {
            let (id, text) = match line.split_once(" = ") {
                Some((id, text)) if !id.starts_with(' ') && !id.contains('{') => {
                    (id.to_owned(), text)
                }
                _ => match out.last() {
                    Some((id, _)) => (id.clone(), line),
                    None => continue,
                },
            };
            let mut text = text.trim().to_owned();
            // Variant keys: `[yes]`, `*[other]`.
            if let Some(rest) = text.strip_prefix('*').unwrap_or(&text).strip_prefix('[') {
                text = rest.split_once(']').map_or("", |(_, t)| t).to_owned();
            }
            // Placeholders and selectors: `{ $x }`, `{ $x ->`, a closing `}`.
            let mut plain = String::new();
            let mut rest = text.as_str();
            while let Some(start) = rest.find("{ $") {
                plain.push_str(&rest[..start]);
                plain.push('·');
                rest = &rest[start + 3..];
                rest = match rest.find(['}', '>']) {
                    Some(end) => &rest[end + 1..],
                    None => "",
                };
            }
            plain.push_str(rest.trim_start_matches('}'));
            match out.last_mut() {
                Some((last, t)) if *last == id => {
                    t.push('\n');
                    t.push_str(&plain);
                }
                _ => out.push((id, plain)),
            }
        }
        out
    }

    /// Whether `text` uses `word`, where the word `N` stands for a placeholder
    /// (「第 N 版」 finds 「第 { $version } 版」) and English is matched in any case.
    fn uses(text: &str, word: &str) -> bool {
        let text = text.to_lowercase();
        let spaced = word
            .split(' ')
            .map(|w| if w == "N" { "·" } else { w })
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let compact = spaced.replace(" ·", "·").replace("· ", "·");
        text.contains(&spaced) || text.contains(&compact)
    }

    #[test]
    fn both_locales_open_with_one_glossary() {
        let (zh, en) = (glossary(ZH), glossary(EN));
        assert!(zh.len() > 25, "{zh:?}");
        assert_eq!(zh, en, "the same table at the top of both files");
        assert!(
            zh.iter()
                .any(|t| t[0] == "收件编号" && t[1] == "receipt number" && t[2] == "回执"),
            "{zh:?}"
        );
    }

    #[test]
    fn every_message_follows_the_glossary() {
        let terms = glossary(ZH);
        for (file, column) in [(ZH, 2), (EN, 3)] {
            let messages = readable(file);
            assert!(messages.len() > 500, "{}", messages.len());
            let mut found = Vec::new();
            for term in &terms {
                for word in term[column].split(" / ").filter(|w| !w.is_empty()) {
                    for (id, text) in &messages {
                        if uses(text, word) {
                            found.push(format!(
                                "{id} uses {word:?} (say {:?}): {text}",
                                term[column - 2]
                            ));
                        }
                    }
                }
            }
            assert!(found.is_empty(), "{}", found.join("\n"));
        }
    }

    #[test]
    fn the_glossary_check_finds_what_it_should() {
        let text = |source: &str| readable(source).pop().unwrap().1;
        assert!(uses(&text("x = 第 { $version } 版"), "第 N 版"));
        assert!(uses(&text("x = (C1, version { $version })"), "version N"));
        assert!(!uses(&text("x = 第 { $version } 稿"), "第 N 版"));
        assert!(uses(&text("x = Stance: { $stance }"), "stance"));
        assert!(!uses(&text("x = View: { $stance }"), "stance"));
        assert!(uses(
            &text("x = { $n ->\n    [one] 回执\n   *[other] 收件编号\n}"),
            "回执"
        ));
        assert!(!uses(
            &text("x = { $stance ->\n    [stance] 看法\n   *[other] 看法\n}"),
            "stance"
        ));
    }

    /// Chinese text runs on into bold text and links without spaces (「《…（草案）》征求意见
    /// 已截止」, 「请点这里私聊确认一次」): a space between Chinese and a `<b>` or `<a>`
    /// whose text at that side is Chinese too is a stray one. Beside Latin letters and
    /// numbers (a receipt 「收件编号 C1-0001」, a code) the space stays.
    #[test]
    fn no_stray_spaces_around_bold_text_and_links_in_chinese() {
        fn chinese(c: char) -> bool {
            matches!(c, '\u{3000}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
        }
        /// Whether an element's text at one side is Chinese: its first (or last)
        /// character, or a placeholder there that holds Chinese text.
        fn chinese_edge(inner: &str, start: bool) -> bool {
            const LATIN: [&str; 6] = ["receipt", "code", "id", "n", "count", "version"];
            let placeholder = if start {
                inner
                    .strip_prefix("{ $")
                    .map(|r| r.split(' ').next().unwrap_or(""))
            } else {
                inner
                    .strip_suffix(" }")
                    .and_then(|r| r.rsplit("{ $").next())
            };
            match placeholder {
                Some(name) => !LATIN.contains(&name),
                None => {
                    let c = if start {
                        inner.chars().next()
                    } else {
                        inner.chars().last()
                    };
                    c.is_some_and(chinese)
                }
            }
        }
        let mut found = Vec::new();
        for line in ZH.lines().filter(|l| !l.starts_with('#')) {
            for (open, close) in [("<b>", "</b>"), ("<a ", "</a>")] {
                let mut rest = line;
                while let Some(at) = rest.find(open) {
                    let before = rest[..at].chars().rev().take(2).collect::<Vec<_>>();
                    let element = &rest[at..];
                    let Some(end) = element.find(close) else {
                        break;
                    };
                    let inner = &element[element.find('>').map_or(0, |i| i + 1)..end];
                    let after: Vec<char> = element[end + close.len()..].chars().take(2).collect();
                    if before.len() == 2
                        && before[0] == ' '
                        && chinese(before[1])
                        && chinese_edge(inner, true)
                    {
                        found.push(line.to_owned());
                    }
                    if after.len() == 2
                        && after[0] == ' '
                        && chinese(after[1])
                        && chinese_edge(inner, false)
                    {
                        found.push(line.to_owned());
                    }
                    rest = &element[end + close.len()..];
                }
            }
        }
        assert!(found.is_empty(), "{}", found.join("\n"));
    }

    #[test]
    fn loaders_answer_in_their_own_language_without_isolation_marks() {
        let locales = Locales::load().unwrap();
        let zh = fl!(
            locales.get(Locale::ZhCn),
            "cli-point-added",
            code = "a1",
            name = "甲"
        );
        let en = fl!(
            locales.get(Locale::En),
            "cli-point-added",
            code = "a1",
            name = "甲"
        );
        assert_eq!(zh, "已添加联系点 a1：甲");
        assert_eq!(en, "Added contact point a1: 甲");
    }
}
