//! The conversation: everything a person sees of consult-bot on Telegram, rendered
//! through the locales. Knows nothing of how updates arrive: the bot crate hands each
//! update to [`schema`] together with [`Deps`].
//!
//! One module per feature; [`schema`] routes updates to them, and a private update by
//! the one [`dialogue::route::Dialogue`] the person is in, read once with who they are.
//! Every feature's entry point is handed that update's [`ctx::Ctx`] (the bot, the
//! dependencies, the person, the update's id) by reference and first.

mod blocking;
mod callback;
pub mod cards;
pub mod chart;
pub mod commands;
pub mod consultations;
mod ctx;
pub mod deps;
mod dialogue;
pub mod digest;
pub mod error;
pub mod events;
mod export;
mod fallback;
pub mod faq;
mod feedback;
mod groups;
pub mod html;
pub mod i18n;
mod invites;
pub mod labels;
pub mod open_calls;
pub mod opinions;
mod person;
mod points;
mod poster;
pub mod poster_image;
mod privacy;
pub mod refusals;
pub mod relay;
mod reply;
mod review;
mod staff;
mod start;
mod stats;
mod status;

pub use deps::Deps;
pub use dialogue::expire as expire_dialogues;
pub use error::HandlerError;
pub use groups::may_pin;
pub use i18n::locale::locale_for;

use consult_domain::roles::Role;
use teloxide::{dispatching::UpdateHandler, prelude::*, types::Me};

use crate::{
    callback::Callback,
    commands::Command,
    ctx::Ctx,
    dialogue::route::{self, Dialogue},
    i18n::fl,
    reply::Courtesy,
};

/// The handler tree. Group membership and service messages first, then commands and
/// buttons; the last branch catches what nobody else understood.
pub fn schema() -> UpdateHandler<HandlerError> {
    dptree::entry()
        .branch(groups::schema())
        .branch(
            Update::filter_message()
                .filter_command::<Command>()
                .endpoint(on_command),
        )
        .branch(Update::filter_callback_query().endpoint(on_button))
        .branch(Update::filter_inline_query().endpoint(faq::inline))
        .branch(
            Update::filter_message()
                .filter(|m: Message, me: Me| opinions::group_replies::is_reply_to_bot(&m, &me))
                .endpoint(opinions::group_replies::on_group_reply),
        )
        .branch(
            Update::filter_message()
                .filter(|m: Message| m.chat.is_private())
                .endpoint(on_private_message),
        )
}

