//! Staff sessions, kept in the database so that every replica knows them (a table of
//! our own: `tower-sessions` is not in the offline registry, and a row per session
//! is all this needs). The browser holds the session id (256 random bits); the table
//! holds only its SHA-256, so a copy of the database opens no session.
//!
//! A session ends after [`SessionPolicy::idle`] without a request, after
//! [`SessionPolicy::absolute`] whatever happens, on logout, when its person's
//! password changes, and at once when the person no longer has a role: every
//! request reads the role afresh ([`Sessions::current`]), and revoking a role
//! deletes the person's sessions in the same transaction.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::FromRow;

use crate::{
    Actor, Db, Error, UserId,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    held::hex,
    roles::{JOINED_COLUMNS, JOINS, JoinedRole, RoleRecord},
};

/// A session's `last_seen_at` is written at most this often: a page view is not a
/// database write each time, and idle expiry is still exact to the minute.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// How long sessions last (`--staff-idle-timeout`, `--staff-session-max`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// Ends a session this long after its last request.
    pub idle: Duration,
    /// Ends a session this long after login, however busy.
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle: Duration::minutes(30),
            absolute: Duration::hours(12),
        }
    }
}

/// A session's secret: 256 random bits, base64url (43 characters).
#[derive(Clone, PartialEq, Eq)]
pub struct SessionId(String);

impl SessionId {
    pub(crate) fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// A cookie's value, if it has the shape of a session id.
    pub fn parse(raw: &str) -> Option<Self> {
        (raw.len() == 43
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn hash(&self) -> String {
        hex(&Sha256::digest(self.0.as_bytes()))
    }
}

// Never print the secret by accident.
impl std::fmt::Debug for SessionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionId(…)")
    }
}

/// Stores a new session inside an open transaction.
macro_rules! insert_session {
    ($conn:expr, $id:expr, $person:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO staff_sessions (id_hash, person_id, created_at, last_seen_at)
             VALUES ($1, $2, $3, $3)",
        )
        .bind($id.hash())
        .bind($person)
        .bind($now)
        .execute($conn)
        .await?
    };
}
pub(crate) use insert_session;

/// A live session: who it is, with their role as stored now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub person: UserId,
    pub role: RoleRecord,
    /// The account's name (None: a Telegram staff member logged in by a link).
    pub name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// Why a session that was presented is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Idle,
    Absolute,
    /// The person's role was revoked.
    NoRole,
}

impl Ended {
    fn as_str(self) -> &'static str {
        match self {
            Ended::Idle => "idle",
            Ended::Absolute => "absolute",
            Ended::NoRole => "role",
        }
    }
}

/// What a presented session id turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Active(Box<Session>),
    /// It was a session, now ended (and deleted).
    Ended(Ended),
    /// No such session: never was, logged out, or ended earlier.
    Unknown,
}

#[derive(FromRow)]
struct SessionRow {
    person_id: i64,
    created_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    name: Option<String>,
    #[sqlx(flatten)]
    role: JoinedRole,
}

/// The session, its account's name and its person's role as stored now.
fn lookup() -> String {
    format!(
        "SELECT s.person_id, s.created_at, s.last_seen_at, a.name, {JOINED_COLUMNS}
        FROM staff_sessions s
        LEFT JOIN roles r ON r.telegram_id = s.person_id
        {JOINS}
        LEFT JOIN staff_accounts a
            ON a.telegram_id = s.person_id OR (a.telegram_id IS NULL AND a.id = -s.person_id)
        WHERE s.id_hash = $1"
    )
}

pub struct Sessions<'a>(&'a Db);

impl Db {
    pub fn staff_sessions(&self) -> Sessions<'_> {
        Sessions(self)
    }
}

impl Sessions<'_> {
    /// The session `id` stands for, checked on every request: ended when idle or
    /// too old (deleted, audited) or when its person has no role any more (then all
    /// their sessions are deleted).
    pub async fn current(
        &self,
        id: &SessionId,
        policy: &SessionPolicy,
        now: DateTime<Utc>,
    ) -> Result<Lookup, Error> {
        let sql = lookup();
        let row: Option<SessionRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(id.hash())
            .fetch_optional(pool)
            .await?);
        let Some(row) = row else {
            return Ok(Lookup::Unknown);
        };
        let role = row.role.record()?;
        let ended = if now - row.created_at >= policy.absolute {
            Some(Ended::Absolute)
        } else if now - row.last_seen_at >= policy.idle {
            Some(Ended::Idle)
        } else if role.is_none() {
            Some(Ended::NoRole)
        } else {
            None
        };
        let (None, Some(role)) = (ended, role) else {
            let why = ended.unwrap_or(Ended::NoRole);
            self.end_for(id, row.person_id, why, now).await?;
            return Ok(Lookup::Ended(why));
        };
        if now - row.last_seen_at >= Duration::seconds(TOUCH_EVERY_SECONDS) {
            on_pool!(self.0, |pool| sqlx::query(
                "UPDATE staff_sessions SET last_seen_at = $1 WHERE id_hash = $2"
            )
            .bind(now)
            .bind(id.hash())
            .execute(pool)
            .await
            .map(drop)?);
        }
        Ok(Lookup::Active(Box::new(Session {
            person: row.person_id,
            role,
            name: row.name,
            created_at: row.created_at,
            last_seen_at: row.last_seen_at,
        })))
    }

    /// Ends a session that timed out or lost its role, and audits why.
    async fn end_for(
        &self,
        id: &SessionId,
        person: UserId,
        why: Ended,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let entry = AuditEntry::new(
            Actor::System,
            "staff.session.end",
            format!("staff:{person}"),
        )
        .detail(serde_json::json!({ "reason": why.as_str() }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let gone = if why == Ended::NoRole {
                sqlx::query("DELETE FROM staff_sessions WHERE person_id = $1")
                    .bind(person)
                    .execute(&mut *tx)
                    .await?
            } else {
                sqlx::query("DELETE FROM staff_sessions WHERE id_hash = $1")
                    .bind(id.hash())
                    .execute(&mut *tx)
                    .await?
            };
            // Another request of the same browser may have ended it a moment ago.
            if gone.rows_affected() > 0 {
                record!(&mut *tx, &entry, now);
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Logs out: deletes the session and audits it. Returns whose it was (None: there
    /// was no such session).
    pub async fn log_out(
        &self,
        id: &SessionId,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, Error> {
        let person: Option<i64> = on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let person: Option<i64> = sqlx::query_scalar(
                "DELETE FROM staff_sessions WHERE id_hash = $1 RETURNING person_id",
            )
            .bind(id.hash())
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(person) = person {
                let entry = AuditEntry::new(
                    Actor::Person(person),
                    "staff.logout",
                    format!("staff:{person}"),
                )
                .detail(serde_json::json!({ "address": address }));
                record!(&mut *tx, &entry, now);
            }
            tx.commit().await?;
            person
        });
        Ok(person)
    }

    /// How many sessions a person has open (for the tests and the account page).
    pub async fn count(&self, person: UserId) -> Result<i64, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM staff_sessions WHERE person_id = $1"
        )
        .bind(person)
        .fetch_one(pool)
        .await?))
    }

    /// Deletes sessions that ended by time and were never presented again (a
    /// browser closed for good), so the table holds only live ones.
    pub async fn purge(&self, policy: &SessionPolicy, now: DateTime<Utc>) -> Result<u64, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query(
            "DELETE FROM staff_sessions WHERE created_at <= $1 OR last_seen_at <= $2"
        )
        .bind(now - policy.absolute)
        .bind(now - policy.idle)
        .execute(pool)
        .await?
        .rows_affected()))
    }
}
