//! `/categories` (admins, private chat): the 社情民意 categories as the console's
//! category page keeps them — the list with a button to retire or restore each, and
//! `/categories add CODE 中文名 English name`, `/categories rename CODE 中文名 English
//! name`. A retired category is no longer offered to residents; reports filed under
//! it keep it. The rules are the domain's ([`consult_domain::relay::Relay`]).

use consult_domain::{Actor, Error, error::Field, relay::CategoryCode};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use super::button;
use crate::{
    Deps, HandlerError, callback::RelayButton, ctx::Ctx, html, i18n::fl, person::Person, reply,
};

/// `/categories …`.
pub async fn command(cx: &Ctx, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    if !who.is_admin() {
        return reply::to(bot, who, fl!(l, "relay-categories-admins")).await;
    }
    let mut words = arg.split_whitespace();
    let sub = words.next();
    if sub.is_none() {
        return list(bot, deps, who, None).await;
    }
    let (code, zh) = (words.next(), words.next());
    let en = words.collect::<Vec<_>>().join(" ");
    let (Some(sub @ ("add" | "rename")), Some(code), Some(zh), false) =
        (sub, code, zh, en.is_empty())
    else {
        return reply::to(bot, who, fl!(l, "relay-categories-usage")).await;
    };
    let actor = Actor::Person(who.id);
    let now = deps.clock.now();
    let result = match CategoryCode::parse(code) {
        Ok(code) if sub == "add" => {
            deps.db
                .relay()
                .add_category(&code, zh, &en, actor, now)
                .await
        }
        Ok(code) => {
            deps.db
                .relay()
                .rename_category(&code, zh, &en, actor, now)
                .await
        }
        Err(e) => Err(e),
    };
    after(bot, deps, who, result).await
}

/// Retires or restores the category at `index` of the whole list.
pub async fn set_active(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    index: u8,
    active: bool,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    if !who.is_admin() {
        return reply::to(bot, who, fl!(l, "relay-categories-admins")).await;
    }
    let all = deps.db.relay().all_categories().await?;
    let Some(c) = all.get(usize::from(index)) else {
        return reply::to(bot, who, fl!(l, "relay-bad-category-code")).await;
    };
    let result = deps
        .db
        .relay()
        .set_category_active(&c.code, active, Actor::Person(who.id), deps.clock.now())
        .await;
    after(bot, deps, who, result).await
}

/// The list again after a change, or the refusal in words.
async fn after(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    result: Result<(), Error>,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let said = match result {
        Ok(()) => fl!(l, "relay-staff-done"),
        Err(Error::Invalid(Field::CategoryName)) => fl!(l, "relay-bad-category-name"),
        Err(Error::Invalid(_)) => fl!(l, "relay-bad-category-code"),
        Err(Error::DuplicateCategory(code)) => {
            fl!(l, "relay-duplicate-category", code = code.as_str())
        }
        Err(Error::LastCategory) => fl!(l, "relay-last-category"),
        Err(e) => return Err(e.into()),
    };
    list(bot, deps, who, Some(said)).await
}

/// Every category: code, name, in use or retired, and its button.
async fn list(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    said: Option<String>,
) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let all = deps.db.relay().all_categories().await?;
    let mut lines: Vec<String> = said.into_iter().collect();
    lines.push(fl!(l, "relay-categories-title"));
    let mut rows: Vec<Vec<InlineKeyboardButton>> = Vec::new();
    for (i, c) in all.iter().enumerate() {
        let name = c.label(&deps.locales, who.locale);
        let state = if c.active {
            fl!(l, "relay-staff-in-use")
        } else {
            fl!(l, "relay-staff-retired")
        };
        lines.push(fl!(
            l,
            "relay-categories-line",
            code = c.code.as_str(),
            name = html::escape(&name),
            state = state
        ));
        let Ok(index) = u8::try_from(i) else { continue };
        let (label, active) = if c.active {
            (fl!(l, "relay-staff-retire-named", name = name), false)
        } else {
            (fl!(l, "relay-staff-restore-named", name = name), true)
        };
        rows.push(vec![button(
            label,
            RelayButton::CategoryActive { index, active },
        )]);
    }
    lines.push(fl!(l, "relay-categories-usage"));
    reply::to_with_keyboard(bot, who, lines.join("\n"), InlineKeyboardMarkup::new(rows)).await
}
