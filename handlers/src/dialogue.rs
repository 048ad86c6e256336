//! Where a person's private conversation stands: one [`Dialogue`] for every feature
//! that holds one (opinions, opinion edits, offline records, decisions, review notes,
//! draft intake, FAQ answers), stored per person in the `dialogues` table so that it
//! survives restarts. One person, one dialogue.
//!
//! It is read once per update, in the same statement as who the person is
//! ([`Person::load_with_dialogue`]), and the update is routed by matching on it (as
//! teloxide's `examples/dialogue.rs` routes on its state enum), rather than each
//! feature looking up whether the dialogue is its own: that cost up to seven look-ups
//! for a message that was none of theirs. What happens to a dialogue left alone
//! ([`expire`]) and to a step handled again ([`show_current`]) lives here too.

use chrono::{DateTime, Utc};
use consult_domain::dialogues::Current;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use teloxide::prelude::*;

use crate::{
    Deps, HandlerError,
    consultations::drafts::Intake,
    faq::Answering,
    feedback::decide,
    i18n::fl,
    opinions::dialogue::OpinionDraft,
    opinions::record::{self, RecordDraft},
    person::Person,
    reply, review,
};

/// A person's dialogue, read from its stored kind and state.
#[derive(Debug, Clone)]
pub enum Dialogue {
    /// A resident giving an opinion.
    Opinion(OpinionDraft),
    /// A resident changing the text of an opinion they gave (from /mine).
    OpinionEdit(Editing),
    /// Staff recording opinions collected offline.
    Record(RecordDraft),
    /// An admin deciding on opinions: the reason, the summary words, the confirmation.
    Decision(decide::Pending),
    /// A reviewer's reason (无效) or note.
    Review(review::Pending),
    /// Staff entering a draft.
    Draft(Intake),
    /// An admin answering a logged FAQ question.
    Faq(Answering),
    /// A resident reporting a 社情民意 (/report).
    Report(crate::relay::ReportDraft),
    /// Staff creating a 普法活动 (/newevent).
    Event(crate::events::EventDraft),
    /// A liaison typing what a 社情民意 triage step needs (a merge target, an answer).
    Triage(crate::relay::Triage),
    /// Not a dialogue: what ended one, kept for a replay of its last step.
    Ended(Ended),
    /// A row this version cannot read: an unknown kind, or a state written by an
    /// older version that no longer parses. Treated as no dialogue, except that
    /// /cancel clears it.
    Unreadable,
}

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
    const ALL: [Kind; 11] = [
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

impl State for OpinionDraft {
    const KIND: Kind = Kind::Opinion;
}
impl State for Editing {
    const KIND: Kind = Kind::OpinionEdit;
}
impl State for RecordDraft {
    const KIND: Kind = Kind::Record;
}
impl State for decide::Pending {
    const KIND: Kind = Kind::Decision;
}
impl State for review::Pending {
    const KIND: Kind = Kind::Review;
}
impl State for Intake {
    const KIND: Kind = Kind::Draft;
}
impl State for Answering {
    const KIND: Kind = Kind::Faq;
}
impl State for crate::relay::ReportDraft {
    const KIND: Kind = Kind::Report;
}
impl State for crate::events::EventDraft {
    const KIND: Kind = Kind::Event;
}
impl State for crate::relay::Triage {
    const KIND: Kind = Kind::Triage;
}
impl State for Ended {
    const KIND: Kind = Kind::Ended;
}

/// The opinion whose text a person is changing. Stored as the bare id, as it always was.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Editing {
    pub opinion: i64,
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
    },
    /// A 社情民意 report was stored: its receipt.
    Report { receipt: String },
    /// A 普法活动 was published: its code.
    Event { code: String },
    /// A 社情民意 triage step was done: what the liaison was told.
    Triage { text: String },
}

impl Dialogue {
    /// The dialogue a stored row holds.
    pub fn read(stored: Current) -> Dialogue {
        fn state<T: DeserializeOwned>(
            value: serde_json::Value,
            wrap: fn(T) -> Dialogue,
        ) -> Dialogue {
            serde_json::from_value(value).map_or(Dialogue::Unreadable, wrap)
        }
        let value = stored.state;
        match Kind::parse(&stored.kind) {
            Some(Kind::Opinion) => state(value, Dialogue::Opinion),
            Some(Kind::OpinionEdit) => state(value, Dialogue::OpinionEdit),
            Some(Kind::Record) => state(value, Dialogue::Record),
            Some(Kind::Decision) => state(value, Dialogue::Decision),
            Some(Kind::Review) => state(value, Dialogue::Review),
            Some(Kind::Draft) => state(value, Dialogue::Draft),
            Some(Kind::Faq) => state(value, Dialogue::Faq),
            Some(Kind::Report) => state(value, Dialogue::Report),
            Some(Kind::Event) => state(value, Dialogue::Event),
            Some(Kind::Triage) => state(value, Dialogue::Triage),
            Some(Kind::Ended) => state(value, Dialogue::Ended),
            None => Dialogue::Unreadable,
        }
    }

