//! The conversation: everything a person sees of consult-bot on Telegram, rendered
//! through the locales. Knows nothing of how updates arrive: the bot crate hands each
//! update to [`schema`] together with [`Deps`].
//!
//! One module per feature; [`schema`] routes updates to them, and a private update by
//! the one [`dialogue::route::Dialogue`] the person is in, read once with who they are.

mod blocking;
mod callback;
pub mod cards;
pub mod chart;
pub mod commands;
pub mod consultations;
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
    dialogue::route::{self, Dialogue},
    i18n::fl,
    person::Person,
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
    let private = msg.chat.is_private();
    // /cancel always works, even when a stale dialogue would take the update for a replay.
    if private && cmd != Command::Cancel && who.already_applied(&update) {
        return route::show_current(&bot, &deps, &who, dialogue).await;
    }
    match cmd {
        Command::Help => start::help(bot, deps, msg, me, who).await,
        Command::Link(arg) => groups::link(bot, deps, msg, who, arg).await,
        Command::Unlink => groups::unlink(bot, deps, msg, who).await,
        Command::Start(payload) if private => {
            start::start(bot, deps, msg, who, payload, update.id.0 as i64).await
        }
        Command::Lang(arg) if private => i18n::choose::choose(bot, deps, msg, who, arg).await,
        Command::Groups if private => groups::list(bot, deps, msg, who).await,
        Command::Invite(args) if private => invites::invite(bot, deps, msg, me, who, args).await,
        Command::Status if private => status::status(bot, deps, msg, who).await,
        Command::Consultations if private => {
            consultations::browse::Browsing {
                bot: &bot,
                deps: &deps,
                who: &who,
                edit: None,
            }
            .list()
            .await
        }
        Command::Newdraft if private => consultations::drafts::start(bot, deps, who, update).await,
        Command::Cancel if private => route::cancel(&bot, &deps, &who, dialogue).await,
        Command::Skip if private => {
            let id = update.id.0 as i64;
            match dialogue {
                Some(Dialogue::Opinion(state)) => {
                    let input = opinions::dialogue::Input::Skip;
                    opinions::dialogue::step(&bot, &deps, &who, id, state, input, None).await
                }
                Some(Dialogue::Record(state)) => {
                    opinions::record::step(
                        &bot,
                        &deps,
                        &who,
                        id,
                        state,
                        opinions::record::Input::Skip,
                    )
                    .await
                }
                Some(Dialogue::Decision(pending)) => {
                    feedback::decide::skip(&bot, &deps, &who, pending, id).await
                }
                Some(Dialogue::Draft(intake)) => {
                    let input = consultations::drafts::Input::Skip;
                    consultations::drafts::step(bot, deps, msg, who, update, intake, input).await
                }
                _ => fallback::unknown(bot, deps, msg).await,
            }
        }
        Command::Mine if private => opinions::mine::mine(&bot, &deps, &who).await,
        Command::Publish(arg) if private => {
            consultations::manage::publish(bot, deps, msg, who, arg).await
        }
        Command::Announce(arg) if private => {
            consultations::manage::announce(bot, deps, msg, who, arg).await
        }
        Command::Extend(arg) if private => {
            consultations::manage::extend(bot, deps, msg, who, arg).await
        }
        Command::Summary(arg) if private => {
            consultations::manage::set_summary(bot, deps, msg, who, arg).await
        }
        Command::Withdraw(arg) if private => {
            consultations::manage::end(bot, deps, msg, who, arg, true).await
        }
        Command::Close(arg) if private => {
            consultations::manage::end(bot, deps, msg, who, arg, false).await
        }
        Command::Revise(arg) if private => {
            consultations::drafts::revise(bot, deps, who, update, arg).await
        }
        Command::Export(arg) if private => export::export(&bot, &deps, &who, &arg).await,
        Command::Review if private => review::command(&bot, &deps, &who).await,
        Command::Stats(arg) if private => stats::command(&bot, &deps, &who, &arg).await,
        Command::Poster(arg) if private => poster::command(&bot, &deps, &who, &arg).await,
        Command::Decide(arg) if private => feedback::decide::command(&bot, &deps, &who, &arg).await,
        Command::Opencall(arg) if private => open_calls::command(&bot, &deps, &who, &arg).await,
        Command::Release(arg) if private => {
            feedback::release::command(&bot, &deps, &who, &arg).await
        }
        Command::Unreached(arg) if private => {
            feedback::unreached::command(&bot, &deps, &who, &arg).await
        }
        Command::Conclude(arg) if private => {
            feedback::conclude::command(&bot, &deps, &who, &arg).await
        }
        Command::Record(arg) if private => {
            opinions::record::command(&bot, &deps, &who, &arg, update.id.0 as i64).await
        }
        Command::Prompt(arg) if private => opinions::prompts::prompt(bot, deps, who, arg).await,
        Command::Prompts if private => opinions::prompts::list(bot, deps, who).await,
        Command::Mydata if private => privacy::mydata(bot, deps, msg, who).await,
        Command::Forget if private => privacy::forget(bot, deps, msg, who).await,
        Command::Faq(question) => faq::command(&bot, &deps, &msg, &me, &who, &question).await,
        Command::Unanswered if private => faq::unanswered(&bot, &deps, &who).await,
        Command::Staff(arg) if private => staff::command(&bot, &deps, &who, &arg).await,
        Command::Web if private => staff::web(&bot, &deps, &who).await,
        Command::Report(arg) if private => {
            relay::start(&bot, &deps, &who, &arg, update.id.0 as i64).await
        }
        Command::Reports if private => relay::queue(&bot, &deps, &who).await,
        Command::Events if private => events::list(&bot, &deps, &who).await,
        Command::Event(arg) if private => events::staff_command(&bot, &deps, &who, &arg).await,
        Command::Newevent if private => {
            events::new_event(&bot, &deps, &who, update.id.0 as i64).await
        }
        Command::Checkin(code) if private => {
            let name = user.first_name.as_str();
            events::check_in(&bot, &deps, &who, name, &code).await
        }
        Command::Categories(arg) if private => {
            relay::categories::command(&bot, &deps, &who, &arg).await
        }
        Command::Point(arg) if private => points::command(&bot, &deps, &who, &arg).await,
        // Personal commands are not answered in front of the whole group.
        _ => {
            let text = fl!(
                deps.locales.get(who.locale),
                "private-only",
                bot = me.username()
            );
            reply::html(&bot, msg.chat.id, text).await?;
            Ok(())
        }
    }
}

