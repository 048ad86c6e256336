//! The conversation: everything a person sees of consult-bot on Telegram, rendered
//! through the locales. Knows nothing of how updates arrive: the bot crate hands each
//! update to [`schema`] together with [`Deps`].
//!
//! One module per feature; [`schema`] routes updates to them.

mod callback;
pub mod commands;
pub mod deps;
pub mod error;
mod errors;
mod fallback;
mod groups;
pub mod html;
pub mod i18n;
mod invites;
mod language;
mod locale;
mod person;
mod reply;
mod start;

pub use deps::Deps;
pub use error::HandlerError;
pub use locale::locale_for;

use consult_domain::{people::Locale, roles::Role};
use teloxide::{dispatching::UpdateHandler, prelude::*, types::Me};

use crate::{callback::Callback, commands::Command, i18n::fl, person::Person};

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
        .branch(fallback::schema())
}

async fn on_command(
    bot: Bot,
    deps: Deps,
    msg: Message,
    me: Me,
    cmd: Command,
) -> Result<(), HandlerError> {
    let Some(user) = msg.from.as_ref() else {
        return Ok(());
    };
    let who = Person::load(&deps, user).await?;
    let private = msg.chat.is_private();
    match cmd {
        Command::Help => start::help(bot, deps, msg, me, who).await,
        Command::Link(arg) => groups::link(bot, deps, msg, who, arg).await,
        Command::Unlink => groups::unlink(bot, deps, msg, who).await,
        Command::Start(payload) if private => start::start(bot, deps, msg, who, payload).await,
        Command::Lang(arg) if private => language::choose(bot, deps, msg, who, arg).await,
        Command::Groups if private => groups::list(bot, deps, msg, who).await,
        Command::Invite(args) if private => invites::invite(bot, deps, msg, me, who, args).await,
        // Personal commands are not answered in front of the whole group.
        Command::Start(_) | Command::Lang(_) | Command::Groups | Command::Invite(_) => {
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
async fn on_button(bot: Bot, deps: Deps, q: CallbackQuery) -> Result<(), HandlerError> {
    match q.data.as_deref().map(Callback::decode) {
        Some(Ok(Callback::Lang(locale))) => language::chosen(bot, deps, q, locale).await,
        _ => {
            let locale = locale_for(&deps, &q.from).await;
            bot.answer_callback_query(q.id.clone())
                .text(fl!(deps.locales.get(locale), "button-stale"))
                .await?;
            Ok(())
        }
    }
}

/// A role's name in a person's language.
pub(crate) fn role_name(deps: &Deps, locale: Locale, role: Role) -> String {
    deps.locales
        .text(locale, &format!("role-{}", role.as_str()), &[])
}

/// Tells the person that handling their update failed, in their language, and always
/// answers a pressed button so their client stops spinning.
pub async fn report_failure(bot: &Bot, deps: &Deps, update: &Update) {
    let locale = match update.from() {
        Some(user) => locale_for(deps, user).await,
        None => deps.default_locale,
    };
    let text = fl!(deps.locales.get(locale), "error-generic");
    let result = match &update.kind {
        teloxide::types::UpdateKind::CallbackQuery(q) => bot
            .answer_callback_query(q.id.clone())
            .text(text)
            .show_alert(true)
            .await
            .map(drop),
        _ => match update.chat() {
            Some(chat) if chat.is_private() => bot.send_message(chat.id, text).await.map(drop),
            _ => Ok(()),
        },
    };
    if let Err(e) = result {
        tracing::warn!(error = %e, "could not tell the person about a failure");
    }
}
