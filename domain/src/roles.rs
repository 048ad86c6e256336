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
    districts::{District, DistrictCode},
    error::Field,
    points::{ContactPoint, PointCode},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Admin,
    /// County staff (县区人大): an admin for their district's points only.
    County,
    Liaison,
    Informant,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::County => "county",
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
            "county" => Ok(Role::County),
            "liaison" => Ok(Role::Liaison),
            "informant" => Ok(Role::Informant),
            _ => Err(Error::Invalid(Field::Role)),
        }
    }
}

/// A role together with what it acts for: built only in valid shapes (admins have
/// no point and no district; county staff exactly one district; liaisons and
/// informants exactly one point).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    role: Role,
    point: Option<PointCode>,
    district: Option<DistrictCode>,
}

impl Assignment {
    /// A role without a district (every role but county staff's).
    pub fn new(role: Role, point: Option<PointCode>) -> Result<Self, Error> {
        Self::bound(role, point, None)
    }

    /// A role with its point or district, as the command line and forms give them.
    pub fn bound(
        role: Role,
        point: Option<PointCode>,
        district: Option<DistrictCode>,
    ) -> Result<Self, Error> {
        match (role, &point, &district) {
            (Role::Admin | Role::County, Some(_), _) => Err(Error::PointNotAllowed),
            (Role::Liaison | Role::Informant, None, _) => Err(Error::PointRequired(role)),
            (Role::County, None, None) => Err(Error::DistrictRequired),
            (Role::Admin | Role::Liaison | Role::Informant, _, Some(_)) => {
                Err(Error::DistrictNotAllowed)
            }
            _ => Ok(Self {
                role,
                point,
                district,
            }),
        }
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn point(&self) -> Option<&PointCode> {
        self.point.as_ref()
    }

    pub fn district(&self) -> Option<&DistrictCode> {
        self.district.as_ref()
    }

    /// Resolves the point and district to their rows, refusing unknown ones and
    /// inactive points.
    pub(crate) async fn resolve(&self, db: &Db) -> Result<Binding, Error> {
        let district = match &self.district {
            Some(code) => Some(db.districts().get(code).await?),
            None => None,
        };
        let Some(code) = &self.point else {
            return Ok(Binding {
                point: None,
                district,
            });
        };
        let point = db.points().get(code).await?;
        if !point.active {
            return Err(Error::InactivePoint(point.code));
        }
        Ok(Binding {
            point: Some(point),
            district,
        })
    }
}

/// What an [`Assignment`] resolved to: its point or district rows.
pub(crate) struct Binding {
    pub(crate) point: Option<ContactPoint>,
    pub(crate) district: Option<District>,
}

impl Binding {
    pub(crate) fn point_id(&self) -> Option<i64> {
        self.point.as_ref().map(|p| p.id)
    }

    pub(crate) fn district_id(&self) -> Option<i64> {
        self.district.as_ref().map(|d| d.id)
    }

    /// The audit entry's detail: the role and the codes it is bound to.
    pub(crate) fn detail(&self, role: Role) -> serde_json::Value {
        let mut detail = serde_json::json!({
            "role": role.as_str(),
            "point": self.point.as_ref().map(|p| &p.code),
        });
        if let Some(d) = &self.district {
            detail["district"] = serde_json::json!(d.code);
        }
        detail
    }
}

/// A person's role as stored, with the point or district it is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRecord {
    pub telegram_id: UserId,
    pub role: Role,
    pub point: Option<PointRef>,
    /// County staff's district, with its points as they are now.
    pub district: Option<DistrictRef>,
    pub granted_by: Option<UserId>,
    pub granted_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointRef {
    pub id: i64,
    pub code: String,
    pub name: String,
}

/// A county staff member's district, read with their role on every request: its
/// points are what they reach ([`crate::access::Access::County`]), so moving a point
/// to another district moves it out of their reach at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistrictRef {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub points: Vec<i64>,
}

