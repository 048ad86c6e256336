//! The resident's 普法活动 pages: the list, one event with its sign-up form, the
//! private link that manages a sign-up, the calendar file and the check-in page. The
//! same CSRF token and honeypot as an opinion ([`crate::opinions::form`]); the rules
//! are the domain's ([`consult_domain::events`]), the same as in chat. A refusal (an
//! event called off or begun, a forged or reused check-in code, a name too long)
//! shows the page again with the reason, and stores nothing.

use axum::{
    Form,
    extract::{Path, Query},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use consult_domain::{
    Error as DomainError,
    events::{
        self, CheckinCode, Counts, Event, EventStatus, Joiner, Signup, SignupStatus, Teller, Venue,
    },
    opinions::web::StatusToken,
};
use maud::{Markup, html};
use serde::Deserialize;

use crate::{
    WebError,
    i18n::fl,
    opinions::form::guards,
    page::{Ctx, layout, respond},
    visitor::Visitor,
};

/// Events listed at most.
const LISTED: i64 = 50;

/// What the events' words are written with, on the web.
pub fn teller(ctx: &Ctx) -> Teller<'_> {
    let settings = ctx.state.settings();
    Teller {
        locales: ctx.state.locales(),
        default_locale: settings.default_locale,
        timezone: settings.timezone,
        web_url: Some(&settings.base_url),
    }
}

/// A refusal in words, or None for a failure that is not the person's doing.
pub fn refusal(ctx: &Ctx, e: &DomainError) -> Option<String> {
    events::refusal_id(e).map(|id| ctx.text(id))
}

/// The status a refusal is answered with.
fn refusal_status(e: &DomainError) -> StatusCode {
    match e {
        DomainError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        DomainError::UnknownEvent(_) => StatusCode::NOT_FOUND,
        _ => StatusCode::CONFLICT,
    }
}

/// What, when, where, the seats: the top of every event page.
pub fn event_block(ctx: &Ctx, e: &Event, c: &Counts) -> Markup {
    let l = ctx.l();
    let t = teller(ctx);
    html! {
        h1 { (e.title) " " span.meta { (e.code()) } }
        p.lead { (ctx.text(e.kind.label_id())) " · " (e.topic) }
        dl {
            dt { (fl!(l, "event-web-when")) } dd { (t.when(ctx.locale, e)) }
            dt { (fl!(l, "event-web-where")) }
            dd {
                @match &e.venue {
                    Venue::Online(url) => { a href=(url) rel="noopener noreferrer" { (url) } }
                    Venue::Place(p) => { (p) }
                }
            }
            dt { (fl!(l, "event-web-seats")) }
            dd {
                @match e.capacity {
                    Some(cap) => { (fl!(l, "event-web-seats-line", capacity = cap, signed = c.signed_up, waiting = c.waiting)) }
                    None => { (fl!(l, "event-web-seats-open-line", signed = c.signed_up)) }
                }
            }
            @if let Some(c) = e.consultation_id {
                dt { (fl!(l, "event-web-consultation")) }
                dd { a href=(ctx.link(&format!("/c/{c}"))) { "C" (c) } }
            }
            @if e.status == EventStatus::Cancelled {
                dt { (fl!(l, "event-web-status")) } dd.status { strong { (ctx.text(e.status.label_id())) } }
            }
        }
        @if !e.description.is_empty() {
            (crate::opinions::multiline(&e.description))
        }
    }
}

/// `/events` (`?p=CODE`: that point's and the city-wide ones).
pub async fn list(ctx: Ctx) -> Result<Response, WebError> {
    let db = ctx.state.db();
    let point = match &ctx.via {
        Some(code) => db.points().find(code).await?.map(|p| p.id),
        None => None,
    };
    let upcoming = db.events().upcoming(point, ctx.state.now(), LISTED).await?;
    let l = ctx.l();
    let title = fl!(l, "event-web-list-title");
    let t = teller(&ctx);
    let body = html! {
        h1 { (title) }
        @if upcoming.is_empty() {
            p { (fl!(l, "event-list-none")) }
        } @else {
            ul.cards {
                @for e in &upcoming {
                    li {
                        a.card href=(ctx.link(&format!("/e/{}", e.id))) {
                            span.title { (e.title) }
                            span.meta { (ctx.text(e.kind.label_id())) " · " (t.when(ctx.locale, e)) " · " (e.venue.as_str()) }
                        }
                    }
                }
            }
        }
    };
    Ok(respond(&ctx, StatusCode::OK, layout(&ctx, &title, body)))
}

async fn event(ctx: &Ctx, raw: &str) -> Result<(Event, Counts), WebError> {
    let id = events::parse_code(raw).ok_or(WebError::NotFound)?;
    let db = ctx.state.db();
    let e = db.events().get(id).await?.ok_or(WebError::NotFound)?;
    let c = db.events().counts(&e).await?;
    Ok((e, c))
}

