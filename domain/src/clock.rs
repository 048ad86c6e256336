//! Time as an injected dependency: production reads the system clock, tests move a
//! manual one, so deadlines, reminders and expiry are tested without sleeping.

use std::{future::Future, pin::Pin, sync::Arc};

use chrono::{DateTime, Duration, DurationRound, TimeDelta, Utc};
use tokio::sync::watch;

pub type Sleep<'a> = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Now, truncated to milliseconds so that stored times compare correctly as text
    /// in SQLite and round-trip exactly in PostgreSQL.
    fn now(&self) -> DateTime<Utc>;

    /// Completes once this clock reads `at` or later. Workers wait on this (never on
    /// tokio's clock directly) so that tests can move time forward.
    fn sleep_until(&self, at: DateTime<Utc>) -> Sleep<'_>;
}

pub type SharedClock = Arc<dyn Clock>;

fn truncate(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(TimeDelta::milliseconds(1)).unwrap_or(t)
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        truncate(Utc::now())
    }

    fn sleep_until(&self, at: DateTime<Utc>) -> Sleep<'_> {
        let wait = (at - Utc::now()).to_std().unwrap_or_default();
        Box::pin(tokio::time::sleep(wait))
    }
}

/// A clock that only moves when told to; sleepers wake when it passes their time.
#[derive(Debug, Clone)]
pub struct ManualClock {
    now: Arc<watch::Sender<DateTime<Utc>>>,
}

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        Self {
            now: Arc::new(watch::Sender::new(truncate(start))),
        }
    }

    pub fn advance(&self, by: Duration) {
        self.now.send_modify(|now| *now = truncate(*now + by));
    }

    pub fn set(&self, to: DateTime<Utc>) {
        self.now.send_replace(truncate(to));
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.borrow()
    }

    fn sleep_until(&self, at: DateTime<Utc>) -> Sleep<'_> {
        let mut rx = self.now.subscribe();
        Box::pin(async move {
            // The sender lives as long as the clock, so this only ends when time comes.
            let _ = rx.wait_for(|now| *now >= at).await;
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_manual_sleeper_wakes_when_the_clock_passes_its_time() {
        use chrono::TimeZone;
        let start = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
        let clock = ManualClock::new(start);
        let woken = tokio::spawn({
            let clock = clock.clone();
            async move { clock.sleep_until(start + Duration::hours(1)).await }
        });
        tokio::task::yield_now().await;
        clock.advance(Duration::minutes(59));
        tokio::task::yield_now().await;
        assert!(!woken.is_finished());
        clock.advance(Duration::minutes(1));
        woken.await.unwrap();
        clock.sleep_until(start).await;
    }
}
