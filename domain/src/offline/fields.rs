//! The cells of an offline opinion, one parser a field (consultation number, date,
//! resident's name, article, view, text, wording), and whether a consultation takes
//! offline opinions from a recorder now.

use chrono::{DateTime, NaiveDate, Utc};

use super::{Channel, Limits, MAX_NAME_CHARS, Problem, Recorder};
use crate::{
    consultations::Consultation,
    open_calls::{self, RELATED_MAX, TITLE_MAX},
    opinions::Stance,
};

/// The spreadsheet template's names for the offline channels (an input vocabulary:
/// the template is filled in Chinese).
impl Channel {
    /// As written in the spreadsheet; None for a channel that is not offline.
    pub fn sheet_label(self) -> Option<&'static str> {
        match self {
            Channel::Forum => Some("座谈会"),
            Channel::Visit => Some("走访"),
            Channel::Hearing => Some("听证会"),
            Channel::OfflineOther => Some("其他"),
            _ => None,
        }
    }

    /// Reads a spreadsheet cell: the Chinese label, or the English word of the
    /// code without its `offline_` prefix (forum, visit, hearing, other), or the code
    /// itself (what the console's form posts).
    pub fn parse_sheet(raw: &str) -> Option<Self> {
        let t = raw.trim();
        Channel::OFFLINE.into_iter().find(|c| {
            c.sheet_label() == Some(t)
                || c.as_str().eq_ignore_ascii_case(t)
                || c.as_str()
                    .strip_prefix("offline_")
                    .is_some_and(|k| k.eq_ignore_ascii_case(t))
        })
    }
}

/// A consultation number as written: C12, c12 or 12.
pub fn consultation_number(raw: &str) -> Option<i64> {
    let t = raw.trim();
    let t = t
        .strip_prefix('C')
        .or_else(|| t.strip_prefix('c'))
        .unwrap_or(t);
    t.trim().parse().ok().filter(|n| *n > 0)
}

/// The day an opinion was gathered: YYYY-MM-DD (also / or . between), not after `today`.
pub fn gathered_on(raw: &str, today: NaiveDate) -> Result<NaiveDate, Problem> {
    let t = raw.trim().replace(['/', '.'], "-");
    if t.is_empty() {
        return Err(Problem::Missing);
    }
    let date = NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| Problem::Format)?;
    if date > today {
        return Err(Problem::Future);
    }
    Ok(date)
}

/// A resident's name, if given: one line of at most [`MAX_NAME_CHARS`] characters.
pub fn resident_name(raw: &str) -> Result<Option<String>, Problem> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars().count() > MAX_NAME_CHARS {
        return Err(Problem::TooLong {
            max: MAX_NAME_CHARS,
        });
    }
    if t.chars().any(char::is_control) {
        return Err(Problem::Format);
    }
    Ok(Some(t.to_owned()))
}

/// An article as typed: 第十二条, 十二, 12 or 12条; None for an empty cell (the whole draft).
pub fn article_number(raw: &str) -> Result<Option<u32>, Problem> {
    let t = raw.trim();
    if t.is_empty() || t == "整部草案" {
        return Ok(None);
    }
    crate::draft::article_number(t)
        .map(Some)
        .ok_or(Problem::Format)
}

/// A stance as written: 支持 / 反对 / 修改建议 / 补充建议 / 其他, or the English key.
pub fn stance(raw: &str) -> Option<Stance> {
    let t = raw.trim();
    let zh = match t {
        "支持" => Some(Stance::Support),
        "反对" => Some(Stance::Oppose),
        "修改建议" => Some(Stance::Amend),
        "补充建议" => Some(Stance::Add),
        "其他" => Some(Stance::Other),
        _ => None,
    };
    zh.or_else(|| Stance::parse(&t.to_ascii_lowercase()))
}

/// Text within `min..=max` characters after trimming.
fn bounded(raw: &str, min: usize, max: usize) -> Result<String, Problem> {
    let t = raw.trim();
    let n = t.chars().count();
    if n < min {
        Err(Problem::TooShort { min })
    } else if n > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(t.to_owned())
    }
}

/// The opinion's text, within the configured bounds.
pub fn body(raw: &str, limits: &Limits) -> Result<String, Problem> {
    if raw.trim().is_empty() {
        return Err(Problem::Missing);
    }
    bounded(raw, limits.chars.0, limits.chars.1)
}

/// Proposed wording, if any: at most as long as an opinion.
pub fn wording(raw: &str, limits: &Limits) -> Result<Option<String>, Problem> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    bounded(raw, 1, limits.chars.1).map(Some)
}

/// A suggestion's project title: one line of 2–[`TITLE_MAX`] characters, as
/// [`crate::open_calls::title`] checks it in chat and on the web.
pub fn title(raw: &str) -> Result<String, Problem> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(Problem::Missing);
    }
    if t.chars().any(char::is_control) {
        return Err(Problem::Format);
    }
    let checked = bounded(t, 2, TITLE_MAX)?;
    open_calls::title(&checked).map_err(|_| Problem::Format)
}

/// What a suggested project should contain: an opinion's bounds.
pub fn contents(raw: &str, limits: &Limits) -> Result<String, Problem> {
    body(raw, limits)
}

/// The related existing rules, if any: at most [`RELATED_MAX`] characters.
pub fn related(raw: &str) -> Result<Option<String>, Problem> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let checked = bounded(raw, 1, RELATED_MAX)?;
    open_calls::related(&checked).map_err(|_| Problem::Format)
}

/// Whether `recorder` may record on `c` now: open, before its deadline, and reaching
/// the recorder's point. Opinions on a draft, suggestions on an open call: which one
/// a row is, is checked with its columns.
pub fn admissible(
    c: &Consultation,
    recorder: &Recorder,
    now: DateTime<Utc>,
) -> Result<(), Problem> {
    if !c.open_at(now) {
        return Err(Problem::NotOpen);
    }
    match recorder.point {
        Some(point) if !c.reaches(point) => Err(Problem::OutOfScope),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn cells_are_read_as_documented() {
        assert_eq!(consultation_number("C12"), Some(12));
        assert_eq!(consultation_number(" 12 "), Some(12));
        assert_eq!(consultation_number("C"), None);
        assert_eq!(consultation_number("第12号"), None);
        let today = day("2026-11-24");
        assert_eq!(gathered_on("2026-11-20", today), Ok(day("2026-11-20")));
        assert_eq!(gathered_on("2026/11/24", today), Ok(today));
        assert_eq!(gathered_on("2026-11-25", today), Err(Problem::Future));
        assert_eq!(gathered_on("11月20日", today), Err(Problem::Format));
        assert_eq!(gathered_on(" ", today), Err(Problem::Missing));
        assert_eq!(article_number("第十二条"), Ok(Some(12)));
        assert_eq!(article_number("12"), Ok(Some(12)));
        assert_eq!(article_number(""), Ok(None));
        assert_eq!(article_number("第x条"), Err(Problem::Format));
        assert_eq!(stance("修改建议"), Some(Stance::Amend));
        assert_eq!(stance("Support"), Some(Stance::Support));
        assert_eq!(stance("赞成"), None);
        assert_eq!(Channel::parse_sheet("听证会"), Some(Channel::Hearing));
        assert_eq!(Channel::parse_sheet("Visit"), Some(Channel::Visit));
        assert_eq!(Channel::parse_sheet("电话"), None);
        assert_eq!(Channel::parse_sheet("card"), None);
        assert_eq!(resident_name(""), Ok(None));
        assert_eq!(
            resident_name(&"名".repeat(51)),
            Err(Problem::TooLong { max: 50 })
        );
    }
}
