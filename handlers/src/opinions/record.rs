//! Offline entry (线下): an informant, liaison or admin enters an opinion gathered at a
//! forum, visit or hearing with `/record`, one step a message — consultation, channel,
//! date, the resident's name (optional), article, stance, the opinion, proposed wording
//! — then a read-back and a receipt; or sends a spreadsheet at the first step to import
//! many at once. `/record template` sends the spreadsheet template. Every step has
//! 「返回」 and /cancel; the dialogue is stored and ignores a replayed update.
//!
//! On an open call (立法项目征集) the record is a project suggestion (立法项目建议)
//! gathered on paper: after the resident's name it asks the project's title, the
//! problem it should solve, its contents and the related rules (optional) instead of
//! the article, view and wording; `/record suggestions` sends the suggestions' template.
//! County staff first choose which of their district's points the record is filed
//! under ([`consult_domain::access::Access::recorder_at`]).

use chrono::NaiveDate;
use consult_domain::{
    consultations::Consultation,
    offline::{
        self, Channel, Column, Entry, Layout, Limits, Problem, Recorder, RowProblem, SheetError,
    },
    opinions::Stance,
};
use serde::{Deserialize, Serialize};
use teloxide::{
    net::Download,
    prelude::*,
    types::{Document, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, ParseMode},
};

use crate::{
    Deps, HandlerError, blocking,
    callback::RecordButton,
    ctx::Ctx,
    dialogue::Ended,
    html,
    i18n::fl,
    open_calls::suggest::{self, Question},
    opinions::step_buttons::{self, button, stance_rows},
    person::Person,
    reply,
};

