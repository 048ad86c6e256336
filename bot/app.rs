//! Start-up and the running bot: database, Bot API, intake and dispatch, wired
//! together and stopped together.

use std::sync::Arc;

use consult_domain::{Db, Error as DomainError, clock::SharedClock, held::HashKey};
use consult_handlers::{
    Deps,
    i18n::{Locales, fl},
};
use teloxide::{ApiError, RequestError, prelude::*, types::Me};
use tokio_util::sync::CancellationToken;

use crate::{
    AppError, Config,
    config::Token,
    dispatch::Dispatcher,
    intake::{Intake, Webhook, webhook},
    metrics::Metrics,
};

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
pub fn bot(token: &Token, config: &Config) -> Bot {
    let client = teloxide::net::default_reqwest_settings()
        .build()
        .unwrap_or_default();
    Bot::with_client(token.expose(), client).set_api_url(config.api_url.clone())
}

/// Checks the token with getMe and returns who the bot is.
pub async fn connect_bot(token: &Token, config: &Config) -> Result<Me, AppError> {
    bot(token, config).get_me().await.map_err(|e| match e {
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

/// Runs the bot and the web channel (or the web channel alone, without a token) until
/// `shutdown` is cancelled, then lets updates and requests in flight finish.
pub async fn run(
    config: Config,
    clock: SharedClock,
    shutdown: CancellationToken,
) -> Result<(), AppError> {
    let locales = Arc::new(Locales::load().map_err(|e| AppError::Locales(e.to_string()))?);
    // SQLite runs one bot per database file; held until we return.
    let _sqlite_lock = crate::replica::lock_sqlite(&config.database_url)?;
    let db = open_database(&config.database_url).await?;
    let hash_key = HashKey::resolve(&db, config.hash_key.as_ref()).await?;
    // One pair of wake-ups for the chat's handlers and the staff console alike.
    let wakers = consult_web::Wakers::default();
    let web_stop = CancellationToken::new();
    let web = match &config.web {
        Some(web) => Some(
            crate::web::start(
                web,
                &config,
                db.clone(),
                clock.clone(),
                hash_key.clone(),
                wakers.clone(),
                web_stop.clone(),
            )
            .await?,
        ),
        None => None,
    };
    let deps = handler_deps(
        &config,
        db.clone(),
        clock,
        locales.clone(),
        hash_key,
        &wakers,
    )?;
    let outcome = match (&config.token, &web) {
        (Some(token), _) => run_telegram(&config, token, deps, shutdown).await,
        (None, Some((_, bound))) => {
            let url = config
                .web
                .as_ref()
                .map(|w| w.url.to_string())
                .unwrap_or_default();
            tracing::info!(listen = %bound, %url, "no Telegram token: serving the web channel alone");
            // On stdout too: the line a newcomer running the README's first command needs.
            let l = locales.get(config.locale);
            println!("{}", fl!(l, "cli-web-only", url = url));
            run_web_only(&config, deps, shutdown).await
        }
        (None, None) => Err(AppError::TokenMissing),
    };
    web_stop.cancel();
    if let Some((task, _)) = web
        && let Err(e) = task.await
    {
        tracing::error!(error = %e, "web task failed");
    }
    db.close().await;
    // A failure at start is the one line the operator reads; nothing else is said.
    if outcome.is_ok() {
        tracing::info!("consult-bot stopped");
    }
    outcome
}

/// What the handlers and the scheduler share, from the configuration: the same for
/// a bot with the web channel and for the web channel alone.
fn handler_deps(
    config: &Config,
    db: Db,
    clock: SharedClock,
    locales: Arc<Locales>,
    hash_key: HashKey,
    wakers: &consult_web::Wakers,
) -> Result<Deps, AppError> {
    Ok(Deps {
        db,
        clock,
        locales,
        default_locale: config.locale,
        timezone: config.timezone,
        invite_ttl: chrono::Duration::from_std(config.invite_ttl)
            .map_err(|_| AppError::Duration(format!("{:?}", config.invite_ttl)))?,
        wake_broadcast: wakers.broadcast.clone(),
        wake_scheduler: wakers.scheduler.clone(),
        opinion_chars: config.opinion_chars,
        opinions_per_hour: config.opinions_per_hour,
        dialogue_ttl: config.dialogue_ttl,
        details_retention: config.details_retention,
        relay: config.relay,
        hash_key,
        held_reply_ttl: config.held_reply_ttl,
        digest_at: config.digest_at,
        chart_font: config.chart_font.clone(),
        web_url: config.web.as_ref().map(|w| w.url.clone()),
    })
}

/// The web channel alone (no Telegram token, as where Telegram is blocked): the
/// scheduler still closes consultations at their deadline, follows up the relay and
/// erases personal details when their time is up, on the leading replica; the health
/// endpoint answers as it does beside a bot.
async fn run_web_only(
    config: &Config,
    deps: Deps,
    shutdown: CancellationToken,
) -> Result<(), AppError> {
    let db = deps.db.clone();
    let (election, _replica, leadership) = crate::leader::join(
        &db,
        &config.database_url,
        config.replicas,
        chrono::Utc::now(),
    )
    .await?;
    let health = match config.health_listen {
        Some(addr) => Some(
            crate::health::serve(addr, db, Arc::new(Metrics::default()), shutdown.clone()).await?,
        ),
        None => None,
    };
    let election_stop = CancellationToken::new();
    let electing = tokio::spawn(election.run(election_stop.clone()));
    let reminders = config.reminders.clone();
    crate::leader::serve_terms(leadership, shutdown, move |term| {
        let scheduler = crate::workers::scheduler::Scheduler {
            bot: None,
            wake: deps.wake_scheduler.clone(),
            deps: deps.clone(),
            reminders: reminders.clone(),
        };
        scheduler.run(term)
    })
    .await;
    stop_last(election_stop, electing, health).await;
    Ok(())
}

/// The Telegram side: intake, dispatch, the leader's workers, until `shutdown`.
async fn run_telegram(
    config: &Config,
    token: &Token,
    deps: Deps,
    shutdown: CancellationToken,
) -> Result<(), AppError> {
    let db = deps.db.clone();
    let clock = deps.clock.clone();
    let config = config.clone();
    let me = connect_bot(token, &config).await?;
    report_bot_settings(&me);

    let bot = bot(token, &config);
    let metrics = Arc::new(Metrics::default());
    // The menus are a convenience: a failure is logged, not fatal.
    if let Err(e) = consult_handlers::commands::register(&bot, &deps.locales, config.locale).await {
        tracing::warn!(error = %e, "could not register the command menus");
    }
    // Registered (and, if nobody leads, leading) before any work is claimed: the
    // other replicas must see this one alive before it owns anything.
    let (election, replica, leadership) = crate::leader::join(
        &db,
        &config.database_url,
        config.replicas,
        chrono::Utc::now(),
    )
    .await?;
    let requeued = db.inbox().requeue_orphaned(replica.id()).await?;
    if requeued > 0 {
        tracing::warn!(
            requeued,
            "updates interrupted by a stopped replica will be handled again"
        );
    }
    let dispatcher = Dispatcher::new(
        bot.clone(),
        me.clone(),
        deps.clone(),
        config.inbox_retention,
        replica.clone(),
    )
    .with_metrics(metrics.clone());
    let wake = dispatcher.waker();
    // Every replica serves the webhook endpoint (any may receive any update); only the
    // leader calls setWebhook — here if it leads now, so that a refusal is one clear
    // line at start, and at the start of each later term (`leader::Duties`). Long
    // polling has one owner by Telegram's rules: the leader, in `leader::Duties`.
    // Bound before setWebhook, so Telegram never posts to a closed port.
    let intake = match &config.webhook {
        Some(hook) => Some(Intake::Webhook(
            Webhook::bind(hook, db.clone(), clock, wake.clone(), metrics.clone()).await?,
        )),
        None => None,
    };
    let webhook_set = match &config.webhook {
        Some(hook) if leadership.is_leader() => {
            webhook::register(&bot, hook).await?;
            true
        }
        _ => false,
    };
    let duties = crate::leader::Duties {
        bot: bot.clone(),
        deps,
        me: me.clone(),
        config: config.clone(),
        wake,
        metrics: metrics.clone(),
        owner: replica.id(),
        webhook_set: Arc::new(std::sync::atomic::AtomicBool::new(webhook_set)),
    };
    let health = match config.health_listen {
        Some(addr) => {
            Some(crate::health::serve(addr, db.clone(), metrics.clone(), shutdown.clone()).await?)
        }
        None => None,
    };

    tracing::info!(bot = %me.username(), "consult-bot is running");
    // The election outlives the dispatcher and the workers: until they have finished,
    // this replica must count as alive, or others would take back its work in flight.
    let election_stop = CancellationToken::new();
    let electing = tokio::spawn(election.run(election_stop.clone()));
    let intake_stop = shutdown.child_token();
    let intake = intake.map(|i| tokio::spawn(i.run(intake_stop.clone())));
    let leading = tokio::spawn(crate::leader::serve_terms(
        leadership,
        shutdown.clone(),
        move |term| duties.clone().term(term),
    ));
    dispatcher.run(shutdown.clone()).await;
    intake_stop.cancel();
    if let Some(Err(e)) = match intake {
        Some(task) => Some(task.await),
        None => None,
    } {
        tracing::error!(error = %e, "intake task failed");
    }
    if let Err(e) = leading.await {
        tracing::error!(error = %e, "leader's jobs failed");
    }
    stop_last(election_stop, electing, health).await;
    Ok(())
}

/// Stops what must outlive the work: the election (until the work has finished, this
/// replica must count as alive, or others would take back its work in flight) and the
/// health endpoint.
async fn stop_last(
    election_stop: CancellationToken,
    electing: tokio::task::JoinHandle<()>,
    health: Option<tokio::task::JoinHandle<()>>,
) {
    election_stop.cancel();
    if let Err(e) = electing.await {
        tracing::error!(error = %e, "election failed");
    }
    if let Some(Err(e)) = match health {
        Some(task) => Some(task.await),
        None => None,
    } {
        tracing::error!(error = %e, "health endpoint failed");
    }
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
