//! The contact-point assessment (考核): for each contact point and a period, what it
//! did — linked groups, consultations announced to it, opinions gathered online and
//! offline, how many were adopted, how many submitters heard back and how fast.
//!
//! Definitions (docs/chat.md repeats them for the people who read the figures):
//! - *opinions*: the point's opinions created in the period, withdrawn ones left out;
//!   *offline* are those recorded from forums, visits and hearings (`offline_*`).
//! - *adopted*: those of them whose decision is 采纳 or 部分采纳.
//! - *submitters*: distinct people among them; an opinion without a known person
//!   (offline, or the person erased their data) counts as one submitter of its own.
//! - *got feedback*: a submitter with at least one feedback message that Telegram
//!   accepted (delivery `feedback` in state `sent`).
//! - *median days to feedback*: over those opinions, from submission to the first
//!   feedback sent.
//! - *groups*: active groups linked to the point before the period ended;
//!   *consultations announced*: distinct consultations whose announcement reached one
//!   of the point's groups in the period.
//! - *社情民意*: community issues reported to the point in the period (merged duplicates
//!   left out); *answered*: of those, the ones a handling department has answered.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::{
    Actor, Db, Error,
    audit::{AuditEntry, record},
    db::{WritePool, on_pool},
    review::Scope,
};

/// The sheet's name in the XLSX export and the columns of sheet and CSV.
pub const SHEET: &str = "考核";
pub const HEADERS: [&str; 18] = [
    "联系点代码",
    "联系点",
    "期间",
    "起",
    "止",
    "联系群",
    "发布征求意见",
    "线上意见",
    "线下意见",
    "采纳（含部分采纳）",
    "提出人",
    "已获反馈",
    "反馈率",
    "反馈中位天数",
    "社情民意",
    "社情民意已答复",
    "普法活动",
    "惠及人次",
];

/// A named period relative to now, as /stats offers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    Month,
    Quarter,
    Year,
}

impl Relative {
    pub const ALL: [Relative; 3] = [Relative::Month, Relative::Quarter, Relative::Year];

    pub fn key(self) -> &'static str {
        match self {
            Relative::Month => "m",
            Relative::Quarter => "q",
            Relative::Year => "y",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.key() == key)
    }

    /// The Chinese name used in the export (本月, 本季度, 本年).
    pub fn label(self) -> &'static str {
        match self {
            Relative::Month => "本月",
            Relative::Quarter => "本季度",
            Relative::Year => "本年",
        }
    }
}

/// A time span `[from, to)`, with the local dates it was given as (for display).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// First and last local day covered.
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

fn start_of(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let naive = day.and_time(NaiveTime::MIN);
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&naive))
}

impl Period {
    /// From the first to the last day, both included, in `tz`. None when the days are
    /// the wrong way round.
    pub fn days(first: NaiveDate, last: NaiveDate, tz: Tz) -> Option<Self> {
        if last < first {
            return None;
        }
        Some(Self {
            from: start_of(first, tz),
            to: start_of(last.succ_opt()?, tz),
            first_day: first,
            last_day: last,
        })
    }

    /// This month, quarter or year (in `tz`) up to and including today.
    pub fn current(kind: Relative, tz: Tz, now: DateTime<Utc>) -> Self {
        let today = now.with_timezone(&tz).date_naive();
        Span::containing(kind, today)
            .period(tz, today)
            .unwrap_or(Self {
                from: now,
                to: now,
                first_day: today,
                last_day: today,
            })
    }

    /// Reads `2026-01-01 2026-06-30` (also `2026/1/1`, `2026年1月1日`, or `…至…`).
    pub fn parse(raw: &str, tz: Tz) -> Option<Self> {
        let normal = raw.replace(['至', '到', '~', '～', '—'], " ");
        let days: Vec<NaiveDate> = normal
            .split_whitespace()
            .map(parse_day)
            .collect::<Option<_>>()?;
        match days.as_slice() {
            [first, last] => Self::days(*first, *last, tz),
            _ => None,
        }
    }

    /// `2026-01-01 – 2026-06-30`.
    pub fn describe(&self) -> String {
        format!("{} – {}", self.first_day, self.last_day)
    }
}

/// A calendar month, quarter or year (local days): the periods the console's 考核
/// table steps through, back from the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    Year(i32),
}

/// The years a [`Span`] may name: enough for any contact point's records, and far
/// from the ends of what a date can hold.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2200;

