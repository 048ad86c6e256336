//! The inbox: every update from Telegram is stored here before it is acknowledged, and
//! handled from here, so an update survives a crash between arrival and handling.
//!
//! Rows of one chat are handled strictly in order; rows of different chats in
//! parallel. Handled rows lose their payload at once (it may hold personal data) and
//! are purged after the retention window, which is also how long a repeated
//! `update_id` is recognised as a duplicate.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use crate::{
    Db, Error,
    db::{WritePool, on_pool},
    replicas::{ReplicaId, pg_alive},
};

/// An update as received, before anyone tried to understand it.
#[derive(Debug, Clone)]
pub struct RawUpdate {
    pub update_id: i64,
    /// The chat whose order this update must keep (0 when it belongs to none).
    pub chat_key: i64,
    pub payload: String,
}

impl RawUpdate {
    /// Reads the update id and ordering key from Telegram's JSON without parsing the
    /// rest, so that an update no parser understands is still stored and reported.
    pub fn from_json(value: &serde_json::Value) -> Option<Self> {
        let update_id = value.get("update_id")?.as_i64()?;
        let body = value
            .as_object()?
            .iter()
            .find(|(k, _)| k.as_str() != "update_id")
            .map(|(_, v)| v);
        let chat_key = body.and_then(chat_key_of).unwrap_or(0);
        Some(Self {
            update_id,
            chat_key,
            payload: value.to_string(),
        })
    }
}

impl RawUpdate {
    /// Reads one update from its JSON text, leniently: only the `update_id` and the
    /// chat that orders it are decoded, the rest is skipped and the text is stored as
    /// it came — the dispatcher parses it once, when it handles it (building a JSON tree
    /// here and printing it again cost every update a second full parse). An update no
    /// JSON value can hold (nested deeper than serde_json's 128 levels, a lone `\ud800`
    /// escape) is still stored if its `update_id` can be found — the dispatcher then
    /// marks it `unparsable` and intake moves past it, instead of every later update
    /// waiting behind one that never decodes. None when there is no `update_id` at all.
    pub fn from_text(text: &str) -> Option<Self> {
        if let Ok(head) = serde_json::from_str::<head::Head>(text) {
            return Some(Self {
                update_id: head.update_id,
                chat_key: head.chat_key.unwrap_or(0),
                payload: text.to_owned(),
            });
        }
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
            return Self::from_json(&value);
        }
        /// Only the id; serde skips the other fields without depth limit or checks.
        #[derive(serde::Deserialize)]
        struct IdOnly {
            update_id: i64,
        }
        let head: IdOnly = serde_json::from_str(text).ok()?;
        Some(Self {
            update_id: head.update_id,
            chat_key: 0,
            payload: text.to_owned(),
        })
    }
}

/// Decodes an update's id and ordering chat and skips everything else, without
/// building a tree of the update.
mod head {
    use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

    pub(super) struct Head {
        pub update_id: i64,
        pub chat_key: Option<i64>,
    }

    #[derive(serde::Deserialize)]
    struct Id {
        id: i64,
    }

    #[derive(serde::Deserialize)]
    struct Inner {
        chat: Option<Id>,
    }

    /// The update's one body (message, callback_query, …): the same places, in the same
    /// order, as [`super::chat_key_of`] looks.
    #[derive(serde::Deserialize)]
    struct Body {
        chat: Option<Id>,
        message: Option<Inner>,
        from: Option<Id>,
        user: Option<Id>,
        voter_chat: Option<Id>,
    }

    impl Body {
        fn chat_key(self) -> Option<i64> {
            self.chat
                .or(self.message.and_then(|m| m.chat))
                .or(self.from)
                .or(self.user)
                .or(self.voter_chat)
                .map(|c| c.id)
        }
    }

    impl<'de> Deserialize<'de> for Head {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Head;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a Telegram update")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Head, A::Error> {
                    let mut update_id = None;
                    let mut chat_key = None;
                    let mut body_seen = false;
                    while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                        if key == "update_id" {
                            update_id = Some(map.next_value::<i64>()?);
                        } else if !body_seen {
                            body_seen = true;
                            chat_key = map.next_value::<Body>()?.chat_key();
                        } else {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                    let update_id =
                        update_id.ok_or_else(|| serde::de::Error::missing_field("update_id"))?;
                    Ok(Head {
                        update_id,
                        chat_key,
                    })
                }
            }
            d.deserialize_map(V)
        }
    }
}

