//! The liaison's triage in chat beyond forwarding and closing, as in the console:
//! re-categorise a report, merge a duplicate into the report that carries the problem
//! on, and record an answer the department gave by phone or letter. Each goes through
//! the console's domain call ([`consult_domain::relay::Relay`]), which re-checks the
//! person's scope and the report's state and writes the history, the audit entry and
//! the residents' messages; a refusal is said in words, as in the console.
//!
//! A merge target and an answer's text are typed, so they are a small dialogue
//! ([`Triage`]); everything else is a button, decoded with errors and authorised
//! again on every press.

use consult_domain::{
    Actor, Error,
    relay::{self, AnswerVia, Receipt, RelayOutcome, Report, ReportStatus},
    review::Scope,
};
use serde::{Deserialize, Serialize};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use super::{button, refuse, teller};
use crate::{
    Deps, HandlerError,
    callback::RelayButton,
    ctx::Ctx,
    dialogue::{self, Ended},
    html,
    i18n::fl,
    person::Person,
    reply,
};

/// Reports offered as buttons to merge into.
const MERGE_CHOICES: usize = 8;

/// What the liaison is asked to type, kept between updates.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Triage {
    /// The receipt number of the report to merge `report` into.
    MergeInto { report: i64 },
    /// The text of the answer to `report` received by phone or letter (codes of
    /// [`AnswerVia`] and [`RelayOutcome`]).
    Answer {
        report: i64,
        via: String,
        outcome: String,
    },
}

fn scope(who: &Person) -> Option<Scope> {
    who.access().and_then(|a| a.review())
}

/// The report, if the person's scope reaches it and `allowed` says its state allows
/// the step; otherwise they are told why (the console's words), and None.
async fn reachable(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    id: i64,
    allowed: impl Fn(&Report) -> bool,
) -> Result<Option<(Scope, Report)>, HandlerError> {
    let l = deps.locales.get(who.locale);
    let Some(scope) = scope(who) else {
        reply::to(bot, who, fl!(l, "relay-staff-only")).await?;
        return Ok(None);
    };
    let e = match deps.db.relay().reachable(id, scope).await {
        Ok(r) if allowed(&r) => return Ok(Some((scope, r))),
        Ok(r) => Error::ReportState {
            id,
            status: r.status,
        },
        Err(e) => e,
    };
    refuse(bot, deps, who, e).await.map(|_| None)
}

/// 「改类别」: the active categories, the report's own left out.
pub async fn categories(bot: &Bot, deps: &Deps, who: &Person, id: i64) -> Result<(), HandlerError> {
    let Some((_, r)) = reachable(bot, deps, who, id, |r| r.status.open()).await? else {
        return Ok(());
    };
    let l = deps.locales.get(who.locale);
    let all = deps.db.relay().all_categories().await?;
    let rows: Vec<Vec<InlineKeyboardButton>> = all
        .iter()
        .enumerate()
        .filter(|(_, c)| c.active && c.code != r.category)
        .filter_map(|(i, c)| u8::try_from(i).ok().map(|i| (i, c)))
        .map(|(index, c)| {
            vec![button(
                c.label(&deps.locales, who.locale),
                RelayButton::SetCategory { id, index },
            )]
        })
        .collect();
    let text = fl!(
        l,
        "relay-chat-choose-category",
        receipt = r.receipt.as_str()
    );
    reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await
}

/// A category chosen: the report is re-filed under it (a retired one is refused).
pub async fn set_category(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    id: i64,
    index: u8,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let Some(scope) = scope(who) else {
        return reply::to(bot, who, fl!(l, "relay-staff-only")).await;
    };
    let all = deps.db.relay().all_categories().await?;
    let Some(category) = all.get(usize::from(index)) else {
        return reply::to(bot, who, fl!(l, "relay-bad-category")).await;
    };
    let result = deps
        .db
        .relay()
        .recategorise(
            id,
            category.code.as_str(),
            scope,
            Actor::Person(who.id),
            deps.clock.now(),
        )
        .await;
    match result {
        Ok(r) => {
            let text = fl!(
                l,
                "relay-chat-recategorised",
                receipt = r.receipt.as_str(),
                category = html::escape(&category.label(&deps.locales, who.locale))
            );
            reply::to(bot, who, text).await
        }
        Err(Error::Invalid(_)) => reply::to(bot, who, fl!(l, "relay-bad-category")).await,
        Err(e) => refuse(bot, deps, who, e).await,
    }
}