/// The templates' file names as the recorder receives them.
const TEMPLATE_NAME: &str = "offline-opinions-template.xlsx";
const SUGGESTIONS_TEMPLATE_NAME: &str = "offline-suggestions-template.xlsx";
/// At most this many bad cells are listed; the rest are counted.
const MAX_LISTED: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Step {
    /// County staff: which of their district's points the record is filed under.
    Point,
    Consultation,
    Channel,
    Date,
    Name,
    Article,
    Stance,
    Body,
    Wording,
    /// A suggestion's own steps (on an open call), after the name.
    Title,
    Problem,
    Contents,
    Related,
    Review,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordDraft {
    consultation: Option<i64>,
    version: i32,
    channel: Option<Channel>,
    date: Option<NaiveDate>,
    name: Option<String>,
    /// (number, label); None: the whole draft.
    article: Option<(u32, String)>,
    stance: Option<Stance>,
    body: Option<String>,
    wording: Option<String>,
    /// The point chosen by county staff (others have theirs, or none).
    #[serde(default)]
    point: Option<i64>,
    /// A suggestion's title, contents and related rules (the problem is `body`).
    #[serde(default)]
    suggestion: suggest::SuggestionDraft,
    step: Step,
    /// Steps taken, for 「返回」.
    history: Vec<Step>,
    /// Unique per dialogue, so saving twice stores one opinion.
    key: String,
}

/// What moved the dialogue on.
pub enum Input<'a> {
    Text(&'a str),
    Document(&'a Document),
    Skip,
    Button(RecordButton),
}

/// Who may record, and for which point: informants and liaisons for their own point,
/// admins for any, county staff for the one of their district's points they chose
/// (the rule the web console shares, [`consult_domain::access::Access::recorder_at`]).
/// Re-read on every step, so a revoked role stops at once.
fn recorder(who: &Person, state: &RecordDraft) -> Option<Recorder> {
    who.access().and_then(|a| a.recorder_at(state.point))
}

fn limits(deps: &Deps) -> Limits {
    Limits {
        chars: deps.opinion_chars,
        today: today(deps),
    }
}

fn today(deps: &Deps) -> NaiveDate {
    deps.clock.now().with_timezone(&deps.timezone).date_naive()
}

/// /record, or /record template.
pub async fn command(cx: &Ctx, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    let l = deps.locales.get(who.locale);
    let Some(access) = who.access() else {
        return reply::to(bot, who, fl!(l, "record-refused")).await;
    };
    match arg.trim().to_lowercase().as_str() {
        "template" | "模板" | "tpl" => {
            return send_template(bot, deps, who, Layout::Opinions).await;
        }
        "suggestions" | "建议" | "建议模板" => {
            return send_template(bot, deps, who, Layout::Suggestions).await;
        }
        _ => {}
    }
    // County staff choose the point first; what is open is listed once they have.
    if !access.chooses_point() {
        let open = open_consultations(deps, &access.recorder()).await?;
        if open.is_empty() {
            return reply::to(bot, who, fl!(l, "record-none-open")).await;
        }
    }
    let state = RecordDraft {
        consultation: None,
        version: 0,
        channel: None,
        date: None,
        name: None,
        article: None,
        stance: None,
        body: None,
        wording: None,
        point: None,
        suggestion: suggest::SuggestionDraft::default(),
        step: if access.chooses_point() {
            Step::Point
        } else {
            Step::Consultation
        },
        history: vec![],
        key: format!("rec:{}:{update_id}", who.id),
    };
    save(deps, who, &state, update_id).await?;
    ask(bot, deps, who, &state, None).await
}

/// Open consultations the recorder may record on, deadline first.
async fn open_consultations(
    deps: &Deps,
    rec: &Recorder,
) -> Result<Vec<Consultation>, HandlerError> {
    Ok(deps.db.offline().open_for(rec, deps.clock.now()).await?)
}

async fn send_template(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    layout: Layout,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let (name, caption) = match layout {
        Layout::Opinions => (
            TEMPLATE_NAME,
            fl!(l, "record-template-caption", limit = offline::MAX_ROWS),
        ),
        Layout::Suggestions => (
            SUGGESTIONS_TEMPLATE_NAME,
            fl!(
                l,
                "record-suggestions-template-caption",
                limit = offline::MAX_ROWS
            ),
        ),
    };
    let bytes = match offline::template_of(layout) {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, "could not build the offline template");
            return reply::to(bot, who, fl!(l, "error-generic")).await;
        }
    };
    bot.send_document(ChatId(who.id), InputFile::memory(bytes).file_name(name))
        .caption(caption)
        .parse_mode(ParseMode::Html)
        .await?;
    Ok(())
}

async fn save(
    deps: &Deps,
    who: &Person,
    state: &RecordDraft,
    update_id: i64,
) -> Result<(), HandlerError> {
    crate::dialogue::save(deps, who, state, update_id).await
}

