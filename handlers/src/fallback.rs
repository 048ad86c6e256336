//! What the bot says when nothing else understood a private message: a pointer to
//! /help, never silence. In groups it stays quiet (privacy: it ignores chatter).

use teloxide::{
    prelude::*,
    types::{ParseMode, ReplyParameters},
};

use crate::{HandlerError, ctx::Ctx, i18n::fl};

pub async fn unknown(cx: &Ctx, msg: &Message) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let locale = who.locale;
    bot.send_message(
        msg.chat.id,
        fl!(deps.locales.get(locale), "unknown-message"),
    )
    .parse_mode(ParseMode::Html)
    .reply_parameters(ReplyParameters::new(msg.id).allow_sending_without_reply())
    .await?;
    Ok(())
}
