//! Consultations in the console (issue #17, item 5): the list, bringing in a draft
//! (upload or paste → what the parser understood → saved as a draft), one
//! consultation with its actions — publish, announce again, a new deadline, the
//! summary, revise (二审稿), close early, withdraw — each with the same rules, audit
//! and broadcasts as in chat, through the same domain functions
//! ([`consult_domain::announce`]): the groups get the very card the chat's
//! `/publish` queues, the same notice of a new deadline as `/extend`.
//!
//! Who may do what is the chat's rule: admins any consultation, for any scope; a
//! liaison the consultations they created, which reach their own point only. A liaison
//! sees the consultations that reach their point (and their own drafts); anything else,
//! an informant's request included, is the ordinary 404.

use axum::{
    Form, Router,
    extract::{DefaultBodyLimit, Multipart, Path, Query},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use consult_domain::{
    Error as DomainError,
    announce::{By, End},
    cards::Render,
    consultations::{self, Consultation, NewConsultation, Scope, State, parse_deadline},
    error::Field,
    points::ContactPoint,
    review,
    roles::Role,
    visibility::may_see,
};
use maud::{Markup, html};
use serde::Deserialize;

use crate::{
    WebError, WebState,
    i18n::fl,
    page::{Ctx, respond},
    staff::{
        Question, Say, Staff,
        drafts::{self, Parsed, Posted, Unreadable},
        login::{CsrfOnly, refused},
        staff_layout,
    },
};

pub fn router() -> Router<WebState> {
    let drafts = DefaultBodyLimit::max(drafts::BODY_BYTES);
    Router::new()
        .route("/staff/consultations", get(list))
        .route(
            "/staff/consultations/new",
            get(new_form).post(new_submit).layer(drafts),
        )
        .route("/staff/consultations/{id}", get(show))
        .route(
            "/staff/consultations/{id}/publish",
            axum::routing::post(publish),
        )
        .route(
            "/staff/consultations/{id}/close",
            get(close_confirm).post(close),
        )
        .route(
            "/staff/consultations/{id}/withdraw",
            get(withdraw_confirm).post(withdraw),
        )
        .route(
            "/staff/consultations/{id}/revise",
            get(revise_form).post(revise_submit).layer(drafts),
        )
        .route(
            "/staff/consultations/{id}/extend",
            get(extend_form).post(extend),
        )
        .route(
            "/staff/consultations/{id}/summary",
            get(summary_form).post(summary_submit),
        )
        .route(
            "/staff/consultations/{id}/announce",
            get(announce_confirm).post(announce),
        )
}

/// The renderer of what the groups get: the deployment's default language, as in chat.
pub fn render(ctx: &Ctx) -> Render<'_> {
    let settings = ctx.state.settings();
    Render {
        locales: ctx.state.locales(),
        locale: settings.default_locale,
        timezone: settings.timezone,
        web_url: Some(&settings.base_url),
    }
}

/// Who caused a broadcast from the console.
pub fn by(ctx: &Ctx, staff: &Staff) -> By {
    By::web(staff.access.person(), ctx.locale)
}

/// Who sees the consultations pages: admins and liaisons (who publish), and county
/// staff (who follow their district's; informants only record offline opinions).
fn publisher(staff: &Staff) -> Result<(), WebError> {
    match staff.access.role() {
        Role::Admin | Role::County | Role::Liaison => Ok(()),
        Role::Informant => Err(WebError::NotFound),
    }
}

/// Whether this person may see the consultation in the console: published ones that
/// reach their point, and the drafts they may see ([`may_see`]).
fn concerns(staff: &Staff, c: &Consultation) -> bool {
    may_see(staff.access.viewer(), c)
        && (staff.access.concerns(c) || c.created_by == Some(staff.access.person()))
}

/// Who starts a draft: admins (for any points) and liaisons (for their own); county
/// staff follow the city's consultations and draft none.
fn drafter(staff: &Staff) -> Result<(), WebError> {
    match staff.access.role() {
        Role::Admin | Role::Liaison => Ok(()),
        Role::County | Role::Informant => Err(WebError::NotFound),
    }
}

/// The chat's rule for changing a consultation: admins any, a liaison their own;
/// county staff none (the city's consultations are the city's to decide).
pub fn manageable(staff: &Staff, c: &Consultation) -> bool {
    match staff.access.role() {
        Role::Admin => true,
        Role::Liaison => c.created_by == Some(staff.access.person()),
        Role::County | Role::Informant => false,
    }
}

/// The consultation `raw` names, if this person may see it; else 404.
pub async fn visible(ctx: &Ctx, staff: &Staff, raw: &str) -> Result<Consultation, WebError> {
    publisher(staff)?;
    let id: i64 = raw.parse().map_err(|_| WebError::NotFound)?;
    ctx.state
        .db()
        .consultations()
        .get(id)
        .await?
        .filter(|c| concerns(staff, c))
        .ok_or(WebError::NotFound)
}

/// One the person may change; others they may see answer 404 as well (the actions are
/// not offered to them, so only a forged request gets here).
async fn managed(ctx: &Ctx, staff: &Staff, raw: &str) -> Result<Consultation, WebError> {
    let c = visible(ctx, staff, raw).await?;
    if !manageable(staff, &c) {
        return Err(WebError::NotFound);
    }
    Ok(c)
}

fn state_name(ctx: &Ctx, state: State) -> String {
    ctx.text(&format!("state-{}", state.as_str()))
}

