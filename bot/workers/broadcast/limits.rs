//! The broadcast worker's limits: a global rate paced on real time and a per-chat
//! budget on the injected clock (see the worker's notes in [`super`]).

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use chrono::{DateTime, Utc};
use tokio::time::Instant;

/// The worker's rates.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Messages per second, all chats together.
    pub per_second: u32,
    /// Messages per minute to one chat.
    pub per_chat_per_minute: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_second: 25,
            per_chat_per_minute: 20,
        }
    }
}

/// The global pace on real time: a generic cell rate algorithm (a token bucket that
/// refills continuously). Bursts are short — a tenth of a second's worth — so the
/// rate Telegram sees over any second stays within the limit however the requests
/// travel.
#[derive(Debug)]
pub struct Pace {
    interval: Duration,
    tolerance: Duration,
    /// When the bucket would be empty again ("theoretical arrival time").
    tat: Instant,
}

impl Pace {
    pub fn new(per_second: u32) -> Self {
        let per_second = per_second.max(1);
        let interval = Duration::from_secs(1) / per_second;
        let burst = (per_second / 10).max(1);
        Pace {
            interval,
            tolerance: interval * (burst - 1),
            tat: Instant::now(),
        }
    }

    /// Takes one message's budget, or says how long until there is one.
    pub fn try_take(&mut self, now: Instant) -> Result<(), Duration> {
        let tat = self.tat.max(now);
        let ahead = tat - now;
        if ahead > self.tolerance {
            return Err(ahead - self.tolerance);
        }
        self.tat = tat + self.interval;
        Ok(())
    }
}

/// A [`Pace`] shared by the sender and the progress messages, waited on asynchronously.
#[derive(Debug, Clone)]
pub(super) struct SharedPace(pub(super) Arc<Mutex<Pace>>);

impl SharedPace {
    pub(super) fn try_take(&self) -> Result<(), Duration> {
        let mut pace = self.0.lock().unwrap_or_else(|e| e.into_inner());
        pace.try_take(Instant::now())
    }

    pub(super) async fn take(&self) {
        while let Err(wait) = self.try_take() {
            tokio::time::sleep(wait).await;
        }
    }
}

/// The per-chat budget on the injected clock: a full minute's worth may go at once,
/// then one message every `60 s / rate`.
#[derive(Debug)]
pub(super) struct ChatBudget {
    interval: chrono::Duration,
    tolerance: chrono::Duration,
    tat: HashMap<i64, DateTime<Utc>>,
}

impl ChatBudget {
    pub(super) fn new(per_minute: u32) -> Self {
        let per_minute = per_minute.max(1);
        let interval = chrono::Duration::milliseconds(60_000 / i64::from(per_minute));
        ChatBudget {
            interval,
            tolerance: interval * (per_minute as i32 - 1),
            tat: HashMap::new(),
        }
    }

    /// Ok when `chat` may get a message now, or when it may.
    pub(super) fn check(&self, chat: i64, now: DateTime<Utc>) -> Result<(), DateTime<Utc>> {
        match self.tat.get(&chat) {
            Some(tat) if *tat - now > self.tolerance => Err(*tat - self.tolerance),
            _ => Ok(()),
        }
    }

    pub(super) fn take(&mut self, chat: i64, now: DateTime<Utc>) {
        let tat = self.tat.get(&chat).copied().unwrap_or(now).max(now);
        self.tat.insert(chat, tat + self.interval);
        if self.tat.len() > 10_000 {
            // Chats whose budget is full again need no entry.
            self.tat.retain(|_, t| *t > now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pace_allows_a_short_burst_then_one_per_interval() {
        let mut pace = Pace::new(100);
        let start = Instant::now();
        for _ in 0..10 {
            assert!(pace.try_take(start).is_ok());
        }
        let wait = pace.try_take(start).unwrap_err();
        assert_eq!(wait, Duration::from_millis(10));
        assert!(pace.try_take(start + wait).is_ok());
        assert!(pace.try_take(start + wait).is_err());
    }

    #[test]
    fn a_chat_may_take_a_minutes_worth_then_waits() {
        let now = Utc::now();
        let mut chats = ChatBudget::new(20);
        for _ in 0..20 {
            assert!(chats.check(-1, now).is_ok());
            chats.take(-1, now);
        }
        let at = chats.check(-1, now).unwrap_err();
        assert_eq!(at - now, chrono::Duration::seconds(3));
        assert!(chats.check(-2, now).is_ok(), "other chats are not held up");
        assert!(chats.check(-1, at).is_ok());
    }
}
