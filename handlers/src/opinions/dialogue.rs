//! Giving an opinion in private chat, one step a message: the article (or the whole
//! draft), the stance, the opinion, proposed wording for an amendment, how to appear
//! (匿名 / 实名 / 单位) and occupation, consent, a read-back, and a receipt. Every step
//! has 「返回」 and /cancel; the dialogue is stored, survives restarts, ignores a replayed
//! update, and a 「提交」 pressed twice stores one opinion.

use consult_domain::{
    consultations::Consultation,
    opinions::{self, Attachment, Channel, Details, Identity, NewOpinion, Stance},
};
use serde::{Deserialize, Serialize};
use teloxide::{
    ApiError, RequestError,
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId},
};

use crate::{
    Deps, HandlerError,
    callback::OpinionButton,
    ctx::Ctx,
    dialogue::Ended,
    html,
    i18n::fl,
    open_calls::suggest::{self, Question, SuggestionDraft},
    opinions::step_buttons::{self, button, stance_rows},
    person::Person,
    reply,
};

/// Attachments per opinion, and the size of each: enough for a photo of a notice or a
/// short voice message, not an archive.
const MAX_ATTACHMENTS: usize = consult_domain::limits::ATTACHMENTS_MAX;
const MAX_ATTACHMENT_BYTES: u32 = consult_domain::limits::ATTACHMENT_BYTES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Step {
    Article,
    Stance,
    Body,
    Wording,
    Attachments,
    Identity,
    Name,
    Organization,
    Occupation,
    District,
    Consent,
    Review,
    /// An open call's suggestion: the project's title (its problem is [`Step::Body`]).
    Title,
    /// An open call's suggestion: what the regulation should contain.
    Contents,
    /// An open call's suggestion: related existing rules (optional).
    Related,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OpinionDraft {
    consultation: i64,
    version: i32,
    /// (number, label); None: the whole draft.
    article: Option<(u32, String)>,
    stance: Option<Stance>,
    body: Option<String>,
    wording: Option<String>,
    identity: Option<Identity>,
    name: Option<String>,
    organization: Option<String>,
    occupation: Option<String>,
    consent_details: bool,
    consent_quote: bool,
    #[serde(default)]
    attachments: Vec<Attachment>,
    #[serde(default)]
    district: Option<String>,
    /// The group whose card the resident came from, and its contact point.
    #[serde(default)]
    source_chat: Option<i64>,
    #[serde(default)]
    point_id: Option<i64>,
    /// card or article: where the resident came from.
    channel: Channel,
    step: Step,
    /// Steps taken, for 「返回」.
    history: Vec<Step>,
    /// Unique per dialogue, so submitting twice stores one opinion.
    key: String,
    /// On an open call: the project suggestion being given (the opinion's body is its
    /// problem). None on a draft.
    #[serde(default)]
    suggestion: Option<SuggestionDraft>,
}

/// What moved the dialogue on.
pub enum Input<'a> {
    /// A photo, document or voice message.
    File(Attachment),
    Text(&'a str),
    Skip,
    Button(OpinionButton),
}

/// Starts a dialogue on a consultation (from the card's link, the consultation view,
/// or an article's 「对本条提意见」, which chooses the article already).
pub async fn start(
    cx: &Ctx,
    id: i64,
    article_index: Option<u16>,
    source_group: Option<i64>,
) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    let l = deps.locales.get(who.locale);
    // A group named in the link counts only if it is a group we know (links can be forged).
    let source = match source_group {
        Some(chat) => deps
            .db
            .groups()
            .get(chat)
            .await?
            .map(|g| (g.chat_id, g.point_id)),
        None => None,
    };
    let Some(c) = deps.db.consultations().visible(id, who.viewer()).await? else {
        return reply::to(
            bot,
            who,
            fl!(l, "consultation-unknown", id = id.to_string()),
        )
        .await;
    };
    if !c.open_at(deps.clock.now()) {
        return reply::to(bot, who, closed(deps, who, &c)).await;
    }
    // An open call has no articles: a link or button naming one is refused, not guessed.
    if c.is_open_call() && article_index.is_some() {
        return reply::to(bot, who, fl!(l, "open-call-no-articles", code = c.code())).await;
    }
    let hour_ago = deps.clock.now() - chrono::Duration::hours(1);
    if deps.db.opinions().count_since(who.id, hour_ago).await? >= deps.opinions_per_hour {
        let text = fl!(l, "opinion-flood", limit = deps.opinions_per_hour);
        return reply::to(bot, who, text).await;
    }
    let draft = deps
        .db
        .consultations()
        .draft(c.id, c.version)
        .await?
        .unwrap_or_default();
    let article = article_index
        .and_then(|i| draft.articles.get(usize::from(i)))
        .map(|a| (a.number, a.label.clone()));
    let mut state = OpinionDraft {
        consultation: c.id,
        version: c.version,
        channel: if article.is_some() {
            Channel::Article
        } else {
            Channel::Card
        },
        source_chat: source.map(|(chat, _)| chat),
        point_id: source.and_then(|(_, point)| point),
        step: if article.is_some() {
            Step::Stance
        } else {
            Step::Article
        },
        article,
        stance: None,
        body: None,
        wording: None,
        identity: None,
        name: None,
        organization: None,
        occupation: None,
        // Consent is given, never assumed: both choices start unticked.
        consent_details: false,
        consent_quote: false,
        attachments: vec![],
        district: None,
        history: vec![],
        key: format!("op:{}:{update_id}", who.id),
        suggestion: None,
    };
    if state.step == Step::Stance {
        state.history.push(Step::Article);
    }
    // A suggestion takes no stance; it is stored as 其他 and never shown.
    if c.is_open_call() {
        state.step = Step::Title;
        state.stance = Some(Stance::Other);
        state.suggestion = Some(SuggestionDraft::default());
    }
    save(deps, who, &state, update_id).await?;
    let (title, code) = (html::escape(&c.title), c.code());
    let start = if c.is_open_call() {
        fl!(l, "suggestion-start", title = title, code = code)
    } else {
        fl!(l, "opinion-start", title = title, code = code)
    };
    reply::to(bot, who, start).await?;
    ask(bot, deps, who, &state, &c).await
}

