//! Entering a draft regulation in private chat: the publisher sends a file or pastes
//! the text, sees what the parser understood, then answers one question a message
//! (title, deadline, scope, summary, link, occupations) and the consultation is saved
//! as a draft. /revise sends a revised text as a new version. The dialogue is stored,
//! so it survives restarts, and a replayed update is not applied twice.

use chrono::{DateTime, Utc};
use consult_domain::{
    Actor, Error,
    consultations::{self, NewConsultation, Scope, parse_deadline},
    draft::{self, Draft, DraftError},
    points::PointCode,
    roles::Role,
};
use serde::{Deserialize, Serialize};
use teloxide::{
    net::Download,
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use crate::{
    Deps, HandlerError, blocking,
    callback::Callback,
    cards::{local_time, render},
    consultations::arg::{Form, Named, named_or_answer},
    ctx::Ctx,
    html,
    i18n::fl,
    person::Person,
    reply,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Step {
    Text,
    Title,
    Deadline,
    Scope,
    Summary,
    Source,
    Occupations,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Intake {
    step: Step,
    /// Set when this is a revised draft of an existing consultation.
    revise: Option<i64>,
    draft: Option<Draft>,
    source_name: String,
    title: Option<String>,
    closes_at: Option<DateTime<Utc>>,
    /// None: all contact points.
    points: Option<Vec<i64>>,
    summary: Option<String>,
    source_url: Option<String>,
}

impl Intake {
    fn new(revise: Option<i64>) -> Self {
        Self {
            step: Step::Text,
            revise,
            draft: None,
            source_name: String::new(),
            title: None,
            closes_at: None,
            points: None,
            summary: None,
            source_url: None,
        }
    }
}

fn is_staff(who: &Person) -> bool {
    matches!(who.role(), Some(Role::Admin | Role::Liaison))
}

async fn save(
    deps: &Deps,
    who: &Person,
    intake: &Intake,
    update_id: i64,
) -> Result<(), HandlerError> {
    crate::dialogue::save(deps, who, intake, update_id).await
}

/// /newdraft.
pub async fn start(cx: &Ctx) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    if !is_staff(who) {
        return reply::to(bot, who, fl!(l, "draft-refused")).await;
    }
    save(deps, who, &Intake::new(None), cx.update).await?;
    reply::to(bot, who, fl!(l, "draft-send")).await
}

/// /revise 12.
pub async fn revise(cx: &Ctx, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let form = Form {
        words_after: false,
        ..Form::usage("/revise 12")
    };
    let Some(Named { id, .. }) = named_or_answer(bot, deps, who, ChatId(who.id), arg, form).await?
    else {
        return Ok(());
    };
    let Some(c) = deps.db.consultations().get(id).await? else {
        return reply::to(
            bot,
            who,
            fl!(l, "consultation-unknown", id = id.to_string()),
        )
        .await;
    };
    if !(who.is_admin() || (is_staff(who) && c.created_by == Some(who.id))) {
        return reply::to(bot, who, fl!(l, "consultation-not-yours")).await;
    }
    save(deps, who, &Intake::new(Some(id)), cx.update).await?;
    reply::to(bot, who, fl!(l, "revise-send", code = c.code())).await
}

/// A staff member sends a file outside any dialogue: that starts an intake with it.
pub async fn file_outside_dialogue(cx: &Ctx, msg: &Message) -> Result<(), HandlerError> {
    step(cx, msg, Intake::new(None), Input::Message).await
}

/// What moved the dialogue on.
pub enum Input {
    Message,
    Skip,
    UseTitle,
    ScopeAll,
}

/// Applies one message (or /skip, or a button) to the dialogue.
pub async fn step(
    cx: &Ctx,
    msg: &Message,
    mut intake: Intake,
    input: Input,
) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let update_id = cx.update;
    // The role is read fresh for every step: one revoked mid-dialogue ends it.
    let allowed = match intake.revise {
        Some(id) => {
            who.is_admin()
                || (is_staff(who)
                    && deps
                        .db
                        .consultations()
                        .get(id)
                        .await?
                        .is_some_and(|c| c.created_by == Some(who.id)))
        }
        None => is_staff(who),
    };
    if !allowed {
        return crate::dialogue::clear_saying(bot, deps, who, fl!(l, "draft-refused")).await;
    }
    let text = msg.text().map(str::trim).unwrap_or("");
    let next = match (intake.step, input) {
        (Step::Text, Input::Message) => {
            let parsed = match read(bot, msg).await? {
                Ok(read) => read,
                Err(e) => return reply::to(bot, who, draft_error(deps, who, &e)).await,
            };
            let (source_name, draft) = parsed;
            reply::to(bot, who, understood(deps, who, &draft)).await?;
            if let Some(id) = intake.revise {
                return save_revision(bot, deps, who, id, &draft, &source_name).await;
            }
            intake.source_name = source_name;
            intake.draft = Some(draft);
            Step::Title
        }
        (Step::Title, Input::UseTitle) => {
            intake.title = intake.draft.as_ref().and_then(|d| d.title.clone());
            if intake.title.is_none() {
                return reply::to(bot, who, fl!(l, "draft-ask-title")).await;
            }
            Step::Deadline
        }
        (Step::Title, Input::Message) => match consultations::title(text) {
            Ok(t) => {
                intake.title = Some(t);
                Step::Deadline
            }
            Err(_) => return reply::to(bot, who, fl!(l, "draft-bad-title")).await,
        },
        (Step::Deadline, Input::Message) => match parse_deadline(text, deps.timezone) {
            Ok(t) if t > deps.clock.now() => {
                intake.closes_at = Some(t);
                // A liaison's consultation reaches their own point only.
                match who.liaison_point() {
                    Some(point) => {
                        intake.points = Some(vec![point]);
                        Step::Summary
                    }
                    None => Step::Scope,
                }
            }
            _ => return reply::to(bot, who, fl!(l, "draft-bad-deadline")).await,
        },
        (Step::Scope, Input::ScopeAll) => {
            intake.points = None;
            Step::Summary
        }
        (Step::Scope, Input::Message) => {
            let (mut points, unknown) = point_codes(deps, text).await?;
            if points.is_empty() || !unknown.is_empty() {
                let codes = html::escape(&if unknown.is_empty() {
                    text.to_owned()
                } else {
                    unknown.join(", ")
                });
                return reply::to_with_keyboard(
                    bot,
                    who,
                    fl!(l, "draft-bad-scope", codes = codes),
                    scope_keyboard(deps, who),
                )
                .await;
            }
            points.sort_unstable();
            points.dedup();
            intake.points = Some(points);
            Step::Summary
        }
        (Step::Summary, Input::Skip) => Step::Source,
        (Step::Summary, Input::Message) => match consultations::summary(text) {
            Ok(s) => {
                intake.summary = Some(s);
                Step::Source
            }
            Err(_) => return reply::to(bot, who, fl!(l, "draft-bad-summary")).await,
        },
        (Step::Source, Input::Skip) => Step::Occupations,
        (Step::Source, Input::Message) => match consultations::source_url(text) {
            Ok(u) => {
                intake.source_url = Some(u);
                Step::Occupations
            }
            Err(_) => return reply::to(bot, who, fl!(l, "draft-bad-url")).await,
        },
        (Step::Occupations, Input::Skip) => {
            return finish(bot, deps, who, intake, vec![], update_id).await;
        }
        (Step::Occupations, Input::Message) => match consultations::occupations(text) {
            Ok(list) => return finish(bot, deps, who, intake, list, update_id).await,
            Err(_) => return reply::to(bot, who, fl!(l, "draft-bad-occupations")).await,
        },
        (_, Input::Skip) => return reply::to(bot, who, fl!(l, "draft-nothing-to-skip")).await,
        // A button from an earlier step, or a message where a button was expected.
        (step, _) => step,
    };
    intake.step = next;
    save(deps, who, &intake, update_id).await?;
    ask_for(bot, deps, who, &intake, next).await
}

/// Shows staff whose last step is being handled again the question their draft
/// intake stands at, as stored.
pub async fn show_current(cx: &Ctx, intake: Intake) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    ask_for(bot, deps, who, &intake, intake.step).await
}

