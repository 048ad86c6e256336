//! The dispatch loop: takes stored updates from the inbox, one chat at a time in
//! order and many chats in parallel, and runs the handler tree on each. Every replica
//! runs this loop over the one shared inbox; the claim (`Inbox::claim_next`) keeps a
//! chat's updates one at a time, in order, across all of them, and rows of a replica
//! that died are put back ([`consult_domain::replicas`] says who counts as dead).

use std::{
    collections::{HashMap, VecDeque},
    ops::ControlFlow,
    sync::Arc,
    time::Duration,
};

use consult_domain::{
    Db,
    inbox::{InboxRow, Outcome},
    replicas::ReplicaId,
};
use consult_handlers::{Deps, HandlerError};
use futures::FutureExt;
use teloxide::{
    dispatching::UpdateHandler,
    prelude::*,
    types::{Me, UpdateKind},
};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use crate::{
    metrics::{Metrics, RateLimitedPath, UpdateOutcome},
    replica::Replica,
    retry::backoff,
    wake::Wake,
};

/// Chats handled at once; beyond this, chats wait their turn.
const MAX_ACTIVE_CHATS: usize = 64;
/// A handler failing on a database outage is retried this many times before giving up.
const MAX_ATTEMPTS: i32 = 5;
/// Times one update may be told by Telegram to wait (`429 retry_after`) and handled
/// again before it is given up: Telegram's wait ends, so this only stops a loop.
const MAX_WAITS: u32 = 20;
/// How often the whole inbox is scanned for chats with waiting rows (rows another
/// replica stored, rows left from before a restart, hints that came to nothing), and how
/// often old rows are purged.
const RESCAN: Duration = Duration::from_secs(1);
const PURGE_EVERY: Duration = Duration::from_secs(600);

pub struct Dispatcher {
    shared: Arc<Shared>,
    wake: Wake,
    retention: chrono::Duration,
    /// This process among the replicas: the owner named on every row it claims.
    replica: Replica,
}

struct Shared {
    bot: Bot,
    me: Me,
    deps: Deps,
    handler: UpdateHandler<HandlerError>,
    metrics: Arc<Metrics>,
}

impl Dispatcher {
    pub fn new(bot: Bot, me: Me, deps: Deps, retention: Duration, replica: Replica) -> Self {
        Self {
            shared: Arc::new(Shared {
                bot,
                me,
                deps,
                handler: consult_handlers::schema(),
                metrics: Arc::default(),
            }),
            wake: Wake::default(),
            retention: chrono::Duration::from_std(retention).unwrap_or(chrono::Duration::hours(48)),
            replica,
        }
    }

    /// Counts handled updates and their latency into `metrics` (default: its own).
    pub fn with_metrics(mut self, metrics: Arc<Metrics>) -> Self {
        let s = &self.shared;
        self.shared = Arc::new(Shared {
            bot: s.bot.clone(),
            me: s.me.clone(),
            deps: s.deps.clone(),
            handler: s.handler.clone(),
            metrics,
        });
        self
    }

    /// Told by intake which chats have new updates.
    pub fn waker(&self) -> Wake {
        self.wake.clone()
    }

