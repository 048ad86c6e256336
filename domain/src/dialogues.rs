//! Where a private conversation stands (e.g. halfway through entering a draft), kept
//! in the database so it survives restarts. One dialogue per private chat; the state
//! is the feature's own serialisable type.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::types::Json;

use crate::{Db, Error, db::on_pool};

pub struct Dialogues<'a>(&'a Db);

impl Db {
    pub fn dialogues(&self) -> Dialogues<'_> {
        Dialogues(self)
    }
}

/// The dialogue a chat is in, whatever its kind, as stored: the conversation reads
/// the state as the kind says. Read with the person's profile
/// ([`crate::people::People::profile`]), so that an update finds out who is talking
/// and where their dialogue stands in one statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Current {
    pub kind: String,
    pub state: serde_json::Value,
    /// The last update applied, so a replayed update is not applied twice.
    pub last_update_id: Option<i64>,
    pub updated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct CurrentRow {
    kind: String,
    state: Json<serde_json::Value>,
    last_update_id: Option<i64>,
    updated_at: DateTime<Utc>,
}

impl Dialogues<'_> {
    /// The chat's dialogue as stored, whatever its kind.
    pub async fn current(&self, chat: i64) -> Result<Option<Current>, Error> {
        let row: Option<CurrentRow> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT kind, state, last_update_id, updated_at FROM dialogues WHERE chat_id = $1"
        )
        .bind(chat)
        .fetch_optional(pool)
        .await?);
        Ok(row.map(|r| Current {
            kind: r.kind,
            state: r.state.0,
            last_update_id: r.last_update_id,
            updated_at: r.updated_at,
        }))
    }

    /// The kind of dialogue a chat is in, if any.
    pub async fn kind(&self, chat: i64) -> Result<Option<String>, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_scalar(
            "SELECT kind FROM dialogues WHERE chat_id = $1"
        )
        .bind(chat)
        .fetch_optional(pool)
        .await?))
    }

    /// Clears every dialogue untouched since `before` (whatever its kind), returning
    /// the chats and kinds. Only rows still stale are cleared, so a person answering at
    /// that very moment keeps their dialogue.
    pub async fn expire(&self, before: DateTime<Utc>) -> Result<Vec<(i64, String)>, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_as(
            "DELETE FROM dialogues WHERE updated_at <= $1 RETURNING chat_id, kind"
        )
        .bind(before)
        .fetch_all(pool)
        .await?))
    }

    /// When the oldest dialogue was last touched.
    pub async fn oldest(&self) -> Result<Option<DateTime<Utc>>, Error> {
        let oldest: Option<Option<DateTime<Utc>>> = on_pool!(self.0, |pool| sqlx::query_scalar(
            "SELECT MIN(updated_at) FROM dialogues"
        )
        .fetch_optional(pool)
        .await?);
        Ok(oldest.flatten())
    }

    /// The last update applied to the chat's dialogue, whatever its kind.
    pub async fn last_update(&self, chat: i64) -> Result<Option<i64>, Error> {
        let last: Option<Option<i64>> = on_pool!(self.0, |pool| sqlx::query_scalar(
            "SELECT last_update_id FROM dialogues WHERE chat_id = $1"
        )
        .bind(chat)
        .fetch_optional(pool)
        .await?);
        Ok(last.flatten())
    }

    pub async fn put<T: Serialize + Sync>(
        &self,
        chat: i64,
        kind: &str,
        state: &T,
        update_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        on_pool!(self.0, |pool| {
            sqlx::query(
            "INSERT INTO dialogues (chat_id, kind, state, last_update_id, updated_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (chat_id) DO UPDATE SET kind = excluded.kind, state = excluded.state,
                 last_update_id = excluded.last_update_id, updated_at = excluded.updated_at"
        )
        .bind(chat)
        .bind(kind)
        .bind(Json(state))
        .bind(update_id)
        .bind(now)
        .execute(pool)
        .await
        .map(drop)?
        });
        Ok(())
    }

    pub async fn clear(&self, chat: i64) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "DELETE FROM dialogues WHERE chat_id = $1"
        )
        .bind(chat)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }
}
