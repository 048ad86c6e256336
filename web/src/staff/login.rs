//! Logging in and out. The login form's CSRF token is keyed on the browser's id (as on
//! the resident pages: no session exists yet); a successful login always gets a new
//! session id (any session the browser still held is deleted), so an id planted
//! before login is worth nothing after it. Throttling, the audit and the password
//! check are the domain's ([`consult_domain::staff::login`]).

use axum::{
    Form,
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use consult_domain::staff::{
    login::{Attempt, Hashing, Outcome},
    throttle::{Kind, audit_address},
};
use maud::html;
use serde::Deserialize;

use crate::{
    WebError, WebState,
    i18n::fl,
    page::{Ctx, layout, respond},
    staff::{
        Say,
        sessions::{self, Away, Staff, presented, safe_next},
    },
    visitor::Visitor,
};

#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    why: Option<String>,
    next: Option<String>,
    /// Set after a password was set from a link.
    set: Option<String>,
    /// Set after logging out.
    out: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

fn page(
    ctx: &Ctx,
    visitor: &Visitor,
    status: StatusCode,
    say: Option<Say>,
    name: &str,
    next: &str,
) -> Response {
    let l = ctx.l();
    let title = fl!(l, "staff-login-title");
    let body = html! {
        h1 { (title) }
        @if let Some(s) = &say {
            (s)
        }
        form method="post" novalidate action="/staff/login" {
            input type="hidden" name="csrf" value=(visitor.csrf());
            input type="hidden" name="next" value=(next);
            div.field {
                label for="name" { (fl!(l, "staff-login-name")) }
                input #name type="text" name="name" value=(name) autocomplete="username"
                    autocapitalize="none" spellcheck="false";
            }
            div.field {
                label for="password" { (fl!(l, "staff-login-password")) }
                input #password type="password" name="password" autocomplete="current-password";
            }
            button type="submit" { (fl!(l, "staff-login-submit")) }
        }
    };
    respond(ctx, status, layout(ctx, &title, body))
}

/// The login form (or the dashboard, for a browser already logged in).
pub async fn form(
    State(state): State<WebState>,
    ctx: Ctx,
    visitor: Visitor,
    headers: HeaderMap,
    Query(q): Query<LoginQuery>,
) -> Result<Response, WebError> {
    if let Some(id) = presented(&headers) {
        let policy = state.settings().staff_sessions;
        let lookup = state
            .db()
            .staff_sessions()
            .current(&id, &policy, state.now())
            .await?;
        if matches!(lookup, consult_domain::staff::sessions::Lookup::Active(_)) {
            return Ok(Redirect::to(&safe_next(q.next.as_deref())).into_response());
        }
    }
    let l = ctx.l();
    let say = if q.set.is_some() {
        Some(Say::Notice(fl!(l, "staff-login-password-set")))
    } else if q.out.is_some() {
        Some(Say::Notice(fl!(l, "staff-logged-out")))
    } else {
        match q.why.as_deref().and_then(Away::parse) {
            Some(Away::Expired) => Some(Say::Notice(fl!(l, "staff-session-ended"))),
            Some(Away::Revoked) => Some(Say::Notice(fl!(l, "staff-session-revoked"))),
            Some(Away::NeedLogin) => Some(Say::Notice(fl!(l, "staff-session-needed"))),
            None => None,
        }
    };
    let next = safe_next(q.next.as_deref());
    Ok(page(&ctx, &visitor, StatusCode::OK, say, "", &next))
}

/// Checks a login; on success a new session and the page asked for.
pub async fn submit(
    State(state): State<WebState>,
    ctx: Ctx,
    visitor: Visitor,
    headers: HeaderMap,
    Form(f): Form<LoginFields>,
) -> Result<Response, WebError> {
    let l = ctx.l();
    let next = safe_next(Some(&f.next));
    if !visitor.csrf_ok(&f.csrf) {
        let say = Say::Problem(fl!(l, "staff-login-expired"));
        return Ok(page(
            &ctx,
            &visitor,
            StatusCode::FORBIDDEN,
            Some(say),
            &f.name,
            &next,
        ));
    }
    let previous = presented(&headers);
    let address = visitor.address().to_string();
    let attempt = Attempt {
        name: &f.name,
        password: &f.password,
        address: &address,
        previous: previous.as_ref(),
    };
    let hashing = Hashing {
        key: state.key(),
        cost: state.settings().password_cost,
    };
    let policy = state.settings().staff_sessions;
    let outcome = state
        .db()
        .staff_log_in(&attempt, &hashing, &policy, state.now())
        .await?;
    match outcome {
        Outcome::In { session, .. } => {
            let mut response = Redirect::to(&next).into_response();
            sessions::set_cookie(&state, &mut response, &session);
            Ok(response)
        }
        Outcome::Refused => {
            let say = Say::Problem(fl!(l, "staff-login-refused"));
            Ok(page(
                &ctx,
                &visitor,
                StatusCode::OK,
                Some(say),
                &f.name,
                &next,
            ))
        }
        Outcome::Locked(lock) => {
            let until = ctx.time(lock.until);
            let text = match lock.by {
                Kind::Account => fl!(l, "staff-login-locked", until = until),
                Kind::Address => fl!(l, "staff-login-locked-address", until = until),
            };
            let say = Say::Problem(text);
            Ok(page(
                &ctx,
                &visitor,
                StatusCode::TOO_MANY_REQUESTS,
                Some(say),
                &f.name,
                &next,
            ))
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    pub csrf: String,
}

/// Ends the session (with this session's CSRF token only: another site cannot log a
/// person out either).
pub async fn logout(
    State(state): State<WebState>,
    ctx: Ctx,
    visitor: Visitor,
    staff: Staff,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let address = audit_address(state.key(), &visitor.address().to_string());
    state
        .db()
        .staff_sessions()
        .log_out(staff.id(), &address, state.now())
        .await?;
    let mut response = Redirect::to("/staff/login?out=1").into_response();
    sessions::clear_cookie(&state, &mut response);
    Ok(response)
}

/// A state-changing post without this session's CSRF token: nothing was done.
pub fn refused(ctx: &Ctx) -> Response {
    let l = ctx.l();
    let title = fl!(l, "staff-form-expired-title");
    let body = html! {
        h1 { (title) }
        p.error role="alert" { (fl!(l, "staff-form-expired")) }
        p { a href="/staff" { (fl!(l, "staff-dashboard-title")) } }
    };
    respond(ctx, StatusCode::FORBIDDEN, layout(ctx, &title, body))
}