    /// Runs until `stop` is cancelled and every chat being handled has finished its
    /// current update. Updates not yet started stay in the inbox for the next start.
    pub async fn run(self, stop: CancellationToken) {
        let db = self.shared.deps.db.clone();
        let mut chats = Chats::default();
        let mut workers: JoinSet<bool> = JoinSet::new();
        let mut failures = 0u32;
        let mut last_scan = tokio::time::Instant::now() - RESCAN;
        let mut last_purge = tokio::time::Instant::now() - PURGE_EVERY;
        let mut last_reap = tokio::time::Instant::now();
        loop {
            if stop.is_cancelled() {
                if workers.is_empty() {
                    break;
                }
            } else if !self.replica.is_alive() {
                // Our registration lapsed: others may be taking our work back, so
                // claim nothing new until the election has registered us again.
            } else {
                if last_reap.elapsed() >= self.replica.timing().retry {
                    last_reap = tokio::time::Instant::now();
                    self.requeue_orphaned(&db).await;
                }
                for chat in self.wake.take() {
                    chats.hinted(chat);
                }
                if last_scan.elapsed() >= RESCAN || failures > 0 {
                    match db.inbox().pending_chats(MAX_ACTIVE_CHATS as i64 * 2).await {
                        Ok(found) => {
                            failures = 0;
                            last_scan = tokio::time::Instant::now();
                            for chat in found {
                                chats.found(chat);
                            }
                        }
                        Err(e) => {
                            failures += 1;
                            tracing::error!(error = %e, "cannot read the inbox; retrying");
                        }
                    }
                }
                while let Some(chat) = chats.next_to_start(MAX_ACTIVE_CHATS) {
                    let shared = self.shared.clone();
                    // Counted per task: one task handles one update (see `work_on_chat`).
                    let task = workers.spawn(consult_domain::db::count_calls(work_on_chat(
                        shared,
                        self.replica.clone(),
                        chat,
                        stop.clone(),
                    )));
                    chats.started(task.id(), chat);
                }
                if last_purge.elapsed() >= PURGE_EVERY {
                    last_purge = tokio::time::Instant::now();
                    self.purge(&db).await;
                }
            }
            let pause = if failures > 0 {
                backoff(failures)
            } else if stop.is_cancelled() || !self.replica.is_alive() {
                RESCAN
            } else {
                RESCAN.saturating_sub(last_scan.elapsed())
            };
            tokio::select! {
                _ = self.wake.notified() => {}
                Some(done) = workers.join_next_with_id() => {
                    match done {
                        Ok((id, claimed)) => chats.finished(id, claimed),
                        Err(e) => {
                            // A panicking handler must not stop the bot; its row stays
                            // `handling` and is retried after the next start.
                            tracing::error!(error = %e, "chat worker panicked");
                            chats.finished(e.id(), false);
                        }
                    }
                }
                _ = stop.cancelled(), if !stop.is_cancelled() => {}
                _ = tokio::time::sleep(pause) => {}
            }
        }
        tracing::info!("dispatch stopped");
    }

    /// Puts back the rows of replicas that died while handling them (another replica
    /// may die at any time, not only before this one starts).
    async fn requeue_orphaned(&self, db: &Db) {
        match db.inbox().requeue_orphaned(self.replica.id()).await {
            Ok(0) => {}
            Ok(n) => tracing::warn!(
                requeued = n,
                "updates a dead replica was handling will be handled again"
            ),
            Err(e) => tracing::warn!(error = %e, "cannot look for a dead replica's updates"),
        }
    }

    async fn purge(&self, db: &Db) {
        let cutoff = self.shared.deps.clock.now() - self.retention;
        match db.inbox().purge(cutoff).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(purged = n, "old inbox rows purged"),
            Err(e) => tracing::warn!(error = %e, "cannot purge the inbox"),
        }
    }
}

/// Which chats have waiting rows and which are being handled. A chat is started once
/// per row it is known to have waiting (a hint from intake, or the scan), one update at a
/// time, and goes to the back of the queue after each, so a resident who answers the
/// moment the bot replies cannot keep a worker to themselves while others wait (seen
/// under load in `benches/service.rs`: most residents got no reply at all).
#[derive(Default)]
struct Chats {
    /// Chats to start, oldest hint first; each at most once.
    queue: VecDeque<i64>,
    /// Rows each chat is believed to have waiting. Too many costs one claim that finds
    /// nothing; too few is put right by the next scan.
    waiting: HashMap<i64, usize>,
    /// Chats being handled, by the task handling them.
    active: HashMap<tokio::task::Id, i64>,
}

impl Chats {
    /// Intake stored a row of `chat`.
    fn hinted(&mut self, chat: i64) {
        *self.waiting.entry(chat).or_default() += 1;
        self.enqueue(chat);
    }

    /// The scan saw waiting rows of `chat`; adds nothing to what hints already said.
    fn found(&mut self, chat: i64) {
        let waiting = self.waiting.entry(chat).or_default();
        *waiting = (*waiting).max(1);
        self.enqueue(chat);
    }

    fn enqueue(&mut self, chat: i64) {
        if !self.active.values().any(|c| *c == chat) && !self.queue.contains(&chat) {
            self.queue.push_back(chat);
        }
    }

    fn next_to_start(&mut self, max_active: usize) -> Option<i64> {
        if self.active.len() >= max_active {
            return None;
        }
        self.queue.pop_front()
    }

    fn started(&mut self, task: tokio::task::Id, chat: i64) {
        if let Some(waiting) = self.waiting.get_mut(&chat) {
            *waiting = waiting.saturating_sub(1);
        }
        self.active.insert(task, chat);
    }

    /// The task handling a chat ended; `claimed` says whether it found a row. One that
    /// found none means the chat has nothing waiting (or another replica has it).
    fn finished(&mut self, task: tokio::task::Id, claimed: bool) {
        let Some(chat) = self.active.remove(&task) else {
            return;
        };
        let more = claimed && self.waiting.get(&chat).is_some_and(|n| *n > 0);
        if more {
            self.enqueue(chat);
        } else {
            self.waiting.remove(&chat);
        }
    }
}

