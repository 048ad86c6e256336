//! Districts (区县): the county-level units contact points belong to, each with its
//! people's congress standing committee (县区人大) that guides and assesses its points.
//! Known to operators by a short code (`pudong`), to everyone else by name (浦东新区).
//! County staff are bound to one district ([`crate::roles::Role::County`]) and reach
//! its points only ([`crate::access::Access`]).

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use crate::{
    Actor, Db, Error,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    error::{Field, ResultExt},
};

/// A district's code: 1–32 of `a-z 0-9 - _`, case-folded, like a point's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistrictCode(String);

impl DistrictCode {
    pub fn parse(raw: &str) -> Result<Self, Error> {
        let code = raw.trim().to_ascii_lowercase();
        let allowed =
            |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
        if code.is_empty() || code.len() > 32 || !code.chars().all(allowed) {
            return Err(Error::Invalid(Field::DistrictCode));
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DistrictCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A district's name: trimmed, 1–100 characters, no control characters.
pub(crate) fn name(raw: &str) -> Result<String, Error> {
    let text = raw.trim();
    if text.is_empty() || text.chars().count() > 100 || text.chars().any(char::is_control) {
        return Err(Error::Invalid(Field::District));
    }
    Ok(text.to_owned())
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct District {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, code, name, created_at";

pub struct Districts<'a>(&'a Db);

impl Db {
    pub fn districts(&self) -> Districts<'_> {
        Districts(self)
    }
}

impl Districts<'_> {
    /// Adds a district; codes and names are both unique.
    pub async fn add(
        &self,
        code: &DistrictCode,
        name: &str,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<District, Error> {
        let name = self::name(name)?;
        let sql = format!(
            "INSERT INTO districts (code, name, created_at) VALUES ($1, $2, $3) RETURNING {COLUMNS}"
        );
        let entry = AuditEntry::new(actor, "district.add", code.as_str())
            .detail(serde_json::json!({ "name": name }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let district = sqlx::query_as::<_, District>(&sql)
                .bind(code.as_str())
                .bind(&name)
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .on_unique(|| Error::DuplicateDistrict(code.to_string()))?;
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
            Ok(district)
        })
    }

    /// Every district, in code order.
    pub async fn list(&self) -> Result<Vec<District>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM districts ORDER BY code");
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .fetch_all(pool)
            .await?))
    }

    pub async fn find(&self, code: &DistrictCode) -> Result<Option<District>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM districts WHERE code = $1");
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .bind(code.as_str())
            .fetch_optional(pool)
            .await?))
    }

    /// The district with this code, or [`Error::UnknownDistrict`].
    pub async fn get(&self, code: &DistrictCode) -> Result<District, Error> {
        self.find(code)
            .await?
            .ok_or_else(|| Error::UnknownDistrict(code.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_checked() {
        assert_eq!(DistrictCode::parse(" Pudong ").unwrap().as_str(), "pudong");
        for bad in ["", "浦东", "a b", &"x".repeat(33)] {
            assert!(DistrictCode::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(name(" 浦东新区 ").unwrap(), "浦东新区");
        assert!(name("  ").is_err());
        assert!(name("a\nb").is_err());
        assert!(name(&"区".repeat(101)).is_err());
    }
}
