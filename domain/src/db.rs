//! One storage API over SQLite (the embedded default) and PostgreSQL.
//!
//! Repositories write their SQL once where it is portable (`$1` placeholders,
//! `RETURNING`, `ON CONFLICT` work in both) and run it through [`on_pool!`], which
//! expands the same body once per backend so each gets its own typed pool.

use std::{cell::Cell, str::FromStr, time::Duration};

use sqlx::{
    PgPool, Postgres, Transaction,
    migrate::Migrator,
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous},
};

use crate::{
    Error,
    sqlite_pool::{SqliteConnections, WriteTx},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqliteConnections),
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the backend's own pool type, counting one
/// database call (see [`count_calls`]).
macro_rules! on_pool {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $crate::db::Db::counted($db) {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

tokio::task_local! {
    /// Database calls made so far by the work running under [`count_calls`].
    static CALLS: Cell<u32>;
}

/// Runs `work`, counting the database calls it makes: every repository method that
/// reaches a pool counts one, whether it runs one statement or a transaction of
/// several. The dispatch loop runs each update under it, so that the calls one update
/// costs can be reported ([`calls_so_far`]) and held to a bound by a test: one look-up
/// of the person's dialogue per update, not one per feature that might own it. A task
/// local rather than a counter in [`Db`], so that work running beside it (other
/// chats, the workers) is not counted, at the cost of one thread-local read per call.
pub async fn count_calls<F: Future>(work: F) -> F::Output {
    CALLS.scope(Cell::new(0), work).await
}

/// The calls counted so far by the enclosing [`count_calls`]; None outside one.
pub fn calls_so_far() -> Option<u32> {
    CALLS.try_with(Cell::get).ok()
}

/// `text` for a `LIKE … ESCAPE '\'` pattern, its wildcards (`%`, `_`) and the escape
/// itself taken literally: what a person types into a filter is text, not a pattern.
pub(crate) fn like_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The schema history of each backend, embedded in the build: applied by
/// [`Db::migrate`] and compared with the database by the health check.
static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

pub(crate) fn migrator(backend: Backend) -> &'static Migrator {
    match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    }
}

/// How long a statement waits for SQLite's write lock before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A PostgreSQL connection idle this long is pinged before it is lent again.
const PG_CHECK_IDLE_AFTER: Duration = Duration::from_secs(1);

/// How long a statement waits for a free connection before giving up.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

impl Db {
    /// Connects to `url` (`sqlite:path`, `sqlite://path`, `postgres://…`). An SQLite file
    /// is created on first use; WAL lets readers proceed while one writer writes.
    pub async fn connect(url: &str) -> Result<Self, Error> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
                .foreign_keys(true);
            let pool = SqliteConnections::connect(options, 8, SQLITE_BUSY_TIMEOUT, ACQUIRE_TIMEOUT)
                .await?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(ACQUIRE_TIMEOUT)
                // sqlx pings every connection as it goes back to the pool, so one taken
                // again soon after is known to have worked a moment ago; pinging it once
                // more before use cost a round trip per statement (BENCHMARKS.md has the
                // figures). A connection that has sat idle is still checked first: a
                // restart or a dropped link may have ended it meanwhile. Should one end
                // within that second, the statement on it fails and is retried.
                .test_before_acquire(false)
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for < PG_CHECK_IDLE_AFTER {
                            return Ok(true);
                        }
                        Ok(sqlx::Connection::ping(conn).await.is_ok())
                    })
                })
                .connect_with(options)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(Error::UnsupportedDatabase)
        }
    }

    /// Itself, counting one database call for [`count_calls`]. Every path from a
    /// repository to a pool goes through here ([`on_pool!`], or a `match` of its own
    /// where the SQL differs by backend).
    pub(crate) fn counted(&self) -> &Self {
        let _ = CALLS.try_with(|n| n.set(n.get().saturating_add(1)));
        self
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Brings the schema up to date; harmless when it already is.
    pub async fn migrate(&self) -> Result<(), Error> {
        match self {
            Db::Sqlite(pool) => {
                let mut conn = pool.acquire().await?;
                SQLITE_MIGRATIONS.run_direct(&mut *conn).await?
            }
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        // Stored FAQ tokens follow the tokenizer of this build (a migration cannot run
        // jieba): entries made by another one are cut again.
        self.faq().retokenize_stale().await?;
        Ok(())
    }

    /// Proves the database answers and accepts writes, so that a read-only SQLite file
    /// is reported at start rather than at the first opinion.
    pub async fn check_writable(&self) -> Result<(), Error> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query("CREATE TABLE consult_write_probe (x INTEGER)")
                .execute(&mut *tx)
                .await?;
            tx.rollback().await?;
        });
        Ok(())
    }

    pub async fn close(&self) {
        on_pool!(self, |pool| pool.close().await)
    }
}

/// Opens a transaction that will write. SQLite takes the write lock at `BEGIN
/// IMMEDIATE` (see [`SqliteConnections::begin_write`]); the same name on PostgreSQL
/// lets a repository write its transaction once for both.
pub(crate) trait WritePool {
    type Tx;
    fn begin_write(&self) -> impl Future<Output = Result<Self::Tx, sqlx::Error>> + Send;
}

impl WritePool for SqliteConnections {
    type Tx = WriteTx;
    async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        SqliteConnections::begin_write(self).await
    }
}

impl WritePool for PgPool {
    type Tx = Transaction<'static, Postgres>;
    async fn begin_write(&self) -> Result<Self::Tx, sqlx::Error> {
        self.begin().await
    }
}
