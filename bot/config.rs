//! Configuration from flags and environment, validated once so the rest of the program
//! works with values that are known to be well-formed.

use std::{fmt, str::FromStr, time::Duration};

use chrono_tz::Tz;
use clap::{Args, ValueEnum};
use consult_domain::people::Locale;
use url::Url;

use crate::{
    AppError,
    duration::{parse_duration, parse_interval},
};

/// Flags shared by every subcommand. Each can also come from the environment.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Bot token from @BotFather.
    #[arg(long, env = "TELOXIDE_TOKEN", hide_env_values = true, global = true)]
    pub token: Option<String>,
    /// Bot API server (a local Bot API server or a test double).
    #[arg(
        long,
        env = "TELOXIDE_API_URL",
        default_value = "https://api.telegram.org",
        global = true
    )]
    pub api_url: String,
    /// sqlite:PATH (created on first run) or postgres://USER@HOST/DB.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite:consult-bot.db",
        global = true
    )]
    pub database_url: String,
    #[arg(long, env = "CONSULT_LOG_FORMAT", value_enum, default_value_t = LogFormat::Human, global = true)]
    pub log_format: LogFormat,
    /// Language of the command line and of people whose language is unknown: zh-CN or en.
    #[arg(long, env = "CONSULT_LOCALE", default_value = "zh-CN", global = true)]
    pub locale: String,
    /// Time zone in which times are shown to people.
    #[arg(
        long,
        env = "CONSULT_TIMEZONE",
        default_value = "Asia/Shanghai",
        global = true
    )]
    pub timezone: String,
    /// How long an invite link stays valid (e.g. 12h, 7d).
    #[arg(long, env = "CONSULT_INVITE_TTL", default_value = "7d", global = true)]
    pub invite_ttl: String,
    /// How long handled updates are kept (and recognised as duplicates).
    #[arg(
        long,
        env = "CONSULT_INBOX_RETENTION",
        default_value = "48h",
        global = true
    )]
    pub inbox_retention: String,
    /// Shortest opinion text accepted, in characters.
    #[arg(long, env = "CONSULT_OPINION_MIN_CHARS", default_value_t = 5, global = true, value_parser = clap::value_parser!(u16).range(1..))]
    pub opinion_min_chars: u16,
    /// Longest opinion text accepted, in characters.
    #[arg(long, env = "CONSULT_OPINION_MAX_CHARS", default_value_t = 2000, global = true, value_parser = clap::value_parser!(u16).range(1..=3500))]
    pub opinion_max_chars: u16,
    /// Opinions one person may submit in an hour.
    #[arg(long, env = "CONSULT_OPINIONS_PER_HOUR", default_value_t = 20, global = true, value_parser = clap::value_parser!(u16).range(1..))]
    pub opinions_per_hour: u16,
    /// Submitters' personal details are erased this long after a consultation is concluded.
    #[arg(
        long,
        env = "CONSULT_DETAILS_RETENTION",
        default_value = "180d",
        global = true
    )]
    pub details_retention: String,
    /// A 社情民意 report forwarded and unanswered this long is reminded to its liaison.
    #[arg(
        long,
        env = "CONSULT_RELAY_REMIND_AFTER",
        default_value = "7d",
        global = true
    )]
    pub relay_remind_after: String,
    /// … and escalated to the admins this long after the reminder.
    #[arg(
        long,
        env = "CONSULT_RELAY_ESCALATE_AFTER",
        default_value = "7d",
        global = true
    )]
    pub relay_escalate_after: String,
    /// How long a handling department's answer link stays valid.
    #[arg(
        long,
        env = "CONSULT_RELAY_LINK_TTL",
        default_value = "30d",
        global = true
    )]
    pub relay_link_ttl: String,
    /// An unfinished opinion dialogue expires after this long (e.g. 24h).
    #[arg(
        long,
        env = "CONSULT_DIALOGUE_TTL",
        default_value = "24h",
        global = true
    )]
    pub dialogue_ttl: String,
    /// When to remind the groups before a deadline (comma-separated, e.g. 3d,1d).
    #[arg(
        long,
        env = "CONSULT_REMINDERS",
        default_value = "3d,1d",
        global = true
    )]
    pub reminders: String,
    /// Long-polling timeout; the HTTP client waits 10 s longer than this.
    #[arg(
        long,
        env = "CONSULT_POLL_TIMEOUT",
        default_value = "25s",
        global = true
    )]
    pub poll_timeout: String,
    /// Broadcast messages sent per second, all chats together (Telegram allows about 30).
    #[arg(long, env = "CONSULT_BROADCAST_RATE", default_value_t = 25,
        value_parser = clap::value_parser!(u32).range(1..=10_000), global = true)]
    pub broadcast_rate: u32,
    /// Broadcast messages sent per minute to one group (Telegram allows about 20).
    #[arg(long, env = "CONSULT_GROUP_RATE", default_value_t = 20,
        value_parser = clap::value_parser!(u32).range(1..=10_000), global = true)]
    pub group_rate: u32,
    /// Secret key of the hash under which unconfirmed group replies and votes are kept
    /// (use 32 random characters or more); when unset or empty, one is generated at
    /// first start and stored in the database.
    #[arg(long, env = "CONSULT_HASH_KEY", hide_env_values = true, global = true,
        value_parser = hash_key)]
    pub hash_key: Option<consult_domain::held::HashKey>,
    /// A group reply not confirmed privately is erased after this long.
    #[arg(
        long,
        env = "CONSULT_HELD_REPLY_TTL",
        default_value = "72h",
        global = true
    )]
    pub held_reply_ttl: String,
    /// Local time of day (HH:MM, in --timezone) of the liaisons' daily digest.
    #[arg(
        long,
        env = "CONSULT_DIGEST_AT",
        default_value = "18:00",
        global = true
    )]
    pub digest_at: String,
    /// Font file for chart labels (.ttf, .otf, or .ttc with Chinese); default: a CJK
    /// font from the system (fonts-noto-cjk), else Latin labels.
    #[arg(long, env = "CONSULT_CHART_FONT", global = true)]
    pub chart_font: Option<std::path::PathBuf>,
    /// Webhook mode: the public HTTPS URL Telegram posts updates to (behind a reverse
    /// proxy that forwards to --listen). Without it the bot uses long polling.
    #[arg(long, env = "CONSULT_WEBHOOK_URL", global = true)]
    pub webhook_url: Option<String>,
    /// Webhook mode: the address the webhook endpoint listens on (e.g. 127.0.0.1:8080).
    #[arg(long, env = "CONSULT_LISTEN", global = true)]
    pub listen: Option<String>,
    /// Webhook mode: the secret Telegram sends in every request (1–256 of A-Za-z0-9_-).
    #[arg(
        long,
        env = "CONSULT_WEBHOOK_SECRET",
        hide_env_values = true,
        global = true
    )]
    pub webhook_secret: Option<String>,
    /// Serve the resident web pages on this address (e.g. 127.0.0.1:8080); without a
    /// token the web pages are served alone, on 127.0.0.1:8080 unless this says otherwise.
    #[arg(long, env = "CONSULT_WEB_LISTEN", global = true)]
    pub web_listen: Option<String>,
    /// The public base URL of the web pages, used in links and QR codes (default: the
    /// --web-listen address over http).
    #[arg(long, env = "CONSULT_WEB_URL", global = true)]
    pub web_url: Option<String>,
    /// A staff console session ends after this long without a request (e.g. 30m).
    #[arg(
        long,
        env = "CONSULT_STAFF_IDLE_TIMEOUT",
        default_value = "30m",
        global = true
    )]
    pub staff_idle_timeout: String,
    /// A staff console session ends this long after login, however busy (e.g. 12h).
    #[arg(
        long,
        env = "CONSULT_STAFF_SESSION_MAX",
        default_value = "12h",
        global = true
    )]
    pub staff_session_max: String,
    /// Serve /healthz, /readyz and /metrics on this address (off when unset).
    #[arg(long, env = "CONSULT_HEALTH_LISTEN", global = true)]
    pub health_listen: Option<String>,
    /// Replicas on PostgreSQL: how often a follower tries to take the lead and every
    /// replica renews its lease (e.g. 3s, 250ms). Hidden: tests shorten it to fail over
    /// quickly.
    #[arg(
        long,
        env = "CONSULT_REPLICA_RETRY",
        default_value = "3s",
        global = true,
        hide = true
    )]
    pub replica_retry: String,
    /// Replicas on PostgreSQL: how long a replica that stopped renewing still counts
    /// as alive (at least three retries).
    #[arg(
        long,
        env = "CONSULT_REPLICA_LEASE",
        default_value = "15s",
        global = true,
        hide = true
    )]
    pub replica_lease: String,
}

