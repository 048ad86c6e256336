//! Outbound mass messages. Handlers never send announcements, reminders or feedback to
//! many chats themselves: they queue a *broadcast* here, one *delivery* per chat, and the
//! broadcast worker sends the deliveries within Telegram's limits.
//!
//! A delivery is unique per (purpose, subject, chat): queueing the same announcement
//! again adds nothing. It moves `queued → sending → sent`, or ends `failed`; a delivery
//! found `sending` after a crash becomes `unknown` — Telegram may have delivered it, so
//! it is reported and never sent again.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, types::Json};

use crate::{
    Db, Error,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    people::Locale,
    replicas::{ReplicaId, pg_alive},
};

/// A message as it will be sent: HTML text, inline buttons, whether to pin it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutMessage {
    pub html: String,
    pub buttons: Vec<Vec<Button>>,
    pub pin: bool,
}

/// An inline button under an [`OutMessage`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Button {
    Url {
        text: String,
        url: String,
    },
    Callback {
        text: String,
        data: String,
    },
    /// A link that opens a private chat with the bot and sends `/start <payload>`:
    /// `https://t.me/<bot>?start=<payload>`, made by the broadcast worker, which knows
    /// the bot's name (the web console, which queues cards too, does not).
    Start {
        text: String,
        payload: String,
    },
}

/// What a caller queues: the deliveries' common key and who follows their progress.
#[derive(Debug, Clone)]
pub struct NewBroadcast<'a> {
    /// What kind of message, e.g. "announce", "reminder", "closing", "withdrawn".
    pub purpose: &'a str,
    /// What it is about, e.g. "c12:v2" or "c12:3d". (purpose, subject, chat) is unique:
    /// queueing the same again adds nothing.
    pub subject: &'a str,
    /// The person who caused it (None: the scheduler or the command line).
    pub created_by: Option<i64>,
    /// Private chat where "已发送 120/450" is shown and edited as it goes.
    pub progress_chat: Option<i64>,
    /// Language of the progress message.
    pub locale: Locale,
}

/// What a broadcast is about, read from its subject. The subject is a key
/// (`c12:v2`, `c12`, `c12:3d`, `c12:feedback`, `c12@…`, `p7`, `d…`) that keeps each
/// delivery unique; a liaison reading /status should see 「C12《…》第 2 稿」 instead, so
/// the key is read here, once, for every place that names what a broadcast was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    /// A consultation; with the draft (第 N 稿) when the subject names one.
    Consultation { id: i64, version: Option<i64> },
    /// A question put to the groups (/prompt).
    Prompt(i64),
    /// Anything else (a day's digests): its purpose and time say what it was.
    Other,
}

impl About {
    pub fn of(subject: &str) -> About {
        /// The number `s` starts with, and what follows it.
        fn number(s: &str) -> Option<(i64, &str)> {
            let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
            Some((s[..end].parse().ok()?, &s[end..]))
        }
        let ends = |rest: &str| rest.is_empty() || rest.starts_with([':', '@']);
        if let Some((id, rest)) = subject.strip_prefix('c').and_then(number)
            && ends(rest)
        {
            let version = rest
                .strip_prefix(":v")
                .and_then(number)
                .filter(|(_, after)| ends(after))
                .map(|(v, _)| v);
            return About::Consultation { id, version };
        }
        match subject.strip_prefix('p').and_then(number) {
            Some((id, rest)) if ends(rest) => About::Prompt(id),
            _ => About::Other,
        }
    }
}

/// Why a delivery failed, read from the reason stored with it (Telegram's own
/// description, or the worker's): the common cases have words in `locales/`
/// (`delivery-failure-*`), so a liaison reads 「对方屏蔽了机器人」 rather than Telegram's
/// English; anything else is shown as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The bot was removed from the group (we stopped sending there).
    Removed,
    /// The person blocked the bot.
    Blocked,
    /// The person's account was deleted.
    Deactivated,
    /// The person never wrote to the bot, so it may not write to them.
    NotStarted,
    /// Telegram knows no such chat.
    ChatNotFound,
    /// The bot may not post in the group.
    NoRights,
    /// The process stopped while sending (the message may have arrived).
    Interrupted,
    /// Telegram kept failing (network, server errors) until the worker gave up.
    GaveUp,
    /// The group became a supergroup, which already had the same message queued.
    Upgraded,
    /// Anything else: the stored text is shown.
    Other,
}

