//! The audit log: who granted, revoked or invited whom, and when. Written in the same
//! transaction as the change it records, so neither exists without the other.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, types::Json};

use crate::{
    Actor, Db, Error, UserId,
    db::{like_literal, on_pool},
};

#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub actor: Actor,
    pub action: &'static str,
    pub subject: String,
    pub detail: serde_json::Value,
}

impl AuditEntry {
    pub fn new(actor: Actor, action: &'static str, subject: impl Into<String>) -> Self {
        Self {
            actor,
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
            "INSERT INTO audit_log (at, actor, actor_kind, action, subject, detail)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind($now)
        .bind(entry.actor.id())
        .bind($crate::audit::stored_kind(entry.actor))
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
    /// The person who acted, if one did; [`AuditRecord::by`] says who did otherwise.
    pub actor: Option<UserId>,
    /// What acted when no person did ([`stored_kind`]); NULL for a person.
    actor_kind: Option<String>,
    pub action: String,
    pub subject: String,
    pub detail: Json<serde_json::Value>,
    /// The staff account's name of the person who acted, read with the entry so a
    /// page of the log costs one statement (a Telegram-only person has none).
    pub actor_name: Option<String>,
}

/// The columns of an [`AuditRecord`]: the actor's account name is looked up by the same
/// rule as [`crate::staff`]'s `OF_PERSON` (a web-only account is person `-id`).
const COLUMNS: &str = "id, at, actor, actor_kind, action, subject, detail,
    (SELECT s.name FROM staff_accounts s
      WHERE s.telegram_id = audit_log.actor
         OR (s.telegram_id IS NULL AND s.id = -audit_log.actor)) AS actor_name";

impl AuditRecord {
    /// Who acted, as the entry was written. Every channel that shows the log (chat,
    /// `consult-bot audit`, the console's audit page) names the actor from this, so a
    /// failed login reads as a visitor and a timed-out session as the system in all of
    /// them alike.
    pub fn by(&self) -> Actor {
        match (self.actor, self.actor_kind.as_deref()) {
            (Some(id), _) => Actor::Person(id),
            (None, Some(SYSTEM)) => Actor::System,
            (None, Some(VISITOR)) => Actor::Visitor,
            (None, Some(FORGOTTEN)) => Actor::Forgotten,
            // Written by the command line, or unknown to this version.
            (None, _) => Actor::CommandLine,
        }
    }
}

const COMMAND_LINE: &str = "command_line";
const SYSTEM: &str = "system";
const VISITOR: &str = "visitor";
const FORGOTTEN: &str = "forgotten";

/// `audit_log.actor_kind`: what acted when no person did; NULL when a person did (their
/// id is in `actor`).
pub(crate) fn stored_kind(actor: Actor) -> Option<&'static str> {
    match actor {
        Actor::CommandLine => Some(COMMAND_LINE),
        Actor::System => Some(SYSTEM),
        Actor::Visitor => Some(VISITOR),
        Actor::Forgotten => Some(FORGOTTEN),
        Actor::Person(_) => None,
    }
}

impl Actor {
    /// The message id of the words for an actor that is no person (「系统」,
    /// 「未登录的访客」…); None for a person, whom each channel names its own way (an id
    /// on the command line, the staff account's name in the console).
    pub fn label_id(self) -> Option<&'static str> {
        match self {
            Actor::CommandLine => Some("audit-actor-command-line"),
            Actor::System => Some("audit-actor-system"),
            Actor::Visitor => Some("audit-actor-visitor"),
            Actor::Forgotten => Some("audit-actor-forgotten"),
            Actor::Person(_) => None,
        }
    }
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
        let sql = format!(
            "SELECT {COLUMNS} FROM audit_log WHERE action LIKE $1 ORDER BY id DESC LIMIT $2"
        );
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .bind(&pattern)
            .bind(limit)
            .fetch_all(pool)
            .await?))
    }

    /// Every action the log holds, in order: what the console's filter offers.
    pub async fn actions(&self) -> Result<Vec<String>, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_scalar(
            "SELECT DISTINCT action FROM audit_log ORDER BY action"
        )
        .fetch_all(pool)
        .await?))
    }

    /// Entries matching every filter given, oldest first (the most recent `limit`).
    pub async fn search(&self, f: &Filter) -> Result<Vec<AuditRecord>, Error> {
        let mut rows = self.page(f, 0).await?.entries;
        rows.reverse();
        Ok(rows)
    }

    /// One page of the entries matching every filter given, newest first: `f.limit`
    /// of them after skipping `offset`, and how many match in all (the console's
    /// audit page).
    pub async fn page(&self, f: &Filter, offset: i64) -> Result<Page, Error> {
        let action = prefix_pattern(f.action.as_deref());
        let subject = prefix_pattern(f.subject.as_deref());
        let command_line = f.actor == Some(ActorFilter::CommandLine);
        let person = match f.actor {
            Some(ActorFilter::Person(id)) => Some(id),
            _ => None,
        };
        let rows_sql = format!(
            "SELECT {COLUMNS} FROM audit_log {MATCHING}
             ORDER BY id DESC LIMIT $7 OFFSET $8"
        );
        let count_sql = format!("SELECT COUNT(*) FROM audit_log {MATCHING}");
        // The same values for $1..$6 in both statements.
        macro_rules! filtered {
            ($query:expr) => {
                $query
                    .bind(&action)
                    .bind(&subject)
                    .bind(command_line)
                    .bind(person)
                    .bind(f.since)
                    .bind(f.until)
            };
        }
        let (entries, total) = on_pool!(self.0, |pool| {
            let entries: Vec<AuditRecord> = filtered!(sqlx::query_as(&rows_sql))
                .bind(f.limit)
                .bind(offset)
                .fetch_all(pool)
                .await?;
            let total: i64 = filtered!(sqlx::query_scalar(&count_sql))
                .fetch_one(pool)
                .await?;
            (entries, total)
        });
        Ok(Page { entries, total })
    }
}

