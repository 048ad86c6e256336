//! 普法活动: a contact point's law-popularization events — lectures, legal
//! consultation sessions, performances — announced to its resident groups, with
//! sign-ups (in chat with one press, or on the web without an account), a waiting list
//! that moves up when a seat is freed, reminders the day and the hour before, a
//! check-in code shown at the venue, walk-ins counted by the liaison, and the figures
//! the city assesses the point by: 惠及人次, the people reached, is those checked in
//! plus the walk-ins.
//!
//! Shared by both channels: the chat's `/newevent`, its buttons and `签到 CODE`, and
//! the web pages and staff console call the same [`Events`] functions; what anyone is
//! told (the groups' card, a reminder, a cancellation, a seat freed for someone
//! waiting) is rendered here ([`notices`]) and queued as deliveries in the transaction
//! that made it so.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::{Error, UserId, error::Field, i18n::Locales, people::Locale, values::bounded};

mod codes;
pub mod figures;
pub mod ics;
pub mod ledger;
pub mod notices;
pub mod photos;
mod related;
mod store;
mod values;

pub use codes::CheckinCode;
pub use figures::{Counts, Figures};
pub use notices::Teller;
pub use photos::EventPhoto;
pub use store::{Events, Joiner};
pub use values::{CheckinBy, EventKind, EventStatus, SignupChannel, SignupStatus};

/// Longest title and topic, in characters (one line each).
pub const TITLE_MAX: usize = 100;
pub const TOPIC_MAX: usize = 100;
/// Longest place (an address, one line) and online link.
pub const PLACE_MAX: usize = 200;
pub const URL_MAX: usize = 500;
/// Longest description, and the liaison's note after the event.
pub const TEXT_MAX: usize = 2000;
/// Longest name a resident may give when signing up on the web.
pub const NAME_MAX: usize = 50;
/// Longest question added to the FAQ's unanswered list.
pub const QUESTION_MAX: usize = 500;
/// The most seats an event may have, and the most walk-ins a liaison may enter.
pub const CAPACITY_MAX: i64 = 10_000;
pub const WALK_INS_MAX: i64 = 100_000;
/// The longest an event may last.
pub const LONGEST: Duration = Duration::days(7);
/// Active sign-ups for one event from one address (a family, an office behind one
/// router): one seat per browser, and no more than this many from one place, so that
/// one person cannot take the seats.
pub const PER_ADDRESS: i64 = 5;
/// The photos kept per event.
pub const PHOTOS_MAX: usize = 10;
/// Check-in opens this long before the start and closes this long after the end.
pub const CHECKIN_EARLY: Duration = Duration::hours(1);
pub const CHECKIN_LATE: Duration = Duration::hours(2);
/// When the two reminders go out, before the start.
pub const REMIND_DAY: Duration = Duration::hours(24);
pub const REMIND_HOUR: Duration = Duration::hours(1);

/// A title: 1–[`TITLE_MAX`] characters on one line.
pub fn title(raw: &str) -> Result<String, Error> {
    bounded(raw, 1, TITLE_MAX, true, Field::EventTitle)
}

/// A topic (which law, which problem): 1–[`TOPIC_MAX`] characters on one line.
pub fn topic(raw: &str) -> Result<String, Error> {
    bounded(raw, 1, TOPIC_MAX, true, Field::EventTopic)
}

/// A description or the note after the event: up to [`TEXT_MAX`] characters.
pub fn text(raw: &str) -> Result<String, Error> {
    bounded(raw, 0, TEXT_MAX, false, Field::EventText)
}

/// A question people asked at the event: 1–[`QUESTION_MAX`] characters.
pub fn question(raw: &str) -> Result<String, Error> {
    bounded(raw, 1, QUESTION_MAX, false, Field::EventText)
}

/// A name given on the web (optional): empty is none, else 1–[`NAME_MAX`] on one line.
pub fn name(raw: &str) -> Result<Option<String>, Error> {
    match raw.trim() {
        "" => Ok(None),
        n => bounded(n, 1, NAME_MAX, true, Field::SignupName).map(Some),
    }
}

