//! Headers on every response. The pages need no script at all, so the policy allows
//! none; nothing is loaded from another host (blocked CDNs, leaked visitors); pages
//! are not framed (clickjacking) and links do not tell other sites where a resident
//! came from (a status link is a secret).

use axum::{
    extract::Request,
    http::{HeaderName, HeaderValue, header},
    middleware::Next,
    response::Response,
};

const CSP: &str = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The policy of a staff page that carries the site's own script (the copy button of
/// [`crate::staff::posters`]): script from this site only, everything else as [`CSP`].
pub const CSP_OWN_SCRIPT: &str = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub async fn headers(request: Request, next: Next) -> Response {
    // Inside Telegram (a Mini App page), Telegram's web clients frame the page.
    let mini_app = crate::miniapp::requested(request.uri().query());
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str| {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    };
    let csp = if mini_app { crate::miniapp::CSP } else { CSP };
    set(h, header::CONTENT_SECURITY_POLICY, csp);
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "no-referrer");
    if !mini_app {
        set(h, header::X_FRAME_OPTIONS, "DENY");
    }
    // Pages show personal answers (status, "my opinions"): never kept by a proxy.
    set(h, header::CACHE_CONTROL, "no-store");
    response
}
