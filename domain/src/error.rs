use crate::roles::Role;

/// The validated inputs, each with one rule a person can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 1–32 of `a-z 0-9 - _`.
    PointCode,
    /// 1–100 characters, no control characters.
    PointName,
    /// A district's name: 1–100 characters, no control characters.
    District,
    /// A district's code: 1–32 of `a-z 0-9 - _`.
    DistrictCode,
    /// admin, liaison or informant.
    Role,
    /// zh-CN or en.
    Locale,
    /// 1–200 characters, one line.
    Title,
    /// 1–1000 characters.
    Summary,
    /// An http(s) link.
    Url,
    /// 1–30 names of at most 30 characters.
    Occupations,
    /// A date (and time) in the future.
    Deadline,
    /// At least one contact point, and only one's own for a liaison.
    Scope,
    /// An opinion's length within the configured bounds.
    OpinionLength,
    /// A submitter's name, unit or district: 1–50 characters, one line.
    OpinionDetail,
    /// A decision's reason (1–500 characters) or summary words (1–200, one line).
    DecisionText,
    /// A staff login name: 1–50 letters or digits and `. _ - @`.
    StaffName,
    /// A 社情民意 report's text: 5–2000 characters.
    ReportText,
    /// Where the problem is: 1–200 characters, one line.
    ReportPlace,
    /// An answer or a note: 1–2000 characters.
    ReportAnswer,
    /// A category code that is not on the list (or malformed).
    Category,
    /// A category's name: 1–50 characters, one line.
    CategoryName,
    /// A photo sent with a report from the web: JPEG, PNG or WebP, within the size.
    ReportPhoto,
    /// A department's name or contact: 1–100 characters, one line.
    Department,
    /// A 普法活动's title: 1–100 characters, one line.
    EventTitle,
    /// A 普法活动's kind: 讲座, 法律咨询, 文艺演出 or 其他.
    EventKind,
    /// A 普法活动's topic: 1–100 characters, one line.
    EventTopic,
    /// An event's start and end: a date and time to come, the end after the start.
    EventTimes,
    /// Where: a place (1–200 characters, one line) or an http(s) link.
    EventPlace,
    /// Seats or walk-ins: a whole number within bounds.
    EventCapacity,
    /// A description, note or question within its length.
    EventText,
    /// A name given when signing up: at most 50 characters, one line.
    SignupName,
    /// A project suggestion's title: 2–100 characters, one line.
    SuggestionTitle,
    /// What a suggested regulation should contain: within the opinion's bounds.
    SuggestionContents,
    /// The related existing rules a suggestion names: at most 500 characters.
    SuggestionRelated,
    /// A decision's outcome that does not fit the consultation's kind (采纳 on a
    /// suggestion, 列入立法计划 on an opinion).
    Outcome,
}

