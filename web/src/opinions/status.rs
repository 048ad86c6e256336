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
use maud::{Markup, html};
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

/// The opinion behind a status link, and its consultation.
struct Found {
    token: StatusToken,
    o: Opinion,
    c: Consultation,
}

async fn found(ctx: &Ctx, raw: &str) -> Result<Found, WebError> {
    let token = StatusToken::parse(raw).ok_or(WebError::NotFound)?;
    let db = ctx.state.db();
    let o = db
        .web_opinions()
        .by_token(&token)
        .await?
        .ok_or(WebError::NotFound)?;
    let c = db
        .consultations()
        .get(o.consultation_id)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(Found { token, o, c })
}

/// A page about a found opinion, refused or not: its problem (if any) and status.
struct Answer<'a> {
    ctx: &'a Ctx,
    visitor: &'a Visitor,
    f: &'a Found,
    problem: Option<String>,
    status: StatusCode,
}

impl<'a> Answer<'a> {
    fn ok(ctx: &'a Ctx, visitor: &'a Visitor, f: &'a Found) -> Self {
        Answer {
            ctx,
            visitor,
            f,
            problem: None,
            status: StatusCode::OK,
        }
    }

    fn refused(mut self, status: StatusCode, problem: String) -> Self {
        self.status = status;
        self.problem = Some(problem);
        self
    }

    /// The refusal a domain error means here, or the error itself.
    fn locked(self, e: DomainError) -> Result<Self, WebError> {
        match e {
            DomainError::OpinionLocked(_) => {
                let text = fl!(self.ctx.l(), "web-locked");
                Ok(self.refused(StatusCode::CONFLICT, text))
            }
            e => Err(e.into()),
        }
    }

    /// Refused unless the form carries this browser's CSRF token.
    fn csrf(self, posted: &str) -> Result<Self, Self> {
        if self.visitor.csrf_ok(posted) {
            Ok(self)
        } else {
            let text = fl!(self.ctx.l(), "web-form-expired");
            Err(self.refused(StatusCode::FORBIDDEN, text))
        }
    }
}

impl Found {
    /// Whether the resident may still change it: received, and the consultation open.
    fn changeable(&self, ctx: &Ctx) -> bool {
        self.c.open_at(ctx.state.now()) && self.o.status == Status::Received
    }

    fn path(&self, rest: &str) -> String {
        format!("/o/{}{rest}", self.token.as_str())
    }
}

