//! Callback data: what a button means, in at most 64 bytes. It comes back from the
//! client, so it is decoded with errors and whatever it asks is authorised again.

use consult_domain::people::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callback {
    /// Choose the language to be spoken to in.
    Lang(Locale),
}

/// Any callback data we did not produce (forged, or from an older version).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unrecognised callback data")]
pub struct BadCallback;

impl Callback {
    pub fn encode(self) -> String {
        match self {
            Callback::Lang(Locale::ZhCn) => "l:zh".into(),
            Callback::Lang(Locale::En) => "l:en".into(),
        }
    }

    pub fn decode(data: &str) -> Result<Self, BadCallback> {
        let (action, rest) = data.split_once(':').ok_or(BadCallback)?;
        match (action, rest) {
            ("l", "zh") => Ok(Callback::Lang(Locale::ZhCn)),
            ("l", "en") => Ok(Callback::Lang(Locale::En)),
            _ => Err(BadCallback),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_anything_else() {
        for c in [Callback::Lang(Locale::ZhCn), Callback::Lang(Locale::En)] {
            assert!(c.encode().len() <= 64);
            assert_eq!(Callback::decode(&c.encode()), Ok(c));
        }
        for bad in ["", "l", "l:", "l:fr", "x:zh", "l:zh:extra", "\u{0}"] {
            assert_eq!(Callback::decode(bad), Err(BadCallback), "{bad:?}");
        }
    }
}