/// Handles a chat's oldest pending update, then gives way (see [`Chats`]). Returns
/// whether there was one to handle.
async fn work_on_chat(
    shared: Arc<Shared>,
    replica: Replica,
    chat: i64,
    stop: CancellationToken,
) -> bool {
    let db = &shared.deps.db;
    let mut failures = 0;
    while !stop.is_cancelled() && replica.is_alive() {
        let row = match db.inbox().claim_next(chat, replica.id()).await {
            Ok(Some(row)) => row,
            Ok(None) => return false,
            Err(e) => {
                failures += 1;
                tracing::error!(error = %e, "cannot claim an inbox row; retrying");
                tokio::time::sleep(backoff(failures)).await;
                continue;
            }
        };
        let started = std::time::Instant::now();
        let mut waits = 0;
        let outcome = loop {
            let span =
                tracing::info_span!("update", update_id = row.update_id, chat = row.chat_key);
            // A handler that panics must not leave its row 'handling', which would stop
            // this chat until the next start and then panic again.
            let outcome = std::panic::AssertUnwindSafe(handle(&shared, &row).instrument(span))
                .catch_unwind()
                .await
                .unwrap_or_else(|_| {
                    tracing::error!(
                        update_id = row.update_id,
                        "handler panicked; update marked failed"
                    );
                    Next::Done(Outcome::Failed("handler panicked".into()))
                });
            let Next::Wait(secs) = outcome else {
                break outcome;
            };
            waits += 1;
            if waits > MAX_WAITS {
                break Next::Done(Outcome::Failed(format!(
                    "Telegram asked to wait {waits} times"
                )));
            }
            if !wait_for_telegram(&shared, &replica, &row, secs, &stop).await {
                break Next::Later;
            }
        };
        let counted = match &outcome {
            Next::Done(Outcome::Handled) => Some(UpdateOutcome::Handled),
            Next::Done(Outcome::Failed(_)) => Some(UpdateOutcome::Failed),
            Next::Done(Outcome::Unparsable(_)) => Some(UpdateOutcome::Unparsable),
            Next::Retry | Next::Later | Next::Wait(_) => None,
        };
        finish(db, &shared, replica.id(), &row, outcome).await;
        if let Some(outcome) = counted {
            // From the claim to the recorded outcome, as the caller counted them.
            let calls = consult_domain::db::calls_so_far().unwrap_or_default();
            shared
                .metrics
                .update_finished(outcome, started.elapsed(), calls);
        }
        return true;
    }
    false
}

/// What to do with a row after its handler ran.
enum Next {
    Done(Outcome),
    /// The database was briefly unavailable: put the row back and try again later.
    Retry,
    /// Telegram answered a reply with `429 retry_after`: handle the update again once
    /// that many seconds have passed, keeping the row (and so the chat's order) meanwhile.
    Wait(teloxide::types::Seconds),
    /// Stopping (or no longer a live replica) while waiting: put the row back at once,
    /// for the next start or another replica.
    Later,
}

/// Waits out Telegram's `retry_after` on the injected clock, so that the reply is sent
/// again after the wait rather than dropped. The row stays claimed: the chat's later
/// updates wait behind it, as Telegram wants of that chat anyway. Handling it again is
/// safe (*effects once, answer always*: the person is shown what they should see now).
/// The wait is noted on the row for whoever looks at the inbox. Returns false when the
/// process is stopping or this replica's registration lapsed: the caller then gives
/// the row back instead.
async fn wait_for_telegram(
    shared: &Shared,
    replica: &Replica,
    row: &InboxRow,
    secs: teloxide::types::Seconds,
    stop: &CancellationToken,
) -> bool {
    let clock = &shared.deps.clock;
    let until = clock.now() + secs.chrono_duration();
    tracing::warn!(
        update_id = row.update_id,
        retry_after = secs.seconds(),
        "Telegram asked to wait before the reply; the update is handled again then"
    );
    let note = format!("retry after {} s", secs.seconds());
    if let Err(e) = shared
        .deps
        .db
        .inbox()
        .note(row.id, replica.id(), &note)
        .await
    {
        tracing::warn!(error = %e, "cannot note the wait on the inbox row");
    }
    tokio::select! {
        _ = clock.sleep_until(until) => replica.is_alive() && !stop.is_cancelled(),
        _ = stop.cancelled() => false,
    }
}

