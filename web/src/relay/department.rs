//! The handling department's page (`/d/<code>`), without an account: the report
//! (the reporter's name only where they consented to it being kept) and the answer
//! form — the resolution and what was done. Opening the page spends nothing (a
//! messenger fetching the link for its preview must not); the answer spends the
//! link, and a forged, used or expired link gets one plain page saying so.

use axum::{Form, extract::Path, http::StatusCode, response::Response};
use consult_domain::{
    Error as DomainError,
    relay::{self, Department, DepartmentLink, RelayOutcome, Report, Teller},
};
use maud::html;
use serde::Deserialize;

use crate::{
    WebError,
    i18n::fl,
    page::{Ctx, layout, respond},
    visitor::Visitor,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Answer {
    outcome: String,
    answer: String,
    csrf: String,
    website: String,
}

/// The page for a link that cannot be used, saying why.
fn refused(ctx: &Ctx, e: &DomainError) -> Response {
    let l = ctx.l();
    let (status, text) = match e {
        DomainError::InviteUsed => (StatusCode::GONE, fl!(l, "relay-link-used")),
        DomainError::InviteExpired => (StatusCode::GONE, fl!(l, "relay-link-expired")),
        _ => (StatusCode::NOT_FOUND, fl!(l, "relay-link-unknown")),
    };
    let title = fl!(l, "relay-dept-title");
    let body = html! {
        h1 { (title) }
        p.error role="alert" { (text) }
    };
    respond(ctx, status, layout(ctx, &title, body))
}

/// A link that may be used, with what it opens.
struct Opened {
    link: DepartmentLink,
    r: Report,
    d: Department,
}

fn page(
    ctx: &Ctx,
    visitor: &Visitor,
    opened: &Opened,
    form: &Answer,
    problem: Option<String>,
    status: StatusCode,
) -> Response {
    let (code, r, d) = (opened.link.as_str(), &opened.r, &opened.d);
    let l = ctx.l();
    let title = fl!(l, "relay-dept-title");
    let body = html! {
        h1 { (title) }
        p { (fl!(l, "relay-dept-intro", department = d.name.clone())) }
        @if let Some(p) = problem {
            p.error role="alert" { (p) }
        }
        dl {
            dt { (fl!(l, "relay-web-receipt")) } dd { (r.receipt.as_str()) }
            dt { (fl!(l, "relay-web-what")) } dd { (crate::opinions::multiline(&r.body)) }
            dt { (fl!(l, "relay-web-place")) } dd { (r.place) }
            @if let Some(loc) = r.location {
                dt { (fl!(l, "relay-web-location")) } dd { (format!("{:.5}, {:.5}", loc.latitude, loc.longitude)) }
            }
            dt { (fl!(l, "relay-web-reporter")) }
            dd {
                @match &r.reporter_name {
                    Some(n) => { (n) }
                    None => { (ctx.text("identity-anonymous")) }
                }
            }
            dt { (fl!(l, "relay-web-reported-at")) } dd { (ctx.time(r.created_at)) }
            @for (i, p) in relay::photos::web_photos(r).iter().enumerate() {
                dt { (fl!(l, "relay-web-photo", n = ((i + 1) as i64))) }
                dd { img.photo src=(format!("/d/{code}/photos/{p}")) alt=(fl!(l, "relay-web-photo-alt", receipt = r.receipt.as_str(), n = ((i + 1) as i64))); }
            }
        }
        form method="post" action=(format!("/d/{code}")) {
            input type="hidden" name="csrf" value=(visitor.csrf());
            div.hp aria-hidden="true" {
                label for="website" { (fl!(l, "web-form-honeypot")) }
                input type="text" id="website" name="website" tabindex="-1" autocomplete="off" value="";
            }
            fieldset id="outcome" {
                legend { (fl!(l, "relay-dept-outcome")) }
                @for o in RelayOutcome::ALL {
                    label {
                        input type="radio" name="outcome" value=(o.as_str()) checked[form.outcome == o.as_str()] required;
                        (ctx.text(o.label_id()))
                    }
                }
            }
            div.field {
                label for="answer" { (fl!(l, "relay-dept-answer", max = relay::ANSWER_MAX)) }
                textarea id="answer" name="answer" rows="8" required { (form.answer) }
            }
            button type="submit" { (fl!(l, "relay-dept-send")) }
        }
    };
    respond(ctx, status, layout(ctx, &title, body))
}

pub async fn show(
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let link = match DepartmentLink::parse(&raw) {
        Ok(l) => l,
        Err(e) => return Ok(refused(&ctx, &e)),
    };
    match ctx
        .state
        .db()
        .relay()
        .open_link(&link, ctx.state.now())
        .await
    {
        Ok((r, d)) => {
            let opened = Opened { link, r, d };
            Ok(page(
                &ctx,
                &visitor,
                &opened,
                &Answer::default(),
                None,
                StatusCode::OK,
            ))
        }
        Err(
            e
            @ (DomainError::InviteNotFound | DomainError::InviteUsed | DomainError::InviteExpired),
        ) => Ok(refused(&ctx, &e)),
        Err(e) => Err(e.into()),
    }
}

pub async fn answer(
    ctx: Ctx,
    visitor: Visitor,
    Path(raw): Path<String>,
    Form(form): Form<Answer>,
) -> Result<Response, WebError> {
    let link = match DepartmentLink::parse(&raw) {
        Ok(l) => l,
        Err(e) => return Ok(refused(&ctx, &e)),
    };
    let db = ctx.state.db();
    let now = ctx.state.now();
    let (r, d) = match db.relay().open_link(&link, now).await {
        Ok(found) => found,
        Err(
            e
            @ (DomainError::InviteNotFound | DomainError::InviteUsed | DomainError::InviteExpired),
        ) => {
            return Ok(refused(&ctx, &e));
        }
        Err(e) => return Err(e.into()),
    };
    let l = ctx.l();
    let problem = if !visitor.csrf_ok(&form.csrf) {
        Some((StatusCode::FORBIDDEN, fl!(l, "web-form-expired")))
    } else if !form.website.is_empty() {
        Some((StatusCode::BAD_REQUEST, fl!(l, "web-form-honeypot-filled")))
    } else if RelayOutcome::parse(&form.outcome).is_none() {
        Some((
            StatusCode::UNPROCESSABLE_ENTITY,
            fl!(l, "relay-dept-need-outcome"),
        ))
    } else if relay::answer(&form.answer).is_err() {
        Some((StatusCode::UNPROCESSABLE_ENTITY, fl!(l, "relay-bad-answer")))
    } else {
        None
    };
    let Some(outcome) = RelayOutcome::parse(&form.outcome).filter(|_| problem.is_none()) else {
        let (status, text) = problem.unwrap_or((StatusCode::UNPROCESSABLE_ENTITY, String::new()));
        let opened = Opened { link, r, d };
        return Ok(page(&ctx, &visitor, &opened, &form, Some(text), status));
    };
    let teller = Teller {
        locales: ctx.state.locales(),
        default_locale: ctx.state.settings().default_locale,
    };
    match db
        .relay()
        .answer_by_link(teller, &link, outcome, &form.answer, now)
        .await
    {
        Ok(r) => {
            ctx.state.wakers().broadcast.notify_one();
            tracing::info!(receipt = %r.receipt, "社情民意 answered by its handling department");
            let title = fl!(l, "relay-dept-title");
            let body = html! {
                h1 { (title) }
                p.notice role="status" { (fl!(l, "relay-dept-thanks", receipt = r.receipt.as_str())) }
            };
            Ok(respond(&ctx, StatusCode::OK, layout(&ctx, &title, body)))
        }
        Err(
            e @ (DomainError::InviteNotFound
            | DomainError::InviteUsed
            | DomainError::InviteExpired
            | DomainError::ReportState { .. }),
        ) => Ok(refused(&ctx, &e)),
        Err(e) => Err(e.into()),
    }
}

/// A photo of the report the link opens, while the link may be used: the same
/// refusals as the page.
pub async fn photo(
    ctx: Ctx,
    Path((raw, photo)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    let link = DepartmentLink::parse(&raw).map_err(|_| WebError::NotFound)?;
    let db = ctx.state.db();
    let r = match db.relay().open_link(&link, ctx.state.now()).await {
        Ok((r, _)) => r,
        Err(DomainError::InviteNotFound | DomainError::InviteUsed | DomainError::InviteExpired) => {
            return Err(WebError::NotFound);
        }
        Err(e) => return Err(e.into()),
    };
    let photo = db
        .relay()
        .photo(r.id, photo)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(crate::photos::response(photo))
}
