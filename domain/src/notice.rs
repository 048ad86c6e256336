//! What a poster says, and the 「复制群通知」 text a liaison pastes into a WeChat group
//! (线下 → 线上): the heading, the title, the deadline, three steps, the link and the
//! contact point, in the reader's language. Chat's `/poster` draws them into a picture
//! and sends the notice after it; the web's printable poster and the staff console's
//! posters page show the same words, so a group reads the same thing whichever
//! channel the liaison took it from.
//!
//! Plain text: the chat escapes it for Telegram's HTML, the web pages escape it as
//! they draw it (and put the notice into a textarea to copy).

use chrono_tz::Tz;
use i18n_embed_fl::fl;

use crate::{
    cards::local_time, consultations::Consultation, i18n::Locales, people::Locale,
    weblinks::PosterLink,
};

/// Every word of a poster and its group notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PosterWords {
    /// 「立法意见 扫码就说」.
    pub heading: String,
    /// The consultation's title, or 「{point}正在征求意见的法规草案」 for a point's list.
    pub title: String,
    /// 「截止时间：…」, or what a list poster says instead.
    pub deadline: String,
    /// Scan, write, hear back: one line each.
    pub steps: [String; 3],
    /// The page the QR code opens.
    pub link: String,
    /// Who put the poster up: the contact point's name, if the poster is for one.
    pub footer: Option<String>,
    /// The text to paste into a group: title, deadline, how to take part, the link.
    pub notice: String,
}

/// The words for `link`'s poster: about `consultation` (None: the list of `point`'s
/// consultations), at the contact point named `point` (if any).
pub fn poster_words(
    locales: &Locales,
    locale: Locale,
    timezone: Tz,
    consultation: Option<&Consultation>,
    point: Option<&str>,
    link: &PosterLink,
) -> PosterWords {
    let l = locales.get(locale);
    let (title, deadline) = match consultation {
        Some(c) => (
            c.title.clone(),
            fl!(
                l,
                "poster-deadline",
                deadline = local_time(locales, locale, timezone, c.closes_at)
            ),
        ),
        None => (
            fl!(l, "poster-list-title", point = point.unwrap_or_default()),
            fl!(l, "poster-list-deadline"),
        ),
    };
    let page = link.page().to_string();
    let notice = fl!(
        l,
        "poster-paste",
        title = title.clone(),
        deadline = deadline.clone(),
        link = page.clone()
    );
    PosterWords {
        heading: fl!(l, "poster-heading"),
        title,
        deadline,
        steps: [
            fl!(l, "poster-step-scan"),
            fl!(l, "poster-step-write"),
            fl!(l, "poster-step-outcome"),
        ],
        link: page,
        footer: point.map(str::to_owned),
        notice,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::{
        consultations::{Scope, State},
        points::PointCode,
    };

    #[test]
    fn the_notice_has_the_title_the_deadline_and_the_points_link_on_a_line_of_its_own() {
        let locales = Locales::load().unwrap();
        let at = Utc.with_ymd_and_hms(2027, 1, 15, 15, 59, 0).unwrap();
        let c = Consultation {
            id: 12,
            title: "某市养犬管理条例（草案）".into(),
            summary: None,
            source_url: None,
            occupations: vec![],
            state: State::Open,
            scope: Scope::All,
            version: 1,
            closes_at: at,
            opened_at: Some(at),
            closed_at: None,
            created_by: None,
            created_at: at,
            kind: crate::open_calls::Kind::Regulation,
        };
        let base = url::Url::parse("https://consult.example.org/").unwrap();
        let link = PosterLink::new(&base, Some(12), PointCode::parse("jinqiao").ok());
        let words = poster_words(
            &locales,
            Locale::ZhCn,
            chrono_tz::Asia::Shanghai,
            Some(&c),
            Some("金桥联系点"),
            &link,
        );
        assert!(
            words
                .notice
                .starts_with("【征求意见】某市养犬管理条例（草案）")
        );
        assert!(words.notice.contains("截止时间：2027年1月15日 23:59"));
        assert!(
            words
                .notice
                .lines()
                .any(|l| l == "https://consult.example.org/c/12?p=jinqiao"),
            "{}",
            words.notice
        );
        let en = poster_words(
            &locales,
            Locale::En,
            chrono_tz::Asia::Shanghai,
            Some(&c),
            Some("金桥联系点"),
            &link,
        );
        assert!(en.notice.starts_with("[Public consultation]"));
        assert_eq!(en.footer.as_deref(), Some("金桥联系点"));
    }
}