pub async fn show(
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(shown): Query<Shown>,
) -> Result<Response, WebError> {
    let f = found(&ctx, &raw).await?;
    let (o, c) = (&f.o, &f.c);
    let db = ctx.state.db();
    let told = db.decisions().told(o.id).await?;
    let history = db.opinions().history(o.id).await?;
    let suggestion = db.suggestions().get(o.id).await?;
    let l = ctx.l();
    let link = ctx
        .state
        .settings()
        .base_url
        .join(&f.path(""))
        .map(|u| u.to_string())
        .unwrap_or_default();
    let title = fl!(l, "web-status-title", receipt = o.receipt.clone());
    let body = html! {
        @if shown.new.is_some() {
            section.notice {
                h1 {
                    @if suggestion.is_some() {
                        (fl!(l, "web-receipt-suggestion-title"))
                    } @else {
                        (fl!(l, "web-receipt-title"))
                    }
                }
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
            @if let Some(s) = &suggestion {
                (crate::open_calls::read_back(&ctx, s, &o.body))
            } @else {
                dt { (fl!(l, "web-field-article")) }
                dd { (o.article_label.clone().unwrap_or_else(|| fl!(l, "opinion-whole-draft"))) }
                dt { (fl!(l, "web-field-stance")) } dd { (ctx.text(o.stance.label_id())) }
                dt { (fl!(l, "web-field-body")) } dd { (super::multiline(&o.body)) }
            }
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
        @if f.changeable(&ctx) {
            p {
                a.button href=(ctx.link(&f.path("/edit"))) { (fl!(l, "web-edit")) }
                " "
                a.button.secondary href=(ctx.link(&f.path("/withdraw"))) { (fl!(l, "web-withdraw")) }
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
    let f = found(&ctx, &raw).await?;
    let fields = EditFields {
        body: f.o.body.clone(),
        wording: f.o.proposed_wording.clone().unwrap_or_default(),
        csrf: String::new(),
    };
    Ok(Answer::ok(&ctx, &visitor, &f).edit_page(&fields))
}

pub async fn edit(
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
    Form(fields): Form<EditFields>,
) -> Result<Response, WebError> {
    let f = found(&ctx, &raw).await?;
    let answer = match Answer::ok(&ctx, &visitor, &f).csrf(&fields.csrf) {
        Ok(answer) => answer,
        Err(refused) => return Ok(refused.edit_page(&fields)),
    };
    let l = ctx.l();
    let (min, max) = ctx.state.settings().opinion_chars;
    let too_long = |text: &str| {
        fl!(
            l,
            "opinion-body-long",
            max = max,
            count = text.chars().count()
        )
    };
    let Ok(body) = opinions::body(&fields.body, min, max) else {
        let text = fields.body.trim();
        let problem = if text.chars().count() < min {
            fl!(l, "opinion-body-short", min = min)
        } else {
            too_long(text)
        };
        let refused = answer.refused(StatusCode::UNPROCESSABLE_ENTITY, problem);
        return Ok(refused.edit_page(&fields));
    };
    // Proposed wording belongs to an amendment, as when it was given.
    let wording = match fields.wording.trim() {
        w if w.is_empty() || f.o.stance != Stance::Amend => None,
        w => match opinions::body(w, 1, max) {
            Ok(w) => Some(w),
            Err(_) => {
                let refused = answer.refused(StatusCode::UNPROCESSABLE_ENTITY, too_long(w));
                return Ok(refused.edit_page(&fields));
            }
        },
    };
    let now = ctx.state.now();
    let owner = Owner::Link(&f.token);
    match ctx
        .state
        .db()
        .opinions()
        .edit(f.o.id, owner, &body, wording.as_deref(), now)
        .await
    {
        Ok(_) => Ok(Redirect::to(&ctx.link(&f.path(""))).into_response()),
        Err(e) => Ok(answer.locked(e)?.edit_page(&fields)),
    }
}

pub async fn withdraw_form(
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let f = found(&ctx, &raw).await?;
    Ok(Answer::ok(&ctx, &visitor, &f).withdraw_page())
}

pub async fn withdraw(
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
    Form(fields): Form<WithdrawFields>,
) -> Result<Response, WebError> {
    let f = found(&ctx, &raw).await?;
    let answer = match Answer::ok(&ctx, &visitor, &f).csrf(&fields.csrf) {
        Ok(answer) => answer,
        Err(refused) => return Ok(refused.withdraw_page()),
    };
    let now = ctx.state.now();
    let owner = Owner::Link(&f.token);
    match ctx.state.db().opinions().withdraw(f.o.id, owner, now).await {
        Ok(_) => Ok(Redirect::to(&ctx.link(&f.path(""))).into_response()),
        Err(e) => Ok(answer.locked(e)?.withdraw_page()),
    }
}

impl Answer<'_> {
    fn problem(&self) -> Markup {
        html! {
            @if let Some(p) = &self.problem {
                div.error role="alert" { p { (p) } }
            }
        }
    }

    fn edit_page(&self, fields: &EditFields) -> Response {
        let (ctx, f) = (self.ctx, self.f);
        let l = ctx.l();
        let (min, max) = ctx.state.settings().opinion_chars;
        let title = fl!(l, "web-edit-title", receipt = f.o.receipt.clone());
        let body = html! {
            h1 { (title) }
            (self.problem())
            @if f.changeable(ctx) {
                form method="post" novalidate action=(ctx.link(&f.path("/edit"))) {
                    (form::guards(&self.visitor.csrf(), "", ctx))
                    div.field {
                        label for="body" { (fl!(l, "web-form-body", min = min, max = max)) }
                        textarea id="body" name="body" rows="8" required { (fields.body) }
                    }
                    @if f.o.stance == Stance::Amend {
                        div.field {
                            label for="wording" { (fl!(l, "web-form-wording")) }
                            textarea id="wording" name="wording" rows="4" { (fields.wording) }
                        }
                    }
                    button type="submit" { (fl!(l, "web-edit-save")) }
                }
            } @else {
                @if self.problem.is_none() {
                    p.notice { (fl!(l, "web-locked")) }
                }
                div.field {
                    label for="body" { (fl!(l, "web-form-your-text")) }
                    textarea id="body" readonly { (fields.body) }
                }
            }
            p { a href=(ctx.link(&f.path(""))) { (fl!(l, "web-back-to-status")) } }
        };
        respond(ctx, self.status, layout(ctx, &title, body))
    }

    fn withdraw_page(&self) -> Response {
        let (ctx, f) = (self.ctx, self.f);
        let l = ctx.l();
        let title = fl!(l, "web-withdraw-title", receipt = f.o.receipt.clone());
        let body = html! {
            h1 { (title) }
            (self.problem())
            @if f.changeable(ctx) {
                p { (fl!(l, "web-withdraw-explain")) }
                form method="post" action=(ctx.link(&f.path("/withdraw"))) {
                    (form::guards(&self.visitor.csrf(), "", ctx))
                    button type="submit" { (fl!(l, "web-withdraw-confirm")) }
                }
            } @else if self.problem.is_none() {
                p.notice { (fl!(l, "web-locked")) }
            }
            p { a href=(ctx.link(&f.path(""))) { (fl!(l, "web-back-to-status")) } }
        };
        respond(ctx, self.status, layout(ctx, &title, body))
    }
}
