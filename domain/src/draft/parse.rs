//! From text to [`Draft`].
//!
//! The text is read line by line (a .docx paragraph is a line). Rules, in the order
//! they are applied:
//!
//! **Headings.** A heading is recognised only at the start of a line (after trimming
//! whitespace, including U+3000): 第 + a number (Chinese numerals or digits, spaces
//! allowed inside) + 编 / 章 / 节 / 条. Whether such a line really is a heading, and not a
//! wrapped cross-reference like "…依照本条例\n第五条规定的…", depends on what follows
//! the unit character:
//!
//! - an article (条) followed by the end of the line, whitespace, or a bracketed title
//!   (【】 〔〕 [ ] ［］, or （…） that is not an item number like （一）) is always a
//!   heading, even out of sequence — that is reported as an irregularity instead;
//! - an article followed directly by text (第一条为了…, or 第一条：为了…, as text
//!   converted from PDF or Word often has it, indented or not) needs its number to be
//!   the expected one (previous article + 1, so 1 for the first; or the highest so
//!   far + 1, after two swapped articles), and text that does not go on as only a
//!   reference does (规定, 的, 之, 所列, 第…款, 、 …). Then it is a heading when the
//!   previous line does not end mid-reference (…本条例 / 依照 / 按照 / 《…》 / ，
//!   without sentence punctuation) and the text does not start with a word that may
//!   continue one (有关, 中, 项, 所, 及, 关于, 以下 …); or, whatever the words, when no
//!   later line starts with that number before a higher one, so that taking it fills
//!   what would be a gap in the numbering (a reference to the next article is followed
//!   by that article's own heading). Otherwise the line is text;
//! - a division (编 / 章 / 节) needs a title without sentence punctuation (。，；：！？)
//!   of at most 40 characters; glued to its title (第一章总则) it also needs a short
//!   title (≤ 20), a plausible number (1, or previous of that level + 1), no reference
//!   continuation and no open previous line. A division heading alone on its line
//!   takes the next short unpunctuated line as its title.
//!
//! **Paragraphs.** Inside an article, a line starts a new 款 / 项 (a "\n" in the text)
//! when the previous line ended with sentence punctuation (。；：！？ possibly followed
//! by closing quotes or brackets), when a blank line came before it, or when it starts
//! with an item marker ((一) （1） 一、 1. ①). Otherwise it is the same paragraph
//! wrapped, and is joined without a newline (with a space only between two ASCII
//! letters or digits).
//!
//! **Numbering.** An article number already used is [`Irregularity::Duplicate`]; one
//! not above the previous article's is [`Irregularity::OutOfOrder`]; one above the
//! highest so far + 1 is [`Irregularity::Gap`] (measured from the highest, so that two
//! swapped articles are one irregularity, not three). Articles are kept in the order written.
//!
//! **Before the draft.** Lines before the first heading are the preamble. A line that
//! is itself a title (《…》 alone, or an unpunctuated line ending in 条例 / 办法 / …, or
//! containing 草案 / 征求意见稿 and ending with it or its bracket) becomes the title;
//! the last such line wins, since the title stands right above the text. A following
//! line that is only a draft note such as （草案） is appended to it. Without such a
//! line, the first 《…》 of the preamble (as in a notice 关于征求《…》意见的公告) is the
//! title. A 目录 line starts a table of contents: division headings after it are
//! skipped until a division number repeats (the body starts) or an article appears.
//! A table of contents without a 目录 line is caught when a division repeats before
//! any article: the divisions collected so far are dropped.
//!
//! **After the draft.** Once the last paragraph of an article is finished, a line
//! starting 附件 / 附表 / 附录 / 附： / 关于《 / 起草说明, a date line on its own, or a
//! short signature line ending in 委员会 / 人民政府 / 办公室 …, begins trailing
//! material: every line from there is reported as [`Irregularity::SkippedLine`] until an article heading with the expected number
//! appears (so a contract model in an annex with its own 第一条 stays skipped). Lines
//! between a division heading and its first article are skipped the same way.

use std::borrow::Cow;
use std::collections::HashSet;

use super::number::{chinese_number, is_numeral_char};
use super::read::check_length;
use super::{Article, Division, DivisionLevel, Draft, DraftError, Irregularity};
use crate::limits;