/// Seats: empty (or 0) is no limit, else 1–[`CAPACITY_MAX`].
pub fn capacity(raw: &str) -> Result<Option<i64>, Error> {
    match raw.trim() {
        "" | "0" => Ok(None),
        n => n
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=CAPACITY_MAX).contains(n))
            .map(Some)
            .ok_or(Error::Invalid(Field::EventCapacity)),
    }
}

/// A headcount of walk-ins: 0–[`WALK_INS_MAX`].
pub fn walk_ins(raw: &str) -> Result<i64, Error> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=WALK_INS_MAX).contains(n))
        .ok_or(Error::Invalid(Field::EventCapacity))
}

impl EventKind {
    /// A kind as a person names it: its code (`lecture`, as the console's form posts
    /// it) or its name in either language (`讲座`, `Lecture`), case ignored.
    pub fn read(raw: &str, locales: &Locales) -> Result<EventKind, Error> {
        let t = raw.trim();
        EventKind::ALL
            .into_iter()
            .find(|k| {
                k.as_str() == t
                    || Locale::ALL
                        .iter()
                        .any(|l| locales.text(*l, k.label_id(), &[]).eq_ignore_ascii_case(t))
            })
            .ok_or(Error::Invalid(Field::EventKind))
    }
}

/// The related consultation as typed: `C12` (or `12`), or none — nothing, `none`,
/// `无`, `-`. The number only: [`Events::related`] also checks that it exists.
pub fn consultation_ref(raw: &str) -> Result<Option<i64>, Error> {
    let t = raw.trim();
    if t.is_empty() || t == "-" || t == "无" || t.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    let digits = t.strip_prefix(['C', 'c']).unwrap_or(t);
    if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::UnknownConsultation(0));
    }
    match digits.parse::<i64>() {
        Ok(id) if id > 0 => Ok(Some(id)),
        _ => Err(Error::UnknownConsultation(0)),
    }
}

/// Where: a place on one line, or an online link (http or https). One of the two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Venue {
    Place(String),
    Online(String),
}

impl Venue {
    /// The stored pair (`place`, `online_url`): exactly one is set.
    pub(crate) fn columns(&self) -> (Option<&str>, Option<&str>) {
        match self {
            Venue::Place(p) => (Some(p.as_str()), None),
            Venue::Online(u) => (None, Some(u.as_str())),
        }
    }

    pub fn parse(raw: &str) -> Result<Venue, Error> {
        let t = raw.trim();
        if t.starts_with("http://") || t.starts_with("https://") {
            let ok = t.len() <= URL_MAX
                && !t.chars().any(char::is_whitespace)
                && url::Url::parse(t).is_ok_and(|u| u.host().is_some());
            return if ok {
                Ok(Venue::Online(t.to_owned()))
            } else {
                Err(Error::Invalid(Field::EventPlace))
            };
        }
        bounded(t, 1, PLACE_MAX, true, Field::EventPlace).map(Venue::Place)
    }

    /// As written (the place, or the link).
    pub fn as_str(&self) -> &str {
        match self {
            Venue::Place(p) | Venue::Online(p) => p,
        }
    }
}

/// A time as people write it, in the display time zone: `2026-12-10 14:00` (also
/// `2026/12/10 14:00`, `2026-12-10T14:00` from a browser's date-time field).
pub fn parse_time(raw: &str, tz: Tz) -> Option<DateTime<Utc>> {
    let normal = raw.trim().replace(['/', '.'], "-").replace('T', " ");
    let naive = NaiveDateTime::parse_from_str(&normal, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(&normal, "%Y-%m-%d %H:%M:%S"))
        .ok()?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The start and end: the start as [`parse_time`], the end either the same (a full
/// date and time) or a time alone on the start's day (`16:00`).
pub fn parse_times(
    start: &str,
    end: &str,
    tz: Tz,
) -> Result<(DateTime<Utc>, DateTime<Utc>), Error> {
    let bad = Error::Invalid(Field::EventTimes);
    let starts = parse_time(start, tz).ok_or(Error::Invalid(Field::EventTimes))?;
    let ends = match parse_time(end, tz) {
        Some(t) => t,
        None => {
            let time = NaiveTime::parse_from_str(end.trim(), "%H:%M").map_err(|_| bad)?;
            let day: NaiveDate = starts.with_timezone(&tz).date_naive();
            tz.from_local_datetime(&day.and_time(time))
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .ok_or(Error::Invalid(Field::EventTimes))?
        }
    };
    Ok((starts, ends))
}

/// Checks an event's times: it starts after `now`, ends after it starts and lasts at
/// most [`LONGEST`].
pub fn times(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    if starts_at <= now || ends_at <= starts_at || ends_at - starts_at > LONGEST {
        return Err(Error::Invalid(Field::EventTimes));
    }
    Ok(())
}

/// An event as its creator entered it, every field checked: built only by
/// [`NewEvent::new`], so nothing unchecked reaches the database.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub(crate) point_id: Option<i64>,
    pub(crate) title: String,
    pub(crate) kind: EventKind,
    pub(crate) topic: String,
    pub(crate) starts_at: DateTime<Utc>,
    pub(crate) ends_at: DateTime<Utc>,
    pub(crate) venue: Venue,
    pub(crate) capacity: Option<i64>,
    pub(crate) description: String,
    pub(crate) consultation_id: Option<i64>,
}

/// The fields of an event as typed (chat dialogue, console form), before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields<'a> {
    pub title: &'a str,
    pub topic: &'a str,
    pub venue: &'a str,
    pub capacity: &'a str,
    pub description: &'a str,
}

