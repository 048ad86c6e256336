//! Resident groups: the bot joining and leaving, linking a group to its contact point
//! (/link, /unlink), supergroup migration, and /groups for liaisons and admins.

use chrono::{DateTime, Utc};
use consult_domain::{
    Actor, Error,
    groups::{Group, GroupKind},
    points::PointCode,
    roles::Role,
};
use teloxide::{
    dispatching::UpdateHandler,
    prelude::*,
    types::{Chat, ChatMemberKind, ChatMemberUpdated, ParseMode, ReplyParameters},
};

use crate::{Deps, HandlerError, ctx::Ctx, html, i18n::fl, person::Person, refusals, reply};

/// Membership changes of the bot itself, and the service messages that concern it.
pub fn schema() -> UpdateHandler<HandlerError> {
    dptree::entry()
        .branch(Update::filter_my_chat_member().endpoint(membership_changed))
        .branch(
            Update::filter_message()
                .filter(|m: Message| {
                    m.migrate_to_chat_id().is_some() || m.migrate_from_chat_id().is_some()
                })
                .endpoint(migrated),
        )
        .branch(
            Update::filter_message()
                .filter_map(|m: Message| m.new_chat_title().map(str::to_owned))
                .endpoint(retitled),
        )
}

fn kind(chat: &Chat) -> GroupKind {
    if chat.is_supergroup() {
        GroupKind::Supergroup
    } else {
        GroupKind::Group
    }
}

fn is_group(chat: &Chat) -> bool {
    chat.is_group() || chat.is_supergroup()
}

/// Whether the bot, with this membership, may pin messages in a group. Telegram lets a
/// bot pin in a group only as the creator or as an administrator with the
/// `can_pin_messages` right; asked anyway, it answers `400 Bad Request: not enough
/// rights to manage pinned messages in the chat`. A plain or restricted member never may.
pub fn may_pin(member: &ChatMemberKind) -> bool {
    match member {
        ChatMemberKind::Owner(_) => true,
        ChatMemberKind::Administrator(admin) => admin.can_pin_messages,
        _ => false,
    }
}

async fn membership_changed(
    bot: Bot,
    deps: Deps,
    change: ChatMemberUpdated,
) -> Result<(), HandlerError> {
    if !is_group(&change.chat) {
        // Private chats (a person blocking the bot) matter to deliveries, not here.
        return Ok(());
    }
    let chat_id = change.chat.id.0;
    let now = deps.clock.now();
    let was_in = change.old_chat_member.is_present();
    let is_in = change.new_chat_member.is_present();
    let actor = Actor::Person(change.from.id.0 as i64);
    let can_pin = may_pin(&change.new_chat_member.kind);
    match (was_in, is_in) {
        (false, true) => {
            let title = change.chat.title().unwrap_or_default();
            let groups = deps.db.groups();
            let mut group = groups
                .joined(chat_id, title, kind(&change.chat), now)
                .await?;
            groups.set_can_pin(chat_id, can_pin, now).await?;
            group.can_pin = Some(can_pin);
            let who = Person::load(&deps, &change.from).await?;
            tracing::info!(chat = chat_id, role = ?who.role(), "bot added to a group");
            welcome(&bot, &deps, &who, group, now).await
        }
        (true, false) => {
            tracing::info!(chat = chat_id, "bot removed from a group");
            deps.db.groups().left(chat_id, actor, now).await?;
            Ok(())
        }
        (true, true) => {
            // Promoted, demoted, or given other rights: pins follow what it may do now.
            tracing::info!(
                chat = chat_id,
                can_pin,
                "the bot's rights in a group changed"
            );
            deps.db.groups().set_can_pin(chat_id, can_pin, now).await?;
            Ok(())
        }
        (false, false) => Ok(()),
    }
}

/// Introduces the bot. Added by a liaison, the group is linked to their point at once;
/// otherwise the group learns how its liaison links it.
async fn welcome(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    group: Group,
    now: DateTime<Utc>,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let group = match (group.point_id, who.liaison_point()) {
        (None, Some(point)) => {
            deps.db
                .groups()
                .link(group.chat_id, point, Actor::Person(who.id), now)
                .await?
        }
        _ => group,
    };
    let text = match &group.point_name {
        Some(point) => fl!(l, "group-intro", point = html::escape(point)),
        None => fl!(l, "group-intro-unlinked"),
    };
    reply::html(bot, ChatId(group.chat_id), text).await?;
    Ok(())
}

async fn migrated(deps: Deps, msg: Message) -> Result<(), HandlerError> {
    let (from, to) = match (msg.migrate_to_chat_id(), msg.migrate_from_chat_id()) {
        (Some(to), _) => (msg.chat.id.0, to.0),
        (None, Some(from)) => (from.0, msg.chat.id.0),
        (None, None) => return Ok(()),
    };
    let outcome = deps.db.groups().migrate(from, to, deps.clock.now()).await?;
    tracing::info!(from, to, ?outcome, "group upgraded to a supergroup");
    Ok(())
}

async fn retitled(deps: Deps, msg: Message, title: String) -> Result<(), HandlerError> {
    deps.db
        .groups()
        .retitle(msg.chat.id.0, &title, deps.clock.now())
        .await?;
    Ok(())
}

/// Answers a command in a group as a reply to it, so the person sees it was for them.
async fn answer(bot: &Bot, msg: &Message, text: String) -> Result<(), HandlerError> {
    bot.send_message(msg.chat.id, text)
        .parse_mode(ParseMode::Html)
        .reply_parameters(ReplyParameters::new(msg.id).allow_sending_without_reply())
        .await?;
    Ok(())
}