/// Parses a draft regulation. Fails when no article heading is found, or when the
/// text, its articles or one article go beyond [`limits`] (stopping at the first article too many,
/// so that the refusal costs no more than a real draft); everything else that looks
/// wrong is reported in [`Draft::irregularities`].
pub fn parse(text: &str) -> Result<Draft, DraftError> {
    check_length(text)?;
    let text: Cow<'_, str> = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let mut parser = Parser {
        next_article: next_articles(&lines),
        ..Parser::default()
    };
    let mut i = 0;
    while i < lines.len() {
        parser.line_no = i + 1;
        let consumed = parser.line(lines[i], lines.get(i + 1..).unwrap_or_default());
        if parser.articles.len() > limits::DRAFT_ARTICLES {
            return Err(DraftError::TooManyArticles {
                limit: limits::DRAFT_ARTICLES,
            });
        }
        i += 1 + consumed;
    }
    parser.finish()
}

#[derive(Default, PartialEq)]
enum Phase {
    /// Before the first heading: the notice, the title, a status note.
    #[default]
    Pre,
    /// Inside a 目录 block: the divisions listed so far (as paths 编/章/节) and the
    /// path of the last one.
    Toc(HashSet<[u32; 3]>, [u32; 3]),
    Body,
    /// After the draft: annexes, dates, explanations.
    Trailer,
}

#[derive(Default)]
struct Parser {
    phase: Phase,
    line_no: usize,
    started: bool,
    pre_lines: Vec<String>,
    title: Option<String>,
    preamble: String,
    divisions: Vec<Division>,
    articles: Vec<Article>,
    irregularities: Vec<Irregularity>,
    /// The article that non-heading lines are added to.
    current: Option<usize>,
    chapter: Option<usize>,
    section: Option<usize>,
    /// Number of the previous article as written (0 before the first).
    last_article: u32,
    /// The highest article number so far: a gap is measured from it, so that two
    /// swapped articles are reported once (out of order) and not also as gaps.
    max_article: u32,
    seen_articles: HashSet<u32>,
    /// The current path: the last number per level (编, 章, 节), deeper levels reset
    /// when a higher one starts.
    last_division: [u32; 3],
    /// Paths of the divisions before the first article: one seen twice means the
    /// first ones were a table of contents.
    listed_paths: HashSet<[u32; 3]>,
    /// The previous line, or None after a blank line.
    prev_line: Option<String>,
    /// Per line (0-based), the number of the next article heading candidate on a later
    /// line, leaving out cross-references (see [`next_articles`]).
    next_article: Vec<Option<u32>>,
    /// A blank line came since the last text line of the current article.
    blank_since_text: bool,
}

enum Unit {
    Division(DivisionLevel),
    Article,
}

/// `第…X` at the start of a line, before deciding whether it is a heading.
struct Candidate<'a> {
    unit: Unit,
    number: u32,
    label: String,
    /// What follows the unit character, untrimmed.
    rest: &'a str,
}

impl Parser {
    /// Handles one line; returns how many of the following lines it consumed.
    fn line(&mut self, raw: &str, following: &[&str]) -> usize {
        let line = clean(raw);
        if line.is_empty() {
            self.prev_line = None;
            self.blank_since_text = true;
            return 0;
        }
        let consumed = self.dispatch(&line, following);
        self.prev_line = Some(line);
        consumed
    }

    fn dispatch(&mut self, line: &str, following: &[&str]) -> usize {
        let candidate = candidate(line);
        match &mut self.phase {
            Phase::Pre => {
                if is_toc_marker(line) {
                    self.phase = Phase::Toc(HashSet::new(), [0; 3]);
                    return 0;
                }
                self.body_line(line, candidate, following)
            }
            Phase::Toc(listed, path) => {
                if let Some(c) = &candidate {
                    match c.unit {
                        Unit::Division(level) => {
                            let entry = division_path(*path, level, c.number);
                            if division_title(c, false, 0, true).is_some() && listed.insert(entry) {
                                *path = entry;
                                return 0;
                            }
                        }
                        Unit::Article => {}
                    }
                } else if is_toc_filler(line) {
                    return 0;
                }
                self.phase = Phase::Pre;
                self.body_line(line, candidate, following)
            }
            Phase::Body => self.body_line(line, candidate, following),
            Phase::Trailer => {
                if let Some(c) = &candidate
                    && matches!(c.unit, Unit::Article)
                    && c.number == self.last_article + 1
                    && let Some(head) = self.article_head(c)
                {
                    self.phase = Phase::Body;
                    self.add_article(c, head);
                } else {
                    self.skip(line);
                }
                0
            }
        }
    }

