//! `/staff/points` (admins): the contact points, as `consult-bot point list` shows
//! them, with the forms of `point add`, `point rename`, `point district` (a choice
//! of the districts `consult-bot district add` made) and `point deactivate`. The
//! rules are the domain's ([`consult_domain::points`]: codes of `a-z 0-9 - _`, names
//! of 1–100 characters, a district that exists), and every change is in
//! the audit log under the admin (`point.add`, `point.rename`, `point.district`,
//! `point.deactivate`). Anyone else gets the ordinary 404.

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
    error::Field,
    points::{ContactPoint, NewPoint, PointCode},
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
        scroll_table, show, staff_layout,
    },
};

pub fn router() -> Router<WebState> {
    Router::new()
        .route("/staff/points", get(list).post(add))
        .route("/staff/points/{code}", get(edit_form).post(edit))
        .route(
            "/staff/points/{code}/deactivate",
            get(deactivate_confirm).post(deactivate),
        )
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    done: Option<String>,
    code: Option<String>,
}

/// A point's fields as typed, so a refusal shows them again.
#[derive(Debug, Default, Deserialize)]
pub struct PointFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    district: String,
}

/// Contact points and their districts are the city's: anyone else gets the 404.
fn admin(staff: &Staff) -> Result<(), WebError> {
    if staff.access.is_city() {
        Ok(())
    } else {
        Err(WebError::NotFound)
    }
}

/// The district field: a choice of the districts, or none (`""`), `chosen` selected.
fn district_field(ctx: &Ctx, districts: &[District], chosen: &str, hint: &str) -> Markup {
    let l = ctx.l();
    html! {
        div.field {
            label for="district" { (fl!(l, "staff-points-col-district")) }
            p.hint #district-hint { (hint) }
            select #district name="district" aria-describedby="district-hint" {
                option value="" selected[chosen.is_empty()] { (fl!(l, "staff-points-no-district")) }
                @for d in districts {
                    option value=(d.code) selected[d.code == chosen] { (d.name) " (" (d.code) ")" }
                }
            }
        }
    }
}

async fn point(ctx: &Ctx, raw: &str) -> Result<ContactPoint, WebError> {
    let code = PointCode::parse(raw).map_err(|_| WebError::NotFound)?;
    ctx.state
        .db()
        .points()
        .find(&code)
        .await?
        .ok_or(WebError::NotFound)
}

/// A refusal the admin can act on, in words; anything else is a failure.
fn problem(ctx: &Ctx, e: DomainError) -> Result<String, WebError> {
    let l = ctx.l();
    Ok(match e {
        DomainError::Invalid(Field::PointCode) => fl!(l, "err-invalid-point-code"),
        DomainError::Invalid(Field::PointName) => fl!(l, "err-invalid-point-name"),
        DomainError::Invalid(Field::District) => fl!(l, "err-invalid-district"),
        DomainError::Invalid(Field::DistrictCode) => fl!(l, "err-invalid-district-code"),
        DomainError::UnknownDistrict(code) => fl!(l, "err-unknown-district", code = code),
        DomainError::DuplicatePoint(code) => fl!(l, "err-duplicate-point", code = code),
        other => return Err(other.into()),
    })
}

fn state_word(ctx: &Ctx, p: &ContactPoint) -> String {
    if p.active {
        fl!(ctx.l(), "cli-point-active")
    } else {
        fl!(ctx.l(), "cli-point-inactive")
    }
}

pub async fn list(ctx: Ctx, staff: Staff, Query(q): Query<Done>) -> Result<Response, WebError> {
    admin(&staff)?;
    let l = ctx.l();
    let say = match (q.done.as_deref(), q.code) {
        (Some("added"), Some(code)) => Some(Say::Notice(fl!(l, "staff-points-added", code = code))),
        (Some("deactivated"), Some(code)) => {
            Some(Say::Notice(fl!(l, "staff-points-deactivated", code = code)))
        }
        _ => None,
    };
    page(&ctx, &staff, say, &PointFields::default(), StatusCode::OK).await
}

