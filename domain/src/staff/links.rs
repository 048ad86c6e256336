//! One-time links for staff, in the pattern of invites ([`crate::invites`]): 128
//! random bits shown once, only their SHA-256 stored, expiring, single use (claimed
//! in the transaction that acts on them, so two tabs racing for one link cannot both
//! win). Two purposes: **set a password** (made by `staff add` and `staff reset`)
//! and **log in** (asked for with `/web` by a staff member in Telegram, who may have
//! no password at all).
//!
//! Opening a link shows a page; only the form on it uses the link. Telegram (and other
//! messengers) fetch a link to draw its preview, and that fetch must not spend it.
//!
//! Refusals reuse the invites' errors: [`Error::InviteNotFound`] (mistyped, forged,
//! or for the other purpose), [`Error::InviteUsed`], [`Error::InviteExpired`].

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
    staff::{
        password::{self, Problem},
        sessions::{SessionId, insert_session},
    },
};

/// How long a login link from `/web` stays valid: long enough to open it, short
/// enough that a forwarded or leaked message is soon useless.
pub const LOGIN_TTL_MINUTES: i64 = 10;

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Password,
    Login,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Password => "password",
            Purpose::Login => "login",
        }
    }
}

/// The page a link opens, under the web channel's public base (`--web-url`): the
/// console serves `/staff/password/{code}` and `/staff/link/{code}`.
pub fn url(base: &url::Url, purpose: Purpose, code: &LinkCode) -> url::Url {
    let path = match purpose {
        Purpose::Password => "staff/password/",
        Purpose::Login => "staff/link/",
    };
    let mut base = base.clone();
    base.set_query(None);
    base.set_fragment(None);
    if !base.path().ends_with('/') {
        let with_slash = format!("{}/", base.path());
        base.set_path(&with_slash);
    }
    base.join(&format!("{path}{}", code.as_str()))
        .unwrap_or(base)
}

/// The secret of a link: 128 random bits, base64url (22 characters).
#[derive(Clone, PartialEq, Eq)]
pub struct LinkCode(String);

impl LinkCode {
    pub(crate) fn generate() -> Self {
        let mut bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// What a link's path carried; anything malformed is simply not a link.
    pub fn parse(raw: &str) -> Result<Self, Error> {
        let raw = raw.trim();
        if raw.len() != 22 || URL_SAFE_NO_PAD.decode(raw).is_err() {
            return Err(Error::InviteNotFound);
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn hash(&self) -> String {
        hex(&Sha256::digest(self.0.as_bytes()))
    }
}

// Never print the secret by accident.
impl std::fmt::Debug for LinkCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkCode(…)")
    }
}

/// Stores a link inside an open transaction (shared by account creation).
macro_rules! insert {
    ($conn:expr, $code:expr, $purpose:expr, $person:expr, $actor:expr, $now:expr, $expires:expr) => {
        sqlx::query(
            "INSERT INTO staff_links (code_hash, purpose, person_id, created_by, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind($code.hash())
        .bind($purpose.as_str())
        .bind($person)
        .bind($actor.id())
        .bind($now)
        .bind($expires)
        .execute($conn)
        .await?
    };
}
pub(crate) use insert;

/// Stores a new password hash for `person` and ends all their sessions.
macro_rules! store_password {
    ($conn:expr, $person:expr, $hash:expr, $now:expr) => {{
        sqlx::query(&format!(
            "UPDATE staff_accounts SET password_hash = $2, password_set_at = $3 WHERE {}",
            crate::staff::OF_PERSON
        ))
        .bind($person)
        .bind($hash)
        .bind($now)
        .execute(&mut *$conn)
        .await?;
        sqlx::query("DELETE FROM staff_sessions WHERE person_id = $1")
            .bind($person)
            .execute(&mut *$conn)
            .await?;
    }};
}
pub(crate) use store_password;

/// A link that may still be used, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valid {
    pub person: UserId,
    /// The account's name (None: a Telegram staff member without an account).
    pub name: Option<String>,
    pub expires_at: DateTime<Utc>,
}

#[derive(FromRow)]
struct LinkRow {
    id: i64,
    person_id: i64,
    expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
}

/// What setting a password from a link may end in.
#[derive(Debug)]
pub enum SetPassword {
    Done {
        person: UserId,
    },
    /// The password was refused; the link is still unused.
    Refused(Problem),
}

pub struct Links<'a>(&'a Db);

impl Db {
    pub fn staff_links(&self) -> Links<'_> {
        Links(self)
    }
}