/// Applies one input to the dialogue and asks the next question.
pub async fn step(cx: &Ctx, mut state: RecordDraft, input: Input<'_>) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    use RecordButton as B;
    let l = deps.locales.get(who.locale);
    let Some(access) = who.access() else {
        return crate::dialogue::clear_saying(bot, deps, who, fl!(l, "record-refused")).await;
    };
    let rec = recorder(who, &state);
    if rec.is_none() && state.step != Step::Point {
        // County staff whose chosen point is no longer their district's: choose again.
        state.point = None;
        state.step = Step::Point;
        state.history.clear();
        save(deps, who, &state, update_id).await?;
        return ask(bot, deps, who, &state, None).await;
    }
    let chosen = match state.consultation {
        Some(id) => deps.db.consultations().get(id).await?,
        None => None,
    };
    let open_call = chosen.as_ref().is_some_and(|c| c.is_open_call());
    let next = match (state.step, input) {
        (_, Input::Button(B::Cancel)) => {
            return crate::dialogue::clear_saying(bot, deps, who, fl!(l, "record-cancelled")).await;
        }
        (_, Input::Button(B::Back)) => match state.history.pop() {
            Some(previous) => {
                state.step = previous;
                save(deps, who, &state, update_id).await?;
                return ask(bot, deps, who, &state, chosen.as_ref()).await;
            }
            None => return ask(bot, deps, who, &state, chosen.as_ref()).await,
        },
        (Step::Point, Input::Button(B::Point(id))) => match access.recorder_at(Some(id)) {
            Some(_) => {
                state.point = Some(id);
                Step::Consultation
            }
            None => {
                // Another district's point, or none: as if it did not exist.
                reply::to(bot, who, fl!(l, "record-point-unknown")).await?;
                return ask(bot, deps, who, &state, None).await;
            }
        },
        (Step::Consultation, Input::Document(doc)) => {
            let Some(rec) = rec else {
                return ask(bot, deps, who, &state, None).await;
            };
            // The update is marked applied first: a replay neither imports nor answers twice.
            save(deps, who, &state, update_id).await?;
            return import(bot, deps, who, &rec, doc).await;
        }
        (Step::Consultation, Input::Button(B::Consultation(id))) => {
            let Some(rec) = rec else {
                return ask(bot, deps, who, &state, None).await;
            };
            match choose(bot, deps, who, &rec, &mut state, id).await? {
                true => Step::Channel,
                false => return Ok(()),
            }
        }
        (Step::Consultation, Input::Text(text)) if offline::consultation_number(text).is_some() => {
            let Some(rec) = rec else {
                return ask(bot, deps, who, &state, None).await;
            };
            let id = offline::consultation_number(text).unwrap_or_default();
            match choose(bot, deps, who, &rec, &mut state, id).await? {
                true => Step::Channel,
                false => return Ok(()),
            }
        }
        (Step::Channel, Input::Button(B::Channel(c))) => {
            state.channel = Some(c);
            Step::Date
        }
        (Step::Date, Input::Text(text)) => match offline::gathered_on(text, today(deps)) {
            Ok(date) => {
                state.date = Some(date);
                Step::Name
            }
            Err(p) => {
                let today = today(deps).format("%Y-%m-%d").to_string();
                let text = if p == Problem::Future {
                    fl!(l, "record-future-date", today = today)
                } else {
                    fl!(l, "record-bad-date", today = today)
                };
                return reply::to_with_keyboard(bot, who, text, back_keyboard(deps, who)).await;
            }
        },
        (Step::Name, Input::Skip | Input::Button(B::Skip)) => {
            state.name = None;
            after_name(open_call)
        }
        (Step::Name, Input::Text(text)) => match offline::resident_name(text) {
            Ok(Some(name)) => {
                state.name = Some(name);
                after_name(open_call)
            }
            _ => {
                let text = fl!(l, "record-bad-name", max = offline::MAX_NAME_CHARS);
                return reply::to_with_keyboard(bot, who, text, back_keyboard(deps, who)).await;
            }
        },
        (Step::Article, Input::Button(B::WholeDraft)) => {
            state.article = None;
            Step::Stance
        }
        (Step::Article, Input::Text(text)) => {
            let draft = match &chosen {
                Some(c) => deps.db.consultations().draft(c.id, state.version).await?,
                None => None,
            };
            let count = draft.as_ref().map_or(0, |d| d.articles.len());
            let found = offline::article_number(text)
                .ok()
                .flatten()
                .and_then(|n| draft.as_ref()?.article(n))
                .map(|a| (a.number, a.label.clone()));
            match found {
                Some(a) => {
                    state.article = Some(a);
                    Step::Stance
                }
                None => {
                    let text = fl!(l, "opinion-article-unknown", count = count);
                    let keyboard = article_keyboard(deps, who);
                    return reply::to_with_keyboard(bot, who, text, keyboard).await;
                }
            }
        }
        (Step::Stance, Input::Button(B::Stance(s))) => {
            state.stance = Some(s);
            Step::Body
        }
        (Step::Body, Input::Text(text)) => match offline::body(text, &limits(deps)) {
            Ok(body) => {
                state.body = Some(body);
                if state.stance == Some(Stance::Amend) {
                    Step::Wording
                } else {
                    state.wording = None;
                    Step::Review
                }
            }
            Err(p) => {
                let text = match p {
                    Problem::TooLong { max } => fl!(
                        l,
                        "opinion-body-long",
                        max = max,
                        count = text.trim().chars().count()
                    ),
                    _ => fl!(l, "opinion-body-short", min = deps.opinion_chars.0),
                };
                return reply::to_with_keyboard(bot, who, text, back_keyboard(deps, who)).await;
            }
        },
        (Step::Wording, Input::Skip | Input::Button(B::Skip)) => {
            state.wording = None;
            Step::Review
        }
        (Step::Wording, Input::Text(text)) => match offline::wording(text, &limits(deps)) {
            Ok(Some(w)) => {
                state.wording = Some(w);
                Step::Review
            }
            _ => {
                let text = fl!(
                    l,
                    "opinion-body-long",
                    max = deps.opinion_chars.1,
                    count = text.trim().chars().count()
                );
                return reply::to_with_keyboard(bot, who, text, back_keyboard(deps, who)).await;
            }
        },
        (
            step @ (Step::Title | Step::Problem | Step::Contents | Step::Related),
            Input::Text(text),
        ) => {
            let (q, next) = match step {
                Step::Title => (Question::Title, Step::Problem),
                Step::Problem => (Question::Problem, Step::Contents),
                Step::Contents => (Question::Contents, Step::Related),
                _ => (Question::Related, Step::Review),
            };
            let answer = match suggest::check(deps, who, q, text) {
                Ok(answer) => answer,
                Err(say) => {
                    return reply::to_with_keyboard(bot, who, say, back_keyboard(deps, who)).await;
                }
            };
            let s = &mut state.suggestion;
            match q {
                Question::Title => s.title = answer,
                Question::Problem => state.body = answer,
                Question::Contents => s.contents = answer,
                Question::Related => s.related = answer,
            }
            next
        }
        (Step::Related, Input::Skip | Input::Button(B::Skip)) => {
            state.suggestion.related = None;
            Step::Review
        }
        (Step::Review, Input::Button(B::Save)) => {
            let Some(rec) = rec else {
                return ask(bot, deps, who, &state, None).await;
            };
            return finish(bot, deps, who, &rec, state, chosen.as_ref(), update_id).await;
        }
        // Anything else (a stale button, text where a button is expected): ask again.
        (_, _) => return ask(bot, deps, who, &state, chosen.as_ref()).await,
    };
    state.history.push(state.step);
    state.step = next;
    save(deps, who, &state, update_id).await?;
    let chosen = match state.consultation {
        Some(id) if chosen.as_ref().map(|c| c.id) != Some(id) => {
            deps.db.consultations().get(id).await?
        }
        _ => chosen,
    };
    ask(bot, deps, who, &state, chosen.as_ref()).await
}

