//! The staff console's 社情民意 pages: the triage queue by status (`/staff/reports`),
//! one report with its history and the liaison's actions — re-categorise, merge into
//! another, forward to a department, close with a reason, record an answer received
//! by phone or letter — and, for admins, the department directory
//! (`/staff/departments`). Each action goes through the same domain function as the
//! chat's buttons ([`consult_domain::relay::Relay`]), which re-checks the scope: a
//! report outside it is "not found". Plain forms; no JavaScript needed.

use axum::{
    body::Bytes,
    extract::{Path, RawQuery},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use consult_domain::{
    Actor, Error as DomainError,
    relay::{
        AnswerVia, CategoryCode, CloseReason, Department, DepartmentLink, NewDepartment, Receipt,
        RelayOutcome, Report, ReportStatus, Teller, photos, stats,
    },
    review::Scope,
};
use maud::{Markup, html};

use crate::{
    WebError,
    i18n::fl,
    page::{Ctx, respond},
    staff::{
        Say, Staff,
        login::refused,
        review::{pairs, value},
        staff_layout,
    },
};

/// Rows of the queue shown at once.
const QUEUE_ROWS: i64 = 200;
const EXCERPT_CHARS: usize = 60;

fn scope(staff: &Staff) -> Result<Scope, WebError> {
    staff.access.review().ok_or(WebError::NotFound)
}

fn teller(ctx: &Ctx) -> Teller<'_> {
    Teller {
        locales: ctx.state.locales(),
        default_locale: ctx.state.settings().default_locale,
    }
}

fn category_name(
    ctx: &Ctx,
    categories: &[consult_domain::relay::Category],
    code: &CategoryCode,
) -> String {
    categories
        .iter()
        .find(|c| &c.code == code)
        .map(|c| c.label(ctx.state.locales(), ctx.locale))
        .unwrap_or_else(|| code.as_str().to_owned())
}

