//! Where a person's private conversation stands, as stored: one dialogue per person,
//! its kind and its feature's state in the `dialogues` table (so that it survives
//! restarts), with the last update applied, for replays. Here is what every feature
//! that holds a dialogue uses — storing a step ([`save`]), ending one ([`end`],
//! [`clear_saying`]), the [`State`] trait that ties a state type to its [`Kind`] — and
//! what becomes of a dialogue left alone ([`expire`]). This module names no feature:
//! features import it, never the other way round.
//!
//! Which dialogue an update belongs to is [`route`]'s: its [`route::Dialogue`] enum
//! names every feature's state, is read once per update with who the person is, and
//! only the router imports it.

pub mod route;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use teloxide::prelude::*;

use crate::{Deps, HandlerError, i18n::fl, person::Person, reply};

/// A dialogue's kind, as stored in `dialogues.kind` and named by /mydata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Opinion,
    OpinionEdit,
    Record,
    Decision,
    Review,
    Draft,
    Faq,
    Report,
    Event,
    Triage,
    Ended,
}

impl Kind {
    pub(crate) const ALL: [Kind; 11] = [
        Kind::Opinion,
        Kind::OpinionEdit,
        Kind::Record,
        Kind::Decision,
        Kind::Review,
        Kind::Draft,
        Kind::Faq,
        Kind::Report,
        Kind::Event,
        Kind::Triage,
        Kind::Ended,
    ];

    /// The stored name; also the selector of `privacy-dialogue-kind` in the locales.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Opinion => "opinion",
            Kind::OpinionEdit => "opinion-edit",
            Kind::Record => "record",
            Kind::Decision => "decision",
            Kind::Review => "review",
            Kind::Draft => "draft",
            Kind::Faq => "faq",
            Kind::Report => "report",
            Kind::Event => "event",
            Kind::Triage => "relay-triage",
            Kind::Ended => "ended",
        }
    }

    pub fn parse(stored: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == stored)
    }
}

/// A feature's dialogue state, stored under its kind: saving one names the kind by
/// its type, so a state can never be stored under another feature's kind.
pub trait State: Serialize + Sync {
    const KIND: Kind;
}

impl State for Ended {
    const KIND: Kind = Kind::Ended;
}

/// How a dialogue ended, kept for a replay of its last step. It is not a dialogue: no
/// feature takes input for it, and it expires without a notice. It exists so that a
/// replay of the step that ended the dialogue (the process died between storing the
/// opinion and sending the receipt) still shows the receipt instead of
/// 「这个按钮已经失效了」.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Ended {
    /// An opinion was submitted: its receipt number.
    Opinion { receipt: String },
    /// An offline opinion was recorded: its receipt, channel and date.
    Record {
        receipt: String,
        channel: consult_domain::offline::Channel,
        date: chrono::NaiveDate,
        /// A suggestion on an open call, not an opinion on a draft.
        #[serde(default)]
        suggestion: bool,
    },
    /// A 社情民意 report was stored: its receipt.
    Report { receipt: String },
    /// A 普法活动 was published: its code.
    Event { code: String },
    /// A 社情民意 triage step was done: what the liaison was told.
    Triage { text: String },
}

/// Stores the dialogue's new state, remembering the update that led to it so that a
/// replay of that update is recognised.
pub async fn save<T: State>(
    deps: &Deps,
    who: &Person,
    state: &T,
    update_id: i64,
) -> Result<(), HandlerError> {
    deps.db
        .dialogues()
        .put(
            who.id,
            T::KIND.as_str(),
            state,
            Some(update_id),
            deps.clock.now(),
        )
        .await?;
    Ok(())
}

/// Ends the person's dialogue, remembering how and the update that ended it.
pub async fn end(
    deps: &Deps,
    who: &Person,
    ended: &Ended,
    update_id: i64,
) -> Result<(), HandlerError> {
    save(deps, who, ended, update_id).await
}

/// Clears the person's dialogue and tells them why. Each step checks the person's
/// role again, since it may have been revoked after the dialogue began; a refusal
/// then ends the dialogue rather than leave it waiting for a step that cannot come.
/// The same ends one whose subject is gone, or that the person cancelled.
pub async fn clear_saying(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    text: String,
) -> Result<(), HandlerError> {
    deps.db.dialogues().clear(who.id).await?;
    reply::to(bot, who, text).await
}

/// Ends dialogues left alone longer than the configured time (an opinion, a draft, an
/// offline record, an edit …), telling each person; returns when the next one is due.
/// Without this, a forgotten 「修改」 would take the person's next message days later.
/// Without a bot (the web channel alone) they end without a word: there is no chat.
pub async fn expire(bot: Option<&Bot>, deps: &Deps) -> Result<Option<DateTime<Utc>>, HandlerError> {
    let expired = deps
        .db
        .dialogues()
        .expire(deps.clock.now() - deps.dialogue_ttl)
        .await?;
    let Some(bot) = bot else {
        return next_expiry(deps).await;
    };
    for (chat, kind) in expired {
        let kind = Kind::parse(&kind);
        if kind == Some(Kind::Ended) {
            // Only kept for a replay of the step that ended it: nothing to tell.
            continue;
        }
        let locale = deps
            .db
            .people()
            .locale(chat)
            .await?
            .unwrap_or(deps.default_locale);
        let l = deps.locales.get(locale);
        let text = if kind == Some(Kind::Opinion) {
            fl!(l, "opinion-expired")
        } else {
            fl!(l, "dialogue-expired")
        };
        if let Err(e) = reply::html(bot, ChatId(chat), text).await {
            // Blocked the bot meanwhile: nothing to tell, nothing lost.
            tracing::warn!(error = %e, "could not tell a person their dialogue expired");
        }
    }
    next_expiry(deps).await
}

/// When the oldest dialogue still open will expire.
async fn next_expiry(deps: &Deps) -> Result<Option<DateTime<Utc>>, HandlerError> {
    Ok(deps
        .db
        .dialogues()
        .oldest()
        .await?
        .map(|t| t + deps.dialogue_ttl))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_stored_name() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
    }
}
