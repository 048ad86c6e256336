//! Group replies kept before consent. A resident who replies in a group to the bot's
//! card or prompt but has never seen the consent notice is not identified in storage:
//! their reply is held under a keyed hash (HMAC-SHA256) of their user id, with no id
//! and no name, until they confirm it privately — or it expires and is erased.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use sqlx::FromRow;

use crate::{
    Db, Error, UserId,
    db::{WritePool, on_pool},
};

/// Deep-link payloads that start with this confirm held replies.
pub const PREFIX: &str = "held-";

/// The settings row that keeps a generated hash key across restarts.
const KEY_SETTING: &str = "hash_key";

/// The secret key of the keyed hash. Never printed: Debug hides it.
#[derive(Clone)]
pub struct HashKey(Vec<u8>);

impl std::fmt::Debug for HashKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HashKey(…)")
    }
}

impl HashKey {
    /// A key given on the command line or in the environment; empty means none.
    pub fn new(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        (!raw.is_empty()).then(|| Self(raw.as_bytes().to_vec()))
    }

    fn generate() -> String {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// The configured key, or the one generated at first start and kept in `settings`
    /// (generated now if there is none yet; concurrent starts agree on one).
    pub async fn resolve(db: &Db, configured: Option<&HashKey>) -> Result<Self, Error> {
        if let Some(key) = configured {
            return Ok(key.clone());
        }
        let fresh = Self::generate();
        let stored: String = on_pool!(db, |pool| {
            sqlx::query(
                "INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
            )
            .bind(KEY_SETTING)
            .bind(&fresh)
            .execute(pool)
            .await?;
            sqlx::query_scalar("SELECT value FROM settings WHERE name = $1")
                .bind(KEY_SETTING)
                .fetch_one(pool)
                .await?
        });
        Ok(Self(stored.into_bytes()))
    }

    /// HMAC-SHA256 of the user id, hex: stable per person, useless without the key.
    pub fn hash(&self, user: UserId) -> String {
        hex(&self.tag("user", &user.to_be_bytes()))
    }

    /// HMAC-SHA256 of `data` for one purpose. The purpose is part of the message, so a
    /// value keyed for one use (a CSRF token) is never valid for another (a browser's
    /// hash, a status link).
    pub fn tag(&self, purpose: &str, data: &[u8]) -> [u8; 32] {
        // HMAC accepts keys of any length, so this cannot fail.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else {
            return [0; 32];
        };
        mac.update(b"consult-bot:");
        mac.update(purpose.as_bytes());
        mac.update(b":");
        mac.update(data);
        mac.finalize().into_bytes().into()
    }

    /// [`HashKey::tag`] as hex.
    pub fn tag_hex(&self, purpose: &str, data: &[u8]) -> String {
        hex(&self.tag(purpose, data))
    }
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A group reply waiting for its author's confirmation.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct HeldReply {
    pub id: i64,
    pub consultation_id: i64,
    pub article_number: Option<i32>,
    pub article_label: Option<String>,
    pub prompt_id: Option<i64>,
    pub chat_id: i64,
    pub point_id: Option<i64>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// What to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewHeld {
    /// Unique per reply (the group and message id), so a replayed update holds once.
    pub reply_key: String,
    pub consultation_id: i64,
    pub article: Option<(u32, String)>,
    pub prompt_id: Option<i64>,
    pub chat_id: i64,
    pub point_id: Option<i64>,
    pub body: String,
}

/// The outcome of holding a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// The person's confirmation token; `Some` only when they were not asked yet, so
    /// the caller asks now (once per person, not per reply).
    pub ask: Option<String>,
}

const COLUMNS: &str = "id, consultation_id, article_number, article_label, prompt_id, chat_id,
    point_id, body, created_at, expires_at";

pub struct HeldReplies<'a>(&'a Db);

impl Db {
    pub fn held(&self) -> HeldReplies<'_> {
        HeldReplies(self)
    }
}

