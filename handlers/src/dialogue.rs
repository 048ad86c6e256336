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
