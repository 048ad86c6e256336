//! /lang: choose between 中文 and English; remembered for every later message.

use consult_domain::people::Locale;
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use crate::{Deps, HandlerError, callback::Callback, ctx::Ctx, i18n::fl, reply, reply::Courtesy};

pub async fn choose(cx: &Ctx, msg: &Message, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    // `/lang en` sets it at once.
    if let Some(locale) = Locale::from_language_code(arg.trim()).filter(|_| !arg.trim().is_empty())
    {
        return set(bot, deps, msg.chat.id, who.id, locale).await;
    }
    let l = deps.locales.get(who.locale);
    let keyboard = InlineKeyboardMarkup::new([[
        InlineKeyboardButton::callback(
            fl!(l, "lang-button-zh"),
            Callback::Lang(Locale::ZhCn).encode(),
        ),
        InlineKeyboardButton::callback(
            fl!(l, "lang-button-en"),
            Callback::Lang(Locale::En).encode(),
        ),
    ]]);
    reply::html_with_keyboard(bot, msg.chat.id, fl!(l, "lang-choose"), keyboard).await?;
    Ok(())
}

pub async fn chosen(cx: &Ctx, q: &CallbackQuery, locale: Locale) -> Result<(), HandlerError> {
    let Ctx { bot, deps, .. } = cx;
    bot.answer_callback_query(q.id.clone()).courtesy().await;
    let user = q.from.id.0 as i64;
    if let Some(message) = q.regular_message() {
        // The question is answered: take the buttons away.
        bot.edit_message_reply_markup(message.chat.id, message.id)
            .await?;
    }
    set(bot, deps, ChatId(user), user, locale).await
}

async fn set(
    bot: &Bot,
    deps: &Deps,
    chat: ChatId,
    user: i64,
    locale: Locale,
) -> Result<(), HandlerError> {
    deps.db
        .people()
        .set_locale(user, locale, deps.clock.now())
        .await?;
    reply::html(bot, chat, fl!(deps.locales.get(locale), "lang-set")).await?;
    Ok(())
}
