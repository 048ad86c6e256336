//! Failures a page can end in. A handler returns the kind; the response is drawn in
//! the visitor's language by [`crate::page::localize_errors`], so a missing page reads
//! the same whatever made it missing.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// Unknown, unpublished and withdrawn consultations (and unknown status links) all
    /// answer this one page, so nobody can probe for drafts not yet public.
    #[error("not found")]
    NotFound,
    /// The database failed; the visitor is told to try again, the cause is logged.
    #[error(transparent)]
    Domain(#[from] consult_domain::Error),
    /// The locale files could not be loaded at start.
    #[error("locales: {0}")]
    Locales(String),
    /// A download could not be built (a bug, not the person's mistake): the page says
    /// something went wrong, the cause is logged.
    #[error("could not build a file: {0}")]
    Build(String),
    /// Work moved off the async threads (parsing an uploaded draft) failed.
    #[error("background task: {0}")]
    Task(String),
}

/// Marks a response whose body [`crate::page::localize_errors`] draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorPage {
    NotFound,
    Internal,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, page) = match &self {
            WebError::NotFound => (StatusCode::NOT_FOUND, ErrorPage::NotFound),
            WebError::Domain(e) => {
                tracing::error!(error = %e, "web page failed");
                (StatusCode::INTERNAL_SERVER_ERROR, ErrorPage::Internal)
            }
            WebError::Locales(e) | WebError::Build(e) | WebError::Task(e) => {
                tracing::error!(error = %e, "web page failed");
                (StatusCode::INTERNAL_SERVER_ERROR, ErrorPage::Internal)
            }
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(page);
        response
    }
}

/// The router's fallback: any path we do not serve.
pub async fn not_found() -> WebError {
    WebError::NotFound
}