impl Failure {
    pub const ALL: [Failure; 10] = [
        Failure::Removed,
        Failure::Blocked,
        Failure::Deactivated,
        Failure::NotStarted,
        Failure::ChatNotFound,
        Failure::NoRights,
        Failure::Interrupted,
        Failure::GaveUp,
        Failure::Upgraded,
        Failure::Other,
    ];

    pub fn of(reason: &str) -> Failure {
        let r = reason.to_ascii_lowercase();
        if r == "inactive" || r.contains("kicked") || r.contains("not a member") {
            Failure::Removed
        } else if r.contains("blocked by the user") {
            Failure::Blocked
        } else if r.contains("user is deactivated") {
            Failure::Deactivated
        } else if r.contains("can't initiate conversation") {
            Failure::NotStarted
        } else if r.contains("chat not found") {
            Failure::ChatNotFound
        } else if r.contains("not enough rights") || r.contains("have no rights") {
            Failure::NoRights
        } else if r.contains("interrupted while sending") {
            Failure::Interrupted
        } else if r.starts_with("gave up after") {
            Failure::GaveUp
        } else if r.contains("upgraded supergroup") {
            Failure::Upgraded
        } else {
            Failure::Other
        }
    }

    /// The message id of the words for it; [`Failure::Other`]'s takes the stored text.
    pub fn label_id(self) -> &'static str {
        match self {
            Failure::Removed => "delivery-failure-removed",
            Failure::Blocked => "delivery-failure-blocked",
            Failure::Deactivated => "delivery-failure-deactivated",
            Failure::NotStarted => "delivery-failure-not-started",
            Failure::ChatNotFound => "delivery-failure-chat-not-found",
            Failure::NoRights => "delivery-failure-no-rights",
            Failure::Interrupted => "delivery-failure-interrupted",
            Failure::GaveUp => "delivery-failure-gave-up",
            Failure::Upgraded => "delivery-failure-upgraded",
            Failure::Other => "delivery-failure-other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeliveryState {
    Queued,
    Sending,
    Sent,
    Failed,
    Unknown,
}

impl DeliveryState {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Queued => "queued",
            DeliveryState::Sending => "sending",
            DeliveryState::Sent => "sent",
            DeliveryState::Failed => "failed",
            DeliveryState::Unknown => "unknown",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "queued" => DeliveryState::Queued,
            "sending" => DeliveryState::Sending,
            "sent" => DeliveryState::Sent,
            "failed" => DeliveryState::Failed,
            "unknown" => DeliveryState::Unknown,
            _ => return None,
        })
    }
}

/// A delivery ready to be sent, as the worker takes it.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: i64,
    pub broadcast_id: i64,
    pub chat_id: i64,
    pub message: OutMessage,
    /// Failed attempts so far (a `retry_after` is not a failure).
    pub attempts: i32,
}

#[derive(FromRow)]
struct DeliveryRow {
    id: i64,
    broadcast_id: i64,
    chat_id: i64,
    payload: Json<OutMessage>,
    attempts: i32,
}

impl From<DeliveryRow> for Delivery {
    fn from(r: DeliveryRow) -> Self {
        Delivery {
            id: r.id,
            broadcast_id: r.broadcast_id,
            chat_id: r.chat_id,
            message: r.payload.0,
            attempts: r.attempts,
        }
    }
}

/// How many deliveries of a broadcast are in each state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    pub unknown: i64,
}

impl Counts {
    pub fn total(&self) -> i64 {
        self.queued + self.sending + self.sent + self.failed + self.unknown
    }

    /// Nothing left to send.
    pub fn finished(&self) -> bool {
        self.queued == 0 && self.sending == 0
    }

    fn add(&mut self, state: &str, n: i64) {
        match DeliveryState::parse(state) {
            Some(DeliveryState::Queued) => self.queued += n,
            Some(DeliveryState::Sending) => self.sending += n,
            Some(DeliveryState::Sent) => self.sent += n,
            Some(DeliveryState::Failed) => self.failed += n,
            Some(DeliveryState::Unknown) => self.unknown += n,
            None => {}
        }
    }
}

/// A broadcast as the worker needs it for progress messages.
#[derive(Debug, Clone, FromRow)]
pub struct Broadcast {
    pub id: i64,
    pub purpose: String,
    pub subject: String,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub progress_chat: Option<i64>,
    pub progress_message_id: Option<i32>,
    locale: String,
    pub total: i64,
}

impl Broadcast {
    pub fn locale(&self) -> Locale {
        Locale::from_str(&self.locale).unwrap_or_default()
    }
}

