//! `/decide` (admins): a consultation → an article, with its counts → 采纳 / 部分采纳 /
//! 未采纳 / 不属于本次征求范围 → the reason → optional summary words → confirm; or
//! 「处理决定」 under an opinion in /review. The steps after the outcome act on the
//! stored dialogue, so a button from a finished one finds nothing and says so.

use consult_domain::{
    Error as DomainError,
    consultations::State,
    decisions::{self, NewDecision, Outcome, Target},
    open_calls::Kind,
    opinions::{Opinion, Status},
    people::Locale,
};
use serde::{Deserialize, Serialize};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId},
};

use super::common::{article_name, button, not_decidable, outcome_name};
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

/// Where a decision in progress stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Reason,
    Summary,
    Confirm,
}

/// A decision being taken: target and outcome chosen, then the reason, the optional
/// summary words, and the confirmation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pending {
    pub target: Target,
    pub outcome: Outcome,
    pub reason: Option<String>,
    pub summary: Option<String>,
    pub step: Step,
}

/// `/decide [12]`.
pub async fn command(cx: &Ctx, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    if !who.is_admin() {
        return reply::to(bot, who, fl!(l, "decision-refused")).await;
    }
    let form = Form {
        usage: "/decide 12",
        words_after: true,
        chooser: Some(Chooser {
            states: &[State::Closed, State::Concluded],
            header: fl!(l, "decision-choose-consultation"),
            none: fl!(l, "decision-no-consultations"),
            button: |id| Callback::Decision(DecisionButton::Consultation { id }),
        }),
    };
    match named_or_answer(bot, deps, who, ChatId(who.id), arg, form).await? {
        Some(c) => articles(bot, deps, who, c.id, None).await,
        None => Ok(()),
    }
}

/// A consultation's articles with their counts, each a button.
pub(super) async fn articles(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    id: i64,
    edit: Option<MessageId>,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let Some(c) = deps.db.consultations().get(id).await? else {
        return reply::to(
            bot,
            who,
            fl!(l, "consultation-unknown", id = id.to_string()),
        )
        .await;
    };
    if let Some(refusal) = not_decidable(deps, who, &c) {
        return reply::to(bot, who, refusal).await;
    }
    // An open call is decided one suggestion at a time: its list, not articles.
    if c.is_open_call() {
        return match crate::open_calls::suggestions_to_decide(bot, deps, who, &c).await? {
            Some((text, keyboard)) => reply::Screen::of(bot, who, edit).show(text, keyboard).await,
            None => Ok(()),
        };
    }
    let articles = deps.db.decisions().articles(id).await?;
    if articles.is_empty() {
        return reply::to(bot, who, fl!(l, "decision-no-opinions", code = c.code())).await;
    }
    let mut lines = vec![
        fl!(
            l,
            "decision-articles-header",
            code = c.code(),
            title = html::escape(&c.title)
        ),
        String::new(),
    ];
    let mut rows = Vec::new();
    for a in &articles {
        let name = article_name(deps, who.locale, a.label.as_deref());
        lines.push(fl!(
            l,
            "decision-article-line",
            article = name.clone(),
            eligible = a.eligible,
            decided = a.decided
        ));
        let plain = a
            .label
            .clone()
            .unwrap_or_else(|| fl!(l, "opinion-whole-draft"));
        rows.push(vec![button(
            fl!(
                l,
                "decision-article-button",
                article = plain,
                eligible = a.eligible,
                decided = a.decided
            ),
            DecisionButton::Article {
                id,
                article: a.article,
            },
        )]);
    }
    lines.push(String::new());
    lines.push(fl!(l, "decision-choose-article"));
    reply::Screen::of(bot, who, edit)
        .show(lines.join("\n"), InlineKeyboardMarkup::new(rows))
        .await
}

/// The outcomes of the consultation's kind as buttons: the four of an opinion, or the
/// three of a project suggestion.
fn outcome_rows(
    deps: &Deps,
    locale: Locale,
    kind: Kind,
    make: impl Fn(Outcome) -> DecisionButton,
) -> Vec<Vec<InlineKeyboardButton>> {
    let l = deps.locales.get(locale);
    let b = |o: &Outcome| button(outcome_name(deps, locale, *o), make(*o));
    let mut rows: Vec<Vec<InlineKeyboardButton>> = Outcome::for_kind(kind)
        .chunks(3)
        .map(|r| r.iter().map(b).collect())
        .collect();
    rows.push(vec![button(
        fl!(l, "decision-cancel"),
        DecisionButton::Cancel,
    )]);
    rows
}

