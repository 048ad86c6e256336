//! The staff console: liaisons, informants and the committee's staff, in a browser,
//! with the same roles and scopes as in chat ([`consult_domain::access::Access`]).
//!
//! Everything here is under `/staff`. Who is asking is [`sessions::Staff`], read
//! from the session cookie and the role *as stored now* on every request; a request
//! without a live session is sent to the login page, and anything outside the
//! person's scope answers the same 404 as an id that never existed. Every form that
//! changes something carries a CSRF token: before login keyed on the browser's id
//! (as the resident pages do), after login on the session's id, so a token from an
//! earlier session (or another person's) is refused.
//!
//! - [`login`]: `/staff/login` and `/staff/logout`.
//! - [`links`]: the one-time links — set a password, log in from Telegram.
//! - [`account`]: changing one's password.
//! - [`dashboard`]: `/staff`, open consultations with their counts in scope.
//! - [`opinions`]: one opinion, for reviewers whose scope holds it, with its review actions.
//! - [`review`]: `/staff/review`, the ledger as a filtered table with bulk actions.
//! - [`export`]: `/staff/export`, the 意见汇总表 as XLSX and CSV downloads.
//! - [`consultations`]: drafts in ([`drafts`]), publish, announce again, deadline,
//!   summary, revise, close, withdraw.
//! - [`decisions`]: decisions per article, release, conclusion (admins).
//! - [`record`]: offline entry — one opinion in a form, many from a spreadsheet.
//! - [`stats`]: chat's `/stats`, with SVG charts ([`chart`]); [`assessment`]: the 考核
//!   table by month, quarter, year or any days.
//! - [`audit`]: the audit log, filtered and paged (admins).
//! - [`posters`]: posters, QR codes and the 「复制群通知」 text per consultation and point.
//! - [`groups`]: the resident groups, their link, whether the bot may pin; unlink.
//! - [`points`]: contact points (admins).
//! - [`roles`] and [`accounts`]: who holds which role; the console's accounts.
//! - [`faq`]: the FAQ entries and the questions nobody could answer.
//! - [`events`]: 普法活动 — create, edit, cancel, the check-in code and QR, who came,
//!   walk-ins, the note, questions for the FAQ, and the figures.

pub mod account;
pub mod accounts;
pub mod assessment;
pub mod audit;
pub mod chart;
pub mod consultations;
pub mod dashboard;
pub mod decisions;
pub mod drafts;
pub mod events;
pub mod export;
pub mod faq;
pub mod groups;
pub mod links;
pub mod login;
pub mod open_calls;
pub mod opinions;
pub mod points;
pub mod posters;
pub mod record;
pub mod review;
pub mod roles;
pub mod sessions;
pub mod stats;

use axum::{
    Router,
    http::StatusCode,
    response::Response,
    routing::{get, post},
};
use consult_domain::staff::password::Problem;
use maud::{Markup, html};

use crate::{
    WebState,
    i18n::fl,
    page::{Ctx, layout, respond},
};

pub use sessions::Staff;

pub fn router() -> Router<WebState> {
    Router::new()
        .route("/staff", get(dashboard::show))
        .route("/staff/login", get(login::form).post(login::submit))
        .route("/staff/logout", post(login::logout))
        .route(
            "/staff/password/{code}",
            get(links::password_form).post(links::password_submit),
        )
        .route(
            "/staff/link/{code}",
            get(links::login_form).post(links::login_submit),
        )
        .route(
            "/staff/account",
            get(account::show).post(account::change_password),
        )
        .route("/staff/opinions/{id}", get(opinions::show))
        .route("/staff/opinions/{id}/{act}", post(opinions::act))
        .route("/staff/review", get(review::show))
        .route("/staff/review/bulk", post(review::bulk))
        .route("/staff/export", get(export::page))
        .route("/staff/export/{file}", get(export::download))
        .merge(consultations::router())
        .merge(decisions::router())
        .merge(open_calls::router())
        .merge(record::router())
        .merge(stats::router())
        .merge(assessment::router())
        .merge(audit::router())
        .merge(posters::router())
        .merge(groups::router())
        .merge(points::router())
        .merge(roles::router())
        .merge(accounts::router())
        .merge(faq::router())
        .merge(events::router())
}

