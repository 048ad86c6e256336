//! `/staff`: where a staff member starts. The open consultations that concern them,
//! soonest deadline first, each with its opinions and how many wait for review —
//! counted in their scope (a liaison's point, or every point for an admin) — and the
//! total waiting for review, which opens the ledger filtered to them
//! (`/staff/review?status=received`). Informants review nothing: they see the consultations
//! they may record offline opinions for, without counts.

use axum::{http::StatusCode, response::Response};
use consult_domain::consultations::TimeLeft;
use maud::html;

use crate::{
    WebError,
    i18n::fl,
    page::{Ctx, respond},
    staff::{Staff, staff_layout},
};

/// "还有 3 天", or that the deadline has come (the scheduler closes it shortly).
fn left(ctx: &Ctx, deadline: chrono::DateTime<chrono::Utc>) -> String {
    let l = ctx.l();
    let now = ctx.state.now();
    if deadline <= now {
        return fl!(l, "staff-dashboard-due");
    }
    let left = match TimeLeft::until(deadline, now) {
        TimeLeft::Minutes(n) => fl!(l, "left-minutes", n = n),
        TimeLeft::Hours(n) => fl!(l, "left-hours", n = n),
        TimeLeft::Days(n) => fl!(l, "left-days", n = n),
    };
    fl!(l, "staff-dashboard-left", left = left)
}

pub async fn show(ctx: Ctx, staff: Staff) -> Result<Response, WebError> {
    let overview = ctx.state.db().staff_overview(&staff.access).await?;
    let l = ctx.l();
    let title = fl!(l, "staff-dashboard-title");
    let scope = match staff.reach_name() {
        Some(p) => fl!(l, "staff-dashboard-scope-point", point = p),
        None => fl!(l, "staff-dashboard-scope-all"),
    };
    let counted = overview.waiting.is_some();
    let body = html! {
        h1 { (title) }
        p.lead { (scope) }
        @if let Some(waiting) = overview.waiting {
            p.notice role="status" {
                a href="/staff/review?status=received" {
                    (fl!(l, "staff-dashboard-waiting", count = waiting))
                }
            }
        } @else {
            p { (fl!(l, "staff-dashboard-informant")) }
            p { a.button href="/staff/record" { (fl!(l, "staff-record-title")) } }
        }
        h2 #open { (fl!(l, "staff-dashboard-open")) }
        @if overview.open.is_empty() {
            p { (fl!(l, "staff-dashboard-none-open")) }
        } @else {
            div.table-scroll role="region" aria-labelledby="open" tabindex="0" {
                table {
                    thead {
                        tr {
                            th scope="col" { (fl!(l, "staff-dashboard-col-consultation")) }
                            th scope="col" { (fl!(l, "staff-dashboard-col-deadline")) }
                            @if counted {
                                th.count scope="col" { (fl!(l, "staff-dashboard-col-opinions")) }
                                th.count scope="col" { (fl!(l, "staff-dashboard-col-waiting")) }
                            }
                        }
                    }
                    tbody {
                        @for line in &overview.open {
                            @let c = &line.consultation;
                            tr {
                                th scope="row" {
                                    a href=(format!("/c/{}", c.id)) { (c.code()) " " (c.title) }
                                }
                                td {
                                    (ctx.time(c.closes_at))
                                    span.meta { (left(&ctx, c.closes_at)) }
                                }
                                @if counted {
                                    td.count { (line.opinions.unwrap_or(0)) }
                                    td.count { (line.waiting.unwrap_or(0)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(respond(
        &ctx,
        StatusCode::OK,
        staff_layout(&ctx, &staff, &title, body),
    ))
}
