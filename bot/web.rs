//! Starting the web channel beside the bot (or alone, without a token): the pages of
//! `consult-web` on `--web-listen`, with the same database, clock, limits and hash key.

use consult_domain::{Db, clock::SharedClock, held::HashKey};
use tokio_util::sync::CancellationToken;

use crate::{AppError, Config, config::WebConfig};

/// Binds the address now (a taken port is one clear line at start) and serves until
/// `stop`; returns the task and the address actually bound.
pub async fn start(
    web: &WebConfig,
    config: &Config,
    db: Db,
    clock: SharedClock,
    key: HashKey,
    wakers: consult_web::Wakers,
    stop: CancellationToken,
) -> Result<(tokio::task::JoinHandle<()>, std::net::SocketAddr), AppError> {
    let settings = consult_web::Settings {
        base_url: web.url.clone(),
        timezone: config.timezone,
        default_locale: config.locale,
        opinion_chars: config.opinion_chars,
        opinions_per_hour: config.opinions_per_hour,
        relay: config.relay,
        bot_token: config
            .token
            .as_ref()
            .map(|t| consult_web::miniapp::BotToken::new(t.expose())),
        staff_sessions: config.staff_sessions,
        password_cost: consult_domain::staff::password::Cost::DEFAULT,
        invite_ttl: chrono::Duration::from_std(config.invite_ttl)
            .map_err(|_| AppError::Duration(format!("{:?}", config.invite_ttl)))?,
    };
    let state = consult_web::WebState::new(db, clock, key, settings, wakers)
        .map_err(|e| AppError::Locales(e.to_string()))?;
    let listen_error = |e: std::io::Error| AppError::Listen {
        addr: web.listen.to_string(),
        detail: e.to_string(),
    };
    let server = consult_web::Server::bind(web.listen, state)
        .await
        .map_err(listen_error)?;
    let bound = server.local_addr().map_err(listen_error)?;
    let task = tokio::spawn(async move {
        if let Err(e) = server.run(stop).await {
            tracing::error!(error = %e, "web server failed");
        }
    });
    Ok((task, bound))
}
