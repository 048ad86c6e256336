//! The domain's checked values, built one way wherever they are used: codes stored in
//! the database and read back into enums ([`coded!`], with [`UnknownCode`] for a code
//! no variant has), and texts a person typed, held to their bounds ([`bounded`]).
//! The opinions', the relay's and the events' values are all made here.

use crate::{Error, error::Field};

/// A stored code that no variant of the enum has: the database holds something this
/// program does not understand (a newer program wrote it, or a hand edit).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} code {code:?} in the database")]
pub struct UnknownCode {
    /// Which value: stance, identity, status or channel.
    pub what: &'static str,
    pub code: String,
}

/// Declares an enum stored as a code, with its label's message id per variant.
macro_rules! coded {
    (
        $(#[$meta:meta])*
        $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The code stored in the database and used in callback data.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $code, )+
                }
            }

            /// The id of the message in `locales/` that names this value in words.
            pub fn label_id(self) -> &'static str {
                match self {
                    $( $name::$variant => $label, )+
                }
            }

            /// Reads a code; None for anything else (for untrusted input such as
            /// callback data, where "not found" is the answer).
            pub fn parse(code: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|v| v.as_str() == code)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = $crate::values::UnknownCode;

            fn try_from(code: &str) -> Result<Self, $crate::values::UnknownCode> {
                Self::parse(code).ok_or_else(|| $crate::values::UnknownCode {
                    what: $what,
                    code: code.to_owned(),
                })
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::values::UnknownCode;

            fn try_from(code: String) -> Result<Self, $crate::values::UnknownCode> {
                Self::try_from(code.as_str())
            }
        }

        impl From<$name> for &'static str {
            fn from(value: $name) -> &'static str {
                value.as_str()
            }
        }

        impl std::fmt::Display for $name {
            /// The code (for logs and audit entries), not the words a person reads.
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// Declares the enums of [`coded!`] in the other modules.
pub(crate) use coded;

/// Checks a text a person typed: trimmed, `min..=max` characters, and (for one-line
/// fields) no line breaks or other control characters. The error names `field`, so
/// each channel can say that field's rule.
pub(crate) fn bounded(
    raw: &str,
    min: usize,
    max: usize,
    one_line: bool,
    field: Field,
) -> Result<String, Error> {
    let t = raw.trim();
    let n = t.chars().count();
    let bad_chars = t
        .chars()
        .any(|c| c.is_control() && (one_line || !matches!(c, '\n' | '\r' | '\t')));
    if n < min || n > max || bad_chars {
        return Err(Error::Invalid(field));
    }
    Ok(t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bounded_text_is_trimmed_and_held_to_its_length_and_lines() {
        assert_eq!(
            bounded("  民法典 ", 1, 3, true, Field::EventTitle).unwrap(),
            "民法典"
        );
        assert!(bounded("民法典进社区", 1, 3, true, Field::EventTitle).is_err());
        assert!(bounded("  ", 1, 3, true, Field::EventTitle).is_err());
        assert!(bounded("两\n行", 1, 9, true, Field::EventTitle).is_err());
        assert_eq!(
            bounded("两\n行", 1, 9, false, Field::EventText).unwrap(),
            "两\n行"
        );
        assert!(bounded("a\u{7}", 1, 9, false, Field::EventText).is_err());
    }
}