/// The step after the resident's name: a suggestion's title on an open call, the
/// article on a draft.
fn after_name(open_call: bool) -> Step {
    if open_call {
        Step::Title
    } else {
        Step::Article
    }
}

/// Takes consultation `id` if the recorder may record on it now; otherwise says why
/// and shows the list again.
async fn choose(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    rec: &Recorder,
    state: &mut RecordDraft,
    id: i64,
) -> Result<bool, HandlerError> {
    let l = deps.locales.get(who.locale);
    let Some(c) = deps.db.consultations().visible(id, who.viewer()).await? else {
        reply::to(
            bot,
            who,
            fl!(l, "consultation-unknown", id = id.to_string()),
        )
        .await?;
        return Ok(false);
    };
    if let Err(p) = offline::admissible(&c, rec, deps.clock.now()) {
        let text = if p == Problem::OutOfScope {
            fl!(l, "record-out-of-scope", code = c.code())
        } else {
            fl!(l, "opinion-closed", title = html::escape(&c.title))
        };
        reply::to(bot, who, text).await?;
        ask(bot, deps, who, state, None).await?;
        return Ok(false);
    }
    if state.consultation != Some(c.id) {
        state.article = None;
        state.stance = None;
        state.suggestion = suggest::SuggestionDraft::default();
    }
    state.consultation = Some(c.id);
    state.version = c.version;
    Ok(true)
}

