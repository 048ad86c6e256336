//! The events' storage, on either backend: events, sign-ups with their waiting list,
//! check-in, the liaison's figures after the event, and the reminders.
//!
//! Every change is one transaction that also writes the audit entry (`event.*`, for
//! staff actions) and the messages it causes — the groups' card, a change, a
//! cancellation, a seat freed for someone waiting — as deliveries, so no step exists
//! without its trace. A sign-up, a cancellation and a check-in first touch the event's
//! row, which serialises them per event on PostgreSQL as `BEGIN IMMEDIATE` does on
//! SQLite: two people cannot both take the last seat.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, types::Json};

use super::{
    CheckinBy, CheckinCode, Counts, Event, EventKind, EventStatus, NewEvent, PER_ADDRESS, Refusal,
    Signup, SignupChannel, SignupStatus, Teller, Venue, notices::Reminder,
};
use crate::{
    Actor, Db, Error, UserId,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    deliveries::{OutMessage, queue_broadcast},
    opinions::web::{Sender, StatusToken},
    people::Locale,
    review::Scope,
};

#[derive(FromRow)]
struct EventRow {
    id: i64,
    point_id: Option<i64>,
    title: String,
    kind: String,
    topic: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    place: Option<String>,
    online_url: Option<String>,
    capacity: Option<i64>,
    description: String,
    consultation_id: Option<i64>,
    status: String,
    has_code: bool,
    walk_ins: i64,
    note: Option<String>,
    reminded_day_at: Option<DateTime<Utc>>,
    reminded_hour_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, point_id, title, kind, topic, starts_at, ends_at, place, online_url,
    capacity, description, consultation_id, status, checkin_hash IS NOT NULL AS has_code,
    walk_ins, note, reminded_day_at, reminded_hour_at, created_at, updated_at";

impl TryFrom<EventRow> for Event {
    type Error = Error;