/// The kind of the consultation the covered opinions are on.
async fn kind_of(deps: &Deps, covered: &[Opinion]) -> Result<Kind, HandlerError> {
    let Some(first) = covered.first() else {
        return Ok(Kind::Regulation);
    };
    Ok(deps
        .db
        .consultations()
        .get(first.consultation_id)
        .await?
        .map_or(Kind::Regulation, |c| c.kind))
}

/// The opinions a target covers, or the refusal to show.
async fn covered(
    deps: &Deps,
    who: &Person,
    target: Target,
) -> Result<Result<Vec<Opinion>, String>, HandlerError> {
    let l = deps.locales.get(who.locale);
    let consultation = match target {
        Target::Opinion(id) => match deps.db.opinions().get(id).await? {
            Some(o) if o.status == Status::Withdrawn => {
                return Ok(Err(fl!(l, "decision-withdrawn", receipt = o.receipt)));
            }
            Some(o) if o.status == Status::Invalid => {
                return Ok(Err(fl!(l, "decision-invalid", receipt = o.receipt)));
            }
            Some(o) => o.consultation_id,
            None => return Ok(Err(fl!(l, "decision-unknown-opinion"))),
        },
        Target::Article { consultation, .. } => consultation,
    };
    let Some(c) = deps.db.consultations().get(consultation).await? else {
        return Ok(Err(fl!(
            l,
            "consultation-unknown",
            id = consultation.to_string()
        )));
    };
    if let Some(refusal) = not_decidable(deps, who, &c) {
        return Ok(Err(refusal));
    }
    match deps.db.decisions().covered(target).await {
        Ok(list) if list.is_empty() => Ok(Err(fl!(l, "decision-no-opinions", code = c.code()))),
        Ok(list) => Ok(Ok(list)),
        Err(DomainError::UnknownOpinion(_)) => Ok(Err(fl!(l, "decision-unknown-opinion"))),
        Err(DomainError::OpinionLocked(_)) => Ok(Err(fl!(l, "decision-not-eligible"))),
        Err(DomainError::WrongKind { .. }) => {
            Ok(Err(fl!(l, "open-call-no-articles", code = c.code())))
        }
        Err(e) => Err(e.into()),
    }
}

/// What a target is, for the person deciding: `C1-0003` or `C1 第三条（4 条意见）`.
async fn target_name(
    deps: &Deps,
    who: &Person,
    target: Target,
    covered: usize,
) -> Result<String, HandlerError> {
    let l = deps.locales.get(who.locale);
    Ok(match target {
        Target::Opinion(id) => {
            let receipt = deps
                .db
                .opinions()
                .get(id)
                .await?
                .map(|o| o.receipt)
                .unwrap_or_default();
            fl!(
                l,
                "decision-target-opinion",
                receipt = receipt,
                count = covered
            )
        }
        Target::Article {
            consultation,
            article,
        } => {
            let label = deps
                .db
                .decisions()
                .articles(consultation)
                .await?
                .into_iter()
                .find(|a| a.article == article)
                .and_then(|a| a.label);
            fl!(
                l,
                "decision-target-article",
                code = format!("C{consultation}"),
                article = article_name(deps, who.locale, label.as_deref()),
                count = covered
            )
        }
    })
}

/// The outcome buttons for a target (after checking it may be decided).
pub(super) async fn choose_outcome(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    q: &CallbackQuery,
    target: Target,
    edit: Option<MessageId>,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let list = match covered(deps, who, target).await? {
        Ok(list) => list,
        Err(refusal) => return reply::alert(bot, q, refusal).await,
    };
    bot.answer_callback_query(q.id.clone()).courtesy().await;
    let name = target_name(deps, who, target, list.len()).await?;
    let mut lines = vec![fl!(l, "decision-choose-outcome", target = name)];
    let decisions = deps.db.decisions();
    let mut decided = 0;
    for o in &list {
        if decisions.get(o.id).await?.is_some() {
            decided += 1;
        }
    }
    if decided > 0 {
        lines.push(fl!(l, "decision-already-decided", count = decided));
    }
    let kind = kind_of(deps, &list).await?;
    let rows = outcome_rows(deps, who.locale, kind, |outcome| match target {
        Target::Opinion(opinion) => DecisionButton::OpinionOutcome { opinion, outcome },
        Target::Article {
            consultation,
            article,
        } => DecisionButton::ArticleOutcome {
            id: consultation,
            article,
            outcome,
        },
    });
    reply::Screen::of(bot, who, edit)
        .show(lines.join("\n"), InlineKeyboardMarkup::new(rows))
        .await
}

