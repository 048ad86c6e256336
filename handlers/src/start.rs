//! First contact: /start greets a person by role (and redeems an invite carried in
//! the link), /help lists what they can do.

use consult_domain::{
    consultations::State,
    invites::{InviteCode, PREFIX},
    roles::Role,
};
use teloxide::{prelude::*, types::Me};

use crate::{Deps, HandlerError, ctx::Ctx, html, i18n::fl, person::Person, refusals, reply};

pub async fn start(cx: &Ctx, msg: &Message, payload: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let payload = payload.trim();
    if payload.starts_with(PREFIX) {
        return redeem(bot, deps, msg, who, payload).await;
    }
    // The link asking a group replier to confirm their held replies privately.
    if let Some(token) = payload.strip_prefix(consult_domain::held::PREFIX) {
        return crate::opinions::group_replies::show(bot, deps, who, token).await;
    }
    // Deep links from a group card: 「提交意见」 and 「阅读草案」.
    if let Some((id, group)) = crate::cards::opinion_link(payload) {
        return crate::opinions::dialogue::start(cx, id, None, group).await;
    }
    // A poster's or card's 「反映社情民意」 link names the contact point.
    if let Some(point) = payload.strip_prefix("report-") {
        return crate::relay::start(cx, point).await;
    }
    // A 普法活动 card's 「报名」: one press signs the person up.
    if let Some(id) = crate::events::start_link(payload) {
        let name = msg.from.as_ref().map_or("", |u| u.first_name.as_str());
        return crate::events::sign_up(bot, deps, who, name, id).await;
    }
    if let Some(id) = crate::faq::parse_link(payload) {
        return crate::faq::show(bot, deps, who, id).await;
    }
    if let Some(id) = payload
        .strip_prefix("read-")
        .and_then(crate::consultations::parse_id)
    {
        return crate::consultations::browse::Browsing {
            bot,
            deps,
            who,
            edit: None,
        }
        .view(id)
        .await;
    }
    greet(bot, deps, msg, who).await
}

async fn greet(bot: &Bot, deps: &Deps, msg: &Message, who: &Person) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let name = who.name.as_str();
    let point = who.point_name();
    let greeting = match who.role() {
        None => fl!(l, "start-greeting-resident", name = name),
        Some(Role::Informant) => fl!(l, "start-greeting-informant", name = name, point = point),
        Some(Role::Liaison) => fl!(l, "start-greeting-liaison", name = name, point = point),
        Some(Role::Admin) => fl!(l, "start-greeting-admin", name = name),
        Some(Role::County) => fl!(l, "start-greeting-county", name = name, district = point),
    };
    // 「反映社情民意」: the relay's way in, beside the consultations.
    let report = teloxide::types::InlineKeyboardMarkup::new([[
        teloxide::types::InlineKeyboardButton::callback(
            fl!(l, "relay-start-button"),
            crate::callback::Callback::Relay(crate::callback::RelayButton::Begin).encode(),
        ),
    ]]);
    let open = deps.db.consultations().list(&[State::Open]).await?;
    if open.is_empty() {
        let text = format!("{greeting}\n\n{}", fl!(l, "start-open-none"));
        reply::html_with_keyboard(bot, msg.chat.id, text, report).await?;
        return Ok(());
    }
    reply::html_with_keyboard(bot, msg.chat.id, greeting, report).await?;
    crate::consultations::browse::Browsing {
        bot,
        deps,
        who,
        edit: None,
    }
    .list()
    .await
}

async fn redeem(
    bot: &Bot,
    deps: &Deps,
    msg: &Message,
    who: &Person,
    payload: &str,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let outcome = match InviteCode::parse(payload) {
        Ok(code) => {
            deps.db
                .invites()
                .redeem(&code, who.id, deps.clock.now())
                .await
        }
        Err(e) => Err(e),
    };
    let text = match outcome {
        Ok(role) => {
            tracing::info!(role = %role.role, "invite redeemed");
            let bound =
                (role.point.as_ref().map(|p| &p.name)).or(role.district.as_ref().map(|d| &d.name));
            match bound {
                Some(name) => fl!(
                    l,
                    "invite-redeemed",
                    role = crate::labels::role(&deps.locales, who.locale, role.role),
                    point = html::escape(name)
                ),
                None => fl!(l, "invite-redeemed-admin"),
            }
        }
        Err(e) => refusals::refusal(deps, who.locale, e)?,
    };
    reply::html(bot, msg.chat.id, text).await?;
    Ok(())
}

pub async fn help(cx: &Ctx, msg: &Message, me: &Me) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let text = if !msg.chat.is_private() {
        fl!(l, "help-group", bot = me.username())
    } else if matches!(who.role(), Some(Role::Liaison | Role::County | Role::Admin)) {
        format!("{}\n\n{}", fl!(l, "help-resident"), fl!(l, "help-staff"))
    } else {
        fl!(l, "help-resident")
    };
    reply::html(bot, msg.chat.id, text).await?;
    Ok(())
}
