//! Browsing the drafts in private chat: list → chapters → articles → an article's
//! full text.

use consult_domain::{
    consultations::{Consultation, State},
    draft::Draft,
};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId, WebAppInfo},
};

use super::state_name;
use crate::{
    Deps, HandlerError, callback::Callback, cards::local_time, html, i18n::fl, person::Person,
    reply,
};

/// Articles per page of buttons.
const PAGE: usize = 8;
/// Closed consultations stay listed this long, so residents can still read them.
const RECENTLY_CLOSED_DAYS: i64 = 30;

/// Where browsing happens: a person's private chat, and the message to edit when they
/// pressed a button in it (a command sends a new message instead).
pub struct Browsing<'a> {
    pub bot: &'a Bot,
    pub deps: &'a Deps,
    pub who: &'a Person,
    pub edit: Option<MessageId>,
}

impl Browsing<'_> {
    fn chat(&self) -> ChatId {
        ChatId(self.who.id)
    }

    fn time(&self, t: chrono::DateTime<chrono::Utc>) -> String {
        local_time(&self.deps.locales, self.who.locale, self.deps.timezone, t)
    }

    /// Sends a message, or edits the one whose button was pressed.
    async fn show(
        &self,
        text: String,
        keyboard: Option<InlineKeyboardMarkup>,
    ) -> Result<(), HandlerError> {
        reply::Screen::of(self.bot, self.who, self.edit)
            .show(text, keyboard.unwrap_or_default())
            .await
    }

    /// /consultations: open ones, and recently closed ones.
    pub async fn list(&self) -> Result<(), HandlerError> {
        let (deps, who) = (self.deps, self.who);
        let l = deps.locales.get(who.locale);
        let now = deps.clock.now();
        let all = deps
            .db
            .consultations()
            .list(&[State::Open, State::Closed])
            .await?;
        let shown: Vec<_> = all
            .into_iter()
            .filter(|c| {
                c.state == State::Open
                    || c.closed_at
                        .is_some_and(|t| now - t < chrono::Duration::days(RECENTLY_CLOSED_DAYS))
            })
            .collect();
        if shown.is_empty() {
            return self.show(fl!(l, "consultations-none"), None).await;
        }
        let rows: Vec<Vec<InlineKeyboardButton>> = shown
            .iter()
            .map(|c| {
                let label = fl!(
                    l,
                    "consultations-item",
                    code = c.code(),
                    title = c.title.clone(),
                    state = state_name(deps, who, c.state),
                    deadline = self.time(c.closes_at)
                );
                vec![InlineKeyboardButton::callback(
                    label,
                    Callback::Consultation { id: c.id }.encode(),
                )]
            })
            .collect();
        self.show(
            fl!(l, "consultations-header"),
            Some(InlineKeyboardMarkup::new(rows)),
        )
        .await
    }

    /// A consultation this person may read: published, or (for the staff who may see
    /// it) a draft or a withdrawn one.
    async fn readable(&self, id: i64) -> Result<Option<(Consultation, Draft)>, HandlerError> {
        let consultations = self.deps.db.consultations();
        let Some(c) = consultations.visible(id, self.who.viewer()).await? else {
            return Ok(None);
        };
        Ok(consultations.draft(c.id, c.version).await?.map(|d| (c, d)))
    }

    /// A consultation's overview with its chapters (or, without chapters, its articles).
    pub async fn view(&self, id: i64) -> Result<(), HandlerError> {
        let (deps, who) = (self.deps, self.who);
        let l = deps.locales.get(who.locale);
        let Some((c, draft)) = self.readable(id).await? else {
            return self
                .show(fl!(l, "consultation-unknown", id = id.to_string()), None)
                .await;
        };
        if c.is_open_call() {
            let state = state_name(deps, who, c.state);
            let deadline = self.time(c.closes_at);
            let (text, rows) = crate::open_calls::overview(deps, who, &c, state, deadline);
            return self.show(text, Some(rows)).await;
        }
        let mut text = fl!(
            l,
            "consultation-view",
            title = html::escape(&c.title),
            code = c.code(),
            version = c.version,
            state = state_name(deps, who, c.state),
            deadline = self.time(c.closes_at),
            articles = draft.articles.len()
        );
        if let Some(summary) = &c.summary {
            text.push_str(&format!("\n\n{}", html::escape(summary)));
        }
        if let Some(url) = &c.source_url {
            text.push_str(&format!(
                "\n\n{}",
                fl!(l, "consultation-source", url = html::escape(url))
            ));
        }
        let chapters: Vec<(usize, String)> = draft
            .divisions
            .iter()
            .enumerate()
            .filter(|(_, d)| d.level == consult_domain::draft::DivisionLevel::Chapter)
            .map(|(i, d)| (i, format!("{} {}", d.label, d.title).trim().to_owned()))
            .collect();
        let mut rows: Vec<Vec<InlineKeyboardButton>> = if chapters.is_empty() {
            text.push_str(&format!("\n\n{}", fl!(l, "consultation-pick-article")));
            self.article_buttons(&c, &draft.articles, 0, 0, None)
        } else {
            text.push_str(&format!("\n\n{}", fl!(l, "consultation-pick-chapter")));
            chapters
                .into_iter()
                .map(|(i, label)| {
                    let chapter = u16::try_from(i).ok();
                    vec![InlineKeyboardButton::callback(
                        label,
                        Callback::Articles {
                            id: c.id,
                            version: c.version,
                            chapter,
                            page: 0,
                        }
                        .encode(),
                    )]
                })
                .collect()
        };
        if let Some(url) = crate::cards::web_page(deps.web_url.as_ref(), c.id)
            .and_then(|page| Self::mini_app(&page))
        {
            rows.push(vec![InlineKeyboardButton::web_app(
                fl!(l, "consultation-web-app"),
                WebAppInfo { url },
            )]);
        }
        if c.state == State::Open {
            let opine = Callback::Opine {
                id: c.id,
                version: c.version,
                index: None,
            };
            rows.push(vec![InlineKeyboardButton::callback(
                fl!(l, "card-comment"),
                opine.encode(),
            )]);
        }
        rows.push(vec![InlineKeyboardButton::callback(
            fl!(l, "nav-back"),
            Callback::Consultations.encode(),
        )]);
        self.show(text, Some(InlineKeyboardMarkup::new(rows))).await
    }

    /// The Mini App's address of a web page: `tg=1` tells the page it runs inside
    /// Telegram (it then reads Telegram's signed `initData` and lets Telegram's web
    /// clients frame it).
    fn mini_app(page: &str) -> Option<url::Url> {
        let mut url = url::Url::parse(page).ok()?;
        url.query_pairs_mut().append_pair("tg", "1");
        Some(url)
    }

    /// Buttons for `articles` (which start at index `offset` in the draft), one page.
    fn article_buttons(
        &self,
        c: &Consultation,
        articles: &[consult_domain::draft::Article],
        offset: usize,
        page: usize,
        chapter: Option<u16>,
    ) -> Vec<Vec<InlineKeyboardButton>> {
        let l = self.deps.locales.get(self.who.locale);
        let mut rows: Vec<Vec<InlineKeyboardButton>> = articles
            .iter()
            .enumerate()
            .skip(page * PAGE)
            .take(PAGE)
            .filter_map(|(i, a)| {
                let index = u16::try_from(offset + i).ok()?;
                let label = match &a.title {
                    Some(t) => format!("{} {t}", a.label),
                    None => a.label.clone(),
                };
                Some(vec![InlineKeyboardButton::callback(
                    label,
                    Callback::Article {
                        id: c.id,
                        version: c.version,
                        index,
                    }
                    .encode(),
                )])
            })
            .collect();
        let pages = articles.len().div_ceil(PAGE);
        let to = |p: usize| {
            Callback::Articles {
                id: c.id,
                version: c.version,
                chapter,
                page: u16::try_from(p).unwrap_or(0),
            }
            .encode()
        };
        let mut nav = Vec::new();
        if page > 0 {
            nav.push(InlineKeyboardButton::callback(
                fl!(l, "nav-prev"),
                to(page - 1),
            ));
        }
        if page + 1 < pages {
            nav.push(InlineKeyboardButton::callback(
                fl!(l, "nav-next"),
                to(page + 1),
            ));
        }
        if !nav.is_empty() {
            rows.push(nav);
        }
        rows
    }

    /// A page of a chapter's articles (or of the whole draft).
    pub async fn articles(
        &self,
        id: i64,
        version: i32,
        chapter: Option<u16>,
        page: u16,
    ) -> Result<(), HandlerError> {
        let l = self.deps.locales.get(self.who.locale);
        let Some((c, _)) = self.readable(id).await? else {
            return self
                .show(fl!(l, "consultation-unknown", id = id.to_string()), None)
                .await;
        };
        // Old buttons keep showing the version they were made for.
        let Some(draft) = self.deps.db.consultations().draft(id, version).await? else {
            return self.show(fl!(l, "button-stale"), None).await;
        };
        let (offset, list, heading) = match chapter.map(usize::from) {
            Some(i) => {
                let Some(d) = draft.divisions.get(i) else {
                    return self.show(fl!(l, "button-stale"), None).await;
                };
                (
                    d.first_article,
                    draft.division_articles(i),
                    format!(
                        "<b>{}</b>",
                        html::escape(format!("{} {}", d.label, d.title).trim())
                    ),
                )
            }
            None => (
                0,
                &draft.articles[..],
                format!("<b>{}</b>", html::escape(&c.title)),
            ),
        };
        let mut rows = self.article_buttons(&c, list, offset, usize::from(page), chapter);
        rows.push(vec![InlineKeyboardButton::callback(
            fl!(l, "nav-back"),
            Callback::Consultation { id }.encode(),
        )]);
        let text = format!("{heading}\n{}", fl!(l, "consultation-pick-article"));
        self.show(text, Some(InlineKeyboardMarkup::new(rows))).await
    }

    /// An article's full text, split at paragraph boundaries to fit Telegram's limit.
    pub async fn article(&self, id: i64, version: i32, index: u16) -> Result<(), HandlerError> {
        let l = self.deps.locales.get(self.who.locale);
        let readable = self.readable(id).await?;
        let open = readable
            .as_ref()
            .is_some_and(|(c, _)| c.state == State::Open && c.version == version);
        let text = if readable.is_none() {
            vec![fl!(l, "consultation-unknown", id = id.to_string())]
        } else {
            let draft = self.deps.db.consultations().draft(id, version).await?;
            match draft
                .as_ref()
                .and_then(|d| d.articles.get(usize::from(index)))
            {
                None => vec![fl!(l, "button-stale")],
                Some(a) => {
                    let heading = match &a.title {
                        Some(t) => {
                            format!("<b>{}【{}】</b>", html::escape(&a.label), html::escape(t))
                        }
                        None => format!("<b>{}</b>", html::escape(&a.label)),
                    };
                    let mut lines = vec![heading];
                    lines.extend(
                        a.text
                            .lines()
                            .flat_map(|p| html::chunks(p, html::MESSAGE_LIMIT / 2))
                            .map(|p| html::escape(&p)),
                    );
                    html::split_lines(&lines, html::MESSAGE_LIMIT)
                }
            }
        };
        // The last piece carries 「对本条提意见」 while the consultation is open.
        let count = text.len();
        for (i, chunk) in text.into_iter().enumerate() {
            if open && i + 1 == count {
                let opine = Callback::Opine {
                    id,
                    version,
                    index: Some(index),
                };
                let button =
                    InlineKeyboardButton::callback(fl!(l, "card-comment-article"), opine.encode());
                reply::html_with_keyboard(
                    self.bot,
                    self.chat(),
                    chunk,
                    InlineKeyboardMarkup::new([[button]]),
                )
                .await?;
            } else {
                reply::html(self.bot, self.chat(), chunk).await?;
            }
        }
        Ok(())
    }
}
