//! Photos from an event, as the liaison adds them after it has begun: sent to the bot
//! with the event's number as the caption, or uploaded in the console. The bytes are
//! kept in `law_event_photos`, checked as every kept photo is ([`crate::photos`]: the
//! size, the type read from the bytes, a JPEG's GPS position removed), at most
//! [`PHOTOS_MAX`] an event. Only staff whose scope holds the event see them: faces of
//! residents are not for the event's public page.
//!
//! Before this table the chat kept Telegram file ids in `law_events.photos`; the bot
//! adopts those ([`Events::legacy_photos`], [`Events::adopt_photo`]) on its
//! scheduler's next look, and the list is left empty.

use chrono::{DateTime, Utc};
use sqlx::types::Json;

use super::{Event, Events, PHOTOS_MAX, Refusal};
use crate::{
    Actor, Error,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    photos::{ImageType, Photo},
    review::Scope,
};

/// A kept photo of an event, without its bytes (those come one at a time,
/// [`Events::photo`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventPhoto {
    pub id: i64,
    pub event_id: i64,
    pub kind: ImageType,
    /// Bytes, after the metadata was removed.
    pub size: i64,
    pub created_at: DateTime<Utc>,
}

/// Inserts a checked photo of an event inside an open transaction; its row id.
macro_rules! insert_photo {
    ($tx:ident, $event:expr, $photo:expr, $now:expr) => {{
        let photo: &Photo = $photo;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO law_event_photos (event_id, content_type, size, bytes, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind($event)
        .bind(photo.kind.content_type())
        .bind(photo.bytes.len() as i32)
        .bind(&photo.bytes)
        .bind($now)
        .fetch_one(&mut *$tx)
        .await?;
        id
    }};
}

/// A `law_event_photos` row without its bytes.
type PhotoRow = (i64, i64, String, i64, DateTime<Utc>);

impl Events<'_> {
    /// The photos of an event, in the order they were added.
    pub async fn photos(&self, event: i64) -> Result<Vec<EventPhoto>, Error> {
        let rows: Vec<PhotoRow> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT id, event_id, content_type, CAST(size AS BIGINT), created_at
             FROM law_event_photos WHERE event_id = $1 ORDER BY id"
        )
        .bind(event)
        .fetch_all(pool)
        .await?);
        rows.into_iter()
            .map(|(id, event_id, kind, size, created_at)| {
                let kind = ImageType::parse(&kind).ok_or_else(|| crate::values::UnknownCode {
                    what: "photo type",
                    code: kind.clone(),
                })?;
                Ok(EventPhoto {
                    id,
                    event_id,
                    kind,
                    size,
                    created_at,
                })
            })
            .collect()
    }

    /// Keeps a checked photo with the event, for staff whose scope holds it, once it
    /// has begun (as the walk-ins and the note): refused when the event already has
    /// [`PHOTOS_MAX`], with nothing stored. Returns the event and how many photos it
    /// has now.
    pub async fn add_photo(
        &self,
        id: i64,
        photo: &Photo,
        scope: Scope,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<(Event, usize), Error> {
        let e = self.reachable(id, scope).await?;
        Self::begun(&e, now)?;
        let count: i64 = on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            // Touching the event's row makes two uploads at once wait for each other,
            // so that the maximum holds.
            sqlx::query("UPDATE law_events SET updated_at = updated_at WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let held: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM law_event_photos WHERE event_id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            if held >= PHOTOS_MAX as i64 {
                return Err(Error::EventRefused(Refusal::TooManyPhotos));
            }
            let photo_id = insert_photo!(tx, id, photo, now);
            let entry = AuditEntry::new(actor, "event.photo", e.code()).detail(
                serde_json::json!({ "photo": photo_id, "bytes": photo.bytes.len(), "photos": held + 1 }),
            );
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
            held + 1
        });
        Ok((e, count as usize))
    }

    /// One photo of an event, for staff whose scope holds the event: the type and the
    /// bytes. None for anything else (another point's event, another event's photo),
    /// so that a page can say "not found".
    pub async fn photo(
        &self,
        event: i64,
        photo: i64,
        scope: Scope,
    ) -> Result<Option<Photo>, Error> {
        match self.reachable(event, scope).await {
            Ok(_) => {}
            Err(Error::UnknownEvent(_)) => return Ok(None),
            Err(e) => return Err(e),
        }
        let row: Option<(String, Vec<u8>)> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT content_type, bytes FROM law_event_photos WHERE id = $1 AND event_id = $2"
        )
        .bind(photo)
        .bind(event)
        .fetch_optional(pool)
        .await?);
        Ok(row.and_then(|(kind, bytes)| ImageType::parse(&kind).map(|kind| Photo { kind, bytes })))
    }

    /// Deletes a photo of an event, for staff whose scope holds it (a photo that
    /// should not have been kept: a face, the wrong event). Audited.
    pub async fn delete_photo(
        &self,
        event: i64,
        photo: i64,
        scope: Scope,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let e = self.reachable(event, scope).await?;
        let entry = AuditEntry::new(actor, "event.photo.delete", e.code())
            .detail(serde_json::json!({ "photo": photo }));
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let n = sqlx::query("DELETE FROM law_event_photos WHERE id = $1 AND event_id = $2")
                .bind(photo)
                .bind(event)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if n == 0 {
                return Err(Error::UnknownEvent(event));
            }
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok(())
    }

    /// How many photos each event has (events without one are left out).
    pub async fn photo_counts(&self) -> Result<std::collections::HashMap<i64, i64>, Error> {
        let rows: Vec<(i64, i64)> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT event_id, COUNT(*) FROM law_event_photos GROUP BY event_id"
        )
        .fetch_all(pool)
        .await?);
        Ok(rows.into_iter().collect())
    }

    /// The Telegram file ids kept before photos were stored here
    /// (`law_events.photos`), each with its event: what the bot still has to adopt.
    pub async fn legacy_photos(&self) -> Result<Vec<(i64, String)>, Error> {
        let rows: Vec<(i64, Json<Vec<String>>)> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT id, photos FROM law_events WHERE photos <> '[]' ORDER BY id"
        )
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .flat_map(|(id, ids)| ids.0.into_iter().map(move |f| (id, f)))
            .collect())
    }

    /// Adopts a photo kept as a Telegram file id: its bytes (downloaded and checked by
    /// the caller) join the event's photos, and the id leaves the old list, in one
    /// transaction. The maximum does not apply: these were already taken. None: what
    /// Telegram held is no photo to keep (not an image, too large); the id leaves the
    /// list all the same, and the audit log says so.
    pub async fn adopt_photo(
        &self,
        event: i64,
        file_id: &str,
        photo: Option<&Photo>,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let code = format!("E{event}");
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            let ids: Option<Json<Vec<String>>> =
                sqlx::query_scalar("SELECT photos FROM law_events WHERE id = $1")
                    .bind(event)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some(Json(mut ids)) = ids else {
                return Err(Error::UnknownEvent(event));
            };
            if !ids.iter().any(|f| f == file_id) {
                return Ok(());
            }
            ids.retain(|f| f != file_id);
            sqlx::query("UPDATE law_events SET photos = $2 WHERE id = $1")
                .bind(event)
                .bind(Json(serde_json::json!(ids)))
                .execute(&mut *tx)
                .await?;
            let detail = match photo {
                Some(photo) => {
                    let photo_id = insert_photo!(tx, event, photo, now);
                    serde_json::json!({ "photo": photo_id, "adopted": true })
                }
                None => serde_json::json!({ "photo": null, "adopted": false }),
            };
            let entry = AuditEntry::new(Actor::System, "event.photo", code).detail(detail);
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok(())
    }
}
