//! 社情民意 on the web: the resident's report form and status link, the handling
//! department's answer page (a one-time link, no account), and the staff console's
//! triage pages, department directory and category list. Everything decided lives in
//! [`consult_domain::relay`]; these are its pages.

mod categories;
mod department;
mod resident;
mod staff;

use crate::{WebState, photos::FORM_BODY_BYTES};
use axum::{
    Router,
    extract::DefaultBodyLimit,
    routing::{get, post},
};

pub fn router() -> Router<WebState> {
    Router::new()
        .route(
            "/r/new",
            get(resident::show)
                .post(resident::review)
                .layer(DefaultBodyLimit::max(FORM_BODY_BYTES)),
        )
        .route("/r/new/submit", post(resident::submit))
        .route("/r/{token}", get(resident::status))
        .route("/d/{code}", get(department::show).post(department::answer))
        .route("/d/{code}/photos/{photo}", get(department::photo))
        .route("/staff/reports", get(staff::queue))
        .route("/staff/reports/{id}", get(staff::show))
        .route("/staff/reports/{id}/{act}", post(staff::act))
        .route("/staff/reports/{id}/photos/{photo}", get(staff::photo))
        .route(
            "/staff/departments",
            get(staff::departments).post(staff::add_department),
        )
        .route(
            "/staff/departments/{id}/active",
            post(staff::department_active),
        )
        .route(
            "/staff/categories",
            get(categories::list).post(categories::add),
        )
        .route("/staff/categories/{code}/{act}", post(categories::change))
}