impl HeldReplies<'_> {
    /// Whether a person has seen the consent notice: they submitted an opinion, or
    /// confirmed held replies before.
    pub async fn consented(&self, user: UserId) -> Result<bool, Error> {
        let n: i64 = on_pool!(self.0, |pool| {
            sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM opinions WHERE submitter_id = $1)
                  + (SELECT COUNT(*) FROM people WHERE telegram_id = $1 AND consented_at IS NOT NULL)"
        )
        .bind(user)
        .fetch_one(pool)
        .await?
        });
        Ok(n > 0)
    }

    /// Remembers that the person consented (they confirmed in private chat).
    pub async fn record_consent(&self, user: UserId, now: DateTime<Utc>) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "INSERT INTO people (telegram_id, created_at, updated_at, consented_at)
             VALUES ($1, $2, $2, $2)
             ON CONFLICT (telegram_id) DO UPDATE SET consented_at = excluded.consented_at,
                 updated_at = excluded.updated_at",
        )
        .bind(user)
        .bind(now)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Holds a reply under `holder` (the keyed hash) until `expires_at`.
    pub async fn hold(
        &self,
        holder: &str,
        new: &NewHeld,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<Held, Error> {
        let (number, label) = match &new.article {
            Some((n, l)) => (Some(*n as i32), Some(l.clone())),
            None => (None, None),
        };
        let token = URL_SAFE_NO_PAD.encode({
            let mut b = [0u8; 16];
            rand::rng().fill_bytes(&mut b);
            b
        });
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO held_replies (holder_hash, reply_key, consultation_id, article_number,
                     article_label, prompt_id, chat_id, point_id, body, created_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                 ON CONFLICT (reply_key) DO NOTHING",
            )
            .bind(holder)
            .bind(&new.reply_key)
            .bind(new.consultation_id)
            .bind(number)
            .bind(&label)
            .bind(new.prompt_id)
            .bind(new.chat_id)
            .bind(new.point_id)
            .bind(&new.body)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
            let asked = sqlx::query(
                "INSERT INTO held_asks (holder_hash, token, asked_at) VALUES ($1, $2, $3)
                 ON CONFLICT (holder_hash) DO NOTHING",
            )
            .bind(holder)
            .bind(&token)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            tx.commit().await?;
            Ok(Held {
                ask: (asked > 0).then_some(token),
            })
        })
    }

    /// The held replies of the person whose hash is `holder`, if `token` is theirs.
    pub async fn for_token(&self, holder: &str, token: &str) -> Result<Vec<HeldReply>, Error> {
        let known: Option<String> = on_pool!(self.0, |pool| sqlx::query_scalar(
            "SELECT token FROM held_asks WHERE holder_hash = $1"
        )
        .bind(holder)
        .fetch_optional(pool)
        .await?);
        if known.as_deref() != Some(token) {
            return Ok(Vec::new());
        }
        self.of(holder).await
    }

    /// Every held reply of `holder`, oldest first.
    pub async fn of(&self, holder: &str) -> Result<Vec<HeldReply>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM held_replies WHERE holder_hash = $1 ORDER BY id");
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .bind(holder)
            .fetch_all(pool)
            .await?))
    }

    /// Erases a person's held replies and their ask (confirmed, declined or /forget).
    pub async fn erase(&self, holder: &str) -> Result<u64, Error> {
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let n = sqlx::query("DELETE FROM held_replies WHERE holder_hash = $1")
                .bind(holder)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            sqlx::query("DELETE FROM held_asks WHERE holder_hash = $1")
                .bind(holder)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(n)
        })
    }

    /// Erases one held reply (after it became an opinion).
    pub async fn remove(&self, id: i64) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "DELETE FROM held_replies WHERE id = $1"
        )
        .bind(id)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Erases every held reply past its expiry, and the asks left with nothing to
    /// confirm; returns how many replies were erased.
    pub async fn expire(&self, now: DateTime<Utc>) -> Result<u64, Error> {
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let n = sqlx::query("DELETE FROM held_replies WHERE expires_at <= $1")
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            sqlx::query(
                "DELETE FROM held_asks WHERE NOT EXISTS
                     (SELECT 1 FROM held_replies h WHERE h.holder_hash = held_asks.holder_hash)",
            )
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(n)
        })
    }

    /// When the next held reply expires.
    pub async fn next_expiry(&self) -> Result<Option<DateTime<Utc>>, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_scalar(
            "SELECT MIN(expires_at) FROM held_replies"
        )
        .fetch_one(pool)
        .await?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_keyed_and_stable() {
        let a = HashKey::new("0123456789abcdef-one").unwrap();
        let b = HashKey::new("0123456789abcdef-two").unwrap();
        assert_eq!(a.hash(42), a.hash(42));
        assert_ne!(a.hash(42), a.hash(43));
        assert_ne!(a.hash(42), b.hash(42));
        assert_eq!(a.hash(42).len(), 64);
        assert!(!a.hash(42).contains("42"));
        assert_eq!(format!("{a:?}"), "HashKey(…)");
        assert!(HashKey::new("  ").is_none());
    }
}
