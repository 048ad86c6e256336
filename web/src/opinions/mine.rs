//! "My opinions": every opinion given from this browser, with its status and, once
//! released, its outcome. The browser's cookie is the only key, so the page names
//! nobody and links no status page (those need the status link itself).

use std::collections::{HashMap, hash_map::Entry};

use axum::{http::StatusCode, response::Response};
use maud::html;

use crate::{
    WebError,
    i18n::fl,
    page::{Ctx, layout, respond},
    visitor::Visitor,
};

pub async fn list(ctx: Ctx, visitor: Visitor) -> Result<Response, WebError> {
    let db = ctx.state.db();
    let opinions = db.web_opinions().of_browser(&visitor.sender()).await?;
    let mut titles: HashMap<i64, String> = HashMap::new();
    let mut rows = Vec::with_capacity(opinions.len());
    for o in &opinions {
        if let Entry::Vacant(slot) = titles.entry(o.consultation_id) {
            let title = db.consultations().get(o.consultation_id).await?;
            slot.insert(title.map(|c| c.title).unwrap_or_default());
        }
        // A project suggestion reads as one (its title), not as a draft's opinion.
        let suggestion = db.suggestions().get(o.id).await?;
        rows.push((o, db.decisions().told(o.id).await?, suggestion));
    }
    let l = ctx.l();
    let title = fl!(l, "web-mine-title");
    let body = html! {
        h1 { (title) }
        p.hint { (fl!(l, "web-mine-explain")) }
        @if rows.is_empty() {
            p { (fl!(l, "web-mine-none")) }
        }
        ul.plain {
            @for (o, told, suggestion) in &rows {
                li.card-like {
                    h2 { (o.receipt) " · " (titles.get(&o.consultation_id).cloned().unwrap_or_default()) }
                    p.meta {
                        @if let Some(s) = suggestion {
                            (fl!(l, "web-field-project")) "：" (s.title)
                        } @else {
                            (o.article_label.clone().unwrap_or_else(|| fl!(l, "opinion-whole-draft")))
                            " · " (ctx.text(o.stance.label_id()))
                        }
                        " · " (ctx.text(o.status.label_id()))
                        " · " (ctx.time(o.created_at))
                    }
                    p { (o.body.chars().take(120).collect::<String>()) @if o.body.chars().count() > 120 { "…" } }
                    @if let Some(t) = told {
                        p { strong { (fl!(l, "web-outcome-title")) "：" (ctx.text(t.outcome.label_id())) } }
                        @if let Some(reason) = &t.reason { p { (reason) } }
                    }
                }
            }
        }
        p { a href=(ctx.link("/")) { (fl!(l, "web-back-to-list")) } }
    };
    Ok(respond(&ctx, StatusCode::OK, layout(&ctx, &title, body)))
}
