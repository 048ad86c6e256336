//! The scheduler: reminders before deadlines, closing at the deadline, and expiry of
//! abandoned opinion dialogues, driven by the injected clock (tests move it;
//! production reads the system clock).

use std::{sync::Arc, time::Duration};

use consult_handlers::{Deps, consultations, opinion};
use teloxide::types::Me;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::app::backoff;

/// Looked at even without a wake-up, in case another process changed something.
const RESCAN: Duration = Duration::from_secs(60);

pub struct Scheduler {
    pub bot: teloxide::Bot,
    pub deps: Deps,
    pub me: Me,
    pub reminders: Vec<chrono::Duration>,
    pub wake: Arc<Notify>,
}

impl Scheduler {
    pub async fn run(self, stop: CancellationToken) {
        let mut failures = 0u32;
        loop {
            let next = match self.tick().await {
                Ok(next) => {
                    failures = 0;
                    next
                }
                Err(e) => {
                    failures += 1;
                    tracing::error!(error = %e, "scheduler failed; retrying");
                    None
                }
            };
            let pause = if failures > 0 {
                backoff(failures)
            } else {
                RESCAN
            };
            let clock = self.deps.clock.clone();
            let due = async move {
                match next {
                    Some(at) => clock.sleep_until(at).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                _ = stop.cancelled() => break,
                _ = self.wake.notified() => {}
                _ = due => {}
                _ = tokio::time::sleep(pause) => {}
            }
        }
        tracing::info!("scheduler stopped");
    }

    /// Does what is due; returns when something will next be due.
    async fn tick(
        &self,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, consult_handlers::HandlerError> {
        consultations::run_due(&self.deps, &self.me, &self.reminders).await?;
        let dialogue = opinion::expire(&self.bot, &self.deps).await?;
        let held = consult_handlers::replies::expire(&self.deps).await?;
        let now = self.deps.clock.now();
        let cutoff = now - self.deps.details_retention;
        let erased = self
            .deps
            .db
            .opinions()
            .erase_details_concluded_before(cutoff, now)
            .await?;
        if erased > 0 {
            tracing::info!(erased, "personal details erased after the retention time");
        }
        let consultation = self
            .deps
            .db
            .consultations()
            .next_due(&self.reminders)
            .await?;
        let erasure = self
            .deps
            .db
            .opinions()
            .next_erasure(self.deps.details_retention)
            .await?;
        Ok([dialogue, consultation, erasure, held]
            .into_iter()
            .flatten()
            .min())
    }
}
