//! /invite in private chat: admins invite liaisons and informants of any point and
//! county staff of any district, county staff liaisons and informants of their
//! district's points, liaisons informants of their own point. Same rules as the
//! command line and the console ([`consult_domain::access::Access::may_assign_at`]);
//! another district's point is answered as an unknown one.

use consult_domain::{
    Actor,
    access::Access,
    districts::DistrictCode,
    points::PointCode,
    roles::{Assignment, Role},
};
use teloxide::{prelude::*, types::Me};

use crate::{HandlerError, ctx::Ctx, html, i18n::fl, refusals, reply};

pub async fn invite(cx: &Ctx, msg: &Message, me: &Me, args: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let mut words = args.split_whitespace();
    let (role, point) = (words.next(), words.next());
    let access = who.access();
    let requested = match &access {
        Some(Access::Admin { .. }) => match (role.map(str::parse::<Role>), point) {
            (Some(Ok(role @ (Role::Liaison | Role::Informant | Role::County))), Some(point)) => {
                Some((role, point.to_owned()))
            }
            _ => return send(bot, msg, fl!(l, "invite-usage-admin")).await,
        },
        Some(Access::County { .. }) => match (role.map(str::parse::<Role>), point) {
            (Some(Ok(role @ (Role::Liaison | Role::Informant))), Some(point)) => {
                Some((role, point.to_owned()))
            }
            _ => return send(bot, msg, fl!(l, "invite-usage-county")).await,
        },
        Some(Access::Liaison { .. }) => match role.map(str::parse::<Role>) {
            Some(Ok(Role::Informant)) => who
                .role
                .as_ref()
                .and_then(|r| r.point.as_ref())
                .map(|p| (Role::Informant, p.code.clone())),
            Some(Ok(_)) => return send(bot, msg, fl!(l, "invite-liaison-only-informants")).await,
            _ => return send(bot, msg, fl!(l, "invite-usage-liaison")).await,
        },
        _ => None,
    };
    let (Some((role, target)), Some(access)) = (requested, access) else {
        return send(bot, msg, fl!(l, "invite-refused")).await;
    };
    let created = async {
        let (assignment, name) = if role == Role::County {
            let code = DistrictCode::parse(&target)?;
            let district = deps.db.districts().get(&code).await?;
            (Assignment::bound(role, None, Some(code))?, district.name)
        } else {
            let code = PointCode::parse(&target)?;
            let point = deps.db.points().get(&code).await?;
            // Another district's point is as unknown as one that does not exist.
            if !access.may_assign_at(role, Some((point.id, &point.code))) {
                return Err(consult_domain::Error::UnknownPoint(point.code));
            }
            (Assignment::new(role, Some(code))?, point.name)
        };
        let now = deps.clock.now();
        let (secret, invite) = deps
            .db
            .invites()
            .create(&assignment, Actor::Person(who.id), now, deps.invite_ttl)
            .await?;
        Ok::<_, consult_domain::Error>((secret, invite, name))
    };
    let (code, invite, point_name) = match created.await {
        Ok(created) => created,
        Err(e) => return send(bot, msg, refusals::refusal(deps, who.locale, e)?).await,
    };
    let text = fl!(
        l,
        "invite-created",
        role = crate::labels::role(&deps.locales, who.locale, role),
        point = html::escape(&point_name),
        expires = invite
            .expires_at
            .with_timezone(&deps.timezone)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        link = format!("https://t.me/{}?start={}", me.username(), code.as_str())
    );
    send(bot, msg, text).await
}

async fn send(bot: &Bot, msg: &Message, text: String) -> Result<(), HandlerError> {
    reply::html(bot, msg.chat.id, text).await?;
    Ok(())
}
