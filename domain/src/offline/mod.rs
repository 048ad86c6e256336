//! Opinions gathered offline (线下) — at a forum (座谈会), a visit (走访) or a hearing
//! (听证会) — and entered by an informant, a liaison or an admin, one by one (chat's
//! `/record`, the console's form) or from a spreadsheet. Every row of a spreadsheet is
//! checked before any is stored; the submission key of a row is derived from what the
//! row says ([`row_key`]), so sending the same file again stores nothing twice.
//!
//! The layout (first sheet of an .xlsx, or a .csv in UTF-8 with or without BOM, or
//! GBK/GB18030), one header row, then one opinion a row; columns are found by their
//! header, in any order:
//!
//! | header | required | content |
//! |---|---|---|
//! | 草案编号 | yes | C12 or 12 |
//! | 渠道 | yes | 座谈会 / 走访 / 听证会 / 其他 |
//! | 日期 | yes | YYYY-MM-DD, not in the future |
//! | 居民姓名 | no | the resident's name, if they gave it |
//! | 条文 | no | 第十二条 or 12; empty = the whole draft |
//! | 看法 | yes | 支持 / 反对 / 修改建议 / 补充建议 / 其他 |
//! | 意见内容 | yes | the opinion |
//! | 建议表述 | no | proposed wording |
//!
//! Sheets filled in from the template's first edition, whose headers were 条款, 意见类型
//! and 修改建议, are read too.

mod fields;
mod repo;
mod sheet;
mod words;

pub use fields::{
    admissible, article_number, body, consultation_number, contents, gathered_on, related,
    resident_name, stance, title, wording,
};
pub use repo::{Offline, row_key};
pub use sheet::{
    Column, Layout, SheetError, SheetRow, TemplateError, check_upload, is_sheet, read_sheet,
    template, template_of,
};
pub use words::{column_name, imported, problem_text};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    UserId, limits,
    open_calls::Suggestion,
    opinions::{Opinion, Stance},
};

/// Largest spreadsheet accepted, checked before downloading ([`limits::SHEET_FILE_BYTES`]).
pub const MAX_SHEET_BYTES: u64 = limits::SHEET_FILE_BYTES;
/// Most opinions in one spreadsheet ([`limits::SHEET_ROWS`]).
pub const MAX_ROWS: usize = limits::SHEET_ROWS;
/// Longest resident name, in characters.
pub const MAX_NAME_CHARS: usize = 50;

/// Where an offline opinion was gathered: one of [`Channel::OFFLINE`].
pub use crate::opinions::Channel;

/// What is wrong with one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A required cell is empty.
    Missing,
    /// Not in the documented form (a date, a number, one of the listed words).
    Format,
    /// No consultation has this number.
    UnknownConsultation,
    /// The consultation is not open for opinions.
    NotOpen,
    /// A row of opinions names an open call, or a row of suggestions a draft.
    WrongKind,
    /// The consultation does not reach the recorder's contact point.
    OutOfScope,
    /// The draft has no such article.
    UnknownArticle,
    /// The date is after today.
    Future,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
}

/// One bad cell, by spreadsheet row number (the header is row 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowProblem {
    pub row: usize,
    pub column: Column,
    pub problem: Problem,
}

/// A checked offline opinion, ready for the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub consultation_id: i64,
    pub version: i32,
    /// (number, label); None: the whole draft.
    pub article: Option<(u32, String)>,
    pub channel: Channel,
    pub gathered_on: NaiveDate,
    pub resident_name: Option<String>,
    pub stance: Stance,
    /// The opinion, or the problem a suggested project should solve.
    pub body: String,
    pub wording: Option<String>,
    /// What only a project suggestion has (on an open call; None on a draft).
    #[serde(default)]
    pub suggestion: Option<Suggestion>,
}

/// Who records, and for which contact point (None: an admin, for any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorder {
    pub user: UserId,
    pub point: Option<i64>,
}

/// The bounds a row is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Shortest and longest opinion, in characters.
    pub chars: (usize, usize),
    /// Today in the display timezone: dates after it are refused.
    pub today: NaiveDate,
}

/// One opinion as typed into the console's form: what a spreadsheet row holds, the
/// consultation already chosen (the form is reached from it). Channel and view may be
/// written as the sheet writes them or by their codes (`offline_forum`, `amend`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typed {
    pub consultation: i64,
    pub channel: String,
    pub date: String,
    pub name: String,
    pub article: String,
    pub stance: String,
    pub body: String,
    pub wording: String,
    /// A suggestion's title, contents and related rules (an open call's form).
    pub title: String,
    pub contents: String,
    pub related: String,
}

/// What an import stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// Opinions stored by this import, in row order.
    pub new: Vec<Opinion>,
    /// Rows an earlier import already stored.
    pub already: usize,
}

impl Imported {
    /// The receipt numbers stored, as the first and last of each consultation in
    /// import order (「C1-0003 至 C1-0012、C2-0001」 once put in words); first and last
    /// are the same for a consultation with one new opinion.
    pub fn receipt_ranges(&self) -> Vec<(&str, &str)> {
        let mut ranges: Vec<(i64, &str, &str)> = Vec::new();
        for o in &self.new {
            match ranges.iter_mut().find(|(c, _, _)| *c == o.consultation_id) {
                Some(range) => range.2 = &o.receipt,
                None => ranges.push((o.consultation_id, &o.receipt, &o.receipt)),
            }
        }
        ranges
            .into_iter()
            .map(|(_, first, last)| (first, last))
            .collect()
    }
}
