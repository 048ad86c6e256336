//! `/staff/roles`: who holds which role, and giving or taking one away — what
//! `consult-bot role grant|revoke|list` does, with chat's `/invite` rules: an admin
//! any role at any point (a Telegram user id, as `role grant` takes), a liaison only
//! their own point's informants. Who may do what is one rule in the domain
//! ([`consult_domain::access::Access::may_assign`], `manages`, `may_grant_to`); a
//! liaison who names another point, or another point's person, gets the ordinary
//! 404, so the page tells them nothing about other points. A role taken away ends the
//! person's console sessions in the same transaction. Every change is audited under
//! the person acting (`role.grant`, `role.revoke`).
//!
//! The fields choosing a role and its point are shared with [`super::accounts`].

use axum::{
    Form, Router,
    extract::{Path, Query},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use consult_domain::{
    Actor, Error as DomainError,
    districts::{District, DistrictCode},
    points::{ContactPoint, PointCode},
    roles::{Assignment, Role, RoleRecord},
    staff::{Account, is_telegram_user},
};
use maud::{Markup, html};
use serde::Deserialize;

use crate::{
    WebError, WebState,
    i18n::fl,
    page::{Ctx, respond},
    staff::{
        Question, Say, Staff,
        login::{CsrfOnly, refused},
        scroll_table, staff_layout,
    },
};

pub fn router() -> Router<WebState> {
    Router::new()
        .route("/staff/roles", get(list).post(grant))
        .route(
            "/staff/roles/{person}/revoke",
            get(revoke_confirm).post(revoke),
        )
}

/// Admins, county staff and liaisons; informants manage nobody.
pub fn manager(staff: &Staff) -> Result<(), WebError> {
    match staff.access.role() {
        Role::Admin | Role::County | Role::Liaison => Ok(()),
        Role::Informant => Err(WebError::NotFound),
    }
}

pub fn role_name(ctx: &Ctx, role: Role) -> String {
    ctx.text(&format!("role-{}", role.as_str()))
}

/// "金桥联系点 联络员", or "管理员".
pub fn role_words(ctx: &Ctx, r: &RoleRecord) -> String {
    let bound = (r.point.as_ref().map(|p| &p.name)).or(r.district.as_ref().map(|d| &d.name));
    match bound {
        Some(name) => format!("{} {}", name, role_name(ctx, r.role)),
        None => role_name(ctx, r.role),
    }
}

/// Why a posted role was not given: a refusal to show on the form, or the 404 of
/// something outside the person's reach.
pub enum Refusal {
    Problem(String),
    NotFound,
}

impl From<WebError> for Refusal {
    fn from(_: WebError) -> Self {
        Refusal::NotFound
    }
}

/// The role and its point or district as posted, checked against the domain's shape
/// ([`Assignment::bound`]) and what this person may give ([`may_assign_at`]): a
/// liaison's form carries their own point, county staff choose among their
/// district's points, and any other point answers 404.
///
/// [`may_assign_at`]: consult_domain::access::Access::may_assign_at
pub async fn posted_assignment(
    ctx: &Ctx,
    staff: &Staff,
    role: &str,
    point: &str,
    district: &str,
) -> Result<Result<Assignment, Refusal>, WebError> {
    let l = ctx.l();
    let Ok(role) = role.parse::<Role>() else {
        return Ok(Err(Refusal::Problem(fl!(l, "staff-roles-need-role"))));
    };
    let point = match (role, point.trim()) {
        (Role::Admin | Role::County, _) | (_, "") => None,
        (_, raw) => match PointCode::parse(raw) {
            Ok(code) => Some(code),
            Err(_) => return Ok(Err(Refusal::NotFound)),
        },
    };
    let found = match &point {
        Some(code) => match ctx.state.db().points().find(code).await? {
            Some(p) => Some(p),
            None => return Ok(Err(Refusal::NotFound)),
        },
        None => None,
    };
    if !staff
        .access
        .may_assign_at(role, found.as_ref().map(|p| (p.id, p.code.as_str())))
    {
        return Ok(Err(Refusal::NotFound));
    }
    if let Some(p) = &found
        && !p.active
    {
        let text = fl!(l, "err-inactive-point", code = p.code.clone());
        return Ok(Err(Refusal::Problem(text)));
    }
    let district = match (role, district.trim()) {
        (Role::County, "") => None,
        (Role::County, raw) => match DistrictCode::parse(raw) {
            Ok(code) if ctx.state.db().districts().find(&code).await?.is_some() => Some(code),
            _ => return Ok(Err(Refusal::NotFound)),
        },
        _ => None,
    };
    Ok(match Assignment::bound(role, point, district) {
        Ok(a) => Ok(a),
        Err(DomainError::PointRequired(_)) => {
            Err(Refusal::Problem(fl!(l, "staff-roles-need-point")))
        }
        Err(DomainError::DistrictRequired) => {
            Err(Refusal::Problem(fl!(l, "staff-roles-need-district")))
        }
        Err(_) => Err(Refusal::Problem(fl!(l, "staff-roles-need-role"))),
    })
}

/// The role and point fields: an admin chooses the role and its point or district;
/// county staff a liaison or informant of one of their district's points; a
/// liaison's are fixed (their point's informant), carried as hidden fields and said
/// in words.
pub fn assignment_fields(
    ctx: &Ctx,
    staff: &Staff,
    points: &[ContactPoint],
    districts: &[District],
    typed: (&str, &str, &str),
) -> Markup {
    let l = ctx.l();
    let (role, point, district) = typed;
    let city = staff.access.is_city();
    let roles: &[Role] = if city {
        &[Role::Liaison, Role::Informant, Role::County, Role::Admin]
    } else {
        &[Role::Liaison, Role::Informant]
    };
    html! {
        @match staff.access.point() {
            Some(own) => {
                input type="hidden" name="role" value=(Role::Informant.as_str());
                input type="hidden" name="point" value=(own.code);
                p { (fl!(l, "staff-roles-informant-of", point = own.name.clone())) }
            },
            None => {
                fieldset {
                    legend { (fl!(l, "staff-roles-col-role")) }
                    @for r in roles {
                        label {
                            input type="radio" name="role" value=(r.as_str()) checked[role == r.as_str()];
                            (role_name(ctx, *r))
                        }
                    }
                }
                div.field {
                    label for="point" { (fl!(l, "staff-roles-col-point")) }
                    p.hint #point-hint { (fl!(l, "staff-roles-point-hint")) }
                    select #point name="point" aria-describedby="point-hint" {
                        option value="" selected[point.is_empty()] { "—" }
                        @for p in points.iter().filter(|p| p.active && staff.access.reaches_point(Some(p.id))) {
                            option value=(p.code) selected[point == p.code] { (p.name) " (" (p.code) ")" }
                        }
                    }
                }
                @if city {
                    div.field {
                        label for="district" { (fl!(l, "staff-col-district")) }
                        p.hint #district-hint { (fl!(l, "staff-roles-district-hint")) }
                        select #district name="district" aria-describedby="district-hint" {
                            option value="" selected[district.is_empty()] { "—" }
                            @for d in districts {
                                option value=(d.code) selected[district == d.code] { (d.name) " (" (d.code) ")" }
                            }
                        }
                    }
                }
            },
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct GrantFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    person: String,
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
    person: Option<i64>,
}

/// Who a person is on this page: their web account's name, their Telegram id, or both.
fn who(accounts: &[(Account, Option<RoleRecord>)], person: i64) -> String {
    let name = accounts
        .iter()
        .find(|(a, _)| a.person == person)
        .map(|(a, _)| a.name.clone());
    match (name, is_telegram_user(person)) {
        (Some(n), true) => format!("{n} (Telegram {person})"),
        (Some(n), false) => n,
        (None, _) => format!("Telegram {person}"),
    }
}

pub async fn list(ctx: Ctx, staff: Staff, Query(q): Query<Done>) -> Result<Response, WebError> {
    manager(&staff)?;
    let l = ctx.l();
    let say = match (q.done.as_deref(), q.person) {
        (Some("granted"), Some(p)) => Some(Say::Notice(fl!(
            l,
            "staff-roles-granted",
            person = p.to_string()
        ))),
        (Some("revoked"), Some(p)) => Some(Say::Notice(fl!(
            l,
            "staff-roles-revoked",
            person = p.to_string()
        ))),
        _ => None,
    };
    page(&ctx, &staff, say, &GrantFields::default(), StatusCode::OK).await
}

async fn page(
    ctx: &Ctx,
    staff: &Staff,
    say: Option<Say>,
    typed: &GrantFields,
    status: StatusCode,
) -> Result<Response, WebError> {
    let db = ctx.state.db();
    let roles: Vec<RoleRecord> = db
        .roles()
        .list()
        .await?
        .into_iter()
        .filter(|r| staff.access.manages(r) || r.telegram_id == staff.access.person())
        .collect();
    let accounts = db.staff().list().await?;
    let points = db.points().list().await?;
    let districts = db.districts().list().await?;
    let l = ctx.l();
    let title = fl!(l, "staff-roles-title");
    let lead = match (staff.access.point(), staff.access.district()) {
        (Some(p), _) => fl!(l, "staff-roles-lead-liaison", point = p.name.clone()),
        (None, Some(d)) => fl!(l, "staff-roles-lead-county", point = d.name.clone()),
        (None, None) => fl!(l, "staff-roles-lead-admin"),
    };
    let body = html! {
        h1 { (title) }
        @if let Some(s) = &say { (s) }
        p.lead { (lead) }
        (scroll_table("roles-caption", &fl!(l, "staff-roles-caption"), html! {
                thead {
                    tr {
                        th scope="col" { (fl!(l, "staff-roles-col-person")) }
                        th scope="col" { (fl!(l, "staff-roles-col-role")) }
                        th scope="col" { (fl!(l, "staff-roles-col-since")) }
                        th scope="col" { (fl!(l, "staff-groups-col-actions")) }
                    }
                }
                tbody {
                    @for r in &roles {
                        tr {
                            th scope="row" { (who(&accounts, r.telegram_id)) }
                            td { (role_words(ctx, r)) }
                            td { (ctx.time(r.granted_at)) }
                            td {
                                @if staff.access.manages(r) {
                                    a href=(format!("/staff/roles/{}/revoke", r.telegram_id)) {
                                        (fl!(l, "staff-roles-revoke"))
                                        span.visually-hidden { "：" (who(&accounts, r.telegram_id)) }
                                    }
                                } @else {
                                    span.meta { (fl!(l, "staff-roles-you")) }
                                }
                            }
                        }
                    }
                }
        }))
        h2 #grant { (fl!(l, "staff-roles-grant")) }
        p.hint { (fl!(l, "staff-roles-grant-hint")) }
        form method="post" action="/staff/roles" novalidate {
            input type="hidden" name="csrf" value=(staff.csrf());
            div.field {
                label for="person" { (fl!(l, "staff-roles-telegram-id")) }
                p.hint #person-hint { (fl!(l, "staff-roles-telegram-id-hint")) }
                input #person type="text" name="person" value=(typed.person) inputmode="numeric"
                    aria-describedby="person-hint";
            }
            (assignment_fields(ctx, staff, &points, &districts, (&typed.role, &typed.point, &typed.district)))
            button type="submit" { (fl!(l, "staff-roles-grant")) }
        }
        p { a href="/staff/accounts" { (fl!(l, "staff-roles-to-accounts")) } }
    };
    Ok(respond(ctx, status, staff_layout(ctx, staff, &title, body)))
}

pub async fn grant(
    ctx: Ctx,
    staff: Staff,
    Form(f): Form<GrantFields>,
) -> Result<Response, WebError> {
    manager(&staff)?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let l = ctx.l();
    let problem = |text: String| Say::Problem(text);
    let Some(person) = f
        .person
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|p| is_telegram_user(*p))
    else {
        let say = problem(fl!(l, "staff-roles-bad-telegram-id"));
        return page(&ctx, &staff, Some(say), &f, StatusCode::OK).await;
    };
    let assignment = match posted_assignment(&ctx, &staff, &f.role, &f.point, &f.district).await? {
        Ok(a) => a,
        Err(Refusal::NotFound) => return Err(WebError::NotFound),
        Err(Refusal::Problem(text)) => {
            return page(&ctx, &staff, Some(problem(text)), &f, StatusCode::OK).await;
        }
    };
    let db = ctx.state.db();
    let current = db.roles().of(person).await?;
    if !staff.access.may_grant_to(person, current.as_ref()) {
        return Err(WebError::NotFound);
    }
    db.roles()
        .grant(
            person,
            &assignment,
            Actor::Person(staff.access.person()),
            ctx.state.now(),
        )
        .await?;
    Ok(Redirect::to(&format!("/staff/roles?done=granted&person={person}")).into_response())
}

