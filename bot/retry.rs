//! Waiting before trying again after a failure: one pace for the update loop, the
//! leader, the workers and polling, kept apart from the application's assembly so
//! that what it assembles does not reach back into it.

use std::time::Duration;

/// How long to wait before retrying after a failure, growing to a ceiling.
pub(crate) fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(200u64.saturating_mul(1 << attempt.min(6))).min(Duration::from_secs(10))
}