/// Reads the link for `purpose` in an open transaction and refuses what cannot be used.
macro_rules! usable {
    ($conn:expr, $code:expr, $purpose:expr, $now:expr) => {{
        let row: LinkRow = sqlx::query_as(
            "SELECT id, person_id, expires_at, used_at FROM staff_links
             WHERE code_hash = $1 AND purpose = $2",
        )
        .bind($code.hash())
        .bind($purpose.as_str())
        .fetch_optional($conn)
        .await?
        .ok_or(Error::InviteNotFound)?;
        if row.used_at.is_some() {
            return Err(Error::InviteUsed);
        }
        if row.expires_at <= $now {
            return Err(Error::InviteExpired);
        }
        row
    }};
}

/// Marks the link used; fails when another transaction used it first.
macro_rules! claim {
    ($conn:expr, $id:expr, $now:expr) => {{
        let claimed =
            sqlx::query("UPDATE staff_links SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
                .bind($now)
                .bind($id)
                .execute($conn)
                .await?
                .rows_affected();
        if claimed != 1 {
            return Err(Error::InviteUsed);
        }
    }};
}

impl Links<'_> {
    /// A new link for `person`, valid for `ttl`; audited. For password links, earlier
    /// unused ones of the person stop working (only the newest link is good).
    pub async fn create(
        &self,
        person: UserId,
        purpose: Purpose,
        actor: Actor,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<(LinkCode, DateTime<Utc>), Error> {
        let code = LinkCode::generate();
        let expires_at = now + ttl;
        let entry = AuditEntry::new(actor, "staff.link", format!("staff:{person}"))
            .detail(serde_json::json!({ "purpose": purpose.as_str(), "expires_at": expires_at }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "UPDATE staff_links SET used_at = $1
                 WHERE person_id = $2 AND purpose = $3 AND used_at IS NULL",
            )
            .bind(now)
            .bind(person)
            .bind(purpose.as_str())
            .execute(&mut *tx)
            .await?;
            insert!(&mut *tx, &code, purpose, person, actor, now, expires_at);
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok((code, expires_at))
    }

    /// Whether the link can still be used, without using it (its page's GET).
    pub async fn check(
        &self,
        code: &LinkCode,
        purpose: Purpose,
        now: DateTime<Utc>,
    ) -> Result<Valid, Error> {
        let row: LinkRow = on_pool!(self.0, |pool| usable!(pool, code, purpose, now));
        let name = self
            .0
            .staff()
            .of_person(row.person_id)
            .await?
            .map(|a| a.name);
        Ok(Valid {
            person: row.person_id,
            name,
            expires_at: row.expires_at,
        })
    }

    /// Sets the password of the link's account and uses the link up, in one
    /// transaction; every session of the person ends (a new password shuts out
    /// whoever knew the old one). A refused password leaves the link unused.
    pub async fn set_password(
        &self,
        code: &LinkCode,
        new_password: &str,
        cost: password::Cost,
        now: DateTime<Utc>,
    ) -> Result<SetPassword, Error> {
        let valid = self.check(code, Purpose::Password, now).await?;
        let login = valid.name.clone().unwrap_or_default();
        if let Err(problem) = password::check(new_password, &login) {
            return Ok(SetPassword::Refused(problem));
        }
        // Hashing takes a while: done before the write lock is taken.
        let hash = password::hash_off_thread(new_password, cost).await?;
        let person = valid.person;
        let entry = AuditEntry::new(
            Actor::Person(person),
            "staff.password",
            format!("staff:{person}"),
        )
        .detail(serde_json::json!({ "via": "link" }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let row: LinkRow = usable!(&mut *tx, code, Purpose::Password, now);
            claim!(&mut *tx, row.id, now);
            store_password!(&mut *tx, row.person_id, &hash, now);
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok(SetPassword::Done { person })
    }

    /// Logs in with a login link: uses it up and opens a session, in one transaction.
    /// Refused ([`Error::InviteNotFound`]) when the person no longer has a role.
    pub async fn log_in(
        &self,
        code: &LinkCode,
        previous: Option<&SessionId>,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<(UserId, SessionId), Error> {
        let valid = self.check(code, Purpose::Login, now).await?;
        if self.0.roles().of(valid.person).await?.is_none() {
            return Err(Error::InviteNotFound);
        }
        let session = SessionId::generate();
        let person = valid.person;
        let entry = AuditEntry::new(
            Actor::Person(person),
            "staff.login",
            format!("staff:{person}"),
        )
        .detail(serde_json::json!({ "via": "link", "address": address }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let row: LinkRow = usable!(&mut *tx, code, Purpose::Login, now);
            claim!(&mut *tx, row.id, now);
            // A new session id, always: one the browser held before is not carried over.
            if let Some(previous) = previous {
                sqlx::query("DELETE FROM staff_sessions WHERE id_hash = $1")
                    .bind(previous.hash())
                    .execute(&mut *tx)
                    .await?;
            }
            insert_session!(&mut *tx, &session, row.person_id, now);
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok((person, session))
    }
}
