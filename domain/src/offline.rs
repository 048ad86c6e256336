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

use std::{
    collections::{BTreeMap, HashMap},
    io::Cursor,
};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

mod words;

pub use words::{column_name, imported, problem_text};

use crate::{
    Db, Error, UserId,
    consultations::Consultation,
    db::on_pool,
    draft::Draft,
    limits::{self, BoundedError, BoundedZip},
    opinions::{Identity, NewOpinion, Opinion, Stance},
};

/// Largest spreadsheet accepted, checked before downloading ([`limits::SHEET_FILE_BYTES`]).
pub const MAX_SHEET_BYTES: u64 = limits::SHEET_FILE_BYTES;
/// Most opinions in one spreadsheet ([`limits::SHEET_ROWS`]).
pub const MAX_ROWS: usize = limits::SHEET_ROWS;
/// Longest resident name, in characters.
pub const MAX_NAME_CHARS: usize = 50;

/// Where an offline opinion was gathered: one of [`Channel::OFFLINE`].
pub use crate::opinions::Channel;

/// The spreadsheet template's names for the offline channels (an input vocabulary:
/// the template is filled in Chinese).
impl Channel {
    /// As written in the spreadsheet; None for a channel that is not offline.
    pub fn sheet_label(self) -> Option<&'static str> {
        match self {
            Channel::Forum => Some("座谈会"),
            Channel::Visit => Some("走访"),
            Channel::Hearing => Some("听证会"),
            Channel::OfflineOther => Some("其他"),
            _ => None,
        }
    }

    /// Reads a spreadsheet cell: the Chinese label, or the English word of the
    /// code without its `offline_` prefix (forum, visit, hearing, other), or the code
    /// itself (what the console's form posts).
    pub fn parse_sheet(raw: &str) -> Option<Self> {
        let t = raw.trim();
        Channel::OFFLINE.into_iter().find(|c| {
            c.sheet_label() == Some(t)
                || c.as_str().eq_ignore_ascii_case(t)
                || c.as_str()
                    .strip_prefix("offline_")
                    .is_some_and(|k| k.eq_ignore_ascii_case(t))
        })
    }
}

/// The spreadsheet's columns, in the template's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Consultation,
    Channel,
    Date,
    Name,
    Article,
    Stance,
    Body,
    Wording,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::Consultation,
        Column::Channel,
        Column::Date,
        Column::Name,
        Column::Article,
        Column::Stance,
        Column::Body,
        Column::Wording,
    ];

    /// The header in the template (and what the import looks for).
    pub fn header(self) -> &'static str {
        match self {
            Column::Consultation => "草案编号",
            Column::Channel => "渠道",
            Column::Date => "日期",
            Column::Name => "居民姓名",
            Column::Article => "条文",
            Column::Stance => "看法",
            Column::Body => "意见内容",
            Column::Wording => "建议表述",
        }
    }

    /// The header the template's first edition had, before the words followed the
    /// glossary in `locales/`: a sheet filled in from it is still read.
    fn former_header(self) -> Option<&'static str> {
        match self {
            Column::Article => Some("条款"),
            Column::Stance => Some("意见类型"),
            Column::Wording => Some("修改建议"),
            _ => None,
        }
    }

    /// A key for message ids: consultation, channel, date …
    pub fn key(self) -> &'static str {
        match self {
            Column::Consultation => "consultation",
            Column::Channel => "channel",
            Column::Date => "date",
            Column::Name => "name",
            Column::Article => "article",
            Column::Stance => "stance",
            Column::Body => "body",
            Column::Wording => "wording",
        }
    }

    pub fn required(self) -> bool {
        !matches!(self, Column::Name | Column::Article | Column::Wording)
    }

    /// How the template explains the column.
    fn hint(self) -> &'static str {
        match self {
            Column::Consultation => "必填。草案编号，如 C12 或 12（见征求意见通知）",
            Column::Channel => "必填。座谈会、走访、听证会或其他",
            Column::Date => "必填。收集意见的日期，格式 YYYY-MM-DD，如 2026-11-20，不能晚于今天",
            Column::Name => "选填。居民愿意留下姓名时填写；填写即表示居民同意保存",
            Column::Article => "选填。条文编号，如 第十二条 或 12；针对整部草案的留空",
            Column::Stance => "必填。支持、反对、修改建议、补充建议或其他",
            Column::Body => "必填。居民的意见",
            Column::Wording => "选填。居民建议的条文表述",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Finds a column by its header; a header may add a note after the name
    /// (「日期（YYYY-MM-DD）」).
    fn from_header(raw: &str) -> Option<Self> {
        let t = raw.trim().trim_start_matches('\u{feff}').trim();
        Column::ALL.into_iter().find(|c| {
            t.starts_with(c.header()) || c.former_header().is_some_and(|h| t.starts_with(h))
        })
    }
}

