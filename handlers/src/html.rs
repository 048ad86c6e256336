//! Telegram HTML: escaping, parsing and length.
//!
//! [`parse`] follows the parser of the Telegram server (tdlib's `parse_html`) step by
//! step, so that the bot's message splitter and the fake Bot API server used in the tests
//! agree with Telegram on what a message looks like after entity parsing and how long it
//! is. Lengths are in UTF-16 code units, as Telegram counts them.

use thiserror::Error;

/// Longest message text, in UTF-16 code units after entity parsing.
pub const MESSAGE_LIMIT: usize = 4096;
/// Longest media caption, in UTF-16 code units after entity parsing.
pub const CAPTION_LIMIT: usize = 1024;

/// Why Telegram would refuse a piece of HTML. `Display` gives the text that follows
/// `Bad Request: can't parse entities: ` in Telegram's answer.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HtmlError {
    /// `<` not followed by a tag name and `>` before the end of the text, or an
    /// attribute string literal that is never closed.
    #[error("Unclosed start tag at byte offset {offset}")]
    UnclosedStartTag { offset: usize },
    /// An attribute with `=` but no value before the end of the text.
    #[error("Unclosed start tag \"{tag}\" at byte offset {offset}")]
    UnclosedNamedStartTag { tag: String, offset: usize },
    /// A tag Telegram does not support (this is also what a lone `<` produces).
    #[error("Unsupported start tag \"{tag}\" at byte offset {offset}")]
    UnsupportedStartTag { tag: String, offset: usize },
    #[error("Empty attribute name in the tag \"{tag}\" at byte offset {offset}")]
    EmptyAttributeName { tag: String, offset: usize },
    #[error(
        "Expected equal sign in declaration of an attribute of the tag \"{tag}\" at byte offset {offset}"
    )]
    ExpectedEqualSign { tag: String, offset: usize },
    /// An unquoted attribute value with a character other than letters, digits, `.`, `-`.
    #[error("Unexpected end of name token at byte offset {offset}")]
    UnexpectedEndOfNameToken { offset: usize },
    #[error("Tag \"span\" must have class \"tg-spoiler\" at byte offset {offset}")]
    SpanWithoutSpoiler { offset: usize },
    #[error("Invalid custom emoji identifier specified")]
    InvalidCustomEmojiId,
    /// An end tag with no open tag.
    #[error("Unexpected end tag at byte offset {offset}")]
    UnexpectedEndTag { offset: usize },
    #[error("Unclosed end tag at byte offset {offset}")]
    UnclosedEndTag { offset: usize },
    #[error(
        "Unmatched end tag at byte offset {offset}, expected \"</{expected}>\", found \"</{found}>\""
    )]
    UnmatchedEndTag {
        offset: usize,
        expected: String,
        found: String,
    },
    /// A tag still open at the end of the text.
    #[error("Can't find end tag corresponding to start tag \"{tag}\"")]
    MissingEndTag { tag: String },
}

const SUPPORTED_TAGS: &[&str] = &[
    "a",
    "b",
    "strong",
    "i",
    "em",
    "s",
    "strike",
    "del",
    "u",
    "ins",
    "tg-spoiler",
    "tg-emoji",
    "span",
    "pre",
    "code",
    "blockquote",
];

/// Escapes `&`, `<`, `>` and `"` so that `text` shows literally in a Telegram HTML
/// message (the domain's, which renders the cards both channels queue).
pub use consult_domain::cards::escape;

/// Length of `html` as Telegram counts it: UTF-16 code units after entity parsing.
pub fn visible_len(html: &str) -> Result<usize, HtmlError> {
    Ok(plain_len(&parse(html)?))
}

/// Length of a text sent without parse mode, in UTF-16 code units.
pub fn plain_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Byte at `i`, or 0 past the end (the parser this follows works on a NUL-terminated string).
fn at(bytes: &[u8], i: usize) -> u8 {
    bytes.get(i).copied().unwrap_or(0)
}

/// Telegram's notion of white space; NUL counts, so the end of the text stops every scan.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | 0 | 0x0b)
}