/// A chat that did not (or may not) get its message, for /status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemChat {
    pub chat_id: i64,
    /// `Failed` or `Unknown`.
    pub state: DeliveryState,
    pub reason: Option<String>,
}

/// One broadcast with its counts, for /status.
#[derive(Debug, Clone)]
pub struct BroadcastSummary {
    pub id: i64,
    pub purpose: String,
    pub subject: String,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub total: i64,
    pub counts: Counts,
    /// Failed and unknown chats, in delivery order.
    pub problems: Vec<ProblemChat>,
}

/// What the worker learns from an interrupted start.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Interrupted {
    pub id: i64,
    pub broadcast_id: i64,
    pub chat_id: i64,
}

/// Queues `targets` — each a chat and its message — as one broadcast inside an open
/// transaction, so that a step and the messages it causes are stored together. Each
/// delivery is unique per purpose, subject and chat: queuing the same again sends
/// nothing twice. `$by` is who caused it (None for the system). Nothing is stored for
/// no targets.
macro_rules! queue_broadcast {
    ($tx:expr, $purpose:expr, $subject:expr, $targets:expr, $locale:expr, $by:expr, $now:expr) => {{
        let targets: &[(i64, $crate::deliveries::OutMessage)] = $targets;
        if !targets.is_empty() {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO broadcasts (purpose, subject, created_by, created_at, progress_chat, locale, total)
                 VALUES ($1, $2, $3, $4, NULL, $5, $6) RETURNING id",
            )
            .bind($purpose)
            .bind($subject)
            .bind($by)
            .bind($now)
            .bind($crate::people::Locale::tag($locale))
            .bind(targets.len() as i64)
            .fetch_one(&mut *$tx)
            .await?;
            for (chat, message) in targets {
                sqlx::query(
                    "INSERT INTO deliveries (broadcast_id, purpose, subject, chat_id, payload, state,
                         attempts, not_before, created_at)
                     VALUES ($1, $2, $3, $4, $5, 'queued', 0, $6, $6)
                     ON CONFLICT (purpose, subject, chat_id) DO NOTHING",
                )
                .bind(id)
                .bind($purpose)
                .bind($subject)
                .bind(*chat)
                .bind(sqlx::types::Json(message))
                .bind($now)
                .execute(&mut *$tx)
                .await?;
            }
        }
    }};
}
pub(crate) use queue_broadcast;

const BROADCAST_COLUMNS: &str = "id, purpose, subject, created_by, created_at, progress_chat,
    progress_message_id, locale, total";

pub struct Deliveries<'a>(&'a Db);

impl Db {
    pub fn deliveries(&self) -> Deliveries<'_> {
        Deliveries(self)
    }
}

