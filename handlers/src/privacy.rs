//! /mydata shows a person every personal detail stored about them; /forget, once
//! confirmed, erases it everywhere (DESIGN, personal data). Opinions stay in the
//! ledger, anonymised, and the person is told so before and after.

use chrono::{DateTime, Utc};
use consult_domain::{
    people::Locale,
    privacy::{self, PersonalData},
    roles::{Role, RoleRecord},
};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use i18n_embed::fluent::FluentLanguageLoader;

use crate::{
    Deps, HandlerError, callback::Callback, ctx::Ctx, dialogue::Kind, html, i18n::fl, labels,
    locale_for, reply, reply::Courtesy,
};

/// How long a /forget confirmation button stays valid, in seconds: what it promises
/// to erase was true when it was asked, and may not be much later.
const CONFIRM_TTL_SECS: i64 = 60 * 60;

pub async fn mydata(cx: &Ctx, msg: &Message) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let data = privacy::personal_data(&deps.db, who.id).await?;
    let l = deps.locales.get(who.locale);
    if data.is_empty() {
        reply::html(bot, msg.chat.id, fl!(l, "privacy-nothing")).await?;
        return Ok(());
    }
    let lines = describe(deps, who.locale, &data);
    for chunk in html::split_lines(&lines, html::MESSAGE_LIMIT) {
        reply::html(bot, msg.chat.id, chunk).await?;
    }
    Ok(())
}

/// Every stored detail, one line each, escaped.
fn describe(deps: &Deps, locale: Locale, data: &PersonalData) -> Vec<String> {
    let l = deps.locales.get(locale);
    let time = |t: DateTime<Utc>| shown_time(deps, t);
    let mut lines = vec![
        fl!(l, "privacy-header"),
        fl!(l, "privacy-user-id", id = data.user),
    ];
    lines.push(match &data.profile {
        Some(p) => match p.locale {
            Some(chosen) => {
                let name = fl!(
                    l,
                    "privacy-locale-name",
                    locale = if chosen == Locale::En { "en" } else { "zh" }
                );
                fl!(
                    l,
                    "privacy-locale",
                    locale = name,
                    time = time(p.updated_at)
                )
            }
            None => fl!(l, "privacy-locale-none"),
        },
        None => fl!(l, "privacy-locale-none"),
    });
    lines.push(match &data.role {
        Some(r) => match &r.point {
            Some(p) => fl!(
                l,
                "privacy-role",
                role = labels::role(&deps.locales, locale, r.role),
                point = html::escape(&p.name),
                time = time(r.granted_at)
            ),
            None => fl!(
                l,
                "privacy-role-admin",
                role = labels::role(&deps.locales, locale, r.role),
                time = time(r.granted_at)
            ),
        },
        None => fl!(l, "privacy-role-none"),
    });
    let in_progress = data
        .dialogue
        .as_ref()
        .and_then(|d| Some((dialogue_name(l, Kind::parse(&d.kind))?, d.updated_at)));
    lines.push(match in_progress {
        Some((kind, at)) => fl!(l, "privacy-dialogue", kind = kind, time = time(at)),
        None => fl!(l, "privacy-dialogue-none"),
    });
    if data.opinions.is_empty() {
        lines.push(fl!(l, "privacy-opinions-none"));
    } else {
        lines.push(fl!(l, "privacy-opinions", count = data.opinions.len()));
    }
    for o in &data.opinions {
        lines.push(fl!(
            l,
            "privacy-opinion",
            receipt = html::escape(&o.receipt),
            title = html::escape(&o.consultation_title),
            time = time(o.created_at),
            status = labels::status(&deps.locales, locale, o.status)
        ));
        lines.push(fl!(
            l,
            "privacy-opinion-identity",
            identity = labels::identity(&deps.locales, locale, o.identity)
        ));
        let details = [
            (&o.submitter_name, "privacy-opinion-name"),
            (&o.organization, "privacy-opinion-organization"),
            (&o.occupation, "privacy-opinion-occupation"),
            (&o.district, "privacy-opinion-district"),
        ];
        for (value, id) in details {
            if let Some(value) = value {
                lines.push(
                    deps.locales
                        .text(locale, id, &[("value", html::escape(value))]),
                );
            }
        }
        lines.push(match o.consent_at {
            Some(at) => fl!(
                l,
                "privacy-opinion-consent",
                details = yes_no(o.consent_details),
                quote = yes_no(o.consent_quote),
                time = time(at)
            ),
            None => fl!(l, "privacy-opinion-no-consent"),
        });
    }
    if !data.reports.is_empty() {
        lines.push(fl!(l, "privacy-reports", count = data.reports.len()));
    }
    for r in &data.reports {
        lines.push(fl!(
            l,
            "privacy-report",
            receipt = r.receipt.to_string(),
            time = time(r.created_at),
            status = deps.locales.text(locale, r.status.label_id(), &[]),
            name = r
                .reporter_name
                .as_deref()
                .map(html::escape)
                .unwrap_or_else(|| deps.locales.text(locale, "identity-anonymous", &[]))
        ));
    }
    lines.extend(crate::events::privacy_lines(
        deps,
        locale,
        &data.event_signups,
    ));
    if data.inbox_rows > 0 {
        lines.push(fl!(l, "privacy-inbox", count = data.inbox_rows));
    }
    if data.audit_entries > 0 {
        lines.push(fl!(l, "privacy-audit", count = data.audit_entries));
    }
    if data.deliveries > 0 {
        lines.push(fl!(l, "privacy-deliveries", count = data.deliveries));
    }
    if data.attributions > 0 {
        lines.push(fl!(l, "privacy-attributions", count = data.attributions));
    }
    lines.push(String::new());
    lines.push(fl!(l, "privacy-footer"));
    lines
}

