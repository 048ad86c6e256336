//! The contact-point world, with no Telegram types: contact points, people, roles,
//! invites, the audit log and the update inbox, stored in SQLite or PostgreSQL.
//!
//! Every repository function takes the current time from its caller (who got it from a
//! [`Clock`]) so that deadlines and expiry are testable without waiting.

pub mod access;
pub mod announce;
pub mod assessment;
pub mod audit;
pub mod backup;
pub mod cards;
pub mod clock;
pub mod consultations;
pub mod db;
pub mod decisions;
pub mod deliveries;
pub mod dialogues;
pub mod digests;
pub mod districts;
pub mod draft;
pub mod error;
pub mod events;
pub mod export;
pub mod faq;
pub mod groups;
pub mod health;
pub mod held;
pub mod i18n;
pub mod inbox;
pub mod invites;
pub mod limits;
pub mod notice;
pub mod offline;
pub mod open_calls;
pub mod opinions;
pub mod people;
pub mod photos;
pub mod points;
pub mod privacy;
pub mod prompts;
pub mod qr;
pub mod relay;
pub mod replicas;
pub mod review;
pub mod roles;
mod sqlite_busy;
pub mod sqlite_pool;
pub mod staff;
pub mod stats;
#[cfg(test)]
mod test_bombs;
pub mod values;
pub mod visibility;
pub mod weblinks;

pub use clock::{Clock, ManualClock, SystemClock};
pub use db::{Backend, Db};
pub use error::Error;

/// A Telegram user id. Telegram ids exceed 32 bits, hence `i64` everywhere.
pub type UserId = i64;

/// Who did something: a person (in chat or the web console), or what acted when no
/// person did. The audit log keeps which of these it was, so that an entry without a
/// person reads as what it is — an operator's command, the bot on its own, a failed
/// login — rather than always as 「命令行」 ([`audit::AuditRecord::actor`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// An operator running `consult-bot …` on the server.
    CommandLine,
    /// The bot on its own: the scheduler (deadlines, reminders), the broadcast worker,
    /// a session ended by time, a group Telegram moved to a new id.
    System,
    /// Someone not signed in: a failed or refused login to the staff console.
    Visitor,
    /// A person who asked to be forgotten: the entry recording an erasure names no one.
    Forgotten,
    Person(UserId),
}

impl Actor {
    /// The value stored in `actor`/`granted_by`/`created_by` columns: NULL when no
    /// person acted.
    pub(crate) fn id(self) -> Option<UserId> {
        match self {
            Actor::CommandLine | Actor::System | Actor::Visitor | Actor::Forgotten => None,
            Actor::Person(id) => Some(id),
        }
    }
}