/// A role's columns, all NULL under a LEFT JOIN when the person has no role
/// ([`JOINED_COLUMNS`] and [`JOINS`]): read alone ([`Roles`]) or flattened into the
/// rows of queries that read a role beside something else (a profile, a session).
#[derive(FromRow)]
pub(crate) struct JoinedRole {
    telegram_id: Option<i64>,
    role: Option<String>,
    point_id: Option<i64>,
    point_code: Option<String>,
    point_name: Option<String>,
    district_id: Option<i64>,
    district_code: Option<String>,
    district_name: Option<String>,
    /// The district's point ids, comma-separated.
    district_points: Option<String>,
    granted_by: Option<i64>,
    granted_at: Option<DateTime<Utc>>,
}

/// The columns of [`JoinedRole`], from `roles r` joined as in [`JOINS`].
pub(crate) const JOINED_COLUMNS: &str = "r.telegram_id, r.role, r.point_id,
        p.code AS point_code, p.name AS point_name,
        r.district_id, dr.code AS district_code, dr.name AS district_name,
        (SELECT string_agg(CAST(dp.id AS TEXT), ',') FROM contact_points dp
            WHERE dp.district_id = r.district_id) AS district_points,
        r.granted_by, r.granted_at";

/// The joins [`JOINED_COLUMNS`] read from, after `roles r`.
pub(crate) const JOINS: &str = "LEFT JOIN contact_points p ON p.id = r.point_id
    LEFT JOIN districts dr ON dr.id = r.district_id";

impl JoinedRole {
    /// The role, if the join found one.
    pub(crate) fn record(self) -> Result<Option<RoleRecord>, Error> {
        let (Some(telegram_id), Some(role), Some(granted_at)) =
            (self.telegram_id, self.role, self.granted_at)
        else {
            return Ok(None);
        };
        let point = match (self.point_id, self.point_code, self.point_name) {
            (Some(id), Some(code), Some(name)) => Some(PointRef { id, code, name }),
            _ => None,
        };
        let district = match (self.district_id, self.district_code, self.district_name) {
            (Some(id), Some(code), Some(name)) => Some(DistrictRef {
                id,
                code,
                name,
                points: self
                    .district_points
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|p| p.parse().ok())
                    .collect(),
            }),
            _ => None,
        };
        Ok(Some(RoleRecord {
            telegram_id,
            role: role.parse()?,
            point,
            district,
            granted_by: self.granted_by,
            granted_at,
        }))
    }
}

/// Upserts a role inside an open transaction; shared by direct grants and invites.
macro_rules! upsert_role {
    ($conn:expr, $user:expr, $role:expr, $point_id:expr, $district_id:expr, $by:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO roles (telegram_id, role, point_id, district_id, granted_by, granted_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (telegram_id) DO UPDATE SET role = excluded.role,
                 point_id = excluded.point_id, district_id = excluded.district_id,
                 granted_by = excluded.granted_by, granted_at = excluded.granted_at",
        )
        .bind($user)
        .bind($role.as_str())
        .bind($point_id)
        .bind($district_id)
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
        let bound = assignment.resolve(self.0).await?;
        let entry = AuditEntry::new(actor, "role.grant", user.to_string())
            .detail(bound.detail(assignment.role));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            upsert_role!(
                &mut *tx,
                user,
                assignment.role,
                bound.point_id(),
                bound.district_id(),
                actor.id(),
                now
            );
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
        let mut detail = serde_json::json!({ "role": previous.role.as_str(), "point": previous.point.as_ref().map(|p| &p.code) });
        if let Some(d) = &previous.district {
            detail["district"] = serde_json::json!(d.code);
        }
        let entry = AuditEntry::new(actor, "role.revoke", user.to_string()).detail(detail);
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
        let sql = format!("SELECT {JOINED_COLUMNS} FROM roles r {JOINS} WHERE r.telegram_id = $1");
        let row: Option<JoinedRole> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(user)
            .fetch_optional(pool)
            .await?);
        Ok(row.map(JoinedRole::record).transpose()?.flatten())
    }

    pub async fn list(&self) -> Result<Vec<RoleRecord>, Error> {
        let sql = format!(
            "SELECT {JOINED_COLUMNS} FROM roles r {JOINS}
             ORDER BY r.role, dr.code, p.code, r.telegram_id"
        );
        let rows: Vec<JoinedRole> =
            on_pool!(self.0, |pool| sqlx::query_as(&sql).fetch_all(pool).await?);
        Ok(rows
            .into_iter()
            .map(JoinedRole::record)
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect())
    }
}