/// 保存: stores the opinion (once, however often pressed) and shows the receipt.
async fn finish(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    rec: &Recorder,
    state: RecordDraft,
    chosen: Option<&Consultation>,
    update_id: i64,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let (Some(c), Some(channel), Some(date), Some(body)) =
        (chosen, state.channel, state.date, state.body.clone())
    else {
        return ask(bot, deps, who, &state, chosen).await;
    };
    // A suggestion on an open call (no stance shown: Other), an opinion on a draft.
    let (stance, suggestion) = match (c.is_open_call(), state.stance) {
        (true, _) => match state.suggestion.complete() {
            Some(s) => (Stance::Other, Some(s)),
            None => return ask(bot, deps, who, &state, chosen).await,
        },
        (false, Some(stance)) => (stance, None),
        (false, None) => return ask(bot, deps, who, &state, chosen).await,
    };
    if offline::admissible(c, rec, deps.clock.now()).is_err() {
        let text = fl!(l, "opinion-closed", title = html::escape(&c.title));
        return crate::dialogue::clear_saying(bot, deps, who, text).await;
    }
    let entry = Entry {
        consultation_id: c.id,
        version: state.version,
        article: state.article.clone(),
        channel,
        gathered_on: date,
        resident_name: state.name.clone(),
        stance,
        body,
        wording: if suggestion.is_some() {
            None
        } else {
            state.wording.clone()
        },
        suggestion,
    };
    let (opinion, _) = deps
        .db
        .offline()
        .record(&entry, &state.key, rec, deps.clock.now())
        .await?;
    let suggestion = entry.suggestion.is_some();
    let ended = Ended::Record {
        receipt: opinion.receipt.clone(),
        channel,
        date,
        suggestion,
    };
    crate::dialogue::end(deps, who, &ended, update_id).await?;
    tracing::info!(consultation = c.id, receipt = %opinion.receipt, channel = channel.as_str(), suggestion, "offline opinion recorded");
    let text = saved(deps, who, &opinion.receipt, channel, date, suggestion);
    reply::to(bot, who, text).await
}

/// What a recorder is told once an offline opinion (or suggestion) is saved.
pub(crate) fn saved(
    deps: &Deps,
    who: &Person,
    receipt: &str,
    channel: Channel,
    date: NaiveDate,
    suggestion: bool,
) -> String {
    let l = deps.locales.get(who.locale);
    let channel = channel_name(deps, who, channel);
    let date = date.format("%Y-%m-%d").to_string();
    if suggestion {
        fl!(
            l,
            "record-saved-suggestion",
            receipt = receipt,
            channel = channel,
            date = date
        )
    } else {
        fl!(
            l,
            "record-saved",
            receipt = receipt,
            channel = channel,
            date = date
        )
    }
}

/// Shows a recorder whose last step is being handled again the question of the step
/// they are at now, as stored.
pub async fn show_current(cx: &Ctx, state: RecordDraft) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let chosen = match state.consultation {
        Some(id) => deps.db.consultations().get(id).await?,
        None => None,
    };
    ask(bot, deps, who, &state, chosen.as_ref()).await
}

