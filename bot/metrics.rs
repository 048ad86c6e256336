//! The process's own counters, written out in Prometheus' text format by
//! [`crate::health`].
//!
//! Hand-written with atomics rather than the `prometheus` or `metrics` crates: the bot
//! has a handful of series, recording one must cost no more than an atomic add on the
//! dispatch path, and every number that lives in the database (inbox backlog,
//! deliveries, opinions) is read there at scrape time instead of being mirrored in
//! memory, where several replicas would disagree. One [`Metrics`] per running bot (not a
//! global), so bots run side by side in one test process keep their own counts.

use std::{
    fmt::Write as _,
    sync::atomic::{AtomicU64, Ordering},
    time::Duration,
};

/// Upper bounds (seconds) of the handling-latency histogram's buckets: from a cached
/// reply (a few ms) to a handler waiting on Telegram or a busy database.
pub const LATENCY_BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// How handling one update ended, as counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateOutcome {
    Handled,
    /// The handler failed for good (the person was told).
    Failed,
    /// Telegram sent something we cannot parse; kept in the inbox for inspection.
    Unparsable,
}

/// Where a 429 (`Too Many Requests: retry after N`) was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateLimitedPath {
    /// The broadcast worker's sends.
    Broadcast,
    /// A handler's reply to a person (the update is retried later).
    Reply,
}

/// The webhook's answers, by status, so a wrong secret or a database outage shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebhookAnswer {
    /// 200: stored.
    Stored,
    /// 400: not an update.
    BadRequest,
    /// 401: missing or wrong secret.
    Unauthorized,
    /// 503: could not store (database down); Telegram retries.
    Unavailable,
}

#[derive(Debug, Default)]
pub struct Metrics {
    handled: AtomicU64,
    failed: AtomicU64,
    unparsable: AtomicU64,
    latency: Histogram,
    /// Database calls made while handling the updates counted above.
    database_calls: AtomicU64,
    rate_limited_broadcast: AtomicU64,
    rate_limited_reply: AtomicU64,
    webhook: [AtomicU64; 4],
}

impl Metrics {
    /// One update finished after `took` and `calls` database calls (both from claiming
    /// it to recording the outcome).
    pub fn update_finished(&self, outcome: UpdateOutcome, took: Duration, calls: u32) {
        self.database_calls
            .fetch_add(u64::from(calls), Ordering::Relaxed);
        let counter = match outcome {
            UpdateOutcome::Handled => &self.handled,
            UpdateOutcome::Failed => &self.failed,
            UpdateOutcome::Unparsable => &self.unparsable,
        };
        counter.fetch_add(1, Ordering::Relaxed);
        self.latency.observe(took);
    }

    pub fn rate_limited(&self, path: RateLimitedPath) {
        match path {
            RateLimitedPath::Broadcast => &self.rate_limited_broadcast,
            RateLimitedPath::Reply => &self.rate_limited_reply,
        }
        .fetch_add(1, Ordering::Relaxed);
    }

    pub fn webhook_answered(&self, answer: WebhookAnswer) {
        self.webhook[answer as usize].fetch_add(1, Ordering::Relaxed);
    }