    fn try_from(r: EventRow) -> Result<Event, Error> {
        let venue = match (r.online_url, r.place) {
            (Some(url), _) => Venue::Online(url),
            (None, place) => Venue::Place(place.unwrap_or_default()),
        };
        Ok(Event {
            id: r.id,
            point_id: r.point_id,
            title: r.title,
            kind: EventKind::try_from(r.kind.as_str())?,
            topic: r.topic,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            venue,
            capacity: r.capacity,
            description: r.description,
            consultation_id: r.consultation_id,
            status: EventStatus::try_from(r.status.as_str())?,
            has_code: r.has_code,
            walk_ins: r.walk_ins,
            note: r.note,
            reminded_day_at: r.reminded_day_at,
            reminded_hour_at: r.reminded_hour_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

fn typed(rows: Vec<EventRow>) -> Result<Vec<Event>, Error> {
    rows.into_iter().map(Event::try_from).collect()
}

#[derive(FromRow)]
struct SignupRow {
    id: i64,
    event_id: i64,
    person_id: Option<i64>,
    name: Option<String>,
    channel: String,
    status: String,
    locale: Option<String>,
    checked_in_at: Option<DateTime<Utc>>,
    checked_in_by: Option<String>,
    created_at: DateTime<Utc>,
}

const SIGNUP_COLUMNS: &str = "id, event_id, person_id, name, channel, status, locale, checked_in_at, checked_in_by, created_at";

impl TryFrom<SignupRow> for Signup {
    type Error = Error;

    fn try_from(r: SignupRow) -> Result<Signup, Error> {
        Ok(Signup {
            id: r.id,
            event_id: r.event_id,
            person_id: r.person_id,
            name: r.name,
            channel: SignupChannel::try_from(r.channel.as_str())?,
            status: SignupStatus::try_from(r.status.as_str())?,
            locale: r.locale.as_deref().and_then(Locale::from_language_code),
            checked_in_at: r.checked_in_at,
            checked_in_by: r.checked_in_by.map(CheckinBy::try_from).transpose()?,
            created_at: r.created_at,
        })
    }
}

fn signups(rows: Vec<SignupRow>) -> Result<Vec<Signup>, Error> {
    rows.into_iter().map(Signup::try_from).collect()
}

/// Who signs up or checks in: a person in chat, or a browser on the web (its private
/// link's token, its keyed hashes, and the name it gave, if any).
#[derive(Debug, Clone, Copy)]
pub enum Joiner<'a> {
    Chat {
        person: UserId,
        name: &'a str,
        locale: Locale,
    },
    Web {
        token: &'a StatusToken,
        sender: &'a Sender,
        name: Option<&'a str>,
        locale: Locale,
    },
}

/// See [`Joiner::columns`].
type JoinerColumns = (
    Option<UserId>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

impl Joiner<'_> {
    fn channel(&self) -> SignupChannel {
        match self {
            Joiner::Chat { .. } => SignupChannel::Chat,
            Joiner::Web { .. } => SignupChannel::Web,
        }
    }

    /// The sign-up row's columns that say whose it is: the person, their name, the
    /// private link's hash, and the browser's and address's keyed hashes.
    fn columns(&self) -> JoinerColumns {
        match *self {
            Joiner::Chat { person, name, .. } => {
                let name: String = name.trim().chars().take(super::NAME_MAX).collect();
                (
                    Some(person),
                    Some(name).filter(|n| !n.is_empty()),
                    None,
                    None,
                    None,
                )
            }
            Joiner::Web {
                token,
                sender,
                name,
                ..
            } => (
                None,
                name.map(str::to_owned),
                Some(token.hash()),
                Some(sender.browser().to_owned()),
                Some(sender.address().to_owned()),
            ),
        }
    }

    fn locale(&self) -> Locale {
        match self {
            Joiner::Chat { locale, .. } | Joiner::Web { locale, .. } => *locale,
        }
    }
}

/// Messages for chats, queued in one broadcast (unique per purpose, subject and chat):
/// the groups' card, or one person's notice.
type Targets = Vec<(i64, OutMessage)>;

/// Reads the event inside an open transaction, after touching its row so that
/// concurrent sign-ups for it wait for this one (a row lock on PostgreSQL; SQLite's
/// transaction already holds the write lock).
macro_rules! lock_event {
    ($tx:expr, $id:expr) => {{
        sqlx::query("UPDATE law_events SET updated_at = updated_at WHERE id = $1")
            .bind($id)
            .execute(&mut *$tx)
            .await?;
        let sql = format!("SELECT {COLUMNS} FROM law_events WHERE id = $1");
        let row: Option<EventRow> = sqlx::query_as(&sql)
            .bind($id)
            .fetch_optional(&mut *$tx)
            .await?;
        match row {
            Some(row) => Event::try_from(row)?,
            None => return Err(Error::UnknownEvent($id)),
        }
    }};
}

/// Gives freed seats to those waiting, first come first served, inside an open
/// transaction; returns the sign-ups promoted.
macro_rules! fill_seats {
    ($tx:expr, $event:expr, $now:expr) => {{
        let event: &Event = $event;
        let sql = format!(
            "SELECT {SIGNUP_COLUMNS} FROM law_event_signups
             WHERE event_id = $1 AND status = 'waiting' ORDER BY created_at, id"
        );
        let waiting: Vec<SignupRow> = sqlx::query_as(&sql)
            .bind(event.id)
            .fetch_all(&mut *$tx)
            .await?;
        let confirmed: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM law_event_signups WHERE event_id = $1 AND status = 'confirmed'",
        )
        .bind(event.id)
        .fetch_one(&mut *$tx)
        .await?;
        let free = match event.capacity {
            Some(c) => (c - confirmed).max(0) as usize,
            None => waiting.len(),
        };
        let mut promoted = Vec::new();
        for row in waiting.into_iter().take(free) {
            sqlx::query(
                "UPDATE law_event_signups SET status = 'confirmed', updated_at = $2 WHERE id = $1",
            )
            .bind(row.id)
            .bind($now)
            .execute(&mut *$tx)
            .await?;
            let mut s = Signup::try_from(row)?;
            s.status = SignupStatus::Confirmed;
            promoted.push(s);
        }
        promoted
    }};
}

pub struct Events<'a>(pub(super) &'a Db);

impl Db {
    pub fn events(&self) -> Events<'_> {
        Events(self)
    }
}

/// The message each person signed up in chat gets, in their language.
fn to_people(
    people: &[Signup],
    teller: Teller<'_>,
    message: impl Fn(Locale) -> OutMessage,
) -> Targets {
    people
        .iter()
        .filter_map(|s| {
            s.person_id
                .map(|p| (p, message(s.locale.unwrap_or(teller.default_locale))))
        })
        .collect()
}

impl Events<'_> {
    // ----- reading -----

