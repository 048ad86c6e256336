//! The dispatch loop: takes stored updates from the inbox, one chat at a time in
//! order and many chats in parallel, and runs the handler tree on each.

use std::{collections::HashMap, ops::ControlFlow, sync::Arc, time::Duration};

use consult_domain::{
    Db,
    inbox::{InboxRow, Outcome},
};
use consult_handlers::{Deps, HandlerError};
use futures::FutureExt;
use teloxide::{
    dispatching::UpdateHandler,
    prelude::*,
    types::{Me, UpdateKind},
};
use tokio::{sync::Notify, task::JoinSet};
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use crate::app::backoff;

/// Chats handled at once; beyond this, chats wait their turn.
const MAX_ACTIVE_CHATS: usize = 64;
/// A handler failing on a database outage is retried this many times before giving up.
const MAX_ATTEMPTS: i32 = 5;
/// How often the inbox is looked at without being woken (rows stored by another
/// process) and how often old rows are purged.
const RESCAN: Duration = Duration::from_secs(1);
const PURGE_EVERY: Duration = Duration::from_secs(600);

pub struct Dispatcher {
    shared: Arc<Shared>,
    wake: Arc<Notify>,
    retention: chrono::Duration,
}

struct Shared {
    bot: Bot,
    me: Me,
    deps: Deps,
    handler: UpdateHandler<HandlerError>,
}

impl Dispatcher {
    pub fn new(bot: Bot, me: Me, deps: Deps, retention: Duration) -> Self {
        Self {
            shared: Arc::new(Shared {
                bot,
                me,
                deps,
                handler: consult_handlers::schema(),
            }),
            wake: Arc::new(Notify::new()),
            retention: chrono::Duration::from_std(retention).unwrap_or(chrono::Duration::hours(48)),
        }
    }

    /// Notified whenever intake has stored new updates.
    pub fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    /// Runs until `stop` is cancelled and every chat being handled has finished its
    /// current update. Updates not yet started stay in the inbox for the next start.
    pub async fn run(self, stop: CancellationToken) {
        let db = self.shared.deps.db.clone();
        // Chats being handled, by the task handling them.
        let mut active: HashMap<tokio::task::Id, i64> = HashMap::new();
        let mut workers: JoinSet<()> = JoinSet::new();
        let mut failures = 0u32;
        let mut last_purge = tokio::time::Instant::now() - PURGE_EVERY;
        loop {
            if stop.is_cancelled() {
                if workers.is_empty() {
                    break;
                }
            } else {
                match db.inbox().pending_chats(MAX_ACTIVE_CHATS as i64 * 2).await {
                    Ok(chats) => {
                        failures = 0;
                        for chat in chats {
                            if active.len() >= MAX_ACTIVE_CHATS
                                || active.values().any(|c| *c == chat)
                            {
                                continue;
                            }
                            let shared = self.shared.clone();
                            let task = workers.spawn(work_on_chat(shared, chat, stop.clone()));
                            active.insert(task.id(), chat);
                        }
                    }
                    Err(e) => {
                        failures += 1;
                        tracing::error!(error = %e, "cannot read the inbox; retrying");
                    }
                }
                if last_purge.elapsed() >= PURGE_EVERY {
                    last_purge = tokio::time::Instant::now();
                    self.purge(&db).await;
                }
            }
            let pause = if failures > 0 {
                backoff(failures)
            } else {
                RESCAN
            };
            tokio::select! {
                _ = self.wake.notified() => {}
                Some(done) = workers.join_next_with_id() => {
                    let id = match done {
                        Ok((id, ())) => id,
                        Err(e) => {
                            // A panicking handler must not stop the bot; its row stays
                            // `handling` and is retried after the next start.
                            tracing::error!(error = %e, "chat worker panicked");
                            e.id()
                        }
                    };
                    active.remove(&id);
                }
                _ = stop.cancelled(), if !stop.is_cancelled() => {}
                _ = tokio::time::sleep(pause) => {}
            }
        }
        tracing::info!("dispatch stopped");
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

/// Handles a chat's pending updates in order until none are left or we are stopping.
async fn work_on_chat(shared: Arc<Shared>, chat: i64, stop: CancellationToken) {
    let db = &shared.deps.db;
    let mut failures = 0;
    while !stop.is_cancelled() {
        let row = match db.inbox().claim_next(chat).await {
            Ok(Some(row)) => row,
            Ok(None) => break,
            Err(e) => {
                failures += 1;
                tracing::error!(error = %e, "cannot claim an inbox row; retrying");
                tokio::time::sleep(backoff(failures)).await;
                continue;
            }
        };
        let span = tracing::info_span!("update", update_id = row.update_id, chat = row.chat_key);
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
        finish(db, &shared, &row, outcome).await;
    }
}

/// What to do with a row after its handler ran.
enum Next {
    Done(Outcome),
    /// The database was briefly unavailable: put the row back and try again later.
    Retry,
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
    match shared.handler.dispatch(deps).await {
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
async fn finish(db: &Db, shared: &Shared, row: &InboxRow, next: Next) {
    let mut attempt = 0;
    loop {
        let result = match &next {
            Next::Done(outcome) => {
                db.inbox()
                    .finish(row.id, outcome, shared.deps.clock.now())
                    .await
            }
            Next::Retry => db.inbox().release(row.id).await,
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