/// The condition of [`Audit::page`]: action and subject prefixes (`$1`, `$2`), only
/// the command line's entries (`$3`), one person's (`$4`), from (`$5`) and before
/// (`$6`) a time.
const MATCHING: &str = "WHERE action LIKE $1 ESCAPE '\\' AND subject LIKE $2 ESCAPE '\\'
       AND ($3 = FALSE OR actor IS NULL) AND ($4 IS NULL OR actor = $4)
       AND ($5 IS NULL OR at >= $5) AND ($6 IS NULL OR at < $6)";

/// `prefix%` for `LIKE … ESCAPE '\'`, the wildcards in `prefix` taken literally:
/// `staff.login_x` finds what starts so, not `staff.loginAx`.
fn prefix_pattern(prefix: Option<&str>) -> String {
    format!("{}%", like_literal(prefix.unwrap_or_default()))
}

/// One page of the audit log.
#[derive(Debug, Clone)]
pub struct Page {
    /// Newest first.
    pub entries: Vec<AuditRecord>,
    /// How many entries match the filter, on every page.
    pub total: i64,
}

/// Whose entries [`Audit::search`] lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorFilter {
    /// Only the operator's (entries without an actor).
    CommandLine,
    Person(UserId),
}

impl ActorFilter {
    /// `cli` (also `command-line`, `-`) or a person id — negative for a web-only
    /// staff account ([`crate::staff`]); None for anything else (0 is nobody).
    pub fn parse(raw: &str) -> Option<ActorFilter> {
        match raw.trim() {
            "cli" | "command-line" | "-" => Some(ActorFilter::CommandLine),
            id => id
                .parse::<UserId>()
                .ok()
                .filter(|id| *id != 0)
                .map(ActorFilter::Person),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_as_documented() {
        assert_eq!(prefix_pattern(None), "%");
        assert_eq!(prefix_pattern(Some("review.")), "review.%");
        assert_eq!(prefix_pattern(Some("a_b%\\")), "a\\_b\\%\\\\%");
        assert_eq!(ActorFilter::parse(" cli "), Some(ActorFilter::CommandLine));
        assert_eq!(ActorFilter::parse("-3"), Some(ActorFilter::Person(-3)));
        assert_eq!(ActorFilter::parse("0"), None);
        assert_eq!(ActorFilter::parse("王芳"), None);
    }
}
