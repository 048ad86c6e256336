//! Chinese (and mixed) text into search tokens with jieba, the same way for what is
//! indexed and for what is asked, so that both backends match on the same words.
//!
//! Why jieba: Chinese has no spaces, and trigram indexes miss the two-character words
//! (工资, 离婚, 物业) that most questions hinge on. `cut_for_search` also emits the
//! shorter words inside a long one (劳动合同法 → 劳动, 合同, 劳动合同法), so a question
//! that uses part of a term still finds it.
//!
//! Every token is made of letters and digits only (ASCII lowercased, full-width forms
//! folded), so neither SQLite's unicode61 tokenizer nor PostgreSQL's parser splits it
//! again: the database indexes exactly the tokens stored beside the text.
//!
//! Residents write 吵, 砸墙 or 五险一金 where an entry says 噪声, 装修 or 社保: the
//! thesaurus (`data/faq/synonyms.txt`) names the words that mean the same thing, so the
//! search can match one for another ([`synonyms`]).

use std::{collections::HashMap, sync::LazyLock};

use jieba_rs::Jieba;

/// The dictionary is large: loaded once, on first use, never at start (unless stored
/// tokens must be made again, see [`fingerprint`]).
static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    let thesaurus = THESAURUS.groups.iter().flatten();
    for word in WORDS.iter().chain(thesaurus) {
        if word.chars().count() > 1 {
            jieba.add_word(word, Some(20_000), None);
        }
    }
    jieba
});

/// The thesaurus as written: one group of words meaning the same thing a line.
const THESAURUS_TEXT: &str = include_str!("../../../data/faq/synonyms.txt");

/// The groups of the thesaurus, and the group of each word.
struct Thesaurus {
    groups: Vec<Vec<&'static str>>,
    group_of: HashMap<&'static str, Vec<usize>>,
}

static THESAURUS: LazyLock<Thesaurus> = LazyLock::new(|| {
    let groups: Vec<Vec<&'static str>> = THESAURUS_TEXT
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split_whitespace().collect())
        .collect();
    let mut group_of: HashMap<&'static str, Vec<usize>> = HashMap::new();
    for (i, group) in groups.iter().enumerate() {
        for word in group {
            group_of.entry(word).or_default().push(i);
        }
    }
    Thesaurus { groups, group_of }
});

/// The other words that mean what `word` means, in the thesaurus's order. A word in
/// two groups has the words of both.
pub fn synonyms(word: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let t = &*THESAURUS;
    for i in t.group_of.get(word).into_iter().flatten() {
        for w in &t.groups[*i] {
            if *w != word && !out.contains(w) {
                out.push(w);
            }
        }
    }
    out
}

/// What the stored tokens of an entry depend on, as a number stored beside them: the
/// words taught to jieba, the stop words and the way text is cut. When it differs from
/// the one stored with an entry, the entry's tokens are made again at start
/// (`Faq::retokenize_stale`), on both backends, so the index and the questions are
/// always cut alike. Bump the version when the cutting itself changes.
pub fn fingerprint() -> i64 {
    static FINGERPRINT: LazyLock<i64> = LazyLock::new(|| {
        // FNV-1a: stable across builds and platforms, unlike std's hasher.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |s: &str| {
            for b in s.bytes().chain([0xff]) {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        };
        eat("cut v2: jieba cut_for_search, hmm, alphanumeric parts");
        for w in WORDS.iter().chain(STOP) {
            eat(w);
        }
        eat(THESAURUS_TEXT);
        // Stored as a signed BIGINT; 0 means "never tokenized by this scheme".
        (hash >> 1) as i64 | 1
    });
    *FINGERPRINT
}

/// Everyday legal words jieba's general dictionary would cut in pieces. Kept short and
/// general: topic words, not phrasings of particular questions.
const WORDS: &[&str] = &[
    "物业费",
    "物业公司",
    "业主大会",
    "业委会",
    "业主委员会",
    "劳动合同",
    "劳动仲裁",
    "经济补偿",
    "试用期",
    "加班费",
    "最低工资",
    "社保",
    "工伤",
    "年休假",
    "押金",
    "预付卡",
    "七天无理由",
    "退一赔三",
    "彩礼",
    "抚养费",
    "遗嘱",
    "继承权",
    "交通事故",
    "酒驾",
    "醉驾",
    "电动自行车",
    "高空抛物",
    "立法联系点",
    "基层立法联系点",
    "征求意见",
    "地方性法规",
    "人大代表",
    "入职",
    "离职",
    "辞退",
    "网购",
    "拖欠",
    "欠薪",
];

