//! Law-popularization questions (普法问答): free text in private chat outside any
//! dialogue, `/faq 问题` in groups (one short answer and a 「详细」 link to the full one
//! in private chat), inline `@bot 问题` with shareable results, and the staff side:
//! `/unanswered`, an admin answering a logged question (it becomes an entry), and FAQ
//! files (CSV, YAML) sent by an admin in private chat.

use consult_domain::{
    Actor,
    faq::{self, Entry, FileFormat, LineError, Search, UnansweredScope},
    limits,
    people::Locale,
    roles::Role,
};
use serde::{Deserialize, Serialize};
use teloxide::{
    net::Download,
    prelude::*,
    types::{
        InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResult, InlineQueryResultArticle,
        InputMessageContent, InputMessageContentText, Me, ParseMode, ReactionType, ReplyParameters,
    },
};

use crate::{
    Deps, HandlerError, callback::Callback, ctx::Ctx, html, i18n::Locales, i18n::fl,
    person::Person, reply, reply::Courtesy,
};

/// FAQ answers the bot posts in one group per minute, well under Telegram's 20, so
/// that questions never crowd out announcements and reminders.
const GROUP_PER_MINUTE: i64 = 5;
/// A group answer shows this many characters of the answer; 「详细」 has the rest.
const GROUP_EXCERPT: usize = 120;
/// Open questions listed by /unanswered.
const UNANSWERED_SHOWN: i64 = 10;
/// Problems listed in one reply; the rest are counted.
const PROBLEMS_SHOWN: usize = 30;
/// Results offered to an inline query.
const INLINE_RESULTS: usize = 4;

/// Where an admin is while answering a logged question.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Answering {
    pub unanswered: i64,
    /// None until the answer was sent; then the legal reference is asked for.
    pub answer: Option<String>,
}

/// Asks the admin for the answer to `question`.
async fn ask_answer(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    question: &str,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let (min, max) = answer_bounds();
    let text = fl!(
        l,
        "faq-answer-ask",
        question = html::escape(question),
        min = min,
        max = max
    );
    reply::to(bot, who, text).await
}

/// Shows an admin whose last step is being handled again what their answer waits
/// for now: the answer, or its legal reference.
pub async fn show_current(cx: &Ctx, state: Answering) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    match (
        &state.answer,
        deps.db.faq().unanswered_get(state.unanswered).await?,
    ) {
        (_, None) => reply::to(bot, who, fl!(l, "faq-answer-gone")).await,
        (None, Some(u)) => ask_answer(bot, deps, who, &u.question).await,
        (Some(_), Some(_)) => reply::to(bot, who, fl!(l, "faq-answer-ask-reference")).await,
    }
}

fn deep_link(me: &Me, entry: i64) -> String {
    format!("https://t.me/{}?start=faq-{entry}", me.username())
}

/// The entry id in a `/start faq-12` payload.
pub fn parse_link(payload: &str) -> Option<i64> {
    payload
        .strip_prefix("faq-")
        .and_then(|id| id.parse().ok())
        .filter(|id| *id > 0)
}

/// The full answer: question, answer and legal reference, escaped.
fn card(deps: &Deps, locale: Locale, e: &Entry) -> String {
    fl!(
        deps.locales.get(locale),
        "faq-answer",
        question = html::escape(&e.question),
        answer = html::escape(&e.answer),
        reference = html::escape(&e.reference())
    )
}