async fn handle(shared: &Shared, row: &InboxRow) -> Next {
    let Some(payload) = &row.payload else {
        return Next::Done(Outcome::Failed("payload missing".into()));
    };
    let update: Update = match serde_json::from_str(payload) {
        Ok(u) => u,
        Err(e) => {
            tracing::warn!(error = %e, "update cannot be parsed; marked unparsable");
            return Next::Done(Outcome::Unparsable(e.to_string()));
        }
    };
    if let UpdateKind::Error(_) = update.kind {
        tracing::warn!("update of a kind we do not understand; marked unparsable");
        return Next::Done(Outcome::Unparsable("unknown update kind".into()));
    }
    tracing::debug!(chat = row.chat_key, user = ?update.from().map(|u| u.id.0), "handling");
    let deps = dptree::deps![
        update.clone(),
        shared.bot.clone(),
        shared.me.clone(),
        shared.deps.clone()
    ];
    let result = shared.handler.dispatch(deps).await;
    if let ControlFlow::Break(Err(HandlerError::Telegram(teloxide::RequestError::RetryAfter(
        secs,
    )))) = &result
    {
        shared.metrics.rate_limited(RateLimitedPath::Reply);
        return Next::Wait(*secs);
    }
    match result {
        ControlFlow::Break(Ok(())) | ControlFlow::Continue(_) => Next::Done(Outcome::Handled),
        ControlFlow::Break(Err(e)) if e.is_transient() && row.attempts < MAX_ATTEMPTS => {
            tracing::warn!(error = %e, attempt = row.attempts, "handler hit a transient failure; will retry");
            Next::Retry
        }
        ControlFlow::Break(Err(e)) => {
            tracing::error!(error = %e, "handler failed");
            consult_handlers::report_failure(&shared.bot, &shared.deps, &update).await;
            Next::Done(Outcome::Failed(e.to_string()))
        }
    }
}

/// Records the outcome, retrying while the database is down: a row left in `handling`
/// would only be picked up again after a restart.
async fn finish(db: &Db, shared: &Shared, owner: ReplicaId, row: &InboxRow, next: Next) {
    let mut attempt = 0;
    loop {
        let result = match &next {
            Next::Done(outcome) => {
                db.inbox()
                    .finish(row.id, owner, outcome, shared.deps.clock.now())
                    .await
            }
            Next::Retry | Next::Later | Next::Wait(_) => db.inbox().release(row.id, owner).await,
        };
        match result {
            Ok(()) => break,
            Err(e) => {
                attempt += 1;
                tracing::error!(error = %e, attempt, "cannot record an update's outcome; retrying");
                tokio::time::sleep(backoff(attempt)).await;
            }
        }
    }
    if let Next::Retry = next {
        tokio::time::sleep(backoff(row.attempts.max(0) as u32)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A task id, as the dispatcher gets one from spawning a worker.
    fn task() -> tokio::task::Id {
        tokio::spawn(async {}).id()
    }

    #[tokio::test]
    async fn chats_take_turns_and_a_chat_with_two_rows_comes_back_after_the_others() {
        let mut chats = Chats::default();
        for chat in [1, 1, 2, 3] {
            chats.hinted(chat);
        }
        let (a, b) = (task(), task());
        assert_eq!(chats.next_to_start(2), Some(1));
        chats.started(a, 1);
        assert_eq!(chats.next_to_start(2), Some(2));
        chats.started(b, 2);
        assert_eq!(chats.next_to_start(2), None, "two at once at most");
        chats.hinted(1); // a third row while the first is being handled
        chats.finished(a, true);
        assert_eq!(
            chats.next_to_start(2),
            Some(3),
            "chat 1 waits behind chat 3"
        );
        let c = task();
        chats.started(c, 3);
        chats.finished(b, true);
        assert_eq!(chats.next_to_start(2), Some(1));
    }

    #[tokio::test]
    async fn a_claim_that_finds_nothing_forgets_the_chat_until_told_again() {
        let mut chats = Chats::default();
        chats.hinted(7);
        chats.hinted(7); // the same update delivered twice: one row only
        assert_eq!(chats.next_to_start(8), Some(7));
        let a = task();
        chats.started(a, 7);
        chats.finished(a, false);
        assert_eq!(chats.next_to_start(8), None);
        chats.found(7);
        chats.found(7);
        assert_eq!(chats.next_to_start(8), Some(7));
        assert_eq!(chats.next_to_start(8), None, "a chat is queued once");
    }
}
