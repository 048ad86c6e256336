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
use consult_domain::{
    Db,
    health::{Gauges, MigrationState},
};
use tokio_util::sync::CancellationToken;

use crate::{
    AppError,
    metrics::{Metrics, family, label_value},
};

/// A probe or scrape gives up on the database after this long: the prober's own
/// timeout is short (Kubernetes defaults to 1 s) and a hung check helps nobody.
const DB_TIMEOUT: Duration = Duration::from_secs(3);

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
    match tokio::time::timeout(DB_TIMEOUT, h.db.health().migration_state()).await {
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
    let gauges = tokio::time::timeout(DB_TIMEOUT, h.db.health().gauges()).await;
    let up = matches!(gauges, Ok(Ok(_)));
    family(
        &mut out,
        "consult_database_up",
        "gauge",
        "1 when the database answered this scrape.",
    );
    out.push_str(&format!("consult_database_up {}\n", u8::from(up)));
    match gauges {
        Ok(Ok(g)) => render_gauges(&g, &mut out),
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

/// Renders the numbers the domain read from the database as Prometheus gauges.
fn render_gauges(g: &Gauges, out: &mut String) {
    family(
        out,
        "consult_inbox_backlog",
        "gauge",
        "Stored updates not handled yet (waiting or being handled).",
    );
    out.push_str(&format!(
        "consult_inbox_backlog {}\n",
        g.inbox.pending + g.inbox.handling
    ));
    family(
        out,
        "consult_inbox_updates",
        "gauge",
        "Rows in the inbox by state (finished rows are kept for the retention window).",
    );
    for (state, n) in [
        ("pending", g.inbox.pending),
        ("handling", g.inbox.handling),
        ("handled", g.inbox.handled),
        ("unparsable", g.inbox.unparsable),
        ("failed", g.inbox.failed),
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
        let n = g
            .deliveries
            .iter()
            .find(|(s, _)| s == state)
            .map_or(0, |(_, n)| *n);
        out.push_str(&format!("consult_deliveries{{state=\"{state}\"}} {n}\n"));
    }
    // A state added later still shows, rather than vanishing from the sum.
    for (state, n) in &g.deliveries {
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
    out.push_str(&format!("consult_opinions_stored {}\n", g.opinions));
}