impl Span {
    /// The month, quarter or year holding `day`.
    pub fn containing(kind: Relative, day: NaiveDate) -> Span {
        match kind {
            Relative::Month => Span::Month {
                year: day.year(),
                month: day.month(),
            },
            Relative::Quarter => Span::Quarter {
                year: day.year(),
                quarter: day.month0() / 3 + 1,
            },
            Relative::Year => Span::Year(day.year()),
        }
    }

    pub fn kind(self) -> Relative {
        match self {
            Span::Month { .. } => Relative::Month,
            Span::Quarter { .. } => Relative::Quarter,
            Span::Year(_) => Relative::Year,
        }
    }

    /// `2026-11`, `2026-Q4` or `2026`: how a link names it.
    pub fn key(self) -> String {
        match self {
            Span::Month { year, month } => format!("{year}-{month:02}"),
            Span::Quarter { year, quarter } => format!("{year}-Q{quarter}"),
            Span::Year(year) => year.to_string(),
        }
    }

    /// Reads [`Span::key`]'s forms; None for anything else, or a year outside 2000–2200.
    pub fn parse(raw: &str) -> Option<Span> {
        let t = raw.trim();
        let span = match t.split_once('-') {
            None => Span::Year(t.parse().ok()?),
            Some((year, rest)) => {
                let year = year.parse().ok()?;
                match rest.strip_prefix(['Q', 'q']) {
                    Some(q) => Span::Quarter {
                        year,
                        quarter: q.parse().ok().filter(|q| (1..=4).contains(q))?,
                    },
                    None => Span::Month {
                        year,
                        month: rest.parse().ok().filter(|m| (1..=12).contains(m))?,
                    },
                }
            }
        };
        let year = match span {
            Span::Month { year, .. } | Span::Quarter { year, .. } | Span::Year(year) => year,
        };
        YEARS.contains(&year).then_some(span)
    }

    /// Its first day.
    pub fn first_day(self) -> Option<NaiveDate> {
        match self {
            Span::Month { year, month } => NaiveDate::from_ymd_opt(year, month, 1),
            Span::Quarter { year, quarter } => NaiveDate::from_ymd_opt(year, quarter * 3 - 2, 1),
            Span::Year(year) => NaiveDate::from_ymd_opt(year, 1, 1),
        }
    }

    /// The span after this one.
    pub fn next(self) -> Span {
        match self {
            Span::Month { year, month: 12 } => Span::Month {
                year: year + 1,
                month: 1,
            },
            Span::Month { year, month } => Span::Month {
                year,
                month: month + 1,
            },
            Span::Quarter { year, quarter: 4 } => Span::Quarter {
                year: year + 1,
                quarter: 1,
            },
            Span::Quarter { year, quarter } => Span::Quarter {
                year,
                quarter: quarter + 1,
            },
            Span::Year(year) => Span::Year(year + 1),
        }
    }

    /// The span before this one.
    pub fn previous(self) -> Span {
        match self {
            Span::Month { year, month: 1 } => Span::Month {
                year: year - 1,
                month: 12,
            },
            Span::Month { year, month } => Span::Month {
                year,
                month: month - 1,
            },
            Span::Quarter { year, quarter: 1 } => Span::Quarter {
                year: year - 1,
                quarter: 4,
            },
            Span::Quarter { year, quarter } => Span::Quarter {
                year,
                quarter: quarter - 1,
            },
            Span::Year(year) => Span::Year(year - 1),
        }
    }

    /// Its days up to `today` (the current month so far, as chat's 本月 counts it);
    /// None for a span that starts after today.
    pub fn period(self, tz: Tz, today: NaiveDate) -> Option<Period> {
        let first = self.first_day()?;
        let last = self.next().first_day()?.pred_opt()?.min(today);
        Period::days(first, last, tz)
    }
}

/// A date as people write it: 2026-01-31, 2026/1/31, 2026.1.31 or 2026年1月31日.
pub fn parse_day(raw: &str) -> Option<NaiveDate> {
    let normal: String = raw
        .trim()
        .replace(['年', '月', '/', '.'], "-")
        .replace(['日', '号'], "");
    NaiveDate::parse_from_str(&normal, "%Y-%m-%d").ok()
}

