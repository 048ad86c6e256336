//! Why the program could not do what the operator asked, one variant per message in
//! `locales/` (`err-*`), so every failure is one clear line in their language.

use consult_domain::{Error as DomainError, error::Field, people::Locale};
use consult_handlers::i18n::{Locales, fl};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// `run` and `invite` talk to Telegram and cannot without a token.
    #[error("no Telegram token")]
    TokenMissing,
    /// Caught before any request so the token is never sent somewhere malformed.
    #[error("malformed Telegram token")]
    TokenMalformed,
    /// Telegram answered 401: the token was revoked or mistyped.
    #[error("Telegram rejected the token")]
    TokenRejected,
    #[error("invalid Bot API URL {0}")]
    ApiUrl(String),
    /// The Bot API could not be reached at start; running blind would lose updates.
    #[error("cannot reach the Bot API at {url}: {detail}")]
    ApiUnreachable { url: String, detail: String },
    #[error("invalid database URL {0}")]
    DatabaseUrl(String),
    /// The database could not be opened at start.
    #[error("cannot open the database: {0}")]
    DatabaseUnreachable(String),
    /// The database opened but refused a write (read-only file or role).
    #[error("database not writable: {0}")]
    DatabaseReadOnly(String),
    #[error("invalid duration {0}")]
    Duration(String),
    #[error("unknown time zone {0}")]
    Timezone(String),
    #[error("invalid user id {0}")]
    UserId(String),
    /// The locale files could not be loaded: a build defect, reported rather than panicking.
    #[error("locales: {0}")]
    Locales(String),
    /// The draft file could not be read or parsed.
    #[error("draft: {0}")]
    Draft(#[from] consult_domain::draft::DraftError),
    /// A file named on the command line could not be read.
    #[error("cannot read {path}: {detail}")]
    File { path: String, detail: String },
    /// An export could not be made or written (bad argument, unwritable file).
    #[error("export: {0}")]
    Export(String),
    /// A CSV export was asked for without a consultation.
    #[error("a CSV export needs --consultation")]
    ExportCsv,
    #[error(transparent)]
    Domain(#[from] DomainError),
}

impl AppError {
    /// The one line shown to the operator, in their language.
    pub fn describe(&self, locales: &Locales, locale: Locale) -> String {
        let l = locales.get(locale);
        let reason = match self {
            AppError::TokenMissing => fl!(l, "err-token-missing"),
            AppError::TokenMalformed => fl!(l, "err-token-malformed"),
            AppError::TokenRejected => fl!(l, "err-token-rejected"),
            AppError::ApiUrl(url) => fl!(l, "err-api-url", url = url.as_str()),
            AppError::ApiUnreachable { url, detail } => {
                fl!(
                    l,
                    "err-api-unreachable",
                    url = url.as_str(),
                    detail = detail.as_str()
                )
            }
            AppError::DatabaseUrl(url) => fl!(l, "err-database-url", url = url.as_str()),
            AppError::DatabaseUnreachable(d) => {
                fl!(l, "err-database-unreachable", detail = d.as_str())
            }
            AppError::DatabaseReadOnly(d) => fl!(l, "err-database-readonly", detail = d.as_str()),
            AppError::Duration(v) => fl!(l, "err-invalid-duration", value = v.as_str()),
            AppError::Timezone(v) => fl!(l, "err-invalid-timezone", value = v.as_str()),
            AppError::UserId(v) => fl!(l, "err-invalid-user-id", value = v.as_str()),
            AppError::Locales(d) => d.clone(),
            AppError::Draft(e) => fl!(l, "err-draft", reason = e.to_string()),
            AppError::File { path, detail } => {
                fl!(l, "err-draft", reason = format!("{path}: {detail}"))
            }
            AppError::Export(d) => fl!(l, "err-export", reason = d.as_str()),
            AppError::ExportCsv => fl!(l, "err-export-csv"),
            AppError::Domain(e) => describe_domain(e, locales, locale),
        };
        fl!(l, "cli-error", reason = reason)
    }
}

/// Domain refusals in words; shared with the chat handlers' wording where they overlap.
pub fn describe_domain(e: &DomainError, locales: &Locales, locale: Locale) -> String {
    let l = locales.get(locale);
    let role_name = |role: consult_domain::roles::Role| {
        locales.text(locale, &format!("role-{}", role.as_str()), &[])
    };
    match e {
        DomainError::Database(d) => fl!(l, "err-database", detail = d.to_string()),
        DomainError::Migrate(d) => fl!(l, "err-migrate", detail = d.to_string()),
        DomainError::UnsupportedDatabase => fl!(l, "err-database-url", url = "?"),
        DomainError::Invalid(field) => {
            let id = match field {
                Field::PointCode => "err-invalid-point-code",
                Field::PointName => "err-invalid-point-name",
                Field::District => "err-invalid-district",
                Field::Role => "err-invalid-role",
                Field::Locale => "err-invalid-locale",
                Field::Title => "draft-bad-title",
                Field::Summary => "draft-bad-summary",
                Field::Url => "draft-bad-url",
                Field::Occupations => "draft-bad-occupations",
                Field::Deadline => "draft-bad-deadline",
                Field::Scope => "err-invalid-scope",
                Field::OpinionLength => "err-invalid-opinion-length",
            };
            locales.text(locale, id, &[])
        }
        DomainError::UnknownPoint(code) => fl!(l, "err-unknown-point", code = code.as_str()),
        DomainError::DuplicatePoint(code) => fl!(l, "err-duplicate-point", code = code.as_str()),
        DomainError::InactivePoint(code) => fl!(l, "err-inactive-point", code = code.as_str()),
        DomainError::PointRequired(role) => fl!(l, "err-point-required", role = role_name(*role)),
        DomainError::PointNotAllowed => fl!(l, "err-point-not-allowed"),
        DomainError::InviteNotFound => fl!(l, "err-invite-not-found"),
        DomainError::InviteUsed => fl!(l, "err-invite-used"),
        DomainError::InviteExpired => fl!(l, "err-invite-expired"),
        DomainError::UnknownOpinion(_) | DomainError::OpinionLocked(_) => e.to_string(),
        DomainError::UnknownConsultation(id) => fl!(l, "consultation-unknown", id = id.to_string()),
        DomainError::WrongState { state, .. } => {
            let state = locales.text(locale, &format!("state-{state}"), &[]);
            fl!(l, "consultation-wrong-state", state = state)
        }
    }
}
