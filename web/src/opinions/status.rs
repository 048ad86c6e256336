//! The status link (`/o/<token>`): the opinion as stored, its status, and once released
//! the decision and its reason; before the deadline it can be edited or withdrawn, the
//! ledger keeping each earlier version as it does for chat. The token is the only
//! key: an unknown one is the same "not found" as any missing page.

use axum::{
    Form,
    extract::{Path, Query},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use consult_domain::{
    Error as DomainError,
    consultations::Consultation,
    opinions::{self, Opinion, Owner, Stance, Status, web::StatusToken},
};
use maud::html;
use serde::Deserialize;

use super::form;
use crate::{
    WebError,
    i18n::fl,
    page::{Ctx, layout, respond},
    visitor::Visitor,
};

#[derive(Deserialize)]
pub struct Shown {
    /// Just submitted: show the receipt.
    new: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EditFields {
    body: String,
    wording: String,
    csrf: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WithdrawFields {
    csrf: String,
}

/// The opinion behind a token, and its consultation.
async fn found(ctx: &Ctx, raw: &str) -> Result<(StatusToken, Opinion, Consultation), WebError> {
    let token = StatusToken::parse(raw).ok_or(WebError::NotFound)?;
    let db = ctx.state.db();
    let opinion = db
        .web_opinions()
        .by_token(&token)
        .await?
        .ok_or(WebError::NotFound)?;
    let c = db
        .consultations()
        .get(opinion.consultation_id)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok((token, opinion, c))
}

/// Whether the resident may still change it: received, and the consultation open.
fn changeable(ctx: &Ctx, o: &Opinion, c: &Consultation) -> bool {
    c.open_at(ctx.state.now()) && o.status == Status::Received
}

fn path(token: &StatusToken, rest: &str) -> String {
    format!("/o/{}{rest}", token.as_str())
}

pub async fn show(
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(shown): Query<Shown>,
) -> Result<Response, WebError> {
    let (token, o, c) = found(&ctx, &raw).await?;
    let db = ctx.state.db();
    let told = db.decisions().told(o.id).await?;
    let history = db.opinions().history(o.id).await?;
    let l = ctx.l();
    let link = ctx
        .state
        .settings()
        .base_url
        .join(&path(&token, ""))
        .map(|u| u.to_string())
        .unwrap_or_default();
    let title = fl!(l, "web-status-title", receipt = o.receipt.clone());
    let body = html! {
        @if shown.new.is_some() {
            section.notice {
                h1 { (fl!(l, "web-receipt-title")) }
                p { (fl!(l, "web-receipt-number")) }
                p.receipt { (o.receipt) }
                p { (fl!(l, "web-receipt-keep")) }
                p.secret { (link) }
                p { (fl!(l, "web-receipt-next")) }
            }
            h2 { (title) }
        } @else {
            h1 { (title) }
        }
        dl {
            dt { (fl!(l, "web-field-consultation")) }
            dd { a href=(ctx.link(&format!("/c/{}", c.id))) { (c.title) } }
            dt { (fl!(l, "web-field-article")) }
            dd { (o.article_label.clone().unwrap_or_else(|| fl!(l, "opinion-whole-draft"))) }
            dt { (fl!(l, "web-field-stance")) } dd { (ctx.text(o.stance.label_id())) }
            dt { (fl!(l, "web-field-body")) } dd { (super::multiline(&o.body)) }
            @if let Some(w) = &o.proposed_wording {
                dt { (fl!(l, "web-field-wording")) } dd { (super::multiline(w)) }
            }
            dt { (fl!(l, "web-field-given")) } dd { (ctx.time(o.created_at)) }
            dt { (fl!(l, "web-field-status")) } dd { (ctx.text(o.status.label_id())) }
        }
        section {
            h2 { (fl!(l, "web-outcome-title")) }
            @match &told {
                Some(t) => {
                    p { strong { (ctx.text(t.outcome.label_id())) } }
                    @if let Some(reason) = &t.reason {
                        p { (fl!(l, "web-outcome-reason")) } (super::multiline(reason))
                    }
                }
                None if o.status == Status::Withdrawn => {
                    p { (fl!(l, "web-outcome-withdrawn")) }
                }
                None => { p { (fl!(l, "web-outcome-pending")) } }
            }
        }
        @if !history.is_empty() {
            details {
                summary { (fl!(l, "web-history", count = history.len())) }
                ol {
                    @for h in &history {
                        li {
                            (ctx.time(h.changed_at)) " · " (ctx.text(h.stance.label_id()))
                            (super::multiline(&h.body))
                        }
                    }
                }
            }
        }
        @if changeable(&ctx, &o, &c) {
            p {
                a.button href=(ctx.link(&path(&token, "/edit"))) { (fl!(l, "web-edit")) }
                " "
                a.button.secondary href=(ctx.link(&path(&token, "/withdraw"))) { (fl!(l, "web-withdraw")) }
            }
        }
        p { a href=(ctx.link("/mine")) { (fl!(l, "web-mine-title")) } }
    };
    Ok(respond(&ctx, StatusCode::OK, layout(&ctx, &title, body)))
}

pub async fn edit_form(
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let (token, o, c) = found(&ctx, &raw).await?;
    let fields = EditFields {
        body: o.body.clone(),
        wording: o.proposed_wording.clone().unwrap_or_default(),
        csrf: String::new(),
    };
    Ok(edit_page(
        &ctx,
        &visitor,
        &token,
        &o,
        &c,
        &fields,
        None,
        StatusCode::OK,
    ))
}

pub async fn edit(
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
    Form(fields): Form<EditFields>,
) -> Result<Response, WebError> {
    let (token, o, c) = found(&ctx, &raw).await?;
    let l = ctx.l();
    let (min, max) = ctx.state.settings().opinion_chars;
    if !visitor.csrf_ok(&fields.csrf) {
        let problem = fl!(l, "web-form-expired");
        let page = edit_page(
            &ctx,
            &visitor,
            &token,
            &o,
            &c,
            &fields,
            Some(problem),
            StatusCode::FORBIDDEN,
        );
        return Ok(page);
    }
    let Ok(body) = opinions::body(&fields.body, min, max) else {
        let count = fields.body.trim().chars().count();
        let problem = if count < min {
            fl!(l, "opinion-body-short", min = min)
        } else {
            fl!(l, "opinion-body-long", max = max, count = count)
        };
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(edit_page(
            &ctx,
            &visitor,
            &token,
            &o,
            &c,
            &fields,
            Some(problem),
            status,
        ));
    };
    let wording = match fields.wording.trim() {
        w if w.is_empty() || o.stance != Stance::Amend => None,
        w => match opinions::body(w, 1, max) {
            Ok(w) => Some(w),
            Err(_) => {
                let problem = fl!(l, "opinion-body-long", max = max, count = w.chars().count());
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                return Ok(edit_page(
                    &ctx,
                    &visitor,
                    &token,
                    &o,
                    &c,
                    &fields,
                    Some(problem),
                    status,
                ));
            }
        },
    };
    let now = ctx.state.now();
    match ctx
        .state
        .db()
        .opinions()
        .edit(o.id, Owner::Link(&token), &body, wording.as_deref(), now)
        .await
    {
        Ok(_) => Ok(Redirect::to(&ctx.link(&path(&token, ""))).into_response()),
        Err(DomainError::OpinionLocked(_)) => {
            let problem = fl!(l, "web-locked");
            Ok(edit_page(
                &ctx,
                &visitor,
                &token,
                &o,
                &c,
                &fields,
                Some(problem),
                StatusCode::CONFLICT,
            ))
        }
        Err(e) => Err(e.into()),
    }
}

#[allow(clippy::too_many_arguments)]
fn edit_page(
    ctx: &Ctx,
    visitor: &Visitor,
    token: &StatusToken,
    o: &Opinion,
    c: &Consultation,
    fields: &EditFields,
    problem: Option<String>,
    status: StatusCode,
) -> Response {
    let l = ctx.l();
    let (min, max) = ctx.state.settings().opinion_chars;
    let title = fl!(l, "web-edit-title", receipt = o.receipt.clone());
    let open = changeable(ctx, o, c);
    let body = html! {
        h1 { (title) }
        @if let Some(p) = &problem {
            div.error role="alert" { p { (p) } }
        }
        @if open {
            form method="post" novalidate action=(ctx.link(&path(token, "/edit"))) {
                (form::guards(&visitor.csrf(), "", ctx))
                div.field {
                    label for="body" { (fl!(l, "web-form-body", min = min, max = max)) }
                    textarea id="body" name="body" rows="8" required { (fields.body) }
                }
                @if o.stance == Stance::Amend {
                    div.field {
                        label for="wording" { (fl!(l, "web-form-wording")) }
                        textarea id="wording" name="wording" rows="4" { (fields.wording) }
                    }
                }
                button type="submit" { (fl!(l, "web-edit-save")) }
            }
        } @else {
            p.notice { (fl!(l, "web-locked")) }
            div.field {
                label for="body" { (fl!(l, "web-form-your-text")) }
                textarea id="body" readonly { (fields.body) }
            }
        }
        p { a href=(ctx.link(&path(token, ""))) { (fl!(l, "web-back-to-status")) } }
    };
    respond(ctx, status, layout(ctx, &title, body))
}

pub async fn withdraw_form(
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let (token, o, c) = found(&ctx, &raw).await?;
    Ok(withdraw_page(
        &ctx,
        &visitor,
        &token,
        &o,
        &c,
        None,
        StatusCode::OK,
    ))
}

pub async fn withdraw(
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
    Form(fields): Form<WithdrawFields>,
) -> Result<Response, WebError> {
    let (token, o, c) = found(&ctx, &raw).await?;
    let l = ctx.l();
    if !visitor.csrf_ok(&fields.csrf) {
        let problem = Some(fl!(l, "web-form-expired"));
        return Ok(withdraw_page(
            &ctx,
            &visitor,
            &token,
            &o,
            &c,
            problem,
            StatusCode::FORBIDDEN,
        ));
    }
    let now = ctx.state.now();
    match ctx
        .state
        .db()
        .opinions()
        .withdraw(o.id, Owner::Link(&token), now)
        .await
    {
        Ok(_) => Ok(Redirect::to(&ctx.link(&path(&token, ""))).into_response()),
        Err(DomainError::OpinionLocked(_)) => {
            let problem = Some(fl!(l, "web-locked"));
            Ok(withdraw_page(
                &ctx,
                &visitor,
                &token,
                &o,
                &c,
                problem,
                StatusCode::CONFLICT,
            ))
        }
        Err(e) => Err(e.into()),
    }
}

fn withdraw_page(
    ctx: &Ctx,
    visitor: &Visitor,
    token: &StatusToken,
    o: &Opinion,
    c: &Consultation,
    problem: Option<String>,
    status: StatusCode,
) -> Response {
    let l = ctx.l();
    let title = fl!(l, "web-withdraw-title", receipt = o.receipt.clone());
    let body = html! {
        h1 { (title) }
        @if let Some(p) = &problem {
            div.error role="alert" { p { (p) } }
        }
        @if changeable(ctx, o, c) {
            p { (fl!(l, "web-withdraw-explain")) }
            form method="post" action=(ctx.link(&path(token, "/withdraw"))) {
                (form::guards(&visitor.csrf(), "", ctx))
                button type="submit" { (fl!(l, "web-withdraw-confirm")) }
            }
        } @else if problem.is_none() {
            p.notice { (fl!(l, "web-locked")) }
        }
        p { a href=(ctx.link(&path(token, ""))) { (fl!(l, "web-back-to-status")) } }
    };
    respond(ctx, status, layout(ctx, &title, body))
}
