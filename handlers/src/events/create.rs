//! `/newevent`: a liaison (for their point) or an admin (for any point, or the whole
//! city) creates a 普法活动 step by step — the point, title, kind, topic, start, end,
//! place or online link, seats, description, a related consultation — reads it back,
//! and publishes it: the card goes to the point's groups through the broadcast
//! worker. Each answer is checked by the same domain function the console's form uses.

use chrono::{DateTime, Utc};
use consult_domain::{
    Actor,
    events::{self, EventKind, Fields, NewEvent, Venue},
};
use serde::{Deserialize, Serialize};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use super::{EventButton, key, refuse, teller};
use crate::{
    Deps, HandlerError,
    ctx::Ctx,
    dialogue::{self, Ended},
    html,
    i18n::fl,
    person::Person,
    reply,
};

/// Where the dialogue stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Point,
    Title,
    Kind,
    Topic,
    Start,
    End,
    Venue,
    Capacity,
    Description,
    Consultation,
    Confirm,
}

/// An event being created in chat, kept between updates.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventDraft {
    pub step: Step,
    /// The contact point (None: city-wide, an admin's choice).
    pub point: Option<i64>,
    pub title: String,
    pub kind: Option<String>,
    pub topic: String,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub venue: String,
    pub capacity: String,
    pub description: String,
    pub consultation: Option<i64>,
}

/// /newevent: staff only; a liaison's event is their point's.
pub async fn start(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    update_id: i64,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    if who.access().and_then(|a| a.review()).is_none() {
        return reply::to(bot, who, fl!(l, "event-staff-only")).await;
    }
    let point = who.liaison_point();
    let s = EventDraft {
        step: if who.is_admin() {
            Step::Point
        } else {
            Step::Title
        },
        point,
        title: String::new(),
        kind: None,
        topic: String::new(),
        starts_at: None,
        ends_at: None,
        venue: String::new(),
        capacity: String::new(),
        description: String::new(),
        consultation: None,
    };
    dialogue::save(deps, who, &s, update_id).await?;
    ask(bot, deps, who, &s).await
}

/// Asks the question of the step the dialogue is at (also after a replay).
pub async fn show_current(cx: &Ctx, s: EventDraft) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    ask(bot, deps, who, &s).await
}

async fn ask(bot: &Bot, deps: &Deps, who: &Person, s: &EventDraft) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let skip = || vec![vec![key(fl!(l, "event-skip"), EventButton::Skip)]];
    let (text, rows): (String, Vec<Vec<InlineKeyboardButton>>) = match s.step {
        Step::Point => {
            let points = deps.db.points().list().await?;
            let mut rows: Vec<Vec<InlineKeyboardButton>> = points
                .iter()
                .filter(|p| p.active)
                .take(20)
                .map(|p| vec![key(p.name.clone(), EventButton::Point(Some(p.id)))])
                .collect();
            rows.push(vec![key(
                fl!(l, "event-point-all"),
                EventButton::Point(None),
            )]);
            (fl!(l, "event-ask-point"), rows)
        }
        Step::Title => (fl!(l, "event-ask-title", max = events::TITLE_MAX), vec![]),
        Step::Kind => (
            fl!(l, "event-ask-kind"),
            vec![
                EventKind::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, k)| {
                        key(
                            deps.locales.text(who.locale, k.label_id(), &[]),
                            EventButton::Kind(i as u8),
                        )
                    })
                    .collect(),
            ],
        ),
        Step::Topic => (fl!(l, "event-ask-topic", max = events::TOPIC_MAX), vec![]),
        Step::Start => (fl!(l, "event-ask-start"), vec![]),
        Step::End => (fl!(l, "event-ask-end"), vec![]),
        Step::Venue => (fl!(l, "event-ask-venue"), vec![]),
        Step::Capacity => (fl!(l, "event-ask-capacity"), skip()),
        Step::Description => (
            fl!(l, "event-ask-description", max = events::TEXT_MAX),
            skip(),
        ),
        Step::Consultation => (fl!(l, "event-ask-consultation"), skip()),
        Step::Confirm => (
            read_back(deps, who, s).await?,
            vec![vec![key(fl!(l, "event-publish"), EventButton::Publish)]],
        ),
    };
    if rows.is_empty() {
        reply::to(bot, who, text).await
    } else {
        reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await
    }
}