/// The queue: open reports (or one status), oldest first.
pub async fn queue(ctx: Ctx, staff: Staff, RawQuery(raw): RawQuery) -> Result<Response, WebError> {
    let scope = scope(&staff)?;
    let query = pairs(raw.unwrap_or_default().as_bytes());
    let status = value(&query, "status").and_then(ReportStatus::parse);
    let db = ctx.state.db();
    let reports = db.relay().queue(scope, status, QUEUE_ROWS).await?;
    let unreached = db.relay().unreached(scope).await?;
    let figures = db
        .relay()
        .figures(ctx.state.locales(), ctx.locale, scope)
        .await?;
    let categories = db.relay().all_categories().await?;
    let l = ctx.l();
    let title = fl!(l, "relay-staff-title");
    let body = html! {
        h1 { (title) }
        nav.filters aria-label=(fl!(l, "relay-web-status")) {
            a href="/staff/reports" aria-current=[status.is_none().then_some("true")] { (fl!(l, "relay-staff-open")) }
            @for s in ReportStatus::ALL {
                " · "
                a href=(format!("/staff/reports?status={}", s.as_str())) aria-current=[(status == Some(s)).then_some("true")] { (ctx.text(s.label_id())) }
            }
        }
        @if staff.access.role() == consult_domain::roles::Role::Admin {
            p {
                a href="/staff/departments" { (fl!(l, "relay-staff-departments")) }
                " · "
                a href="/staff/categories" { (fl!(l, "relay-staff-categories")) }
            }
        }
        @if reports.is_empty() {
            p { (fl!(l, "relay-staff-empty")) }
        } @else {
            table {
                thead { tr {
                    th { (fl!(l, "relay-web-receipt")) }
                    th { (fl!(l, "relay-web-category")) }
                    th { (fl!(l, "relay-web-status")) }
                    th { (fl!(l, "relay-web-reported-at")) }
                    th { (fl!(l, "relay-web-what")) }
                } }
                tbody {
                    @for r in &reports {
                        tr {
                            td { a href=(format!("/staff/reports/{}", r.id)) { (r.receipt.as_str()) } }
                            td { (category_name(&ctx, &categories, &r.category)) }
                            td { (ctx.text(r.status.label_id())) }
                            td { (ctx.time(r.created_at)) }
                            td { (r.body.chars().take(EXCERPT_CHARS).collect::<String>()) }
                        }
                    }
                }
            }
        }
        (figures_table(&ctx, &figures))
        // Those the bot cannot tell (no chat, no status link, or a message that
        // failed): the liaison tells them in person, as for opinions.
        @if !unreached.is_empty() {
            h2 { (fl!(l, "relay-staff-unreached")) }
            ul {
                @for r in &unreached {
                    li {
                        a href=(format!("/staff/reports/{}", r.id)) { (r.receipt.as_str()) }
                        " · " (ctx.text(r.status.label_id()))
                        " · " (r.body.chars().take(EXCERPT_CHARS).collect::<String>())
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

/// The figures (by status, category, contact point and department, with the median
/// days to an answer) of every report in the person's scope: the domain's table, the
/// same that chat's /stats shows.
fn figures_table(ctx: &Ctx, f: &stats::Table) -> Markup {
    let l = ctx.l();
    let days = |c: &stats::Counts| {
        c.median_days
            .map(|d| format!("{d:.1}"))
            .unwrap_or_else(|| "–".to_owned())
    };
    html! {
        @if f.total.reports > 0 {
            h2 { (fl!(l, "relay-staff-figures")) }
            p {
                @for (status, n) in &f.by_status {
                    (ctx.text(status.label_id())) " " (n) "　"
                }
            }
            table {
                thead { tr {
                    th { (fl!(l, "relay-staff-figures-of")) }
                    th { (fl!(l, "relay-staff-figures-reports")) }
                    th { (fl!(l, "relay-staff-figures-forwarded")) }
                    th { (fl!(l, "relay-staff-figures-answered")) }
                    th { (fl!(l, "relay-staff-figures-days")) }
                } }
                tbody {
                    tr {
                        td { strong { (fl!(l, "relay-staff-figures-total")) } }
                        td { (f.total.reports) } td { (f.total.forwarded) } td { (f.total.answered) } td { (days(&f.total)) }
                    }
                    @for row in &f.rows {
                        tr { td { (row.name) } td { (row.counts.reports) } td { (row.counts.forwarded) } td { (row.counts.answered) } td { (days(&row.counts)) } }
                    }
                }
            }
        }
    }
}

/// One report, its history and the actions open to it now.
pub async fn show(
    ctx: Ctx,
    staff: Staff,
    Path(id): Path<i64>,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let scope = scope(&staff)?;
    let r = match ctx.state.db().relay().reachable(id, scope).await {
        Ok(r) => r,
        Err(DomainError::UnknownReport(_)) => return Err(WebError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let query = pairs(raw.unwrap_or_default().as_bytes());
    let say = value(&query, "done").map(|_| Say::Notice(fl!(ctx.l(), "relay-staff-done")));
    detail(&ctx, &staff, &r, say, None, StatusCode::OK).await
}

async fn detail(
    ctx: &Ctx,
    staff: &Staff,
    r: &Report,
    say: Option<Say>,
    link: Option<&DepartmentLink>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let db = ctx.state.db();
    let history = db.relay().history(r.id).await?;
    let categories = db.relay().all_categories().await?;
    let all_departments = db.relay().departments().await?;
    // A retired department keeps its name on the reports it had.
    let department = r
        .department_id
        .and_then(|id| all_departments.iter().find(|d| d.id == id))
        .map(|d| d.name.clone());
    let departments: Vec<&Department> = all_departments.iter().filter(|d| d.active).collect();
    let photos = photos::web_photos(r);
    let l = ctx.l();
    let title = fl!(l, "relay-staff-report", receipt = r.receipt.as_str());
    let action = |act: &str| format!("/staff/reports/{}/{act}", r.id);
    let csrf = staff.csrf();
    let forwardable = matches!(r.status, ReportStatus::Received | ReportStatus::Forwarded)
        || (r.status == ReportStatus::Answered && r.outcome == Some(RelayOutcome::NotOurs));
    let body = html! {
        h1 { (title) }
        @if let Some(say) = say { (say) }
        @if let Some(link) = link {
            div.notice role="status" {
                p { (fl!(l, "relay-staff-link")) }
                p { code { (link.url(&ctx.state.settings().base_url)) } }
            }
        }
        dl {
            dt { (fl!(l, "relay-web-status")) } dd { (ctx.text(r.status.label_id())) }
            dt { (fl!(l, "relay-web-category")) } dd { (category_name(ctx, &categories, &r.category)) }
            dt { (fl!(l, "relay-web-what")) } dd { (crate::opinions::multiline(&r.body)) }
            dt { (fl!(l, "relay-web-place")) } dd { (r.place) }
            dt { (fl!(l, "relay-web-reporter")) }
            dd { @match &r.reporter_name { Some(n) => { (n) } None => { (ctx.text("identity-anonymous")) } } }
            dt { (fl!(l, "relay-web-channel")) } dd { (ctx.text(r.channel.label_id())) }
            @if !r.attachments.is_empty() {
                dt { (fl!(l, "relay-web-attachments")) } dd { (r.attachments.len()) }
            }
            @for (i, p) in photos.iter().enumerate() {
                dt { (fl!(l, "relay-web-photo", n = ((i + 1) as i64))) }
                dd { img.photo src=(format!("/staff/reports/{}/photos/{p}", r.id)) alt=(fl!(l, "relay-web-photo-alt", receipt = r.receipt.as_str(), n = ((i + 1) as i64))); }
            }
            @if let Some(d) = &department {
                dt { (fl!(l, "relay-web-department")) } dd { (d) }
            }
            @if let (Some(o), Some(a)) = (r.outcome, &r.answer) {
                dt { (fl!(l, "relay-web-answer")) } dd { strong { (ctx.text(o.label_id())) } " " (a) }
            }
        }
        h2 { (fl!(l, "relay-web-history")) }
        ol.history {
            @for e in &history {
                li { (ctx.time(e.at)) " · " (ctx.text(e.kind.label_id())) }
            }
        }
        @if r.status.open() {
            h2 { (fl!(l, "relay-staff-category")) }
            form method="post" action=(action("recategorise")) {
                input type="hidden" name="csrf" value=(csrf);
                label for="category" { (fl!(l, "relay-web-category")) }
                select id="category" name="category" {
                    @for c in categories.iter().filter(|c| c.active || c.code == r.category) {
                        option value=(c.code.as_str()) selected[c.code == r.category] { (c.label(ctx.state.locales(), ctx.locale)) }
                    }
                }
                button type="submit" { (fl!(l, "relay-staff-recategorise")) }
            }
        }
        @if forwardable && !departments.is_empty() {
            h2 { (fl!(l, "relay-staff-forward")) }
            form method="post" action=(action("forward")) {
                input type="hidden" name="csrf" value=(csrf);
                label for="department" { (fl!(l, "relay-web-department")) }
                select id="department" name="department" {
                    @for d in &departments {
                        option value=(d.id) { (d.name) @if d.handles(&r.category) { " ★" } }
                    }
                }
                button type="submit" { (fl!(l, "relay-staff-forward")) }
            }
        }
        @if r.status == ReportStatus::Received {
            h2 { (fl!(l, "relay-staff-merge")) }
            form method="post" action=(action("merge")) {
                input type="hidden" name="csrf" value=(csrf);
                label for="into" { (fl!(l, "relay-staff-merge-into")) }
                input type="text" id="into" name="into" placeholder="S-0001";
                button type="submit" { (fl!(l, "relay-staff-merge")) }
            }
        }
        @if r.status == ReportStatus::Forwarded {
            h2 { (fl!(l, "relay-staff-record")) }
            form method="post" action=(action("answer")) {
                input type="hidden" name="csrf" value=(csrf);
                fieldset {
                    legend { (fl!(l, "relay-dept-outcome")) }
                    @for o in RelayOutcome::ALL {
                        label { input type="radio" name="outcome" value=(o.as_str()); (ctx.text(o.label_id())) }
                    }
                }
                fieldset {
                    legend { (fl!(l, "relay-staff-via")) }
                    @for v in AnswerVia::RECORDED {
                        label { input type="radio" name="via" value=(v.as_str()); (ctx.text(v.label_id())) }
                    }
                }
                label for="answer" { (fl!(l, "relay-web-answer")) }
                textarea id="answer" name="answer" rows="4" {}
                button type="submit" { (fl!(l, "relay-staff-record")) }
            }
        }
        @if r.status.open() {
            h2 { (fl!(l, "relay-staff-close")) }
            form method="post" action=(action("close")) {
                input type="hidden" name="csrf" value=(csrf);
                fieldset {
                    legend { (fl!(l, "relay-staff-close-reason")) }
                    @for c in CloseReason::ALL {
                        label { input type="radio" name="reason" value=(c.as_str()); (ctx.text(c.label_id())) }
                    }
                }
                label for="note" { (fl!(l, "relay-staff-note")) }
                textarea id="note" name="note" rows="3" {}
                button type="submit" { (fl!(l, "relay-staff-close")) }
            }
        }
        p { a href="/staff/reports" { (fl!(l, "relay-staff-title")) } }
    };
    Ok(respond(ctx, status, staff_layout(ctx, staff, &title, body)))
}

/// One action on one report.
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
    let db = ctx.state.db();
    let relay = db.relay();
    let now = ctx.state.now();
    let actor = Actor::Person(staff.access.person());
    let settings = ctx.state.settings().relay;
    let l = ctx.l();
    let get = |name: &str| value(&fields, name).unwrap_or_default();
    let result: Result<Option<DepartmentLink>, DomainError> = match act.as_str() {
        "recategorise" => relay
            .recategorise(id, get("category"), scope, actor, now)
            .await
            .map(|_| None),
        "forward" => match get("department").parse::<i64>() {
            Ok(d) => relay
                .forward(teller(&ctx), &settings, id, d, scope, actor, now)
                .await
                .map(|(_, link)| Some(link)),
            Err(_) => Err(DomainError::UnknownDepartment(0)),
        },
        "merge" => match Receipt::parse(get("into")) {
            Some(receipt) => match relay.by_receipt(&receipt, scope).await? {
                Some(into) => relay
                    .merge(teller(&ctx), id, into.id, scope, actor, now)
                    .await
                    .map(|_| None),
                None => Err(DomainError::UnknownReport(0)),
            },
            None => Err(DomainError::UnknownReport(0)),
        },
        "close" => match CloseReason::parse(get("reason")) {
            Some(reason) => relay
                .close(
                    teller(&ctx),
                    id,
                    reason,
                    Some(get("note")),
                    scope,
                    actor,
                    now,
                )
                .await
                .map(|_| None),
            None => Err(DomainError::Invalid(
                consult_domain::error::Field::ReportAnswer,
            )),
        },
        "answer" => match (
            RelayOutcome::parse(get("outcome")),
            AnswerVia::parse(get("via")).filter(|v| AnswerVia::RECORDED.contains(v)),
        ) {
            (Some(outcome), Some(via)) => relay
                .record_answer(
                    teller(&ctx),
                    id,
                    outcome,
                    get("answer"),
                    via,
                    scope,
                    actor,
                    now,
                )
                .await
                .map(|_| None),
            _ => Err(DomainError::Invalid(
                consult_domain::error::Field::ReportAnswer,
            )),
        },
        _ => return Err(WebError::NotFound),
    };
    let r = match relay.reachable(id, scope).await {
        Ok(r) => r,
        Err(DomainError::UnknownReport(_)) => return Err(WebError::NotFound),
        Err(e) => return Err(e.into()),
    };
    match result {
        Ok(link) => {
            ctx.state.wakers().broadcast.notify_one();
            match link {
                Some(link) => {
                    let say = Some(Say::Notice(fl!(l, "relay-staff-done")));
                    detail(&ctx, &staff, &r, say, Some(&link), StatusCode::OK).await
                }
                None => Ok(Redirect::to(&format!("/staff/reports/{id}?done=1")).into_response()),
            }
        }
        Err(e) => {
            let text = refusal(&ctx, &e).ok_or(e)?;
            detail(
                &ctx,
                &staff,
                &r,
                Some(Say::Problem(text)),
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// A refusal in words, or None for a failure that is not the person's doing.
pub fn refusal(ctx: &Ctx, e: &DomainError) -> Option<String> {
    let l = ctx.l();
    Some(match e {
        DomainError::UnknownReport(_) => fl!(l, "relay-unknown-report"),
        DomainError::UnknownDepartment(_) => fl!(l, "relay-unknown-department"),
        DomainError::ReportState { status, .. } => {
            fl!(l, "relay-wrong-state", status = ctx.text(status.label_id()))
        }
        DomainError::Invalid(consult_domain::error::Field::Category) => {
            fl!(l, "relay-bad-category")
        }
        DomainError::Invalid(_) => fl!(l, "relay-staff-incomplete"),
        DomainError::DuplicateDepartment(name) => {
            fl!(l, "relay-duplicate-department", name = name.clone())
        }
        _ => return None,
    })
}

fn is_admin(staff: &Staff) -> bool {
    staff.access.role() == consult_domain::roles::Role::Admin
}

/// The directory: every department with the categories it handles, its state and
/// the button to retire (no longer offered for forwarding; the reports it had keep
/// its name) or restore it; and the form to add one.
fn departments_page(
    ctx: &Ctx,
    staff: &Staff,
    departments: &[Department],
    categories: &[consult_domain::relay::Category],
    say: Option<Say>,
    status: StatusCode,
) -> Response {
    let l = ctx.l();
    let title = fl!(l, "relay-staff-departments");
    let names = |d: &Department| -> String {
        d.categories
            .iter()
            .map(|c| category_name(ctx, categories, c))
            .collect::<Vec<_>>()
            .join("、")
    };
    let csrf = staff.csrf();
    let body: Markup = html! {
        h1 { (title) }
        @if let Some(say) = say { (say) }
        table {
            thead { tr {
                th { (fl!(l, "relay-web-department")) }
                th { (fl!(l, "relay-staff-officer")) }
                th { (fl!(l, "relay-web-category")) }
                th { (fl!(l, "relay-web-status")) }
            } }
            tbody {
                @for d in departments {
                    tr {
                        td { (d.name) @if d.committee { " · " (fl!(l, "relay-staff-committee")) } }
                        td { (d.contact.clone().unwrap_or_default()) }
                        td { (names(d)) }
                        td {
                            form method="post" action=(format!("/staff/departments/{}/active", d.id)) {
                                input type="hidden" name="csrf" value=(csrf);
                                @if d.active {
                                    (fl!(l, "relay-staff-in-use")) " "
                                    input type="hidden" name="active" value="0";
                                    button.secondary type="submit" aria-label=(fl!(l, "relay-staff-retire-named", name = d.name.clone())) { (fl!(l, "relay-staff-retire")) }
                                } @else {
                                    (fl!(l, "relay-staff-retired")) " "
                                    input type="hidden" name="active" value="1";
                                    button.secondary type="submit" aria-label=(fl!(l, "relay-staff-restore-named", name = d.name.clone())) { (fl!(l, "relay-staff-restore")) }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { (fl!(l, "relay-staff-add-department")) }
        form method="post" action="/staff/departments" {
            input type="hidden" name="csrf" value=(csrf);
            div.field { label for="name" { (fl!(l, "relay-web-department")) } input type="text" id="name" name="name"; }
            div.field { label for="contact" { (fl!(l, "relay-staff-officer")) } input type="text" id="contact" name="contact"; }
            fieldset {
                legend { (fl!(l, "relay-web-category")) }
                @for c in categories.iter().filter(|c| c.active) {
                    label { input type="checkbox" name="category" value=(c.code.as_str()); (c.label(ctx.state.locales(), ctx.locale)) }
                }
            }
            label { input type="checkbox" name="committee"; (fl!(l, "relay-staff-committee")) }
            button type="submit" { (fl!(l, "relay-staff-add-department")) }
        }
    };
    respond(ctx, status, staff_layout(ctx, staff, &title, body))
}

/// The directory page again, with what the last action said.
async fn departments_again(
    ctx: &Ctx,
    staff: &Staff,
    say: Option<Say>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let db = ctx.state.db();
    let departments = db.relay().departments().await?;
    let categories = db.relay().all_categories().await?;
    Ok(departments_page(
        ctx,
        staff,
        &departments,
        &categories,
        say,
        status,
    ))
}

/// The department directory: admins only.
pub async fn departments(ctx: Ctx, staff: Staff) -> Result<Response, WebError> {
    if !is_admin(&staff) {
        return Err(WebError::NotFound);
    }
    departments_again(&ctx, &staff, None, StatusCode::OK).await
}

pub async fn add_department(ctx: Ctx, staff: Staff, body: Bytes) -> Result<Response, WebError> {
    if !is_admin(&staff) {
        return Err(WebError::NotFound);
    }
    let fields = pairs(&body);
    if !staff.csrf_ok(value(&fields, "csrf").unwrap_or_default()) {
        return Ok(refused(&ctx));
    }
    let db = ctx.state.db();
    let categories = db.relay().categories().await?;
    let chosen: Vec<CategoryCode> = fields
        .iter()
        .filter(|(k, _)| k == "category")
        .filter_map(|(_, v)| {
            categories
                .iter()
                .find(|c| c.code.as_str() == v)
                .map(|c| c.code.clone())
        })
        .collect();
    let result = match NewDepartment::new(
        value(&fields, "name").unwrap_or_default(),
        value(&fields, "contact").unwrap_or_default(),
        chosen,
        value(&fields, "committee").is_some(),
    ) {
        Ok(new) => db
            .relay()
            .add_department(&new, Actor::Person(staff.access.person()), ctx.state.now())
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    let l = ctx.l();
    let (say, status) = match result {
        Ok(()) => (Say::Notice(fl!(l, "relay-staff-done")), StatusCode::OK),
        Err(DomainError::Invalid(_)) => (
            Say::Problem(fl!(l, "relay-bad-department")),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => match refusal(&ctx, &e) {
            Some(text) => (Say::Problem(text), StatusCode::UNPROCESSABLE_ENTITY),
            None => return Err(e.into()),
        },
    };
    departments_again(&ctx, &staff, Some(say), status).await
}

/// Retires a department (`active=0`) or restores it (`active=1`).
pub async fn department_active(
    ctx: Ctx,
    staff: Staff,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, WebError> {
    if !is_admin(&staff) {
        return Err(WebError::NotFound);
    }
    let fields = pairs(&body);
    if !staff.csrf_ok(value(&fields, "csrf").unwrap_or_default()) {
        return Ok(refused(&ctx));
    }
    let active = value(&fields, "active") == Some("1");
    let actor = Actor::Person(staff.access.person());
    match ctx
        .state
        .db()
        .relay()
        .set_department_active(id, active, actor, ctx.state.now())
        .await
    {
        Ok(()) => {
            let say = Some(Say::Notice(fl!(ctx.l(), "relay-staff-done")));
            departments_again(&ctx, &staff, say, StatusCode::OK).await
        }
        Err(DomainError::UnknownDepartment(_)) => Err(WebError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// A photo a resident sent with the web form, for staff whose scope reaches the
/// report. Only the type read from its bytes is ever sent as its content type.
pub async fn photo(
    ctx: Ctx,
    staff: Staff,
    Path((id, photo)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let scope = scope(&staff)?;
    let db = ctx.state.db();
    match db.relay().reachable(id, scope).await {
        Ok(_) => {}
        Err(DomainError::UnknownReport(_)) => return Err(WebError::NotFound),
        Err(e) => return Err(e.into()),
    }
    let photo = db
        .relay()
        .photo(id, photo)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(crate::photos::response(photo))
}