/// The hash key as clap reads it, so that even `GlobalArgs`' Debug never shows it.
fn hash_key(raw: &str) -> Result<consult_domain::held::HashKey, String> {
    consult_domain::held::HashKey::new(raw).ok_or_else(|| "empty".to_owned())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Human,
    Json,
}

/// A bot token. Never printed: Debug and Display hide it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// `<bot id>:<secret>`, where the secret is at least 30 of `A-Za-z0-9_-`.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let raw = raw.trim();
        let (id, secret) = raw.split_once(':').ok_or(AppError::TokenMalformed)?;
        let id_ok = !id.is_empty() && id.len() <= 20 && id.bytes().all(|b| b.is_ascii_digit());
        let secret_ok = secret.len() >= 30
            && secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if id_ok && secret_ok {
            Ok(Self(raw.to_owned()))
        } else {
            Err(AppError::TokenMalformed)
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(…)")
    }
}

/// [`parse_duration`] as the domain counts time.
fn chrono_duration(raw: &str) -> Result<chrono::Duration, AppError> {
    parse_duration(raw).and_then(|d| {
        chrono::Duration::from_std(d).map_err(|_| AppError::Duration(raw.trim().to_owned()))
    })
}

/// A time of day written `18:00` (or `18:00:30`).
pub fn parse_time_of_day(raw: &str) -> Result<chrono::NaiveTime, AppError> {
    let raw = raw.trim().replace('：', ":");
    chrono::NaiveTime::parse_from_str(&raw, "%H:%M")
        .or_else(|_| chrono::NaiveTime::parse_from_str(&raw, "%H:%M:%S"))
        .map_err(|_| AppError::TimeOfDay(raw.clone()))
}

