//! How updates arrive. Whatever the source, an update is stored in the inbox before it
//! is acknowledged to Telegram, and the dispatcher is woken to handle it.

mod polling;
pub mod webhook;

pub use polling::Polling;
pub use webhook::{Webhook, WebhookConfig};

use teloxide::types::AllowedUpdate;
use tokio_util::sync::CancellationToken;

/// The update kinds the handlers use, asked for by getUpdates and setWebhook alike
/// (one list, so the two modes never differ): messages (commands, dialogues, group
/// replies and service messages), button presses, the bot's own membership in groups,
/// and inline queries (the FAQ). Telegram sends no other kind, so none is stored.
pub const ALLOWED_UPDATES: &[AllowedUpdate] = &[
    AllowedUpdate::Message,
    AllowedUpdate::CallbackQuery,
    AllowedUpdate::MyChatMember,
    AllowedUpdate::InlineQuery,
];

/// The running source of updates: long polling, or the webhook endpoint.
pub enum Intake {
    Polling(Polling),
    Webhook(Webhook),
}

impl Intake {
    /// Runs until `stop`; either way, nothing is acknowledged before it is stored.
    pub async fn run(self, stop: CancellationToken) {
        match self {
            Intake::Polling(p) => p.run(stop).await,
            Intake::Webhook(w) => w.run(stop).await,
        }
    }
}
