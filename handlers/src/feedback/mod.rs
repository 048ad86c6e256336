//! Decisions and feedback (admins): deciding on opinions ([`decide`]), releasing the
//! feedback to their submitters ([`release`]), who could not be reached
//! ([`unreached`]) and concluding a consultation with its 回音壁 ([`conclude`]).
//!
//! Buttons are untrusted: every press re-reads the role and the opinion or
//! consultation.

use consult_domain::decisions::Target;
use teloxide::prelude::*;

use crate::{HandlerError, callback::DecisionButton, ctx::Ctx, i18n::fl, reply, reply::Courtesy};

mod common;
pub mod conclude;
pub mod decide;
pub mod release;
pub mod unreached;

/// Every `dz:` button, pressed by `who` with `pending` the decision their dialogue
/// holds, if it holds one. Answers the query in all cases.
pub async fn button_pressed(
    cx: &Ctx,
    q: &CallbackQuery,
    pending: Option<decide::Pending>,
    b: DecisionButton,
) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    let l = deps.locales.get(who.locale);
    let edit = q.regular_message().map(|m| m.id);
    if !who.is_admin() {
        let text = match b {
            DecisionButton::Release { .. } | DecisionButton::ReleaseConfirm { .. } => {
                fl!(l, "release-refused")
            }
            DecisionButton::Conclude { .. } | DecisionButton::ConcludeConfirm { .. } => {
                fl!(l, "conclude-refused")
            }
            _ => fl!(l, "decision-refused"),
        };
        return reply::alert(bot, q, text).await;
    }
    match b {
        DecisionButton::Decide { opinion } => {
            decide::choose_outcome(bot, deps, who, q, Target::Opinion(opinion), None).await
        }
        DecisionButton::Consultation { id } => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            decide::articles(bot, deps, who, id, edit).await
        }
        DecisionButton::Article { id, article } => {
            let target = Target::Article {
                consultation: id,
                article,
            };
            decide::choose_outcome(bot, deps, who, q, target, edit).await
        }
        DecisionButton::OpinionOutcome { opinion, outcome } => {
            let target = Target::Opinion(opinion);
            decide::outcome_chosen(bot, deps, who, q, target, outcome, update_id).await
        }
        DecisionButton::ArticleOutcome {
            id,
            article,
            outcome,
        } => {
            let target = Target::Article {
                consultation: id,
                article,
            };
            decide::outcome_chosen(bot, deps, who, q, target, outcome, update_id).await
        }
        DecisionButton::SkipSummary | DecisionButton::Confirm => {
            let Some(pending) = pending else {
                return reply::toast(bot, q, fl!(l, "button-stale")).await;
            };
            if b == DecisionButton::Confirm {
                return decide::apply(bot, deps, who, q, pending).await;
            }
            if pending.step != decide::Step::Summary {
                return reply::toast(bot, q, fl!(l, "button-stale")).await;
            }
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            decide::to_confirm(bot, deps, who, pending, update_id).await
        }
        DecisionButton::Cancel => {
            if pending.is_some() {
                deps.db.dialogues().clear(who.id).await?;
            }
            reply::toast(bot, q, fl!(l, "decision-cancelled")).await?;
            if let Some(id) = edit {
                let _ = bot.edit_message_reply_markup(ChatId(who.id), id).await;
            }
            Ok(())
        }
        DecisionButton::Release { id } => match release::release_preview(deps, who, id).await? {
            Ok((text, keyboard)) => {
                bot.answer_callback_query(q.id.clone()).courtesy().await;
                reply::Screen::of(bot, who, edit).show(text, keyboard).await
            }
            Err(text) => reply::alert(bot, q, text).await,
        },
        DecisionButton::ReleaseConfirm { id } => release::release(bot, deps, who, q, id).await,
        DecisionButton::Conclude { id } => conclude::preview_pressed(bot, deps, who, q, id).await,
        DecisionButton::ConcludeConfirm { id } => {
            conclude::confirm_pressed(bot, deps, who, q, id).await
        }
    }
}
