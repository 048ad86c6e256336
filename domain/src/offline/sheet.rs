//! Reading a sheet: the columns of the layout, an .xlsx or .csv read into a bounded
//! grid of text (a CSV decoded from UTF-8 or GB18030), and the template to fill in.

use std::{
    collections::{BTreeMap, HashMap},
    io::Cursor,
};

use super::{Channel, MAX_ROWS, MAX_SHEET_BYTES};
use crate::limits::{self, BoundedError, BoundedZip};

/// The spreadsheet's columns. A sheet holds one [`Layout`]'s eight of them.
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
    /// A suggestion's project title (项目名称).
    Title,
    /// The problem a suggested project should solve (要解决的问题).
    Problem,
    /// What a suggested project should contain (主要内容).
    Contents,
    /// The related existing rules (相关法规).
    Related,
}

/// What a sheet's rows are: opinions on a draft, or project suggestions (立法项目建议)
/// for an open call. The columns tell which; each layout has its own template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    Opinions,
    Suggestions,
}

impl Layout {
    /// The layout's columns, in its template's order.
    pub fn columns(self) -> [Column; 8] {
        match self {
            Layout::Opinions => Column::ALL,
            Layout::Suggestions => Column::SUGGESTION,
        }
    }

    /// Where column `c` is in a row of this layout.
    fn position(self, c: Column) -> Option<usize> {
        self.columns().iter().position(|x| *x == c)
    }

    /// The layout a header row is in: suggestions if it has a suggestion's own column.
    fn of(found: &HashMap<Column, usize>) -> Layout {
        if Column::SUGGESTION
            .iter()
            .any(|c| !Column::ALL.contains(c) && found.contains_key(c))
        {
            Layout::Suggestions
        } else {
            Layout::Opinions
        }
    }

    /// The template's first sheet's name.
    fn sheet_name(self) -> &'static str {
        match self {
            Layout::Opinions => "意见",
            Layout::Suggestions => "立法项目建议",
        }
    }

    /// What one row holds, for the template's explanations.
    fn what(self) -> &'static str {
        match self {
            Layout::Opinions => "一条意见",
            Layout::Suggestions => "一条立法项目建议",
        }
    }

    /// The template's example row, in [`Layout::columns`] order.
    fn examples(self) -> [&'static str; 8] {
        match self {
            Layout::Opinions => [
                "C12",
                "座谈会",
                "2026-11-20",
                "王小明",
                "第十二条",
                "修改建议",
                "建议把“应当”改为“可以”。",
                "养犬人可以为犬只办理登记。",
            ],
            Layout::Suggestions => [
                "C3",
                "座谈会",
                "2026-11-20",
                "王小明",
                "电动自行车停放充电管理条例",
                "楼道里停放电动自行车、飞线充电，火灾隐患很大。",
                "规定集中停放充电场所的建设和物业的管理责任。",
                "《中华人民共和国消防法》",
            ],
        }
    }
}

impl Column {
    /// The opinions' columns ([`Layout::Opinions`]), in the template's order.
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

    /// The suggestions' columns ([`Layout::Suggestions`]), in the template's order.
    pub const SUGGESTION: [Column; 8] = [
        Column::Consultation,
        Column::Channel,
        Column::Date,
        Column::Name,
        Column::Title,
        Column::Problem,
        Column::Contents,
        Column::Related,
    ];

    /// Every column, of either layout.
    const EVERY: [Column; 12] = [
        Column::Consultation,
        Column::Channel,
        Column::Date,
        Column::Name,
        Column::Article,
        Column::Stance,
        Column::Body,
        Column::Wording,
        Column::Title,
        Column::Problem,
        Column::Contents,
        Column::Related,
    ];

    /// The header in the opinions' template (and what the import looks for).
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
            Column::Title => "项目名称",
            Column::Problem => "要解决的问题",
            Column::Contents => "主要内容",
            Column::Related => "相关法规",
        }
    }

    /// The header in `layout`'s template: an open call's number is 征集编号.
    pub fn header_in(self, layout: Layout) -> &'static str {
        match (self, layout) {
            (Column::Consultation, Layout::Suggestions) => "征集编号",
            _ => self.header(),
        }
    }

    /// Another header the import reads: the template's first edition had 条款, 意见类型
    /// and 修改建议, before the words followed the glossary in `locales/`; the
    /// suggestions' template names the consultation 征集编号.
    fn also_read(self) -> Option<&'static str> {
        match self {
            Column::Consultation => Some("征集编号"),
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
            Column::Title => "title",
            Column::Problem => "problem",
            Column::Contents => "contents",
            Column::Related => "related",
        }
    }

    pub fn required(self) -> bool {
        !matches!(
            self,
            Column::Name | Column::Article | Column::Wording | Column::Related
        )
    }

    /// How `layout`'s template explains the column.
    fn hint(self, layout: Layout) -> &'static str {
        match (self, layout) {
            (Column::Consultation, Layout::Suggestions) => {
                "必填。征集编号，如 C3 或 3（见立法项目征集通知）"
            }
            (Column::Consultation, Layout::Opinions) => {
                "必填。草案编号，如 C12 或 12（见征求意见通知）"
            }
            (Column::Channel, _) => "必填。座谈会、走访、听证会或其他",
            (Column::Date, _) => "必填。收集的日期，格式 YYYY-MM-DD，如 2026-11-20，不能晚于今天",
            (Column::Name, _) => "选填。居民愿意留下姓名时填写；填写即表示居民同意保存",
            (Column::Article, _) => "选填。条文编号，如 第十二条 或 12；针对整部草案的留空",
            (Column::Stance, _) => "必填。支持、反对、修改建议、补充建议或其他",
            (Column::Body, _) => "必填。居民的意见",
            (Column::Wording, _) => "选填。居民建议的条文表述",
            (Column::Title, _) => "必填。建议制定或修改的法规名称",
            (Column::Problem, _) => "必填。这项立法要解决的问题",
            (Column::Contents, _) => "必填。法规应当规定的主要内容",
            (Column::Related, _) => "选填。相关的现行法律法规",
        }
    }

    /// Finds a column by its header; a header may add a note after the name
    /// (「日期（YYYY-MM-DD）」).
    fn from_header(raw: &str) -> Option<Self> {
        let t = raw.trim().trim_start_matches('\u{feff}').trim();
        Column::EVERY
            .into_iter()
            .find(|c| t.starts_with(c.header()) || c.also_read().is_some_and(|h| t.starts_with(h)))
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

/// A spreadsheet row as text, cells in its layout's [`Layout::columns`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    /// As the spreadsheet program numbers it (the header is row 1).
    pub row: usize,
    pub layout: Layout,
    pub cells: [String; 8],
}

