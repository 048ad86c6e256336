//! /mine: a resident's own opinions with their status, and changing the text of one
//! (「修改」) or withdrawing it (「撤回」) while its consultation is open.

use consult_domain::opinions::{self, Status};
use serde::{Deserialize, Serialize};
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::{HandlerError, callback::Callback, ctx::Ctx, html, i18n::fl, labels, reply};

/// The opinion whose text a person is changing. Stored as the bare id, as it always was.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Editing {
    pub opinion: i64,
}

/// 「修改」 under /mine: asks for the new text.
pub async fn start_edit(cx: &Ctx, id: i64) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    let l = deps.locales.get(who.locale);
    match deps
        .db
        .opinions()
        .get(id)
        .await?
        .filter(|o| o.submitter_id == Some(who.id))
    {
        Some(o) => {
            let editing = Editing { opinion: id };
            crate::dialogue::save(deps, who, &editing, update_id).await?;
            let text = fl!(
                l,
                "mine-edit-ask",
                receipt = o.receipt,
                min = deps.opinion_chars.0,
                max = deps.opinion_chars.1
            );
            reply::to(bot, who, text).await
        }
        None => reply::to(bot, who, fl!(l, "button-stale")).await,
    }
}

/// The new text for an opinion being changed.
pub async fn apply_edit(cx: &Ctx, id: i64, text: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let body = match opinions::body(text, deps.opinion_chars.0, deps.opinion_chars.1) {
        Ok(body) => body,
        Err(_) => {
            let count = text.trim().chars().count();
            let reason = if count < deps.opinion_chars.0 {
                fl!(l, "opinion-body-short", min = deps.opinion_chars.0)
            } else {
                fl!(
                    l,
                    "opinion-body-long",
                    max = deps.opinion_chars.1,
                    count = count
                )
            };
            return reply::to(bot, who, reason).await;
        }
    };
    deps.db.dialogues().clear(who.id).await?;
    let wording = deps
        .db
        .opinions()
        .get(id)
        .await?
        .and_then(|o| o.proposed_wording);
    let text = match deps
        .db
        .opinions()
        .edit(id, who.id, &body, wording.as_deref(), deps.clock.now())
        .await
    {
        Ok(o) => fl!(l, "mine-edited", receipt = o.receipt),
        Err(consult_domain::Error::OpinionLocked(_) | consult_domain::Error::UnknownOpinion(_)) => {
            fl!(l, "mine-locked")
        }
        Err(e) => return Err(e.into()),
    };
    reply::to(bot, who, text).await
}

/// 「撤回」 under /mine.
pub async fn withdraw(cx: &Ctx, id: i64) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let text = match deps
        .db
        .opinions()
        .withdraw(id, who.id, deps.clock.now())
        .await
    {
        Ok(o) => fl!(l, "mine-withdrawn", receipt = o.receipt),
        Err(consult_domain::Error::OpinionLocked(_) | consult_domain::Error::UnknownOpinion(_)) => {
            fl!(l, "mine-locked")
        }
        Err(e) => return Err(e.into()),
    };
    reply::to(bot, who, text).await
}

/// /mine: the person's opinions with their status; those that may still change (open
/// consultation, not withdrawn) have 「修改」 and 「撤回」 buttons.
pub async fn mine(cx: &Ctx) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let all = deps.db.opinions().of(who.id).await?;
    if all.is_empty() {
        return reply::to(bot, who, fl!(l, "mine-none")).await;
    }
    let now = deps.clock.now();
    let mut lines = vec![fl!(l, "mine-header")];
    let mut rows = Vec::new();
    for o in all {
        let c = deps.db.consultations().get(o.consultation_id).await?;
        let title = c.as_ref().map(|c| c.title.clone()).unwrap_or_default();
        let status = labels::status(&deps.locales, who.locale, o.status);
        // A project suggestion reads as one (its title), not as a draft's opinion.
        let suggestion = match &c {
            Some(c) if c.is_open_call() => deps.db.suggestions().get(o.id).await?,
            _ => None,
        };
        if let Some(s) = suggestion {
            lines.push(fl!(
                l,
                "mine-row-suggestion",
                receipt = o.receipt.clone(),
                title = html::escape(&title),
                project = html::escape(&s.title),
                status = status
            ));
        } else {
            let target = o
                .article_label
                .as_deref()
                .map(html::escape)
                .unwrap_or_else(|| fl!(l, "opinion-whole-draft"));
            let stance = labels::stance(&deps.locales, who.locale, o.stance);
            lines.push(fl!(
                l,
                "mine-row",
                receipt = o.receipt.clone(),
                title = html::escape(&title),
                target = target,
                stance = stance,
                status = status
            ));
        }
        let open = c.is_some_and(|c| c.open_at(now));
        if open && o.status != Status::Withdrawn {
            rows.push(vec![
                InlineKeyboardButton::callback(
                    fl!(l, "mine-edit", receipt = o.receipt.clone()),
                    Callback::EditOpinion { id: o.id }.encode(),
                ),
                InlineKeyboardButton::callback(
                    fl!(l, "mine-withdraw", receipt = o.receipt),
                    Callback::WithdrawOpinion { id: o.id }.encode(),
                ),
            ]);
        }
    }
    let chunks = html::split_lines(&lines, html::MESSAGE_LIMIT);
    let count = chunks.len();
    for (i, chunk) in chunks.into_iter().enumerate() {
        if i + 1 == count && !rows.is_empty() {
            // Telegram allows 100 buttons per message; the newest opinions come first.
            rows.truncate(50);
            reply::to_with_keyboard(
                bot,
                who,
                chunk,
                InlineKeyboardMarkup::new(std::mem::take(&mut rows)),
            )
            .await?;
        } else {
            reply::to(bot, who, chunk).await?;
        }
    }
    Ok(())
}