async fn on_command(
    bot: Bot,
    deps: Deps,
    msg: Message,
    me: Me,
    update: Update,
    cmd: Command,
) -> Result<(), HandlerError> {
    let Some(user) = msg.from.as_ref() else {
        return Ok(());
    };
    let (who, dialogue) = route::load(&deps, user).await?;
    let cx = Ctx::new(bot, deps, who, &update);
    let private = msg.chat.is_private();
    // /cancel always works, even when a stale dialogue would take the update for a replay.
    if private && cmd != Command::Cancel && cx.replayed() {
        return route::show_current(&cx, dialogue).await;
    }
    let msg = &msg;
    match cmd {
        Command::Help => start::help(&cx, msg, &me).await,
        Command::Link(arg) => groups::link(&cx, msg, &arg).await,
        Command::Unlink => groups::unlink(&cx, msg).await,
        Command::Start(payload) if private => start::start(&cx, msg, &payload).await,
        Command::Lang(arg) if private => i18n::choose::choose(&cx, msg, &arg).await,
        Command::Groups if private => groups::list(&cx, msg).await,
        Command::Invite(args) if private => invites::invite(&cx, msg, &me, &args).await,
        Command::Status if private => status::status(&cx, msg).await,
        Command::Consultations if private => {
            consultations::browse::Browsing {
                bot: &cx.bot,
                deps: &cx.deps,
                who: &cx.who,
                edit: None,
            }
            .list()
            .await
        }
        Command::Newdraft if private => consultations::drafts::start(&cx).await,
        Command::Cancel if private => route::cancel(&cx, dialogue).await,
        Command::Skip if private => match dialogue {
            Some(Dialogue::Opinion(state)) => {
                let input = opinions::dialogue::Input::Skip;
                opinions::dialogue::step(&cx, state, input, None).await
            }
            Some(Dialogue::Record(state)) => {
                opinions::record::step(&cx, state, opinions::record::Input::Skip).await
            }
            Some(Dialogue::Decision(pending)) => feedback::decide::skip(&cx, pending).await,
            Some(Dialogue::Draft(intake)) => {
                let input = consultations::drafts::Input::Skip;
                consultations::drafts::step(&cx, msg, intake, input).await
            }
            _ => fallback::unknown(&cx, msg).await,
        },
        Command::Mine if private => opinions::mine::mine(&cx).await,
        Command::Publish(arg) if private => consultations::manage::publish(&cx, msg, &arg).await,
        Command::Announce(arg) if private => consultations::manage::announce(&cx, msg, &arg).await,
        Command::Extend(arg) if private => consultations::manage::extend(&cx, msg, &arg).await,
        Command::Summary(arg) if private => {
            consultations::manage::set_summary(&cx, msg, &arg).await
        }
        Command::Withdraw(arg) if private => consultations::manage::end(&cx, msg, &arg, true).await,
        Command::Close(arg) if private => consultations::manage::end(&cx, msg, &arg, false).await,
        Command::Revise(arg) if private => consultations::drafts::revise(&cx, &arg).await,
        Command::Export(arg) if private => export::export(&cx, &arg).await,
        Command::Review if private => review::command(&cx).await,
        Command::Stats(arg) if private => stats::command(&cx, &arg).await,
        Command::Poster(arg) if private => poster::command(&cx, &arg).await,
        Command::Decide(arg) if private => feedback::decide::command(&cx, &arg).await,
        Command::Opencall(arg) if private => open_calls::command(&cx, &arg).await,
        Command::Release(arg) if private => feedback::release::command(&cx, &arg).await,
        Command::Unreached(arg) if private => feedback::unreached::command(&cx, &arg).await,
        Command::Conclude(arg) if private => feedback::conclude::command(&cx, &arg).await,
        Command::Record(arg) if private => opinions::record::command(&cx, &arg).await,
        Command::Prompt(arg) if private => opinions::prompts::prompt(&cx, &arg).await,
        Command::Prompts if private => opinions::prompts::list(&cx).await,
        Command::Mydata if private => privacy::mydata(&cx, msg).await,
        Command::Forget if private => privacy::forget(&cx, msg).await,
        Command::Faq(question) => faq::command(&cx, msg, &me, &question).await,
        Command::Unanswered if private => faq::unanswered(&cx).await,
        Command::Staff(arg) if private => staff::command(&cx, &arg).await,
        Command::Web if private => staff::web(&cx).await,
        Command::Report(arg) if private => relay::start(&cx, &arg).await,
        Command::Reports if private => relay::queue(&cx).await,
        Command::Events if private => events::list(&cx).await,
        Command::Event(arg) if private => events::staff_command(&cx, &arg).await,
        Command::Newevent if private => events::new_event(&cx).await,
        Command::Checkin(code) if private => {
            events::check_in(&cx, user.first_name.as_str(), &code).await
        }
        Command::Categories(arg) if private => relay::categories::command(&cx, &arg).await,
        Command::Point(arg) if private => points::command(&cx, &arg).await,
        // Personal commands are not answered in front of the whole group.
        _ => {
            let text = fl!(
                cx.deps.locales.get(cx.who.locale),
                "private-only",
                bot = me.username()
            );
            reply::html(&cx.bot, msg.chat.id, text).await?;
            Ok(())
        }
    }
}

