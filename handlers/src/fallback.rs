//! What the bot says when nothing else understood a private message: a pointer to
//! /help, never silence. In groups it stays quiet (privacy: it ignores chatter).

use teloxide::{
    prelude::*,
    types::{ParseMode, ReplyParameters},
};

use crate::{Deps, HandlerError, i18n::fl, locale_for};

pub async fn unknown(bot: Bot, deps: Deps, msg: Message) -> Result<(), HandlerError> {
    let Some(user) = msg.from.as_ref() else {
        return Ok(());
    };
    let locale = locale_for(&deps, user).await;
    bot.send_message(
        msg.chat.id,
        fl!(deps.locales.get(locale), "unknown-message"),
    )
    .parse_mode(ParseMode::Html)
    .reply_parameters(ReplyParameters::new(msg.id).allow_sending_without_reply())
    .await?;
    Ok(())
}
