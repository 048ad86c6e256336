//! What the groups see about a consultation: the announcement card (with deep links
//! into a private chat), reminders, the closing notice and a withdrawal. Rendered here
//! and queued as deliveries; the broadcast worker sends them.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use consult_domain::{
    consultations::{Consultation, TimeLeft},
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
    /// The web pages' public base (`--web-url`), linked from the cards when HTTPS.
    pub web_url: Option<&'a url::Url>,
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
        let mut rows = vec![vec![
            Button::Url {
                text: fl!(l, "card-read"),
                url: self.deep_link(&format!("read-{}", c.id)),
            },
            Button::Url {
                text: fl!(l, "card-submit"),
                url: self.deep_link(&format!("op-{}", c.id)),
            },
        ]];
        if let Some(url) = web_page(self.web_url, c.id) {
            rows.push(vec![Button::Url {
                text: fl!(l, "card-web"),
                url,
            }]);
        }
        rows
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

    /// The reminder, saying the time really left at `now`.
    pub fn reminder(&self, c: &Consultation, now: chrono::DateTime<chrono::Utc>) -> OutMessage {
        let l = self.locales.get(self.locale);
        let left = match TimeLeft::until(c.closes_at, now) {
            TimeLeft::Minutes(n) => fl!(l, "left-minutes", n = n),
            TimeLeft::Hours(n) => fl!(l, "left-hours", n = n),
            TimeLeft::Days(n) => fl!(l, "left-days", n = n),
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

/// The consultation's web page, when the web channel has a public HTTPS address:
/// Telegram's clients open only such links in a Mini App, and a loopback or plain
/// HTTP address (a first run on a laptop) would reach no resident's phone anyway.
pub fn web_page(web_url: Option<&url::Url>, consultation: i64) -> Option<String> {
    let base = web_url.filter(|u| u.scheme() == "https")?;
    Some(
        consult_domain::weblinks::PosterLink::new(base, Some(consultation), None)
            .page()
            .to_string(),
    )
}

/// The same message for one group: its 「提交意见」 link names the group (`op-12-g<id>`),
/// so an opinion given through it records where it came from; its web link names the
/// group's contact point (`?p=CODE`), for the same reason. Group ids are negative; the
/// link carries the magnitude.
pub fn for_group(message: &OutMessage, chat_id: i64, point: Option<&str>) -> OutMessage {
    let mut message = message.clone();
    for button in message.buttons.iter_mut().flatten() {
        let Button::Url { url, .. } = button else {
            continue;
        };
        if url.contains("?start=op-") {
            url.push_str(&format!("-g{}", chat_id.unsigned_abs()));
        } else if let Some(code) = point
            && !url.starts_with("https://t.me/")
            && let Ok(mut web) = url::Url::parse(url)
        {
            web.query_pairs_mut().append_pair("p", code);
            *url = web.to_string();
        }
    }
    message
}

/// Reads `12` or `12-g1001234567890` from an `op-` deep link: the consultation, and the
/// group the link was posted in.
pub fn opinion_link(payload: &str) -> Option<(i64, Option<i64>)> {
    let rest = payload.strip_prefix("op-")?;
    let (id, group) = match rest.split_once("-g") {
        Some((id, group)) => (id, Some(group)),
        None => (rest, None),
    };
    let id = id.parse().ok().filter(|id: &i64| *id > 0)?;
    let group = match group {
        Some(g) => Some(-g.parse::<i64>().ok().filter(|g| *g > 0)?),
        None => None,
    };
    Some((id, group))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_links_round_trip_and_refuse_junk() {
        let message = OutMessage {
            html: String::new(),
            buttons: vec![vec![
                Button::Url {
                    text: "read".into(),
                    url: "https://t.me/b?start=read-12".into(),
                },
                Button::Url {
                    text: "op".into(),
                    url: "https://t.me/b?start=op-12".into(),
                },
            ]],
            pin: true,
        };
        let for_group = for_group(&message, -1001234567890, None);
        let Button::Url { url, .. } = &for_group.buttons[0][1] else {
            unreachable!()
        };
        assert_eq!(url, "https://t.me/b?start=op-12-g1001234567890");
        assert_eq!(
            for_group.buttons[0][0], message.buttons[0][0],
            "the read link is unchanged"
        );
        let payload = url.split("start=").nth(1).unwrap();
        assert!(payload.len() <= 64);
        assert_eq!(opinion_link(payload), Some((12, Some(-1001234567890))));
        assert_eq!(opinion_link("op-12"), Some((12, None)));
        for bad in [
            "op-",
            "op-x",
            "op-12-g",
            "op-12-gx",
            "op-12-g-5",
            "op-0",
            "read-12",
        ] {
            assert_eq!(opinion_link(bad), None, "{bad}");
        }
    }
}
