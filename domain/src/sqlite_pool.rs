//! SQLite connections kept by the bot itself instead of by sqlx's pool.
//!
//! sqlx 0.8's pool pings every connection as it comes back (`return_to_pool`), from a
//! task it spawns for that. For SQLite a ping is a round trip to the connection's worker
//! thread, so every statement cost two hand-offs between threads instead of one: about
//! a third of the bot's CPU per dialogue step on a 2-core VM (BENCHMARKS.md). An
//! embedded connection cannot go stale, and what the ping is there to flush — a
//! transaction left open by a dropped future — is rolled back here by [`WriteTx`]'s
//! drop before the connection is used again. A connection whose worker failed is not
//! kept.

use std::{
    ops::{Deref, DerefMut},
    sync::{
        Arc, Mutex, PoisonError,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use futures::{
    StreamExt, TryStreamExt,
    future::BoxFuture,
    stream::{self, BoxStream},
};
use sqlx::{
    ConnectOptions, Connection, Describe, Either, Execute, Executor, Sqlite, SqliteConnection,
    sqlite::{SqliteConnectOptions, SqliteQueryResult, SqliteRow, SqliteStatement, SqliteTypeInfo},
};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Up to `max` connections to one SQLite database, opened when first needed.
#[derive(Clone)]
pub struct SqliteConnections(Arc<Inner>);

struct Inner {
    options: SqliteConnectOptions,
    busy_timeout: Duration,
    idle: Mutex<Vec<SqliteConnection>>,
    permits: Arc<Semaphore>,
    acquire_timeout: Duration,
    closed: AtomicBool,
}

impl std::fmt::Debug for SqliteConnections {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteConnections")
            .field("available", &self.0.permits.available_permits())
            .finish_non_exhaustive()
    }
}

impl SqliteConnections {
    /// Opens the first connection at once, so that a wrong path or an unreadable file is
    /// reported at start. A statement waits up to `busy_timeout` for another
    /// connection's write (see [`crate::sqlite_busy`]); the busy timeout in `options`
    /// covers only the PRAGMAs sqlx runs as a connection opens, before that handler
    /// replaces it.
    pub async fn connect(
        options: SqliteConnectOptions,
        max: usize,
        busy_timeout: Duration,
        acquire_timeout: Duration,
    ) -> Result<Self, sqlx::Error> {
        let first = open(&options, busy_timeout).await?;
        Ok(Self(Arc::new(Inner {
            options,
            busy_timeout,
            idle: Mutex::new(vec![first]),
            permits: Arc::new(Semaphore::new(max)),
            acquire_timeout,
            closed: AtomicBool::new(false),
        })))
    }

    /// A connection of its own for the caller, waiting at most the acquire timeout when
    /// all are in use.
    pub async fn acquire(&self) -> Result<PooledSqlite, sqlx::Error> {
        let permit = tokio::time::timeout(
            self.0.acquire_timeout,
            Arc::clone(&self.0.permits).acquire_owned(),
        )
        .await
        .map_err(|_| sqlx::Error::PoolTimedOut)?
        .map_err(|_| sqlx::Error::PoolClosed)?;
        let idle = self
            .0
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let conn = match idle {
            Some(conn) => conn,
            None => open(&self.0.options, self.0.busy_timeout).await?,
        };
        Ok(PooledSqlite {
            conn: Some(conn),
            owner: Arc::clone(&self.0),
            broken: false,
            _permit: permit,
        })
    }

    /// Opens a transaction that will write. `BEGIN IMMEDIATE` takes SQLite's write lock
    /// at once, so two writers never deadlock upgrading a read lock (which would fail
    /// with SQLITE_BUSY regardless of the busy timeout).
    pub async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        // Made before `BEGIN` runs, so that a caller cancelled while it runs, or a
        // `BEGIN` that failed, still goes through the drop's rollback (which also tells
        // a failed connection from a failed statement).
        let mut tx = WriteTx {
            conn: Some(self.acquire().await?),
        };
        tx.execute("BEGIN IMMEDIATE").await?;
        Ok(tx)
    }

    /// Refuses new work and closes the idle connections; those in use close as they
    /// come back.
    pub async fn close(&self) {
        self.0.closed.store(true, Ordering::SeqCst);
        self.0.permits.close();
        let idle = std::mem::take(&mut *self.0.idle.lock().unwrap_or_else(PoisonError::into_inner));
        for conn in idle {
            let _ = conn.close().await;
        }
    }
}

async fn open(
    options: &SqliteConnectOptions,
    busy_timeout: Duration,
) -> Result<SqliteConnection, sqlx::Error> {
    let mut conn = options.connect().await?;
    crate::sqlite_busy::wait_briefly_on(&mut conn, busy_timeout).await?;
    Ok(conn)
}

