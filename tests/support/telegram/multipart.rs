//! Request bodies: a small `multipart/form-data` parser (as reqwest writes it for
//! teloxide's uploads), url-encoded forms and query strings.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

/// A file part of a multipart body.
#[derive(Debug, Clone)]
pub(crate) struct Upload {
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl Upload {
    /// How an upload appears in the recorded params.
    pub fn describe(&self, part: &str) -> Value {
        json!({"upload": part, "file_name": self.file_name, "size": self.bytes.len()})
    }
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    (from..=haystack.len() - needle.len()).find(|&i| &haystack[i..i + needle.len()] == needle)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or("zz"), 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Decodes `application/x-www-form-urlencoded` (also used for query strings).
pub(crate) fn parse_urlencoded(body: &[u8], into: &mut Map<String, Value>) {
    let text = String::from_utf8_lossy(body);
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let k = percent_decode(&k.replace('+', " "));
        let v = percent_decode(&v.replace('+', " "));
        into.insert(k, Value::String(v));
    }
}

/// Value of `key=` in a header like `form-data; name="x"; filename="y"`: quoted (with
/// backslash escapes), bare, or RFC 5987 `key*=utf-8''percent-encoded`.
fn header_param(header: &str, key: &str) -> Option<String> {
    let mut rest = header;
    while let Some(pos) = rest.find(key) {
        let before_ok = pos == 0 || matches!(rest.as_bytes()[pos - 1], b' ' | b';' | b'\t');
        let after = &rest[pos + key.len()..];
        if before_ok {
            if let Some(v) = after.strip_prefix("*=") {
                let v = v.split(';').next().unwrap_or("").trim();
                let v = v.split_once("''").map(|(_, v)| v).unwrap_or(v);
                return Some(percent_decode(v));
            }
            if let Some(v) = after.strip_prefix('=') {
                if let Some(q) = v.strip_prefix('"') {
                    let mut out = String::new();
                    let mut chars = q.chars();
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' => {
                                if let Some(n) = chars.next() {
                                    out.push(n);
                                }
                            }
                            '"' => break,
                            c => out.push(c),
                        }
                    }
                    return Some(out);
                }
                return Some(v.split(';').next().unwrap_or("").trim().to_owned());
            }
        }
        rest = &rest[pos + key.len()..];
    }
    None
}

/// Text fields and file parts (keyed by part name) of a multipart body.
pub(crate) type Parsed = (Map<String, Value>, HashMap<String, Upload>);

/// Parses a multipart body into text fields and file parts (keyed by part name).
pub(crate) fn parse_multipart(content_type: &str, body: &[u8]) -> Result<Parsed, String> {
    let boundary = header_param(content_type, "boundary").ok_or("no boundary")?;
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut fields = Map::new();
    let mut uploads = HashMap::new();
    let mut pos = find(body, delimiter, 0).ok_or("no first boundary")? + delimiter.len();
    loop {
        if body.get(pos..pos + 2) == Some(b"--") {
            break;
        }
        // Skip the CRLF after the boundary.
        if body.get(pos..pos + 2) == Some(b"\r\n") {
            pos += 2;
        }
        let headers_end = find(body, b"\r\n\r\n", pos).ok_or("part without headers")?;
        let headers = String::from_utf8_lossy(&body[pos..headers_end]).into_owned();
        let content_start = headers_end + 4;
        let mut end_marker = b"\r\n".to_vec();
        end_marker.extend_from_slice(delimiter);
        let content_end = find(body, &end_marker, content_start).ok_or("unterminated part")?;
        let content = &body[content_start..content_end];
        pos = content_end + end_marker.len();

        let mut name = None;
        let mut file_name = None;
        let mut part_type = None;
        for line in headers.split("\r\n") {
            let Some((h, v)) = line.split_once(':') else {
                continue;
            };
            match h.trim().to_lowercase().as_str() {
                "content-disposition" => {
                    name = header_param(v, "name");
                    file_name = header_param(v, "filename");
                }
                "content-type" => part_type = Some(v.trim().to_owned()),
                _ => {}
            }
        }
        let name = name.ok_or("part without name")?;
        match file_name {
            Some(file_name) => {
                uploads.insert(
                    name,
                    Upload {
                        file_name: (!file_name.is_empty()).then_some(file_name),
                        content_type: part_type,
                        bytes: content.to_vec(),
                    },
                );
            }
            None => {
                fields.insert(
                    name,
                    Value::String(String::from_utf8_lossy(content).into_owned()),
                );
            }
        }
        if pos >= body.len() {
            break;
        }
    }
    Ok((fields, uploads))
}
