//! A photo kept in the database: a resident's with a 社情民意 report sent from the web
//! ([`crate::relay::photos`]) and a liaison's from an event ([`crate::events::photos`]).
//! Both are checked here, one way: at most [`ATTACHMENT_BYTES`] (the chat's attachment
//! limit); the type read from the bytes themselves (a name or a browser's content type
//! says nothing), JPEG, PNG or WebP; and a JPEG loses its metadata segments — a
//! phone's photo carries where the phone was (EXIF GPS) and what it is, which nobody
//! looking at the photo has need to know.

use crate::limits::ATTACHMENT_BYTES;

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

impl PhotoError {
    /// The id of the message in `locales/` that says why, with the rule (`$mb`, the
    /// limit in MB): the same words in chat and on the web.
    pub fn label_id(self) -> &'static str {
        match self {
            PhotoError::TooLarge => "photo-too-large",
            PhotoError::NotAPhoto => "photo-not-a-photo",
        }
    }
}

/// The size limit as people are told it, in MB.
pub const LIMIT_MB: u32 = ATTACHMENT_BYTES / 1_048_576;

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
