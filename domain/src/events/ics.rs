//! An event as an iCalendar file (RFC 5545), for a resident's calendar: the `.ics`
//! link of the web pages. Text is escaped as the RFC asks (`\\ ; , \n`) and lines are
//! folded at 75 octets, so any calendar reads it.

use chrono::{DateTime, Utc};

use super::{Event, EventStatus};

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if len + n > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += n;
    }
    out.push_str("\r\n");
    out
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The calendar file of `event`; `host` makes its UID unique to this deployment, and
/// `page` is the event's web page.
pub fn calendar(event: &Event, host: &str, page: &str, now: DateTime<Utc>) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//consult-bot//events//ZH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:event-{}@{}", event.id, escape(host)),
        format!("DTSTAMP:{}", stamp(now)),
        format!("DTSTART:{}", stamp(event.starts_at)),
        format!("DTEND:{}", stamp(event.ends_at)),
        format!("SUMMARY:{}", escape(&event.title)),
        format!("LOCATION:{}", escape(event.venue.as_str())),
        format!(
            "DESCRIPTION:{}",
            escape(format!("{}\n{}", event.topic, event.description).trim())
        ),
        format!("URL:{}", escape(page)),
    ];
    if event.status == EventStatus::Cancelled {
        lines.push("STATUS:CANCELLED".to_owned());
    }
    lines.extend(["END:VEVENT".to_owned(), "END:VCALENDAR".to_owned()]);
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_folded_on_character_boundaries() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        let long = format!("SUMMARY:{}", "法".repeat(40));
        let folded = fold(&long);
        for line in folded.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
    }
}