/// Words that carry no topic: particles, pronouns, question words and fillers.
/// Dropping them keeps "我想问一下……怎么办" from matching every entry a little.
const STOP: &[&str] = &[
    "的",
    "了",
    "吗",
    "呢",
    "吧",
    "啊",
    "呀",
    "哦",
    "嘛",
    "么",
    "是",
    "在",
    "和",
    "与",
    "及",
    "或",
    "我",
    "我们",
    "你",
    "你们",
    "他",
    "她",
    "它",
    "他们",
    "她们",
    "咱",
    "咱们",
    "自己",
    "人家",
    "这",
    "那",
    "这个",
    "那个",
    "这样",
    "那样",
    "这种",
    "哪",
    "哪个",
    "哪些",
    "什么",
    "啥",
    "怎么",
    "怎么办",
    "怎么样",
    "怎样",
    "如何",
    "为什么",
    "为啥",
    "多少",
    "几",
    "谁",
    "吗",
    "可以",
    "能",
    "能不能",
    "可不可以",
    "会",
    "会不会",
    "要",
    "要不要",
    "该",
    "应该",
    "应不应该",
    "是否",
    "是不是",
    "有没有",
    "有",
    "没有",
    "没",
    "不",
    "也",
    "都",
    "就",
    "还",
    "又",
    "再",
    "请问",
    "问",
    "问一下",
    "一下",
    "想",
    "想问",
    "知道",
    "告诉",
    "请",
    "麻烦",
    "帮忙",
    "帮",
    "一个",
    "个",
    "些",
    "一些",
    "很",
    "太",
    "非常",
    "特别",
    "比较",
    "最",
    "更",
    "挺",
    "如果",
    "假如",
    "要是",
    "但是",
    "可是",
    "因为",
    "所以",
    "然后",
    "还是",
    "或者",
    "而且",
    "给",
    "把",
    "被",
    "让",
    "对",
    "从",
    "到",
    "向",
    "跟",
    "同",
    "为",
    "于",
    "以",
    "由",
    "说",
    "做",
    "弄",
    "搞",
    "去",
    "来",
    "上",
    "下",
    "里",
    "中",
    "后",
    "前",
    "时候",
    "时",
    "现在",
    "已经",
    "一直",
    "总是",
    "老是",
    "还有",
    "等",
    "等等",
    "之",
    "其",
    "着",
    "过",
    "得",
    "地",
    "嗯",
    "喂",
    "哈",
    "吧",
    "么",
    "呗",
    "啦",
    "哎",
    "诶",
    "了吗",
    "干嘛",
    "干啥",
    "咋",
    "咋办",
    "咋样",
    "咋弄",
    "怎么弄",
    "怎么搞",
    "行不行",
    "对不对",
    "算不算",
    "管不管",
    "罚不罚",
    "赔不赔",
    "正常",
    "合法吗",
    "有用",
    // Colloquial fillers: how often or how badly, not what about.
    "天天",
    "受不了",
    "实在",
    "真的",
    "简直",
    "根本",
    "到底",
    "究竟",
    "有点",
    "一点",
    "有人",
    "别人",
    "人",
    "东西",
    "行吗",
    "好吗",
    // Directional complements: 掉下来, 停下来, 拿出来 are about what comes before.
    "下来",
    "起来",
    "出来",
    "过来",
    "回来",
    "上来",
    "the",
    "a",
    "an",
    "is",
    "are",
    "to",
    "of",
    "and",
    "or",
    "in",
    "on",
    "what",
    "how",
    "can",
    "i",
    "my",
    "do",
    "does",
];

pub(crate) fn is_stop(token: &str) -> bool {
    STOP.contains(&token)
}

