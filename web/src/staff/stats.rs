//! `/staff/stats`: chat's `/stats` in the console (issue #17, item 9), for reviewers
//! (admins: every point; a liaison: their own; informants get the 404). The list of
//! consultations, and for one of them its counts by contact point, article, view,
//! status and channel — the domain's figures ([`consult_domain::stats::Stats::of`]),
//! the very numbers chat sends — with the opinions per article and per view drawn as
//! SVG bar charts ([`super::chart`]), and every look written to the audit log as
//! chat's is (`stats.view`). The 考核 table is [`super::assessment`].

use axum::{Router, extract::Path, http::StatusCode, response::Response, routing::get};
use consult_domain::{
    Actor,
    opinions::Status,
    stats::{self, ConsultationStats},
};
use maud::{Markup, html};

use crate::{
    WebError, WebState,
    i18n::fl,
    page::{Ctx, respond},
    staff::{Staff, chart, staff_layout},
};

pub fn router() -> Router<WebState> {
    Router::new()
        .route("/staff/stats", get(list))
        .route("/staff/stats/{id}", get(show))
}

/// Whose figures the page shows: every point's, or the liaison's point's.
pub fn scope_text(ctx: &Ctx, staff: &Staff) -> String {
    let l = ctx.l();
    let scope = staff
        .reach_name()
        .unwrap_or_else(|| fl!(l, "review-scope-all"));
    fl!(l, "stats-scope", scope = scope)
}

/// The consultations to choose from, newest first, and the way to the 考核 table.
pub async fn list(ctx: Ctx, staff: Staff) -> Result<Response, WebError> {
    let scope = staff.access.review().ok_or(WebError::NotFound)?;
    let consultations = ctx.state.db().stats().consultations(scope).await?;
    let events = super::events::figures_section(&ctx, &staff).await?;
    let l = ctx.l();
    let title = fl!(l, "staff-stats-title");
    let body = html! {
        h1 { (title) }
        p.lead { (scope_text(&ctx, &staff)) }
        @if consultations.is_empty() {
            p { (fl!(l, "stats-no-consultations")) }
        } @else {
            p { (fl!(l, "staff-stats-choose")) }
            ul.cards {
                @for c in &consultations {
                    li {
                        a.card href=(format!("/staff/stats/{}", c.id)) {
                            span.title { (c.code()) " " (c.title) }
                            span.meta { (ctx.text(&format!("state-{}", c.state.as_str()))) }
                        }
                    }
                }
            }
        }
        p { a href="/staff/assessment" { (fl!(l, "staff-assessment-title")) } }
        (events)
        p { a href="/staff/events" { (fl!(l, "event-staff-title")) } }
    };
    Ok(respond(
        &ctx,
        StatusCode::OK,
        staff_layout(&ctx, &staff, &title, body),
    ))
}

/// One consultation's figures, charts and tables.
pub async fn show(ctx: Ctx, staff: Staff, Path(raw): Path<String>) -> Result<Response, WebError> {
    let scope = staff.access.review().ok_or(WebError::NotFound)?;
    let id: i64 = raw.parse().map_err(|_| WebError::NotFound)?;
    let db = ctx.state.db();
    let s = db.stats().of(id, scope).await?.ok_or(WebError::NotFound)?;
    let (point, district) = staff.access.audit_codes();
    db.stats()
        .viewed(
            Actor::Person(staff.access.person()),
            id,
            point,
            district,
            ctx.state.now(),
        )
        .await?;
    let title = format!("C{} {}", s.consultation_id, s.title);
    let body = figures(&ctx, &staff, &s);
    Ok(respond(
        &ctx,
        StatusCode::OK,
        staff_layout(&ctx, &staff, &title, body),
    ))
}

