//! The operator's reports on the command line: `consult-bot audit` (the audit log,
//! filtered) and `consult-bot assessment` (the contact-point assessment, 考核, for a
//! period). Both print a table with headers in the CLI's language, CSV or (audit) JSON.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use consult_domain::{
    Actor, Db,
    assessment::{self, Period},
    audit::{ActorFilter, AuditRecord, Filter},
    people::Locale,
    points::PointCode,
};
use consult_handlers::i18n::{Locales, fl};

use crate::AppError;

/// How a report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Text,
    Csv,
    Json,
}

impl Output {
    /// Reads `--format`; `allowed` lists what this command offers.
    pub fn parse(raw: &str, allowed: &'static [Output]) -> Result<Self, AppError> {
        let names: &'static str = if allowed.contains(&Output::Json) {
            "text, csv, json"
        } else {
            "text, csv"
        };
        let out = match raw.trim().to_ascii_lowercase().as_str() {
            "text" | "txt" => Output::Text,
            "csv" => Output::Csv,
            "json" => Output::Json,
            _ => None.ok_or_else(|| AppError::OutputFormat {
                value: raw.to_owned(),
                allowed: names,
            })?,
        };
        if allowed.contains(&out) {
            Ok(out)
        } else {
            Err(AppError::OutputFormat {
                value: raw.to_owned(),
                allowed: names,
            })
        }
    }
}

/// A time given on the command line: RFC 3339, `2026-01-31 18:00` or `2026-01-31`
/// (local, in the display time zone). A bare date means the start of that day, or
/// with `end_of_day` the start of the next (so `--until 2026-01-31` includes that day).
pub fn parse_time(raw: &str, tz: Tz, end_of_day: bool) -> Result<DateTime<Utc>, AppError> {
    let err = || AppError::AuditFilter(raw.to_owned());
    let trimmed = raw.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(trimmed) {
        return Ok(t.with_timezone(&Utc));
    }
    let local = |naive: NaiveDateTime| {
        tz.from_local_datetime(&naive)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(err)
    };
    for format in ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(trimmed, format) {
            return local(naive);
        }
    }
    let day = assessment::parse_day(trimmed).ok_or_else(err)?;
    let day = if end_of_day {
        day.succ_opt().ok_or_else(err)?
    } else {
        day
    };
    local(day.and_time(chrono::NaiveTime::MIN))
}

/// One CSV record per row, with the header first (no BOM: this goes to a terminal
/// or a pipe).
fn csv_lines(header: Vec<String>, rows: Vec<Vec<String>>) -> Result<Vec<String>, AppError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let fail = |e: &dyn std::fmt::Display| AppError::Export(e.to_string());
    w.write_record(&header).map_err(|e| fail(&e))?;
    for r in rows {
        let cells: Vec<String> = r
            .iter()
            .map(|c| consult_domain::export::neutralise(c))
            .collect();
        w.write_record(&cells).map_err(|e| fail(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| fail(&e))?;
    let text = String::from_utf8(bytes).map_err(|e| fail(&e))?;
    Ok(text.lines().map(str::to_owned).collect())
}

/// What `consult-bot audit` was given.
#[derive(Debug, Clone, Default)]
pub struct AuditArgs {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub subject: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub limit: i64,
    pub format: String,
}

/// `consult-bot audit`: the entries, oldest first, filtered.
pub async fn audit(
    db: &Db,
    args: AuditArgs,
    locales: &Locales,
    locale: Locale,
    tz: Tz,
) -> Result<Vec<String>, AppError> {
    let l = locales.get(locale);
    let output = Output::parse(&args.format, &[Output::Text, Output::Csv, Output::Json])?;
    let actor = match args.actor.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => {
            Some(ActorFilter::parse(raw).ok_or_else(|| AppError::AuditFilter(raw.to_owned()))?)
        }
    };
    let filter = Filter {
        actor,
        action: args.action.filter(|a| !a.trim().is_empty()),
        subject: args.subject.filter(|s| !s.trim().is_empty()),
        since: args
            .since
            .as_deref()
            .map(|s| parse_time(s, tz, false))
            .transpose()?,
        until: args
            .until
            .as_deref()
            .map(|s| parse_time(s, tz, true))
            .transpose()?,
        limit: args.limit,
    };
    let entries = db.audit().search(&filter).await?;
    let actor_name = |r: &AuditRecord| match r.by() {
        Actor::Person(id) => id.to_string(),
        other => other
            .label_id()
            .map(|id| locales.text(locale, id, &[]))
            .unwrap_or_default(),
    };
    match output {
        Output::Json => {
            let list: Vec<serde_json::Value> = entries
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "at": r.at.to_rfc3339(),
                        "actor": r.actor,
                        "action": r.action,
                        "subject": r.subject,
                        "detail": r.detail.0,
                    })
                })
                .collect();
            Ok(vec![
                serde_json::to_string_pretty(&list).map_err(|e| AppError::Export(e.to_string()))?,
            ])
        }
        Output::Text | Output::Csv => {
            let header = vec![
                fl!(l, "cli-audit-col-id"),
                fl!(l, "cli-audit-col-at"),
                fl!(l, "cli-audit-col-actor"),
                fl!(l, "cli-audit-col-action"),
                fl!(l, "cli-audit-col-subject"),
                fl!(l, "cli-audit-col-detail"),
            ];
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.at.with_timezone(&tz)
                            .format("%Y-%m-%d %H:%M:%S")
                            .to_string(),
                        actor_name(r),
                        r.action.clone(),
                        r.subject.clone(),
                        r.detail.0.to_string(),
                    ]
                })
                .collect();
            if output == Output::Csv {
                return csv_lines(header, rows);
            }
            if rows.is_empty() {
                return Ok(vec![fl!(l, "cli-audit-none")]);
            }
            Ok(std::iter::once(header.join("\t"))
                .chain(rows.into_iter().map(|r| r.join("\t")))
                .collect())
        }
    }
}

