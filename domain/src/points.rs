//! Contact points (基层立法联系点): the street offices, townships and companies that
//! gather opinions. Known to operators by a short code, to residents by name.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use crate::{
    Actor, Db, Error,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    districts::DistrictCode,
    error::{Field, ResultExt},
};

/// A contact point's code: 1–32 of `a-z 0-9 - _`, case-folded, so it can be typed on a
/// command line and carried in a deep link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointCode(String);

impl PointCode {
    pub fn parse(raw: &str) -> Result<Self, Error> {
        let code = raw.trim().to_ascii_lowercase();
        let allowed =
            |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
        if code.is_empty() || code.len() > 32 || !code.chars().all(allowed) {
            return Err(Error::Invalid(Field::PointCode));
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PointCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A display name: trimmed, non-empty, at most 100 characters.
fn label(field: Field, raw: &str) -> Result<String, Error> {
    let text = raw.trim();
    if text.is_empty() || text.chars().count() > 100 || text.chars().any(char::is_control) {
        return Err(Error::Invalid(field));
    }
    Ok(text.to_owned())
}

#[derive(Debug, Clone)]
pub struct NewPoint {
    pub code: PointCode,
    pub name: String,
    /// The district (区县) it belongs to, by code.
    pub district: Option<DistrictCode>,
}

impl NewPoint {
    pub fn parse(code: &str, name: &str, district: Option<&str>) -> Result<Self, Error> {
        Ok(Self {
            code: PointCode::parse(code)?,
            name: label(Field::PointName, name)?,
            district: district.map(DistrictCode::parse).transpose()?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ContactPoint {
    pub id: i64,
    pub code: String,
    pub name: String,
    /// The district it belongs to ([`crate::districts`]), with its name.
    pub district_id: Option<i64>,
    pub district: Option<String>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

const SELECT: &str = "SELECT p.id, p.code, p.name, p.district_id, d.name AS district,
        p.active, p.created_at
    FROM contact_points p LEFT JOIN districts d ON d.id = p.district_id";

/// The one value an update sets.
enum Value {
    Text(String),
    Id(i64),
}

pub struct Points<'a>(&'a Db);

impl Db {
    pub fn points(&self) -> Points<'_> {
        Points(self)
    }
}

impl Points<'_> {
    pub async fn add(
        &self,
        new: &NewPoint,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<ContactPoint, Error> {
        let district = match &new.district {
            Some(code) => Some(self.0.districts().get(code).await?),
            None => None,
        };
        let entry = AuditEntry::new(actor, "point.add", new.code.as_str()).detail(
            serde_json::json!({ "name": new.name, "district": district.as_ref().map(|d| &d.code) }),
        );
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO contact_points (code, name, district_id, active, created_at)
                 VALUES ($1, $2, $3, TRUE, $4)",
            )
            .bind(new.code.as_str())
            .bind(&new.name)
            .bind(district.as_ref().map(|d| d.id))
            .bind(now)
            .execute(&mut *tx)
            .await
            .on_unique(|| Error::DuplicatePoint(new.code.to_string()))?;
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        self.get(&new.code).await
    }

    pub async fn list(&self) -> Result<Vec<ContactPoint>, Error> {
        let sql = format!("{SELECT} ORDER BY p.code");
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .fetch_all(pool)
            .await?))
    }

    /// The points of one district, in code order.
    pub async fn in_district(&self, district: i64) -> Result<Vec<ContactPoint>, Error> {
        let sql = format!("{SELECT} WHERE p.district_id = $1 ORDER BY p.code");
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .bind(district)
            .fetch_all(pool)
            .await?))
    }

    pub async fn find(&self, code: &PointCode) -> Result<Option<ContactPoint>, Error> {
        let sql = format!("{SELECT} WHERE p.code = $1");
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .bind(code.as_str())
            .fetch_optional(pool)
            .await?))
    }

    pub async fn get(&self, code: &PointCode) -> Result<ContactPoint, Error> {
        self.find(code)
            .await?
            .ok_or_else(|| Error::UnknownPoint(code.to_string()))
    }

    pub async fn rename(
        &self,
        code: &PointCode,
        name: &str,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<ContactPoint, Error> {
        let name = label(Field::PointName, name)?;
        let entry = AuditEntry::new(actor, "point.rename", code.as_str())
            .detail(serde_json::json!({ "name": name }));
        self.update(code, "name = $2", Some(Value::Text(name)), entry, now)
            .await
    }

    /// Puts a point in a district (区县), or with None in none: what the county
    /// tier groups by, and what a county staff member's reach follows at once.
    pub async fn set_district(
        &self,
        code: &PointCode,
        district: Option<&DistrictCode>,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<ContactPoint, Error> {
        let district = match district {
            Some(d) => Some(self.0.districts().get(d).await?),
            None => None,
        };
        let entry = AuditEntry::new(actor, "point.district", code.as_str())
            .detail(serde_json::json!({ "district": district.as_ref().map(|d| &d.code) }));
        match district {
            Some(d) => {
                self.update(code, "district_id = $2", Some(Value::Id(d.id)), entry, now)
                    .await
            }
            None => {
                self.update(code, "district_id = NULL", None, entry, now)
                    .await
            }
        }
    }

    /// Deactivated points keep their history but take no new roles or groups.
    pub async fn deactivate(
        &self,
        code: &PointCode,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<ContactPoint, Error> {
        let entry = AuditEntry::new(actor, "point.deactivate", code.as_str());
        self.update(code, "active = FALSE", None, entry, now).await
    }

    async fn update(
        &self,
        code: &PointCode,
        set: &str,
        value: Option<Value>,
        entry: AuditEntry,
        now: DateTime<Utc>,
    ) -> Result<ContactPoint, Error> {
        let sql = format!("UPDATE contact_points SET {set} WHERE code = $1");
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let mut query = sqlx::query(&sql).bind(code.as_str());
            match &value {
                Some(Value::Text(t)) => query = query.bind(t),
                Some(Value::Id(id)) => query = query.bind(id),
                None => {}
            }
            if query.execute(&mut *tx).await?.rows_affected() == 0 {
                return Err(Error::UnknownPoint(code.to_string()));
            }
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        self.get(code).await
    }
}