fn excerpt(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

/// The answer, with 「对本条提意见」 when it is linked to an article of an open
/// consultation, and the related entries as buttons.
pub async fn show_entry(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    entry: &Entry,
    related: &[&Entry],
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let mut text = card(deps, who.locale, entry);
    let mut rows: Vec<Vec<InlineKeyboardButton>> = Vec::new();
    if let Some(link) = entry.link
        && let Some(c) = deps.db.consultations().get(link.consultation).await?
        && c.open_at(deps.clock.now())
        && let Some(draft) = deps.db.consultations().draft(c.id, c.version).await?
        && let Some(index) = draft.articles.iter().position(|a| a.number == link.article)
        && let Ok(index) = u16::try_from(index)
    {
        let label = draft.articles[index as usize].label.clone();
        text.push_str("\n\n");
        text.push_str(&fl!(
            l,
            "faq-opine-hint",
            title = html::escape(&c.title),
            article = html::escape(&label)
        ));
        rows.push(vec![InlineKeyboardButton::callback(
            fl!(l, "faq-opine"),
            Callback::Opine {
                id: c.id,
                version: c.version,
                index: Some(index),
            }
            .encode(),
        )]);
    }
    if !related.is_empty() {
        text.push_str("\n\n");
        text.push_str(&fl!(l, "faq-related"));
    }
    for r in related {
        rows.push(vec![InlineKeyboardButton::callback(
            excerpt(&r.question, 40),
            Callback::Faq { id: r.id }.encode(),
        )]);
    }
    if rows.is_empty() {
        reply::to(bot, who, text).await
    } else {
        reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await
    }
}

/// Whether free text is worth searching: it has words beyond greetings and fillers,
/// and there is an FAQ to search. Otherwise the generic pointer to /help answers.
pub async fn is_question(deps: &Deps, text: &str) -> Result<bool, HandlerError> {
    if faq::tokenize::units(text).is_empty() {
        return Ok(false);
    }
    Ok(deps.db.faq().count().await? > 0)
}

/// A question typed in private chat outside any dialogue.
pub async fn ask(cx: &Ctx, question: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let found = deps.db.faq().search(question).await?;
    answer_found(bot, deps, who, question, found).await
}

async fn answer_found(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    question: &str,
    found: Search,
) -> Result<(), HandlerError> {
    let related: Vec<&Entry> = found.related.iter().map(|h| &h.entry).collect();
    if let Some(best) = &found.best {
        return show_entry(bot, deps, who, &best.entry, &related).await;
    }
    let l = deps.locales.get(who.locale);
    deps.db
        .faq()
        .log_unanswered(question, None, deps.clock.now())
        .await?;
    let mut text = fl!(l, "faq-not-found");
    if related.is_empty() {
        return reply::to(bot, who, text).await;
    }
    text.push_str("\n\n");
    text.push_str(&fl!(l, "faq-suggestions"));
    let rows: Vec<Vec<InlineKeyboardButton>> = related
        .iter()
        .map(|r| {
            vec![InlineKeyboardButton::callback(
                excerpt(&r.question, 40),
                Callback::Faq { id: r.id }.encode(),
            )]
        })
        .collect();
    reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await
}

/// An entry by id (a button or a 「详细」 deep link).
pub async fn show(bot: &Bot, deps: &Deps, who: &Person, id: i64) -> Result<(), HandlerError> {
    match deps.db.faq().get(id).await? {
        Some(entry) => show_entry(bot, deps, who, &entry, &[]).await,
        None => {
            let l = deps.locales.get(who.locale);
            reply::to(bot, who, fl!(l, "faq-unknown-entry")).await
        }
    }
}

/// `/faq 问题` in a group: one short reply with a 「详细」 link, within the group's
/// budget; over it, a reaction instead of a message. In private chat, the full answer.
pub async fn command(cx: &Ctx, msg: &Message, me: &Me, question: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let question = question.trim();
    if msg.chat.is_private() {
        if question.is_empty() {
            return reply::to(bot, who, fl!(l, "faq-usage")).await;
        }
        return ask(cx, question).await;
    }
    let now = deps.clock.now();
    if !deps
        .db
        .faq()
        .take_group_slot(msg.chat.id.0, GROUP_PER_MINUTE, now)
        .await?
    {
        // Over budget: acknowledge without a message (DESIGN: reactions in groups).
        bot.set_message_reaction(msg.chat.id, msg.id)
            .reaction(vec![ReactionType::Emoji {
                emoji: "👀".to_owned(),
            }])
            .await?;
        return Ok(());
    }
    let reply_to = ReplyParameters::new(msg.id).allow_sending_without_reply();
    if question.is_empty() {
        bot.send_message(msg.chat.id, fl!(l, "faq-usage"))
            .parse_mode(ParseMode::Html)
            .reply_parameters(reply_to)
            .await?;
        return Ok(());
    }
    let found = deps.db.faq().search(question).await?;
    let (text, button) = match &found.best {
        Some(best) => {
            let e = &best.entry;
            let text = fl!(
                l,
                "faq-group-answer",
                question = html::escape(&e.question),
                answer = html::escape(&excerpt(&e.answer, GROUP_EXCERPT)),
                reference = html::escape(&e.reference())
            );
            (text, (fl!(l, "faq-more"), deep_link(me, e.id)))
        }
        None => {
            let point = deps
                .db
                .groups()
                .get(msg.chat.id.0)
                .await?
                .map(|g| g.point_id);
            deps.db
                .faq()
                .log_unanswered(question, point.flatten(), now)
                .await?;
            let link = format!("https://t.me/{}", me.username());
            (
                fl!(l, "faq-group-not-found"),
                (fl!(l, "faq-ask-privately"), link),
            )
        }
    };
    let keyboard = match url::Url::parse(&button.1) {
        Ok(url) => InlineKeyboardMarkup::new([[InlineKeyboardButton::url(button.0, url)]]),
        Err(_) => InlineKeyboardMarkup::default(),
    };
    bot.send_message(msg.chat.id, text)
        .parse_mode(ParseMode::Html)
        .reply_parameters(reply_to)
        .reply_markup(keyboard)
        .await?;
    Ok(())
}

/// Inline mode: `@bot 问题` offers the best entries as shareable messages, each with a
/// 「详细」 link into the private chat. Nothing is logged (queries arrive as people type).
pub async fn inline(bot: Bot, deps: Deps, q: InlineQuery, me: Me) -> Result<(), HandlerError> {
    let locale = crate::locale_for(&deps, &q.from).await;
    let l = deps.locales.get(locale);
    let query = q.query.trim();
    let mut results = Vec::new();
    if !query.is_empty() {
        let found = deps.db.faq().search(query).await?;
        for hit in found.best.iter().chain(&found.related).take(INLINE_RESULTS) {
            let e = &hit.entry;
            let content = InputMessageContent::Text(
                InputMessageContentText::new(card(&deps, locale, e)).parse_mode(ParseMode::Html),
            );
            let mut article = InlineQueryResultArticle::new(
                format!("faq-{}", e.id),
                excerpt(&e.question, 60),
                content,
            )
            .description(excerpt(&format!("{} {}", e.reference(), e.answer), 100));
            if let Ok(url) = url::Url::parse(&deep_link(&me, e.id)) {
                article =
                    article.reply_markup(InlineKeyboardMarkup::new([[InlineKeyboardButton::url(
                        fl!(l, "faq-more"),
                        url,
                    )]]));
            }
            results.push(InlineQueryResult::Article(article));
        }
    }
    bot.answer_inline_query(q.id, results)
        .cache_time(60)
        .await?;
    Ok(())
}

fn unanswered_scope(who: &Person) -> Option<UnansweredScope> {
    match who.role() {
        Some(Role::Admin) => Some(UnansweredScope::All),
        Some(Role::Liaison) => who.liaison_point().map(UnansweredScope::Point),
        _ => None,
    }
}

/// `/unanswered`: the open questions (a liaison: their point's and those with no point;
/// an admin: all), with 「回答」/「忽略」 for admins.
pub async fn unanswered(cx: &Ctx) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let Some(scope) = unanswered_scope(who) else {
        return reply::to(bot, who, fl!(l, "faq-unanswered-refused")).await;
    };
    let open = deps.db.faq().unanswered(scope, UNANSWERED_SHOWN).await?;
    if open.is_empty() {
        return reply::to(bot, who, fl!(l, "faq-unanswered-none")).await;
    }
    let count = deps.db.faq().unanswered_count(scope).await?;
    let mut lines = vec![fl!(
        l,
        "faq-unanswered-header",
        count = count,
        shown = open.len()
    )];
    let mut rows = Vec::new();
    for (i, u) in open.iter().enumerate() {
        let n = i + 1;
        lines.push(fl!(
            l,
            "faq-unanswered-line",
            n = n,
            question = html::escape(&u.question),
            times = u.times,
            when = crate::cards::local_time(&deps.locales, who.locale, deps.timezone, u.last_at)
        ));
        if who.is_admin() {
            rows.push(vec![
                InlineKeyboardButton::callback(
                    fl!(l, "faq-answer-button", n = n),
                    Callback::FaqAnswer { id: u.id }.encode(),
                ),
                InlineKeyboardButton::callback(
                    fl!(l, "faq-dismiss-button", n = n),
                    Callback::FaqDismiss { id: u.id }.encode(),
                ),
            ]);
        }
    }
    lines.push(String::new());
    lines.push(if who.is_admin() {
        fl!(l, "faq-unanswered-admin-hint")
    } else {
        fl!(l, "faq-unanswered-liaison-hint")
    });
    let text = lines.join("\n");
    if rows.is_empty() {
        reply::to(bot, who, text).await
    } else {
        reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await
    }
}

