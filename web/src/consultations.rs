//! Reading: the list of open and recently closed consultations (all, or those of the
//! contact point a link named).

use axum::{Router, http::StatusCode, response::Response, routing::get};
use consult_domain::consultations::{Consultation, State};
use maud::html;

use crate::{
    WebError, WebState,
    i18n::fl,
    page::{Ctx, layout, respond},
};

/// How long a closed consultation stays on the list: long enough for a resident to
/// come back for the outcome.
const RECENT_DAYS: i64 = 90;

pub fn router() -> Router<WebState> {
    Router::new().route("/", get(list))
}

async fn list(ctx: Ctx) -> Result<Response, WebError> {
    let db = ctx.state.db();
    let now = ctx.state.now();
    let point = match &ctx.via {
        Some(code) => db.points().find(code).await?,
        None => None,
    };
    let recent = now - chrono::Duration::days(RECENT_DAYS);
    let shown: Vec<Consultation> = db
        .consultations()
        .list(&[State::Open, State::Closed, State::Concluded])
        .await?
        .into_iter()
        .filter(|c| c.is_public())
        .filter(|c| {
            c.open_at(now) || c.closes_at >= recent || c.closed_at.is_some_and(|t| t >= recent)
        })
        .filter(|c| point.as_ref().is_none_or(|p| c.reaches(p.id)))
        .collect();
    let (open, closed): (Vec<&Consultation>, Vec<&Consultation>) =
        shown.iter().partition(|c| c.open_at(now));
    let l = ctx.l();
    let title = fl!(l, "web-list-title");
    let body = html! {
        h1 { (title) }
        @if let Some(p) = &point {
            p.lead { (fl!(l, "web-list-point", point = p.name.clone())) }
        }
        h2 { (fl!(l, "web-list-open")) }
        @if open.is_empty() {
            p { (fl!(l, "web-list-none-open")) }
        } @else {
            ul.cards {
                @for c in &open {
                    li {
                        a.card href=(ctx.link(&format!("/c/{}", c.id))) {
                            span.title { (c.title) }
                            span.meta { (fl!(l, "web-deadline", deadline = ctx.time(c.closes_at))) }
                        }
                    }
                }
            }
        }
        @if !closed.is_empty() {
            h2 { (fl!(l, "web-list-closed")) }
            ul.cards {
                @for c in &closed {
                    li {
                        a.card href=(ctx.link(&format!("/c/{}", c.id))) {
                            span.title { (c.title) }
                            span.meta {
                                @if c.state == State::Concluded {
                                    (fl!(l, "web-state-concluded"))
                                } @else {
                                    (fl!(l, "web-state-closed"))
                                }
                            }
                        }
                    }
                }
            }
        }
        p { a href="/mine" { (fl!(l, "web-mine-link")) } }
    };
    Ok(respond(&ctx, StatusCode::OK, layout(&ctx, &title, body)))
}