/// Everything as it will be published.
async fn read_back(deps: &Deps, who: &Person, s: &EventDraft) -> Result<String, HandlerError> {
    let l = deps.locales.get(who.locale);
    let point = match s.point {
        Some(id) => deps
            .db
            .points()
            .list()
            .await?
            .into_iter()
            .find(|p| p.id == id)
            .map(|p| html::escape(&p.name))
            .unwrap_or_default(),
        None => fl!(l, "event-point-all"),
    };
    let kind = s
        .kind
        .as_deref()
        .and_then(EventKind::parse)
        .map(|k| deps.locales.text(who.locale, k.label_id(), &[]))
        .unwrap_or_default();
    let time = |t: Option<DateTime<Utc>>| {
        t.map(|t| teller(deps).time(who.locale, t))
            .unwrap_or_default()
    };
    let capacity = if s.capacity.is_empty() {
        fl!(l, "event-review-no-limit")
    } else {
        s.capacity.clone()
    };
    let consultation = s.consultation.map(|c| format!("C{c}")).unwrap_or_default();
    Ok(fl!(
        l,
        "event-review",
        point = point,
        title = html::escape(&s.title),
        kind = kind,
        topic = html::escape(&s.topic),
        start = time(s.starts_at),
        end = time(s.ends_at),
        venue = html::escape(&s.venue),
        capacity = capacity,
        description = html::escape(&s.description),
        consultation = consultation
    ))
}

/// A message in the dialogue: the answer to a question asked in words.
pub async fn message(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    update_id: i64,
    mut s: EventDraft,
    text: &str,
) -> Result<(), HandlerError> {
    let refused = |e| refuse(bot, deps, who, e);
    match s.step {
        Step::Title => match events::title(text) {
            Ok(t) => (s.title, s.step) = (t, Step::Kind),
            Err(e) => return refused(e).await,
        },
        Step::Topic => match events::topic(text) {
            Ok(t) => (s.topic, s.step) = (t, Step::Start),
            Err(e) => return refused(e).await,
        },
        Step::Start => match events::parse_time(text, deps.timezone) {
            Some(t) if t > deps.clock.now() => (s.starts_at, s.step) = (Some(t), Step::End),
            _ => {
                let e = consult_domain::Error::Invalid(consult_domain::error::Field::EventTimes);
                return refused(e).await;
            }
        },
        Step::End => {
            let start = s.starts_at.map(|t| t.with_timezone(&deps.timezone));
            let start = start.map(|t| t.format("%Y-%m-%d %H:%M").to_string());
            let checked = events::parse_times(&start.unwrap_or_default(), text, deps.timezone)
                .and_then(|(st, en)| events::times(st, en, deps.clock.now()).map(|()| en));
            match checked {
                Ok(en) => (s.ends_at, s.step) = (Some(en), Step::Venue),
                Err(e) => return refused(e).await,
            }
        }
        Step::Venue => match Venue::parse(text) {
            Ok(v) => (s.venue, s.step) = (v.as_str().to_owned(), Step::Capacity),
            Err(e) => return refused(e).await,
        },
        Step::Capacity => match events::capacity(text) {
            Ok(c) => {
                s.capacity = c.map(|c| c.to_string()).unwrap_or_default();
                s.step = Step::Description;
            }
            Err(e) => return refused(e).await,
        },
        Step::Description => match events::text(text) {
            Ok(d) => (s.description, s.step) = (d, Step::Consultation),
            Err(e) => return refused(e).await,
        },
        Step::Consultation => match deps.db.events().related(text).await {
            Ok(c) => (s.consultation, s.step) = (c, Step::Confirm),
            Err(e) => return refused(e).await,
        },
        // Steps answered by buttons: ask again.
        Step::Point | Step::Kind | Step::Confirm => return ask(bot, deps, who, &s).await,
    }
    dialogue::save(deps, who, &s, update_id).await?;
    ask(bot, deps, who, &s).await
}

