//! Effects once, answer always. An update is handled again when the process (or a
//! replica) died after applying its step and before its reply went out; the dialogue
//! remembers the step was applied, so nothing is done twice — but the person must
//! still see what they should see now, re-rendered from the stored state: the current
//! question, the read-back, or the receipt — in the residents' dialogues and in the
//! staff's (draft intake, decisions, FAQ answers, review notes) alike.

use teloxide::prelude::*;

use crate::{
    Deps, HandlerError, decisions,
    dialogue::{self, Ended},
    drafts, faq,
    i18n::fl,
    opinion,
    person::Person,
    record, reply, review,
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
        Some(drafts::KIND) => drafts::show_current(bot, deps, who).await,
        Some(decisions::KIND) => decisions::show_current(bot, deps, who).await,
        Some(faq::KIND) => faq::show_current(bot, deps, who).await,
        Some(review::KIND) => review::show_current(bot, deps, who).await,
        other => {
            // No dialogue: the step ended it, and its reply is the step's own.
            tracing::info!(kind = ?other, "a replayed update; nothing to show again");
            Ok(())
        }
    }
}
