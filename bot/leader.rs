//! Leadership: the jobs that must run on exactly one replica at a time — long polling
//! (Telegram allows one getUpdates caller per token), the broadcast sender (so the
//! rate budget is global, not per replica), the scheduler (reminders, closing, digests,
//! expiry) and, in webhook mode, `setWebhook`.
//!
//! **How a leader is chosen (PostgreSQL).** Every replica keeps one connection of its
//! own, opened with `PgConnection::connect` outside the pool, and every
//! [`Timing::retry`] it tries `pg_try_advisory_lock(LOCK_CLASS, LEADER_KEY)` there. A
//! session advisory lock belongs to its connection: whoever got it leads for as long as
//! that connection lives, and when the leader dies its connection closes, the server
//! frees the lock, and another replica takes it at its next try — within seconds. The
//! leader checks its connection at the same rhythm (renewing its lease, with a timeout)
//! and steps down the moment that fails: it may have lost the lock without knowing, so
//! it must stop leading before anyone else can start. TCP keepalives on the connection
//! let the server free the lock of a leader whose host vanished.
//!
//! The same connection holds the replica's liveness lock and renews its lease (see
//! `consult_domain::replicas`), so "this replica is alive" and "this replica may lead"
//! are proven by one thing.
//!
//! **SQLite** has one process per database ([`crate::replica::lock_sqlite`]), which
//! therefore leads from start to stop.
//!
//! **Using it.** [`Leadership::next_term`] waits until this replica leads and returns a
//! token cancelled when that term ends; [`serve_terms`] runs a job for each term. A job
//! that must happen once per term (like `setWebhook`) is done at the start of the term.

use std::{future::Future, str::FromStr, time::Duration};

use consult_domain::{
    Db,
    replicas::{ReplicaId, session},
};
use sqlx::{Connection, PgConnection, postgres::PgConnectOptions};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::{
    AppError,
    replica::{Replica, Timing, host_name},
};

/// Whether this replica leads, as it changes. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Leadership {
    rx: watch::Receiver<bool>,
}

impl Leadership {
    /// True while this replica holds the leadership lock (always, on SQLite).
    pub fn is_leader(&self) -> bool {
        *self.rx.borrow()
    }

    /// A receiver that sees every change, for code that must react to one.
    pub fn watch(&self) -> watch::Receiver<bool> {
        self.rx.clone()
    }

    /// Waits until this replica leads and returns a token that is cancelled when the
    /// term ends (leadership lost, or `stop`). None when `stop` comes first.
    pub async fn next_term(&mut self, stop: &CancellationToken) -> Option<CancellationToken> {
        tokio::select! {
            _ = stop.cancelled() => return None,
            led = self.rx.wait_for(|leading| *leading) => {
                if led.is_err() {
                    // The election ended: nobody will lead again in this process.
                    return None;
                }
            }
        }
        let term = stop.child_token();
        let mut rx = self.rx.clone();
        let ends = term.clone();
        tokio::spawn(async move {
            tokio::select! {
                _ = ends.cancelled() => {}
                _ = rx.wait_for(|leading| !*leading) => ends.cancel(),
            }
        });
        Some(term)
    }
}

/// Runs `job` for each term of leadership, with the term's token, until `stop`. The job
/// must return soon after its token is cancelled.
pub async fn serve_terms<F, Fut>(mut leadership: Leadership, stop: CancellationToken, mut job: F)
where
    F: FnMut(CancellationToken) -> Fut,
    Fut: Future<Output = ()>,
{
    while let Some(term) = leadership.next_term(&stop).await {
        tracing::info!("this replica leads: polling and background workers run here");
        job(term.clone()).await;
        term.cancel();
        if stop.is_cancelled() {
            break;
        }
        tracing::warn!("this replica no longer leads: polling and background workers stopped here");
    }
}

/// The election as it runs in the background; see the module documentation.
pub struct Election {
    inner: Inner,
    alive: watch::Sender<bool>,
    leading: watch::Sender<bool>,
}

enum Inner {
    /// SQLite: the one process, which leads from start to stop.
    Sole {
        db: Db,
        id: ReplicaId,
    },
    Postgres(Box<PgElection>),
}

struct PgElection {
    options: PgConnectOptions,
    conn: Option<PgConnection>,
    id: ReplicaId,
    host: String,
    timing: Timing,
}