/// Everything the domain can refuse or fail at. Callers turn each variant into a
/// message in the person's language, so variants carry what that message needs.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database could not be reached or rejected a statement; the caller reports
    /// it and, where it is safe, retries later.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// The schema could not be brought up to date; the program must not run on it.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database URL names no backend we support.
    #[error("unsupported database URL (use sqlite:… or postgres://…)")]
    UnsupportedDatabase,
    /// A value from outside (command line, chat) failed validation; the field says
    /// which rule to explain to the person.
    #[error("invalid {0:?}")]
    Invalid(Field),
    /// A contact-point code that no contact point has.
    #[error("unknown contact point: {0}")]
    UnknownPoint(String),
    /// Contact-point codes are unique.
    #[error("contact point already exists: {0}")]
    DuplicatePoint(String),
    /// New roles are not bound to a point that no longer works with us.
    #[error("contact point is inactive: {0}")]
    InactivePoint(String),
    /// Liaisons and informants act for one contact point; without it they could act for all.
    #[error("a {0} must be bound to a contact point")]
    PointRequired(Role),
    /// Admins act for every contact point, county staff for their district's.
    #[error("an admin or county staff member is not bound to a contact point")]
    PointNotAllowed,
    /// A district code that no district has.
    #[error("unknown district: {0}")]
    UnknownDistrict(String),
    /// District codes and names are unique.
    #[error("district already exists: {0}")]
    DuplicateDistrict(String),
    /// County staff act for one district; without it they could act for all.
    #[error("county staff must be bound to a district")]
    DistrictRequired,
    /// Only county staff are bound to a district.
    #[error("only county staff are bound to a district")]
    DistrictNotAllowed,
    /// The invite code matches no invite (mistyped, forged or purged).
    #[error("invite not found")]
    InviteNotFound,
    /// No consultation has this number.
    #[error("unknown consultation {0}")]
    UnknownConsultation(i64),
    /// The consultation is not in a state that allows this (e.g. publishing twice).
    #[error("consultation {id} is {state}")]
    WrongState { id: i64, state: &'static str },
    /// No opinion of this person has this number.
    #[error("unknown opinion {0}")]
    UnknownOpinion(i64),
    /// The opinion can no longer change: withdrawn, or its consultation closed.
    #[error("opinion {0} can no longer change")]
    OpinionLocked(i64),
    /// Invites are single use.
    #[error("invite already used")]
    InviteUsed,
    /// Invites expire so that a leaked link stops working.
    #[error("invite expired")]
    InviteExpired,
    /// The database holds a code (status, channel …) this program does not know: a
    /// newer version wrote it, or a hand edit. Reported as a failure, never guessed.
    #[error(transparent)]
    UnknownCode(#[from] crate::values::UnknownCode),
    /// No 社情民意 report has this id (or it is outside the person's reach).
    #[error("unknown report {0}")]
    UnknownReport(i64),
    /// The report is not in a state that allows this (answering a closed one …).
    #[error("report {id} is {status}")]
    ReportState {
        id: i64,
        status: crate::relay::ReportStatus,
    },
    /// No active department has this id.
    #[error("unknown department {0}")]
    UnknownDepartment(i64),
    /// Department names are unique.
    #[error("department already exists: {0}")]
    DuplicateDepartment(String),
    /// No 普法活动 has this id (or it is outside the person's reach).
    #[error("unknown event {0}")]
    UnknownEvent(i64),
    /// The event does not allow this now (called off, begun, full for this address,
    /// a wrong or second check-in …): the refusal says which, in words.
    #[error("event refused: {0}")]
    EventRefused(crate::events::Refusal),
    /// Category codes are unique (a retired one too: old reports keep it).
    #[error("category already exists: {0}")]
    DuplicateCategory(String),
    /// Residents must always have a category to choose: the last one stays.
    #[error("the last active category cannot be retired")]
    LastCategory,
    /// Staff login names are unique (ignoring case), as is a Telegram id's account.
    /// Hashing a new password failed (argon2 refused its parameters or salt).
    #[error("password hashing failed: {0}")]
    PasswordHash(String),

    #[error("staff account already exists: {0}")]
    DuplicateStaff(String),
    /// No staff account has this login name.
    #[error("unknown staff account: {0}")]
    UnknownStaff(String),
    /// What the consultation's kind does not have: an article, a stance or a decision
    /// per article on an open call (立法项目征集), a project suggestion on a draft.
    /// `kind` is the consultation's own, for the message.
    #[error("consultation {id} is a {kind} consultation")]
    WrongKind {
        id: i64,
        kind: crate::open_calls::Kind,
    },
    /// An FAQ file was refused: every problem, by line and field; nothing was imported.
    #[error("FAQ file refused ({} problems)", .0.len())]
    FaqFile(Vec<crate::faq::LineError>),
}

impl Error {
    /// True when the failure is the database being unreachable or busy, so that
    /// retrying later may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Error::Database(
                sqlx::Error::Io(_)
                    | sqlx::Error::PoolTimedOut
                    | sqlx::Error::PoolClosed
                    | sqlx::Error::WorkerCrashed
                    | sqlx::Error::Tls(_)
            )
        ) || matches!(self, Error::Database(sqlx::Error::Database(e)) if e.code().is_some_and(|c| c == "5" || c == "6" || c.starts_with("08") || c == "57P01" || c == "57P03"))
    }
}

/// Lets a repository turn a unique-constraint violation into a domain answer.
pub(crate) trait ResultExt<T> {
    fn on_unique(self, f: impl FnOnce() -> Error) -> Result<T, Error>;
}

impl<T> ResultExt<T> for Result<T, sqlx::Error> {
    fn on_unique(self, f: impl FnOnce() -> Error) -> Result<T, Error> {
        self.map_err(|e| match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => f(),
            _ => Error::Database(e),
        })
    }
}
