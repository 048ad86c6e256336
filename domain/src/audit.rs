//! The audit log: who granted, revoked or invited whom, and when. Written in the same
//! transaction as the change it records, so neither exists without the other.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, types::Json};

use crate::{Actor, Db, Error, UserId, db::on_pool};

#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub actor: Option<UserId>,
    pub action: &'static str,
    pub subject: String,
    pub detail: serde_json::Value,
}

impl AuditEntry {
    pub fn new(actor: Actor, action: &'static str, subject: impl Into<String>) -> Self {
        Self {
            actor: actor.id(),
            action,
            subject: subject.into(),
            detail: serde_json::json!({}),
        }
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }
}

/// Inserts an [`AuditEntry`] on a connection or transaction of either backend.
macro_rules! record {
    ($conn:expr, $entry:expr, $now:expr) => {{
        let entry: &$crate::audit::AuditEntry = $entry;
        sqlx::query(
            "INSERT INTO audit_log (at, actor, action, subject, detail)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind($now)
        .bind(entry.actor)
        .bind(entry.action)
        .bind(&entry.subject)
        .bind(sqlx::types::Json(&entry.detail))
        .execute($conn)
        .await?;
    }};
}
pub(crate) use record;

#[derive(Debug, Clone, FromRow)]
pub struct AuditRecord {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: Option<UserId>,
    pub action: String,
    pub subject: String,
    pub detail: Json<serde_json::Value>,
}

pub struct Audit<'a>(&'a Db);

impl Db {
    pub fn audit(&self) -> Audit<'_> {
        Audit(self)
    }
}

impl Audit<'_> {
    /// The most recent entries first, optionally only those whose action starts with
    /// `action_prefix` (e.g. `role.`).
    pub async fn list(
        &self,
        action_prefix: Option<&str>,
        limit: i64,
    ) -> Result<Vec<AuditRecord>, Error> {
        let pattern = format!("{}%", action_prefix.unwrap_or(""));
        on_pool!(self.0, |pool| Ok(sqlx::query_as(
            "SELECT id, at, actor, action, subject, detail FROM audit_log
             WHERE action LIKE $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(&pattern)
        .bind(limit)
        .fetch_all(pool)
        .await?))
    }

    /// Entries matching every filter given, oldest first (the most recent `limit`).
    pub async fn search(&self, f: &Filter) -> Result<Vec<AuditRecord>, Error> {
        let action = format!("{}%", f.action.as_deref().unwrap_or(""));
        let subject = format!("{}%", f.subject.as_deref().unwrap_or(""));
        let mut rows: Vec<AuditRecord> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT id, at, actor, action, subject, detail FROM audit_log
             WHERE action LIKE $1 AND subject LIKE $2
               AND ($3 = FALSE OR actor IS NULL) AND ($4 IS NULL OR actor = $4)
               AND ($5 IS NULL OR at >= $5) AND ($6 IS NULL OR at < $6)
             ORDER BY id DESC LIMIT $7",
        )
        .bind(&action)
        .bind(&subject)
        .bind(f.actor == Some(ActorFilter::CommandLine))
        .bind(match f.actor {
            Some(ActorFilter::Person(id)) => Some(id),
            _ => None,
        })
        .bind(f.since)
        .bind(f.until)
        .bind(f.limit)
        .fetch_all(pool)
        .await?);
        rows.reverse();
        Ok(rows)
    }
}

/// Whose entries [`Audit::search`] lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorFilter {
    /// Only the operator's (entries without an actor).
    CommandLine,
    Person(UserId),
}

/// What `consult-bot audit` asks for. Action and subject match as prefixes
/// (`review.` finds every review action; `opinion:12` that opinion's entries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub actor: Option<ActorFilter>,
    pub action: Option<String>,
    pub subject: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub limit: i64,
}