/// A domain refusal a publisher can act on, in words; anything else is a failure.
fn refusal_text(ctx: &Ctx, e: DomainError) -> Result<String, WebError> {
    let l = ctx.l();
    Ok(match e {
        DomainError::WrongState { state, .. } => {
            let state = ctx.text(&format!("state-{state}"));
            fl!(l, "consultation-wrong-state", state = state)
        }
        DomainError::Invalid(Field::Deadline) => fl!(l, "staff-consultation-deadline-passed"),
        DomainError::WrongKind { id, .. } => {
            fl!(l, "open-call-no-articles", code = format!("C{id}"))
        }
        other => return Err(other.into()),
    })
}

// ---------------------------------------------------------------------------- list

pub async fn list(ctx: Ctx, staff: Staff) -> Result<Response, WebError> {
    publisher(&staff)?;
    let all = ctx
        .state
        .db()
        .consultations()
        .list(&[
            State::Draft,
            State::Open,
            State::Closed,
            State::Concluded,
            State::Withdrawn,
        ])
        .await?;
    let mut shown: Vec<Consultation> = all.into_iter().filter(|c| concerns(&staff, c)).collect();
    shown.sort_by_key(|c| std::cmp::Reverse(c.id));
    let l = ctx.l();
    let title = fl!(l, "staff-consultations-title");
    let body = html! {
        h1 { (title) }
        @if drafter(&staff).is_ok() {
            p {
                a.button href="/staff/consultations/new" { (fl!(l, "staff-consultations-new")) }
                @if staff.access.role() == Role::Admin {
                    " "
                    a.button href="/staff/open-calls/new" { (fl!(l, "staff-open-call-new")) }
                }
            }
        }
        @if shown.is_empty() {
            p { (fl!(l, "staff-consultations-none")) }
        } @else {
            div.table-scroll role="region" aria-labelledby="list-caption" tabindex="0" {
                table {
                    caption #list-caption { (fl!(l, "staff-consultations-caption")) }
                    thead {
                        tr {
                            th scope="col" { (fl!(l, "staff-dashboard-col-consultation")) }
                            th scope="col" { (fl!(l, "staff-consultation-state")) }
                            th scope="col" { (fl!(l, "staff-dashboard-col-deadline")) }
                        }
                    }
                    tbody {
                        @for c in &shown {
                            tr {
                                th scope="row" {
                                    a href=(format!("/staff/consultations/{}", c.id)) { (c.code()) " " (c.title) }
                                }
                                td { (state_name(&ctx, c.state)) }
                                td { (ctx.time(c.closes_at)) }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(respond(
        &ctx,
        StatusCode::OK,
        staff_layout(&ctx, &staff, &title, body),
    ))
}

// ---------------------------------------------------------------------------- one

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    done: Option<String>,
    groups: Option<usize>,
}

pub async fn show(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    let c = visible(&ctx, &staff, &raw).await?;
    let l = ctx.l();
    let groups = q.groups.unwrap_or(0);
    let code = c.code();
    let notice = match q.done.as_deref() {
        Some("saved") => Some(fl!(l, "staff-consultation-saved", code = code.clone())),
        Some("published") if groups == 0 => {
            Some(fl!(l, "consultation-no-groups", code = code.clone()))
        }
        Some("published") => Some(fl!(
            l,
            "consultation-published",
            code = code.clone(),
            groups = groups
        )),
        Some("closed") => Some(fl!(
            l,
            "consultation-closed",
            code = code.clone(),
            groups = groups
        )),
        Some("withdrawn") => Some(fl!(
            l,
            "consultation-withdrawn",
            code = code.clone(),
            groups = groups
        )),
        Some("revised") if c.state == State::Open => Some(fl!(
            l,
            "revise-announced",
            code = code.clone(),
            version = c.version,
            groups = groups
        )),
        Some("revised") => Some(fl!(
            l,
            "staff-consultation-revised",
            code = code.clone(),
            version = c.version
        )),
        Some("concluded") => Some(fl!(
            l,
            "conclude-done",
            code = code.clone(),
            groups = groups
        )),
        Some("extended") => Some(fl!(
            l,
            "consultation-extended",
            code = code.clone(),
            deadline = ctx.time(c.closes_at),
            groups = groups
        )),
        Some("summary") => Some(fl!(l, "consultation-summary-set", code = code.clone())),
        Some("announced") => Some(fl!(
            l,
            "consultation-announced",
            code = code.clone(),
            groups = groups
        )),
        _ => None,
    };
    page(&ctx, &staff, &c, notice.map(Say::Notice), StatusCode::OK).await
}

async fn page(
    ctx: &Ctx,
    staff: &Staff,
    c: &Consultation,
    say: Option<Say>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let db = ctx.state.db();
    let draft = db.consultations().draft(c.id, c.version).await?;
    let points = db.points().list().await?;
    let groups = db
        .consultations()
        .groups(c, review::Scope::All)
        .await?
        .len();
    let l = ctx.l();
    let title = format!("{} {}", c.code(), c.title);
    let scope = scope_words(ctx, &c.scope, &points);
    let mine = manageable(staff, c);
    let id = c.id;
    let body = html! {
        h1 { (title) }
        @if let Some(s) = &say {
            (s)
        }
        dl {
            dt { (fl!(l, "staff-consultation-state")) }
            dd { (state_name(ctx, c.state)) }
            dt { (fl!(l, "staff-consultation-version")) }
            dd { (fl!(l, "staff-consultation-version-n", version = c.version)) }
            dt { (fl!(l, "staff-dashboard-col-deadline")) }
            dd { (ctx.time(c.closes_at)) }
            dt { (fl!(l, "staff-consultation-scope")) }
            dd { (scope) " " span.meta { (fl!(l, "staff-consultation-groups", groups = groups)) } }
            @if let Some(s) = &c.summary {
                dt { (fl!(l, "staff-field-summary")) }
                dd { (s) }
            }
            @if let Some(u) = &c.source_url {
                dt { (fl!(l, "staff-field-source")) }
                dd { a href=(u) rel="noopener noreferrer" { (u) } }
            }
            @if !c.occupations.is_empty() {
                dt { (fl!(l, "staff-field-occupations")) }
                dd { (c.occupations.join("、")) }
            }
        }
        @if c.is_public() {
            p { a href=(format!("/c/{id}")) { (fl!(l, "staff-consultation-public-page")) } }
        }
        @if mine {
            (actions(ctx, staff, c, groups))
        } @else if matches!(c.state, State::Draft | State::Open) {
            p.hint { (fl!(l, "consultation-not-yours")) }
        }
        @if c.open_at(ctx.state.now()) {
            h2 { (fl!(l, "staff-consultation-groups-title")) }
            ul.plain {
                li { a href=(format!("/staff/posters/{id}")) { (fl!(l, "staff-posters-title")) } }
                @if staff.access.announce_to(c).is_some() {
                    li { a href=(format!("/staff/consultations/{id}/announce")) { (fl!(l, "staff-consultation-announce")) } }
                }
            }
        }
        @if staff.access.role() == Role::Admin && matches!(c.state, State::Closed | State::Concluded) {
            h2 { (fl!(l, "staff-decisions-title")) }
            p { a.button href=(format!("/staff/consultations/{id}/decisions")) { (fl!(l, "staff-consultation-to-decisions")) } }
        }
        @if let Some(d) = &draft {
            (drafts::preview(ctx, d))
        }
    };
    Ok(respond(ctx, status, staff_layout(ctx, staff, &title, body)))
}

/// The buttons that fit the state: publish a draft; revise, close early or withdraw
/// an open one (a draft may be revised and withdrawn too).
fn actions(ctx: &Ctx, staff: &Staff, c: &Consultation, groups: usize) -> Markup {
    let l = ctx.l();
    let id = c.id;
    html! {
        @if matches!(c.state, State::Draft | State::Open) {
            h2 { (fl!(l, "staff-consultation-actions")) }
            @if c.state == State::Draft {
                form method="post" action=(format!("/staff/consultations/{id}/publish")) {
                    input type="hidden" name="csrf" value=(staff.csrf());
                    p.hint { (fl!(l, "staff-consultation-publish-hint", groups = groups)) }
                    button type="submit" { (fl!(l, "staff-consultation-publish")) }
                }
            }
            ul.plain {
                li { a href=(format!("/staff/consultations/{id}/extend")) { (fl!(l, "staff-consultation-extend")) } }
                li { a href=(format!("/staff/consultations/{id}/summary")) { (fl!(l, "staff-consultation-summary")) } }
                li { a href=(format!("/staff/consultations/{id}/revise")) { (fl!(l, "staff-consultation-revise")) } }
                @if c.state == State::Open {
                    li { a href=(format!("/staff/consultations/{id}/close")) { (fl!(l, "staff-consultation-close")) } }
                }
                li { a href=(format!("/staff/consultations/{id}/withdraw")) { (fl!(l, "staff-consultation-withdraw")) } }
            }
        }
    }
}

fn scope_words(ctx: &Ctx, scope: &Scope, points: &[ContactPoint]) -> String {
    match scope {
        Scope::All => fl!(ctx.l(), "scope-all"),
        Scope::Points(ids) => points
            .iter()
            .filter(|p| ids.contains(&p.id))
            .map(|p| p.name.clone())
            .collect::<Vec<_>>()
            .join("、"),
    }
}

// ---------------------------------------------------------------------------- actions

/// After an action: back to the consultation, saying what was done.
fn done(id: i64, what: &str, groups: usize) -> Response {
    Redirect::to(&format!(
        "/staff/consultations/{id}?done={what}&groups={groups}"
    ))
    .into_response()
}

/// The end of an action that may have queued broadcasts to `groups` groups: the
/// broadcast worker and the scheduler woken, and back to the consultation saying
/// `what` was done; or the consultation again with the domain's refusal.
async fn after(
    ctx: &Ctx,
    staff: &Staff,
    c: &Consultation,
    what: &str,
    groups: Result<usize, DomainError>,
) -> Result<Response, WebError> {
    match groups {
        Ok(groups) => {
            ctx.state.wakers().wake_all();
            Ok(done(c.id, what, groups))
        }
        Err(e) => {
            let text = refusal_text(ctx, e)?;
            page(
                ctx,
                staff,
                c,
                Some(Say::Problem(text)),
                StatusCode::CONFLICT,
            )
            .await
        }
    }
}

pub async fn publish(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    let c = managed(&ctx, &staff, &raw).await?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let result = ctx
        .state
        .db()
        .publish_announced(&render(&ctx), c.id, &by(&ctx, &staff), ctx.state.now())
        .await;
    after(&ctx, &staff, &c, "published", result.map(|a| a.groups)).await
}

/// The question before closing early or withdrawing, which cannot be undone.
async fn confirm(
    ctx: &Ctx,
    staff: &Staff,
    c: &Consultation,
    end: End,
) -> Result<Response, WebError> {
    let l = ctx.l();
    let groups = if c.state == State::Open {
        ctx.state
            .db()
            .consultations()
            .groups(c, review::Scope::All)
            .await?
            .len()
    } else {
        0
    };
    let (title, question, button, path) = match end {
        End::Close => (
            fl!(l, "staff-consultation-close"),
            fl!(l, "staff-close-question", code = c.code(), groups = groups),
            fl!(l, "staff-close-confirm"),
            "close",
        ),
        End::Withdraw => (
            fl!(l, "staff-consultation-withdraw"),
            fl!(
                l,
                "staff-withdraw-question",
                code = c.code(),
                groups = groups
            ),
            fl!(l, "staff-withdraw-confirm"),
            "withdraw",
        ),
    };
    let lead = format!("{} {}", c.code(), c.title);
    let action = format!("/staff/consultations/{}/{path}", c.id);
    let back = format!("/staff/consultations/{}", c.id);
    Ok(Question {
        title: &title,
        lead: &lead,
        question: &question,
        action: &action,
        button: &button,
        back: (&back, &fl!(l, "staff-back-to-consultation")),
        hidden: &[],
    }
    .page(ctx, staff))
}

async fn end(
    ctx: Ctx,
    staff: Staff,
    raw: String,
    csrf: String,
    end: End,
) -> Result<Response, WebError> {
    let c = managed(&ctx, &staff, &raw).await?;
    if !staff.csrf_ok(&csrf) {
        return Ok(refused(&ctx));
    }
    let result = ctx
        .state
        .db()
        .end_announced(&render(&ctx), c.id, end, &by(&ctx, &staff), ctx.state.now())
        .await;
    let what = match end {
        End::Close => "closed",
        End::Withdraw => "withdrawn",
    };
    after(&ctx, &staff, &c, what, result.map(|a| a.groups)).await
}

pub async fn close_confirm(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let c = managed(&ctx, &staff, &raw).await?;
    confirm(&ctx, &staff, &c, End::Close).await
}

pub async fn close(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    end(ctx, staff, raw, f.csrf, End::Close).await
}

pub async fn withdraw_confirm(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let c = managed(&ctx, &staff, &raw).await?;
    confirm(&ctx, &staff, &c, End::Withdraw).await
}

pub async fn withdraw(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    end(ctx, staff, raw, f.csrf, End::Withdraw).await
}

// ---------------------------------------------------------------------------- new

/// The details of a new consultation as typed, so that any refusal shows them again.
#[derive(Debug, Clone, Default)]
struct Details {
    title: String,
    deadline: String,
    /// "all" or "points" (admins); liaisons have no choice.
    scope: String,
    points: Vec<String>,
    summary: String,
    source_url: String,
    occupations: String,
}

impl Details {
    fn from(posted: &Posted) -> Details {
        Details {
            title: posted.get("title").to_owned(),
            deadline: posted.get("deadline").to_owned(),
            scope: posted.get("scope").to_owned(),
            points: posted.all("point").into_iter().map(str::to_owned).collect(),
            summary: posted.get("summary").to_owned(),
            source_url: posted.get("source_url").to_owned(),
            occupations: posted.get("occupations").to_owned(),
        }
    }

    fn hidden(&self) -> Markup {
        html! {
            input type="hidden" name="title" value=(self.title);
            input type="hidden" name="deadline" value=(self.deadline);
            input type="hidden" name="scope" value=(self.scope);
            @for p in &self.points {
                input type="hidden" name="point" value=(p);
            }
            input type="hidden" name="summary" value=(self.summary);
            input type="hidden" name="source_url" value=(self.source_url);
            input type="hidden" name="occupations" value=(self.occupations);
        }
    }
}

/// A field's problem, by the field's id.
pub(crate) type Problems = Vec<(&'static str, String)>;

/// The details checked against the chat's rules (the domain's `consultations::title`,
/// `summary`, `source_url`, `occupations`, `parse_deadline`), the title defaulting
/// to the one the parser found.
fn check(
    ctx: &Ctx,
    staff: &Staff,
    d: &Details,
    parsed: Option<&Parsed>,
    points: &[ContactPoint],
) -> Result<NewConsultation, Problems> {
    let l = ctx.l();
    let mut problems = Problems::new();
    let title = match (d.title.trim(), parsed.and_then(|p| p.draft.title.clone())) {
        ("", Some(found)) => consultations::title(&found).ok(),
        ("", None) => {
            problems.push(("title", fl!(l, "staff-need-title")));
            None
        }
        (typed, _) => match consultations::title(typed) {
            Ok(t) => Some(t),
            Err(_) => {
                problems.push(("title", fl!(l, "draft-bad-title")));
                None
            }
        },
    };
    let now = ctx.state.now();
    let closes_at = match parse_deadline(&d.deadline, ctx.state.settings().timezone) {
        Ok(t) if t > now => Some(t),
        _ => {
            problems.push(("deadline", fl!(l, "staff-bad-deadline")));
            None
        }
    };
    let scope = match staff.access.point() {
        Some(p) => Some(Scope::Points(vec![p.id])),
        None => chosen_scope(&d.scope, &d.points, points).or_else(|| {
            problems.push(("scope", fl!(l, "staff-need-points")));
            None
        }),
    };
    let optional = |raw: &str, check: fn(&str) -> Result<String, DomainError>| match raw.trim() {
        "" => Ok(None),
        t => check(t).map(Some),
    };
    let summary = optional(&d.summary, consultations::summary).unwrap_or_else(|_| {
        problems.push(("summary", fl!(l, "draft-bad-summary")));
        None
    });
    let source_url = optional(&d.source_url, consultations::source_url).unwrap_or_else(|_| {
        problems.push(("source_url", fl!(l, "staff-bad-url")));
        None
    });
    let occupations = match d.occupations.trim() {
        "" => vec![],
        t => consultations::occupations(t).unwrap_or_else(|_| {
            problems.push(("occupations", fl!(l, "staff-bad-occupations")));
            vec![]
        }),
    };
    match (title, closes_at, scope, parsed) {
        (Some(title), Some(closes_at), Some(scope), Some(p)) if problems.is_empty() => {
            Ok(NewConsultation {
                title,
                closes_at,
                scope,
                summary,
                source_url,
                occupations,
                draft: p.draft.clone(),
                source_name: p.source_name.clone(),
            })
        }
        _ => Err(problems),
    }
}

fn problem<'a>(problems: &'a Problems, field: &str) -> Option<&'a str> {
    problems
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, t)| t.as_str())
}

/// A field's own message, tied to it by `aria-describedby`.
fn field_problem(problems: &Problems, field: &str) -> Markup {
    html! {
        @if let Some(text) = problem(problems, field) {
            p.error id=(format!("{field}-error")) { (text) }
        }
    }
}

fn described(problems: &Problems, field: &str) -> Option<String> {
    problem(problems, field).map(|_| format!("{field}-error"))
}

/// The form: the draft's text, and the consultation's details.
#[allow(clippy::too_many_arguments)]
fn new_page(
    ctx: &Ctx,
    staff: &Staff,
    d: &Details,
    parsed: Option<&Parsed>,
    draft_problem: Option<&str>,
    problems: &Problems,
    points: &[ContactPoint],
    status: StatusCode,
) -> Response {
    let l = ctx.l();
    let title = fl!(l, "staff-consultations-new");
    let mut all: Vec<(&str, &str)> = Vec::new();
    if let Some(p) = draft_problem {
        all.push(("draft", p));
    }
    all.extend(problems.iter().map(|(f, t)| (*f, t.as_str())));
    let body = html! {
        h1 { (title) }
        @if !all.is_empty() {
            div.error role="alert" {
                p { (fl!(l, "web-form-problems")) }
                ul {
                    @for (field, text) in &all {
                        li { a href=(format!("#{field}")) { (text) } }
                    }
                }
            }
        }
        p.lead { (fl!(l, "staff-new-lead")) }
        form method="post" action="/staff/consultations/new" enctype="multipart/form-data" novalidate {
            input type="hidden" name="csrf" value=(staff.csrf());
            (drafts::text_fields(ctx, parsed, draft_problem))
            (details_fields(ctx, staff, d, problems, points))
            button type="submit" name="preview" value="1" { (fl!(l, "staff-new-preview")) }
        }
    };
    respond(ctx, status, staff_layout(ctx, staff, &title, body))
}

fn details_fields(
    ctx: &Ctx,
    staff: &Staff,
    d: &Details,
    problems: &Problems,
    points: &[ContactPoint],
) -> Markup {
    let l = ctx.l();
    html! {
        div.field {
            label for="title" { (fl!(l, "staff-field-title")) }
            p.hint #title-hint { (fl!(l, "staff-field-title-hint")) }
            (field_problem(problems, "title"))
            input #title type="text" name="title" value=(d.title)
                aria-describedby=(described(problems, "title").unwrap_or_else(|| "title-hint".into()));
        }
        div.field {
            label for="deadline" { (fl!(l, "staff-field-deadline")) }
            p.hint #deadline-hint { (fl!(l, "staff-field-deadline-hint")) }
            (field_problem(problems, "deadline"))
            input #deadline type="text" name="deadline" value=(d.deadline) inputmode="numeric"
                aria-describedby=(described(problems, "deadline").unwrap_or_else(|| "deadline-hint".into()));
        }
        @match staff.access.point() {
            Some(p) => {
                p #scope { (fl!(l, "staff-field-scope-own", point = p.name.clone())) }
            },
            None => (scope_fieldset(ctx, &d.scope, &d.points, problems, points)),
        }
        div.field {
            label for="summary" { (fl!(l, "staff-field-summary")) }
            p.hint #summary-hint { (fl!(l, "staff-field-summary-hint")) }
            (field_problem(problems, "summary"))
            textarea #summary name="summary" rows="4"
                aria-describedby=(described(problems, "summary").unwrap_or_else(|| "summary-hint".into())) { (d.summary) }
        }
        div.field {
            label for="source_url" { (fl!(l, "staff-field-source")) }
            (field_problem(problems, "source_url"))
            input #source_url type="url" name="source_url" value=(d.source_url) aria-describedby=[described(problems, "source_url")];
        }
        div.field {
            label for="occupations" { (fl!(l, "staff-field-occupations")) }
            p.hint #occupations-hint { (fl!(l, "staff-field-occupations-hint")) }
            (field_problem(problems, "occupations"))
            input #occupations type="text" name="occupations" value=(d.occupations)
                aria-describedby=(described(problems, "occupations").unwrap_or_else(|| "occupations-hint".into()));
        }
    }
}

/// The admin's choice of where a consultation (a draft or an open call) goes: every
/// contact point, or the active ones ticked (`scope` is "all" or "points").
pub(crate) fn scope_fieldset(
    ctx: &Ctx,
    scope: &str,
    chosen: &[String],
    problems: &Problems,
    points: &[ContactPoint],
) -> Markup {
    let l = ctx.l();
    let points_chosen = scope == "points";
    html! {
        fieldset #scope aria-describedby=[described(problems, "scope")] {
            legend { (fl!(l, "staff-field-scope")) }
            (field_problem(problems, "scope"))
            label {
                input type="radio" name="scope" value="all" checked[!points_chosen];
                (fl!(l, "scope-all"))
            }
            label {
                input type="radio" name="scope" value="points" checked[points_chosen];
                (fl!(l, "staff-field-scope-points"))
            }
            @for p in points.iter().filter(|p| p.active) {
                @let id = p.id.to_string();
                label.indent {
                    input type="checkbox" name="point" value=(id) checked[chosen.contains(&id)];
                    (p.name) " (" (p.code) ")"
                }
            }
        }
    }
}

/// The scope an admin chose with [`scope_fieldset`]; None for "points" with no active
/// point ticked.
pub(crate) fn chosen_scope(
    scope: &str,
    chosen: &[String],
    points: &[ContactPoint],
) -> Option<Scope> {
    if scope != "points" {
        return Some(Scope::All);
    }
    let mut ids: Vec<i64> = chosen
        .iter()
        .filter_map(|p| p.parse::<i64>().ok())
        .filter(|id| points.iter().any(|p| p.id == *id && p.active))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    (!ids.is_empty()).then_some(Scope::Points(ids))
}

/// The read-back: what the parser understood and the details as they will be saved,
/// with 「保存为草稿」 and 「返回修改」.
fn new_preview(
    ctx: &Ctx,
    staff: &Staff,
    d: &Details,
    parsed: &Parsed,
    new: &NewConsultation,
    points: &[ContactPoint],
) -> Response {
    let l = ctx.l();
    let title = fl!(l, "staff-new-check-title");
    let body = html! {
        h1 { (title) }
        p.lead { (fl!(l, "staff-new-check-lead")) }
        dl {
            dt { (fl!(l, "staff-field-title")) }
            dd { (new.title) }
            dt { (fl!(l, "staff-dashboard-col-deadline")) }
            dd { (ctx.time(new.closes_at)) }
            dt { (fl!(l, "staff-consultation-scope")) }
            dd { (scope_words(ctx, &new.scope, points)) }
            @if let Some(s) = &new.summary {
                dt { (fl!(l, "staff-field-summary")) }
                dd { (s) }
            }
            @if let Some(u) = &new.source_url {
                dt { (fl!(l, "staff-field-source")) }
                dd { (u) }
            }
            @if !new.occupations.is_empty() {
                dt { (fl!(l, "staff-field-occupations")) }
                dd { (new.occupations.join("、")) }
            }
        }
        form method="post" action="/staff/consultations/new" enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(staff.csrf());
            (d.hidden())
            (drafts::hidden_text(parsed))
            button type="submit" name="save" value="1" { (fl!(l, "staff-new-save")) }
            " "
            button.secondary type="submit" name="edit" value="1" { (fl!(l, "staff-new-edit")) }
        }
        (drafts::preview(ctx, &parsed.draft))
    };
    respond(ctx, StatusCode::OK, staff_layout(ctx, staff, &title, body))
}

pub async fn new_form(ctx: Ctx, staff: Staff) -> Result<Response, WebError> {
    drafter(&staff)?;
    let points = ctx.state.db().points().list().await?;
    let d = Details {
        scope: "all".into(),
        ..Details::default()
    };
    Ok(new_page(
        &ctx,
        &staff,
        &d,
        None,
        None,
        &Problems::new(),
        &points,
        StatusCode::OK,
    ))
}

pub async fn new_submit(
    ctx: Ctx,
    staff: Staff,
    headers: HeaderMap,
    multipart: Multipart,
) -> Result<Response, WebError> {
    drafter(&staff)?;
    let points = ctx.state.db().points().list().await?;
    let mut posted = match drafts::read(&headers, multipart).await {
        Ok(p) => p,
        Err(Unreadable::TooLarge(size)) => {
            let text = drafts::too_large(&ctx, size);
            let d = Details::default();
            return Ok(new_page(
                &ctx,
                &staff,
                &d,
                None,
                Some(&text),
                &Problems::new(),
                &points,
                StatusCode::PAYLOAD_TOO_LARGE,
            ));
        }
        Err(Unreadable::Malformed) => return Ok(StatusCode::BAD_REQUEST.into_response()),
    };
    if !staff.csrf_ok(posted.get("csrf")) {
        return Ok(refused(&ctx));
    }
    let d = Details::from(&posted);
    let l = ctx.l();
    let (parsed, draft_problem) = match drafts::parse(&mut posted).await? {
        Some(Ok(p)) => (Some(p), None),
        Some(Err(e)) => (None, Some(drafts::refusal(&ctx, &e))),
        None => (None, Some(fl!(l, "staff-draft-missing"))),
    };
    let checked = check(&ctx, &staff, &d, parsed.as_ref(), &points);
    let (Some(parsed), Ok(new)) = (parsed.as_ref(), checked.as_ref()) else {
        let problems = checked.err().unwrap_or_default();
        return Ok(new_page(
            &ctx,
            &staff,
            &d,
            parsed.as_ref(),
            draft_problem.as_deref(),
            &problems,
            &points,
            StatusCode::OK,
        ));
    };
    if posted.pressed("edit") {
        return Ok(new_page(
            &ctx,
            &staff,
            &d,
            Some(parsed),
            None,
            &Problems::new(),
            &points,
            StatusCode::OK,
        ));
    }
    if !posted.pressed("save") {
        return Ok(new_preview(&ctx, &staff, &d, parsed, new, &points));
    }
    let c = ctx
        .state
        .db()
        .consultations()
        .create(
            new,
            consult_domain::Actor::Person(staff.access.person()),
            ctx.state.now(),
        )
        .await?;
    Ok(done(c.id, "saved", 0))
}

// ---------------------------------------------------------------------------- revise

fn revise_page(
    ctx: &Ctx,
    staff: &Staff,
    c: &Consultation,
    parsed: Option<&Parsed>,
    problem: Option<&str>,
    status: StatusCode,
) -> Response {
    let l = ctx.l();
    let title = fl!(l, "staff-revise-title", code = c.code());
    let id = c.id;
    let body = html! {
        h1 { (title) }
        @if let Some(p) = problem {
            div.error role="alert" {
                p { (fl!(l, "web-form-problems")) }
                ul { li { a href="#draft" { (p) } } }
            }
        }
        p.lead { (c.title) }
        p { (fl!(l, "staff-revise-lead", version = c.version.saturating_add(1))) }
        form method="post" action=(format!("/staff/consultations/{id}/revise")) enctype="multipart/form-data" novalidate {
            input type="hidden" name="csrf" value=(staff.csrf());
            (drafts::text_fields(ctx, parsed, problem))
            button type="submit" name="preview" value="1" { (fl!(l, "staff-new-preview")) }
        }
        p { a href=(format!("/staff/consultations/{id}")) { (fl!(l, "staff-back-to-consultation")) } }
    };
    respond(ctx, status, staff_layout(ctx, staff, &title, body))
}

pub async fn revise_form(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let c = managed(&ctx, &staff, &raw).await?;
    Ok(revise_page(&ctx, &staff, &c, None, None, StatusCode::OK))
}

pub async fn revise_submit(
    ctx: Ctx,
    staff: Staff,
    headers: HeaderMap,
    Path(raw): Path<String>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let c = managed(&ctx, &staff, &raw).await?;
    let mut posted = match drafts::read(&headers, multipart).await {
        Ok(p) => p,
        Err(Unreadable::TooLarge(size)) => {
            let text = drafts::too_large(&ctx, size);
            let status = StatusCode::PAYLOAD_TOO_LARGE;
            return Ok(revise_page(&ctx, &staff, &c, None, Some(&text), status));
        }
        Err(Unreadable::Malformed) => return Ok(StatusCode::BAD_REQUEST.into_response()),
    };
    if !staff.csrf_ok(posted.get("csrf")) {
        return Ok(refused(&ctx));
    }
    let l = ctx.l();
    let parsed = match drafts::parse(&mut posted).await? {
        Some(Ok(p)) => p,
        Some(Err(e)) => {
            let text = drafts::refusal(&ctx, &e);
            return Ok(revise_page(
                &ctx,
                &staff,
                &c,
                None,
                Some(&text),
                StatusCode::OK,
            ));
        }
        None => {
            let text = fl!(l, "staff-draft-missing");
            return Ok(revise_page(
                &ctx,
                &staff,
                &c,
                None,
                Some(&text),
                StatusCode::OK,
            ));
        }
    };
    if posted.pressed("edit") {
        return Ok(revise_page(
            &ctx,
            &staff,
            &c,
            Some(&parsed),
            None,
            StatusCode::OK,
        ));
    }
    if !posted.pressed("save") {
        return revise_preview(&ctx, &staff, &c, &parsed).await;
    }
    let result = ctx
        .state
        .db()
        .revise_announced(
            &render(&ctx),
            c.id,
            &parsed.draft,
            &parsed.source_name,
            &by(&ctx, &staff),
            ctx.state.now(),
        )
        .await;
    after(&ctx, &staff, &c, "revised", result.map(|a| a.groups)).await
}

/// The revised draft as understood, what changed from the current version, and
/// 「保存为第 N 稿」.
async fn revise_preview(
    ctx: &Ctx,
    staff: &Staff,
    c: &Consultation,
    parsed: &Parsed,
) -> Result<Response, WebError> {
    let l = ctx.l();
    let current = ctx
        .state
        .db()
        .consultations()
        .draft(c.id, c.version)
        .await?;
    let changes = current.map(|old| {
        let r = consult_domain::draft::compare(&old, &parsed.draft);
        let added = r
            .articles
            .iter()
            .filter(|a| **a == consult_domain::draft::ArticleChange::Added)
            .count();
        let changed = r.changed().count() - added;
        (changed, added, r.removed.len())
    });
    let version = c.version + 1;
    let title = fl!(l, "staff-revise-title", code = c.code());
    let id = c.id;
    let body = html! {
        h1 { (title) }
        @if let Some((changed, added, removed)) = changes {
            p.notice role="status" {
                (fl!(l, "staff-revise-changes", version = c.version, changed = changed, added = added, removed = removed))
            }
        }
        @if c.state == State::Open {
            p { (fl!(l, "staff-revise-will-announce")) }
        }
        form method="post" action=(format!("/staff/consultations/{id}/revise")) enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(staff.csrf());
            (drafts::hidden_text(parsed))
            button type="submit" name="save" value="1" { (fl!(l, "staff-revise-save", version = version)) }
            " "
            button.secondary type="submit" name="edit" value="1" { (fl!(l, "staff-new-edit")) }
        }
        (drafts::preview(ctx, &parsed.draft))
    };
    Ok(respond(
        ctx,
        StatusCode::OK,
        staff_layout(ctx, staff, &title, body),
    ))
}

