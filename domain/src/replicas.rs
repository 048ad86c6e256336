//! Replicas: the running processes of the bot that share one database.
//!
//! Any replica may handle any stored update, so work in progress names its owner: an
//! inbox row being handled and a delivery being sent carry the id of the replica that
//! claimed it. When a replica dies mid-way, its work must be put back (an update) or
//! reported (a delivery that may or may not have reached Telegram) — but only its work,
//! never that of a replica that is alive and merely slow.
//!
//! **Who is alive.** On PostgreSQL each replica keeps one dedicated connection outside
//! the pool, on which it holds a session advisory lock `(LOCK_CLASS, id)` and renews a
//! lease (`lease_until`, on the database's clock, so hosts' clocks may disagree). A
//! replica is alive while *both* hold: the lock vanishes the moment the server sees the
//! connection close (a killed process is noticed at once, not after a lease), and the
//! lease covers what the server cannot see (a hung process, a half-open connection).
//! On SQLite there is one process per database file (a lock file refuses a second), so
//! everything owned by anyone else is, by construction, owned by a dead process.
//!
//! **Who leads.** The same dedicated connection is where a replica tries the leadership
//! lock `(LOCK_CLASS, LEADER_KEY)`; see the bot's `leader` module.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgConnection};

use crate::{
    Db, Error,
    db::{WritePool, on_pool},
};

/// A replica's id: small, from the `replicas` table, and the second key of its liveness
/// lock (PostgreSQL's two-key advisory locks take two `int4`s).
pub type ReplicaId = i32;

/// The first key of every advisory lock this program holds on a session ("CSBT").
/// Two-key locks live in a key space apart from one-key (`bigint`) locks, which the
/// inbox uses per chat.
pub const LOCK_CLASS: i32 = 0x4353_4254;
/// The second key of the leadership lock; replicas' liveness locks use their id (≥ 1).
pub const LEADER_KEY: i32 = 0;

/// Replicas whose lease ran out this long ago are forgotten.
const FORGET_AFTER_SECS: f64 = 86_400.0;

/// A replica as the table and the lock manager see it.
#[derive(Debug, Clone, FromRow)]
pub struct ReplicaRow {
    pub id: ReplicaId,
    pub host: String,
    pub pid: i64,
    pub started_at: DateTime<Utc>,
    pub heartbeat_at: DateTime<Utc>,
    pub lease_until: DateTime<Utc>,
    pub leading: bool,
    /// Lease current and liveness lock held (PostgreSQL); the one process (SQLite).
    pub alive: bool,
}

/// SQL that is true when the replica named by `column` is alive (PostgreSQL): its lease
/// has not run out and its liveness lock is held in this database.
pub(crate) fn pg_alive(column: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM replicas r JOIN pg_locks l
                   ON l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                  AND l.classid::bigint = {LOCK_CLASS} AND l.objid::bigint = r.id
                  AND l.database = (SELECT oid FROM pg_database
                                    WHERE datname = current_database())
                 WHERE r.id = {column} AND r.lease_until > clock_timestamp())"
    )
}

pub struct Replicas<'a>(&'a Db);

impl Db {
    pub fn replicas(&self) -> Replicas<'_> {
        Replicas(self)
    }
}

impl Replicas<'_> {
    /// SQLite: registers the one process allowed on this database. Every other row is a
    /// process that is gone (the caller holds the lock file), so they are forgotten.
    pub async fn register_sole(
        &self,
        host: &str,
        pid: i64,
        now: DateTime<Utc>,
    ) -> Result<ReplicaId, Error> {
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query("DELETE FROM replicas")
                .execute(&mut *tx)
                .await?;
            let id: ReplicaId = sqlx::query_scalar(
                "INSERT INTO replicas (host, pid, started_at, heartbeat_at, lease_until, is_leader)
                 VALUES ($1, $2, $3, $3, $3, TRUE) RETURNING id",
            )
            .bind(host)
            .bind(pid)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(id)
        })
    }

    /// Forgets a replica that stops cleanly, so its absence is known at once.
    pub async fn remove(&self, id: ReplicaId) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "DELETE FROM replicas WHERE id = $1"
        )
        .bind(id)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Every registered replica, oldest first, with whether it is alive.
    pub async fn list(&self) -> Result<Vec<ReplicaRow>, Error> {
        Ok(match self.0.counted() {
            Db::Postgres(pool) => {
                sqlx::query_as(&format!(
                "SELECT id, host, pid, started_at, heartbeat_at, lease_until, is_leader AS leading,
                            {} AS alive
                     FROM replicas ORDER BY id",
                pg_alive("replicas.id")
            ))
                .fetch_all(pool)
                .await?
            }
            Db::Sqlite(pool) => sqlx::query_as(
                "SELECT id, host, pid, started_at, heartbeat_at, lease_until, is_leader AS leading,
                            TRUE AS alive
                     FROM replicas ORDER BY id",
            )
            .fetch_all(pool)
            .await?,
        })
    }
}