/// An outcome was chosen: store the dialogue and ask for the reason.
pub(super) async fn outcome_chosen(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    q: &CallbackQuery,
    target: Target,
    outcome: Outcome,
    update_id: i64,
) -> Result<(), HandlerError> {
    let list = match covered(deps, who, target).await? {
        Ok(list) => list,
        Err(refusal) => return reply::alert(bot, q, refusal).await,
    };
    // An outcome of the other kind (采纳 on a suggestion): a forged or stale button.
    if !Outcome::for_kind(kind_of(deps, &list).await?).contains(&outcome) {
        let l = deps.locales.get(who.locale);
        return reply::alert(bot, q, fl!(l, "button-stale")).await;
    }
    bot.answer_callback_query(q.id.clone()).courtesy().await;
    let pending = Pending {
        target,
        outcome,
        reason: None,
        summary: None,
        step: Step::Reason,
    };
    crate::dialogue::save(deps, who, &pending, update_id).await?;
    ask_reason(bot, deps, who, &pending, list.len()).await
}

/// Asks for the reason of the outcome chosen for `covered` opinions.
async fn ask_reason(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    pending: &Pending,
    covered: usize,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let name = target_name(deps, who, pending.target, covered).await?;
    let text = fl!(
        l,
        "decision-ask-reason",
        target = name,
        outcome = outcome_name(deps, who.locale, pending.outcome)
    );
    let keyboard = InlineKeyboardMarkup::new(vec![vec![button(
        fl!(l, "decision-cancel"),
        DecisionButton::Cancel,
    )]]);
    reply::to_with_keyboard(bot, who, text, keyboard).await
}

/// Asks for the optional summary words.
async fn ask_summary(bot: &Bot, deps: &Deps, who: &Person) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let keyboard = InlineKeyboardMarkup::new(vec![vec![
        button(fl!(l, "decision-skip"), DecisionButton::SkipSummary),
        button(fl!(l, "decision-cancel"), DecisionButton::Cancel),
    ]]);
    reply::to_with_keyboard(bot, who, fl!(l, "decision-ask-summary"), keyboard).await
}

/// Shows an admin whose last step is being handled again (the process died before
/// its reply went out) the question their decision stands at, as stored.
pub async fn show_current(cx: &Ctx, pending: Pending) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    if !who.is_admin() {
        return Ok(());
    }
    let covered = match covered(deps, who, pending.target).await? {
        Ok(list) => list.len(),
        Err(refusal) => return reply::to(bot, who, refusal).await,
    };
    match pending.step {
        Step::Reason => ask_reason(bot, deps, who, &pending, covered).await,
        Step::Summary => ask_summary(bot, deps, who).await,
        Step::Confirm => show_confirm(bot, deps, who, &pending, covered).await,
    }
}

/// The text an admin sent while deciding: the reason, or the summary words.
pub async fn text(cx: &Ctx, mut pending: Pending, text: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    let l = deps.locales.get(who.locale);
    if !who.is_admin() {
        return crate::dialogue::clear_saying(bot, deps, who, fl!(l, "decision-refused")).await;
    }
    match pending.step {
        Step::Reason => match decisions::reason(text) {
            Ok(reason) => {
                pending.reason = Some(reason);
                pending.step = Step::Summary;
                crate::dialogue::save(deps, who, &pending, update_id).await?;
                ask_summary(bot, deps, who).await
            }
            Err(_) => reply::to(bot, who, fl!(l, "decision-bad-text")).await,
        },
        Step::Summary => match decisions::summary_words(text) {
            Ok(words) => {
                pending.summary = Some(words);
                to_confirm(bot, deps, who, pending, update_id).await
            }
            Err(_) => reply::to(bot, who, fl!(l, "decision-bad-text")).await,
        },
        Step::Confirm => reply::to(bot, who, fl!(l, "decision-press-confirm")).await,
    }
}

/// `/skip` while deciding: no summary words.
pub async fn skip(cx: &Ctx, pending: Pending) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    let l = deps.locales.get(who.locale);
    if pending.step != Step::Summary {
        return reply::to(bot, who, fl!(l, "decision-cannot-skip")).await;
    }
    to_confirm(bot, deps, who, pending, update_id).await
}

/// Shows what will be recorded, with 「确认」 and 「取消」.
pub(super) async fn to_confirm(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    mut pending: Pending,
    update_id: i64,
) -> Result<(), HandlerError> {
    pending.step = Step::Confirm;
    let covered = match covered(deps, who, pending.target).await? {
        Ok(list) => list.len(),
        Err(refusal) => {
            return crate::dialogue::clear_saying(bot, deps, who, refusal).await;
        }
    };
    crate::dialogue::save(deps, who, &pending, update_id).await?;
    show_confirm(bot, deps, who, &pending, covered).await
}

