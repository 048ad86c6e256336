//! Why a handler failed. The dispatch loop retries transient failures and tells the
//! person about the rest.

#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    /// Storage refused or was unreachable.
    #[error(transparent)]
    Domain(#[from] consult_domain::Error),
    /// Telegram refused a call; the spec-checked fake server makes this rare in tests.
    #[error("Bot API: {0}")]
    Telegram(#[from] teloxide::RequestError),
    /// A file could not be downloaded from Telegram.
    #[error("download: {0}")]
    Download(String),
    /// Work moved off the async workers ended without an answer (it panicked, or the
    /// runtime is shutting down).
    #[error("blocking task: {0}")]
    Blocking(String),
}

impl HandlerError {
    /// True when trying the same update again later may succeed.
    pub fn is_transient(&self) -> bool {
        match self {
            HandlerError::Domain(e) => e.is_transient(),
            HandlerError::Telegram(e) => matches!(
                e,
                teloxide::RequestError::Network(_) | teloxide::RequestError::RetryAfter(_)
            ),
            HandlerError::Download(_) => true,
            HandlerError::Blocking(_) => false,
        }
    }
}