/// Decodes the character reference starting with `&` at `*pos`; on success moves `*pos`
/// past it. Like Telegram: the `;` is optional, only `lt gt amp quot` and numeric
/// references are known, and anything else is left as literal text.
fn decode_entity(bytes: &[u8], pos: &mut usize) -> Option<char> {
    let start = *pos;
    let mut end = start + 1;
    let value: u32 = if at(bytes, end) == b'#' {
        end += 1;
        let mut value: u32 = 0;
        if at(bytes, end) == b'x' {
            end += 1;
            while let Some(d) = (at(bytes, end) as char).to_digit(16) {
                value = value * 16 + d;
                end += 1;
                if value >= 0x10ffff {
                    return None;
                }
            }
        } else {
            while at(bytes, end).is_ascii_digit() {
                value = value * 10 + u32::from(at(bytes, end) - b'0');
                end += 1;
                if value >= 0x10ffff {
                    return None;
                }
            }
        }
        if value == 0 || end - start >= 10 {
            return None;
        }
        value
    } else {
        while at(bytes, end).is_ascii_alphabetic() {
            end += 1;
        }
        match &bytes[start + 1..end] {
            b"lt" => u32::from('<'),
            b"gt" => u32::from('>'),
            b"amp" => u32::from('&'),
            b"quot" => u32::from('"'),
            _ => return None,
        }
    };
    // Surrogate code points cannot be represented; treat them as literal text.
    let c = char::from_u32(value)?;
    *pos = if at(bytes, end) == b';' { end + 1 } else { end };
    Some(c)
}

