//! Logging in with a name and a password, and changing the password. Every attempt is
//! audited: `staff.login` (with the new session), `staff.login.failed` (with why:
//! a wrong password, an unknown name, no password set yet, no role, or a lock), and
//! `staff.login.locked` when a failure locks the name or the address. Failures have
//! no actor — nobody proved who they are — and name the account only when it exists.
//! Addresses appear only as keyed hashes ([`throttle::Keys`]).

use chrono::{DateTime, Utc};

use crate::{
    Actor, Db, Error, UserId,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    held::HashKey,
    staff::{
        LoginName, OF_PERSON,
        links::store_password,
        password::{self, Problem, Verified},
        sessions::{SessionId, SessionPolicy, insert_session},
        throttle::{Keys, Lock, audit_address},
    },
};

/// A login attempt: what was typed and where it came from.
pub struct Attempt<'a> {
    pub name: &'a str,
    pub password: &'a str,
    /// The client's address, as the web channel determined it.
    pub address: &'a str,
    /// The session the browser still presented, if any: replaced, never reused.
    pub previous: Option<&'a SessionId>,
}

/// How a login attempt ended.
#[derive(Debug)]
pub enum Outcome {
    /// Logged in with a new session id.
    In { person: UserId, session: SessionId },
    /// Wrong name or password, or nothing a person may log in to: one answer for all.
    Refused,
    /// Too many failures for the name or from the address.
    Locked(Lock),
}

/// The cost and key of checking passwords, from the configuration.
#[derive(Debug, Clone)]
pub struct Hashing<'a> {
    pub key: &'a HashKey,
    /// What hashing a new password costs ([`password::Cost::DEFAULT`] in service).
    pub cost: password::Cost,
}

/// What changing one's password may end in.
#[derive(Debug)]
pub enum Change {
    /// Changed; every session of the person ended, and this is the new one.
    Done(SessionId),
    /// The current password was wrong.
    WrongCurrent,
    /// Too many wrong passwords for the name or from the address (counted with the
    /// login form's, so a stolen session cannot guess the password here either).
    Locked(Lock),
    Refused(Problem),
}

impl Db {
    /// Checks a login attempt against the throttle and the stored password, and opens
    /// a session when it is right.
    pub async fn staff_log_in(
        &self,
        attempt: &Attempt<'_>,
        hashing: &Hashing<'_>,
        policy: &SessionPolicy,
        now: DateTime<Utc>,
    ) -> Result<Outcome, Error> {
        let keys = Keys::new(hashing.key, attempt.name, attempt.address);
        let shown_address = audit_address(hashing.key, attempt.address);
        let throttle = self.login_throttle();
        let name = LoginName::parse(attempt.name).ok();
        let row = match &name {
            Some(n) => self.staff().row_by_name(n).await?,
            None => None,
        };
        let person = row.as_ref().map(|r| super::person_of(r.id, r.telegram_id));
        let subject = person.map_or_else(|| "staff:?".to_owned(), |p| format!("staff:{p}"));
        let failed = |reason: &str| {
            AuditEntry::new(Actor::Visitor, "staff.login.failed", subject.clone())
                .detail(serde_json::json!({ "reason": reason, "address": shown_address }))
        };
        if let Some(lock) = throttle.locked(&keys, now).await? {
            self.audit_now(&failed("locked"), now).await?;
            return Ok(Outcome::Locked(lock));
        }
        let stored = row.as_ref().and_then(|r| r.password_hash.as_deref());
        let verified = password::verify_off_thread(attempt.password, stored, hashing.cost).await;
        let reason = match (&row, verified) {
            (None, _) => Some("unknown"),
            (Some(r), _) if r.password_hash.is_none() => Some("no_password"),
            (Some(_), Verified::No) => Some("password"),
            _ => None,
        };
        if let Some(reason) = reason {
            throttle.fail(&keys, now).await?;
            self.audit_now(&failed(reason), now).await?;
            if let Some(lock) = throttle.locked(&keys, now).await? {
                let entry = AuditEntry::new(Actor::Visitor, "staff.login.locked", subject).detail(
                    serde_json::json!({
                        "by": lock.by.as_str(),
                        "until": lock.until,
                        "address": shown_address,
                    }),
                );
                self.audit_now(&entry, now).await?;
                return Ok(Outcome::Locked(lock));
            }
            return Ok(Outcome::Refused);
        }
        // The password is right. A person without a role has nothing to log in to.
        let Some(person) = person else {
            return Ok(Outcome::Refused);
        };
        if self.roles().of(person).await?.is_none() {
            self.audit_now(&failed("no_role"), now).await?;
            return Ok(Outcome::Refused);
        }
        let rehash = match verified {
            Verified::Rehash => {
                // The login goes on with the old hash kept if hashing fails.
                password::hash_off_thread(attempt.password, hashing.cost)
                    .await
                    .ok()
            }
            _ => None,
        };
        throttle.clear(&keys).await?;
        let session = SessionId::generate();
        let entry = AuditEntry::new(
            Actor::Person(person),
            "staff.login",
            format!("staff:{person}"),
        )
        .detail(serde_json::json!({ "via": "password", "address": shown_address }));
        let rehash_sql = format!("UPDATE staff_accounts SET password_hash = $2 WHERE {OF_PERSON}");
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            if let Some(previous) = attempt.previous {
                sqlx::query("DELETE FROM staff_sessions WHERE id_hash = $1")
                    .bind(previous.hash())
                    .execute(&mut *tx)
                    .await?;
            }
            if let Some(hash) = &rehash {
                sqlx::query(&rehash_sql)
                    .bind(person)
                    .bind(hash)
                    .execute(&mut *tx)
                    .await?;
            }
            insert_session!(&mut *tx, &session, person, now);
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        self.staff_sessions().purge(policy, now).await?;
        Ok(Outcome::In { person, session })
    }