/// The buttons of the FAQ: an entry, and an admin's 「回答」/「忽略」 (authorised again).
pub async fn button(cx: &Ctx, q: &CallbackQuery, c: Callback) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    let l = deps.locales.get(who.locale);
    match c {
        Callback::Faq { id } => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            show(bot, deps, who, id).await
        }
        Callback::FaqAnswer { id } | Callback::FaqDismiss { id } if !who.is_admin() => {
            let _ = id;
            reply::alert(bot, q, fl!(l, "faq-admin-only")).await
        }
        Callback::FaqAnswer { id } => {
            let open = deps
                .db
                .faq()
                .unanswered_get(id)
                .await?
                .filter(|u| u.state == "open");
            let Some(u) = open else {
                return reply::toast(bot, q, fl!(l, "faq-answer-gone")).await;
            };
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            let state = Answering {
                unanswered: id,
                answer: None,
            };
            crate::dialogue::save(deps, who, &state, update_id).await?;
            ask_answer(bot, deps, who, &u.question).await
        }
        Callback::FaqDismiss { id } => {
            let done = deps
                .db
                .faq()
                .dismiss_unanswered(id, Actor::Person(who.id), deps.clock.now())
                .await?;
            let text = if done {
                fl!(l, "faq-dismissed")
            } else {
                fl!(l, "faq-answer-gone")
            };
            reply::toast(bot, q, text).await
        }
        _ => reply::toast(bot, q, fl!(l, "button-stale")).await,
    }
}