/// Buttons: callback data is untrusted, so anything we cannot decode gets a friendly
/// answer, and every query is answered so the client stops waiting.
async fn on_button(
    bot: Bot,
    deps: Deps,
    update: Update,
    q: CallbackQuery,
) -> Result<(), HandlerError> {
    let edit = q.regular_message().map(|m| m.id);
    let decoded = q.data.as_deref().map(Callback::decode);
    match decoded {
        Some(Ok(Callback::Lang(locale))) => i18n::choose::chosen(bot, deps, q, locale).await,
        Some(Ok(Callback::ForgetConfirm { asked })) => privacy::confirm(bot, deps, q, asked).await,
        Some(Ok(Callback::ForgetCancel)) => privacy::cancel(bot, deps, q).await,
        Some(Ok(
            browse @ (Callback::Consultations
            | Callback::Consultation { .. }
            | Callback::Articles { .. }
            | Callback::Article { .. }),
        )) => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            let who = Person::load(&deps, &q.from).await?;
            let screen = consultations::browse::Browsing {
                bot: &bot,
                deps: &deps,
                who: &who,
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
        Some(Ok(Callback::Opine { id, version, index })) => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            let who = Person::load(&deps, &q.from).await?;
            // A button for an older version starts on the current one, without the article.
            let current = deps.db.consultations().get(id).await?.map(|c| c.version);
            let index = index.filter(|_| current == Some(version));
            opinions::dialogue::start(&bot, &deps, &who, id, index, None, update.id.0 as i64).await
        }
        Some(Ok(Callback::EditOpinion { id })) => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            let who = Person::load(&deps, &q.from).await?;
            opinions::mine::start_edit(&bot, &deps, &who, id, update.id.0 as i64).await
        }
        // Buttons that change something outside a dialogue learn from the person's
        // dialogue whether this update was applied already: a replay gets no effect.
        Some(Ok(Callback::WithdrawOpinion { id })) => {
            let who = Person::load(&deps, &q.from).await?;
            if who.already_applied(&update) {
                return stale(&bot, &deps, &q, &who).await;
            }
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            opinions::mine::withdraw(&bot, &deps, &who, id).await
        }
        Some(Ok(
            c @ (Callback::Vote { .. }
            | Callback::PromptTarget { .. }
            | Callback::PromptCancel { .. }),
        )) => opinions::prompts::button(bot, deps, q, c).await,
        Some(Ok(c @ (Callback::HeldConfirm { .. } | Callback::HeldDiscard))) => {
            opinions::group_replies::button(bot, deps, q, c).await
        }
        Some(Ok(
            c @ (Callback::ReviewList
            | Callback::ReviewView { .. }
            | Callback::ReviewAct { .. }
            | Callback::ReviewDuplicate { .. }),
        )) => review::button_pressed(&bot, &deps, &q, c, update.id.0 as i64).await,
        Some(Ok(c @ (Callback::Stats { .. } | Callback::Assessment(_)))) => {
            stats::button(&bot, &deps, &q, c).await
        }
        Some(Ok(Callback::Relay(b))) => {
            let (who, dialogue) = route::load(&deps, &q.from).await?;
            if who.already_applied(&update) {
                bot.answer_callback_query(q.id.clone()).courtesy().await;
                return route::show_current(&bot, &deps, &who, dialogue).await;
            }
            let id = update.id.0 as i64;
            let report = match dialogue {
                Some(Dialogue::Report(state)) => Some(state),
                _ => None,
            };
            relay::button_pressed(&bot, &deps, &q, who, report, b, id).await
        }
        Some(Ok(Callback::Event(b))) => {
            let (who, dialogue) = route::load(&deps, &q.from).await?;
            if who.already_applied(&update) {
                bot.answer_callback_query(q.id.clone()).courtesy().await;
                return route::show_current(&bot, &deps, &who, dialogue).await;
            }
            let id = update.id.0 as i64;
            let draft = match dialogue {
                Some(Dialogue::Event(state)) => Some(state),
                _ => None,
            };
            events::button_pressed(&bot, &deps, &q, who, draft, b, id).await
        }
        Some(Ok(Callback::Decision(b))) => {
            let (who, dialogue) = route::load(&deps, &q.from).await?;
            if who.already_applied(&update) {
                return stale(&bot, &deps, &q, &who).await;
            }
            let pending = match dialogue {
                Some(Dialogue::Decision(pending)) => Some(pending),
                _ => None,
            };
            let id = update.id.0 as i64;
            feedback::button_pressed(&bot, &deps, &q, who, pending, b, id).await
        }
        Some(Ok(
            c @ (Callback::Faq { .. } | Callback::FaqAnswer { .. } | Callback::FaqDismiss { .. }),
        )) => faq::button(&bot, &deps, &q, c, update.id.0 as i64).await,
        Some(Ok(
            button @ (Callback::Opinion(_)
            | Callback::Record(_)
            | Callback::UseTitle
            | Callback::ScopeAll),
        )) => dialogue_button(bot, deps, update, q, button).await,
        _ => {
            let locale = locale_for(&deps, &q.from).await;
            reply::toast(&bot, &q, fl!(deps.locales.get(locale), "button-stale")).await
        }
    }
}

