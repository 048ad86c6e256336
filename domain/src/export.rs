//! Exports for the legislature: the 意见汇总表 (XLSX, one sheet per consultation and a
//! per-article summary) and the ledger of one consultation as CSV (UTF-8 with BOM).
//!
//! Personal details appear only where the submitter consented; every text cell that a
//! spreadsheet could take for a formula (`= + - @`, tab, CR) is prefixed with an
//! apostrophe. Every export is written to the audit log.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::{
    Actor, Db, Error,
    audit::{AuditEntry, record},
    consultations::{Consultation, State},
    db::{WritePool, on_pool},
    decisions::Decision,
    decisions::Outcome,
    open_calls::Suggestion,
    opinions::{Channel, Opinion, Stance, Status},
    points::ContactPoint,
    relay::{CloseReason, RelayOutcome, Report, ReportChannel, ReportStatus},
    review::Scope,
};

/// The six default categories' names, looked up like the other coded words.
const RELAY_DEFAULT_CATEGORIES: [&str; 6] = [
    "relay-category-governance",
    "relay-category-security",
    "relay-category-environment",
    "relay-category-traffic",
    "relay-category-enforcement",
    "relay-category-other",
];

/// The ledger sheet's columns, in order.
pub const HEADERS: [&str; 15] = [
    "序号",
    "收件编号",
    "条文",
    "稿次",
    "看法",
    "意见内容",
    "建议表述",
    "提出人或匿名",
    "职业",
    "联系点",
    "渠道",
    "提交时间",
    "处理状态",
    "办理结果",
    "理由",
];

/// An open call's sheet (立法项目建议汇总) columns, in order: the ledger's, with the
/// suggestion's title, problem, contents and related rules where a draft's opinion has
/// its article, version, stance, text and wording.
pub const SUGGESTION_HEADERS: [&str; 14] = [
    "序号",
    "收件编号",
    "项目名称",
    "需要解决的问题",
    "主要内容",
    "相关现行规定",
    "提出人或匿名",
    "职业",
    "联系点",
    "渠道",
    "提交时间",
    "处理状态",
    "办理结果",
    "理由",
];

/// The summary sheet's name and columns.
pub const SUMMARY_SHEET: &str = "按条文汇总";
pub const SUMMARY_HEADERS: [&str; 9] = [
    "草案编号",
    "草案标题",
    "条文",
    "支持",
    "反对",
    "修改建议",
    "补充建议",
    "其他",
    "合计",
];

/// The 社情民意 ledger's sheet and columns (in the XLSX export of all consultations).
pub const RELAY_SHEET: &str = "社情民意台账";
pub const RELAY_HEADERS: [&str; 15] = [
    "收件编号",
    "类别",
    "反映内容",
    "地点",
    "反映人",
    "联系点",
    "渠道",
    "反映时间",
    "状态",
    "承办部门",
    "转办时间",
    "解决情况",
    "答复",
    "答复时间",
    "答复天数",
];

/// The message naming an opinion on the whole draft rather than one article: the
/// same words (整部草案) as in the dialogue, review, statistics and decisions.
pub const WHOLE_DRAFT_ID: &str = "opinion-whole-draft";
/// The message shown instead of a submitter who did not consent to their details being kept.
pub const ANONYMOUS_ID: &str = "export-anonymous";

/// The words an export writes for coded values (stance, channel, status, outcome)
/// and its fixed cells, in the reader's language. Domain has no message loader, so
/// the caller looks up every id of [`Words::ids`] in `locales/`:
/// `Words::new(|id| locales.text(locale, id, &[]))`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words(HashMap<&'static str, String>);