/// Why a whole spreadsheet was refused, before looking at its rows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    #[error("the file has {size} bytes, more than the limit of {limit}")]
    TooLarge { size: u64, limit: u64 },
    /// Only .xlsx and .csv are read.
    #[error("not an .xlsx or .csv file")]
    UnsupportedType,
    /// A damaged workbook, or a CSV that is not CSV; `detail` is for logs.
    #[error("the spreadsheet cannot be read: {detail}")]
    Unreadable { detail: String },
    /// An .xlsx whose parts unpack to more than `limit` bytes, or whose cells hold
    /// more text than that: a zip bomb, or far more than any sheet of opinions.
    #[error("the spreadsheet unpacks to more than {limit} bytes")]
    Unpacked { limit: u64 },
    /// A CSV neither in UTF-8 nor in GBK/GB18030.
    #[error("the CSV is neither UTF-8 nor GB18030")]
    Undecodable,
    /// The header row lacks required columns (or there is no header row).
    #[error("missing columns: {0:?}")]
    MissingColumns(Vec<Column>),
    /// A header and no opinion.
    #[error("no rows")]
    Empty,
    #[error("{rows} rows, more than the limit of {limit}")]
    TooManyRows { rows: usize, limit: usize },
}

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

/// A spreadsheet row as text, cells in [`Column`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    /// As the spreadsheet program numbers it (the header is row 1).
    pub row: usize,
    pub cells: [String; 8],
}

impl SheetRow {
    fn cell(&self, c: Column) -> &str {
        self.cells[c.index()].trim()
    }
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
    pub body: String,
    pub wording: Option<String>,
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
}

/// The consultations (with their current draft) looked up while checking rows; None
/// for a number no consultation has.
type Drafts = HashMap<i64, Option<(Consultation, Draft)>>;

/// The file name says what it is; the size is known before downloading.
pub fn check_upload(file_name: &str, size: u64) -> Result<(), SheetError> {
    kind(file_name)?;
    if size > MAX_SHEET_BYTES {
        return Err(SheetError::TooLarge {
            size,
            limit: MAX_SHEET_BYTES,
        });
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Xlsx,
    Csv,
}

fn kind(file_name: &str) -> Result<Kind, SheetError> {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" => Ok(Kind::Xlsx),
        "csv" => Ok(Kind::Csv),
        _ => Err(SheetError::UnsupportedType),
    }
}

/// Whether a file name is one the import reads (for routing a document).
pub fn is_sheet(file_name: &str) -> bool {
    kind(file_name).is_ok()
}

/// Reads the rows of a spreadsheet (the first sheet of an .xlsx), mapping columns by
/// the header row; blank rows are left out. Rows past [`MAX_ROWS`] are counted, not
/// kept, and an .xlsx is unpacked within [`limits`], so a hostile file costs no more
/// memory than a full legitimate one.
pub fn read_sheet(file_name: &str, bytes: &[u8]) -> Result<Vec<SheetRow>, SheetError> {
    check_upload(file_name, bytes.len() as u64)?;
    let grid = match kind(file_name)? {
        Kind::Xlsx => xlsx_grid(bytes)?,
        Kind::Csv => csv_grid(bytes)?,
    };
    if grid.extra > 0 {
        return Err(SheetError::TooManyRows {
            rows: grid.rows.len() - 1 + grid.extra,
            limit: MAX_ROWS,
        });
    }
    let mut rows = grid.rows.into_iter();
    let Some((_, header)) = rows.next() else {
        return Err(SheetError::MissingColumns(
            Column::ALL.into_iter().filter(|c| c.required()).collect(),
        ));
    };
    let mut at: HashMap<Column, usize> = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        if let Some(c) = Column::from_header(h) {
            at.entry(c).or_insert(i);
        }
    }
    let missing: Vec<Column> = Column::ALL
        .into_iter()
        .filter(|c| c.required() && !at.contains_key(c))
        .collect();
    if !missing.is_empty() {
        return Err(SheetError::MissingColumns(missing));
    }
    let rows: Vec<(usize, Vec<String>)> = rows.collect();
    if rows.is_empty() {
        return Err(SheetError::Empty);
    }
    Ok(rows
        .into_iter()
        .map(|(row, cells)| {
            let get = |c: Column| {
                at.get(&c)
                    .and_then(|i| cells.get(*i))
                    .cloned()
                    .unwrap_or_default()
            };
            SheetRow {
                row,
                cells: Column::ALL.map(get),
            }
        })
        .collect())
}

/// The non-blank rows of a sheet by spreadsheet row number (the header is row 1),
/// kept within [`limits`]: the header and [`MAX_ROWS`] rows at most (later ones are
/// only counted, in `extra`), [`limits::SHEET_COLUMNS`] columns, cells cut at
/// [`limits::SHEET_CELL_CHARS`] characters and [`limits::ZIP_MEMBER_BYTES`] of text
/// in all.
#[derive(Default)]
struct Grid {
    rows: BTreeMap<usize, Vec<String>>,
    extra: usize,
    last_extra: Option<usize>,
    bytes: u64,
}

