//! The residents' groups the bot has been added to, and which contact point each
//! belongs to. A group is linked by a liaison of that point (or an admin); only active,
//! linked groups receive announcements.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use crate::{
    Actor, Db, Error, UserId,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    review::Scope,
};

pub type ChatId = i64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    Group,
    Supergroup,
}

impl GroupKind {
    fn as_str(self) -> &'static str {
        match self {
            GroupKind::Group => "group",
            GroupKind::Supergroup => "supergroup",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Group {
    pub chat_id: ChatId,
    pub title: String,
    pub kind: String,
    pub active: bool,
    pub point_id: Option<i64>,
    pub point_code: Option<String>,
    pub point_name: Option<String>,
    pub linked_by: Option<UserId>,
    pub linked_at: Option<DateTime<Utc>>,
    pub added_at: DateTime<Utc>,
    pub migrated_from: Option<ChatId>,
    /// Whether the bot may pin messages here (it is the creator, or an administrator
    /// with the right to pin), as its last membership update said; `None` when no
    /// update has said (a group recorded before the bot kept track). Pinning where it
    /// may not only earns a refusal from Telegram.
    pub can_pin: Option<bool>,
}

const SELECT: &str = "SELECT g.chat_id, g.title, g.kind, g.active, g.point_id,
        p.code AS point_code, p.name AS point_name, g.linked_by, g.linked_at, g.added_at,
        g.migrated_from, g.can_pin
    FROM groups g LEFT JOIN contact_points p ON p.id = g.point_id";

/// What [`Groups::migrate`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Migration {
    /// The group's link and history now live under the new id.
    Moved,
    /// The other service message got there first; nothing left to do.
    AlreadyDone,
    /// We never knew the old group.
    Unknown,
}

pub struct Groups<'a>(&'a Db);

impl Db {
    pub fn groups(&self) -> Groups<'_> {
        Groups(self)
    }
}

