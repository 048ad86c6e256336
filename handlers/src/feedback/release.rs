//! `/release` (admins): a consultation → preview (new, corrections, unreachable) →
//! confirm → queued through the broadcast worker, each submitter in their own
//! language.

use consult_domain::consultations::State;
use teloxide::{prelude::*, types::InlineKeyboardMarkup};

use super::common::{button, not_decidable};
use crate::{
    Deps, HandlerError,
    callback::{Callback, DecisionButton},
    consultations::arg::{Chooser, Form, named_or_answer},
    ctx::Ctx,
    html,
    i18n::fl,
    person::Person,
    reply,
    reply::Courtesy,
};

/// `/release [12]`.
pub async fn command(cx: &Ctx, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    if !who.is_admin() {
        return reply::to(bot, who, fl!(l, "release-refused")).await;
    }
    let form = Form {
        usage: "/release 12",
        words_after: true,
        chooser: Some(Chooser {
            states: &[State::Closed, State::Concluded],
            header: fl!(l, "release-choose-consultation"),
            none: fl!(l, "decision-no-consultations"),
            button: |id| Callback::Decision(DecisionButton::Release { id }),
        }),
    };
    let Some(c) = named_or_answer(bot, deps, who, ChatId(who.id), arg, form).await? else {
        return Ok(());
    };
    match release_preview(deps, who, c.id).await? {
        Ok((text, keyboard)) => reply::to_with_keyboard(bot, who, text, keyboard).await,
        Err(text) => reply::to(bot, who, text).await,
    }
}

/// The preview of a release: new, corrections, unreachable, still undecided.
pub(super) async fn release_preview(
    deps: &Deps,
    who: &Person,
    id: i64,
) -> Result<Result<(String, InlineKeyboardMarkup), String>, HandlerError> {
    let l = deps.locales.get(who.locale);
    let Some(c) = deps.db.consultations().get(id).await? else {
        return Ok(Err(fl!(l, "consultation-unknown", id = id.to_string())));
    };
    if let Some(refusal) = not_decidable(deps, who, &c) {
        return Ok(Err(refusal));
    }
    let pending = deps.db.decisions().pending(id).await?;
    let summary = deps.db.decisions().summary(id).await?;
    if pending.is_empty() {
        return Ok(Err(fl!(
            l,
            "release-nothing",
            code = c.code(),
            undecided = summary.undecided
        )));
    }
    let unreachable = pending.iter().filter(|p| p.chat.is_none()).count();
    let reachable_corrections = pending
        .iter()
        .filter(|p| p.corrects.is_some() && p.chat.is_some())
        .count();
    let reachable_new = pending
        .iter()
        .filter(|p| p.corrects.is_none() && p.chat.is_some())
        .count();
    let text = fl!(
        l,
        "release-preview",
        code = c.code(),
        title = html::escape(&c.title),
        new = reachable_new,
        corrections = reachable_corrections,
        unreachable = unreachable,
        undecided = summary.undecided
    );
    let keyboard = InlineKeyboardMarkup::new(vec![vec![
        button(
            fl!(l, "release-confirm-button"),
            DecisionButton::ReleaseConfirm { id },
        ),
        button(fl!(l, "decision-cancel"), DecisionButton::Cancel),
    ]]);
    Ok(Ok((text, keyboard)))
}

/// 「确认发送」: releases what is pending now and lists who cannot be reached.
pub(super) async fn release(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    q: &CallbackQuery,
    id: i64,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let Some(c) = deps.db.consultations().get(id).await? else {
        return reply::alert(bot, q, fl!(l, "consultation-unknown", id = id.to_string())).await;
    };
    if let Some(refusal) = not_decidable(deps, who, &c) {
        return reply::alert(bot, q, refusal).await;
    }
    let pending = deps.db.decisions().pending(id).await?;
    if pending.is_empty() {
        return reply::alert(bot, q, fl!(l, "release-nothing-new")).await;
    }
    bot.answer_callback_query(q.id.clone()).courtesy().await;
    let done = deps
        .db
        .release_feedback(
            &crate::cards::render(deps),
            id,
            &crate::consultations::by(who),
            deps.clock.now(),
        )
        .await?;
    if done.queued > 0 {
        deps.wake_broadcast.notify_one();
    }
    if let Some(m) = q.regular_message() {
        let _ = bot.edit_message_reply_markup(ChatId(who.id), m.id).await;
    }
    let mut lines = vec![fl!(
        l,
        "release-done",
        code = c.code(),
        queued = done.queued,
        corrections = done.corrections,
        unreachable = done.unreachable
    )];
    let unreached = deps.db.decisions().unreached(Some(id), None).await?;
    if !unreached.is_empty() {
        lines.push(String::new());
        lines.extend(super::unreached::by_point(deps, who.locale, &unreached).await?);
    }
    lines.push(String::new());
    lines.push(fl!(l, "release-later"));
    reply::to(bot, who, lines.join("\n")).await
}
