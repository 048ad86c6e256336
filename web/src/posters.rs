//! Posters for a contact point's notice board (线下 → 线上: "scan, submit, hear
//! back"): for a consultation (`/c/{id}/poster`) or a point's list of consultations
//! (`/poster?p=CODE`), a printable A4 page with the title, the deadline, the QR code
//! and three lines of instructions in large type; and the QR code alone as PNG and
//! SVG (`…/qr.png`, `…/qr.svg`) for leaflets and group chats. The link in the code
//! is built by [`consult_domain::weblinks`] from `--web-url`, as the chat's /poster
//! builds it, and names the contact point the poster is for, so opinions given
//! through it count for that point.
//!
//! Public, like the pages they point to: a poster says nothing the consultation's
//! page does not. Unpublished and withdrawn consultations, and points that do not
//! exist, answer 404 like everything else unknown.

use axum::{
    Router,
    extract::Path,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use consult_domain::{
    consultations::Consultation,
    notice::{PosterWords, poster_words},
    points::ContactPoint,
    qr::QrMatrix,
    weblinks::PosterLink,
};
use maud::{DOCTYPE, PreEscaped, html};

use crate::{
    WebError, WebState,
    i18n::fl,
    page::{Ctx, respond},
};

/// Pixels per module of the PNG: about 4 cm wide at 300 dpi for a link's code, big
/// enough to print and small enough to send.
const PNG_SCALE: usize = 12;

pub fn router() -> Router<WebState> {
    Router::new()
        .route("/c/{id}/poster", get(consultation_poster))
        .route("/c/{id}/qr.png", get(consultation_png))
        .route("/c/{id}/qr.svg", get(consultation_svg))
        .route("/poster", get(point_poster))
        .route("/qr.png", get(point_png))
        .route("/qr.svg", get(point_svg))
}

/// What a poster is about, found and checked.
struct Subject {
    consultation: Option<Consultation>,
    point: Option<ContactPoint>,
    link: PosterLink,
}

impl Subject {
    /// What the poster says, in the visitor's language ([`poster_words`]).
    fn words(&self, ctx: &Ctx) -> PosterWords {
        poster_words(
            ctx.state.locales(),
            ctx.locale,
            ctx.state.settings().timezone,
            self.consultation.as_ref(),
            self.point.as_ref().map(|p| p.name.as_str()),
            &self.link,
        )
    }

    fn qr(&self) -> Result<QrMatrix, WebError> {
        // A link from a validated --web-url is far below the limit; failing here is a
        // configuration fault, not the visitor's.
        QrMatrix::encode(self.link.page().as_str()).map_err(|_| WebError::NotFound)
    }
}

async fn point_of(ctx: &Ctx) -> Result<Option<ContactPoint>, WebError> {
    match &ctx.via {
        Some(code) => Ok(Some(
            ctx.state
                .db()
                .points()
                .find(code)
                .await?
                .ok_or(WebError::NotFound)?,
        )),
        None => Ok(None),
    }
}

/// Consultation `id` as a poster may show it: public, and reaching the point named.
async fn consultation_subject(ctx: &Ctx, id: &str) -> Result<Subject, WebError> {
    let id: i64 = id.parse().map_err(|_| WebError::NotFound)?;
    let c = ctx
        .state
        .db()
        .consultations()
        .get(id)
        .await?
        .filter(Consultation::is_public)
        .ok_or(WebError::NotFound)?;
    let point = point_of(ctx).await?;
    if point.as_ref().is_some_and(|p| !c.reaches(p.id)) {
        return Err(WebError::NotFound);
    }
    let link = PosterLink::new(&ctx.state.settings().base_url, Some(c.id), ctx.via.clone());
    Ok(Subject {
        consultation: Some(c),
        point,
        link,
    })
}

/// A point's list poster: the point must exist.
async fn point_subject(ctx: &Ctx) -> Result<Subject, WebError> {
    let point = point_of(ctx).await?.ok_or(WebError::NotFound)?;
    let link = PosterLink::new(&ctx.state.settings().base_url, None, ctx.via.clone());
    Ok(Subject {
        consultation: None,
        point: Some(point),
        link,
    })
}

async fn consultation_poster(ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let subject = consultation_subject(&ctx, &id).await?;
    poster(&ctx, &subject)
}

async fn consultation_png(ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    png(&consultation_subject(&ctx, &id).await?)
}

async fn consultation_svg(ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    svg(&ctx, &consultation_subject(&ctx, &id).await?)
}

async fn point_poster(ctx: Ctx) -> Result<Response, WebError> {
    let subject = point_subject(&ctx).await?;
    poster(&ctx, &subject)
}

async fn point_png(ctx: Ctx) -> Result<Response, WebError> {
    png(&point_subject(&ctx).await?)
}

async fn point_svg(ctx: Ctx) -> Result<Response, WebError> {
    svg(&ctx, &point_subject(&ctx).await?)
}

/// `url` as a path on this server (the public base may be another host name).
pub fn local(url: &url::Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    }
}

fn picture(bytes: Vec<u8>, kind: &'static str) -> Response {
    let mut response = (StatusCode::OK, bytes).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    response
}

fn png(subject: &Subject) -> Result<Response, WebError> {
    Ok(picture(subject.qr()?.to_png(PNG_SCALE), "image/png"))
}

fn svg(ctx: &Ctx, subject: &Subject) -> Result<Response, WebError> {
    let label = fl!(ctx.l(), "web-poster-qr-label");
    Ok(picture(
        subject.qr()?.to_svg(&label).into_bytes(),
        "image/svg+xml",
    ))
}

/// The A4 page: its own document (no site header or language switch on paper), with
/// the print stylesheet; on screen, a hint to print and the pictures to download.
fn poster(ctx: &Ctx, subject: &Subject) -> Result<Response, WebError> {
    let l = ctx.l();
    let words = subject.words(ctx);
    let title = words.title.clone();
    let qr = subject.qr()?.to_svg(&fl!(l, "web-poster-qr-label"));
    let markup = html! {
        (DOCTYPE)
        html lang=(ctx.locale.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (words.heading) }
                link rel="stylesheet" href="/assets/poster.css";
            }
            body.poster {
                main {
                    p.heading { (words.heading) }
                    h1 { (title) }
                    p.deadline { (words.deadline) }
                    // Our own SVG: the only text in it is the label, escaped there.
                    div.qr { (PreEscaped(qr)) }
                    p.link { (words.link) }
                    ul.steps {
                        @for step in &words.steps {
                            li { (step) }
                        }
                    }
                    @if let Some(f) = &words.footer {
                        p.footer { (f) }
                    }
                }
                aside.screen-only {
                    p { (fl!(l, "web-poster-print-hint")) }
                    p {
                        a href=(local(&subject.link.qr_png())) download { (fl!(l, "web-poster-png")) }
                        " · "
                        a href=(local(&subject.link.qr_svg())) download { (fl!(l, "web-poster-svg")) }
                    }
                }
            }
        }
    };
    Ok(respond(ctx, StatusCode::OK, markup))
}