impl Words {
    /// Every message id an export may write.
    pub fn ids() -> Vec<&'static str> {
        let mut ids = vec![WHOLE_DRAFT_ID, ANONYMOUS_ID];
        ids.extend(Stance::ALL.map(Stance::label_id));
        ids.extend(Channel::ALL.map(Channel::label_id));
        ids.extend(Status::ALL.map(Status::label_id));
        ids.extend(Outcome::ALL.map(Outcome::label_id));
        ids.extend(ReportStatus::ALL.map(ReportStatus::label_id));
        ids.extend(RelayOutcome::ALL.map(RelayOutcome::label_id));
        ids.extend(CloseReason::ALL.map(CloseReason::label_id));
        ids.extend(ReportChannel::ALL.map(ReportChannel::label_id));
        ids.extend(RELAY_DEFAULT_CATEGORIES);
        ids.extend(crate::events::ledger::word_ids());
        ids
    }

    /// Looks up every id of [`Words::ids`] once.
    pub fn new(text: impl Fn(&str) -> String) -> Self {
        Words(Self::ids().into_iter().map(|id| (id, text(id))).collect())
    }

    /// The words of a message id (the id itself if the caller left it out, so a
    /// missing word shows rather than an empty cell).
    pub fn get(&self, id: &'static str) -> &str {
        self.0.get(id).map_or(id, String::as_str)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "xlsx" | "excel" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// What to export: one consultation or all, the points of a scope (all, a
/// district's, or one), in which format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub consultation: Option<i64>,
    pub scope: Scope,
    pub format: Format,
}

/// A built export.
#[derive(Debug, Clone)]
pub struct Export {
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// The consultations exported, in sheet order.
    pub consultations: Vec<i64>,
    /// Opinions exported (ledger rows).
    pub rows: usize,
    /// Exported opinions the committee will decide on (not withdrawn, not invalid)
    /// that have no decision yet: their 办理结果 and 理由 cells are empty.
    pub undecided: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Domain(#[from] Error),
    /// CSV holds one consultation's ledger.
    #[error("a CSV export needs one consultation")]
    CsvNeedsConsultation,
    /// The file could not be written (a bug, not a person's mistake).
    #[error("could not build the export: {0}")]
    Build(String),
}

impl From<rust_xlsxwriter::XlsxError> for ExportError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        ExportError::Build(e.to_string())
    }
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        ExportError::Build(e.to_string())
    }
}

/// Makes a text cell safe to open in a spreadsheet: one that starts with a character
/// Excel or LibreOffice would read as a formula gets an apostrophe in front.
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

/// A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters, unique in `taken`.
pub fn sheet_name(raw: &str, taken: &[String]) -> String {
    let clean: String = raw
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let clean = clean.trim().trim_matches('\'').to_owned();
    let base: String = if clean.is_empty() {
        "Sheet".into()
    } else {
        clean.chars().take(31).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        let suffix = format!("~{n}");
        let keep = 31 - suffix.chars().count();
        name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        n += 1;
    }
    name
}

/// The ledger row of one opinion, cells already neutralised. `index` is the 序号.
/// `decision`: the committee's decision on it, if any (办理结果 and 理由).
pub fn row(
    o: &Opinion,
    index: usize,
    points: &HashMap<i64, String>,
    tz: Tz,
    decision: Option<&Decision>,
    words: &Words,
) -> [String; 15] {
    let consented = o.consent_details;
    let submitter = if consented {
        let named: Vec<&str> = [o.submitter_name.as_deref(), o.organization.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if named.is_empty() {
            words.get(ANONYMOUS_ID).to_owned()
        } else {
            named.join("，")
        }
    } else {
        words.get(ANONYMOUS_ID).to_owned()
    };
    let occupation = if consented {
        o.occupation.clone().unwrap_or_default()
    } else {
        String::new()
    };
    let point = o
        .point_id
        .and_then(|p| points.get(&p).cloned())
        .unwrap_or_default();
    let cells = [
        index.to_string(),
        o.receipt.clone(),
        o.article_label
            .clone()
            .unwrap_or_else(|| words.get(WHOLE_DRAFT_ID).to_owned()),
        o.version.to_string(),
        words.get(o.stance.label_id()).to_owned(),
        o.body.clone(),
        o.proposed_wording.clone().unwrap_or_default(),
        submitter,
        occupation,
        point,
        words.get(o.channel.label_id()).to_owned(),
        local(o.created_at, tz),
        words.get(o.status.label_id()).to_owned(),
        decision
            .map(|d| words.get(d.outcome().label_id()).to_owned())
            .unwrap_or_default(),
        decision.map(|d| d.reason.clone()).unwrap_or_default(),
    ];
    cells.map(|c| neutralise(&c))
}

/// The row of one project suggestion ([`SUGGESTION_HEADERS`]): the opinion's row
/// ([`row`]) with the suggestion's own cells in place of the article's.
pub fn suggestion_row(
    o: &Opinion,
    s: Option<&Suggestion>,
    index: usize,
    points: &HashMap<i64, String>,
    tz: Tz,
    decision: Option<&Decision>,
    words: &Words,
) -> [String; 14] {
    let r = row(o, index, points, tz, decision, words);
    let own = |f: fn(&Suggestion) -> Option<&str>| neutralise(s.and_then(f).unwrap_or_default());
    [
        r[0].clone(),
        r[1].clone(),
        own(|s| Some(&s.title)),
        r[5].clone(),
        own(|s| Some(&s.contents)),
        own(|s| s.related_rules.as_deref()),
        r[7].clone(),
        r[8].clone(),
        r[9].clone(),
        r[10].clone(),
        r[11].clone(),
        r[12].clone(),
        r[13].clone(),
        r[14].clone(),
    ]
}

pub(crate) fn local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// Counts by stance per article of one consultation (withdrawn opinions left out),
/// the whole draft first, then articles in order.
pub fn summary(opinions: &[Opinion], words: &Words) -> Vec<(String, [usize; 5])> {
    let mut by: BTreeMap<(i32, String), [usize; 5]> = BTreeMap::new();
    for o in opinions.iter().filter(|o| o.status.counts()) {
        let key = match (o.article_number, &o.article_label) {
            (Some(n), Some(label)) => (n, label.clone()),
            (Some(n), None) => (n, format!("第{n}条")),
            _ => (-1, words.get(WHOLE_DRAFT_ID).to_owned()),
        };
        let counts = by.entry(key).or_default();
        if let Some(i) = Stance::ALL.iter().position(|s| *s == o.stance) {
            counts[i] += 1;
        }
    }
    by.into_iter().map(|((_, label), c)| (label, c)).collect()
}

pub struct Exports<'a>(&'a Db);

