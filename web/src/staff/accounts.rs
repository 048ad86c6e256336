//! `/staff/accounts`: the console's own accounts, as `consult-bot staff add|reset|
//! revoke|list` and chat's `/staff add` handle them. Adding an account grants its role
//! and shows the one-time link that sets its password — once, on the answer to the
//! form (never in an address, a log or the audit); a reset shows a new link (earlier
//! ones stop working); revoking takes the role away and ends every session of the
//! person at once. An admin handles every account (and may tie one to a Telegram id,
//! so that the person is one in both channels); a liaison only their own point's
//! informants, as in chat. The rules are the domain's ([`consult_domain::access`]);
//! an account outside them answers 404.

use axum::{
    Form, Router,
    extract::{Path, Query},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use chrono::{DateTime, Utc};
use consult_domain::{
    Actor, Error as DomainError,
    roles::{Assignment, Role, RoleRecord},
    staff::{Account, LinkCode, LoginName, Purpose, is_telegram_user, links},
};
use maud::html;
use serde::Deserialize;

use crate::{
    WebError, WebState,
    i18n::fl,
    page::{Ctx, respond},
    staff::{
        Say, Staff,
        login::{CsrfOnly, refused},
        roles::{
            Refusal, assignment_fields, manager, posted_assignment, revoke_posted, revoke_question,
            role_words,
        },
        scroll_table, show, staff_layout,
    },
};

pub fn router() -> Router<WebState> {
    Router::new()
        .route("/staff/accounts", get(list).post(add))
        .route("/staff/accounts/{name}/reset", post(reset))
        .route(
            "/staff/accounts/{name}/revoke",
            get(revoke_confirm).post(revoke),
        )
        .route(
            "/staff/accounts/{name}/role",
            get(role_form).post(give_role),
        )
}

#[derive(Debug, Default, Deserialize)]
pub struct AddFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    point: String,
    #[serde(default)]
    district: String,
    #[serde(default)]
    telegram_id: String,
}

/// The role posted for an account that has none.
#[derive(Debug, Default, Deserialize)]
pub struct RoleFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    point: String,
    #[serde(default)]
    district: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    done: Option<String>,
    name: Option<String>,
}

/// Whether this person may see and handle the account: its role is one they manage,
/// or (admins) it has none left.
fn handles(staff: &Staff, role: Option<&RoleRecord>) -> bool {
    match role {
        Some(r) => staff.access.manages(r),
        None => staff.access.role() == Role::Admin,
    }
}

