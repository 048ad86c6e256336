//! Domain refusals a person can act on, in their language. Anything else is a real
//! failure and goes back to the dispatcher, which apologises and logs it.

use consult_domain::{Error, error::Field, people::Locale};

use crate::{Deps, HandlerError, html, i18n::fl};

pub fn refusal(deps: &Deps, locale: Locale, e: Error) -> Result<String, HandlerError> {
    let l = deps.locales.get(locale);
    Ok(match e {
        Error::InviteNotFound => fl!(l, "err-invite-not-found"),
        Error::InviteUsed => fl!(l, "err-invite-used"),
        Error::InviteExpired => fl!(l, "err-invite-expired"),
        Error::UnknownPoint(code) => fl!(l, "err-unknown-point", code = html::escape(&code)),
        Error::InactivePoint(code) => fl!(l, "err-inactive-point", code = html::escape(&code)),
        Error::Invalid(Field::PointCode) => fl!(l, "err-invalid-point-code"),
        Error::UnknownDistrict(code) => fl!(l, "err-unknown-district", code = html::escape(&code)),
        Error::Invalid(Field::DistrictCode) => fl!(l, "err-invalid-district-code"),
        Error::Invalid(Field::Deadline) => fl!(l, "draft-bad-deadline"),
        Error::Invalid(Field::Summary) => fl!(l, "draft-bad-summary"),
        Error::WrongKind { id, kind } => wrong_kind(&deps.locales, locale, id, kind),
        Error::WrongState { state, .. } => {
            let state = deps.locales.text(locale, &format!("state-{state}"), &[]);
            fl!(l, "consultation-wrong-state", state = state)
        }
        other => return Err(other.into()),
    })
}

/// Why something was refused for the consultation's kind ([`consult_domain::Error::WrongKind`]):
/// an open call has no articles; a draft takes no project suggestions. Shared with the
/// command line's wording.
pub fn wrong_kind(
    locales: &crate::i18n::Locales,
    locale: consult_domain::people::Locale,
    id: i64,
    kind: consult_domain::open_calls::Kind,
) -> String {
    let l = locales.get(locale);
    let code = format!("C{id}");
    match kind {
        consult_domain::open_calls::Kind::OpenCall => fl!(l, "open-call-no-articles", code = code),
        consult_domain::open_calls::Kind::Regulation => fl!(l, "open-call-not-one", code = code),
    }
}