impl Db {
    pub fn exports(&self) -> Exports<'_> {
        Exports(self)
    }
}

impl Exports<'_> {
    /// Builds the export, its coded values in `words` (the reader's language), and
    /// records it in the audit log as `actor`'s.
    pub async fn export(
        &self,
        req: &Request,
        words: Words,
        actor: Actor,
        tz: Tz,
        now: DateTime<Utc>,
    ) -> Result<Export, ExportError> {
        if req.format == Format::Csv && req.consultation.is_none() {
            return Err(ExportError::CsvNeedsConsultation);
        }
        let all_points = self.0.points().list().await?;
        let ledgers = self.ledgers(req, &all_points).await?;
        let mut decisions: HashMap<i64, Decision> = HashMap::new();
        let mut suggestions: HashMap<i64, Suggestion> = HashMap::new();
        for (c, _) in &ledgers {
            decisions.extend(self.0.decisions().on(c.id).await?);
            if c.is_open_call() {
                suggestions.extend(self.0.suggestions().on(c.id).await?);
            }
        }
        let books = Books {
            decisions,
            suggestions,
        };
        let points: HashMap<i64, String> =
            all_points.iter().map(|p| (p.id, p.name.clone())).collect();
        let stamp = now.with_timezone(&tz).format("%Y%m%d-%H%M");
        let scope = match req.consultation {
            Some(id) => format!("C{id}"),
            None => "all".to_owned(),
        };
        // The file and the audit name what the export is limited to.
        let point_code = match req.scope {
            Scope::Point(id) => all_points
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.code.clone()),
            _ => None,
        };
        let district_code = match req.scope {
            Scope::District(id) => self
                .0
                .districts()
                .list()
                .await?
                .into_iter()
                .find(|d| d.id == id)
                .map(|d| d.code),
            _ => None,
        };
        let suffix = point_code
            .as_deref()
            .or(district_code.as_deref())
            .map(|c| format!("-{c}"))
            .unwrap_or_default();
        let file_name = format!("意见汇总表-{scope}{suffix}-{stamp}.{}", req.format.as_str());
        let consultations = ledgers.iter().map(|(c, _)| c.id).collect();
        let rows = ledgers.iter().map(|(_, o)| o.len()).sum();
        let undecided = ledgers
            .iter()
            .flat_map(|(_, o)| o)
            .filter(|o| o.status.decidable() && !books.decisions.contains_key(&o.id))
            .count();
        // The 考核 sheet: the points the request may see, this month, quarter and year.
        let assessment = match req.format {
            Format::Xlsx => self.0.assessments().relative(req.scope, tz, now).await?,
            Format::Csv => Vec::new(),
        };
        // The 社情民意 ledger goes with the whole export (it belongs to no consultation).
        let relay = match (req.format, req.consultation) {
            (Format::Xlsx, None) => Some(self.relay_ledger(req.scope, &words).await?),
            _ => None,
        };
        // So does the 普法活动台账.
        let events = match (req.format, req.consultation) {
            (Format::Xlsx, None) => Some(self.0.events().between_in(req.scope, None, None).await?),
            _ => None,
        };
        let format = req.format;
        // A province's ledger is tens of thousands of rows: written on a blocking thread,
        // it does not hold up the residents' dialogues on the async workers meanwhile.
        let bytes = tokio::task::spawn_blocking(move || match format {
            Format::Xlsx => xlsx(
                &ledgers,
                &points,
                tz,
                &assessment,
                &books,
                &words,
                relay.as_ref(),
                events.as_deref(),
            ),
            Format::Csv => csv(&ledgers, &points, tz, &books, &words),
        })
        .await
        .map_err(|e| ExportError::Build(e.to_string()))??;
        let export = Export {
            file_name,
            bytes,
            consultations,
            rows,
            undecided,
        };
        let mut detail = serde_json::json!({
            "format": req.format.as_str(),
            "consultations": export.consultations,
            "point": point_code,
            "rows": export.rows,
            "file": export.file_name,
        });
        if let Some(d) = district_code {
            detail["district"] = d.into();
        }
        let entry = AuditEntry::new(actor, "export", scope).detail(detail);
        self.audit(&entry, now).await?;
        Ok(export)
    }

    /// Every 社情民意 report (of one point, or all), with the names its rows need.
    async fn relay_ledger(&self, scope: Scope, words: &Words) -> Result<RelayLedger, Error> {
        let reports = self.0.relay().between(scope, None, None).await?;
        let departments = self
            .0
            .relay()
            .departments()
            .await?
            .into_iter()
            .map(|d| (d.id, d.name))
            .collect();
        // Retired categories too: the reports filed under them keep them.
        let categories = self
            .0
            .relay()
            .all_categories()
            .await?
            .into_iter()
            .map(|c| {
                let id = format!("relay-category-{}", c.code.as_str());
                let name = c.name_zh.clone().unwrap_or_else(|| {
                    RELAY_DEFAULT_CATEGORIES
                        .iter()
                        .find(|d| **d == id)
                        .map(|d| words.get(d).to_owned())
                        .unwrap_or_else(|| c.code.as_str().to_owned())
                });
                (c.code.as_str().to_owned(), name)
            })
            .collect();
        Ok(RelayLedger {
            reports,
            departments,
            categories,
        })
    }

    async fn audit(&self, entry: &AuditEntry, now: DateTime<Utc>) -> Result<(), Error> {
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            record!(&mut *tx, entry, now);
            tx.commit().await?;
        });
        Ok(())
    }

    /// The consultations asked for, each with the opinions the request may see.
    async fn ledgers(
        &self,
        req: &Request,
        points: &[ContactPoint],
    ) -> Result<Vec<(Consultation, Vec<Opinion>)>, Error> {
        let district: HashMap<i64, Option<i64>> =
            points.iter().map(|p| (p.id, p.district_id)).collect();
        let covers = |point: Option<i64>| {
            req.scope.covers(
                point,
                point.and_then(|p| district.get(&p).copied().flatten()),
            )
        };
        let in_scope: Vec<i64> = points
            .iter()
            .filter(|p| covers(Some(p.id)))
            .map(|p| p.id)
            .collect();
        let consultations = match req.consultation {
            Some(id) => vec![
                self.0
                    .consultations()
                    .get(id)
                    .await?
                    .ok_or(Error::UnknownConsultation(id))?,
            ],
            None => {
                let mut all = self
                    .0
                    .consultations()
                    .list(&[
                        State::Open,
                        State::Closed,
                        State::Concluded,
                        State::Withdrawn,
                    ])
                    .await?;
                all.sort_by_key(|c| c.id);
                all
            }
        };
        let mut out = Vec::new();
        for c in consultations {
            let opinions: Vec<Opinion> = self
                .0
                .opinions()
                .on(c.id)
                .await?
                .into_iter()
                .filter(|o| covers(o.point_id))
                .collect();
            let relevant = req.consultation.is_some()
                || !opinions.is_empty()
                || req.scope == Scope::All
                || in_scope.iter().any(|p| c.reaches(*p));
            if relevant {
                out.push((c, opinions));
            }
        }
        Ok(out)
    }
}

