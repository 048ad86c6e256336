//! Telegram's flood control, optionally enforced by the fake server: a global rate of
//! messages per second and a per-chat rate of messages per minute, each a token bucket
//! that starts full (a second's, resp. a minute's worth) and refills continuously. A
//! message over either budget gets 429 `Too Many Requests: retry after N` with
//! `parameters.retry_after`, like Telegram. Off by default.

use std::collections::HashMap;
use std::time::Instant;

/// Methods that send a message and so count against the limits.
pub(crate) fn counts(method: &str) -> bool {
    matches!(
        method,
        "sendMessage"
            | "sendDocument"
            | "sendPhoto"
            | "sendVoice"
            | "sendAudio"
            | "sendVideo"
            | "sendAnimation"
            | "sendSticker"
            | "sendMediaGroup"
            | "sendLocation"
            | "sendContact"
            | "sendPoll"
            | "copyMessage"
            | "forwardMessage"
    )
}

#[derive(Debug, Clone)]
struct Bucket {
    tokens: f64,
    capacity: f64,
    /// Tokens per second.
    rate: f64,
    last: Instant,
}

impl Bucket {
    fn new(capacity: f64, rate: f64, now: Instant) -> Bucket {
        Bucket {
            tokens: capacity,
            capacity,
            rate,
            last: now,
        }
    }

    fn refill(&mut self, now: Instant) {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.rate).min(self.capacity);
        self.last = now;
    }

    /// Seconds until one token is available (0 when one is).
    fn wait(&self) -> f64 {
        if self.tokens >= 1.0 {
            0.0
        } else {
            (1.0 - self.tokens) / self.rate
        }
    }
}

#[derive(Debug)]
pub(crate) struct RateLimiter {
    per_chat_per_minute: u32,
    global: Bucket,
    chats: HashMap<i64, Bucket>,
}

impl RateLimiter {
    pub(crate) fn new(per_second: u32, per_chat_per_minute: u32) -> RateLimiter {
        let now = Instant::now();
        let per_second = per_second.max(1);
        RateLimiter {
            per_chat_per_minute: per_chat_per_minute.max(1),
            global: Bucket::new(f64::from(per_second), f64::from(per_second), now),
            chats: HashMap::new(),
        }
    }

    /// Takes one message to `chat` from both budgets, or says after how many whole
    /// seconds to retry (Telegram's `retry_after`, at least 1).
    pub(crate) fn take(&mut self, chat: Option<i64>) -> Result<(), u32> {
        let now = Instant::now();
        self.global.refill(now);
        let m = f64::from(self.per_chat_per_minute);
        let mut wait = self.global.wait();
        if let Some(chat) = chat {
            let bucket = self
                .chats
                .entry(chat)
                .or_insert_with(|| Bucket::new(m, m / 60.0, now));
            bucket.refill(now);
            wait = wait.max(bucket.wait());
        }
        if wait > 0.0 {
            return Err(wait.ceil().max(1.0) as u32);
        }
        self.global.tokens -= 1.0;
        if let Some(chat) = chat
            && let Some(bucket) = self.chats.get_mut(&chat)
        {
            bucket.tokens -= 1.0;
        }
        Ok(())
    }
}
