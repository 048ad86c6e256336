//! The broadcast worker: sends queued deliveries within Telegram's limits.
//!
//! - **Limits.** A global rate (messages per second, all chats together) paced on real
//!   time, because it is a sub-second rhythm; and a per-chat rate (messages per minute)
//!   on the injected clock. A chat out of budget, or told by Telegram to wait
//!   (`retry_after`), waits alone: its deliveries get a later `not_before` and the other
//!   chats go on. One delivery per chat is in flight at a time, many chats at once.
//! - **States.** `queued → sending` is committed before the message goes out; `sent`
//!   records the message id and the sending replica. A delivery still `sending` when
//!   its replica died (this process's last run, or a leader this one took over from)
//!   was interrupted: it becomes `unknown` and is reported, never resent (Telegram may
//!   have delivered it). Only the leader replica runs this worker, so the limits are
//!   global across replicas (see [`crate::leader`]).
//! - **Errors**, classified from teloxide's `RequestError`: `RetryAfter` → wait for
//!   that chat; `MigrateToChatId` → re-key the group and retry at once; an API error
//!   whose description starts with `Forbidden:` → deactivate the group, fail the
//!   delivery; `Bad Request:` → fail (sending the same again cannot succeed); network,
//!   invalid JSON, 5xx and the rest → back off on the injected clock, and give up after
//!   [`MAX_ATTEMPTS`].
//! - **Progress.** A broadcast with a progress chat gets one message there, edited as
//!   its deliveries complete: when a second of the injected clock has passed or after
//!   [`PROGRESS_EVERY`] completions (a second's worth at the global rate, if more), and
//!   always at the end. Its sends and edits take their share of the global rate. A
//!   write Telegram answers with `retry_after` is made again after the wait, on the
//!   injected clock: the last one, 「发送完毕」, must not be lost.
//! - **Pins.** A card marked to be pinned is pinned only where the bot may pin (see
//!   `pin`): most resident groups have it as a plain member, and asking there only
//!   earns a refusal per group.

use std::{
    collections::{HashMap, HashSet, VecDeque},
    sync::{Arc, Mutex},
    time::Duration,
};

use chrono::{DateTime, Utc};
use consult_domain::{
    Actor, Db,
    deliveries::{Broadcast, Button, Counts, Delivery, OutMessage},
    groups::Migration,
    replicas::ReplicaId,
};
use consult_handlers::{Deps, i18n::fl};
use teloxide::{
    ApiError, RequestError,
    prelude::*,
    types::{ChatId, InlineKeyboardButton, InlineKeyboardMarkup, Me, MessageId, ParseMode, UserId},
};
use tokio::{
    sync::{Notify, mpsc},
    task::JoinSet,
    time::Instant,
};
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use self::{
    errors::{Failure, api_text},
    limits::{ChatBudget, SharedPace},
};

mod errors;
mod limits;

pub use errors::{MAX_ATTEMPTS, backoff};
pub use limits::{Limits, Pace};

/// The progress message is edited after this many completions even when the clock has
/// not moved a second (or after a second's worth at the global rate, if more), so that
/// its edits take only a small share of the global budget.
pub const PROGRESS_EVERY: u32 = 20;
/// Deliveries being sent at once (each to a different chat).
const MAX_IN_FLIGHT: usize = 32;
/// Due deliveries read from the database at once.
const BATCH: i64 = 256;
/// How often the queue is looked at without being woken (deliveries queued by another
/// process, or by tests that write them directly).
const RESCAN: Duration = Duration::from_millis(500);
/// How often deliveries left `sending` by a replica that died are looked for: the
/// leader may have taken over from it, or it may die while this one leads.
const REAP_EVERY: Duration = Duration::from_secs(2);

// ---------------------------------------------------------------------------- the worker

pub struct BroadcastWorker {
    shared: Arc<Shared>,
    wake: Arc<Notify>,
    limits: Limits,
    /// The replica sending, named on each delivery it starts (only the leader sends).
    owner: ReplicaId,
}

