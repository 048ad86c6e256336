//! A screen in a person's private chat: the message whose button was pressed, edited
//! in place, or a new message when nothing was pressed (a command). Pressing the same
//! button twice changes nothing, and Telegram's "message is not modified" answer to
//! that is no error. Every handler that edits or sends a screen goes through here.

use teloxide::{
    ApiError, RequestError,
    prelude::*,
    types::{InlineKeyboardMarkup, MessageId, ParseMode},
};

use crate::{HandlerError, person::Person};

/// Where a screen is shown.
#[derive(Clone, Copy)]
pub struct Screen<'a> {
    pub bot: &'a Bot,
    pub chat: ChatId,
    /// The message to edit in place; None sends a new one.
    pub edit: Option<MessageId>,
}

impl<'a> Screen<'a> {
    /// The screen in `who`'s private chat.
    pub fn of(bot: &'a Bot, who: &Person, edit: Option<MessageId>) -> Self {
        Self {
            bot,
            chat: ChatId(who.id),
            edit,
        }
    }

    /// Shows `text` with `keyboard`: edits the message, or sends a new one (in
    /// several when longer than one message, the buttons under the last).
    pub async fn show(
        &self,
        text: String,
        keyboard: InlineKeyboardMarkup,
    ) -> Result<(), HandlerError> {
        let Some(id) = self.edit else {
            return super::send::in_pieces(self.bot, self.chat, text, Some(keyboard)).await;
        };
        let result = self
            .bot
            .edit_message_text(self.chat, id, text)
            .parse_mode(ParseMode::Html)
            .reply_markup(keyboard)
            .await;
        match result {
            Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}
