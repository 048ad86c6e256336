//! `/staff/account`: changing one's password. The current password is asked again
//! (a browser left open is not enough), the new one follows the same rules as from a
//! link, and the change ends every session of the person — other browsers included —
//! and gives this browser a new one.

use axum::{
    Form,
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use consult_domain::staff::login::{Change, Hashing};
use maud::html;
use serde::Deserialize;

use crate::{
    WebError, WebState,
    i18n::fl,
    page::{Ctx, respond},
    staff::{Staff, login::refused, new_password_fields, problem_text, sessions, staff_layout},
    visitor::Visitor,
};

#[derive(Debug, Default, Deserialize)]
pub struct AccountQuery {
    changed: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ChangeFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm: String,
}

fn page(
    ctx: &Ctx,
    staff: &Staff,
    status: StatusCode,
    notice: Option<String>,
    problem: Option<String>,
) -> Response {
    let l = ctx.l();
    let title = fl!(l, "staff-account-title");
    let body = html! {
        h1 { (title) }
        @if let Some(n) = &notice {
            p.notice role="status" { (n) }
        }
        @match &staff.session.name {
            None => p { (fl!(l, "staff-account-telegram-only")) },
            Some(name) => {
                h2 { (fl!(l, "staff-account-change")) }
                form method="post" novalidate action="/staff/account" {
                    input type="hidden" name="csrf" value=(staff.csrf());
                    input type="hidden" name="username" value=(name) autocomplete="username";
                    div.field {
                        label for="current" { (fl!(l, "staff-account-current")) }
                        input #current type="password" name="current" autocomplete="current-password";
                    }
                    (new_password_fields(ctx, problem.as_deref()))
                    button type="submit" { (fl!(l, "staff-password-save")) }
                }
            },
        }
    };
    respond(ctx, status, staff_layout(ctx, staff, &title, body))
}

pub async fn show(
    ctx: Ctx,
    staff: Staff,
    Query(q): Query<AccountQuery>,
) -> Result<Response, WebError> {
    let notice = q
        .changed
        .is_some()
        .then(|| fl!(ctx.l(), "staff-account-changed"));
    Ok(page(&ctx, &staff, StatusCode::OK, notice, None))
}

pub async fn change_password(
    State(state): State<WebState>,
    ctx: Ctx,
    visitor: Visitor,
    staff: Staff,
    Form(f): Form<ChangeFields>,
) -> Result<Response, WebError> {
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let l = ctx.l();
    if f.new_password != f.confirm {
        let problem = fl!(l, "staff-password-mismatch");
        return Ok(page(&ctx, &staff, StatusCode::OK, None, Some(problem)));
    }
    let hashing = Hashing {
        key: state.key(),
        cost: state.settings().password_cost,
    };
    let change = state
        .db()
        .staff_change_password(
            staff.session.person,
            &f.current,
            &f.new_password,
            &visitor.address().to_string(),
            &hashing,
            state.now(),
        )
        .await?;
    match change {
        Change::Done(session) => {
            let mut response = Redirect::to("/staff/account?changed=1").into_response();
            sessions::set_cookie(&state, &mut response, &session);
            Ok(response)
        }
        Change::WrongCurrent => {
            let problem = fl!(l, "staff-account-wrong-current");
            Ok(page(&ctx, &staff, StatusCode::OK, None, Some(problem)))
        }
        Change::Locked(lock) => {
            let problem = fl!(l, "staff-login-locked", until = ctx.time(lock.until));
            Ok(page(
                &ctx,
                &staff,
                StatusCode::TOO_MANY_REQUESTS,
                None,
                Some(problem),
            ))
        }
        Change::Refused(problem) => {
            let problem = problem_text(&ctx, problem);
            Ok(page(&ctx, &staff, StatusCode::OK, None, Some(problem)))
        }
    }
}
