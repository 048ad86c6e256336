//! What the groups and the people signed up read about an event in Telegram: the
//! announcement card with its 「报名」 button, the reminders the day and the hour
//! before, a change of time or place, a cancellation, and a seat freed for someone
//! waiting. Rendered in the domain because both channels cause them (an event made in
//! the console must announce the same card as one made in chat) and queued as
//! deliveries that the broadcast worker sends. Telegram HTML: every piece of user text
//! goes through [`escape`].

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use i18n_embed_fl::fl;

use super::Event;
use crate::{
    cards::{escape, local_time},
    deliveries::{Button, OutMessage},
    i18n::Locales,
    people::Locale,
};

/// Everything the messages are written with: the catalogues, the language of people
/// (and groups) who chose none, the display time zone, and the web pages' base.
#[derive(Clone, Copy)]
pub struct Teller<'a> {
    pub locales: &'a Locales,
    pub default_locale: Locale,
    pub timezone: Tz,
    /// `--web-url`: the card links the event's page when it is HTTPS.
    pub web_url: Option<&'a url::Url>,
}

/// The `/start` payload of an event's 「报名」 button: `ev-12`.
pub const START_PREFIX: &str = "ev-";

/// What a reminder says: the day before, or the hour before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    Day,
    Hour,
}

impl Teller<'_> {
    pub fn time(&self, locale: Locale, t: DateTime<Utc>) -> String {
        local_time(self.locales, locale, self.timezone, t)
    }

    /// 「12月10日 14:00 – 16:00」: the end without its date when on the same day.
    pub fn when(&self, locale: Locale, e: &Event) -> String {
        let start = self.time(locale, e.starts_at);
        let same_day = e.starts_at.with_timezone(&self.timezone).date_naive()
            == e.ends_at.with_timezone(&self.timezone).date_naive();
        let end = if same_day {
            e.ends_at
                .with_timezone(&self.timezone)
                .format("%H:%M")
                .to_string()
        } else {
            self.time(locale, e.ends_at)
        };
        fl!(
            self.locales.get(locale),
            "event-when",
            start = start,
            end = end
        )
    }

    /// The event's web page, when the base is HTTPS (Telegram refuses other links in
    /// buttons).
    pub fn web_page(&self, e: &Event) -> Option<String> {
        let base = self.web_url.filter(|u| u.scheme() == "https")?;
        Some(format!(
            "{}/e/{}",
            base.as_str().trim_end_matches('/'),
            e.id
        ))
    }

    /// The announcement card, in the groups' language: what, when, where, the seats,
    /// and 「报名」 (a private chat with the bot, which signs the person up).
    pub fn card(&self, e: &Event) -> OutMessage {
        let locale = self.default_locale;
        let l = self.locales.get(locale);
        let mut text = fl!(
            l,
            "event-card",
            title = escape(&e.title),
            code = e.code(),
            kind = self.locales.text(locale, e.kind.label_id(), &[]),
            topic = escape(&e.topic),
            when = self.when(locale, e),
            venue = escape(e.venue.as_str())
        );
        if let Some(capacity) = e.capacity {
            text.push('\n');
            text.push_str(&fl!(l, "event-card-seats", capacity = capacity));
        }
        if !e.description.is_empty() {
            text.push_str("\n\n");
            text.push_str(&escape(&e.description));
        }
        let mut buttons = vec![vec![Button::Start {
            text: fl!(l, "event-card-signup"),
            payload: format!("{START_PREFIX}{}", e.id),
        }]];
        if let Some(url) = self.web_page(e) {
            buttons.push(vec![Button::Url {
                text: fl!(l, "event-card-web"),
                url,
            }]);
        }
        OutMessage {
            html: text,
            buttons,
            pin: false,
        }
    }

    fn plain(&self, html: String) -> OutMessage {
        OutMessage {
            html,
            buttons: vec![],
            pin: false,
        }
    }

    /// The reminder for someone signed up, in their language.
    pub fn reminder(&self, locale: Locale, e: &Event, which: Reminder) -> OutMessage {
        let l = self.locales.get(locale);
        let (title, code, when, venue) = (
            escape(&e.title),
            e.code(),
            self.when(locale, e),
            escape(e.venue.as_str()),
        );
        self.plain(match which {
            Reminder::Day => fl!(
                l,
                "event-reminder-day",
                title = title,
                code = code,
                when = when,
                venue = venue
            ),
            Reminder::Hour => fl!(
                l,
                "event-reminder-hour",
                title = title,
                code = code,
                when = when,
                venue = venue
            ),
        })
    }

    /// A new time or place, for the groups and for each person signed up.
    pub fn changed(&self, locale: Locale, e: &Event) -> OutMessage {
        let l = self.locales.get(locale);
        self.plain(fl!(
            l,
            "event-changed",
            title = escape(&e.title),
            code = e.code(),
            when = self.when(locale, e),
            venue = escape(e.venue.as_str())
        ))
    }

    /// The event is called off.
    pub fn cancelled(&self, locale: Locale, e: &Event) -> OutMessage {
        let l = self.locales.get(locale);
        self.plain(fl!(
            l,
            "event-cancelled",
            title = escape(&e.title),
            code = e.code()
        ))
    }

    /// Someone waiting has a seat now.
    pub fn promoted(&self, locale: Locale, e: &Event) -> OutMessage {
        let l = self.locales.get(locale);
        self.plain(fl!(
            l,
            "event-promoted",
            title = escape(&e.title),
            code = e.code(),
            when = self.when(locale, e),
            venue = escape(e.venue.as_str())
        ))
    }
}
