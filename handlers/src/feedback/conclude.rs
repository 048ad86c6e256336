//! `/conclude` (admins): a closed consultation becomes concluded, and every group in
//! its scope gets the anonymised 回音壁 through the broadcast worker: how many people
//! and opinions, how many from the group's own contact point, how many were adopted,
//! and the adopted points in short — the submitter's words only where they allowed
//! quoting, otherwise the admin's summary words, otherwise just the article. Never a
//! name. Conclusion starts the clock of personal-detail erasure, so the scheduler is
//! woken.

use consult_domain::{
    Error as DomainError,
    consultations::{Consultation, State},
};
use teloxide::{prelude::*, types::InlineKeyboardMarkup};

use crate::{
    Deps, HandlerError,
    callback::{Callback, DecisionButton},
    cards::render,
    consultations::arg::{Chooser, Form, named_or_answer},
    ctx::Ctx,
    i18n::fl,
    person::Person,
    refusals, reply,
    reply::Courtesy,
};

use super::common::button;

/// A closed consultation that this admin may conclude, or the refusal.
async fn concludable(
    deps: &Deps,
    who: &Person,
    id: i64,
) -> Result<Result<Consultation, String>, HandlerError> {
    let l = deps.locales.get(who.locale);
    let Some(c) = deps.db.consultations().get(id).await? else {
        return Ok(Err(fl!(l, "consultation-unknown", id = id.to_string())));
    };
    Ok(match c.state {
        State::Closed => Ok(c),
        State::Concluded => Err(fl!(l, "conclude-already", code = c.code())),
        State::Open => Err(fl!(l, "conclude-still-open", code = c.code())),
        other => Err(refusals::refusal(
            deps,
            who.locale,
            DomainError::WrongState {
                id,
                state: other.as_str(),
            },
        )?),
    })
}

/// The preview: the summary as the first group will see it, where it goes, and
/// what is still undecided or unreleased.
async fn preview(
    deps: &Deps,
    who: &Person,
    id: i64,
) -> Result<Result<(String, InlineKeyboardMarkup), String>, HandlerError> {
    let l = deps.locales.get(who.locale);
    let c = match concludable(deps, who, id).await? {
        Ok(c) => c,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let preview = deps.db.conclusion_preview(&render(deps), &c).await?;
    let (s, example) = (&preview.summary, preview.example.clone());
    let groups = preview.groups;
    let mut lines = vec![
        fl!(l, "conclude-preview", code = c.code(), groups = groups),
        String::new(),
        example,
        String::new(),
    ];
    if s.undecided > 0 {
        lines.push(fl!(l, "conclude-warn-undecided", count = s.undecided));
    }
    if s.unreleased > 0 {
        lines.push(fl!(l, "conclude-warn-unreleased", count = s.unreleased));
    }
    lines.push(fl!(l, "conclude-ask"));
    let keyboard = InlineKeyboardMarkup::new(vec![vec![
        button(
            fl!(l, "conclude-confirm-button"),
            DecisionButton::ConcludeConfirm { id },
        ),
        button(fl!(l, "decision-cancel"), DecisionButton::Cancel),
    ]]);
    Ok(Ok((lines.join("\n"), keyboard)))
}

/// `/conclude [12]`.
pub async fn command(cx: &Ctx, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    if !who.is_admin() {
        return reply::to(bot, who, fl!(l, "conclude-refused")).await;
    }
    let form = Form {
        usage: "/conclude 12",
        words_after: true,
        chooser: Some(Chooser {
            states: &[State::Closed],
            header: fl!(l, "conclude-choose"),
            none: fl!(l, "conclude-none"),
            button: |id| Callback::Decision(DecisionButton::Conclude { id }),
        }),
    };
    let Some(c) = named_or_answer(bot, deps, who, ChatId(who.id), arg, form).await? else {
        return Ok(());
    };
    match preview(deps, who, c.id).await? {
        Ok((text, keyboard)) => reply::to_with_keyboard(bot, who, text, keyboard).await,
        Err(text) => reply::to(bot, who, text).await,
    }
}

/// A consultation's button in the /conclude list: the preview.
pub async fn preview_pressed(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    q: &CallbackQuery,
    id: i64,
) -> Result<(), HandlerError> {
    match preview(deps, who, id).await? {
        Ok((text, keyboard)) => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            reply::to_with_keyboard(bot, who, text, keyboard).await
        }
        Err(text) => reply::alert(bot, q, text).await,
    }
}

/// 「确认办结」: concludes and queues the summary to every group in scope.
pub async fn confirm_pressed(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    q: &CallbackQuery,
    id: i64,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let c = match concludable(deps, who, id).await? {
        Ok(c) => c,
        Err(refusal) => {
            return reply::alert(bot, q, refusal).await;
        }
    };
    let result = deps
        .db
        .conclude_announced(
            &render(deps),
            c.id,
            &crate::consultations::by(who),
            deps.clock.now(),
        )
        .await;
    let announced = match result {
        Ok(a) => a,
        Err(e @ DomainError::WrongState { .. }) => {
            let text = refusals::refusal(deps, who.locale, e)?;
            return reply::alert(bot, q, text).await;
        }
        Err(e) => return Err(e.into()),
    };
    let (c, groups) = (announced.consultation, announced.groups);
    bot.answer_callback_query(q.id.clone()).courtesy().await;
    if groups > 0 {
        deps.wake_broadcast.notify_one();
    }
    // Personal details are erased the retention time after conclusion.
    deps.wake_scheduler.notify_one();
    if let Some(m) = q.regular_message() {
        let _ = bot.edit_message_reply_markup(ChatId(who.id), m.id).await;
    }
    reply::to(
        bot,
        who,
        fl!(l, "conclude-done", code = c.code(), groups = groups),
    )
    .await
}
