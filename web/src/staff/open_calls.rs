//! Open calls (立法项目征集) in the console, for admins, as `/opencall` does in chat and
//! through the same domain functions: the form (theme, optional description,
//! deadline, and every contact point or some, as a draft's scope) that creates the
//! call and announces it to the
//! groups; and, for decisions, the list of a call's suggestions, each decided on its
//! own page ([`super::decisions`]). Anyone but an admin gets the ordinary 404.

use axum::{
    Form, Router,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use consult_domain::{
    consultations::{self, Consultation, parse_deadline},
    open_calls::NewOpenCall,
    points::ContactPoint,
    roles::Role,
};
use maud::{Markup, html};

use crate::{
    WebError, WebState,
    i18n::fl,
    page::{Ctx, respond},
    staff::{
        Staff,
        consultations::{Problems, by, chosen_scope, render, scope_fieldset},
        login::refused,
        staff_layout,
    },
};

pub fn router() -> Router<WebState> {
    Router::new().route("/staff/open-calls/new", get(form).post(create))
}

/// At most this many points ticked are read (more than a city has).
const MAX_POINTS: usize = 1_000;

#[derive(Debug, Default)]
pub struct Fields {
    csrf: String,
    theme: String,
    description: String,
    deadline: String,
    /// "all" or "points", and the points ticked (as a draft's scope).
    scope: String,
    points: Vec<String>,
}

impl Fields {
    /// The form as posted; `point` repeats, once per point ticked.
    fn from(pairs: Vec<(String, String)>) -> Fields {
        let mut f = Fields::default();
        for (k, v) in pairs {
            match k.as_str() {
                "csrf" => f.csrf = v,
                "theme" => f.theme = v,
                "description" => f.description = v,
                "deadline" => f.deadline = v,
                "scope" => f.scope = v,
                "point" if f.points.len() < MAX_POINTS => f.points.push(v),
                _ => {}
            }
        }
        f
    }
}

fn admin(staff: &Staff) -> Result<(), WebError> {
    if staff.access.role() == Role::Admin {
        Ok(())
    } else {
        Err(WebError::NotFound)
    }
}

fn page(
    ctx: &Ctx,
    staff: &Staff,
    f: &Fields,
    problems: &Problems,
    points: &[ContactPoint],
    status: StatusCode,
) -> Response {
    let l = ctx.l();
    let title = fl!(l, "staff-open-call-new");
    let problem = |field: &str| {
        problems
            .iter()
            .find(|(k, _)| *k == field)
            .map(|(_, t)| t.clone())
    };
    let error = |field: &'static str| -> Markup {
        html! { @if let Some(p) = problem(field) { p.error id=(format!("{field}-error")) { (p) } } }
    };
    let described = |field: &str| problem(field).map(|_| format!("{field}-error"));
    let body = html! {
        h1 { (title) }
        p.lead { (fl!(l, "staff-open-call-lead")) }
        @if !problems.is_empty() {
            div.error role="alert" {
                p { (fl!(l, "web-form-problems")) }
                ul {
                    @for (field, text) in problems {
                        li { a href=(format!("#{field}")) { (text) } }
                    }
                }
            }
        }
        form method="post" action="/staff/open-calls/new" novalidate {
            input type="hidden" name="csrf" value=(staff.csrf());
            div.field {
                label for="theme" { (fl!(l, "staff-open-call-theme")) }
                (error("theme"))
                input #theme type="text" name="theme" value=(f.theme) required aria-describedby=[described("theme")];
            }
            div.field {
                label for="description" { (fl!(l, "staff-open-call-description")) }
                (error("description"))
                textarea #description name="description" rows="5" aria-describedby=[described("description")] { (f.description) }
            }
            div.field {
                label for="deadline" { (fl!(l, "staff-open-call-deadline")) }
                (error("deadline"))
                input #deadline type="text" name="deadline" value=(f.deadline) placeholder="2027-01-31" required aria-describedby=[described("deadline")];
            }
            (scope_fieldset(ctx, &f.scope, &f.points, problems, points))
            button type="submit" { (fl!(l, "staff-open-call-create")) }
        }
    };
    respond(ctx, status, staff_layout(ctx, staff, &title, body))
}

