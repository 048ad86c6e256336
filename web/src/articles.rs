//! Reading one article: its chapter, its text, what the revision changed in it (text
//! added and removed, marked with <ins> and <del> so that it reads without colour
//! too), and previous and next.

use axum::{Router, extract::Path, http::StatusCode, response::Response, routing::get};
use consult_domain::draft::{ArticleChange, Segment};
use maud::{Markup, html};

use crate::{
    WebError, WebState,
    consultations::{article_heading, current_draft, public},
    i18n::fl,
    page::{Ctx, layout, respond},
};

pub fn router() -> Router<WebState> {
    Router::new().route("/c/{id}/a/{n}", get(show))
}

/// The article's text, one paragraph (款 or 项) a line.
pub(crate) fn paragraphs(text: &str) -> Markup {
    html! {
        div.article-text {
            @for line in text.lines().filter(|l| !l.trim().is_empty()) {
                p { (line) }
            }
        }
    }
}

/// The changes as marked-up text: additions in <ins>, removals in <del>.
fn marked(segments: &[Segment]) -> Markup {
    html! {
        div.article-text.changes {
            p {
                @for s in segments {
                    @match s {
                        Segment::Same(t) => { (t) }
                        Segment::Added(t) => { ins { (t) } }
                        Segment::Removed(t) => { del { (t) } }
                    }
                }
            }
        }
    }
}

async fn show(ctx: Ctx, Path((id, n)): Path<(String, String)>) -> Result<Response, WebError> {
    let c = public(&ctx, &id).await?;
    let (draft, revision) = current_draft(&ctx, &c).await?;
    let index = n
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .filter(|i| *i < draft.articles.len())
        .ok_or(WebError::NotFound)?;
    let a = &draft.articles[index];
    let l = ctx.l();
    let chapter = a.chapter.and_then(|i| draft.divisions.get(i));
    let change = revision.as_ref().and_then(|r| r.articles.get(index));
    let link = |i: usize| ctx.link(&format!("/c/{}/a/{}", c.id, i + 1));
    let title = article_heading(a);
    let body = html! {
        p.meta {
            a href=(ctx.link(&format!("/c/{}", c.id))) { (c.title) }
            @if let Some(ch) = chapter {
                " · " (ch.label) " " (ch.title)
            }
        }
        h1 { (title) }
        (paragraphs(&a.text))
        @if c.open_at(ctx.state.now()) {
            p { a.button href=(ctx.link(&format!("/c/{}/opinion?a={}", c.id, index + 1))) { (fl!(l, "card-comment-article")) } }
        }
        @match change {
            Some(ArticleChange::Added) => {
                p.notice { (fl!(l, "web-article-added", version = c.version)) }
            }
            Some(ArticleChange::Changed { text, old_title, previous }) => {
                section.notice {
                    h2 { (fl!(l, "web-article-changed", version = c.version)) }
                    @if let Some(old) = old_title {
                        p { (fl!(l, "web-article-old-title", title = old.clone().unwrap_or_default())) }
                    }
                    p.hint { (fl!(l, "web-article-changes-legend", previous = previous.saturating_add(1))) }
                    (marked(text))
                }
            }
            _ => {}
        }
        nav.pager aria-label=(fl!(l, "web-pager")) {
            @if index > 0 {
                a rel="prev" href=(link(index - 1)) { (fl!(l, "web-prev")) }
            }
            a href=(ctx.link(&format!("/c/{}", c.id))) { (fl!(l, "web-contents")) }
            @if index + 1 < draft.articles.len() {
                a rel="next" href=(link(index + 1)) { (fl!(l, "web-next")) }
            }
        }
    };
    Ok(respond(&ctx, StatusCode::OK, layout(&ctx, &title, body)))
}
