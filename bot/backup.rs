//! `consult-bot backup --to FILE`: an online copy of the SQLite database, taken by
//! [`consult_domain::backup::copy_sqlite`] while the bot keeps running. What is refused
//! is decided here, before anything is opened: PostgreSQL (pg_dump is the tool there),
//! a URL that is neither backend, and an existing file (never overwritten).

use std::path::Path;

use consult_domain::backup::{BackupError, copy_sqlite};

use crate::AppError;

/// Copies the database at `database_url` to `to`; returns the backup's size in bytes.
pub async fn backup(database_url: &str, to: &Path) -> Result<u64, AppError> {
    if database_url.starts_with("postgres:") || database_url.starts_with("postgresql:") {
        return Err(AppError::BackupPostgres);
    }
    if !database_url.starts_with("sqlite:") {
        return Err(AppError::DatabaseUrl(database_url.to_owned()));
    }
    let shown = to.display().to_string();
    // VACUUM INTO refuses an existing file too; checking first gives the clear message.
    if to.exists() {
        return Err(AppError::BackupExists(shown));
    }
    copy_sqlite(database_url, to).await.map_err(|e| match e {
        BackupError::Url => AppError::DatabaseUrl(database_url.to_owned()),
        BackupError::Unreachable(detail) => AppError::DatabaseUnreachable(detail),
        BackupError::Failed(detail) => AppError::Backup(detail),
    })?;
    let size = std::fs::metadata(to)
        .map_err(|e| AppError::Backup(format!("{shown}: {e}")))?
        .len();
    tracing::info!(file = %shown, size, "database backed up");
    Ok(size)
}