/// A spreadsheet sent at the first step: checked whole, then imported whole.
async fn import(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    rec: &Recorder,
    doc: &Document,
) -> Result<(), HandlerError> {
    let name = doc.file_name.clone().unwrap_or_default();
    if let Err(e) = offline::check_upload(&name, u64::from(doc.file.size)) {
        return reply::to(bot, who, sheet_error(deps, who, &e)).await;
    }
    let file = bot.get_file(doc.file.id.clone()).await?;
    let mut bytes = Vec::with_capacity(file.size as usize);
    bot.download_file(&file.path, &mut bytes)
        .await
        .map_err(|e| HandlerError::Download(e.to_string()))?;
    let read = blocking::run(move || offline::read_sheet(&name, &bytes)).await?;
    let rows = match read {
        Ok(rows) => rows,
        Err(e) => {
            tracing::info!(error = %e, "spreadsheet refused");
            return reply::to(bot, who, sheet_error(deps, who, &e)).await;
        }
    };
    let now = deps.clock.now();
    let checked = deps
        .db
        .offline()
        .validate(&rows, rec, &limits(deps), now)
        .await?;
    let entries = match checked {
        Ok(entries) => entries,
        Err(problems) => return report_problems(bot, deps, who, &problems).await,
    };
    let imported = deps.db.offline().import(&entries, rec, now).await?;
    deps.db.dialogues().clear(who.id).await?;
    tracing::info!(
        rows = entries.len(),
        new = imported.new.len(),
        already = imported.already,
        "offline spreadsheet imported"
    );
    let lines = offline::imported(&deps.locales, who.locale, &imported);
    reply::to(bot, who, lines.join("\n")).await
}

async fn report_problems(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    problems: &[RowProblem],
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let mut lines = vec![fl!(l, "record-sheet-problems", count = problems.len())];
    for p in problems.iter().take(MAX_LISTED) {
        lines.push(fl!(
            l,
            "record-sheet-problem",
            row = p.row,
            problem = problem_text(deps, who, p.column, p.problem)
        ));
    }
    if problems.len() > MAX_LISTED {
        let more = problems.len() - MAX_LISTED;
        lines.push(fl!(l, "record-sheet-more", count = more));
    }
    for chunk in html::split_lines(&lines, html::MESSAGE_LIMIT) {
        reply::to(bot, who, chunk).await?;
    }
    Ok(())
}

fn column_name(deps: &Deps, who: &Person, c: Column) -> String {
    offline::column_name(&deps.locales, who.locale, c)
}

fn problem_text(deps: &Deps, who: &Person, column: Column, p: Problem) -> String {
    offline::problem_text(&deps.locales, who.locale, column, p)
}

fn sheet_error(deps: &Deps, who: &Person, e: &SheetError) -> String {
    let l = deps.locales.get(who.locale);
    match e {
        SheetError::TooLarge { size, limit } => fl!(
            l,
            "record-sheet-too-large",
            size = format!("{:.1}", *size as f64 / 1_048_576.0),
            limit = (*limit / 1_048_576).to_string()
        ),
        SheetError::UnsupportedType => fl!(l, "record-sheet-unsupported"),
        SheetError::Unreadable { .. } => fl!(l, "record-sheet-unreadable"),
        SheetError::Undecodable => fl!(l, "record-sheet-undecodable"),
        SheetError::Unpacked { limit } => fl!(
            l,
            "record-sheet-unpacked",
            limit = (*limit / 1_048_576).to_string()
        ),
        SheetError::MissingColumns(columns) => {
            let names: Vec<String> = columns.iter().map(|c| column_name(deps, who, *c)).collect();
            fl!(
                l,
                "record-sheet-missing-columns",
                columns = names.join(&fl!(l, "record-list-separator"))
            )
        }
        SheetError::Empty => fl!(l, "record-sheet-empty"),
        SheetError::TooManyRows { rows, limit } => {
            fl!(l, "record-sheet-too-many", rows = rows, limit = limit)
        }
    }
}

fn channel_name(deps: &Deps, who: &Person, c: Channel) -> String {
    crate::labels::channel(&deps.locales, who.locale, c)
}

