//! The web channel's public links, built from `--web-url`: what a poster's QR code
//! carries, what a liaison pastes into a WeChat group, and what the Telegram card's
//! button opens. The web pages and the chat both build them here, so a link printed
//! on a poster and a link sent in chat always agree with the routes that serve them.
//!
//! Paths: `c/{id}` is a consultation, the site root lists consultations; `?p=CODE`
//! names the contact point the link was handed out at, so that an opinion given
//! through it counts for that point. Posters and their QR codes hang under the
//! page they point at (`…/poster`, `…/qr.png`, `…/qr.svg`).

use url::Url;

use crate::points::PointCode;

/// Which page a poster advertises: one consultation, or the list (all consultations,
/// or the contact point's), each optionally at a contact point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PosterLink {
    base: Url,
    consultation: Option<i64>,
    point: Option<PointCode>,
}

/// The path of a consultation's page, relative to the site root.
pub fn consultation_path(id: i64) -> String {
    format!("c/{id}")
}

impl PosterLink {
    /// The link to `consultation` (or to the list) at `point`, under `base`.
    pub fn new(base: &Url, consultation: Option<i64>, point: Option<PointCode>) -> PosterLink {
        let mut base = base.clone();
        base.set_query(None);
        base.set_fragment(None);
        // `join` drops a last segment that has no slash: /consult would lose "consult".
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        PosterLink {
            base,
            consultation,
            point,
        }
    }

    pub fn consultation(&self) -> Option<i64> {
        self.consultation
    }

    pub fn point(&self) -> Option<&PointCode> {
        self.point.as_ref()
    }

    fn at(&self, suffix: &str) -> Url {
        let path = match (self.consultation, suffix) {
            (Some(id), "") => consultation_path(id),
            (Some(id), s) => format!("{}/{s}", consultation_path(id)),
            (None, s) => s.to_owned(),
        };
        let mut url = self.base.join(&path).unwrap_or_else(|_| self.base.clone());
        if let Some(p) = &self.point {
            url.query_pairs_mut().append_pair("p", p.as_str());
        }
        url
    }

    /// The page residents open: what the QR code carries.
    pub fn page(&self) -> Url {
        self.at("")
    }

    /// The printable A4 poster page.
    pub fn poster(&self) -> Url {
        self.at("poster")
    }

    /// The QR code alone, as a PNG picture.
    pub fn qr_png(&self) -> Url {
        self.at("qr.png")
    }

    /// The QR code alone, as an SVG picture.
    pub fn qr_svg(&self) -> Url {
        self.at("qr.svg")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn a_consultation_at_a_point() {
        let l = PosterLink::new(
            &base("https://example.org/"),
            Some(12),
            Some(PointCode::parse("hongqiao").unwrap()),
        );
        assert_eq!(l.page().as_str(), "https://example.org/c/12?p=hongqiao");
        assert_eq!(
            l.poster().as_str(),
            "https://example.org/c/12/poster?p=hongqiao"
        );
        assert_eq!(
            l.qr_png().as_str(),
            "https://example.org/c/12/qr.png?p=hongqiao"
        );
        assert_eq!(
            l.qr_svg().as_str(),
            "https://example.org/c/12/qr.svg?p=hongqiao"
        );
    }

    #[test]
    fn a_base_under_a_path_keeps_it() {
        let l = PosterLink::new(&base("https://example.org/consult?x=1#f"), Some(3), None);
        assert_eq!(l.page().as_str(), "https://example.org/consult/c/3");
        let list = PosterLink::new(
            &base("http://127.0.0.1:8080"),
            None,
            Some(PointCode::parse("gubei").unwrap()),
        );
        assert_eq!(list.page().as_str(), "http://127.0.0.1:8080/?p=gubei");
        assert_eq!(
            list.poster().as_str(),
            "http://127.0.0.1:8080/poster?p=gubei"
        );
    }
}
