//! What the health endpoint asks the database: whether the schema is the one this
//! build carries (`/readyz`), and the numbers kept in the database that `/metrics`
//! shows (`consult_inbox_*`, `consult_deliveries`, `consult_opinions_stored`). The bot
//! renders them; the SQL lives here with the rest.

use sqlx::migrate::Migrator;

use crate::{
    Db, Error,
    db::{migrator, on_pool},
    inbox::InboxCounts,
};

/// How the applied migrations compare with the ones this build carries.
#[derive(Debug, PartialEq, Eq)]
pub enum MigrationState {
    Current,
    /// Migrations of this build not applied yet (or applied and failed).
    Pending(Vec<i64>),
    /// Applied migrations whose file changed since (sqlx refuses to run then).
    Changed(Vec<i64>),
    /// Applied migrations this build does not know: the database is newer.
    Unknown(Vec<i64>),
}

/// Numbers kept in the database, read at scrape time; the same whichever replica is
/// scraped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gauges {
    pub inbox: InboxCounts,
    /// Deliveries by state, every state present in the table (a state added later
    /// still shows), ordered by state.
    pub deliveries: Vec<(String, i64)>,
    /// Opinions in the ledger, every channel, withdrawn ones included.
    pub opinions: i64,
}

pub struct Health<'a>(&'a Db);

impl Db {
    pub fn health(&self) -> Health<'_> {
        Health(self)
    }
}

impl Health<'_> {
    /// Compares `_sqlx_migrations` with the migrations embedded in this build. An
    /// error means the database does not answer (or was never migrated at all).
    pub async fn migration_state(&self) -> Result<MigrationState, Error> {
        let applied: Vec<(i64, Vec<u8>, bool)> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT version, checksum, success FROM _sqlx_migrations"
        )
        .fetch_all(pool)
        .await?);
        Ok(compare(&applied, migrator(self.0.backend())))
    }

    pub async fn gauges(&self) -> Result<Gauges, Error> {
        let inbox = self.0.inbox().counts().await?;
        let (deliveries, opinions) = on_pool!(self.0, |pool| (
            sqlx::query_as("SELECT state, COUNT(*) FROM deliveries GROUP BY state ORDER BY state")
                .fetch_all(pool)
                .await?,
            sqlx::query_scalar("SELECT COUNT(*) FROM opinions")
                .fetch_one(pool)
                .await?,
        ));
        Ok(Gauges {
            inbox,
            deliveries,
            opinions,
        })
    }
}

/// Pending first (the usual case during a rolling upgrade), then changed, then unknown.
fn compare(applied: &[(i64, Vec<u8>, bool)], migrator: &Migrator) -> MigrationState {
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
    if !pending.is_empty() {
        MigrationState::Pending(pending)
    } else if !changed.is_empty() {
        MigrationState::Changed(changed)
    } else if !unknown.is_empty() {
        MigrationState::Unknown(unknown)
    } else {
        MigrationState::Current
    }
}
