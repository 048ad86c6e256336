//! 普法活动 on the web, for residents with no account: the events to come
//! (`/events`), one event's page with its sign-up form — a name is optional —
//! (`/e/{id}`), the private link that manages a sign-up and shows where it stands and
//! when the reminders fall (`/e/m/{token}`), the event as a calendar file
//! (`/e/{id}/event.ics`), and the check-in page the venue's QR code opens
//! (`/e/checkin/{code}`). The staff console's pages are [`crate::staff::events`].
//! Everything decided lives in [`consult_domain::events`]; no JavaScript needed.

mod resident;

pub use resident::{event_block, refusal, teller};

use axum::{
    Router,
    routing::{get, post},
};

use crate::WebState;

pub fn router() -> Router<WebState> {
    Router::new()
        .route("/events", get(resident::list))
        .route("/e/{id}", get(resident::show).post(resident::sign_up))
        .route("/e/{id}/event.ics", get(resident::calendar))
        .route("/e/m/{token}", get(resident::manage))
        .route("/e/m/{token}/cancel", post(resident::withdraw))
        .route(
            "/e/checkin/{code}",
            get(resident::checkin_page).post(resident::check_in),
        )
}