    /// Appends this process's series to `out` in Prometheus' text format (0.0.4).
    pub fn render(&self, out: &mut String) {
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        family(
            out,
            "consult_updates_total",
            "counter",
            "Updates this process finished handling, by outcome.",
        );
        for (outcome, counter) in [
            ("handled", &self.handled),
            ("failed", &self.failed),
            ("unparsable", &self.unparsable),
        ] {
            let _ = writeln!(
                out,
                "consult_updates_total{{outcome=\"{outcome}\"}} {}",
                get(counter)
            );
        }
        family(
            out,
            "consult_update_handling_seconds",
            "histogram",
            "Time from claiming an update to recording its outcome.",
        );
        self.latency.render(out, "consult_update_handling_seconds");
        family(
            out,
            "consult_update_database_calls_total",
            "counter",
            "Database calls made handling the updates in consult_updates_total, from claiming each to recording its outcome (a transaction counts once).",
        );
        let _ = writeln!(
            out,
            "consult_update_database_calls_total {}",
            get(&self.database_calls)
        );
        family(
            out,
            "consult_telegram_rate_limited_total",
            "counter",
            "429 Too Many Requests answers from the Bot API, by where they were seen.",
        );
        for (path, counter) in [
            ("broadcast", &self.rate_limited_broadcast),
            ("reply", &self.rate_limited_reply),
        ] {
            let _ = writeln!(
                out,
                "consult_telegram_rate_limited_total{{path=\"{path}\"}} {}",
                get(counter)
            );
        }
        family(
            out,
            "consult_webhook_requests_total",
            "counter",
            "Webhook requests answered, by status code.",
        );
        for (answer, code) in [
            (WebhookAnswer::Stored, 200),
            (WebhookAnswer::BadRequest, 400),
            (WebhookAnswer::Unauthorized, 401),
            (WebhookAnswer::Unavailable, 503),
        ] {
            let _ = writeln!(
                out,
                "consult_webhook_requests_total{{code=\"{code}\"}} {}",
                get(&self.webhook[answer as usize])
            );
        }
    }
}

/// A cumulative histogram over [`LATENCY_BUCKETS`], lock-free.
#[derive(Debug, Default)]
struct Histogram {
    /// Observations per bucket (not cumulative; the last is +Inf).
    buckets: [AtomicU64; LATENCY_BUCKETS.len() + 1],
    sum_micros: AtomicU64,
    count: AtomicU64,
}

impl Histogram {
    fn observe(&self, took: Duration) {
        let seconds = took.as_secs_f64();
        let i = LATENCY_BUCKETS
            .iter()
            .position(|le| seconds <= *le)
            .unwrap_or(LATENCY_BUCKETS.len());
        self.buckets[i].fetch_add(1, Ordering::Relaxed);
        let micros = u64::try_from(took.as_micros()).unwrap_or(u64::MAX);
        self.sum_micros.fetch_add(micros, Ordering::Relaxed);
        self.count.fetch_add(1, Ordering::Relaxed);
    }

    fn render(&self, out: &mut String, name: &str) {
        let mut cumulative = 0;
        for (i, bucket) in self.buckets.iter().enumerate() {
            cumulative += bucket.load(Ordering::Relaxed);
            let le = LATENCY_BUCKETS
                .get(i)
                .map_or_else(|| "+Inf".to_owned(), |b| b.to_string());
            let _ = writeln!(out, "{name}_bucket{{le=\"{le}\"}} {cumulative}");
        }
        let sum = self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "{name}_sum {sum}");
        // The count is the +Inf bucket, so that the two never disagree mid-scrape.
        let _ = writeln!(out, "{name}_count {cumulative}");
    }
}

/// Writes a family's `# HELP` and `# TYPE` lines.
pub fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

/// A label value escaped as the text format requires (backslash, quote, newline).
pub fn label_value(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_histogram_is_cumulative_and_counts_agree() {
        let m = Metrics::default();
        m.update_finished(UpdateOutcome::Handled, Duration::from_millis(3), 4);
        m.update_finished(UpdateOutcome::Handled, Duration::from_millis(70), 5);
        m.update_finished(UpdateOutcome::Failed, Duration::from_secs(100), 2);
        let mut out = String::new();
        m.render(&mut out);
        assert!(out.contains("consult_updates_total{outcome=\"handled\"} 2\n"));
        assert!(out.contains("consult_updates_total{outcome=\"failed\"} 1\n"));
        assert!(out.contains("consult_update_handling_seconds_bucket{le=\"0.005\"} 1\n"));
        assert!(out.contains("consult_update_handling_seconds_bucket{le=\"0.1\"} 2\n"));
        assert!(out.contains("consult_update_handling_seconds_bucket{le=\"30\"} 2\n"));
        assert!(out.contains("consult_update_handling_seconds_bucket{le=\"+Inf\"} 3\n"));
        assert!(out.contains("consult_update_handling_seconds_count 3\n"));
        assert!(out.contains("consult_update_handling_seconds_sum 100.073\n"));
        assert!(out.contains("consult_update_database_calls_total 11\n"));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
