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
    /// Another bot process runs on this SQLite database file; SQLite allows one.
    #[error("another process runs the bot on {0}")]
    DatabaseInUse(String),
    #[error("invalid duration {0}")]
    Duration(String),
    #[error("unknown time zone {0}")]
    Timezone(String),
    /// A time of day (`--digest-at`) that is not HH:MM.
    #[error("invalid time of day {0}")]
    TimeOfDay(String),
    /// An audit-log filter (`consult-bot audit`) that cannot be read.
    #[error("invalid audit filter {0}")]
    AuditFilter(String),
    /// An assessment period (`consult-bot assessment`) that cannot be read.
    #[error("invalid assessment period {0}")]
    AssessmentPeriod(String),
    /// An output format a command does not offer.
    #[error("unsupported output format {value}")]
    OutputFormat {
        value: String,
        allowed: &'static str,
    },
    #[error("invalid user id {0}")]
    UserId(String),
    /// The locale files could not be loaded: a build defect, reported rather than panicking.
    #[error("locales: {0}")]
    Locales(String),
    /// The draft file could not be read or parsed.
    #[error("draft: {0}")]
    Draft(#[from] consult_domain::draft::DraftError),
    /// A file named on the command line could not be read.
    #[error("cannot read {path}: {problem:?}")]
    File { path: String, problem: FileProblem },
    /// A file named on the command line (`--out`) could not be written.
    #[error("cannot write {path}: {problem:?}")]
    Write { path: String, problem: FileProblem },
    /// `--consultation` that is no consultation number (12 or C12).
    #[error("invalid consultation number {0}")]
    ConsultationNumber(String),
    /// An export could not be built: a defect (the library's words are for the log).
    #[error("export: {0}")]
    Export(String),
    /// A CSV export was asked for without a consultation.
    #[error("a CSV export needs --consultation")]
    ExportCsv,
    /// `--webhook-url` is not HTTPS (HTTP only to a loopback host) or not a URL.
    #[error("invalid webhook URL {0}")]
    WebhookUrl(String),
    /// Telegram's servers deliver webhooks to ports 443, 80, 88 and 8443 only.
    #[error("webhook URL {0} uses a port Telegram does not deliver to")]
    WebhookPort(String),
    /// The secret must follow Telegram's rule, or setWebhook would refuse it.
    #[error("invalid webhook secret")]
    WebhookSecret,
    /// Webhook mode needs this flag too.
    #[error("webhook mode needs {0}")]
    WebhookNeeds(&'static str),
    /// This flag only makes sense with `--webhook-url`.
    #[error("{0} needs --webhook-url")]
    WebhookOnly(&'static str),
    /// `--web-url` must be an http(s) URL: residents' links and QR codes point there.
    #[error("invalid web URL {0}")]
    WebUrl(String),
    #[error("invalid listen address {0}")]
    ListenAddress(String),
    /// A listen address could not be bound (taken, or not ours).
    #[error("cannot listen on {addr}: {detail}")]
    Listen { addr: String, detail: String },
    /// Telegram refused setWebhook (unreachable host, bad certificate …).
    #[error("Telegram refused the webhook: {0}")]
    WebhookRejected(String),
    /// `backup` never overwrites a file.
    #[error("{0} exists")]
    BackupExists(String),
    /// `backup` copies SQLite files; PostgreSQL has pg_dump.
    #[error("backup is for SQLite; use pg_dump for PostgreSQL")]
    BackupPostgres,
    #[error("backup failed: {0}")]
    Backup(String),
    /// An FAQ file named on the command line has no known format.
    #[error("unknown FAQ file format {0}")]
    FaqFormat(String),
    #[error(transparent)]
    Domain(#[from] DomainError),
}

/// Why a file named on the command line could not be read; the common cases in
/// words, the rare ones with the system's own (English) detail.
#[derive(Debug)]
pub enum FileProblem {
    NotFound,
    Denied,
    /// A directory where a file was meant (a path without its file name).
    Directory,
    /// Larger than the command accepts (the same limit as in chat), so it is not read.
    TooLarge {
        limit: u64,
    },
    Other(String),
}

/// Reads a file named on the command line, refusing it unread when it is larger than
/// `limit` bytes (and, should it grow while being read, after `limit` bytes).
pub fn read_file(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, AppError> {
    use consult_domain::limits::{BoundedError, read_at_most};
    let fail = |problem| AppError::File {
        path: path.display().to_string(),
        problem,
    };
    let file = std::fs::File::open(path).map_err(|e| fail(io(e)))?;
    let metadata = file.metadata().map_err(|e| fail(io(e)))?;
    if metadata.is_dir() {
        return Err(fail(FileProblem::Directory));
    }
    let size = metadata.len();
    if size > limit {
        return Err(fail(FileProblem::TooLarge { limit }));
    }
    read_at_most(file, limit).map_err(|e| {
        fail(match e {
            BoundedError::Exceeded { limit } => FileProblem::TooLarge { limit },
            BoundedError::Io(e) => io(e),
            other => FileProblem::Other(other.to_string()),
        })
    })
}

/// The common reasons a file cannot be opened, in words; the rest with the system's
/// own detail.
fn io(e: std::io::Error) -> FileProblem {
    match e.kind() {
        std::io::ErrorKind::NotFound => FileProblem::NotFound,
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            FileProblem::Denied
        }
        std::io::ErrorKind::IsADirectory => FileProblem::Directory,
        _ => FileProblem::Other(e.to_string()),
    }
}

/// Writes a file named on the command line (`--out`).
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), AppError> {
    std::fs::write(path, bytes).map_err(|e| AppError::Write {
        path: path.display().to_string(),
        problem: io(e),
    })
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
            AppError::WebUrl(url) => fl!(l, "err-web-url", url = url.as_str()),
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
            AppError::DatabaseInUse(path) => fl!(l, "err-database-in-use", path = path.as_str()),
            AppError::Duration(v) => fl!(l, "err-invalid-duration", value = v.as_str()),
            AppError::Timezone(v) => fl!(l, "err-invalid-timezone", value = v.as_str()),
            AppError::TimeOfDay(v) => fl!(l, "err-invalid-time-of-day", value = v.as_str()),
            AppError::AuditFilter(v) => fl!(l, "err-audit-filter", value = v.as_str()),
            AppError::AssessmentPeriod(v) => fl!(l, "err-assessment-period", value = v.as_str()),
            AppError::OutputFormat { value, allowed } => {
                fl!(
                    l,
                    "err-output-format",
                    value = value.as_str(),
                    allowed = allowed.to_string()
                )
            }
            AppError::UserId(v) => fl!(l, "err-invalid-user-id", value = v.as_str()),
            AppError::Locales(d) => d.clone(),
            AppError::Draft(e) => fl!(
                l,
                "err-draft",
                reason = consult_handlers::consultations::drafts::refusal(
                    locales,
                    locale,
                    e,
                    str::to_owned
                )
            ),
            AppError::File { path, problem } => {
                let path = path.as_str();
                match problem {
                    FileProblem::NotFound => fl!(l, "err-file-not-found", path = path),
                    FileProblem::Denied => fl!(l, "err-file-denied", path = path),
                    FileProblem::Directory => fl!(l, "err-file-directory", path = path),
                    FileProblem::TooLarge { limit } => fl!(
                        l,
                        "err-file-too-large",
                        path = path,
                        max = (limit / consult_domain::limits::MIB).to_string()
                    ),
                    FileProblem::Other(detail) => {
                        fl!(l, "err-file", path = path, detail = detail.as_str())
                    }
                }
            }
            AppError::Write { path, problem } => {
                let path = path.as_str();
                match problem {
                    FileProblem::NotFound => fl!(l, "err-write-not-found", path = path),
                    FileProblem::Denied => fl!(l, "err-write-denied", path = path),
                    FileProblem::Directory => fl!(l, "err-file-directory", path = path),
                    FileProblem::Other(detail) => {
                        fl!(l, "err-write", path = path, detail = detail.as_str())
                    }
                    // Nothing limits what is written; kept for the match to be whole.
                    FileProblem::TooLarge { .. } => fl!(l, "err-write", path = path, detail = ""),
                }
            }
            AppError::ConsultationNumber(v) => {
                fl!(l, "err-consultation-number", value = v.as_str())
            }
            AppError::Export(d) => fl!(l, "err-export", reason = d.as_str()),
            AppError::ExportCsv => fl!(l, "err-export-csv"),
            AppError::WebhookUrl(url) => fl!(l, "err-webhook-url", url = url.as_str()),
            AppError::WebhookPort(url) => fl!(l, "err-webhook-port", url = url.as_str()),
            AppError::WebhookSecret => fl!(l, "err-webhook-secret"),
            AppError::WebhookNeeds(flag) => fl!(l, "err-webhook-needs", flag = flag.to_string()),
            AppError::WebhookOnly(flag) => fl!(l, "err-webhook-only", flag = flag.to_string()),
            AppError::ListenAddress(v) => fl!(l, "err-listen-address", value = v.as_str()),
            AppError::Listen { addr, detail } => {
                fl!(
                    l,
                    "err-listen",
                    addr = addr.as_str(),
                    detail = detail.as_str()
                )
            }
            AppError::WebhookRejected(d) => fl!(l, "err-webhook-rejected", detail = d.as_str()),
            AppError::BackupExists(f) => fl!(l, "err-backup-exists", file = f.as_str()),
            AppError::BackupPostgres => fl!(l, "err-backup-postgres"),
            AppError::Backup(d) => fl!(l, "err-backup", detail = d.as_str()),
            AppError::FaqFormat(v) => fl!(l, "err-faq-format", value = v.as_str()),
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
        DomainError::UnknownCode(c) => {
            fl!(l, "err-unknown-code", what = c.what, code = c.code.as_str())
        }
        DomainError::UnsupportedDatabase => fl!(l, "err-database-url", url = "?"),
        DomainError::Invalid(field) => {
            let id = match field {
                Field::PointCode => "err-invalid-point-code",
                Field::PointName => "err-invalid-point-name",
                Field::District => "err-invalid-district",
                Field::DistrictCode => "err-invalid-district-code",
                Field::Role => "err-invalid-role",
                Field::Locale => "err-invalid-locale",
                Field::Title => "draft-bad-title",
                Field::Summary => "draft-bad-summary",
                Field::Url => "draft-bad-url",
                Field::Occupations => "draft-bad-occupations",
                Field::Deadline => "draft-bad-deadline",
                Field::Scope => "err-invalid-scope",
                Field::OpinionLength => "err-invalid-opinion-length",
                Field::OpinionDetail => "opinion-bad-name",
                Field::DecisionText => "decision-bad-text",
                Field::StaffName => "err-invalid-staff-name",
                Field::ReportText => "relay-bad-body",
                Field::ReportPlace => "relay-bad-place",
                Field::ReportAnswer => "relay-bad-answer",
                Field::Category => "relay-bad-category",
                Field::CategoryName => "relay-bad-category-name",
                Field::ReportPhoto => "relay-bad-photo",
                Field::Department => "relay-bad-department",
                Field::SuggestionTitle | Field::SuggestionContents | Field::SuggestionRelated => {
                    "err-invalid-suggestion"
                }
                Field::Outcome => "err-invalid-outcome",
                other => consult_domain::events::field_id(*other).unwrap_or("error-generic"),
            };
            locales.text(locale, id, &[])
        }
        DomainError::UnknownPoint(code) => fl!(l, "err-unknown-point", code = code.as_str()),
        DomainError::DuplicatePoint(code) => fl!(l, "err-duplicate-point", code = code.as_str()),
        DomainError::InactivePoint(code) => fl!(l, "err-inactive-point", code = code.as_str()),
        DomainError::PointRequired(role) => fl!(l, "err-point-required", role = role_name(*role)),
        DomainError::PointNotAllowed => fl!(l, "err-point-not-allowed"),
        DomainError::UnknownDistrict(code) => {
            fl!(l, "err-unknown-district", code = code.as_str())
        }
        DomainError::DuplicateDistrict(code) => {
            fl!(l, "err-duplicate-district", code = code.as_str())
        }
        DomainError::DistrictRequired => fl!(l, "err-district-required"),
        DomainError::DistrictNotAllowed => fl!(l, "err-district-not-allowed"),
        DomainError::InviteNotFound => fl!(l, "err-invite-not-found"),
        DomainError::InviteUsed => fl!(l, "err-invite-used"),
        DomainError::InviteExpired => fl!(l, "err-invite-expired"),
        DomainError::DuplicateStaff(name) => fl!(l, "err-duplicate-staff", name = name.as_str()),
        DomainError::UnknownStaff(name) => fl!(l, "err-unknown-staff", name = name.as_str()),
        DomainError::PasswordHash(detail) => fl!(l, "err-password-hash", detail = detail.as_str()),
        DomainError::FaqFile(errors) => {
            consult_handlers::faq::report(locales, locale, errors).join("\n")
        }
        DomainError::UnknownOpinion(_) => fl!(l, "decision-unknown-opinion"),
        DomainError::OpinionLocked(_) => fl!(l, "mine-locked"),
        DomainError::UnknownConsultation(id) => fl!(l, "consultation-unknown", id = id.to_string()),
        DomainError::WrongState { state, .. } => {
            let state = locales.text(locale, &format!("state-{state}"), &[]);
            fl!(l, "consultation-wrong-state", state = state)
        }
        DomainError::UnknownReport(_) => fl!(l, "relay-unknown-report"),
        DomainError::ReportState { status, .. } => {
            let status = locales.text(locale, status.label_id(), &[]);
            fl!(l, "relay-wrong-state", status = status)
        }
        DomainError::WrongKind { id, kind } => {
            consult_handlers::refusals::wrong_kind(locales, locale, *id, *kind)
        }
        DomainError::UnknownDepartment(_) => fl!(l, "relay-unknown-department"),
        DomainError::DuplicateDepartment(name) => {
            fl!(l, "relay-duplicate-department", name = name.as_str())
        }
        e @ (DomainError::UnknownEvent(_) | DomainError::EventRefused(_)) => {
            let id = consult_domain::events::refusal_id(e).unwrap_or("error-generic");
            locales.text(locale, id, &[])
        }
        DomainError::DuplicateCategory(code) => {
            fl!(l, "relay-duplicate-category", code = code.as_str())
        }
        DomainError::LastCategory => fl!(l, "relay-last-category"),
    }
}