/// The group's row, created if the bot was added before it could record it.
async fn this_group(deps: &Deps, msg: &Message) -> Result<Group, HandlerError> {
    let groups = deps.db.groups();
    match groups.get(msg.chat.id.0).await? {
        Some(g) => Ok(g),
        None => Ok(groups
            .joined(
                msg.chat.id.0,
                msg.chat.title().unwrap_or_default(),
                kind(&msg.chat),
                deps.clock.now(),
            )
            .await?),
    }
}

pub async fn link(cx: &Ctx, msg: &Message, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    if !is_group(&msg.chat) {
        return answer(bot, msg, fl!(l, "group-only")).await;
    }
    // The point to link to: a liaison's own; an admin names one, county staff one of
    // their district's (another district's is answered as unknown).
    let point = match who.role() {
        Some(Role::Liaison) => who
            .role
            .as_ref()
            .and_then(|r| r.point.as_ref())
            .map(|p| p.code.clone()),
        Some(Role::Admin | Role::County) if arg.trim().is_empty() => {
            return answer(bot, msg, fl!(l, "group-link-needs-code")).await;
        }
        Some(Role::Admin | Role::County) => Some(arg.trim().to_owned()),
        _ => None,
    };
    let Some(code) = point else {
        return answer(bot, msg, fl!(l, "group-link-refused")).await;
    };
    let point = match resolve_point(deps, &code).await {
        Ok(p) if who.access().is_some_and(|a| a.reaches_point(Some(p.id))) => p,
        Ok(p) => {
            let e = Error::UnknownPoint(p.code);
            return answer(bot, msg, refusals::refusal(deps, who.locale, e)?).await;
        }
        Err(e) => return answer(bot, msg, refusals::refusal(deps, who.locale, e)?).await,
    };
    let group = this_group(deps, msg).await?;
    let text = match (group.point_id, &group.point_name) {
        (Some(id), Some(name)) if id == point.id => {
            fl!(l, "group-already-linked", point = html::escape(name))
        }
        // An admin moves any group; county staff among their district's points.
        (Some(_), Some(name)) if !who.access().is_some_and(|a| a.may_link(&group, point.id)) => {
            fl!(l, "group-linked-elsewhere", point = html::escape(name))
        }
        _ => {
            deps.db
                .groups()
                .link(
                    group.chat_id,
                    point.id,
                    Actor::Person(who.id),
                    deps.clock.now(),
                )
                .await?;
            fl!(l, "group-linked", point = html::escape(&point.name))
        }
    };
    answer(bot, msg, text).await
}

async fn resolve_point(
    deps: &Deps,
    code: &str,
) -> Result<consult_domain::points::ContactPoint, Error> {
    let point = deps.db.points().get(&PointCode::parse(code)?).await?;
    if !point.active {
        return Err(Error::InactivePoint(point.code));
    }
    Ok(point)
}

pub async fn unlink(cx: &Ctx, msg: &Message) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    if !is_group(&msg.chat) {
        return answer(bot, msg, fl!(l, "group-only")).await;
    }
    let group = this_group(deps, msg).await?;
    let (Some(_), Some(name)) = (group.point_id, group.point_name.clone()) else {
        return answer(bot, msg, fl!(l, "group-not-linked")).await;
    };
    if !who.access().is_some_and(|a| a.may_unlink(&group)) {
        return answer(bot, msg, fl!(l, "group-unlink-refused")).await;
    }
    deps.db
        .groups()
        .unlink(group.chat_id, Actor::Person(who.id), deps.clock.now())
        .await?;
    answer(
        bot,
        msg,
        fl!(l, "group-unlinked", point = html::escape(&name)),
    )
    .await
}

/// /groups: a liaison sees their point's groups, county staff their district's, an
/// admin every group, by point.
pub async fn list(cx: &Ctx, msg: &Message) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let Some(scope) = who.access().and_then(|a| a.groups()) else {
        return answer(bot, msg, fl!(l, "groups-refused")).await;
    };
    let groups = deps.db.groups().list(scope).await?;
    if groups.is_empty() {
        return answer(bot, msg, fl!(l, "groups-none")).await;
    }
    let mut lines = Vec::new();
    let mut current: Option<Option<i64>> = None;
    for g in &groups {
        if current != Some(g.point_id) {
            current = Some(g.point_id);
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.push(match &g.point_name {
                Some(name) => fl!(l, "groups-header", point = html::escape(name)),
                None => fl!(l, "groups-header-unlinked"),
            });
        }
        let status = if g.active {
            fl!(l, "group-status-active")
        } else {
            fl!(l, "group-status-inactive")
        };
        let date = |t: DateTime<Utc>| {
            t.with_timezone(&deps.timezone)
                .format("%Y-%m-%d")
                .to_string()
        };
        let title = html::escape(&g.title);
        lines.push(match g.linked_at {
            Some(at) => fl!(
                l,
                "groups-row",
                title = title,
                status = status,
                since = fl!(l, "groups-since", date = date(at))
            ),
            None => fl!(
                l,
                "groups-row-unlinked",
                title = title,
                status = status,
                since = date(g.added_at)
            ),
        });
    }
    // A province has hundreds of groups: split below Telegram's limit.
    for chunk in html::split_lines(&lines, html::MESSAGE_LIMIT) {
        reply::html(bot, msg.chat.id, chunk).await?;
    }
    Ok(())
}