/// The buttons of a dialogue's steps: the next step of the dialogue the person is in,
/// or 「这个按钮已经失效了」 when they are in no dialogue of that button's kind (any
/// more). A replayed press shows where the dialogue stands now.
async fn dialogue_button(
    bot: Bot,
    deps: Deps,
    update: Update,
    q: CallbackQuery,
    button: Callback,
) -> Result<(), HandlerError> {
    let (who, dialogue) = route::load(&deps, &q.from).await?;
    if who.already_applied(&update) {
        bot.answer_callback_query(q.id.clone()).courtesy().await;
        return route::show_current(&bot, &deps, &who, dialogue).await;
    }
    let id = update.id.0 as i64;
    let edit = q.regular_message().map(|m| m.id);
    match (button, dialogue, q.regular_message().cloned()) {
        (Callback::Opinion(button), Some(Dialogue::Opinion(state)), _) => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            let input = opinions::dialogue::Input::Button(button);
            opinions::dialogue::step(&bot, &deps, &who, id, state, input, edit).await
        }
        (Callback::Record(button), Some(Dialogue::Record(state)), _) => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            let input = opinions::record::Input::Button(button);
            opinions::record::step(&bot, &deps, &who, id, state, input).await
        }
        (
            input @ (Callback::UseTitle | Callback::ScopeAll),
            Some(Dialogue::Draft(intake)),
            Some(message),
        ) => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            let input = if input == Callback::UseTitle {
                consultations::drafts::Input::UseTitle
            } else {
                consultations::drafts::Input::ScopeAll
            };
            consultations::drafts::step(bot, deps, message, who, update, intake, input).await
        }
        _ => stale(&bot, &deps, &q, &who).await,
    }
}

