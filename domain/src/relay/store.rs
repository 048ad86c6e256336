//! The relay's storage: reports, their history, the department directory, the
//! department links and the resident's messages, on either backend.
//!
//! Every change is one transaction that also writes the report's history row, an
//! audit entry (`relay.*`) and the messages the resident (and whoever reported the
//! same problem, merged into it) will get, so no step exists without its trace.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, types::Json};

use super::{
    AnswerVia, CategoryCode, CloseReason, Department, DepartmentLink, Event, EventKind, Location,
    NewDepartment, NewReport, Receipt, RelayOutcome, Report, ReportChannel, ReportStatus, Settings,
    notices::{self, Step},
};
use crate::{
    Actor, Db, Error, UserId,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    deliveries::{OutMessage, queue_broadcast},
    error::ResultExt,
    i18n::Locales,
    opinions::{
        Attachment, Identity,
        web::{Sender, StatusToken},
    },
    people::Locale,
    review::Scope,
    values::UnknownCode,
};

/// What the resident's messages are written with: the catalogues, and the language
/// of people who chose none.
#[derive(Clone, Copy)]
pub struct Teller<'a> {
    pub locales: &'a Locales,
    pub default_locale: Locale,
}

/// A `relay_reports` row as stored, codes as text; converted once on read.
#[derive(FromRow)]
struct ReportRow {
    id: i64,
    receipt: String,
    category: String,
    body: String,
    place: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    attachments: Json<Vec<Attachment>>,
    identity: String,
    reporter_id: Option<i64>,
    reporter_name: Option<String>,
    consent_details: bool,
    locale: Option<String>,
    channel: String,
    point_id: Option<i64>,
    status: String,
    merged_into: Option<i64>,
    department_id: Option<i64>,
    close_reason: Option<String>,
    outcome: Option<String>,
    answer: Option<String>,
    answered_via: Option<String>,
    forwarded_at: Option<DateTime<Utc>>,
    answered_at: Option<DateTime<Utc>>,
    reminded_at: Option<DateTime<Utc>>,
    escalated_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, receipt, category, body, place, latitude, longitude, attachments,
    identity, reporter_id, reporter_name, consent_details, locale, channel, point_id, status,
    merged_into, department_id, close_reason, outcome, answer, answered_via, forwarded_at,
    answered_at, reminded_at, escalated_at, created_at, updated_at";

impl TryFrom<ReportRow> for Report {
    type Error = Error;

    fn try_from(r: ReportRow) -> Result<Report, Error> {
        let unknown = |what: &'static str, code: &str| UnknownCode {
            what,
            code: code.to_owned(),
        };
        Ok(Report {
            id: r.id,
            receipt: Receipt::parse(&r.receipt).ok_or_else(|| unknown("receipt", &r.receipt))?,
            category: CategoryCode::parse(&r.category)
                .map_err(|_| unknown("category", &r.category))?,
            body: r.body,
            place: r.place,
            location: match (r.latitude, r.longitude) {
                (Some(a), Some(o)) => Location::new(a, o),
                _ => None,
            },
            attachments: r.attachments.0,
            identity: Identity::try_from(r.identity.as_str())?,
            reporter_id: r.reporter_id,
            reporter_name: r.reporter_name,
            consent_details: r.consent_details,
            locale: r.locale.as_deref().and_then(Locale::from_language_code),
            channel: ReportChannel::try_from(r.channel.as_str())?,
            point_id: r.point_id,
            status: ReportStatus::try_from(r.status.as_str())?,
            merged_into: r.merged_into,
            department_id: r.department_id,
            close_reason: r.close_reason.map(CloseReason::try_from).transpose()?,
            outcome: r.outcome.map(RelayOutcome::try_from).transpose()?,
            answer: r.answer,
            answered_via: r.answered_via.map(AnswerVia::try_from).transpose()?,
            forwarded_at: r.forwarded_at,
            answered_at: r.answered_at,
            reminded_at: r.reminded_at,
            escalated_at: r.escalated_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

fn typed(rows: Vec<ReportRow>) -> Result<Vec<Report>, Error> {
    rows.into_iter().map(Report::try_from).collect()
}

#[derive(FromRow)]
struct DepartmentRow {
    id: i64,
    name: String,
    contact: Option<String>,
    categories: String,
    committee: bool,
    active: bool,
}

impl From<DepartmentRow> for Department {
    fn from(r: DepartmentRow) -> Department {
        Department {
            id: r.id,
            name: r.name,
            contact: r.contact,
            categories: r
                .categories
                .split(',')
                .filter_map(|c| CategoryCode::parse(c).ok())
                .collect(),
            committee: r.committee,
            active: r.active,
        }
    }
}

/// Inserts a history row inside an open transaction.
macro_rules! event {
    ($tx:expr, $report:expr, $kind:expr, $actor:expr, $detail:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO relay_events (report_id, at, actor, kind, detail) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind($report)
        .bind($now)
        .bind($actor)
        .bind(EventKind::as_str($kind))
        .bind(Json(&$detail))
        .execute(&mut *$tx)
        .await?
    };
}

/// A `relay_events` row: when, what, who, and what the step carried.
type EventRow = (DateTime<Utc>, String, Option<i64>, Json<serde_json::Value>);

/// A `relay_links` row: report, department, expiry and when it was used.
type LinkRow = (i64, i64, DateTime<Utc>, Option<DateTime<Utc>>);

/// Ends a report's department links (a forward elsewhere, an answer, closing).
macro_rules! spend_links {
    ($tx:ident, $id:expr, $now:expr) => {
        sqlx::query("UPDATE relay_links SET used_at = $2 WHERE report_id = $1 AND used_at IS NULL")
            .bind($id)
            .bind($now)
            .execute(&mut *$tx)
            .await?
    };
}

/// What every step of a report ends with, in its transaction: the history row, the
/// residents' messages, the audit entry, and the commit.
macro_rules! end_step {
    ($tx:ident, $id:expr, $kind:expr, $actor:expr, $detail:expr, $notices:expr, $entry:expr, $now:expr) => {{
        event!($tx, $id, $kind, $actor.id(), $detail, $now);
        for (chat, subject, locale, message) in &$notices {
            queue_broadcast!(
                $tx,
                "relay",
                subject,
                &[(*chat, message.clone())],
                *locale,
                None::<i64>,
                $now
            );
        }
        record!(&mut *$tx, &$entry, $now);
        $tx.commit().await?;
    }};
}

/// A message for one resident: the chat, the delivery's subject, the message.
type Notice = (i64, String, Locale, OutMessage);

pub struct Relay<'a>(pub(super) &'a Db);

impl Db {
    pub fn relay(&self) -> Relay<'_> {
        Relay(self)
    }
}

impl Relay<'_> {
    // ----- the department directory -----