async fn ask_for(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    intake: &Intake,
    step: Step,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    match step {
        Step::Text => reply::to(bot, who, fl!(l, "draft-send")).await,
        Step::Title => match intake.draft.as_ref().and_then(|d| d.title.as_deref()) {
            Some(title) => {
                let button = InlineKeyboardButton::callback(
                    draft::short(&fl!(l, "draft-use-title", title = title)),
                    Callback::UseTitle.encode(),
                );
                reply::to_with_keyboard(
                    bot,
                    who,
                    fl!(l, "draft-ask-title-suggested"),
                    InlineKeyboardMarkup::new([[button]]),
                )
                .await
            }
            None => reply::to(bot, who, fl!(l, "draft-ask-title")).await,
        },
        Step::Deadline => reply::to(bot, who, fl!(l, "draft-ask-deadline")).await,
        Step::Scope => {
            reply::to_with_keyboard(
                bot,
                who,
                fl!(l, "draft-ask-scope"),
                scope_keyboard(deps, who),
            )
            .await
        }
        Step::Summary => reply::to(bot, who, fl!(l, "draft-ask-summary")).await,
        Step::Source => reply::to(bot, who, fl!(l, "draft-ask-source")).await,
        Step::Occupations => reply::to(bot, who, fl!(l, "draft-ask-occupations")).await,
    }
}