/// `consult-bot assessment`: every point's (or one's) figures for the days given,
/// recorded in the audit log like a look at /stats.
#[allow(clippy::too_many_arguments)]
pub async fn assessment(
    db: &Db,
    from: &str,
    to: &str,
    point: Option<&str>,
    format: &str,
    locales: &Locales,
    locale: Locale,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let l = locales.get(locale);
    let output = Output::parse(format, &[Output::Text, Output::Csv])?;
    let day = |raw: &str| -> Result<NaiveDate, AppError> {
        assessment::parse_day(raw).ok_or_else(|| AppError::AssessmentPeriod(raw.to_owned()))
    };
    let period = Period::days(day(from)?, day(to)?, tz)
        .ok_or_else(|| AppError::AssessmentPeriod(format!("{from} – {to}")))?;
    let point = match point {
        Some(code) => Some(db.points().get(&PointCode::parse(code)?).await?),
        None => None,
    };
    let scope = point
        .as_ref()
        .map_or(consult_domain::review::Scope::All, |p| {
            consult_domain::review::Scope::Point(p.id)
        });
    let rows = db.assessments().assess(scope, &period, now).await?;
    db.assessments()
        .audit(
            Actor::CommandLine,
            point.as_ref().map(|p| p.code.as_str()),
            None,
            &period,
            now,
        )
        .await?;
    let name = period.describe();
    let header: Vec<String> = assessment::HEADERS
        .iter()
        .map(|h| (*h).to_owned())
        .collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|a| a.cells(&name, &period).to_vec())
        .collect();
    match output {
        Output::Csv => csv_lines(header, cells),
        _ => Ok(
            std::iter::once(fl!(l, "cli-assessment-title", dates = name.clone()))
                .chain(std::iter::once(header.join("\t")))
                .chain(cells.into_iter().map(|r| r.join("\t")))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_in_the_display_zone() {
        let tz = chrono_tz::Asia::Shanghai;
        let start = Utc.with_ymd_and_hms(2026, 1, 30, 16, 0, 0).unwrap();
        assert_eq!(parse_time("2026-01-31", tz, false).unwrap(), start);
        assert_eq!(
            parse_time("2026-01-31", tz, true).unwrap(),
            start + chrono::Duration::days(1)
        );
        assert_eq!(
            parse_time("2026-01-31 18:00", tz, false).unwrap(),
            Utc.with_ymd_and_hms(2026, 1, 31, 10, 0, 0).unwrap()
        );
        assert_eq!(
            parse_time("2026-01-31T10:00:00Z", tz, false).unwrap(),
            Utc.with_ymd_and_hms(2026, 1, 31, 10, 0, 0).unwrap()
        );
        assert!(parse_time("yesterday", tz, false).is_err());
        assert!(matches!(
            Output::parse("xml", &[Output::Text]),
            Err(AppError::OutputFormat { .. })
        ));
        assert!(Output::parse("json", &[Output::Text, Output::Csv]).is_err());
        assert_eq!(Output::parse("CSV", &[Output::Csv]).unwrap(), Output::Csv);
    }

    #[test]
    fn the_digest_time_is_a_time_of_day() {
        use crate::config::parse_time_of_day;
        let six = chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap();
        assert_eq!(parse_time_of_day("18:00").unwrap(), six);
        assert_eq!(parse_time_of_day(" 18：00 ").unwrap(), six);
        assert_eq!(
            parse_time_of_day("07:30:15").unwrap(),
            chrono::NaiveTime::from_hms_opt(7, 30, 15).unwrap()
        );
        for bad in ["", "18", "25:00", "6pm"] {
            assert!(
                matches!(parse_time_of_day(bad), Err(AppError::TimeOfDay(_))),
                "{bad:?}"
            );
        }
    }
}
