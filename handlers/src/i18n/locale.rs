//! Which language to answer a person in: the one they chose with /lang, else their
//! Telegram client's language, else the configured default.

use consult_domain::people::Locale;
use teloxide::types::User;

use crate::Deps;

pub async fn locale_for(deps: &Deps, user: &User) -> Locale {
    let chosen = match deps.db.people().locale(user.id.0 as i64).await {
        Ok(chosen) => chosen,
        // Answering in a guessed language beats not answering.
        Err(e) => {
            tracing::warn!(error = %e, "cannot read a person's language");
            None
        }
    };
    resolve(deps, user, chosen)
}

/// The language to answer in, given the one the person chose (if any).
pub fn resolve(deps: &Deps, user: &User, chosen: Option<Locale>) -> Locale {
    chosen.unwrap_or_else(|| {
        user.language_code
            .as_deref()
            .and_then(Locale::from_language_code)
            .unwrap_or(deps.default_locale)
    })
}