/// One contact point's figures for a period, or (rolled up by district for the
/// city, [`Assessments::by_district`]) one district's points' together.
#[derive(Debug, Clone, PartialEq)]
pub struct PointAssessment {
    /// The point's id (a district's in a rollup; 0 for points in no district).
    pub point_id: i64,
    pub code: String,
    pub name: String,
    /// The name of the district the point belongs to.
    pub district: Option<String>,
    pub groups: i64,
    pub consultations_announced: i64,
    pub online: i64,
    pub offline: i64,
    pub adopted: i64,
    pub submitters: i64,
    pub submitters_with_feedback: i64,
    /// None when nobody got feedback yet.
    pub median_days_to_feedback: Option<f64>,
    /// 社情民意 reported to the point in the period, and how many were answered.
    pub reports: i64,
    pub reports_answered: i64,
    /// 普法活动 held in the period (started by now, not called off), and the people they reached
    /// (惠及人次: checked in + walk-ins).
    pub events: i64,
    pub reached: i64,
}

impl PointAssessment {
    pub fn opinions(&self) -> i64 {
        self.online + self.offline
    }

    /// Share of submitters who got feedback, 0–1; None without submitters.
    pub fn feedback_share(&self) -> Option<f64> {
        (self.submitters > 0).then(|| self.submitters_with_feedback as f64 / self.submitters as f64)
    }

    /// The figures from 联系群 to 惠及人次 ([`HEADERS`] after the period) as every
    /// table writes them: counts, the share as a whole percentage, the median to one
    /// decimal, and nothing where there is nobody to count yet.
    pub fn figures(&self) -> [String; 13] {
        [
            self.groups.to_string(),
            self.consultations_announced.to_string(),
            self.online.to_string(),
            self.offline.to_string(),
            self.adopted.to_string(),
            self.submitters.to_string(),
            self.submitters_with_feedback.to_string(),
            self.feedback_share()
                .map(|s| format!("{:.0}%", s * 100.0))
                .unwrap_or_default(),
            self.median_days_to_feedback
                .map(|d| format!("{d:.1}"))
                .unwrap_or_default(),
            self.reports.to_string(),
            self.reports_answered.to_string(),
            self.events.to_string(),
            self.reached.to_string(),
        ]
    }

    /// The row for sheet and CSV, in [`HEADERS`] order (numbers as text).
    pub fn cells(&self, period_name: &str, period: &Period) -> [String; 18] {
        let [
            groups,
            announced,
            online,
            offline,
            adopted,
            submitters,
            reached,
            share,
            median,
            reports,
            answered,
            events,
            people,
        ] = self.figures();
        [
            self.code.clone(),
            self.name.clone(),
            period_name.to_owned(),
            period.first_day.to_string(),
            period.last_day.to_string(),
            groups,
            announced,
            online,
            offline,
            adopted,
            submitters,
            reached,
            share,
            median,
            reports,
            answered,
            events,
            people,
        ]
    }
}

/// The median of `values` (sorted in place); None when empty.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

/// The opinion id a feedback delivery is about (`subject` = `<opinion id>:<revision>`).
fn feedback_opinion(subject: &str) -> Option<i64> {
    subject.split(':').next()?.parse().ok()
}

/// The consultation an announcement delivery is about (`c12:v2…`).
fn announced_consultation(subject: &str) -> Option<i64> {
    let digits: String = subject
        .strip_prefix('c')?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[derive(sqlx::FromRow)]
struct OpinionRow {
    id: i64,
    point_id: i64,
    submitter_id: Option<i64>,
    channel: String,
    created_at: DateTime<Utc>,
    outcome: Option<String>,
}

pub struct Assessments<'a>(&'a Db);

impl Db {
    pub fn assessments(&self) -> Assessments<'_> {
        Assessments(self)
    }
}

/// What one row of the assessment counts: one point, or a district's points.
struct Unit {
    id: i64,
    code: String,
    name: String,
    district: Option<String>,
    points: Vec<i64>,
}

/// Orders rows best first for a ranking (名次): more opinions, then more submitters
/// told the outcome, then more 社情民意 answered; ties by code. The order the county
/// tier compares its points in.
pub fn rank(rows: &mut [PointAssessment]) {
    rows.sort_by(|a, b| {
        b.opinions()
            .cmp(&a.opinions())
            .then(b.submitters_with_feedback.cmp(&a.submitters_with_feedback))
            .then(b.reports_answered.cmp(&a.reports_answered))
            .then(a.code.cmp(&b.code))
    });
}