async fn save(
    deps: &Deps,
    who: &Person,
    state: &OpinionDraft,
    update_id: i64,
) -> Result<(), HandlerError> {
    crate::dialogue::save(deps, who, state, update_id).await
}

/// Applies one input to the dialogue and asks the next question. `pressed`: the
/// message whose button was pressed, for the steps that change it in place.
pub async fn step(
    cx: &Ctx,
    mut state: OpinionDraft,
    input: Input<'_>,
    pressed: Option<MessageId>,
) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    let l = deps.locales.get(who.locale);
    let Some(c) = deps.db.consultations().get(state.consultation).await? else {
        deps.db.dialogues().clear(who.id).await?;
        return Ok(());
    };
    if !c.open_at(deps.clock.now()) {
        return crate::dialogue::clear_saying(bot, deps, who, closed(deps, who, &c)).await;
    }
    use OpinionButton as B;
    let next = match (state.step, input) {
        (_, Input::Button(B::Cancel)) => {
            return crate::dialogue::clear_saying(bot, deps, who, fl!(l, "opinion-cancelled"))
                .await;
        }
        (_, Input::Button(B::Back)) => match state.history.pop() {
            Some(previous) => {
                state.step = previous;
                save(deps, who, &state, update_id).await?;
                return ask(bot, deps, who, &state, &c).await;
            }
            None => state.step,
        },
        (Step::Article, Input::Button(B::WholeDraft)) => {
            state.article = None;
            Step::Stance
        }
        (Step::Article, Input::Text(text)) => {
            let draft = deps
                .db
                .consultations()
                .draft(c.id, state.version)
                .await?
                .unwrap_or_default();
            match consult_domain::draft::article_number(text).and_then(|n| draft.article(n)) {
                Some(a) => {
                    state.article = Some((a.number, a.label.clone()));
                    Step::Stance
                }
                None => {
                    let text = fl!(l, "opinion-article-unknown", count = draft.articles.len());
                    return reply::to_with_keyboard(bot, who, text, article_keyboard(deps, who))
                        .await;
                }
            }
        }
        (Step::Stance, Input::Button(B::Stance(s))) => {
            state.stance = Some(s);
            Step::Body
        }
        (Step::Title | Step::Contents | Step::Related, Input::Text(text)) => {
            let q = question(state.step);
            let checked = match suggest::check(deps, who, q, text) {
                Ok(checked) => checked,
                Err(refusal) => {
                    return reply::to_with_keyboard(bot, who, refusal, back_keyboard(deps, who))
                        .await;
                }
            };
            let s = state
                .suggestion
                .get_or_insert_with(SuggestionDraft::default);
            match q {
                Question::Title => s.title = checked,
                Question::Contents => s.contents = checked,
                _ => s.related = checked,
            }
            match q {
                Question::Title => Step::Body,
                Question::Contents => Step::Related,
                _ => Step::Identity,
            }
        }
        (Step::Related, Input::Button(B::SkipDistrict) | Input::Skip) => {
            if let Some(s) = state.suggestion.as_mut() {
                s.related = None;
            }
            Step::Identity
        }
        (Step::Body, Input::Text(text)) if state.suggestion.is_some() => {
            match suggest::check(deps, who, Question::Problem, text) {
                Ok(problem) => {
                    state.body = problem;
                    Step::Contents
                }
                Err(refusal) => {
                    return reply::to_with_keyboard(bot, who, refusal, back_keyboard(deps, who))
                        .await;
                }
            }
        }
        (Step::Body, Input::Text(text)) => {
            let (min, max) = (deps.opinion_chars.0, deps.opinion_chars.1);
            match opinions::body(text, min, max) {
                Ok(body) => {
                    state.body = Some(body);
                    if state.stance == Some(Stance::Amend) {
                        Step::Wording
                    } else {
                        Step::Attachments
                    }
                }
                Err(_) => {
                    let count = text.trim().chars().count();
                    let text = if count < min {
                        fl!(l, "opinion-body-short", min = min)
                    } else {
                        fl!(l, "opinion-body-long", max = max, count = count)
                    };
                    return reply::to_with_keyboard(bot, who, text, back_keyboard(deps, who)).await;
                }
            }
        }
        (Step::Wording, Input::Skip) => {
            state.wording = None;
            Step::Attachments
        }
        (Step::Wording, Input::Text(text)) => match opinions::body(text, 1, deps.opinion_chars.1) {
            Ok(w) => {
                state.wording = Some(w);
                Step::Attachments
            }
            Err(_) => {
                return reply::to(
                    bot,
                    who,
                    fl!(
                        l,
                        "opinion-body-long",
                        max = deps.opinion_chars.1,
                        count = text.chars().count()
                    ),
                )
                .await;
            }
        },
        (Step::Attachments, Input::File(file)) => {
            if state.attachments.len() >= MAX_ATTACHMENTS || file.size > MAX_ATTACHMENT_BYTES {
                let text = fl!(
                    l,
                    "opinion-attachment-refused",
                    count = MAX_ATTACHMENTS,
                    mb = (MAX_ATTACHMENT_BYTES / 1_048_576).to_string()
                );
                return reply::to(bot, who, text).await;
            }
            state.attachments.push(file);
            save(deps, who, &state, update_id).await?;
            return ask(bot, deps, who, &state, &c).await;
        }
        (Step::Attachments, Input::Button(B::AttachmentsDone) | Input::Skip) => Step::Identity,
        (Step::Identity, Input::Button(B::Identity(i))) => {
            state.identity = Some(i);
            // A name typed before going back to choose 单位 (or the reverse) is not kept.
            match i {
                Identity::Named => state.organization = None,
                Identity::Organization => state.name = None,
                Identity::Anonymous => {}
            }
            match i {
                Identity::Anonymous => {
                    state.name = None;
                    state.organization = None;
                    occupation_or_district(&c)
                }
                Identity::Named => Step::Name,
                Identity::Organization => Step::Organization,
            }
        }
        (Step::Name | Step::Organization, Input::Text(text)) => {
            let Ok(t) = opinions::detail(text) else {
                return reply::to(bot, who, fl!(l, "opinion-bad-name")).await;
            };
            if state.step == Step::Name {
                state.name = Some(t);
            } else {
                state.organization = Some(t);
            }
            occupation_or_district(&c)
        }
        (Step::Occupation, Input::Button(B::Occupation(i))) => {
            state.occupation = c.occupations.get(usize::from(i)).cloned();
            Step::District
        }
        (Step::Occupation, Input::Button(B::OccupationOther)) => {
            state.occupation = Some(fl!(l, "opinion-occupation-other"));
            Step::District
        }
        (Step::Occupation, Input::Button(B::SkipOccupation) | Input::Skip) => {
            state.occupation = None;
            Step::District
        }
        (Step::District, Input::Text(text)) => {
            let Ok(t) = opinions::detail(text) else {
                return reply::to(bot, who, fl!(l, "opinion-bad-name")).await;
            };
            state.district = Some(t);
            Step::Consent
        }
        (Step::District, Input::Button(B::SkipDistrict) | Input::Skip) => {
            state.district = None;
            Step::Consent
        }
        (Step::Consent, Input::Button(button @ (B::ToggleDetails | B::ToggleQuote))) => {
            if button == B::ToggleQuote {
                state.consent_quote = !state.consent_quote;
            } else if details(&state).given() {
                state.consent_details = !state.consent_details;
            }
            save(deps, who, &state, update_id).await?;
            return tick(bot, deps, who, &state, &c, pressed).await;
        }
        (Step::Consent, Input::Button(B::ConsentDone)) => Step::Review,
        (Step::Review, Input::Button(B::Edit)) if state.suggestion.is_some() => Step::Title,
        (Step::Review, Input::Button(B::Edit)) => Step::Body,
        (Step::Review, Input::Button(B::Submit)) => {
            return submit(bot, deps, who, state, &c, update_id).await;
        }
        // Anything else (a stale button, text where a button is expected): ask again.
        (step, _) => {
            state.step = step;
            return ask(bot, deps, who, &state, &c).await;
        }
    };
    state.history.push(state.step);
    state.step = next;
    save(deps, who, &state, update_id).await?;
    ask(bot, deps, who, &state, &c).await
}