/// A connection lent by [`SqliteConnections`]; it goes back as it is dropped.
pub struct PooledSqlite {
    conn: Option<SqliteConnection>,
    owner: Arc<Inner>,
    broken: bool,
    _permit: OwnedSemaphorePermit,
}

impl PooledSqlite {
    /// Passes `result` on, remembering whether it says the connection itself failed
    /// (rather than the statement), so that it is not lent again.
    fn note<T>(&mut self, result: Result<T, sqlx::Error>) -> Result<T, sqlx::Error> {
        if let Err(sqlx::Error::Io(_) | sqlx::Error::WorkerCrashed | sqlx::Error::Protocol(_)) =
            &result
        {
            self.broken = true;
        }
        result
    }
}

impl Deref for PooledSqlite {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        // Only `Drop` takes the connection out.
        self.conn.as_ref().unwrap_or_else(|| unreachable!())
    }
}

impl DerefMut for PooledSqlite {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        self.conn.as_mut().unwrap_or_else(|| unreachable!())
    }
}

impl Drop for PooledSqlite {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else { return };
        if self.broken || self.owner.closed.load(Ordering::SeqCst) {
            // Dropping it ends its worker thread, which closes the handle.
            return;
        }
        self.owner
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(conn);
    }
}

/// A write transaction on a connection of its own. Dropped without `commit`, it is
/// rolled back before the connection is lent again.
pub struct WriteTx {
    conn: Option<PooledSqlite>,
}

impl WriteTx {
    pub async fn commit(mut self) -> Result<(), sqlx::Error> {
        self.finish("COMMIT").await
    }

    pub async fn rollback(mut self) -> Result<(), sqlx::Error> {
        self.finish("ROLLBACK").await
    }

    async fn finish(&mut self, sql: &'static str) -> Result<(), sqlx::Error> {
        let Some(mut conn) = self.conn.take() else {
            return Ok(());
        };
        let done = conn.execute(sql).await;
        // Whatever state a failed COMMIT or ROLLBACK left, the connection must not be
        // lent with a transaction open.
        conn.broken |= done.is_err();
        done.map(drop)
    }
}

impl Deref for WriteTx {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        self.conn.as_deref().unwrap_or_else(|| unreachable!())
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        self.conn.as_deref_mut().unwrap_or_else(|| unreachable!())
    }
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        let Some(mut conn) = self.conn.take() else {
            return;
        };
        // An error or a cancelled caller left the transaction open: roll it back on the
        // connection's own worker before the connection goes back. Without a runtime
        // (shutting down) the connection is closed instead, which rolls back too.
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                runtime.spawn(async move {
                    // "No transaction is active" (BEGIN itself failed) leaves a good
                    // connection; only a failed connection is not kept.
                    let done = conn.execute("ROLLBACK").await;
                    let _ = conn.note(done);
                });
            }
            Err(_) => conn.broken = true,
        }
    }
}

