//! The staff console's 普法活动 pages: the events in the person's scope with their
//! figures (by contact point, month and kind) and the form to create one
//! (`/staff/events`); one event (`/staff/events/{id}`) with its check-in code and QR
//! code to show at the venue, who signed up (each marked present with a press), the
//! walk-ins, the note, the photos (uploaded here or sent in chat; staff only),
//! questions for the FAQ, the edit form and cancelling. Each
//! action goes through the same domain function as chat's `/event`
//! ([`consult_domain::events::Events`]), which re-checks the scope (an event outside it
//! is "not found") and writes the audit log. Plain forms; no JavaScript needed.

use std::collections::HashMap;

use axum::{
    Router,
    body::Bytes,
    extract::{DefaultBodyLimit, Multipart, Path, RawQuery},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use consult_domain::{
    Actor, Error as DomainError,
    events::{
        self, CheckinCode, Counts, Event, EventKind, EventStatus, Fields, Figures, NewEvent,
        PHOTOS_MAX, figures::figures,
    },
    photos::LIMIT_MB,
    qr::QrMatrix,
    review::Scope,
};
use maud::{Markup, PreEscaped, html};

use crate::{
    WebError, WebState,
    events::{event_block, refusal, teller},
    i18n::fl,
    page::{Ctx, respond},
    photos::{self, Upload},
    staff::{
        Say, Staff,
        login::refused,
        review::{pairs, value},
        scroll_table, staff_layout,
    },
};

/// Events listed at most.
const LISTED: i64 = 200;

pub fn router() -> Router<WebState> {
    Router::new()
        .route("/staff/events", get(list).post(create))
        .route("/staff/events/{id}", get(show))
        .route("/staff/events/{id}/{act}", post(act))
        .route(
            "/staff/events/{id}/photos",
            post(upload).layer(DefaultBodyLimit::max(photos::FORM_BODY_BYTES)),
        )
        .route("/staff/events/{id}/photos/{photo}", get(photo))
}

fn scope(staff: &Staff) -> Result<Scope, WebError> {
    staff.access.review().ok_or(WebError::NotFound)
}

async fn point_names(ctx: &Ctx) -> Result<HashMap<i64, String>, WebError> {
    Ok(ctx
        .state
        .db()
        .points()
        .list()
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect())
}

/// The figures of every event in the scope, by contact point, month and kind: on
/// this page and on the console's statistics page.
pub async fn figures_section(ctx: &Ctx, staff: &Staff) -> Result<Markup, WebError> {
    let scope = scope(staff)?;
    let all = ctx
        .state
        .db()
        .events()
        .between_in(scope, None, None)
        .await?;
    let f = figures(&all, ctx.state.settings().timezone);
    let points = point_names(ctx).await?;
    Ok(figures_table(ctx, &f, &points))
}

fn figures_table(ctx: &Ctx, f: &Figures, points: &HashMap<i64, String>) -> Markup {
    let l = ctx.l();
    let mut rows: Vec<(String, String, Counts)> = Vec::new();
    let (by_point, by_month, by_kind) = (
        fl!(l, "event-staff-by-point"),
        fl!(l, "event-staff-by-month"),
        fl!(l, "event-staff-by-kind"),
    );
    for (p, c) in &f.by_point {
        let name = p
            .and_then(|p| points.get(&p).cloned())
            .unwrap_or_else(|| fl!(l, "event-point-all"));
        rows.push((by_point.clone(), name, *c));
    }
    for (m, c) in &f.by_month {
        rows.push((by_month.clone(), m.clone(), *c));
    }
    for (k, c) in &f.by_kind {
        rows.push((by_kind.clone(), ctx.text(k.label_id()), *c));
    }
    let content = html! {
        thead { tr {
            th scope="col" { (fl!(l, "event-staff-figures-of")) }
            th scope="col" { "" }
            th.count scope="col" { (fl!(l, "staff-assessment-col-events")) }
            th.count scope="col" { (fl!(l, "event-button-signup")) }
            th.count scope="col" { (fl!(l, "event-staff-checked-in")) }
            th.count scope="col" { (fl!(l, "event-staff-walk-ins")) }
            th.count scope="col" { (fl!(l, "staff-assessment-col-events-reached")) }
        } }
        tbody {
            tr {
                th scope="row" { strong { (fl!(l, "relay-staff-figures-total")) } } td { "" }
                td.count { (f.total.events) } td.count { (f.total.signed_up) } td.count { (f.total.checked_in) }
                td.count { (f.total.walk_ins) } td.count { (f.total.reached()) }
            }
            @for (of, name, c) in &rows {
                tr {
                    th scope="row" { (of) } td { (name) }
                    td.count { (c.events) } td.count { (c.signed_up) } td.count { (c.checked_in) }
                    td.count { (c.walk_ins) } td.count { (c.reached()) }
                }
            }
        }
    };
    html! {
        @if f.total.events > 0 {
            h2 { (fl!(l, "event-staff-figures")) }
            (scroll_table("event-figures", &fl!(l, "event-staff-figures"), content))
        }
    }
}

/// `/staff/events`: the events, their figures, and the form to create one.
pub async fn list(ctx: Ctx, staff: Staff) -> Result<Response, WebError> {
    page(&ctx, &staff, &Form::default(), None, StatusCode::OK).await
}

/// The event form as typed, to show again after a refusal.
#[derive(Debug, Clone, Default)]
struct Form {
    point: String,
    title: String,
    kind: String,
    topic: String,
    starts: String,
    ends: String,
    venue: String,
    capacity: String,
    description: String,
    consultation: String,
}

impl Form {
    fn read(fields: &[(String, String)]) -> Form {
        let get = |n: &str| value(fields, n).unwrap_or_default().to_owned();
        Form {
            point: get("point"),
            title: get("title"),
            kind: get("kind"),
            topic: get("topic"),
            starts: get("starts"),
            ends: get("ends"),
            venue: get("venue"),
            capacity: get("capacity"),
            description: get("description"),
            consultation: get("consultation"),
        }
    }

    fn of(ctx: &Ctx, e: &Event) -> Form {
        let tz = ctx.state.settings().timezone;
        let time = |t: chrono::DateTime<chrono::Utc>| {
            t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
        };
        Form {
            point: e.point_id.map(|p| p.to_string()).unwrap_or_default(),
            title: e.title.clone(),
            kind: e.kind.as_str().to_owned(),
            topic: e.topic.clone(),
            starts: time(e.starts_at),
            ends: time(e.ends_at),
            venue: e.venue.as_str().to_owned(),
            capacity: e.capacity.map(|c| c.to_string()).unwrap_or_default(),
            description: e.description.clone(),
            consultation: e
                .consultation_id
                .map(|c| format!("C{c}"))
                .unwrap_or_default(),
        }
    }

    /// The event it describes, checked by the domain; `point` is the point the person
    /// may create it for (a liaison's own, or an admin's choice).
    async fn check(&self, ctx: &Ctx, point: Option<i64>) -> Result<NewEvent, DomainError> {
        let tz = ctx.state.settings().timezone;
        let kind = EventKind::read(&self.kind, ctx.state.locales())?;
        let (starts, ends) = events::parse_times(&self.starts, &self.ends, tz)?;
        let consultation = ctx.state.db().events().related(&self.consultation).await?;
        let fields = Fields {
            title: &self.title,
            topic: &self.topic,
            venue: &self.venue,
            capacity: &self.capacity,
            description: &self.description,
        };
        NewEvent::new(
            point,
            kind,
            fields,
            starts,
            ends,
            consultation,
            ctx.state.now(),
        )
    }

    /// The fields; the contact point only for an admin creating one.
    fn markup(&self, ctx: &Ctx, points: Option<&[consult_domain::points::ContactPoint]>) -> Markup {
        let l = ctx.l();
        html! {
            @if let Some(points) = points {
                div.field {
                    label for="point" { (fl!(l, "event-staff-point")) }
                    select id="point" name="point" {
                        option value="" selected[self.point.is_empty()] { (fl!(l, "event-point-all")) }
                        @for p in points.iter().filter(|p| p.active) {
                            option value=(p.id) selected[self.point == p.id.to_string()] { (p.name) }
                        }
                    }
                }
            }
            div.field { label for="title" { (fl!(l, "event-staff-title-field")) } input type="text" id="title" name="title" value=(self.title) required; }
            div.field {
                label for="kind" { (fl!(l, "event-staff-kind")) }
                select id="kind" name="kind" {
                    @for k in EventKind::ALL {
                        option value=(k.as_str()) selected[self.kind == k.as_str()] { (ctx.text(k.label_id())) }
                    }
                }
            }
            div.field { label for="topic" { (fl!(l, "event-staff-topic")) } input type="text" id="topic" name="topic" value=(self.topic) required; }
            p.hint id="time-hint" { (fl!(l, "event-staff-time-hint")) }
            div.field { label for="starts" { (fl!(l, "event-staff-starts")) } input type="text" id="starts" name="starts" value=(self.starts) placeholder="2026-12-10 14:00" aria-describedby="time-hint" required; }
            div.field { label for="ends" { (fl!(l, "event-staff-ends")) } input type="text" id="ends" name="ends" value=(self.ends) placeholder="2026-12-10 16:00" aria-describedby="time-hint" required; }
            div.field { label for="venue" { (fl!(l, "event-staff-venue")) } input type="text" id="venue" name="venue" value=(self.venue) required; }
            div.field { label for="capacity" { (fl!(l, "event-staff-capacity")) } input type="number" id="capacity" name="capacity" min="0" value=(self.capacity); }
            div.field { label for="description" { (fl!(l, "event-staff-description")) } textarea id="description" name="description" rows="4" { (self.description) } }
            div.field { label for="consultation" { (fl!(l, "event-staff-consultation")) } input type="text" id="consultation" name="consultation" value=(self.consultation) placeholder="C12"; }
        }
    }
}

async fn page(
    ctx: &Ctx,
    staff: &Staff,
    form: &Form,
    say: Option<Say>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let scope = scope(staff)?;
    let db = ctx.state.db();
    let list = db.events().list(scope, LISTED).await?;
    let list = db.events().with_counts(list).await?;
    let points = db.points().list().await?;
    let figures = figures_section(ctx, staff).await?;
    let l = ctx.l();
    let t = teller(ctx);
    let title = fl!(l, "event-staff-title");
    let table = html! {
        thead { tr {
            th scope="col" { (fl!(l, "event-staff-code")) }
            th scope="col" { (fl!(l, "event-staff-title-field")) }
            th scope="col" { (fl!(l, "event-web-when")) }
            th scope="col" { (fl!(l, "event-web-status")) }
            th.count scope="col" { (fl!(l, "event-button-signup")) }
            th.count scope="col" { (fl!(l, "event-staff-checked-in")) }
            th.count scope="col" { (fl!(l, "staff-assessment-col-events-reached")) }
        } }
        tbody {
            @for (e, c) in &list {
                tr {
                    th scope="row" { a href=(format!("/staff/events/{}", e.id)) { (e.code()) } }
                    td { (e.title) }
                    td { (t.when(ctx.locale, e)) }
                    td { (ctx.text(e.status.label_id())) }
                    td.count { (c.signed_up) } td.count { (c.checked_in) } td.count { (c.reached()) }
                }
            }
        }
    };
    let admin_points = (scope == Scope::All).then_some(points.as_slice());
    let body = html! {
        h1 { (title) }
        @if let Some(say) = say { (say) }
        @if list.is_empty() {
            p { (fl!(l, "event-staff-none-web")) }
        } @else {
            (scroll_table("event-list", &title, table))
        }
        (figures)
        h2 { (fl!(l, "event-staff-new")) }
        form method="post" action="/staff/events" {
            input type="hidden" name="csrf" value=(staff.csrf());
            (form.markup(ctx, admin_points))
            button type="submit" { (fl!(l, "event-publish")) }
        }
    };
    Ok(respond(ctx, status, staff_layout(ctx, staff, &title, body)))
}

/// Creates an event from the form and announces it to the point's groups.
pub async fn create(ctx: Ctx, staff: Staff, body: Bytes) -> Result<Response, WebError> {
    let scope = scope(&staff)?;
    let fields = pairs(&body);
    if !staff.csrf_ok(value(&fields, "csrf").unwrap_or_default()) {
        return Ok(refused(&ctx));
    }
    let form = Form::read(&fields);
    let point = match scope {
        Scope::Point(p) => Some(p),
        Scope::All => form.point.parse::<i64>().ok(),
        // County staff hold events at one of their district's points.
        Scope::District(_) => form
            .point
            .parse::<i64>()
            .ok()
            .filter(|p| staff.access.reaches_point(Some(*p))),
    };
    let result = match form.check(&ctx, point).await {
        Ok(new) => {
            let actor = Actor::Person(staff.access.person());
            ctx.state
                .db()
                .events()
                .create(teller(&ctx), &new, actor, ctx.state.now())
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok((e, _)) => {
            ctx.state.wakers().wake_all();
            Ok(Redirect::to(&format!("/staff/events/{}?done=1", e.id)).into_response())
        }
        Err(e) => {
            let text = refusal(&ctx, &e).ok_or(e)?;
            let say = Some(Say::Problem(text));
            page(&ctx, &staff, &form, say, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// One event: its figures, the check-in code, who signed up, the after-event entries,
/// the edit form and cancelling.
pub async fn show(
    ctx: Ctx,
    staff: Staff,
    Path(id): Path<i64>,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let scope = scope(&staff)?;
    let e = reachable(&ctx, id, scope).await?;
    let query = pairs(raw.unwrap_or_default().as_bytes());
    let say = value(&query, "done").map(|_| Say::Notice(fl!(ctx.l(), "relay-staff-done")));
    detail(&ctx, &staff, &e, say, None, None, StatusCode::OK).await
}

async fn reachable(ctx: &Ctx, id: i64, scope: Scope) -> Result<Event, WebError> {
    match ctx.state.db().events().reachable(id, scope).await {
        Ok(e) => Ok(e),
        Err(DomainError::UnknownEvent(_)) => Err(WebError::NotFound),
        Err(e) => Err(e.into()),
    }
}

async fn detail(
    ctx: &Ctx,
    staff: &Staff,
    e: &Event,
    say: Option<Say>,
    code: Option<&CheckinCode>,
    form: Option<&Form>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let db = ctx.state.db();
    let c = db.events().counts(e).await?;
    let signups = db.events().signups(e.id).await?;
    let photos = db.events().photos(e.id).await?;
    let l = ctx.l();
    let now = ctx.state.now();
    let csrf = staff.csrf();
    let action = |act: &str| format!("/staff/events/{}/{act}", e.id);
    let title = format!("{} {}", e.code(), e.title);
    let edit = form.cloned().unwrap_or_else(|| Form::of(ctx, e));
    let page_url = format!(
        "{}/e/{}",
        ctx.state.settings().base_url.as_str().trim_end_matches('/'),
        e.id
    );
    let roster = html! {
        thead { tr {
            th scope="col" { "#" }
            th scope="col" { (fl!(l, "event-web-name")) }
            th scope="col" { (fl!(l, "event-web-status")) }
            th scope="col" { (fl!(l, "event-staff-channel")) }
            th scope="col" { (fl!(l, "event-staff-checked-in")) }
        } }
        tbody {
            @for (i, s) in signups.iter().enumerate() {
                tr {
                    td { (i + 1) }
                    td { (s.name.clone().unwrap_or_else(|| fl!(l, "event-anonymous"))) }
                    td { (ctx.text(s.status.label_id())) }
                    td { (ctx.text(s.channel.label_id())) }
                    td {
                        @if let Some(at) = s.checked_in_at {
                            (fl!(l, "event-web-present")) " " (ctx.time(at))
                            @if let Some(by) = s.checked_in_by { " · " (ctx.text(by.label_id())) }
                        }
                        @if e.status == EventStatus::Scheduled {
                            form.inline method="post" action=(action("present")) {
                                input type="hidden" name="csrf" value=(csrf);
                                input type="hidden" name="signup" value=(s.id);
                                input type="hidden" name="present" value=(if s.checked_in_at.is_some() { "0" } else { "1" });
                                button.secondary type="submit" aria-label=(format!("{} {}", if s.checked_in_at.is_some() { fl!(l, "event-staff-unmark") } else { fl!(l, "event-staff-mark") }, i + 1)) {
                                    @if s.checked_in_at.is_some() { (fl!(l, "event-staff-unmark")) } @else { (fl!(l, "event-staff-mark")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    let body = html! {
        @if let Some(say) = say { (say) }
        (event_block(ctx, e, &c))
        p { (fl!(l, "event-view-figures", signed = c.signed_up, waiting = c.waiting, checked = c.checked_in, walkins = c.walk_ins, reached = c.reached())) }
        p { (fl!(l, "event-staff-page")) " " a href=(page_url) { (page_url) } }
        @if e.status == EventStatus::Scheduled {
            h2 { (fl!(l, "event-button-code")) }
            @if let Some(code) = code {
                div.notice role="status" {
                    p { (fl!(l, "event-staff-code-once")) }
                    p { code.checkin { (code.as_str()) } }
                    @let url = code.url(&ctx.state.settings().base_url);
                    p { a href=(url) { (url) } }
                    @if let Ok(qr) = QrMatrix::encode(&url) {
                        div.qr { (PreEscaped(qr.to_svg(&fl!(l, "event-button-code")))) }
                    }
                }
            } @else if e.has_code {
                p { (fl!(l, "event-staff-code-made")) }
            }
            form method="post" action=(action("code")) {
                input type="hidden" name="csrf" value=(csrf);
                button type="submit" { (fl!(l, "event-staff-code-new")) }
            }
        }
        @if signups.is_empty() {
            h2 { (fl!(l, "event-button-roster")) }
            p { (fl!(l, "event-staff-roster-empty")) }
        } @else {
            (scroll_table("event-roster", &fl!(l, "event-button-roster"), roster))
        }
        @if e.status == EventStatus::Scheduled {
            h2 { (fl!(l, "event-staff-after")) }
            form method="post" action=(action("walkins")) {
                input type="hidden" name="csrf" value=(csrf);
                label for="walkins" { (fl!(l, "event-staff-walk-ins")) }
                input type="number" id="walkins" name="walkins" min="0" value=(e.walk_ins);
                button type="submit" { (fl!(l, "event-staff-save")) }
            }
            form method="post" action=(action("note")) {
                input type="hidden" name="csrf" value=(csrf);
                label for="note" { (fl!(l, "event-staff-note")) }
                textarea id="note" name="note" rows="4" { (e.note.clone().unwrap_or_default()) }
                button type="submit" { (fl!(l, "event-staff-save")) }
            }
            form method="post" action=(action("question")) {
                input type="hidden" name="csrf" value=(csrf);
                label for="question" { (fl!(l, "event-staff-question")) }
                textarea id="question" name="question" rows="2" {}
                button type="submit" { (fl!(l, "event-staff-question-add")) }
            }
        }
        (photo_section(ctx, e, &photos, &csrf))
        @if e.status == EventStatus::Scheduled && now < e.starts_at {
            h2 { (fl!(l, "event-staff-edit")) }
            form method="post" action=(action("edit")) {
                input type="hidden" name="csrf" value=(csrf);
                (edit.markup(ctx, None))
                button type="submit" { (fl!(l, "event-staff-save")) }
            }
            h2 { (fl!(l, "event-button-cancel")) }
            form method="post" action=(action("cancel")) {
                input type="hidden" name="csrf" value=(csrf);
                p { (fl!(l, "event-staff-cancel-warning", count = (c.signed_up + c.waiting))) }
                button.danger type="submit" { (fl!(l, "event-button-cancel-confirm")) }
            }
        }
        p { a href="/staff/events" { (fl!(l, "event-staff-title")) } }
    };
    Ok(respond(ctx, status, staff_layout(ctx, staff, &title, body)))
}

/// The event's photos, each with its delete button, and the upload form (once the
/// event is going ahead). Staff only: the resident's page of the event shows none.
fn photo_section(ctx: &Ctx, e: &Event, photos: &[events::EventPhoto], csrf: &str) -> Markup {
    let l = ctx.l();
    let code = e.code();
    html! {
        h2 { (fl!(l, "event-staff-photos")) }
        p.hint { (fl!(l, "event-staff-photos-private", count = photos.len(), max = PHOTOS_MAX)) }
        @if !photos.is_empty() {
            ul.photos {
                @for (i, p) in photos.iter().enumerate() {
                    @let n = i + 1;
                    li {
                        img.photo src=(format!("/staff/events/{}/photos/{}", e.id, p.id)) alt=(fl!(l, "event-staff-photo-alt", code = code.clone(), n = n));
                        form.inline method="post" action=(format!("/staff/events/{}/photo-delete", e.id)) {
                            input type="hidden" name="csrf" value=(csrf);
                            input type="hidden" name="photo" value=(p.id);
                            button.secondary type="submit" { (fl!(l, "event-staff-photo-delete", n = n)) }
                        }
                    }
                }
            }
        }
        @if e.status == EventStatus::Scheduled {
            form method="post" enctype="multipart/form-data" action=(format!("/staff/events/{}/photos", e.id)) {
                input type="hidden" name="csrf" value=(csrf);
                label for="photo-file" { (fl!(l, "event-staff-photo-field")) }
                p.hint id="photo-hint" { (fl!(l, "event-staff-photo-hint", mb = LIMIT_MB.to_string())) }
                input type="file" id="photo-file" name="file" accept="image/jpeg,image/png,image/webp" aria-describedby="photo-hint";
                button type="submit" { (fl!(l, "event-staff-photo-upload")) }
            }
            p.hint { (fl!(l, "event-staff-photos-hint", code = code.clone())) }
        }
    }
}

/// A photo uploaded in the console (`multipart/form-data`): checked and kept with the
/// event, or refused with the rule and nothing kept.
pub async fn upload(
    ctx: Ctx,
    staff: Staff,
    Path(id): Path<i64>,
    form: Multipart,
) -> Result<Response, WebError> {
    let scope = scope(&staff)?;
    let upload = match Upload::read(form).await {
        Ok(u) => u,
        Err(response) => return Ok(response),
    };
    // A body cut off before its token still ends here: the limit is said, not a CSRF.
    if !upload.too_large && !staff.csrf_ok(upload.value("csrf").unwrap_or_default()) {
        return Ok(refused(&ctx));
    }
    let e = reachable(&ctx, id, scope).await?;
    let l = ctx.l();
    let (problem, status) = match upload.photo() {
        None => (
            fl!(l, "event-staff-photo-none"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Some(Err(err)) if upload.too_large => {
            (photos::refused(&ctx, err), StatusCode::PAYLOAD_TOO_LARGE)
        }
        Some(Err(err)) => (photos::refused(&ctx, err), StatusCode::UNPROCESSABLE_ENTITY),
        Some(Ok(photo)) => {
            let actor = Actor::Person(staff.access.person());
            let now = ctx.state.now();
            match ctx
                .state
                .db()
                .events()
                .add_photo(id, &photo, scope, actor, now)
                .await
            {
                Ok(_) => {
                    return Ok(Redirect::to(&format!("/staff/events/{id}?done=1")).into_response());
                }
                Err(err) => (
                    refusal(&ctx, &err).ok_or(err)?,
                    StatusCode::UNPROCESSABLE_ENTITY,
                ),
            }
        }
    };
    detail(
        &ctx,
        &staff,
        &e,
        Some(Say::Problem(problem)),
        None,
        None,
        status,
    )
    .await
}

/// One photo of an event, for staff whose scope holds it; "not found" for anyone else.
pub async fn photo(
    ctx: Ctx,
    staff: Staff,
    Path((id, photo)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let scope = scope(&staff)?;
    let photo = ctx
        .state
        .db()
        .events()
        .photo(id, photo, scope)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(photos::response(photo))
}

/// One action on one event.
pub async fn act(
    ctx: Ctx,
    staff: Staff,
    Path((id, act)): Path<(i64, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let scope = scope(&staff)?;
    let fields = pairs(&body);
    if !staff.csrf_ok(value(&fields, "csrf").unwrap_or_default()) {
        return Ok(refused(&ctx));
    }
    let e = reachable(&ctx, id, scope).await?;
    let db = ctx.state.db();
    let db = db.events();
    let now = ctx.state.now();
    let actor = Actor::Person(staff.access.person());
    let get = |name: &str| value(&fields, name).unwrap_or_default();
    let mut form = None;
    let result: Result<Option<CheckinCode>, DomainError> = match act.as_str() {
        "code" => db.new_code(id, scope, actor, now).await.map(Some),
        "present" => match get("signup").parse::<i64>() {
            Ok(s) => db
                .mark_present(s, get("present") == "1", scope, actor, now)
                .await
                .map(|_| None),
            Err(_) => Err(DomainError::UnknownEvent(id)),
        },
        "walkins" => match events::walk_ins(get("walkins")) {
            Ok(n) => db
                .set_walk_ins(id, n, scope, actor, now)
                .await
                .map(|_| None),
            Err(e) => Err(e),
        },
        "note" => db
            .set_note(id, get("note"), scope, actor, now)
            .await
            .map(|_| None),
        "question" => db
            .add_question(id, get("question"), scope, actor, now)
            .await
            .map(|_| None),
        "photo-delete" => match get("photo").parse::<i64>() {
            Ok(p) => db
                .delete_photo(id, p, scope, actor, now)
                .await
                .map(|_| None),
            Err(_) => Err(DomainError::UnknownEvent(id)),
        },
        "cancel" => db
            .cancel(teller(&ctx), id, scope, actor, now)
            .await
            .map(|_| None),
        "edit" => {
            let f = Form::read(&fields);
            let checked = f.check(&ctx, e.point_id).await;
            form = Some(f);
            match checked {
                Ok(new) => db
                    .edit(teller(&ctx), id, &new, scope, actor, now)
                    .await
                    .map(|_| None),
                Err(err) => Err(err),
            }
        }
        _ => return Err(WebError::NotFound),
    };
    let e = reachable(&ctx, id, scope).await?;
    let l = ctx.l();
    match result {
        Ok(Some(code)) => {
            let say = Some(Say::Notice(fl!(l, "relay-staff-done")));
            detail(&ctx, &staff, &e, say, Some(&code), None, StatusCode::OK).await
        }
        Ok(None) => {
            ctx.state.wakers().wake_all();
            Ok(Redirect::to(&format!("/staff/events/{id}?done=1")).into_response())
        }
        // A sign-up of an event outside the scope (or of none) is as unknown as it.
        Err(DomainError::UnknownEvent(_)) => Err(WebError::NotFound),
        Err(err) => {
            let text = refusal(&ctx, &err).ok_or(err)?;
            let say = Some(Say::Problem(text));
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            detail(&ctx, &staff, &e, say, None, form.as_ref(), status).await
        }
    }
}