impl Assessments<'_> {
    /// The figures of every contact point in `scope` for `period`, in code order, as
    /// they stand at `now` (an event still to come in the period is not yet counted).
    pub async fn assess(
        &self,
        scope: Scope,
        period: &Period,
        now: DateTime<Utc>,
    ) -> Result<Vec<PointAssessment>, Error> {
        let units = self
            .0
            .points()
            .list()
            .await?
            .into_iter()
            .filter(|p| scope.covers(Some(p.id), p.district_id))
            .map(|p| Unit {
                id: p.id,
                code: p.code,
                name: p.name,
                district: p.district,
                points: vec![p.id],
            })
            .collect();
        self.figures(units, scope, period, now).await
    }

    /// The city's figures rolled up by district, in district code order, with the
    /// points in no district last (code `-`): what the city's admins compare.
    pub async fn by_district(
        &self,
        period: &Period,
        now: DateTime<Utc>,
        no_district: &str,
    ) -> Result<Vec<PointAssessment>, Error> {
        let points = self.0.points().list().await?;
        let mut units: Vec<Unit> = self
            .0
            .districts()
            .list()
            .await?
            .into_iter()
            .map(|d| Unit {
                points: points
                    .iter()
                    .filter(|p| p.district_id == Some(d.id))
                    .map(|p| p.id)
                    .collect(),
                id: d.id,
                code: d.code,
                name: d.name.clone(),
                district: Some(d.name),
            })
            .collect();
        let rest: Vec<i64> = points
            .iter()
            .filter(|p| p.district_id.is_none())
            .map(|p| p.id)
            .collect();
        if !rest.is_empty() {
            units.push(Unit {
                id: 0,
                code: "-".into(),
                name: no_district.to_owned(),
                district: None,
                points: rest,
            });
        }
        self.figures(units, Scope::All, period, now).await
    }

    async fn figures(
        &self,
        units: Vec<Unit>,
        scope: Scope,
        period: &Period,
        now: DateTime<Utc>,
    ) -> Result<Vec<PointAssessment>, Error> {
        let groups: Vec<(i64, i64)> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT chat_id, point_id FROM groups
             WHERE point_id IS NOT NULL AND active AND (linked_at IS NULL OR linked_at < $1)"
        )
        .bind(period.to)
        .fetch_all(pool)
        .await?);
        let group_point: HashMap<i64, i64> = groups.iter().copied().collect();
        let announced: Vec<(i64, String)> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT chat_id, subject FROM deliveries
             WHERE purpose = 'announce' AND state = 'sent' AND sent_at >= $1 AND sent_at < $2"
        )
        .bind(period.from)
        .bind(period.to)
        .fetch_all(pool)
        .await?);
        let opinions: Vec<OpinionRow> = on_pool!(self.0, |pool| sqlx::query_as(
            "SELECT o.id, o.point_id, o.submitter_id, o.channel, o.created_at, d.outcome
             FROM opinions o LEFT JOIN decisions d ON d.opinion_id = o.id
             WHERE o.point_id IS NOT NULL AND o.status <> 'withdrawn'
               AND o.created_at >= $1 AND o.created_at < $2"
        )
        .bind(period.from)
        .bind(period.to)
        .fetch_all(pool)
        .await?);
        // The first feedback sent for each opinion (any revision).
        let feedback: Vec<(String, Option<DateTime<Utc>>)> = on_pool!(self.0, |pool| {
            sqlx::query_as(
                "SELECT subject, sent_at FROM deliveries
                 WHERE purpose = 'feedback' AND state = 'sent'",
            )
            .fetch_all(pool)
            .await?
        });
        let mut first_feedback: HashMap<i64, DateTime<Utc>> = HashMap::new();
        for (subject, sent_at) in feedback {
            if let (Some(id), Some(at)) = (feedback_opinion(&subject), sent_at) {
                let e = first_feedback.entry(id).or_insert(at);
                *e = (*e).min(at);
            }
        }
        let reports = self
            .0
            .relay()
            .between(scope, Some(period.from), Some(period.to))
            .await?;
        let events = self
            .0
            .events()
            .between_in(scope, Some(period.from), Some(period.to.min(now)))
            .await?;
        let mut out = Vec::new();
        for p in units {
            let has = |point: &i64| p.points.contains(point);
            let mut a = PointAssessment {
                point_id: p.id,
                code: p.code.clone(),
                name: p.name.clone(),
                district: p.district.clone(),
                groups: groups.iter().filter(|(_, gp)| has(gp)).count() as i64,
                consultations_announced: announced
                    .iter()
                    .filter(|(chat, _)| group_point.get(chat).is_some_and(has))
                    .filter_map(|(_, s)| announced_consultation(s))
                    .collect::<BTreeSet<_>>()
                    .len() as i64,
                online: 0,
                offline: 0,
                adopted: 0,
                submitters: 0,
                submitters_with_feedback: 0,
                median_days_to_feedback: None,
                reports: 0,
                reports_answered: 0,
                events: 0,
                reached: 0,
            };
            let relay = crate::relay::stats::figures(
                &reports
                    .iter()
                    .filter(|r| r.point_id.as_ref().is_some_and(has))
                    .cloned()
                    .collect::<Vec<_>>(),
            );
            a.reports = relay.total.reports;
            a.reports_answered = relay.total.answered;
            // Events held in the period (started by now) and not called off.
            for (_, c) in events.iter().filter(|(e, _)| {
                e.point_id.as_ref().is_some_and(has)
                    && e.status == crate::events::EventStatus::Scheduled
            }) {
                a.events += 1;
                a.reached += c.reached();
            }
            // Submitter key → got feedback.
            let mut submitters: BTreeMap<String, bool> = BTreeMap::new();
            let mut days = Vec::new();
            for o in opinions.iter().filter(|o| has(&o.point_id)) {
                if crate::opinions::Channel::try_from(o.channel.as_str())?.is_offline() {
                    a.offline += 1;
                } else {
                    a.online += 1;
                }
                let outcome = o
                    .outcome
                    .as_deref()
                    .and_then(crate::decisions::Outcome::parse);
                if outcome.is_some_and(crate::decisions::Outcome::is_adopted) {
                    a.adopted += 1;
                }
                let key = match o.submitter_id {
                    Some(s) => format!("p{s}"),
                    None => format!("o{}", o.id),
                };
                let got = first_feedback.get(&o.id);
                if let Some(at) = got {
                    days.push((*at - o.created_at).num_seconds() as f64 / 86_400.0);
                }
                *submitters.entry(key).or_default() |= got.is_some();
            }
            a.submitters = submitters.len() as i64;
            a.submitters_with_feedback = submitters.values().filter(|g| **g).count() as i64;
            a.median_days_to_feedback = median(&mut days);
            out.push(a);
        }
        Ok(out)
    }

    /// 本月, 本季度 and 本年 for every point in `scope`, as the export shows them.
    pub async fn relative(
        &self,
        scope: Scope,
        tz: Tz,
        now: DateTime<Utc>,
    ) -> Result<Vec<Rows>, Error> {
        let mut out = Vec::new();
        for (r, period) in relative_periods(tz, now) {
            out.push((
                r.label().to_owned(),
                period,
                self.assess(scope, &period, now).await?,
            ));
        }
        Ok(out)
    }

    /// Records that `actor` looked at (or exported) the assessment.
    pub async fn audit(
        &self,
        actor: Actor,
        point: Option<&str>,
        district: Option<&str>,
        period: &Period,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let entry = AuditEntry::new(
            actor,
            "stats.assessment",
            format!("period:{}..{}", period.first_day, period.last_day),
        )
        .detail(match district {
            Some(d) => serde_json::json!({ "point": point, "district": d }),
            None => serde_json::json!({ "point": point }),
        });
        on_pool!(self.0, |pool| {
            let mut tx = pool.begin_write().await?;
            record!(&mut *tx, &entry, now);
            tx.commit().await?;
        });
        Ok(())
    }
}

