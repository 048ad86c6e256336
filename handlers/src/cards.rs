//! What the groups see about a consultation: the announcement card (with deep links
//! into a private chat), reminders, the closing notice and a withdrawal. Rendered here
//! and queued as deliveries; the broadcast worker sends them.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use consult_domain::{
    consultations::Consultation,
    deliveries::{Button, OutMessage},
    people::Locale,
};

use crate::{
    html,
    i18n::{Locales, fl},
};

/// Everything needed to render for groups: groups are addressed in the default locale.
pub struct Render<'a> {
    pub locales: &'a Locales,
    pub locale: Locale,
    pub timezone: Tz,
    pub bot_username: &'a str,
}

/// A time as people read it, in the display time zone and the locale's format.
pub fn local_time(locales: &Locales, locale: Locale, timezone: Tz, t: DateTime<Utc>) -> String {
    let format = fl!(locales.get(locale), "datetime-format");
    t.with_timezone(&timezone).format(&format).to_string()
}

impl Render<'_> {
    pub fn time(&self, t: DateTime<Utc>) -> String {
        local_time(self.locales, self.locale, self.timezone, t)
    }

    /// `https://t.me/<bot>?start=<payload>`: opens a private chat with the bot.
    pub fn deep_link(&self, payload: &str) -> String {
        format!("https://t.me/{}?start={payload}", self.bot_username)
    }

    fn buttons(&self, c: &Consultation) -> Vec<Vec<Button>> {
        let l = self.locales.get(self.locale);
        vec![vec![
            Button::Url {
                text: fl!(l, "card-read"),
                url: self.deep_link(&format!("read-{}", c.id)),
            },
            Button::Url {
                text: fl!(l, "card-submit"),
                url: self.deep_link(&format!("op-{}", c.id)),
            },
        ]]
    }

    /// The announcement (or, for a later version, the revised-draft card), pinned.
    pub fn announcement(&self, c: &Consultation, articles: usize) -> OutMessage {
        let l = self.locales.get(self.locale);
        let title = html::escape(&c.title);
        let deadline = self.time(c.closes_at);
        let head = if c.version > 1 {
            fl!(
                l,
                "card-revised",
                title = title,
                deadline = deadline,
                articles = articles,
                version = c.version
            )
        } else {
            fl!(
                l,
                "card-announce",
                title = title,
                deadline = deadline,
                articles = articles
            )
        };
        let mut text = head;
        if let Some(summary) = &c.summary {
            text.push_str("\n\n");
            text.push_str(&html::escape(summary));
        }
        text.push_str("\n\n");
        text.push_str(&fl!(l, "card-footer"));
        OutMessage {
            html: text,
            buttons: self.buttons(c),
            pin: true,
        }
    }

    pub fn reminder(&self, c: &Consultation, before: chrono::Duration) -> OutMessage {
        let l = self.locales.get(self.locale);
        let left = if before.num_hours() % 24 == 0 {
            fl!(l, "left-days", n = before.num_days())
        } else {
            fl!(l, "left-hours", n = before.num_hours())
        };
        let text = fl!(
            l,
            "card-reminder",
            title = html::escape(&c.title),
            left = left,
            deadline = self.time(c.closes_at)
        );
        OutMessage {
            html: text,
            buttons: self.buttons(c),
            pin: false,
        }
    }

    pub fn closing(&self, c: &Consultation) -> OutMessage {
        let text = fl!(
            self.locales.get(self.locale),
            "card-closing",
            title = html::escape(&c.title)
        );
        OutMessage {
            html: text,
            buttons: vec![],
            pin: false,
        }
    }

    pub fn withdrawn(&self, c: &Consultation) -> OutMessage {
        let text = fl!(
            self.locales.get(self.locale),
            "card-withdrawn",
            title = html::escape(&c.title)
        );
        OutMessage {
            html: text,
            buttons: vec![],
            pin: false,
        }
    }
}