// ---------------------------------------------------------------------------- deadline, summary

#[derive(Debug, Default, Deserialize)]
pub struct DeadlineFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    deadline: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct SummaryFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    summary: String,
}

/// A form of one field (the deadline, the summary) about consultation `c`, with its
/// problem tied to it.
#[allow(clippy::too_many_arguments)]
fn one_field_page(
    ctx: &Ctx,
    staff: &Staff,
    c: &Consultation,
    title: &str,
    lead: &str,
    path: &str,
    field: Markup,
    button: &str,
) -> Response {
    let l = ctx.l();
    let id = c.id;
    let body = html! {
        h1 { (title) }
        p.lead { (c.code()) " " (c.title) }
        p { (lead) }
        form method="post" action=(format!("/staff/consultations/{id}/{path}")) novalidate {
            input type="hidden" name="csrf" value=(staff.csrf());
            (field)
            button type="submit" { (button) }
        }
        p { a href=(format!("/staff/consultations/{id}")) { (fl!(l, "staff-back-to-consultation")) } }
    };
    respond(ctx, StatusCode::OK, staff_layout(ctx, staff, title, body))
}

fn extend_page(
    ctx: &Ctx,
    staff: &Staff,
    c: &Consultation,
    typed: &str,
    problem: Option<&str>,
) -> Response {
    let l = ctx.l();
    let lead = if c.state == State::Open {
        fl!(
            l,
            "staff-extend-lead-open",
            deadline = ctx.time(c.closes_at)
        )
    } else {
        fl!(
            l,
            "staff-extend-lead-draft",
            deadline = ctx.time(c.closes_at)
        )
    };
    let field = html! {
        div.field {
            label for="deadline" { (fl!(l, "staff-extend-new")) }
            p.hint #deadline-hint { (fl!(l, "staff-field-deadline-hint")) }
            @if let Some(p) = problem {
                p.error #deadline-error role="alert" { (p) }
            }
            input #deadline type="text" name="deadline" value=(typed) inputmode="numeric"
                aria-describedby=(if problem.is_some() { "deadline-error deadline-hint" } else { "deadline-hint" });
        }
    };
    one_field_page(
        ctx,
        staff,
        c,
        &fl!(l, "staff-consultation-extend"),
        &lead,
        "extend",
        field,
        &fl!(l, "staff-extend-save"),
    )
}

