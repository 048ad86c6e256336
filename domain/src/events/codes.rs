//! The check-in code shown at the venue (DESIGN: every secret is random, shown once,
//! and kept only as its hash). 128 random bits in base64url — the staff links' code
//! ([`LinkCode`]) for another purpose — made when the liaison asks for it, printed
//! as a QR code that opens the web check-in page, or typed to the bot
//! (`签到 CODE`). Making a new one ends the old: a code photographed at one event
//! does not work at the next.

use crate::{Error, staff::links::LinkCode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckinCode(LinkCode);

impl CheckinCode {
    pub(crate) fn generate() -> Self {
        Self(LinkCode::generate())
    }

    /// What a link or a message carried; anything malformed is simply no code.
    pub fn parse(raw: &str) -> Result<Self, Error> {
        LinkCode::parse(raw).map(Self)
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub(crate) fn hash(&self) -> String {
        self.0.hash()
    }

    /// The check-in page the QR code opens, under the web channel's public base:
    /// `/e/checkin/{code}`.
    pub fn url(&self, base: &url::Url) -> String {
        let base = base.as_str().trim_end_matches('/');
        format!("{base}/e/checkin/{}", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_random_parse_back_and_refuse_the_rest() {
        let a = CheckinCode::generate();
        assert_ne!(a, CheckinCode::generate());
        assert_eq!(CheckinCode::parse(a.as_str()).unwrap(), a);
        for bad in ["", "short", "!!!!!!!!!!!!!!!!!!!!!!"] {
            assert!(CheckinCode::parse(bad).is_err());
        }
        let base = url::Url::parse("https://x.example/").unwrap();
        assert_eq!(
            a.url(&base),
            format!("https://x.example/e/checkin/{}", a.as_str())
        );
    }
}