/// Parses Telegram-flavoured HTML and returns the plain text (tags removed, entities
/// decoded), or Telegram's complaint about it.
pub fn parse(html: &str) -> Result<String, HtmlError> {
    let bytes = html.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut open: Vec<String> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'&' {
            let mut pos = i;
            if let Some(ch) = decode_entity(bytes, &mut pos) {
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                i = pos;
                continue;
            }
        }
        if c != b'<' {
            out.push(c);
            i += 1;
            continue;
        }
        let begin = i;
        i += 1;
        if at(bytes, i) != b'/' {
            // A start tag.
            while !is_space(at(bytes, i)) && at(bytes, i) != b'>' {
                i += 1;
            }
            if at(bytes, i) == 0 {
                return Err(HtmlError::UnclosedStartTag { offset: begin });
            }
            let tag = String::from_utf8_lossy(&bytes[begin + 1..i]).to_lowercase();
            if !SUPPORTED_TAGS.contains(&tag.as_str()) {
                return Err(HtmlError::UnsupportedStartTag { tag, offset: begin });
            }
            let mut argument = String::new();
            while at(bytes, i) != b'>' {
                while at(bytes, i) != 0 && is_space(at(bytes, i)) {
                    i += 1;
                }
                if at(bytes, i) == b'>' {
                    break;
                }
                let name_begin = i;
                while !is_space(at(bytes, i)) && !matches!(at(bytes, i), b'=' | b'>') {
                    i += 1;
                }
                let name = &bytes[name_begin..i];
                if name.is_empty() {
                    return Err(HtmlError::EmptyAttributeName { tag, offset: begin });
                }
                while at(bytes, i) != 0 && is_space(at(bytes, i)) {
                    i += 1;
                }
                if at(bytes, i) != b'=' {
                    if tag == "blockquote" && name == b"expandable" {
                        continue;
                    }
                    return Err(HtmlError::ExpectedEqualSign { tag, offset: begin });
                }
                i += 1;
                while at(bytes, i) != 0 && is_space(at(bytes, i)) {
                    i += 1;
                }
                if at(bytes, i) == 0 {
                    return Err(HtmlError::UnclosedNamedStartTag { tag, offset: begin });
                }
                let value: String;
                let quote = at(bytes, i);
                if quote != b'\'' && quote != b'"' {
                    let token_begin = i;
                    while at(bytes, i).is_ascii_alphanumeric()
                        || matches!(at(bytes, i), b'.' | b'-')
                    {
                        i += 1;
                    }
                    value = String::from_utf8_lossy(&bytes[token_begin..i]).to_lowercase();
                    if !is_space(at(bytes, i)) && at(bytes, i) != b'>' {
                        return Err(HtmlError::UnexpectedEndOfNameToken {
                            offset: token_begin,
                        });
                    }
                } else {
                    i += 1;
                    let value_begin = i;
                    while at(bytes, i) != quote && at(bytes, i) != 0 {
                        i += 1;
                    }
                    if at(bytes, i) != quote {
                        return Err(HtmlError::UnclosedStartTag { offset: begin });
                    }
                    let raw = &bytes[value_begin..i];
                    i += 1;
                    // Entities are decoded in attribute values too.
                    let mut decoded = Vec::with_capacity(raw.len());
                    let mut j = 0;
                    while j < raw.len() {
                        if raw[j] == b'&' {
                            let mut pos = j;
                            if let Some(ch) = decode_entity(raw, &mut pos) {
                                let mut buf = [0u8; 4];
                                decoded.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                                j = pos;
                                continue;
                            }
                        }
                        decoded.push(raw[j]);
                        j += 1;
                    }
                    value = String::from_utf8_lossy(&decoded).into_owned();
                }
                match (tag.as_str(), name) {
                    ("a", b"href") | ("tg-emoji", b"emoji-id") => argument = value,
                    ("code", b"class") => {
                        if let Some(lang) = value.strip_prefix("language-") {
                            argument = lang.to_owned();
                        }
                    }
                    ("span", b"class") => {
                        if let Some(rest) = value.strip_prefix("tg-") {
                            argument = rest.to_owned();
                        }
                    }
                    _ => {}
                }
            }
            if tag == "span" && argument != "spoiler" {
                return Err(HtmlError::SpanWithoutSpoiler { offset: begin });
            }
            if tag == "tg-emoji" && (argument.is_empty() || argument.parse::<i64>().is_err()) {
                return Err(HtmlError::InvalidCustomEmojiId);
            }
            open.push(tag);
            i += 1; // past '>'
        } else {
            // An end tag.
            let Some(expected) = open.pop() else {
                return Err(HtmlError::UnexpectedEndTag { offset: begin });
            };
            while !is_space(at(bytes, i)) && at(bytes, i) != b'>' {
                i += 1;
            }
            let found = String::from_utf8_lossy(&bytes[begin + 2..i]).to_lowercase();
            while at(bytes, i) != 0 && is_space(at(bytes, i)) {
                i += 1;
            }
            if at(bytes, i) != b'>' {
                return Err(HtmlError::UnclosedEndTag { offset: begin });
            }
            if !found.is_empty() && found != expected {
                return Err(HtmlError::UnmatchedEndTag {
                    offset: begin,
                    expected,
                    found,
                });
            }
            i += 1; // past '>'
        }
    }
    if let Some(tag) = open.pop() {
        return Err(HtmlError::MissingEndTag { tag });
    }
    // Only whole UTF-8 sequences were copied or inserted, so this is lossless.
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_round_trips() {
        let text = r#"a < b && c > "d" 'e'"#;
        assert_eq!(escape(text), "a &lt; b &amp;&amp; c &gt; &quot;d&quot; 'e'");
        assert_eq!(parse(&escape(text)).unwrap(), text);
    }

    #[test]
    fn tags_are_removed_and_entities_decoded() {
        let html =
            r#"<b>bold</b> <a href="https://x.org/?a=1&amp;b=2">link</a> &lt;&#60;&#x3C;&quot;"#;
        assert_eq!(parse(html).unwrap(), "bold link <<<\"");
        let html = r#"<pre><code class="language-rust">fn main() {}</code></pre><blockquote expandable>q</blockquote><span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>"#;
        assert_eq!(parse(html).unwrap(), "fn main() {}qst👍");
        assert_eq!(parse("<B>x</B><i>y</>").unwrap(), "xy");
    }

    #[test]
    fn lenient_ampersands() {
        assert_eq!(parse("a & b").unwrap(), "a & b");
        assert_eq!(parse("&nbsp;&copy;").unwrap(), "&nbsp;&copy;");
        assert_eq!(parse("&amp &lt").unwrap(), "& <");
        assert_eq!(parse("&#0;&#xD800;").unwrap(), "&#0;&#xD800;");
    }

    #[test]
    fn lengths_in_utf16() {
        assert_eq!(visible_len("😀").unwrap(), 2);
        assert_eq!(visible_len("&#x1F600;").unwrap(), 2);
        assert_eq!(visible_len("立法").unwrap(), 2);
        assert_eq!(visible_len("<b>&amp;</b>").unwrap(), 1);
        assert_eq!(
            visible_len(&"&amp;".repeat(MESSAGE_LIMIT)).unwrap(),
            MESSAGE_LIMIT
        );
        assert_eq!(plain_len("&amp;"), 5);
        assert_eq!(plain_len("é😀"), 3);
    }

    #[test]
    fn errors_carry_telegrams_wording() {
        let err = |html: &str| parse(html).unwrap_err().to_string();
        assert_eq!(
            err("<b>x"),
            "Can't find end tag corresponding to start tag \"b\""
        );
        assert_eq!(
            err("<div>x</div>"),
            "Unsupported start tag \"div\" at byte offset 0"
        );
        assert_eq!(err("1 < 2"), "Unsupported start tag \"\" at byte offset 2");
        assert_eq!(err("x</b>"), "Unexpected end tag at byte offset 1");
        assert_eq!(err("ab<b"), "Unclosed start tag at byte offset 2");
        assert_eq!(
            err("<b><i>x</b></i>"),
            "Unmatched end tag at byte offset 7, expected \"</i>\", found \"</b>\""
        );
        assert_eq!(
            err("<span>x</span>"),
            "Tag \"span\" must have class \"tg-spoiler\" at byte offset 0"
        );
        assert_eq!(
            err("<a href=\"x>y</a>"),
            "Unclosed start tag at byte offset 0"
        );
        assert_eq!(err("<b>x</b"), "Unclosed end tag at byte offset 4");
        assert_eq!(
            err("<a href>x</a>"),
            "Expected equal sign in declaration of an attribute of the tag \"a\" at byte offset 0"
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for html in [
            "<",
            "</",
            "&",
            "&#",
            "&#x",
            "<a href=",
            "<a href= ",
            "<b \0>",
            "é<é>",
            "<a =x>",
            "</b",
        ] {
            let _ = parse(html);
        }
    }
}