pub async fn extend_form(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let c = managed(&ctx, &staff, &raw).await?;
    Ok(extend_page(&ctx, &staff, &c, "", None))
}

/// A new deadline, through `/extend`'s domain function: an open consultation's groups
/// get the notice of it, and the scheduler's reminders follow it.
pub async fn extend(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<DeadlineFields>,
) -> Result<Response, WebError> {
    let c = managed(&ctx, &staff, &raw).await?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let now = ctx.state.now();
    let Some(closes_at) = parse_deadline(&f.deadline, ctx.state.settings().timezone)
        .ok()
        .filter(|t| *t > now)
    else {
        let problem = fl!(ctx.l(), "staff-bad-deadline");
        return Ok(extend_page(&ctx, &staff, &c, &f.deadline, Some(&problem)));
    };
    let result = ctx
        .state
        .db()
        .extend_announced(&render(&ctx), c.id, closes_at, &by(&ctx, &staff), now)
        .await;
    after(&ctx, &staff, &c, "extended", result.map(|a| a.groups)).await
}

fn summary_page(
    ctx: &Ctx,
    staff: &Staff,
    c: &Consultation,
    typed: &str,
    problem: Option<&str>,
) -> Response {
    let l = ctx.l();
    let field = html! {
        div.field {
            label for="summary" { (fl!(l, "staff-field-summary")) }
            p.hint #summary-hint { (fl!(l, "staff-field-summary-hint")) }
            @if let Some(p) = problem {
                p.error #summary-error role="alert" { (p) }
            }
            textarea #summary name="summary" rows="6"
                aria-describedby=(if problem.is_some() { "summary-error summary-hint" } else { "summary-hint" }) { (typed) }
        }
    };
    one_field_page(
        ctx,
        staff,
        c,
        &fl!(l, "staff-consultation-summary"),
        &fl!(l, "staff-summary-lead"),
        "summary",
        field,
        &fl!(l, "staff-summary-save"),
    )
}