impl SheetRow {
    /// The cell of column `c`, trimmed; empty for a column the layout has not.
    pub(super) fn cell(&self, c: Column) -> &str {
        self.layout.position(c).map_or("", |i| self.cells[i].trim())
    }
}

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
    let layout = Layout::of(&at);
    let missing: Vec<Column> = layout
        .columns()
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
                layout,
                cells: layout.columns().map(get),
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

/// Builds the opinions' template workbook ([`Layout::Opinions`]).
pub fn template() -> Result<Vec<u8>, TemplateError> {
    template_of(Layout::Opinions)
}

/// Builds `layout`'s template workbook: the columns on the first sheet (dates, numbers
/// and articles as text, channels and stances from a list), and a sheet of explanations.
pub fn template_of(layout: Layout) -> Result<Vec<u8>, TemplateError> {
    use rust_xlsxwriter::{DataValidation, Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let sheet = book.add_worksheet();
    sheet.set_name(layout.sheet_name())?;
    let at = |c: Column| layout.position(c).map(|i| i as u16);
    for (i, c) in layout.columns().into_iter().enumerate() {
        let col = i as u16;
        sheet.write_string_with_format(0, col, c.header_in(layout), &bold)?;
        let width = match c {
            Column::Body | Column::Wording | Column::Problem | Column::Contents => 48.0,
            Column::Title | Column::Related => 28.0,
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
    if let Some(col) = at(Column::Channel) {
        sheet.add_data_validation(1, col, last, col, &channels)?;
    }
    let stances = DataValidation::new()
        .allow_list_strings(&["支持", "反对", "修改建议", "补充建议", "其他"])?
        .ignore_blank(true);
    if let Some(col) = at(Column::Stance) {
        sheet.add_data_validation(1, col, last, col, &stances)?;
    }

    let help = book.add_worksheet();
    help.set_name("填写说明")?;
    help.write_string_with_format(0, 0, "列", &bold)?;
    help.write_string_with_format(0, 1, "说明", &bold)?;
    help.write_string_with_format(0, 2, "示例", &bold)?;
    let examples = layout.examples();
    for (i, c) in layout.columns().into_iter().enumerate() {
        let row = i as u32 + 1;
        help.write_string(row, 0, c.header_in(layout))?;
        help.write_string(row, 1, c.hint(layout))?;
        help.write_string(row, 2, examples[i])?;
    }
    let what = layout.what();
    let note = format!(
        "第一行是表头，请勿修改；从第二行起每行{what}，最多 {MAX_ROWS} 行。只导入第一个工作表。有任何一行出错时不会导入任何一行，请按提示的行号改正后重新发送。同一个文件重复发送不会重复登记。"
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_sheet_of_suggestions_is_read_by_its_columns() {
        let csv = "征集编号,渠道,日期,项目名称,要解决的问题,主要内容\nC3,走访,2026-11-20,物业管理条例,收费不透明,规定收费公示\n";
        let rows = read_sheet("s.csv", csv.as_bytes()).unwrap();
        assert_eq!(rows[0].layout, Layout::Suggestions);
        assert_eq!(rows[0].cell(Column::Consultation), "C3");
        assert_eq!(rows[0].cell(Column::Title), "物业管理条例");
        assert_eq!(rows[0].cell(Column::Problem), "收费不透明");
        assert_eq!(rows[0].cell(Column::Related), "");
        assert_eq!(rows[0].cell(Column::Stance), "", "no such column");
        assert_eq!(
            read_sheet(
                "t.csv",
                "征集编号,渠道,日期,项目名称\n3,走访,2026-11-20,x\n".as_bytes()
            ),
            Err(SheetError::MissingColumns(vec![
                Column::Problem,
                Column::Contents
            ]))
        );
        let bytes = template_of(Layout::Suggestions).unwrap();
        let grid = xlsx_grid(&bytes).unwrap();
        let header = grid.rows.values().next().unwrap();
        assert_eq!(
            header[..],
            Column::SUGGESTION.map(|c| c.header_in(Layout::Suggestions))
        );
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