    /// Whether there is something for /cancel to leave: anything but the receipt an
    /// ended dialogue left for a replay.
    pub fn in_progress(&self) -> bool {
        !matches!(self, Dialogue::Ended(_))
    }
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

/// Effects once, answer always. An update is handled again when the process (or a
/// replica) died after applying its step and before its reply went out; the dialogue
/// remembers the step was applied, so nothing is done twice — but the person must
/// still see what they should see now, re-rendered from the stored state: the current
/// question, the read-back, or the receipt — in the residents' dialogues and in the
/// staff's (draft intake, decisions, FAQ answers, review notes) alike.
pub async fn show_current(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    dialogue: Option<Dialogue>,
) -> Result<(), HandlerError> {
    match dialogue {
        Some(Dialogue::Opinion(state)) => {
            crate::opinions::dialogue::show_current(bot, deps, who, state).await
        }
        Some(Dialogue::Record(state)) => record::show_current(bot, deps, who, state).await,
        Some(Dialogue::Ended(Ended::Opinion { receipt })) => {
            let l = deps.locales.get(who.locale);
            reply::to(bot, who, fl!(l, "opinion-received", receipt = receipt)).await
        }
        Some(Dialogue::Ended(Ended::Record {
            receipt,
            channel,
            date,
        })) => reply::to(bot, who, record::saved(deps, who, &receipt, channel, date)).await,
        Some(Dialogue::Draft(intake)) => {
            crate::consultations::drafts::show_current(bot, deps, who, intake).await
        }
        Some(Dialogue::Report(state)) => crate::relay::show_current(bot, deps, who, state).await,
        Some(Dialogue::Ended(Ended::Report { receipt })) => {
            let l = deps.locales.get(who.locale);
            reply::to(bot, who, fl!(l, "relay-received", receipt = receipt)).await
        }
        Some(Dialogue::Event(state)) => crate::events::show_current(bot, deps, who, state).await,
        Some(Dialogue::Ended(Ended::Event { code })) => {
            let l = deps.locales.get(who.locale);
            reply::to(bot, who, fl!(l, "event-published-again", code = code)).await
        }
        Some(Dialogue::Triage(state)) => {
            crate::relay::triage::show_current(bot, deps, who, state).await
        }
        Some(Dialogue::Ended(Ended::Triage { text })) => reply::to(bot, who, text).await,
        Some(Dialogue::Decision(pending)) => decide::show_current(bot, deps, who, pending).await,
        Some(Dialogue::Faq(state)) => crate::faq::show_current(bot, deps, who, state).await,
        Some(Dialogue::Review(pending)) => review::show_current(bot, deps, who, pending).await,
        Some(Dialogue::OpinionEdit(_) | Dialogue::Unreadable) | None => {
            // No dialogue (the step ended it, and its reply is the step's own), or
            // nothing to ask again.
            tracing::info!("a replayed update; nothing to show again");
            Ok(())
        }
    }
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
    use serde_json::json;

    use super::*;

    fn stored(kind: &str, state: serde_json::Value) -> Current {
        Current {
            kind: kind.to_owned(),
            state,
            last_update_id: Some(1),
            updated_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn every_kind_reads_back_from_its_stored_name() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
    }

    /// Rows written before the dialogue was one enum must read the same after it.
    #[test]
    fn an_opinion_edit_is_still_stored_as_the_bare_id() {
        let editing = Editing { opinion: 7 };
        assert_eq!(serde_json::to_value(editing).unwrap(), json!(7));
        assert!(matches!(
            Dialogue::read(stored("opinion-edit", json!(7))),
            Dialogue::OpinionEdit(Editing { opinion: 7 })
        ));
    }

    #[test]
    fn an_unknown_kind_or_a_state_that_no_longer_parses_is_unreadable() {
        assert!(matches!(
            Dialogue::read(stored("survey", json!({}))),
            Dialogue::Unreadable
        ));
        assert!(matches!(
            Dialogue::read(stored("opinion", json!({"step": "Telepathy"}))),
            Dialogue::Unreadable
        ));
        assert!(Dialogue::Unreadable.in_progress(), "/cancel clears it");
    }

    #[test]
    fn an_ended_dialogue_is_no_dialogue_in_progress() {
        let ended = Dialogue::read(stored("ended", json!({"Opinion": {"receipt": "C1-0001"}})));
        assert!(
            matches!(&ended, Dialogue::Ended(Ended::Opinion { receipt }) if receipt == "C1-0001")
        );
        assert!(!ended.in_progress());
    }
}
