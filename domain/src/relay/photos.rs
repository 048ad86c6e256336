//! A photo sent with a 社情民意 report from the web form. In chat a photo stays with
//! Telegram and the report keeps its file id; the web has nowhere else to keep one, so
//! its bytes go into `relay_photos`, checked as every kept photo is ([`crate::photos`]:
//! the chat's size limit, the type read from the bytes, a JPEG's GPS position
//! removed); [`crate::limits::ATTACHMENTS_MAX`] counts it with the other files.
//!
//! The photo is uploaded with the form and waits, unclaimed, for the read-back's
//! 「提交」, which claims it by the upload key the form carried, for the browser that
//! sent it only ([`super::Relay::submit_web`]).

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use super::Relay;
use crate::{
    Error,
    db::{WritePool, on_pool},
    opinions::web::{Sender, nonce},
    photos::{ImageType, Photo},
};

/// An upload no report claimed is deleted after this long.
pub(super) const UNCLAIMED: Duration = Duration::days(1);

/// The attachment kind of a photo kept here; its `file_id` is the photo's row id.
pub const WEB_PHOTO: &str = "web_photo";

/// The SHA-256 of an upload key: what the table keeps.
pub(super) fn upload_hash(key: &str) -> String {
    crate::held::hex(&Sha256::digest(key.as_bytes()))
}

impl Relay<'_> {
    /// Keeps a checked photo, unclaimed, for the browser that sent it, and returns
    /// the upload key the form carries to 「提交」 (128 random bits; only its hash is
    /// kept). None when the browser already sent `per_hour` photos in the past hour.
    /// Unclaimed uploads older than a day are deleted on the way.
    pub async fn upload_photo(
        &self,
        photo: &Photo,
        sender: &Sender,
        per_hour: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, Error> {
        let key = nonce();
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query("DELETE FROM relay_photos WHERE report_id IS NULL AND created_at < $1")
                .bind(now - UNCLAIMED)
                .execute(&mut *tx)
                .await?;
            let sent: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM relay_photos WHERE browser_hash = $1 AND created_at >= $2",
            )
            .bind(sender.browser())
            .bind(now - Duration::hours(1))
            .fetch_one(&mut *tx)
            .await?;
            if sent >= per_hour {
                return Ok(None);
            }
            sqlx::query(
                "INSERT INTO relay_photos (upload_hash, browser_hash, report_id, content_type, size,
                     bytes, created_at)
                 VALUES ($1, $2, NULL, $3, $4, $5, $6)",
            )
            .bind(upload_hash(&key))
            .bind(sender.browser())
            .bind(photo.kind.content_type())
            .bind(photo.bytes.len() as i32)
            .bind(&photo.bytes)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
        });
        Ok(Some(key))
    }

    /// Whether `key` names a photo this browser uploaded and no report claimed yet
    /// (a read-back carrying a forged or stale key is refused before 「提交」).
    pub async fn upload_waiting(&self, key: &str, sender: &Sender) -> Result<bool, Error> {
        let n: i64 = on_pool!(self.0, |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM relay_photos
             WHERE upload_hash = $1 AND browser_hash = $2 AND report_id IS NULL"
        )
        .bind(upload_hash(key))
        .bind(sender.browser())
        .fetch_one(pool)
        .await?);
        Ok(n > 0)
    }

    /// A photo of report `report` (its row id as the attachment's `file_id`): the
    /// type and the bytes. None for anything else, so a page can say "not found".
    pub async fn photo(&self, report: i64, photo: i64) -> Result<Option<Photo>, Error> {
        let row: Option<(String, Vec<u8>)> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT content_type, bytes FROM relay_photos WHERE id = $1 AND report_id = $2"
        )
        .bind(photo)
        .bind(report)
        .fetch_optional(pool)
        .await?);
        Ok(row.and_then(|(kind, bytes)| ImageType::parse(&kind).map(|kind| Photo { kind, bytes })))
    }
}

/// The row ids of a report's web photos, in the order they were attached.
pub fn web_photos(report: &super::Report) -> Vec<i64> {
    report
        .attachments
        .iter()
        .filter(|a| a.kind == WEB_PHOTO)
        .filter_map(|a| a.file_id.parse().ok())
        .collect()
}
