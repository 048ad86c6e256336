//! Roles are granted to person ids — a Telegram user id, or a web-only staff
//! account's negative id ([`crate::staff`]) — never inferred from display names, and
//! are re-read from storage on every privileged action.

use std::{fmt, str::FromStr};

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use crate::{
    Actor, Db, Error, UserId,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    error::Field,
    points::{ContactPoint, PointCode},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Admin,
    Liaison,
    Informant,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Liaison => "liaison",
            Role::Informant => "informant",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "admin" => Ok(Role::Admin),
            "liaison" => Ok(Role::Liaison),
            "informant" => Ok(Role::Informant),
            _ => Err(Error::Invalid(Field::Role)),
        }
    }
}

/// A role together with the contact point it acts for: built only in valid shapes
/// (admins have no point; liaisons and informants have exactly one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    role: Role,
    point: Option<PointCode>,
}

impl Assignment {
    pub fn new(role: Role, point: Option<PointCode>) -> Result<Self, Error> {
        match (role, &point) {
            (Role::Admin, Some(_)) => Err(Error::PointNotAllowed),
            (Role::Liaison | Role::Informant, None) => Err(Error::PointRequired(role)),
            _ => Ok(Self { role, point }),
        }
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn point(&self) -> Option<&PointCode> {
        self.point.as_ref()
    }

    /// Resolves the point to its row, refusing unknown and inactive points.
    pub(crate) async fn resolve(&self, db: &Db) -> Result<Option<ContactPoint>, Error> {
        let Some(code) = &self.point else {
            return Ok(None);
        };
        let point = db.points().get(code).await?;
        if !point.active {
            return Err(Error::InactivePoint(point.code));
        }
        Ok(Some(point))
    }
}

/// A person's role as stored, with the point it is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRecord {
    pub telegram_id: UserId,
    pub role: Role,
    pub point: Option<PointRef>,
    pub granted_by: Option<UserId>,
    pub granted_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointRef {
    pub id: i64,
    pub code: String,
    pub name: String,
}

#[derive(FromRow)]
pub(crate) struct RoleRow {
    pub(crate) telegram_id: i64,
    pub(crate) role: String,
    pub(crate) point_id: Option<i64>,
    pub(crate) point_code: Option<String>,
    pub(crate) point_name: Option<String>,
    pub(crate) granted_by: Option<i64>,
    pub(crate) granted_at: DateTime<Utc>,
}

impl TryFrom<RoleRow> for RoleRecord {
    type Error = Error;
    fn try_from(row: RoleRow) -> Result<Self, Error> {
        let point = match (row.point_id, row.point_code, row.point_name) {
            (Some(id), Some(code), Some(name)) => Some(PointRef { id, code, name }),
            _ => None,
        };
        Ok(RoleRecord {
            telegram_id: row.telegram_id,
            role: row.role.parse()?,
            point,
            granted_by: row.granted_by,
            granted_at: row.granted_at,
        })
    }
}

/// A role's columns under a LEFT JOIN (`r.telegram_id, r.role, r.point_id, p.code AS
/// point_code, p.name AS point_name, r.granted_by, r.granted_at`), all NULL when the
/// person has no role: flattened into the rows of queries that read a role beside
/// something else (a profile, a session).
#[derive(FromRow)]
pub(crate) struct JoinedRole {
    telegram_id: Option<i64>,
    role: Option<String>,
    point_id: Option<i64>,
    point_code: Option<String>,
    point_name: Option<String>,
    granted_by: Option<i64>,
    granted_at: Option<DateTime<Utc>>,
}

impl JoinedRole {
    /// The role, if the join found one.
    pub(crate) fn record(self) -> Result<Option<RoleRecord>, Error> {
        match (self.telegram_id, self.role, self.granted_at) {
            (Some(telegram_id), Some(role), Some(granted_at)) => {
                Some(RoleRecord::try_from(RoleRow {
                    telegram_id,
                    role,
                    point_id: self.point_id,
                    point_code: self.point_code,
                    point_name: self.point_name,
                    granted_by: self.granted_by,
                    granted_at,
                }))
                .transpose()
            }
            _ => Ok(None),
        }
    }
}

const SELECT: &str = "SELECT r.telegram_id, r.role, r.point_id, p.code AS point_code,
        p.name AS point_name, r.granted_by, r.granted_at
    FROM roles r LEFT JOIN contact_points p ON p.id = r.point_id";

/// Upserts a role inside an open transaction; shared by direct grants and invites.
macro_rules! upsert_role {
    ($conn:expr, $user:expr, $role:expr, $point_id:expr, $by:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO roles (telegram_id, role, point_id, granted_by, granted_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (telegram_id) DO UPDATE SET role = excluded.role,
                 point_id = excluded.point_id, granted_by = excluded.granted_by,
                 granted_at = excluded.granted_at",
        )
        .bind($user)
        .bind($role.as_str())
        .bind($point_id)
        .bind($by)
        .bind($now)
        .execute($conn)
        .await?
    };
}
pub(crate) use upsert_role;

pub struct Roles<'a>(&'a Db);

impl Db {
    pub fn roles(&self) -> Roles<'_> {
        Roles(self)
    }
}

impl Roles<'_> {
    /// Gives `user` the role, replacing any role they had.
    pub async fn grant(
        &self,
        user: UserId,
        assignment: &Assignment,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<RoleRecord, Error> {
        let point = assignment.resolve(self.0).await?;
        let point_id = point.as_ref().map(|p| p.id);
        let entry = AuditEntry::new(actor, "role.grant", user.to_string()).detail(
            serde_json::json!({ "role": assignment.role.as_str(), "point": point.as_ref().map(|p| &p.code) }),
        );
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            upsert_role!(&mut *tx, user, assignment.role, point_id, actor.id(), now);
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        self.of(user)
            .await?
            .ok_or(Error::Database(sqlx::Error::RowNotFound))
    }

    /// Removes the role; returns the role removed, if there was one.
    pub async fn revoke(
        &self,
        user: UserId,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Option<RoleRecord>, Error> {
        let Some(previous) = self.of(user).await? else {
            return Ok(None);
        };
        let entry = AuditEntry::new(actor, "role.revoke", user.to_string()).detail(
            serde_json::json!({ "role": previous.role.as_str(), "point": previous.point.as_ref().map(|p| &p.code) }),
        );
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query("DELETE FROM roles WHERE telegram_id = $1")
                .bind(user)
                .execute(&mut *tx)
                .await?;
            // Their web sessions end with the role, not at their next request.
            sqlx::query("DELETE FROM staff_sessions WHERE person_id = $1")
                .bind(user)
                .execute(&mut *tx)
                .await?;
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok(Some(previous))
    }

    pub async fn of(&self, user: UserId) -> Result<Option<RoleRecord>, Error> {
        let sql = format!("{SELECT} WHERE r.telegram_id = $1");
        let row: Option<RoleRow> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(user)
            .fetch_optional(pool)
            .await?);
        row.map(RoleRecord::try_from).transpose()
    }

    pub async fn list(&self) -> Result<Vec<RoleRecord>, Error> {
        let sql = format!("{SELECT} ORDER BY r.role, p.code, r.telegram_id");
        let rows: Vec<RoleRow> =
            on_pool!(self.0, |pool| sqlx::query_as(&sql).fetch_all(pool).await?);
        rows.into_iter().map(RoleRecord::try_from).collect()
    }
}