/// Adds the 考核 sheet to an XLSX workbook: one row per point and period.
pub fn write_sheet(
    book: &mut rust_xlsxwriter::Workbook,
    rows: &[Rows],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::Format;
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    for (col, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *h, &bold)?;
    }
    sheet.set_column_width(1, 24.0)?;
    sheet.set_freeze_panes(1, 0)?;
    let mut r = 1u32;
    for (name, period, points) in rows {
        for a in points {
            let cells = a.cells(name, period);
            for (col, cell) in cells.iter().enumerate() {
                let numeric = (5..=11).contains(&col) || col >= 13;
                match cell.parse::<f64>() {
                    Ok(n) if numeric => sheet.write_number(r, col as u16, n)?,
                    _ => sheet.write_string(r, col as u16, crate::export::neutralise(cell))?,
                };
            }
            r += 1;
        }
    }
    Ok(())
}

/// The assessment as CSV (UTF-8 with BOM, CRLF), in [`HEADERS`] order.
pub fn csv(rows: &[Rows]) -> Result<Vec<u8>, csv::Error> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(HEADERS)?;
        for (name, period, points) in rows {
            for a in points {
                w.write_record(a.cells(name, period).map(|c| crate::export::neutralise(&c)))?;
            }
        }
        w.flush()?;
    }
    Ok(out)
}