/// The sign-up form as posted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SignupFields {
    pub name: String,
    pub csrf: String,
    /// The honeypot: hidden from people, filled in by robots.
    pub website: String,
    pub init_data: String,
}

/// One event: what, when, where, and this browser's sign-up or the form to make one.
pub async fn show(
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let (e, c) = event(&ctx, &raw).await?;
    page(&ctx, &visitor, &e, &c, "", None, StatusCode::OK).await
}

async fn page(
    ctx: &Ctx,
    visitor: &Visitor,
    e: &Event,
    c: &Counts,
    name: &str,
    problem: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let l = ctx.l();
    let token = visitor.event_token(e.id);
    let mine = ctx
        .state
        .db()
        .events()
        .by_token(&token)
        .await?
        .filter(|s| s.status.active());
    let now = ctx.state.now();
    let body = html! {
        (event_block(ctx, e, c))
        @if let Some(p) = &problem {
            p.error role="alert" { (p) }
        }
        @if let Some(s) = &mine {
            div.notice role="status" {
                p { (fl!(l, "event-web-signed-up", status = ctx.text(s.status.label_id()))) }
                p { a href=(ctx.link(&format!("/e/m/{}", token.as_str()))) { (fl!(l, "event-web-manage")) } }
            }
        } @else if e.open_for_signup(now) {
            h2 { (fl!(l, "event-web-signup-title")) }
            form method="post" novalidate action=(ctx.link(&format!("/e/{}", e.id))) {
                (guards(&visitor.csrf(), "", ctx))
                div.field {
                    label for="name" { (fl!(l, "event-web-name")) }
                    p.hint id="name-hint" { (fl!(l, "event-web-name-hint")) }
                    input type="text" id="name" name="name" value=(name) autocomplete="name" aria-describedby="name-hint";
                }
                button type="submit" { (fl!(l, "event-button-signup")) }
            }
        } @else if e.status == EventStatus::Scheduled {
            p { (fl!(l, "event-refused-started")) }
        }
        p { a href=(ctx.link(&format!("/e/{}/event.ics", e.id))) { (fl!(l, "event-web-ics")) } }
        p { a href=(ctx.link("/events")) { (fl!(l, "event-web-list-title")) } }
    };
    Ok(respond(ctx, status, layout(ctx, &e.title, body)))
}

/// 「报名」: checks the form, then signs the browser up and opens its private link.
pub async fn sign_up(
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
    Form(f): Form<SignupFields>,
) -> Result<Response, WebError> {
    let (e, c) = event(&ctx, &raw).await?;
    let l = ctx.l();
    if !visitor.csrf_ok(&f.csrf) {
        let p = Some(fl!(l, "web-form-expired"));
        return page(&ctx, &visitor, &e, &c, &f.name, p, StatusCode::FORBIDDEN).await;
    }
    if !f.website.is_empty() {
        let p = Some(fl!(l, "web-form-honeypot-filled"));
        return page(&ctx, &visitor, &e, &c, &f.name, p, StatusCode::BAD_REQUEST).await;
    }
    let token = visitor.event_token(e.id);
    let result = as_browser(&ctx, &visitor, e.id, &f.name, Act::SignUp).await;
    match result {
        Ok(_) => {
            tracing::info!(event = e.id, "普法活动 sign-up on the web");
            let to = ctx.link(&format!("/e/m/{}?new=1", token.as_str()));
            Ok(Redirect::to(&to).into_response())
        }
        Err(err) => {
            let status = refusal_status(&err);
            let text = refusal(&ctx, &err).ok_or(err)?;
            page(&ctx, &visitor, &e, &c, &f.name, Some(text), status).await
        }
    }
}

/// What a browser does with an event: sign up, or check in with the venue's code.
enum Act<'a> {
    SignUp,
    CheckIn(&'a CheckinCode),
}

/// Signs the browser up for event `event`, or checks it in, with the name it gave
/// (checked first: a name too long stores nothing).
async fn as_browser(
    ctx: &Ctx,
    visitor: &Visitor,
    event: i64,
    raw_name: &str,
    act: Act<'_>,
) -> Result<Signup, DomainError> {
    let name = events::name(raw_name)?;
    let token = visitor.event_token(event);
    let sender = visitor.sender();
    let joiner = Joiner::Web {
        token: &token,
        sender: &sender,
        name: name.as_deref(),
        locale: ctx.locale,
    };
    let db = ctx.state.db();
    let now = ctx.state.now();
    match act {
        Act::SignUp => db
            .events()
            .sign_up(event, joiner, now)
            .await
            .map(|(s, _)| s),
        Act::CheckIn(code) => db
            .events()
            .check_in(code, joiner, now)
            .await
            .map(|(_, s)| s),
    }
}

