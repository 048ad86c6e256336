//! Callback data: what a button means, in at most 64 bytes. It comes back from the
//! client, so it is decoded with errors and whatever it asks is authorised again.

use consult_domain::people::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callback {
    /// Choose the language to be spoken to in.
    Lang(Locale),
    /// The list of consultations open for comment.
    Consultations,
    /// One consultation's overview.
    Consultation { id: i64 },
    /// A page of the article list of a version, within a chapter (index into the
    /// draft's divisions) or of the whole draft.
    Articles {
        id: i64,
        version: i32,
        chapter: Option<u16>,
        page: u16,
    },
    /// One article's full text (index into the version's articles).
    Article { id: i64, version: i32, index: u16 },
    /// Draft intake: use the title the parser found.
    UseTitle,
    /// Draft intake: all contact points.
    ScopeAll,
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
            Callback::Consultations => "cl".into(),
            Callback::Consultation { id } => format!("c:{id}"),
            Callback::Articles {
                id,
                version,
                chapter,
                page,
            } => {
                let chapter = chapter.map_or("-".to_owned(), |c| c.to_string());
                format!("h:{id}:{version}:{chapter}:{page}")
            }
            Callback::Article { id, version, index } => format!("a:{id}:{version}:{index}"),
            Callback::UseTitle => "dt".into(),
            Callback::ScopeAll => "ds".into(),
        }
    }

    pub fn decode(data: &str) -> Result<Self, BadCallback> {
        let parts: Vec<&str> = data.split(':').collect();
        let num = |s: &str| s.parse::<i64>().ok().filter(|n| *n >= 0).ok_or(BadCallback);
        let small = |s: &str| s.parse::<u16>().map_err(|_| BadCallback);
        let version = |s: &str| s.parse::<i32>().ok().filter(|v| *v > 0).ok_or(BadCallback);
        match parts.as_slice() {
            ["l", "zh"] => Ok(Callback::Lang(Locale::ZhCn)),
            ["l", "en"] => Ok(Callback::Lang(Locale::En)),
            ["cl"] => Ok(Callback::Consultations),
            ["c", id] => Ok(Callback::Consultation { id: num(id)? }),
            ["h", id, v, chapter, page] => Ok(Callback::Articles {
                id: num(id)?,
                version: version(v)?,
                chapter: if *chapter == "-" {
                    None
                } else {
                    Some(small(chapter)?)
                },
                page: small(page)?,
            }),
            ["a", id, v, index] => Ok(Callback::Article {
                id: num(id)?,
                version: version(v)?,
                index: small(index)?,
            }),
            ["dt"] => Ok(Callback::UseTitle),
            ["ds"] => Ok(Callback::ScopeAll),
            _ => Err(BadCallback),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_within_64_bytes_and_refuses_anything_else() {
        let all = [
            Callback::Lang(Locale::ZhCn),
            Callback::Lang(Locale::En),
            Callback::Consultations,
            Callback::Consultation { id: i64::MAX },
            Callback::Articles {
                id: i64::MAX,
                version: i32::MAX,
                chapter: Some(u16::MAX),
                page: u16::MAX,
            },
            Callback::Articles {
                id: 1,
                version: 1,
                chapter: None,
                page: 0,
            },
            Callback::Article {
                id: i64::MAX,
                version: i32::MAX,
                index: u16::MAX,
            },
            Callback::UseTitle,
            Callback::ScopeAll,
        ];
        for c in all {
            assert!(c.encode().len() <= 64, "{c:?}");
            assert_eq!(Callback::decode(&c.encode()), Ok(c));
        }
        for bad in [
            "",
            "l",
            "l:",
            "l:fr",
            "x:zh",
            "l:zh:extra",
            "\u{0}",
            "c:-1",
            "c:x",
            "a:1:0:1",
            "h:1:1:x:0",
            "a:1:1:70000",
        ] {
            assert_eq!(Callback::decode(bad), Err(BadCallback), "{bad:?}");
        }
    }
}