/// The role of `raw`'s person, if this person manages it; else 404.
async fn managed(ctx: &Ctx, staff: &Staff, raw: &str) -> Result<RoleRecord, WebError> {
    manager(staff)?;
    let person: i64 = raw.parse().map_err(|_| WebError::NotFound)?;
    ctx.state
        .db()
        .roles()
        .of(person)
        .await?
        .filter(|r| staff.access.manages(r))
        .ok_or(WebError::NotFound)
}

pub async fn revoke_confirm(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let r = managed(&ctx, &staff, &raw).await?;
    let accounts = ctx.state.db().staff().list().await?;
    let lead = format!(
        "{} · {}",
        who(&accounts, r.telegram_id),
        role_words(&ctx, &r)
    );
    let action = format!("/staff/roles/{}/revoke", r.telegram_id);
    let back = fl!(ctx.l(), "staff-roles-back");
    Ok(revoke_question(
        &ctx,
        &staff,
        &lead,
        &action,
        ("/staff/roles", &back),
    ))
}

/// The question before a role is taken away (here, or with an account's).
pub fn revoke_question(
    ctx: &Ctx,
    staff: &Staff,
    lead: &str,
    action: &str,
    back: (&str, &str),
) -> Response {
    let l = ctx.l();
    Question {
        title: &fl!(l, "staff-roles-revoke"),
        lead,
        question: &fl!(l, "staff-roles-revoke-question"),
        action,
        button: &fl!(l, "staff-roles-revoke-confirm"),
        back,
        hidden: &[],
    }
    .page(ctx, staff)
}

pub async fn revoke(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    let r = managed(&ctx, &staff, &raw).await?;
    let to = format!("/staff/roles?done=revoked&person={}", r.telegram_id);
    revoke_posted(&ctx, &staff, r.telegram_id, &f.csrf, &to).await
}

/// Takes `person`'s role away (their sessions end in the same transaction), if the
/// post carries this session's token, and goes `to` the page saying so.
pub async fn revoke_posted(
    ctx: &Ctx,
    staff: &Staff,
    person: i64,
    csrf: &str,
    to: &str,
) -> Result<Response, WebError> {
    if !staff.csrf_ok(csrf) {
        return Ok(refused(ctx));
    }
    ctx.state
        .db()
        .roles()
        .revoke(
            person,
            Actor::Person(staff.access.person()),
            ctx.state.now(),
        )
        .await?;
    Ok(Redirect::to(to).into_response())
}
