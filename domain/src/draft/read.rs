//! From the bytes of an uploaded file to text.
//!
//! Contact points mostly receive drafts as Word documents or as text saved on Chinese
//! Windows, which means GBK (read here as its superset GB18030). Everything that is not
//! clearly text is refused with a reason instead of being parsed into garbage.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Cursor};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::DraftError;
use crate::limits::{self, BoundedError, BoundedZip};

/// The largest file accepted ([`limits::DRAFT_FILE_BYTES`]).
pub const MAX_DRAFT_BYTES: usize = limits::DRAFT_FILE_BYTES as usize;

/// The kinds of file a draft can come in.
enum Kind {
    Docx,
    Text,
}

/// Which reader a file name calls for, so that a caller can refuse an unsupported file
/// before downloading it.
fn kind(file_name: &str) -> Result<Kind, DraftError> {
    let extension = Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    match extension.as_deref() {
        Some("docx") => Ok(Kind::Docx),
        None | Some("txt" | "md" | "markdown" | "text") => Ok(Kind::Text),
        Some(other) => Err(DraftError::UnsupportedType {
            extension: other.to_owned(),
        }),
    }
}

/// Checks a file's name and size before it is downloaded.
pub fn check_upload(file_name: &str, size: u64) -> Result<(), DraftError> {
    kind(file_name)?;
    if size > MAX_DRAFT_BYTES as u64 {
        return Err(DraftError::TooLarge {
            size,
            limit: MAX_DRAFT_BYTES as u64,
        });
    }
    Ok(())
}

/// Reads an uploaded draft into text, choosing the reader by the file name's extension
/// (case-insensitive): .docx, or .txt / .md / .markdown / .text / none as plain text.
pub fn read_draft(file_name: &str, bytes: &[u8]) -> Result<String, DraftError> {
    check_upload(file_name, bytes.len() as u64)?;
    match kind(file_name)? {
        Kind::Docx => docx_text(bytes),
        Kind::Text => decode_text(bytes),
    }
}

/// Decodes plain text: UTF-8 (with or without BOM), UTF-16 with a BOM (Notepad's
/// "Unicode"), otherwise GB18030 when the bytes read as plausible Chinese text.
/// Line ends are normalised to "\n".
pub fn decode_text(bytes: &[u8]) -> Result<String, DraftError> {
    if bytes.len() > MAX_DRAFT_BYTES {
        return Err(DraftError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_DRAFT_BYTES as u64,
        });
    }
    if bytes.is_empty() {
        return Err(DraftError::Empty);
    }
    // No encoding we read takes more than four bytes a character: this many bytes are
    // too many characters, whatever they decode to, so nothing is decoded.
    if bytes.len() > 4 * limits::DRAFT_TEXT_CHARS + 4 {
        return Err(DraftError::TooLong {
            limit: limits::DRAFT_TEXT_CHARS,
        });
    }
    let text: Cow<'_, str> = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Cow::Borrowed(std::str::from_utf8(rest).map_err(|_| DraftError::Undecodable)?)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        encoding_rs::UTF_16LE
            .decode_without_bom_handling_and_without_replacement(rest)
            .ok_or(DraftError::Undecodable)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        encoding_rs::UTF_16BE
            .decode_without_bom_handling_and_without_replacement(rest)
            .ok_or(DraftError::Undecodable)?
    } else if bytes.contains(&0) {
        return Err(DraftError::Binary);
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        Cow::Borrowed(text)
    } else {
        let control = bytes.iter().filter(|&&b| is_binary_control(b)).count();
        if control * 100 > bytes.len() {
            return Err(DraftError::Binary);
        }
        let text = encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or(DraftError::Undecodable)?;
        if !plausible_gb(bytes) {
            return Err(DraftError::Undecodable);
        }
        text
    };
    if looks_binary(&text) {
        return Err(DraftError::Binary);
    }
    finish(&text)
}

/// Control characters that do not occur in text files (tab, line ends and form feed do).
fn is_binary_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)
}

fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return true;
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
            control += 1;
        }
    }
    control * 100 > total
}