struct Shared {
    bot: Bot,
    /// The bot's own user id, to ask Telegram what it may do in a group.
    bot_id: UserId,
    /// The bot's username, for the `t.me` links of [`Button::Start`].
    username: String,
    deps: Deps,
    metrics: Arc<crate::metrics::Metrics>,
}

impl Shared {
    /// Telegram answered a request made at `asked_at` with `429 retry_after`: counts
    /// it, and says when the chat may be written to again.
    fn told_to_wait(
        &self,
        asked_at: DateTime<Utc>,
        secs: teloxide::types::Seconds,
    ) -> DateTime<Utc> {
        self.metrics
            .rate_limited(crate::metrics::RateLimitedPath::Broadcast);
        asked_at + secs.chrono_duration()
    }
}

/// How one delivery ended, as the main loop needs to know.
#[derive(Debug)]
enum Outcome {
    /// Sent, failed for good, or waiting in the queue: its broadcast's progress moves.
    Done,
    /// The chat became a supergroup; its deliveries were re-keyed and are due now.
    Migrated,
    /// Nothing happened (no longer queued, or the database was unavailable).
    Nothing,
}

struct Finished {
    chat: i64,
    broadcast_id: i64,
    outcome: Outcome,
}

impl BroadcastWorker {
    /// `wake` is the `Deps::wake_broadcast` that handlers notify after queueing;
    /// `me` is who the bot is (`getMe`): its id and its username.
    pub fn new(bot: Bot, me: &Me, deps: Deps, limits: Limits, owner: ReplicaId) -> Self {
        let wake = deps.wake_broadcast.clone();
        BroadcastWorker {
            shared: Arc::new(Shared {
                bot,
                bot_id: me.id,
                username: me.username().to_owned(),
                deps,
                metrics: Arc::default(),
            }),
            wake,
            limits,
            owner,
        }
    }

    /// Counts the 429s it meets into `metrics` (default: its own).
    pub fn with_metrics(mut self, metrics: Arc<crate::metrics::Metrics>) -> Self {
        self.shared = Arc::new(Shared {
            bot: self.shared.bot.clone(),
            bot_id: self.shared.bot_id,
            username: self.shared.username.clone(),
            deps: self.shared.deps.clone(),
            metrics,
        });
        self
    }