/// What will be recorded, with 「确认」 and 「取消」.
async fn show_confirm(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    pending: &Pending,
    covered: usize,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let mut lines = vec![
        fl!(
            l,
            "decision-confirm",
            target = target_name(deps, who, pending.target, covered).await?,
            outcome = outcome_name(deps, who.locale, pending.outcome)
        ),
        fl!(
            l,
            "decision-confirm-reason",
            reason = html::escape(pending.reason.as_deref().unwrap_or_default())
        ),
    ];
    if let Some(words) = &pending.summary {
        lines.push(fl!(
            l,
            "decision-confirm-summary",
            summary = html::escape(words)
        ));
    }
    let keyboard = InlineKeyboardMarkup::new(vec![vec![
        button(fl!(l, "decision-confirm-button"), DecisionButton::Confirm),
        button(fl!(l, "decision-cancel"), DecisionButton::Cancel),
    ]]);
    reply::to_with_keyboard(bot, who, lines.join("\n"), keyboard).await
}

/// 「确认」: records the decision in the dialogue.
pub(super) async fn apply(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    q: &CallbackQuery,
    pending: Pending,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let (Step::Confirm, Some(reason)) = (pending.step, pending.reason.clone()) else {
        return reply::toast(bot, q, fl!(l, "button-stale")).await;
    };
    let decision = NewDecision {
        outcome: pending.outcome,
        reason,
        summary: pending.summary.clone(),
    };
    // Checked again: the opinion may have been withdrawn or marked invalid meanwhile.
    if let Err(refusal) = covered(deps, who, pending.target).await? {
        deps.db.dialogues().clear(who.id).await?;
        return reply::alert(bot, q, refusal).await;
    }
    let now = deps.clock.now();
    let done = match deps
        .db
        .decisions()
        .decide(pending.target, &decision, who.id, now)
        .await
    {
        Ok(done) => done,
        Err(
            DomainError::WrongState { .. }
            | DomainError::OpinionLocked(_)
            | DomainError::UnknownOpinion(_),
        ) => {
            deps.db.dialogues().clear(who.id).await?;
            return reply::alert(bot, q, fl!(l, "decision-not-eligible")).await;
        }
        Err(e) => return Err(e.into()),
    };
    deps.db.dialogues().clear(who.id).await?;
    bot.answer_callback_query(q.id.clone()).courtesy().await;
    let consultation = match pending.target {
        Target::Article { consultation, .. } => consultation,
        Target::Opinion(id) => deps
            .db
            .opinions()
            .get(id)
            .await?
            .map_or(0, |o| o.consultation_id),
    };
    let text = fl!(
        l,
        "decision-recorded",
        outcome = outcome_name(deps, who.locale, pending.outcome),
        covered = done.covered,
        changed = done.changed,
        revised = done.revised,
        id = consultation
    );
    if let Some(m) = q.regular_message() {
        // The confirmation's buttons are spent.
        let _ = bot.edit_message_reply_markup(ChatId(who.id), m.id).await;
    }
    reply::to(bot, who, text).await
}

/// The decision lines of an opinion in /review: outcome, reason, revision, whether
/// it was released.
pub async fn review_lines(
    deps: &Deps,
    locale: Locale,
    o: &Opinion,
) -> Result<Vec<String>, HandlerError> {
    let l = deps.locales.get(locale);
    let Some(d) = deps.db.decisions().get(o.id).await? else {
        return Ok(vec![]);
    };
    let released = deps.db.decisions().released_revision(o.id).await? >= Some(d.revision);
    let mut lines = vec![fl!(
        l,
        "decision-review-line",
        outcome = outcome_name(deps, locale, d.outcome()),
        revision = d.revision,
        released = if released { "yes" } else { "no" }
    )];
    lines.push(fl!(
        l,
        "decision-review-reason",
        reason = html::escape(&d.reason)
    ));
    if let Some(words) = &d.summary {
        lines.push(fl!(
            l,
            "decision-review-summary",
            summary = html::escape(words)
        ));
    }
    Ok(lines)
}

/// 「处理决定」 under an opinion in /review, for admins, when it may get one.
pub fn review_button(deps: &Deps, who: &Person, o: &Opinion) -> Option<InlineKeyboardButton> {
    (who.is_admin() && decisions::eligible(o)).then(|| {
        button(
            fl!(deps.locales.get(who.locale), "decision-review-button"),
            DecisionButton::Decide { opinion: o.id },
        )
    })
}
