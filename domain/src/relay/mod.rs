//! 社情民意: a resident reports a local problem (a gap in neighbourhood security, an
//! enforcement office acting out of line, a broken facility), the contact point's
//! liaison relays it (转办) to the department responsible (承办部门), follows it up,
//! and the resident hears each step — received, forwarded, answered, closed.
//!
//! Shared by both channels: the chat's `/report` dialogue and the web form store the
//! same [`NewReport`]; the liaison's `/reports` buttons and the staff console call the
//! same [`Relay`] functions; the department answers through a one-time web link
//! ([`links`]) without an account. Every step is one transaction: the report's new
//! state, its history row ([`Event`]), the audit entry and the resident's message in
//! the delivery queue ([`notices`]) land together or not at all.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    Error, UserId,
    error::Field,
    i18n::Locales,
    opinions::{Attachment, Identity},
    people::Locale,
    values::bounded,
};

mod categories;
pub mod links;
pub mod notices;
pub mod photos;
pub mod stats;
mod store;
mod values;

pub use categories::{CATEGORY_NAME_MAX, category_name};
pub use links::DepartmentLink;
pub use store::{Relay, Teller};
pub use values::{AnswerVia, CloseReason, EventKind, RelayOutcome, ReportChannel, ReportStatus};

/// Shortest and longest description of what happened, in characters: too short says
/// nothing a department can act on; too long is a petition, not a report.
pub const BODY_MIN: usize = 5;
pub const BODY_MAX: usize = 2000;
/// Longest "where", in characters (an address or a landmark, one line).
pub const PLACE_MAX: usize = 200;
/// Longest answer, close note or department detail, in characters.
pub const ANSWER_MAX: usize = 2000;
pub const NOTE_MAX: usize = 500;
pub const DEPARTMENT_NAME_MAX: usize = 100;

/// What the relay needs from the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// A forwarded report unanswered this long is reminded to its liaison.
    pub remind_after: Duration,
    /// … and escalated to the admins this long after the reminder.
    pub escalate_after: Duration,
    /// How long a department's link stays valid.
    pub link_ttl: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            remind_after: Duration::days(7),
            escalate_after: Duration::days(7),
            link_ttl: Duration::days(30),
        }
    }
}

/// A category's code: 1–32 of `a-z 0-9 _ -` (it goes into callback data and forms).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CategoryCode(String);

impl CategoryCode {
    pub fn parse(raw: &str) -> Result<Self, Error> {
        let ok = (1..=32).contains(&raw.len())
            && raw
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if ok {
            Ok(Self(raw.to_owned()))
        } else {
            Err(Error::Invalid(Field::Category))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CategoryCode {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        Self::parse(&s)
    }
}

impl From<CategoryCode> for String {
    fn from(c: CategoryCode) -> String {
        c.0
    }
}

/// One category of the configurable list: the six defaults (community governance,
/// public security, environment, traffic, law enforcement, other) are named in
/// `locales/`; one an admin added carries its own names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub code: CategoryCode,
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
    pub position: i32,
    /// Offered to residents; a retired one stays on the reports filed under it.
    pub active: bool,
}

impl Category {
    /// The category's name in `locale`.
    pub fn label(&self, locales: &Locales, locale: Locale) -> String {
        let own = match locale {
            Locale::ZhCn => self.name_zh.as_ref().or(self.name_en.as_ref()),
            Locale::En => self.name_en.as_ref().or(self.name_zh.as_ref()),
        };
        match own {
            Some(name) => name.clone(),
            None => locales.text(
                locale,
                &format!("relay-category-{}", self.code.as_str()),
                &[],
            ),
        }
    }
}

/// A report's receipt number, `S-0012`: what the resident and the liaison call it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Receipt(String);

impl Receipt {
    pub fn of(seq: i64) -> Receipt {
        Receipt(format!("S-{seq:04}"))
    }

