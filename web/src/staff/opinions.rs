//! `/staff/opinions/{id}`: one opinion as the ledger holds it, for a reviewer whose
//! scope holds it. Another point's opinion, an informant's request and an id that
//! never existed all get the same 404 ([`consult_domain::Db::opinion_for`]), so
//! probing ids tells a liaison nothing about other points. The review actions will
//! sit on this page.

use axum::{extract::Path, http::StatusCode, response::Response};
use maud::html;

use crate::{
    WebError,
    i18n::fl,
    page::{Ctx, respond},
    staff::{Staff, staff_layout},
};

pub async fn show(ctx: Ctx, staff: Staff, Path(raw): Path<String>) -> Result<Response, WebError> {
    let id: i64 = raw.parse().map_err(|_| WebError::NotFound)?;
    let db = ctx.state.db();
    let o = db
        .opinion_for(&staff.access, id)
        .await?
        .ok_or(WebError::NotFound)?;
    let consultation = db.consultations().get(o.consultation_id).await?;
    let point = match o.point_id {
        Some(p) => db
            .points()
            .list()
            .await?
            .into_iter()
            .find(|point| point.id == p)
            .map(|point| point.name),
        None => None,
    };
    let l = ctx.l();
    let title = fl!(l, "staff-opinion-title", receipt = o.receipt.clone());
    let body = html! {
        h1 { (title) }
        dl {
            @if let Some(c) = &consultation {
                dt { (fl!(l, "web-field-consultation")) }
                dd { (c.code()) " " (c.title) }
            }
            dt { (fl!(l, "web-field-article")) }
            dd {
                @match &o.article_label {
                    Some(label) => (label),
                    None => (fl!(l, "staff-opinion-whole-draft")),
                }
            }
            dt { (fl!(l, "web-field-stance")) }
            dd { (ctx.text(o.stance.label_id())) }
            dt { (fl!(l, "web-field-body")) }
            dd { (o.body) }
            @if let Some(w) = &o.proposed_wording {
                dt { (fl!(l, "web-field-wording")) }
                dd { (w) }
            }
            dt { (fl!(l, "web-field-status")) }
            dd { (ctx.text(o.status.review_label_id())) }
            dt { (fl!(l, "staff-opinion-channel")) }
            dd { (ctx.text(o.channel.label_id())) }
            @if let Some(p) = &point {
                dt { (fl!(l, "staff-opinion-point")) }
                dd { (p) }
            }
            dt { (fl!(l, "web-field-given")) }
            dd { (ctx.time(o.created_at)) }
        }
    };
    Ok(respond(
        &ctx,
        StatusCode::OK,
        staff_layout(&ctx, &staff, &title, body),
    ))
}