fn target(deps: &Deps, who: &Person, state: &RecordDraft) -> String {
    crate::opinions::dialogue::article_target(deps, who, state.article.as_ref())
}

fn back_row(deps: &Deps, who: &Person) -> Vec<InlineKeyboardButton> {
    step_buttons::back_row::<RecordButton>(deps, who)
}

fn back_keyboard(deps: &Deps, who: &Person) -> InlineKeyboardMarkup {
    step_buttons::back_keyboard::<RecordButton>(deps, who)
}

fn article_keyboard(deps: &Deps, who: &Person) -> InlineKeyboardMarkup {
    let l = deps.locales.get(who.locale);
    InlineKeyboardMarkup::new([
        vec![button(
            fl!(l, "opinion-whole-draft"),
            RecordButton::WholeDraft,
        )],
        back_row(deps, who),
    ])
}

/// A consultation's button label: its code and as much of the title as fits.
fn consultation_label(c: &Consultation) -> String {
    let title: String = c.title.chars().take(30).collect();
    let more = if c.title.chars().count() > 30 {
        "…"
    } else {
        ""
    };
    format!("{} {title}{more}", c.code())
}

/// Asks the question of the current step.
async fn ask(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    state: &RecordDraft,
    c: Option<&Consultation>,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let skip_row = || vec![button(fl!(l, "opinion-skip"), RecordButton::Skip)];
    let (text, mut rows): (String, Vec<Vec<InlineKeyboardButton>>) = match state.step {
        Step::Point => {
            let district = who.access().and_then(|a| a.district().cloned());
            let points = match &district {
                Some(d) => deps
                    .db
                    .points()
                    .list()
                    .await?
                    .into_iter()
                    .filter(|p| p.active && d.points.contains(&p.id))
                    .collect(),
                None => vec![],
            };
            let rows = points
                .iter()
                .take(50)
                .map(|p| vec![button(p.name.clone(), RecordButton::Point(p.id))])
                .collect();
            (fl!(l, "record-ask-point"), rows)
        }
        Step::Consultation => {
            let open = match recorder(who, state) {
                Some(rec) => open_consultations(deps, &rec).await?,
                None => vec![],
            };
            let rows: Vec<Vec<InlineKeyboardButton>> = open
                .iter()
                .take(50)
                .map(|c| {
                    vec![button(
                        consultation_label(c),
                        RecordButton::Consultation(c.id),
                    )]
                })
                .collect();
            let text = if open.is_empty() {
                fl!(l, "record-none-open")
            } else {
                fl!(l, "record-start")
            };
            (text, rows)
        }
        Step::Channel => (
            fl!(l, "record-ask-channel"),
            Channel::OFFLINE
                .chunks(2)
                .map(|row| {
                    row.iter()
                        .map(|ch| button(channel_name(deps, who, *ch), RecordButton::Channel(*ch)))
                        .collect()
                })
                .collect(),
        ),
        Step::Date => (
            fl!(
                l,
                "record-ask-date",
                today = today(deps).format("%Y-%m-%d").to_string()
            ),
            vec![],
        ),
        Step::Name => (fl!(l, "record-ask-name"), vec![skip_row()]),
        Step::Article => (
            fl!(l, "record-ask-article"),
            vec![vec![button(
                fl!(l, "opinion-whole-draft"),
                RecordButton::WholeDraft,
            )]],
        ),
        Step::Stance => (
            fl!(l, "record-ask-stance", target = target(deps, who, state)),
            stance_rows::<RecordButton>(deps, who),
        ),
        Step::Body => (
            fl!(
                l,
                "record-ask-body",
                min = deps.opinion_chars.0,
                max = deps.opinion_chars.1
            ),
            vec![],
        ),
        Step::Wording => (fl!(l, "record-ask-wording"), vec![skip_row()]),
        Step::Title => (
            fl!(
                l,
                "record-ask-title",
                max = consult_domain::open_calls::TITLE_MAX
            ),
            vec![],
        ),
        Step::Problem => (suggest::ask(deps, who, Question::Problem), vec![]),
        Step::Contents => (suggest::ask(deps, who, Question::Contents), vec![]),
        Step::Related => (suggest::ask(deps, who, Question::Related), vec![skip_row()]),
        Step::Review if c.is_some_and(|c| c.is_open_call()) => (
            suggestion_review(deps, who, state, c),
            review_buttons(deps, who),
        ),
        Step::Review => {
            let (title, code) = c.map_or((String::new(), String::new()), |c| {
                (html::escape(&c.title), c.code())
            });
            let stance = state
                .stance
                .map(|s| {
                    deps.locales
                        .text(who.locale, &format!("stance-{}", s.as_str()), &[])
                })
                .unwrap_or_default();
            let mut lines = vec![fl!(
                l,
                "record-review",
                title = title,
                code = code,
                version = state.version,
                channel = state
                    .channel
                    .map(|ch| channel_name(deps, who, ch))
                    .unwrap_or_default(),
                date = state
                    .date
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                target = target(deps, who, state),
                stance = stance,
                body = html::escape(state.body.as_deref().unwrap_or_default())
            )];
            if let Some(w) = &state.wording {
                lines.push(fl!(l, "opinion-review-wording", wording = html::escape(w)));
            }
            lines.push(match &state.name {
                Some(name) => fl!(l, "record-review-named", name = html::escape(name)),
                None => fl!(l, "record-review-anonymous"),
            });
            (lines.join("\n"), review_buttons(deps, who))
        }
    };
    match state.step {
        Step::Review => {}
        // The first step has nothing to go back to (county staff go back to the point).
        Step::Point => rows.push(vec![button(fl!(l, "opinion-cancel"), RecordButton::Cancel)]),
        Step::Consultation if state.history.is_empty() => {
            rows.push(vec![button(fl!(l, "opinion-cancel"), RecordButton::Cancel)])
        }
        _ => rows.push(back_row(deps, who)),
    }
    reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await
}

