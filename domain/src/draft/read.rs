//! From the bytes of an uploaded file to text.
//!
//! Contact points mostly receive drafts as Word documents or as text saved on Chinese
//! Windows, which means GBK (read here as its superset GB18030). Everything that is not
//! clearly text is refused with a reason instead of being parsed into garbage.

use std::borrow::Cow;
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::DraftError;

/// The largest file accepted (10 MiB): a long regulation is well under 1 MiB as .docx,
/// and the limit bounds what one upload may cost us.
pub const MAX_DRAFT_BYTES: usize = 10 * 1024 * 1024;

/// Bound on the decompressed word/document.xml, so that a small zip bomb cannot make
/// us allocate without limit.
const MAX_DOCUMENT_XML_BYTES: u64 = 64 * 1024 * 1024;

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

/// Normalises line ends and refuses text with nothing in it.
fn finish(text: &str) -> Result<String, DraftError> {
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

/// The text of word/document.xml: one line per paragraph (`w:p`), the text runs
/// (`w:t`) joined, `w:tab` as a tab and `w:br`/`w:cr` as a line break inside a run.
/// Deleted text (`w:delText`), field codes and properties are ignored.
fn docx_text(bytes: &[u8]) -> Result<String, DraftError> {
    let not_docx = |detail: String| DraftError::NotDocx { detail };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_docx(e.to_string()))?;
    let file = archive
        .by_name("word/document.xml")
        .map_err(|e| not_docx(format!("word/document.xml: {e}")))?;
    let declared = file.size();
    let mut xml = Vec::new();
    file.take(MAX_DOCUMENT_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| not_docx(format!("word/document.xml: {e}")))?;
    if xml.len() as u64 > MAX_DOCUMENT_XML_BYTES {
        return Err(DraftError::TooLarge {
            size: declared.max(xml.len() as u64),
            limit: MAX_DOCUMENT_XML_BYTES,
        });
    }
    let xml = std::str::from_utf8(&xml).map_err(|e| not_docx(e.to_string()))?;
    let text = document_xml_text(xml).map_err(|e| not_docx(e.to_string()))?;
    finish(&text)
}

fn document_xml_text(xml: &str) -> Result<String, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut out = String::new();
    let mut in_run = 0usize;
    let mut in_text = false;
    loop {
        match reader.read_event()? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"r" => in_run += 1,
                b"t" => in_text = in_run > 0,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"r" => in_run = in_run.saturating_sub(1),
                b"t" => in_text = false,
                b"p" => out.push('\n'),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"p" => out.push('\n'),
                b"tab" if in_run > 0 => out.push('\t'),
                b"br" | b"cr" if in_run > 0 => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => out.push_str(&t.xml10_content()?),
            Event::CData(t) if in_text => out.push_str(&t.xml10_content()?),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = r.resolve_char_ref()? {
                    out.push(c);
                } else {
                    let name = r.decode()?;
                    if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                        out.push_str(s);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}
