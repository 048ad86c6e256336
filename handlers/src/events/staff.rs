//! `/event` for liaisons, county staff and admins: their events (`/event`), one event
//! with its figures and buttons (`/event E12`) — the check-in code with its QR code to
//! show at the venue, who signed up (a button each to mark them present), calling it
//! off — and what is typed after the event: `walkins N`, `note …`, `question …` (to
//! the FAQ's unanswered list), and changes (`title`, `kind`, `topic`, `time START END`,
//! `place`, `capacity`, `description`, `consultation C3|none`). A photo sent with the
//! caption `E12` is downloaded and kept with the event, for the console to show. Every
//! action re-checks the scope (a point, a district or the city) and is audited by the
//! domain.

use chrono::{DateTime, Utc};
use consult_domain::{
    Actor,
    events::{self, Change, CheckinCode, Event, EventKind, EventStatus, NewEvent},
    limits::ATTACHMENT_BYTES,
    photos::{LIMIT_MB, Photo, PhotoError},
    qr::QrMatrix,
    review::Scope,
};
use teloxide::{
    net::Download,
    prelude::*,
    types::{FileId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile},
};

use super::{EventButton, key, refuse, teller, view};
use crate::{Deps, HandlerError, ctx::Ctx, html, i18n::fl, person::Person, reply};

/// Events listed by `/event` at most.
const LISTED: i64 = 20;
/// Sign-ups shown as buttons on the roster at most (the console shows them all).
const ROSTER: usize = 60;

fn scope(who: &Person) -> Option<Scope> {
    who.access().and_then(|a| a.review())
}

/// The event's figures, for staff whose scope holds it.
pub async fn figures(
    deps: &Deps,
    who: &Person,
    e: &Event,
    lines: &mut Vec<String>,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let c = deps.db.events().counts(e).await?;
    lines.push(String::new());
    lines.push(fl!(
        l,
        "event-view-figures",
        signed = c.signed_up,
        waiting = c.waiting,
        checked = c.checked_in,
        walkins = c.walk_ins,
        reached = c.reached()
    ));
    if let Some(note) = &e.note {
        lines.push(fl!(l, "event-view-note", note = html::escape(note)));
    }
    let photos = deps.db.events().photos(e.id).await?.len();
    if photos > 0 {
        lines.push(fl!(l, "event-view-photos", count = photos));
    }
    lines.push(fl!(l, "event-staff-hint", code = e.code()));
    Ok(())
}

/// The staff's buttons under an event.
pub fn buttons(
    deps: &Deps,
    who: &Person,
    e: &Event,
    now: DateTime<Utc>,
) -> Vec<Vec<InlineKeyboardButton>> {
    let l = deps.locales.get(who.locale);
    let id = e.id;
    if e.status == EventStatus::Cancelled {
        return vec![];
    }
    let mut rows = vec![vec![
        key(fl!(l, "event-button-code"), EventButton::Code { id }),
        key(fl!(l, "event-button-roster"), EventButton::Roster { id }),
    ]];
    if now < e.starts_at {
        rows.push(vec![key(
            fl!(l, "event-button-cancel"),
            EventButton::Cancel { id },
        )]);
    }
    rows
}