    /// A line in the body (or before it, where non-headings go to the preamble).
    fn body_line(
        &mut self,
        line: &str,
        candidate: Option<Candidate<'_>>,
        following: &[&str],
    ) -> usize {
        if let Some(c) = candidate {
            match c.unit {
                Unit::Article => {
                    if let Some(head) = self.article_head(&c) {
                        self.start_body();
                        self.add_article(&c, head);
                        return 0;
                    }
                }
                Unit::Division(level) => {
                    let last = self.last_division[level_index(level)];
                    if let Some(title) = division_title(&c, self.prev_open(), last, false) {
                        self.start_body();
                        return self.add_division(level, c, title, following);
                    }
                }
            }
        }
        if self.phase == Phase::Pre {
            self.pre_lines.push(line.to_owned());
            return 0;
        }
        match self.current {
            Some(index) => {
                let finished = self.blank_since_text || ends_sentence(&self.articles[index].text);
                if finished && is_trailer_start(line) {
                    self.phase = Phase::Trailer;
                    self.skip(line);
                } else {
                    self.append(index, line);
                }
            }
            None => self.skip(line),
        }
        0
    }

    fn skip(&mut self, line: &str) {
        self.irregularities.push(Irregularity::SkippedLine {
            line: self.line_no,
            text: line.to_owned(),
        });
    }

    fn append(&mut self, index: usize, line: &str) {
        let article = &mut self.articles[index];
        let text = &mut article.text;
        if text.is_empty() {
            text.push_str(line);
        } else if self.blank_since_text || ends_sentence(text) || starts_with_item(line) {
            text.push('\n');
            text.push_str(line);
        } else {
            let ascii_join = text
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && line
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
            if ascii_join {
                text.push(' ');
            }
            text.push_str(line);
        }
        self.blank_since_text = false;
    }

    /// The previous line ends in the middle of a reference, so a 第…条 glued to text at
    /// the start of this line continues it.
    fn prev_open(&self) -> bool {
        self.prev_line
            .as_deref()
            .is_some_and(|l| !ends_sentence(l) && OPEN_ENDS.iter().any(|e| l.ends_with(e)))
    }

    /// Decides whether an article candidate is a heading; returns its title and text.
    fn article_head(&self, c: &Candidate<'_>) -> Option<(Option<String>, String)> {
        let trimmed = c.rest.trim_start();
        if let Some((title, after)) = bracket_title(trimmed) {
            return Some((Some(title), after.trim().to_owned()));
        }
        let separated = trimmed.is_empty() || trimmed.len() != c.rest.len();
        if separated {
            return Some((None, trimmed.trim_end().to_owned()));
        }
        let expected = c.number == self.last_article.saturating_add(1)
            || c.number == self.max_article.saturating_add(1);
        if !expected || starts_with_strong_reference(trimmed) {
            return None;
        }
        // 第二十一条：有关部门… — a colon stands for the lost space.
        let text = trimmed.strip_prefix(['：', ':']).unwrap_or(trimmed);
        let heading = (!self.prev_open() && !starts_with_reference(trimmed))
            || self.numbering_needs(c.number);
        heading.then(|| (None, text.trim().to_owned()))
    }

    /// No later line starts with article `number` before a higher one does: taking
    /// this line as its heading fills what would otherwise be a gap in the numbering,
    /// while a cross-reference to the next article is followed by that article's own
    /// heading.
    fn numbering_needs(&self, number: u32) -> bool {
        let next = self
            .line_no
            .checked_sub(1)
            .and_then(|i| self.next_article.get(i).copied().flatten());
        next.is_none_or(|n| n > number)
    }

