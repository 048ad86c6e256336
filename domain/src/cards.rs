//! What the groups and the submitters read in Telegram about a consultation: the
//! announcement card, reminders, the closing notice and a withdrawal; each submitter's
//! feedback; and the anonymised 回音壁 at the conclusion. Rendered here, in the domain,
//! because both channels cause them — a publisher in chat and one in the staff console
//! must queue the very same card — and queued as deliveries ([`crate::announce`]) that
//! the broadcast worker sends.
//!
//! The texts are Telegram HTML: every piece of user text goes through [`escape`].
//! Links into a private chat with the bot are [`Button::Start`] payloads, which the
//! worker turns into `t.me` links with the bot's own name, so that the web channel
//! (which does not know the bot's name) renders the same card.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use i18n_embed_fl::fl;

use crate::{
    consultations::{Consultation, TimeLeft},
    decisions::{Outcome, PendingFeedback, Summary},
    deliveries::{Button, OutMessage},
    groups::Group,
    i18n::Locales,
    people::Locale,
};

/// How much of the opinion the feedback quotes back, so the submitter recognises it.
const EXCERPT: usize = 60;
/// Adopted points listed in the 回音壁; more are counted, not listed.
const POINTS_SHOWN: usize = 10;
/// Characters of a quoted opinion in the 回音壁.
const QUOTE_CHARS: usize = 80;

/// Escapes text for Telegram's HTML parse mode (and for HTML generally): `& < > "`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A time as people read it, in the display time zone and the locale's format.
pub fn local_time(locales: &Locales, locale: Locale, timezone: Tz, t: DateTime<Utc>) -> String {
    let format = fl!(locales.get(locale), "datetime-format");
    t.with_timezone(&timezone).format(&format).to_string()
}

/// Everything needed to render: groups are addressed in the deployment's default
/// locale (`locale`); a submitter's feedback in the language they chose, if any.
pub struct Render<'a> {
    pub locales: &'a Locales,
    pub locale: Locale,
    pub timezone: Tz,
    /// The web pages' public base (`--web-url`), linked from the cards when HTTPS.
    pub web_url: Option<&'a url::Url>,
}

