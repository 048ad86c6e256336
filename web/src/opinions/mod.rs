//! A resident's opinion on the web: giving it (form, read-back, receipt), following it
//! through its status link (edit, withdraw, the outcome), and the list of those given
//! from this browser. The rules are the chat dialogue's, from the domain.

pub(crate) mod form;
mod give;
mod mine;
mod status;

use axum::{Router, routing::get};
use maud::{Markup, html};

use crate::WebState;

pub fn router() -> Router<WebState> {
    Router::new()
        .route("/c/{id}/opinion", get(give::show).post(give::review))
        .route("/c/{id}/opinion/submit", axum::routing::post(give::submit))
        .route("/o/{token}", get(status::show))
        .route("/o/{token}/edit", get(status::edit_form).post(status::edit))
        .route(
            "/o/{token}/withdraw",
            get(status::withdraw_form).post(status::withdraw),
        )
        .route("/mine", get(mine::list))
}

/// A resident's text, one paragraph a line.
pub(crate) fn multiline(text: &str) -> Markup {
    html! {
        @for line in text.lines().filter(|l| !l.trim().is_empty()) {
            p { (line) }
        }
    }
}
