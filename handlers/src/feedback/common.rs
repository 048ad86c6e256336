//! What deciding, releasing, the unreached list and concluding share: the `dz:`
//! button, the names of outcomes and articles, which consultations take feedback now,
//! and the chooser of a consultation.

use consult_domain::{
    consultations::{Consultation, State},
    decisions::Outcome,
    people::Locale,
};
use teloxide::types::InlineKeyboardButton;

use crate::{
    Deps,
    callback::{Callback, DecisionButton},
    i18n::fl,
    labels,
    person::Person,
};

/// A `dz:` button.
pub(crate) fn button(text: String, b: DecisionButton) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(text, Callback::Decision(b).encode())
}

pub(crate) fn outcome_name(deps: &Deps, locale: Locale, o: Outcome) -> String {
    labels::outcome(&deps.locales, locale, o)
}

pub(crate) fn article_name(deps: &Deps, locale: Locale, label: Option<&str>) -> String {
    crate::cards::render(deps).article(locale, label)
}

/// Why this consultation takes no decisions or feedback now, if it does not.
pub(super) fn not_decidable(deps: &Deps, who: &Person, c: &Consultation) -> Option<String> {
    let l = deps.locales.get(who.locale);
    match c.state {
        State::Closed | State::Concluded => None,
        State::Open => Some(fl!(l, "decision-still-open", code = c.code())),
        other => {
            let state = deps
                .locales
                .text(who.locale, &format!("state-{}", other.as_str()), &[]);
            Some(fl!(l, "consultation-wrong-state", state = state))
        }
    }
}