/// The chat an update belongs to; for updates without a chat (inline queries, polls
/// answers) the user's own id keeps that person's updates in order.
fn chat_key_of(body: &serde_json::Value) -> Option<i64> {
    let id = |v: Option<&serde_json::Value>| v.and_then(|v| v.get("id")).and_then(|v| v.as_i64());
    id(body.get("chat"))
        .or_else(|| id(body.get("message").and_then(|m| m.get("chat"))))
        .or_else(|| id(body.get("from")))
        .or_else(|| id(body.get("user")))
        .or_else(|| id(body.get("voter_chat")))
}

#[derive(Debug, Clone, FromRow)]
pub struct InboxRow {
    pub id: i64,
    pub update_id: i64,
    pub chat_key: i64,
    pub payload: Option<String>,
    pub attempts: i32,
}

/// How handling one row ended.
#[derive(Debug, Clone)]
pub enum Outcome {
    Handled,
    /// Telegram sent something our parser does not understand; kept for inspection.
    Unparsable(String),
    /// A handler failed in a way retrying would not fix; the person was told.
    Failed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InboxCounts {
    pub pending: i64,
    pub handling: i64,
    pub handled: i64,
    pub unparsable: i64,
    pub failed: i64,
}

pub struct Inbox<'a>(&'a Db);

impl Db {
    pub fn inbox(&self) -> Inbox<'_> {
        Inbox(self)
    }
}

