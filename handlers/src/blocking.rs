//! CPU-heavy work of a handler — a draft or a spreadsheet parsed, a chart drawn — runs on
//! tokio's blocking threads, so that the async workers keep serving every other chat
//! meanwhile instead of stalling behind one liaison's 10 MB file.

use crate::error::HandlerError;

pub(crate) async fn run<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, HandlerError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| HandlerError::Blocking(e.to_string()))
}
