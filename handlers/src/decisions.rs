//! Decisions and feedback (admins): `/decide` (a consultation → an article, with its
//! counts → 采纳 / 部分采纳 / 未采纳 / 不属于本次征求范围 → the reason → optional summary
//! words → confirm) or 「处理决定」 under an opinion in /review; `/release` (a
//! consultation → preview: new, corrections, unreachable → confirm → queued through
//! the broadcast worker, each submitter in their own language); `/unreached` (liaisons
//! their point's list, admins all): submitters to tell in person.
//!
//! Buttons are untrusted: every press re-reads the role and the opinion or
//! consultation; the steps after the outcome act on the stored dialogue, so a button
//! from a finished one finds nothing and says so.

use std::collections::BTreeMap;

use consult_domain::{
    Error as DomainError,
    consultations::{Consultation, State},
    decisions::{self, NewDecision, Outcome, Target, Unreachable, Unreached},
    opinions::{Opinion, Status},
    people::Locale,
    roles::Role,
};
use serde::{Deserialize, Serialize};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId, ParseMode},
};

use crate::{
    Deps, HandlerError,
    callback::{BadCallback, Callback},
    conclude,
    courtesy::Courtesy,
    html,
    i18n::fl,
    labels,
    person::Person,
    reply,
};

/// The buttons of decisions, releases and conclusions (callback data `dz:…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionButton {
    /// /review: 「处理决定」 under an opinion.
    Decide { opinion: i64 },
    /// An outcome for one opinion.
    OpinionOutcome { opinion: i64, outcome: Outcome },
    /// /decide: a consultation's articles.
    Consultation { id: i64 },
    /// /decide: an article (None: the whole draft).
    Article { id: i64, article: Option<i32> },
    /// An outcome for every eligible opinion on an article.
    ArticleOutcome {
        id: i64,
        article: Option<i32>,
        outcome: Outcome,
    },
    /// No summary words.
    SkipSummary,
    /// Apply the decision in the dialogue.
    Confirm,
    /// Drop the decision in the dialogue.
    Cancel,
    /// /release: the preview for a consultation.
    Release { id: i64 },
    /// /release: queue it.
    ReleaseConfirm { id: i64 },
    /// /conclude: the preview of the summary.
    Conclude { id: i64 },
    /// /conclude: conclude and post the summary.
    ConcludeConfirm { id: i64 },
}

fn outcome_key(o: Outcome) -> &'static str {
    match o {
        Outcome::Adopted => "a",
        Outcome::Partly => "p",
        Outcome::NotAdopted => "n",
        Outcome::OutOfScope => "x",
    }
}

fn outcome_from_key(k: &str) -> Result<Outcome, BadCallback> {
    Outcome::ALL
        .into_iter()
        .find(|o| outcome_key(*o) == k)
        .ok_or(BadCallback)
}

fn article_key(a: Option<i32>) -> String {
    a.map_or_else(|| "w".to_owned(), |n| n.to_string())
}

fn article_from_key(k: &str) -> Result<Option<i32>, BadCallback> {
    if k == "w" {
        return Ok(None);
    }
    k.parse::<i32>()
        .ok()
        .filter(|n| *n > 0)
        .map(Some)
        .ok_or(BadCallback)
}

impl DecisionButton {
    pub fn encode(self) -> String {
        match self {
            DecisionButton::Decide { opinion } => format!("dz:o:{opinion}"),
            DecisionButton::OpinionOutcome { opinion, outcome } => {
                format!("dz:oo:{opinion}:{}", outcome_key(outcome))
            }
            DecisionButton::Consultation { id } => format!("dz:c:{id}"),
            DecisionButton::Article { id, article } => {
                format!("dz:a:{id}:{}", article_key(article))
            }
            DecisionButton::ArticleOutcome {
                id,
                article,
                outcome,
            } => format!(
                "dz:ao:{id}:{}:{}",
                article_key(article),
                outcome_key(outcome)
            ),
            DecisionButton::SkipSummary => "dz:s".into(),
            DecisionButton::Confirm => "dz:y".into(),
            DecisionButton::Cancel => "dz:n".into(),
            DecisionButton::Release { id } => format!("dz:r:{id}"),
            DecisionButton::ReleaseConfirm { id } => format!("dz:ry:{id}"),
            DecisionButton::Conclude { id } => format!("dz:k:{id}"),
            DecisionButton::ConcludeConfirm { id } => format!("dz:ky:{id}"),
        }
    }

