//! The department's one-time link (DESIGN: a department has no account). Made when a
//! report is forwarded, in the pattern of the staff links ([`crate::staff::links`]):
//! 128 random bits shown once (in the forward's confirmation, for the liaison to pass
//! on), only their SHA-256 stored, expiring, and usable until the report is answered
//! — the answer spends it in the transaction that stores the answer, so two tabs
//! racing to answer cannot both win.
//!
//! Opening the link only shows the report; only the answer form's post uses it (a
//! messenger fetching the link for its preview must not spend it). Refusals reuse
//! the invites' errors: [`Error::InviteNotFound`] (mistyped, forged, or for a report
//! forwarded elsewhere since), [`Error::InviteUsed`], [`Error::InviteExpired`].

use crate::{Error, staff::links::LinkCode};

/// The secret of a department link: 128 random bits, base64url (22 characters) —
/// the staff links' code ([`LinkCode`]), for another purpose and another table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentLink(LinkCode);

impl DepartmentLink {
    pub(crate) fn generate() -> Self {
        Self(LinkCode::generate())
    }

    /// What a link's path carried; anything malformed is simply not a link.
    pub fn parse(raw: &str) -> Result<Self, Error> {
        LinkCode::parse(raw).map(Self)
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub(crate) fn hash(&self) -> String {
        self.0.hash()
    }

    /// The page the link opens, under the web channel's public base: `/d/{code}`.
    pub fn url(&self, base: &url::Url) -> String {
        let base = base.as_str().trim_end_matches('/');
        format!("{base}/d/{}", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_random_parse_back_and_refuse_the_rest() {
        let a = DepartmentLink::generate();
        assert_ne!(a, DepartmentLink::generate());
        assert_eq!(a.as_str().len(), 22);
        assert_eq!(DepartmentLink::parse(a.as_str()).unwrap(), a);
        assert_eq!(a.hash().len(), 64);
        for bad in ["", "short", &"a".repeat(23), "!!!!!!!!!!!!!!!!!!!!!!"] {
            assert!(matches!(
                DepartmentLink::parse(bad),
                Err(Error::InviteNotFound)
            ));
        }
        let base = url::Url::parse("https://x.example/").unwrap();
        assert_eq!(a.url(&base), format!("https://x.example/d/{}", a.as_str()));
    }
}
