//! The conversation: everything a person sees of consult-bot on Telegram, rendered
//! through the locales. Knows nothing of how updates arrive: the bot crate hands each
//! update to [`schema`] together with [`Deps`].

pub mod deps;
pub mod error;
mod fallback;
pub mod html;
pub mod i18n;
mod locale;

pub use deps::Deps;
pub use error::HandlerError;
pub use locale::locale_for;

use teloxide::{dispatching::UpdateHandler, prelude::*};

/// The handler tree. One branch per feature; the last branches catch what nobody
/// else understood.
pub fn schema() -> UpdateHandler<HandlerError> {
    dptree::entry().branch(fallback::schema())
}

/// Tells the person that handling their update failed, in their language, and always
/// answers a pressed button so their client stops spinning.
pub async fn report_failure(bot: &Bot, deps: &Deps, update: &Update) {
    let locale = match update.from() {
        Some(user) => locale_for(deps, user).await,
        None => deps.default_locale,
    };
    let text = i18n::fl!(deps.locales.get(locale), "error-generic");
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
