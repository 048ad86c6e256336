//! Bringing a draft into the console: the text from an uploaded file (.docx, .txt,
//! .md) or pasted, read and parsed by the same domain functions as in chat
//! ([`consult_domain::draft`]), and what the parser understood, drawn for the
//! publisher to check before anything is saved. Shared by a new consultation and a
//! revised draft (二审稿).
//!
//! The forms are `multipart/form-data`, the only way a browser sends a file without
//! script. Their body may be larger than any other form's ([`BODY_BYTES`]): a file up
//! to [`limits::DRAFT_FILE_BYTES`] and the text it held, which the preview carries
//! back in a hidden field so that saving needs no second upload. Whatever is posted,
//! the text is read and parsed again on every step: nothing a browser sends back is
//! trusted as parsed.

use axum::{
    extract::Multipart,
    http::{HeaderMap, StatusCode, header},
};
use consult_domain::{
    draft::{self, DivisionLevel, Draft, DraftError},
    limits,
};
use maud::{Markup, html};

use crate::{WebError, i18n::fl, page::Ctx};

/// The largest body of a draft form: the file, the text carried back (at most
/// [`limits::DRAFT_TEXT_CHARS`] characters, three bytes each), and the other fields.
pub const BODY_BYTES: usize =
    (limits::DRAFT_FILE_BYTES as usize) + 3 * limits::DRAFT_TEXT_CHARS + 64 * 1024;

/// The name a pasted text is recorded under (as in chat).
const PASTED: &str = "pasted text";

/// Irregularities listed on the preview; more are counted.
const IRREGULARITIES_SHOWN: usize = 30;
/// Characters of an article shown on the preview, enough to see where it starts.
const ARTICLE_EXCERPT: usize = 40;

/// A draft form as posted: its text fields (a name may repeat, as checkboxes do) and
/// the file, if one was chosen.
#[derive(Debug, Default)]
pub struct Posted {
    fields: Vec<(String, String)>,
    file: Option<(String, Vec<u8>)>,
}

impl Posted {
    /// The first value of a field, or "".
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of a field.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The file chosen, if any, taken out of the form (a sheet to import).
    pub fn take_file(&mut self) -> Option<(String, Vec<u8>)> {
        self.file.take()
    }

    /// Whether a submit button with this name was pressed.
    pub fn pressed(&self, name: &str) -> bool {
        self.fields.iter().any(|(k, _)| k == name)
    }
}

/// Why a posted form could not be read at all.
pub enum Unreadable {
    /// Larger than [`BODY_BYTES`]: the file is too large (its size as the browser
    /// announced it).
    TooLarge(u64),
    /// Not a form a browser would send.
    Malformed,
}

/// Reads the whole form. The body limit bounds what is read; a file field without a
/// name and without bytes (no file chosen) counts as none.
pub async fn read(headers: &HeaderMap, mut multipart: Multipart) -> Result<Posted, Unreadable> {
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(BODY_BYTES as u64 + 1);
    let fail = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Unreadable::TooLarge(announced)
        } else {
            Unreadable::Malformed
        }
    };
    let mut posted = Posted::default();
    while let Some(field) = multipart.next_field().await.map_err(fail)? {
        let name = field.name().unwrap_or_default().to_owned();
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(fail)?;
                if !file_name.is_empty() || !bytes.is_empty() {
                    posted.file = Some((file_name, bytes.to_vec()));
                }
            }
            None => {
                let text = field.text().await.map_err(fail)?;
                // Browsers send line ends as CRLF; the parser reads lines either way,
                // but the carried text should not grow a CR each round trip.
                posted.fields.push((name, text.replace("\r\n", "\n")));
            }
        }
    }
    Ok(posted)
}

/// A parsed draft with where it came from, and its text to carry to the next step.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub draft: Draft,
    pub source_name: String,
    pub text: String,
    /// Pasted (kept in the textarea) rather than from a file (carried hidden).
    pub pasted: bool,
}

/// What the form's text fields and file hold, in this order: a newly chosen file, a
/// pasted text, the text carried from the previous step. None: nothing was given.
pub async fn parse(posted: &mut Posted) -> Result<Option<Result<Parsed, DraftError>>, WebError> {
    let (source_name, input, pasted) = if let Some((name, bytes)) = posted.file.take() {
        (name, Input::File(bytes), false)
    } else if !posted.get("text").trim().is_empty() {
        (
            PASTED.to_owned(),
            Input::Text(posted.get("text").to_owned()),
            true,
        )
    } else if !posted.get("draft_text").trim().is_empty() {
        let name = match posted.get("source_name") {
            "" => PASTED.to_owned(),
            n => n.chars().take(200).collect(),
        };
        (
            name,
            Input::Text(posted.get("draft_text").to_owned()),
            false,
        )
    } else {
        return Ok(None);
    };
    let name = source_name.clone();
    // Reading a .docx and parsing hundreds of articles is CPU work: off the async
    // threads, as in chat.
    let result = tokio::task::spawn_blocking(move || {
        let text = match input {
            Input::File(bytes) => draft::read_draft(&name, &bytes)?,
            Input::Text(text) => text,
        };
        let parsed = draft::parse(&text)?;
        Ok::<_, DraftError>((parsed, text))
    })
    .await
    .map_err(|e| WebError::Task(e.to_string()))?;
    Ok(Some(result.map(|(draft, text)| Parsed {
        draft,
        source_name,
        text,
        pasted,
    })))
}