/// Folds full-width ASCII forms (ＡＢＣ１２３) to their half-width letters and
/// lowercases ASCII, so a question typed on a phone's full-width keyboard still matches.
fn fold(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// The search tokens of `text`, in order, duplicates kept (the database counts them).
pub fn tokens(text: &str) -> Vec<String> {
    let folded: String = text.chars().map(fold).collect();
    let mut out = Vec::new();
    for piece in JIEBA.cut_for_search(&folded, true) {
        // Split anything that is not a letter or digit away, so the database's own
        // tokenizer has nothing left to split.
        for part in piece.word.split(|c: char| !c.is_alphanumeric()) {
            if !part.is_empty() && !is_stop(part) {
                out.push(part.to_owned());
            }
        }
    }
    out
}

/// The words of a question for scoring: each word as jieba cuts it (precise mode),
/// with the shorter dictionary words inside it (劳动合同法 → 劳动, 合同, 劳动合同法),
/// the whole word first. One word counts once, however many pieces of it match.
pub fn units(text: &str) -> Vec<Vec<String>> {
    let folded: String = text.chars().map(fold).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    for word in JIEBA.cut(&folded, false) {
        for part in word.word.split(|c: char| !c.is_alphanumeric()) {
            if part.is_empty() || is_stop(part) || out.iter().any(|u| u[0] == part) {
                continue;
            }
            let mut forms = vec![part.to_owned()];
            if part.chars().count() > 2 {
                for sub in JIEBA.cut_for_search(part, false) {
                    let sub = sub.word;
                    if sub != part && !is_stop(sub) && !forms.iter().any(|f| f == sub) {
                        forms.push(sub.to_owned());
                    }
                }
            }
            out.push(forms);
        }
    }
    out
}

/// Distinct tokens, first occurrence first.
pub fn distinct(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tokens(text) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Tokens joined by single spaces: the form stored beside the text and indexed.
pub fn joined(text: &str) -> String {
    tokens(text).join(" ")
}

/// The question reduced to its tokens, for recognising the same unanswered question
/// asked again in other words order or punctuation.
pub fn normalized(text: &str) -> String {
    let mut t = distinct(text);
    t.sort();
    t.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_chinese_into_words_and_drops_fillers() {
        let t = tokens("请问邻居装修太吵了怎么办？");
        assert!(t.contains(&"邻居".to_owned()), "{t:?}");
        assert!(t.contains(&"装修".to_owned()), "{t:?}");
        for filler in ["请问", "怎么办", "了", "太"] {
            assert!(!t.contains(&filler.to_owned()), "{filler} in {t:?}");
        }
        assert!(t.iter().all(|t| t.chars().all(char::is_alphanumeric)));
    }

    #[test]
    fn search_cut_keeps_short_words_inside_long_ones() {
        let t = tokens("中华人民共和国劳动合同法");
        assert!(t.contains(&"劳动".to_owned()), "{t:?}");
        assert!(t.contains(&"合同".to_owned()), "{t:?}");
    }

    #[test]
    fn folds_full_width_and_case() {
        assert_eq!(tokens("ＷｉＦｉ密码"), tokens("wifi密码"));
        assert_eq!(normalized("工资 拖欠？"), normalized("拖欠，工资"));
    }

    #[test]
    fn the_thesaurus_keeps_its_words_whole_and_finds_their_synonyms() {
        assert!(tokens("单位不给我上五险一金").contains(&"五险一金".to_owned()));
        let s = synonyms("五险一金");
        assert!(s.contains(&"社保") && !s.contains(&"五险一金"), "{s:?}");
        assert!(synonyms("社保").contains(&"五险一金"));
        assert!(synonyms("吵").contains(&"噪音"));
        assert!(synonyms("没有这个词").is_empty());
        // Every word of a group finds every other one.
        for group in &THESAURUS.groups {
            for w in group {
                for other in group.iter().filter(|o| *o != w) {
                    assert!(synonyms(w).contains(other), "{w} → {other}");
                }
            }
        }
    }

    #[test]
    fn fillers_of_colloquial_questions_are_dropped() {
        let t = tokens("楼上天天装修，吵得受不了，几点以后不许施工？");
        for filler in ["天天", "受不了"] {
            assert!(!t.contains(&filler.to_owned()), "{filler} in {t:?}");
        }
        assert!(t.contains(&"施工".to_owned()), "{t:?}");
    }

    #[test]
    fn the_fingerprint_is_stable_and_never_the_unversioned_zero() {
        assert_eq!(fingerprint(), fingerprint());
        assert_ne!(fingerprint(), 0);
    }
}