/// A button of the dialogue: the point, the kind, 「跳过」, 「发布」.
pub async fn button(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    mut s: EventDraft,
    b: EventButton,
    update_id: i64,
) -> Result<(), HandlerError> {
    match (s.step, b) {
        (Step::Point, EventButton::Point(p)) if who.is_admin() => {
            (s.point, s.step) = (p, Step::Title);
        }
        (Step::Kind, EventButton::Kind(i)) => match EventKind::ALL.get(usize::from(i)) {
            Some(k) => (s.kind, s.step) = (Some(k.as_str().to_owned()), Step::Topic),
            None => return ask(bot, deps, who, &s).await,
        },
        (Step::Capacity, EventButton::Skip) => {
            (s.capacity, s.step) = (String::new(), Step::Description)
        }
        (Step::Description, EventButton::Skip) => {
            (s.description, s.step) = (String::new(), Step::Consultation);
        }
        (Step::Consultation, EventButton::Skip) => (s.consultation, s.step) = (None, Step::Confirm),
        (Step::Confirm, EventButton::Publish) => {
            return publish(bot, deps, who, s, update_id).await;
        }
        // A button of another step (an old message): ask the current question.
        _ => return ask(bot, deps, who, &s).await,
    }
    dialogue::save(deps, who, &s, update_id).await?;
    ask(bot, deps, who, &s).await
}

/// 「发布」: checks everything again (and the role, as it is now), stores the event
/// and queues its card to the groups.
async fn publish(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    s: EventDraft,
    update_id: i64,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let allowed = match who.access().and_then(|a| a.review()) {
        Some(consult_domain::review::Scope::All) => true,
        Some(consult_domain::review::Scope::Point(p)) => s.point == Some(p),
        // County staff hold events at their district's points.
        Some(consult_domain::review::Scope::District(_)) => who
            .access()
            .is_some_and(|a| s.point.is_some() && a.reaches_point(s.point)),
        None => false,
    };
    if !allowed {
        return reply::to(bot, who, fl!(l, "event-staff-only")).await;
    }
    let kind = s
        .kind
        .as_deref()
        .and_then(EventKind::parse)
        .unwrap_or(EventKind::Other);
    let (Some(starts), Some(ends)) = (s.starts_at, s.ends_at) else {
        return ask(bot, deps, who, &s).await;
    };
    let fields = Fields {
        title: &s.title,
        topic: &s.topic,
        venue: &s.venue,
        capacity: &s.capacity,
        description: &s.description,
    };
    let now = deps.clock.now();
    let new = match NewEvent::new(s.point, kind, fields, starts, ends, s.consultation, now) {
        Ok(n) => n,
        Err(e) => return refuse(bot, deps, who, e).await,
    };
    let (event, groups) = deps
        .db
        .events()
        .create(teller(deps), &new, Actor::Person(who.id), now)
        .await?;
    deps.wake_broadcast.notify_one();
    deps.wake_scheduler.notify_one();
    tracing::info!(event = event.id, groups, "普法活动 published in chat");
    let ended = Ended::Event { code: event.code() };
    dialogue::end(deps, who, &ended, update_id).await?;
    reply::to(
        bot,
        who,
        published(deps, who, &event.code(), event.id, groups),
    )
    .await
}

/// 「已发布」, with the event's web page when the web channel is served.
pub fn published(deps: &Deps, who: &Person, code: &str, id: i64, groups: usize) -> String {
    let l = deps.locales.get(who.locale);
    let mut text = fl!(l, "event-published", code = code, groups = groups);
    if let Some(base) = &deps.web_url {
        let url = format!("{}/e/{id}", base.as_str().trim_end_matches('/'));
        text.push('\n');
        text.push_str(&fl!(l, "event-published-web", url = html::escape(&url)));
    }
    text
}
