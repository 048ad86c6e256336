//! The liaison's review of the ledger: counts by status, the queue of opinions one
//! at a time, and the review actions (已阅, 转交, 重复, 无效, 备注). Every action
//! re-checks that the opinion is in the reviewer's scope (a liaison's point, or all
//! for an admin) and is written together with its audit entry.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use crate::{
    Actor, Db, Error, UserId,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    opinions::{Opinion, Status},
};

/// The statuses a reviewer sees counted, in display order ([`Counts::by_status`]).
pub const STATUSES: [Status; 6] = Status::ALL;

/// Which contact points' records a staff member reaches: every point (admins), one
/// district's (county staff), or one (a liaison's). The one scope every query of
/// opinions, reports, groups, statistics and the assessment filters by: a feature
/// that needs a scope takes this, writes [`Scope::clause`] into its SQL and binds
/// [`Scope::param`] (the 普法 events will too), so that no page or command checks
/// reach on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    /// The points of one district (its id).
    District(i64),
    Point(i64),
}

impl Scope {
    /// The SQL condition that `column` (a contact point id) is in scope, with the
    /// scope's value bound at position `n` ([`Scope::param`]). A record without a
    /// point is in an admin's scope only.
    pub fn clause(self, column: &str, n: usize) -> String {
        match self {
            Scope::All => format!("(${n} IS NULL OR {column} = ${n})"),
            Scope::District(_) => format!(
                "{column} IN (SELECT scope_p.id FROM contact_points scope_p
                    WHERE scope_p.district_id = ${n})"
            ),
            Scope::Point(_) => format!("{column} = ${n}"),
        }
    }

    /// The value [`Scope::clause`] binds: none for every point, else the district's
    /// or the point's id.
    pub fn param(self) -> Option<i64> {
        match self {
            Scope::All => None,
            Scope::District(d) => Some(d),
            Scope::Point(p) => Some(p),
        }
    }

    /// Whether a contact point (None: a record without one) is in scope, given the
    /// district that point belongs to.
    pub fn covers(self, point: Option<i64>, district: Option<i64>) -> bool {
        match self {
            Scope::All => true,
            Scope::District(d) => point.is_some() && district == Some(d),
            Scope::Point(p) => point == Some(p),
        }
    }
}

impl Db {
    /// Whether a record of contact point `point` is in `scope` (a look-up only for a
    /// district's scope, to learn the point's district).
    pub async fn in_scope(&self, scope: Scope, point: Option<i64>) -> Result<bool, Error> {
        let district = match (scope, point) {
            (Scope::District(_), Some(p)) => {
                on_pool!(self, |pool| sqlx::query_scalar::<_, Option<i64>>(
                    "SELECT district_id FROM contact_points WHERE id = $1"
                )
                .bind(p)
                .fetch_optional(pool)
                .await?
                .flatten())
            }
            _ => None,
        };
        Ok(scope.covers(point, district))
    }
}

/// Which opinions of a consultation the queue shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filter {
    /// Only those still to be handled (status received).
    pub pending: bool,
    /// None: every article; Some(None): the whole draft; Some(Some(n)): article n.
    pub article: Option<Option<i32>>,
}

/// A review action on one opinion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Reviewed,
    Forwarded,
    Duplicate { of: i64 },
    Invalid { reason: String },
    Note { note: String },
}

impl Action {
    pub fn audit_action(&self) -> &'static str {
        match self {
            Action::Reviewed => "review.reviewed",
            Action::Forwarded => "review.forwarded",
            Action::Duplicate { .. } => "review.duplicate",
            Action::Invalid { .. } => "review.invalid",
            Action::Note { .. } => "review.note",
        }
    }
}

/// How many opinions of one consultation are in each status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    pub consultation_id: i64,
    pub title: String,
    /// One per [`STATUSES`], in that order.
    pub by_status: [i64; 6],
}

