//! `/poster` (private chat): the web channel's poster for a contact point's notice
//! board and its link for a WeChat group (线下 → 线上). The bot sends the poster as a
//! picture (with the printable A4 page's address in the caption) and then the group
//! notice in a message of its own, ready to be copied and pasted into a group: the
//! words of both are the domain's ([`poster_words`]), as the staff console shows them.
//!
//! `/poster 12` is consultation C12 at the liaison's own point; `/poster` alone is
//! the point's list of consultations. Admins may name any point (`/poster 12 gubei`,
//! `/poster gubei`) or none (`/poster 12`: the link names no point). A liaison who
//! names another point is refused: the role and the point are read fresh from the
//! database on every use, never taken from the message.

use consult_domain::{
    consultations::Consultation,
    notice::poster_words,
    points::{ContactPoint, PointCode},
    qr::QrMatrix,
    roles::Role,
    weblinks::PosterLink,
};
use teloxide::{
    prelude::*,
    types::{InputFile, ParseMode},
};

use crate::{
    Deps, HandlerError, blocking, chart,
    ctx::Ctx,
    html,
    i18n::fl,
    person::Person,
    poster_image::{self, PosterText},
    reply,
};

/// What `/poster ARGS` asked for, before any check.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Request {
    consultation: Option<i64>,
    point: Option<PointCode>,
}

/// `12`, `C12`, `12 CODE`, `CODE` or nothing; None when it is none of these.
fn parse(arg: &str) -> Option<Request> {
    let words: Vec<&str> = arg.split_whitespace().collect();
    let id = |w: &str| {
        w.strip_prefix(['C', 'c'])
            .unwrap_or(w)
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
    };
    match words.as_slice() {
        [] => Some(Request {
            consultation: None,
            point: None,
        }),
        [one] => match id(one) {
            Some(n) => Some(Request {
                consultation: Some(n),
                point: None,
            }),
            None => Some(Request {
                consultation: None,
                point: Some(PointCode::parse(one).ok()?),
            }),
        },
        [first, second] => Some(Request {
            consultation: Some(id(first)?),
            point: Some(PointCode::parse(second).ok()?),
        }),
        _ => None,
    }
}

pub async fn command(cx: &Ctx, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let Some(base) = deps.web_url.clone() else {
        return reply::to(bot, who, fl!(l, "poster-no-web")).await;
    };
    let Some(request) = parse(arg) else {
        return reply::to(bot, who, fl!(l, "poster-usage")).await;
    };
    // Whose point the poster is for: the liaison's own, or any an admin names.
    let own_point = who
        .role
        .as_ref()
        .filter(|r| r.role == Role::Liaison)
        .and_then(|r| r.point.as_ref());
    let point: Option<ContactPoint> = match (who.role(), own_point, &request.point) {
        (Some(Role::Admin), _, Some(code)) => match deps.db.points().find(code).await? {
            Some(p) => Some(p),
            None => {
                let text = fl!(
                    l,
                    "poster-unknown-point",
                    code = html::escape(code.as_str())
                );
                return reply::to(bot, who, text).await;
            }
        },
        (Some(Role::Admin), _, None) => None,
        (Some(Role::Liaison), Some(own), asked) => {
            if asked.as_ref().is_some_and(|c| c.as_str() != own.code) {
                return reply::to(bot, who, fl!(l, "poster-not-your-point")).await;
            }
            let code = PointCode::parse(&own.code)?;
            deps.db.points().find(&code).await?
        }
        _ => return reply::to(bot, who, fl!(l, "poster-refused")).await,
    };
    if request.consultation.is_none() && point.is_none() {
        return reply::to(bot, who, fl!(l, "poster-usage")).await;
    }
    let consultation = match request.consultation {
        Some(id) => {
            let now = deps.clock.now();
            let found = deps.db.consultations().get(id).await?;
            let Some(c) = found.filter(|c| c.open_at(now)) else {
                let text = fl!(l, "poster-not-open", code = format!("C{id}"));
                return reply::to(bot, who, text).await;
            };
            if point.as_ref().is_some_and(|p| !c.reaches(p.id)) {
                return reply::to(bot, who, fl!(l, "poster-not-at-point", code = c.code())).await;
            }
            Some(c)
        }
        None => None,
    };
    let link = PosterLink::new(
        &base,
        request.consultation,
        point.as_ref().and_then(|p| PointCode::parse(&p.code).ok()),
    );
    send(bot, deps, who, &link, consultation.as_ref(), point.as_ref()).await
}

/// The picture, then the text to paste.
async fn send(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    link: &PosterLink,
    consultation: Option<&Consultation>,
    point: Option<&ContactPoint>,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let page = link.page().to_string();
    let qr = match QrMatrix::encode(&page) {
        Ok(qr) => qr,
        Err(e) => {
            tracing::error!(error = %e, "poster QR code failed");
            return reply::to(bot, who, fl!(l, "poster-failed")).await;
        }
    };
    let words = poster_words(
        &deps.locales,
        who.locale,
        deps.timezone,
        consultation,
        point.map(|p| p.name.as_str()),
        link,
    );
    let title = words.title.clone();
    let notice = words.notice.clone();
    let text: PosterText = words;
    let configured = deps.chart_font.clone();
    let drawn = blocking::run(move || {
        let font = chart::font(configured.as_deref());
        poster_image::render(&text, &qr, font.as_deref()).map_err(|e| e.to_string())
    })
    .await
    .unwrap_or_else(|e| Err(e.to_string()));
    let png = match drawn {
        Ok(png) => png,
        Err(e) => {
            tracing::error!(error = %e, "poster picture failed");
            return reply::to(bot, who, fl!(l, "poster-failed")).await;
        }
    };
    let name = match consultation {
        Some(c) => format!("{}-poster.png", c.code()),
        None => "poster.png".to_owned(),
    };
    let caption = fl!(
        l,
        "poster-caption",
        title = html::escape(&title.chars().take(200).collect::<String>()),
        printable = html::escape(link.poster().as_str())
    );
    bot.send_photo(ChatId(who.id), InputFile::memory(png).file_name(name))
        .caption(caption)
        .parse_mode(ParseMode::Html)
        .await?;
    reply::to(bot, who, html::escape(&notice)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments() {
        let code = |s: &str| Some(PointCode::parse(s).unwrap());
        assert_eq!(
            parse(""),
            Some(Request {
                consultation: None,
                point: None
            })
        );
        assert_eq!(
            parse("C12"),
            Some(Request {
                consultation: Some(12),
                point: None
            })
        );
        assert_eq!(
            parse(" 12  gubei "),
            Some(Request {
                consultation: Some(12),
                point: code("gubei")
            })
        );
        assert_eq!(
            parse("gubei"),
            Some(Request {
                consultation: None,
                point: code("gubei")
            })
        );
        assert_eq!(parse("gubei 12"), None);
        // Not an id, so a point code (which /poster then looks up).
        assert_eq!(
            parse("0"),
            Some(Request {
                consultation: None,
                point: code("0")
            })
        );
        assert_eq!(parse("1 2 3"), None);
        assert_eq!(parse("虹桥"), None);
    }
}
