//! A draft's problems in words, in the reader's language: why a file or text was
//! refused, and what the parser asks the publisher to check. One wording for the chat
//! (where `escape` makes the file's own words safe Telegram HTML), the staff console
//! and the command line (where the page or the terminal needs them as they are).

use i18n_embed_fl::fl;

use super::{DraftError, Irregularity, to_chinese_number};
use crate::{i18n::Locales, limits, people::Locale};

/// Why a draft was refused.
pub fn refusal(
    locales: &Locales,
    locale: Locale,
    e: &DraftError,
    escape: impl Fn(&str) -> String,
) -> String {
    let l = locales.get(locale);
    let mib = |bytes: u64| (bytes / limits::MIB).to_string();
    match e {
        DraftError::TooLarge { size, limit } => fl!(
            l,
            "draft-err-too-large",
            size = format!("{:.1}", *size as f64 / 1_048_576.0),
            limit = mib(*limit)
        ),
        DraftError::Unpacked { limit } => fl!(l, "draft-err-unpacked", limit = mib(*limit)),
        DraftError::TooLong { limit } => fl!(l, "draft-err-too-long", limit = limit),
        DraftError::TooManyArticles { limit } => {
            fl!(l, "draft-err-too-many-articles", limit = limit)
        }
        DraftError::ArticleTooLong { label, limit } => fl!(
            l,
            "draft-err-article-too-long",
            article = escape(label),
            limit = limit
        ),
        DraftError::Empty => fl!(l, "draft-err-empty"),
        DraftError::Binary => fl!(l, "draft-err-binary"),
        DraftError::Undecodable => fl!(l, "draft-err-undecodable"),
        DraftError::NotDocx { .. } => fl!(l, "draft-err-not-docx"),
        DraftError::UnsupportedType { extension } => {
            fl!(l, "draft-err-unsupported", extension = escape(extension))
        }
        DraftError::NoArticles => fl!(l, "draft-err-no-articles"),
    }
}

/// One thing the publisher should check, as a line starting with a bullet. A skipped
/// line's text is cut to 60 characters.
pub fn irregularity(
    locales: &Locales,
    locale: Locale,
    irr: &Irregularity,
    escape: impl Fn(&str) -> String,
) -> String {
    let l = locales.get(locale);
    let label = |n: &u32| format!("第{}条", to_chinese_number(*n));
    match irr {
        Irregularity::OutOfOrder { after, found } => fl!(
            l,
            "draft-irr-out-of-order",
            after = label(after),
            found = label(found)
        ),
        Irregularity::Duplicate(num) => fl!(l, "draft-irr-duplicate", number = label(num)),
        Irregularity::Gap { after, next } => {
            fl!(l, "draft-irr-gap", after = label(after), next = label(next))
        }
        Irregularity::SkippedLine { line, text } => fl!(
            l,
            "draft-irr-skipped",
            line = line.to_string(),
            text = escape(&short(text))
        ),
    }
}

/// At most 60 characters, with an ellipsis when cut.
pub fn short(text: &str) -> String {
    if text.chars().count() <= 60 {
        text.to_owned()
    } else {
        text.chars().take(59).chain(['…']).collect()
    }
}