/// One period's figures: its name (本月 … or the dates), the period, a row per point.
pub type Rows = (String, Period, Vec<PointAssessment>);

/// The three relative periods (本月, 本季度, 本年) of `now`, with their names.
pub fn relative_periods(tz: Tz, now: DateTime<Utc>) -> Vec<(Relative, Period)> {
    Relative::ALL
        .into_iter()
        .map(|r| (r, Period::current(r, tz, now)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_local_days() {
        let tz = chrono_tz::Asia::Shanghai;
        let p = Period::parse("2026-01-01 2026-06-30", tz).unwrap();
        assert_eq!(
            p.from,
            Utc.with_ymd_and_hms(2025, 12, 31, 16, 0, 0).unwrap()
        );
        assert_eq!(p.to, Utc.with_ymd_and_hms(2026, 6, 30, 16, 0, 0).unwrap());
        assert_eq!(Period::parse("2026年1月1日至2026年6月30日", tz), Some(p));
        for bad in [
            "",
            "2026-01-01",
            "2026-06-30 2026-01-01",
            "a b",
            "2026-01-01 2026-02-30 x",
        ] {
            assert_eq!(Period::parse(bad, tz), None, "{bad:?}");
        }
        // 2026-11-24 09:00 in Shanghai.
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 1, 0, 0).unwrap();
        let q = Period::current(Relative::Quarter, tz, now);
        assert_eq!(q.first_day, NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
        assert_eq!(q.last_day, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        let m = Period::current(Relative::Month, tz, now);
        assert_eq!(m.first_day, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        let y = Period::current(Relative::Year, tz, now);
        assert_eq!(y.first_day, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert!(y.from <= now && now < y.to);
    }

    #[test]
    fn spans_step_through_the_calendar_up_to_today() {
        let tz = chrono_tz::Asia::Shanghai;
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let today = day(2026, 11, 24);
        let q = Span::containing(Relative::Quarter, today);
        assert_eq!(q.key(), "2026-Q4");
        assert_eq!(Span::parse("2026-Q4"), Some(q));
        assert_eq!(q.next().key(), "2027-Q1");
        assert_eq!(
            q.previous().previous().previous().previous().key(),
            "2025-Q4"
        );
        let m = Span::containing(Relative::Month, today);
        assert_eq!(m.key(), "2026-11");
        assert_eq!(m.next().next().key(), "2027-01");
        assert_eq!(
            Span::parse("2026-01").map(Span::previous).map(Span::key),
            Some("2025-12".into())
        );
        let p = m.period(tz, today).unwrap();
        assert_eq!((p.first_day, p.last_day), (day(2026, 11, 1), today));
        assert_eq!(
            p,
            Period::current(
                Relative::Month,
                tz,
                Utc.with_ymd_and_hms(2026, 11, 24, 1, 0, 0).unwrap()
            )
        );
        let sept = Span::parse("2026-09").unwrap().period(tz, today).unwrap();
        assert_eq!(sept.last_day, day(2026, 9, 30));
        let year = Span::parse("2024").unwrap().period(tz, today).unwrap();
        assert_eq!(
            (year.first_day, year.last_day),
            (day(2024, 1, 1), day(2024, 12, 31))
        );
        assert_eq!(
            m.next().period(tz, today),
            None,
            "a span not begun has no days yet"
        );
        for bad in [
            "", "2026-13", "2026-Q5", "2026-Q0", "1999", "abc", "2026-", "2026-1-1",
        ] {
            assert_eq!(Span::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn medians_and_subjects() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(feedback_opinion("12:2"), Some(12));
        assert_eq!(feedback_opinion("x:2"), None);
        assert_eq!(announced_consultation("c12:v2:again:9"), Some(12));
        assert_eq!(announced_consultation("p3"), None);
    }
}
