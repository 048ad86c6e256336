//! Consultations: entering a draft ([`drafts`]), publishing and managing it
//! ([`manage`]), browsing it in private chat ([`browse`]), and the reminders and
//! closing at its deadline ([`deadlines`]); the consultation a command names
//! ([`arg`]).

use consult_domain::{announce::By, consultations::State};

use crate::{Deps, person::Person};

pub mod arg;
pub mod browse;
pub mod deadlines;
pub mod drafts;
pub mod manage;

pub use arg::parse_id;

/// A consultation state's name in the person's language.
pub(crate) fn state_name(deps: &Deps, who: &Person, state: State) -> String {
    deps.locales
        .text(who.locale, &format!("state-{}", state.as_str()), &[])
}

/// Who caused a broadcast from chat: the person, who follows its progress there.
pub fn by(who: &Person) -> By {
    By::chat(who.id, who.locale)
}
