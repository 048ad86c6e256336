//! Reading and writing the stored state of a private-chat dialogue, for every feature
//! that has one (drafts, opinions, offline records): one person, one dialogue.

use serde::{Serialize, de::DeserializeOwned};

use crate::{Deps, HandlerError, person::Person};

/// The person's dialogue of `kind`, if they are in one.
pub async fn load<T: DeserializeOwned>(
    deps: &Deps,
    who: i64,
    kind: &str,
) -> Result<Option<T>, HandlerError> {
    Ok(deps
        .db
        .dialogues()
        .get::<T>(who, kind)
        .await?
        .map(|s| s.state))
}

/// Stores the dialogue's new state, remembering the update that led to it so that a
/// replay of that update is recognised.
pub async fn save<T: Serialize + Sync>(
    deps: &Deps,
    who: &Person,
    kind: &str,
    state: &T,
    update_id: i64,
) -> Result<(), HandlerError> {
    deps.db
        .dialogues()
        .put(who.id, kind, state, Some(update_id), deps.clock.now())
        .await?;
    Ok(())
}

/// The kind of the row left when a dialogue ended with something the person must see
/// (a receipt). It is not a dialogue: no feature takes input for it, and it expires
/// without a notice. It exists so that a replay of the step that ended the dialogue
/// (the process died between storing the opinion and sending the receipt) still shows
/// the receipt instead of 「这个按钮已经失效了」.
pub const ENDED: &str = "ended";

/// How a dialogue ended, kept for a replay of its last step.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Ended {
    /// An opinion was submitted: its receipt number.
    Opinion { receipt: String },
    /// An offline opinion was recorded: its receipt, channel and date.
    Record {
        receipt: String,
        channel: consult_domain::offline::Channel,
        date: chrono::NaiveDate,
    },
}

/// Ends the person's dialogue, remembering how and the update that ended it.
pub async fn end(
    deps: &Deps,
    who: &Person,
    ended: &Ended,
    update_id: i64,
) -> Result<(), HandlerError> {
    save(deps, who, ENDED, ended, update_id).await
}