/// A path segment for an account name (names may hold Chinese, `@` and `.`).
fn segment(name: &str) -> String {
    url::form_urlencoded::byte_serialize(name.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// The account `raw` names with its role, if this person handles it; else 404.
async fn handled(
    ctx: &Ctx,
    staff: &Staff,
    raw: &str,
) -> Result<(Account, Option<RoleRecord>), WebError> {
    manager(staff)?;
    let name = LoginName::parse(raw).map_err(|_| WebError::NotFound)?;
    let db = ctx.state.db();
    let account = db.staff().find(&name).await?.ok_or(WebError::NotFound)?;
    let role = db.roles().of(account.person).await?;
    if !handles(staff, role.as_ref()) {
        return Err(WebError::NotFound);
    }
    Ok((account, role))
}

pub async fn list(ctx: Ctx, staff: Staff, Query(q): Query<Done>) -> Result<Response, WebError> {
    manager(&staff)?;
    let l = ctx.l();
    let say = match (q.done.as_deref(), q.name) {
        (Some("revoked"), Some(name)) => {
            Some(Say::Notice(fl!(l, "staff-accounts-revoked", name = name)))
        }
        (Some("granted"), Some(name)) => {
            Some(Say::Notice(fl!(l, "staff-accounts-granted", name = name)))
        }
        _ => None,
    };
    page(&ctx, &staff, say, &AddFields::default(), StatusCode::OK).await
}

async fn page(
    ctx: &Ctx,
    staff: &Staff,
    say: Option<Say>,
    typed: &AddFields,
    status: StatusCode,
) -> Result<Response, WebError> {
    let db = ctx.state.db();
    let accounts: Vec<(Account, Option<RoleRecord>)> = db
        .staff()
        .list()
        .await?
        .into_iter()
        .filter(|(_, r)| handles(staff, r.as_ref()))
        .collect();
    let points = db.points().list().await?;
    let districts = db.districts().list().await?;
    let l = ctx.l();
    let admin = staff.access.role() == Role::Admin;
    let title = fl!(l, "staff-accounts-title");
    let lead = match (staff.access.point(), staff.access.district()) {
        (Some(p), _) => fl!(l, "staff-accounts-lead-liaison", point = p.name.clone()),
        (None, Some(d)) => fl!(l, "staff-accounts-lead-county", point = d.name.clone()),
        (None, None) => fl!(l, "staff-accounts-lead-admin"),
    };
    let body = html! {
        h1 { (title) }
        @if let Some(s) = &say { (s) }
        p.lead { (lead) }
        @if accounts.is_empty() {
            p { (fl!(l, "staff-accounts-none")) }
        } @else {
            (scroll_table("accounts-caption", &fl!(l, "staff-accounts-caption"), html! {
                    thead {
                        tr {
                            th scope="col" { (fl!(l, "staff-login-name")) }
                            th scope="col" { (fl!(l, "staff-roles-col-role")) }
                            th scope="col" { (fl!(l, "staff-accounts-col-password")) }
                            @if admin {
                                th scope="col" { (fl!(l, "staff-accounts-col-person")) }
                            }
                            th scope="col" { (fl!(l, "staff-groups-col-actions")) }
                        }
                    }
                    tbody {
                        @for (a, r) in &accounts {
                            @let seg = segment(&a.name);
                            tr {
                                th scope="row" { (a.name) }
                                td {
                                    @match r {
                                        Some(r) => (role_words(ctx, r)),
                                        None => (fl!(l, "cli-staff-no-role-listed")),
                                    }
                                }
                                td {
                                    @if a.password_set_at.is_some() {
                                        (fl!(l, "cli-staff-password-set"))
                                    } @else {
                                        (fl!(l, "cli-staff-password-unset"))
                                    }
                                }
                                @if admin {
                                    td { (a.person) }
                                }
                                td {
                                    form.inline method="post" action=(format!("/staff/accounts/{seg}/reset")) {
                                        input type="hidden" name="csrf" value=(staff.csrf());
                                        button.secondary type="submit" {
                                            (fl!(l, "staff-accounts-reset"))
                                            span.visually-hidden { "：" (a.name) }
                                        }
                                    }
                                    @if r.is_some() {
                                        a href=(format!("/staff/accounts/{seg}/revoke")) {
                                            (fl!(l, "staff-roles-revoke"))
                                            span.visually-hidden { "：" (a.name) }
                                        }
                                    } @else {
                                        a href=(format!("/staff/accounts/{seg}/role")) {
                                            (fl!(l, "staff-accounts-give-role"))
                                            span.visually-hidden { "：" (a.name) }
                                        }
                                    }
                                }
                            }
                        }
                    }
            }))
        }
        h2 #add { (fl!(l, "staff-accounts-add")) }
        p.hint { (fl!(l, "staff-accounts-add-hint")) }
        form method="post" action="/staff/accounts" novalidate {
            input type="hidden" name="csrf" value=(staff.csrf());
            div.field {
                label for="name" { (fl!(l, "staff-login-name")) }
                p.hint #name-hint { (fl!(l, "staff-bad-name")) }
                input #name type="text" name="name" value=(typed.name) autocapitalize="none"
                    spellcheck="false" autocomplete="off" aria-describedby="name-hint";
            }
            (assignment_fields(ctx, staff, &points, &districts, (&typed.role, &typed.point, &typed.district)))
            @if admin {
                div.field {
                    label for="telegram_id" { (fl!(l, "staff-accounts-telegram-id")) }
                    p.hint #telegram-hint { (fl!(l, "staff-accounts-telegram-id-hint")) }
                    input #telegram_id type="text" name="telegram_id" value=(typed.telegram_id)
                        inputmode="numeric" aria-describedby="telegram-hint";
                }
            }
            button type="submit" { (fl!(l, "staff-accounts-add")) }
        }
        p { a href="/staff/roles" { (fl!(l, "staff-accounts-to-roles")) } }
    };
    Ok(respond(ctx, status, staff_layout(ctx, staff, &title, body)))
}

/// The one-time link, shown once: the answer to the post that made it.
fn link_page(
    ctx: &Ctx,
    staff: &Staff,
    title: String,
    said: String,
    code: &LinkCode,
    expires_at: DateTime<Utc>,
) -> Response {
    let l = ctx.l();
    let link = links::url(&ctx.state.settings().base_url, Purpose::Password, code).to_string();
    let body = html! {
        h1 { (title) }
        p.notice role="status" { (said) }
        p { (fl!(l, "staff-accounts-link-lead", expires = ctx.time(expires_at))) }
        p.secret { (link) }
        p.hint { (fl!(l, "staff-accounts-link-once")) }
        p { a href="/staff/accounts" { (fl!(l, "staff-accounts-back")) } }
    };
    show(ctx, staff, &title, body)
}

pub async fn add(ctx: Ctx, staff: Staff, Form(f): Form<AddFields>) -> Result<Response, WebError> {
    manager(&staff)?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let l = ctx.l();
    let again = |text: String| Say::Problem(text);
    let Ok(name) = LoginName::parse(&f.name) else {
        let say = again(fl!(l, "staff-bad-name"));
        return page(&ctx, &staff, Some(say), &f, StatusCode::OK).await;
    };
    let assignment: Assignment =
        match posted_assignment(&ctx, &staff, &f.role, &f.point, &f.district).await? {
            Ok(a) => a,
            Err(Refusal::NotFound) => return Err(WebError::NotFound),
            Err(Refusal::Problem(text)) => {
                return page(&ctx, &staff, Some(again(text)), &f, StatusCode::OK).await;
            }
        };
    let db = ctx.state.db();
    let telegram = match f.telegram_id.trim() {
        "" => None,
        raw => match raw.parse::<i64>().ok().filter(|t| is_telegram_user(*t)) {
            Some(t) if staff.access.role() == Role::Admin => {
                let current = db.roles().of(t).await?;
                if !staff.access.may_grant_to(t, current.as_ref()) {
                    return Err(WebError::NotFound);
                }
                Some(t)
            }
            Some(_) => return Err(WebError::NotFound),
            None => {
                let say = again(fl!(l, "staff-roles-bad-telegram-id"));
                return page(&ctx, &staff, Some(say), &f, StatusCode::OK).await;
            }
        },
    };
    let added = db
        .staff()
        .add(
            &name,
            &assignment,
            telegram,
            Actor::Person(staff.access.person()),
            ctx.state.now(),
            ctx.state.settings().invite_ttl,
        )
        .await;
    match added {
        Ok(added) => {
            let said = fl!(
                l,
                "staff-accounts-added",
                name = added.account.name.clone(),
                role = role_words(&ctx, &added.role)
            );
            let title = fl!(l, "staff-accounts-add");
            Ok(link_page(
                &ctx,
                &staff,
                title,
                said,
                &added.code,
                added.expires_at,
            ))
        }
        Err(DomainError::DuplicateStaff(_)) => {
            let say = again(fl!(l, "err-duplicate-staff", name = name.as_str()));
            page(&ctx, &staff, Some(say), &f, StatusCode::OK).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn reset(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    let (account, _) = handled(&ctx, &staff, &raw).await?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let name = LoginName::parse(&account.name).map_err(|_| WebError::NotFound)?;
    let (account, code, expires_at) = ctx
        .state
        .db()
        .staff()
        .reset(
            &name,
            Actor::Person(staff.access.person()),
            ctx.state.now(),
            ctx.state.settings().invite_ttl,
        )
        .await?;
    let l = ctx.l();
    let said = fl!(l, "staff-accounts-reset-done", name = account.name.clone());
    let title = fl!(l, "staff-accounts-reset");
    Ok(link_page(&ctx, &staff, title, said, &code, expires_at))
}

pub async fn revoke_confirm(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let (account, role) = handled(&ctx, &staff, &raw).await?;
    let role = role.ok_or(WebError::NotFound)?;
    let lead = format!("{} · {}", account.name, role_words(&ctx, &role));
    let action = format!("/staff/accounts/{}/revoke", segment(&account.name));
    let back = fl!(ctx.l(), "staff-accounts-back");
    Ok(revoke_question(
        &ctx,
        &staff,
        &lead,
        &action,
        ("/staff/accounts", &back),
    ))
}

pub async fn revoke(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    let (account, role) = handled(&ctx, &staff, &raw).await?;
    if role.is_none() {
        return Err(WebError::NotFound);
    }
    let to = format!(
        "/staff/accounts?done=revoked&name={}",
        segment(&account.name)
    );
    revoke_posted(&ctx, &staff, account.person, &f.csrf, &to).await
}

/// An account whose role was revoked is given one again here: adding it anew would
/// clash with its name, and its person (so its history), password and Telegram tie
/// are kept. Only an account without a role: a role is changed on `/staff/roles`.
pub async fn role_form(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let account = without_role(&ctx, &staff, &raw).await?;
    role_page(&ctx, &staff, &account, None, &RoleFields::default()).await
}

pub async fn give_role(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<RoleFields>,
) -> Result<Response, WebError> {
    let account = without_role(&ctx, &staff, &raw).await?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let assignment = match posted_assignment(&ctx, &staff, &f.role, &f.point, &f.district).await? {
        Ok(a) => a,
        Err(Refusal::NotFound) => return Err(WebError::NotFound),
        Err(Refusal::Problem(text)) => {
            return role_page(&ctx, &staff, &account, Some(Say::Problem(text)), &f).await;
        }
    };
    if !staff.access.may_grant_to(account.person, None) {
        return Err(WebError::NotFound);
    }
    ctx.state
        .db()
        .roles()
        .grant(
            account.person,
            &assignment,
            Actor::Person(staff.access.person()),
            ctx.state.now(),
        )
        .await?;
    Ok(Redirect::to(&format!(
        "/staff/accounts?done=granted&name={}",
        segment(&account.name)
    ))
    .into_response())
}

/// The account `raw` names if this person handles it and it has no role; else 404.
async fn without_role(ctx: &Ctx, staff: &Staff, raw: &str) -> Result<Account, WebError> {
    match handled(ctx, staff, raw).await? {
        (account, None) => Ok(account),
        (_, Some(_)) => Err(WebError::NotFound),
    }
}

async fn role_page(
    ctx: &Ctx,
    staff: &Staff,
    account: &Account,
    say: Option<Say>,
    typed: &RoleFields,
) -> Result<Response, WebError> {
    let db = ctx.state.db();
    let points = db.points().list().await?;
    let districts = db.districts().list().await?;
    let l = ctx.l();
    let title = fl!(
        l,
        "staff-accounts-give-role-title",
        name = account.name.clone()
    );
    let action = format!("/staff/accounts/{}/role", segment(&account.name));
    let body = html! {
        h1 { (title) }
        @if let Some(s) = &say { (s) }
        p.lead { (fl!(l, "staff-accounts-give-role-lead")) }
        form method="post" action=(action) novalidate {
            input type="hidden" name="csrf" value=(staff.csrf());
            (assignment_fields(ctx, staff, &points, &districts, (&typed.role, &typed.point, &typed.district)))
            button type="submit" { (fl!(l, "staff-accounts-give-role")) }
        }
        p { a href="/staff/accounts" { (fl!(l, "staff-accounts-back")) } }
    };
    Ok(show(ctx, staff, &title, body))
}
