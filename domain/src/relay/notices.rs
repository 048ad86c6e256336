//! What a resident, a liaison and the admins read about a report's steps, rendered in
//! the domain because both channels cause them (a forward from chat and one from the
//! console must queue the same message) and queued as deliveries that the broadcast
//! worker sends. Telegram HTML: every piece of user text goes through [`escape`].

use i18n_embed_fl::fl;

use super::{Category, RelayOutcome, Report};
use crate::{cards::escape, deliveries::OutMessage, i18n::Locales, people::Locale};

/// Characters of the report quoted back so the resident recognises it.
const EXCERPT: usize = 60;

fn excerpt(text: &str) -> String {
    let cut: String = text.chars().take(EXCERPT).collect();
    if text.chars().count() > EXCERPT {
        format!("{cut}…")
    } else {
        cut
    }
}

fn message(html: String) -> OutMessage {
    OutMessage {
        html,
        buttons: vec![],
        pin: false,
    }
}

/// A step the resident is told of.
#[derive(Debug, Clone)]
pub enum Step<'a> {
    /// Forwarded to a department (named).
    Forwarded { department: &'a str },
    /// The department answered (or the liaison recorded its answer).
    Answered {
        outcome: RelayOutcome,
        answer: &'a str,
    },
    /// Closed by the liaison, with the reason in words and their note.
    Closed {
        reason: String,
        note: Option<&'a str>,
    },
    /// Merged into another report, which carries it on.
    Merged { into: &'a str },
}

/// The resident's message for `step` of `report`, in their language.
pub fn to_resident(
    locales: &Locales,
    locale: Locale,
    report: &Report,
    step: &Step<'_>,
) -> OutMessage {
    let l = locales.get(locale);
    let mut lines = vec![
        fl!(l, "relay-notice-header", receipt = report.receipt.as_str()),
        fl!(
            l,
            "relay-notice-report",
            excerpt = escape(&excerpt(&report.body))
        ),
        String::new(),
    ];
    lines.push(match step {
        Step::Forwarded { department } => {
            fl!(l, "relay-notice-forwarded", department = escape(department))
        }
        Step::Answered { outcome, answer } => {
            let outcome = locales.text(locale, outcome.label_id(), &[]);
            fl!(
                l,
                "relay-notice-answered",
                outcome = outcome,
                answer = escape(answer)
            )
        }
        Step::Closed { reason, note } => {
            let mut text = fl!(l, "relay-notice-closed", reason = escape(reason));
            if let Some(note) = note {
                text.push('\n');
                text.push_str(&escape(note));
            }
            text
        }
        Step::Merged { into } => fl!(l, "relay-notice-merged", into = into.to_string()),
    });
    message(lines.join("\n"))
}

/// One line per overdue report: receipt, department, the start of the text.
fn overdue_lines(
    l: &i18n_embed::fluent::FluentLanguageLoader,
    reports: &[(Report, String)],
) -> Vec<String> {
    reports
        .iter()
        .map(|(r, department)| {
            fl!(
                l,
                "relay-overdue-line",
                receipt = r.receipt.as_str(),
                department = escape(department),
                excerpt = escape(&excerpt(&r.body))
            )
        })
        .collect()
}

/// The reminder to a liaison: reports forwarded and unanswered for `days` days.
pub fn reminder(
    locales: &Locales,
    locale: Locale,
    reports: &[(Report, String)],
    days: i64,
) -> OutMessage {
    let l = locales.get(locale);
    let mut lines = vec![fl!(
        l,
        "relay-reminder-header",
        count = reports.len(),
        days = days
    )];
    lines.extend(overdue_lines(l, reports));
    lines.push(fl!(l, "relay-reminder-footer"));
    message(lines.join("\n"))
}

/// The escalation to the admins: reports still unanswered after the reminder.
pub fn escalation(locales: &Locales, locale: Locale, reports: &[(Report, String)]) -> OutMessage {
    let l = locales.get(locale);
    let mut lines = vec![fl!(l, "relay-escalation-header", count = reports.len())];
    lines.extend(overdue_lines(l, reports));
    message(lines.join("\n"))
}

/// A category's name for a message, escaped.
pub fn category(locales: &Locales, locale: Locale, c: &Category) -> String {
    escape(&c.label(locales, locale))
}