    /// The parts after `dz`.
    pub fn decode(parts: &[&str]) -> Result<Self, BadCallback> {
        let id = |s: &str| s.parse::<i64>().ok().filter(|n| *n > 0).ok_or(BadCallback);
        Ok(match parts {
            ["o", o] => DecisionButton::Decide { opinion: id(o)? },
            ["oo", o, k] => DecisionButton::OpinionOutcome {
                opinion: id(o)?,
                outcome: outcome_from_key(k)?,
            },
            ["c", c] => DecisionButton::Consultation { id: id(c)? },
            ["a", c, a] => DecisionButton::Article {
                id: id(c)?,
                article: article_from_key(a)?,
            },
            ["ao", c, a, k] => DecisionButton::ArticleOutcome {
                id: id(c)?,
                article: article_from_key(a)?,
                outcome: outcome_from_key(k)?,
            },
            ["s"] => DecisionButton::SkipSummary,
            ["y"] => DecisionButton::Confirm,
            ["n"] => DecisionButton::Cancel,
            ["r", c] => DecisionButton::Release { id: id(c)? },
            ["ry", c] => DecisionButton::ReleaseConfirm { id: id(c)? },
            ["k", c] => DecisionButton::Conclude { id: id(c)? },
            ["ky", c] => DecisionButton::ConcludeConfirm { id: id(c)? },
            _ => return Err(BadCallback),
        })
    }
}

pub(crate) fn button(text: String, b: DecisionButton) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(text, Callback::Decision(b).encode())
}

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

pub(crate) fn outcome_name(deps: &Deps, locale: Locale, o: Outcome) -> String {
    labels::outcome(&deps.locales, locale, o)
}

pub(crate) fn article_name(deps: &Deps, locale: Locale, label: Option<&str>) -> String {
    crate::cards::render(deps).article(locale, label)
}

/// Shows a screen: edits the message the button was on, or sends a new one.
async fn show(
    bot: &Bot,
    who: &Person,
    edit: Option<MessageId>,
    text: String,
    keyboard: InlineKeyboardMarkup,
) -> Result<(), HandlerError> {
    match edit {
        Some(id) => {
            let result = bot
                .edit_message_text(ChatId(who.id), id, text)
                .parse_mode(ParseMode::Html)
                .reply_markup(keyboard)
                .await;
            match result {
                Err(teloxide::RequestError::Api(teloxide::ApiError::MessageNotModified)) => Ok(()),
                other => other.map(drop).map_err(Into::into),
            }
        }
        None => reply::to_with_keyboard(bot, who, text, keyboard).await,
    }
}

/// Answers a pressed button with a short notice (an alert for refusals).
async fn answer(
    bot: &Bot,
    q: &CallbackQuery,
    text: String,
    alert: bool,
) -> Result<(), HandlerError> {
    bot.answer_callback_query(q.id.clone())
        .text(text)
        .show_alert(alert)
        .courtesy()
        .await;
    Ok(())
}

/// Why this consultation takes no decisions or feedback now, if it does not.
fn not_decidable(deps: &Deps, who: &Person, c: &Consultation) -> Option<String> {
    let l = deps.locales.get(who.locale);
    match c.state {
        State::Closed | State::Concluded => None,
        State::Open => Some(fl!(l, "decision-still-open", code = c.code())),
        other => {
            let state = deps
                .locales
                .text(who.locale, &format!("state-{}", other.as_str()), &[]);
            Some(fl!(l, "consultation-wrong-state", state = state))
        }
    }
}

/// `12` or `C12`, if the argument is one.
fn consultation_arg(arg: &str) -> Option<i64> {
    crate::consultations::parse_id(arg.split_whitespace().next()?)
}

/// A button per consultation in the given states (newest first), or a notice.
async fn choose_consultation(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    states: &[State],
    header: String,
    none: String,
    make: impl Fn(i64) -> DecisionButton,
) -> Result<(), HandlerError> {
    let mut list = deps.db.consultations().list(states).await?;
    if list.is_empty() {
        return reply::to(bot, who, none).await;
    }
    list.sort_by_key(|c| std::cmp::Reverse(c.id));
    let rows = list
        .iter()
        .take(20)
        .map(|c| {
            let title: String = c.title.chars().take(24).collect();
            vec![button(format!("{} {title}", c.code()), make(c.id))]
        })
        .collect::<Vec<_>>();
    reply::to_with_keyboard(bot, who, header, InlineKeyboardMarkup::new(rows)).await
}

// ---------------------------------------------------------------------------- /decide