impl Counts {
    pub fn total(&self) -> i64 {
        self.by_status.iter().sum()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Note {
    pub author: Option<UserId>,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

/// Review fields of an opinion (beside the ledger's [`Opinion`]).
#[derive(Debug, Clone, PartialEq, Eq, FromRow, Default)]
pub struct ReviewInfo {
    pub reviewed_by: Option<UserId>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub duplicate_of: Option<i64>,
    pub invalid_reason: Option<String>,
}

pub struct Reviews<'a>(&'a Db);

impl Db {
    pub fn reviews(&self) -> Reviews<'_> {
        Reviews(self)
    }
}

/// `AND (…)` for a filter on article, with the bind position of its value.
pub(crate) fn article_clause(article: Option<Option<i32>>, n: usize) -> String {
    match article {
        None => String::new(),
        Some(None) => " AND article_number IS NULL".into(),
        Some(Some(_)) => format!(" AND article_number = ${n}"),
    }
}

impl Reviews<'_> {
    /// Counts by status per consultation that has opinions in scope, newest first.
    pub async fn counts(&self, scope: Scope) -> Result<Vec<Counts>, Error> {
        let sql = format!(
            "SELECT c.id, c.title, o.status, COUNT(*) FROM opinions o
             JOIN consultations c ON c.id = o.consultation_id
             WHERE {}
             GROUP BY c.id, c.title, o.status ORDER BY c.id DESC",
            scope.clause("o.point_id", 1)
        );
        let rows: Vec<(i64, String, String, i64)> = on_pool!(self.0, |pool| {
            sqlx::query_as(&sql)
                .bind(scope.param())
                .fetch_all(pool)
                .await?
        });
        let mut out: Vec<Counts> = Vec::new();
        for (id, title, status, n) in rows {
            if out.last().is_none_or(|c| c.consultation_id != id) {
                out.push(Counts {
                    consultation_id: id,
                    title,
                    by_status: [0; 6],
                });
            }
            let status = Status::try_from(status.as_str())?;
            if let (Some(last), Some(i)) =
                (out.last_mut(), STATUSES.iter().position(|s| *s == status))
            {
                last.by_status[i] += n;
            }
        }
        Ok(out)
    }

    /// One consultation's counts in scope (zeros when it has none).
    pub async fn counts_of(&self, consultation: i64, scope: Scope) -> Result<[i64; 6], Error> {
        Ok(self
            .counts(scope)
            .await?
            .into_iter()
            .find(|c| c.consultation_id == consultation)
            .map_or([0; 6], |c| c.by_status))
    }

    /// The ids of the opinions the queue shows, in receipt order.
    pub async fn queue(
        &self,
        consultation: i64,
        scope: Scope,
        filter: Filter,
    ) -> Result<Vec<i64>, Error> {
        let sql = format!(
            "SELECT id FROM opinions WHERE consultation_id = $1 AND {}
             AND ($3 = FALSE OR status = 'received'){} ORDER BY id",
            scope.clause("point_id", 2),
            article_clause(filter.article, 4)
        );
        let article = filter.article.flatten();
        on_pool!(self.0, |pool| Ok(sqlx::query_scalar(&sql)
            .bind(consultation)
            .bind(scope.param())
            .bind(filter.pending)
            .bind(article)
            .fetch_all(pool)
            .await?))
    }

