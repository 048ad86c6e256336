//! Effects once, answer always. An update is handled again when the process (or a
//! replica) died after applying its step and before its reply went out; the dialogue
//! remembers the step was applied, so nothing is done twice — but the person must
//! still see what they should see now, re-rendered from the stored state: the current
//! question, the read-back, or the receipt.

use teloxide::prelude::*;

use crate::{
    Deps, HandlerError,
    dialogue::{self, Ended},
    i18n::fl,
    opinion,
    person::Person,
    record, reply,
};

/// Shows the person where their dialogue stands now.
pub async fn show_current(bot: &Bot, deps: &Deps, who: &Person) -> Result<(), HandlerError> {
    let kind = deps.db.dialogues().kind(who.id).await?;
    match kind.as_deref() {
        Some(opinion::KIND) => opinion::show_current(bot, deps, who).await,
        Some(record::KIND) => record::show_current(bot, deps, who).await,
        Some(dialogue::ENDED) => match dialogue::load(deps, who.id, dialogue::ENDED).await? {
            Some(Ended::Opinion { receipt }) => {
                let l = deps.locales.get(who.locale);
                reply::to(bot, who, fl!(l, "opinion-received", receipt = receipt)).await
            }
            Some(Ended::Record {
                receipt,
                channel,
                date,
            }) => reply::to(bot, who, record::saved(deps, who, &receipt, channel, date)).await,
            None => Ok(()),
        },
        other => {
            // Dialogues of staff (drafts, decisions, answers) ask again on the next input.
            tracing::info!(kind = ?other, "a replayed update; nothing to show again");
            Ok(())
        }
    }
}
