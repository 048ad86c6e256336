//! Reading: the list of open and recently closed consultations (all, or those of the
//! contact point a link named), and one consultation: its summary, deadline, what the
//! revision changed, and its articles by chapter.

use axum::{Router, extract::Path, http::StatusCode, response::Response, routing::get};
use consult_domain::{
    consultations::{Consultation, State},
    draft::{Article, ArticleChange, DivisionLevel, Draft, Revision, compare},
};
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
    Router::new()
        .route("/", get(list))
        .route("/c/{id}", get(show))
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
                        // A concluded card says "see what became of the opinions": it
                        // leads there, and the results page links to the draft.
                        a.card href=(ctx.link(&card_path(c))) {
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
    };
    Ok(respond(&ctx, StatusCode::OK, layout(&ctx, &title, body)))
}

/// Where a closed or concluded consultation's card leads.
fn card_path(c: &Consultation) -> String {
    if c.state == State::Concluded {
        crate::results::path(c.id)
    } else {
        format!("/c/{}", c.id)
    }
}

/// A consultation residents may see, or the same "not found" as an id that never
/// existed (unpublished and withdrawn ones included, and ids that are not numbers).
pub(crate) async fn public(ctx: &Ctx, raw_id: &str) -> Result<Consultation, WebError> {
    let id: i64 = raw_id.parse().map_err(|_| WebError::NotFound)?;
    ctx.state
        .db()
        .consultations()
        .get(id)
        .await?
        .filter(Consultation::is_public)
        .ok_or(WebError::NotFound)
}

/// The draft of the consultation's current version, and what it changed from the
/// previous one (None for a first draft).
pub(crate) async fn current_draft(
    ctx: &Ctx,
    c: &Consultation,
) -> Result<(Draft, Option<Revision>), WebError> {
    let consultations = ctx.state.db().consultations();
    let draft = consultations
        .draft(c.id, c.version)
        .await?
        .unwrap_or_default();
    let revision = match c.version {
        v if v > 1 => consultations
            .draft(c.id, v - 1)
            .await?
            .map(|old| compare(&old, &draft)),
        _ => None,
    };
    Ok((draft, revision))
}

/// The consultation's state in a resident's words.
pub(crate) fn state_words(ctx: &Ctx, c: &Consultation) -> String {
    let l = ctx.l();
    if c.open_at(ctx.state.now()) {
        fl!(l, "web-state-open")
    } else if c.state == State::Concluded {
        fl!(l, "web-state-concluded")
    } else {
        fl!(l, "web-state-closed")
    }
}

/// The article's heading as listed: 第三条 养犬登记.
pub(crate) fn article_heading(a: &Article) -> String {
    match &a.title {
        Some(t) => format!("{} {t}", a.label),
        None => a.label.clone(),
    }
}

async fn show(ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let c = public(&ctx, &id).await?;
    if c.is_open_call() {
        return Ok(crate::open_calls::page(&ctx, &c));
    }
    let (draft, revision) = current_draft(&ctx, &c).await?;
    let l = ctx.l();
    let open = c.open_at(ctx.state.now());
    let article_link = |i: usize| ctx.link(&format!("/c/{}/a/{}", c.id, i + 1));
    // Articles before the first chapter, then each chapter's.
    let first_chapter = draft
        .divisions
        .iter()
        .find(|d| d.level == DivisionLevel::Chapter)
        .map_or(draft.articles.len(), |d| d.first_article);
    let chapters: Vec<(usize, &consult_domain::draft::Division)> = draft
        .divisions
        .iter()
        .enumerate()
        .filter(|(_, d)| d.level == DivisionLevel::Chapter)
        .collect();
    let body = html! {
        h1 { (c.title) }
        p.meta {
            (c.code()) " · " (fl!(l, "web-version", version = c.version)) " · " (state_words(&ctx, &c))
            br;
            (fl!(l, "web-deadline", deadline = ctx.time(c.closes_at)))
        }
        @if let Some(s) = &c.summary {
            p { (s) }
        }
        @if open {
            p { a.button href=(ctx.link(&format!("/c/{}/opinion", c.id))) { (fl!(l, "card-comment")) } }
        } @else {
            p.notice { (fl!(l, "web-closed-notice")) }
        }
        @if c.state == State::Concluded {
            p { a.button href=(ctx.link(&crate::results::path(c.id))) { (fl!(l, "web-results-link")) } }
        }
        @if let Some(r) = revision.as_ref().filter(|r| !r.is_empty()) {
            section {
                h2 { (fl!(l, "web-revision-title", version = c.version)) }
                ul {
                    @for i in r.changed() {
                        @if let Some(a) = draft.articles.get(i) {
                            li {
                                a href=(article_link(i)) { (article_heading(a)) }
                                " "
                                @if r.articles[i] == ArticleChange::Added {
                                    (fl!(l, "web-revision-added"))
                                } @else {
                                    (fl!(l, "web-revision-changed"))
                                }
                            }
                        }
                    }
                }
                @if !r.removed.is_empty() {
                    p { (fl!(l, "web-revision-removed", count = r.removed.len())) }
                }
            }
        }
        h2 { (fl!(l, "web-contents")) }
        @if first_chapter > 0 {
            ul.plain {
                @for (i, a) in draft.articles.iter().enumerate().take(first_chapter) {
                    li { a href=(article_link(i)) { (article_heading(a)) } }
                }
            }
        }
        @for (index, chapter) in &chapters {
            h3 { (chapter.label) " " (chapter.title) }
            ul.plain {
                @for (k, a) in draft.division_articles(*index).iter().enumerate() {
                    @let i = chapter.first_article + k;
                    li { a href=(article_link(i)) { (article_heading(a)) } }
                }
            }
        }
        @if let Some(url) = &c.source_url {
            p { a href=(url) rel="noopener noreferrer" { (fl!(l, "web-source")) } }
        }
        p { a href=(ctx.link("/")) { (fl!(l, "web-back-to-list")) } }
    };
    Ok(respond(&ctx, StatusCode::OK, layout(&ctx, &c.title, body)))
}