/// Where the web pages listen without a token: loopback, so a first run on a laptop
/// shows the pages without exposing them to the network.
pub const DEFAULT_WEB_LISTEN: &str = "127.0.0.1:8080";

/// The web channel's address and public base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebConfig {
    pub listen: std::net::SocketAddr,
    /// Links and QR codes point here; ends with `/`.
    pub url: Url,
}

impl WebConfig {
    /// `listen` (or the loopback default when `required`) and `url` (or one made from
    /// the address). None when neither the flags nor `required` ask for the web.
    pub fn from_args(
        listen: Option<&str>,
        url: Option<&str>,
        required: bool,
    ) -> Result<Option<Self>, AppError> {
        let given = |v: Option<&str>| v.map(str::trim).is_some_and(|v| !v.is_empty());
        if required || given(listen) || given(url) {
            Self::resolve(listen, url).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The address (default: loopback) and the public base (default: made from the
    /// address), validated.
    pub fn resolve(listen: Option<&str>, url: Option<&str>) -> Result<Self, AppError> {
        let listen = listen
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .unwrap_or(DEFAULT_WEB_LISTEN);
        let listen = crate::intake::webhook::parse_listen(listen)?;
        let url = match url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(raw) => {
                let mut u = Url::parse(raw).map_err(|_| AppError::WebUrl(raw.to_owned()))?;
                if !matches!(u.scheme(), "http" | "https") || u.host().is_none() {
                    return Err(AppError::WebUrl(raw.to_owned()));
                }
                if !u.path().ends_with('/') {
                    let path = format!("{}/", u.path());
                    u.set_path(&path);
                }
                u
            }
            None => Url::parse(&format!("http://{listen}/"))
                .map_err(|_| AppError::WebUrl(listen.to_string()))?,
        };
        Ok(Self { listen, url })
    }
}

/// Everything `run` needs, validated.
#[derive(Debug, Clone)]
pub struct Config {
    /// None: no Telegram — the web channel alone (mainland deployments).
    pub token: Option<Token>,
    pub api_url: Url,
    pub database_url: String,
    pub locale: Locale,
    pub timezone: Tz,
    pub invite_ttl: Duration,
    pub inbox_retention: Duration,
    pub poll_timeout: Duration,
    /// Broadcast messages per second, all chats together.
    pub broadcast_rate: u32,
    /// Broadcast messages per minute to one chat.
    pub group_rate: u32,
    /// How long before a deadline the groups are reminded.
    pub reminders: Vec<chrono::Duration>,
    /// Shortest and longest opinion text, in characters.
    pub opinion_chars: (usize, usize),
    pub opinions_per_hour: i64,
    pub dialogue_ttl: chrono::Duration,
    pub details_retention: chrono::Duration,
    /// The 社情民意 relay's reminder, escalation and link times.
    pub relay: consult_domain::relay::Settings,
    /// The configured hash key; hidden from Debug (None: generated and stored).
    pub hash_key: Option<consult_domain::held::HashKey>,
    pub held_reply_ttl: chrono::Duration,
    /// Local time of day of the liaisons' daily digest.
    pub digest_at: chrono::NaiveTime,
    /// Font file for chart labels; None: look on the system.
    pub chart_font: Option<std::path::PathBuf>,
    /// Webhook mode's settings; None: long polling.
    pub webhook: Option<crate::intake::WebhookConfig>,
    /// The web channel, if served (always without a token).
    pub web: Option<WebConfig>,
    /// Where /healthz, /readyz and /metrics are served, if anywhere.
    pub health_listen: Option<std::net::SocketAddr>,
    /// Timers of the coordination between replicas.
    pub replicas: crate::replica::Timing,
    /// How long staff console sessions last.
    pub staff_sessions: consult_domain::staff::SessionPolicy,
}

impl GlobalArgs {
    pub fn locale(&self) -> Locale {
        Locale::from_str(&self.locale).unwrap_or_default()
    }

    pub fn api_url(&self) -> Result<Url, AppError> {
        let url = Url::parse(&self.api_url).map_err(|_| AppError::ApiUrl(self.api_url.clone()))?;
        if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
            return Err(AppError::ApiUrl(self.api_url.clone()));
        }
        Ok(url)
    }

    pub fn token(&self) -> Result<Token, AppError> {
        Token::parse(self.token.as_deref().ok_or(AppError::TokenMissing)?)
    }

    /// Validates everything `run` needs, token first: it is the most common mistake.
    /// Without a token at all, `run` serves the web channel alone.
    pub fn config(&self) -> Result<Config, AppError> {
        let token = match self.token.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(_) => Some(self.token()?),
        };
        let locale = Locale::from_str(&self.locale)?;
        let timezone =
            Tz::from_str(&self.timezone).map_err(|_| AppError::Timezone(self.timezone.clone()))?;
        let api_url = self.api_url()?;
        let webhook = crate::intake::WebhookConfig::from_args(
            self.webhook_url.as_deref(),
            self.listen.as_deref(),
            self.webhook_secret.as_deref(),
            &api_url,
        )?;
        let health_listen = self
            .health_listen
            .as_deref()
            .filter(|a| !a.is_empty())
            .map(crate::intake::webhook::parse_listen)
            .transpose()?;
        let web = WebConfig::from_args(
            self.web_listen.as_deref(),
            self.web_url.as_deref(),
            token.is_none(),
        )?;
        Ok(Config {
            token,
            web,
            api_url,
            digest_at: parse_time_of_day(&self.digest_at)?,
            chart_font: self
                .chart_font
                .clone()
                .filter(|p| !p.as_os_str().is_empty()),
            webhook,
            health_listen,
            replicas: crate::replica::Timing::new(
                parse_interval(&self.replica_retry)?,
                parse_interval(&self.replica_lease)?,
            ),
            database_url: self.database_url.clone(),
            locale,
            timezone,
            invite_ttl: parse_duration(&self.invite_ttl)?,
            inbox_retention: parse_duration(&self.inbox_retention)?,
            poll_timeout: parse_duration(&self.poll_timeout)?,
            opinion_chars: (
                usize::from(self.opinion_min_chars.min(self.opinion_max_chars)),
                usize::from(self.opinion_max_chars),
            ),
            opinions_per_hour: i64::from(self.opinions_per_hour),
            details_retention: parse_duration(&self.details_retention).and_then(|d| {
                chrono::Duration::from_std(d)
                    .map_err(|_| AppError::Duration(self.details_retention.clone()))
            })?,
            relay: consult_domain::relay::Settings {
                remind_after: chrono_duration(&self.relay_remind_after)?,
                escalate_after: chrono_duration(&self.relay_escalate_after)?,
                link_ttl: chrono_duration(&self.relay_link_ttl)?,
            },
            dialogue_ttl: parse_duration(&self.dialogue_ttl).and_then(|d| {
                chrono::Duration::from_std(d)
                    .map_err(|_| AppError::Duration(self.dialogue_ttl.clone()))
            })?,
            reminders: self
                .reminders
                .split(',')
                .filter(|r| !r.trim().is_empty())
                .map(|r| {
                    parse_duration(r).and_then(|d| {
                        chrono::Duration::from_std(d).map_err(|_| AppError::Duration(r.to_owned()))
                    })
                })
                .collect::<Result<_, _>>()?,
            broadcast_rate: self.broadcast_rate,
            group_rate: self.group_rate,
            hash_key: self.hash_key.clone(),
            held_reply_ttl: parse_duration(&self.held_reply_ttl).and_then(|d| {
                chrono::Duration::from_std(d)
                    .map_err(|_| AppError::Duration(self.held_reply_ttl.clone()))
            })?,
            staff_sessions: consult_domain::staff::SessionPolicy {
                idle: chrono_duration(&self.staff_idle_timeout)?,
                absolute: chrono_duration(&self.staff_session_max)?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_checked_for_shape() {
        assert!(Token::parse("123456789:AAHfakefakefakefakefakefakefake_12").is_ok());
        for bad in [
            "",
            "abc",
            "123:short",
            "abc:AAHfakefakefakefakefakefakefake_12",
            "123456789:AAH fake fake fake fake fake fake fake",
        ] {
            assert!(
                matches!(Token::parse(bad), Err(AppError::TokenMalformed)),
                "{bad:?}"
            );
        }
        assert_eq!(
            format!(
                "{:?}",
                Token::parse("1:AAHfakefakefakefakefakefakefake_12").unwrap()
            ),
            "Token(…)"
        );
    }
}