    fn start_body(&mut self) {
        if self.phase == Phase::Pre {
            self.phase = Phase::Body;
        }
        if self.started {
            return;
        }
        self.started = true;
        let (title, preamble) = title_and_preamble(std::mem::take(&mut self.pre_lines));
        self.title = title;
        self.preamble = preamble;
    }

    fn add_article(&mut self, c: &Candidate<'_>, (title, text): (Option<String>, String)) {
        let n = c.number;
        let prev = self.last_article;
        if self.seen_articles.contains(&n) {
            self.irregularities.push(Irregularity::Duplicate(n));
        } else if n <= prev {
            self.irregularities.push(Irregularity::OutOfOrder {
                after: prev,
                found: n,
            });
        } else if n > self.max_article.saturating_add(1) {
            self.irregularities.push(Irregularity::Gap {
                after: self.max_article,
                next: n,
            });
        }
        self.seen_articles.insert(n);
        self.last_article = n;
        self.max_article = self.max_article.max(n);
        self.articles.push(Article {
            number: n,
            label: c.label.clone(),
            title,
            text,
            chapter: self.chapter,
            section: self.section,
        });
        self.current = Some(self.articles.len() - 1);
        self.blank_since_text = false;
    }

    fn add_division(
        &mut self,
        level: DivisionLevel,
        c: Candidate<'_>,
        mut title: String,
        following: &[&str],
    ) -> usize {
        let path = division_path(self.last_division, level, c.number);
        if self.articles.is_empty() && !self.listed_paths.insert(path) {
            // A table of contents without a 目录 line: what came so far was only a list.
            self.listed_paths.clear();
            self.listed_paths.insert(path);
            self.divisions.clear();
            self.chapter = None;
            self.section = None;
            self.last_division = [0; 3];
        }
        let mut consumed = 0;
        if title.is_empty() {
            // 第一章 alone on its line, the title on the next one.
            let next = following.iter().position(|l| !clean(l).is_empty());
            if let Some(k) = next {
                let next_line = clean(following[k]);
                if candidate(&next_line).is_none()
                    && next_line.chars().count() <= 20
                    && !has_punctuation(&next_line)
                {
                    title = squeeze(&next_line);
                    consumed = k + 1;
                }
            }
        }
        let index = self.divisions.len();
        match level {
            DivisionLevel::Part => {
                self.chapter = None;
                self.section = None;
                self.last_division[1] = 0;
                self.last_division[2] = 0;
            }
            DivisionLevel::Chapter => {
                self.chapter = Some(index);
                self.section = None;
                self.last_division[2] = 0;
            }
            DivisionLevel::Section => self.section = Some(index),
        }
        self.last_division[level_index(level)] = c.number;
        self.divisions.push(Division {
            level,
            number: c.number,
            label: c.label,
            title,
            first_article: self.articles.len(),
        });
        self.current = None;
        consumed
    }

    fn finish(self) -> Result<Draft, DraftError> {
        if self.articles.is_empty() {
            return Err(DraftError::NoArticles);
        }
        if let Some(long) = self.articles.iter().find(|a| {
            a.text.len() > limits::ARTICLE_CHARS && a.text.chars().count() > limits::ARTICLE_CHARS
        }) {
            return Err(DraftError::ArticleTooLong {
                label: long.label.clone(),
                limit: limits::ARTICLE_CHARS,
            });
        }
        Ok(Draft {
            title: self.title,
            preamble: self.preamble,
            divisions: self.divisions,
            articles: self.articles,
            irregularities: self.irregularities,
        })
    }
}

/// The path 编/章/节 of a division numbered `number` at `level` after `path`.
fn division_path(path: [u32; 3], level: DivisionLevel, number: u32) -> [u32; 3] {
    let index = level_index(level);
    let mut out = path;
    out[index] = number;
    for deeper in out.iter_mut().skip(index + 1) {
        *deeper = 0;
    }
    out
}

fn level_index(level: DivisionLevel) -> usize {
    match level {
        DivisionLevel::Part => 0,
        DivisionLevel::Chapter => 1,
        DivisionLevel::Section => 2,
    }
}

