//! This process as one replica among those sharing a database — and the rule that an
//! SQLite database has exactly one.
//!
//! On PostgreSQL any number of replicas may run: each registers in the `replicas`
//! table, names itself as the owner of the work it claims, and keeps a liveness lock
//! and a lease on its own connection (see `consult_domain::replicas` and
//! [`crate::leader`]). On SQLite the database is a file inside one process; a second
//! bot on the same file would race for its write lock and duplicate polling, so `run`
//! takes an exclusive lock on a file next to the database and a second `run` stops at
//! once with one clear line. Administrative commands (`migrate`, `point`, `role`,
//! `invite`, `consultation`, `export` …) do not take it: they are short transactions
//! that SQLite's own locking (WAL and a busy timeout) keeps safe beside the running bot.

use std::{
    fs::{File, OpenOptions, TryLockError},
    io::Write,
    path::{Path, PathBuf},
    str::FromStr,
    time::Duration,
};

use consult_domain::replicas::ReplicaId;
use sqlx::sqlite::SqliteConnectOptions;
use tokio::sync::watch;

use crate::AppError;

/// The clocks of coordination, in real time (never the injected clock: a test moving
/// the clock by a week must not make every replica look dead).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// How often a follower tries to take the lead, the leader checks its connection,
    /// every replica renews its lease, and dead replicas' work is looked for.
    pub retry: Duration,
    /// How long a replica counts as alive after its last renewal, even if the database
    /// still sees its connection (a hung process, a half-open connection).
    pub lease: Duration,
}

impl Timing {
    /// A lease shorter than three renewals would let a busy replica look dead.
    pub fn new(retry: Duration, lease: Duration) -> Timing {
        let retry = retry.max(Duration::from_millis(10));
        Timing {
            retry,
            lease: lease.max(retry * 3),
        }
    }
}

impl Default for Timing {
    fn default() -> Self {
        Timing::new(Duration::from_secs(3), Duration::from_secs(15))
    }
}

/// This process as a replica: its id (the owner named on the work it claims) and
/// whether its registration is current. While it is not (its dedicated connection was
/// lost), the others may already be putting its work back, so it claims nothing new.
#[derive(Debug, Clone)]
pub struct Replica {
    id: ReplicaId,
    alive: watch::Receiver<bool>,
    timing: Timing,
}

impl Replica {
    pub(crate) fn new(id: ReplicaId, alive: watch::Receiver<bool>, timing: Timing) -> Replica {
        Replica { id, alive, timing }
    }

    pub fn id(&self) -> ReplicaId {
        self.id
    }

    pub fn is_alive(&self) -> bool {
        *self.alive.borrow()
    }

    pub fn timing(&self) -> Timing {
        self.timing
    }
}

/// The host name, recorded beside the pid so an operator can tell replicas apart.
pub fn host_name() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/proc/sys/kernel/hostname").ok())
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Held for as long as the bot runs on an SQLite database; dropping it lets another
/// process start.
#[derive(Debug)]
pub struct SqliteLock {
    _file: File,
}

/// For an SQLite URL naming a file: takes the exclusive lock on `<file>.lock`, or fails
/// with [`AppError::DatabaseInUse`] when another process holds it. Other URLs (and an
/// in-memory database) need no lock. A lock file that cannot be created (a read-only
/// directory) is skipped: opening the database will then report the real problem.
pub fn lock_sqlite(database_url: &str) -> Result<Option<SqliteLock>, AppError> {
    let in_memory = database_url.contains(":memory:") || database_url.contains("mode=memory");
    if !database_url.starts_with("sqlite:") || in_memory {
        return Ok(None);
    }
    let Ok(options) = SqliteConnectOptions::from_str(database_url) else {
        return Ok(None);
    };
    let path = options.get_filename();
    if path.as_os_str().is_empty() || path == Path::new(":memory:") {
        return Ok(None);
    }
    let lock_path = PathBuf::from(format!("{}.lock", path.display()));
    let mut file = match OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
    {
        Ok(f) => f,
        Err(e) => {
            tracing::warn!(path = %lock_path.display(), error = %e, "cannot create the lock file; a second bot on this database would not be refused");
            return Ok(None);
        }
    };
    match file.try_lock() {
        Ok(()) => {
            // Who holds it, for an operator who wonders.
            let _ = file.set_len(0);
            let _ = writeln!(file, "{} {}", std::process::id(), host_name());
            Ok(Some(SqliteLock { _file: file }))
        }
        Err(TryLockError::WouldBlock) => Err(AppError::DatabaseInUse(path.display().to_string())),
        Err(TryLockError::Error(e)) => {
            tracing::warn!(path = %lock_path.display(), error = %e, "cannot lock the lock file; a second bot on this database would not be refused");
            Ok(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lease_outlasts_three_renewals() {
        let t = Timing::new(Duration::from_secs(2), Duration::from_secs(1));
        assert_eq!(t.lease, Duration::from_secs(6));
    }

    #[test]
    fn a_second_lock_on_the_same_file_is_refused_and_freed_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite:{}", dir.path().join("bot.db").display());
        let first = lock_sqlite(&url).unwrap();
        assert!(first.is_some());
        assert!(matches!(lock_sqlite(&url), Err(AppError::DatabaseInUse(_))));
        drop(first);
        assert!(lock_sqlite(&url).unwrap().is_some());
        assert!(lock_sqlite("sqlite::memory:").unwrap().is_none());
        assert!(lock_sqlite("postgres://x@y/z").unwrap().is_none());
    }
}