impl NewEvent {
    /// Checks an event: the texts within bounds, a place or a link, the seats, and
    /// times that start after `now`, end after they start and last at most
    /// [`LONGEST`].
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        point_id: Option<i64>,
        kind: EventKind,
        fields: Fields<'_>,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        consultation_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<NewEvent, Error> {
        times(starts_at, ends_at, now)?;
        Ok(NewEvent {
            point_id,
            title: title(fields.title)?,
            kind,
            topic: topic(fields.topic)?,
            starts_at,
            ends_at,
            venue: Venue::parse(fields.venue)?,
            capacity: capacity(fields.capacity)?,
            description: text(fields.description)?,
            consultation_id,
        })
    }

    pub fn point_id(&self) -> Option<i64> {
        self.point_id
    }
}

/// One field changed, as a liaison types it in chat (`/event E12 place …`); the web
/// console posts every field and builds a [`NewEvent`] directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change<'a> {
    Title(&'a str),
    Topic(&'a str),
    /// Start and end, as [`parse_times`] reads them.
    Times(&'a str, &'a str),
    Venue(&'a str),
    Capacity(&'a str),
    Description(&'a str),
    Kind(EventKind),
    /// The related consultation, or none; as [`Events::related`] checked it.
    Consultation(Option<i64>),
}

impl NewEvent {
    /// `event` with one field changed, checked like a new one.
    pub fn revise(
        event: &Event,
        change: Change<'_>,
        tz: Tz,
        now: DateTime<Utc>,
    ) -> Result<NewEvent, Error> {
        let capacity = event.capacity.map(|c| c.to_string()).unwrap_or_default();
        let mut fields = Fields {
            title: &event.title,
            topic: &event.topic,
            venue: event.venue.as_str(),
            capacity: &capacity,
            description: &event.description,
        };
        let (mut starts, mut ends) = (event.starts_at, event.ends_at);
        let (mut kind, mut consultation) = (event.kind, event.consultation_id);
        match change {
            Change::Title(t) => fields.title = t,
            Change::Topic(t) => fields.topic = t,
            Change::Venue(v) => fields.venue = v,
            Change::Capacity(c) => fields.capacity = c,
            Change::Description(d) => fields.description = d,
            Change::Times(s, e) => (starts, ends) = parse_times(s, e, tz)?,
            Change::Kind(k) => kind = k,
            Change::Consultation(c) => consultation = c,
        }
        NewEvent::new(
            event.point_id,
            kind,
            fields,
            starts,
            ends,
            consultation,
            now,
        )
    }
}

/// An event as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: i64,
    pub point_id: Option<i64>,
    pub title: String,
    pub kind: EventKind,
    pub topic: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue: Venue,
    pub capacity: Option<i64>,
    pub description: String,
    pub consultation_id: Option<i64>,
    pub status: EventStatus,
    /// Whether a check-in code was made (it is shown once, when made).
    pub has_code: bool,
    pub walk_ins: i64,
    pub note: Option<String>,
    pub reminded_day_at: Option<DateTime<Utc>>,
    pub reminded_hour_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Event {
    /// What people call it: `E12`.
    pub fn code(&self) -> String {
        format!("E{}", self.id)
    }

    /// Over: it has ended.
    pub fn over(&self, now: DateTime<Utc>) -> bool {
        now >= self.ends_at
    }

    /// Whether people may still sign up: going ahead and not yet begun.
    pub fn open_for_signup(&self, now: DateTime<Utc>) -> bool {
        self.status == EventStatus::Scheduled && now < self.starts_at
    }

    /// Whether its check-in code works now: from [`CHECKIN_EARLY`] before the start
    /// to [`CHECKIN_LATE`] after the end.
    pub fn checkin_open(&self, now: DateTime<Utc>) -> bool {
        self.status == EventStatus::Scheduled
            && now >= self.starts_at - CHECKIN_EARLY
            && now <= self.ends_at + CHECKIN_LATE
    }

    /// When the reminders go out (the day before, the hour before).
    pub fn reminder_times(&self) -> [DateTime<Utc>; 2] {
        [self.starts_at - REMIND_DAY, self.starts_at - REMIND_HOUR]
    }

    /// Whether the same event, otherwise unchanged, was moved or re-placed: what the
    /// people signed up must hear of.
    pub fn moved_from(&self, before: &Event) -> bool {
        self.starts_at != before.starts_at
            || self.ends_at != before.ends_at
            || self.venue != before.venue
    }
}

/// Reads `E12` (also `e12`, `12`); None for anything else.
pub fn parse_code(raw: &str) -> Option<i64> {
    let t = raw.trim();
    let digits = t
        .strip_prefix('E')
        .or_else(|| t.strip_prefix('e'))
        .unwrap_or(t);
    if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n > 0)
}

/// One person's sign-up.
#[derive(Debug, Clone, PartialEq)]
pub struct Signup {
    pub id: i64,
    pub event_id: i64,
    /// Their Telegram id (chat sign-ups): how they are reminded.
    pub person_id: Option<UserId>,
    pub name: Option<String>,
    pub channel: SignupChannel,
    pub status: SignupStatus,
    pub locale: Option<Locale>,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub checked_in_by: Option<CheckinBy>,
    pub created_at: DateTime<Utc>,
}

/// Why the domain refused a resident's or a liaison's request about an event; each
/// has its words in `locales/` (`event-refused-*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The event was called off.
    Cancelled,
    /// It has begun or ended: no more sign-ups, no more changes to its times.
    Started,
    /// This person (or browser) already holds a sign-up.
    SignedUp,
    /// Too many sign-ups from one address ([`PER_ADDRESS`]).
    TooMany,
    /// The check-in code is no event's current code (mistyped, forged, or replaced).
    UnknownCode,
    /// The check-in code is right, but check-in is not open now.
    NotNow,
    /// Already checked in: a code used twice counts once.
    CheckedIn,
    /// Nothing to cancel.
    NotSignedUp,
    /// The event has no check-in yet, or the walk-ins and note wait until it began.
    NotBegun,
    /// The event has [`PHOTOS_MAX`] photos already.
    TooManyPhotos,
}

impl Refusal {
    pub fn label_id(self) -> &'static str {
        match self {
            Refusal::Cancelled => "event-refused-cancelled",
            Refusal::Started => "event-refused-started",
            Refusal::SignedUp => "event-refused-signed-up",
            Refusal::TooMany => "event-refused-too-many",
            Refusal::UnknownCode => "event-refused-unknown-code",
            Refusal::NotNow => "event-refused-not-now",
            Refusal::CheckedIn => "event-refused-checked-in",
            Refusal::NotSignedUp => "event-refused-not-signed-up",
            Refusal::NotBegun => "event-refused-not-begun",
            Refusal::TooManyPhotos => "event-refused-too-many-photos",
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label_id())
    }
}

/// The message id (in `locales/`) that tells a person why the domain refused their
/// request about an event, for every channel alike; None for an error that is no
/// refusal (the database failing …), which the caller reports as a failure.
pub fn refusal_id(e: &Error) -> Option<&'static str> {
    Some(match e {
        Error::EventRefused(r) => r.label_id(),
        Error::UnknownEvent(_) => "event-unknown",
        Error::UnknownConsultation(_) => "event-bad-consultation",
        Error::Invalid(field) => field_id(*field)?,
        _ => return None,
    })
}

