//! How an SQLite connection waits for another connection's write to finish.
//!
//! SQLite lets one connection write at a time; the others wait in a busy handler. The
//! one `busy_timeout` installs sleeps 1, 2, 5, 10, 15, 20, 25 … ms between tries, while
//! a write here holds the lock for some tens of microseconds. Under load the bot's
//! connections therefore slept a millisecond or more for a lock that was free long
//! before: at saturation on the service benchmark about 1,700 sleeps a second, with
//! CPU left idle (BENCHMARKS.md). This handler tries again after 50 µs at first and
//! backs off only when the wait is long (a migration, a backup, another process), up
//! to the same overall timeout.

use std::{ffi::c_void, os::raw::c_int, time::Duration};

use sqlx::SqliteConnection;

/// Tries of each pace: (how many, the pause after each).
const PACES: [(u32, Duration); 3] = [
    (20, Duration::from_micros(50)),
    (100, Duration::from_micros(500)),
    (u32::MAX, Duration::from_millis(5)),
];

/// The pause after the `count`th try (from 0) and the time waited before it.
fn pace(count: u32) -> (Duration, Duration) {
    let mut waited = Duration::ZERO;
    let mut left = count;
    for (tries, pause) in PACES {
        if left < tries {
            return (pause, waited + pause * left);
        }
        waited += pause * tries;
        left -= tries;
    }
    (Duration::MAX, Duration::MAX)
}

/// SQLite's busy callback. The timeout in milliseconds travels as the user-data
/// pointer's value (never dereferenced), so nothing has to outlive the connection.
extern "C" fn wait_briefly(timeout_ms: *mut c_void, count: c_int) -> c_int {
    let timeout = Duration::from_millis(timeout_ms as usize as u64);
    let (pause, waited) = pace(u32::try_from(count).unwrap_or(0));
    if waited.saturating_add(pause) > timeout {
        return 0;
    }
    std::thread::sleep(pause);
    1
}

/// Replaces the connection's busy handler with [`wait_briefly`], giving up after
/// `timeout` as `busy_timeout` would.
pub(crate) async fn wait_briefly_on(
    conn: &mut SqliteConnection,
    timeout: Duration,
) -> Result<(), sqlx::Error> {
    let timeout_ms = usize::try_from(timeout.as_millis()).unwrap_or(usize::MAX);
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle();
    // SAFETY: the locked handle guarantees that sqlx's worker thread makes no call on
    // this connection meanwhile; the callback is a plain function that never unwinds
    // and never dereferences its user-data pointer.
    let rc = unsafe {
        libsqlite3_sys::sqlite3_busy_handler(
            db.as_ptr(),
            Some(wait_briefly),
            timeout_ms as *mut c_void,
        )
    };
    if rc == libsqlite3_sys::SQLITE_OK {
        Ok(())
    } else {
        Err(sqlx::Error::Protocol(format!(
            "sqlite3_busy_handler failed ({rc})"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_tries_come_quickly_and_the_total_follows_the_paces() {
        assert_eq!(pace(0), (Duration::from_micros(50), Duration::ZERO));
        assert_eq!(
            pace(19),
            (Duration::from_micros(50), Duration::from_micros(950))
        );
        assert_eq!(
            pace(20),
            (Duration::from_micros(500), Duration::from_millis(1))
        );
        assert_eq!(
            pace(120),
            (Duration::from_millis(5), Duration::from_millis(51))
        );
        // Ten seconds are reached after about two thousand tries, not sooner.
        let (_, at_2000) = pace(2_000);
        assert!(at_2000 < Duration::from_secs(10) && at_2000 > Duration::from_secs(9));
    }

    #[test]
    fn it_gives_up_at_the_timeout() {
        let ten_ms = 10usize as *mut c_void;
        assert_eq!(wait_briefly(ten_ms, 0), 1);
        // 20 × 50 µs + 18 × 500 µs = 10 ms: the next pause would pass the timeout.
        assert_eq!(wait_briefly(ten_ms, 38), 0);
        assert_eq!(
            wait_briefly(std::ptr::null_mut(), 0),
            0,
            "no timeout, no wait"
        );
    }
}
