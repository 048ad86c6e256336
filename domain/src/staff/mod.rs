//! Staff accounts for the web console. Roles stay one model ([`crate::roles`]): a
//! role is granted to a *person id*, which is a Telegram user id for people who use
//! Telegram, and for a web-only account a negative number (−1, −2 …, the account's
//! row number negated) that no Telegram user has and that the command line's
//! `role grant` never accepts. A liaison who also uses Telegram is one person: their
//! account carries their Telegram id, and the role is granted to it.
//!
//! An account has a login name, and a password once its owner set one from the
//! one-time link ([`links`]). Login, throttling and sessions are in [`login`],
//! [`throttle`] and [`sessions`]; what a staff member may see is
//! [`crate::access::Access`], shared with the chat.

pub mod links;
pub mod login;
pub mod overview;
pub mod password;
pub mod sessions;
pub mod throttle;

use chrono::{DateTime, Duration, Utc};
use sqlx::FromRow;

use crate::{
    Actor, Db, Error, UserId,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    error::{Field, ResultExt},
    roles::{Assignment, RoleRecord, upsert_role},
};

pub use links::{LinkCode, Purpose};
pub use sessions::{SessionId, SessionPolicy};

/// Whether a person id is a Telegram user's (a web-only account's is negative), so
/// that nothing is ever sent to a web-only person through Telegram.
pub fn is_telegram_user(person: UserId) -> bool {
    person > 0
}

/// A staff member's login name as typed: 1–50 letters or digits (any script, so
/// 王芳 works) and `. _ - @`; compared ignoring case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginName {
    shown: String,
    key: String,
}

impl LoginName {
    pub fn parse(raw: &str) -> Result<Self, Error> {
        let shown = raw.trim();
        let n = shown.chars().count();
        let ok = (1..=50).contains(&n)
            && shown
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
        if !ok {
            return Err(Error::Invalid(Field::StaffName));
        }
        Ok(Self {
            shown: shown.to_owned(),
            key: shown.to_lowercase(),
        })
    }

    /// The name as it was given.
    pub fn as_str(&self) -> &str {
        &self.shown
    }

    /// The name as logins compare it (lower case).
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// A staff account as stored. The password hash never leaves this module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    /// The id its role is granted to ([`person_of`]).
    pub person: UserId,
    pub name: String,
    pub telegram_id: Option<UserId>,
    pub password_set_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// The person id of account row `id` (linked to Telegram user `telegram_id`, if any).
pub fn person_of(id: i64, telegram_id: Option<UserId>) -> UserId {
    telegram_id.unwrap_or(-id)
}

#[derive(FromRow)]
pub(crate) struct AccountRow {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) telegram_id: Option<i64>,
    pub(crate) password_hash: Option<String>,
    pub(crate) password_set_at: Option<DateTime<Utc>>,
    pub(crate) created_at: DateTime<Utc>,
}

impl From<&AccountRow> for Account {
    fn from(r: &AccountRow) -> Self {
        Account {
            id: r.id,
            person: person_of(r.id, r.telegram_id),
            name: r.name.clone(),
            telegram_id: r.telegram_id,
            password_set_at: r.password_set_at,
            created_at: r.created_at,
        }
    }
}

pub(crate) const ACCOUNT_COLUMNS: &str =
    "id, name, telegram_id, password_hash, password_set_at, created_at";

/// `WHERE` clause matching the account of person `$1`.
pub(crate) const OF_PERSON: &str =
    "(telegram_id = $1 OR (telegram_id IS NULL AND id = -CAST($1 AS BIGINT)))";

/// What [`Staff::add`] made.
#[derive(Debug)]
pub struct Added {
    pub account: Account,
    pub role: RoleRecord,
    /// The one-time link to set a password, shown once.
    pub code: LinkCode,
    pub expires_at: DateTime<Utc>,
}

pub struct Staff<'a>(&'a Db);

impl Db {
    pub fn staff(&self) -> Staff<'_> {
        Staff(self)
    }
}