enum Input {
    File(Vec<u8>),
    Text(String),
}

/// Why a draft was refused, in words (the chat's and the command line's).
pub fn refusal(ctx: &Ctx, e: &DraftError) -> String {
    draft::refusal(ctx.state.locales(), ctx.locale, e, str::to_owned)
}

/// The refusal of a form too large to read.
pub fn too_large(ctx: &Ctx, size: u64) -> String {
    refusal(
        ctx,
        &DraftError::TooLarge {
            size,
            limit: limits::DRAFT_FILE_BYTES,
        },
    )
}

/// The text fields: a file to choose, or the text to paste (kept when it was pasted;
/// a file's text travels hidden, named on the page).
pub fn text_fields(ctx: &Ctx, parsed: Option<&Parsed>, problem: Option<&str>) -> Markup {
    let l = ctx.l();
    let pasted = parsed.filter(|p| p.pasted).map_or("", |p| p.text.as_str());
    let carried = parsed.filter(|p| !p.pasted);
    let mb = limits::DRAFT_FILE_BYTES / limits::MIB;
    html! {
        fieldset #draft aria-describedby=[problem.map(|_| "draft-error")] {
            legend { (fl!(l, "staff-draft-legend")) }
            @if let Some(p) = problem {
                p.error #draft-error { (p) }
            }
            @if let Some(c) = carried {
                p.notice {
                    (fl!(l, "staff-draft-carried", name = c.source_name.clone(), articles = c.draft.articles.len()))
                }
                input type="hidden" name="draft_text" value=(c.text);
                input type="hidden" name="source_name" value=(c.source_name);
            }
            div.field {
                label for="file" { (fl!(l, "staff-draft-file", mb = mb)) }
                input #file type="file" name="file" accept=".docx,.txt,.md,.markdown,.text";
            }
            div.field {
                label for="text" { (fl!(l, "staff-draft-paste")) }
                textarea #text name="text" rows="8" { (pasted) }
            }
        }
    }
}

/// The same text as hidden fields, for the preview's buttons.
pub fn hidden_text(parsed: &Parsed) -> Markup {
    html! {
        input type="hidden" name="draft_text" value=(parsed.text);
        input type="hidden" name="source_name" value=(parsed.source_name);
    }
}

/// What the parser understood: the title, the counts, the chapters and articles (each
/// with the start of its text, to see where it begins), and what to check.
pub fn preview(ctx: &Ctx, d: &Draft) -> Markup {
    let l = ctx.l();
    let title = d
        .title
        .clone()
        .unwrap_or_else(|| fl!(l, "staff-draft-no-title"));
    let first = d
        .articles
        .first()
        .map(|a| a.label.clone())
        .unwrap_or_default();
    let last = d
        .articles
        .last()
        .map(|a| a.label.clone())
        .unwrap_or_default();
    html! {
        section.preview aria-labelledby="understood" {
            h2 #understood { (fl!(l, "staff-draft-understood")) }
            dl {
                dt { (fl!(l, "staff-draft-title-found")) }
                dd { (title) }
                dt { (fl!(l, "staff-draft-counts-label")) }
                dd {
                    (fl!(l, "staff-draft-counts", chapters = d.chapters().count(),
                        articles = d.articles.len(), first = first, last = last))
                }
            }
            @if d.irregularities.is_empty() {
                p.notice { (fl!(l, "staff-draft-regular")) }
            } @else {
                div.error {
                    h3 { (fl!(l, "staff-draft-check")) }
                    ul.plain {
                        @for irr in d.irregularities.iter().take(IRREGULARITIES_SHOWN) {
                            li { (draft::irregularity(ctx.state.locales(), ctx.locale, irr, str::to_owned)) }
                        }
                        @if d.irregularities.len() > IRREGULARITIES_SHOWN {
                            li { (fl!(l, "draft-irr-more", count = (d.irregularities.len() - IRREGULARITIES_SHOWN).to_string())) }
                        }
                    }
                }
            }
            h3 { (fl!(l, "staff-draft-structure")) }
            ul.plain.structure {
                @for (i, a) in d.articles.iter().enumerate() {
                    @for div in d.divisions.iter().filter(|v| v.first_article == i) {
                        li.division.(level_class(div.level)) {
                            strong { (format!("{} {}", div.label, div.title).trim()) }
                        }
                    }
                    li {
                        strong { (a.label) }
                        @if let Some(t) = &a.title { "【" (t) "】" }
                        " "
                        span.meta { (excerpt(&a.text)) }
                    }
                }
            }
        }
    }
}

fn level_class(level: DivisionLevel) -> &'static str {
    match level {
        DivisionLevel::Part => "part",
        DivisionLevel::Chapter => "chapter",
        DivisionLevel::Section => "section",
    }
}

fn excerpt(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > ARTICLE_EXCERPT {
        format!(
            "{}…",
            one_line.chars().take(ARTICLE_EXCERPT).collect::<String>()
        )
    } else {
        one_line
    }
}