/// Trims whitespace (U+3000 included), drops invisible characters that editors leave,
/// and unwraps Markdown heading marks and a bold label (`## 第一章 总则`,
/// `**第一条** …`) so that a .md draft reads like plain text.
fn clean(raw: &str) -> String {
    let mut line = raw.trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
    let hashes = line.len() - line.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(char::is_whitespace) {
        line = line[hashes..].trim_start();
    }
    let mut out: String = if line.contains(is_invisible) {
        line.chars().filter(|&c| !is_invisible(c)).collect()
    } else {
        line.to_owned()
    };
    if let Some(bold) = out.strip_prefix("**")
        && let Some(end) = bold.find("**")
    {
        out = format!("{}{}", &bold[..end], &bold[end + 2..]);
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
    )
}

/// Removes whitespace between CJK characters (总　　则 → 总则) and collapses it to one
/// space between ASCII words.
fn squeeze(s: &str) -> String {
    let mut out = String::new();
    let mut pending_space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && c.is_ascii() && out.chars().next_back().is_some_and(|p| p.is_ascii()) {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// `第` + number + unit at the start of a (cleaned) line.
fn candidate(line: &str) -> Option<Candidate<'_>> {
    let rest = line.strip_prefix('第')?;
    let mut numeral = String::new();
    for (i, c) in rest.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        let unit = match c {
            '编' => Unit::Division(DivisionLevel::Part),
            '章' => Unit::Division(DivisionLevel::Chapter),
            '节' => Unit::Division(DivisionLevel::Section),
            '条' => Unit::Article,
            c if is_numeral_char(c) && numeral.chars().count() < 12 => {
                numeral.push(c);
                continue;
            }
            _ => return None,
        };
        let number = chinese_number(&numeral)?;
        return Some(Candidate {
            unit,
            number,
            label: format!("第{numeral}{c}"),
            rest: &rest[i + c.len_utf8()..],
        });
    }
    None
}

/// The title of a division heading, or None when the line is not one (see module docs).
/// `relaxed` is for a table of contents, where only the shape matters.
fn division_title(c: &Candidate<'_>, prev_open: bool, last: u32, relaxed: bool) -> Option<String> {
    let trimmed = c.rest.trim_start();
    let separated = trimmed.is_empty() || trimmed.len() != c.rest.len();
    let title = squeeze(trimmed);
    let length = title.chars().count();
    if has_punctuation(&title) || length > 40 {
        return None;
    }
    if !separated && !relaxed {
        let plausible = c.number == 1 || c.number == last.saturating_add(1);
        if length > 20 || !plausible || prev_open || starts_with_reference(&title) {
            return None;
        }
    }
    Some(title)
}

/// 【立法目的】, 〔…〕, [...], ［…］ or （目的和依据） right after 第…条; returns the title
/// and what follows it. A parenthesised item number such as （一） is not a title.
fn bracket_title(s: &str) -> Option<(String, &str)> {
    let open = s.chars().next()?;
    let close = match open {
        '【' => '】',
        '〔' => '〕',
        '[' => ']',
        '［' => '］',
        '（' => '）',
        '(' => ')',
        _ => return None,
    };
    let inner_start = open.len_utf8();
    let end = s[inner_start..].find(close)? + inner_start;
    let title = squeeze(&s[inner_start..end]);
    let length = title.chars().count();
    let parenthesis = matches!(open, '（' | '(');
    if title.is_empty()
        || length > 30
        || has_punctuation(&title)
        || (parenthesis && (length > 20 || title.chars().all(is_numeral_char)))
    {
        return None;
    }
    Some((title, &s[end + close.len_utf8()..]))
}

const SENTENCE_END: &[char] = &['。', '；', '：', '！', '？', ';', ':', '!', '?'];
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '》', '"', '\''];

/// Whether `s` ends a sentence (。；：！？, possibly followed by closing quotes or brackets).
fn ends_sentence(s: &str) -> bool {
    s.trim_end_matches(|c: char| CLOSERS.contains(&c) || c.is_whitespace())
        .ends_with(SENTENCE_END)
}

fn has_punctuation(s: &str) -> bool {
    s.contains(['。', '，', '；', '：', '！', '？', ',', ';', ':', '!', '?'])
}