impl Grid {
    fn cell(&mut self, row: usize, column: usize, text: &str) -> Result<(), SheetError> {
        if column >= limits::SHEET_COLUMNS || text.trim().is_empty() {
            return Ok(());
        }
        if !self.rows.contains_key(&row) && self.rows.len() > MAX_ROWS {
            if self.last_extra != Some(row) {
                self.extra += 1;
                self.last_extra = Some(row);
            }
            return Ok(());
        }
        let text: String = match text.char_indices().nth(limits::SHEET_CELL_CHARS) {
            Some((end, _)) => text[..end].to_owned(),
            None => text.to_owned(),
        };
        self.bytes += text.len() as u64;
        if self.bytes > limits::ZIP_MEMBER_BYTES {
            return Err(SheetError::Unpacked {
                limit: limits::ZIP_MEMBER_BYTES,
            });
        }
        let cells = self.rows.entry(row).or_default();
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        cells[column] = text;
        Ok(())
    }
}

/// The first worksheet's cells, streamed. Every XML part of the workbook is first
/// unpacked into nothing through a limited reader, because calamine unpacks parts
/// without a limit and trusts a sheet's declared dimensions.
fn xlsx_grid(bytes: &[u8]) -> Result<Grid, SheetError> {
    use calamine::{Reader, Xlsx};
    let unreadable = |e: &dyn std::fmt::Display| SheetError::Unreadable {
        detail: e.to_string(),
    };
    let bounded = |e: BoundedError| match e {
        BoundedError::Exceeded { limit } => SheetError::Unpacked { limit },
        other => unreadable(&other),
    };
    let mut zip = BoundedZip::new(Cursor::new(bytes), limits::zip_tail(bytes)).map_err(bounded)?;
    for name in zip.names() {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            zip.check_member(&name).map_err(bounded)?;
        }
    }
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let Some(first) = book.sheet_names().first().cloned() else {
        return Err(SheetError::Empty);
    };
    let mut cells = book
        .worksheet_cells_reader(&first)
        .map_err(|e| unreadable(&e))?;
    let mut grid = Grid::default();
    while let Some(cell) = cells.next_cell().map_err(|e| unreadable(&e))? {
        let (row, column) = cell.get_position();
        let text = cell_text(cell.get_value());
        grid.cell(row as usize + 1, column as usize, &text)?;
    }
    Ok(grid)
}

/// A cell as text; a shared string is borrowed and cut to [`limits::SHEET_CELL_CHARS`]
/// before it is copied (a sheet may repeat one huge string in every cell).
fn cell_text<'a>(cell: &'a calamine::DataRef<'_>) -> std::borrow::Cow<'a, str> {
    use calamine::DataRef;
    use std::borrow::Cow;
    let cut = |s: &'a str| match s.char_indices().nth(limits::SHEET_CELL_CHARS) {
        Some((end, _)) => &s[..end],
        None => s,
    };
    match cell {
        DataRef::Empty => Cow::Borrowed(""),
        DataRef::SharedString(s) => Cow::Borrowed(cut(s)),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            Cow::Borrowed(cut(s))
        }
        DataRef::Int(i) => Cow::Owned(i.to_string()),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            Cow::Owned(format!("{}", *f as i64))
        }
        DataRef::Float(f) => Cow::Owned(f.to_string()),
        DataRef::Bool(b) => Cow::Owned(b.to_string()),
        // A date typed into a cell Excel formats as a date.
        DataRef::DateTime(d) => Cow::Owned(
            d.as_datetime()
                .map(|t| t.date().format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| d.to_string()),
        ),
        DataRef::Error(e) => Cow::Owned(e.to_string()),
    }
}

/// Rows of a CSV as text; record 1 is the header.
fn csv_grid(bytes: &[u8]) -> Result<Grid, SheetError> {
    let text = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Grid::default();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| SheetError::Unreadable {
            detail: e.to_string(),
        })?;
        for (column, cell) in record.iter().enumerate() {
            grid.cell(i + 1, column, cell)?;
        }
    }
    Ok(grid)
}

/// UTF-8 (with or without BOM), otherwise GBK/GB18030 (what Excel saves in Chinese Windows).
fn decode(bytes: &[u8]) -> Result<String, SheetError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
        .ok_or(SheetError::Undecodable)
}

/// A consultation number as written: C12, c12 or 12.
pub fn consultation_number(raw: &str) -> Option<i64> {
    let t = raw.trim();
    let t = t
        .strip_prefix('C')
        .or_else(|| t.strip_prefix('c'))
        .unwrap_or(t);
    t.trim().parse().ok().filter(|n| *n > 0)
}

/// The day an opinion was gathered: YYYY-MM-DD (also / or . between), not after `today`.
pub fn gathered_on(raw: &str, today: NaiveDate) -> Result<NaiveDate, Problem> {
    let t = raw.trim().replace(['/', '.'], "-");
    if t.is_empty() {
        return Err(Problem::Missing);
    }
    let date = NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| Problem::Format)?;
    if date > today {
        return Err(Problem::Future);
    }
    Ok(date)
}

/// A resident's name, if given: one line of at most [`MAX_NAME_CHARS`] characters.
pub fn resident_name(raw: &str) -> Result<Option<String>, Problem> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars().count() > MAX_NAME_CHARS {
        return Err(Problem::TooLong {
            max: MAX_NAME_CHARS,
        });
    }
    if t.chars().any(char::is_control) {
        return Err(Problem::Format);
    }
    Ok(Some(t.to_owned()))
}