/// The decisions on the exported opinions, and the suggestions among them, by opinion.
struct Books {
    decisions: HashMap<i64, Decision>,
    suggestions: HashMap<i64, Suggestion>,
}

/// The 社情民意 reports of an export, with department and category names.
struct RelayLedger {
    reports: Vec<Report>,
    departments: HashMap<i64, String>,
    categories: HashMap<String, String>,
}

/// One row of the 社情民意台账, in [`RELAY_HEADERS`] order, neutralised.
fn relay_row(
    r: &Report,
    ledger: &RelayLedger,
    points: &HashMap<i64, String>,
    tz: Tz,
    words: &Words,
) -> [String; 15] {
    let opt_time = |t: Option<DateTime<Utc>>| t.map(|t| local(t, tz)).unwrap_or_default();
    let status = match (r.status, r.close_reason) {
        (ReportStatus::Closed, Some(reason)) => format!(
            "{}（{}）",
            words.get(r.status.label_id()),
            words.get(reason.label_id())
        ),
        _ => words.get(r.status.label_id()).to_owned(),
    };
    [
        r.receipt.to_string(),
        ledger
            .categories
            .get(r.category.as_str())
            .cloned()
            .unwrap_or_else(|| r.category.as_str().to_owned()),
        r.body.clone(),
        r.place.clone(),
        r.reporter_name
            .clone()
            .unwrap_or_else(|| words.get(ANONYMOUS_ID).to_owned()),
        r.point_id
            .and_then(|p| points.get(&p).cloned())
            .unwrap_or_default(),
        words.get(r.channel.label_id()).to_owned(),
        local(r.created_at, tz),
        status,
        r.department_id
            .and_then(|d| ledger.departments.get(&d).cloned())
            .unwrap_or_default(),
        opt_time(r.forwarded_at),
        r.outcome
            .map(|o| words.get(o.label_id()).to_owned())
            .unwrap_or_default(),
        r.answer.clone().unwrap_or_default(),
        opt_time(r.answered_at),
        r.days_to_answer()
            .map(|d| format!("{d:.1}"))
            .unwrap_or_default(),
    ]
    .map(|c| neutralise(&c))
}