async fn page(
    ctx: &Ctx,
    staff: &Staff,
    say: Option<Say>,
    typed: &PointFields,
    status: StatusCode,
) -> Result<Response, WebError> {
    let points = ctx.state.db().points().list().await?;
    let districts = ctx.state.db().districts().list().await?;
    let l = ctx.l();
    let title = fl!(l, "staff-points-title");
    let body = html! {
        h1 { (title) }
        @if let Some(s) = &say { (s) }
        @if points.is_empty() {
            p { (fl!(l, "staff-points-none")) }
        } @else {
            (scroll_table("points-caption", &fl!(l, "staff-points-caption"), html! {
                    thead {
                        tr {
                            th scope="col" { (fl!(l, "staff-points-col-code")) }
                            th scope="col" { (fl!(l, "staff-points-col-name")) }
                            th scope="col" { (fl!(l, "staff-points-col-district")) }
                            th scope="col" { (fl!(l, "staff-points-col-state")) }
                        }
                    }
                    tbody {
                        @for p in &points {
                            tr {
                                th scope="row" {
                                    a href=(format!("/staff/points/{}", p.code)) { (p.code) }
                                }
                                td { (p.name) }
                                td { (p.district.clone().unwrap_or_else(|| "—".into())) }
                                td { (state_word(ctx, p)) }
                            }
                        }
                    }
            }))
        }
        h2 #add { (fl!(l, "staff-points-add")) }
        form method="post" action="/staff/points" novalidate {
            input type="hidden" name="csrf" value=(staff.csrf());
            div.field {
                label for="code" { (fl!(l, "staff-points-col-code")) }
                p.hint #code-hint { (fl!(l, "staff-points-code-hint")) }
                input #code type="text" name="code" value=(typed.code) autocapitalize="none"
                    spellcheck="false" aria-describedby="code-hint";
            }
            div.field {
                label for="name" { (fl!(l, "staff-points-col-name")) }
                input #name type="text" name="name" value=(typed.name);
            }
            (district_field(ctx, &districts, typed.district.trim(), &fl!(l, "staff-points-district-hint")))
            button type="submit" { (fl!(l, "staff-points-add")) }
        }
    };
    Ok(respond(ctx, status, staff_layout(ctx, staff, &title, body)))
}

fn optional(raw: &str) -> Option<&str> {
    Some(raw.trim()).filter(|s| !s.is_empty())
}

pub async fn add(ctx: Ctx, staff: Staff, Form(f): Form<PointFields>) -> Result<Response, WebError> {
    admin(&staff)?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let added = match NewPoint::parse(&f.code, &f.name, optional(&f.district)) {
        Ok(new) => {
            ctx.state
                .db()
                .points()
                .add(&new, Actor::Person(staff.access.person()), ctx.state.now())
                .await
        }
        Err(e) => Err(e),
    };
    match added {
        Ok(p) => {
            Ok(Redirect::to(&format!("/staff/points?done=added&code={}", p.code)).into_response())
        }
        Err(e) => {
            let say = Say::Problem(problem(&ctx, e)?);
            page(&ctx, &staff, Some(say), &f, StatusCode::OK).await
        }
    }
}

/// The code of the district a point belongs to ("" for none).
fn district_code(districts: &[District], p: &ContactPoint) -> String {
    districts
        .iter()
        .find(|d| Some(d.id) == p.district_id)
        .map(|d| d.code.clone())
        .unwrap_or_default()
}