impl Staff<'_> {
    /// Creates the account `name`, grants it the role, and makes a one-time link
    /// (valid for `ttl`) to set its password — one transaction, audited. With
    /// `telegram`, the account is that Telegram user's (whose role is replaced).
    /// Whether `actor` may add this role is the caller's check.
    pub async fn add(
        &self,
        name: &LoginName,
        assignment: &Assignment,
        telegram: Option<UserId>,
        actor: Actor,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<Added, Error> {
        if telegram.is_some_and(|t| !is_telegram_user(t)) {
            return Err(Error::Invalid(Field::StaffName));
        }
        let bound = assignment.resolve(self.0).await?;
        let code = LinkCode::generate();
        let expires_at = now + ttl;
        let insert = format!(
            "INSERT INTO staff_accounts (login, name, telegram_id, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING {ACCOUNT_COLUMNS}"
        );
        let taken = || Error::DuplicateStaff(name.as_str().to_owned());
        let row: AccountRow = on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let row: AccountRow = sqlx::query_as(&insert)
                .bind(name.key())
                .bind(name.as_str())
                .bind(telegram)
                .bind(actor.id())
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .on_unique(taken)?;
            let person = person_of(row.id, row.telegram_id);
            upsert_role!(
                &mut *tx,
                person,
                assignment.role(),
                bound.point_id(),
                bound.district_id(),
                actor.id(),
                now
            );
            links::insert!(
                &mut *tx,
                &code,
                Purpose::Password,
                person,
                actor,
                now,
                expires_at
            );
            let mut detail = bound.detail(assignment.role());
            detail["name"] = serde_json::json!(name.as_str());
            detail["telegram"] = serde_json::json!(telegram);
            detail["link_expires_at"] = serde_json::json!(expires_at);
            let entry =
                AuditEntry::new(actor, "staff.add", format!("staff:{person}")).detail(detail);
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
            row
        });
        let account = Account::from(&row);
        let role = self
            .0
            .roles()
            .of(account.person)
            .await?
            .ok_or(Error::Database(sqlx::Error::RowNotFound))?;
        Ok(Added {
            account,
            role,
            code,
            expires_at,
        })
    }

    /// The account called `name` (ignoring case).
    pub async fn find(&self, name: &LoginName) -> Result<Option<Account>, Error> {
        Ok(self.row_by_name(name).await?.as_ref().map(Account::from))
    }

    pub(crate) async fn row_by_name(&self, name: &LoginName) -> Result<Option<AccountRow>, Error> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM staff_accounts WHERE login = $1");
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .bind(name.key())
            .fetch_optional(pool)
            .await?))
    }

    /// The account of a person, if they have one (a Telegram-only staff member has none).
    pub async fn of_person(&self, person: UserId) -> Result<Option<Account>, Error> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM staff_accounts WHERE {OF_PERSON}");
        let row: Option<AccountRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(person)
            .fetch_optional(pool)
            .await?);
        Ok(row.as_ref().map(Account::from))
    }

    /// Every account with its role (None once revoked), by name.
    pub async fn list(&self) -> Result<Vec<(Account, Option<RoleRecord>)>, Error> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM staff_accounts ORDER BY login");
        let rows: Vec<AccountRow> =
            on_pool!(self.0, |pool| sqlx::query_as(&sql).fetch_all(pool).await?);
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let account = Account::from(row);
            let role = self.0.roles().of(account.person).await?;
            out.push((account, role));
        }
        Ok(out)
    }

    /// A new one-time link for `name` to set a (new) password: for a forgotten one,
    /// or a link that expired unused. Earlier unused password links stop working.
    pub async fn reset(
        &self,
        name: &LoginName,
        actor: Actor,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<(Account, LinkCode, DateTime<Utc>), Error> {
        let account = self
            .find(name)
            .await?
            .ok_or_else(|| Error::UnknownStaff(name.as_str().to_owned()))?;
        let (code, expires_at) = self
            .0
            .staff_links()
            .create(account.person, Purpose::Password, actor, now, ttl)
            .await?;
        Ok((account, code, expires_at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_names_are_words_compared_ignoring_case() {
        let n = LoginName::parse(" WangFang ").unwrap();
        assert_eq!(n.as_str(), "WangFang");
        assert_eq!(n.key(), "wangfang");
        assert!(LoginName::parse("王芳").is_ok());
        assert!(LoginName::parse("li.ming@hongqiao").is_ok());
        for bad in ["", "two words", "semi;colon", &"x".repeat(51)] {
            assert!(LoginName::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn web_only_people_have_ids_no_telegram_user_has() {
        assert_eq!(person_of(3, None), -3);
        assert_eq!(person_of(3, Some(777)), 777);
        assert!(!is_telegram_user(person_of(3, None)));
        assert!(is_telegram_user(777));
    }
}