impl Groups<'_> {
    /// Records that the bot is now in the group (added, or re-added after removal).
    pub async fn joined(
        &self,
        chat_id: ChatId,
        title: &str,
        kind: GroupKind,
        now: DateTime<Utc>,
    ) -> Result<Group, Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "INSERT INTO groups (chat_id, title, kind, active, added_at, updated_at)
             VALUES ($1, $2, $3, TRUE, $4, $4)
             ON CONFLICT (chat_id) DO UPDATE SET title = excluded.title, kind = excluded.kind,
                 active = TRUE, updated_at = excluded.updated_at",
        )
        .bind(chat_id)
        .bind(title)
        .bind(kind.as_str())
        .bind(now)
        .execute(pool)
        .await
        .map(drop)?);
        self.get(chat_id)
            .await?
            .ok_or(Error::Database(sqlx::Error::RowNotFound))
    }

    /// Records that the bot was removed or kicked: the group gets nothing more. The link
    /// is kept so that re-adding the bot restores it.
    pub async fn left(
        &self,
        chat_id: ChatId,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let entry = AuditEntry::new(actor, "group.left", chat_id.to_string());
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let changed = sqlx::query(
                "UPDATE groups SET active = FALSE, updated_at = $2 WHERE chat_id = $1 AND active",
            )
            .bind(chat_id)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed > 0 {
                record!(&mut *tx, &entry, now);
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Records whether the bot may pin messages in the group: from a membership update
    /// (added, promoted, demoted), or from Telegram's answer when it was not known.
    pub async fn set_can_pin(
        &self,
        chat_id: ChatId,
        can_pin: bool,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "UPDATE groups SET can_pin = $2, updated_at = $3 WHERE chat_id = $1"
        )
        .bind(chat_id)
        .bind(can_pin)
        .bind(now)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Keeps the title current (groups are renamed).
    pub async fn retitle(
        &self,
        chat_id: ChatId,
        title: &str,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "UPDATE groups SET title = $2, updated_at = $3 WHERE chat_id = $1"
        )
        .bind(chat_id)
        .bind(title)
        .bind(now)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Links the group to a contact point (replacing no other link: the caller checks).
    pub async fn link(
        &self,
        chat_id: ChatId,
        point_id: i64,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Group, Error> {
        let entry = AuditEntry::new(actor, "group.link", chat_id.to_string())
            .detail(serde_json::json!({ "point_id": point_id }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "UPDATE groups SET point_id = $2, linked_by = $3, linked_at = $4, updated_at = $4
                 WHERE chat_id = $1",
            )
            .bind(chat_id)
            .bind(point_id)
            .bind(actor.id())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        self.get(chat_id)
            .await?
            .ok_or(Error::Database(sqlx::Error::RowNotFound))
    }

    pub async fn unlink(
        &self,
        chat_id: ChatId,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let entry = AuditEntry::new(actor, "group.unlink", chat_id.to_string());
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "UPDATE groups SET point_id = NULL, linked_by = NULL, linked_at = NULL,
                     updated_at = $2 WHERE chat_id = $1",
            )
            .bind(chat_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Moves a group that became a supergroup to its new id, keeping its link, history
    /// and what the bot may do there (its member status carries over). Telegram sends two service messages (one in each chat) in no fixed
    /// order, possibly handled at once; whichever comes second finds the work done.
    pub async fn migrate(
        &self,
        from: ChatId,
        to: ChatId,
        now: DateTime<Utc>,
    ) -> Result<Migration, Error> {
        let entry = AuditEntry::new(Actor::System, "group.migrate", to.to_string())
            .detail(serde_json::json!({ "from": from }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let new_row: Option<i64> =
                sqlx::query_scalar("SELECT chat_id FROM groups WHERE chat_id = $1")
                    .bind(to)
                    .fetch_optional(&mut *tx)
                    .await?;
            if new_row.is_some() {
                // The supergroup is known already (the other service message, or a
                // membership update, came first). Carry over a link it lacks and drop
                // the old row, if it is still there. The bot's rights go with the
                // group; what the supergroup's own membership update said comes first.
                let merged = sqlx::query(
                    "UPDATE groups SET migrated_from = $1,
                         can_pin = COALESCE(can_pin, (SELECT can_pin FROM groups WHERE chat_id = $1)),
                         point_id = COALESCE(point_id, (SELECT point_id FROM groups WHERE chat_id = $1)),
                         linked_by = COALESCE(linked_by, (SELECT linked_by FROM groups WHERE chat_id = $1)),
                         linked_at = COALESCE(linked_at, (SELECT linked_at FROM groups WHERE chat_id = $1))
                     WHERE chat_id = $2 AND EXISTS (SELECT 1 FROM groups WHERE chat_id = $1)",
                )
                .bind(from)
                .bind(to)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if merged == 0 {
                    return Ok(Migration::AlreadyDone);
                }
                sqlx::query("DELETE FROM groups WHERE chat_id = $1")
                    .bind(from)
                    .execute(&mut *tx)
                    .await?;
                record!(&mut *tx, &entry, now);
                tx.commit().await?;
                return Ok(Migration::Moved);
            }
            let moved = sqlx::query(
                "UPDATE groups SET chat_id = $2, kind = 'supergroup', migrated_from = $1,
                     updated_at = $3 WHERE chat_id = $1",
            )
            .bind(from)
            .bind(to)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if moved == 0 {
                return Ok(Migration::Unknown);
            }
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
            Ok(Migration::Moved)
        })
    }

    pub async fn get(&self, chat_id: ChatId) -> Result<Option<Group>, Error> {
        let sql = format!("{SELECT} WHERE g.chat_id = $1");
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .bind(chat_id)
            .fetch_optional(pool)
            .await?))
    }

    /// The groups in `scope` (every group the bot knows for [`Scope::All`], linked or
    /// not), by point and title.
    pub async fn list(&self, scope: Scope) -> Result<Vec<Group>, Error> {
        let sql = format!(
            "{SELECT} WHERE {}
             ORDER BY p.code IS NULL, p.code, g.active DESC, g.title",
            scope.clause("g.point_id", 1)
        );
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .bind(scope.param())
            .fetch_all(pool)
            .await?))
    }
}