/// Joins lines into as few messages as fit `limit` (visible UTF-16 units), breaking
/// only between lines so no tag is ever cut in two. Lines are assumed to be well-formed
/// HTML on their own; one longer than `limit` gets a message of its own.
pub fn split_lines(lines: &[String], limit: usize) -> Vec<String> {
    let len = |s: &str| visible_len(s).unwrap_or_else(|_| plain_len(s));
    let mut chunks = Vec::new();
    let mut current = String::new();
    let mut current_len = 0;
    for line in lines {
        let line_len = len(line);
        if !current.is_empty() && current_len + 1 + line_len > limit {
            chunks.push(std::mem::take(&mut current));
            current_len = 0;
        }
        if !current.is_empty() {
            current.push('\n');
            current_len += 1;
        }
        current.push_str(line);
        current_len += line_len;
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

#[cfg(test)]
mod split_tests {
    use super::*;

    #[test]
    fn lines_are_packed_without_crossing_the_limit() {
        let lines: Vec<String> = (0..10).map(|i| format!("<b>第{i}行</b>")).collect();
        let chunks = split_lines(&lines, 10);
        assert!(
            chunks.iter().all(|c| visible_len(c).unwrap() <= 10),
            "{chunks:?}"
        );
        assert_eq!(
            chunks.join("\n"),
            lines.join("\n"),
            "nothing lost or reordered"
        );
        assert_eq!(split_lines(&lines, 4096).len(), 1);
        assert!(split_lines(&[], 10).is_empty());
    }
}

/// Cuts plain text into pieces of at most `max` characters (for a paragraph longer
/// than a message; whole paragraphs are kept together by [`split_lines`]).
pub fn chunks(text: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return vec![String::new()];
    }
    chars
        .chunks(max.max(1))
        .map(|c| c.iter().collect())
        .collect()
}
