//! The scheduler: reminders before deadlines, closing at the deadline, the liaisons'
//! daily digest and review reminders, 普法活动 reminders, expiry of abandoned dialogues and held replies,
//! and erasure of personal details, driven by the injected clock (tests move it;
//! production reads the system clock).

use std::{sync::Arc, time::Duration};

use consult_handlers::{Deps, consultations};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::retry::backoff;

/// Looked at even without a wake-up, in case another process changed something.
const RESCAN: Duration = Duration::from_secs(60);

pub struct Scheduler {
    /// None for the web channel alone: there is no chat to tell an expiry in.
    pub bot: Option<teloxide::Bot>,
    pub deps: Deps,
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

    /// Does what is due; returns when something will next be due. The jobs run
    /// independently, so that one failing (say, a broadcast that cannot be queued) does
    /// not hold up the others, least of all the erasure of personal data.
    ///
    /// It never sleeps longer than the shortest time-to-live of a dialogue or a held
    /// reply: one started after this look expires no earlier than that, so handlers
    /// (on any replica) need not wake the scheduler for each one they start.
    async fn tick(
        &self,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, consult_handlers::HandlerError> {
        let deps = &self.deps;
        let started = deps.clock.now();
        let unseen = started + deps.dialogue_ttl.min(deps.held_reply_ttl);
        let mut failed = None;
        let mut note = |job: &str, e: consult_handlers::HandlerError| {
            tracing::error!(job, error = %e, "scheduled job failed");
            failed = Some(e);
        };
        if let Err(e) = consultations::deadlines::run_due(deps, &self.reminders).await {
            note("consultations", e);
        }
        if let Err(e) = consult_handlers::digest::run_digests(deps).await {
            note("digests", e);
        }
        if let Err(e) = consult_handlers::digest::run_review_reminders(deps).await {
            note("review reminders", e);
        }
        let teller = consult_domain::relay::Teller {
            locales: &deps.locales,
            default_locale: deps.default_locale,
        };
        match deps
            .db
            .relay()
            .run_overdue(teller, &deps.relay, deps.clock.now())
            .await
        {
            Ok((0, 0)) => {}
            Ok((reminded, escalated)) => {
                tracing::info!(reminded, escalated, "社情民意 follow-up reminders queued");
                deps.wake_broadcast.notify_one();
            }
            Err(e) => note("relay reminders", e.into()),
        }
        let teller = consult_handlers::events::teller(deps);
        match deps
            .db
            .events()
            .run_reminders(teller, deps.clock.now())
            .await
        {
            Ok(0) => {}
            Ok(queued) => {
                tracing::info!(queued, "普法活动 reminders queued");
                deps.wake_broadcast.notify_one();
            }
            Err(e) => note("event reminders", e.into()),
        }
        if let Some(bot) = &self.bot {
            match consult_handlers::events::adopt_legacy_photos(bot, deps).await {
                Ok(0) => {}
                Ok(adopted) => {
                    tracing::info!(adopted, "earlier 普法活动 photos kept in the database")
                }
                Err(e) => note("event photos", e),
            }
        }
        let dialogue = consult_handlers::expire_dialogues(self.bot.as_ref(), deps)
            .await
            .unwrap_or_else(|e| {
                note("dialogues", e);
                None
            });
        let held = consult_handlers::opinions::group_replies::expire(deps)
            .await
            .unwrap_or_else(|e| {
                note("held replies", e);
                None
            });
        let now = deps.clock.now();
        match deps
            .db
            .opinions()
            .erase_details_concluded_before(now - deps.details_retention, now)
            .await
        {
            Ok(0) => {}
            Ok(erased) => {
                tracing::info!(erased, "personal details erased after the retention time")
            }
            Err(e) => note("erasure", e.into()),
        }
        match deps
            .db
            .relay()
            .erase_details_finished_before(now - deps.details_retention, now)
            .await
        {
            Ok(0) => {}
            Ok(erased) => tracing::info!(
                erased,
                "社情民意 reporters' details erased after the retention time"
            ),
            Err(e) => note("relay erasure", e.into()),
        }
        let consultation = deps.db.consultations().next_due(&self.reminders).await?;
        let digest = consult_handlers::digest::next_due(deps).await?;
        let relay = deps.db.relay().next_due(&deps.relay).await?;
        let events = deps.db.events().next_due(now).await?;
        let erasure = deps
            .db
            .opinions()
            .next_erasure(deps.details_retention)
            .await?;
        if let Some(e) = failed {
            return Err(e);
        }
        Ok([
            dialogue,
            consultation,
            erasure,
            held,
            digest,
            relay,
            events,
            Some(unseen),
        ]
        .into_iter()
        .flatten()
        .min())
    }
}