/// An article as typed: 第十二条, 十二, 12 or 12条; None for an empty cell (the whole draft).
pub fn article_number(raw: &str) -> Result<Option<u32>, Problem> {
    let t = raw.trim();
    if t.is_empty() || t == "整部草案" {
        return Ok(None);
    }
    crate::draft::article_number(t)
        .map(Some)
        .ok_or(Problem::Format)
}

/// A stance as written: 支持 / 反对 / 修改建议 / 补充建议 / 其他, or the English key.
pub fn stance(raw: &str) -> Option<Stance> {
    let t = raw.trim();
    let zh = match t {
        "支持" => Some(Stance::Support),
        "反对" => Some(Stance::Oppose),
        "修改建议" => Some(Stance::Amend),
        "补充建议" => Some(Stance::Add),
        "其他" => Some(Stance::Other),
        _ => None,
    };
    zh.or_else(|| Stance::parse(&t.to_ascii_lowercase()))
}

/// Text within `min..=max` characters after trimming.
fn bounded(raw: &str, min: usize, max: usize) -> Result<String, Problem> {
    let t = raw.trim();
    let n = t.chars().count();
    if n < min {
        Err(Problem::TooShort { min })
    } else if n > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(t.to_owned())
    }
}

/// The opinion's text, within the configured bounds.
pub fn body(raw: &str, limits: &Limits) -> Result<String, Problem> {
    if raw.trim().is_empty() {
        return Err(Problem::Missing);
    }
    bounded(raw, limits.chars.0, limits.chars.1)
}

/// Proposed wording, if any: at most as long as an opinion.
pub fn wording(raw: &str, limits: &Limits) -> Result<Option<String>, Problem> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    bounded(raw, 1, limits.chars.1).map(Some)
}

/// Whether `recorder` may record opinions on `c` now: open, before its deadline,
/// and reaching the recorder's point.
pub fn admissible(
    c: &Consultation,
    recorder: &Recorder,
    now: DateTime<Utc>,
) -> Result<(), Problem> {
    // An open call (立法项目征集) takes project suggestions, not opinions on articles:
    // it is not open for offline opinions.
    if !c.open_at(now) || c.is_open_call() {
        return Err(Problem::NotOpen);
    }
    match recorder.point {
        Some(point) if !c.reaches(point) => Err(Problem::OutOfScope),
        _ => Ok(()),
    }
}

/// The submission key of a spreadsheet row, taken from what the row says rather than
/// from the file's bytes: a liaison who re-saves the sheet, sorts it, or adds rows to it
/// and sends it again must not get the same opinions twice, yet two residents who said
/// the same thing at one forum are two opinions. `nth` tells identical rows of one file
/// apart (0 for the first). The recorder's point is part of the key because the same
/// words gathered at two points are two opinions.
pub fn row_key(entry: &Entry, recorder: &Recorder, nth: usize) -> String {
    sheet_key(&content_digest(entry, recorder), nth)
}

fn sheet_key(digest: &str, nth: usize) -> String {
    format!("sheet:{digest}:{nth}")
}

