//! Webhook mode: Telegram POSTs each update to `--webhook-url`, which a reverse proxy
//! (TLS) forwards to `--listen`. An update is stored in the inbox *before* it is
//! answered 200, exactly as polling stores a batch before acknowledging it; when it
//! cannot be stored the answer is 503 and Telegram delivers it again later, so a
//! database outage loses nothing and needs no restart (the pool reconnects on the next
//! request).
//!
//! - The `X-Telegram-Bot-Api-Secret-Token` header must equal `--webhook-secret`,
//!   compared in constant time; otherwise 401 and nothing is stored.
//! - A body that is not a JSON object with an integer `update_id` is answered 400:
//!   Telegram never sends one, so it is not an update to keep. A well-formed update the
//!   bot cannot parse is stored and marked `unparsable` by the dispatcher, as in polling
//!   — also one no JSON value can hold (too deeply nested, a lone surrogate escape).
//! - Only the URL's path is served; anything else is 404.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::{
    Router,
    body::Bytes,
    extract::State,
    http::{HeaderMap, Method, StatusCode, Uri},
};
use consult_domain::{Db, clock::SharedClock, inbox::RawUpdate};
use subtle::ConstantTimeEq;
use teloxide::{RequestError, prelude::*};
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::{
    AppError,
    metrics::{Metrics, WebhookAnswer},
    wake::Wake,
};

/// The header Telegram puts the secret in.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";
/// A request whose update cannot be stored within this is answered 503 (Telegram waits
/// for an answer for about a minute, then retries anyway).
const STORE_TIMEOUT: Duration = Duration::from_secs(10);
/// Ports Telegram's servers deliver webhooks to.
const TELEGRAM_PORTS: [u16; 4] = [443, 80, 88, 8443];

/// The webhook secret: 1–256 of `A-Za-z0-9_-` (Telegram's rule). Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookSecret(String);

impl WebhookSecret {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let ok = (1..=256).contains(&raw.len())
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if ok {
            Ok(Self(raw.to_owned()))
        } else {
            Err(AppError::WebhookSecret)
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Constant-time comparison, so the answer's timing tells nothing about the secret.
    fn matches(&self, given: &[u8]) -> bool {
        bool::from(self.0.as_bytes().ct_eq(given))
    }
}

impl std::fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WebhookSecret(…)")
    }
}

/// Webhook mode's settings, validated.
#[derive(Debug, Clone)]
pub struct WebhookConfig {
    /// The public HTTPS URL Telegram posts to.
    pub url: Url,
    /// Where this process listens (behind the reverse proxy).
    pub listen: SocketAddr,
    pub secret: WebhookSecret,
}

impl WebhookConfig {
    /// Webhook mode when `--webhook-url` is given (then `--listen` and
    /// `--webhook-secret` are required); polling when none of the three is.
    pub fn from_args(
        url: Option<&str>,
        listen: Option<&str>,
        secret: Option<&str>,
        api_url: &Url,
    ) -> Result<Option<Self>, AppError> {
        let Some(url) = url.filter(|u| !u.trim().is_empty()) else {
            if listen.is_some_and(|l| !l.is_empty()) {
                return Err(AppError::WebhookOnly("--listen"));
            }
            if secret.is_some_and(|s| !s.is_empty()) {
                return Err(AppError::WebhookOnly("--webhook-secret"));
            }
            return Ok(None);
        };
        let url = webhook_url(url.trim(), api_url)?;
        let listen = listen
            .filter(|l| !l.is_empty())
            .ok_or(AppError::WebhookNeeds("--listen"))?;
        let listen = parse_listen(listen)?;
        let secret = secret
            .filter(|s| !s.is_empty())
            .ok_or(AppError::WebhookNeeds("--webhook-secret"))?;
        Ok(Some(Self {
            url,
            listen,
            secret: WebhookSecret::parse(secret)?,
        }))
    }
}

/// A listen address such as `127.0.0.1:8080` or `[::]:8080`.
pub fn parse_listen(raw: &str) -> Result<SocketAddr, AppError> {
    raw.trim()
        .parse()
        .map_err(|_| AppError::ListenAddress(raw.to_owned()))
}

