//! /status: the recent broadcasts with their delivery counts, and the chats that did not
//! get (or may not have got) their message. Admins see every broadcast, liaisons the
//! ones they started.

use std::collections::HashMap;

use consult_domain::{
    deliveries::{BroadcastSummary, DeliveryState},
    roles::Role,
};
use teloxide::prelude::*;

use crate::{Deps, HandlerError, html, i18n::fl, labels, person::Person, reply};

/// Broadcasts shown, newest first.
const SHOWN: i64 = 10;

pub async fn status(bot: Bot, deps: Deps, msg: Message, who: Person) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let created_by = match who.role() {
        Some(Role::Admin) => None,
        Some(Role::Liaison) => Some(who.id),
        _ => {
            reply::html(&bot, msg.chat.id, fl!(l, "status-refused")).await?;
            return Ok(());
        }
    };
    let broadcasts = deps.db.deliveries().broadcasts(created_by, SHOWN).await?;
    if broadcasts.is_empty() {
        reply::html(&bot, msg.chat.id, fl!(l, "status-none")).await?;
        return Ok(());
    }
    let mut titles: HashMap<i64, String> = HashMap::new();
    let mut lines = vec![fl!(l, "status-header")];
    for b in &broadcasts {
        lines.push(String::new());
        lines.extend(render(&deps, who.locale, b, &mut titles).await?);
    }
    for chunk in html::split_lines(&lines, html::MESSAGE_LIMIT) {
        reply::html(&bot, msg.chat.id, chunk).await?;
    }
    Ok(())
}

async fn render(
    deps: &Deps,
    locale: consult_domain::people::Locale,
    b: &BroadcastSummary,
    titles: &mut HashMap<i64, String>,
) -> Result<Vec<String>, HandlerError> {
    let l = deps.locales.get(locale);
    let time = b
        .created_at
        .with_timezone(&deps.timezone)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let purpose = fl!(l, "broadcast-purpose", purpose = b.purpose.clone());
    let c = &b.counts;
    let queued = c.queued + c.sending;
    let total = c.total().max(b.total);
    let mut lines = vec![
        fl!(
            l,
            "status-broadcast",
            id = b.id,
            purpose = html::escape(&purpose),
            subject = html::escape(&b.subject),
            time = time
        ),
        fl!(
            l,
            "status-counts",
            sent = c.sent,
            total = total,
            queued = queued,
            failed = c.failed,
            unknown = c.unknown
        ),
    ];
    for p in &b.problems {
        let chat = match titles.get(&p.chat_id) {
            Some(t) => t.clone(),
            None => {
                let name = match deps.db.groups().get(p.chat_id).await? {
                    Some(g) => format!("{} ({})", html::escape(&g.title), p.chat_id),
                    None => p.chat_id.to_string(),
                };
                titles.insert(p.chat_id, name.clone());
                name
            }
        };
        lines.push(match p.state {
            DeliveryState::Unknown => fl!(l, "status-unknown-chat", chat = chat),
            _ => fl!(
                l,
                "status-failed-chat",
                chat = chat,
                reason = html::escape(&labels::delivery_failure(
                    &deps.locales,
                    locale,
                    p.reason.as_deref().unwrap_or("-")
                ))
            ),
        });
    }
    Ok(lines)
}