/// GB18030 decodes most byte soup without error, so decoding alone proves little. Real
/// Chinese text keeps almost all of its two-byte characters in the GB2312 area (common
/// 汉字 and symbols, lead byte A1–A9 or B0–F7, trail A1–FE), while arbitrary bytes land
/// there only about a third of the time. We ask for 90 %.
fn plausible_gb(bytes: &[u8]) -> bool {
    let mut multi = 0usize;
    let mut common = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        multi += 1;
        let trail = bytes.get(i + 1).copied().unwrap_or(0);
        if trail.is_ascii_digit() {
            // A four-byte sequence: characters outside GBK, rare in real text.
            i += 4;
            continue;
        }
        if ((0xA1..=0xA9).contains(&lead) || (0xB0..=0xF7).contains(&lead))
            && (0xA1..=0xFE).contains(&trail)
        {
            common += 1;
        }
        i += 2;
    }
    multi == 0 || common * 10 >= multi * 9
}

/// Normalises line ends and refuses text with nothing in it, or with more than a
/// draft needs.
fn finish(text: &str) -> Result<String, DraftError> {
    check_length(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    };
    if text.trim().is_empty() {
        return Err(DraftError::Empty);
    }
    Ok(text)
}

/// Refuses a text longer than [`limits::DRAFT_TEXT_CHARS`] characters.
pub(super) fn check_length(text: &str) -> Result<(), DraftError> {
    // Cheap first: fewer bytes than the limit cannot be more characters.
    if text.len() > limits::DRAFT_TEXT_CHARS && text.chars().count() > limits::DRAFT_TEXT_CHARS {
        return Err(DraftError::TooLong {
            limit: limits::DRAFT_TEXT_CHARS,
        });
    }
    Ok(())
}

/// The text of word/document.xml: one line per paragraph (`w:p`), the text runs
/// (`w:t`) joined, `w:tab` as a tab and `w:br`/`w:cr` as a line break inside a run.
/// Deleted text (`w:delText`), field codes and properties are ignored.
///
/// The XML is streamed from the zip through a limited reader and never held whole:
/// a member that unpacks to more than [`limits::ZIP_MEMBER_BYTES`] (whatever size it
/// declares) is refused as soon as the limit is passed, and so is text past
/// [`limits::DRAFT_TEXT_CHARS`], so a zip bomb costs a few megabytes, not gigabytes.
fn docx_text(bytes: &[u8]) -> Result<String, DraftError> {
    let mut zip = BoundedZip::new(Cursor::new(bytes), limits::zip_tail(bytes)).map_err(bounded)?;
    let text = zip
        .read_member("word/document.xml", |member| {
            document_xml_text(BufReader::new(member))
        })
        .map_err(bounded)??;
    finish(&text)
}

fn bounded(e: BoundedError) -> DraftError {
    match e {
        BoundedError::Exceeded { limit } => DraftError::Unpacked { limit },
        other => DraftError::NotDocx {
            detail: other.to_string(),
        },
    }
}

/// Text being taken out of a document, refused once it is longer than a draft may be.
#[derive(Default)]
struct Text {
    out: String,
    chars: usize,
}

impl Text {
    fn push_str(&mut self, s: &str) -> Result<(), DraftError> {
        self.chars += s.chars().count();
        if self.chars > limits::DRAFT_TEXT_CHARS {
            return Err(DraftError::TooLong {
                limit: limits::DRAFT_TEXT_CHARS,
            });
        }
        self.out.push_str(s);
        Ok(())
    }

    fn push(&mut self, c: char) -> Result<(), DraftError> {
        self.push_str(c.encode_utf8(&mut [0; 4]))
    }
}

fn document_xml_text(xml: impl BufRead) -> Result<String, DraftError> {
    let not_docx = |e: quick_xml::Error| DraftError::NotDocx {
        detail: e.to_string(),
    };
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Text::default();
    let mut in_run = 0usize;
    let mut in_text = false;
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf).map_err(not_docx)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"r" => in_run += 1,
                b"t" => in_text = in_run > 0,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"r" => in_run = in_run.saturating_sub(1),
                b"t" => in_text = false,
                b"p" => out.push('\n')?,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"p" => out.push('\n')?,
                b"tab" if in_run > 0 => out.push('\t')?,
                b"br" | b"cr" if in_run > 0 => out.push('\n')?,
                _ => {}
            },
            Event::Text(t) if in_text => {
                out.push_str(&t.xml10_content().map_err(|e| not_docx(e.into()))?)?
            }
            Event::CData(t) if in_text => {
                out.push_str(&t.xml10_content().map_err(|e| not_docx(e.into()))?)?
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = r.resolve_char_ref().map_err(not_docx)? {
                    out.push(c)?;
                } else {
                    let name = r.decode().map_err(|e| not_docx(e.into()))?;
                    if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                        out.push_str(s)?;
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out.out)
}
