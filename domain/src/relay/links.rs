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

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

use crate::{Error, held::hex};

/// The secret of a department link: 128 random bits, base64url (22 characters).
#[derive(Clone, PartialEq, Eq)]
pub struct DepartmentLink(String);

impl DepartmentLink {
    pub(crate) fn generate() -> Self {
        let bytes: [u8; 16] = rand::random();
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// What a link's path carried; anything malformed is simply not a link.
    pub fn parse(raw: &str) -> Result<Self, Error> {
        let raw = raw.trim();
        if raw.len() != 22 || URL_SAFE_NO_PAD.decode(raw).is_err() {
            return Err(Error::InviteNotFound);
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn hash(&self) -> String {
        hex(&Sha256::digest(self.0.as_bytes()))
    }

    /// The page the link opens, under the web channel's public base: `/d/{code}`.
    pub fn url(&self, base: &url::Url) -> String {
        let base = base.as_str().trim_end_matches('/');
        format!("{base}/d/{}", self.0)
    }
}

// Never print the secret by accident.
impl std::fmt::Debug for DepartmentLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DepartmentLink(…)")
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
