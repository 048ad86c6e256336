//! Consultations (征求意见): a draft regulation open for residents' opinions until a
//! deadline, scoped to some contact points or all. Lifecycle: draft → open → closed →
//! concluded, or withdrawn while open. A revised draft (二审稿) becomes a new version;
//! opinions keep the version they were given on.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, types::Json};

use crate::{
    Actor, Db, Error, UserId,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    draft::Draft,
    error::Field,
    groups::Group,
    open_calls::Kind,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Draft,
    Open,
    Closed,
    Concluded,
    Withdrawn,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Open => "open",
            State::Closed => "closed",
            State::Concluded => "concluded",
            State::Withdrawn => "withdrawn",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "open" => State::Open,
            "closed" => State::Closed,
            "concluded" => State::Concluded,
            "withdrawn" => State::Withdrawn,
            _ => State::Draft,
        }
    }
}

/// Which contact points' groups a consultation reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Points(Vec<i64>),
}

/// A title as residents will see it: 1–200 characters, one line.
pub fn title(raw: &str) -> Result<String, Error> {
    let t = raw.trim();
    if t.is_empty() || t.chars().count() > 200 || t.contains('\n') {
        return Err(Error::Invalid(Field::Title));
    }
    Ok(t.to_owned())
}

/// A summary: at most 1000 characters (it goes on the card, under Telegram's limits).
pub fn summary(raw: &str) -> Result<String, Error> {
    let s = raw.trim();
    if s.is_empty() || s.chars().count() > 1000 {
        return Err(Error::Invalid(Field::Summary));
    }
    Ok(s.to_owned())
}

/// A link to the draft's official page: http(s) only.
pub fn source_url(raw: &str) -> Result<String, Error> {
    let url = url::Url::parse(raw.trim()).map_err(|_| Error::Invalid(Field::Url))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::Invalid(Field::Url));
    }
    Ok(url.to_string())
}

/// The occupations a submitter may pick from: comma- or 、-separated, 1–30 of them.
pub fn occupations(raw: &str) -> Result<Vec<String>, Error> {
    let list: Vec<String> = raw
        .split([',', '，', '、', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if list.is_empty() || list.len() > 30 || list.iter().any(|o| o.chars().count() > 30) {
        return Err(Error::Invalid(Field::Occupations));
    }
    Ok(list)
}

#[derive(Debug, Clone)]
pub struct NewConsultation {
    pub title: String,
    pub closes_at: DateTime<Utc>,
    pub scope: Scope,
    pub summary: Option<String>,
    pub source_url: Option<String>,
    pub occupations: Vec<String>,
    pub draft: Draft,
    /// The file name or "pasted text", for the record.
    pub source_name: String,
}

#[derive(Debug, Clone, FromRow)]
struct Row {
    id: i64,
    title: String,
    summary: Option<String>,
    source_url: Option<String>,
    occupations: Json<Vec<String>>,
    state: String,
    scope_all: bool,
    version: i32,
    closes_at: DateTime<Utc>,
    opened_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    created_by: Option<UserId>,
    created_at: DateTime<Utc>,
    kind: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Consultation {
    pub id: i64,
    pub title: String,
    pub summary: Option<String>,
    pub source_url: Option<String>,
    pub occupations: Vec<String>,
    pub state: State,
    pub scope: Scope,
    pub version: i32,
    pub closes_at: DateTime<Utc>,
    pub opened_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    /// A draft regulation's consultation, or an open call for project suggestions
    /// ([`crate::open_calls`]).
    pub kind: Kind,
}

impl Consultation {
    /// An open call (立法项目征集): no articles; suggestions instead of opinions.
    pub fn is_open_call(&self) -> bool {
        self.kind == Kind::OpenCall
    }

    /// Refuses what only a draft has (an article, a stance, a decision per article,
    /// a revised draft) on an open call, and a suggestion on a draft.
    pub fn expect_kind(&self, kind: Kind) -> Result<(), Error> {
        if self.kind == kind {
            Ok(())
        } else {
            Err(Error::WrongKind {
                id: self.id,
                kind: self.kind,
            })
        }
    }

    /// Whether `point` is in scope.
    pub fn reaches(&self, point: i64) -> bool {
        match &self.scope {
            Scope::All => true,
            Scope::Points(p) => p.contains(&point),
        }
    }

    /// Open and before its deadline: the only time opinions and votes are taken.
    pub fn open_at(&self, now: DateTime<Utc>) -> bool {
        self.state == State::Open && self.closes_at > now
    }

    /// Whether residents may see it at all: published (open, closed or concluded).
    /// Drafts not yet published and withdrawn ones are nobody's business but staff's;
    /// the web answers them exactly like an id that never existed.
    pub fn is_public(&self) -> bool {
        matches!(self.state, State::Open | State::Closed | State::Concluded)
    }

    /// The reminders (durations before the deadline) whose time comes after the
    /// consultation was published: one whose time came first would tell the groups
    /// "one day left" when only minutes are.
    pub fn reminders_after_publication<'a>(
        &self,
        reminders: &'a [chrono::Duration],
    ) -> impl Iterator<Item = &'a chrono::Duration> {
        let published = self.opened_at.unwrap_or(self.created_at);
        let closes_at = self.closes_at;
        reminders
            .iter()
            .filter(move |before| closes_at - **before > published)
    }

    /// The receipt-style label residents see: C12.
    pub fn code(&self) -> String {
        format!("C{}", self.id)
    }
}

const COLUMNS: &str = "id, title, summary, source_url, occupations, state, scope_all, version,
    closes_at, opened_at, closed_at, created_by, created_at, kind";

/// What the scheduler has to do for an open consultation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// Remind the groups; `kind` is e.g. `remind:3d@<deadline>`, unique per deadline.
    Reminder {
        kind: String,
        before: chrono::Duration,
        /// Earlier reminders whose time also passed (after an outage, or a consultation
        /// published late): recorded as done without being sent.
        skipped: Vec<String>,
    },
    /// The deadline has passed: close and tell the groups.
    Close,
}

