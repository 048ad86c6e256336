//! Login throttling, counted in the database so that every replica counts the same
//! failures: at most [`ACCOUNT_FAILURES`] wrong passwords for one login name, and
//! [`ADDRESS_FAILURES`] from one address, within [`WINDOW_MINUTES`]. Past either, the
//! name (or the address) is locked until the oldest of those failures is
//! [`WINDOW_MINUTES`] old; while locked, no password is even checked, so guessing
//! gains nothing. A successful login clears its name's count, not its address's.
//!
//! Names are counted whether or not an account has them (the answer must not tell
//! which names exist), and both are kept as keyed hashes of the deployment's key:
//! the table holds no login name and no address.

use chrono::{DateTime, Duration, Utc};

use crate::{Db, Error, db::on_pool, held::HashKey};

/// Wrong passwords for one login name before it is locked.
pub const ACCOUNT_FAILURES: i64 = 5;
/// Failed logins from one address before it is locked: more than one person's
/// mistakes (an office shares one address), far fewer than a guessing run.
pub const ADDRESS_FAILURES: i64 = 20;
/// The window failures are counted in, and how long a lock lasts.
pub const WINDOW_MINUTES: i64 = 15;

/// What the failures are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Account,
    Address,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Account => "account",
            Kind::Address => "address",
        }
    }

    fn limit(self) -> i64 {
        match self {
            Kind::Account => ACCOUNT_FAILURES,
            Kind::Address => ADDRESS_FAILURES,
        }
    }
}

/// The keyed hashes one login attempt is counted under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    pub account: String,
    pub address: String,
}

impl Keys {
    /// `login` as typed (compared ignoring case) and the client's address.
    pub fn new(key: &HashKey, login: &str, address: &str) -> Self {
        Keys {
            account: key.tag_hex("staff-login", login.trim().to_lowercase().as_bytes()),
            address: key.tag_hex("staff-address", address.as_bytes()),
        }
    }

    fn of(&self, kind: Kind) -> &str {
        match kind {
            Kind::Account => &self.account,
            Kind::Address => &self.address,
        }
    }
}

/// How an address appears in the audit log: the first 16 hex digits of its keyed
/// hash — enough to tell one address's attempts from another's, not the address.
pub fn audit_address(key: &HashKey, address: &str) -> String {
    let mut tag = key.tag_hex("staff-address", address.as_bytes());
    tag.truncate(16);
    tag
}

/// A lock on a name or an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lock {
    pub by: Kind,
    pub until: DateTime<Utc>,
}

pub struct Throttle<'a>(&'a Db);

impl Db {
    pub fn login_throttle(&self) -> Throttle<'_> {
        Throttle(self)
    }
}

fn window() -> Duration {
    Duration::minutes(WINDOW_MINUTES)
}

impl Throttle<'_> {
    /// The lock on these keys now, if either is locked (the name's first).
    pub async fn locked(&self, keys: &Keys, now: DateTime<Utc>) -> Result<Option<Lock>, Error> {
        for kind in [Kind::Account, Kind::Address] {
            let limit = kind.limit();
            let recent: Vec<DateTime<Utc>> = on_pool!(self.0, |pool| sqlx::query_scalar(
                "SELECT at FROM staff_login_failures
                 WHERE kind = $1 AND key = $2 AND at > $3
                 ORDER BY at DESC LIMIT $4"
            )
            .bind(kind.as_str())
            .bind(keys.of(kind))
            .bind(now - window())
            .bind(limit)
            .fetch_all(pool)
            .await?);
            if recent.len() as i64 >= limit
                && let Some(oldest) = recent.last()
            {
                return Ok(Some(Lock {
                    by: kind,
                    until: *oldest + window(),
                }));
            }
        }
        Ok(None)
    }

    /// Counts one failure under both keys (and forgets failures too old to count).
    pub async fn fail(&self, keys: &Keys, now: DateTime<Utc>) -> Result<(), Error> {
        on_pool!(self.0, |pool| {
            sqlx::query(
                "INSERT INTO staff_login_failures (kind, key, at)
                 VALUES ('account', $1, $3), ('address', $2, $3)",
            )
            .bind(&keys.account)
            .bind(&keys.address)
            .bind(now)
            .execute(pool)
            .await?;
            sqlx::query("DELETE FROM staff_login_failures WHERE at <= $1")
                .bind(now - window())
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Forgets the name's failures after it logged in.
    pub async fn clear(&self, keys: &Keys) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "DELETE FROM staff_login_failures WHERE kind = 'account' AND key = $1"
        )
        .bind(&keys.account)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }
}
