//! /status: the recent broadcasts with their delivery counts, and the chats that did not
//! get (or may not have got) their message. Admins see every broadcast, liaisons the
//! ones they started.

use std::collections::{HashMap, hash_map::Entry};

use consult_domain::{
    consultations::Consultation,
    deliveries::{About, BroadcastSummary, DeliveryState},
    roles::Role,
};
use teloxide::prelude::*;

use crate::{Deps, HandlerError, ctx::Ctx, html, i18n::fl, labels, reply};

/// Broadcasts shown, newest first.
const SHOWN: i64 = 10;

pub async fn status(cx: &Ctx, msg: &Message) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let created_by = match who.role() {
        Some(Role::Admin) => None,
        Some(Role::Liaison) => Some(who.id),
        _ => {
            reply::html(bot, msg.chat.id, fl!(l, "status-refused")).await?;
            return Ok(());
        }
    };
    let broadcasts = deps.db.deliveries().broadcasts(created_by, SHOWN).await?;
    if broadcasts.is_empty() {
        reply::html(bot, msg.chat.id, fl!(l, "status-none")).await?;
        return Ok(());
    }
    let mut titles: HashMap<i64, String> = HashMap::new();
    let mut consultations = HashMap::new();
    let mut lines = vec![fl!(l, "status-header")];
    for b in &broadcasts {
        lines.push(String::new());
        let about = about(deps, who.locale, &b.subject, &mut consultations).await?;
        lines.extend(render(deps, who.locale, b, about, &mut titles).await?);
    }
    for chunk in html::split_lines(&lines, html::MESSAGE_LIMIT) {
        reply::html(bot, msg.chat.id, chunk).await?;
    }
    Ok(())
}

/// What a broadcast was about, in words (「C5《…》第 1 稿」), escaped; None when its
/// purpose and time say it all (a day's digests). The subject is a delivery key such as
/// `c5:v1`, which means nothing to the liaison reading /status.
async fn about(
    deps: &Deps,
    locale: consult_domain::people::Locale,
    subject: &str,
    consultations: &mut HashMap<i64, Option<Consultation>>,
) -> Result<Option<String>, HandlerError> {
    let l = deps.locales.get(locale);
    let about = About::of(subject);
    let (consultation, prompt) = match about {
        About::Consultation { id, .. } => (id, None),
        About::Prompt(id) => match deps.db.prompts().get(id).await? {
            Some(p) => (p.consultation_id, Some(id)),
            None => return Ok(None),
        },
        About::Other => return Ok(None),
    };
    let c = match consultations.entry(consultation) {
        Entry::Occupied(known) => known.into_mut(),
        Entry::Vacant(new) => new.insert(deps.db.consultations().get(consultation).await?),
    };
    let Some(c) = c else {
        return Ok(None);
    };
    let (code, title) = (c.code(), html::escape(&c.title));
    Ok(Some(match (prompt, about) {
        (Some(id), _) => fl!(
            l,
            "status-about-prompt",
            id = id,
            code = code,
            title = title
        ),
        (
            None,
            About::Consultation {
                version: Some(version),
                ..
            },
        ) => fl!(
            l,
            "status-about-draft",
            code = code,
            title = title,
            version = version
        ),
        _ => fl!(l, "status-about-consultation", code = code, title = title),
    }))
}

async fn render(
    deps: &Deps,
    locale: consult_domain::people::Locale,
    b: &BroadcastSummary,
    about: Option<String>,
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
    let purpose = html::escape(&purpose);
    let mut lines = vec![
        match about {
            Some(subject) => fl!(
                l,
                "status-broadcast",
                id = b.id,
                purpose = purpose,
                subject = subject,
                time = time
            ),
            None => fl!(
                l,
                "status-broadcast-plain",
                id = b.id,
                purpose = purpose,
                time = time
            ),
        },
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
