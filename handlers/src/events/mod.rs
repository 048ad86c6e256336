//! 普法活动 in chat. Residents: `/events` lists the events to come; an event's card in
//! a group opens a private chat that signs them up with one press (`/start ev-12`);
//! 「取消报名」 gives the seat to the first person waiting; `签到 CODE` (or
//! `/checkin CODE`) checks them in at the venue. Liaisons and admins: `/newevent`
//! ([`create`]) and `/event` ([`staff`]) — the check-in code and its QR, who came,
//! walk-ins, a note, photos, questions for the FAQ, edits and cancelling. Everything
//! decided is the domain's ([`consult_domain::events`]), shared with the web.

mod create;
mod staff;

use consult_domain::{
    Error,
    events::{self, CheckinCode, Event, EventStatus, Joiner, Signup, SignupStatus, Teller},
};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

pub use create::{EventDraft, show_current};
pub use staff::{adopt_legacy_photos, command as staff_command, photo, stats};

use crate::{
    Deps, HandlerError,
    callback::{Callback, EventButton},
    ctx::Ctx,
    html,
    i18n::fl,
    person::Person,
    reply::{self, Courtesy},
};

/// Events listed by /events at most.
const LISTED: i64 = 10;

fn key(text: String, b: EventButton) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(text, Callback::Event(b).encode())
}

/// What the events' messages are written with (also the scheduler's reminders).
pub fn teller(deps: &Deps) -> Teller<'_> {
    Teller {
        locales: &deps.locales,
        default_locale: deps.default_locale,
        timezone: deps.timezone,
        web_url: deps.web_url.as_ref(),
    }
}

/// A domain refusal in the person's words; anything else goes back as a failure.
async fn refuse(bot: &Bot, deps: &Deps, who: &Person, e: Error) -> Result<(), HandlerError> {
    match events::refusal_id(&e) {
        Some(id) => reply::to(bot, who, deps.locales.text(who.locale, id, &[])).await,
        None => Err(e.into()),
    }
}

/// /events: the events to come, a button each.
pub async fn list(cx: &Ctx) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let upcoming = deps
        .db
        .events()
        .upcoming(None, deps.clock.now(), LISTED)
        .await?;
    if upcoming.is_empty() {
        return reply::to(bot, who, fl!(l, "event-list-none")).await;
    }
    let t = teller(deps);
    let rows: Vec<Vec<InlineKeyboardButton>> = upcoming
        .iter()
        .map(|e| {
            let title: String = e.title.chars().take(20).collect();
            vec![key(
                format!(
                    "{} · {} · {title}",
                    e.code(),
                    t.time(who.locale, e.starts_at)
                ),
                EventButton::View { id: e.id },
            )]
        })
        .collect();
    let text = fl!(l, "event-list-title", count = upcoming.len());
    reply::to_with_keyboard(bot, who, text, InlineKeyboardMarkup::new(rows)).await
}

/// The lines describing an event: what, when, where, the seats.
async fn describe(deps: &Deps, who: &Person, e: &Event) -> Result<Vec<String>, HandlerError> {
    let l = deps.locales.get(who.locale);
    let t = teller(deps);
    let counts = deps.db.events().counts(e).await?;
    let mut lines = vec![
        fl!(
            l,
            "event-view-head",
            title = html::escape(&e.title),
            code = e.code()
        ),
        fl!(
            l,
            "event-view-kind",
            kind = deps.locales.text(who.locale, e.kind.label_id(), &[]),
            topic = html::escape(&e.topic)
        ),
        fl!(l, "event-view-when", when = t.when(who.locale, e)),
        fl!(
            l,
            "event-view-venue",
            venue = html::escape(e.venue.as_str())
        ),
        match e.capacity {
            Some(c) => fl!(
                l,
                "event-view-seats",
                capacity = c,
                signed = counts.signed_up,
                waiting = counts.waiting
            ),
            None => fl!(l, "event-view-seats-open", signed = counts.signed_up),
        },
    ];
    if !e.description.is_empty() {
        lines.push(html::escape(&e.description));
    }
    if let Some(c) = e.consultation_id {
        lines.push(fl!(l, "event-view-consultation", code = format!("C{c}")));
    }
    if e.status == EventStatus::Cancelled {
        lines.push(fl!(
            l,
            "event-view-status",
            status = deps.locales.text(who.locale, e.status.label_id(), &[])
        ));
    }
    Ok(lines)
}

