//! The public results of a concluded consultation: how many people gave how many
//! opinions, how many were adopted, the 回音壁 (the adopted points, in the
//! submitter's words only where they allowed quoting) and a table of opinions and
//! adoptions per article. It names nobody: no name, organization or district is ever
//! read here, only counts, article labels, outcomes and words cleared for the public.
//! Outcomes count as released to their submitters (`Decisions::released_summary`,
//! `Decisions::by_article`), so the page never runs ahead of what a person was told.
//!
//! Until a consultation is concluded its results are not final, so the page answers
//! "not found" exactly like an id that never existed.

use axum::{Router, extract::Path, http::StatusCode, response::Response, routing::get};
use consult_domain::{
    consultations::State,
    decisions::{AdoptedPoint, ArticleResult},
};
use maud::{Markup, html};

use crate::{
    WebError, WebState,
    consultations::public,
    i18n::fl,
    page::{Ctx, layout, respond},
};

pub fn router() -> Router<WebState> {
    Router::new().route("/c/{id}/results", get(show))
}

/// The path of a consultation's results page.
pub fn path(consultation: i64) -> String {
    format!("/c/{consultation}/results")
}

/// An article as a resident names it: its label, or 整部草案.
fn article_name(ctx: &Ctx, label: Option<&str>) -> String {
    match label {
        Some(l) => l.to_owned(),
        None => fl!(ctx.l(), "web-results-whole-draft"),
    }
}

/// One line of the 回音壁.
fn wall_line(ctx: &Ctx, p: &AdoptedPoint) -> String {
    let l = ctx.l();
    let article = article_name(ctx, p.article.as_deref());
    let outcome = ctx.text(p.outcome.label_id());
    match (&p.quote, &p.words) {
        (Some(quote), _) => fl!(
            l,
            "web-results-point-quote",
            article = article,
            outcome = outcome,
            quote = quote.clone()
        ),
        (None, Some(words)) => fl!(
            l,
            "web-results-point-words",
            article = article,
            outcome = outcome,
            words = words.clone()
        ),
        (None, None) => fl!(
            l,
            "web-results-point-bare",
            article = article,
            outcome = outcome
        ),
    }
}

/// The per-article table: a caption, column and row headers, and the totals.
fn table(ctx: &Ctx, rows: &[ArticleResult]) -> Markup {
    let l = ctx.l();
    let opinions: usize = rows.iter().map(|r| r.opinions).sum();
    let adopted: usize = rows.iter().map(|r| r.adopted).sum();
    html! {
        table.results {
            caption { (fl!(l, "web-results-table-caption")) }
            thead {
                tr {
                    th scope="col" { (fl!(l, "web-results-col-article")) }
                    th.num scope="col" { (fl!(l, "web-results-col-opinions")) }
                    th.num scope="col" { (fl!(l, "web-results-col-adopted")) }
                }
            }
            tbody {
                @for r in rows {
                    tr {
                        th scope="row" { (article_name(ctx, r.label.as_deref())) }
                        td.num { (r.opinions) }
                        td.num { (r.adopted) }
                    }
                }
            }
            tfoot {
                tr {
                    th scope="row" { (fl!(l, "web-results-total")) }
                    td.num { (opinions) }
                    td.num { (adopted) }
                }
            }
        }
    }
}

async fn show(ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let c = public(&ctx, &id).await?;
    if c.state != State::Concluded {
        return Err(WebError::NotFound);
    }
    let db = ctx.state.db();
    // Outcomes as released to their submitters, in the headline, the 回音壁 and the
    // table alike: nothing is public before the person it concerns has heard it.
    let summary = db.decisions().released_summary(c.id).await?;
    let rows = db.decisions().by_article(c.id).await?;
    let point = match &ctx.via {
        Some(code) => db.points().find(code).await?,
        None => None,
    };
    let l = ctx.l();
    let title = fl!(l, "web-results-title");
    let consultation = ctx.link(&format!("/c/{}", c.id));
    let body = html! {
        p.meta { a href=(consultation) { (c.title) } }
        h1 { (title) }
        p.lead {
            (fl!(
                l,
                "web-results-totals",
                people = summary.people,
                opinions = summary.opinions,
                adopted = summary.adopted
            ))
        }
        @if let Some(p) = &point {
            p {
                (fl!(
                    l,
                    "web-results-local",
                    point = p.name.clone(),
                    count = summary.by_point.get(&p.id).copied().unwrap_or(0)
                ))
            }
        }
        section aria-labelledby="wall" {
            h2 #wall { (fl!(l, "web-results-wall")) }
            @if summary.points.is_empty() {
                p { (fl!(l, "web-results-none-adopted")) }
            } @else {
                p { (fl!(l, "web-results-wall-intro")) }
                ul.wall {
                    @for p in &summary.points {
                        li { (wall_line(&ctx, p)) }
                    }
                }
            }
        }
        section aria-labelledby="by-article" {
            h2 #by-article { (fl!(l, "web-results-by-article")) }
            @if rows.is_empty() {
                p { (fl!(l, "web-results-no-opinions")) }
            } @else {
                (table(&ctx, &rows))
                p.hint { (fl!(l, "web-results-note")) }
            }
        }
        p { a href=(consultation) { (fl!(l, "web-results-read-draft")) } }
        p { a href=(ctx.link("/")) { (fl!(l, "web-back-to-list")) } }
    };
    let full_title = format!("{title} · {}", c.title);
    Ok(respond(
        &ctx,
        StatusCode::OK,
        layout(&ctx, &full_title, body),
    ))
}