#[allow(clippy::too_many_arguments)]
fn xlsx(
    ledgers: &[(Consultation, Vec<Opinion>)],
    points: &HashMap<i64, String>,
    tz: Tz,
    assessment: &[crate::assessment::Rows],
    books: &Books,
    words: &Words,
    relay: Option<&RelayLedger>,
    events: Option<&[(crate::events::Event, crate::events::Counts)]>,
) -> Result<Vec<u8>, ExportError> {
    let decisions = &books.decisions;
    use rust_xlsxwriter::{Format as Style, Workbook};
    let mut book = Workbook::new();
    let bold = Style::new().set_bold();
    let wrap = Style::new().set_text_wrap();
    let mut taken: Vec<String> = vec![SUMMARY_SHEET.to_owned()];
    for (c, opinions) in ledgers {
        let name = sheet_name(&format!("{} {}", c.code(), c.title), &taken);
        taken.push(name.clone());
        let sheet = book.add_worksheet();
        sheet.set_name(&name)?;
        if c.is_open_call() {
            // An open call's sheet: suggestions, no articles.
            for (col, h) in SUGGESTION_HEADERS.iter().enumerate() {
                sheet.write_string_with_format(0, col as u16, *h, &bold)?;
                let width = if (2..=5).contains(&col) { 40.0 } else { 12.0 };
                sheet.set_column_width(col as u16, width)?;
            }
            sheet.set_freeze_panes(1, 0)?;
            for (i, o) in opinions.iter().enumerate() {
                let r = i as u32 + 1;
                let s = books.suggestions.get(&o.id);
                let cells = suggestion_row(o, s, i + 1, points, tz, decisions.get(&o.id), words);
                sheet.write_number(r, 0, (i + 1) as f64)?;
                for (col, cell) in cells.iter().enumerate().skip(1) {
                    if !cell.is_empty() {
                        sheet.write_string_with_format(r, col as u16, cell, &wrap)?;
                    }
                }
            }
            continue;
        }
        for (col, h) in HEADERS.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *h, &bold)?;
            let width = match col {
                5 | 6 => 48.0,
                1 | 7 | 9 | 11 => 16.0,
                _ => 10.0,
            };
            sheet.set_column_width(col as u16, width)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        for (i, o) in opinions.iter().enumerate() {
            let r = i as u32 + 1;
            let cells = row(o, i + 1, points, tz, decisions.get(&o.id), words);
            sheet.write_number(r, 0, (i + 1) as f64)?;
            sheet.write_number(r, 3, f64::from(o.version))?;
            for (col, cell) in cells.iter().enumerate() {
                if col == 0 || col == 3 || cell.is_empty() {
                    continue;
                }
                if col == 5 || col == 6 {
                    sheet.write_string_with_format(r, col as u16, cell, &wrap)?;
                } else {
                    sheet.write_string(r, col as u16, cell)?;
                }
            }
        }
    }
    let sheet = book.add_worksheet();
    sheet.set_name(SUMMARY_SHEET)?;
    for (col, h) in SUMMARY_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *h, &bold)?;
    }
    sheet.set_column_width(1, 36.0)?;
    sheet.set_freeze_panes(1, 0)?;
    let mut r = 1u32;
    for (c, opinions) in ledgers.iter().filter(|(c, _)| !c.is_open_call()) {
        for (label, counts) in summary(opinions, words) {
            sheet.write_string(r, 0, c.code())?;
            sheet.write_string(r, 1, neutralise(&c.title))?;
            sheet.write_string(r, 2, neutralise(&label))?;
            for (i, n) in counts.iter().enumerate() {
                sheet.write_number(r, 3 + i as u16, *n as f64)?;
            }
            sheet.write_number(r, 8, counts.iter().sum::<usize>() as f64)?;
            r += 1;
        }
    }
    if let Some(ledger) = relay {
        let sheet = book.add_worksheet();
        sheet.set_name(RELAY_SHEET)?;
        for (col, h) in RELAY_HEADERS.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *h, &bold)?;
            let width = match col {
                2 | 12 => 40.0,
                3 | 9 => 20.0,
                _ => 12.0,
            };
            sheet.set_column_width(col as u16, width)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        for (i, r) in ledger.reports.iter().enumerate() {
            let row = i as u32 + 1;
            for (col, cell) in relay_row(r, ledger, points, tz, words).iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                match (col, cell.parse::<f64>()) {
                    (14, Ok(n)) => sheet.write_number(row, col as u16, n)?,
                    (2 | 12, _) => sheet.write_string_with_format(row, col as u16, cell, &wrap)?,
                    _ => sheet.write_string(row, col as u16, cell)?,
                };
            }
        }
    }
    if let Some(events) = events {
        crate::events::ledger::write_sheet(&mut book, events, points, tz, words)?;
    }
    crate::assessment::write_sheet(&mut book, assessment)?;
    Ok(book.save_to_buffer()?)
}

