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
