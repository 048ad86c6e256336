//! 社情民意 on the web: the resident's report form and status link, the handling
//! department's answer page (a one-time link, no account), and the staff console's
//! triage pages. Everything decided lives in [`consult_domain::relay`]; these are
//! its pages.

mod department;
mod resident;
mod staff;

use axum::{
    Router,
    routing::{get, post},
};

use crate::WebState;

pub fn router() -> Router<WebState> {
    Router::new()
        .route("/r/new", get(resident::show).post(resident::review))
        .route("/r/new/submit", post(resident::submit))
        .route("/r/{token}", get(resident::status))
        .route("/d/{code}", get(department::show).post(department::answer))
        .route("/staff/reports", get(staff::queue))
        .route("/staff/reports/{id}", get(staff::show))
        .route("/staff/reports/{id}/{act}", post(staff::act))
        .route(
            "/staff/departments",
            get(staff::departments).post(staff::add_department),
        )
}