/// A staff page: the person and the way out above `body`, in the shared layout. The
/// menu keeps the everyday pages in sight and the rest in three groups that open in
/// place (`<details>`: the console runs no script), so it stays two lines on a phone.
pub fn staff_layout(ctx: &Ctx, staff: &Staff, title: &str, body: Markup) -> Markup {
    let l = ctx.l();
    let inner = html! {
        nav.staff aria-label=(fl!(l, "staff-nav")) {
            details.menu {
                summary.who { (staff.describe(ctx)) }
                div {
                    a href="/staff/account" { (fl!(l, "staff-account-title")) }
                    form method="post" action="/staff/logout" {
                        input type="hidden" name="csrf" value=(staff.csrf());
                        button type="submit" { (fl!(l, "staff-logout")) }
                    }
                }
            }
            a href="/staff" { (fl!(l, "staff-dashboard-title")) }
            @if staff.access.review().is_some() {
                a href="/staff/review" { (fl!(l, "staff-review-title")) }
            }
            a href="/staff/record" { (fl!(l, "staff-record-title")) }
            @if staff.access.review().is_some() {
                details.menu {
                    summary { (fl!(l, "staff-nav-work")) }
                    div {
                        a href="/staff/consultations" { (fl!(l, "staff-consultations-title")) }
                        a href="/staff/reports" { (fl!(l, "relay-staff-title")) }
                        a href="/staff/events" { (fl!(l, "event-staff-title")) }
                        a href="/staff/posters" { (fl!(l, "staff-posters-title")) }
                    }
                }
                details.menu {
                    summary { (fl!(l, "staff-nav-figures")) }
                    div {
                        a href="/staff/stats" { (fl!(l, "staff-stats-title")) }
                        a href="/staff/assessment" { (fl!(l, "staff-assessment-title")) }
                        a href="/staff/export" { (fl!(l, "staff-export-title")) }
                        @if staff.access.is_city() {
                            a href="/staff/audit" { (fl!(l, "staff-audit-title")) }
                        }
                    }
                }
                details.menu {
                    summary { (fl!(l, "staff-nav-setup")) }
                    div {
                        a href="/staff/groups" { (fl!(l, "staff-groups-title")) }
                        @if staff.access.unanswered().is_some() {
                            a href="/staff/faq" { (fl!(l, "staff-faq-title")) }
                        }
                        @if staff.access.is_city() {
                            a href="/staff/points" { (fl!(l, "staff-points-title")) }
                        }
                        a href="/staff/roles" { (fl!(l, "staff-roles-title")) }
                        a href="/staff/accounts" { (fl!(l, "staff-accounts-title")) }
                    }
                }
            }
        }
        (body)
    };
    layout(ctx, title, inner)
}

/// A staff page answered with 200.
pub fn show(ctx: &Ctx, staff: &Staff, title: &str, body: Markup) -> Response {
    respond(ctx, StatusCode::OK, staff_layout(ctx, staff, title, body))
}

/// A table in a box of its own that scrolls sideways on a phone (the page does not),
/// reachable by keyboard and named by its caption, whose id is `id`.
pub fn scroll_table(id: &str, caption: &str, content: Markup) -> Markup {
    html! {
        div.table-scroll role="region" aria-labelledby=(id) tabindex="0" {
            table {
                caption #(id) { (caption) }
                (content)
            }
        }
    }
}

/// The question asked before something that cannot be undone, or that tells many
/// people: what it is about, the question, one button posting the session's CSRF
/// token (and `hidden` fields) to `action`, and the way back (a link: `(href, text)`).
pub struct Question<'a> {
    pub title: &'a str,
    pub lead: &'a str,
    pub question: &'a str,
    pub action: &'a str,
    pub button: &'a str,
    pub back: (&'a str, &'a str),
    pub hidden: &'a [(&'a str, &'a str)],
}

impl Question<'_> {
    pub fn page(&self, ctx: &Ctx, staff: &Staff) -> Response {
        let body = html! {
            h1 { (self.title) }
            p.lead { (self.lead) }
            p { (self.question) }
            form method="post" action=(self.action) {
                input type="hidden" name="csrf" value=(staff.csrf());
                @for (name, value) in self.hidden {
                    input type="hidden" name=(name) value=(value);
                }
                button type="submit" { (self.button) }
            }
            p { a href=(self.back.0) { (self.back.1) } }
        };
        show(ctx, staff, self.title, body)
    }
}

/// What a page says above its content: what was just done, or why nothing was.
pub enum Say {
    Notice(String),
    Problem(String),
}

impl maud::Render for Say {
    fn render(&self) -> Markup {
        match self {
            Say::Notice(t) => html! { p.notice role="status" { (t) } },
            Say::Problem(t) => html! { p.error role="alert" { (t) } },
        }
    }
}

/// A refused password in words.
pub fn problem_text(ctx: &Ctx, problem: Problem) -> String {
    use consult_domain::staff::password::{MAX_CHARS, MIN_CHARS};
    let l = ctx.l();
    match problem {
        Problem::TooShort => fl!(l, "staff-password-too-short", min = MIN_CHARS),
        Problem::TooLong => fl!(l, "staff-password-too-long", max = MAX_CHARS),
        Problem::Common => fl!(l, "staff-password-common"),
        Problem::Name => fl!(l, "staff-password-name"),
    }
}

/// The fields of a new password (with its rules, and the problem found, if any).
pub fn new_password_fields(ctx: &Ctx, problem: Option<&str>) -> Markup {
    use consult_domain::staff::password::MIN_CHARS;
    let l = ctx.l();
    html! {
        @if let Some(p) = problem {
            p.error role="alert" { (p) }
        }
        p.hint id="password-rules" { (fl!(l, "staff-password-rules", min = MIN_CHARS)) }
        div.field {
            label for="new_password" { (fl!(l, "staff-password-new")) }
            input #new_password type="password" name="new_password" autocomplete="new-password"
                aria-describedby="password-rules";
        }
        div.field {
            label for="confirm" { (fl!(l, "staff-password-confirm")) }
            input #confirm type="password" name="confirm" autocomplete="new-password";
        }
    }
}