fn figures(ctx: &Ctx, staff: &Staff, s: &ConsultationStats) -> Markup {
    let l = ctx.l();
    let (locales, locale) = (ctx.state.locales(), ctx.locale);
    let articles: Vec<(String, i64)> = s
        .by_article
        .iter()
        .map(|a| (stats::article_name(locales, locale, a), a.count))
        .collect();
    let charted: Vec<(String, i64)> = s
        .chart_articles()
        .into_iter()
        .map(|a| (stats::article_name(locales, locale, a), a.count))
        .collect();
    let stances: Vec<(String, i64)> = s
        .by_stance
        .iter()
        .map(|(stance, n)| (ctx.text(stance.label_id()), *n))
        .collect();
    let points: Vec<(String, i64)> = s
        .by_point
        .iter()
        .map(|(name, n)| {
            let name = name.clone().unwrap_or_else(|| fl!(l, "stats-no-point"));
            (name, *n)
        })
        .collect();
    // The city's figures by district, once there are districts to tell apart.
    let districts: Vec<(String, i64)> =
        if staff.access.is_city() && s.by_district.iter().any(|(d, _)| d.is_some()) {
            s.by_district
                .iter()
                .map(|(name, n)| {
                    let name = name.clone().unwrap_or_else(|| fl!(l, "stats-no-district"));
                    (name, *n)
                })
                .collect()
        } else {
            Vec::new()
        };
    let statuses: Vec<(String, i64)> = s
        .by_status
        .iter()
        .map(|(status, n)| (ctx.text(Status::review_label_id(*status)), *n))
        .collect();
    let channels: Vec<(String, i64)> = s
        .by_channel
        .iter()
        .map(|(channel, n)| (ctx.text(channel.label_id()), *n))
        .collect();
    html! {
        h1 { (format!("C{} {}", s.consultation_id, s.title)) }
        p.lead { (scope_text(ctx, staff)) }
        p.total { (fl!(l, "stats-total", count = s.total)) }
        @if s.total == 0 {
            p { (fl!(l, "stats-no-opinions")) }
        } @else {
            // A suggestion has no article and no stance (整部草案 · 其他 would count nothing).
            @if !s.open_call {
                section aria-labelledby="by-article" {
                    h2 #by-article { (fl!(l, "staff-stats-by-article")) }
                    (chart::bars("article-chart", &fl!(l, "stats-chart-title"), &charted))
                    @if charted.len() < articles.len() {
                        p.hint { (fl!(l, "staff-stats-chart-most", shown = charted.len(), all = articles.len())) }
                    }
                    (counts(ctx, "article-counts", &fl!(l, "staff-stats-article-caption"), &fl!(l, "web-field-article"), &articles))
                }
                section aria-labelledby="by-stance" {
                    h2 #by-stance { (fl!(l, "staff-stats-by-stance")) }
                    (chart::bars("stance-chart", &fl!(l, "staff-stats-stance-chart"), &stances))
                    (counts(ctx, "stance-counts", &fl!(l, "staff-stats-stance-caption"), &fl!(l, "web-field-stance"), &stances))
                }
            }
            section aria-labelledby="by-point" {
                h2 #by-point { (fl!(l, "staff-stats-by-point")) }
                (counts(ctx, "point-counts", &fl!(l, "staff-stats-by-point"), &fl!(l, "staff-opinion-point"), &points))
            }
            @if !districts.is_empty() {
                section aria-labelledby="by-district" {
                    h2 #by-district { (fl!(l, "staff-stats-by-district")) }
                    (counts(ctx, "district-counts", &fl!(l, "staff-stats-by-district"), &fl!(l, "staff-col-district"), &districts))
                }
            }
            section aria-labelledby="by-channel" {
                h2 #by-channel { (fl!(l, "staff-stats-by-channel")) }
                (counts(ctx, "channel-counts", &fl!(l, "staff-stats-by-channel"), &fl!(l, "staff-opinion-channel"), &channels))
            }
        }
        // Withdrawn opinions are counted here only, so the statuses add up to every
        // opinion received, as in chat.
        section aria-labelledby="by-status" {
            h2 #by-status { (fl!(l, "staff-stats-by-status")) }
            (counts(ctx, "status-counts", &fl!(l, "staff-stats-status-caption"), &fl!(l, "web-field-status"), &statuses))
        }
        p {
            a href=(format!("/staff/review?consultation={}", s.consultation_id)) {
                (fl!(l, "staff-stats-to-ledger"))
            }
        }
        p { a href="/staff/stats" { (fl!(l, "staff-stats-back")) } }
    }
}

/// A table of names and counts under `caption`; `what` heads the names' column.
fn counts(ctx: &Ctx, id: &str, caption: &str, what: &str, rows: &[(String, i64)]) -> Markup {
    let caption_id = format!("{id}-caption");
    html! {
        div.table-scroll role="region" aria-labelledby=(caption_id) tabindex="0" {
            table.counts #(id) {
                caption #(caption_id) { (caption) }
                thead {
                    tr {
                        th scope="col" { (what) }
                        th.count scope="col" { (fl!(ctx.l(), "staff-stats-col-count")) }
                    }
                }
                tbody {
                    @for (name, n) in rows {
                        tr {
                            th scope="row" { (name) }
                            td.count { (n) }
                        }
                    }
                }
            }
        }
    }
}