/// What the person said about themselves so far, and what they consented to.
fn details(state: &OpinionDraft) -> Details {
    let given = Details {
        identity: state.identity.unwrap_or(Identity::Anonymous),
        name: state.name.clone(),
        organization: state.organization.clone(),
        occupation: state.occupation.clone(),
        district: state.district.clone(),
        consent_details: state.consent_details,
        consent_quote: state.consent_quote,
    };
    Details {
        // Consent to keep nothing is no consent: the box was not offered.
        consent_details: given.consent_details && given.given(),
        ..given
    }
}

fn details_given(state: &OpinionDraft) -> bool {
    details(state).given()
}

/// A tick in a consent box: the notice stays, only its boxes change, so the message
/// the box is on is edited rather than the whole notice sent again. Where it cannot
/// be edited (no message known, or Telegram refuses), the notice is sent anew.
async fn tick(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    state: &OpinionDraft,
    c: &Consultation,
    pressed: Option<MessageId>,
) -> Result<(), HandlerError> {
    let Some(id) = pressed else {
        return ask(bot, deps, who, state, c).await;
    };
    let mut rows = consent_rows(deps, who, state);
    rows.push(back_row(deps, who));
    match bot
        .edit_message_reply_markup(ChatId(who.id), id)
        .reply_markup(InlineKeyboardMarkup::new(rows))
        .await
    {
        // A press whose tick was already shown (a double tap): nothing to change.
        Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => Ok(()),
        Err(e) => {
            tracing::info!(error = %e, "a consent box could not be ticked in place; asking again");
            ask(bot, deps, who, state, c).await
        }
    }
}