/// Line endings after which a glued 第…条 on the next line continues a reference.
const OPEN_ENDS: &[&str] = &[
    "本条例",
    "本办法",
    "本规定",
    "本法",
    "本细则",
    "本规则",
    "本决定",
    "依照",
    "按照",
    "根据",
    "违反",
    "适用",
    "参照",
    "依据",
    "符合",
    "执行",
    "、",
    "，",
    ",",
    "和",
    "或者",
    "及",
    "与",
    "至",
    "》",
];

/// Words that continue a cross-reference right after 第…条 (第五条规定, 第五条第二款 …).
const REFERENCE_STARTS: &[&str] = &[
    "规定", "的", "之", "所", "中", "第", "款", "项", "、", "，", ",", "。", "；", "至", "和",
    "与", "或", "及", "并", "有关", "以外", "以下", "以上", "列", "关于", "条",
];

fn starts_with_reference(s: &str) -> bool {
    REFERENCE_STARTS.iter().any(|w| s.starts_with(w))
}

/// What only a cross-reference continues with (第五条规定, 第五条的, 第五条第二款,
/// 第五条、第六条 …), never the text of an article: the words of [`REFERENCE_STARTS`]
/// that can also open a sentence (有关部门, 项目, 中小学校, 所有, 及时, 关于 …) are
/// left out.
const STRONG_REFERENCE_STARTS: &[&str] = &[
    "规定",
    "的",
    "之",
    "所列",
    "所称",
    "所指",
    "所述",
    "所规定",
    "所确定",
    "第",
    "、",
    "，",
    ",",
    "。",
    "；",
    ";",
    "至第",
    "和第",
    "与第",
    "或者第",
    "及第",
    "以及第",
    "中规定",
    "中的",
    "以外",
    "之外",
];

fn starts_with_strong_reference(s: &str) -> bool {
    STRONG_REFERENCE_STARTS.iter().any(|w| s.starts_with(w))
}

/// For each line, the number of the first article candidate on a later line, not
/// counting those glued to a cross-reference's continuation: what tells a heading that
/// lost its separator from a reference to the next article wrapped to a new line.
fn next_articles(lines: &[&str]) -> Vec<Option<u32>> {
    let mut out = vec![None; lines.len()];
    let mut next = None;
    for (i, raw) in lines.iter().enumerate().rev() {
        out[i] = next;
        let line = clean(raw);
        if let Some(c) = candidate(&line)
            && matches!(c.unit, Unit::Article)
            && !starts_with_strong_reference(c.rest)
        {
            next = Some(c.number);
        }
    }
    out
}