/// Registers this process as a replica of `db` (reachable as `url`) and starts no
/// task yet: run [`Election::run`]. On PostgreSQL the dedicated connection is opened
/// here and the first attempt to lead made, so a lone replica leads from its start.
pub async fn join(
    db: &Db,
    url: &str,
    timing: Timing,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(Election, Replica, Leadership), AppError> {
    let pid = i64::from(std::process::id());
    let host = host_name();
    let (inner, leads) = match db {
        Db::Sqlite(_) => {
            let id = db.replicas().register_sole(&host, pid, now).await?;
            (Inner::Sole { db: db.clone(), id }, true)
        }
        Db::Postgres(_) => {
            let options = PgConnectOptions::from_str(url)
                .map_err(|_| AppError::DatabaseUrl(url.to_owned()))?
                // The server must notice a vanished leader to free its lock.
                .options([
                    ("tcp_keepalives_idle", "10"),
                    ("tcp_keepalives_interval", "5"),
                    ("tcp_keepalives_count", "3"),
                ]);
            let mut conn = PgConnection::connect_with(&options)
                .await
                .map_err(|e| AppError::DatabaseUnreachable(e.to_string()))?;
            let id = session::register(&mut conn, None, &host, pid, timing.lease).await?;
            let leads = session::try_lead(&mut conn).await?;
            session::heartbeat(&mut conn, id, timing.lease, leads).await?;
            let election = PgElection {
                options,
                conn: Some(conn),
                id,
                host,
                timing,
            };
            (Inner::Postgres(Box::new(election)), leads)
        }
    };
    let id = match &inner {
        Inner::Sole { id, .. } => *id,
        Inner::Postgres(e) => e.id,
    };
    let (alive, alive_rx) = watch::channel(true);
    let (leading, leading_rx) = watch::channel(leads);
    tracing::info!(replica = id, leads, "joined as a replica");
    Ok((
        Election {
            inner,
            alive,
            leading,
        },
        Replica::new(id, alive_rx, timing),
        Leadership { rx: leading_rx },
    ))
}

impl Election {
    /// Keeps the registration and leadership current until `stop`, then resigns. Stop
    /// it only after the dispatcher and the workers have finished: until then this
    /// replica must still count as alive, or others would take back its work in flight.
    pub async fn run(self, stop: CancellationToken) {
        let Election {
            inner,
            alive,
            leading,
        } = self;
        match inner {
            Inner::Sole { db, id } => {
                stop.cancelled().await;
                let _ = leading.send(false);
                if let Err(e) = db.replicas().remove(id).await {
                    tracing::debug!(error = %e, "cannot deregister");
                }
            }
            Inner::Postgres(mut election) => {
                election.run(&alive, &leading, &stop).await;
            }
        }
    }
}

impl PgElection {
    async fn run(
        &mut self,
        alive: &watch::Sender<bool>,
        leading: &watch::Sender<bool>,
        stop: &CancellationToken,
    ) {
        let retry = self.timing.retry;
        loop {
            tokio::select! {
                _ = stop.cancelled() => break,
                _ = tokio::time::sleep(retry) => {}
            }
            let leads = *leading.borrow();
            // Bounded: a half-open connection must not keep a leader leading.
            let round = tokio::time::timeout(retry.max(Duration::from_secs(1)), self.round(leads));
            match round.await {
                Ok(Ok(now_leads)) => {
                    alive.send_if_modified(|a| !std::mem::replace(a, true));
                    if now_leads != leads {
                        let _ = leading.send(now_leads);
                    }
                }
                Ok(Err(e)) => self.lost(alive, leading, &e.to_string()),
                Err(_) => self.lost(alive, leading, "the database did not answer in time"),
            }
        }
        let _ = leading.send(false);
        if let Some(mut conn) = self.conn.take() {
            if let Err(e) = session::resign(&mut conn, self.id).await {
                tracing::debug!(error = %e, "cannot resign cleanly; the lease will run out");
            }
            let _ = conn.close().await;
        }
        tracing::debug!("election stopped");
    }

    /// One round: (re)connect and register if needed, renew the lease, try to lead.
    /// Returns whether this replica leads afterwards.
    async fn round(&mut self, leads: bool) -> Result<bool, consult_domain::Error> {
        if self.conn.is_none() {
            let mut conn = PgConnection::connect_with(&self.options).await?;
            let pid = i64::from(std::process::id());
            session::register(&mut conn, Some(self.id), &self.host, pid, self.timing.lease).await?;
            tracing::info!(
                replica = self.id,
                "registered again after a lost connection"
            );
            self.conn = Some(conn);
        }
        let Some(conn) = self.conn.as_mut() else {
            return Ok(false);
        };
        if !session::heartbeat(conn, self.id, self.timing.lease, leads).await? {
            let pid = i64::from(std::process::id());
            session::register(conn, Some(self.id), &self.host, pid, self.timing.lease).await?;
        }
        if leads {
            return Ok(true);
        }
        let now_leads = session::try_lead(conn).await?;
        if now_leads {
            session::heartbeat(conn, self.id, self.timing.lease, true).await?;
        }
        Ok(now_leads)
    }

    /// The dedicated connection failed: whatever it held may be gone, so step down at
    /// once and claim nothing new until registered again.
    fn lost(&mut self, alive: &watch::Sender<bool>, leading: &watch::Sender<bool>, why: &str) {
        self.conn = None;
        if *leading.borrow() {
            tracing::error!(
                error = why,
                "lost the coordination connection; stepping down as leader"
            );
        } else {
            tracing::warn!(error = why, "lost the coordination connection; retrying");
        }
        let _ = leading.send(false);
        alive.send_if_modified(|a| std::mem::replace(a, false));
    }
}

/// What the leader runs during a term: in polling mode, long polling (after removing
/// any webhook, so switching modes needs no manual step); in webhook mode, `setWebhook`
/// once per term (every replica serves the endpoint, only the leader tells Telegram
/// where it is); and in both, the broadcast sender and the scheduler.
#[derive(Clone)]
pub(crate) struct Duties {
    pub bot: teloxide::Bot,
    pub deps: consult_handlers::Deps,
    pub me: teloxide::types::Me,
    pub config: crate::Config,
    /// Woken when polling has stored updates.
    pub wake: crate::wake::Wake,
    pub metrics: std::sync::Arc<crate::metrics::Metrics>,
    pub owner: ReplicaId,
    /// The webhook was already set at start (so that a refusal stops the program with a
    /// clear line); the first term need not set it again.
    pub webhook_set: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Duties {
    /// Runs the leader's jobs until `term` is cancelled, then waits for them to stop.
    pub async fn term(self, term: CancellationToken) {
        use crate::{
            intake::{Polling, webhook},
            workers::{
                broadcast::{BroadcastWorker, Limits},
                scheduler::Scheduler,
            },
        };
        let polling = match &self.config.webhook {
            Some(hook) => {
                let already = self
                    .webhook_set
                    .swap(false, std::sync::atomic::Ordering::SeqCst);
                if !already && let Err(e) = webhook::register(&self.bot, hook).await {
                    tracing::error!(error = %e, "cannot set the webhook");
                }
                None
            }
            None => {
                // getUpdates fails while a webhook is set.
                if let Err(e) = webhook::unregister(&self.bot).await {
                    tracing::warn!(error = %e, "could not remove the webhook; polling may conflict");
                }
                Some(Polling::new(
                    &self.config,
                    self.deps.db.clone(),
                    self.deps.clock.clone(),
                    self.wake.clone(),
                ))
            }
        };
        let broadcaster = BroadcastWorker::new(
            self.bot.clone(),
            &self.me,
            self.deps.clone(),
            Limits {
                per_second: self.config.broadcast_rate,
                per_chat_per_minute: self.config.group_rate,
            },
            self.owner,
        )
        .with_metrics(self.metrics.clone());
        let scheduler = Scheduler {
            bot: Some(self.bot.clone()),
            deps: self.deps.clone(),
            reminders: self.config.reminders.clone(),
            wake: self.deps.wake_scheduler.clone(),
        };
        let polling = polling.map(|p| tokio::spawn(p.run(term.clone())));
        let broadcasting = tokio::spawn(broadcaster.run(term.clone()));
        let scheduling = tokio::spawn(scheduler.run(term.clone()));
        if let Some(Err(e)) = match polling {
            Some(task) => Some(task.await),
            None => None,
        } {
            tracing::error!(error = %e, "intake task failed");
        }
        if let Err(e) = broadcasting.await {
            tracing::error!(error = %e, "broadcast worker failed");
        }
        if let Err(e) = scheduling.await {
            tracing::error!(error = %e, "scheduler failed");
        }
    }
}