/// The hash of what a row says, and where it was gathered (see [`row_key`]).
fn content_digest(entry: &Entry, recorder: &Recorder) -> String {
    let mut hash = Sha256::new();
    let article = entry.article.as_ref().map(|(n, _)| n.to_string());
    let fields = [
        recorder.point.map(|p| p.to_string()).unwrap_or_default(),
        entry.consultation_id.to_string(),
        entry.version.to_string(),
        article.unwrap_or_default(),
        entry.channel.as_str().to_owned(),
        entry.gathered_on.to_string(),
        entry.resident_name.clone().unwrap_or_default(),
        entry.stance.as_str().to_owned(),
        entry.body.clone(),
        entry.wording.clone().unwrap_or_default(),
    ];
    for field in &fields {
        // Length-prefixed, so no two different rows hash the same fields.
        hash.update((field.len() as u64).to_le_bytes());
        hash.update(field.as_bytes());
    }
    hash.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
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

/// Builds the template workbook: the columns on the first sheet (dates, numbers and
/// articles as text, channels and stances from a list), and a sheet of explanations.
pub fn template() -> Result<Vec<u8>, TemplateError> {
    use rust_xlsxwriter::{DataValidation, Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let sheet = book.add_worksheet();
    sheet.set_name("意见")?;
    for c in Column::ALL {
        let col = c.index() as u16;
        sheet.write_string_with_format(0, col, c.header(), &bold)?;
        let width = match c {
            Column::Body | Column::Wording => 48.0,
            Column::Date => 14.0,
            _ => 12.0,
        };
        sheet.set_column_width(col, width)?;
        if matches!(c, Column::Consultation | Column::Date | Column::Article) {
            sheet.set_column_format(col, &text)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last = MAX_ROWS as u32;
    let channels = DataValidation::new()
        .allow_list_strings(&Channel::OFFLINE.map(|c| c.sheet_label().unwrap_or_default()))?
        .ignore_blank(true);
    sheet.add_data_validation(
        1,
        Column::Channel.index() as u16,
        last,
        Column::Channel.index() as u16,
        &channels,
    )?;
    let stances = DataValidation::new()
        .allow_list_strings(&["支持", "反对", "修改建议", "补充建议", "其他"])?
        .ignore_blank(true);
    sheet.add_data_validation(
        1,
        Column::Stance.index() as u16,
        last,
        Column::Stance.index() as u16,
        &stances,
    )?;

    let help = book.add_worksheet();
    help.set_name("填写说明")?;
    help.write_string_with_format(0, 0, "列", &bold)?;
    help.write_string_with_format(0, 1, "说明", &bold)?;
    help.write_string_with_format(0, 2, "示例", &bold)?;
    let examples = [
        "C12",
        "座谈会",
        "2026-11-20",
        "王小明",
        "第十二条",
        "修改建议",
        "建议把“应当”改为“可以”。",
        "养犬人可以为犬只办理登记。",
    ];
    for (i, c) in Column::ALL.into_iter().enumerate() {
        let row = i as u32 + 1;
        help.write_string(row, 0, c.header())?;
        help.write_string(row, 1, c.hint())?;
        help.write_string(row, 2, examples[i])?;
    }
    let note = format!(
        "第一行是表头，请勿修改；从第二行起每行一条意见，最多 {MAX_ROWS} 行。只导入第一个工作表。有任何一行出错时不会导入任何意见，请按提示的行号改正后重新发送。同一个文件重复发送不会重复登记。"
    );
    help.write_string(10, 0, note.as_str())?;
    help.set_column_width(0, 12.0)?;
    help.set_column_width(1, 60.0)?;
    help.set_column_width(2, 28.0)?;
    Ok(book.save_to_buffer()?)
}

/// The template could not be built (a bug, not a person's mistake).
#[derive(Debug, thiserror::Error)]
#[error("could not build the template: {0}")]
pub struct TemplateError(#[from] rust_xlsxwriter::XlsxError);

pub struct Offline<'a>(&'a Db);

impl Db {
    pub fn offline(&self) -> Offline<'_> {
        Offline(self)
    }
}

impl Offline<'_> {
    /// Checks every row; either all are good, or every problem is returned (by row
    /// and column) and nothing should be stored.
    pub async fn validate(
        &self,
        rows: &[SheetRow],
        recorder: &Recorder,
        limits: &Limits,
        now: DateTime<Utc>,
    ) -> Result<Result<Vec<(usize, Entry)>, Vec<RowProblem>>, Error> {
        let mut drafts = Drafts::new();
        let mut good = Vec::new();
        let mut bad = Vec::new();
        for r in rows {
            match self
                .check_row(r, &mut drafts, recorder, limits, now)
                .await?
            {
                Ok(entry) => good.push((r.row, entry)),
                Err(problems) => bad.extend(problems),
            }
        }
        Ok(if bad.is_empty() { Ok(good) } else { Err(bad) })
    }

    /// One opinion typed into a form (the console's offline entry), checked by the
    /// rules of a spreadsheet row with the dialogue's one difference: proposed wording
    /// belongs to a 修改建议 and is dropped with any other view, as `/record` never
    /// asks for it then. The problems name the form's fields by [`Column`].
    pub async fn check_one(
        &self,
        typed: &Typed,
        recorder: &Recorder,
        limits: &Limits,
        now: DateTime<Utc>,
    ) -> Result<Result<Entry, Vec<(Column, Problem)>>, Error> {
        let amend = stance(&typed.stance) == Some(Stance::Amend);
        let row = SheetRow {
            row: 1,
            cells: [
                typed.consultation.to_string(),
                typed.channel.clone(),
                typed.date.clone(),
                typed.name.clone(),
                typed.article.clone(),
                typed.stance.clone(),
                typed.body.clone(),
                if amend {
                    typed.wording.clone()
                } else {
                    String::new()
                },
            ],
        };
        let checked = self
            .check_row(&row, &mut Drafts::new(), recorder, limits, now)
            .await?;
        Ok(checked.map_err(|problems| {
            problems
                .into_iter()
                .map(|p| (p.column, p.problem))
                .collect()
        }))
    }

    /// The open consultations `recorder` may record opinions on now, soonest deadline
    /// first: what chat's `/record` offers as buttons and the console as links.
    pub async fn open_for(
        &self,
        recorder: &Recorder,
        now: DateTime<Utc>,
    ) -> Result<Vec<Consultation>, Error> {
        let mut open: Vec<Consultation> = self
            .0
            .consultations()
            .list(&[crate::consultations::State::Open])
            .await?
            .into_iter()
            .filter(|c| admissible(c, recorder, now).is_ok())
            .collect();
        open.sort_by_key(|c| (c.closes_at, c.id));
        Ok(open)
    }

    /// Checks one row: the entry it makes, or every problem in it. `drafts` keeps the
    /// consultations already looked up, so a sheet of a thousand rows on one draft
    /// reads it once.
    async fn check_row(
        &self,
        r: &SheetRow,
        drafts: &mut Drafts,
        recorder: &Recorder,
        limits: &Limits,
        now: DateTime<Utc>,
    ) -> Result<Result<Entry, Vec<RowProblem>>, Error> {
        let mut bad = Vec::new();
        let mut problem = |column: Column, problem: Problem| {
            bad.push(RowProblem {
                row: r.row,
                column,
                problem,
            })
        };
        let consultation = match r.cell(Column::Consultation) {
            "" => {
                problem(Column::Consultation, Problem::Missing);
                None
            }
            raw => match consultation_number(raw) {
                None => {
                    problem(Column::Consultation, Problem::Format);
                    None
                }
                Some(id) => {
                    if let std::collections::hash_map::Entry::Vacant(slot) = drafts.entry(id) {
                        slot.insert(self.consultation(id).await?);
                    }
                    match drafts.get(&id).and_then(Option::as_ref) {
                        None => {
                            problem(Column::Consultation, Problem::UnknownConsultation);
                            None
                        }
                        Some((c, d)) => match admissible(c, recorder, now) {
                            Ok(()) => Some((c, d)),
                            Err(p) => {
                                problem(Column::Consultation, p);
                                None
                            }
                        },
                    }
                }
            },
        };
        let channel = match r.cell(Column::Channel) {
            "" => {
                problem(Column::Channel, Problem::Missing);
                None
            }
            raw => Channel::parse_sheet(raw).or_else(|| {
                problem(Column::Channel, Problem::Format);
                None
            }),
        };
        let date = gathered_on(r.cell(Column::Date), limits.today)
            .map_err(|p| problem(Column::Date, p))
            .ok();
        let name = resident_name(r.cell(Column::Name))
            .map_err(|p| problem(Column::Name, p))
            .ok();
        let article = match article_number(r.cell(Column::Article)) {
            Err(p) => {
                problem(Column::Article, p);
                None
            }
            Ok(None) => Some(None),
            Ok(Some(n)) => match consultation {
                // Checked once the consultation is known.
                None => None,
                Some((_, d)) => match d.article(n) {
                    Some(a) => Some(Some((a.number, a.label.clone()))),
                    None => {
                        problem(Column::Article, Problem::UnknownArticle);
                        None
                    }
                },
            },
        };
        let stance = match r.cell(Column::Stance) {
            "" => {
                problem(Column::Stance, Problem::Missing);
                None
            }
            raw => stance(raw).or_else(|| {
                problem(Column::Stance, Problem::Format);
                None
            }),
        };
        let body = body(r.cell(Column::Body), limits)
            .map_err(|p| problem(Column::Body, p))
            .ok();
        let wording = wording(r.cell(Column::Wording), limits)
            .map_err(|p| problem(Column::Wording, p))
            .ok();
        if let (
            Some((c, _)),
            Some(channel),
            Some(gathered_on),
            Some(resident_name),
            Some(article),
            Some(stance),
            Some(body),
            Some(wording),
        ) = (
            consultation,
            channel,
            date,
            name,
            article,
            stance,
            body,
            wording,
        ) {
            return Ok(Ok(Entry {
                consultation_id: c.id,
                version: c.version,
                article,
                channel,
                gathered_on,
                resident_name,
                stance,
                body,
                wording,
            }));
        }
        Ok(Err(bad))
    }

    async fn consultation(&self, id: i64) -> Result<Option<(Consultation, Draft)>, Error> {
        let Some(c) = self.0.consultations().get(id).await? else {
            return Ok(None);
        };
        let draft = self
            .0
            .consultations()
            .draft(c.id, c.version)
            .await?
            .unwrap_or_else(|| Draft {
                title: None,
                preamble: String::new(),
                divisions: vec![],
                articles: vec![],
                irregularities: vec![],
            });
        Ok(Some((c, draft)))
    }

    /// Stores one offline opinion under `key`, marked as recorded by the recorder.
    /// Returns it and whether it is new (false: the key was stored before).
    pub async fn record(
        &self,
        entry: &Entry,
        key: &str,
        recorder: &Recorder,
        now: DateTime<Utc>,
    ) -> Result<(Opinion, bool), Error> {
        let opinions = self.0.opinions();
        if let Some(existing) = opinions.by_key(key).await? {
            // Stored before; the date too, unless that run stopped in between.
            self.set_gathered_on(existing.id, entry.gathered_on).await?;
            return Ok((existing, false));
        }
        let named = entry.resident_name.is_some();
        let new = NewOpinion {
            submission_key: key.to_owned(),
            consultation_id: entry.consultation_id,
            version: entry.version,
            article: entry.article.clone(),
            stance: entry.stance,
            body: entry.body.clone(),
            proposed_wording: entry.wording.clone(),
            identity: if named {
                Identity::Named
            } else {
                Identity::Anonymous
            },
            submitter_id: None,
            submitter_name: entry.resident_name.clone(),
            organization: None,
            occupation: None,
            district: None,
            // The recorder gives the resident's consent to keep their name, on their behalf.
            consent_details: named,
            consent_quote: false,
            channel: entry.channel,
            source_chat: None,
            point_id: recorder.point,
            recorded_by: Some(recorder.user),
        };
        let opinion = opinions.submit(&new, now).await?;
        self.set_gathered_on(opinion.id, entry.gathered_on).await?;
        Ok((opinion, true))
    }

    /// Records the day an offline opinion was gathered, once.
    async fn set_gathered_on(&self, opinion: i64, day: NaiveDate) -> Result<(), Error> {
        on_pool!(self.0, |pool| sqlx::query(
            "UPDATE opinions SET gathered_on = $1 WHERE id = $2 AND gathered_on IS NULL"
        )
        .bind(day)
        .bind(opinion)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Stores checked rows in row order. Each row's key comes from its content (see
    /// [`row_key`]), so an import cut short and sent again, or the same rows in a re-saved
    /// or extended sheet, completes without storing any row twice.
    pub async fn import(
        &self,
        rows: &[(usize, Entry)],
        recorder: &Recorder,
        now: DateTime<Utc>,
    ) -> Result<Imported, Error> {
        let mut imported = Imported {
            new: Vec::new(),
            already: 0,
        };
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (_, entry) in rows {
            let digest = content_digest(entry, recorder);
            let nth = seen.entry(digest.clone()).or_insert(0);
            let key = sheet_key(&digest, *nth);
            *nth += 1;
            let (opinion, new) = self.record(entry, &key, recorder, now).await?;
            if new {
                imported.new.push(opinion);
            } else {
                imported.already += 1;
            }
        }
        Ok(imported)
    }

    /// The day an offline opinion was gathered.
    pub async fn gathered_on(&self, opinion: i64) -> Result<Option<NaiveDate>, Error> {
        let day: Option<Option<NaiveDate>> = on_pool!(self.0, |pool| sqlx::query_scalar(
            "SELECT gathered_on FROM opinions WHERE id = $1"
        )
        .bind(opinion)
        .fetch_optional(pool)
        .await?);
        Ok(day.flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn cells_are_read_as_documented() {
        assert_eq!(consultation_number("C12"), Some(12));
        assert_eq!(consultation_number(" 12 "), Some(12));
        assert_eq!(consultation_number("C"), None);
        assert_eq!(consultation_number("第12号"), None);
        let today = day("2026-11-24");
        assert_eq!(gathered_on("2026-11-20", today), Ok(day("2026-11-20")));
        assert_eq!(gathered_on("2026/11/24", today), Ok(today));
        assert_eq!(gathered_on("2026-11-25", today), Err(Problem::Future));
        assert_eq!(gathered_on("11月20日", today), Err(Problem::Format));
        assert_eq!(gathered_on(" ", today), Err(Problem::Missing));
        assert_eq!(article_number("第十二条"), Ok(Some(12)));
        assert_eq!(article_number("12"), Ok(Some(12)));
        assert_eq!(article_number(""), Ok(None));
        assert_eq!(article_number("第x条"), Err(Problem::Format));
        assert_eq!(stance("修改建议"), Some(Stance::Amend));
        assert_eq!(stance("Support"), Some(Stance::Support));
        assert_eq!(stance("赞成"), None);
        assert_eq!(Channel::parse_sheet("听证会"), Some(Channel::Hearing));
        assert_eq!(Channel::parse_sheet("Visit"), Some(Channel::Visit));
        assert_eq!(Channel::parse_sheet("电话"), None);
        assert_eq!(Channel::parse_sheet("card"), None);
        assert_eq!(resident_name(""), Ok(None));
        assert_eq!(
            resident_name(&"名".repeat(51)),
            Err(Problem::TooLong { max: 50 })
        );
    }

    #[test]
    fn a_rows_key_follows_its_content_not_its_place() {
        let entry = Entry {
            consultation_id: 1,
            version: 1,
            article: Some((2, "第二条".into())),
            channel: Channel::Forum,
            gathered_on: day("2026-11-20"),
            resident_name: None,
            stance: Stance::Support,
            body: "很好".into(),
            wording: None,
        };
        let liaison = Recorder {
            user: 7,
            point: Some(3),
        };
        let key = row_key(&entry, &liaison, 0);
        let colleague = Recorder { user: 8, ..liaison };
        assert_eq!(key, row_key(&entry, &colleague, 0), "same point, same rows");
        assert_ne!(key, row_key(&entry, &liaison, 1), "a second identical row");
        let elsewhere = Recorder {
            point: Some(4),
            ..liaison
        };
        assert_ne!(key, row_key(&entry, &elsewhere, 0));
        let mut other = entry.clone();
        other.body = "很好。".into();
        assert_ne!(key, row_key(&other, &liaison, 0));
        // Length prefixes keep shifted text apart.
        let mut a = entry.clone();
        a.resident_name = Some("王".into());
        a.body = "大妈".into();
        let mut b = entry.clone();
        b.resident_name = Some("王大".into());
        b.body = "妈".into();
        assert_ne!(row_key(&a, &liaison, 0), row_key(&b, &liaison, 0));
    }

    #[test]
    fn csv_in_utf8_with_bom_or_gbk_is_read_by_header() {
        let csv = "草案编号,渠道,日期,居民姓名,条款,意见类型,意见内容,修改建议\nC1,走访,2026-11-20,,12,支持,\"很好，\n支持\",\n\n";
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(csv.as_bytes());
        let (gbk, _, _) = encoding_rs::GBK.encode(csv);
        for bytes in [csv.as_bytes().to_vec(), with_bom, gbk.into_owned()] {
            let rows = read_sheet("a.CSV", &bytes).unwrap();
            assert_eq!(rows.len(), 1);
            assert_eq!(rows[0].row, 2);
            assert_eq!(rows[0].cell(Column::Channel), "走访");
            assert_eq!(rows[0].cell(Column::Body), "很好，\n支持");
        }
        // Columns in another order, optional ones left out.
        let rows = read_sheet(
            "b.csv",
            "意见内容,意见类型,日期（YYYY-MM-DD）,渠道,草案编号\n好的意见,支持,2026-11-20,其他,1\n"
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(rows[0].cell(Column::Consultation), "1");
        assert_eq!(rows[0].cell(Column::Wording), "");
        assert_eq!(
            read_sheet("c.csv", "草案编号,渠道\n1,走访\n".as_bytes()),
            Err(SheetError::MissingColumns(vec![
                Column::Date,
                Column::Stance,
                Column::Body
            ]))
        );
        assert_eq!(
            read_sheet("d.csv", "草案编号,渠道,日期,意见类型,意见内容\n".as_bytes()),
            Err(SheetError::Empty)
        );
        assert_eq!(read_sheet("e.xls", b"x"), Err(SheetError::UnsupportedType));
    }

    #[test]
    fn too_many_rows_are_refused() {
        let mut csv = "草案编号,渠道,日期,意见类型,意见内容\n".to_owned();
        for _ in 0..MAX_ROWS + 500 {
            csv.push_str("1,走访,2026-11-20,支持,很好很好很好\n");
        }
        assert_eq!(
            read_sheet("f.csv", csv.as_bytes()),
            Err(SheetError::TooManyRows {
                rows: MAX_ROWS + 500,
                limit: MAX_ROWS
            })
        );
    }

    /// The template with the member `name` replaced.
    fn template_with(name: &str, member: crate::test_bombs::Member) -> Vec<u8> {
        use std::io::Read;
        let bytes = template().unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut members = vec![member];
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let own = file.name().unwrap().into_owned();
            if own == name {
                continue;
            }
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            members.push(crate::test_bombs::Member::stored(&own, data));
        }
        crate::test_bombs::zip(&members)
    }

    #[test]
    fn an_xlsx_bomb_is_refused_with_little_memory() {
        use crate::test_bombs::{Member, heap_peak};
        let row = b"<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>";
        let huge = 400 * 1024 * 1024;
        let honest = template_with(
            "xl/worksheets/sheet1.xml",
            Member::bomb("xl/worksheets/sheet1.xml", row, huge, huge as u32),
        );
        let (read, peak) = heap_peak(|| read_sheet("bomb.xlsx", &honest));
        assert_eq!(
            read,
            Err(SheetError::Unpacked {
                limit: limits::ZIP_MEMBER_BYTES
            })
        );
        assert!(peak < 1024 * 1024, "{peak} bytes of heap");

        let liar = template_with(
            "xl/sharedStrings.xml",
            Member::bomb("xl/sharedStrings.xml", b"<si><t>x</t></si>", huge, 1024),
        );
        let (read, peak) = heap_peak(|| read_sheet("bomb.xlsx", &liar));
        assert!(
            matches!(read, Err(SheetError::Unreadable { .. })),
            "{read:?}"
        );
        assert!(peak < 4 * 1024 * 1024, "{peak} bytes of heap");
    }

    /// calamine makes a rectangle from the first cell to the last; two cells far apart
    /// would cost a gigabyte of empty cells. Reading cell by cell costs two cells.
    #[test]
    fn far_apart_cells_cost_no_memory_and_long_cells_are_cut() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (i, c) in Column::ALL.iter().enumerate() {
            sheet.write_string(0, i as u16, c.header()).unwrap();
        }
        let long = "很好".repeat(limits::SHEET_CELL_CHARS);
        sheet.write_string(1, 6, &long).unwrap();
        sheet.write_string(1_000_000, 16_000, "远处").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let (rows, peak) = crate::test_bombs::heap_peak(|| read_sheet("far.xlsx", &bytes));
        let rows = rows.unwrap();
        assert_eq!(rows.len(), 1, "the far cell is beyond the columns read");
        assert_eq!(
            rows[0].cell(Column::Body).chars().count(),
            limits::SHEET_CELL_CHARS
        );
        assert!(peak < 8 * 1024 * 1024, "{peak} bytes of heap");
    }

    #[test]
    fn the_template_reads_back_with_every_column() {
        let bytes = template().unwrap();
        let grid = xlsx_grid(&bytes).unwrap();
        let header = grid.rows.values().next().unwrap();
        assert_eq!(header[..], Column::ALL.map(Column::header));
    }
}
