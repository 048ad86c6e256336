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
/// Text longer than one message is split at line boundaries.
pub async fn to(
    bot: &Bot,
    who: &crate::person::Person,
    text: String,
) -> Result<(), crate::HandlerError> {
    in_pieces(bot, ChatId(who.id), text, None).await
}

/// Like [`to`], with buttons (under the last piece).
pub async fn to_with_keyboard(
    bot: &Bot,
    who: &crate::person::Person,
    text: String,
    keyboard: InlineKeyboardMarkup,
) -> Result<(), crate::HandlerError> {
    in_pieces(bot, ChatId(who.id), text, Some(keyboard)).await
}

/// Sends text that may be longer than one message (a read-back quoting a long
/// opinion, a list): whole lines per message, so no tag is cut in two.
pub(crate) async fn in_pieces(
    bot: &Bot,
    chat: ChatId,
    text: String,
    keyboard: Option<InlineKeyboardMarkup>,
) -> Result<(), crate::HandlerError> {
    let fits = crate::html::visible_len(&text).is_ok_and(|n| n <= crate::html::MESSAGE_LIMIT);
    let pieces = if fits {
        vec![text]
    } else {
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        crate::html::split_lines(&lines, crate::html::MESSAGE_LIMIT)
    };
    let last = pieces.len().saturating_sub(1);
    let mut keyboard = keyboard;
    for (i, piece) in pieces.into_iter().enumerate() {
        match (i == last, keyboard.take()) {
            (true, Some(k)) => html_with_keyboard(bot, chat, piece, k).await?,
            (false, k) => {
                keyboard = k;
                html(bot, chat, piece).await?
            }
            (true, None) => html(bot, chat, piece).await?,
        };
    }
    Ok(())
}
