//! The configurable list of categories a report is filed under. The six defaults are
//! named in `locales/`; admins add categories with their own names, rename any (a
//! name of their own then replaces the default's words), and retire one: a retired
//! category is no longer offered to residents nor for re-categorising, but the
//! reports already filed under it keep it and are still named by it.
//!
//! Categories are never deleted and always appended, so their order (by position)
//! is stable: a chat button may carry an index into [`Relay::all_categories`].

use chrono::{DateTime, Utc};

use super::{Category, CategoryCode, Relay};
use crate::{
    Actor, Error,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    error::Field,
};

/// Longest category name, in characters (one line: it is a button and a column).
pub const CATEGORY_NAME_MAX: usize = 50;

/// A category's name as an admin typed it: 1–[`CATEGORY_NAME_MAX`] characters, one line.
pub fn category_name(raw: &str) -> Result<String, Error> {
    let t = raw.trim();
    let n = t.chars().count();
    if n == 0 || n > CATEGORY_NAME_MAX || t.chars().any(char::is_control) {
        return Err(Error::Invalid(Field::CategoryName));
    }
    Ok(t.to_owned())
}

/// A `relay_categories` row.
type CategoryRow = (String, Option<String>, Option<String>, i32, bool);

impl Relay<'_> {
    /// Every category, retired ones too, in list order: for naming old reports and
    /// for the admins' list.
    pub async fn all_categories(&self) -> Result<Vec<Category>, Error> {
        let rows: Vec<CategoryRow> = on_pool!(self.0, |pool| {
            sqlx::query_as(
                "SELECT code, name_zh, name_en, position, active FROM relay_categories
                 ORDER BY position, code",
            )
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(code, name_zh, name_en, position, active)| {
                Ok(Category {
                    code: CategoryCode::parse(&code)?,
                    name_zh,
                    name_en,
                    position,
                    active,
                })
            })
            .collect()
    }

    /// The active categories, in list order: what residents are offered.
    pub async fn categories(&self) -> Result<Vec<Category>, Error> {
        let mut all = self.all_categories().await?;
        all.retain(|c| c.active);
        Ok(all)
    }

    /// An active category by code; [`Error::Invalid`] (category) otherwise.
    pub async fn category(&self, code: &str) -> Result<Category, Error> {
        let code = CategoryCode::parse(code)?;
        self.categories()
            .await?
            .into_iter()
            .find(|c| c.code == code)
            .ok_or(Error::Invalid(Field::Category))
    }

    /// Adds a category at the end of the list, with its names in both languages.
    /// A code already on the list (retired or not) is refused:
    /// [`Error::DuplicateCategory`].
    pub async fn add_category(
        &self,
        code: &CategoryCode,
        name_zh: &str,
        name_en: &str,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let (zh, en) = (category_name(name_zh)?, category_name(name_en)?);
        let entry = AuditEntry::new(actor, "relay.category.add", code.as_str())
            .detail(serde_json::json!({ "zh": zh, "en": en }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let n = sqlx::query(
                "INSERT INTO relay_categories (code, name_zh, name_en, position, active)
                 VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM relay_categories), TRUE)
                 ON CONFLICT (code) DO NOTHING",
            )
            .bind(code.as_str())
            .bind(&zh)
            .bind(&en)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                return Err(Error::DuplicateCategory(code.as_str().to_owned()));
            }
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Gives a category new names (a default one too: its own names then replace the
    /// default words). Reports filed under it are named by the new names.
    pub async fn rename_category(
        &self,
        code: &CategoryCode,
        name_zh: &str,
        name_en: &str,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let (zh, en) = (category_name(name_zh)?, category_name(name_en)?);
        let entry = AuditEntry::new(actor, "relay.category.rename", code.as_str())
            .detail(serde_json::json!({ "zh": zh, "en": en }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let n = sqlx::query(
                "UPDATE relay_categories SET name_zh = $2, name_en = $3 WHERE code = $1",
            )
            .bind(code.as_str())
            .bind(&zh)
            .bind(&en)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                return Err(Error::Invalid(Field::Category));
            }
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Retires a category (no longer offered; old reports keep it) or restores it.
    /// The last active category cannot be retired: residents must have one to choose.
    pub async fn set_category_active(
        &self,
        code: &CategoryCode,
        active: bool,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let action = if active {
            "relay.category.restore"
        } else {
            "relay.category.retire"
        };
        let entry = AuditEntry::new(actor, action, code.as_str());
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let n = sqlx::query("UPDATE relay_categories SET active = $2 WHERE code = $1")
                .bind(code.as_str())
                .bind(active)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if n == 0 {
                return Err(Error::Invalid(Field::Category));
            }
            let left: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM relay_categories WHERE active")
                    .fetch_one(&mut *tx)
                    .await?;
            if left == 0 {
                return Err(Error::LastCategory);
            }
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok(())
    }
}