#[derive(Deserialize)]
pub struct Shown {
    new: Option<String>,
    cancelled: Option<String>,
}

async fn signup_by(ctx: &Ctx, raw: &str) -> Result<(StatusToken, Signup, Event), WebError> {
    let token = StatusToken::parse(raw).ok_or(WebError::NotFound)?;
    let db = ctx.state.db();
    let s = db
        .events()
        .by_token(&token)
        .await?
        .ok_or(WebError::NotFound)?;
    let e = db
        .events()
        .get(s.event_id)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok((token, s, e))
}

/// The private link: the event, where the sign-up stands (a seat, the waiting list
/// and its place in it, checked in, cancelled), when the reminders fall, and the way
/// to cancel.
pub async fn manage(
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
    Query(shown): Query<Shown>,
) -> Result<Response, WebError> {
    let (token, s, e) = signup_by(&ctx, &raw).await?;
    let db = ctx.state.db();
    let c = db.events().counts(&e).await?;
    let position = db.events().waiting_position(&s).await?;
    let l = ctx.l();
    let t = teller(&ctx);
    let now = ctx.state.now();
    let [day, hour] = e.reminder_times();
    let status = match (s.checked_in_at, s.status, position) {
        (Some(_), _, _) => fl!(l, "event-view-mine-checked"),
        (None, SignupStatus::Waiting, Some(p)) => fl!(l, "event-web-waiting", position = p),
        _ => ctx.text(s.status.label_id()),
    };
    let title = fl!(l, "event-web-manage");
    let body = html! {
        @if shown.new.is_some() {
            div.notice role="status" {
                p { (fl!(l, "event-web-done")) }
                p { (fl!(l, "event-web-keep-link")) }
            }
        }
        @if shown.cancelled.is_some() {
            div.notice role="status" { p { (fl!(l, "event-withdrawn")) } }
        }
        (event_block(&ctx, &e, &c))
        h2 { (title) }
        dl {
            dt { (fl!(l, "event-web-status")) } dd.status { strong { (status) } }
            @if let Some(name) = &s.name {
                dt { (fl!(l, "event-web-name")) } dd { (name) }
            }
            @if e.status == EventStatus::Scheduled && s.status.active() {
                dt { (fl!(l, "event-web-reminders")) }
                dd {
                    (fl!(l, "event-web-reminder-times", day = t.time(ctx.locale, day), hour = t.time(ctx.locale, hour)))
                }
            }
        }
        @if s.status.active() && e.open_for_signup(now) {
            form method="post" action=(ctx.link(&format!("/e/m/{}/cancel", token.as_str()))) {
                input type="hidden" name="csrf" value=(visitor.csrf());
                button.secondary type="submit" { (fl!(l, "event-button-withdraw")) }
            }
        } @else if !s.status.active() && e.open_for_signup(now) {
            p { a href=(ctx.link(&format!("/e/{}", e.id))) { (fl!(l, "event-web-again")) } }
        }
        p { a href=(ctx.link(&format!("/e/{}/event.ics", e.id))) { (fl!(l, "event-web-ics")) } }
    };
    Ok(respond(&ctx, StatusCode::OK, layout(&ctx, &title, body)))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CsrfOnly {
    pub csrf: String,
}

/// 「取消报名」 from the private link: the seat goes to the first person waiting.
pub async fn withdraw(
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    let (token, s, e) = signup_by(&ctx, &raw).await?;
    let l = ctx.l();
    if !visitor.csrf_ok(&f.csrf) {
        return Ok(message(
            &ctx,
            &e.title,
            &fl!(l, "web-form-expired"),
            StatusCode::FORBIDDEN,
        ));
    }
    match ctx
        .state
        .db()
        .events()
        .withdraw(teller(&ctx), &s, ctx.state.now())
        .await
    {
        Ok(_) => {
            ctx.state.wakers().broadcast.notify_one();
            let to = ctx.link(&format!("/e/m/{}?cancelled=1", token.as_str()));
            Ok(Redirect::to(&to).into_response())
        }
        Err(err) => {
            let text = refusal(&ctx, &err).ok_or(err)?;
            Ok(message(&ctx, &e.title, &text, StatusCode::CONFLICT))
        }
    }
}

/// A page that says one thing (a refusal, a check-in done).
fn message(ctx: &Ctx, title: &str, text: &str, status: StatusCode) -> Response {
    let role = if status.is_success() {
        "status"
    } else {
        "alert"
    };
    let class = if status.is_success() {
        "notice"
    } else {
        "error"
    };
    let body = html! {
        h1 { (title) }
        p class=(class) role=(role) { (text) }
        p { a href=(ctx.link("/events")) { (fl!(ctx.l(), "event-web-list-title")) } }
    };
    respond(ctx, status, layout(ctx, title, body))
}

/// The event as an iCalendar file.
pub async fn calendar(ctx: Ctx, Path(raw): Path<String>) -> Result<Response, WebError> {
    let (e, _) = event(&ctx, &raw).await?;
    let base = &ctx.state.settings().base_url;
    let host = base.host_str().unwrap_or("consult-bot");
    let page = format!("{}/e/{}", base.as_str().trim_end_matches('/'), e.id);
    let body = events::ics::calendar(&e, host, &page, ctx.state.now());
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}.ics\"", e.code())) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// The event a check-in link names, if it is an event's current code.
async fn by_code(ctx: &Ctx, raw: &str) -> Result<Option<(CheckinCode, Event)>, WebError> {
    let Ok(code) = CheckinCode::parse(raw) else {
        return Ok(None);
    };
    Ok(ctx
        .state
        .db()
        .events()
        .by_code(&code)
        .await?
        .map(|e| (code, e)))
}

