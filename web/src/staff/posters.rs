//! `/staff/posters`: what chat's `/poster` gives a liaison, in the console — for each
//! open consultation at a contact point (and for the point's list of consultations):
//! the 「复制群通知」 text to paste into a WeChat group (title, deadline, how to take
//! part, the point's link), the QR code, and the printable A4 poster and the QR
//! pictures to download. The words are the domain's ([`poster_words`]), the same the
//! chat sends; the pictures are the resident pages' own (`/c/{id}/poster?p=CODE`,
//! `…/qr.png`, `…/qr.svg`), which are public like the page they point to.
//!
//! Whose point: a liaison's own, always; an admin chooses one (`?point=CODE`) or
//! none (the link then names no point). Only open consultations in the person's
//! scope have one, as in chat; anything else is the ordinary 404.
//!
//! The copy button is a small first-party script (`/assets/copy.js`), so these pages
//! allow script from this site ([`crate::security::CSP_OWN_SCRIPT`]); without it the
//! button stays hidden and the text is a textarea to select and copy by hand.

use axum::{
    Router,
    extract::{Path, Query},
    http::{HeaderValue, header},
    response::Response,
    routing::get,
};
use consult_domain::{
    consultations::{Consultation, State},
    notice::{PosterWords, poster_words},
    points::{ContactPoint, PointCode},
    qr::QrMatrix,
    weblinks::PosterLink,
};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use crate::{
    WebError, WebState,
    i18n::fl,
    page::Ctx,
    posters::local,
    security::CSP_OWN_SCRIPT,
    staff::{Staff, consultations::visible, show},
};

pub fn router() -> Router<WebState> {
    Router::new()
        .route("/staff/posters", get(list))
        .route("/staff/posters/{id}", get(one))
}

#[derive(Debug, Default, Deserialize)]
pub struct PointQuery {
    point: Option<String>,
}

/// The point the posters are for: a liaison's own whatever the address says; the one
/// an admin chose (None: no point). An unknown or inactive code is a 404.
async fn point_for(
    ctx: &Ctx,
    staff: &Staff,
    asked: Option<&str>,
) -> Result<Option<ContactPoint>, WebError> {
    let db = ctx.state.db();
    let code = match (staff.access.point(), asked.map(str::trim)) {
        (Some(own), _) => Some(own.code.clone()),
        (None, None | Some("")) => None,
        (None, Some(code)) => Some(code.to_owned()),
    };
    let Some(code) = code else { return Ok(None) };
    let code = PointCode::parse(&code).map_err(|_| WebError::NotFound)?;
    db.points()
        .find(&code)
        .await?
        .filter(|p| p.active && staff.access.reaches_point(Some(p.id)))
        .map(Some)
        .ok_or(WebError::NotFound)
}

/// The points an admin may choose: the active ones (that `c` reaches).
async fn choices(ctx: &Ctx, c: Option<&Consultation>) -> Result<Vec<ContactPoint>, WebError> {
    Ok(ctx
        .state
        .db()
        .points()
        .list()
        .await?
        .into_iter()
        .filter(|p| p.active && c.is_none_or(|c| c.reaches(p.id)))
        .collect())
}

fn link(ctx: &Ctx, consultation: Option<i64>, point: Option<&ContactPoint>) -> PosterLink {
    PosterLink::new(
        &ctx.state.settings().base_url,
        consultation,
        point.and_then(|p| PointCode::parse(&p.code).ok()),
    )
}

fn words(
    ctx: &Ctx,
    c: Option<&Consultation>,
    point: Option<&ContactPoint>,
    link: &PosterLink,
) -> PosterWords {
    poster_words(
        ctx.state.locales(),
        ctx.locale,
        ctx.state.settings().timezone,
        c,
        point.map(|p| p.name.as_str()),
        link,
    )
}

/// The page, with the policy that lets the copy script run.
fn with_script(ctx: &Ctx, staff: &Staff, title: &str, body: Markup) -> Response {
    let body = html! {
        (body)
        script src="/assets/copy.js" defer {}
    };
    let mut response = show(ctx, staff, title, body);
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP_OWN_SCRIPT),
    );
    response
}

/// An admin's choice of point (a plain GET form: the choice is part of the address).
fn point_choice(
    ctx: &Ctx,
    staff: &Staff,
    action: &str,
    points: &[ContactPoint],
    chosen: Option<&ContactPoint>,
) -> Markup {
    let l = ctx.l();
    html! {
        @if staff.access.point().is_none() {
            form.inline method="get" action=(action) {
                label for="point" { (fl!(l, "staff-posters-point")) }
                select #point name="point" {
                    option value="" selected[chosen.is_none()] { (fl!(l, "staff-posters-no-point")) }
                    @for p in points.iter().filter(|p| staff.access.reaches_point(Some(p.id))) {
                        option value=(p.code) selected[chosen.is_some_and(|c| c.id == p.id)] { (p.name) }
                    }
                }
                button.secondary type="submit" { (fl!(l, "staff-posters-choose")) }
            }
        }
    }
}