fn csv(
    ledgers: &[(Consultation, Vec<Opinion>)],
    points: &HashMap<i64, String>,
    tz: Tz,
    books: &Books,
    words: &Words,
) -> Result<Vec<u8>, ExportError> {
    let decisions = &books.decisions;
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // A CSV is one consultation's ledger: an open call's has the suggestion columns.
        let open_call = ledgers.iter().any(|(c, _)| c.is_open_call());
        if open_call {
            w.write_record(SUGGESTION_HEADERS)?;
        } else {
            w.write_record(HEADERS)?;
        }
        for (_, opinions) in ledgers {
            for (i, o) in opinions.iter().enumerate() {
                let decision = decisions.get(&o.id);
                if open_call {
                    let s = books.suggestions.get(&o.id);
                    w.write_record(suggestion_row(o, s, i + 1, points, tz, decision, words))?;
                } else {
                    w.write_record(row(o, i + 1, points, tz, decision, words))?;
                }
            }
        }
        w.flush().map_err(|e| ExportError::Build(e.to_string()))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_looking_cells_are_neutralised() {
        for s in ["=SUM(A1)", "+1", "-1", "@x", "\tx", "\rx"] {
            assert!(neutralise(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(neutralise("建议修改"), "建议修改");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let long = "C1 某市养犬管理条例（草案）[征求意见稿]:第二次/修订?*很长很长很长很长很长很长";
        let a = sheet_name(long, &[]);
        assert!(a.chars().count() <= 31);
        assert!(!a.contains(['[', ']', ':', '*', '?', '/', '\\']));
        let b = sheet_name(long, std::slice::from_ref(&a));
        assert_ne!(a, b);
        assert!(b.chars().count() <= 31);
    }
}