fn answer_bounds() -> (usize, usize) {
    (10, 2000)
}

/// `《法律名称》第X条` → (law, article).
fn parse_reference(raw: &str) -> Option<(String, String)> {
    let raw = raw.trim();
    let open = raw.find('《')?;
    let close = raw.find('》')?;
    let law = raw.get(open + '《'.len_utf8()..close)?.trim();
    let article = raw.get(close + '》'.len_utf8()..)?.trim();
    (!law.is_empty() && article.contains('条')).then(|| (law.to_owned(), article.to_owned()))
}

/// The next message of an admin answering a logged question.
pub async fn step(cx: &Ctx, state: Answering, text: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    let l = deps.locales.get(who.locale);
    if !who.is_admin() {
        return crate::dialogue::clear_saying(bot, deps, who, fl!(l, "faq-admin-only")).await;
    }
    let text = text.trim();
    let Some(answer) = state.answer.clone() else {
        let (min, max) = answer_bounds();
        let len = text.chars().count();
        if len < min || len > max {
            return reply::to(
                bot,
                who,
                fl!(l, "faq-answer-bad-length", min = min, max = max, len = len),
            )
            .await;
        }
        let next = Answering {
            answer: Some(text.to_owned()),
            ..state
        };
        crate::dialogue::save(deps, who, &next, update_id).await?;
        return reply::to(bot, who, fl!(l, "faq-answer-ask-reference")).await;
    };
    let Some((law, article)) = parse_reference(text) else {
        return reply::to(bot, who, fl!(l, "faq-answer-bad-reference")).await;
    };
    let Some(u) = deps.db.faq().unanswered_get(state.unanswered).await? else {
        return crate::dialogue::clear_saying(bot, deps, who, fl!(l, "faq-answer-gone")).await;
    };
    let entry = match u.entry(&answer, &law, &article) {
        Ok(e) => e,
        Err(problems) => {
            let lines: Vec<String> = problems
                .into_iter()
                .map(|(field, problem)| {
                    describe(
                        &deps.locales,
                        who.locale,
                        &LineError {
                            line: 1,
                            field: Some(field),
                            problem,
                        },
                    )
                })
                .collect();
            return reply::to(bot, who, lines.join("\n")).await;
        }
    };
    let saved = deps
        .db
        .faq()
        .answer_unanswered(u.id, &entry, Actor::Person(who.id), deps.clock.now())
        .await?;
    deps.db.dialogues().clear(who.id).await?;
    match saved {
        Some(e) => reply::to(bot, who, fl!(l, "faq-answer-saved", key = e.key)).await,
        None => reply::to(bot, who, fl!(l, "faq-answer-gone")).await,
    }
}