/// The consent boxes and 「继续」. The box for keeping identity details is there only
/// when some were given: after 匿名 with nothing filled in there is nothing to keep.
fn consent_rows(deps: &Deps, who: &Person, state: &OpinionDraft) -> Vec<Vec<InlineKeyboardButton>> {
    let l = deps.locales.get(who.locale);
    let mark = |on: bool| if on { "☑" } else { "☐" };
    let mut rows = Vec::new();
    if details_given(state) {
        rows.push(vec![button(
            fl!(
                l,
                "opinion-consent-details",
                mark = mark(state.consent_details)
            ),
            OpinionButton::ToggleDetails,
        )]);
    }
    rows.push(vec![button(
        fl!(l, "opinion-consent-quote", mark = mark(state.consent_quote)),
        OpinionButton::ToggleQuote,
    )]);
    rows.push(vec![button(
        fl!(l, "opinion-consent-continue"),
        OpinionButton::ConsentDone,
    )]);
    rows
}

fn occupation_or_district(c: &Consultation) -> Step {
    if c.occupations.is_empty() {
        Step::District
    } else {
        Step::Occupation
    }
}

async fn submit(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    state: OpinionDraft,
    c: &Consultation,
    update_id: i64,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let (Some(stance), Some(body)) = (state.stance, state.body.clone()) else {
        return ask(bot, deps, who, &state, c).await;
    };
    let suggestion = match &state.suggestion {
        Some(s) => match s.complete() {
            Some(s) => Some(s),
            None => return ask(bot, deps, who, &state, c).await,
        },
        None => None,
    };
    let new = NewOpinion {
        article: state.article.clone(),
        proposed_wording: state.wording.clone(),
        submitter_id: Some(who.id),
        source_chat: state.source_chat,
        point_id: state.point_id,
        ..NewOpinion::new(
            state.key.clone(),
            c.id,
            state.version,
            stance,
            body,
            state.channel,
        )
    }
    .with_details(details(&state));
    let stored = match &suggestion {
        Some(s) => {
            deps.db
                .suggestions()
                .submit(&new, s, deps.clock.now())
                .await
        }
        None => deps.db.opinions().submit(&new, deps.clock.now()).await,
    };
    let opinion = match stored {
        Ok(opinion) => opinion,
        // The consultation's kind is not what the dialogue started on: nothing stored.
        Err(consult_domain::Error::WrongKind { .. }) => {
            deps.db.dialogues().clear(who.id).await?;
            return reply::to(bot, who, fl!(l, "button-stale")).await;
        }
        Err(e) => return Err(e.into()),
    };
    deps.db
        .people()
        .remember_locale(who.id, who.locale, deps.clock.now())
        .await?;
    deps.db
        .opinions()
        .attach(opinion.id, &state.attachments)
        .await?;
    // Having seen the consent notice and submitted, their earlier votes on prompts
    // (kept under a hash until now) become stance-only opinions too.
    let hash = deps.hash_key.hash(who.id);
    let voter = consult_domain::prompts::Voter {
        hash: &hash,
        consented: Some(who.id),
        chat: None,
        point: None,
    };
    deps.db
        .prompts()
        .keep_votes(&voter, deps.clock.now())
        .await?;
    let ended = Ended::Opinion {
        receipt: opinion.receipt.clone(),
    };
    crate::dialogue::end(deps, who, &ended, update_id).await?;
    tracing::info!(consultation = c.id, receipt = %opinion.receipt, "opinion received");
    let received = if suggestion.is_some() {
        fl!(l, "suggestion-received", receipt = opinion.receipt)
    } else {
        fl!(l, "opinion-received", receipt = opinion.receipt)
    };
    reply::to(bot, who, received).await
}