    /// Runs until `stop` is cancelled and the sends in flight have been recorded.
    pub async fn run(self, stop: CancellationToken) {
        let db = self.shared.deps.db.clone();
        let clock = self.shared.deps.clock.clone();
        let pace = SharedPace(Arc::new(Mutex::new(Pace::new(self.limits.per_second))));
        let mut chats = ChatBudget::new(self.limits.per_chat_per_minute);

        let (progress_tx, progress_rx) = mpsc::unbounded_channel();
        let progress = tokio::spawn(progress_loop(
            self.shared.clone(),
            pace.clone(),
            progress_rx,
            PROGRESS_EVERY.max(self.limits.per_second),
        ));
        if !self.recover(&stop, &progress_tx).await {
            drop(progress_tx);
            let _ = progress.await;
            return;
        }

        let mut in_flight: JoinSet<Finished> = JoinSet::new();
        let mut busy: HashSet<i64> = HashSet::new();
        let mut candidates: VecDeque<Delivery> = VecDeque::new();
        let mut failures = 0u32;
        let mut last_reap = Instant::now();
        loop {
            if !stop.is_cancelled() && last_reap.elapsed() >= REAP_EVERY {
                last_reap = Instant::now();
                if let Ok(rows) = self.mark_interrupted().await {
                    for id in rows {
                        let _ = progress_tx.send(id);
                    }
                }
            }
            if stop.is_cancelled() {
                // Let the sends in flight finish and be recorded; start no more.
                while let Some(done) = in_flight.join_next().await {
                    if let Ok(f) = done {
                        let _ = progress_tx.send(f.broadcast_id);
                    }
                }
                break;
            }
            let now = clock.now();
            let mut pace_wait = None;
            if candidates.is_empty() && in_flight.len() < MAX_IN_FLIGHT {
                match db.deliveries().due(now, BATCH).await {
                    Ok(due) => {
                        failures = 0;
                        candidates.extend(due.into_iter().filter(|d| !busy.contains(&d.chat_id)));
                    }
                    Err(e) => {
                        failures += 1;
                        tracing::error!(error = %e, "cannot read the delivery queue; retrying");
                    }
                }
            }
            while in_flight.len() < MAX_IN_FLIGHT {
                let Some(d) = candidates.front() else { break };
                if busy.contains(&d.chat_id) {
                    candidates.pop_front();
                    continue;
                }
                if let Err(at) = chats.check(d.chat_id, now) {
                    // Out of budget: the chat's deliveries wait, the others go on.
                    let chat = d.chat_id;
                    candidates.pop_front();
                    if let Err(e) = db
                        .deliveries()
                        .wait_for_chat(None, chat, at, "waiting for the per-chat rate")
                        .await
                    {
                        tracing::warn!(error = %e, "cannot postpone a chat's deliveries");
                    }
                    continue;
                }
                if let Err(wait) = pace.try_take() {
                    pace_wait = Some(wait);
                    break;
                }
                let Some(d) = candidates.pop_front() else {
                    break;
                };
                chats.take(d.chat_id, now);
                busy.insert(d.chat_id);
                let span = tracing::info_span!(
                    "delivery",
                    delivery = d.id,
                    broadcast = d.broadcast_id,
                    chat = group_id(d.chat_id)
                );
                in_flight.spawn(send_one(self.shared.clone(), d, self.owner).instrument(span));
            }

            // What to wait for: a send finishing, the pace, the next delivery falling
            // due on the injected clock, being woken, or the periodic re-scan.
            let next_due = if pace_wait.is_none() && candidates.is_empty() {
                db.deliveries().next_due(now).await.ok().flatten()
            } else {
                None
            };
            let pause = match (pace_wait, failures) {
                (Some(wait), _) => wait,
                (None, 0) if !candidates.is_empty() && in_flight.len() < MAX_IN_FLIGHT => {
                    Duration::ZERO
                }
                (None, 0) => RESCAN,
                (None, n) => crate::retry::backoff(n),
            };
            let due_sleep = async {
                match next_due {
                    Some(at) => clock.sleep_until(at).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                _ = self.wake.notified() => {}
                Some(done) = in_flight.join_next() => {
                    match done {
                        Ok(f) => {
                            busy.remove(&f.chat);
                            match f.outcome {
                                Outcome::Done => {
                                    let _ = progress_tx.send(f.broadcast_id);
                                }
                                Outcome::Migrated => candidates.clear(),
                                Outcome::Nothing => {}
                            }
                        }
                        Err(e) => {
                            // A panicking send must not stop the worker. Its chat stays
                            // busy (its delivery may be `sending`) until the next start.
                            tracing::error!(error = %e, "a delivery task panicked");
                        }
                    }
                }
                _ = due_sleep => {}
                _ = tokio::time::sleep(pause) => {}
                _ = stop.cancelled() => {}
            }
        }
        drop(progress_tx);
        let _ = progress.await;
        tracing::info!("broadcast worker stopped");
    }

    /// Marks deliveries whose sender died mid-send (the last stop of this process, or
    /// a replica that led before) as `unknown` and logs each; returns their broadcasts.
    async fn mark_interrupted(&self) -> Result<Vec<i64>, consult_domain::Error> {
        let now = self.shared.deps.clock.now();
        let interrupted = self
            .shared
            .deps
            .db
            .deliveries()
            .mark_interrupted(now, self.owner)
            .await?;
        for row in &interrupted {
            tracing::warn!(
                delivery = row.id,
                broadcast = row.broadcast_id,
                chat = group_id(row.chat_id),
                "a delivery was interrupted while sending; Telegram may or may not have delivered it, so it is marked unknown and not sent again (see /status)"
            );
        }
        let mut ids: Vec<i64> = interrupted.iter().map(|r| r.broadcast_id).collect();
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    /// Marks deliveries interrupted by the last stop as `unknown` and resumes progress
    /// messages. False when stopped before the database answered.
    async fn recover(
        &self,
        stop: &CancellationToken,
        progress: &mpsc::UnboundedSender<i64>,
    ) -> bool {
        let db = &self.shared.deps.db;
        let mut attempt = 0;
        let interrupted = loop {
            match self.mark_interrupted().await {
                Ok(rows) => break rows,
                Err(e) => {
                    attempt += 1;
                    tracing::error!(error = %e, "cannot check for interrupted deliveries; retrying");
                    tokio::select! {
                        _ = tokio::time::sleep(crate::retry::backoff(attempt)) => {}
                        _ = stop.cancelled() => return false,
                    }
                }
            }
        };
        let mut resume = interrupted;
        match db.deliveries().unfinished_with_progress().await {
            Ok(ids) => resume.extend(ids),
            Err(e) => tracing::warn!(error = %e, "cannot resume progress messages"),
        }
        resume.sort_unstable();
        resume.dedup();
        for id in resume {
            let _ = progress.send(id);
        }
        true
    }
}

// ---------------------------------------------------------------------------- one delivery

/// A chat id fit for the log: groups' ids, not people's (a private chat's id is the
/// person's Telegram id).
fn group_id(chat: i64) -> Option<i64> {
    (chat < 0).then_some(chat)
}

/// Sends one delivery and records how it went.
async fn send_one(shared: Arc<Shared>, d: Delivery, owner: ReplicaId) -> Finished {
    let outcome = deliver(&shared, &d, owner).await;
    Finished {
        chat: d.chat_id,
        broadcast_id: d.broadcast_id,
        outcome,
    }
}

/// Records a delivery's new state, retrying briefly while the database is unavailable.
/// If it stays unavailable the row stays `sending` and becomes `unknown` at the next
/// start: never sent twice. `$write` is evaluated anew for each attempt.
macro_rules! record {
    ($what:expr, $write:expr) => {{
        let mut outcome = Outcome::Nothing;
        for attempt in 1..=5u32 {
            match $write.await {
                Ok(_) => {
                    outcome = Outcome::Done;
                    break;
                }
                Err(e) => {
                    tracing::error!(error = %e, attempt, state = $what, "cannot record a delivery");
                    tokio::time::sleep(crate::retry::backoff(attempt)).await;
                }
            }
        }
        outcome
    }};
}

async fn deliver(shared: &Shared, d: &Delivery, owner: ReplicaId) -> Outcome {
    let db = &shared.deps.db;
    let clock = &shared.deps.clock;
    // A group the bot was removed from gets nothing more.
    let group = match db.groups().get(d.chat_id).await {
        Ok(Some(g)) if !g.active => {
            return record!(
                "failed",
                db.deliveries().failed(d.id, "inactive", clock.now())
            );
        }
        Ok(g) => g,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the group; will try again");
            return Outcome::Nothing;
        }
    };
    let markup = match keyboard(&d.message, &shared.username) {
        Ok(markup) => markup,
        Err(reason) => {
            return record!("failed", db.deliveries().failed(d.id, &reason, clock.now()));
        }
    };
    match db.deliveries().start(d.id, owner).await {
        Ok(true) => {}
        Ok(false) => return Outcome::Nothing,
        Err(e) => {
            tracing::warn!(error = %e, "cannot claim a delivery; will try again");
            return Outcome::Nothing;
        }
    }

    let mut request = shared
        .bot
        .send_message(ChatId(d.chat_id), d.message.html.clone())
        .parse_mode(ParseMode::Html);
    if let Some(markup) = markup {
        request = request.reply_markup(markup);
    }
    let result = request.await;
    let now = clock.now();
    match result {
        Ok(message) => {
            let outcome = record!("sent", db.deliveries().sent(d.id, message.id.0, now));
            if d.message.pin {
                let known = group.as_ref().and_then(|g| g.can_pin);
                pin(shared, d.chat_id, known, message.id).await;
            }
            outcome
        }
        Err(e) => match errors::classify(e) {
            Failure::Wait(secs) => {
                let until = shared.told_to_wait(now, secs);
                tracing::warn!(
                    retry_after = secs.seconds(),
                    "Telegram asked to slow down for this chat; its deliveries wait"
                );
                let reason = format!("retry after {} s", secs.seconds());
                record!(
                    "queued",
                    db.deliveries()
                        .wait_for_chat(Some(d.id), d.chat_id, until, &reason)
                )
            }
            Failure::Migrated(new) => {
                match db.groups().migrate(d.chat_id, new.0, now).await {
                    Ok(Migration::Moved) => {
                        tracing::info!(to = new.0, "the group became a supergroup; moved it")
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "cannot move the migrated group"),
                }
                match record!("re-keyed", db.deliveries().rekey(d.chat_id, new.0, now)) {
                    Outcome::Done => Outcome::Migrated,
                    other => other,
                }
            }
            Failure::Forbidden(text) => {
                tracing::info!(reason = %text, "the chat refuses our messages; no retry");
                if d.chat_id < 0
                    && let Err(e) = db.groups().left(d.chat_id, Actor::System, now).await
                {
                    tracing::warn!(error = %e, "cannot mark the group inactive");
                }
                record!("failed", db.deliveries().failed(d.id, &text, now))
            }
            Failure::Refused(text) => {
                tracing::warn!(reason = %text, "Telegram refused the message; no retry");
                record!("failed", db.deliveries().failed(d.id, &text, now))
            }
            Failure::Transient(text) => retry_later(db, d, &text, now).await,
        },
    }
}

/// A transient failure: back off on the injected clock, or give up after too many.
async fn retry_later(db: &Db, d: &Delivery, error: &str, now: DateTime<Utc>) -> Outcome {
    let attempt = d.attempts + 1;
    if attempt >= MAX_ATTEMPTS {
        tracing::warn!(attempt, error, "giving up on a delivery");
        let reason = format!("gave up after {attempt} attempts: {error}");
        return record!("failed", db.deliveries().failed(d.id, &reason, now));
    }
    let at = now + backoff(attempt);
    tracing::warn!(attempt, error, retry_at = %at, "sending failed; will retry");
    record!("queued", db.deliveries().retry(d.id, at, error))
}

/// Pins a sent message where the bot may pin. In a group that takes an administrator
/// with the right to pin (or the creator), which most resident groups do not make the
/// bot: asking anyway only earns a refusal, so it asks only where its membership says
/// it may (`known`, from `my_chat_member`). Where that was never said (a group recorded
/// before the bot kept track) it asks Telegram once and remembers; a refusal all the
/// same (rights taken away while an update was lost) is remembered too.
async fn pin(shared: &Shared, chat: i64, known: Option<bool>, message: MessageId) {
    let db = &shared.deps.db;
    let may = match known {
        // In a private chat anyone may pin.
        _ if chat > 0 => true,
        Some(may) => may,
        None => match shared
            .bot
            .get_chat_member(ChatId(chat), shared.bot_id)
            .await
        {
            Ok(member) => {
                let may = consult_handlers::may_pin(&member.kind);
                let now = shared.deps.clock.now();
                if let Err(e) = db.groups().set_can_pin(chat, may, now).await {
                    tracing::warn!(error = %e, "cannot remember whether the bot may pin");
                }
                may
            }
            Err(e) => {
                tracing::info!(error = %e, "cannot tell whether the bot may pin; not pinning");
                false
            }
        },
    };
    if !may {
        tracing::debug!("the bot may not pin in this group; the card is not pinned");
        return;
    }
    match shared
        .bot
        .pin_chat_message(ChatId(chat), message)
        .disable_notification(true)
        .await
    {
        Ok(_) => {}
        Err(RequestError::Api(e)) if api_text(&e).contains("not enough rights") => {
            tracing::info!("the bot may no longer pin in this group; will not ask again");
            let now = shared.deps.clock.now();
            if let Err(e) = db.groups().set_can_pin(chat, false, now).await {
                tracing::warn!(error = %e, "cannot remember that the bot may not pin");
            }
        }
        // The card is out; a pin that failed otherwise is not worth a retry.
        Err(e) => tracing::info!(error = %e, "could not pin the message"),
    }
}

/// The inline keyboard of a message, or why it cannot be built. `username` is the
/// bot's, for the links that open a private chat with it.
fn keyboard(message: &OutMessage, username: &str) -> Result<Option<InlineKeyboardMarkup>, String> {
    if message.buttons.iter().all(Vec::is_empty) {
        return Ok(None);
    }
    let mut rows = Vec::with_capacity(message.buttons.len());
    for row in &message.buttons {
        let mut out = Vec::with_capacity(row.len());
        for button in row {
            out.push(match button {
                Button::Url { text, url } => {
                    let url = url::Url::parse(url)
                        .map_err(|e| format!("invalid button URL {url:?}: {e}"))?;
                    InlineKeyboardButton::url(text.clone(), url)
                }
                Button::Callback { text, data } => {
                    InlineKeyboardButton::callback(text.clone(), data.clone())
                }
                Button::Start { text, payload } => {
                    let link = format!("https://t.me/{username}?start={payload}");
                    let url = url::Url::parse(&link)
                        .map_err(|e| format!("invalid start link {link:?}: {e}"))?;
                    InlineKeyboardButton::url(text.clone(), url)
                }
            });
        }
        if !out.is_empty() {
            rows.push(out);
        }
    }
    Ok(Some(InlineKeyboardMarkup::new(rows)))
}

// ---------------------------------------------------------------------------- progress

struct Progress {
    broadcast: Broadcast,
    /// Completions since the message was last written.
    pending: u32,
    last_write: Option<DateTime<Utc>>,
    last_text: String,
    /// Telegram answered the last write with `429 retry_after`: it is written again
    /// then (on the injected clock), not dropped — the publisher's last word on the
    /// broadcast, 「发送完毕」, is often the one that meets it.
    retry_at: Option<DateTime<Utc>>,
}

/// What became of one write of a progress message.
enum Written {
    /// Written, unchanged, or failed for good (logged).
    Done,
    /// Telegram asked to wait until then; write it again at that time.
    RetryAt(DateTime<Utc>),
}

/// Keeps each broadcast's progress message current. Fed the broadcast id of every
/// delivery that completed; ends when the worker drops its sender.
async fn progress_loop(
    shared: Arc<Shared>,
    pace: SharedPace,
    mut rx: mpsc::UnboundedReceiver<i64>,
    every: u32,
) {
    let clock = shared.deps.clock.clone();
    let mut tracked: HashMap<i64, Progress> = HashMap::new();
    // Broadcasts without a progress chat, so they are not looked up again.
    let mut silent: HashSet<i64> = HashSet::new();
    let mut closing = false;
    loop {
        let mut dirty: Vec<i64> = Vec::new();
        if !closing {
            let next_write = tracked
                .values()
                .filter(|p| p.pending > 0)
                .filter_map(|p| {
                    p.retry_at
                        .or(p.last_write.map(|t| t + chrono::Duration::seconds(1)))
                })
                .min();
            let throttled = async {
                match next_write {
                    Some(at) => clock.sleep_until(at).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                got = rx.recv() => match got {
                    Some(id) => dirty.push(id),
                    None => closing = true,
                },
                _ = throttled => {}
            }
            while let Ok(id) = rx.try_recv() {
                dirty.push(id);
            }
        }
        for id in dirty {
            if silent.contains(&id) {
                continue;
            }
            if let std::collections::hash_map::Entry::Vacant(slot) = tracked.entry(id) {
                match shared.deps.db.deliveries().broadcast(id).await {
                    Ok(Some(b)) if b.progress_chat.is_some() => {
                        slot.insert(Progress {
                            broadcast: b,
                            pending: 0,
                            last_write: None,
                            last_text: String::new(),
                            retry_at: None,
                        });
                    }
                    Ok(_) => {
                        silent.insert(id);
                        continue;
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot read a broadcast for its progress");
                        continue;
                    }
                }
            }
            if let Some(p) = tracked.get_mut(&id) {
                p.pending += 1;
            }
        }
        let now = clock.now();
        let mut finished = Vec::new();
        for (id, p) in tracked.iter_mut() {
            if p.pending == 0 && !closing {
                continue;
            }
            if p.retry_at.is_some_and(|at| now < at) && !closing {
                // Telegram asked this chat to wait.
                continue;
            }
            let counts = match shared.deps.db.deliveries().counts(*id).await {
                Ok(c) => c,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot count a broadcast's deliveries");
                    continue;
                }
            };
            let due = counts.finished()
                || closing
                || p.retry_at.is_some()
                || p.pending >= every
                || p.last_write
                    .is_none_or(|t| now - t >= chrono::Duration::seconds(1));
            if !due {
                continue;
            }
            match write_progress(&shared, &pace, p, &counts, now).await {
                Written::RetryAt(at) => {
                    // Kept (even when finished) until it is written.
                    p.retry_at = Some(at);
                    p.pending = p.pending.max(1);
                }
                Written::Done => {
                    p.retry_at = None;
                    if counts.finished() {
                        finished.push(*id);
                    }
                }
            }
        }
        for id in finished {
            tracked.remove(&id);
        }
        if closing {
            break;
        }
    }
}

async fn write_progress(
    shared: &Shared,
    pace: &SharedPace,
    p: &mut Progress,
    counts: &Counts,
    now: DateTime<Utc>,
) -> Written {
    let Some(chat) = p.broadcast.progress_chat else {
        return Written::Done;
    };
    let text = progress_text(&shared.deps, &p.broadcast, counts);
    p.pending = 0;
    p.last_write = Some(now);
    if text == p.last_text {
        return Written::Done;
    }
    pace.take().await;
    // Telegram's wait counts from its answer; read the clock before asking, so that
    // the wait is never cut short by time the request took.
    let asked_at = shared.deps.clock.now();
    let result = match p.broadcast.progress_message_id {
        None => match send_html(&shared.bot, chat, text.clone()).await {
            Ok(message) => {
                p.broadcast.progress_message_id = Some(message.id.0);
                if let Err(e) = shared
                    .deps
                    .db
                    .deliveries()
                    .set_progress_message(p.broadcast.id, message.id.0)
                    .await
                {
                    tracing::warn!(error = %e, "cannot remember the progress message");
                }
                Ok(())
            }
            Err(e) => Err(e),
        },
        Some(message) => {
            let result = shared
                .bot
                .edit_message_text(ChatId(chat), MessageId(message), text.clone())
                .parse_mode(ParseMode::Html)
                .await;
            match result {
                Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => Ok(()),
                Err(RequestError::Api(ApiError::Unknown(ref d)))
                    if d.contains("message is not modified") =>
                {
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
    };
    match result {
        Ok(()) => {
            p.last_text = text;
            Written::Done
        }
        Err(RequestError::RetryAfter(secs)) => {
            let at = shared.told_to_wait(asked_at, secs);
            tracing::warn!(
                retry_after = secs.seconds(),
                broadcast = p.broadcast.id,
                "Telegram asked to wait before the progress message; it will be written then"
            );
            Written::RetryAt(at)
        }
        Err(e) => {
            tracing::warn!(error = %e, broadcast = p.broadcast.id, "cannot write the progress message");
            Written::Done
        }
    }
}

async fn send_html(
    bot: &Bot,
    chat: i64,
    text: String,
) -> Result<teloxide::types::Message, RequestError> {
    bot.send_message(ChatId(chat), text)
        .parse_mode(ParseMode::Html)
        .await
}

/// "征求意见通知：已发送 120/450", with failed and unknown counts at the end.
fn progress_text(deps: &Deps, b: &Broadcast, c: &Counts) -> String {
    let l = deps.locales.get(b.locale());
    let purpose = fl!(l, "broadcast-purpose", purpose = b.purpose.clone());
    let total = c.total().max(b.total);
    if !c.finished() {
        fl!(
            l,
            "broadcast-progress",
            purpose = purpose,
            sent = c.sent,
            total = total
        )
    } else if c.failed == 0 && c.unknown == 0 {
        fl!(
            l,
            "broadcast-progress-done",
            purpose = purpose,
            sent = c.sent,
            total = total
        )
    } else {
        fl!(
            l,
            "broadcast-progress-done-problems",
            purpose = purpose,
            sent = c.sent,
            total = total,
            failed = c.failed,
            unknown = c.unknown
        )
    }
}