impl Inbox<'_> {
    /// Stores updates in one transaction; a repeated `update_id` is ignored. Returns how
    /// many were new.
    pub async fn store(&self, updates: &[RawUpdate], now: DateTime<Utc>) -> Result<u64, Error> {
        const INSERT: &str =
            "INSERT INTO inbox (update_id, chat_key, payload, state, received_at, attempts)
             VALUES ($1, $2, $3, 'pending', $4, 0)
             ON CONFLICT (update_id) DO NOTHING";
        on_pool!(self.0, |pool| {
            let insert = |u: &RawUpdate| {
                sqlx::query(INSERT)
                    .bind(u.update_id)
                    .bind(u.chat_key)
                    .bind(u.payload.clone())
                    .bind(now)
            };
            match updates {
                [] => Ok(0),
                // One update (a webhook call) is one statement, atomic on its own; a
                // transaction would only add two round trips.
                [u] => Ok(insert(u).execute(pool).await?.rows_affected()),
                _ => {
                    let mut tx = pool.begin_write().await?;
                    let mut inserted = 0;
                    for u in updates {
                        inserted += insert(u).execute(&mut *tx).await?.rows_affected();
                    }
                    tx.commit().await?;
                    Ok(inserted)
                }
            }
        })
    }

    /// Chats with pending rows, the chat with the oldest waiting row first.
    pub async fn pending_chats(&self, limit: i64) -> Result<Vec<i64>, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_scalar(
            "SELECT chat_key FROM inbox WHERE state = 'pending'
             GROUP BY chat_key ORDER BY MIN(id) LIMIT $1",
        )
        .bind(limit)
        .fetch_all(pool)
        .await?))
    }

    /// Claims the oldest pending row of a chat for replica `owner`, unless a row of that
    /// chat is already being handled — by this replica or any other — which keeps the
    /// chat's order: one update of a chat at a time, in order, across all replicas.
    ///
    /// The check and the claim are one statement, so on SQLite (writers serialised) it is
    /// one atomic step and one round trip, paid on every update. PostgreSQL's READ
    /// COMMITTED is not enough: two replicas could both see no row `handling`, one claims
    /// update 1 and commits, and the other's statement (a fresh snapshot after waiting on
    /// the row) then takes update 2 while update 1 is still being handled. So there the
    /// statement runs in a transaction that first takes a transaction-level advisory lock
    /// on the chat id (`pg_advisory_xact_lock`, one-key space): claims of one chat queue
    /// behind each other for the few milliseconds a claim takes, and each sees the
    /// previous one's result. Claims of different chats never wait for each other, and
    /// the lock goes with the transaction, so a dying replica cannot keep it.
    pub async fn claim_next(
        &self,
        chat_key: i64,
        owner: ReplicaId,
    ) -> Result<Option<InboxRow>, Error> {
        const CLAIM: &str =
            "UPDATE inbox SET state = 'handling', attempts = attempts + 1, owner = $2
             WHERE id = (SELECT id FROM inbox
                     WHERE chat_key = $1 AND state = 'pending' ORDER BY id LIMIT 1)
               AND NOT EXISTS (SELECT 1 FROM inbox WHERE chat_key = $1 AND state = 'handling')
             RETURNING id, update_id, chat_key, payload, attempts";
        match self.0.counted() {
            Db::Sqlite(pool) => Ok(sqlx::query_as(CLAIM)
                .bind(chat_key)
                .bind(owner)
                .fetch_optional(pool)
                .await?),
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(chat_key)
                    .execute(&mut *tx)
                    .await?;
                let row = sqlx::query_as(CLAIM)
                    .bind(chat_key)
                    .bind(owner)
                    .fetch_optional(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(row)
            }
        }
    }

    /// Records how a row ended and redacts its payload, except for unparsable rows,
    /// which are kept until purged so an operator can see what Telegram sent.
    /// Only the row's owner may finish it: a replica declared dead (its work put back
    /// and perhaps claimed by another) must not overwrite the new owner's state.
    pub async fn finish(
        &self,
        id: i64,
        owner: ReplicaId,
        outcome: &Outcome,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let (state, error) = match outcome {
            Outcome::Handled => ("handled", None),
            Outcome::Unparsable(e) => ("unparsable", Some(e.as_str())),
            Outcome::Failed(e) => ("failed", Some(e.as_str())),
        };
        let keep_payload = matches!(outcome, Outcome::Unparsable(_));
        on_pool!(self.0, |pool| sqlx::query(
            "UPDATE inbox SET state = $2, error = $3, handled_at = $4,
                 payload = CASE WHEN $5 THEN payload ELSE NULL END
             WHERE id = $1 AND owner = $6",
        )
        .bind(id)
        .bind(state)
        .bind(error)
        .bind(now)
        .bind(keep_payload)
        .bind(owner)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Gives a claimed row back to the queue, to be tried again.
    pub async fn release(&self, id: i64, owner: ReplicaId) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "UPDATE inbox SET state = 'pending', owner = NULL
             WHERE id = $1 AND state = 'handling' AND owner = $2"
        )
        .bind(id)
        .bind(owner)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Notes why a row being handled is waiting (Telegram's `429 retry_after` on its
    /// reply), for operators and tests; [`Inbox::finish`] replaces the note.
    pub async fn note(&self, id: i64, owner: ReplicaId, note: &str) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "UPDATE inbox SET error = $3 WHERE id = $1 AND state = 'handling' AND owner = $2"
        )
        .bind(id)
        .bind(owner)
        .bind(note)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Puts rows whose handling replica died back in the queue: at start, and
    /// periodically, since a replica may die while the others run on. Their handlers are
    /// idempotent, so handling them again is safe; not handling them would lose a
    /// person's message. Rows a live replica is handling are left alone (see
    /// [`crate::replicas`] for who counts as alive); `me` is alive by definition.
    pub async fn requeue_orphaned(&self, me: ReplicaId) -> Result<u64, Error> {
        Ok(match self.0.counted() {
            Db::Postgres(pool) => sqlx::query(&format!(
                "UPDATE inbox SET state = 'pending', owner = NULL
                 WHERE state = 'handling' AND owner IS DISTINCT FROM $1
                   AND NOT {}",
                pg_alive("inbox.owner")
            ))
            .bind(me)
            .execute(pool)
            .await?
            .rows_affected(),
            // One process per database file: whoever else owned a row is gone.
            Db::Sqlite(pool) => sqlx::query(
                "UPDATE inbox SET state = 'pending', owner = NULL
                 WHERE state = 'handling' AND owner IS NOT $1",
            )
            .bind(me)
            .execute(pool)
            .await?
            .rows_affected(),
        })
    }

    /// Deletes finished rows received before `cutoff`.
    pub async fn purge(&self, cutoff: DateTime<Utc>) -> Result<u64, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query(
            "DELETE FROM inbox WHERE state IN ('handled', 'unparsable', 'failed')
             AND received_at < $1",
        )
        .bind(cutoff)
        .execute(pool)
        .await?
        .rows_affected()))
    }

    pub async fn counts(&self) -> Result<InboxCounts, Error> {
        let rows: Vec<(String, i64)> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT state, COUNT(*) FROM inbox GROUP BY state"
        )
        .fetch_all(pool)
        .await?);
        let mut counts = InboxCounts::default();
        for (state, n) in rows {
            match state.as_str() {
                "pending" => counts.pending = n,
                "handling" => counts.handling = n,
                "handled" => counts.handled = n,
                "unparsable" => counts.unparsable = n,
                "failed" => counts.failed = n,
                _ => {}
            }
        }
        Ok(counts)
    }

    /// A row's state and its error or note, by update id, for tests and operators.
    pub async fn note_of(&self, update_id: i64) -> Result<Option<(String, Option<String>)>, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_as(
            "SELECT state, error FROM inbox WHERE update_id = $1"
        )
        .bind(update_id)
        .fetch_optional(pool)
        .await?))
    }

    /// One row by update id, for tests and operators.
    pub async fn by_update_id(
        &self,
        update_id: i64,
    ) -> Result<Option<(String, Option<String>)>, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_as(
            "SELECT state, payload FROM inbox WHERE update_id = $1"
        )
        .bind(update_id)
        .fetch_optional(pool)
        .await?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_no_json_value_can_hold_is_kept_as_text_with_its_id() {
        let lone = r#"{"update_id": 7, "message": {"chat": {"id": 1}, "text": "\ud800"}}"#;
        let deep = format!(
            r#"{{"update_id": 8, "message": {{"x": {}1{}}}}}"#,
            "[".repeat(200),
            "]".repeat(200)
        );
        // The lone escape sits in a field that is only skipped, so its chat is still
        // found and the update keeps its place in that chat's order.
        for (text, id, chat) in [(lone, 7, 1), (deep.as_str(), 8, 0)] {
            assert!(serde_json::from_str::<serde_json::Value>(text).is_err());
            let raw = RawUpdate::from_text(text).expect("stored");
            assert_eq!((raw.update_id, raw.chat_key), (id, chat));
            assert_eq!(raw.payload, text);
        }
        let fine = RawUpdate::from_text(r#"{"update_id": 9, "message": {"chat": {"id": 42}}}"#);
        assert_eq!(fine.map(|u| (u.update_id, u.chat_key)), Some((9, 42)));
        assert!(RawUpdate::from_text(r#"{"message": {}}"#).is_none());
        assert!(RawUpdate::from_text("[").is_none());
    }

    /// Intake reads only the id and the chat; it must find the same chat the full JSON
    /// tree would, for every kind of update, and store the text exactly as received.
    #[test]
    fn the_head_alone_finds_the_chat_the_whole_update_would() {
        let kinds = [
            r#"{"update_id": 1, "message": {"message_id": 3, "from": {"id": 9}, "chat": {"id": -100}, "text": "hi"}}"#,
            r#"{"update_id": 2, "callback_query": {"id": "x", "from": {"id": 9}, "message": {"message_id": 3, "chat": {"id": 77}}, "data": "d"}}"#,
            r#"{"update_id": 3, "callback_query": {"id": "x", "from": {"id": 9}, "data": "d"}}"#,
            r#"{"update_id": 4, "inline_query": {"id": "q", "from": {"id": 55}, "query": "养犬"}}"#,
            r#"{"update_id": 5, "my_chat_member": {"chat": {"id": -5}, "from": {"id": 1}, "new_chat_member": {"user": {"id": 2}}}}"#,
            r#"{"update_id": 6, "poll_answer": {"poll_id": "p", "user": {"id": 66}, "option_ids": []}}"#,
            r#"{"update_id": 7, "poll_answer": {"poll_id": "p", "voter_chat": {"id": -7}, "option_ids": []}}"#,
            r#"{"update_id": 8, "something_new": {"nested": {"chat": {"id": 1}}}}"#,
        ];
        for text in kinds {
            let value: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
            let tree = RawUpdate::from_json(&value).expect("an id");
            let head = RawUpdate::from_text(text).expect("an id");
            assert_eq!(
                (head.update_id, head.chat_key),
                (tree.update_id, tree.chat_key),
                "{text}"
            );
            assert_eq!(head.payload, text);
        }
        // A body that is not an object is still stored, by the slower way, with its id.
        let odd = RawUpdate::from_text(r#"{"update_id": 9, "something_new": 12}"#);
        assert_eq!(odd.map(|u| (u.update_id, u.chat_key)), Some((9, 0)));
    }
}