impl Deliveries<'_> {
    /// Queues one delivery per target chat in one transaction; returns the broadcast id
    /// and how many deliveries were new. When none is new, nothing is stored and the id
    /// is that of the latest broadcast with the same purpose and subject.
    pub async fn enqueue(
        &self,
        b: &NewBroadcast<'_>,
        targets: &[(i64, OutMessage)],
        now: DateTime<Utc>,
    ) -> Result<(i64, u64), Error> {
        self.enqueue_audited(b, targets, None, now).await
    }

    /// [`Deliveries::enqueue`], writing `audit` in the same transaction when anything
    /// new is queued (a replayed request leaves no second entry).
    pub async fn enqueue_audited(
        &self,
        b: &NewBroadcast<'_>,
        targets: &[(i64, OutMessage)],
        audit: Option<&AuditEntry>,
        now: DateTime<Utc>,
    ) -> Result<(i64, u64), Error> {
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO broadcasts (purpose, subject, created_by, created_at, progress_chat,
                     locale, total)
                 VALUES ($1, $2, $3, $4, $5, $6, 0) RETURNING id",
            )
            .bind(b.purpose)
            .bind(b.subject)
            .bind(b.created_by)
            .bind(now)
            .bind(b.progress_chat)
            .bind(b.locale.tag())
            .fetch_one(&mut *tx)
            .await?;
            let mut new = 0u64;
            for (chat, message) in targets {
                new += sqlx::query(
                    "INSERT INTO deliveries (broadcast_id, purpose, subject, chat_id, payload,
                         state, attempts, not_before, created_at)
                     VALUES ($1, $2, $3, $4, $5, 'queued', 0, $6, $6)
                     ON CONFLICT (purpose, subject, chat_id) DO NOTHING",
                )
                .bind(id)
                .bind(b.purpose)
                .bind(b.subject)
                .bind(chat)
                .bind(Json(message))
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            if new == 0 {
                let earlier: Option<i64> = sqlx::query_scalar(
                    "SELECT MAX(id) FROM broadcasts WHERE purpose = $1 AND subject = $2 AND id <> $3",
                )
                .bind(b.purpose)
                .bind(b.subject)
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
                if let Some(earlier) = earlier {
                    tx.rollback().await?;
                    return Ok((earlier, 0));
                }
            }
            sqlx::query("UPDATE broadcasts SET total = $2 WHERE id = $1")
                .bind(id)
                .bind(new as i64)
                .execute(&mut *tx)
                .await?;
            if let Some(entry) = audit {
                let entry = entry.clone().detail({
                    let mut d = entry.detail.clone();
                    d["broadcast"] = serde_json::json!(id);
                    d["groups"] = serde_json::json!(new);
                    d
                });
                record!(&mut *tx, &entry, now);
            }
            tx.commit().await?;
            Ok((id, new))
        })
    }

    /// Broadcasts newest first (only those `created_by` this person, if given), with
    /// their counts and the chats that failed or may not have got their message.
    pub async fn broadcasts(
        &self,
        created_by: Option<i64>,
        limit: i64,
    ) -> Result<Vec<BroadcastSummary>, Error> {
        let sql = format!(
            "SELECT {BROADCAST_COLUMNS} FROM broadcasts
             WHERE ($1 IS NULL OR created_by = $1) ORDER BY id DESC LIMIT $2"
        );
        let rows: Vec<Broadcast> = on_pool!(self.0, |pool| sqlx::query_as(&sql)
            .bind(created_by)
            .bind(limit)
            .fetch_all(pool)
            .await?);
        let mut out = Vec::with_capacity(rows.len());
        for b in rows {
            let counts = self.counts(b.id).await?;
            let problems: Vec<(i64, String, Option<String>)> = on_pool!(self.0, |pool| {
                sqlx::query_as(
                    "SELECT chat_id, state, last_error FROM deliveries
                     WHERE broadcast_id = $1 AND state IN ('failed', 'unknown') ORDER BY id",
                )
                .bind(b.id)
                .fetch_all(pool)
                .await?
            });
            out.push(BroadcastSummary {
                id: b.id,
                purpose: b.purpose,
                subject: b.subject,
                created_by: b.created_by,
                created_at: b.created_at,
                total: b.total,
                counts,
                problems: problems
                    .into_iter()
                    .filter_map(|(chat_id, state, reason)| {
                        Some(ProblemChat {
                            chat_id,
                            state: DeliveryState::parse(&state)?,
                            reason,
                        })
                    })
                    .collect(),
            });
        }
        Ok(out)
    }

    pub async fn broadcast(&self, id: i64) -> Result<Option<Broadcast>, Error> {
        let sql = format!("SELECT {BROADCAST_COLUMNS} FROM broadcasts WHERE id = $1");
        on_pool!(self.0, |pool| Ok(sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?))
    }

    pub async fn counts(&self, broadcast_id: i64) -> Result<Counts, Error> {
        let rows: Vec<(String, i64)> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT state, COUNT(*) FROM deliveries WHERE broadcast_id = $1 GROUP BY state"
        )
        .bind(broadcast_id)
        .fetch_all(pool)
        .await?);
        let mut counts = Counts::default();
        for (state, n) in rows {
            counts.add(&state, n);
        }
        Ok(counts)
    }

    /// The state of one chat's delivery of (purpose, subject), for tests and operators.
    pub async fn state_of(
        &self,
        purpose: &str,
        subject: &str,
        chat_id: i64,
    ) -> Result<Option<(DeliveryState, Option<String>)>, Error> {
        let row: Option<(String, Option<String>)> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT state, last_error FROM deliveries
             WHERE purpose = $1 AND subject = $2 AND chat_id = $3"
        )
        .bind(purpose)
        .bind(subject)
        .bind(chat_id)
        .fetch_optional(pool)
        .await?);
        Ok(row.and_then(|(s, e)| Some((DeliveryState::parse(&s)?, e))))
    }

    // ------------------------------------------------------------------ the worker's side

    /// A delivery still `sending` whose sender died was interrupted mid-send and may or
    /// may not have arrived: it becomes `unknown` (reported, never resent). Checked when
    /// a replica starts sending and periodically after, since the sender may die while
    /// others run on. Deliveries a live replica is sending (a leader that just stepped
    /// down finishing its sends in flight) are left alone; `me` is alive by definition.
    /// See [`crate::replicas`] for who counts as alive.
    pub async fn mark_interrupted(
        &self,
        now: DateTime<Utc>,
        me: ReplicaId,
    ) -> Result<Vec<Interrupted>, Error> {
        Ok(match self.0.counted() {
            Db::Postgres(pool) => {
                sqlx::query_as(&format!(
                    "UPDATE deliveries SET state = 'unknown', sent_at = $1,
                         last_error = 'interrupted while sending'
                     WHERE state = 'sending' AND owner IS DISTINCT FROM $2 AND NOT {}
                     RETURNING id, broadcast_id, chat_id",
                    pg_alive("deliveries.owner")
                ))
                .bind(now)
                .bind(me)
                .fetch_all(pool)
                .await?
            }
            // One process per database file: whoever else was sending is gone.
            Db::Sqlite(pool) => {
                sqlx::query_as(
                    "UPDATE deliveries SET state = 'unknown', sent_at = $1,
                         last_error = 'interrupted while sending'
                     WHERE state = 'sending' AND owner IS NOT $2
                     RETURNING id, broadcast_id, chat_id",
                )
                .bind(now)
                .bind(me)
                .fetch_all(pool)
                .await?
            }
        })
    }

    /// Due deliveries, at most one per chat (each chat's oldest), oldest first.
    pub async fn due(&self, now: DateTime<Utc>, limit: i64) -> Result<Vec<Delivery>, Error> {
        let rows: Vec<DeliveryRow> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT d.id, d.broadcast_id, d.chat_id, d.payload, d.attempts FROM deliveries d
             WHERE d.state = 'queued' AND d.not_before <= $1
               AND d.id = (SELECT MIN(e.id) FROM deliveries e
                           WHERE e.chat_id = d.chat_id AND e.state = 'queued'
                             AND e.not_before <= $1)
             ORDER BY d.id LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(pool)
        .await?);
        Ok(rows.into_iter().map(Delivery::from).collect())
    }

    /// When the next queued delivery that is not yet due becomes due.
    pub async fn next_due(&self, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_scalar(
            "SELECT MIN(not_before) FROM deliveries WHERE state = 'queued' AND not_before > $1",
        )
        .bind(now)
        .fetch_one(pool)
        .await?))
    }

    /// Claims a delivery for sending (committed before the message goes out). False when
    /// it is no longer queued.
    /// `owner` is the sending replica, so that its death can be told apart from a send
    /// still in flight.
    pub async fn start(&self, id: i64, owner: ReplicaId) -> Result<bool, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query(
            "UPDATE deliveries SET state = 'sending', owner = $2
             WHERE id = $1 AND state = 'queued'"
        )
        .bind(id)
        .bind(owner)
        .execute(pool)
        .await?
        .rows_affected()
            == 1))
    }

    pub async fn sent(&self, id: i64, message_id: i32, now: DateTime<Utc>) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "UPDATE deliveries SET state = 'sent', message_id = $2, sent_at = $3,
                 last_error = NULL WHERE id = $1"
        )
        .bind(id)
        .bind(message_id)
        .bind(now)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Gives up on a delivery (queued or sending) for good.
    pub async fn failed(&self, id: i64, reason: &str, now: DateTime<Utc>) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "UPDATE deliveries SET state = 'failed', last_error = $2, sent_at = $3
             WHERE id = $1 AND state IN ('queued', 'sending')"
        )
        .bind(id)
        .bind(reason)
        .bind(now)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Puts a delivery whose send failed back in the queue, counting the attempt.
    pub async fn retry(
        &self,
        id: i64,
        not_before: DateTime<Utc>,
        error: &str,
    ) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "UPDATE deliveries SET state = 'queued', attempts = attempts + 1, not_before = $2,
                 last_error = $3 WHERE id = $1"
        )
        .bind(id)
        .bind(not_before)
        .bind(error)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Telegram asked us to wait for a chat: the delivery goes back to the queue (not
    /// counted as an attempt) and every queued delivery of that chat waits until `until`.
    pub async fn wait_for_chat(
        &self,
        id: Option<i64>,
        chat_id: i64,
        until: DateTime<Utc>,
        reason: &str,
    ) -> Result<(), Error> {
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            if let Some(id) = id {
                sqlx::query(
                    "UPDATE deliveries SET state = 'queued', last_error = $2
                     WHERE id = $1 AND state = 'sending'",
                )
                .bind(id)
                .bind(reason)
                .execute(&mut *tx)
                .await?;
            }
            sqlx::query(
                "UPDATE deliveries SET not_before = $2
                 WHERE chat_id = $1 AND state = 'queued' AND not_before < $2",
            )
            .bind(chat_id)
            .bind(until)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// A group became a supergroup: its deliveries move to the new id (the one being
    /// sent goes back to the queue). A delivery the new id already has is not sent twice:
    /// the old one, if still pending, fails as a duplicate. Returns how many moved.
    pub async fn rekey(&self, from: i64, to: i64, now: DateTime<Utc>) -> Result<u64, Error> {
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "UPDATE deliveries SET state = 'queued' WHERE chat_id = $1 AND state = 'sending'",
            )
            .bind(from)
            .execute(&mut *tx)
            .await?;
            let moved = sqlx::query(
                "UPDATE deliveries SET chat_id = $2
                 WHERE chat_id = $1 AND NOT EXISTS (SELECT 1 FROM deliveries n
                     WHERE n.purpose = deliveries.purpose AND n.subject = deliveries.subject
                       AND n.chat_id = $2)",
            )
            .bind(from)
            .bind(to)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            sqlx::query(
                "UPDATE deliveries SET state = 'failed', sent_at = $2,
                     last_error = 'already queued for the upgraded supergroup'
                 WHERE chat_id = $1 AND state = 'queued'",
            )
            .bind(from)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(moved)
        })
    }

    /// Remembers the progress message, so that a restart edits the same one.
    pub async fn set_progress_message(
        &self,
        broadcast_id: i64,
        message_id: i32,
    ) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "UPDATE broadcasts SET progress_message_id = $2 WHERE id = $1"
        )
        .bind(broadcast_id)
        .bind(message_id)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Broadcasts with a progress chat that still have deliveries to send, so that their
    /// progress resumes after a restart.
    pub async fn unfinished_with_progress(&self) -> Result<Vec<i64>, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_scalar(
            "SELECT b.id FROM broadcasts b WHERE b.progress_chat IS NOT NULL
               AND EXISTS (SELECT 1 FROM deliveries d
                           WHERE d.broadcast_id = b.id AND d.state IN ('queued', 'sending'))
             ORDER BY b.id",
        )
        .fetch_all(pool)
        .await?))
    }
}

