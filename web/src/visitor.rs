//! Who is asking, as far as a site without accounts can tell: a random id kept in a
//! cookie (the "browser"), and the address the request came from. Forms carry a CSRF
//! token keyed on the browser id, so a page on another site cannot post for a resident;
//! the hourly limits count by the keyed hashes of both (see
//! `consult_domain::opinions::web::Sender`).

use std::net::{IpAddr, SocketAddr};

use axum::{
    extract::{ConnectInfo, FromRequestParts, Request, State},
    http::{HeaderValue, header, request::Parts},
    middleware::Next,
    response::Response,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use consult_domain::opinions::web::{Sender, nonce};

use crate::{WebState, lang};

/// The cookie that names the browser.
const COOKIE: &str = "b";

/// The browser's id: from its cookie, or made for this request (and set in the
/// response by [`ensure_cookie`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserId(String);

/// Gives every request a browser id; a new one is sent back as a cookie that lasts a
/// year, is not readable by scripts and is not sent along with other sites' posts.
pub async fn ensure_cookie(
    State(state): State<WebState>,
    mut request: Request,
    next: Next,
) -> Response {
    let existing = lang::cookie(request.headers(), COOKIE)
        .filter(|v| {
            v.len() == 22
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .map(str::to_owned);
    let fresh = existing.is_none();
    let id = BrowserId(existing.unwrap_or_else(nonce));
    request.extensions_mut().insert(id.clone());
    let mut response = next.run(request).await;
    if fresh {
        let secure = if state.settings().base_url.scheme() == "https" {
            "; Secure"
        } else {
            ""
        };
        let cookie = format!(
            "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}",
            id.0
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

/// One visitor: their browser, their address, and the deployment's key to check and
/// make what is keyed on them.
#[derive(Clone)]
pub struct Visitor {
    browser: BrowserId,
    address: IpAddr,
    state: WebState,
}

impl Visitor {
    /// The CSRF token for this browser's forms.
    pub fn csrf(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.state.key().tag("csrf", self.browser.0.as_bytes()))
    }

    /// Whether a posted token is this browser's (compared in constant time).
    pub fn csrf_ok(&self, posted: &str) -> bool {
        same(&self.csrf(), posted)
    }

    /// The address the request came from (see [`address`]).
    pub fn address(&self) -> IpAddr {
        self.address
    }

    /// The private link of this browser's sign-up for event `event` (普法活动): derived
    /// under the deployment's key from the browser's own id, so the event's page knows
    /// the browser's sign-up again, and nobody else can make the link.
    pub fn event_token(&self, event: i64) -> consult_domain::opinions::web::StatusToken {
        let nonce = format!("event:{event}:{}", self.browser.0);
        consult_domain::opinions::web::StatusToken::derive(self.state.key(), &nonce)
    }

    /// The visitor as the ledger's limits count them.
    pub fn sender(&self) -> Sender {
        Sender::new(self.state.key(), &self.browser.0, &self.address.to_string())
    }
}

impl FromRequestParts<WebState> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Self, Self::Rejection> {
        let browser = parts
            .extensions
            .get::<BrowserId>()
            .cloned()
            .unwrap_or_else(|| BrowserId(nonce()));
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        Ok(Visitor {
            browser,
            address: address(peer, &parts.headers),
            state: state.clone(),
        })
    }
}

/// Whether a posted token equals the expected one, compared without stopping at the
/// first difference (so the time taken tells nothing about how much was right).
pub(crate) fn same(expected: &str, posted: &str) -> bool {
    expected.len() == posted.len()
        && expected
            .bytes()
            .zip(posted.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// The client's address. Behind a reverse proxy on the same machine (the deployment
/// docs/operating.md describes) it is the last address the proxy appended to
/// X-Forwarded-For; from anywhere else that header is the client's own claim and is
/// ignored.
fn address(peer: Option<IpAddr>, headers: &axum::http::HeaderMap) -> IpAddr {
    let peer = peer.unwrap_or(IpAddr::from([0, 0, 0, 0]));
    if !peer.is_loopback() {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .next_back()
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    #[test]
    fn forwarded_for_counts_only_from_a_proxy_on_this_machine() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("1.1.1.1, 203.0.113.7"),
        );
        let proxy = Some(IpAddr::from([127, 0, 0, 1]));
        let outside = Some(IpAddr::from([198, 51, 100, 2]));
        assert_eq!(address(proxy, &h), IpAddr::from([203, 0, 113, 7]));
        assert_eq!(address(outside, &h), IpAddr::from([198, 51, 100, 2]));
        assert_eq!(
            address(proxy, &HeaderMap::new()),
            IpAddr::from([127, 0, 0, 1])
        );
    }
}