/// The person's own sign-up in words.
async fn mine(deps: &Deps, who: &Person, s: Option<&Signup>) -> Result<String, HandlerError> {
    let l = deps.locales.get(who.locale);
    Ok(match s {
        Some(s) if s.checked_in_at.is_some() => fl!(l, "event-view-mine-checked"),
        Some(s) if s.status == SignupStatus::Waiting => {
            let position = deps.db.events().waiting_position(s).await?.unwrap_or(1);
            fl!(l, "event-view-mine-waiting", position = position)
        }
        Some(s) if s.status.active() => fl!(
            l,
            "event-view-mine",
            status = deps.locales.text(who.locale, s.status.label_id(), &[])
        ),
        _ => fl!(l, "event-view-mine-none"),
    })
}

/// One event, with the person's sign-up and what they can do: sign up or cancel it;
/// staff whose scope holds it also get its figures and their buttons.
pub async fn view(bot: &Bot, deps: &Deps, who: &Person, id: i64) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let Some(e) = deps.db.events().get(id).await? else {
        return reply::to(bot, who, fl!(l, "event-unknown")).await;
    };
    let now = deps.clock.now();
    let signup = deps.db.events().signup_of(id, who.id).await?;
    let mut lines = describe(deps, who, &e).await?;
    lines.push(String::new());
    lines.push(mine(deps, who, signup.as_ref()).await?);
    let mut rows = Vec::new();
    if e.open_for_signup(now) {
        rows.push(vec![match &signup {
            Some(s) if s.status.active() => key(
                fl!(l, "event-button-withdraw"),
                EventButton::Withdraw { id },
            ),
            _ => key(fl!(l, "event-button-signup"), EventButton::SignUp { id }),
        }]);
    }
    if let Some(scope) = who.access().and_then(|a| a.review())
        && deps.db.events().reaches(scope, &e).await?
    {
        staff::figures(deps, who, &e, &mut lines).await?;
        rows.extend(staff::buttons(deps, who, &e, now));
    }
    rows.push(vec![key(fl!(l, "event-button-back"), EventButton::List)]);
    reply::to_with_keyboard(bot, who, lines.join("\n"), InlineKeyboardMarkup::new(rows)).await
}

/// 「报名」 (the card's link, or the button of /events): signs the person up, or says
/// where their sign-up stands.
pub async fn sign_up(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    name: &str,
    id: i64,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let joiner = Joiner::Chat {
        person: who.id,
        name,
        locale: who.locale,
    };
    let (s, new) = match deps.db.events().sign_up(id, joiner, deps.clock.now()).await {
        Ok(done) => done,
        Err(e) => return refuse(bot, deps, who, e).await,
    };
    let Some(e) = deps.db.events().get(id).await? else {
        return reply::to(bot, who, fl!(l, "event-unknown")).await;
    };
    tracing::info!(event = e.id, new, "普法活动 sign-up in chat");
    let (title, code) = (html::escape(&e.title), e.code());
    let text = match (new, s.status) {
        (true, SignupStatus::Waiting) => {
            let position = deps.db.events().waiting_position(&s).await?.unwrap_or(1);
            fl!(
                l,
                "event-signed-up-waiting",
                title = title,
                code = code,
                position = position
            )
        }
        (true, _) => fl!(
            l,
            "event-signed-up",
            title = title,
            code = code,
            when = teller(deps).when(who.locale, &e)
        ),
        (false, _) => mine(deps, who, Some(&s)).await?,
    };
    let keyboard = InlineKeyboardMarkup::new([[key(
        fl!(l, "event-button-withdraw"),
        EventButton::Withdraw { id },
    )]]);
    reply::to_with_keyboard(bot, who, text, keyboard).await
}

/// 「取消报名」: the seat goes to the first person waiting (who is told).
async fn withdraw(bot: &Bot, deps: &Deps, who: &Person, id: i64) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let Some(s) = deps.db.events().signup_of(id, who.id).await? else {
        return refuse(
            bot,
            deps,
            who,
            Error::EventRefused(events::Refusal::NotSignedUp),
        )
        .await;
    };
    match deps
        .db
        .events()
        .withdraw(teller(deps), &s, deps.clock.now())
        .await
    {
        Ok(_) => {
            deps.wake_broadcast.notify_one();
            reply::to(bot, who, fl!(l, "event-withdrawn")).await
        }
        Err(e) => refuse(bot, deps, who, e).await,
    }
}

