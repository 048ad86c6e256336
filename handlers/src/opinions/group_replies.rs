//! Replies in a group to the bot's card or prompt: kept as a quick opinion and
//! acknowledged with a reaction. A person who never saw the consent notice is not
//! identified in storage: their reply is held under a keyed hash of their id, and they
//! are asked once, with a deep link, to confirm it privately. Unconfirmed replies
//! expire and are erased.

use chrono::{DateTime, Utc};
use consult_domain::{
    consultations::Consultation,
    held::{HeldReply, NewHeld, PREFIX},
    opinions::{Channel, Identity, NewOpinion, Stance, body},
    prompts::{Prompt, Sent, Voter},
};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, Me, ReactionType, ReplyParameters},
};

use crate::{
    Deps, HandlerError, callback::Callback, ctx::Ctx, html, i18n::fl, person::Person, reply,
    reply::Courtesy,
};

/// Acknowledges a kept opinion.
const STORED: &str = "👍";
/// Acknowledges a reply held until its author confirms it.
const HELD: &str = "✍";

/// True for a group message that replies to a message of this bot.
pub fn is_reply_to_bot(msg: &Message, me: &Me) -> bool {
    !msg.chat.is_private()
        && msg
            .reply_to_message()
            .and_then(|r| r.from.as_ref())
            .is_some_and(|f| f.id == me.user.id)
}

fn article_of(prompt: Option<&Prompt>) -> Option<(u32, String)> {
    prompt
        .and_then(|p| p.article_number.zip(p.article_label.clone()))
        .map(|(n, l)| (n.max(0) as u32, l))
}

/// A reply in a group to one of the bot's messages. Replies to anything other than a
/// delivered card or prompt are ignored (privacy mode: we only look at our own).
pub async fn on_group_reply(
    bot: Bot,
    deps: Deps,
    msg: Message,
    me: Me,
) -> Result<(), HandlerError> {
    let (Some(user), Some(replied)) = (msg.from.as_ref(), msg.reply_to_message()) else {
        return Ok(());
    };
    let chat = msg.chat.id.0;
    let Some(sent) = deps.db.prompts().sent_message(chat, replied.id.0).await? else {
        return Ok(());
    };
    let prompt = match sent {
        Sent::Prompt(id) => match deps.db.prompts().get(id).await? {
            Some(p) => Some(p),
            None => return Ok(()),
        },
        Sent::Consultation(_) => None,
    };
    let consultation_id = match (&sent, &prompt) {
        (Sent::Consultation(id), _) => *id,
        (_, Some(p)) => p.consultation_id,
        _ => return Ok(()),
    };
    let Some(c) = deps.db.consultations().get(consultation_id).await? else {
        return Ok(());
    };
    let Some(text) = msg.text() else {
        return Ok(());
    };
    let locale = deps.default_locale;
    let l = deps.locales.get(locale);
    let now = deps.clock.now();
    if !c.open_at(now) {
        let text = fl!(l, "group-reply-closed", title = html::escape(&c.title));
        return answer_in_group(&bot, &msg, text).await;
    }
    // A project suggestion has a title, a problem and contents: not a quick reply.
    if c.is_open_call() {
        let text = fl!(l, "open-call-group-reply", title = html::escape(&c.title));
        return answer_in_group(&bot, &msg, text).await;
    }
    let (min, max) = deps.opinion_chars;
    let Ok(text) = body(text, min, max) else {
        let text = if text.trim().chars().count() < min {
            fl!(l, "group-reply-short", min = min)
        } else {
            fl!(l, "group-reply-long", max = max)
        };
        return answer_in_group(&bot, &msg, text).await;
    };
    let point = deps.db.groups().get(chat).await?.and_then(|g| g.point_id);
    let uid = user.id.0 as i64;
    let key = format!("gr:{chat}:{}", msg.id.0);
    let hash = deps.hash_key.hash(uid);
    if deps.db.held().consented(uid).await? {
        let channel = if prompt.is_some() {
            Channel::PromptReply
        } else {
            Channel::GroupReply
        };
        let new = quick_opinion(&c, key, article_of(prompt.as_ref()), text, uid, channel);
        let new = NewOpinion {
            source_chat: Some(chat),
            point_id: point,
            ..new
        };
        let opinion = deps.db.opinions().submit(&new, now).await?;
        let theirs = crate::locale_for(&deps, user).await;
        deps.db.people().remember_locale(uid, theirs, now).await?;
        if let Some(p) = &prompt {
            deps.db.prompts().link_reply(p.id, opinion.id).await?;
        }
        let voter = Voter {
            hash: &hash,
            consented: Some(uid),
            chat: Some(chat),
            point,
        };
        deps.db.prompts().keep_votes(&voter, now).await?;
        tracing::info!(receipt = %opinion.receipt, "group reply kept");
        return react(&bot, &msg, STORED).await;
    }
    let held = NewHeld {
        reply_key: key,
        consultation_id: c.id,
        article: article_of(prompt.as_ref()),
        prompt_id: prompt.as_ref().map(|p| p.id),
        chat_id: chat,
        point_id: point,
        body: text,
    };
    let outcome = deps
        .db
        .held()
        .hold(&hash, &held, now, now + deps.held_reply_ttl)
        .await?;
    react(&bot, &msg, HELD).await?;
    if let Some(token) = outcome.ask {
        let link = format!("https://t.me/{}?start={PREFIX}{token}", me.username());
        let text = fl!(
            l,
            "group-reply-ask",
            link = link,
            hours = deps.held_reply_ttl.num_hours()
        );
        answer_in_group(&bot, &msg, text).await?;
    }
    Ok(())
}

