//! One-time invite links that grant a role. The code is shown once and only its
//! SHA-256 is stored, so a database leak yields no usable invite.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::FromRow;

use crate::{
    Actor, Db, Error, UserId,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    roles::{Assignment, Role, RoleRecord, upsert_role},
};

/// Deep-link payloads that start with this are invites.
pub const PREFIX: &str = "inv-";

/// The secret part of an invite link: 128 random bits, base64url, behind [`PREFIX`].
/// Fits Telegram's `/start` payload rules (≤ 64 of `A-Za-z0-9_-`).
#[derive(Clone, PartialEq, Eq)]
pub struct InviteCode(String);

impl InviteCode {
    fn generate() -> Self {
        let mut bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut bytes);
        Self(format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes)))
    }

    /// Accepts what a person pasted or a deep link carried; anything malformed is
    /// simply not an invite.
    pub fn parse(raw: &str) -> Result<Self, Error> {
        let raw = raw.trim();
        let body = raw.strip_prefix(PREFIX).ok_or(Error::InviteNotFound)?;
        if body.len() != 22 || URL_SAFE_NO_PAD.decode(body).is_err() {
            return Err(Error::InviteNotFound);
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn hash(&self) -> String {
        let digest = Sha256::digest(self.0.as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

// Never print the secret by accident.
impl std::fmt::Debug for InviteCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InviteCode(…)")
    }
}

#[derive(Debug, Clone, FromRow)]
pub struct Invite {
    pub id: i64,
    pub code_hash: String,
    pub role: String,
    pub point_id: Option<i64>,
    pub district_id: Option<i64>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub redeemed_by: Option<UserId>,
    pub redeemed_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, code_hash, role, point_id, district_id, created_by, created_at, expires_at, redeemed_by, redeemed_at";

pub struct Invites<'a>(&'a Db);

impl Db {
    pub fn invites(&self) -> Invites<'_> {
        Invites(self)
    }
}

impl Invites<'_> {
    /// Creates an invite valid for `ttl`. Whether `actor` may invite to this role is the
    /// caller's check (the command line may invite anyone).
    pub async fn create(
        &self,
        assignment: &Assignment,
        actor: Actor,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<(InviteCode, Invite), Error> {
        let bound = assignment.resolve(self.0).await?;
        let code = InviteCode::generate();
        let expires_at = now + ttl;
        let sql = format!(
            "INSERT INTO invites (code_hash, role, point_id, district_id, created_by, created_at,
                 expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {COLUMNS}"
        );
        let mut detail = bound.detail(assignment.role());
        detail["expires_at"] = serde_json::json!(expires_at);
        if let Some(d) = detail.as_object_mut() {
            d.remove("role");
        }
        let entry =
            AuditEntry::new(actor, "invite.create", assignment.role().as_str()).detail(detail);
        let invite = on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let invite: Invite = sqlx::query_as(&sql)
                .bind(code.hash())
                .bind(assignment.role().as_str())
                .bind(bound.point_id())
                .bind(bound.district_id())
                .bind(actor.id())
                .bind(now)
                .bind(expires_at)
                .fetch_one(&mut *tx)
                .await?;
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
            invite
        });
        Ok((code, invite))
    }

    /// Redeems an invite once: grants its role to `user` and marks it used, in one
    /// transaction, so two people racing for one link cannot both win.
    pub async fn redeem(
        &self,
        code: &InviteCode,
        user: UserId,
        now: DateTime<Utc>,
    ) -> Result<RoleRecord, Error> {
        let select = format!("SELECT {COLUMNS} FROM invites WHERE code_hash = $1");
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let invite: Invite = sqlx::query_as(&select)
                .bind(code.hash())
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(Error::InviteNotFound)?;
            if invite.redeemed_at.is_some() {
                return Err(Error::InviteUsed);
            }
            if invite.expires_at <= now {
                return Err(Error::InviteExpired);
            }
            let role: Role = invite.role.parse()?;
            if let Some(point_id) = invite.point_id {
                let (code, active): (String, bool) =
                    sqlx::query_as("SELECT code, active FROM contact_points WHERE id = $1")
                        .bind(point_id)
                        .fetch_one(&mut *tx)
                        .await?;
                if !active {
                    return Err(Error::InactivePoint(code));
                }
            }
            let claimed = sqlx::query(
                "UPDATE invites SET redeemed_by = $1, redeemed_at = $2
                 WHERE id = $3 AND redeemed_at IS NULL",
            )
            .bind(user)
            .bind(now)
            .bind(invite.id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            // On PostgreSQL a concurrent redeemer may have won since the SELECT.
            if claimed != 1 {
                return Err(Error::InviteUsed);
            }
            upsert_role!(
                &mut *tx,
                user,
                role,
                invite.point_id,
                invite.district_id,
                invite.created_by,
                now
            );
            let entry = AuditEntry::new(Actor::Person(user), "invite.redeem", user.to_string())
                .detail(serde_json::json!({ "invite": invite.id, "role": role.as_str() }));
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
            Ok::<_, Error>(())
        })?;
        self.0
            .roles()
            .of(user)
            .await?
            .ok_or(Error::Database(sqlx::Error::RowNotFound))
    }
}