/// Statements on `&SqliteConnections` borrow a connection for just that statement, as
/// they would on sqlx's pool.
impl<'p> Executor<'p> for &'_ SqliteConnections {
    type Database = Sqlite;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, Result<Either<SqliteQueryResult, SqliteRow>, sqlx::Error>>
    where
        E: 'q + Execute<'q, Sqlite>,
    {
        let pool = self.clone();
        // Rows are collected before they are handed on, so that the stream does not
        // borrow the connection it owns; every caller here reads whole results anyway.
        stream::once(async move {
            let mut conn = pool.acquire().await?;
            let rows = conn.fetch_many(query).try_collect::<Vec<_>>().await;
            conn.note(rows)
        })
        .map_ok(|rows| stream::iter(rows.into_iter().map(Ok)))
        .try_flatten()
        .boxed()
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxFuture<'e, Result<Option<SqliteRow>, sqlx::Error>>
    where
        E: 'q + Execute<'q, Sqlite>,
    {
        let pool = self.clone();
        Box::pin(async move {
            let mut conn = pool.acquire().await?;
            let row = conn.fetch_optional(query).await;
            conn.note(row)
        })
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [SqliteTypeInfo],
    ) -> BoxFuture<'e, Result<SqliteStatement<'q>, sqlx::Error>> {
        let pool = self.clone();
        Box::pin(async move {
            let mut conn = pool.acquire().await?;
            let statement = conn.prepare_with(sql, parameters).await;
            conn.note(statement)
        })
    }

    fn describe<'e, 'q: 'e>(
        self,
        sql: &'q str,
    ) -> BoxFuture<'e, Result<Describe<Sqlite>, sqlx::Error>> {
        let pool = self.clone();
        Box::pin(async move {
            let mut conn = pool.acquire().await?;
            let described = conn.describe(sql).await;
            conn.note(described)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    async fn connections(max: usize) -> (tempfile::TempDir, SqliteConnections) {
        let dir = tempfile::tempdir().unwrap();
        let pool = open(&dir, max).await;
        sqlx::query("CREATE TABLE t (x INTEGER)")
            .execute(&pool)
            .await
            .unwrap();
        (dir, pool)
    }

    /// Another set of connections to the same file, as a second process would have.
    async fn open(dir: &tempfile::TempDir, max: usize) -> SqliteConnections {
        let url = format!("sqlite:{}", dir.path().join("t.db").display());
        let options = SqliteConnectOptions::from_str(&url)
            .unwrap()
            .create_if_missing(true)
            .busy_timeout(Duration::from_millis(50));
        SqliteConnections::connect(
            options,
            max,
            Duration::from_millis(50),
            Duration::from_millis(200),
        )
        .await
        .unwrap()
    }

    #[tokio::test]
    async fn statements_wait_with_the_pools_busy_handler_not_sqlxs() {
        let (dir, _pool) = connections(1).await;
        let url = format!("sqlite:{}", dir.path().join("t.db").display());
        // sqlx's own handler would wait ten seconds; the pool's is told not to wait.
        let options = SqliteConnectOptions::from_str(&url)
            .unwrap()
            .busy_timeout(Duration::from_secs(10));
        let impatient =
            SqliteConnections::connect(options, 1, Duration::ZERO, Duration::from_secs(1))
                .await
                .unwrap();
        let other = open(&dir, 1).await;
        let holder = other.begin_write().await.unwrap();
        let started = std::time::Instant::now();
        let refused = sqlx::query("INSERT INTO t VALUES (1)")
            .execute(&impatient)
            .await;
        assert!(refused.is_err(), "the write lock is held");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "refused at once, not after sqlx's ten seconds"
        );
        holder.rollback().await.unwrap();
        insert_committed(&impatient, 2).await;
        assert_eq!(count(&impatient).await, 1);
    }

    /// Writes `x` in a write transaction of its own and commits it.
    async fn insert_committed(pool: &SqliteConnections, x: i64) {
        let mut tx = pool.begin_write().await.unwrap();
        sqlx::query("INSERT INTO t VALUES ($1)")
            .bind(x)
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }

    async fn count(pool: &SqliteConnections) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM t")
            .fetch_one(pool)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_transaction_dropped_without_commit_leaves_nothing_and_frees_the_lock() {
        let (_dir, pool) = connections(1).await;
        {
            let mut tx = pool.begin_write().await.unwrap();
            sqlx::query("INSERT INTO t VALUES (1)")
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        // The only connection comes back rolled back: this write is not stuck behind
        // an open transaction, and the dropped row is gone.
        insert_committed(&pool, 2).await;
        assert_eq!(count(&pool).await, 1);
    }

    #[tokio::test]
    async fn a_begin_refused_for_a_busy_database_does_not_leave_the_pool_stuck() {
        let (dir, pool) = connections(1).await;
        let other = open(&dir, 1).await;
        let holder = other.begin_write().await.unwrap();
        assert!(pool.begin_write().await.is_err(), "the write lock is held");
        holder.rollback().await.unwrap();
        insert_committed(&pool, 1).await;
        assert_eq!(count(&other).await, 1);
    }

    #[tokio::test]
    async fn a_begin_cancelled_half_way_is_rolled_back_not_lent_open() {
        let (dir, pool) = connections(1).await;
        let other = open(&dir, 1).await;
        // Dropped after one poll, with BEGIN sent and not yet answered (should the
        // worker thread answer within that poll, the whole thing is tried again).
        loop {
            let mut begin = Box::pin(pool.begin_write());
            if futures::poll!(&mut begin).is_pending() {
                break;
            }
        }
        // Had the connection gone back with `BEGIN IMMEDIATE` open, it would hold the
        // write lock for good: another process could not write, and this pool's next
        // statement would land in a transaction nobody commits.
        insert_committed(&other, 1).await;
        sqlx::query("INSERT INTO t VALUES (2)")
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(count(&other).await, 2);
    }

    #[tokio::test]
    async fn waiting_for_a_connection_gives_up_after_the_timeout() {
        let (_dir, pool) = connections(1).await;
        let held = pool.acquire().await.unwrap();
        assert!(matches!(
            pool.acquire().await,
            Err(sqlx::Error::PoolTimedOut)
        ));
        drop(held);
        assert_eq!(count(&pool).await, 0);
    }

    #[tokio::test]
    async fn a_closed_pool_refuses_work() {
        let (_dir, pool) = connections(2).await;
        pool.close().await;
        assert!(matches!(pool.acquire().await, Err(sqlx::Error::PoolClosed)));
    }
}