pub async fn summary_form(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let c = managed(&ctx, &staff, &raw).await?;
    let current = c.summary.clone().unwrap_or_default();
    Ok(summary_page(&ctx, &staff, &c, &current, None))
}

/// The summary corrected, as `/summary` does (no broadcast: the next card, reminder
/// and the web page show it).
pub async fn summary_submit(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<SummaryFields>,
) -> Result<Response, WebError> {
    let c = managed(&ctx, &staff, &raw).await?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let Ok(text) = consultations::summary(&f.summary) else {
        let problem = fl!(ctx.l(), "draft-bad-summary");
        return Ok(summary_page(&ctx, &staff, &c, &f.summary, Some(&problem)));
    };
    let result = ctx
        .state
        .db()
        .consultations()
        .set_summary(
            c.id,
            &text,
            consult_domain::Actor::Person(staff.access.person()),
            ctx.state.now(),
        )
        .await;
    after(&ctx, &staff, &c, "summary", result.map(|_| 0)).await
}

// ---------------------------------------------------------------------------- announce again

#[derive(Debug, Default, Deserialize)]
pub struct AnnounceFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    request: String,
}

/// The open consultation `raw` names, with where this person may announce it again
/// ([`consult_domain::access::Access::announce_to`]); else 404.
async fn announceable(
    ctx: &Ctx,
    staff: &Staff,
    raw: &str,
) -> Result<(Consultation, review::Scope), WebError> {
    let c = visible(ctx, staff, raw).await?;
    let only = staff.access.announce_to(&c).ok_or(WebError::NotFound)?;
    Ok((c, only))
}