/// What a person is told who comes after the deadline (or before publication).
fn closed(deps: &Deps, who: &Person, c: &Consultation) -> String {
    let l = deps.locales.get(who.locale);
    let title = html::escape(&c.title);
    if c.is_open_call() {
        fl!(l, "open-call-closed", title = title)
    } else {
        fl!(l, "opinion-closed", title = title)
    }
}

/// The suggestion's question a step asks.
fn question(step: Step) -> Question {
    match step {
        Step::Title => Question::Title,
        Step::Contents => Question::Contents,
        Step::Related => Question::Related,
        _ => Question::Problem,
    }
}

/// Shows a person whose last step is being handled again (the process died before its
/// reply went out) the question of the step they are at now, as stored.
pub async fn show_current(cx: &Ctx, state: OpinionDraft) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    match deps.db.consultations().get(state.consultation).await? {
        Some(c) if c.open_at(deps.clock.now()) => ask(bot, deps, who, &state, &c).await,
        _ => Ok(()),
    }
}

fn target(deps: &Deps, who: &Person, state: &OpinionDraft) -> String {
    article_target(deps, who, state.article.as_ref())
}

/// The article an opinion is about, as shown to a person: its label, or 整部草案.
pub(crate) fn article_target(deps: &Deps, who: &Person, article: Option<&(u32, String)>) -> String {
    match article {
        Some((_, label)) => html::escape(label),
        None => fl!(deps.locales.get(who.locale), "opinion-whole-draft"),
    }
}

