//! `consult-bot backup --to FILE`: an online copy of the SQLite database.
//!
//! `VACUUM INTO` writes a consistent snapshot of the database (one read transaction)
//! into a new, compact file while the bot keeps running — unlike copying the file,
//! which would miss what is still in the `-wal` file or catch a write half-done. The
//! database is opened as it is: no migration (a backup taken before an upgrade must be
//! of the old schema) and no file created when the path is wrong. PostgreSQL is refused
//! with advice: pg_dump is the tool there.

use std::{path::Path, str::FromStr, time::Duration};

use sqlx::{ConnectOptions, Connection, sqlite::SqliteConnectOptions};

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
    let target = to
        .to_str()
        .ok_or_else(|| AppError::Backup(format!("{shown}: not a UTF-8 path")))?;
    let options = SqliteConnectOptions::from_str(database_url)
        .map_err(|_| AppError::DatabaseUrl(database_url.to_owned()))?
        .create_if_missing(false)
        .busy_timeout(Duration::from_secs(30));
    let mut conn = options
        .connect()
        .await
        .map_err(|e| AppError::DatabaseUnreachable(e.to_string()))?;
    let copied = sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(&mut conn)
        .await;
    let _ = conn.close().await;
    copied.map_err(|e| AppError::Backup(e.to_string()))?;
    verify(to).await?;
    let size = std::fs::metadata(to)
        .map_err(|e| AppError::Backup(format!("{shown}: {e}")))?
        .len();
    tracing::info!(file = %shown, size, "database backed up");
    Ok(size)
}

/// Opens the copy read-only and checks it, so a backup that would not restore is
/// reported now rather than on the day it is needed.
async fn verify(file: &Path) -> Result<(), AppError> {
    let shown = file.display().to_string();
    let mut conn = SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .connect()
        .await
        .map_err(|e| AppError::Backup(format!("{shown}: {e}")))?;
    let check: String = sqlx::query_scalar("PRAGMA quick_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| AppError::Backup(format!("{shown}: {e}")))?;
    let _ = conn.close().await;
    if check == "ok" {
        Ok(())
    } else {
        Err(AppError::Backup(format!("{shown}: {check}")))
    }
}
