//! `/point` (admins, private chat): the contact points with their districts, and
//! `/point CODE district DISTRICT` (`-`: none) to put a point in a district, as
//! `consult-bot point district` and the console's points page do. Contact points and
//! their districts are the city's: anyone else is told so. The change is the
//! domain's ([`consult_domain::points::Points::set_district`]), audited under the
//! admin (`point.district`); a county staff member's reach follows it at once.

use consult_domain::{Actor, districts::DistrictCode, points::PointCode};
use teloxide::prelude::*;

use crate::{Deps, HandlerError, ctx::Ctx, html, i18n::fl, person::Person, refusals, reply};

/// Points listed by `/point` at most (the console lists them all).
const LISTED: usize = 100;

/// `/point`, `/point CODE district DISTRICT|-`.
pub async fn command(cx: &Ctx, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    if !who.access().is_some_and(|a| a.is_city()) {
        return reply::to(bot, who, fl!(l, "point-admins")).await;
    }
    let words: Vec<&str> = arg.split_whitespace().collect();
    let (code, district) = match words.as_slice() {
        [] => return list(bot, deps, who).await,
        [code, "district", district] => (*code, *district),
        _ => return reply::to(bot, who, fl!(l, "point-usage")).await,
    };
    let moved = async {
        let code = PointCode::parse(code)?;
        let district = match district {
            "-" => None,
            d => Some(DistrictCode::parse(d)?),
        };
        deps.db
            .points()
            .set_district(
                &code,
                district.as_ref(),
                Actor::Person(who.id),
                deps.clock.now(),
            )
            .await
    }
    .await;
    let text = match moved {
        Ok(p) => match &p.district {
            Some(d) => fl!(
                l,
                "point-district-set",
                point = html::escape(&p.name),
                district = html::escape(d)
            ),
            None => fl!(l, "point-district-none", point = html::escape(&p.name)),
        },
        Err(e) => refusals::refusal(deps, who.locale, e)?,
    };
    reply::to(bot, who, text).await
}

/// The points, each with its code and district.
async fn list(bot: &Bot, deps: &Deps, who: &Person) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let points = deps.db.points().list().await?;
    let none = fl!(l, "staff-points-no-district");
    let mut lines = vec![fl!(l, "point-list-title", count = points.len())];
    lines.extend(points.iter().take(LISTED).map(|p| {
        fl!(
            l,
            "point-list-line",
            code = html::escape(&p.code),
            name = html::escape(&p.name),
            district = html::escape(p.district.as_deref().unwrap_or(&none))
        )
    }));
    lines.push(fl!(l, "point-usage"));
    reply::to(bot, who, lines.join("\n")).await
}