fn scope_keyboard(deps: &Deps, who: &Person) -> InlineKeyboardMarkup {
    let l = deps.locales.get(who.locale);
    InlineKeyboardMarkup::new([[InlineKeyboardButton::callback(
        fl!(l, "draft-scope-all"),
        Callback::ScopeAll.encode(),
    )]])
}

/// The draft from a file (checked for size before downloading) or pasted text.
async fn read(
    bot: &Bot,
    msg: &Message,
) -> Result<Result<(String, Draft), DraftError>, HandlerError> {
    if let Some(doc) = msg.document() {
        let name = doc
            .file_name
            .clone()
            .unwrap_or_else(|| "draft.txt".to_owned());
        if let Err(e) = draft::check_upload(&name, u64::from(doc.file.size)) {
            return Ok(Err(e));
        }
        let file = bot.get_file(doc.file.id.clone()).await?;
        let mut bytes = Vec::with_capacity(file.size as usize);
        bot.download_file(&file.path, &mut bytes)
            .await
            .map_err(|e| HandlerError::Download(e.to_string()))?;
        let parsed = blocking::run(move || {
            draft::read_draft(&name, &bytes)
                .and_then(|text| draft::parse(&text))
                .map(|d| (name, d))
        })
        .await?;
        return Ok(parsed);
    }
    let text = msg.text().unwrap_or("");
    Ok(draft::parse(text).map(|d| ("pasted text".to_owned(), d)))
}

fn draft_error(deps: &Deps, who: &Person, e: &DraftError) -> String {
    refusal(&deps.locales, who.locale, e, html::escape)
}

/// Why a draft was refused, in the reader's language (the domain's words, shared with
/// the web console and the command line).
pub use consult_domain::draft::refusal;

/// What the parser understood, and what the publisher should check.
fn understood(deps: &Deps, who: &Person, d: &Draft) -> String {
    let l = deps.locales.get(who.locale);
    let title = d
        .title
        .as_deref()
        .map(html::escape)
        .unwrap_or_else(|| fl!(l, "draft-understood-no-title"));
    let label = |a: Option<&draft::Article>| a.map(|a| html::escape(&a.label)).unwrap_or_default();
    let mut lines = vec![fl!(
        l,
        "draft-understood",
        title = title,
        chapters = d.chapters().count(),
        articles = d.articles.len(),
        first = label(d.articles.first()),
        last = label(d.articles.last())
    )];
    if !d.irregularities.is_empty() {
        const SHOWN: usize = 10;
        lines.push(String::new());
        lines.push(fl!(l, "draft-irregularities"));
        for irr in d.irregularities.iter().take(SHOWN) {
            lines.push(draft::irregularity(
                &deps.locales,
                who.locale,
                irr,
                html::escape,
            ));
        }
        if d.irregularities.len() > SHOWN {
            lines.push(fl!(
                l,
                "draft-irr-more",
                count = (d.irregularities.len() - SHOWN).to_string()
            ));
        }
    }
    lines.join("\n")
}