/// The rule of an event's field, as a message id.
pub fn field_id(field: Field) -> Option<&'static str> {
    Some(match field {
        Field::EventTitle => "event-bad-title",
        Field::EventKind => "event-bad-kind",
        Field::EventTopic => "event-bad-topic",
        Field::EventTimes => "event-bad-times",
        Field::EventPlace => "event-bad-place",
        Field::EventCapacity => "event-bad-number",
        Field::EventText => "event-bad-text",
        Field::SignupName => "event-bad-name",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> Tz {
        chrono_tz::Asia::Shanghai
    }

    #[test]
    fn times_read_as_people_write_them_in_the_display_zone() {
        let (s, e) = parse_times("2026-12-10 14:00", "16:30", tz()).unwrap();
        assert_eq!(s.to_rfc3339(), "2026-12-10T06:00:00+00:00");
        assert_eq!(e.to_rfc3339(), "2026-12-10T08:30:00+00:00");
        let (_, e) = parse_times("2026/12/10 14:00", "2026-12-11T09:00", tz()).unwrap();
        assert_eq!(e.to_rfc3339(), "2026-12-11T01:00:00+00:00");
        for bad in ["", "明天", "2026-13-01 10:00", "2026-12-10"] {
            assert!(parse_times(bad, "16:00", tz()).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_event_is_checked_when_built() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        let (s, e) = parse_times("2026-12-10 14:00", "16:00", tz()).unwrap();
        let fields = Fields {
            title: "民法典进社区",
            topic: "继承编",
            venue: "金桥社区活动室",
            capacity: "30",
            description: "",
        };
        let ok =
            NewEvent::new(Some(1), EventKind::Lecture, fields.clone(), s, e, None, now).unwrap();
        assert_eq!(ok.capacity, Some(30));
        let long = "长".repeat(TITLE_MAX + 1);
        let bad_fields = [
            Fields {
                title: &long,
                ..fields.clone()
            },
            Fields {
                venue: "两\n行",
                ..fields.clone()
            },
            Fields {
                capacity: "-3",
                ..fields.clone()
            },
            Fields {
                venue: "https://",
                ..fields.clone()
            },
        ];
        for f in bad_fields {
            assert!(NewEvent::new(None, EventKind::Other, f, s, e, None, now).is_err());
        }
        // Ends before it starts, or already begun.
        assert!(NewEvent::new(None, EventKind::Other, fields.clone(), e, s, None, now).is_err());
        assert!(NewEvent::new(None, EventKind::Other, fields, s, e, None, s).is_err());
        assert_eq!(
            Venue::parse("https://meeting.example.org/j/1").unwrap(),
            Venue::Online("https://meeting.example.org/j/1".into())
        );
    }

    #[test]
    fn kinds_and_related_consultations_read_as_people_write_them() {
        let locales = Locales::load().unwrap();
        assert_eq!(
            EventKind::read("讲座", &locales).unwrap(),
            EventKind::Lecture
        );
        assert_eq!(
            EventKind::read(" performance ", &locales).unwrap(),
            EventKind::Performance
        );
        assert_eq!(
            EventKind::read("legal consultation", &locales).unwrap(),
            EventKind::Consultation
        );
        assert!(EventKind::read("讲座'; DROP TABLE", &locales).is_err());
        assert!(EventKind::read("", &locales).is_err());
        assert_eq!(consultation_ref("C3").unwrap(), Some(3));
        assert_eq!(consultation_ref(" 12 ").unwrap(), Some(12));
        for none in ["", "none", "NONE", "无", "-"] {
            assert_eq!(consultation_ref(none).unwrap(), None, "{none}");
        }
        for bad in ["C", "C0", "C-1", "CX", "C3 x", "C1234567890123"] {
            assert!(consultation_ref(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn codes_read_back() {
        assert_eq!(parse_code("E12"), Some(12));
        assert_eq!(parse_code(" e7 "), Some(7));
        assert_eq!(parse_code("12"), Some(12));
        for bad in ["", "E", "E-1", "C12", "E0", "E1234567890123"] {
            assert_eq!(parse_code(bad), None, "{bad}");
        }
    }
}