/// `/decide [12]`.
pub async fn decide_command(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    arg: &str,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    if !who.is_admin() {
        return reply::to(bot, who, fl!(l, "decision-refused")).await;
    }
    match consultation_arg(arg) {
        Some(id) => articles(bot, deps, who, id, None).await,
        None if arg.trim().is_empty() => {
            choose_consultation(
                bot,
                deps,
                who,
                &[State::Closed, State::Concluded],
                fl!(l, "decision-choose-consultation"),
                fl!(l, "decision-no-consultations"),
                |id| DecisionButton::Consultation { id },
            )
            .await
        }
        None => reply::to(bot, who, fl!(l, "consultation-usage", usage = "/decide 12")).await,
    }
}

/// A consultation's articles with their counts, each a button.
async fn articles(
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
    show(
        bot,
        who,
        edit,
        lines.join("\n"),
        InlineKeyboardMarkup::new(rows),
    )
    .await
}

/// The four outcomes as buttons.
fn outcome_rows(
    deps: &Deps,
    locale: Locale,
    make: impl Fn(Outcome) -> DecisionButton,
) -> Vec<Vec<InlineKeyboardButton>> {
    let l = deps.locales.get(locale);
    let b = |o: Outcome| button(outcome_name(deps, locale, o), make(o));
    vec![
        vec![
            b(Outcome::Adopted),
            b(Outcome::Partly),
            b(Outcome::NotAdopted),
        ],
        vec![b(Outcome::OutOfScope)],
        vec![button(fl!(l, "decision-cancel"), DecisionButton::Cancel)],
    ]
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
async fn choose_outcome(
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
        Err(refusal) => return answer(bot, q, refusal, true).await,
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
    let rows = outcome_rows(deps, who.locale, |outcome| match target {
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
    show(
        bot,
        who,
        edit,
        lines.join("\n"),
        InlineKeyboardMarkup::new(rows),
    )
    .await
}

/// An outcome was chosen: store the dialogue and ask for the reason.
async fn outcome_chosen(
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
        Err(refusal) => return answer(bot, q, refusal, true).await,
    };
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
pub async fn show_current(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    pending: Pending,
) -> Result<(), HandlerError> {
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
pub async fn text(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    mut pending: Pending,
    text: &str,
    update_id: i64,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    if !who.is_admin() {
        deps.db.dialogues().clear(who.id).await?;
        return reply::to(bot, who, fl!(l, "decision-refused")).await;
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
pub async fn skip(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    pending: Pending,
    update_id: i64,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    if pending.step != Step::Summary {
        return reply::to(bot, who, fl!(l, "decision-cannot-skip")).await;
    }
    to_confirm(bot, deps, who, pending, update_id).await
}

/// Shows what will be recorded, with 「确认」 and 「取消」.
async fn to_confirm(
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
            deps.db.dialogues().clear(who.id).await?;
            return reply::to(bot, who, refusal).await;
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
async fn apply(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    q: &CallbackQuery,
    pending: Pending,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let (Step::Confirm, Some(reason)) = (pending.step, pending.reason.clone()) else {
        return answer(bot, q, fl!(l, "button-stale"), false).await;
    };
    let decision = NewDecision {
        outcome: pending.outcome,
        reason,
        summary: pending.summary.clone(),
    };
    // Checked again: the opinion may have been withdrawn or marked invalid meanwhile.
    if let Err(refusal) = covered(deps, who, pending.target).await? {
        deps.db.dialogues().clear(who.id).await?;
        return answer(bot, q, refusal, true).await;
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
            return answer(bot, q, fl!(l, "decision-not-eligible"), true).await;
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

// ---------------------------------------------------------------------------- /review

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

// ---------------------------------------------------------------------------- /release

/// `/release [12]`.
pub async fn release_command(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    arg: &str,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    if !who.is_admin() {
        return reply::to(bot, who, fl!(l, "release-refused")).await;
    }
    match consultation_arg(arg) {
        Some(id) => match release_preview(deps, who, id).await? {
            Ok((text, keyboard)) => reply::to_with_keyboard(bot, who, text, keyboard).await,
            Err(text) => reply::to(bot, who, text).await,
        },
        None if arg.trim().is_empty() => {
            choose_consultation(
                bot,
                deps,
                who,
                &[State::Closed, State::Concluded],
                fl!(l, "release-choose-consultation"),
                fl!(l, "decision-no-consultations"),
                |id| DecisionButton::Release { id },
            )
            .await
        }
        None => {
            reply::to(
                bot,
                who,
                fl!(l, "consultation-usage", usage = "/release 12"),
            )
            .await
        }
    }
}

/// The preview of a release: new, corrections, unreachable, still undecided.
async fn release_preview(
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
async fn release(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    q: &CallbackQuery,
    id: i64,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let Some(c) = deps.db.consultations().get(id).await? else {
        return answer(
            bot,
            q,
            fl!(l, "consultation-unknown", id = id.to_string()),
            true,
        )
        .await;
    };
    if let Some(refusal) = not_decidable(deps, who, &c) {
        return answer(bot, q, refusal, true).await;
    }
    let pending = deps.db.decisions().pending(id).await?;
    if pending.is_empty() {
        return answer(bot, q, fl!(l, "release-nothing-new"), true).await;
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
        lines.extend(unreached_lines(deps, who.locale, &unreached).await?);
    }
    lines.push(String::new());
    lines.push(fl!(l, "release-later"));
    reply::to(bot, who, lines.join("\n")).await
}

// ---------------------------------------------------------------------------- /unreached

/// The unreachable submitters grouped by contact point, as lines.
async fn unreached_lines(
    deps: &Deps,
    locale: Locale,
    list: &[Unreached],
) -> Result<Vec<String>, HandlerError> {
    let l = deps.locales.get(locale);
    let names: std::collections::HashMap<i64, String> = deps
        .db
        .points()
        .list()
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let mut by: BTreeMap<(bool, String), Vec<&Unreached>> = BTreeMap::new();
    for u in list {
        let point = u.opinion.point_id.and_then(|p| names.get(&p).cloned());
        by.entry((point.is_none(), point.unwrap_or_default()))
            .or_default()
            .push(u);
    }
    let mut lines = vec![fl!(l, "unreached-header", count = list.len())];
    for ((none, point), items) in by {
        let point = if none {
            fl!(l, "unreached-no-point")
        } else {
            html::escape(&point)
        };
        lines.push(fl!(
            l,
            "unreached-point",
            point = point,
            count = items.len()
        ));
        for u in items {
            let o = &u.opinion;
            let who = match (&o.submitter_name, o.consent_details) {
                (Some(name), true) => html::escape(name),
                _ => fl!(l, "unreached-anonymous"),
            };
            let why = match &u.why {
                Unreachable::NoChat => fl!(l, "unreached-why-no-chat"),
                Unreachable::Failed(e) => fl!(
                    l,
                    "unreached-why-failed",
                    error = html::escape(&labels::delivery_failure(&deps.locales, locale, e))
                ),
            };
            lines.push(fl!(
                l,
                "unreached-line",
                receipt = o.receipt.clone(),
                article = article_name(deps, locale, o.article_label.as_deref()),
                outcome = outcome_name(deps, locale, u.outcome),
                submitter = who,
                channel = labels::channel(&deps.locales, locale, o.channel),
                why = why
            ));
            lines.push(fl!(l, "unreached-reason", reason = html::escape(&u.reason)));
        }
    }
    Ok(lines)
}

/// `/unreached [12]`: liaisons their point's list, admins every point's.
pub async fn unreached_command(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    arg: &str,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let point = match who.role() {
        Some(Role::Admin) => None,
        Some(Role::Liaison) => match who.liaison_point() {
            Some(p) => Some(p),
            None => return reply::to(bot, who, fl!(l, "unreached-refused")).await,
        },
        _ => return reply::to(bot, who, fl!(l, "unreached-refused")).await,
    };
    let consultation = consultation_arg(arg);
    if consultation.is_none() && !arg.trim().is_empty() {
        return reply::to(
            bot,
            who,
            fl!(l, "consultation-usage", usage = "/unreached 12"),
        )
        .await;
    }
    let list = deps.db.decisions().unreached(consultation, point).await?;
    if list.is_empty() {
        return reply::to(bot, who, fl!(l, "unreached-none")).await;
    }
    let mut by: BTreeMap<i64, Vec<Unreached>> = BTreeMap::new();
    for u in list {
        by.entry(u.opinion.consultation_id).or_default().push(u);
    }
    let mut lines = Vec::new();
    for (id, items) in by {
        let title = deps
            .db
            .consultations()
            .get(id)
            .await?
            .map(|c| html::escape(&c.title))
            .unwrap_or_default();
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(fl!(
            l,
            "unreached-consultation",
            code = format!("C{id}"),
            title = title
        ));
        lines.extend(unreached_lines(deps, who.locale, &items).await?);
    }
    reply::to(bot, who, lines.join("\n")).await
}

// ---------------------------------------------------------------------------- buttons

/// Every `dz:` button, pressed by `who` with `pending` the decision their dialogue
/// holds, if it holds one. Answers the query in all cases.
pub async fn button_pressed(
    bot: &Bot,
    deps: &Deps,
    q: &CallbackQuery,
    who: Person,
    pending: Option<Pending>,
    b: DecisionButton,
    update_id: i64,
) -> Result<(), HandlerError> {
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
        return answer(bot, q, text, true).await;
    }
    match b {
        DecisionButton::Decide { opinion } => {
            choose_outcome(bot, deps, &who, q, Target::Opinion(opinion), None).await
        }
        DecisionButton::Consultation { id } => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            articles(bot, deps, &who, id, edit).await
        }
        DecisionButton::Article { id, article } => {
            let target = Target::Article {
                consultation: id,
                article,
            };
            choose_outcome(bot, deps, &who, q, target, edit).await
        }
        DecisionButton::OpinionOutcome { opinion, outcome } => {
            let target = Target::Opinion(opinion);
            outcome_chosen(bot, deps, &who, q, target, outcome, update_id).await
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
            outcome_chosen(bot, deps, &who, q, target, outcome, update_id).await
        }
        DecisionButton::SkipSummary | DecisionButton::Confirm => {
            let Some(pending) = pending else {
                return answer(bot, q, fl!(l, "button-stale"), false).await;
            };
            if b == DecisionButton::Confirm {
                return apply(bot, deps, &who, q, pending).await;
            }
            if pending.step != Step::Summary {
                return answer(bot, q, fl!(l, "button-stale"), false).await;
            }
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            to_confirm(bot, deps, &who, pending, update_id).await
        }
        DecisionButton::Cancel => {
            if pending.is_some() {
                deps.db.dialogues().clear(who.id).await?;
            }
            answer(bot, q, fl!(l, "decision-cancelled"), false).await?;
            if let Some(id) = edit {
                let _ = bot.edit_message_reply_markup(ChatId(who.id), id).await;
            }
            Ok(())
        }
        DecisionButton::Release { id } => match release_preview(deps, &who, id).await? {
            Ok((text, keyboard)) => {
                bot.answer_callback_query(q.id.clone()).courtesy().await;
                show(bot, &who, edit, text, keyboard).await
            }
            Err(text) => answer(bot, q, text, true).await,
        },
        DecisionButton::ReleaseConfirm { id } => release(bot, deps, &who, q, id).await,
        DecisionButton::Conclude { id } => conclude::preview_pressed(bot, deps, &who, q, id).await,
        DecisionButton::ConcludeConfirm { id } => {
            conclude::confirm_pressed(bot, deps, &who, q, id).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_round_trip_within_64_bytes_and_forgeries_are_refused() {
        let all = [
            DecisionButton::Decide { opinion: i64::MAX },
            DecisionButton::OpinionOutcome {
                opinion: i64::MAX,
                outcome: Outcome::OutOfScope,
            },
            DecisionButton::Consultation { id: 1 },
            DecisionButton::Article {
                id: i64::MAX,
                article: Some(i32::MAX),
            },
            DecisionButton::Article {
                id: 1,
                article: None,
            },
            DecisionButton::ArticleOutcome {
                id: i64::MAX,
                article: Some(i32::MAX),
                outcome: Outcome::Partly,
            },
            DecisionButton::ArticleOutcome {
                id: 3,
                article: None,
                outcome: Outcome::Adopted,
            },
            DecisionButton::SkipSummary,
            DecisionButton::Confirm,
            DecisionButton::Cancel,
            DecisionButton::Release { id: i64::MAX },
            DecisionButton::ReleaseConfirm { id: 2 },
            DecisionButton::Conclude { id: 3 },
            DecisionButton::ConcludeConfirm { id: i64::MAX },
        ];
        for b in all {
            let data = Callback::Decision(b).encode();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(Callback::decode(&data), Ok(Callback::Decision(b)));
        }
        for bad in [
            "dz",
            "dz:o",
            "dz:o:0",
            "dz:o:-1",
            "dz:oo:1:z",
            "dz:oo:1",
            "dz:a:1:0",
            "dz:a:1:-3",
            "dz:ao:1:w",
            "dz:ao:1:w:q",
            "dz:y:1",
            "dz:r:x",
            "dz:ky",
            "dz:zz:1",
        ] {
            assert_eq!(Callback::decode(bad), Err(BadCallback), "{bad:?}");
        }
    }
}