pub struct Consultations<'a>(&'a Db);

impl Db {
    pub fn consultations(&self) -> Consultations<'_> {
        Consultations(self)
    }
}

impl Consultations<'_> {
    /// Saves a consultation as a draft (not yet visible to residents).
    pub async fn create(
        &self,
        new: &NewConsultation,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Consultation, Error> {
        self.create_of_kind(new, Kind::Regulation, actor, now).await
    }

    /// [`Consultations::create`] of either kind (an open call through
    /// [`crate::open_calls::Suggestions::create`]).
    pub(crate) async fn create_of_kind(
        &self,
        new: &NewConsultation,
        kind: Kind,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Consultation, Error> {
        if new.closes_at <= now {
            return Err(Error::Invalid(Field::Deadline));
        }
        let (scope_all, points) = match &new.scope {
            Scope::All => (true, vec![]),
            Scope::Points(p) if p.is_empty() => return Err(Error::Invalid(Field::Scope)),
            Scope::Points(p) => (false, p.clone()),
        };
        let entry = AuditEntry::new(actor, "consultation.create", new.title.clone())
            .detail(serde_json::json!({ "kind": kind.as_str(), "articles": new.draft.articles.len(), "points": points, "closes_at": new.closes_at }));
        let id: i64 = on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO consultations (title, summary, source_url, occupations, state, scope_all,
                     version, closes_at, created_by, created_at, updated_at, kind)
                 VALUES ($1, $2, $3, $4, 'draft', $5, 1, $6, $7, $8, $8, $9) RETURNING id",
            )
            .bind(&new.title)
            .bind(&new.summary)
            .bind(&new.source_url)
            .bind(Json(&new.occupations))
            .bind(scope_all)
            .bind(new.closes_at)
            .bind(actor.id())
            .bind(now)
            .bind(kind.as_str())
            .fetch_one(&mut *tx)
            .await?;
            for point in &points {
                sqlx::query(
                    "INSERT INTO consultation_points (consultation_id, point_id) VALUES ($1, $2)",
                )
                .bind(id)
                .bind(point)
                .execute(&mut *tx)
                .await?;
            }
            sqlx::query(
                "INSERT INTO consultation_versions (consultation_id, version, draft, source_name, created_by, created_at)
                 VALUES ($1, 1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(Json(&new.draft))
            .bind(&new.source_name)
            .bind(actor.id())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
            id
        });
        self.get(id).await?.ok_or(Error::UnknownConsultation(id))
    }

    pub async fn get(&self, id: i64) -> Result<Option<Consultation>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM consultations WHERE id = $1");
        let row: Option<Row> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?);
        match row {
            Some(row) => Ok(Some(self.with_scope(row).await?)),
            None => Ok(None),
        }
    }

    async fn with_scope(&self, row: Row) -> Result<Consultation, Error> {
        let scope = if row.scope_all {
            Scope::All
        } else {
            let points: Vec<i64> = on_pool!(self.0, |pool| {
                sqlx::query_scalar(
                "SELECT point_id FROM consultation_points WHERE consultation_id = $1 ORDER BY point_id"
            )
            .bind(row.id)
            .fetch_all(pool)
            .await?
            });
            Scope::Points(points)
        };
        Ok(Consultation {
            id: row.id,
            title: row.title,
            summary: row.summary,
            source_url: row.source_url,
            occupations: row.occupations.0,
            state: State::parse(&row.state),
            scope,
            version: row.version,
            closes_at: row.closes_at,
            opened_at: row.opened_at,
            closed_at: row.closed_at,
            created_by: row.created_by,
            created_at: row.created_at,
            kind: Kind::try_from(row.kind)?,
        })
    }

    /// Consultations in the given states, deadline first.
    pub async fn list(&self, states: &[State]) -> Result<Vec<Consultation>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM consultations ORDER BY closes_at, id");
        let rows: Vec<Row> = on_pool!(self.0, |pool| sqlx::query_as(&sql).fetch_all(pool).await?);
        let mut out = Vec::new();
        for row in rows {
            if states.contains(&State::parse(&row.state)) {
                out.push(self.with_scope(row).await?);
            }
        }
        Ok(out)
    }

    /// The parsed draft of a version.
    pub async fn draft(&self, id: i64, version: i32) -> Result<Option<Draft>, Error> {
        let draft: Option<Json<Draft>> = on_pool!(self.0, |pool| {
            sqlx::query_scalar(
            "SELECT draft FROM consultation_versions WHERE consultation_id = $1 AND version = $2"
        )
        .bind(id)
        .bind(version)
        .fetch_optional(pool)
        .await?
        });
        Ok(draft.map(|d| d.0))
    }

    /// Moves a consultation to `to` from the states that may lead there, refusing any
    /// other (a stale button or a second publisher gets a clear answer).
    async fn transition(
        &self,
        id: i64,
        to: State,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Consultation, Error> {
        let (from, set): (&[State], &str) = match to {
            State::Open => (&[State::Draft], ", opened_at = $3"),
            State::Closed => (&[State::Open], ", closed_at = $3"),
            State::Withdrawn => (&[State::Draft, State::Open], ", closed_at = $3"),
            // Never reached here: a consultation is concluded by `Decisions::conclude`,
            // together with its summary, and nothing goes back to a draft.
            State::Concluded | State::Draft => (&[], ""),
        };
        let current = self.get(id).await?.ok_or(Error::UnknownConsultation(id))?;
        if !from.contains(&current.state) {
            return Err(Error::WrongState {
                id,
                state: current.state.as_str(),
            });
        }
        let entry = AuditEntry::new(actor, transition_action(to), id.to_string());
        let sql = format!(
            "UPDATE consultations SET state = $2, updated_at = $3{set} WHERE id = $1 AND state = $4"
        );
        let changed = on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let changed = sqlx::query(&sql)
                .bind(id)
                .bind(to.as_str())
                .bind(now)
                .bind(current.state.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if changed > 0 {
                record!(&mut *tx, &entry, now);
            }
            tx.commit().await?;
            changed
        });
        if changed == 0 {
            return Err(Error::WrongState {
                id,
                state: current.state.as_str(),
            });
        }
        self.get(id).await?.ok_or(Error::UnknownConsultation(id))
    }

    pub async fn publish(
        &self,
        id: i64,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Consultation, Error> {
        let current = self.get(id).await?.ok_or(Error::UnknownConsultation(id))?;
        if current.closes_at <= now {
            return Err(Error::Invalid(Field::Deadline));
        }
        self.transition(id, State::Open, actor, now).await
    }

    /// Closes at the deadline (actor: the scheduler, i.e. the command line) or early.
    pub async fn close(
        &self,
        id: i64,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Consultation, Error> {
        self.transition(id, State::Closed, actor, now).await
    }

    pub async fn withdraw(
        &self,
        id: i64,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Consultation, Error> {
        self.transition(id, State::Withdrawn, actor, now).await
    }

    /// Moves the deadline later (or earlier, but never into the past) while open.
    pub async fn extend(
        &self,
        id: i64,
        closes_at: DateTime<Utc>,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Consultation, Error> {
        if closes_at <= now {
            return Err(Error::Invalid(Field::Deadline));
        }
        self.update_open(
            id,
            "closes_at = $2",
            Value::Time(closes_at),
            "consultation.extend",
            actor,
            now,
        )
        .await
    }

    pub async fn set_summary(
        &self,
        id: i64,
        summary: &str,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Consultation, Error> {
        self.update_open(
            id,
            "summary = $2",
            Value::Text(summary.to_owned()),
            "consultation.summary",
            actor,
            now,
        )
        .await
    }

    async fn update_open(
        &self,
        id: i64,
        set: &str,
        value: Value,
        action: &'static str,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Consultation, Error> {
        let current = self.get(id).await?.ok_or(Error::UnknownConsultation(id))?;
        if !matches!(current.state, State::Draft | State::Open) {
            return Err(Error::WrongState {
                id,
                state: current.state.as_str(),
            });
        }
        let detail = match &value {
            Value::Time(t) => serde_json::json!({ "value": t }),
            Value::Text(t) => serde_json::json!({ "value": t }),
        };
        let entry = AuditEntry::new(actor, action, id.to_string()).detail(detail);
        // The state is checked again in the statement: the scheduler may have closed the
        // consultation since it was read.
        let sql = format!(
            "UPDATE consultations SET {set}, updated_at = $3 WHERE id = $1 AND state IN ('draft', 'open')"
        );
        let changed = on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let query = sqlx::query(&sql).bind(id);
            let query = match &value {
                Value::Time(t) => query.bind(*t),
                Value::Text(t) => query.bind(t.clone()),
            };
            let changed = query.bind(now).execute(&mut *tx).await?.rows_affected();
            if changed > 0 {
                record!(&mut *tx, &entry, now);
            }
            tx.commit().await?;
            changed
        });
        let updated = self.get(id).await?.ok_or(Error::UnknownConsultation(id))?;
        if changed == 0 {
            return Err(Error::WrongState {
                id,
                state: updated.state.as_str(),
            });
        }
        Ok(updated)
    }

    /// Replaces the text with a revised draft, as a new version. Earlier versions stay,
    /// so opinions given on them keep their article references.
    pub async fn revise(
        &self,
        id: i64,
        draft: &Draft,
        source_name: &str,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Consultation, Error> {
        let current = self.get(id).await?.ok_or(Error::UnknownConsultation(id))?;
        // An open call has no text to revise.
        current.expect_kind(Kind::Regulation)?;
        if !matches!(current.state, State::Draft | State::Open) {
            return Err(Error::WrongState {
                id,
                state: current.state.as_str(),
            });
        }
        let version = current.version + 1;
        let entry = AuditEntry::new(actor, "consultation.revise", id.to_string())
            .detail(serde_json::json!({ "version": version, "articles": draft.articles.len() }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO consultation_versions (consultation_id, version, draft, source_name, created_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(version)
            .bind(Json(draft))
            .bind(source_name)
            .bind(actor.id())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE consultations SET version = $2, updated_at = $3 WHERE id = $1")
                .bind(id)
                .bind(version)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        self.get(id).await?.ok_or(Error::UnknownConsultation(id))
    }

    /// The groups a consultation is announced to: active, linked to a point in scope.
    pub async fn groups(
        &self,
        c: &Consultation,
        scope: crate::review::Scope,
    ) -> Result<Vec<Group>, Error> {
        let all = self.0.groups().list(scope).await?;
        Ok(all
            .into_iter()
            .filter(|g| g.active && g.point_id.is_some_and(|p| c.reaches(p)))
            .collect())
    }

    /// What is due now for open consultations: reminders `reminders` before the
    /// deadline, and the closing once it has passed. Each is keyed by the deadline, so
    /// an extended consultation is reminded again before its new deadline.
    pub async fn due(
        &self,
        reminders: &[chrono::Duration],
        now: DateTime<Utc>,
    ) -> Result<Vec<(Consultation, Due)>, Error> {
        let mut out = Vec::new();
        for c in self.list(&[State::Open]).await? {
            if c.closes_at <= now {
                out.push((c, Due::Close));
                continue;
            }
            // Only the nearest reminder that is due: after a long outage residents get
            // one reminder, not three.
            let passed: Vec<&chrono::Duration> = c
                .reminders_after_publication(reminders)
                .filter(|before| c.closes_at - **before <= now)
                .collect();
            if let Some(before) = passed.iter().min().copied() {
                let kind = reminder_kind(*before, c.closes_at);
                if !self.event_done(c.id, &kind).await? {
                    let skipped = passed
                        .iter()
                        .filter(|b| ***b != *before)
                        .map(|b| reminder_kind(**b, c.closes_at))
                        .collect();
                    out.push((
                        c,
                        Due::Reminder {
                            kind,
                            before: *before,
                            skipped,
                        },
                    ));
                }
            }
        }
        Ok(out)
    }

    /// When the scheduler next has something to do, if anything is open.
    pub async fn next_due(
        &self,
        reminders: &[chrono::Duration],
    ) -> Result<Option<DateTime<Utc>>, Error> {
        let mut next: Option<DateTime<Utc>> = None;
        for c in self.list(&[State::Open]).await? {
            let mut times = vec![c.closes_at];
            for before in c.reminders_after_publication(reminders) {
                if !self
                    .event_done(c.id, &reminder_kind(*before, c.closes_at))
                    .await?
                {
                    times.push(c.closes_at - *before);
                }
            }
            for t in times {
                next = Some(next.map_or(t, |n| n.min(t)));
            }
        }
        Ok(next)
    }

    async fn event_done(&self, id: i64, kind: &str) -> Result<bool, Error> {
        let done: Option<i64> = on_pool!(self.0, |pool| {
            sqlx::query_scalar(
            "SELECT consultation_id FROM consultation_events WHERE consultation_id = $1 AND kind = $2"
        )
        .bind(id)
        .bind(kind)
        .fetch_optional(pool)
        .await?
        });
        Ok(done.is_some())
    }

    /// Records a scheduled event as done; false if it already was.
    pub async fn mark_done(&self, id: i64, kind: &str, now: DateTime<Utc>) -> Result<bool, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query(
            "INSERT INTO consultation_events (consultation_id, kind, done_at) VALUES ($1, $2, $3)
             ON CONFLICT (consultation_id, kind) DO NOTHING"
        )
        .bind(id)
        .bind(kind)
        .bind(now)
        .execute(pool)
        .await?
        .rows_affected()
            > 0))
    }
}

/// How long is left until a deadline, in the unit a person reads it in: minutes
/// under an hour, hours under a day (and for two or three days that are not whole
/// days), else days. A reminder says the real time left, not the reminder's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeLeft {
    Minutes(i64),
    Hours(i64),
    Days(i64),
}

impl TimeLeft {
    pub fn until(deadline: DateTime<Utc>, now: DateTime<Utc>) -> Self {
        // Rounded up to the minute: "5 minutes" while 4 min 30 s are left.
        let minutes = ((deadline - now).num_seconds() + 59).div_euclid(60).max(1);
        if minutes < 60 {
            return TimeLeft::Minutes(minutes);
        }
        let hours = (minutes + 30) / 60;
        if hours < 24 || (hours < 72 && hours % 24 != 0) {
            TimeLeft::Hours(hours)
        } else {
            TimeLeft::Days(hours / 24)
        }
    }
}

/// A reminder's key: how long before which deadline.
fn reminder_kind(before: chrono::Duration, deadline: DateTime<Utc>) -> String {
    format!("remind:{}m@{}", before.num_minutes(), deadline.timestamp())
}

#[cfg(test)]
mod time_left_tests {
    use chrono::{Duration, TimeZone, Utc};

    use super::TimeLeft;

    #[test]
    fn time_left_is_said_in_the_unit_a_person_reads() {
        let t = Utc.with_ymd_and_hms(2026, 11, 24, 1, 0, 0).unwrap();
        let left = |d: Duration| TimeLeft::until(t + d, t);
        assert_eq!(left(Duration::minutes(5)), TimeLeft::Minutes(5));
        assert_eq!(left(Duration::seconds(270)), TimeLeft::Minutes(5));
        assert_eq!(left(Duration::seconds(10)), TimeLeft::Minutes(1));
        assert_eq!(left(Duration::hours(20)), TimeLeft::Hours(20));
        assert_eq!(left(Duration::hours(36)), TimeLeft::Hours(36));
        assert_eq!(left(Duration::days(1)), TimeLeft::Days(1));
        assert_eq!(left(Duration::days(3)), TimeLeft::Days(3));
        assert_eq!(
            left(Duration::days(9) + Duration::hours(5)),
            TimeLeft::Days(9)
        );
    }
}

fn transition_action(to: State) -> &'static str {
    match to {
        State::Open => "consultation.publish",
        State::Closed => "consultation.close",
        State::Withdrawn => "consultation.withdraw",
        State::Concluded => "consultation.conclude",
        State::Draft => "consultation.draft",
    }
}

enum Value {
    Time(DateTime<Utc>),
    Text(String),
}

/// Reads a deadline as people write it: `2027-01-15`, `2027/1/15`, `2027年1月15日`,
/// optionally followed by a time `18:00`. A date without a time means the end of that
/// day in the display time zone (DESIGN's convention).
pub fn parse_deadline(raw: &str, tz: chrono_tz::Tz) -> Result<DateTime<Utc>, Error> {
    use chrono::{NaiveDate, NaiveTime, TimeZone};
    let err = || Error::Invalid(Field::Deadline);
    let normal: String = raw
        .trim()
        .replace(['年', '月', '/', '.'], "-")
        .replace(['日', '号'], " ")
        .replace('：', ":")
        .replace('T', " ");
    let mut parts = normal.split_whitespace();
    let date = parts.next().ok_or_else(err)?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| err())?;
    let time = match parts.next() {
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| err())?,
        None => NaiveTime::from_hms_milli_opt(23, 59, 59, 0).ok_or_else(err)?,
    };
    if parts.next().is_some() {
        return Err(err());
    }
    tz.from_local_datetime(&date.and_time(time))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn deadlines_are_read_as_people_write_them() {
        let tz = chrono_tz::Asia::Shanghai;
        let end_of_day = Utc.with_ymd_and_hms(2027, 1, 15, 15, 59, 59).unwrap();
        for raw in ["2027-01-15", "2027/1/15", "2027年1月15日", " 2027-1-15 "] {
            assert_eq!(parse_deadline(raw, tz).unwrap(), end_of_day, "{raw}");
        }
        let six_pm = Utc.with_ymd_and_hms(2027, 1, 15, 10, 0, 0).unwrap();
        assert_eq!(parse_deadline("2027-01-15 18:00", tz).unwrap(), six_pm);
        assert_eq!(parse_deadline("2027年1月15日 18：00", tz).unwrap(), six_pm);
        for bad in [
            "",
            "tomorrow",
            "2027-13-01",
            "2027-01-15 25:00",
            "2027-01-15 18:00 extra",
        ] {
            assert!(parse_deadline(bad, tz).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn lists_and_titles_are_validated() {
        assert_eq!(
            occupations("教师，医生、 律师,").unwrap(),
            ["教师", "医生", "律师"]
        );
        assert!(occupations(" , ").is_err());
        assert!(title("").is_err() && title("a\nb").is_err() && title(&"长".repeat(201)).is_err());
        assert!(source_url("ftp://x").is_err() && source_url("https://rd.gov.cn/a").is_ok());
    }
}