/// HTTPS, or HTTP to a loopback host (a local Bot API server on the same machine, or
/// the tests); with Telegram's own servers, only the ports they deliver to (checked
/// here, where the operator reads it, rather than left to setWebhook's refusal).
fn webhook_url(raw: &str, api_url: &Url) -> Result<Url, AppError> {
    let bad = || AppError::WebhookUrl(raw.to_owned());
    let url = Url::parse(raw).map_err(|_| bad())?;
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => return Err(bad()),
    };
    let scheme_ok = url.scheme() == "https" || (url.scheme() == "http" && loopback);
    if !scheme_ok || url.fragment().is_some() || !url.username().is_empty() {
        return Err(bad());
    }
    let official = api_url.host_str() == Some("api.telegram.org");
    if let Some(port) = url.port_or_known_default()
        && official
        && !loopback
        && !TELEGRAM_PORTS.contains(&port)
    {
        return Err(AppError::WebhookPort(raw.to_owned()));
    }
    Ok(url)
}

/// Tells Telegram to post updates to the webhook (with the secret, and only the kinds
/// the handlers use). Called once at start; with several replicas, call it from one
/// only (the others just serve the endpoint).
pub async fn register(bot: &Bot, config: &WebhookConfig) -> Result<(), AppError> {
    bot.set_webhook(config.url.clone())
        .secret_token(config.secret.expose())
        .allowed_updates(super::ALLOWED_UPDATES.iter().cloned())
        .await
        .map_err(|e| match e {
            RequestError::Api(e) => AppError::WebhookRejected(e.to_string()),
            other => AppError::WebhookRejected(other.to_string()),
        })?;
    tracing::info!(url = %config.url, "webhook set");
    Ok(())
}

/// Removes any webhook, so that polling can start (getUpdates answers 409 Conflict
/// while one is set). Updates Telegram holds are kept and come through getUpdates.
pub async fn unregister(bot: &Bot) -> Result<(), RequestError> {
    bot.delete_webhook().await?;
    Ok(())
}

/// The webhook endpoint, bound and ready to serve.
pub struct Webhook {
    listener: tokio::net::TcpListener,
    router: Router,
}

struct Receiver {
    path: String,
    secret: WebhookSecret,
    db: Db,
    clock: SharedClock,
    wake: Wake,
    metrics: Arc<Metrics>,
}

impl Webhook {
    /// Binds the listen address now, so a taken port is reported at start.
    pub async fn bind(
        config: &WebhookConfig,
        db: Db,
        clock: SharedClock,
        wake: Wake,
        metrics: Arc<Metrics>,
    ) -> Result<Self, AppError> {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|e| AppError::Listen {
                addr: config.listen.to_string(),
                detail: e.to_string(),
            })?;
        let receiver = Arc::new(Receiver {
            path: config.url.path().to_owned(),
            secret: config.secret.clone(),
            db,
            clock,
            wake,
            metrics,
        });
        // A fallback rather than a route: the path is the operator's, and axum's route
        // syntax would give `{`, `:` or `*` in it a meaning.
        let router = Router::new().fallback(receive).with_state(receiver);
        Ok(Self { listener, router })
    }

    /// Serves until `stop`, then finishes the requests in flight.
    pub async fn run(self, stop: CancellationToken) {
        let addr = self.listener.local_addr().ok();
        tracing::info!(listen = ?addr, "webhook listening");
        let served = axum::serve(self.listener, self.router)
            .with_graceful_shutdown(async move { stop.cancelled().await })
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "webhook server failed");
        }
        tracing::info!("intake stopped");
    }
}