    /// Reads `S-0012` (also `s-12`, `S0012`); None for anything else.
    pub fn parse(raw: &str) -> Option<Receipt> {
        let t = raw.trim();
        let digits = t
            .strip_prefix("S-")
            .or_else(|| t.strip_prefix("s-"))
            .or_else(|| t.strip_prefix('S'))
            .or_else(|| t.strip_prefix('s'))?;
        if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse::<i64>().ok().map(Receipt::of)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Receipt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What happened: [`BODY_MIN`]–[`BODY_MAX`] characters.
pub fn body(raw: &str) -> Result<String, Error> {
    bounded(raw, BODY_MIN, BODY_MAX, false, Field::ReportText)
}

/// Where: 1–[`PLACE_MAX`] characters on one line.
pub fn place(raw: &str) -> Result<String, Error> {
    bounded(raw, 1, PLACE_MAX, true, Field::ReportPlace)
}

/// A department's answer, or what a phone call or letter said: 1–[`ANSWER_MAX`].
pub fn answer(raw: &str) -> Result<String, Error> {
    bounded(raw, 1, ANSWER_MAX, false, Field::ReportAnswer)
}

/// A liaison's note on closing: 1–[`NOTE_MAX`] characters.
pub fn note(raw: &str) -> Result<String, Error> {
    bounded(raw, 1, NOTE_MAX, false, Field::ReportAnswer)
}

/// A place on a map, as Telegram sends a location.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
}

impl Location {
    /// A point on Earth, or nothing.
    pub fn new(latitude: f64, longitude: f64) -> Option<Location> {
        ((-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude)).then_some(
            Location {
                latitude,
                longitude,
            },
        )
    }
}

/// A report ready to be stored: every field already checked. Built only by
/// [`NewReport::new`], so nothing unchecked reaches the ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReport {
    submission_key: String,
    category: CategoryCode,
    body: String,
    place: String,
    location: Option<Location>,
    attachments: Vec<Attachment>,
    identity: Identity,
    reporter_id: Option<UserId>,
    reporter_name: Option<String>,
    consent_details: bool,
    locale: Locale,
    channel: ReportChannel,
    point_id: Option<i64>,
}

/// Who the reporter is, as they chose: anonymous, or named with consent to keep the
/// name (without consent the name is not kept and the report counts as anonymous).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reporter {
    /// Their Telegram id (chat, or the web inside the Mini App): how they are told.
    pub telegram: Option<UserId>,
    pub identity: Identity,
    pub name: Option<String>,
    pub consent_details: bool,
    pub locale: Locale,
}

impl NewReport {
    /// Checks a report. `key` makes a replayed submission land once.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        key: String,
        category: CategoryCode,
        raw_body: &str,
        raw_place: &str,
        location: Option<Location>,
        attachments: Vec<Attachment>,
        reporter: Reporter,
        channel: ReportChannel,
        point_id: Option<i64>,
    ) -> Result<NewReport, Error> {
        if key.is_empty() || key.len() > 200 {
            return Err(Error::Invalid(Field::ReportText));
        }
        if attachments.len() > crate::limits::ATTACHMENTS_MAX {
            return Err(Error::Invalid(Field::ReportText));
        }
        let body = body(raw_body)?;
        let place = place(raw_place)?;
        let name = match (reporter.identity, reporter.name.as_deref()) {
            (Identity::Named, Some(n)) => Some(crate::opinions::detail(n)?),
            (Identity::Named, None) => return Err(Error::Invalid(Field::OpinionDetail)),
            _ => None,
        };
        // Without consent nothing identifying is kept: the report is anonymous.
        let (identity, name) = if reporter.consent_details && name.is_some() {
            (Identity::Named, name)
        } else {
            (Identity::Anonymous, None)
        };
        Ok(NewReport {
            submission_key: key,
            category,
            body,
            place,
            location,
            attachments,
            identity,
            reporter_id: reporter.telegram,
            reporter_name: name,
            consent_details: reporter.consent_details,
            locale: reporter.locale,
            channel,
            point_id,
        })
    }

    pub fn submission_key(&self) -> &str {
        &self.submission_key
    }

    pub fn body(&self) -> &str {
        &self.body
    }
}