    /// The articles that have opinions in scope (None: the whole draft), in order.
    pub async fn articles(
        &self,
        consultation: i64,
        scope: Scope,
    ) -> Result<Vec<(Option<i32>, Option<String>)>, Error> {
        let sql = format!(
            "SELECT article_number, MIN(article_label) FROM opinions
             WHERE consultation_id = $1 AND {}
             GROUP BY article_number ORDER BY article_number",
            scope.clause("point_id", 2)
        );
        let rows: Vec<(Option<i32>, Option<String>)> = on_pool!(self.0, |pool| {
            sqlx::query_as(&sql)
                .bind(consultation)
                .bind(scope.param())
                .fetch_all(pool)
                .await?
        });
        // NULL sorts differently per backend: the whole draft first on both.
        let (mut whole, mut rest): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.0.is_none());
        whole.append(&mut rest);
        Ok(whole)
    }

    /// Up to `limit` opinions in scope that `of` may duplicate: the same consultation,
    /// not withdrawn, the same article first, newest first.
    pub async fn similar(
        &self,
        of: &Opinion,
        scope: Scope,
        limit: i64,
    ) -> Result<Vec<Opinion>, Error> {
        let sql = format!(
            "SELECT id FROM opinions WHERE consultation_id = $1 AND id <> $2
             AND status <> 'withdrawn' AND {}
             ORDER BY CASE WHEN article_number = $4 OR (article_number IS NULL AND $4 IS NULL)
                 THEN 0 ELSE 1 END, id DESC LIMIT $5",
            scope.clause("point_id", 3)
        );
        let ids: Vec<i64> = on_pool!(self.0, |pool| {
            sqlx::query_scalar(&sql)
                .bind(of.consultation_id)
                .bind(of.id)
                .bind(scope.param())
                .bind(of.article_number)
                .bind(limit)
                .fetch_all(pool)
                .await?
        });
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(o) = self.0.opinions().get(id).await? {
                out.push(o);
            }
        }
        Ok(out)
    }

    /// The review fields of an opinion.
    pub async fn info(&self, id: i64) -> Result<ReviewInfo, Error> {
        let row: Option<ReviewInfo> = on_pool!(self.0, |pool| {
            sqlx::query_as(
            "SELECT reviewed_by, reviewed_at, duplicate_of, invalid_reason FROM opinions WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await?
        });
        Ok(row.unwrap_or_default())
    }

    /// An opinion's notes, oldest first.
    pub async fn notes(&self, id: i64) -> Result<Vec<Note>, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_as(
            "SELECT author, note, created_at FROM opinion_notes WHERE opinion_id = $1 ORDER BY id"
        )
        .bind(id)
        .fetch_all(pool)
        .await?))
    }

    /// The opinion, if it is in scope; otherwise [`Error::UnknownOpinion`] (a reviewer
    /// learns nothing of other points' opinions).
    pub async fn get(&self, id: i64, scope: Scope) -> Result<Opinion, Error> {
        match self.0.opinions().get(id).await? {
            Some(o) if self.0.in_scope(scope, o.point_id).await? => Ok(o),
            _ => Err(Error::UnknownOpinion(id)),
        }
    }

    /// Applies a review action and audits it; the same outcome again is a no-op. Out of
    /// scope: [`Error::UnknownOpinion`]; withdrawn: [`Error::OpinionLocked`].
    pub async fn act(
        &self,
        id: i64,
        reviewer: UserId,
        scope: Scope,
        action: &Action,
        now: DateTime<Utc>,
    ) -> Result<Opinion, Error> {
        let opinion = self.get(id, scope).await?;
        if opinion.status == Status::Withdrawn {
            return Err(Error::OpinionLocked(id));
        }
        if let Action::Duplicate { of } = action {
            let target = self.get(*of, scope).await?;
            if target.id == id || target.consultation_id != opinion.consultation_id {
                return Err(Error::UnknownOpinion(*of));
            }
        }
        let mut detail = serde_json::json!({ "opinion": id, "receipt": opinion.receipt });
        match action {
            Action::Duplicate { of } => detail["duplicate_of"] = (*of).into(),
            Action::Invalid { reason } => detail["reason"] = reason.clone().into(),
            _ => {}
        }
        let entry = AuditEntry::new(
            Actor::Person(reviewer),
            action.audit_action(),
            format!("opinion:{id}"),
        )
        .detail(detail);
        // Every statement guards against a withdrawal in the meantime.
        let (status, duplicate_of, reason) = match action {
            Action::Reviewed => (Some(Status::Reviewed), None, None),
            Action::Forwarded => (Some(Status::Forwarded), None, None),
            Action::Duplicate { of } => (Some(Status::Duplicate), Some(*of), None),
            Action::Invalid { reason } => (Some(Status::Invalid), None, Some(reason.as_str())),
            Action::Note { .. } => (None, None, None),
        };
        // A replayed or doubled press changes nothing, so it is not audited again.
        if status == Some(opinion.status) {
            let info = self.info(id).await?;
            if info.duplicate_of == duplicate_of && info.invalid_reason.as_deref() == reason {
                return Ok(opinion);
            }
        }
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let n = match action {
                Action::Note { note } => sqlx::query(
                    "INSERT INTO opinion_notes (opinion_id, author, note, created_at)
                     SELECT id, $2, $3, $4 FROM opinions WHERE id = $1 AND status <> 'withdrawn'",
                )
                .bind(id)
                .bind(reviewer)
                .bind(note)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
                _ => sqlx::query(
                    "UPDATE opinions SET status = $2, reviewed_by = $3, reviewed_at = $4,
                         duplicate_of = $5,
                         invalid_reason = $6
                     WHERE id = $1 AND status <> 'withdrawn'",
                )
                .bind(id)
                .bind(status.map(Status::as_str))
                .bind(reviewer)
                .bind(now)
                .bind(duplicate_of)
                .bind(reason)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
            };
            if n == 0 {
                // Withdrawn meanwhile.
                tx.rollback().await?;
                return Err(Error::OpinionLocked(id));
            }
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        self.get(id, scope).await
    }
}
