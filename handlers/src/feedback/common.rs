//! What deciding, releasing, the unreached list and concluding share: the `dz:`
//! button, the names of outcomes and articles, which consultations take feedback now,
//! and the chooser of a consultation.

use consult_domain::{
    consultations::{Consultation, State},
    decisions::Outcome,
    people::Locale,
};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use crate::{
    Deps, HandlerError,
    callback::{Callback, DecisionButton},
    i18n::fl,
    labels,
    person::Person,
    reply,
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

/// `12` or `C12`, if the argument is one.
pub(super) fn consultation_arg(arg: &str) -> Option<i64> {
    crate::consultations::parse_id(arg.split_whitespace().next()?)
}

/// A button per consultation in the given states (newest first), or a notice.
pub(super) async fn choose_consultation(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    states: &[State],
    header: String,
    none: String,
    make: impl Fn(i64) -> DecisionButton,
) -> Result<(), HandlerError> {
    let mut list = deps.db.consultations().list(states).await?;
    if list.is_empty() {
        return reply::to(bot, who, none).await;
    }
    list.sort_by_key(|c| std::cmp::Reverse(c.id));
    let rows = list
        .iter()
        .take(20)
        .map(|c| {
            let title: String = c.title.chars().take(24).collect();
            vec![button(format!("{} {title}", c.code()), make(c.id))]
        })
        .collect::<Vec<_>>();
    reply::to_with_keyboard(bot, who, header, InlineKeyboardMarkup::new(rows)).await
}