/// 「保存」「返回」「取消」 under a read-back.
fn review_buttons(deps: &Deps, who: &Person) -> Vec<Vec<InlineKeyboardButton>> {
    let l = deps.locales.get(who.locale);
    vec![vec![
        button(fl!(l, "record-save"), RecordButton::Save),
        button(fl!(l, "opinion-back"), RecordButton::Back),
        button(fl!(l, "opinion-cancel"), RecordButton::Cancel),
    ]]
}

/// The read-back of a suggestion gathered offline: the open call, channel and date,
/// the suggestion's own lines as the resident's read-back shows them, and the resident.
fn suggestion_review(
    deps: &Deps,
    who: &Person,
    state: &RecordDraft,
    c: Option<&Consultation>,
) -> String {
    let l = deps.locales.get(who.locale);
    let (title, code) = c.map_or((String::new(), String::new()), |c| {
        (html::escape(&c.title), c.code())
    });
    let mut lines = vec![fl!(
        l,
        "record-review-suggestion",
        title = title,
        code = code,
        channel = state
            .channel
            .map(|ch| channel_name(deps, who, ch))
            .unwrap_or_default(),
        date = state
            .date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    )];
    let s = &state.suggestion;
    lines.push(suggest::project_line(
        deps,
        who,
        s.title.as_deref().unwrap_or_default(),
    ));
    lines.extend(suggest::detail_lines(
        deps,
        who,
        state.body.as_deref().unwrap_or_default(),
        s.contents.as_deref().unwrap_or_default(),
        s.related.as_deref(),
    ));
    lines.push(match &state.name {
        Some(name) => fl!(l, "record-review-named", name = html::escape(name)),
        None => fl!(l, "record-review-anonymous"),
    });
    lines.join("\n")
}
