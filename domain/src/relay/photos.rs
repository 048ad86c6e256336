//! A photo sent with a 社情民意 report from the web form. In chat a photo stays with
//! Telegram and the report keeps its file id; the web has nowhere else to keep one, so
//! its bytes go into `relay_photos`. The limits are the chat's
//! ([`crate::limits::ATTACHMENT_BYTES`], [`crate::limits::ATTACHMENTS_MAX`] with the
//! other files); the type is read from the bytes themselves (a name or a browser's
//! content type says nothing), and a JPEG loses its metadata segments — a phone's
//! photo carries where the phone was (EXIF GPS) and what it is, which the department
//! reading the report has no need to know.
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
    limits::ATTACHMENT_BYTES,
    opinions::web::{Sender, nonce},
};

/// An upload no report claimed is deleted after this long.
pub(super) const UNCLAIMED: Duration = Duration::days(1);

/// The attachment kind of a photo kept here; its `file_id` is the photo's row id.
pub const WEB_PHOTO: &str = "web_photo";

/// The kinds of image taken, as read from the first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageType {
    Jpeg,
    Png,
    Webp,
}

impl ImageType {
    pub fn content_type(self) -> &'static str {
        match self {
            ImageType::Jpeg => "image/jpeg",
            ImageType::Png => "image/png",
            ImageType::Webp => "image/webp",
        }
    }

    /// The file name's extension, for a photo sent on by the bot.
    pub fn extension(self) -> &'static str {
        match self {
            ImageType::Jpeg => "jpg",
            ImageType::Png => "png",
            ImageType::Webp => "webp",
        }
    }

    /// What the bytes are, by their signature; None for anything else.
    pub fn sniff(bytes: &[u8]) -> Option<ImageType> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageType::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageType::Png)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(ImageType::Webp)
        } else {
            None
        }
    }

    /// Reads a stored content type back.
    pub fn parse(content_type: &str) -> Option<ImageType> {
        [ImageType::Jpeg, ImageType::Png, ImageType::Webp]
            .into_iter()
            .find(|t| t.content_type() == content_type)
    }
}

/// Why a photo was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    /// Over [`ATTACHMENT_BYTES`] (or empty).
    #[error("photo too large")]
    TooLarge,
    /// Not a JPEG, PNG or WebP, whatever its name says; or a JPEG that does not parse.
    #[error("not a photo")]
    NotAPhoto,
}

/// A photo checked and ready to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    pub kind: ImageType,
    pub bytes: Vec<u8>,
}

impl Photo {
    /// Checks the size and the type of `bytes`, and strips a JPEG's metadata.
    pub fn check(bytes: &[u8]) -> Result<Photo, PhotoError> {
        if bytes.is_empty() || bytes.len() as u64 > u64::from(ATTACHMENT_BYTES) {
            return Err(PhotoError::TooLarge);
        }
        let kind = ImageType::sniff(bytes).ok_or(PhotoError::NotAPhoto)?;
        let bytes = match kind {
            ImageType::Jpeg => strip_jpeg_metadata(bytes).ok_or(PhotoError::NotAPhoto)?,
            _ => bytes.to_vec(),
        };
        Ok(Photo { kind, bytes })
    }
}

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

/// A JPEG without its APP1–APP15 segments (EXIF with GPS, XMP, makers' notes) and
/// comments; APP0 (JFIF) and everything that draws the picture stay. None when the
/// segments do not parse.
fn strip_jpeg_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut at = 2;
    loop {
        // Fill bytes (0xFF) may pad between segments.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (&ff, &marker) = (bytes.get(at)?, bytes.get(at + 1)?);
        if ff != 0xFF {
            return None;
        }
        match marker {
            // Start of scan: the picture itself, to the end.
            0xDA => {
                out.extend_from_slice(&bytes[at..]);
                return Some(out);
            }
            // End of image before any scan: not a picture.
            0xD9 => return None,
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&bytes[at..at + 2]);
                at += 2;
            }
            _ => {
                let len = usize::from(u16::from_be_bytes([
                    *bytes.get(at + 2)?,
                    *bytes.get(at + 3)?,
                ]));
                if len < 2 {
                    return None;
                }
                let end = at.checked_add(2 + len)?;
                let segment = bytes.get(at..end)?;
                let metadata = matches!(marker, 0xE1..=0xEF | 0xFE);
                if !metadata {
                    out.extend_from_slice(segment);
                }
                at = end;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg_with_exif() -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8];
        // APP0 JFIF
        j.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x06, b'J', b'F', b'I', b'F']);
        // APP1 Exif with a "GPS" payload
        j.extend_from_slice(&[0xFF, 0xE1, 0x00, 0x08, b'E', b'x', b'i', b'f', b'G', b'P']);
        // A quantisation table, then the scan.
        j.extend_from_slice(&[0xFF, 0xDB, 0x00, 0x03, 0x01]);
        j.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 9, 9, 9, 0xFF, 0xD9]);
        j
    }

    #[test]
    fn the_type_is_read_from_the_bytes_and_metadata_leaves_a_jpeg() {
        let p = Photo::check(&jpeg_with_exif()).unwrap();
        assert_eq!(p.kind, ImageType::Jpeg);
        assert!(!p.bytes.windows(4).any(|w| w == b"Exif"), "{:?}", p.bytes);
        assert!(p.bytes.windows(4).any(|w| w == b"JFIF"));
        assert!(p.bytes.ends_with(&[9, 9, 9, 0xFF, 0xD9]));
        let png = b"\x89PNG\r\n\x1a\nrest".to_vec();
        assert_eq!(Photo::check(&png).unwrap().kind, ImageType::Png);
        assert_eq!(
            Photo::check(b"RIFF\0\0\0\0WEBPVP8 ").unwrap().kind,
            ImageType::Webp
        );
        // A page named photo.jpg is not a photo; neither is a broken JPEG.
        assert_eq!(
            Photo::check(b"<html>photo.jpg</html>"),
            Err(PhotoError::NotAPhoto)
        );
        assert_eq!(
            Photo::check(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF]),
            Err(PhotoError::NotAPhoto)
        );
        assert_eq!(Photo::check(&[]), Err(PhotoError::TooLarge));
        let mut big = jpeg_with_exif();
        big.resize(ATTACHMENT_BYTES as usize + 1, 0);
        assert_eq!(Photo::check(&big), Err(PhotoError::TooLarge));
    }
}
