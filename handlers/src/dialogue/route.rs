//! Which dialogue an update belongs to: one [`Dialogue`] for every feature that holds
//! one (opinions, opinion edits, offline records, decisions, review notes and reasons,
//! draft intake, FAQ answers, 社情民意 reports and triage, 普法活动), read from the
//! stored kind and state.
//!
//! It is read once per update, in the same statement as who the person is ([`load`]),
//! and the router matches on it (as teloxide's `examples/dialogue.rs` routes on its
//! state enum), handing each feature its own state: no feature looks its dialogue up,
//! which once cost up to seven look-ups for a message that was none of theirs. What a
//! step handled again shows ([`show_current`]) and /cancel ([`cancel`]) live here too.
//! This module names every feature, so only the router (`lib.rs`) imports it; the
//! features use the store, [`super`].

use consult_domain::dialogues::Current;
use serde::de::DeserializeOwned;
use teloxide::types::User;

use super::{Ended, Kind, State};
use crate::{
    Deps, HandlerError,
    consultations::drafts::{self, Intake},
    ctx::Ctx,
    events::{self, EventDraft},
    faq::{self, Answering},
    feedback::decide,
    i18n::fl,
    opinions::{
        self,
        dialogue::OpinionDraft,
        mine::Editing,
        record::{self, RecordDraft},
    },
    person::Person,
    relay::{self, ReportDraft, Triage},
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
    Report(ReportDraft),
    /// Staff creating a 普法活动 (/newevent).
    Event(EventDraft),
    /// A liaison typing what a 社情民意 triage step needs (a merge target, an answer).
    Triage(Triage),
    /// Not a dialogue: what ended one, kept for a replay of its last step.
    Ended(Ended),
    /// A row this version cannot read: an unknown kind, or a state written by an
    /// older version that no longer parses. Treated as no dialogue, except that
    /// /cancel clears it.
    Unreadable,
}

// Each feature's state under its kind: the one table of kind, state type and
// variant, beside [`Dialogue::read`].
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
impl State for ReportDraft {
    const KIND: Kind = Kind::Report;
}
impl State for EventDraft {
    const KIND: Kind = Kind::Event;
}
impl State for Triage {
    const KIND: Kind = Kind::Triage;
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

/// Who is talking and the dialogue they are in, read in one statement: an update
/// routed by its dialogue looks it up here, once.
pub async fn load(deps: &Deps, user: &User) -> Result<(Person, Option<Dialogue>), HandlerError> {
    let (who, stored) = Person::fetch(deps, user).await?;
    Ok((who, stored.map(Dialogue::read)))
}

/// Effects once, answer always. An update is handled again when the process (or a
/// replica) died after applying its step and before its reply went out; the dialogue
/// remembers the step was applied, so nothing is done twice — but the person must
/// still see what they should see now, re-rendered from the stored state: the current
/// question, the read-back, or the receipt — in the residents' dialogues and in the
/// staff's (draft intake, decisions, FAQ answers, review notes) alike.
pub async fn show_current(cx: &Ctx, dialogue: Option<Dialogue>) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    match dialogue {
        Some(Dialogue::Opinion(state)) => opinions::dialogue::show_current(cx, state).await,
        Some(Dialogue::Record(state)) => record::show_current(cx, state).await,
        Some(Dialogue::Ended(Ended::Opinion { receipt })) => {
            let l = deps.locales.get(who.locale);
            reply::to(bot, who, fl!(l, "opinion-received", receipt = receipt)).await
        }
        Some(Dialogue::Ended(Ended::Record {
            receipt,
            channel,
            date,
            suggestion,
        })) => {
            let text = record::saved(deps, who, &receipt, channel, date, suggestion);
            reply::to(bot, who, text).await
        }
        Some(Dialogue::Draft(intake)) => drafts::show_current(cx, intake).await,
        Some(Dialogue::Report(state)) => relay::show_current(cx, state).await,
        Some(Dialogue::Ended(Ended::Report { receipt })) => {
            let l = deps.locales.get(who.locale);
            reply::to(bot, who, fl!(l, "relay-received", receipt = receipt)).await
        }
        Some(Dialogue::Event(state)) => events::show_current(cx, state).await,
        Some(Dialogue::Ended(Ended::Event { code })) => {
            let l = deps.locales.get(who.locale);
            reply::to(bot, who, fl!(l, "event-published-again", code = code)).await
        }
        Some(Dialogue::Triage(state)) => relay::triage::show_current(cx, state).await,
        Some(Dialogue::Ended(Ended::Triage { text })) => reply::to(bot, who, text).await,
        Some(Dialogue::Decision(pending)) => decide::show_current(cx, pending).await,
        Some(Dialogue::Faq(state)) => faq::show_current(cx, state).await,
        Some(Dialogue::Review(pending)) => review::show_current(cx, pending).await,
        Some(Dialogue::OpinionEdit(_) | Dialogue::Unreadable) | None => {
            // No dialogue (the step ended it, and its reply is the step's own), or
            // nothing to ask again.
            tracing::info!("a replayed update; nothing to show again");
            Ok(())
        }
    }
}

/// /cancel: leaves whatever dialogue the person is in.
pub async fn cancel(cx: &Ctx, dialogue: Option<Dialogue>) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    // An ended dialogue's receipt kept for a replay is nothing to cancel.
    let text = if dialogue.is_some_and(|d| d.in_progress()) {
        deps.db.dialogues().clear(who.id).await?;
        fl!(l, "draft-cancelled")
    } else {
        fl!(l, "draft-nothing-to-cancel")
    };
    reply::to(bot, who, text).await
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
