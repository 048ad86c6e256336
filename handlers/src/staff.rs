//! The staff console from chat. `/staff add NAME ROLE [POINT]` creates a web account
//! with its role and answers with the one-time link that sets its password — the
//! same rules as `/invite`: admins add anyone (an admin account too, a county one
//! with its district's code), county staff liaisons and informants of their
//! district's points, liaisons only informants of their own point. `/web` gives any staff member a one-time link that
//! logs them in to the console without a password (valid for
//! [`links::LOGIN_TTL_MINUTES`]). Both links are sent without a link preview, and the
//! console only uses a link when its page's button is pressed, so nothing spends a
//! link but the person.

use consult_domain::{
    Actor, Error,
    districts::DistrictCode,
    points::PointCode,
    roles::{Assignment, Role},
    staff::{LoginName, Purpose, links},
};
use teloxide::{
    prelude::*,
    types::{LinkPreviewOptions, ParseMode},
};

use crate::{HandlerError, ctx::Ctx, html, i18n::fl, person::Person, refusals};

/// `/staff add NAME ROLE [POINT]`.
pub async fn command(cx: &Ctx, args: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let Some(base) = deps.web_url.as_ref() else {
        return send(bot, who, fl!(l, "staff-web-not-served")).await;
    };
    let mut words = args.split_whitespace();
    let (verb, name, role, point) = (words.next(), words.next(), words.next(), words.next());
    let usage = match who.role() {
        Some(Role::Admin) => fl!(l, "staff-usage-admin"),
        Some(Role::County) => fl!(l, "staff-usage-county"),
        Some(Role::Liaison) => fl!(l, "staff-usage-liaison"),
        _ => return send(bot, who, fl!(l, "staff-refused")).await,
    };
    let (Some("add"), Some(name), Some(role)) = (verb, name, role) else {
        return send(bot, who, usage).await;
    };
    let Ok(role) = role.parse::<Role>() else {
        return send(bot, who, usage).await;
    };
    // The same rules as /invite, read from the role stored now.
    let point = match (who.role(), role) {
        (Some(Role::Admin), Role::Admin) => None,
        (Some(Role::Admin), _) | (Some(Role::County), Role::Liaison | Role::Informant) => {
            match point {
                Some(p) => Some(p.to_owned()),
                None => return send(bot, who, usage).await,
            }
        }
        (Some(Role::County), _) => return send(bot, who, usage).await,
        (Some(Role::Liaison), Role::Informant) => who
            .role
            .as_ref()
            .and_then(|r| r.point.as_ref())
            .map(|p| p.code.clone()),
        _ => return send(bot, who, fl!(l, "staff-liaison-only-informants")).await,
    };
    let Ok(name) = LoginName::parse(name) else {
        return send(bot, who, fl!(l, "staff-bad-name")).await;
    };
    let added = async {
        // A county staff member's point must be one of their district's: another's
        // is answered as unknown (an admin names a county account's district).
        let (point, district) = match (role, point.as_deref()) {
            (Role::County, Some(d)) => (None, Some(DistrictCode::parse(d)?)),
            (_, p) => (p.map(PointCode::parse).transpose()?, None),
        };
        if let (Some(access), Some(code)) = (who.access(), &point) {
            let p = deps.db.points().get(code).await?;
            if !access.may_assign_at(role, Some((p.id, &p.code))) {
                return Err(Error::UnknownPoint(p.code));
            }
        }
        let assignment = Assignment::bound(role, point, district)?;
        deps.db
            .staff()
            .add(
                &name,
                &assignment,
                None,
                Actor::Person(who.id),
                deps.clock.now(),
                deps.invite_ttl,
            )
            .await
    };
    let added = match added.await {
        Ok(added) => added,
        Err(Error::DuplicateStaff(_)) => {
            let text = fl!(l, "staff-duplicate", name = html::escape(name.as_str()));
            return send(bot, who, text).await;
        }
        Err(e) => return send(bot, who, refusals::refusal(deps, who.locale, e)?).await,
    };
    let link = links::url(base, Purpose::Password, &added.code).to_string();
    let expires =
        crate::cards::local_time(&deps.locales, who.locale, deps.timezone, added.expires_at);
    let role = crate::labels::role(&deps.locales, who.locale, role);
    let bound = (added.role.point.as_ref().map(|p| &p.name)).or(added
        .role
        .district
        .as_ref()
        .map(|d| &d.name));
    let text = match bound {
        Some(p) => fl!(
            l,
            "staff-created",
            name = html::escape(name.as_str()),
            role = role,
            point = html::escape(p),
            expires = expires,
            link = html::escape(&link)
        ),
        None => fl!(
            l,
            "staff-created-admin",
            name = html::escape(name.as_str()),
            role = role,
            expires = expires,
            link = html::escape(&link)
        ),
    };
    send(bot, who, text).await
}

/// `/web`: a one-time login link for the console.
pub async fn web(cx: &Ctx) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let Some(base) = deps.web_url.as_ref() else {
        return send(bot, who, fl!(l, "staff-web-not-served")).await;
    };
    if who.role.is_none() {
        return send(bot, who, fl!(l, "staff-web-refused")).await;
    }
    let ttl = chrono::Duration::minutes(links::LOGIN_TTL_MINUTES);
    let (code, _) = deps
        .db
        .staff_links()
        .create(
            who.id,
            Purpose::Login,
            Actor::Person(who.id),
            deps.clock.now(),
            ttl,
        )
        .await?;
    let link = links::url(base, Purpose::Login, &code).to_string();
    let text = fl!(
        l,
        "staff-web-link",
        minutes = links::LOGIN_TTL_MINUTES,
        link = html::escape(&link)
    );
    send(bot, who, text).await
}

/// Sends without a link preview: fetching the preview must not be the first visit.
async fn send(bot: &Bot, who: &Person, text: String) -> Result<(), HandlerError> {
    bot.send_message(ChatId(who.id), text)
        .parse_mode(ParseMode::Html)
        .link_preview_options(LinkPreviewOptions {
            is_disabled: true,
            url: None,
            prefer_small_media: false,
            prefer_large_media: false,
            show_above_text: false,
        })
        .await?;
    Ok(())
}
