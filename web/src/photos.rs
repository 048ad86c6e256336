//! Photos kept in the database, as the web takes and serves them: a resident's with a
//! 社情民意 report, a liaison's after an event. One way to read a form that carries a
//! file (`multipart/form-data`, bounded by the route's body limit), one way to say why
//! a photo was refused (the domain's rule, [`consult_domain::photos`]), and one way
//! to serve a kept photo.

use axum::{
    extract::Multipart,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use consult_domain::photos::{LIMIT_MB, Photo, PhotoError};

use crate::page::Ctx;

/// A form with one photo: the attachment limit and room for the text fields. The
/// route's body limit; a larger body is cut off and said so ([`Upload::too_large`]).
pub const FORM_BODY_BYTES: usize = consult_domain::limits::ATTACHMENT_BYTES as usize + 64 * 1024;

/// A `multipart/form-data` form as posted: its text fields, the file of the field
/// named `file` (if one was chosen), and whether the body was over the limit (then the
/// fields read before the file are kept, and the file is not).
#[derive(Debug, Default)]
pub struct Upload {
    pub fields: Vec<(String, String)>,
    pub file: Option<Vec<u8>>,
    pub too_large: bool,
}

impl Upload {
    /// Reads every field of `form`, line breaks made `\n`.
    pub async fn read(mut form: Multipart) -> Result<Upload, Response> {
        let mut upload = Upload::default();
        loop {
            let field = match form.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    upload.too_large = true;
                    break;
                }
                Err(e) => return Err(e.into_response()),
            };
            let name = field.name().unwrap_or_default().to_owned();
            let is_file = field.file_name().is_some();
            match field.bytes().await {
                Ok(bytes) if is_file => {
                    if name == "file" && !bytes.is_empty() {
                        upload.file = Some(bytes.to_vec());
                    }
                }
                Ok(bytes) => {
                    let value = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
                    upload.fields.push((name, value));
                }
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    upload.too_large = true;
                    break;
                }
                Err(e) => return Err(e.into_response()),
            }
        }
        Ok(upload)
    }

    /// The value of the text field `name`, if posted.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The file checked as a photo to keep: refused when the body was cut off, the
    /// file too large, or not a JPEG, PNG or WebP. None when no file was chosen.
    pub fn photo(&self) -> Option<Result<Photo, PhotoError>> {
        if self.too_large {
            return Some(Err(PhotoError::TooLarge));
        }
        self.file.as_deref().map(Photo::check)
    }
}

/// Why a photo was not taken, with the rule: the same words as in chat.
pub fn refused(ctx: &Ctx, e: PhotoError) -> String {
    ctx.state
        .locales()
        .text(ctx.locale, e.label_id(), &[("mb", LIMIT_MB.to_string())])
}

/// A kept photo as a response: its type as read from its bytes, shown in the page
/// (never offered as a download to run), kept by no cache. (The security layer adds
/// `nosniff` to every response.)
pub fn response(photo: Photo) -> Response {
    let mut response = photo.bytes.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(photo.kind.content_type()),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}
