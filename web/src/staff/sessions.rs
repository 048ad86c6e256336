//! Who is asking on a staff page: the session cookie, checked against the database on
//! every request ([`consult_domain::staff::sessions::Sessions::current`]), and the
//! person's role as stored now. The cookie is `HttpOnly` (no script reads it),
//! `SameSite=Strict` (no other site's link or form sends it), limited to `/staff`,
//! `Secure` behind HTTPS, and has no lifetime of its own: the server ends sessions
//! (idle, absolute, logout, password change, role revoked), the browser forgets the
//! cookie when it closes.

use axum::{
    extract::FromRequestParts,
    http::{HeaderValue, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use consult_domain::{
    access::Access,
    staff::{
        SessionId,
        sessions::{Lookup, Session},
    },
};

use crate::{WebError, WebState, i18n::fl, lang, page::Ctx, visitor::same};

/// The session cookie's name.
pub const COOKIE: &str = "staff";

/// A logged-in staff member, with what their role lets them reach.
#[derive(Clone)]
pub struct Staff {
    pub session: Session,
    pub access: Access,
    id: SessionId,
    state: WebState,
}

impl Staff {
    /// The CSRF token of this session's forms: keyed on the session id, so it dies
    /// with the session and no other session's token passes.
    pub fn csrf(&self) -> String {
        URL_SAFE_NO_PAD.encode(
            self.state
                .key()
                .tag("staff-csrf", self.id.as_str().as_bytes()),
        )
    }

    /// Whether a posted token is this session's (compared in constant time).
    pub fn csrf_ok(&self, posted: &str) -> bool {
        same(&self.csrf(), posted)
    }

    pub fn id(&self) -> &SessionId {
        &self.id
    }

    /// "王芳（金桥联系点 联络员）", for the top of every page.
    pub fn describe(&self, ctx: &Ctx) -> String {
        let l = ctx.l();
        let role = ctx.text(&format!("role-{}", self.access.role().as_str()));
        let name = self
            .session
            .name
            .clone()
            .unwrap_or_else(|| fl!(l, "staff-telegram-person"));
        match self.reach_name() {
            Some(p) => fl!(
                l,
                "staff-signed-in-point",
                name = name,
                point = p,
                role = role
            ),
            None => fl!(l, "staff-signed-in", name = name, role = role),
        }
    }

    /// The name of what their reach is limited to: their contact point's, or a
    /// county staff member's district's (None: the whole city).
    pub fn reach_name(&self) -> Option<String> {
        self.access
            .point()
            .map(|p| p.name.clone())
            .or_else(|| self.access.district().map(|d| d.name.clone()))
    }
}

/// The session id the browser presented, if it has the right shape.
pub fn presented(parts_headers: &axum::http::HeaderMap) -> Option<SessionId> {
    lang::cookie(parts_headers, COOKIE).and_then(SessionId::parse)
}

/// `Set-Cookie` for a new session.
pub fn set_cookie(state: &WebState, response: &mut Response, id: &SessionId) {
    let cookie = format!(
        "{COOKIE}={}; Path=/staff; HttpOnly; SameSite=Strict{}",
        id.as_str(),
        secure(state)
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// `Set-Cookie` that makes the browser forget the session.
pub fn clear_cookie(state: &WebState, response: &mut Response) {
    let cookie = format!(
        "{COOKIE}=; Path=/staff; Max-Age=0; HttpOnly; SameSite=Strict{}",
        secure(state)
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
}

fn secure(state: &WebState) -> &'static str {
    if state.settings().base_url.scheme() == "https" {
        "; Secure"
    } else {
        ""
    }
}

/// Why a staff page sent the browser to the login page (shown there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Away {
    /// No session at all.
    NeedLogin,
    /// The session timed out (idle or absolute).
    Expired,
    /// The person's role is gone.
    Revoked,
}

impl Away {
    pub fn code(self) -> &'static str {
        match self {
            Away::NeedLogin => "login",
            Away::Expired => "expired",
            Away::Revoked => "revoked",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Away::NeedLogin, Away::Expired, Away::Revoked]
            .into_iter()
            .find(|a| a.code() == raw)
    }
}

/// A request without a live session: to the login page (coming back here after), with
/// a stale cookie cleared.
pub struct ToLogin {
    state: WebState,
    why: Away,
    next: String,
    clear: bool,
}

impl IntoResponse for ToLogin {
    fn into_response(self) -> Response {
        let mut to = format!("/staff/login?why={}", self.why.code());
        if self.next != "/staff" {
            to.push_str("&next=");
            to.push_str(
                &url::form_urlencoded::byte_serialize(self.next.as_bytes()).collect::<String>(),
            );
        }
        let mut response = Redirect::to(&to).into_response();
        if self.clear {
            clear_cookie(&self.state, &mut response);
        }
        response
    }
}

/// Where to come back after login: this site's staff pages only.
pub fn safe_next(raw: Option<&str>) -> String {
    match raw {
        Some(n)
            if (n == "/staff" || n.starts_with("/staff/"))
                && !n.contains("//")
                && !n.contains('\\')
                && n.bytes().all(|b| b.is_ascii_graphic()) =>
        {
            n.to_owned()
        }
        _ => "/staff".to_owned(),
    }
}

/// The rejection of [`Staff`]: the login page, or a failure page.
pub enum NotIn {
    Login(ToLogin),
    Failed(WebError),
}

impl IntoResponse for NotIn {
    fn into_response(self) -> Response {
        match self {
            NotIn::Login(l) => l.into_response(),
            NotIn::Failed(e) => e.into_response(),
        }
    }
}

impl FromRequestParts<WebState> for Staff {
    type Rejection = NotIn;

    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<Self, NotIn> {
        let next = safe_next(parts.uri.path_and_query().map(|p| p.as_str()));
        let away = |why: Away, clear: bool| {
            NotIn::Login(ToLogin {
                state: state.clone(),
                why,
                next: next.clone(),
                clear,
            })
        };
        let Some(id) = presented(&parts.headers) else {
            return Err(away(Away::NeedLogin, false));
        };
        let policy = state.settings().staff_sessions;
        let lookup = state
            .db()
            .staff_sessions()
            .current(&id, &policy, state.now())
            .await
            .map_err(|e| NotIn::Failed(e.into()))?;
        let session = match lookup {
            Lookup::Active(s) => *s,
            Lookup::Ended(consult_domain::staff::sessions::Ended::NoRole) => {
                return Err(away(Away::Revoked, true));
            }
            Lookup::Ended(_) => return Err(away(Away::Expired, true)),
            Lookup::Unknown => return Err(away(Away::NeedLogin, true)),
        };
        let Some(access) = Access::of(&session.role) else {
            return Err(away(Away::Revoked, true));
        };
        Ok(Staff {
            session,
            access,
            id,
            state: state.clone(),
        })
    }
}
