//! What every handler may use, passed through dptree as one value.

use std::sync::Arc;

use chrono_tz::Tz;
use consult_domain::{Db, clock::SharedClock, people::Locale};

use crate::i18n::Locales;

#[derive(Clone)]
pub struct Deps {
    pub db: Db,
    pub clock: SharedClock,
    pub locales: Arc<Locales>,
    /// For people whose Telegram language we do not support and who chose none.
    pub default_locale: Locale,
    /// Times are shown to people in this zone.
    pub timezone: Tz,
    /// How long an invite link made in chat stays valid.
    pub invite_ttl: chrono::Duration,
    /// Wakes the broadcast worker after deliveries were queued.
    pub wake_broadcast: Arc<tokio::sync::Notify>,
    /// Shortest and longest opinion text, in characters.
    pub opinion_chars: (usize, usize),
    /// Opinions one person may submit in an hour (a flood limit, not a quota).
    pub opinions_per_hour: i64,
    /// An opinion dialogue left alone this long expires, with a notice.
    pub dialogue_ttl: chrono::Duration,
    /// Submitters' personal details are erased this long after a consultation is concluded.
    pub details_retention: chrono::Duration,
    /// The 社情民意 relay's reminder, escalation and link times.
    pub relay: consult_domain::relay::Settings,
    /// Wakes the scheduler after a deadline was set or moved.
    pub wake_scheduler: Arc<tokio::sync::Notify>,
    /// The key of the keyed hash under which held replies and votes are stored.
    pub hash_key: consult_domain::held::HashKey,
    /// A group reply not confirmed privately this long is erased.
    pub held_reply_ttl: chrono::Duration,
    /// Local time of day (in `timezone`) of the liaisons' daily digest.
    pub digest_at: chrono::NaiveTime,
    /// Font file for chart labels (`--chart-font`); None: look on the system.
    pub chart_font: Option<std::path::PathBuf>,
    /// The web channel's public base (`--web-url`), for posters and the cards' web
    /// links; None when the web channel is not served.
    pub web_url: Option<url::Url>,
}
