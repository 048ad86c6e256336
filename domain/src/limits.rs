//! Every bound on what a person may send us, in one place, so that chat, the command
//! line and (later) the web refuse the same things for the same reasons, and so that
//! docs/operating.md can say what is bounded and by how much.
//!
//! Each bound is set by what a real input needs, with room to spare, not by what the
//! machine could survive: a city regulation has a few hundred articles (the Civil Code,
//! the longest Chinese law, has 1,260 and about 110,000 characters); a contact point's
//! spreadsheet of offline opinions has tens of rows, a big forum a few hundred; an FAQ
//! starter set has 30–50 entries, a city's a few hundred. Anything beyond is refused
//! with the reason before it costs memory: sizes are checked before reading, a zip
//! member is read through a limited reader (its declared size can lie), and counts
//! stop the reader at the first item over the limit.
//!
//! [`read_at_most`] and the zip helpers in this module are how the bounds are applied
//! to bytes; the parsers apply the counts themselves.

use std::io::{self, Read, Seek};

/// One mebibyte, the unit in which sizes are shown to people.
pub const MIB: u64 = 1024 * 1024;

/// A draft file as sent (.docx, .txt, .md): a long regulation is well under 1 MiB as
/// .docx, so 10 MiB leaves room for embedded pictures.
pub const DRAFT_FILE_BYTES: u64 = 10 * MIB;
/// Files sent with an opinion or a 社情民意 report (photos, documents, voice): a few
/// pictures of the problem are evidence; more is an album.
pub const ATTACHMENTS_MAX: usize = 5;
/// Bytes of one such file (Telegram's own size, checked before it is kept).
pub const ATTACHMENT_BYTES: u32 = 10 * 1_048_576;
/// Characters of a draft's text once read (what is parsed and stored): four times the
/// Civil Code, room for a notice and an explanation after the draft.
pub const DRAFT_TEXT_CHARS: usize = 500_000;
/// Articles (条) in one draft: a city regulation has at most a few hundred.
pub const DRAFT_ARTICLES: usize = 2_000;
/// Characters of one article: the longest articles of Chinese laws (lists of
/// definitions, of duties) have a few thousand. More means text that is not the
/// article (an annex or explanation the parser did not recognise), which a resident
/// reading the article would get as dozens of messages.
pub const ARTICLE_CHARS: usize = 20_000;

/// The unpacked size of one member read from a zip (a .docx's `word/document.xml`, an
/// .xlsx's sheet or shared strings). Word's XML is 5–20 times the text it holds, so a
/// draft at [`DRAFT_TEXT_CHARS`] fits; a zip bomb (kilobytes that unpack to gigabytes)
/// does not.
pub const ZIP_MEMBER_BYTES: u64 = 20 * MIB;
/// The unpacked size of all the members read from one zip together.
pub const ZIP_TOTAL_BYTES: u64 = 40 * MIB;
/// Members in one zip: a .docx or .xlsx has a few dozen parts; the list of members is
/// read whole before any is opened, so it is bounded too.
pub const ZIP_MEMBERS: usize = 1_000;

/// A spreadsheet of offline opinions (.xlsx or .csv), checked before downloading.
pub const SHEET_FILE_BYTES: u64 = 5 * MIB;
/// Opinions (rows below the header) in one spreadsheet.
pub const SHEET_ROWS: usize = 2_000;
/// Columns read from a spreadsheet: the template has eight; cells further right are
/// ignored.
pub const SHEET_COLUMNS: usize = 32;
/// Characters kept of one cell: more than the longest opinion allowed (3,500), so a
/// longer cell is still reported as too long, but a cell cannot hold megabytes.
pub const SHEET_CELL_CHARS: usize = 4_000;

/// An FAQ file (.csv, .yaml), in chat and on the command line.
pub const FAQ_FILE_BYTES: u64 = 2 * MIB;
/// Entries in one FAQ file.
pub const FAQ_ENTRIES: usize = 5_000;

/// Why bytes were refused by [`read_at_most`] or the zip helpers.
#[derive(Debug, thiserror::Error)]
pub enum BoundedError {
    /// More than `limit` bytes (of a file, or unpacked from one zip member or from all
    /// of them).
    #[error("more than {limit} bytes")]
    Exceeded { limit: u64 },
    /// The zip has more than [`ZIP_MEMBERS`] members.
    #[error("more than {limit} members")]
    TooManyMembers { limit: usize },
    /// Not a zip, or a damaged one; the detail is for logs.
    #[error("not a zip: {0}")]
    NotZip(String),
    /// The member is not in the zip.
    #[error("no member {0}")]
    NoMember(String),
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Reads at most `limit` bytes; more is [`BoundedError::Exceeded`], found out after
/// reading one byte over, never by trusting a size announced beforehand.
pub fn read_at_most(reader: impl Read, limit: u64) -> Result<Vec<u8>, BoundedError> {
    let mut out = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut out)?;
    if out.len() as u64 > limit {
        return Err(BoundedError::Exceeded { limit });
    }
    Ok(out)
}

/// A reader that fails once more than its limit has been read from it, and remembers
/// that it did, so that a parser's I/O error can be told apart from the limit.
pub struct Limited<R> {
    inner: R,
    left: u64,
    limit: u64,
    exceeded: bool,
}

impl<R: Read> Limited<R> {
    pub fn new(inner: R, limit: u64) -> Self {
        Limited {
            inner,
            left: limit,
            limit,
            exceeded: false,
        }
    }

