//! Sending messages: always HTML, as DESIGN's conventions say.

use teloxide::{
    RequestError,
    prelude::*,
    types::{ChatId, InlineKeyboardMarkup, ParseMode},
};

pub async fn html(bot: &Bot, chat: ChatId, text: String) -> Result<Message, RequestError> {
    bot.send_message(chat, text)
        .parse_mode(ParseMode::Html)
        .await
}

pub async fn html_with_keyboard(
    bot: &Bot,
    chat: ChatId,
    text: String,
    keyboard: InlineKeyboardMarkup,
) -> Result<Message, RequestError> {
    bot.send_message(chat, text)
        .parse_mode(ParseMode::Html)
        .reply_markup(keyboard)
        .await
}

/// Says `text` to a person in their private chat (for handlers that work with a
/// [`Person`](crate::person::Person) rather than the message that prompted them).
pub async fn to(
    bot: &Bot,
    who: &crate::person::Person,
    text: String,
) -> Result<(), crate::HandlerError> {
    html(bot, ChatId(who.id), text).await?;
    Ok(())
}

/// Like [`to`], with buttons.
pub async fn to_with_keyboard(
    bot: &Bot,
    who: &crate::person::Person,
    text: String,
    keyboard: InlineKeyboardMarkup,
) -> Result<(), crate::HandlerError> {
    html_with_keyboard(bot, ChatId(who.id), text, keyboard).await?;
    Ok(())
}