/// The page saying a check-in code is wrong (mistyped, forged or replaced).
fn wrong_code(ctx: &Ctx) -> Response {
    let l = ctx.l();
    let title = fl!(l, "event-web-checkin-title");
    let text = fl!(l, "event-refused-unknown-code");
    message(ctx, &title, &text, StatusCode::NOT_FOUND)
}

/// The page the venue's QR code opens: the event and 「签到」 (a name is optional).
/// Opening it checks nobody in (a messenger's link preview must not).
pub async fn checkin_page(
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let Some((code, e)) = by_code(&ctx, &raw).await? else {
        return Ok(wrong_code(&ctx));
    };
    checkin_form(&ctx, &visitor, &code, &e, None, StatusCode::OK).await
}

async fn checkin_form(
    ctx: &Ctx,
    visitor: &Visitor,
    code: &CheckinCode,
    e: &Event,
    problem: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let l = ctx.l();
    let mine = ctx
        .state
        .db()
        .events()
        .by_token(&visitor.event_token(e.id))
        .await?;
    let title = fl!(l, "event-web-checkin-title");
    let now = ctx.state.now();
    let body = html! {
        h1 { (title) }
        p.lead { (e.title) " " span.meta { (e.code()) } }
        p { (teller(ctx).when(ctx.locale, e)) " · " (e.venue.as_str()) }
        @if let Some(p) = &problem {
            p.error role="alert" { (p) }
        }
        @if mine.as_ref().is_some_and(|s| s.checked_in_at.is_some()) {
            p.notice role="status" { (fl!(l, "event-refused-checked-in")) }
        } @else if !e.checkin_open(now) {
            p.error role="alert" { (fl!(l, "event-refused-not-now")) }
        } @else {
            form method="post" novalidate action=(ctx.link(&format!("/e/checkin/{}", code.as_str()))) {
                (guards(&visitor.csrf(), "", ctx))
                @if mine.is_none() {
                    div.field {
                        label for="name" { (fl!(l, "event-web-name")) }
                        p.hint id="name-hint" { (fl!(l, "event-web-name-hint")) }
                        input type="text" id="name" name="name" autocomplete="name" aria-describedby="name-hint";
                    }
                }
                button type="submit" { (fl!(l, "event-web-checkin")) }
            }
        }
    };
    Ok(respond(ctx, status, layout(ctx, &title, body)))
}

/// 「签到」: checks this browser in (its sign-up, or as someone who came without one).
pub async fn check_in(
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
    Form(f): Form<SignupFields>,
) -> Result<Response, WebError> {
    let Some((code, e)) = by_code(&ctx, &raw).await? else {
        return Ok(wrong_code(&ctx));
    };
    let l = ctx.l();
    if !visitor.csrf_ok(&f.csrf) || !f.website.is_empty() {
        let p = Some(fl!(l, "web-form-expired"));
        return checkin_form(&ctx, &visitor, &code, &e, p, StatusCode::FORBIDDEN).await;
    }
    let result = as_browser(&ctx, &visitor, e.id, &f.name, Act::CheckIn(&code)).await;
    match result {
        Ok(_) => {
            tracing::info!(event = e.id, "普法活动 check-in on the web");
            let text = fl!(l, "event-web-checked-in", title = e.title.clone());
            Ok(message(
                &ctx,
                &fl!(l, "event-web-checkin-title"),
                &text,
                StatusCode::OK,
            ))
        }
        Err(err) => {
            let text = refusal(&ctx, &err).ok_or(err)?;
            checkin_form(&ctx, &visitor, &code, &e, Some(text), StatusCode::CONFLICT).await
        }
    }
}