fn quick_opinion(
    c: &Consultation,
    key: String,
    article: Option<(u32, String)>,
    text: String,
    uid: i64,
    channel: Channel,
) -> NewOpinion {
    NewOpinion {
        submission_key: key,
        consultation_id: c.id,
        version: c.version,
        article,
        stance: Stance::Other,
        body: text,
        proposed_wording: None,
        identity: Identity::Anonymous,
        submitter_id: Some(uid),
        submitter_name: None,
        organization: None,
        occupation: None,
        district: None,
        consent_details: true,
        consent_quote: false,
        channel,
        source_chat: None,
        point_id: None,
        recorded_by: None,
    }
}

async fn react(bot: &Bot, msg: &Message, emoji: &str) -> Result<(), HandlerError> {
    bot.set_message_reaction(msg.chat.id, msg.id)
        .reaction(vec![ReactionType::Emoji {
            emoji: emoji.to_owned(),
        }])
        .await?;
    Ok(())
}

async fn answer_in_group(bot: &Bot, msg: &Message, text: String) -> Result<(), HandlerError> {
    bot.send_message(msg.chat.id, text)
        .parse_mode(teloxide::types::ParseMode::Html)
        .reply_parameters(ReplyParameters::new(msg.id).allow_sending_without_reply())
        .await?;
    Ok(())
}

/// `/start held-<token>`: shows the person's held replies and the consent choices.
pub async fn show(bot: &Bot, deps: &Deps, who: &Person, token: &str) -> Result<(), HandlerError> {
    let l = deps.locales.get(who.locale);
    let hash = deps.hash_key.hash(who.id);
    let held = deps.db.held().for_token(&hash, token).await?;
    if held.is_empty() {
        return reply::to(bot, who, fl!(l, "held-none")).await;
    }
    let mut lines = vec![fl!(l, "held-show")];
    for h in &held {
        lines.push(item(deps, who, h).await?);
    }
    lines.push(String::new());
    lines.push(fl!(l, "opinion-consent"));
    let button = |text: String, c: Callback| InlineKeyboardButton::callback(text, c.encode());
    let keyboard = InlineKeyboardMarkup::new(vec![
        vec![button(
            fl!(l, "held-confirm-quote"),
            Callback::HeldConfirm { quote: true },
        )],
        vec![button(
            fl!(l, "held-confirm"),
            Callback::HeldConfirm { quote: false },
        )],
        vec![button(fl!(l, "held-discard"), Callback::HeldDiscard)],
    ]);
    reply::to_with_keyboard(bot, who, lines.join("\n"), keyboard).await
}