    pub async fn get(&self, id: i64) -> Result<Option<Event>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM law_events WHERE id = $1");
        let row: Option<EventRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?);
        row.map(Event::try_from).transpose()
    }

    /// The event if `scope` reaches it; [`Error::UnknownEvent`] otherwise (as for an
    /// id that never existed).
    pub async fn reachable(&self, id: i64, scope: Scope) -> Result<Event, Error> {
        match self.get(id).await? {
            Some(e) if self.reaches(scope, &e).await? => Ok(e),
            _ => Err(Error::UnknownEvent(id)),
        }
    }

    /// Whether `scope` reaches `event`, which is theirs to act on: an admin every
    /// event, county staff their district's points' (the point's district as stored
    /// now), a liaison their point's. A city-wide event is an admin's.
    pub async fn reaches(&self, scope: Scope, event: &Event) -> Result<bool, Error> {
        self.0.in_scope(scope, event.point_id).await
    }

    /// Events going ahead that have not ended, soonest first: every point's, or
    /// `point`'s and the city-wide ones.
    pub async fn upcoming(
        &self,
        point: Option<i64>,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<Event>, Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM law_events
             WHERE status = 'scheduled' AND ends_at > $1
               AND ($2 IS NULL OR point_id = $2 OR point_id IS NULL)
             ORDER BY starts_at, id LIMIT $3"
        );
        let rows: Vec<EventRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(now)
            .bind(point)
            .bind(limit)
            .fetch_all(pool)
            .await?);
        typed(rows)
    }

    /// Every event in `scope`, the latest start first.
    pub async fn list(&self, scope: Scope, limit: i64) -> Result<Vec<Event>, Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM law_events WHERE {}
             ORDER BY starts_at DESC, id DESC LIMIT $2",
            scope.clause("point_id", 1)
        );
        let rows: Vec<EventRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(scope.param())
            .bind(limit)
            .fetch_all(pool)
            .await?);
        typed(rows)
    }

    /// Events starting in `[from, to)` (either end open), of one point or all, each
    /// with its counts: what the figures, the 台账 and the 考核 are made of.
    pub async fn between(
        &self,
        point: Option<i64>,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Result<Vec<(Event, Counts)>, Error> {
        let scope = point.map_or(Scope::All, Scope::Point);
        self.between_in(scope, from, to).await
    }

    /// [`Events::between`] for any scope (a county's district too).
    pub async fn between_in(
        &self,
        scope: Scope,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Result<Vec<(Event, Counts)>, Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM law_events
             WHERE {} AND ($2 IS NULL OR starts_at >= $2)
               AND ($3 IS NULL OR starts_at < $3)
             ORDER BY starts_at, id",
            scope.clause("point_id", 1)
        );
        let rows: Vec<EventRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(scope.param())
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await?);
        self.with_counts(typed(rows)?).await
    }

    /// Each event with its counts (one query for all of them).
    pub async fn with_counts(&self, events: Vec<Event>) -> Result<Vec<(Event, Counts)>, Error> {
        if events.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(i64, String, i32, i64)> = on_pool!(self.0, |pool| {
            sqlx::query_as(
            "SELECT event_id, status, CASE WHEN checked_in_at IS NULL THEN 0 ELSE 1 END, COUNT(*)
             FROM law_event_signups GROUP BY event_id, status,
                 CASE WHEN checked_in_at IS NULL THEN 0 ELSE 1 END"
        )
        .fetch_all(pool)
        .await?
        });
        Ok(events
            .into_iter()
            .map(|e| {
                let mut c = Counts {
                    events: 1,
                    walk_ins: e.walk_ins,
                    ..Counts::default()
                };
                for (_, status, checked, n) in rows.iter().filter(|r| r.0 == e.id) {
                    match SignupStatus::parse(status) {
                        Some(SignupStatus::Confirmed) => c.signed_up += n,
                        Some(SignupStatus::Waiting) => c.waiting += n,
                        _ => {}
                    }
                    if *checked == 1 {
                        c.checked_in += n;
                    }
                }
                (e, c)
            })
            .collect())
    }

    /// One event's counts.
    pub async fn counts(&self, event: &Event) -> Result<Counts, Error> {
        Ok(self
            .with_counts(vec![event.clone()])
            .await?
            .pop()
            .map(|(_, c)| c)
            .unwrap_or_default())
    }

    /// Everyone who signed up for an event, in the order they did.
    pub async fn signups(&self, event: i64) -> Result<Vec<Signup>, Error> {
        let sql = format!(
            "SELECT {SIGNUP_COLUMNS} FROM law_event_signups WHERE event_id = $1
             ORDER BY created_at, id"
        );
        let rows: Vec<SignupRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(event)
            .fetch_all(pool)
            .await?);
        signups(rows)
    }

    /// A person's sign-up for an event, in chat.
    pub async fn signup_of(&self, event: i64, person: UserId) -> Result<Option<Signup>, Error> {
        let sql = format!(
            "SELECT {SIGNUP_COLUMNS} FROM law_event_signups WHERE event_id = $1 AND person_id = $2"
        );
        let row: Option<SignupRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(event)
            .bind(person)
            .fetch_optional(pool)
            .await?);
        row.map(Signup::try_from).transpose()
    }

    /// The sign-up a private link manages.
    pub async fn by_token(&self, token: &StatusToken) -> Result<Option<Signup>, Error> {
        let sql = format!("SELECT {SIGNUP_COLUMNS} FROM law_event_signups WHERE token_hash = $1");
        let row: Option<SignupRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(token.hash())
            .fetch_optional(pool)
            .await?);
        row.map(Signup::try_from).transpose()
    }

    /// Where someone waiting stands in the queue (1 = next), or None.
    pub async fn waiting_position(&self, s: &Signup) -> Result<Option<i64>, Error> {
        if s.status != SignupStatus::Waiting {
            return Ok(None);
        }
        let list = self.signups(s.event_id).await?;
        Ok(list
            .iter()
            .filter(|x| x.status == SignupStatus::Waiting)
            .position(|x| x.id == s.id)
            .map(|p| p as i64 + 1))
    }

    /// A person's sign-ups with their events, the latest first (/events, /mydata).
    pub async fn of_person(&self, person: UserId) -> Result<Vec<(Event, Signup)>, Error> {
        let sql = format!(
            "SELECT {SIGNUP_COLUMNS} FROM law_event_signups WHERE person_id = $1 ORDER BY id DESC"
        );
        let rows: Vec<SignupRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(person)
            .fetch_all(pool)
            .await?);
        let mut out = Vec::new();
        for s in signups(rows)? {
            if let Some(e) = self.get(s.event_id).await? {
                out.push((e, s));
            }
        }
        Ok(out)
    }

    /// The active groups an event is announced to: its point's, or (city-wide) every
    /// linked group.
    async fn groups(&self, point: Option<i64>) -> Result<Vec<i64>, Error> {
        Ok(on_pool!(self.0, |pool| sqlx::query_scalar(
            "SELECT chat_id FROM groups WHERE active AND point_id IS NOT NULL
               AND ($1 IS NULL OR point_id = $1) ORDER BY chat_id"
        )
        .bind(point)
        .fetch_all(pool)
        .await?))
    }

    // ----- staff: creating, changing, calling off -----

    /// Stores a new event and queues its card to the groups (subject `e<id>`), with
    /// the audit entry, in one transaction. Returns the event and how many groups.
    pub async fn create(
        &self,
        teller: Teller<'_>,
        new: &NewEvent,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<(Event, usize), Error> {
        let groups = self.groups(new.point_id).await?;
        let (place, url) = new.venue.columns();
        let id: i64 = on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO law_events (point_id, title, kind, topic, starts_at, ends_at, place,
                     online_url, capacity, description, consultation_id, status, created_by,
                     created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'scheduled', $12, $13, $13)
                 RETURNING id",
            )
            .bind(new.point_id)
            .bind(&new.title)
            .bind(new.kind.as_str())
            .bind(&new.topic)
            .bind(new.starts_at)
            .bind(new.ends_at)
            .bind(place)
            .bind(url)
            .bind(new.capacity)
            .bind(&new.description)
            .bind(new.consultation_id)
            .bind(actor.id())
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let sql = format!("SELECT {COLUMNS} FROM law_events WHERE id = $1");
            let row: EventRow = sqlx::query_as(&sql).bind(id).fetch_one(&mut *tx).await?;
            let event = Event::try_from(row)?;
            let card = teller.card(&event);
            let targets: Targets = groups.iter().map(|g| (*g, card.clone())).collect();
            queue_broadcast!(
                tx,
                "event",
                &format!("e{id}"),
                &targets,
                teller.default_locale,
                actor.id(),
                now
            );
            let entry = AuditEntry::new(actor, "event.create", event.code()).detail(
                serde_json::json!({ "title": event.title, "kind": event.kind.as_str(),
                    "starts_at": event.starts_at, "point": event.point_id, "groups": groups.len() }),
            );
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
            id
        });
        let event = self.get(id).await?.ok_or(Error::UnknownEvent(id))?;
        Ok((event, groups.len()))
    }

    /// Changes an event before it begins (its point stays). A new time or place is
    /// told to the groups and to everyone signed up in chat; more seats move people
    /// up from the waiting list (and they are told).
    pub async fn edit(
        &self,
        teller: Teller<'_>,
        id: i64,
        new: &NewEvent,
        scope: Scope,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Event, Error> {
        let before = self.reachable(id, scope).await?;
        Self::changeable(&before, now)?;
        if let Some(c) = new.capacity {
            // Fewer seats than people already holding one would take seats away.
            let held = self.counts(&before).await?.signed_up;
            if c < held {
                return Err(Error::Invalid(crate::error::Field::EventCapacity));
            }
        }
        let groups = self.groups(before.point_id).await?;
        let (place, url) = new.venue.columns();
        let entry = AuditEntry::new(actor, "event.edit", before.code()).detail(
            serde_json::json!({ "title": new.title, "starts_at": new.starts_at,
                "venue": new.venue.as_str(), "capacity": new.capacity }),
        );
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let _ = lock_event!(tx, id);
            sqlx::query(
                "UPDATE law_events SET title = $2, kind = $3, topic = $4, starts_at = $5,
                     ends_at = $6, place = $7, online_url = $8, capacity = $9, description = $10,
                     consultation_id = $11, updated_at = $12,
                     reminded_day_at = CASE WHEN starts_at = $5 THEN reminded_day_at END,
                     reminded_hour_at = CASE WHEN starts_at = $5 THEN reminded_hour_at END
                 WHERE id = $1",
            )
            .bind(id)
            .bind(&new.title)
            .bind(new.kind.as_str())
            .bind(&new.topic)
            .bind(new.starts_at)
            .bind(new.ends_at)
            .bind(place)
            .bind(url)
            .bind(new.capacity)
            .bind(&new.description)
            .bind(new.consultation_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let after = lock_event!(tx, id);
            let promoted = fill_seats!(tx, &after, now);
            if after.moved_from(&before) {
                let sql = format!(
                    "SELECT {SIGNUP_COLUMNS} FROM law_event_signups
                     WHERE event_id = $1 AND status IN ('confirmed', 'waiting')"
                );
                let people = signups(sqlx::query_as(&sql).bind(id).fetch_all(&mut *tx).await?)?;
                let subject = format!("e{id}:moved:{}", after.starts_at.timestamp());
                let mut targets = to_people(&people, teller, |l| teller.changed(l, &after));
                let group = teller.changed(teller.default_locale, &after);
                targets.extend(groups.iter().map(|g| (*g, group.clone())));
                queue_broadcast!(
                    tx,
                    "event",
                    &subject,
                    &targets,
                    teller.default_locale,
                    actor.id(),
                    now
                );
            }
            let targets = to_people(&promoted, teller, |l| teller.promoted(l, &after));
            queue_broadcast!(
                tx,
                "event",
                &format!("e{id}:promoted"),
                &targets,
                teller.default_locale,
                actor.id(),
                now
            );
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        self.reachable(id, scope).await
    }

    /// Refuses a change to an event called off or already begun.
    fn changeable(e: &Event, now: DateTime<Utc>) -> Result<(), Error> {
        if e.status == EventStatus::Cancelled {
            return Err(Error::EventRefused(Refusal::Cancelled));
        }
        if now >= e.starts_at {
            return Err(Error::EventRefused(Refusal::Started));
        }
        Ok(())
    }

    /// Calls an event off: every sign-up ends, and the groups and everyone signed up
    /// in chat are told. Returns the event and how many people were told.
    pub async fn cancel(
        &self,
        teller: Teller<'_>,
        id: i64,
        scope: Scope,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<(Event, usize), Error> {
        let before = self.reachable(id, scope).await?;
        Self::changeable(&before, now)?;
        let groups = self.groups(before.point_id).await?;
        let told = on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let _ = lock_event!(tx, id);
            let sql = format!(
                "SELECT {SIGNUP_COLUMNS} FROM law_event_signups
                 WHERE event_id = $1 AND status IN ('confirmed', 'waiting')"
            );
            let people = signups(sqlx::query_as(&sql).bind(id).fetch_all(&mut *tx).await?)?;
            sqlx::query(
                "UPDATE law_events SET status = 'cancelled', checkin_hash = NULL, updated_at = $2
                 WHERE id = $1",
            )
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE law_event_signups SET status = 'cancelled', updated_at = $2
                 WHERE event_id = $1 AND status IN ('confirmed', 'waiting')",
            )
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let mut after = before.clone();
            after.status = EventStatus::Cancelled;
            let mut targets = to_people(&people, teller, |l| teller.cancelled(l, &after));
            let told = targets.len();
            let group = teller.cancelled(teller.default_locale, &after);
            targets.extend(groups.iter().map(|g| (*g, group.clone())));
            queue_broadcast!(
                tx,
                "event",
                &format!("e{id}:cancelled"),
                &targets,
                teller.default_locale,
                actor.id(),
                now
            );
            let entry = AuditEntry::new(actor, "event.cancel", before.code())
                .detail(serde_json::json!({ "signups": people.len(), "groups": groups.len() }));
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
            told
        });
        Ok((self.reachable(id, scope).await?, told))
    }

    // ----- residents: signing up, cancelling -----

    /// Signs a person (chat) or a browser (web) up: a seat while there are any, else
    /// the waiting list. One sign-up each (the same again returns it: `false`), at
    /// most [`PER_ADDRESS`] from one address; refused once the event began or was
    /// called off. Someone who cancelled and signs up again joins at the back.
    pub async fn sign_up(
        &self,
        id: i64,
        who: Joiner<'_>,
        now: DateTime<Utc>,
    ) -> Result<(Signup, bool), Error> {
        let (person, name, token_hash, browser, address) = who.columns();
        let existing_sql = format!(
            "SELECT {SIGNUP_COLUMNS} FROM law_event_signups
             WHERE event_id = $1 AND (person_id = $2 OR token_hash = $3)"
        );
        let signup_id = on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let event = lock_event!(tx, id);
            let existing: Option<SignupRow> = sqlx::query_as(&existing_sql)
                .bind(id)
                .bind(person)
                .bind(&token_hash)
                .fetch_optional(&mut *tx)
                .await?;
            let existing = existing.map(Signup::try_from).transpose()?;
            if let Some(s) = &existing
                && s.status.active()
            {
                tx.rollback().await?;
                return Ok((s.clone(), false));
            }
            if event.status == EventStatus::Cancelled {
                return Err(Error::EventRefused(Refusal::Cancelled));
            }
            if !event.open_for_signup(now) {
                return Err(Error::EventRefused(Refusal::Started));
            }
            if let Some(address) = &address {
                let from_here: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM law_event_signups WHERE event_id = $1
                       AND address_hash = $2 AND status IN ('confirmed', 'waiting')",
                )
                .bind(id)
                .bind(address)
                .fetch_one(&mut *tx)
                .await?;
                if from_here >= PER_ADDRESS {
                    return Err(Error::EventRefused(Refusal::TooMany));
                }
            }
            let confirmed: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM law_event_signups WHERE event_id = $1 AND status = 'confirmed'",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            let status = match event.capacity {
                Some(c) if confirmed >= c => SignupStatus::Waiting,
                _ => SignupStatus::Confirmed,
            };
            let signup_id: i64 = match existing {
                Some(s) => {
                    sqlx::query(
                        "UPDATE law_event_signups SET status = $2, name = COALESCE($3, name),
                             created_at = $4, updated_at = $4 WHERE id = $1",
                    )
                    .bind(s.id)
                    .bind(status.as_str())
                    .bind(&name)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    s.id
                }
                None => {
                    sqlx::query_scalar(
                        "INSERT INTO law_event_signups (event_id, person_id, name, channel,
                             token_hash, browser_hash, address_hash, status, locale, created_at,
                             updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
                    )
                    .bind(id)
                    .bind(person)
                    .bind(&name)
                    .bind(who.channel().as_str())
                    .bind(&token_hash)
                    .bind(&browser)
                    .bind(&address)
                    .bind(status.as_str())
                    .bind(who.locale().tag())
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?
                }
            };
            tx.commit().await?;
            signup_id
        });
        let s = self.signup(signup_id).await?;
        Ok((s, true))
    }

    async fn signup(&self, id: i64) -> Result<Signup, Error> {
        let sql = format!("SELECT {SIGNUP_COLUMNS} FROM law_event_signups WHERE id = $1");
        let row: SignupRow = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(id)
            .fetch_one(pool)
            .await?);
        Signup::try_from(row)
    }

    /// Gives up a sign-up before the event begins; the seat goes to the first person
    /// waiting, who is told (in chat). Returns the sign-up as it is now.
    pub async fn withdraw(
        &self,
        teller: Teller<'_>,
        signup: &Signup,
        now: DateTime<Utc>,
    ) -> Result<Signup, Error> {
        if !signup.status.active() {
            return Err(Error::EventRefused(Refusal::NotSignedUp));
        }
        let id = signup.event_id;
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let event = lock_event!(tx, id);
            if !event.open_for_signup(now) {
                return Err(Error::EventRefused(
                    if event.status == EventStatus::Cancelled {
                        Refusal::Cancelled
                    } else {
                        Refusal::Started
                    },
                ));
            }
            let n = sqlx::query(
                "UPDATE law_event_signups SET status = 'cancelled', updated_at = $2
                 WHERE id = $1 AND status IN ('confirmed', 'waiting')",
            )
            .bind(signup.id)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                return Err(Error::EventRefused(Refusal::NotSignedUp));
            }
            let promoted = fill_seats!(tx, &event, now);
            for p in &promoted {
                let targets = to_people(std::slice::from_ref(p), teller, |l| {
                    teller.promoted(l, &event)
                });
                let subject = format!("e{id}:promoted:{}", p.id);
                queue_broadcast!(
                    tx,
                    "event",
                    &subject,
                    &targets,
                    teller.default_locale,
                    None::<i64>,
                    now
                );
            }
            tx.commit().await?;
        });
        self.signup(signup.id).await
    }

    // ----- check-in -----

    /// Makes the event's check-in code (ending any earlier one), shown once: as text
    /// and as the QR code of its web page. Audited (`event.code`).
    pub async fn new_code(
        &self,
        id: i64,
        scope: Scope,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<CheckinCode, Error> {
        let e = self.reachable(id, scope).await?;
        if e.status == EventStatus::Cancelled {
            return Err(Error::EventRefused(Refusal::Cancelled));
        }
        if now > e.ends_at + super::CHECKIN_LATE {
            return Err(Error::EventRefused(Refusal::NotNow));
        }
        let code = CheckinCode::generate();
        let entry = AuditEntry::new(actor, "event.code", e.code());
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query("UPDATE law_events SET checkin_hash = $2, updated_at = $3 WHERE id = $1")
                .bind(id)
                .bind(code.hash())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok(code)
    }

    /// The event whose current check-in code this is, if any (the web page shows it
    /// before the resident presses 「签到」).
    pub async fn by_code(&self, code: &CheckinCode) -> Result<Option<Event>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM law_events WHERE checkin_hash = $1");
        let row: Option<EventRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(code.hash())
            .fetch_optional(pool)
            .await?);
        row.map(Event::try_from).transpose()
    }

    /// Checks a person in with the venue's code: their sign-up (a seat, the waiting
    /// list, or one they cancelled) is marked present; someone who never signed up is
    /// counted present too. A code that is no event's current code, check-in outside
    /// its hours, and a second check-in are refused, and store nothing.
    pub async fn check_in(
        &self,
        code: &CheckinCode,
        who: Joiner<'_>,
        now: DateTime<Utc>,
    ) -> Result<(Event, Signup), Error> {
        let event = self
            .by_code(code)
            .await?
            .ok_or(Error::EventRefused(Refusal::UnknownCode))?;
        if !event.checkin_open(now) {
            return Err(Error::EventRefused(Refusal::NotNow));
        }
        let id = event.id;
        let (person, token_hash) = match who {
            Joiner::Chat { person, .. } => (Some(person), None),
            Joiner::Web { token, .. } => (None, Some(token.hash())),
        };
        let existing_sql = format!(
            "SELECT {SIGNUP_COLUMNS} FROM law_event_signups
             WHERE event_id = $1 AND (person_id = $2 OR token_hash = $3)"
        );
        let existing: Option<SignupRow> = on_pool!(self.0, |pool| sqlx::query_as(&existing_sql)
            .bind(id)
            .bind(person)
            .bind(&token_hash)
            .fetch_optional(pool)
            .await?);
        let signup = match existing.map(Signup::try_from).transpose()? {
            Some(s) if s.checked_in_at.is_some() => {
                return Err(Error::EventRefused(Refusal::CheckedIn));
            }
            Some(s) => s,
            // Came without signing up: counted present all the same (the seats are
            // for planning; whoever is in the room was reached).
            None => self.present_without_signup(&event, who, now).await?,
        };
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let n = sqlx::query(
                "UPDATE law_event_signups SET status = 'confirmed', checked_in_at = $2,
                     checked_in_by = 'code', updated_at = $2
                 WHERE id = $1 AND checked_in_at IS NULL",
            )
            .bind(signup.id)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                return Err(Error::EventRefused(Refusal::CheckedIn));
            }
            tx.commit().await?;
        });
        Ok((event, self.signup(signup.id).await?))
    }

    async fn present_without_signup(
        &self,
        event: &Event,
        who: Joiner<'_>,
        now: DateTime<Utc>,
    ) -> Result<Signup, Error> {
        let (person, name, token_hash, browser, address) = who.columns();
        let id: i64 = on_pool!(self.0, |pool| sqlx::query_scalar(
            "INSERT INTO law_event_signups (event_id, person_id, name, channel, token_hash,
                 browser_hash, address_hash, status, locale, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'confirmed', $8, $9, $9) RETURNING id"
        )
        .bind(event.id)
        .bind(person)
        .bind(&name)
        .bind(who.channel().as_str())
        .bind(&token_hash)
        .bind(&browser)
        .bind(&address)
        .bind(who.locale().tag())
        .bind(now)
        .fetch_one(pool)
        .await?);
        self.signup(id).await
    }

    // ----- staff: at and after the event -----

    /// Refuses the liaison's entries for an event called off, or one that has not begun
    /// (check-in opens [`super::CHECKIN_EARLY`] before the start).
    pub(super) fn begun(e: &Event, now: DateTime<Utc>) -> Result<(), Error> {
        if e.status == EventStatus::Cancelled {
            return Err(Error::EventRefused(Refusal::Cancelled));
        }
        if now < e.starts_at - super::CHECKIN_EARLY {
            return Err(Error::EventRefused(Refusal::NotBegun));
        }
        Ok(())
    }

    /// Staff mark someone signed up present (or not present after all).
    pub async fn mark_present(
        &self,
        signup: i64,
        present: bool,
        scope: Scope,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Signup, Error> {
        let s = self.signup(signup).await?;
        let e = self.reachable(s.event_id, scope).await?;
        Self::begun(&e, now)?;
        let entry = AuditEntry::new(actor, "event.present", e.code())
            .detail(serde_json::json!({ "signup": signup, "present": present }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            if present {
                sqlx::query(
                    "UPDATE law_event_signups SET status = 'confirmed', checked_in_at = $2,
                         checked_in_by = 'staff', updated_at = $2
                     WHERE id = $1 AND checked_in_at IS NULL",
                )
                .bind(signup)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            } else {
                sqlx::query(
                    "UPDATE law_event_signups SET checked_in_at = NULL, checked_in_by = NULL,
                         updated_at = $2 WHERE id = $1",
                )
                .bind(signup)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        self.signup(signup).await
    }

    /// The liaison's headcount of people who came without signing up.
    pub async fn set_walk_ins(
        &self,
        id: i64,
        walk_ins: i64,
        scope: Scope,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Event, Error> {
        if !(0..=super::WALK_INS_MAX).contains(&walk_ins) {
            return Err(Error::Invalid(crate::error::Field::EventCapacity));
        }
        let e = self.reachable(id, scope).await?;
        Self::begun(&e, now)?;
        let entry = AuditEntry::new(actor, "event.walk_ins", e.code())
            .detail(serde_json::json!({ "from": e.walk_ins, "to": walk_ins }));
        self.set(
            id,
            "walk_ins",
            Json(serde_json::json!(walk_ins)),
            &entry,
            now,
        )
        .await?;
        self.reachable(id, scope).await
    }

    /// The liaison's note after the event (empty clears it).
    pub async fn set_note(
        &self,
        id: i64,
        note: &str,
        scope: Scope,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Event, Error> {
        let note = super::text(note)?;
        let e = self.reachable(id, scope).await?;
        Self::begun(&e, now)?;
        let entry = AuditEntry::new(actor, "event.note", e.code())
            .detail(serde_json::json!({ "chars": note.chars().count() }));
        let value = if note.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::json!(note)
        };
        self.set(id, "note", Json(value), &entry, now).await?;
        self.reachable(id, scope).await
    }

    /// Stores one of the liaison's after-the-event values with its audit entry. The
    /// JSON value is bound as its own type: a number, a text, a list, or NULL.
    async fn set(
        &self,
        id: i64,
        column: &'static str,
        value: Json<serde_json::Value>,
        entry: &AuditEntry,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let sql = format!("UPDATE law_events SET {column} = $2, updated_at = $3 WHERE id = $1");
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let q = sqlx::query(&sql).bind(id);
            let q = match &value.0 {
                serde_json::Value::Number(n) => q.bind(n.as_i64()),
                serde_json::Value::String(s) => q.bind(Some(s.clone())),
                serde_json::Value::Null => q.bind(None::<String>),
                other => q.bind(Json(other.clone())),
            };
            q.bind(now).execute(&mut *tx).await?;
            record!(&mut *tx, entry, now);
            tx.commit().await?;
        });
        Ok(())
    }

    /// A question people asked at the event, added to the FAQ's unanswered list (of
    /// the event's point) for an admin to answer.
    pub async fn add_question(
        &self,
        id: i64,
        question: &str,
        scope: Scope,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let question = super::question(question)?;
        let e = self.reachable(id, scope).await?;
        Self::begun(&e, now)?;
        let logged = self
            .0
            .faq()
            .log_unanswered(&question, e.point_id, now)
            .await?;
        let entry = AuditEntry::new(actor, "event.question", e.code())
            .detail(serde_json::json!({ "unanswered": logged }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok(())
    }

    // ----- reminders -----

    /// The scheduler's look: each event starting within a day gets the day-before
    /// reminder, each starting within the hour the hour-before one (an event signed
    /// up for less than an hour ahead gets only that), to everyone holding a seat in
    /// chat. Each is queued once (the event remembers it, and the deliveries are
    /// unique per event, reminder and chat) however often the scheduler looks.
    /// Returns how many messages were queued.
    pub async fn run_reminders(
        &self,
        teller: Teller<'_>,
        now: DateTime<Utc>,
    ) -> Result<usize, Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM law_events
             WHERE status = 'scheduled' AND starts_at > $1 AND starts_at <= $2
               AND (reminded_day_at IS NULL OR reminded_hour_at IS NULL)
             ORDER BY starts_at"
        );
        let rows: Vec<EventRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(now)
            .bind(now + super::REMIND_DAY)
            .fetch_all(pool)
            .await?);
        let mut queued = 0;
        for e in typed(rows)? {
            let which = if now >= e.starts_at - super::REMIND_HOUR {
                if e.reminded_hour_at.is_some() {
                    continue;
                }
                Reminder::Hour
            } else if e.reminded_day_at.is_none() {
                Reminder::Day
            } else {
                continue;
            };
            let people: Vec<Signup> = self
                .signups(e.id)
                .await?
                .into_iter()
                .filter(|s| s.status == SignupStatus::Confirmed)
                .collect();
            let targets = to_people(&people, teller, |l| teller.reminder(l, &e, which));
            queued += targets.len();
            let (column, subject) = match which {
                Reminder::Day => ("reminded_day_at", format!("e{}:day", e.id)),
                Reminder::Hour => ("reminded_hour_at", format!("e{}:hour", e.id)),
            };
            // The hour's reminder also ends the day's: one message is enough.
            let also = match which {
                Reminder::Day => "",
                Reminder::Hour => ", reminded_day_at = COALESCE(reminded_day_at, $2)",
            };
            let update = format!(
                "UPDATE law_events SET {column} = $2{also} WHERE id = $1 AND {column} IS NULL"
            );
            let entry = AuditEntry::new(Actor::System, "event.remind", e.code())
                .detail(serde_json::json!({ "reminder": subject, "people": targets.len() }));
            on_pool!(self.0, |pool| {
                let mut tx = pool.begin_write().await?;
                let n = sqlx::query(&update)
                    .bind(e.id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if n > 0 {
                    queue_broadcast!(
                        tx,
                        "event_reminder",
                        &subject,
                        &targets,
                        teller.default_locale,
                        None::<i64>,
                        now
                    );
                    record!(&mut *tx, &entry, now);
                }
                tx.commit().await?;
            });
        }
        Ok(queued)
    }

    /// When the next reminder falls due.
    pub async fn next_due(&self, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM law_events
             WHERE status = 'scheduled' AND starts_at > $1 AND reminded_hour_at IS NULL
             ORDER BY starts_at LIMIT 50"
        );
        let rows: Vec<EventRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(now)
            .fetch_all(pool)
            .await?);
        Ok(typed(rows)?
            .iter()
            .map(|e| {
                let [day, hour] = e.reminder_times();
                // A day's reminder not yet sent is due at its time even when that has
                // passed: the scheduler may read this after its clock moved past a
                // reminder it has not run, and must come straight back for it rather
                // than sleep until the hour's.
                if e.reminded_day_at.is_none() {
                    day
                } else {
                    hour
                }
            })
            .min())
    }
}
