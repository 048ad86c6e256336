//! Health and metrics on their own listen address (`--health-listen`), apart from the
//! webhook, so that probes and Prometheus never go through the public reverse proxy:
//!
//! - `/healthz`: the process is up and serving (no database call: a liveness probe
//!   must not restart a bot because its database is down).
//! - `/readyz`: the database answers and every migration this binary carries is
//!   applied, unchanged; 503 with the reason otherwise.
//! - `/metrics`: Prometheus text. Counters of this process ([`Metrics`]) and gauges read
//!   from the database at scrape time (inbox backlog, deliveries by state, opinions),
//!   which are the same whichever replica is scraped.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::{
    Router,
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use consult_domain::Db;
use sqlx::migrate::Migrator;
use tokio_util::sync::CancellationToken;

use crate::{
    AppError,
    metrics::{Metrics, family, label_value},
};

/// A probe or scrape gives up on the database after this long: the prober's own
/// timeout is short (Kubernetes defaults to 1 s) and a hung check helps nobody.
const DB_TIMEOUT: Duration = Duration::from_secs(3);

/// The migrations this binary applies at start, per backend (the same directories
/// `consult_domain::Db::migrate` embeds).
static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Clone)]
struct Health {
    db: Db,
    metrics: Arc<Metrics>,
}

/// Binds `addr` now (so a taken port is reported at start) and serves until `stop`.
pub async fn serve(
    addr: SocketAddr,
    db: Db,
    metrics: Arc<Metrics>,
    stop: CancellationToken,
) -> Result<tokio::task::JoinHandle<()>, AppError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| AppError::Listen {
            addr: addr.to_string(),
            detail: e.to_string(),
        })?;
    let app = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(scrape))
        .with_state(Health { db, metrics });
    tracing::info!(%addr, "health and metrics listening");
    Ok(tokio::spawn(async move {
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async move { stop.cancelled().await })
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "health endpoint failed");
        }
    }))
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn readyz(State(h): State<Health>) -> Response {
    match tokio::time::timeout(DB_TIMEOUT, migration_state(&h.db)).await {
        Ok(Ok(MigrationState::Current)) => (StatusCode::OK, "ready\n").into_response(),
        Ok(Ok(state)) => {
            tracing::warn!(
                ?state,
                "not ready: the schema is not what this binary expects"
            );
            let body = format!("not ready: migrations {state:?}\n");
            (StatusCode::SERVICE_UNAVAILABLE, body).into_response()
        }
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "not ready: the database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "not ready: database\n").into_response()
        }
        Err(_) => {
            tracing::warn!("not ready: the database did not answer in time");
            (StatusCode::SERVICE_UNAVAILABLE, "not ready: database\n").into_response()
        }
    }
}

async fn scrape(State(h): State<Health>) -> Response {
    let mut out = String::new();
    h.metrics.render(&mut out);
    let gauges = tokio::time::timeout(DB_TIMEOUT, read_gauges(&h.db)).await;
    let up = matches!(gauges, Ok(Ok(_)));
    family(
        &mut out,
        "consult_database_up",
        "gauge",
        "1 when the database answered this scrape.",
    );
    out.push_str(&format!("consult_database_up {}\n", u8::from(up)));
    match gauges {
        Ok(Ok(g)) => g.render(&mut out),
        Ok(Err(e)) => tracing::warn!(error = %e, "metrics: cannot read the database"),
        Err(_) => tracing::warn!("metrics: the database did not answer in time"),
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        out,
    )
        .into_response()
}

/// How the applied migrations compare with the ones this binary carries.
#[derive(Debug, PartialEq, Eq)]
pub enum MigrationState {
    Current,
    /// Migrations of this binary not applied yet (or applied and failed).
    Pending(Vec<i64>),
    /// Applied migrations whose file changed since (sqlx refuses to run then).
    Changed(Vec<i64>),
    /// Applied migrations this binary does not know: the database is newer.
    Unknown(Vec<i64>),
}

