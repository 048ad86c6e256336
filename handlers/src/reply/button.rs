//! Answering a button press. The answer only stops the client's spinner (or shows a
//! toast): it is a courtesy, not part of the step the press asked for. Telegram refuses
//! it when the press is replayed after a restart or an outage ("query is too old and
//! response timeout expired or query ID is invalid", or the query was answered before
//! the crash), and the step and its reply must go on regardless — otherwise the
//! resident's step is lost and they hear nothing.

use teloxide::{
    payloads::{AnswerCallbackQuery, AnswerCallbackQuerySetters},
    prelude::*,
    requests::JsonRequest,
};

use crate::HandlerError;

pub(crate) trait Courtesy {
    /// Sends the answer; a refusal is logged, never returned. Returns whether Telegram
    /// took it, for the few callers that must tell the person another way.
    async fn courtesy(self) -> bool;
}

impl Courtesy for JsonRequest<AnswerCallbackQuery> {
    async fn courtesy(self) -> bool {
        match self.await {
            Ok(_) => true,
            Err(e) => {
                tracing::info!(error = %e, "a button press could not be answered; the step goes on");
                false
            }
        }
    }
}

/// Answers a pressed button with a toast: a short notice the client shows for a moment.
pub(crate) async fn toast(bot: &Bot, q: &CallbackQuery, text: String) -> Result<(), HandlerError> {
    bot.answer_callback_query(q.id.clone())
        .text(text)
        .courtesy()
        .await;
    Ok(())
}

/// Answers a pressed button with an alert the person dismisses: for a refusal.
pub(crate) async fn alert(bot: &Bot, q: &CallbackQuery, text: String) -> Result<(), HandlerError> {
    bot.answer_callback_query(q.id.clone())
        .text(text)
        .show_alert(true)
        .courtesy()
        .await;
    Ok(())
}
