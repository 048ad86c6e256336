//! Drafts in: turning the file a publisher sends (a .docx, a .txt or .md in UTF-8 or
//! GB18030, or pasted text) into the structure residents browse and comment on —
//! 编 / 章 / 节 and 条, with everything the parser had to guess about reported as
//! [`Irregularity`] so that the publisher can check it before anything is saved.
//!
//! Reading ([`read_draft`], [`decode_text`]) and parsing ([`parse`]) are separate so
//! that pasted text, a file and the command-line import all go through one parser.
//! Errors carry data, not sentences: the caller renders them in the person's language.

mod number;
mod parse;
mod read;
mod revision;
mod words;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use number::{article_number, chinese_number, to_chinese_number};
pub use parse::parse;
pub use read::{MAX_DRAFT_BYTES, check_upload, decode_text, read_draft};
pub use revision::{ArticleChange, Revision, Segment, compare};
pub use words::{irregularity, refusal, short};

/// Why a file or a text could not become a [`Draft`]. Each variant carries what a
/// localized message needs; `Display` is English and meant for logs only.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// The publisher must be told the limit, not only that the file was refused.
    #[error("the file has {size} bytes, more than the limit of {limit}")]
    TooLarge { size: u64, limit: u64 },
    /// A .docx whose document unpacks to more than `limit` bytes: a zip bomb, or far
    /// more than any draft (see [`crate::limits::ZIP_MEMBER_BYTES`]).
    #[error("the document unpacks to more than {limit} bytes")]
    Unpacked { limit: u64 },
    /// More characters than any draft has ([`crate::limits::DRAFT_TEXT_CHARS`]).
    #[error("the text has more than {limit} characters")]
    TooLong { limit: usize },
    /// More articles than any regulation has ([`crate::limits::DRAFT_ARTICLES`]).
    #[error("more than {limit} articles")]
    TooManyArticles { limit: usize },
    /// An article longer than any real one ([`crate::limits::ARTICLE_CHARS`]): `label`
    /// says which, so that the publisher can look for the unmarked annex after it.
    #[error("{label} has more than {limit} characters")]
    ArticleTooLong { label: String, limit: usize },
    /// An empty upload usually means a wrong file was picked.
    #[error("the file is empty or contains only whitespace")]
    Empty,
    /// Images, archives and executables sent by mistake: no encoding can help.
    #[error("the file looks binary, not like text")]
    Binary,
    /// Text in an encoding we do not read (neither UTF-8, UTF-16 with a BOM nor GB18030).
    #[error("the text is neither UTF-8 nor GB18030")]
    Undecodable,
    /// Named .docx but not a Word document (for example a renamed .doc); `detail` is for logs.
    #[error("not a .docx document: {detail}")]
    NotDocx { detail: String },
    /// Formats we cannot read (.doc, .pdf, .wps …): the publisher should resend as .docx or .txt.
    #[error("unsupported file type .{extension}")]
    UnsupportedType { extension: String },
    /// Text without a single 第…条 heading is not a draft regulation (or not one we understand).
    #[error("no article heading (第…条) found")]
    NoArticles,
}

/// A parsed draft regulation. Indices (`first_article`, `chapter`, `section`) point into
/// this draft's own vectors, so the whole value can be stored as one JSON document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The regulation's title, without 《》, when one was recognised before the first heading.
    pub title: Option<String>,
    /// Lines before the draft itself (a notice, how to submit, a status note), one per line.
    pub preamble: String,
    pub divisions: Vec<Division>,
    pub articles: Vec<Article>,
    /// What the publisher should check: numbering problems and text that was not placed.
    pub irregularities: Vec<Irregularity>,
}

/// The level of a structural division above the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DivisionLevel {
    /// 编
    Part,
    /// 章
    Chapter,
    /// 节
    Section,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Division {
    pub level: DivisionLevel,
    pub number: u32,
    /// As written, spaces removed: 第一章.
    pub label: String,
    /// 总则; empty when the heading had none.
    pub title: String,
    /// Index of the first article after this heading; equals `articles.len()` when the
    /// division is the last thing in the draft and has no article.
    pub first_article: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub number: u32,
    /// As written, spaces removed: 第十二条 (or 第12条).
    pub label: String,
    /// The bracketed title of 第一条【立法目的】, without brackets.
    pub title: Option<String>,
    /// The article's 款 and 项, one per line (separated by "\n"), wrapped lines joined.
    pub text: String,
    /// Index into [`Draft::divisions`] of the enclosing 章.
    pub chapter: Option<usize>,
    /// Index into [`Draft::divisions`] of the enclosing 节.
    pub section: Option<usize>,
}

/// Something the parser noticed and the publisher should confirm before saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Irregularity {
    /// An article numbered lower than the one before it (and not seen earlier).
    OutOfOrder { after: u32, found: u32 },
    /// An article number that was already used.
    Duplicate(u32),
    /// Numbers were skipped: `after` is the highest number before `next` (0 when the
    /// first article is not 第一条).
    Gap { after: u32, next: u32 },
    /// A line (1-based, in the decoded text) that belongs to no article: text between a
    /// chapter heading and its first article, or trailing 附件 / dates / explanations.
    SkippedLine { line: usize, text: String },
}

impl Draft {
    /// The 章 headings in order; the browsing menu lists these.
    pub fn chapters(&self) -> impl Iterator<Item = &Division> + '_ {
        self.divisions
            .iter()
            .filter(|d| d.level == DivisionLevel::Chapter)
    }

    /// The first article with this number (numbers can repeat in a faulty draft, which
    /// is reported as [`Irregularity::Duplicate`]).
    pub fn article(&self, number: u32) -> Option<&Article> {
        self.articles.iter().find(|a| a.number == number)
    }

    /// The articles under `divisions[index]`: up to the next division of the same or a
    /// higher level. Empty for an unknown index.
    pub fn division_articles(&self, index: usize) -> &[Article] {
        let Some(division) = self.divisions.get(index) else {
            return &[];
        };
        let end = self.divisions[index + 1..]
            .iter()
            .find(|d| d.level <= division.level)
            .map_or(self.articles.len(), |d| d.first_article);
        let start = division.first_article.min(self.articles.len());
        &self.articles[start..end.clamp(start, self.articles.len())]
    }
}