fn edit_page(
    ctx: &Ctx,
    staff: &Staff,
    p: &ContactPoint,
    districts: &[District],
    say: Option<Say>,
    typed: Option<&PointFields>,
) -> Response {
    let l = ctx.l();
    let title = fl!(l, "staff-points-edit-title", code = p.code.clone());
    let name = typed.map_or(p.name.as_str(), |t| t.name.as_str());
    let district = typed.map_or_else(|| district_code(districts, p), |t| t.district.clone());
    let code = &p.code;
    let body = html! {
        h1 { (title) }
        @if let Some(s) = &say { (s) }
        p.lead { (state_word(ctx, p)) }
        form method="post" action=(format!("/staff/points/{code}")) novalidate {
            input type="hidden" name="csrf" value=(staff.csrf());
            div.field {
                label for="name" { (fl!(l, "staff-points-col-name")) }
                input #name type="text" name="name" value=(name);
            }
            (district_field(ctx, districts, district.trim(), &fl!(l, "staff-points-district-clear")))
            button type="submit" { (fl!(l, "staff-points-save")) }
        }
        @if p.active {
            h2 { (fl!(l, "staff-points-deactivate")) }
            p.hint { (fl!(l, "staff-points-deactivate-hint")) }
            p { a href=(format!("/staff/points/{code}/deactivate")) { (fl!(l, "staff-points-deactivate")) } }
        }
        p { a href="/staff/points" { (fl!(l, "staff-points-back")) } }
    };
    show(ctx, staff, &title, body)
}

pub async fn edit_form(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    admin(&staff)?;
    let p = point(&ctx, &raw).await?;
    let say = (q.done.as_deref() == Some("saved"))
        .then(|| Say::Notice(fl!(ctx.l(), "staff-points-saved", code = p.code.clone())));
    let districts = ctx.state.db().districts().list().await?;
    Ok(edit_page(&ctx, &staff, &p, &districts, say, None))
}

/// Renames and sets the district, each only when it changed (so the audit log holds
/// what was done, not what was left alone).
pub async fn edit(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<PointFields>,
) -> Result<Response, WebError> {
    admin(&staff)?;
    let p = point(&ctx, &raw).await?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let code = PointCode::parse(&p.code).map_err(|_| WebError::NotFound)?;
    let points = ctx.state.db().points();
    let actor = Actor::Person(staff.access.person());
    let now = ctx.state.now();
    let mut result = Ok(());
    if f.name.trim() != p.name {
        result = points.rename(&code, &f.name, actor, now).await.map(drop);
    }
    let districts = ctx.state.db().districts().list().await?;
    let district = optional(&f.district);
    if result.is_ok() && district.unwrap_or_default() != district_code(&districts, &p) {
        result = match district.map(DistrictCode::parse).transpose() {
            Ok(d) => points
                .set_district(&code, d.as_ref(), actor, now)
                .await
                .map(drop),
            Err(e) => Err(e),
        };
    }
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/staff/points/{}?done=saved", p.code)).into_response()),
        Err(e) => {
            let say = Say::Problem(problem(&ctx, e)?);
            let p = point(&ctx, &raw).await?;
            Ok(edit_page(&ctx, &staff, &p, &districts, Some(say), Some(&f)))
        }
    }
}

pub async fn deactivate_confirm(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    admin(&staff)?;
    let p = point(&ctx, &raw).await?;
    let l = ctx.l();
    let lead = format!("{} ({})", p.name, p.code);
    let action = format!("/staff/points/{}/deactivate", p.code);
    let back = format!("/staff/points/{}", p.code);
    Ok(Question {
        title: &fl!(l, "staff-points-deactivate"),
        lead: &lead,
        question: &fl!(l, "staff-points-deactivate-question", name = p.name.clone()),
        action: &action,
        button: &fl!(l, "staff-points-deactivate-confirm"),
        back: (&back, &fl!(l, "staff-points-back")),
        hidden: &[],
    }
    .page(&ctx, &staff))
}

pub async fn deactivate(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    admin(&staff)?;
    let p = point(&ctx, &raw).await?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let code = PointCode::parse(&p.code).map_err(|_| WebError::NotFound)?;
    ctx.state
        .db()
        .points()
        .deactivate(&code, Actor::Person(staff.access.person()), ctx.state.now())
        .await?;
    Ok(Redirect::to(&format!("/staff/points?done=deactivated&code={}", p.code)).into_response())
}
