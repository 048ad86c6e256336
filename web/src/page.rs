//! What every page shares: the request's context (language, the contact point the
//! link named), the layout, times in the display zone, and error pages.

use axum::{
    extract::{FromRequestParts, Request, State},
    http::{HeaderValue, StatusCode, header, request::Parts},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};
use chrono::{DateTime, Utc};
use consult_domain::{people::Locale, points::PointCode};
use i18n_embed::fluent::FluentLanguageLoader;
use maud::{DOCTYPE, Markup, html};

use crate::{WebState, error::ErrorPage, i18n::fl, lang};

/// One request's context: who the page is for and where they came from.
#[derive(Clone)]
pub struct Ctx {
    pub state: WebState,
    pub locale: Locale,
    /// The contact point a link or QR code named (`?p=CODE`), carried through every
    /// link so that an opinion given at the end counts for that point.
    pub via: Option<PointCode>,
    /// A page opened inside Telegram as a Mini App (`?tg=1`): links keep it, and the
    /// page carries the script that passes Telegram's sign-in to the forms.
    pub mini_app: bool,
    /// The request's path and query, for the language switch.
    path: String,
    query: Option<String>,
}

impl Ctx {
    pub fn from_parts(state: &WebState, parts: &Parts) -> Self {
        let query = parts.uri.query();
        let via = query
            .into_iter()
            .flat_map(|q| q.split('&'))
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == "p")
            .and_then(|(_, v)| PointCode::parse(v).ok());
        Ctx {
            state: state.clone(),
            locale: lang::choose(query, &parts.headers, state.settings().default_locale),
            via,
            mini_app: crate::miniapp::requested(query),
            path: parts.uri.path().to_owned(),
            query: query.map(str::to_owned),
        }
    }

    pub fn l(&self) -> &FluentLanguageLoader {
        self.state.locales().get(self.locale)
    }

    /// A message whose id is computed (`stance-…`, `opinion-status-…`).
    pub fn text(&self, id: &str) -> String {
        self.state.locales().text(self.locale, id, &[])
    }

    /// A time as residents read it, in the display time zone.
    pub fn time(&self, t: DateTime<Utc>) -> String {
        let format = fl!(self.l(), "datetime-format");
        t.with_timezone(&self.state.settings().timezone)
            .format(&format)
            .to_string()
    }

    /// A path on this site that keeps the contact point the visitor came through (and
    /// the Mini App's mark).
    pub fn link(&self, path: &str) -> String {
        let mut out = path.to_owned();
        let mut add = |pair: &str| {
            out.push(if out.contains('?') { '&' } else { '?' });
            out.push_str(pair);
        };
        if let Some(p) = &self.via {
            add(&format!("p={}", p.as_str()));
        }
        if self.mini_app {
            add("tg=1");
        }
        out
    }

    /// This page in another language (the other query parameters kept).
    fn switch_to(&self, locale: Locale) -> String {
        let mut params: Vec<&str> = self
            .query
            .as_deref()
            .into_iter()
            .flat_map(|q| q.split('&'))
            .filter(|pair| !pair.is_empty() && !pair.starts_with("lang="))
            .collect();
        let lang = format!("lang={}", locale.tag());
        params.push(&lang);
        format!("{}?{}", self.path, params.join("&"))
    }
}

impl FromRequestParts<WebState> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Ctx::from_parts(state, parts))
    }
}

/// The page around `body`: language, viewport for phones, the stylesheet, the site's
/// name linking home, and the language switch.
pub fn layout(ctx: &Ctx, title: &str, body: Markup) -> Markup {
    let l = ctx.l();
    html! {
        (DOCTYPE)
        html lang=(ctx.locale.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (fl!(l, "web-site-name")) }
                link rel="stylesheet" href="/assets/site.css";
                @if ctx.mini_app {
                    script src="/assets/miniapp.js" defer {}
                }
            }
            body {
                header.site {
                    a.home href=(ctx.link("/")) { (fl!(l, "web-site-name")) }
                }
                main { (body) }
                footer.site {
                    nav aria-label=(fl!(l, "web-language")) {
                        @for other in Locale::ALL {
                            @if other == ctx.locale {
                                span aria-current="true" { (language_name(l, other)) }
                            } @else {
                                a href=(ctx.switch_to(other)) lang=(other.tag()) { (language_name(l, other)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn language_name(l: &FluentLanguageLoader, locale: Locale) -> String {
    match locale {
        Locale::ZhCn => fl!(l, "web-language-zh"),
        Locale::En => fl!(l, "web-language-en"),
    }
}

/// A finished page: HTML, and the language cookie when the visitor just chose one.
pub fn respond(ctx: &Ctx, status: StatusCode, markup: Markup) -> Response {
    let mut response = (status, Html(markup.into_string())).into_response();
    if lang::from_query(ctx.query.as_deref()).is_some() {
        let cookie = format!(
            "{}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
            lang::COOKIE,
            ctx.locale.tag()
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

/// Draws error pages (a handler's [`crate::WebError`], an unknown path) in the
/// visitor's language.
pub async fn localize_errors(
    State(state): State<WebState>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let ctx = Ctx::from_parts(&state, &parts);
    let response = next.run(Request::from_parts(parts, body)).await;
    let Some(page) = response.extensions().get::<ErrorPage>().copied() else {
        return response;
    };
    let status = response.status();
    let l = ctx.l();
    let (title, text) = match page {
        ErrorPage::NotFound => (fl!(l, "web-not-found-title"), fl!(l, "web-not-found")),
        ErrorPage::Internal => (fl!(l, "web-error-title"), fl!(l, "web-error")),
    };
    let body = html! {
        h1 { (title) }
        p { (text) }
        p { a href=(ctx.link("/")) { (fl!(l, "web-back-to-list")) } }
    };
    respond(&ctx, status, layout(&ctx, &title, body))
}