/// What a replica does on its own dedicated PostgreSQL connection: registering, renewing
/// its lease, and taking or giving up leadership. A session advisory lock belongs to the
/// connection that took it, so these must never go through the pool.
pub mod session {
    use super::*;

    /// Registers this replica (`id` None: a new one; Some: again after a lost connection,
    /// keeping its id so the work it still owns stays its own) and takes its liveness
    /// lock on `conn`. Returns the id.
    pub async fn register(
        conn: &mut PgConnection,
        id: Option<ReplicaId>,
        host: &str,
        pid: i64,
        lease: Duration,
    ) -> Result<ReplicaId, Error> {
        let id: ReplicaId =
            match id {
                None => {
                    sqlx::query_scalar(
                        "INSERT INTO replicas (host, pid, started_at, heartbeat_at, lease_until)
                     VALUES ($1, $2, clock_timestamp(), clock_timestamp(),
                             clock_timestamp() + make_interval(secs => $3))
                     RETURNING id",
                    )
                    .bind(host)
                    .bind(pid)
                    .bind(lease.as_secs_f64())
                    .fetch_one(&mut *conn)
                    .await?
                }
                Some(id) => sqlx::query_scalar(
                    "INSERT INTO replicas (id, host, pid, started_at, heartbeat_at, lease_until)
                     OVERRIDING SYSTEM VALUE
                     VALUES ($4, $1, $2, clock_timestamp(), clock_timestamp(),
                             clock_timestamp() + make_interval(secs => $3))
                     ON CONFLICT (id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at,
                         lease_until = EXCLUDED.lease_until, is_leader = FALSE
                     RETURNING id",
                )
                .bind(host)
                .bind(pid)
                .bind(lease.as_secs_f64())
                .bind(id)
                .fetch_one(&mut *conn)
                .await?,
            };
        // False only when a previous connection of ours is still open on the server
        // (half-open); it then still proves us alive, and will go away.
        let _held: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1, $2)")
            .bind(LOCK_CLASS)
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
        Ok(id)
    }

    /// Renews the lease and records whether this replica leads; also forgets replicas
    /// long dead. False when our row has disappeared (someone removed it): the caller
    /// registers again.
    pub async fn heartbeat(
        conn: &mut PgConnection,
        id: ReplicaId,
        lease: Duration,
        leading: bool,
    ) -> Result<bool, Error> {
        let renewed = sqlx::query(
            "UPDATE replicas SET heartbeat_at = clock_timestamp(),
                 lease_until = clock_timestamp() + make_interval(secs => $2), is_leader = $3
             WHERE id = $1",
        )
        .bind(id)
        .bind(lease.as_secs_f64())
        .bind(leading)
        .execute(&mut *conn)
        .await?
        .rows_affected()
            == 1;
        sqlx::query(
            "DELETE FROM replicas
             WHERE lease_until < clock_timestamp() - make_interval(secs => $1)",
        )
        .bind(FORGET_AFTER_SECS)
        .execute(&mut *conn)
        .await?;
        Ok(renewed)
    }

    /// Tries to take the leadership lock; true when this connection now holds it.
    /// Never waits: the holder keeps it for as long as its connection lives.
    pub async fn try_lead(conn: &mut PgConnection) -> Result<bool, Error> {
        Ok(sqlx::query_scalar("SELECT pg_try_advisory_lock($1, $2)")
            .bind(LOCK_CLASS)
            .bind(LEADER_KEY)
            .fetch_one(&mut *conn)
            .await?)
    }

    /// A clean stop: gives up leadership (if held) and deregisters, so the others take
    /// over at their next try and know at once that this replica owns nothing.
    pub async fn resign(conn: &mut PgConnection, id: ReplicaId) -> Result<(), Error> {
        sqlx::query("SELECT pg_advisory_unlock_all()")
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM replicas WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}