/// Whether a document is an FAQ file (by its name).
pub fn is_faq_file(msg: &Message) -> bool {
    msg.document()
        .and_then(|d| d.file_name.as_deref())
        .and_then(FileFormat::from_name)
        .is_some()
}

/// An FAQ file sent by an admin in private chat: checked whole, imported whole.
pub async fn import_document(cx: &Ctx, msg: &Message) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let Some(doc) = msg.document() else {
        return Ok(());
    };
    let name = doc.file_name.clone().unwrap_or_default();
    let Some(format) = FileFormat::from_name(&name) else {
        return Ok(());
    };
    if !who.is_admin() {
        return reply::to(bot, who, fl!(l, "faq-admin-only")).await;
    }
    if u64::from(doc.file.size) > limits::FAQ_FILE_BYTES {
        let max = (limits::FAQ_FILE_BYTES / limits::MIB).to_string();
        return reply::to(bot, who, fl!(l, "faq-import-too-big", max = max)).await;
    }
    let file = bot.get_file(doc.file.id.clone()).await?;
    let mut bytes = Vec::with_capacity(file.size as usize);
    bot.download_file(&file.path, &mut bytes)
        .await
        .map_err(|e| HandlerError::Download(e.to_string()))?;
    let result = faq::import_file(
        &deps.db,
        &bytes,
        format,
        Actor::Person(who.id),
        &name,
        deps.clock.now(),
    )
    .await;
    match result {
        Ok(s) => {
            let text = fl!(
                l,
                "faq-import-done",
                added = s.added,
                updated = s.updated,
                unchanged = s.unchanged
            );
            reply::to(bot, who, text).await
        }
        Err(consult_domain::Error::FaqFile(errors)) => {
            let lines = report(&deps.locales, who.locale, &errors);
            let text = lines
                .iter()
                .map(|s| html::escape(s))
                .collect::<Vec<_>>()
                .join("\n");
            reply::to(bot, who, text).await
        }
        Err(e) => Err(e.into()),
    }
}

/// A refused file, in words: a header, one line per problem (at most
/// [`PROBLEMS_SHOWN`]), and how many more there are. Plain text (the CLI prints it;
/// chat escapes it).
pub fn report(locales: &Locales, locale: Locale, errors: &[LineError]) -> Vec<String> {
    let l = locales.get(locale);
    let mut lines = vec![fl!(l, "faq-import-refused", count = errors.len())];
    lines.extend(
        errors
            .iter()
            .take(PROBLEMS_SHOWN)
            .map(|e| describe(locales, locale, e)),
    );
    if errors.len() > PROBLEMS_SHOWN {
        let more = errors.len() - PROBLEMS_SHOWN;
        lines.push(fl!(l, "faq-import-more", count = more));
    }
    lines
}

/// One problem: 「第 3 行 answer：不能为空」 (the problem's words are the domain's,
/// which the staff console shows too).
pub fn describe(locales: &Locales, locale: Locale, e: &LineError) -> String {
    let l = locales.get(locale);
    let problem = faq::problem_words(locales, locale, e.field, &e.problem);
    match e.field {
        Some(field) => fl!(
            l,
            "faq-line-field",
            line = e.line,
            field = field.name(),
            problem = problem
        ),
        None => fl!(l, "faq-line", line = e.line, problem = problem),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_legal_reference() {
        assert_eq!(
            parse_reference("《中华人民共和国民法典》第二百八十八条"),
            Some(("中华人民共和国民法典".into(), "第二百八十八条".into()))
        );
        assert_eq!(parse_reference("民法典288"), None);
        assert_eq!(parse_reference("《》第一条"), None);
        assert_eq!(parse_link("faq-12"), Some(12));
        assert_eq!(parse_link("faq-x"), None);
        assert_eq!(parse_link("faq--1"), None);
    }
}
