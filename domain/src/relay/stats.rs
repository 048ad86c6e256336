//! The relay's figures: reports by category, contact point, department and status,
//! and the days from report to answer — for /stats, the console and the 考核.
//!
//! Definitions: *reports* are those made in the period, merged duplicates left out
//! (the report they were merged into carries the problem); *answered* are those with
//! a department's answer; *days to answer* run from the report to the answer.

use std::collections::BTreeMap;

use super::{Relay, Report, ReportStatus};
use crate::{Error, i18n::Locales, people::Locale, review::Scope};

/// Counts of one group of reports.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Counts {
    pub reports: i64,
    pub forwarded: i64,
    pub answered: i64,
    pub closed: i64,
    /// None when none was answered.
    pub median_days: Option<f64>,
}

/// The figures of a set of reports, grouped four ways.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    pub total: Counts,
    /// By category code.
    pub by_category: BTreeMap<String, Counts>,
    /// By contact point id (None: a web report that named no point).
    pub by_point: BTreeMap<Option<i64>, Counts>,
    /// By department id, for reports that were forwarded.
    pub by_department: BTreeMap<i64, Counts>,
    /// By status, every report (merged ones included).
    pub by_status: BTreeMap<ReportStatus, i64>,
}

fn counts<'a>(reports: impl Iterator<Item = &'a Report>) -> Counts {
    let mut c = Counts::default();
    let mut days = Vec::new();
    for r in reports {
        c.reports += 1;
        if r.forwarded_at.is_some() {
            c.forwarded += 1;
        }
        match r.status {
            ReportStatus::Answered => c.answered += 1,
            ReportStatus::Closed => c.closed += 1,
            _ => {}
        }
        if let Some(d) = r.days_to_answer() {
            days.push(d);
        }
    }
    c.median_days = crate::assessment::median(&mut days);
    c
}

/// Groups `reports` (see the module's definitions).
pub fn figures(reports: &[Report]) -> Figures {
    let counted: Vec<&Report> = reports
        .iter()
        .filter(|r| r.status != ReportStatus::Merged)
        .collect();
    let mut f = Figures {
        total: counts(counted.iter().copied()),
        ..Figures::default()
    };
    let mut categories: BTreeMap<String, Vec<&Report>> = BTreeMap::new();
    let mut points: BTreeMap<Option<i64>, Vec<&Report>> = BTreeMap::new();
    let mut departments: BTreeMap<i64, Vec<&Report>> = BTreeMap::new();
    for r in &counted {
        categories
            .entry(r.category.as_str().to_owned())
            .or_default()
            .push(r);
        points.entry(r.point_id).or_default().push(r);
        if let Some(d) = r.department_id {
            departments.entry(d).or_default().push(r);
        }
    }
    f.by_category = categories
        .into_iter()
        .map(|(k, v)| (k, counts(v.into_iter())))
        .collect();
    f.by_point = points
        .into_iter()
        .map(|(k, v)| (k, counts(v.into_iter())))
        .collect();
    f.by_department = departments
        .into_iter()
        .map(|(k, v)| (k, counts(v.into_iter())))
        .collect();
    for r in reports {
        *f.by_status.entry(r.status).or_default() += 1;
    }
    f
}

/// How a row of the [`Table`] groups reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Category,
    Point,
    Department,
}

/// One named row of the figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub group: Group,
    pub name: String,
    pub counts: Counts,
}

/// The figures with every group named in one language: what chat's /stats and the
/// console's 社情民意 page both show, from the one call [`Relay::figures`], so the two
/// channels cannot disagree.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub total: Counts,
    /// Every status with its count (merged reports included), in the statuses' order.
    pub by_status: Vec<(ReportStatus, i64)>,
    /// By category, then contact point, then department.
    pub rows: Vec<Row>,
}

impl Relay<'_> {
    /// The figures of every report within `scope`, named in `locale`: categories
    /// (retired ones too) and departments (retired ones too) by their names, reports
    /// of no contact point under the words for that.
    pub async fn figures(
        &self,
        locales: &Locales,
        locale: Locale,
        scope: Scope,
    ) -> Result<Table, Error> {
        let f = figures(&self.between(scope, None, None).await?);
        let categories = self.all_categories().await?;
        let departments = self.departments().await?;
        let points = self.0.points().list().await?;
        let mut rows = Vec::new();
        for (code, counts) in f.by_category {
            let name = categories
                .iter()
                .find(|c| c.code.as_str() == code)
                .map(|c| c.label(locales, locale))
                .unwrap_or(code);
            rows.push(Row {
                group: Group::Category,
                name,
                counts,
            });
        }
        for (p, counts) in f.by_point {
            let name = p
                .and_then(|p| points.iter().find(|x| x.id == p))
                .map(|p| p.name.clone())
                .unwrap_or_else(|| locales.text(locale, "relay-staff-no-point", &[]));
            rows.push(Row {
                group: Group::Point,
                name,
                counts,
            });
        }
        for (d, counts) in f.by_department {
            let name = departments
                .iter()
                .find(|x| x.id == d)
                .map(|x| x.name.clone())
                .unwrap_or_default();
            rows.push(Row {
                group: Group::Department,
                name,
                counts,
            });
        }
        Ok(Table {
            total: f.total,
            by_status: ReportStatus::ALL
                .into_iter()
                .map(|s| (s, f.by_status.get(&s).copied().unwrap_or(0)))
                .collect(),
            rows,
        })
    }
}
