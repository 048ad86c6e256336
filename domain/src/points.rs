//! Contact points (基层立法联系点): the street offices, townships and companies that
//! gather opinions. Known to operators by a short code, to residents by name.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use crate::{
    Actor, Db, Error,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
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

/// A display name or district: trimmed, non-empty, at most 100 characters.
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
    pub district: Option<String>,
}

impl NewPoint {
    pub fn parse(code: &str, name: &str, district: Option<&str>) -> Result<Self, Error> {
        Ok(Self {
            code: PointCode::parse(code)?,
            name: label(Field::PointName, name)?,
            district: district.map(|d| label(Field::District, d)).transpose()?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ContactPoint {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub district: Option<String>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, code, name, district, active, created_at";

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
        let sql = format!(
            "INSERT INTO contact_points (code, name, district, active, created_at)
             VALUES ($1, $2, $3, TRUE, $4) RETURNING {COLUMNS}"
        );
        let entry = AuditEntry::new(actor, "point.add", new.code.as_str())
            .detail(serde_json::json!({ "name": new.name, "district": new.district }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let point = sqlx::query_as::<_, ContactPoint>(&sql)
                .bind(new.code.as_str())
                .bind(&new.name)
                .bind(&new.district)
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .on_unique(|| Error::DuplicatePoint(new.code.to_string()))?;
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
            Ok(point)
        })
    }

    pub async fn list(&self) -> Result<Vec<ContactPoint>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM contact_points ORDER BY code");
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .fetch_all(pool)
            .await?))
    }

    pub async fn find(&self, code: &PointCode) -> Result<Option<ContactPoint>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM contact_points WHERE code = $1");
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
        self.update(code, "name = $2", Some(name), entry, now).await
    }

    /// Sets (or, with None, clears) the district (区) a point lies in, which tells
    /// points of the same name apart and is what the county tier will group by.
    pub async fn set_district(
        &self,
        code: &PointCode,
        district: Option<&str>,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<ContactPoint, Error> {
        let district = district.map(|d| label(Field::District, d)).transpose()?;
        let entry = AuditEntry::new(actor, "point.district", code.as_str())
            .detail(serde_json::json!({ "district": district }));
        match district {
            Some(d) => {
                self.update(code, "district = $2", Some(d), entry, now)
                    .await
            }
            None => self.update(code, "district = NULL", None, entry, now).await,
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
        value: Option<String>,
        entry: AuditEntry,
        now: DateTime<Utc>,
    ) -> Result<ContactPoint, Error> {
        let sql = format!("UPDATE contact_points SET {set} WHERE code = $1 RETURNING {COLUMNS}");
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let mut query = sqlx::query_as::<_, ContactPoint>(&sql).bind(code.as_str());
            if let Some(value) = &value {
                query = query.bind(value);
            }
            let point = query
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| Error::UnknownPoint(code.to_string()))?;
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
            Ok(point)
        })
    }
}