/// Answers a button that no longer does anything with 「这个按钮已经失效了」.
async fn stale(
    bot: &Bot,
    deps: &Deps,
    q: &CallbackQuery,
    who: &Person,
) -> Result<(), HandlerError> {
    reply::toast(bot, q, fl!(deps.locales.get(who.locale), "button-stale")).await
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
    if who.already_applied(&update) {
        // A replayed update (after a crash): this step was already applied, but its
        // reply may never have gone out.
        return route::show_current(&bot, &deps, &who, dialogue).await;
    }
    let id = update.id.0 as i64;
    let text = msg.text().unwrap_or_default();
    match dialogue {
        Some(Dialogue::Opinion(state)) => {
            let input = match opinions::dialogue::attachment(&msg) {
                Some(file) => opinions::dialogue::Input::File(file),
                None => opinions::dialogue::Input::Text(text),
            };
            opinions::dialogue::step(&bot, &deps, &who, id, state, input, None).await
        }
        Some(Dialogue::OpinionEdit(editing)) => {
            opinions::mine::apply_edit(&bot, &deps, &who, editing.opinion, text).await
        }
        Some(Dialogue::Record(state)) => {
            let input = match msg.document() {
                Some(doc) => opinions::record::Input::Document(doc),
                None => opinions::record::Input::Text(text),
            };
            opinions::record::step(&bot, &deps, &who, id, state, input).await
        }
        Some(Dialogue::Decision(pending)) => {
            feedback::decide::text(&bot, &deps, &who, pending, text, id).await
        }
        Some(Dialogue::Review(pending)) => review::text(&bot, &deps, &who, pending, text).await,
        Some(Dialogue::Draft(intake)) => {
            let input = consultations::drafts::Input::Message;
            consultations::drafts::step(bot, deps, msg, who, update, intake, input).await
        }
        Some(Dialogue::Faq(state)) => faq::step(&bot, &deps, &who, state, text, id).await,
        Some(Dialogue::Report(state)) => relay::message(&bot, &deps, &who, id, state, &msg).await,
        Some(Dialogue::Event(state)) => events::message(&bot, &deps, &who, id, state, text).await,
        Some(Dialogue::Triage(state)) => {
            relay::triage::text(&bot, &deps, &who, state, text, id).await
        }
        Some(Dialogue::Ended(_) | Dialogue::Unreadable) | None => {
            outside_dialogue(bot, deps, msg, who, update).await
        }
    }
}

/// A private message from someone in no dialogue.
async fn outside_dialogue(
    bot: Bot,
    deps: Deps,
    msg: Message,
    who: Person,
    update: Update,
) -> Result<(), HandlerError> {
    // 普法活动: 「签到 CODE」 at the venue, and staff photos captioned with an event's code.
    if let Some(code) = msg.text().and_then(events::checkin_text) {
        let name = msg.from.as_ref().map_or("", |u| u.first_name.as_str());
        return events::check_in(&bot, &deps, &who, name, code).await;
    }
    if events::photo(&bot, &deps, &who, &msg).await? {
        return Ok(());
    }
    if faq::is_faq_file(&msg) && who.is_admin() {
        return faq::import_document(&bot, &deps, &who, &msg).await;
    }
    if msg.document().is_some() && matches!(who.role(), Some(Role::Admin | Role::Liaison)) {
        return consultations::drafts::file_outside_dialogue(bot, deps, msg, who, update).await;
    }
    // Outside any dialogue, a question in words is a law-popularization question.
    if let Some(text) = msg.text().map(str::trim).filter(|t| !t.starts_with('/'))
        && faq::is_question(&deps, text).await?
    {
        return faq::ask(&bot, &deps, &who, text).await;
    }
    fallback::unknown(bot, deps, msg).await
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
