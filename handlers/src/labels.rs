//! Coded values in words, in the reader's language: one function per enum, so every
//! place that shows a stance, identity, status, channel or outcome shows the same
//! word from `locales/`. The message ids live with the enums in domain
//! (`label_id`), where the web channel finds them too.

use consult_domain::{
    decisions::Outcome,
    deliveries::Failure,
    export::Words,
    opinions::{Channel, Identity, Stance, Status},
    people::Locale,
    roles::Role,
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

/// Why a delivery failed, in words where the reason is a known one (Telegram's texts
/// are English), else as stored. Not escaped: the caller escapes.
pub fn delivery_failure(locales: &Locales, locale: Locale, reason: &str) -> String {
    match Failure::of(reason) {
        Failure::Other => locales.text(
            locale,
            Failure::Other.label_id(),
            &[("reason", reason.to_owned())],
        ),
        known => locales.text(locale, known.label_id(), &[]),
    }
}

/// Every word an export writes for coded values, in `locale`.
pub fn export_words(locales: &Locales, locale: Locale) -> Words {
    Words::new(|id| locales.text(locale, id, &[]))
}

/// A role's name.
pub fn role(locales: &Locales, locale: Locale, role: Role) -> String {
    locales.text(locale, &format!("role-{}", role.as_str()), &[])
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// Every value of every coded enum has words of its own in both locales: the
    /// message exists (not its id shown back), is not the stored code, and no two
    /// values of one enum read alike.
    #[test]
    fn every_coded_value_has_its_own_words_in_both_locales() {
        let locales = Locales::load().unwrap();
        for locale in [Locale::ZhCn, Locale::En] {
            let words = |ids: Vec<(&'static str, &'static str)>| {
                let shown: Vec<String> = ids
                    .iter()
                    .map(|(id, code)| {
                        let w = locales.text(locale, id, &[]);
                        assert!(!w.is_empty() && w != *id, "{locale:?} lacks {id}");
                        if locale == Locale::ZhCn {
                            assert_ne!(w, *code, "{id} shows its code");
                        }
                        w
                    })
                    .collect();
                let distinct: HashSet<&String> = shown.iter().collect();
                assert_eq!(distinct.len(), shown.len(), "{locale:?}: {shown:?}");
            };
            words(Stance::ALL.map(|v| (v.label_id(), v.as_str())).to_vec());
            words(Identity::ALL.map(|v| (v.label_id(), v.as_str())).to_vec());
            words(Status::ALL.map(|v| (v.label_id(), v.as_str())).to_vec());
            words(
                Status::ALL
                    .map(|v| (v.review_label_id(), v.as_str()))
                    .to_vec(),
            );
            words(Channel::ALL.map(|v| (v.label_id(), v.as_str())).to_vec());
            words(Outcome::ALL.map(|v| (v.label_id(), v.as_str())).to_vec());
            words(
                Failure::ALL
                    .into_iter()
                    .filter(|f| *f != Failure::Other)
                    .map(|v| (v.label_id(), "inactive"))
                    .collect(),
            );
        }
    }
}