/// 「合并」: the open reports it may be merged into (same category first), and the
/// question for a receipt number, for one not among them.
pub async fn merge_choices(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    id: i64,
    update_id: i64,
) -> Result<(), HandlerError> {
    let received = |r: &Report| r.status == ReportStatus::Received;
    let Some((scope, r)) = reachable(bot, deps, who, id, received).await? else {
        return Ok(());
    };
    let mut open = deps.db.relay().queue(scope, None, 30).await?;
    open.retain(|o| o.id != id);
    open.sort_by_key(|o| (o.category != r.category, o.id));
    let rows: Vec<Vec<InlineKeyboardButton>> = open
        .iter()
        .take(MERGE_CHOICES)
        .map(|o| {
            let excerpt: String = o.body.chars().take(20).collect();
            vec![button(
                format!("{} · {excerpt}", o.receipt),
                RelayButton::Merge { id, into: o.id },
            )]
        })
        .collect();
    dialogue::save(deps, who, &Triage::MergeInto { report: id }, update_id).await?;
    ask_merge(bot, deps, who, &r, rows).await
}

async fn ask_merge(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    r: &Report,
    rows: Vec<Vec<InlineKeyboardButton>>,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let text = fl!(l, "relay-chat-merge-ask", receipt = r.receipt.as_str());
    if rows.is_empty() {
        reply::to(bot, who, text).await
    } else {
        reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await
    }
}

/// Merges report `id` into `into`: both residents hear it from the domain.
pub async fn merge(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    id: i64,
    into: i64,
    update_id: i64,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let Some(scope) = scope(who) else {
        return reply::to(bot, who, fl!(l, "relay-staff-only")).await;
    };
    let result = deps
        .db
        .relay()
        .merge(
            teller(deps),
            id,
            into,
            scope,
            Actor::Person(who.id),
            deps.clock.now(),
        )
        .await;
    match result {
        Ok(dup) => {
            deps.wake_broadcast.notify_one();
            let target = deps.db.relay().reachable(into, scope).await?;
            let text = fl!(
                l,
                "relay-chat-merged",
                receipt = dup.receipt.as_str(),
                into = target.receipt.as_str()
            );
            done(bot, deps, who, text, update_id).await
        }
        Err(e) => refuse(bot, deps, who, e).await,
    }
}

/// 「记录答复」, one press at a time: how the answer came, then the outcome, then the
/// question for its text. Only a forwarded report has an answer to record.
pub async fn answer(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    id: i64,
    via: Option<u8>,
    outcome: Option<u8>,
    update_id: i64,
) -> Result<(), HandlerError> {
    let forwarded = |r: &Report| r.status == ReportStatus::Forwarded;
    let Some((_, r)) = reachable(bot, deps, who, id, forwarded).await? else {
        return Ok(());
    };
    let l = deps.locales.get(who.locale);
    let word = |label: &str| deps.locales.text(who.locale, label, &[]);
    let via_chosen = via.and_then(|v| AnswerVia::RECORDED.get(usize::from(v)).copied());
    let outcome_chosen = outcome.and_then(|o| RelayOutcome::ALL.get(usize::from(o)).copied());
    match (via, via_chosen, outcome_chosen) {
        (Some(_), Some(via), Some(outcome)) => {
            let state = Triage::Answer {
                report: id,
                via: via.as_str().to_owned(),
                outcome: outcome.as_str().to_owned(),
            };
            dialogue::save(deps, who, &state, update_id).await?;
            ask_answer(bot, deps, who, &r).await
        }
        (Some(v), Some(_), None) => {
            let rows = RelayOutcome::ALL
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    vec![button(
                        word(o.label_id()),
                        RelayButton::Answer {
                            id,
                            via: Some(v),
                            outcome: Some(i as u8),
                        },
                    )]
                })
                .collect::<Vec<_>>();
            let text = fl!(l, "relay-chat-answer-outcome", receipt = r.receipt.as_str());
            reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await
        }
        _ => {
            let rows: Vec<Vec<InlineKeyboardButton>> = vec![
                AnswerVia::RECORDED
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        button(
                            word(v.label_id()),
                            RelayButton::Answer {
                                id,
                                via: Some(i as u8),
                                outcome: None,
                            },
                        )
                    })
                    .collect(),
            ];
            let text = fl!(l, "relay-chat-answer-via", receipt = r.receipt.as_str());
            reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await
        }
    }
}

