//! Chinese numerals as used in article and chapter headings (第一百零一条).
//!
//! Parsing is strict on purpose: a heading is recognised only when its number reads
//! unambiguously, so colloquial forms (一百一 for 110) and nonsense (一二三) are
//! rejected and the line stays text rather than becoming a wrong article.

/// Reads 一 … 九千九百九十九 (with 零/〇 and 两), a year-style string of digits with
/// 〇 (二〇二四), or ASCII / full-width digits. `None` when it is not a number.
pub fn chinese_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| arabic_digit(c).is_some()) {
        let mut n: u32 = 0;
        for c in s.chars() {
            n = n.checked_mul(10)?.checked_add(arabic_digit(c)?)?;
        }
        return Some(n);
    }
    if !s.chars().any(|c| unit_value(c).is_some()) {
        return positional(s);
    }
    let mut total: u32 = 0;
    let mut pending: Option<u32> = None;
    let mut last_unit: u32 = 10_000;
    let mut zero_seen = false;
    for c in s.chars() {
        if let Some(unit) = unit_value(c) {
            if unit >= last_unit {
                return None;
            }
            let digit = match pending.take() {
                Some(d) => d,
                // A bare 十 only at the start: 十二 = 12, but 一百十 is not written.
                None if unit == 10 && last_unit == 10_000 => 1,
                None => return None,
            };
            check_zero(last_unit, unit, zero_seen)?;
            zero_seen = false;
            last_unit = unit;
            total += digit * unit;
        } else if matches!(c, '零' | '〇') {
            if pending.is_some() || zero_seen || last_unit == 10_000 {
                return None;
            }
            zero_seen = true;
        } else {
            let d = cjk_digit(c)?;
            if pending.is_some() {
                return None;
            }
            pending = Some(d);
        }
    }
    match pending {
        Some(d) => {
            check_zero(last_unit, 1, zero_seen)?;
            Some(total + d)
        }
        None if zero_seen => None,
        None => Some(total),
    }
}

/// A skipped unit must be marked by 零 (一百零一) and an adjacent one must not be (一百一十).
fn check_zero(last_unit: u32, unit: u32, zero_seen: bool) -> Option<()> {
    if last_unit == 10_000 {
        return (!zero_seen).then_some(());
    }
    let skipped = last_unit / unit > 10;
    (skipped == zero_seen).then_some(())
}

/// 五, or year-style 二〇二四 (which needs a 〇 to be told from nonsense like 一二).
fn positional(s: &str) -> Option<u32> {
    let count = s.chars().count();
    let leading_zero = s.starts_with(['〇', '零']);
    if count > 9 || (count > 1 && (leading_zero || !s.contains(['〇', '零']))) {
        return None;
    }
    let mut n: u32 = 0;
    for c in s.chars() {
        let d = match c {
            '零' | '〇' => 0,
            c => cjk_digit(c)?,
        };
        n = n * 10 + d;
    }
    Some(n)
}

fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn cjk_digit(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn unit_value(c: char) -> Option<u32> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

/// Whether `c` may appear in the number of a heading (第…条), before it is validated.
pub(crate) fn is_numeral_char(c: char) -> bool {
    arabic_digit(c).is_some()
        || cjk_digit(c).is_some()
        || unit_value(c).is_some()
        || matches!(c, '零' | '〇')
}

/// Writes `n` the way regulations number their articles: 十, 十二, 一百一十, 一百零一,
/// 一千零一十. Zero is 零; numbers from 10 000 up (no regulation has that many
/// articles) are written in ASCII digits, which [`chinese_number`] reads back too.
pub fn to_chinese_number(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 {
        return "零".to_owned();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let mut out = String::new();
    let mut started = false;
    let mut need_zero = false;
    for (unit, name) in [
        (1000, Some('千')),
        (100, Some('百')),
        (10, Some('十')),
        (1, None),
    ] {
        let d = (n / unit % 10) as usize;
        if d == 0 {
            need_zero |= started;
            continue;
        }
        if need_zero {
            out.push('零');
            need_zero = false;
        }
        if !(unit == 10 && d == 1 && !started) {
            out.push(DIGITS[d]);
        }
        if let Some(name) = name {
            out.push(name);
        }
        started = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_headings_numbers() {
        for (s, n) in [
            ("一", 1),
            ("十", 10),
            ("十二", 12),
            ("一十二", 12),
            ("二十", 20),
            ("一百", 100),
            ("一百零一", 101),
            ("一百一十", 110),
            ("二百", 200),
            ("两百", 200),
            ("一千", 1000),
            ("一千零一", 1001),
            ("一千零一十", 1010),
            ("一千一百", 1100),
            ("九千九百九十九", 9999),
            ("12", 12),
            ("１２", 12),
            ("二〇二四", 2024),
        ] {
            assert_eq!(chinese_number(s), Some(n), "{s}");
        }
    }

    #[test]
    fn rejects_ambiguous_or_nonsense() {
        for s in [
            "",
            "一百一",
            "一二",
            "百",
            "一百十",
            "十十",
            "一千零零一",
            "一百零",
            "零一",
            "一百零一十",
            "一千一十",
            "条",
            "4294967296",
            "一 二",
        ] {
            assert_eq!(chinese_number(s), None, "{s}");
        }
    }

    #[test]
    fn writes_canonical_numbers() {
        assert_eq!(to_chinese_number(10), "十");
        assert_eq!(to_chinese_number(15), "十五");
        assert_eq!(to_chinese_number(101), "一百零一");
        assert_eq!(to_chinese_number(110), "一百一十");
        assert_eq!(to_chinese_number(1010), "一千零一十");
        assert_eq!(to_chinese_number(2000), "二千");
        assert_eq!(to_chinese_number(0), "零");
        assert_eq!(to_chinese_number(12345), "12345");
    }

    #[test]
    fn round_trips_every_article_number() {
        for n in 1..=9999 {
            assert_eq!(chinese_number(&to_chinese_number(n)), Some(n), "{n}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 256,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn round_trips(n in 1u32..=9999) {
            prop_assert_eq!(chinese_number(&to_chinese_number(n)), Some(n));
        }

        #[test]
        fn never_panics(s in "[一二三四五六七八九十百千零〇两0-9０-９]{0,12}") {
            let _ = chinese_number(&s);
        }
    }
}

/// An article number as people type it: 第十二条, 十二, 12, 12条, [第五条], 【第五条】.
/// Zero is no article.
pub fn article_number(typed: &str) -> Option<u32> {
    let t: String = typed
        .trim()
        .trim_matches(['[', ']', '【', '】'])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let n = t.trim_start_matches('第').trim_end_matches('条');
    n.parse()
        .ok()
        .or_else(|| chinese_number(n))
        .filter(|n| *n > 0)
}

#[cfg(test)]
mod article_number_tests {
    use super::*;

    #[test]
    fn article_numbers_are_read_as_typed() {
        for (typed, n) in [
            ("第十二条", 12),
            ("十二", 12),
            ("12", 12),
            ("12条", 12),
            (" 第一百零一条 ", 101),
            ("第5条", 5),
            ("[第五条]", 5),
            ("【第 五 条】", 5),
        ] {
            assert_eq!(article_number(typed), Some(n), "{typed}");
        }
        for bad in ["条", "hello", "", "第0条"] {
            assert_eq!(article_number(bad), None, "{bad}");
        }
    }
}