async fn finish(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    mut intake: Intake,
    occupations: Vec<String>,
    update_id: i64,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    if intake.closes_at.is_some_and(|t| t <= deps.clock.now()) {
        // The deadline passed while the dialogue went on: ask for it again.
        intake.step = Step::Deadline;
        save(deps, who, &intake, update_id).await?;
        return reply::to(bot, who, fl!(l, "draft-bad-deadline")).await;
    }
    let (Some(draft), Some(title), Some(closes_at)) =
        (intake.draft, intake.title, intake.closes_at)
    else {
        // A state that cannot happen through the steps; start over rather than guess.
        return crate::dialogue::clear_saying(bot, deps, who, fl!(l, "draft-send")).await;
    };
    let scope = match intake.points {
        Some(points) => Scope::Points(points),
        None => Scope::All,
    };
    let new = NewConsultation {
        title,
        closes_at,
        scope: scope.clone(),
        summary: intake.summary,
        source_url: intake.source_url,
        occupations,
        draft,
        source_name: intake.source_name,
    };
    let c = deps
        .db
        .consultations()
        .create(&new, Actor::Person(who.id), deps.clock.now())
        .await?;
    deps.db.dialogues().clear(who.id).await?;
    let scope = match &scope {
        Scope::All => fl!(l, "scope-all"),
        Scope::Points(ids) => {
            let points = deps.db.points().list().await?;
            points
                .iter()
                .filter(|p| ids.contains(&p.id))
                .map(|p| html::escape(&p.name))
                .collect::<Vec<_>>()
                .join("、")
        }
    };
    let deadline = local_time(&deps.locales, who.locale, deps.timezone, c.closes_at);
    let text = fl!(
        l,
        "draft-saved",
        code = c.code(),
        title = html::escape(&c.title),
        deadline = deadline,
        scope = scope,
        id = c.id
    );
    reply::to(bot, who, text).await
}

async fn save_revision(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    id: i64,
    draft: &Draft,
    source_name: &str,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    deps.db.dialogues().clear(who.id).await?;
    let announced = match deps
        .db
        .revise_announced(
            &render(deps),
            id,
            draft,
            source_name,
            &crate::consultations::by(who),
            deps.clock.now(),
        )
        .await
    {
        Ok(a) => a,
        Err(Error::WrongState { state, .. }) => {
            let state = deps
                .locales
                .text(who.locale, &format!("state-{state}"), &[]);
            return reply::to(bot, who, fl!(l, "consultation-wrong-state", state = state)).await;
        }
        Err(e) => return Err(e.into()),
    };
    let c = announced.consultation;
    let text = if c.state == consultations::State::Open {
        deps.wake_broadcast.notify_one();
        fl!(
            l,
            "revise-announced",
            code = c.code(),
            version = c.version,
            groups = announced.groups
        )
    } else {
        fl!(
            l,
            "revise-saved",
            code = c.code(),
            version = c.version,
            articles = draft.articles.len()
        )
    };
    reply::to(bot, who, text).await
}

/// The active contact points named by codes separated by commas or spaces (a draft's
/// or an open call's scope): their ids, and the codes that name none.
pub(crate) async fn point_codes(
    deps: &Deps,
    text: &str,
) -> Result<(Vec<i64>, Vec<String>), HandlerError> {
    let mut points = Vec::new();
    let mut unknown = Vec::new();
    for code in text
        .split([',', '，', '、', ' '])
        .filter(|c| !c.trim().is_empty())
    {
        let found = match PointCode::parse(code) {
            Ok(code) => deps.db.points().find(&code).await?.filter(|p| p.active),
            Err(_) => None,
        };
        match found {
            Some(p) => points.push(p.id),
            None => unknown.push(code.trim().to_owned()),
        }
    }
    Ok((points, unknown))
}