/// A report of the ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub id: i64,
    pub receipt: Receipt,
    pub category: CategoryCode,
    pub body: String,
    pub place: String,
    pub location: Option<Location>,
    pub attachments: Vec<Attachment>,
    pub identity: Identity,
    pub reporter_id: Option<UserId>,
    /// Only where the reporter consented to it being kept.
    pub reporter_name: Option<String>,
    pub consent_details: bool,
    pub locale: Option<Locale>,
    pub channel: ReportChannel,
    pub point_id: Option<i64>,
    pub status: ReportStatus,
    pub merged_into: Option<i64>,
    pub department_id: Option<i64>,
    pub close_reason: Option<CloseReason>,
    pub outcome: Option<RelayOutcome>,
    pub answer: Option<String>,
    pub answered_via: Option<AnswerVia>,
    pub forwarded_at: Option<DateTime<Utc>>,
    pub answered_at: Option<DateTime<Utc>>,
    pub reminded_at: Option<DateTime<Utc>>,
    pub escalated_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Report {
    /// Days from the report to its answer, if answered.
    pub fn days_to_answer(&self) -> Option<f64> {
        self.answered_at
            .map(|a| (a - self.created_at).num_seconds() as f64 / 86_400.0)
    }
}

/// A department of the directory the admins keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    pub id: i64,
    pub name: String,
    /// The person to talk to there.
    pub contact: Option<String>,
    /// The categories it handles.
    pub categories: Vec<CategoryCode>,
    /// The legislative affairs committee itself: reports on how a law is enforced
    /// go there, feeding 执法检查.
    pub committee: bool,
    pub active: bool,
}

impl Department {
    pub fn handles(&self, category: &CategoryCode) -> bool {
        self.categories.contains(category)
    }
}

/// A department as an admin enters it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDepartment {
    pub name: String,
    pub contact: Option<String>,
    pub categories: Vec<CategoryCode>,
    pub committee: bool,
}

impl NewDepartment {
    pub fn new(
        name: &str,
        contact: &str,
        categories: Vec<CategoryCode>,
        committee: bool,
    ) -> Result<NewDepartment, Error> {
        let name = bounded(name, 1, DEPARTMENT_NAME_MAX, true, Field::Department)?;
        let contact = match contact.trim() {
            "" => None,
            c => Some(bounded(c, 1, DEPARTMENT_NAME_MAX, true, Field::Department)?),
        };
        Ok(NewDepartment {
            name,
            contact,
            categories,
            committee,
        })
    }
}

/// One step of a report's history.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    pub actor: Option<UserId>,
    /// What the step carried: the department's name, the outcome, the reason …
    pub detail: serde_json::Value,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reporter() -> Reporter {
        Reporter {
            telegram: Some(7),
            identity: Identity::Named,
            name: Some("王阿姨".into()),
            consent_details: false,
            locale: Locale::ZhCn,
        }
    }

    #[test]
    fn receipts_read_back_and_refuse_the_rest() {
        assert_eq!(Receipt::of(12).as_str(), "S-0012");
        assert_eq!(Receipt::parse("s-12"), Some(Receipt::of(12)));
        assert_eq!(Receipt::parse(" S0012 "), Some(Receipt::of(12)));
        for bad in ["", "S-", "C1-0001", "S-12a", "S-1234567890"] {
            assert_eq!(Receipt::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_report_is_checked_when_built_and_keeps_no_name_without_consent() {
        let code = CategoryCode::parse("security").unwrap();
        let ok = NewReport::new(
            "k".into(),
            code.clone(),
            "小区东门路灯坏了一个月",
            "古北路 100 弄",
            None,
            vec![],
            reporter(),
            ReportChannel::Chat,
            None,
        )
        .unwrap();
        assert_eq!(ok.identity, Identity::Anonymous);
        assert_eq!(ok.reporter_name, None);
        let long = "长".repeat(BODY_MAX + 1);
        for (body, place) in [
            ("短", "某处"),
            (long.as_str(), "某处"),
            ("路灯坏了很久", "两\n行"),
        ] {
            let r = NewReport::new(
                "k".into(),
                code.clone(),
                body,
                place,
                None,
                vec![],
                reporter(),
                ReportChannel::Chat,
                None,
            );
            assert!(r.is_err(), "{body} / {place}");
        }
        assert!(CategoryCode::parse("Bad Code").is_err());
        assert!(Location::new(91.0, 0.0).is_none());
    }
}
