//! Consultations after the draft is in: publishing and announcing to the groups,
//! extending, correcting the summary, withdrawing and closing early.

use consult_domain::{
    Actor,
    announce::End,
    consultations::{Consultation, State, parse_deadline, summary},
    roles::Role,
};
use teloxide::prelude::*;

use super::{
    arg::{Form, Named, named_or_answer},
    by, state_name,
};
use crate::{
    Deps, HandlerError,
    cards::{local_time, render},
    ctx::Ctx,
    i18n::fl,
    person::Person,
    refusals, reply,
};

/// The consultation and the words after its number, if this person may manage it:
/// admins any, a liaison those they created (which are scoped to their own point).
/// Otherwise the refusal or the usage line is sent, and `None` given.
async fn manageable<'a>(
    bot: &Bot,
    deps: &Deps,
    msg: &Message,
    who: &Person,
    arg: &'a str,
    usage: &str,
) -> Result<Option<(Consultation, &'a str)>, HandlerError> {
    let l = deps.locales.get(who.locale);
    if !matches!(who.role(), Some(Role::Admin | Role::Liaison)) {
        send(bot, msg, fl!(l, "consultation-not-yours")).await?;
        return Ok(None);
    }
    let form = Form::usage(usage);
    let Some(named) = named_or_answer(bot, deps, who, msg.chat.id, arg, form).await? else {
        return Ok(None);
    };
    let refusal = match deps.db.consultations().get(named.id).await? {
        None => fl!(l, "consultation-unknown", id = named.id.to_string()),
        Some(c) if who.is_admin() || c.created_by == Some(who.id) => {
            return Ok(Some((c, named.rest)));
        }
        Some(_) => fl!(l, "consultation-not-yours"),
    };
    send(bot, msg, refusal).await?;
    Ok(None)
}

pub async fn publish(cx: &Ctx, msg: &Message, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let Some((c, _)) = manageable(bot, deps, msg, who, arg, "/publish 12").await? else {
        return Ok(());
    };
    let announced = match deps
        .db
        .publish_announced(&render(deps), c.id, &by(who), deps.clock.now())
        .await
    {
        Ok(a) => a,
        Err(e) => return send(bot, msg, refusals::refusal(deps, who.locale, e)?).await,
    };
    deps.wake_scheduler.notify_one();
    deps.wake_broadcast.notify_one();
    let (c, groups) = (announced.consultation, announced.groups);
    let text = if groups == 0 {
        fl!(l, "consultation-no-groups", code = c.code())
    } else {
        fl!(
            l,
            "consultation-published",
            code = c.code(),
            groups = groups
        )
    };
    send(bot, msg, text).await
}

/// A liaison re-announces an open consultation to their own groups (an admin to all).
pub async fn announce(cx: &Ctx, msg: &Message, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let Some(access) = who.access().filter(|a| a.review().is_some()) else {
        return send(bot, msg, fl!(l, "consultation-not-yours")).await;
    };
    let form = Form {
        words_after: false,
        ..Form::usage("/announce 12")
    };
    let Some(Named { id, .. }) = named_or_answer(bot, deps, who, msg.chat.id, arg, form).await?
    else {
        return Ok(());
    };
    let Some(c) = deps.db.consultations().get(id).await? else {
        return send(
            bot,
            msg,
            fl!(l, "consultation-unknown", id = id.to_string()),
        )
        .await;
    };
    if c.state != State::Open {
        return send(
            bot,
            msg,
            fl!(
                l,
                "consultation-wrong-state",
                state = state_name(deps, who, c.state)
            ),
        )
        .await;
    }
    // Admins every group, county staff their district's, a liaison their point's.
    if access.announce_to(&c).is_none() {
        return send(bot, msg, fl!(l, "consultation-not-announced-here")).await;
    }
    // Keyed by the command's message, so a replayed update does not announce twice.
    let groups = deps
        .db
        .announce_again(
            &render(deps),
            &c,
            &access,
            &msg.id.0.to_string(),
            &by(who),
            deps.clock.now(),
        )
        .await?;
    deps.wake_broadcast.notify_one();
    send(
        bot,
        msg,
        fl!(
            l,
            "consultation-announced",
            code = c.code(),
            groups = groups
        ),
    )
    .await
}

pub async fn extend(cx: &Ctx, msg: &Message, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let Some((c, rest)) = manageable(bot, deps, msg, who, arg, "/extend 12 2027-01-31").await?
    else {
        return Ok(());
    };
    let result = match parse_deadline(rest, deps.timezone) {
        Ok(t) => {
            deps.db
                .extend_announced(&render(deps), c.id, t, &by(who), deps.clock.now())
                .await
        }
        Err(e) => Err(e),
    };
    let text = match result {
        Ok(a) => {
            deps.wake_scheduler.notify_one();
            deps.wake_broadcast.notify_one();
            let c = a.consultation;
            let deadline = local_time(&deps.locales, who.locale, deps.timezone, c.closes_at);
            fl!(
                l,
                "consultation-extended",
                code = c.code(),
                deadline = deadline,
                groups = a.groups
            )
        }
        Err(e) => refusals::refusal(deps, who.locale, e)?,
    };
    send(bot, msg, text).await
}

pub async fn set_summary(cx: &Ctx, msg: &Message, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let Some((c, rest)) = manageable(bot, deps, msg, who, arg, "/summary 12 新的说明").await?
    else {
        return Ok(());
    };
    let result = match summary(rest) {
        Ok(s) => {
            deps.db
                .consultations()
                .set_summary(c.id, &s, Actor::Person(who.id), deps.clock.now())
                .await
        }
        Err(e) => Err(e),
    };
    let text = match result {
        Ok(c) => fl!(l, "consultation-summary-set", code = c.code()),
        Err(e) => refusals::refusal(deps, who.locale, e)?,
    };
    send(bot, msg, text).await
}

/// Withdraws (the groups are told) or closes early (the groups get the closing notice).
pub async fn end(cx: &Ctx, msg: &Message, arg: &str, withdraw: bool) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let usage = if withdraw {
        "/withdraw 12"
    } else {
        "/close 12"
    };
    let Some((c, _)) = manageable(bot, deps, msg, who, arg, usage).await? else {
        return Ok(());
    };
    let end = if withdraw { End::Withdraw } else { End::Close };
    let announced = match deps
        .db
        .end_announced(&render(deps), c.id, end, &by(who), deps.clock.now())
        .await
    {
        Ok(a) => a,
        Err(e) => return send(bot, msg, refusals::refusal(deps, who.locale, e)?).await,
    };
    deps.wake_broadcast.notify_one();
    let (c, groups) = (announced.consultation, announced.groups);
    let text = if withdraw {
        fl!(
            l,
            "consultation-withdrawn",
            code = c.code(),
            groups = groups
        )
    } else {
        fl!(l, "consultation-closed", code = c.code(), groups = groups)
    };
    send(bot, msg, text).await
}

async fn send(bot: &Bot, msg: &Message, text: String) -> Result<(), HandlerError> {
    reply::html(bot, msg.chat.id, text).await?;
    Ok(())
}