impl Render<'_> {
    pub fn time(&self, t: DateTime<Utc>) -> String {
        local_time(self.locales, self.locale, self.timezone, t)
    }

    fn buttons(&self, c: &Consultation) -> Vec<Vec<Button>> {
        let l = self.locales.get(self.locale);
        let mut rows = vec![vec![
            Button::Start {
                text: fl!(l, "card-read"),
                payload: format!("read-{}", c.id),
            },
            Button::Start {
                text: if c.is_open_call() {
                    fl!(l, "card-suggest")
                } else {
                    fl!(l, "card-submit")
                },
                payload: format!("op-{}", c.id),
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
        let title = escape(&c.title);
        let deadline = self.time(c.closes_at);
        let mut text = if c.is_open_call() {
            fl!(l, "card-open-call", title = title, deadline = deadline)
        } else if c.version > 1 {
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
        if let Some(summary) = &c.summary {
            text.push_str("\n\n");
            text.push_str(&escape(summary));
        }
        text.push_str("\n\n");
        text.push_str(&if c.is_open_call() {
            fl!(l, "card-open-call-footer")
        } else {
            fl!(l, "card-footer")
        });
        OutMessage {
            html: text,
            buttons: self.buttons(c),
            pin: true,
        }
    }

    /// The reminder, saying the time really left at `now`.
    pub fn reminder(&self, c: &Consultation, now: DateTime<Utc>) -> OutMessage {
        let l = self.locales.get(self.locale);
        let left = match TimeLeft::until(c.closes_at, now) {
            TimeLeft::Minutes(n) => fl!(l, "left-minutes", n = n),
            TimeLeft::Hours(n) => fl!(l, "left-hours", n = n),
            TimeLeft::Days(n) => fl!(l, "left-days", n = n),
        };
        let (title, deadline) = (escape(&c.title), self.time(c.closes_at));
        let text = if c.is_open_call() {
            fl!(
                l,
                "card-open-call-reminder",
                title = title,
                left = left,
                deadline = deadline
            )
        } else {
            fl!(
                l,
                "card-reminder",
                title = title,
                left = left,
                deadline = deadline
            )
        };
        OutMessage {
            html: text,
            buttons: self.buttons(c),
            pin: false,
        }
    }

    /// The notice of a new deadline, with the card's buttons (residents who meant to
    /// give an opinion later can do it from here).
    pub fn deadline(&self, c: &Consultation) -> OutMessage {
        let l = self.locales.get(self.locale);
        let (title, deadline) = (escape(&c.title), self.time(c.closes_at));
        let text = if c.is_open_call() {
            fl!(
                l,
                "card-open-call-deadline",
                title = title,
                deadline = deadline
            )
        } else {
            fl!(l, "card-deadline", title = title, deadline = deadline)
        };
        OutMessage {
            html: text,
            buttons: self.buttons(c),
            pin: false,
        }
    }

    pub fn closing(&self, c: &Consultation) -> OutMessage {
        let l = self.locales.get(self.locale);
        let title = escape(&c.title);
        let text = if c.is_open_call() {
            fl!(l, "card-open-call-closing", title = title)
        } else {
            fl!(l, "card-closing", title = title)
        };
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
            title = escape(&c.title)
        );
        OutMessage {
            html: text,
            buttons: vec![],
            pin: false,
        }
    }

    /// An outcome in words.
    pub fn outcome(&self, locale: Locale, o: Outcome) -> String {
        self.locales.text(locale, o.label_id(), &[])
    }

    /// An article's label, escaped, or 「整部草案」.
    pub fn article(&self, locale: Locale, label: Option<&str>) -> String {
        match label {
            Some(label) => escape(label),
            None => self.locales.text(locale, "opinion-whole-draft", &[]),
        }
    }

    /// The feedback a submitter gets, in their language.
    pub fn feedback(&self, c: &Consultation, p: &PendingFeedback) -> OutMessage {
        let locale = p.locale.unwrap_or(self.locale);
        let l = self.locales.get(locale);
        let o = &p.opinion;
        let excerpt: String = o.body.chars().take(EXCERPT).collect();
        let excerpt = if o.body.chars().count() > EXCERPT {
            format!("{excerpt}…")
        } else {
            excerpt
        };
        let mut lines = vec![match p.corrects {
            Some(_) => fl!(l, "feedback-correction-header"),
            None => fl!(l, "feedback-header"),
        }];
        lines.push(String::new());
        lines.push(fl!(l, "feedback-receipt", receipt = o.receipt.clone()));
        match &p.suggestion {
            // A project suggestion: the open call and the project, not an article.
            Some(project) => {
                lines.push(fl!(l, "feedback-open-call", title = escape(&c.title)));
                lines.push(fl!(l, "feedback-suggestion", project = escape(project)));
            }
            None => {
                lines.push(fl!(l, "feedback-consultation", title = escape(&c.title)));
                lines.push(fl!(
                    l,
                    "feedback-article",
                    article = self.article(locale, o.article_label.as_deref())
                ));
                lines.push(fl!(l, "feedback-opinion", excerpt = escape(&excerpt)));
            }
        }
        if let Some(earlier) = p.corrects {
            lines.push(fl!(
                l,
                "feedback-earlier",
                outcome = self.outcome(locale, earlier)
            ));
        }
        lines.push(fl!(
            l,
            "feedback-outcome",
            outcome = self.outcome(locale, p.decision.outcome())
        ));
        lines.push(fl!(
            l,
            "feedback-reason",
            reason = escape(&p.decision.reason)
        ));
        lines.push(String::new());
        lines.push(fl!(l, "feedback-thanks"));
        OutMessage {
            html: lines.join("\n"),
            buttons: vec![],
            pin: false,
        }
    }

    /// The 回音壁 as one group sees it. `point`: the group's contact point name and its
    /// number of opinions. Never a name of a submitter: their words only where they
    /// allowed quoting, otherwise the admin's summary words, otherwise the article.
    pub fn summary_text(
        &self,
        c: &Consultation,
        s: &Summary,
        point: Option<(&str, usize)>,
    ) -> String {
        let locale = self.locale;
        let l = self.locales.get(locale);
        let open_call = c.is_open_call();
        let totals = if open_call {
            fl!(
                l,
                "conclude-open-call-totals",
                people = s.people,
                suggestions = s.opinions
            )
        } else {
            fl!(
                l,
                "conclude-summary-totals",
                people = s.people,
                opinions = s.opinions
            )
        };
        let mut lines = vec![
            fl!(l, "conclude-summary-header", title = escape(&c.title)),
            String::new(),
            totals,
        ];
        if let Some((name, n)) = point {
            lines.push(fl!(
                l,
                "conclude-summary-local",
                point = escape(name),
                count = n
            ));
        }
        if s.adopted == 0 {
            lines.push(if open_call {
                fl!(l, "conclude-open-call-none-taken")
            } else {
                fl!(l, "conclude-summary-none-adopted")
            });
        } else {
            lines.push(if open_call {
                fl!(l, "conclude-open-call-taken", count = s.adopted)
            } else {
                fl!(l, "conclude-summary-adopted", count = s.adopted)
            });
            for p in s.points.iter().take(POINTS_SHOWN) {
                // A suggestion has no article: the line names the project suggestion.
                let article = if open_call {
                    fl!(l, "conclude-open-call-project")
                } else {
                    self.article(locale, p.article.as_deref())
                };
                let outcome = self.outcome(locale, p.outcome);
                lines.push(match (&p.quote, &p.words) {
                    (Some(q), _) => fl!(
                        l,
                        "conclude-summary-quote",
                        article = article,
                        outcome = outcome,
                        quote = escape(&cut(q, QUOTE_CHARS))
                    ),
                    (None, Some(w)) => fl!(
                        l,
                        "conclude-summary-words",
                        article = article,
                        outcome = outcome,
                        words = escape(w)
                    ),
                    (None, None) => fl!(
                        l,
                        "conclude-summary-bare",
                        article = article,
                        outcome = outcome
                    ),
                });
            }
            if s.points.len() > POINTS_SHOWN {
                let more = s.points.len() - POINTS_SHOWN;
                lines.push(fl!(l, "conclude-summary-more", count = more));
            }
        }
        lines.push(String::new());
        lines.push(fl!(l, "conclude-summary-thanks"));
        lines.join("\n")
    }

    /// Each group's 回音壁, with its own point's count.
    pub fn summary_targets(
        &self,
        c: &Consultation,
        s: &Summary,
        groups: &[Group],
    ) -> Vec<(i64, OutMessage)> {
        groups
            .iter()
            .map(|g| {
                let point = g.point_id.map(|p| {
                    (
                        g.point_name.as_deref().unwrap_or_default(),
                        s.by_point.get(&p).copied().unwrap_or(0),
                    )
                });
                let message = OutMessage {
                    html: self.summary_text(c, s, point),
                    buttons: vec![],
                    pin: false,
                };
                (g.chat_id, message)
            })
            .collect()
    }
}

/// One line, at most `max` characters (and an ellipsis when cut).
fn cut(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > max {
        format!("{}…", one_line.chars().take(max).collect::<String>())
    } else {
        one_line
    }
}

/// The consultation's web page, when the web channel has a public HTTPS address:
/// Telegram's clients open only such links in a Mini App, and a loopback or plain
/// HTTP address (a first run on a laptop) would reach no resident's phone anyway.
pub fn web_page(web_url: Option<&url::Url>, consultation: i64) -> Option<String> {
    let base = web_url.filter(|u| u.scheme() == "https")?;
    Some(
        crate::weblinks::PosterLink::new(base, Some(consultation), None)
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
        match button {
            Button::Start { payload, .. } if payload.starts_with("op-") => {
                payload.push_str(&format!("-g{}", chat_id.unsigned_abs()));
            }
            Button::Url { url, .. } => {
                if let Some(code) = point
                    && !url.starts_with("https://t.me/")
                    && let Ok(mut web) = url::Url::parse(url)
                {
                    web.query_pairs_mut().append_pair("p", code);
                    *url = web.to_string();
                }
            }
            _ => {}
        }
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_links_name_the_group_and_its_point() {
        let message = OutMessage {
            html: String::new(),
            buttons: vec![
                vec![
                    Button::Start {
                        text: "read".into(),
                        payload: "read-12".into(),
                    },
                    Button::Start {
                        text: "op".into(),
                        payload: "op-12".into(),
                    },
                ],
                vec![Button::Url {
                    text: "web".into(),
                    url: "https://example.org/c/12".into(),
                }],
            ],
            pin: true,
        };
        let for_group = for_group(&message, -1001234567890, Some("jinqiao"));
        assert_eq!(
            for_group.buttons[0][1],
            Button::Start {
                text: "op".into(),
                payload: "op-12-g1001234567890".into()
            }
        );
        assert_eq!(
            for_group.buttons[0][0], message.buttons[0][0],
            "the read link is unchanged"
        );
        assert_eq!(
            for_group.buttons[1][0],
            Button::Url {
                text: "web".into(),
                url: "https://example.org/c/12?p=jinqiao".into()
            }
        );
        let Button::Start { payload, .. } = &for_group.buttons[0][1] else {
            unreachable!()
        };
        assert!(payload.len() <= 64);
    }

    #[test]
    fn escaping_leaves_nothing_telegram_would_read_as_markup() {
        assert_eq!(
            escape("<b>\"A&B\"</b>"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;"
        );
    }
}
