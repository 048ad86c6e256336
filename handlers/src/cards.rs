//! What the groups see about a consultation — the announcement card, reminders, the
//! closing notice, a withdrawal — is rendered in the domain ([`consult_domain::cards`]),
//! because the web console queues the same cards; this module gives the chat its
//! renderer and reads the `op-` deep links those cards carry.

pub use consult_domain::cards::{Render, local_time, web_page};

use crate::Deps;

/// The renderer for what the groups and submitters get (groups in the default locale).
pub fn render(deps: &Deps) -> Render<'_> {
    Render {
        locales: &deps.locales,
        locale: deps.default_locale,
        timezone: deps.timezone,
        web_url: deps.web_url.as_ref(),
    }
}

/// Reads `12` or `12-g1001234567890` from an `op-` deep link: the consultation, and the
/// group the link was posted in.
pub fn opinion_link(payload: &str) -> Option<(i64, Option<i64>)> {
    let rest = payload.strip_prefix("op-")?;
    let (id, group) = match rest.split_once("-g") {
        Some((id, group)) => (id, Some(group)),
        None => (rest, None),
    };
    let id = id.parse().ok().filter(|id: &i64| *id > 0)?;
    let group = match group {
        Some(g) => Some(-g.parse::<i64>().ok().filter(|g| *g > 0)?),
        None => None,
    };
    Some((id, group))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_links_round_trip_and_refuse_junk() {
        assert_eq!(
            opinion_link("op-12-g1001234567890"),
            Some((12, Some(-1001234567890)))
        );
        assert_eq!(opinion_link("op-12"), Some((12, None)));
        for bad in [
            "op-",
            "op-x",
            "op-12-g",
            "op-12-gx",
            "op-12-g-5",
            "op-0",
            "read-12",
        ] {
            assert_eq!(opinion_link(bad), None, "{bad}");
        }
    }
}