    /// The department directory: active ones first, by name.
    pub async fn departments(&self) -> Result<Vec<Department>, Error> {
        let rows: Vec<DepartmentRow> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT id, name, contact, categories, committee, active FROM relay_departments
             ORDER BY active DESC, committee, name"
        )
        .fetch_all(pool)
        .await?);
        Ok(rows.into_iter().map(Department::from).collect())
    }

    pub async fn department(&self, id: i64) -> Result<Option<Department>, Error> {
        let row: Option<DepartmentRow> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT id, name, contact, categories, committee, active FROM relay_departments
             WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await?);
        Ok(row.map(Department::from))
    }

    /// Adds a department to the directory (admins only: the caller checks).
    pub async fn add_department(
        &self,
        new: &NewDepartment,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Department, Error> {
        let categories: Vec<&str> = new.categories.iter().map(CategoryCode::as_str).collect();
        let entry = AuditEntry::new(actor, "relay.department.add", new.name.clone())
            .detail(serde_json::json!({ "categories": categories, "committee": new.committee }));
        let id: i64 = on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO relay_departments (name, contact, categories, committee, active, created_at)
                 VALUES ($1, $2, $3, $4, TRUE, $5) RETURNING id",
            )
            .bind(&new.name)
            .bind(&new.contact)
            .bind(categories.join(","))
            .bind(new.committee)
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .on_unique(|| Error::DuplicateDepartment(new.name.clone()))?;
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
            id
        });
        self.department(id)
            .await?
            .ok_or(Error::UnknownDepartment(id))
    }

    /// Takes a department out of (or back into) the list offered for forwarding.
    pub async fn set_department_active(
        &self,
        id: i64,
        active: bool,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let entry = AuditEntry::new(actor, "relay.department.active", id.to_string())
            .detail(serde_json::json!({ "active": active }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let n = sqlx::query("UPDATE relay_departments SET active = $2 WHERE id = $1")
                .bind(id)
                .bind(active)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if n == 0 {
                return Err(Error::UnknownDepartment(id));
            }
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok(())
    }

    // ----- reports -----

    /// Stores a report with the next receipt number, its first history row and an
    /// audit entry. The same submission key again returns the report already stored.
    pub async fn submit(&self, new: &NewReport, now: DateTime<Utc>) -> Result<Report, Error> {
        self.store(new, None, now).await
    }

    /// [`Relay::submit`] for the web: with the status link's hash and the sender's
    /// keyed hashes, and the photo uploaded with the form (by its upload key), claimed
    /// for this report — all in the same transaction. A key that names no photo this
    /// browser uploaded and no report claimed is refused
    /// ([`Error::Invalid`] of [`Field::ReportPhoto`](crate::error::Field)).
    pub async fn submit_web(
        &self,
        new: &NewReport,
        token: &StatusToken,
        sender: &Sender,
        photo: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Report, Error> {
        self.store(new, Some((token, sender, photo)), now).await
    }

    async fn store(
        &self,
        new: &NewReport,
        web: Option<(&StatusToken, &Sender, Option<&str>)>,
        now: DateTime<Utc>,
    ) -> Result<Report, Error> {
        if let Some(existing) = self.by_key(&new.submission_key).await? {
            return Ok(existing);
        }
        // The category must be on the list now, not only when the form was drawn.
        self.category(new.category.as_str()).await?;
        let consent_at = new.consent_details.then_some(now);
        let (lat, lon) = match new.location {
            Some(l) => (Some(l.latitude), Some(l.longitude)),
            None => (None, None),
        };
        let id: Option<i64> = on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let seq: i64 = sqlx::query_scalar(
                "UPDATE relay_seq SET last = last + 1 WHERE id = 1 RETURNING CAST(last AS BIGINT)",
            )
            .fetch_one(&mut *tx)
            .await?;
            let receipt = Receipt::of(seq);
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO relay_reports (receipt, submission_key, category, body, place, latitude,
                     longitude, attachments, identity, reporter_id, reporter_name, consent_details,
                     consent_at, locale, channel, point_id, status, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                     'received', $17, $17)
                 ON CONFLICT (submission_key) DO NOTHING RETURNING id",
            )
            .bind(receipt.as_str())
            .bind(&new.submission_key)
            .bind(new.category.as_str())
            .bind(&new.body)
            .bind(&new.place)
            .bind(lat)
            .bind(lon)
            .bind(Json(&new.attachments))
            .bind(new.identity.as_str())
            .bind(new.reporter_id)
            .bind(&new.reporter_name)
            .bind(new.consent_details)
            .bind(consent_at)
            .bind(new.locale.tag())
            .bind(new.channel.as_str())
            .bind(new.point_id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(id) = id else {
                tx.rollback().await?;
                return self
                    .by_key(&new.submission_key)
                    .await?
                    .ok_or(Error::UnknownReport(0));
            };
            if let Some((token, sender, photo)) = web {
                sqlx::query(
                    "INSERT INTO relay_web (report_id, token_hash, browser_hash, address_hash, created_at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(token.hash())
                .bind(sender.browser())
                .bind(sender.address())
                .bind(now)
                .execute(&mut *tx)
                .await?;
                if let Some(key) = photo {
                    let claimed: Option<(i64, i32)> = sqlx::query_as(
                        "UPDATE relay_photos SET report_id = $1
                         WHERE upload_hash = $2 AND browser_hash = $3 AND report_id IS NULL
                         RETURNING CAST(id AS BIGINT), size",
                    )
                    .bind(id)
                    .bind(super::photos::upload_hash(key))
                    .bind(sender.browser())
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some((photo, size)) = claimed else {
                        return Err(Error::Invalid(crate::error::Field::ReportPhoto));
                    };
                    let mut attachments = new.attachments.clone();
                    attachments.push(Attachment {
                        kind: super::photos::WEB_PHOTO.to_owned(),
                        file_id: photo.to_string(),
                        size: u32::try_from(size).unwrap_or_default(),
                    });
                    if attachments.len() > crate::limits::ATTACHMENTS_MAX {
                        return Err(Error::Invalid(crate::error::Field::ReportPhoto));
                    }
                    sqlx::query("UPDATE relay_reports SET attachments = $2 WHERE id = $1")
                        .bind(id)
                        .bind(Json(&attachments))
                        .execute(&mut *tx)
                        .await?;
                }
            }
            let detail = serde_json::json!({ "category": new.category.as_str() });
            event!(tx, id, EventKind::Received, new.reporter_id, detail, now);
            let entry = AuditEntry::new(
                match new.reporter_id {
                    Some(p) => Actor::Person(p),
                    // A resident on the web: no account, so no one signed in.
                    None => Actor::Visitor,
                },
                "relay.report",
                receipt.as_str(),
            )
            .detail(serde_json::json!({
                "channel": new.channel.as_str(),
                "category": new.category.as_str(),
                "point": new.point_id,
            }));
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
            Some(id)
        });
        match id {
            Some(id) => self.get(id).await?.ok_or(Error::UnknownReport(id)),
            None => Err(Error::UnknownReport(0)),
        }
    }

    pub async fn get(&self, id: i64) -> Result<Option<Report>, Error> {
        self.one("id = $1", id).await
    }

    /// A report by its receipt number, within `scope`.
    pub async fn by_receipt(
        &self,
        receipt: &Receipt,
        scope: Scope,
    ) -> Result<Option<Report>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM relay_reports WHERE receipt = $1");
        let row: Option<ReportRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(receipt.as_str())
            .fetch_optional(pool)
            .await?);
        match row.map(Report::try_from).transpose()? {
            Some(r) if self.0.in_scope(scope, r.point_id).await? => Ok(Some(r)),
            _ => Ok(None),
        }
    }

    async fn by_key(&self, key: &str) -> Result<Option<Report>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM relay_reports WHERE submission_key = $1");
        let row: Option<ReportRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(key)
            .fetch_optional(pool)
            .await?);
        row.map(Report::try_from).transpose()
    }

    async fn one(&self, condition: &str, id: i64) -> Result<Option<Report>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM relay_reports WHERE {condition}");
        let row: Option<ReportRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?);
        row.map(Report::try_from).transpose()
    }

    /// A report within `scope`, or [`Error::UnknownReport`]: what is outside a
    /// person's reach is answered as if it did not exist.
    pub async fn reachable(&self, id: i64, scope: Scope) -> Result<Report, Error> {
        match self.get(id).await? {
            Some(r) if self.0.in_scope(scope, r.point_id).await? => Ok(r),
            _ => Err(Error::UnknownReport(id)),
        }
    }

    /// The report a web status link points at.
    pub async fn by_token(&self, token: &StatusToken) -> Result<Option<Report>, Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM relay_reports WHERE id =
                 (SELECT report_id FROM relay_web WHERE token_hash = $1)"
        );
        let row: Option<ReportRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(token.hash())
            .fetch_optional(pool)
            .await?);
        row.map(Report::try_from).transpose()
    }

    /// How many reports the sender's browser, and its address, made since `since`.
    pub async fn sent_since(
        &self,
        sender: &Sender,
        since: DateTime<Utc>,
    ) -> Result<crate::opinions::web::Sent, Error> {
        let (browser, address): (i64, i64) = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT
                 (SELECT COUNT(*) FROM relay_web WHERE browser_hash = $1 AND created_at >= $3),
                 (SELECT COUNT(*) FROM relay_web WHERE address_hash = $2 AND created_at >= $3)"
        )
        .bind(sender.browser())
        .bind(sender.address())
        .bind(since)
        .fetch_one(pool)
        .await?);
        Ok(crate::opinions::web::Sent { browser, address })
    }

    /// How many reports a Telegram user made since `since` (the chat's hourly limit).
    pub async fn count_since(&self, user: UserId, since: DateTime<Utc>) -> Result<i64, Error> {
        Ok(on_pool!(self.0, |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM relay_reports WHERE reporter_id = $1 AND created_at >= $2"
        )
        .bind(user)
        .bind(since)
        .fetch_one(pool)
        .await?))
    }

    /// The triage queue: reports within `scope`, in one status (or every open one),
    /// oldest first, at most `limit`.
    pub async fn queue(
        &self,
        scope: Scope,
        status: Option<ReportStatus>,
        limit: i64,
    ) -> Result<Vec<Report>, Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM relay_reports
             WHERE {}
               AND (($2 IS NULL AND status IN ('received', 'forwarded')) OR status = $2)
             ORDER BY id LIMIT $3",
            scope.clause("point_id", 1)
        );
        let rows: Vec<ReportRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(scope.param())
            .bind(status.map(ReportStatus::as_str))
            .bind(limit)
            .fetch_all(pool)
            .await?);
        typed(rows)
    }

    /// Every report within `scope` created in `[from, to)`, for exports and figures.
    pub async fn between(
        &self,
        scope: Scope,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Result<Vec<Report>, Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM relay_reports
             WHERE {} AND ($2 IS NULL OR created_at >= $2)
               AND ($3 IS NULL OR created_at < $3)
             ORDER BY id",
            scope.clause("point_id", 1)
        );
        let rows: Vec<ReportRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(scope.param())
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await?);
        typed(rows)
    }

    /// The reports a Telegram user made (for /mydata), oldest first.
    pub async fn of_reporter(&self, user: UserId) -> Result<Vec<Report>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM relay_reports WHERE reporter_id = $1 ORDER BY id");
        let rows: Vec<ReportRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(user)
            .fetch_all(pool)
            .await?);
        typed(rows)
    }

    /// The report's history, oldest first.
    pub async fn history(&self, id: i64) -> Result<Vec<Event>, Error> {
        let rows: Vec<EventRow> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT at, kind, actor, detail FROM relay_events WHERE report_id = $1 ORDER BY id"
        )
        .bind(id)
        .fetch_all(pool)
        .await?);
        rows.into_iter()
            .map(|(at, kind, actor, detail)| {
                Ok(Event {
                    at,
                    kind: EventKind::try_from(kind.as_str())?,
                    actor,
                    detail: detail.0,
                })
            })
            .collect()
    }

    /// The reports merged into `id`.
    pub async fn merged_into(&self, id: i64) -> Result<Vec<Report>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM relay_reports WHERE merged_into = $1 ORDER BY id");
        let rows: Vec<ReportRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(id)
            .fetch_all(pool)
            .await?);
        typed(rows)
    }

    /// The messages telling `report`'s reporter, and everyone whose report was merged
    /// into it, of `step` — each in their language, about their own receipt.
    async fn notices(
        &self,
        teller: Teller<'_>,
        report: &Report,
        kind: EventKind,
        step: &Step<'_>,
    ) -> Result<Vec<Notice>, Error> {
        let mut out = Vec::new();
        let mut reports = vec![report.clone()];
        reports.extend(self.merged_into(report.id).await?);
        for r in reports {
            let Some(chat) = r.reporter_id else { continue };
            let locale = match r.locale {
                Some(l) => l,
                None => self
                    .0
                    .people()
                    .locale(chat)
                    .await?
                    .unwrap_or(teller.default_locale),
            };
            let message = notices::to_resident(teller.locales, locale, &r, step);
            let subject = format!(
                "{}:{}:{}",
                r.receipt,
                kind.as_str(),
                report.updated_at.timestamp_micros()
            );
            out.push((chat, subject, locale, message));
        }
        Ok(out)
    }

    /// Checks that `report` may take `next` from where it stands.
    fn allowed(report: &Report, ok: bool) -> Result<(), Error> {
        if ok {
            Ok(())
        } else {
            Err(Error::ReportState {
                id: report.id,
                status: report.status,
            })
        }
    }

    /// Re-files a report under another category.
    pub async fn recategorise(
        &self,
        id: i64,
        category: &str,
        scope: Scope,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Report, Error> {
        let report = self.reachable(id, scope).await?;
        Self::allowed(&report, report.status.open())?;
        let category = self.category(category).await?;
        let detail = serde_json::json!({
            "from": report.category.as_str(),
            "to": category.code.as_str(),
        });
        let entry = AuditEntry::new(actor, "relay.recategorise", report.receipt.as_str())
            .detail(detail.clone());
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query("UPDATE relay_reports SET category = $2, updated_at = $3 WHERE id = $1")
                .bind(id)
                .bind(category.code.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            event!(tx, id, EventKind::Recategorised, actor.id(), detail, now);
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        self.reachable(id, scope).await
    }

    /// Merges report `dup` into `into` (the same problem): `dup` is closed as merged,
    /// and its reporter hears that `into` carries it on — and later, `into`'s outcome.
    pub async fn merge(
        &self,
        teller: Teller<'_>,
        dup: i64,
        into: i64,
        scope: Scope,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Report, Error> {
        let d = self.reachable(dup, scope).await?;
        let target = self.reachable(into, scope).await?;
        Self::allowed(&d, d.status == ReportStatus::Received && dup != into)?;
        Self::allowed(&target, target.status != ReportStatus::Merged)?;
        let mut after = d.clone();
        after.updated_at = now;
        let notices = self
            .notices(
                teller,
                &after,
                EventKind::Merged,
                &Step::Merged {
                    into: target.receipt.as_str(),
                },
            )
            .await?;
        let detail = serde_json::json!({ "into": target.receipt.as_str() });
        let entry =
            AuditEntry::new(actor, "relay.merge", d.receipt.as_str()).detail(detail.clone());
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let n = sqlx::query(
                "UPDATE relay_reports SET status = 'merged', merged_into = $2, updated_at = $3
                 WHERE id = $1 AND status = 'received'",
            )
            .bind(dup)
            .bind(into)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                return Err(Error::ReportState {
                    id: dup,
                    status: d.status,
                });
            }
            // Reports merged into the duplicate follow it to the one that carries on.
            sqlx::query("UPDATE relay_reports SET merged_into = $2 WHERE merged_into = $1")
                .bind(dup)
                .bind(into)
                .execute(&mut *tx)
                .await?;
            end_step!(
                tx,
                dup,
                EventKind::Merged,
                actor,
                detail,
                notices,
                entry,
                now
            );
        });
        self.reachable(dup, scope).await
    }

    /// Forwards a report (转办) to a department: a new one-time link for it (earlier
    /// links of the report stop working), and the resident hears to which department.
    /// From received, or again from forwarded (to another department), or after a
    /// department answered that it is not theirs.
    #[allow(clippy::too_many_arguments)]
    pub async fn forward(
        &self,
        teller: Teller<'_>,
        settings: &Settings,
        id: i64,
        department: i64,
        scope: Scope,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<(Report, DepartmentLink), Error> {
        let report = self.reachable(id, scope).await?;
        let forwardable = match report.status {
            ReportStatus::Received | ReportStatus::Forwarded => true,
            ReportStatus::Answered => report.outcome == Some(RelayOutcome::NotOurs),
            ReportStatus::Closed | ReportStatus::Merged => false,
        };
        Self::allowed(&report, forwardable)?;
        let dept = self
            .department(department)
            .await?
            .filter(|d| d.active)
            .ok_or(Error::UnknownDepartment(department))?;
        let link = DepartmentLink::generate();
        let mut after = report.clone();
        after.updated_at = now;
        let notices = self
            .notices(
                teller,
                &after,
                EventKind::Forwarded,
                &Step::Forwarded {
                    department: &dept.name,
                },
            )
            .await?;
        let detail = serde_json::json!({ "department": dept.name, "department_id": dept.id });
        let entry =
            AuditEntry::new(actor, "relay.forward", report.receipt.as_str()).detail(detail.clone());
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "UPDATE relay_reports SET status = 'forwarded', department_id = $2, forwarded_at = $3,
                     updated_at = $3, outcome = NULL, answer = NULL, answered_via = NULL,
                     answered_at = NULL, reminded_at = NULL, escalated_at = NULL
                 WHERE id = $1",
            )
            .bind(id)
            .bind(dept.id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            spend_links!(tx, id, now);
            sqlx::query(
                "INSERT INTO relay_links (code_hash, report_id, department_id, created_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(link.hash())
            .bind(id)
            .bind(dept.id)
            .bind(now)
            .bind(now + settings.link_ttl)
            .execute(&mut *tx)
            .await?;
            end_step!(
                tx,
                id,
                EventKind::Forwarded,
                actor,
                detail,
                notices,
                entry,
                now
            );
        });
        Ok((self.reachable(id, scope).await?, link))
    }

    /// What a department link opens: the report and the department, if the link may
    /// still be used ([`Error::InviteNotFound`], [`Error::InviteUsed`],
    /// [`Error::InviteExpired`] otherwise).
    pub async fn open_link(
        &self,
        link: &DepartmentLink,
        now: DateTime<Utc>,
    ) -> Result<(Report, Department), Error> {
        let row: Option<LinkRow> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT report_id, department_id, expires_at, used_at FROM relay_links
                 WHERE code_hash = $1"
        )
        .bind(link.hash())
        .fetch_optional(pool)
        .await?);
        let (report, department, expires_at, used_at) = row.ok_or(Error::InviteNotFound)?;
        if used_at.is_some() {
            return Err(Error::InviteUsed);
        }
        if expires_at <= now {
            return Err(Error::InviteExpired);
        }
        let report = self.get(report).await?.ok_or(Error::InviteNotFound)?;
        if report.status != ReportStatus::Forwarded || report.department_id != Some(department) {
            return Err(Error::InviteUsed);
        }
        let dept = self
            .department(department)
            .await?
            .ok_or(Error::InviteNotFound)?;
        Ok((report, dept))
    }

    /// The department's answer through its link: spends the link, stores the answer,
    /// and queues it for the resident.
    pub async fn answer_by_link(
        &self,
        teller: Teller<'_>,
        link: &DepartmentLink,
        outcome: RelayOutcome,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Report, Error> {
        let text = super::answer(text)?;
        let (report, dept) = self.open_link(link, now).await?;
        self.store_answer(
            teller,
            &report,
            &dept,
            outcome,
            &text,
            AnswerVia::Link,
            Some(link),
            // The department, through its one-time link: it has no account.
            Actor::Visitor,
            now,
        )
        .await
    }

    /// An answer the liaison received by phone or letter, recorded by them; the
    /// department's link stops working.
    #[allow(clippy::too_many_arguments)]
    pub async fn record_answer(
        &self,
        teller: Teller<'_>,
        id: i64,
        outcome: RelayOutcome,
        text: &str,
        via: AnswerVia,
        scope: Scope,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Report, Error> {
        let text = super::answer(text)?;
        let report = self.reachable(id, scope).await?;
        Self::allowed(
            &report,
            report.status == ReportStatus::Forwarded && via != AnswerVia::Link,
        )?;
        let department = report.department_id.unwrap_or_default();
        let dept = self
            .department(department)
            .await?
            .ok_or(Error::UnknownDepartment(department))?;
        self.store_answer(
            teller, &report, &dept, outcome, &text, via, None, actor, now,
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn store_answer(
        &self,
        teller: Teller<'_>,
        report: &Report,
        dept: &Department,
        outcome: RelayOutcome,
        text: &str,
        via: AnswerVia,
        link: Option<&DepartmentLink>,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Report, Error> {
        let mut after = report.clone();
        after.updated_at = now;
        let notices = self
            .notices(
                teller,
                &after,
                EventKind::Answered,
                &Step::Answered {
                    outcome,
                    answer: text,
                },
            )
            .await?;
        let detail = serde_json::json!({
            "department": dept.name,
            "outcome": outcome.as_str(),
            "via": via.as_str(),
            "answer": text,
        });
        let entry = AuditEntry::new(actor, "relay.answer", report.receipt.as_str()).detail(
            serde_json::json!({ "department": dept.name, "outcome": outcome.as_str(), "via": via.as_str() }),
        );
        let id = report.id;
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            if let Some(link) = link {
                // Claimed here, so two answers racing on one link cannot both land.
                let n = sqlx::query(
                    "UPDATE relay_links SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL
                         AND expires_at > $2",
                )
                .bind(link.hash())
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if n == 0 {
                    return Err(Error::InviteUsed);
                }
            }
            let n = sqlx::query(
                "UPDATE relay_reports SET status = 'answered', outcome = $2, answer = $3,
                     answered_via = $4, answered_at = $5, updated_at = $5
                 WHERE id = $1 AND status = 'forwarded' AND department_id = $6",
            )
            .bind(id)
            .bind(outcome.as_str())
            .bind(text)
            .bind(via.as_str())
            .bind(now)
            .bind(dept.id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                return Err(Error::ReportState {
                    id,
                    status: report.status,
                });
            }
            spend_links!(tx, id, now);
            end_step!(
                tx,
                id,
                EventKind::Answered,
                actor,
                detail,
                notices,
                entry,
                now
            );
        });
        self.get(id).await?.ok_or(Error::UnknownReport(id))
    }

    /// Closes a report with a reason (not within scope, resolved on the spot …) and
    /// the liaison's note; the resident hears both. Any department link stops working.
    #[allow(clippy::too_many_arguments)]
    pub async fn close(
        &self,
        teller: Teller<'_>,
        id: i64,
        reason: CloseReason,
        note: Option<&str>,
        scope: Scope,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Report, Error> {
        let note = note
            .filter(|n| !n.trim().is_empty())
            .map(super::note)
            .transpose()?;
        let report = self.reachable(id, scope).await?;
        Self::allowed(&report, report.status.open())?;
        let mut after = report.clone();
        after.updated_at = now;
        let mut notices = Vec::new();
        for locale in Locale::ALL {
            let reason_words = teller.locales.text(locale, reason.label_id(), &[]);
            let step = Step::Closed {
                reason: reason_words,
                note: note.as_deref(),
            };
            notices.push(
                self.notices(teller, &after, EventKind::Closed, &step)
                    .await?,
            );
        }
        // Each person's message in their own language.
        let notices: Vec<Notice> = notices
            .into_iter()
            .zip(Locale::ALL)
            .flat_map(|(list, locale)| list.into_iter().filter(move |n| n.2 == locale))
            .collect();
        let detail = serde_json::json!({ "reason": reason.as_str(), "note": note });
        let entry = AuditEntry::new(actor, "relay.close", report.receipt.as_str())
            .detail(serde_json::json!({ "reason": reason.as_str() }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "UPDATE relay_reports SET status = 'closed', close_reason = $2, answer = $3,
                     updated_at = $4
                 WHERE id = $1",
            )
            .bind(id)
            .bind(reason.as_str())
            .bind(&note)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            spend_links!(tx, id, now);
            end_step!(
                tx,
                id,
                EventKind::Closed,
                actor,
                detail,
                notices,
                entry,
                now
            );
        });
        self.reachable(id, scope).await
    }

    // ----- reminders and escalation -----

    /// Forwarded reports unanswered since `remind_after` and not yet reminded.
    pub async fn due_reminders(
        &self,
        settings: &Settings,
        now: DateTime<Utc>,
    ) -> Result<Vec<Report>, Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM relay_reports
             WHERE status = 'forwarded' AND reminded_at IS NULL AND forwarded_at <= $1 ORDER BY id"
        );
        let rows: Vec<ReportRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(now - settings.remind_after)
            .fetch_all(pool)
            .await?);
        typed(rows)
    }

    /// Forwarded reports still unanswered `escalate_after` after their reminder.
    pub async fn due_escalations(
        &self,
        settings: &Settings,
        now: DateTime<Utc>,
    ) -> Result<Vec<Report>, Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM relay_reports
             WHERE status = 'forwarded' AND escalated_at IS NULL AND reminded_at IS NOT NULL
               AND reminded_at <= $1 ORDER BY id"
        );
        let rows: Vec<ReportRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(now - settings.escalate_after)
            .fetch_all(pool)
            .await?);
        typed(rows)
    }

    /// When the next reminder or escalation falls due.
    pub async fn next_due(&self, settings: &Settings) -> Result<Option<DateTime<Utc>>, Error> {
        let (remind, escalate): (Option<DateTime<Utc>>, Option<DateTime<Utc>>) = on_pool!(
            self.0,
            |pool| {
                sqlx::query_as(
                "SELECT
                     (SELECT MIN(forwarded_at) FROM relay_reports
                      WHERE status = 'forwarded' AND reminded_at IS NULL),
                     (SELECT MIN(reminded_at) FROM relay_reports
                      WHERE status = 'forwarded' AND reminded_at IS NOT NULL AND escalated_at IS NULL)"
            )
            .fetch_one(pool)
            .await?
            }
        );
        Ok([
            remind.map(|t| t + settings.remind_after),
            escalate.map(|t| t + settings.escalate_after),
        ]
        .into_iter()
        .flatten()
        .min())
    }

    /// Marks reports reminded (or escalated) and queues the messages for it — one
    /// per person, each `(chat, message)` — in one transaction, so a reminder is
    /// queued once however often the scheduler looks.
    pub async fn mark_overdue(
        &self,
        kind: EventKind,
        reports: &[Report],
        messages: &[(i64, Locale, OutMessage)],
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let (column, purpose) = match kind {
            EventKind::Escalated => ("escalated_at", "relay_escalation"),
            _ => ("reminded_at", "relay_reminder"),
        };
        let update =
            format!("UPDATE relay_reports SET {column} = $2 WHERE id = $1 AND {column} IS NULL");
        let receipts: Vec<&str> = reports.iter().map(|r| r.receipt.as_str()).collect();
        let subject = format!("{}@{}", receipts.join(","), now.timestamp());
        let entry = AuditEntry::new(
            Actor::System,
            if kind == EventKind::Escalated {
                "relay.escalate"
            } else {
                "relay.remind"
            },
            receipts.join(","),
        )
        .detail(serde_json::json!({ "people": messages.len() }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            for r in reports {
                sqlx::query(&update)
                    .bind(r.id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                event!(tx, r.id, kind, None::<i64>, serde_json::json!({}), now);
            }
            for (chat, locale, message) in messages {
                queue_broadcast!(
                    tx,
                    purpose,
                    &subject,
                    &[(*chat, message.clone())],
                    *locale,
                    None::<i64>,
                    now
                );
            }
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok(())
    }

    /// The scheduler's look at overdue reports: each liaison is reminded of their
    /// point's reports forwarded and unanswered for `remind_after` (reports of no
    /// point go to the admins), and the admins get those still unanswered
    /// `escalate_after` later. Returns (reminded, escalated) reports.
    pub async fn run_overdue(
        &self,
        teller: Teller<'_>,
        settings: &Settings,
        now: DateTime<Utc>,
    ) -> Result<(usize, usize), Error> {
        let reminders = self.due_reminders(settings, now).await?;
        let escalations = self.due_escalations(settings, now).await?;
        if reminders.is_empty() && escalations.is_empty() {
            return Ok((0, 0));
        }
        let roles = self.0.roles().list().await?;
        let admins: Vec<UserId> = roles
            .iter()
            .filter(|r| r.role == crate::roles::Role::Admin)
            .map(|r| r.telegram_id)
            .collect();
        let departments: std::collections::HashMap<i64, String> = self
            .departments()
            .await?
            .into_iter()
            .map(|d| (d.id, d.name))
            .collect();
        let named = |list: &[Report]| -> Vec<(Report, String)> {
            list.iter()
                .map(|r| {
                    let d = r
                        .department_id
                        .and_then(|d| departments.get(&d).cloned())
                        .unwrap_or_default();
                    (r.clone(), d)
                })
                .collect()
        };
        let days = settings.remind_after.num_days().max(1);
        if !reminders.is_empty() {
            // Who is told of which reports: a point's liaisons, or the admins.
            let mut by_person: std::collections::BTreeMap<UserId, Vec<Report>> =
                std::collections::BTreeMap::new();
            for r in &reminders {
                let liaisons: Vec<UserId> = roles
                    .iter()
                    .filter(|x| {
                        x.role == crate::roles::Role::Liaison
                            && x.point.as_ref().map(|p| p.id) == r.point_id
                            && r.point_id.is_some()
                    })
                    .map(|x| x.telegram_id)
                    .collect();
                let to = if liaisons.is_empty() {
                    &admins
                } else {
                    &liaisons
                };
                for p in to {
                    by_person.entry(*p).or_default().push(r.clone());
                }
            }
            let mut messages = Vec::new();
            for (person, list) in by_person {
                let locale = self
                    .0
                    .people()
                    .locale(person)
                    .await?
                    .unwrap_or(teller.default_locale);
                let m = notices::reminder(teller.locales, locale, &named(&list), days);
                messages.push((person, locale, m));
            }
            self.mark_overdue(EventKind::Reminded, &reminders, &messages, now)
                .await?;
        }
        if !escalations.is_empty() {
            let mut messages = Vec::new();
            for person in &admins {
                let locale = self
                    .0
                    .people()
                    .locale(*person)
                    .await?
                    .unwrap_or(teller.default_locale);
                let m = notices::escalation(teller.locales, locale, &named(&escalations));
                messages.push((*person, locale, m));
            }
            self.mark_overdue(EventKind::Escalated, &escalations, &messages, now)
                .await?;
        }
        Ok((reminders.len(), escalations.len()))
    }

    /// Retention: the reporter's id and name are erased from reports finished
    /// (answered, closed or merged) before `cutoff` — the problem and the answer stay
    /// for the ledger, as opinions keep their text after their details are erased —
    /// and photos uploaded with a web form never submitted are deleted a day on.
    /// Returns how many reports lost their reporter.
    pub async fn erase_details_finished_before(
        &self,
        cutoff: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<u64, Error> {
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let n = sqlx::query(
                "UPDATE relay_reports SET reporter_id = NULL, reporter_name = NULL,
                     identity = 'anonymous', consent_details = FALSE,
                     submission_key = 'erased:' || receipt
                 WHERE status IN ('answered', 'closed', 'merged') AND updated_at < $1
                   AND (reporter_id IS NOT NULL OR reporter_name IS NOT NULL)",
            )
            .bind(cutoff)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            // Photos uploaded with a web form that was never submitted.
            sqlx::query("DELETE FROM relay_photos WHERE report_id IS NULL AND created_at < $1")
                .bind(now - super::photos::UNCLAIMED)
                .execute(&mut *tx)
                .await?;
            if n > 0 {
                let entry = AuditEntry::new(Actor::System, "relay.erase", "retention")
                    .detail(serde_json::json!({ "reports": n }));
                record!(&mut *tx, &entry, now);
            }
            tx.commit().await?;
            Ok(n)
        })
    }

    /// Reports whose reporter cannot hear of them through the bot — no Telegram id and
    /// no status link (people who erased their data), or a message that failed — for
    /// the liaison to tell in person.
    pub async fn unreached(&self, scope: Scope) -> Result<Vec<Report>, Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM relay_reports r
             WHERE {} AND status IN ('answered', 'closed', 'forwarded')
               AND ((reporter_id IS NULL AND NOT EXISTS (SELECT 1 FROM relay_web w WHERE w.report_id = r.id))
                    OR EXISTS (SELECT 1 FROM deliveries d WHERE d.purpose = 'relay'
                               AND d.chat_id = r.reporter_id AND d.state = 'failed'
                               AND d.subject LIKE r.receipt || ':%'))
             ORDER BY id",
            scope.clause("r.point_id", 1)
        );
        let rows: Vec<ReportRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(scope.param())
            .fetch_all(pool)
            .await?);
        typed(rows)
    }
}
