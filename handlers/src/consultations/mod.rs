//! Consultations: entering a draft ([`drafts`]), publishing and managing it
//! ([`manage`]), browsing it in private chat ([`browse`]), and the reminders and
//! closing at its deadline ([`deadlines`]).

use consult_domain::{announce::By, consultations::State};

use crate::{Deps, person::Person};

pub mod browse;
pub mod deadlines;
pub mod drafts;
pub mod manage;

/// `12`, `C12` or `c12`.
pub fn parse_id(arg: &str) -> Option<i64> {
    let arg = arg.trim();
    arg.strip_prefix(['C', 'c'])
        .unwrap_or(arg)
        .parse()
        .ok()
        .filter(|id| *id > 0)
}

/// A consultation state's name in the person's language.
pub(crate) fn state_name(deps: &Deps, who: &Person, state: State) -> String {
    deps.locales
        .text(who.locale, &format!("state-{}", state.as_str()), &[])
}

/// Who caused a broadcast from chat: the person, who follows its progress there.
pub fn by(who: &Person) -> By {
    By::chat(who.id, who.locale)
}