/// The notice to copy, the QR code and the downloads for one link.
fn share(
    ctx: &Ctx,
    id: &str,
    link: &PosterLink,
    words: &PosterWords,
    poster: bool,
) -> Result<Markup, WebError> {
    let l = ctx.l();
    // A link from a validated --web-url is far below the QR limit; failing here is a
    // configuration fault.
    let qr = QrMatrix::encode(link.page().as_str())
        .map_err(|e| WebError::Build(e.to_string()))?
        .to_svg(&fl!(l, "web-poster-qr-label"));
    let notice = format!("{id}-notice");
    let status = format!("{id}-status");
    // Room for the whole notice on a phone, where its lines wrap.
    let rows = (words.notice.lines().count() * 2).clamp(6, 12);
    Ok(html! {
        section.share aria-labelledby=(format!("{id}-heading")) {
            h2 #(format!("{id}-heading")) { (fl!(l, "staff-posters-notice")) }
            p.hint #(format!("{id}-hint")) { (fl!(l, "staff-posters-notice-hint")) }
            label for=(notice) { (fl!(l, "staff-posters-notice-label")) }
            textarea #(notice) readonly rows=(rows) aria-describedby=(format!("{id}-hint")) { (words.notice) }
            button.copy type="button" hidden data-copy=(notice) data-status=(status)
                data-done=(fl!(l, "staff-posters-copied")) data-failed=(fl!(l, "staff-posters-copy-failed")) {
                (fl!(l, "staff-posters-copy"))
            }
            p #(status) role="status" {}
            h3 { (fl!(l, "staff-posters-qr")) }
            // Our own SVG: the only text in it is the label, escaped there.
            div.qr { (PreEscaped(qr)) }
            p.secret { (words.link) }
            ul.plain {
                @if poster {
                    li { a href=(local(&link.poster())) { (fl!(l, "staff-posters-printable")) } }
                }
                li { a href=(local(&link.qr_png())) download { (fl!(l, "web-poster-png")) } }
                li { a href=(local(&link.qr_svg())) download { (fl!(l, "web-poster-svg")) } }
            }
        }
    })
}

/// Open consultations in this person's scope that reach `point` (any, without one).
async fn open_here(
    ctx: &Ctx,
    staff: &Staff,
    point: Option<&ContactPoint>,
) -> Result<Vec<Consultation>, WebError> {
    let now = ctx.state.now();
    let all = ctx.state.db().consultations().list(&[State::Open]).await?;
    Ok(all
        .into_iter()
        .filter(|c| c.open_at(now) && staff.access.concerns(c))
        .filter(|c| point.is_none_or(|p| c.reaches(p.id)))
        .collect())
}

/// `/staff/posters`: the point's list poster and its notice, and the open
/// consultations, each with a page of its own.
pub async fn list(
    ctx: Ctx,
    staff: Staff,
    Query(q): Query<PointQuery>,
) -> Result<Response, WebError> {
    crate::staff::roles::manager(&staff)?;
    let point = point_for(&ctx, &staff, q.point.as_deref()).await?;
    let points = choices(&ctx, None).await?;
    let open = open_here(&ctx, &staff, point.as_ref()).await?;
    let l = ctx.l();
    let title = fl!(l, "staff-posters-title");
    let suffix = point
        .as_ref()
        .map(|p| format!("?point={}", p.code))
        .unwrap_or_default();
    let list_share = match &point {
        Some(p) => {
            let link = link(&ctx, None, Some(p));
            Some(share(
                &ctx,
                "list",
                &link,
                &words(&ctx, None, Some(p), &link),
                true,
            )?)
        }
        None => None,
    };
    let body = html! {
        h1 { (title) }
        p.lead { (fl!(l, "staff-posters-lead")) }
        (point_choice(&ctx, &staff, "/staff/posters", &points, point.as_ref()))
        h2 #open-heading { (fl!(l, "staff-posters-open")) }
        @if open.is_empty() {
            p { (fl!(l, "staff-dashboard-none-open")) }
        } @else {
            ul.plain aria-labelledby="open-heading" {
                @for c in &open {
                    li { a href=(format!("/staff/posters/{}{suffix}", c.id)) { (c.code()) " " (c.title) } }
                }
            }
        }
        @if let Some(share) = list_share {
            (share)
        } @else {
            p.hint { (fl!(l, "staff-posters-list-needs-point")) }
        }
    };
    Ok(with_script(&ctx, &staff, &title, body))
}

/// `/staff/posters/{id}`: one open consultation at the point.
pub async fn one(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Query(q): Query<PointQuery>,
) -> Result<Response, WebError> {
    let c = visible(&ctx, &staff, &raw).await?;
    if !c.open_at(ctx.state.now()) {
        return Err(WebError::NotFound);
    }
    let point = point_for(&ctx, &staff, q.point.as_deref()).await?;
    if point.as_ref().is_some_and(|p| !c.reaches(p.id)) {
        return Err(WebError::NotFound);
    }
    let points = choices(&ctx, Some(&c)).await?;
    let link = link(&ctx, Some(c.id), point.as_ref());
    let words = words(&ctx, Some(&c), point.as_ref(), &link);
    let l = ctx.l();
    let title = fl!(l, "staff-posters-one-title", code = c.code());
    let action = format!("/staff/posters/{}", c.id);
    let body = html! {
        h1 { (title) }
        p.lead { (c.title) }
        @match &point {
            Some(p) => p { (fl!(l, "staff-posters-for-point", point = p.name.clone())) },
            None => p { (fl!(l, "staff-posters-for-none")) },
        }
        (point_choice(&ctx, &staff, &action, &points, point.as_ref()))
        (share(&ctx, "one", &link, &words, true)?)
        p { a href=(format!("/staff/consultations/{}", c.id)) { (fl!(l, "staff-back-to-consultation")) } }
    };
    Ok(with_script(&ctx, &staff, &title, body))
}
