//! Coded values in words, in the reader's language: one function per enum, so every
//! place that shows a stance, identity, status, channel or outcome shows the same
//! word from `locales/`. The message ids live with the enums in domain
//! (`label_id`), where the web channel finds them too.

use consult_domain::{
    decisions::Outcome,
    export::Words,
    opinions::{Channel, Identity, Stance, Status},
    people::Locale,
};

use crate::i18n::Locales;

pub fn stance(locales: &Locales, locale: Locale, v: Stance) -> String {
    locales.text(locale, v.label_id(), &[])
}

pub fn identity(locales: &Locales, locale: Locale, v: Identity) -> String {
    locales.text(locale, v.label_id(), &[])
}

pub fn status(locales: &Locales, locale: Locale, v: Status) -> String {
    locales.text(locale, v.label_id(), &[])
}

/// The reviewer's word for a status (see [`Status::review_label_id`]).
pub fn review_status(locales: &Locales, locale: Locale, v: Status) -> String {
    locales.text(locale, v.review_label_id(), &[])
}

pub fn channel(locales: &Locales, locale: Locale, v: Channel) -> String {
    locales.text(locale, v.label_id(), &[])
}

pub fn outcome(locales: &Locales, locale: Locale, v: Outcome) -> String {
    locales.text(locale, v.label_id(), &[])
}

/// Every word an export writes for coded values, in `locale`.
pub fn export_words(locales: &Locales, locale: Locale) -> Words {
    Words::new(|id| locales.text(locale, id, &[]))
}
