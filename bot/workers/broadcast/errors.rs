//! What a failed send means for a delivery, classified from teloxide's
//! `RequestError` (see the worker's notes in [`super`]), and how long a transient
//! failure waits before the next try.

use teloxide::{
    ApiError, RequestError,
    types::{ChatId, Seconds},
};

/// Failed sends (network, 5xx …) of one delivery before it is given up as failed.
pub const MAX_ATTEMPTS: i32 = 8;

/// What a failed send means for its delivery.
#[derive(Debug)]
pub(super) enum Failure {
    /// Telegram told this chat to wait (`retry_after`): its deliveries wait alone.
    Wait(Seconds),
    /// The group became a supergroup with this id: re-key it and retry at once.
    Migrated(ChatId),
    /// The chat refuses our messages (`Forbidden:`, blocked, removed): deactivate
    /// the group and fail the delivery.
    Forbidden(String),
    /// Telegram refused the message (`Bad Request:`): sending it again cannot succeed.
    Refused(String),
    /// Network, invalid JSON, 5xx and the rest: back off, and give up after
    /// [`MAX_ATTEMPTS`].
    Transient(String),
}

/// Classifies a failed send.
pub(super) fn classify(e: RequestError) -> Failure {
    match e {
        RequestError::RetryAfter(secs) => Failure::Wait(secs),
        RequestError::MigrateToChatId(new) => Failure::Migrated(new),
        RequestError::Api(e) => {
            let text = api_text(&e);
            if is_forbidden(&e, &text) {
                Failure::Forbidden(text)
            } else if text.starts_with("Bad Request:") {
                Failure::Refused(text)
            } else {
                Failure::Transient(text)
            }
        }
        e => Failure::Transient(e.to_string()),
    }
}

/// How long a delivery waits after its `attempt`-th failed send: 5 s doubling to 10 min.
pub fn backoff(attempt: i32) -> chrono::Duration {
    let exp = attempt.clamp(1, 8) as u32 - 1;
    chrono::Duration::seconds((5i64 << exp).min(600))
}

/// Telegram's description of an API error. teloxide knows some texts by name (and some
/// of its names are out of date); the rest arrive as `Unknown(text)`.
pub(super) fn api_text(e: &ApiError) -> String {
    match e {
        ApiError::Unknown(text) => text.clone(),
        other => other.to_string(),
    }
}

fn is_forbidden(e: &ApiError, text: &str) -> bool {
    text.starts_with("Forbidden:")
        || matches!(
            e,
            ApiError::BotBlocked
                | ApiError::BotKicked
                | ApiError::BotKickedFromSupergroup
                | ApiError::BotKickedFromChannel
                | ApiError::UserDeactivated
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_to_a_ceiling() {
        assert_eq!(backoff(1), chrono::Duration::seconds(5));
        assert_eq!(backoff(2), chrono::Duration::seconds(10));
        assert_eq!(backoff(20), chrono::Duration::seconds(600));
    }
}