/// `/event`, `/event E12`, `/event E12 <action> …`.
pub async fn command(cx: &Ctx, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let Some(scope) = scope(who) else {
        return reply::to(bot, who, fl!(l, "event-staff-only")).await;
    };
    let arg = arg.trim();
    if arg.is_empty() {
        return mine(bot, deps, who, scope).await;
    }
    let (code, rest) = arg.split_once(char::is_whitespace).unwrap_or((arg, ""));
    let Some(id) = events::parse_code(code) else {
        return reply::to(bot, who, fl!(l, "event-usage")).await;
    };
    let e = match deps.db.events().reachable(id, scope).await {
        Ok(e) => e,
        Err(e) => return refuse(bot, deps, who, e).await,
    };
    let rest = rest.trim();
    if rest.is_empty() {
        return view(bot, deps, who, id).await;
    }
    let (action, value) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let value = value.trim();
    let db = deps.db.events();
    let now = deps.clock.now();
    let actor = Actor::Person(who.id);
    let change = match action.to_lowercase().as_str() {
        "walkins" => {
            let result = match events::walk_ins(value) {
                Ok(n) => db.set_walk_ins(id, n, scope, actor, now).await,
                Err(e) => Err(e),
            };
            return match result {
                Ok(e) => {
                    let c = db.counts(&e).await?;
                    let text = fl!(
                        l,
                        "event-walkins-done",
                        code = e.code(),
                        count = e.walk_ins,
                        reached = c.reached()
                    );
                    reply::to(bot, who, text).await
                }
                Err(e) => refuse(bot, deps, who, e).await,
            };
        }
        "note" => {
            return match db.set_note(id, value, scope, actor, now).await {
                Ok(e) => reply::to(bot, who, fl!(l, "event-note-done", code = e.code())).await,
                Err(e) => refuse(bot, deps, who, e).await,
            };
        }
        "question" => {
            return match db.add_question(id, value, scope, actor, now).await {
                Ok(()) => reply::to(bot, who, fl!(l, "event-question-done")).await,
                Err(e) => refuse(bot, deps, who, e).await,
            };
        }
        "title" => Change::Title(value),
        "topic" => Change::Topic(value),
        "place" => Change::Venue(value),
        "capacity" => Change::Capacity(value),
        "description" => Change::Description(value),
        "kind" => match EventKind::read(value, &deps.locales) {
            Ok(k) => Change::Kind(k),
            Err(e) => return refuse(bot, deps, who, e).await,
        },
        "consultation" => match db.related(value).await {
            Ok(c) => Change::Consultation(c),
            Err(e) => return refuse(bot, deps, who, e).await,
        },
        "time" => match value.rsplit_once(char::is_whitespace) {
            Some((start, end)) => Change::Times(start, end),
            None => Change::Times(value, ""),
        },
        _ => return reply::to(bot, who, fl!(l, "event-usage")).await,
    };
    let edited = match NewEvent::revise(&e, change, deps.timezone, now) {
        Ok(new) => db.edit(teller(deps), id, &new, scope, actor, now).await,
        Err(e) => Err(e),
    };
    match edited {
        Ok(after) => {
            deps.wake_broadcast.notify_one();
            deps.wake_scheduler.notify_one();
            let mut text = fl!(l, "event-edit-done", code = after.code());
            if after.moved_from(&e) {
                text.push('\n');
                text.push_str(&fl!(l, "event-edit-told"));
            }
            reply::to(bot, who, text).await
        }
        Err(e) => refuse(bot, deps, who, e).await,
    }
}

/// `/event`: the staff's events (their point's, or all), a button each.
async fn mine(bot: &Bot, deps: &Deps, who: &Person, scope: Scope) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let list = deps.db.events().list(scope, LISTED).await?;
    if list.is_empty() {
        return reply::to(bot, who, fl!(l, "event-staff-none")).await;
    }
    let t = teller(deps);
    let rows: Vec<Vec<InlineKeyboardButton>> = list
        .iter()
        .map(|e| {
            let title: String = e.title.chars().take(20).collect();
            let status = deps.locales.text(who.locale, e.status.label_id(), &[]);
            vec![key(
                format!(
                    "{} · {} · {status} · {title}",
                    e.code(),
                    t.time(who.locale, e.starts_at)
                ),
                EventButton::View { id: e.id },
            )]
        })
        .collect();
    let text = fl!(l, "event-staff-list", count = list.len());
    reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await
}

