//! The one-time links' pages: `/staff/password/{code}` sets the account's password,
//! `/staff/link/{code}` logs a Telegram staff member in. Opening a link only shows a
//! form; the form's post uses the link up (a messenger's link preview fetches the
//! page and must not spend it). A mistyped or forged code is the ordinary 404; a
//! used or expired one says so, and whom to ask.

use axum::{
    Form,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use consult_domain::{
    Error,
    staff::{
        LinkCode, Purpose,
        links::{SetPassword, Valid},
        throttle::audit_address,
    },
};
use maud::html;
use serde::Deserialize;

use crate::{
    WebError, WebState,
    i18n::fl,
    page::{Ctx, layout, respond},
    staff::{
        new_password_fields, problem_text,
        sessions::{self, presented},
    },
    visitor::Visitor,
};

/// The link's state as a page: usable (the link), or a page saying why not.
async fn usable(
    state: &WebState,
    ctx: &Ctx,
    raw: &str,
    purpose: Purpose,
) -> Result<Result<(LinkCode, Valid), Response>, WebError> {
    let code = LinkCode::parse(raw).map_err(|_| WebError::NotFound)?;
    match state
        .db()
        .staff_links()
        .check(&code, purpose, state.now())
        .await
    {
        Ok(valid) => Ok(Ok((code, valid))),
        Err(Error::InviteUsed) => Ok(Err(gone(ctx, fl!(ctx.l(), "staff-link-used")))),
        Err(Error::InviteExpired) => Ok(Err(gone(ctx, fl!(ctx.l(), "staff-link-expired")))),
        Err(Error::InviteNotFound) => Err(WebError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// A link that cannot be used any more (410 Gone).
fn gone(ctx: &Ctx, text: String) -> Response {
    let l = ctx.l();
    let title = fl!(l, "staff-link-gone-title");
    let body = html! {
        h1 { (title) }
        p.error role="alert" { (text) }
        p { a href="/staff/login" { (fl!(l, "staff-login-title")) } }
    };
    respond(ctx, StatusCode::GONE, layout(ctx, &title, body))
}

#[derive(Debug, Default, Deserialize)]
pub struct PasswordFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm: String,
}

fn password_page(
    ctx: &Ctx,
    visitor: &Visitor,
    code: &LinkCode,
    valid: &Valid,
    status: StatusCode,
    problem: Option<&str>,
) -> Response {
    let l = ctx.l();
    let title = fl!(l, "staff-password-title");
    let name = valid.name.clone().unwrap_or_default();
    let body = html! {
        h1 { (title) }
        p.lead { (fl!(l, "staff-password-for", name = name.clone())) }
        p.meta { (fl!(l, "staff-link-valid-until", expires = ctx.time(valid.expires_at))) }
        form method="post" novalidate action=(format!("/staff/password/{}", code.as_str())) {
            input type="hidden" name="csrf" value=(visitor.csrf());
            // For password managers: the account the new password belongs to.
            input type="hidden" name="username" value=(name) autocomplete="username";
            (new_password_fields(ctx, problem))
            button type="submit" { (fl!(l, "staff-password-save")) }
        }
    };
    respond(ctx, status, layout(ctx, &title, body))
}

pub async fn password_form(
    State(state): State<WebState>,
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    Ok(match usable(&state, &ctx, &raw, Purpose::Password).await? {
        Ok((code, valid)) => password_page(&ctx, &visitor, &code, &valid, StatusCode::OK, None),
        Err(page) => page,
    })
}

pub async fn password_submit(
    State(state): State<WebState>,
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
    Form(f): Form<PasswordFields>,
) -> Result<Response, WebError> {
    let (code, valid) = match usable(&state, &ctx, &raw, Purpose::Password).await? {
        Ok(ok) => ok,
        Err(page) => return Ok(page),
    };
    let l = ctx.l();
    let again = |status, problem: String| {
        password_page(&ctx, &visitor, &code, &valid, status, Some(&problem))
    };
    if !visitor.csrf_ok(&f.csrf) {
        return Ok(again(StatusCode::FORBIDDEN, fl!(l, "staff-form-expired")));
    }
    if f.new_password != f.confirm {
        return Ok(again(StatusCode::OK, fl!(l, "staff-password-mismatch")));
    }
    let outcome = state
        .db()
        .staff_links()
        .set_password(
            &code,
            &f.new_password,
            state.settings().password_cost,
            state.now(),
        )
        .await;
    match outcome {
        Ok(SetPassword::Done { .. }) => Ok(Redirect::to("/staff/login?set=1").into_response()),
        Ok(SetPassword::Refused(problem)) => Ok(again(StatusCode::OK, problem_text(&ctx, problem))),
        // Another tab used the link a moment ago.
        Err(Error::InviteUsed) => Ok(gone(&ctx, fl!(l, "staff-link-used"))),
        Err(Error::InviteExpired) => Ok(gone(&ctx, fl!(l, "staff-link-expired"))),
        Err(Error::InviteNotFound) => Err(WebError::NotFound),
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginLinkFields {
    #[serde(default)]
    csrf: String,
}

fn login_page(
    ctx: &Ctx,
    visitor: &Visitor,
    code: &LinkCode,
    status: StatusCode,
    problem: Option<String>,
) -> Response {
    let l = ctx.l();
    let title = fl!(l, "staff-link-login-title");
    let body = html! {
        h1 { (title) }
        @if let Some(p) = &problem {
            p.error role="alert" { (p) }
        }
        p { (fl!(l, "staff-link-login-explain")) }
        form method="post" novalidate action=(format!("/staff/link/{}", code.as_str())) {
            input type="hidden" name="csrf" value=(visitor.csrf());
            button type="submit" { (fl!(l, "staff-link-login-submit")) }
        }
    };
    respond(ctx, status, layout(ctx, &title, body))
}

pub async fn login_form(
    State(state): State<WebState>,
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    Ok(match usable(&state, &ctx, &raw, Purpose::Login).await? {
        Ok((code, _)) => login_page(&ctx, &visitor, &code, StatusCode::OK, None),
        Err(page) => page,
    })
}

pub async fn login_submit(
    State(state): State<WebState>,
    ctx: Ctx,
    visitor: Visitor,
    headers: HeaderMap,
    Path(raw): Path<String>,
    Form(f): Form<LoginLinkFields>,
) -> Result<Response, WebError> {
    let (code, _) = match usable(&state, &ctx, &raw, Purpose::Login).await? {
        Ok(ok) => ok,
        Err(page) => return Ok(page),
    };
    let l = ctx.l();
    if !visitor.csrf_ok(&f.csrf) {
        let problem = fl!(l, "staff-form-expired");
        return Ok(login_page(
            &ctx,
            &visitor,
            &code,
            StatusCode::FORBIDDEN,
            Some(problem),
        ));
    }
    let address = audit_address(state.key(), &visitor.address().to_string());
    match state
        .db()
        .staff_links()
        .log_in(&code, presented(&headers).as_ref(), &address, state.now())
        .await
    {
        Ok((_, session)) => {
            let mut response = Redirect::to("/staff").into_response();
            sessions::set_cookie(&state, &mut response, &session);
            Ok(response)
        }
        Err(Error::InviteUsed) => Ok(gone(&ctx, fl!(l, "staff-link-used"))),
        Err(Error::InviteExpired) => Ok(gone(&ctx, fl!(l, "staff-link-expired"))),
        Err(Error::InviteNotFound) => Err(WebError::NotFound),
        Err(e) => Err(e.into()),
    }
}
