//! An online copy of an SQLite database, for `consult-bot backup --to FILE`.
//!
//! `VACUUM INTO` writes a consistent snapshot of the database (one read transaction)
//! into a new, compact file while the bot keeps running — unlike copying the file,
//! which would miss what is still in the `-wal` file or catch a write half-done. The
//! database is opened as it is, not through [`crate::Db::connect`]: no migration (a
//! backup taken before an upgrade must be of the old schema) and no file created when
//! the path is wrong. The bot decides what to refuse before (PostgreSQL, an existing
//! file) and tells the operator.

use std::{path::Path, str::FromStr, time::Duration};

use sqlx::{ConnectOptions, Connection, sqlite::SqliteConnectOptions};

/// How long the copy waits for a writer of the live database to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The URL is not one SQLite can open; the operator is shown it.
    #[error("not an SQLite database URL")]
    Url,
    /// The database file cannot be opened (missing, unreadable, not a database).
    #[error("cannot open the database: {0}")]
    Unreachable(String),
    /// The copy could not be written, or the written copy fails its check.
    #[error("{0}")]
    Failed(String),
}

/// Copies the SQLite database at `database_url` into the new file `to`, then opens the
/// copy read-only and checks it, so a backup that would not restore is reported now
/// rather than on the day it is needed.
pub async fn copy_sqlite(database_url: &str, to: &Path) -> Result<(), BackupError> {
    let shown = to.display().to_string();
    let target = to
        .to_str()
        .ok_or_else(|| BackupError::Failed(format!("{shown}: not a UTF-8 path")))?;
    let options = SqliteConnectOptions::from_str(database_url)
        .map_err(|_| BackupError::Url)?
        .create_if_missing(false)
        .busy_timeout(BUSY_TIMEOUT);
    let mut conn = options
        .connect()
        .await
        .map_err(|e| BackupError::Unreachable(e.to_string()))?;
    let copied = sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(&mut conn)
        .await;
    let _ = conn.close().await;
    copied.map_err(|e| BackupError::Failed(e.to_string()))?;
    verify(to)
        .await
        .map_err(|detail| BackupError::Failed(format!("{shown}: {detail}")))
}

/// `PRAGMA quick_check` on the copy, opened read-only; the problem found, if any.
async fn verify(file: &Path) -> Result<(), String> {
    let mut conn = SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .connect()
        .await
        .map_err(|e| e.to_string())?;
    let check: Result<String, _> = sqlx::query_scalar("PRAGMA quick_check")
        .fetch_one(&mut conn)
        .await;
    let _ = conn.close().await;
    match check {
        Ok(check) if check == "ok" => Ok(()),
        Ok(check) => Err(check),
        Err(e) => Err(e.to_string()),
    }
}