/// A staff button: the code, the roster, present or not, calling the event off.
pub async fn button(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    b: EventButton,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let Some(scope) = scope(who) else {
        return reply::to(bot, who, fl!(l, "event-staff-only")).await;
    };
    let db = deps.db.events();
    let now = deps.clock.now();
    let actor = Actor::Person(who.id);
    match b {
        EventButton::Code { id } => match db.new_code(id, scope, actor, now).await {
            Ok(code) => show_code(bot, deps, who, id, &code).await,
            Err(e) => refuse(bot, deps, who, e).await,
        },
        EventButton::Roster { id } => roster(bot, deps, who, id, scope).await,
        EventButton::Present { signup, present } => {
            match db.mark_present(signup, present, scope, actor, now).await {
                Ok(s) => roster(bot, deps, who, s.event_id, scope).await,
                Err(e) => refuse(bot, deps, who, e).await,
            }
        }
        EventButton::Cancel { id } => {
            let e = match db.reachable(id, scope).await {
                Ok(e) => e,
                Err(e) => return refuse(bot, deps, who, e).await,
            };
            let c = db.counts(&e).await?;
            let count = c.signed_up + c.waiting;
            let text = fl!(
                l,
                "event-cancel-ask",
                title = html::escape(&e.title),
                code = e.code(),
                count = count
            );
            let keyboard = InlineKeyboardMarkup::new([[key(
                fl!(l, "event-button-cancel-confirm"),
                EventButton::CancelConfirm { id },
            )]]);
            reply::to_with_keyboard(bot, who, text, keyboard).await
        }
        EventButton::CancelConfirm { id } => {
            match db.cancel(teller(deps), id, scope, actor, now).await {
                Ok((e, told)) => {
                    deps.wake_broadcast.notify_one();
                    let text = fl!(l, "event-cancel-done", code = e.code(), count = told);
                    reply::to(bot, who, text).await
                }
                Err(e) => refuse(bot, deps, who, e).await,
            }
        }
        _ => Ok(()),
    }
}

/// The new check-in code, in words and as the QR code of its web page.
async fn show_code(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    id: i64,
    code: &CheckinCode,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let mut text = fl!(
        l,
        "event-code-shown",
        code = format!("E{id}"),
        checkin = code.as_str()
    );
    let url = deps.web_url.as_ref().map(|base| code.url(base));
    if let Some(url) = &url {
        text.push('\n');
        text.push_str(&fl!(l, "event-code-link", url = html::escape(url)));
    }
    reply::to(bot, who, text).await?;
    if let Some(url) = url
        && let Ok(qr) = QrMatrix::encode(&url)
    {
        let png = InputFile::memory(qr.to_png(8)).file_name(format!("E{id}-checkin.png"));
        bot.send_photo(ChatId(who.id), png).await?;
    }
    Ok(())
}

/// Who signed up, a button each: ✅ present, ⬜ not (yet); pressing toggles.
async fn roster(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    id: i64,
    scope: Scope,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let e = match deps.db.events().reachable(id, scope).await {
        Ok(e) => e,
        Err(e) => return refuse(bot, deps, who, e).await,
    };
    let list: Vec<_> = deps
        .db
        .events()
        .signups(id)
        .await?
        .into_iter()
        .filter(|s| s.status.active() || s.checked_in_at.is_some())
        .collect();
    if list.is_empty() {
        return reply::to(bot, who, fl!(l, "event-roster-empty", code = e.code())).await;
    }
    let anonymous = fl!(l, "event-anonymous");
    let rows: Vec<Vec<InlineKeyboardButton>> = list
        .iter()
        .take(ROSTER)
        .enumerate()
        .map(|(i, s)| {
            let present = s.checked_in_at.is_some();
            let mark = if present { "✅" } else { "⬜" };
            let name = s.name.clone().unwrap_or_else(|| anonymous.clone());
            let status = deps.locales.text(who.locale, s.status.label_id(), &[]);
            vec![key(
                format!("{mark} {} {name} · {status}", i + 1),
                EventButton::Present {
                    signup: s.id,
                    present: !present,
                },
            )]
        })
        .collect();
    let text = fl!(l, "event-roster-title", code = e.code(), count = list.len());
    reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await
}

/// A photo from staff captioned with an event's code: downloaded from Telegram,
/// checked and kept with the event (the console shows it). Returns whether the message
/// was one (otherwise the caller handles it as usual).
pub async fn photo(cx: &Ctx, msg: &Message) -> Result<bool, HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let (Some(photos), Some(caption), Some(scope)) = (msg.photo(), msg.caption(), scope(who))
    else {
        return Ok(false);
    };
    let Some(id) = events::parse_code(caption) else {
        return Ok(false);
    };
    let Some(largest) = photos.iter().max_by_key(|p| p.width * p.height) else {
        return Ok(false);
    };
    let photo = match download(bot, &largest.file.id, Some(largest.file.size)).await? {
        Ok(p) => p,
        Err(e) => {
            let text = deps
                .locales
                .text(who.locale, e.label_id(), &[("mb", LIMIT_MB.to_string())]);
            reply::to(bot, who, text).await?;
            return Ok(true);
        }
    };
    let l = deps.locales.get(who.locale);
    let result = deps
        .db
        .events()
        .add_photo(id, &photo, scope, Actor::Person(who.id), deps.clock.now())
        .await;
    match result {
        Ok((e, count)) => {
            let text = fl!(l, "event-photo-done", code = e.code(), count = count);
            reply::to(bot, who, text).await?;
        }
        Err(e) => refuse(bot, deps, who, e).await?,
    }
    Ok(true)
}