    /// Changes a logged-in person's password, after checking the current one (from
    /// `address`): ends every session of theirs (other browsers included) and opens a
    /// new one for this browser.
    pub async fn staff_change_password(
        &self,
        person: UserId,
        current: &str,
        new: &str,
        address: &str,
        hashing: &Hashing<'_>,
        now: DateTime<Utc>,
    ) -> Result<Change, Error> {
        let Some(account) = self.staff().of_person(person).await? else {
            return Ok(Change::WrongCurrent);
        };
        let keys = Keys::new(hashing.key, &account.name, address);
        let throttle = self.login_throttle();
        if let Some(lock) = throttle.locked(&keys, now).await? {
            return Ok(Change::Locked(lock));
        }
        let sql = format!(
            "SELECT {} FROM staff_accounts WHERE id = $1",
            super::ACCOUNT_COLUMNS
        );
        let row: super::AccountRow = on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(account.id)
            .fetch_one(pool)
            .await?);
        let verified =
            password::verify_off_thread(current, row.password_hash.as_deref(), hashing.cost).await;
        if verified == Verified::No {
            throttle.fail(&keys, now).await?;
            let entry = AuditEntry::new(
                Actor::Person(person),
                "staff.password.failed",
                format!("staff:{person}"),
            )
            .detail(serde_json::json!({ "address": audit_address(hashing.key, address) }));
            self.audit_now(&entry, now).await?;
            if let Some(lock) = throttle.locked(&keys, now).await? {
                return Ok(Change::Locked(lock));
            }
            return Ok(Change::WrongCurrent);
        }
        if let Err(problem) = password::check(new, &account.name) {
            return Ok(Change::Refused(problem));
        }
        let hash = password::hash_off_thread(new, hashing.cost).await?;
        let session = SessionId::generate();
        let entry = AuditEntry::new(
            Actor::Person(person),
            "staff.password",
            format!("staff:{person}"),
        )
        .detail(serde_json::json!({ "via": "change" }));
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            store_password!(&mut *tx, person, &hash, now);
            insert_session!(&mut *tx, &session, person, now);
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok(Change::Done(session))
    }

    /// Writes one audit entry on its own.
    async fn audit_now(&self, entry: &AuditEntry, now: DateTime<Utc>) -> Result<(), Error> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            record!(&mut *tx, entry, now);
            tx.commit().await?;
        });
        Ok(())
    }
}