/// A request's key: 128 random bits in hex, made with the question page, so that the
/// form posted twice (a double click, a resent post) announces once.
fn request_key() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub async fn announce_confirm(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let (c, only) = announceable(&ctx, &staff, &raw).await?;
    let groups = ctx.state.db().consultations().groups(&c, only).await?.len();
    let l = ctx.l();
    let lead = format!("{} {}", c.code(), c.title);
    let action = format!("/staff/consultations/{}/announce", c.id);
    let back = format!("/staff/consultations/{}", c.id);
    let request = request_key();
    Ok(Question {
        title: &fl!(l, "staff-consultation-announce"),
        lead: &lead,
        question: &fl!(
            l,
            "staff-announce-question",
            code = c.code(),
            groups = groups
        ),
        action: &action,
        button: &fl!(l, "staff-announce-confirm"),
        back: (&back, &fl!(l, "staff-back-to-consultation")),
        hidden: &[("request", &request)],
    }
    .page(&ctx, &staff))
}

/// Announces again, as `/announce` does: the current card to every group in scope (a
/// liaison: their own point's).
pub async fn announce(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<AnnounceFields>,
) -> Result<Response, WebError> {
    let (c, _) = announceable(&ctx, &staff, &raw).await?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let request = f.request.trim();
    if request.is_empty() || request.len() > 32 || !request.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(refused(&ctx));
    }
    let result = ctx
        .state
        .db()
        .announce_again(
            &render(&ctx),
            &c,
            &staff.access,
            &format!("web-{request}"),
            &by(&ctx, &staff),
            ctx.state.now(),
        )
        .await;
    after(&ctx, &staff, &c, "announced", result).await
}