/// What a person is in the middle of, in words: one arm per dialogue kind, so a kind
/// added to [`Kind`] cannot reach /mydata under its stored name. None for a finished
/// dialogue's receipt, kept only for a replay: no dialogue in progress.
fn dialogue_name(l: &FluentLanguageLoader, kind: Option<Kind>) -> Option<String> {
    Some(match kind {
        Some(Kind::Opinion) => fl!(l, "privacy-dialogue-opinion"),
        Some(Kind::OpinionEdit) => fl!(l, "privacy-dialogue-opinion-edit"),
        Some(Kind::Record) => fl!(l, "privacy-dialogue-record"),
        Some(Kind::Decision) => fl!(l, "privacy-dialogue-decision"),
        Some(Kind::Review) => fl!(l, "privacy-dialogue-review"),
        Some(Kind::Draft) => fl!(l, "privacy-dialogue-draft"),
        Some(Kind::Faq) => fl!(l, "privacy-dialogue-faq"),
        Some(Kind::Report) => fl!(l, "privacy-dialogue-report"),
        Some(Kind::Event) => fl!(l, "privacy-dialogue-event"),
        Some(Kind::Triage) => fl!(l, "privacy-dialogue-relay-triage"),
        Some(Kind::Ended) => return None,
        // A kind this version does not know (a row of a newer version): /cancel clears it.
        None => fl!(l, "privacy-dialogue-unreadable"),
    })
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn shown_time(deps: &Deps, t: DateTime<Utc>) -> String {
    t.with_timezone(&deps.timezone)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// A role with its contact point, for the /forget question.
fn role_label(deps: &Deps, locale: Locale, role: &RoleRecord) -> String {
    let name = labels::role(&deps.locales, locale, role.role);
    match (&role.point, role.role) {
        (Some(p), Role::Liaison | Role::Informant) => fl!(
            deps.locales.get(locale),
            "forget-role-at",
            role = name,
            point = html::escape(&p.name)
        ),
        _ => name,
    }
}

/// /forget: what will be erased and what stays, and two buttons.
pub async fn forget(cx: &Ctx, msg: &Message) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let data = privacy::personal_data(&deps.db, who.id).await?;
    let l = deps.locales.get(who.locale);
    let mut lines = vec![
        fl!(l, "forget-ask"),
        String::new(),
        fl!(l, "forget-will-erase"),
    ];
    if data.profile.is_some() {
        lines.push(fl!(l, "forget-erase-profile"));
    }
    if let Some(role) = &data.role {
        lines.push(fl!(
            l,
            "forget-erase-role",
            role = role_label(deps, who.locale, role)
        ));
    }
    if data.dialogue.is_some() {
        lines.push(fl!(l, "forget-erase-dialogue"));
    }
    let opinions = data.opinions.len();
    if opinions > 0 {
        lines.push(fl!(l, "forget-erase-opinions", count = opinions));
    }
    if !data.reports.is_empty() {
        lines.push(fl!(l, "forget-erase-reports", count = data.reports.len()));
    }
    if !data.event_signups.is_empty() {
        let count = data.event_signups.len();
        lines.push(fl!(l, "forget-erase-events", count = count));
    }
    lines.push(fl!(l, "forget-erase-records"));
    if opinions > 0 {
        lines.push(String::new());
        lines.push(fl!(l, "forget-keep", count = opinions));
    }
    lines.push(String::new());
    lines.push(fl!(l, "forget-irreversible"));
    let asked = deps.clock.now().timestamp();
    let keyboard = InlineKeyboardMarkup::new([[
        InlineKeyboardButton::callback(
            fl!(l, "forget-button-confirm"),
            Callback::ForgetConfirm { asked }.encode(),
        ),
        InlineKeyboardButton::callback(
            fl!(l, "forget-button-cancel"),
            Callback::ForgetCancel.encode(),
        ),
    ]]);
    reply::html_with_keyboard(bot, msg.chat.id, lines.join("\n"), keyboard).await?;
    Ok(())
}

/// The /forget question as it was asked: in the private chat with the person pressing.
/// Anything else (an inline message, another chat) did not come from us.
fn question(q: &CallbackQuery) -> Option<&Message> {
    q.regular_message()
        .filter(|m| m.chat.is_private() && m.chat.id.0 == q.from.id.0 as i64)
}

/// A button that no longer (or never did) mean anything gets a friendly answer.
async fn stale(cx: &Ctx, q: &CallbackQuery, id: &str) -> Result<(), HandlerError> {
    let text = cx.deps.locales.text(cx.who.locale, id, &[]);
    reply::toast(&cx.bot, q, text).await
}

/// 「确认删除」: erase, take the buttons away, and say what was done — in the person's
/// Telegram language, since the language they chose is gone too.
pub async fn confirm(cx: &Ctx, q: &CallbackQuery, asked: i64) -> Result<(), HandlerError> {
    let Ctx { bot, deps, .. } = cx;
    let Some(message) = question(q) else {
        return stale(cx, q, "button-stale").await;
    };
    let now = deps.clock.now();
    let age = now.timestamp().saturating_sub(asked);
    if !(0..=CONFIRM_TTL_SECS).contains(&age) {
        return stale(cx, q, "forget-stale").await;
    }
    let (chat, message_id) = (message.chat.id, message.id);
    bot.answer_callback_query(q.id.clone()).courtesy().await;
    let user = q.from.id.0 as i64;
    let role = deps.db.roles().of(user).await?;
    let done = privacy::forget(&deps.db, user, now).await?;
    // Group replies held before consent are keyed by the hashed id: erased too, and
    // votes are cut loose from that hash (they still count in the tallies).
    let hashed = deps.hash_key.hash(user);
    deps.db.held().erase(&hashed).await?;
    deps.db.prompts().unlink_votes(&hashed).await?;
    tracing::info!(
        opinions = done.opinions,
        inbox = done.inbox_rows,
        audit = done.audit_entries,
        "personal data erased on request"
    );
    take_buttons_away(bot, chat, message_id).await;
    let locale = locale_for(deps, &q.from).await;
    let l = deps.locales.get(locale);
    let mut text = fl!(l, "forget-done");
    if done.opinions > 0 {
        text.push('\n');
        text.push_str(&fl!(l, "forget-done-opinions", count = done.opinions));
    }
    if done.reports > 0 {
        text.push('\n');
        text.push_str(&fl!(l, "forget-done-reports", count = done.reports));
    }
    if done.event_signups > 0 {
        text.push('\n');
        text.push_str(&fl!(l, "forget-done-events", count = done.event_signups));
    }
    if let Some(role) = role.filter(|_| done.role.is_some()) {
        text.push('\n');
        text.push_str(&fl!(
            l,
            "forget-done-role",
            role = role_label(deps, locale, &role)
        ));
    }
    reply::html(bot, chat, text).await?;
    Ok(())
}

/// 「取消」: nothing changes.
pub async fn cancel(cx: &Ctx, q: &CallbackQuery) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let Some(message) = question(q) else {
        return stale(cx, q, "button-stale").await;
    };
    let (chat, message_id) = (message.chat.id, message.id);
    bot.answer_callback_query(q.id.clone()).courtesy().await;
    take_buttons_away(bot, chat, message_id).await;
    let locale = who.locale;
    reply::html(bot, chat, fl!(deps.locales.get(locale), "forget-cancelled")).await?;
    Ok(())
}

/// The question is answered: take the buttons away. Best effort: a press repeated
/// before the first was handled finds them gone already, which is no failure.
async fn take_buttons_away(bot: &Bot, chat: ChatId, message_id: teloxide::types::MessageId) {
    if let Err(e) = bot.edit_message_reply_markup(chat, message_id).await {
        tracing::debug!(error = %e, "could not remove the /forget buttons");
    }
}