async fn receive(
    State(r): State<Arc<Receiver>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    if uri.path() != r.path {
        return StatusCode::NOT_FOUND;
    }
    if method != Method::POST {
        return StatusCode::METHOD_NOT_ALLOWED;
    }
    let authorised = headers
        .get(SECRET_HEADER)
        .is_some_and(|given| r.secret.matches(given.as_bytes()));
    if !authorised {
        tracing::warn!("webhook request without the right secret; refused");
        r.metrics.webhook_answered(WebhookAnswer::Unauthorized);
        return StatusCode::UNAUTHORIZED;
    }
    let update = std::str::from_utf8(&body)
        .ok()
        .and_then(RawUpdate::from_text);
    let Some(update) = update else {
        tracing::warn!(bytes = body.len(), "webhook body is not an update; refused");
        r.metrics.webhook_answered(WebhookAnswer::BadRequest);
        return StatusCode::BAD_REQUEST;
    };
    let stored = tokio::time::timeout(
        STORE_TIMEOUT,
        r.db.inbox()
            .store(std::slice::from_ref(&update), r.clock.now()),
    )
    .await;
    match stored {
        Ok(Ok(new)) => {
            tracing::debug!(update_id = update.update_id, new, "update stored");
            r.wake.stored([update.chat_key]);
            r.metrics.webhook_answered(WebhookAnswer::Stored);
            StatusCode::OK
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, "cannot store an update; Telegram will retry");
            r.metrics.webhook_answered(WebhookAnswer::Unavailable);
            StatusCode::SERVICE_UNAVAILABLE
        }
        Err(_) => {
            tracing::error!("storing an update timed out; Telegram will retry");
            r.metrics.webhook_answered(WebhookAnswer::Unavailable);
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn official() -> Url {
        Url::parse("https://api.telegram.org").unwrap()
    }

    #[test]
    fn secrets_follow_telegrams_rule() {
        assert!(WebhookSecret::parse("abc_DEF-123").is_ok());
        assert!(WebhookSecret::parse(&"a".repeat(256)).is_ok());
        for bad in ["", "has space", "ümlaut", "semi;colon", &"a".repeat(257)] {
            assert!(
                matches!(WebhookSecret::parse(bad), Err(AppError::WebhookSecret)),
                "{bad:?}"
            );
        }
        let s = WebhookSecret::parse("s3cret").unwrap();
        assert_eq!(format!("{s:?}"), "WebhookSecret(…)");
        assert!(s.matches(b"s3cret"));
        assert!(!s.matches(b"s3cre"));
        assert!(!s.matches(b"s3cret!"));
    }

    #[test]
    fn webhook_urls_are_https_except_on_loopback() {
        let ok = |u: &str| webhook_url(u, &official()).is_ok();
        assert!(ok("https://bot.example.org/telegram"));
        assert!(ok("https://bot.example.org:8443/telegram"));
        assert!(ok("http://127.0.0.1:8080/hook"));
        assert!(ok("http://localhost/hook"));
        assert!(ok("http://[::1]:9000/hook"));
        assert!(!ok("http://bot.example.org/telegram"));
        assert!(!ok("ftp://bot.example.org/"));
        assert!(!ok("not a url"));
        assert!(!ok("https://user:pw@bot.example.org/"));
        assert!(matches!(
            webhook_url("https://bot.example.org:9000/x", &official()),
            Err(AppError::WebhookPort(_))
        ));
        // A local Bot API server delivers to any port.
        let local = Url::parse("http://127.0.0.1:8081").unwrap();
        assert!(webhook_url("https://bot.example.org:9000/x", &local).is_ok());
    }

    #[test]
    fn the_three_flags_go_together() {
        let api = official();
        let cfg = |u, l, s| WebhookConfig::from_args(u, l, s, &api);
        assert!(matches!(cfg(None, None, None), Ok(None)));
        assert!(matches!(
            cfg(Some("https://x.org/h"), None, Some("s")),
            Err(AppError::WebhookNeeds("--listen"))
        ));
        assert!(matches!(
            cfg(Some("https://x.org/h"), Some("127.0.0.1:8080"), None),
            Err(AppError::WebhookNeeds("--webhook-secret"))
        ));
        assert!(matches!(
            cfg(None, Some("127.0.0.1:8080"), None),
            Err(AppError::WebhookOnly("--listen"))
        ));
        assert!(matches!(
            cfg(Some("https://x.org/h"), Some("nowhere"), Some("s")),
            Err(AppError::ListenAddress(_))
        ));
        let c = cfg(Some("https://x.org/h"), Some("127.0.0.1:8080"), Some("s"))
            .unwrap()
            .unwrap();
        assert_eq!(c.url.path(), "/h");
    }
}