    /// Whether reading went past the limit (and failed because of it).
    pub fn exceeded(&self) -> Option<BoundedError> {
        self.exceeded
            .then_some(BoundedError::Exceeded { limit: self.limit })
    }
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        // One byte more than allowed tells "exactly at the limit" from "over it".
        let want = buf
            .len()
            .min(usize::try_from(self.left + 1).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        if n as u64 > self.left {
            self.exceeded = true;
            return Err(io::Error::other("unpacked size over the limit"));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// A zip opened for bounded reading: its member list is checked against
/// [`ZIP_MEMBERS`], and what is unpacked from it counts against [`ZIP_TOTAL_BYTES`].
pub struct BoundedZip<R> {
    archive: zip::ZipArchive<R>,
    total_left: u64,
}

impl<R: Read + Seek> BoundedZip<R> {
    /// Opens a zip whose bytes are `reader`; `tail` is the end of the same bytes (at
    /// least the last 64 KiB + 22), read to count the members before the zip crate
    /// reads the whole list.
    pub fn new(reader: R, tail: &[u8]) -> Result<Self, BoundedError> {
        if let Some(count) = declared_members(tail)
            && count > ZIP_MEMBERS
        {
            return Err(BoundedError::TooManyMembers { limit: ZIP_MEMBERS });
        }
        let archive =
            zip::ZipArchive::new(reader).map_err(|e| BoundedError::NotZip(e.to_string()))?;
        if archive.len() > ZIP_MEMBERS {
            return Err(BoundedError::TooManyMembers { limit: ZIP_MEMBERS });
        }
        Ok(BoundedZip {
            archive,
            total_left: ZIP_TOTAL_BYTES,
        })
    }

    /// The names of the members, in the zip's order.
    pub fn names(&self) -> Vec<String> {
        self.archive
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect()
    }

    /// Streams the member `name` to `read`, through a reader limited to
    /// [`ZIP_MEMBER_BYTES`] and to what is left of [`ZIP_TOTAL_BYTES`]. A member whose
    /// declared size is over the limit is refused before anything is unpacked.
    pub fn read_member<T, E>(
        &mut self,
        name: &str,
        read: impl FnOnce(&mut Limited<zip::read::ZipFile<'_, R>>) -> Result<T, E>,
    ) -> Result<Result<T, E>, BoundedError> {
        let limit = ZIP_MEMBER_BYTES.min(self.total_left);
        // Which bound is reached: one member's, or the total's when less was left.
        let reported = if limit < ZIP_MEMBER_BYTES {
            ZIP_TOTAL_BYTES
        } else {
            ZIP_MEMBER_BYTES
        };
        let file = self
            .archive
            .by_name(name)
            .map_err(|_| BoundedError::NoMember(name.to_owned()))?;
        if file.size() > limit {
            return Err(BoundedError::Exceeded { limit: reported });
        }
        let mut limited = Limited::new(file, limit);
        let result = read(&mut limited);
        let exceeded = limited.exceeded;
        let used = limit - limited.left;
        drop(limited);
        self.total_left = self.total_left.saturating_sub(used);
        if exceeded {
            return Err(BoundedError::Exceeded { limit: reported });
        }
        Ok(result)
    }

    /// Unpacks the member `name` into nothing, to learn that it stays within the
    /// bounds before a library that reads members without a limit gets the zip.
    pub fn check_member(&mut self, name: &str) -> Result<(), BoundedError> {
        self.read_member(name, |r| io::copy(r, &mut io::sink()))?
            .map(|_| ())
            .map_err(|e| {
                // The limit is reported through `read_member`; this is a damaged member.
                BoundedError::NotZip(format!("{name}: {e}"))
            })
    }
}

/// The member count of a zip's end-of-central-directory record, from the end of its
/// bytes; `None` when the record is not found there (the zip crate then decides). The
/// zip64 marker 0xFFFF counts as more than any limit: a document never needs it.
fn declared_members(tail: &[u8]) -> Option<usize> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let at = tail.windows(4).rposition(|w| w == EOCD)?;
    let field = tail.get(at + 10..at + 12)?;
    let count = u16::from_le_bytes([field[0], field[1]]);
    Some(if count == u16::MAX {
        usize::MAX
    } else {
        usize::from(count)
    })
}

/// The end of `bytes` that [`BoundedZip::new`] reads the member count from.
pub fn zip_tail(bytes: &[u8]) -> &[u8] {
    let start = bytes.len().saturating_sub(64 * 1024 + 22);
    &bytes[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_at_most_tells_the_limit_from_one_byte_over() {
        assert_eq!(read_at_most(&b"abcd"[..], 4).unwrap(), b"abcd");
        assert!(matches!(
            read_at_most(&b"abcde"[..], 4),
            Err(BoundedError::Exceeded { limit: 4 })
        ));
    }

    #[test]
    fn a_limited_reader_fails_past_its_limit_and_says_so() {
        let mut r = Limited::new(&b"0123456789"[..], 10);
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        assert!(r.exceeded().is_none());
        let mut r = Limited::new(&b"0123456789"[..], 9);
        assert!(r.read_to_end(&mut Vec::new()).is_err());
        assert!(matches!(
            r.exceeded(),
            Some(BoundedError::Exceeded { limit: 9 })
        ));
    }
}