/// Item markers that start a new line inside an article: （一） (一) 一、 （1） (1) 1. 1、 ①.
fn starts_with_item(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if ('①'..='⑳').contains(&first) {
        return true;
    }
    if matches!(first, '（' | '(') {
        let inner: String = chars
            .by_ref()
            .take_while(|&c| c != '）' && c != ')')
            .collect();
        return !inner.is_empty()
            && inner.chars().count() <= 4
            && inner.chars().all(is_numeral_char)
            && line
                .chars()
                .nth(inner.chars().count() + 1)
                .is_some_and(|c| c == '）' || c == ')');
    }
    let numeral: String = line.chars().take_while(|&c| is_numeral_char(c)).collect();
    let count = numeral.chars().count();
    if count == 0 || count > 4 {
        return false;
    }
    let mut after = line.chars().skip(count);
    match after.next() {
        Some('、') => true,
        // 1. is an item, 1.5米 is a wrapped number.
        Some('.' | '．') => {
            numeral
                .chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
                && !after.next().is_some_and(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

fn is_toc_marker(line: &str) -> bool {
    squeeze(line).replace(' ', "") == "目录"
}

/// Page numbers and dot leaders inside a table of contents.
fn is_toc_filler(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || matches!(c, '.' | '…' | '·' | '-'))
}

/// Material after the draft: annexes, explanations, a date line.
fn is_trailer_start(line: &str) -> bool {
    let s: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    for prefix in ["附件", "附表", "附录"] {
        if let Some(after) = s.strip_prefix(prefix) {
            let next = after.chars().next();
            if next
                .is_none_or(|c| is_numeral_char(c) || matches!(c, '：' | ':' | '（' | '(' | '《'))
            {
                return true;
            }
        }
    }
    s.starts_with("附：")
        || s.starts_with("附:")
        || s.starts_with("关于《")
        || s.starts_with("起草说明")
        || (s.starts_with('《') && s.ends_with("说明"))
        || is_date_line(&s)
        || is_signature_line(&s)
}

/// The issuing body under a notice or a draft: 某市人民代表大会常务委员会法制工作委员会.
fn is_signature_line(s: &str) -> bool {
    s.chars().count() <= 30
        && !has_punctuation(s)
        && ["委员会", "人民政府", "办公室", "办公厅", "司法局"]
            .iter()
            .any(|w| s.ends_with(w))
}

/// 2024年5月10日, 二〇二四年五月十日 or 2024年5月, alone on a line.
fn is_date_line(s: &str) -> bool {
    let Some((year, rest)) = s.split_once('年') else {
        return false;
    };
    let Some((month, day)) = rest.split_once('月') else {
        return false;
    };
    let numeric =
        |p: &str| !p.is_empty() && p.chars().count() <= 4 && p.chars().all(is_numeral_char);
    let day_ok = day.is_empty() || day.strip_suffix('日').is_some_and(numeric);
    year.chars().count() == 4 && numeric(year) && numeric(month) && day_ok
}

/// Splits the lines before the first heading into the title and the preamble.
fn title_and_preamble(lines: Vec<String>) -> (Option<String>, String) {
    let mut found: Option<(usize, usize, String)> = None;
    for (k, line) in lines.iter().enumerate() {
        if let Some(mut title) = whole_line_title(line) {
            let mut end = k;
            if let Some(note) = lines.get(k + 1).filter(|l| is_draft_note(&squeeze(l))) {
                title.push_str(&squeeze(note));
                end = k + 1;
            }
            found = Some((k, end, title));
        }
    }
    match found {
        Some((start, end, title)) => {
            let preamble: Vec<&str> = lines
                .iter()
                .enumerate()
                .filter(|(k, _)| *k < start || *k > end)
                .map(|(_, l)| l.as_str())
                .collect();
            (Some(title), preamble.join("\n"))
        }
        None => {
            let title = lines.iter().find_map(|l| quoted_title(l));
            (title, lines.join("\n"))
        }
    }
}

/// A line that is nothing but a title: 《…》 (maybe with a draft note after it), or an
/// unpunctuated line naming a regulation or a draft.
fn whole_line_title(line: &str) -> Option<String> {
    let s = squeeze(line);
    if let Some(inner) = s.strip_prefix('《') {
        let end = inner.find('》')?;
        let after = &inner[end + '》'.len_utf8()..];
        let title = &inner[..end];
        return (!title.is_empty() && (after.is_empty() || is_draft_note(after)))
            .then(|| format!("{title}{after}"));
    }
    let length = s.chars().count();
    if s.contains('《')
        || has_punctuation(&s)
        || !(4..=60).contains(&length)
        || s.starts_with(['（', '('])
        || s.starts_with("关于")
    {
        return None;
    }
    let draft = ["草案", "征求意见稿", "送审稿", "修正案"]
        .iter()
        .any(|w| s.contains(w))
        && s.ends_with(['）', ')', '稿', '案']);
    let regulation = ["条例", "办法", "规定", "规则", "细则", "决定"]
        .iter()
        .any(|w| s.ends_with(w));
    (draft || regulation).then_some(s)
}

/// （草案）, （修订草案征求意见稿）, (征求意见稿) … on a line of its own or after 《…》.
fn is_draft_note(s: &str) -> bool {
    let inner = s
        .strip_prefix('（')
        .and_then(|r| r.strip_suffix('）'))
        .or_else(|| s.strip_prefix('(').and_then(|r| r.strip_suffix(')')));
    inner.is_some_and(|i| {
        i.chars().count() <= 20 && ["草案", "稿", "修正案"].iter().any(|w| i.contains(w))
    })
}

/// The first 《…》 in a line, for a notice that names the draft but has no title line.
fn quoted_title(line: &str) -> Option<String> {
    let start = line.find('《')? + '《'.len_utf8();
    let end = line[start..].find('》')? + start;
    let title = squeeze(&line[start..end]);
    (!title.is_empty()).then_some(title)
}
