//! Start-up and the running bot: database, Bot API, intake and dispatch, wired
//! together and stopped together.

use std::{sync::Arc, time::Duration};

use consult_domain::{Db, Error as DomainError, clock::SharedClock};
use consult_handlers::{Deps, i18n::Locales};
use teloxide::{ApiError, RequestError, prelude::*, types::Me};
use tokio_util::sync::CancellationToken;

use crate::{AppError, Config, dispatch::Dispatcher, intake::Polling};

/// Opens the database, proves it writable and migrates it.
pub async fn open_database(url: &str) -> Result<Db, AppError> {
    let db = Db::connect(url).await.map_err(|e| match e {
        DomainError::UnsupportedDatabase => AppError::DatabaseUrl(url.to_owned()),
        DomainError::Database(sqlx::Error::Configuration(_)) => {
            AppError::DatabaseUrl(url.to_owned())
        }
        other => AppError::DatabaseUnreachable(root_cause(&other)),
    })?;
    db.check_writable()
        .await
        .map_err(|e| AppError::DatabaseReadOnly(root_cause(&e)))?;
    db.migrate().await?;
    Ok(db)
}

/// The innermost error message: the part an operator can act on.
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut e = e;
    while let Some(source) = e.source() {
        e = source;
    }
    e.to_string()
}

/// A Bot API client whose requests give up before a long poll would.
pub fn bot(config: &Config) -> Bot {
    let client = teloxide::net::default_reqwest_settings()
        .build()
        .unwrap_or_default();
    Bot::with_client(config.token.expose(), client).set_api_url(config.api_url.clone())
}

/// Checks the token with getMe and returns who the bot is.
pub async fn connect_bot(config: &Config) -> Result<Me, AppError> {
    bot(config).get_me().await.map_err(|e| match e {
        RequestError::Api(ApiError::InvalidToken) => AppError::TokenRejected,
        RequestError::Api(ApiError::Unknown(d)) if d.contains("Unauthorized") => {
            AppError::TokenRejected
        }
        other => AppError::ApiUnreachable {
            url: config.api_url.to_string(),
            detail: root_cause(&other),
        },
    })
}

/// Runs the bot until `shutdown` is cancelled, then lets updates in flight finish.
pub async fn run(
    config: Config,
    clock: SharedClock,
    shutdown: CancellationToken,
) -> Result<(), AppError> {
    let locales = Arc::new(Locales::load().map_err(|e| AppError::Locales(e.to_string()))?);
    let db = open_database(&config.database_url).await?;
    let me = connect_bot(&config).await?;
    report_bot_settings(&me);

    let bot = bot(&config);
    let deps = Deps {
        db: db.clone(),
        clock: clock.clone(),
        locales,
        default_locale: config.locale,
        timezone: config.timezone,
        invite_ttl: chrono::Duration::from_std(config.invite_ttl)
            .map_err(|_| AppError::Duration(format!("{:?}", config.invite_ttl)))?,
        wake_broadcast: Arc::new(tokio::sync::Notify::new()),
        wake_scheduler: Arc::new(tokio::sync::Notify::new()),
        opinion_chars: config.opinion_chars,
        opinions_per_hour: config.opinions_per_hour,
        dialogue_ttl: config.dialogue_ttl,
        details_retention: config.details_retention,
        hash_key: consult_domain::held::HashKey::resolve(&db, config.hash_key.as_ref()).await?,
        held_reply_ttl: config.held_reply_ttl,
    };
    // The menus are a convenience: a failure is logged, not fatal.
    if let Err(e) = consult_handlers::commands::register(&bot, &deps.locales, config.locale).await {
        tracing::warn!(error = %e, "could not register the command menus");
    }
    let requeued = db.inbox().requeue_interrupted().await?;
    if requeued > 0 {
        tracing::warn!(
            requeued,
            "updates interrupted by the last stop will be handled again"
        );
    }
    let broadcaster = crate::workers::broadcast::BroadcastWorker::new(
        bot.clone(),
        deps.clone(),
        crate::workers::broadcast::Limits {
            per_second: config.broadcast_rate,
            per_chat_per_minute: config.group_rate,
        },
    );
    let scheduler = crate::workers::scheduler::Scheduler {
        bot: bot.clone(),
        deps: deps.clone(),
        me: me.clone(),
        reminders: config.reminders.clone(),
        wake: deps.wake_scheduler.clone(),
    };
    let dispatcher = Dispatcher::new(bot.clone(), me.clone(), deps, config.inbox_retention);
    let wake = dispatcher.waker();
    let polling = Polling::new(&config, db.clone(), clock, wake);

    tracing::info!(bot = %me.username(), "consult-bot is running");
    let intake_stop = shutdown.child_token();
    let intake = tokio::spawn(polling.run(intake_stop.clone()));
    let broadcasting = tokio::spawn(broadcaster.run(shutdown.clone()));
    let scheduling = tokio::spawn(scheduler.run(shutdown.clone()));
    dispatcher.run(shutdown.clone()).await;
    intake_stop.cancel();
    if let Err(e) = intake.await {
        tracing::error!(error = %e, "intake task failed");
    }
    if let Err(e) = broadcasting.await {
        tracing::error!(error = %e, "broadcast worker failed");
    }
    if let Err(e) = scheduling.await {
        tracing::error!(error = %e, "scheduler failed");
    }
    db.close().await;
    tracing::info!("consult-bot stopped");
    Ok(())
}

/// The bot needs privacy mode on (it must not read group chatter) and inline mode on
/// (for FAQ answers); both are set with @BotFather, so say so clearly.
fn report_bot_settings(me: &Me) {
    tracing::info!(
        bot = %me.username(),
        can_join_groups = me.can_join_groups,
        can_read_all_group_messages = me.can_read_all_group_messages,
        supports_inline_queries = me.supports_inline_queries,
        "connected to the Bot API"
    );
    if !me.supports_inline_queries {
        tracing::warn!(
            "inline mode is off: turn it on with @BotFather → /setinline so residents can ask FAQ questions inline"
        );
    }
    if me.can_read_all_group_messages {
        tracing::warn!(
            "privacy mode is off: turn it on with @BotFather → /setprivacy → Enable; the bot must not read ordinary group chatter"
        );
    }
    if !me.can_join_groups {
        tracing::warn!(
            "the bot cannot be added to groups: allow it with @BotFather → /setjoingroups"
        );
    }
}

/// How long to wait before retrying after a failure, growing to a ceiling.
pub(crate) fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(200u64.saturating_mul(1 << attempt.min(6))).min(Duration::from_secs(10))
}