/// Buttons: callback data is untrusted, so anything we cannot decode gets a friendly
/// answer, and every query is answered so the client stops waiting. Who pressed it is
/// read once, with their dialogue.
async fn on_button(
    bot: Bot,
    deps: Deps,
    update: Update,
    q: CallbackQuery,
) -> Result<(), HandlerError> {
    let (who, dialogue) = route::load(&deps, &q.from).await?;
    let cx = Ctx::new(bot, deps, who, &update);
    let q = &q;
    let edit = q.regular_message().map(|m| m.id);
    let decoded = q.data.as_deref().map(Callback::decode);
    let Some(Ok(pressed)) = decoded else {
        return stale(&cx, q).await;
    };
    match pressed {
        Callback::Lang(locale) => i18n::choose::chosen(&cx, q, locale).await,
        Callback::ForgetConfirm { asked } => privacy::confirm(&cx, q, asked).await,
        Callback::ForgetCancel => privacy::cancel(&cx, q).await,
        browse @ (Callback::Consultations
        | Callback::Consultation { .. }
        | Callback::Articles { .. }
        | Callback::Article { .. }) => {
            cx.bot.answer_callback_query(q.id.clone()).courtesy().await;
            let screen = consultations::browse::Browsing {
                bot: &cx.bot,
                deps: &cx.deps,
                who: &cx.who,
                edit,
            };
            match browse {
                Callback::Consultation { id } => screen.view(id).await,
                Callback::Articles {
                    id,
                    version,
                    chapter,
                    page,
                } => screen.articles(id, version, chapter, page).await,
                Callback::Article { id, version, index } => {
                    screen.article(id, version, index).await
                }
                _ => screen.list().await,
            }
        }
        Callback::Opine { id, version, index } => {
            cx.bot.answer_callback_query(q.id.clone()).courtesy().await;
            // A button for an older version starts on the current one, without the article.
            let current = cx.deps.db.consultations().get(id).await?.map(|c| c.version);
            let index = index.filter(|_| current == Some(version));
            opinions::dialogue::start(&cx, id, index, None).await
        }
        Callback::EditOpinion { id } => {
            cx.bot.answer_callback_query(q.id.clone()).courtesy().await;
            opinions::mine::start_edit(&cx, id).await
        }
        // Buttons that change something outside a dialogue learn from the person's
        // dialogue whether this update was applied already: a replay gets no effect.
        Callback::WithdrawOpinion { id } => {
            if cx.replayed() {
                return stale(&cx, q).await;
            }
            cx.bot.answer_callback_query(q.id.clone()).courtesy().await;
            opinions::mine::withdraw(&cx, id).await
        }
        c @ (Callback::Vote { .. }
        | Callback::PromptTarget { .. }
        | Callback::PromptCancel { .. }) => opinions::prompts::button(&cx, q, c).await,
        c @ (Callback::HeldConfirm { .. } | Callback::HeldDiscard) => {
            opinions::group_replies::button(&cx, q, c).await
        }
        c @ (Callback::ReviewList
        | Callback::ReviewView { .. }
        | Callback::ReviewAct { .. }
        | Callback::ReviewDuplicate { .. }) => review::button_pressed(&cx, q, c).await,
        c @ (Callback::Stats { .. } | Callback::Assessment(_)) => stats::button(&cx, q, c).await,
        Callback::Relay(b) => {
            if cx.replayed() {
                cx.bot.answer_callback_query(q.id.clone()).courtesy().await;
                return route::show_current(&cx, dialogue).await;
            }
            let report = match dialogue {
                Some(Dialogue::Report(state)) => Some(state),
                _ => None,
            };
            relay::button_pressed(&cx, q, report, b).await
        }
        Callback::Event(b) => {
            if cx.replayed() {
                cx.bot.answer_callback_query(q.id.clone()).courtesy().await;
                return route::show_current(&cx, dialogue).await;
            }
            let draft = match dialogue {
                Some(Dialogue::Event(state)) => Some(state),
                _ => None,
            };
            events::button_pressed(&cx, q, draft, b).await
        }
        Callback::Decision(b) => {
            if cx.replayed() {
                return stale(&cx, q).await;
            }
            let pending = match dialogue {
                Some(Dialogue::Decision(pending)) => Some(pending),
                _ => None,
            };
            feedback::button_pressed(&cx, q, pending, b).await
        }
        c @ (Callback::Faq { .. } | Callback::FaqAnswer { .. } | Callback::FaqDismiss { .. }) => {
            faq::button(&cx, q, c).await
        }
        button @ (Callback::Opinion(_)
        | Callback::Record(_)
        | Callback::UseTitle
        | Callback::ScopeAll) => dialogue_button(&cx, q, button, dialogue).await,
    }
}

/// The buttons of a dialogue's steps: the next step of the dialogue the person is in,
/// or 「这个按钮已经失效了」 when they are in no dialogue of that button's kind (any
/// more). A replayed press shows where the dialogue stands now.
async fn dialogue_button(
    cx: &Ctx,
    q: &CallbackQuery,
    button: Callback,
    dialogue: Option<Dialogue>,
) -> Result<(), HandlerError> {
    if cx.replayed() {
        cx.bot.answer_callback_query(q.id.clone()).courtesy().await;
        return route::show_current(cx, dialogue).await;
    }
    let edit = q.regular_message().map(|m| m.id);
    match (button, dialogue, q.regular_message()) {
        (Callback::Opinion(button), Some(Dialogue::Opinion(state)), _) => {
            cx.bot.answer_callback_query(q.id.clone()).courtesy().await;
            let input = opinions::dialogue::Input::Button(button);
            opinions::dialogue::step(cx, state, input, edit).await
        }
        (Callback::Record(button), Some(Dialogue::Record(state)), _) => {
            cx.bot.answer_callback_query(q.id.clone()).courtesy().await;
            let input = opinions::record::Input::Button(button);
            opinions::record::step(cx, state, input).await
        }
        (
            input @ (Callback::UseTitle | Callback::ScopeAll),
            Some(Dialogue::Draft(intake)),
            Some(message),
        ) => {
            cx.bot.answer_callback_query(q.id.clone()).courtesy().await;
            let input = if input == Callback::UseTitle {
                consultations::drafts::Input::UseTitle
            } else {
                consultations::drafts::Input::ScopeAll
            };
            consultations::drafts::step(cx, message, intake, input).await
        }
        _ => stale(cx, q).await,
    }
}

/// Answers a button that no longer does anything with 「这个按钮已经失效了」.
async fn stale(cx: &Ctx, q: &CallbackQuery) -> Result<(), HandlerError> {
    let text = fl!(cx.deps.locales.get(cx.who.locale), "button-stale");
    reply::toast(&cx.bot, q, text).await
}