#[cfg(test)]
mod about_tests {
    use super::About;

    #[test]
    fn subjects_are_read_as_what_they_are_about() {
        let c = |id, version| About::Consultation { id, version };
        for (subject, about) in [
            ("c12:v2", c(12, Some(2))),
            ("c12:v2:again:5:77", c(12, Some(2))),
            ("c12", c(12, None)),
            ("c12:3d", c(12, None)),
            ("c12:feedback", c(12, None)),
            ("c12@1790000000", c(12, None)),
            ("p7", About::Prompt(7)),
            ("d2026-11-24", About::Other),
            ("cx", About::Other),
            ("c", About::Other),
            ("c12x", About::Other),
            ("c99999999999999999999", About::Other),
        ] {
            assert_eq!(About::of(subject), about, "{subject}");
        }
    }
}

#[cfg(test)]
mod failure_tests {
    use super::Failure;

    #[test]
    fn stored_reasons_are_read_as_their_failure() {
        for (reason, failure) in [
            ("inactive", Failure::Removed),
            (
                "Forbidden: bot was kicked from the group chat",
                Failure::Removed,
            ),
            (
                "Forbidden: bot is not a member of the supergroup chat",
                Failure::Removed,
            ),
            ("Forbidden: bot was blocked by the user", Failure::Blocked),
            ("Forbidden: user is deactivated", Failure::Deactivated),
            (
                "Forbidden: bot can't initiate conversation with a user",
                Failure::NotStarted,
            ),
            ("Bad Request: chat not found", Failure::ChatNotFound),
            (
                "Bad Request: not enough rights to send text messages to the chat",
                Failure::NoRights,
            ),
            ("interrupted while sending", Failure::Interrupted),
            ("gave up after 8 attempts: network error", Failure::GaveUp),
            (
                "already queued for the upgraded supergroup",
                Failure::Upgraded,
            ),
            ("Bad Request: message is too long", Failure::Other),
        ] {
            assert_eq!(Failure::of(reason), failure, "{reason}");
        }
    }
}