/// A photo Telegram holds, downloaded and checked: refused unread when Telegram says
/// it is over the limit, and checked again when read.
async fn download(
    bot: &Bot,
    id: &FileId,
    size: Option<u32>,
) -> Result<Result<Photo, PhotoError>, HandlerError> {
    if size.is_some_and(|s| u64::from(s) > u64::from(ATTACHMENT_BYTES)) {
        return Ok(Err(PhotoError::TooLarge));
    }
    let file = bot.get_file(id.clone()).await?;
    if u64::from(file.size) > u64::from(ATTACHMENT_BYTES) {
        return Ok(Err(PhotoError::TooLarge));
    }
    let mut bytes = Vec::with_capacity(file.size as usize);
    bot.download_file(&file.path, &mut bytes)
        .await
        .map_err(|e| HandlerError::Download(e.to_string()))?;
    Ok(Photo::check(&bytes))
}

/// The photos the chat kept as Telegram file ids before their bytes were stored
/// (`law_events.photos`): each is downloaded and joins its event's photos, or, when
/// what Telegram holds is no photo to keep, leaves the list. One that cannot be
/// fetched now stays for the scheduler's next look. Returns how many were adopted.
pub async fn adopt_legacy_photos(bot: &Bot, deps: &Deps) -> Result<usize, HandlerError> {
    let mut adopted = 0;
    for (event, file_id) in deps.db.events().legacy_photos().await? {
        let checked = match download(bot, &FileId(file_id.clone()), None).await {
            Ok(checked) => checked,
            Err(e) => {
                tracing::warn!(event, error = %e, "an earlier event photo could not be fetched yet");
                continue;
            }
        };
        let now = deps.clock.now();
        deps.db
            .events()
            .adopt_photo(event, &file_id, checked.as_ref().ok(), now)
            .await?;
        adopted += usize::from(checked.is_ok());
    }
    Ok(adopted)
}

/// `/stats events`: the events in scope by contact point, month and kind — the
/// figures the console's statistics page shows.
pub async fn stats(bot: &Bot, deps: &Deps, who: &Person, scope: Scope) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let all = deps.db.events().between_in(scope, None, None).await?;
    let f = events::figures::figures(&all, deps.timezone);
    let points: std::collections::HashMap<i64, String> = deps
        .db
        .points()
        .list()
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let line = |name: String, c: &events::Counts| {
        fl!(
            l,
            "stats-events-line",
            name = html::escape(&name),
            events = c.events,
            signed = c.signed_up,
            checked = c.checked_in,
            walkins = c.walk_ins,
            reached = c.reached()
        )
    };
    let mut lines = vec![fl!(l, "stats-events-title")];
    if f.total.events == 0 {
        lines.push(fl!(l, "event-staff-none"));
        return reply::to(bot, who, lines.join("\n")).await;
    }
    lines.push(line(fl!(l, "relay-staff-figures-total"), &f.total));
    lines.push(fl!(l, "stats-events-by-point"));
    for (p, c) in &f.by_point {
        let name = p
            .and_then(|p| points.get(&p).cloned())
            .unwrap_or_else(|| fl!(l, "event-point-all"));
        lines.push(line(name, c));
    }
    lines.push(fl!(l, "stats-events-by-month"));
    for (m, c) in &f.by_month {
        lines.push(line(m.clone(), c));
    }
    lines.push(fl!(l, "stats-events-by-kind"));
    for (k, c) in &f.by_kind {
        lines.push(line(deps.locales.text(who.locale, k.label_id(), &[]), c));
    }
    reply::to(bot, who, lines.join("\n")).await
}