pub async fn form(ctx: Ctx, staff: Staff) -> Result<Response, WebError> {
    admin(&staff)?;
    let points = ctx.state.db().points().list().await?;
    Ok(page(
        &ctx,
        &staff,
        &Fields::default(),
        &Problems::new(),
        &points,
        StatusCode::OK,
    ))
}

/// The fields checked with the chat's rules (`consultations::title`, `summary`,
/// `parse_deadline`).
fn check(ctx: &Ctx, f: &Fields, points: &[ContactPoint]) -> Result<NewOpenCall, Problems> {
    let l = ctx.l();
    let mut problems = Problems::new();
    let theme = consultations::title(&f.theme).map_err(|_| {
        problems.push(("theme", fl!(l, "draft-bad-title")));
    });
    let description = match f.description.trim() {
        "" => Ok(None),
        t => consultations::summary(t).map(Some).map_err(|_| {
            problems.push(("description", fl!(l, "draft-bad-summary")));
        }),
    };
    let now = ctx.state.now();
    let closes_at = match parse_deadline(&f.deadline, ctx.state.settings().timezone) {
        Ok(t) if t > now => Ok(t),
        _ => {
            problems.push(("deadline", fl!(l, "staff-bad-deadline")));
            Err(())
        }
    };
    let scope = chosen_scope(&f.scope, &f.points, points).ok_or_else(|| {
        problems.push(("scope", fl!(l, "staff-need-points")));
    });
    match (theme, description, closes_at, scope) {
        (Ok(theme), Ok(description), Ok(closes_at), Ok(scope)) => Ok(NewOpenCall {
            theme,
            description,
            closes_at,
            scope,
        }),
        _ => Err(problems),
    }
}

/// Creates the open call and announces it; back to its page, saying so.
pub async fn create(
    ctx: Ctx,
    staff: Staff,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    admin(&staff)?;
    let f = Fields::from(pairs);
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let points = ctx.state.db().points().list().await?;
    let new = match check(&ctx, &f, &points) {
        Ok(new) => new,
        Err(problems) => {
            return Ok(page(
                &ctx,
                &staff,
                &f,
                &problems,
                &points,
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    let db = ctx.state.db();
    let now = ctx.state.now();
    let actor = consult_domain::Actor::Person(staff.access.person());
    let c = db.suggestions().create(&new, actor, now).await?;
    let announced = db
        .publish_announced(&render(&ctx), c.id, &by(&ctx, &staff), now)
        .await?;
    ctx.state.wakers().wake_all();
    Ok(Redirect::to(&format!(
        "/staff/consultations/{}?done=published&groups={}",
        c.id, announced.groups
    ))
    .into_response())
}

/// The decisions overview of an open call: its suggestions, each with its outcome so
/// far and a link to decide it.
pub async fn decisions_table(ctx: &Ctx, c: &Consultation) -> Result<Markup, WebError> {
    let db = ctx.state.db();
    let l = ctx.l();
    let opinions: Vec<_> = db
        .opinions()
        .on(c.id)
        .await?
        .into_iter()
        .filter(consult_domain::decisions::eligible)
        .collect();
    let suggestions = db.suggestions().on(c.id).await?;
    let decided = db.decisions().on(c.id).await?;
    let id = c.id;
    Ok(html! {
        @if opinions.is_empty() {
            p { (fl!(l, "decision-no-opinions", code = c.code())) }
        } @else {
            div.table-scroll role="region" aria-labelledby="suggestions-caption" tabindex="0" {
                table {
                    caption #suggestions-caption { (fl!(l, "staff-open-call-suggestions")) }
                    thead {
                        tr {
                            th scope="col" { (fl!(l, "web-field-project")) }
                            th scope="col" { (fl!(l, "staff-decision-outcome")) }
                        }
                    }
                    tbody {
                        @for o in &opinions {
                            tr {
                                th scope="row" {
                                    a href=(format!("/staff/consultations/{id}/decisions/opinion/{}", o.id)) {
                                        (o.receipt) " " (suggestions.get(&o.id).map(|s| s.title.as_str()).unwrap_or_default())
                                    }
                                }
                                td {
                                    @match decided.get(&o.id) {
                                        Some(d) => (ctx.text(d.outcome().label_id())),
                                        None => (fl!(l, "open-call-undecided")),
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    })
}