fn back_row(deps: &Deps, who: &Person) -> Vec<InlineKeyboardButton> {
    step_buttons::back_row::<OpinionButton>(deps, who)
}

fn back_keyboard(deps: &Deps, who: &Person) -> InlineKeyboardMarkup {
    step_buttons::back_keyboard::<OpinionButton>(deps, who)
}

fn article_keyboard(deps: &Deps, who: &Person) -> InlineKeyboardMarkup {
    let l = deps.locales.get(who.locale);
    InlineKeyboardMarkup::new([
        vec![button(
            fl!(l, "opinion-whole-draft"),
            OpinionButton::WholeDraft,
        )],
        vec![button(fl!(l, "opinion-cancel"), OpinionButton::Cancel)],
    ])
}

/// Asks the question of the current step.
async fn ask(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    state: &OpinionDraft,
    c: &Consultation,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let name = |prefix: &str, id: &str| {
        deps.locales
            .text(who.locale, &format!("{prefix}-{id}"), &[])
    };
    let (text, mut rows): (String, Vec<Vec<InlineKeyboardButton>>) = match state.step {
        Step::Article => {
            return reply::to_with_keyboard(
                bot,
                who,
                fl!(l, "opinion-ask-article"),
                article_keyboard(deps, who),
            )
            .await;
        }
        Step::Stance => (
            fl!(l, "opinion-ask-stance", target = target(deps, who, state)),
            stance_rows::<OpinionButton>(deps, who),
        ),
        Step::Title | Step::Contents => (suggest::ask(deps, who, question(state.step)), vec![]),
        Step::Related => (
            suggest::ask(deps, who, Question::Related),
            vec![vec![button(
                fl!(l, "opinion-skip"),
                OpinionButton::SkipDistrict,
            )]],
        ),
        Step::Body if state.suggestion.is_some() => {
            (suggest::ask(deps, who, Question::Problem), vec![])
        }
        Step::Body => (
            fl!(
                l,
                "opinion-ask-body",
                min = deps.opinion_chars.0,
                max = deps.opinion_chars.1
            ),
            vec![],
        ),
        Step::Wording => (fl!(l, "opinion-ask-wording"), vec![]),
        Step::Attachments => (
            fl!(
                l,
                "opinion-ask-attachments",
                count = state.attachments.len(),
                max = MAX_ATTACHMENTS
            ),
            vec![vec![button(
                fl!(l, "opinion-attachments-done"),
                OpinionButton::AttachmentsDone,
            )]],
        ),
        Step::District => (
            fl!(l, "opinion-ask-district"),
            vec![vec![button(
                fl!(l, "opinion-skip"),
                OpinionButton::SkipDistrict,
            )]],
        ),
        Step::Identity => (
            fl!(l, "opinion-ask-identity"),
            vec![
                Identity::ALL
                    .iter()
                    .map(|i| button(name("identity", i.as_str()), OpinionButton::Identity(*i)))
                    .collect(),
            ],
        ),
        Step::Name => (fl!(l, "opinion-ask-name"), vec![]),
        Step::Organization => (fl!(l, "opinion-ask-organization"), vec![]),
        Step::Occupation => {
            let mut rows: Vec<Vec<InlineKeyboardButton>> = c
                .occupations
                .iter()
                .enumerate()
                .filter_map(|(i, o)| {
                    Some(button(
                        o.clone(),
                        OpinionButton::Occupation(u8::try_from(i).ok()?),
                    ))
                })
                .collect::<Vec<_>>()
                .chunks(3)
                .map(<[InlineKeyboardButton]>::to_vec)
                .collect();
            rows.push(vec![
                button(
                    fl!(l, "opinion-occupation-other"),
                    OpinionButton::OccupationOther,
                ),
                button(fl!(l, "opinion-skip"), OpinionButton::SkipOccupation),
            ]);
            (fl!(l, "opinion-ask-occupation"), rows)
        }
        Step::Consent => (fl!(l, "opinion-consent"), consent_rows(deps, who, state)),
        Step::Review => {
            let yes_no = |b: bool| {
                if b {
                    fl!(l, "opinion-yes")
                } else {
                    fl!(l, "opinion-no")
                }
            };
            let body = state.body.as_deref().unwrap_or_default();
            let mut lines = match &state.suggestion {
                Some(s) => suggest::read_back(deps, who, c, s, body),
                None => vec![fl!(
                    l,
                    "opinion-review",
                    title = html::escape(&c.title),
                    code = c.code(),
                    version = state.version,
                    target = target(deps, who, state),
                    stance = state
                        .stance
                        .map(|s| name("stance", s.as_str()))
                        .unwrap_or_default(),
                    body = html::escape(body)
                )],
            };
            if let Some(w) = &state.wording {
                lines.push(fl!(l, "opinion-review-wording", wording = html::escape(w)));
            }
            let identity = state.identity.unwrap_or(Identity::Anonymous);
            let mut shown = name("identity", identity.as_str());
            if let Some(detail) = state.name.as_ref().or(state.organization.as_ref()) {
                shown = format!("{shown}（{}）", html::escape(detail));
            }
            for detail in [&state.occupation, &state.district].into_iter().flatten() {
                shown = format!("{shown} · {}", html::escape(detail));
            }
            if !state.attachments.is_empty() {
                lines.push(fl!(
                    l,
                    "opinion-review-attachments",
                    count = state.attachments.len()
                ));
            }
            lines.push(fl!(l, "opinion-review-identity", identity = shown));
            lines.push(if details_given(state) {
                fl!(
                    l,
                    "opinion-review-consent",
                    details = yes_no(details(state).consent_details),
                    quote = yes_no(state.consent_quote)
                )
            } else {
                fl!(
                    l,
                    "opinion-review-consent-quote",
                    quote = yes_no(state.consent_quote)
                )
            });
            (
                lines.join("\n"),
                vec![vec![
                    button(fl!(l, "opinion-submit"), OpinionButton::Submit),
                    button(fl!(l, "opinion-edit"), OpinionButton::Edit),
                    button(fl!(l, "opinion-cancel"), OpinionButton::Cancel),
                ]],
            )
        }
    };
    if state.step != Step::Review {
        rows.push(back_row(deps, who));
    }
    reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await
}

/// The file a message carries, as an attachment: the largest size of a photo, a
/// document, or a voice message.
pub fn attachment(msg: &Message) -> Option<Attachment> {
    let (kind, file) = if let Some(sizes) = msg.photo() {
        ("photo", &sizes.last()?.file)
    } else if let Some(doc) = msg.document() {
        ("document", &doc.file)
    } else if let Some(voice) = msg.voice() {
        ("voice", &voice.file)
    } else {
        return None;
    };
    Some(Attachment {
        kind: kind.to_owned(),
        file_id: file.id.0.clone(),
        size: file.size,
    })
}