/// Private messages that are not commands: the next step of the dialogue the person
/// is in, or, outside one, an FAQ file from an admin, a draft file from a publisher, a
/// law-popularization question, or something we do not understand.
async fn on_private_message(
    bot: Bot,
    deps: Deps,
    msg: Message,
    update: Update,
) -> Result<(), HandlerError> {
    let Some(user) = msg.from.as_ref() else {
        return Ok(());
    };
    let (who, dialogue) = route::load(&deps, user).await?;
    let cx = Ctx::new(bot, deps, who, &update);
    if cx.replayed() {
        // A replayed update (after a crash): this step was already applied, but its
        // reply may never have gone out.
        return route::show_current(&cx, dialogue).await;
    }
    let msg = &msg;
    let text = msg.text().unwrap_or_default();
    match dialogue {
        Some(Dialogue::Opinion(state)) => {
            let input = match opinions::dialogue::attachment(msg) {
                Some(file) => opinions::dialogue::Input::File(file),
                None => opinions::dialogue::Input::Text(text),
            };
            opinions::dialogue::step(&cx, state, input, None).await
        }
        Some(Dialogue::OpinionEdit(editing)) => {
            opinions::mine::apply_edit(&cx, editing.opinion, text).await
        }
        Some(Dialogue::Record(state)) => {
            let input = match msg.document() {
                Some(doc) => opinions::record::Input::Document(doc),
                None => opinions::record::Input::Text(text),
            };
            opinions::record::step(&cx, state, input).await
        }
        Some(Dialogue::Decision(pending)) => feedback::decide::text(&cx, pending, text).await,
        Some(Dialogue::Review(pending)) => review::text(&cx, pending, text).await,
        Some(Dialogue::Draft(intake)) => {
            let input = consultations::drafts::Input::Message;
            consultations::drafts::step(&cx, msg, intake, input).await
        }
        Some(Dialogue::Faq(state)) => faq::step(&cx, state, text).await,
        Some(Dialogue::Report(state)) => relay::message(&cx, state, msg).await,
        Some(Dialogue::Event(state)) => events::message(&cx, state, text).await,
        Some(Dialogue::Triage(state)) => relay::triage::text(&cx, state, text).await,
        Some(Dialogue::Ended(_) | Dialogue::Unreadable) | None => outside_dialogue(&cx, msg).await,
    }
}

/// A private message from someone in no dialogue.
async fn outside_dialogue(cx: &Ctx, msg: &Message) -> Result<(), HandlerError> {
    // 普法活动: 「签到 CODE」 at the venue, and staff photos captioned with an event's code.
    if let Some(code) = msg.text().and_then(events::checkin_text) {
        let name = msg.from.as_ref().map_or("", |u| u.first_name.as_str());
        return events::check_in(cx, name, code).await;
    }
    if events::photo(cx, msg).await? {
        return Ok(());
    }
    if faq::is_faq_file(msg) && cx.who.is_admin() {
        return faq::import_document(cx, msg).await;
    }
    if msg.document().is_some() && matches!(cx.who.role(), Some(Role::Admin | Role::Liaison)) {
        return consultations::drafts::file_outside_dialogue(cx, msg).await;
    }
    // Outside any dialogue, a question in words is a law-popularization question.
    if let Some(text) = msg.text().map(str::trim).filter(|t| !t.starts_with('/'))
        && faq::is_question(&cx.deps, text).await?
    {
        return faq::ask(cx, text).await;
    }
    fallback::unknown(cx, msg).await
}

/// Tells the person that handling their update failed, in their language, and always
/// answers a pressed button so their client stops spinning. A press Telegram no longer
/// lets us answer (a replay after a restart) is told in the private chat instead: the
/// notice must not depend on the courtesy that may be what failed.
pub async fn report_failure(bot: &Bot, deps: &Deps, update: &Update) {
    let locale = match update.from() {
        Some(user) => locale_for(deps, user).await,
        None => deps.default_locale,
    };
    let text = fl!(deps.locales.get(locale), "error-generic");
    let result = match &update.kind {
        teloxide::types::UpdateKind::CallbackQuery(q) => {
            let answered = bot
                .answer_callback_query(q.id.clone())
                .text(text.clone())
                .show_alert(true)
                .courtesy()
                .await;
            if answered {
                Ok(())
            } else {
                bot.send_message(ChatId(q.from.id.0 as i64), text)
                    .await
                    .map(drop)
            }
        }
        _ => match update.chat() {
            Some(chat) if chat.is_private() => bot.send_message(chat.id, text).await.map(drop),
            _ => Ok(()),
        },
    };
    if let Err(e) = result {
        tracing::warn!(error = %e, "could not tell the person about a failure");
    }
}
