//! The web channel for residents: the drafts, a structured opinion, a receipt and the
//! outcome, as pages any messenger's link or a poster's QR code opens (WeChat's
//! in-app browser included). It depends on the domain only — never on the Telegram
//! side — and keeps no state outside the database, so any replica serves any page.
//! Staff without Telegram work in the console under `/staff` ([`staff`]).
//!
//! One module per resource with its own `router()`, merged in [`router`]; every page
//! is drawn by [`page::layout`] with maud (compile-time checked, escaped by default)
//! from the texts in `locales/`.

pub mod articles;
pub mod assets;
pub mod consultations;
pub mod error;
pub mod events;
pub mod i18n;
pub mod lang;
pub mod miniapp;
pub mod open_calls;
pub mod opinions;
pub mod page;
pub mod photos;
pub mod posters;
pub mod relay;
pub mod results;
pub mod security;
pub mod staff;
pub mod visitor;

use std::{net::SocketAddr, sync::Arc};

use axum::{Router, extract::DefaultBodyLimit};
use chrono_tz::Tz;
use consult_domain::{Db, clock::SharedClock, held::HashKey, people::Locale};
use tokio_util::sync::CancellationToken;
use url::Url;

pub use error::WebError;
pub use i18n::Locales;

/// The largest request body accepted: two texts of the longest opinion allowed
/// (3500 characters, up to 9 bytes each once form-encoded) and the form's other
/// fields fit; anything larger is refused before it is read.
pub const MAX_BODY_BYTES: usize = 72 * 1024;

/// What the pages need from the configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The public base of links and QR codes (`--web-url`), e.g. `https://example.org/`.
    pub base_url: Url,
    pub timezone: Tz,
    /// The language of visitors whose browser asks for neither Chinese nor English.
    pub default_locale: Locale,
    /// Shortest and longest opinion text, in characters (as in chat).
    pub opinion_chars: (usize, usize),
    /// Opinions one browser, or one address, may give in an hour (as in chat).
    pub opinions_per_hour: i64,
    /// The 社情民意 relay's times (the department link's validity …).
    pub relay: consult_domain::relay::Settings,
    /// The bot's token, to check Telegram Mini App sign-ins (`initData`); None
    /// without Telegram. Its `Debug` hides it.
    pub bot_token: Option<miniapp::BotToken>,
    /// How long staff sessions last (idle and absolute).
    pub staff_sessions: consult_domain::staff::SessionPolicy,
    /// What hashing a new staff password costs
    /// ([`consult_domain::staff::password::Cost::DEFAULT`]).
    pub password_cost: consult_domain::staff::password::Cost,
    /// How long a one-time link to set a password stays valid (`--invite-ttl`, as
    /// for invites and `consult-bot staff add`).
    pub invite_ttl: chrono::Duration,
}

/// What the staff console wakes after it queued deliveries or changed a deadline:
/// the broadcast worker and the scheduler of the bot in the same process. Only a
/// shortcut: both also look at the database on their own (the worker every half
/// second, the scheduler every minute), so a console on another replica, or one
/// without Telegram, loses nothing.
#[derive(Clone, Default)]
pub struct Wakers {
    pub broadcast: Arc<tokio::sync::Notify>,
    pub scheduler: Arc<tokio::sync::Notify>,
}

impl Wakers {
    /// After a change that queued deliveries or moved a due time (publish, conclude):
    /// the broadcast worker sends now, and the scheduler looks at its times again.
    pub fn wake_all(&self) {
        self.broadcast.notify_one();
        self.scheduler.notify_one();
    }
}

/// Shared by every request; cheap to clone.
#[derive(Clone)]
pub struct WebState(Arc<Inner>);

struct Inner {
    db: Db,
    clock: SharedClock,
    locales: Locales,
    settings: Settings,
    /// The deployment's secret key: CSRF tokens and the hashes of browser ids and
    /// addresses are keyed with it, so any replica checks what another issued.
    key: HashKey,
    wakers: Wakers,
}

impl WebState {
    pub fn new(
        db: Db,
        clock: SharedClock,
        key: HashKey,
        settings: Settings,
        wakers: Wakers,
    ) -> Result<Self, WebError> {
        let locales = Locales::load().map_err(|e| WebError::Locales(e.to_string()))?;
        Ok(Self(Arc::new(Inner {
            db,
            clock,
            locales,
            settings,
            key,
            wakers,
        })))
    }

    pub fn db(&self) -> &Db {
        &self.0.db
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.clock.now()
    }

    pub fn locales(&self) -> &Locales {
        &self.0.locales
    }

    pub fn settings(&self) -> &Settings {
        &self.0.settings
    }

    pub fn key(&self) -> &HashKey {
        &self.0.key
    }

    pub fn wakers(&self) -> &Wakers {
        &self.0.wakers
    }
}

/// Every page and asset, with the security headers, the body limit and error pages
/// in the visitor's language.
pub fn router(state: WebState) -> Router {
    Router::new()
        .merge(consultations::router())
        .merge(articles::router())
        .merge(posters::router())
        .merge(opinions::router())
        .merge(relay::router())
        .merge(events::router())
        .merge(staff::router())
        .merge(results::router())
        .merge(assets::router())
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            page::localize_errors,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            visitor::ensure_cookie,
        ))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

/// A bound listener, ready to serve: binding is separate so that a taken port is an
/// error at start, before anything else runs.
pub struct Server {
    listener: tokio::net::TcpListener,
    state: WebState,
}

impl Server {
    pub async fn bind(addr: SocketAddr, state: WebState) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        Ok(Self { listener, state })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `stop` is cancelled, then lets requests in flight finish.
    pub async fn run(self, stop: CancellationToken) -> std::io::Result<()> {
        let app = router(self.state).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, app)
            .with_graceful_shutdown(async move { stop.cancelled().await })
            .await
    }
}