async fn ask_answer(bot: &Bot, deps: &Deps, who: &Person, r: &Report) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let text = fl!(
        l,
        "relay-chat-answer-text",
        receipt = r.receipt.as_str(),
        max = relay::ANSWER_MAX
    );
    reply::to(bot, who, text).await
}

/// What the liaison typed: a receipt to merge into, or an answer's text.
pub async fn text(cx: &Ctx, state: Triage, text: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    let l = deps.locales.get(who.locale);
    let Some(scope) = scope(who) else {
        deps.db.dialogues().clear(who.id).await?;
        return reply::to(bot, who, fl!(l, "relay-staff-only")).await;
    };
    match state {
        Triage::MergeInto { report } => {
            let into = match Receipt::parse(text) {
                Some(receipt) => deps.db.relay().by_receipt(&receipt, scope).await?,
                None => None,
            };
            match into {
                Some(into) => merge(bot, deps, who, report, into.id, update_id).await,
                None => reply::to(bot, who, fl!(l, "relay-chat-merge-unknown")).await,
            }
        }
        Triage::Answer {
            report,
            via,
            outcome,
        } => {
            let (Ok(via), Ok(outcome)) = (
                AnswerVia::try_from(via.as_str()),
                RelayOutcome::try_from(outcome.as_str()),
            ) else {
                deps.db.dialogues().clear(who.id).await?;
                return reply::to(bot, who, fl!(l, "button-stale")).await;
            };
            let result = deps
                .db
                .relay()
                .record_answer(
                    teller(deps),
                    report,
                    outcome,
                    text,
                    via,
                    scope,
                    Actor::Person(who.id),
                    deps.clock.now(),
                )
                .await;
            match result {
                Ok(r) => {
                    deps.wake_broadcast.notify_one();
                    let text = fl!(
                        l,
                        "relay-chat-answer-recorded",
                        receipt = r.receipt.as_str()
                    );
                    done(bot, deps, who, text, update_id).await
                }
                // Too long or empty: said with the rule; the question stands.
                Err(Error::Invalid(_)) => reply::to(bot, who, fl!(l, "relay-bad-answer")).await,
                Err(e) => {
                    deps.db.dialogues().clear(who.id).await?;
                    refuse(bot, deps, who, e).await
                }
            }
        }
    }
}

/// Ends the triage dialogue with what it did, kept for a replay, and says it.
async fn done(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    text: String,
    update_id: i64,
) -> Result<(), HandlerError> {
    let ended = Ended::Triage { text: text.clone() };
    dialogue::end(deps, who, &ended, update_id).await?;
    reply::to(bot, who, text).await
}

/// The question of a triage dialogue again (after a replay).
pub async fn show_current(cx: &Ctx, state: Triage) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let report = match &state {
        Triage::MergeInto { report } | Triage::Answer { report, .. } => *report,
    };
    let Some((_, r)) = reachable(bot, deps, who, report, |_| true).await? else {
        return Ok(());
    };
    match state {
        Triage::MergeInto { .. } => ask_merge(bot, deps, who, &r, vec![]).await,
        Triage::Answer { .. } => ask_answer(bot, deps, who, &r).await,
    }
}
