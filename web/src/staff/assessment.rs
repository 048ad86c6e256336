//! `/staff/assessment`: the contact-point assessment (考核) as a table, for reviewers
//! (admins: every point; a liaison: their own; informants get the 404), by calendar
//! month, quarter or year — stepping back and forth from the current one, which
//! counts up to today as chat's 本月 does — or for any days, as `/stats FROM TO`.
//! The figures are the domain's ([`consult_domain::assessment::Assessments::assess`]),
//! the same as chat's, the export's 考核 sheet and `consult-bot assessment`; every look
//! (and the CSV download, `/staff/assessment.csv` with the same query) is written to
//! the audit log as `stats.assessment`, as chat's is.

use axum::{
    Router,
    extract::RawQuery,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use chrono::NaiveDate;
use consult_domain::{
    Actor,
    assessment::{self, Period, PointAssessment, Relative, Span},
    review::Scope,
};
use maud::{Markup, html};

use crate::{
    WebError, WebState,
    i18n::fl,
    page::{Ctx, respond},
    staff::{
        Say, Staff,
        export::disposition,
        review::{pairs, value},
        staff_layout,
        stats::scope_text,
    },
};

pub fn router() -> Router<WebState> {
    Router::new()
        .route("/staff/assessment", get(show))
        .route("/staff/assessment.csv", get(csv))
}

/// The period a query string asks for: `span=2026-11` (`2026-Q4`, `2026`), or
/// `from=…&to=…` (any days, both included); by default, this month so far.
struct Asked {
    /// The calendar span shown (None: days chosen by hand).
    span: Option<Span>,
    period: Period,
    /// The custom days as typed, to show them again.
    from: String,
    to: String,
    /// Why the days typed were not used.
    problem: Option<String>,
}

impl Asked {
    fn parse(ctx: &Ctx, raw: Option<&str>) -> Asked {
        let tz = ctx.state.settings().timezone;
        let today = ctx.state.now().with_timezone(&tz).date_naive();
        let pairs = pairs(raw.unwrap_or_default().as_bytes());
        let from = value(&pairs, "from").unwrap_or_default().to_owned();
        let to = value(&pairs, "to").unwrap_or_default().to_owned();
        let mut problem = None;
        if !from.is_empty() || !to.is_empty() {
            let days = assessment::parse_day(&from)
                .zip(assessment::parse_day(&to))
                .and_then(|(first, last)| Period::days(first, last, tz));
            match days {
                Some(period) => {
                    return Asked {
                        span: None,
                        period,
                        from,
                        to,
                        problem: None,
                    };
                }
                None => problem = Some(fl!(ctx.l(), "staff-assessment-bad-days")),
            }
        }
        // A span not begun yet (or out of range) shows this month.
        let span = value(&pairs, "span")
            .and_then(Span::parse)
            .filter(|s| s.period(tz, today).is_some())
            .unwrap_or(Span::containing(Relative::Month, today));
        let period = span
            .period(tz, today)
            .unwrap_or_else(|| Period::current(Relative::Month, tz, ctx.state.now()));
        Asked {
            span: Some(span),
            period,
            from,
            to,
            problem,
        }
    }

    /// The period's name: 「2026年11月」, 「2026年第四季度」… or 「指定期间」.
    fn name(&self, ctx: &Ctx) -> String {
        match self.span {
            Some(s) => span_name(ctx, s),
            None => fl!(ctx.l(), "stats-period-custom"),
        }
    }

    /// This page's query string (for the CSV link).
    fn query(&self) -> String {
        match self.span {
            Some(s) => format!("span={}", s.key()),
            None => format!("from={}&to={}", self.period.first_day, self.period.last_day),
        }
    }
}

fn span_name(ctx: &Ctx, s: Span) -> String {
    let l = ctx.l();
    match s {
        Span::Month { year, month } => fl!(
            l,
            "staff-assessment-month",
            year = year.to_string(),
            month = month.to_string()
        ),
        Span::Quarter { year, quarter } => fl!(
            l,
            "staff-assessment-quarter",
            year = year.to_string(),
            quarter = quarter.to_string()
        ),
        Span::Year(year) => fl!(l, "staff-assessment-year", year = year.to_string()),
    }
}

/// The figures in scope for the period, the look written to the audit log.
async fn assess(
    ctx: &Ctx,
    staff: &Staff,
    period: &Period,
) -> Result<Vec<PointAssessment>, WebError> {
    let scope = staff.access.review().ok_or(WebError::NotFound)?;
    let db = ctx.state.db();
    let mut rows = db
        .assessments()
        .assess(scope, period, ctx.state.now())
        .await?;
    // County staff compare their points: ranked, best first.
    if matches!(scope, Scope::District(_)) {
        assessment::rank(&mut rows);
    }
    let (point, district) = staff.access.audit_codes();
    db.assessments()
        .audit(
            Actor::Person(staff.access.person()),
            point,
            district,
            period,
            ctx.state.now(),
        )
        .await?;
    Ok(rows)
}

pub async fn show(ctx: Ctx, staff: Staff, RawQuery(raw): RawQuery) -> Result<Response, WebError> {
    staff.access.review().ok_or(WebError::NotFound)?;
    let asked = Asked::parse(&ctx, raw.as_deref());
    let rows = assess(&ctx, &staff, &asked.period).await?;
    let l = ctx.l();
    let ranked = matches!(staff.access.review(), Some(Scope::District(_)));
    // The city's admins see the same figures rolled up by district.
    let districts = if staff.access.is_city() {
        ctx.state
            .db()
            .assessments()
            .by_district(&asked.period, ctx.state.now(), &fl!(l, "stats-no-district"))
            .await?
    } else {
        Vec::new()
    };
    let title = fl!(l, "staff-assessment-title");
    let tz = ctx.state.settings().timezone;
    let today = ctx.state.now().with_timezone(&tz).date_naive();
    let caption = fl!(
        l,
        "staff-assessment-caption",
        period = asked.name(&ctx),
        dates = asked.period.describe()
    );
    let body = html! {
        h1 { (title) }
        p.lead { (scope_text(&ctx, &staff)) }
        @if let Some(p) = &asked.problem {
            (Say::Problem(p.clone()))
        }
        (kinds(&ctx, &asked, today))
        @if let Some(span) = asked.span {
            (steps(&ctx, span, today))
        }
        @if rows.is_empty() {
            p { (fl!(l, "stats-assessment-none")) }
        } @else {
            (table(&ctx, "assessment-caption", &caption, &rows, if ranked { Rows::Ranked } else { Rows::Points }))
            @if districts.iter().any(|d| d.district.is_some()) {
                (table(&ctx, "assessment-districts", &fl!(l, "staff-assessment-by-district"), &districts, Rows::Districts))
            }
            p {
                a href=(format!("/staff/assessment.csv?{}", asked.query())) download {
                    (fl!(l, "staff-assessment-csv"))
                }
            }
        }
        (custom(&ctx, &asked, today))
        (definitions(&ctx))
    };
    let status = if asked.problem.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(respond(
        &ctx,
        status,
        staff_layout(&ctx, &staff, &title, body),
    ))
}

/// The same table as CSV (UTF-8 with BOM, the export's columns).
pub async fn csv(ctx: Ctx, staff: Staff, RawQuery(raw): RawQuery) -> Result<Response, WebError> {
    staff.access.review().ok_or(WebError::NotFound)?;
    let asked = Asked::parse(&ctx, raw.as_deref());
    let rows = assess(&ctx, &staff, &asked.period).await?;
    let p = asked.period;
    let bytes = assessment::csv(&[(asked.name(&ctx), p, rows)])
        .map_err(|e| WebError::Build(e.to_string()))?;
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    let name = format!("{}-{}-{}.csv", assessment::SHEET, p.first_day, p.last_day);
    if let Ok(v) = HeaderValue::from_str(&disposition(&name)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// By month, by quarter, by year: each the current one, the chosen kind marked.
fn kinds(ctx: &Ctx, asked: &Asked, today: NaiveDate) -> Markup {
    let l = ctx.l();
    let chosen = asked.span.map(Span::kind);
    let label = |r: Relative| match r {
        Relative::Month => fl!(l, "staff-assessment-by-month"),
        Relative::Quarter => fl!(l, "staff-assessment-by-quarter"),
        Relative::Year => fl!(l, "staff-assessment-by-year"),
    };
    html! {
        nav.tabs aria-label=(fl!(l, "staff-assessment-kinds")) {
            @for r in Relative::ALL {
                @let span = Span::containing(r, today);
                a href=(format!("/staff/assessment?span={}", span.key()))
                    aria-current=[(chosen == Some(r)).then_some("true")] { (label(r)) }
            }
        }
    }
}

/// The span before and after this one (none after the current one).
fn steps(ctx: &Ctx, span: Span, today: NaiveDate) -> Markup {
    let l = ctx.l();
    let tz = ctx.state.settings().timezone;
    let previous = span.previous();
    let next = span.next();
    let has_previous = Span::parse(&previous.key()).is_some();
    let has_next = next.period(tz, today).is_some();
    html! {
        nav.pager aria-label=(fl!(l, "staff-assessment-steps")) {
            @if has_previous {
                a href=(format!("/staff/assessment?span={}", previous.key())) rel="prev" {
                    "← " (span_name(ctx, previous))
                }
            }
            @if has_next {
                a href=(format!("/staff/assessment?span={}", next.key())) rel="next" {
                    (span_name(ctx, next)) " →"
                }
            }
        }
    }
}

/// How a table of the assessment reads: rows of points (ranked: with each one's
/// place, the rows already in rank order) or of districts (the city's rollup).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rows {
    Points,
    Ranked,
    Districts,
}

fn table(ctx: &Ctx, id: &str, caption: &str, rows: &[PointAssessment], kind: Rows) -> Markup {
    let ranked = kind == Rows::Ranked;
    let l = ctx.l();
    let columns = [
        fl!(l, "staff-assessment-col-groups"),
        fl!(l, "staff-assessment-col-announced"),
        fl!(l, "staff-assessment-col-online"),
        fl!(l, "staff-assessment-col-offline"),
        fl!(l, "staff-assessment-col-adopted"),
        fl!(l, "staff-assessment-col-submitters"),
        fl!(l, "staff-assessment-col-reached"),
        fl!(l, "staff-assessment-col-share"),
        fl!(l, "staff-assessment-col-median"),
        fl!(l, "staff-assessment-col-reports"),
        fl!(l, "staff-assessment-col-reports-answered"),
        fl!(l, "staff-assessment-col-events"),
        fl!(l, "staff-assessment-col-events-reached"),
    ];
    html! {
        div.table-scroll.wide role="region" aria-labelledby=(id) tabindex="0" {
            table.assessment {
                caption #(id) { (caption) }
                thead {
                    tr {
                        @if ranked {
                            th.count scope="col" { (fl!(l, "staff-assessment-col-rank")) }
                        }
                        th scope="col" {
                            @if kind == Rows::Districts {
                                (fl!(l, "staff-col-district"))
                            } @else {
                                (fl!(l, "staff-assessment-col-point"))
                            }
                        }
                        @for c in &columns {
                            th.count scope="col" { (c) }
                        }
                    }
                }
                tbody {
                    @for (i, a) in rows.iter().enumerate() {
                        tr {
                            @if ranked {
                                td.count { (i + 1) }
                            }
                            th scope="row" { (a.name) " " span.meta { (a.code) } }
                            // "—" where nobody is counted yet (the export leaves it empty).
                            @for f in a.figures() {
                                td.count { (if f.is_empty() { "—" } else { f.as_str() }) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Any days, both included: the form fills in the period shown.
fn custom(ctx: &Ctx, asked: &Asked, today: NaiveDate) -> Markup {
    let l = ctx.l();
    let (from, to) = if asked.from.is_empty() && asked.to.is_empty() {
        (
            asked.period.first_day.to_string(),
            asked.period.last_day.to_string(),
        )
    } else {
        (asked.from.clone(), asked.to.clone())
    };
    let max = today.to_string();
    html! {
        form.filters method="get" action="/staff/assessment" {
            fieldset {
                legend { (fl!(l, "staff-assessment-custom")) }
                div.field {
                    label for="from" { (fl!(l, "staff-assessment-from")) }
                    input #from type="date" name="from" value=(from) max=(max);
                }
                div.field {
                    label for="to" { (fl!(l, "staff-assessment-to")) }
                    input #to type="date" name="to" value=(to);
                }
                button type="submit" { (fl!(l, "staff-assessment-show")) }
            }
        }
    }
}

/// What each figure counts (the README's definitions, for the people who read them).
fn definitions(ctx: &Ctx) -> Markup {
    let l = ctx.l();
    html! {
        details.definitions {
            summary { (fl!(l, "staff-assessment-how")) }
            ul {
                li { (fl!(l, "staff-assessment-def-groups")) }
                li { (fl!(l, "staff-assessment-def-announced")) }
                li { (fl!(l, "staff-assessment-def-opinions")) }
                li { (fl!(l, "staff-assessment-def-adopted")) }
                li { (fl!(l, "staff-assessment-def-feedback")) }
                li { (fl!(l, "staff-assessment-def-events")) }
            }
        }
    }
}