/// The code in `签到 CODE`, `签到CODE` or `checkin CODE` (any case), if the text is one.
pub fn checkin_text(text: &str) -> Option<&str> {
    let t = text.trim();
    let rest = t.strip_prefix("签到").or_else(|| {
        t.get(..7)
            .filter(|p| p.eq_ignore_ascii_case("checkin"))
            .map(|_| &t[7..])
    })?;
    Some(rest.trim_start_matches([' ', ':', '：']).trim())
}

/// `签到 CODE` or `/checkin CODE`: checks the person in with the venue's code.
pub async fn check_in(cx: &Ctx, name: &str, raw: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    if raw.trim().is_empty() {
        return reply::to(bot, who, fl!(l, "event-checkin-usage")).await;
    }
    let Ok(code) = CheckinCode::parse(raw) else {
        let refused = Error::EventRefused(events::Refusal::UnknownCode);
        return refuse(bot, deps, who, refused).await;
    };
    let joiner = Joiner::Chat {
        person: who.id,
        name,
        locale: who.locale,
    };
    match deps
        .db
        .events()
        .check_in(&code, joiner, deps.clock.now())
        .await
    {
        Ok((e, _)) => {
            tracing::info!(event = e.id, "普法活动 check-in in chat");
            let text = fl!(
                l,
                "event-checked-in",
                title = html::escape(&e.title),
                code = e.code()
            );
            reply::to(bot, who, text).await
        }
        Err(e) => refuse(bot, deps, who, e).await,
    }
}

/// /mydata: the person's sign-ups, each with its event and where it stands.
pub fn privacy_lines(
    deps: &Deps,
    locale: consult_domain::people::Locale,
    signups: &[(Event, Signup)],
) -> Vec<String> {
    let l = deps.locales.get(locale);
    if signups.is_empty() {
        return vec![];
    }
    let mut lines = vec![fl!(l, "privacy-events", count = signups.len())];
    for (e, s) in signups {
        let status = if s.checked_in_at.is_some() {
            fl!(l, "privacy-event-checked-in")
        } else {
            deps.locales.text(locale, s.status.label_id(), &[])
        };
        lines.push(fl!(
            l,
            "privacy-event",
            code = e.code(),
            title = html::escape(&e.title),
            status = status,
            name = s.name.as_deref().map(html::escape).unwrap_or_default()
        ));
    }
    lines
}

/// The 「报名」 link of a card: `/start ev-12`.
pub fn start_link(payload: &str) -> Option<i64> {
    payload
        .strip_prefix(events::notices::START_PREFIX)
        .and_then(|id| id.parse().ok())
        .filter(|id| *id > 0)
}

/// An event button: the resident's, the staff's, or a step of /newevent.
pub async fn button_pressed(
    cx: &Ctx,
    q: &CallbackQuery,
    draft: Option<EventDraft>,
    b: EventButton,
) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    match b {
        EventButton::Point(_) | EventButton::Kind(_) | EventButton::Skip | EventButton::Publish => {
            let Some(s) = draft else {
                let stale = fl!(deps.locales.get(who.locale), "button-stale");
                return reply::toast(bot, q, stale).await;
            };
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            create::button(bot, deps, who, s, b, update_id).await
        }
        EventButton::List => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            list(cx).await
        }
        EventButton::View { id } => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            view(bot, deps, who, id).await
        }
        EventButton::SignUp { id } => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            sign_up(bot, deps, who, &q.from.first_name, id).await
        }
        EventButton::Withdraw { id } => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            withdraw(bot, deps, who, id).await
        }
        staff_button => {
            bot.answer_callback_query(q.id.clone()).courtesy().await;
            staff::button(bot, deps, who, staff_button).await
        }
    }
}

/// The dialogue of /newevent: a message.
pub async fn message(cx: &Ctx, s: EventDraft, text: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    create::message(bot, deps, who, update_id, s, text).await
}

/// /newevent.
pub async fn new_event(cx: &Ctx) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let update_id = cx.update;
    create::start(bot, deps, who, update_id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_in_texts_are_recognised() {
        assert_eq!(checkin_text("签到 AbC"), Some("AbC"));
        assert_eq!(checkin_text("签到：AbC"), Some("AbC"));
        assert_eq!(checkin_text("CheckIn AbC"), Some("AbC"));
        assert_eq!(checkin_text("签到"), Some(""));
        assert_eq!(checkin_text("我想签到"), None);
        assert_eq!(checkin_text("你好"), None);
        assert_eq!(start_link("ev-12"), Some(12));
        assert_eq!(start_link("ev-x"), None);
    }
}