/// Compares `_sqlx_migrations` with the embedded migrations.
pub async fn migration_state(db: &Db) -> Result<MigrationState, sqlx::Error> {
    type Row = (i64, Vec<u8>, bool);
    let (applied, migrator): (Vec<Row>, &Migrator) = match db {
        Db::Sqlite(pool) => (
            sqlx::query_as("SELECT version, checksum, success FROM _sqlx_migrations")
                .fetch_all(pool)
                .await?,
            &SQLITE_MIGRATIONS,
        ),
        Db::Postgres(pool) => (
            sqlx::query_as("SELECT version, checksum, success FROM _sqlx_migrations")
                .fetch_all(pool)
                .await?,
            &POSTGRES_MIGRATIONS,
        ),
    };
    let expected: Vec<_> = migrator
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .collect();
    let mut pending = Vec::new();
    let mut changed = Vec::new();
    for m in &expected {
        match applied.iter().find(|(v, _, _)| *v == m.version) {
            Some((_, checksum, true)) if checksum.as_slice() == &*m.checksum => {}
            Some((_, _, true)) => changed.push(m.version),
            _ => pending.push(m.version),
        }
    }
    let unknown: Vec<i64> = applied
        .iter()
        .map(|(v, _, _)| *v)
        .filter(|v| !expected.iter().any(|m| m.version == *v))
        .collect();
    Ok(if !pending.is_empty() {
        MigrationState::Pending(pending)
    } else if !changed.is_empty() {
        MigrationState::Changed(changed)
    } else if !unknown.is_empty() {
        MigrationState::Unknown(unknown)
    } else {
        MigrationState::Current
    })
}

/// Numbers kept in the database, read at scrape time.
struct Gauges {
    inbox: consult_domain::inbox::InboxCounts,
    deliveries: Vec<(String, i64)>,
    opinions: i64,
}

async fn read_gauges(db: &Db) -> Result<Gauges, consult_domain::Error> {
    let inbox = db.inbox().counts().await?;
    const DELIVERIES: &str = "SELECT state, COUNT(*) FROM deliveries GROUP BY state ORDER BY state";
    const OPINIONS: &str = "SELECT COUNT(*) FROM opinions";
    let (deliveries, opinions) = match db {
        Db::Sqlite(pool) => (
            sqlx::query_as(DELIVERIES).fetch_all(pool).await?,
            sqlx::query_scalar(OPINIONS).fetch_one(pool).await?,
        ),
        Db::Postgres(pool) => (
            sqlx::query_as(DELIVERIES).fetch_all(pool).await?,
            sqlx::query_scalar(OPINIONS).fetch_one(pool).await?,
        ),
    };
    Ok(Gauges {
        inbox,
        deliveries,
        opinions,
    })
}

impl Gauges {
    fn render(&self, out: &mut String) {
        family(
            out,
            "consult_inbox_backlog",
            "gauge",
            "Stored updates not handled yet (waiting or being handled).",
        );
        out.push_str(&format!(
            "consult_inbox_backlog {}\n",
            self.inbox.pending + self.inbox.handling
        ));
        family(
            out,
            "consult_inbox_updates",
            "gauge",
            "Rows in the inbox by state (finished rows are kept for the retention window).",
        );
        for (state, n) in [
            ("pending", self.inbox.pending),
            ("handling", self.inbox.handling),
            ("handled", self.inbox.handled),
            ("unparsable", self.inbox.unparsable),
            ("failed", self.inbox.failed),
        ] {
            out.push_str(&format!("consult_inbox_updates{{state=\"{state}\"}} {n}\n"));
        }
        family(
            out,
            "consult_deliveries",
            "gauge",
            "Broadcast deliveries by state (queued, sending, sent, failed, unknown).",
        );
        for state in ["queued", "sending", "sent", "failed", "unknown"] {
            let n = self
                .deliveries
                .iter()
                .find(|(s, _)| s == state)
                .map_or(0, |(_, n)| *n);
            out.push_str(&format!("consult_deliveries{{state=\"{state}\"}} {n}\n"));
        }
        // A state added later still shows, rather than vanishing from the sum.
        for (state, n) in &self.deliveries {
            if !["queued", "sending", "sent", "failed", "unknown"].contains(&state.as_str()) {
                out.push_str(&format!(
                    "consult_deliveries{{state=\"{}\"}} {n}\n",
                    label_value(state)
                ));
            }
        }
        family(
            out,
            "consult_opinions_stored",
            "gauge",
            "Opinions in the ledger (every channel, withdrawn ones included).",
        );
        out.push_str(&format!("consult_opinions_stored {}\n", self.opinions));
    }
}