async fn item(deps: &Deps, who: &Person, h: &HeldReply) -> Result<String, HandlerError> {
    let l = deps.locales.get(who.locale);
    let title = deps
        .db
        .consultations()
        .get(h.consultation_id)
        .await?
        .map(|c| c.title)
        .unwrap_or_default();
    let target = h
        .article_label
        .as_deref()
        .map_or_else(|| fl!(l, "opinion-whole-draft"), html::escape);
    Ok(fl!(
        l,
        "held-item",
        title = html::escape(&title),
        target = target,
        body = html::escape(&h.body)
    ))
}

/// The person's answer to the consent choices for their held replies.
pub async fn button(cx: &Ctx, q: &CallbackQuery, choice: Callback) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    let hash = deps.hash_key.hash(who.id);
    let held = deps.db.held().of(&hash).await?;
    if held.is_empty() {
        return reply::toast(bot, q, fl!(l, "button-stale")).await;
    }
    bot.answer_callback_query(q.id.clone()).courtesy().await;
    let Callback::HeldConfirm { quote } = choice else {
        deps.db.held().erase(&hash).await?;
        return reply::to(bot, who, fl!(l, "held-discarded")).await;
    };
    let now = deps.clock.now();
    let mut receipts = Vec::new();
    for h in &held {
        let Some(c) = deps.db.consultations().get(h.consultation_id).await? else {
            continue;
        };
        // A closed consultation accepts nothing new.
        if c.open_at(now) {
            let channel = if h.prompt_id.is_some() {
                Channel::PromptReply
            } else {
                Channel::GroupReply
            };
            let article = h
                .article_number
                .zip(h.article_label.clone())
                .map(|(n, l)| (n.max(0) as u32, l));
            let new = NewOpinion {
                consent_quote: quote,
                source_chat: Some(h.chat_id),
                point_id: h.point_id,
                ..quick_opinion(
                    &c,
                    format!("held:{}", h.id),
                    article,
                    h.body.clone(),
                    who.id,
                    channel,
                )
            };
            let opinion = deps.db.opinions().submit(&new, now).await?;
            deps.db
                .people()
                .remember_locale(who.id, who.locale, now)
                .await?;
            if let Some(p) = h.prompt_id {
                deps.db.prompts().link_reply(p, opinion.id).await?;
            }
            receipts.push(opinion.receipt);
        }
        deps.db.held().remove(h.id).await?;
    }
    deps.db.held().record_consent(who.id, now).await?;
    deps.db.held().erase(&hash).await?;
    let voter = Voter {
        hash: &hash,
        consented: Some(who.id),
        chat: None,
        point: None,
    };
    deps.db.prompts().keep_votes(&voter, now).await?;
    let text = if receipts.is_empty() {
        fl!(l, "held-saved-none")
    } else {
        fl!(
            l,
            "held-saved",
            count = receipts.len(),
            receipts = receipts.join(match who.locale {
                consult_domain::people::Locale::ZhCn => "、",
                consult_domain::people::Locale::En => ", ",
            })
        )
    };
    reply::to(bot, who, text).await
}

/// Erases held replies past their time; returns when the next one expires.
pub async fn expire(deps: &Deps) -> Result<Option<DateTime<Utc>>, HandlerError> {
    let erased = deps.db.held().expire(deps.clock.now()).await?;
    if erased > 0 {
        tracing::info!(erased, "unconfirmed group replies erased");
    }
    Ok(deps.db.held().next_expiry().await?)
}
