//! `/export`: the 意见汇总表 sent back as a document. Admins export every consultation
//! (`/export`) or one (`/export 12`), county staff their district's points' opinions,
//! liaisons only their own point's opinions, in XLSX
//! or, for one consultation, CSV (`/export 12 csv`). Everyone else is refused. Every
//! export is in the audit log.

use consult_domain::{
    Actor, Error as DomainError,
    export::{ExportError, Format, Request},
    review::Scope,
};
use teloxide::{
    prelude::*,
    types::{InputFile, ParseMode},
};

use crate::{HandlerError, ctx::Ctx, i18n::fl, labels, reply};

/// What `/export …` asked for; `None` when the arguments make no sense.
fn parse(arg: &str) -> Option<(Option<i64>, Format)> {
    let mut consultation = None;
    let mut format = None;
    for word in arg.split_whitespace() {
        if let Some(f) = Format::parse(word) {
            if format.replace(f).is_some() {
                return None;
            }
            continue;
        }
        let digits = word.trim_start_matches(['C', 'c']);
        let id = digits.parse::<i64>().ok().filter(|id| *id > 0)?;
        if consultation.replace(id).is_some() {
            return None;
        }
    }
    Some((consultation, format.unwrap_or(Format::Xlsx)))
}

pub async fn export(cx: &Ctx, arg: &str) -> Result<(), HandlerError> {
    let Ctx { bot, deps, who, .. } = cx;
    let l = deps.locales.get(who.locale);
    // Re-read on every command: a revoked role stops at once.
    let (Some(access), Some(scope)) = (who.access(), who.access().and_then(|a| a.review())) else {
        return reply::to(bot, who, fl!(l, "export-refused")).await;
    };
    let Some((consultation, format)) = parse(arg) else {
        return reply::to(bot, who, fl!(l, "export-usage")).await;
    };
    // A draft not theirs to see is answered as if it did not exist.
    if let Some(id) = consultation
        && deps
            .db
            .consultations()
            .visible(id, who.viewer())
            .await?
            .is_none()
    {
        return reply::to(
            bot,
            who,
            fl!(l, "consultation-unknown", id = id.to_string()),
        )
        .await;
    }
    // A liaison asking for another point's consultation is told so, not sent an
    // empty sheet that reads as "nobody here had an opinion".
    if let (false, Some(id)) = (scope == Scope::All, consultation)
        && let Some(c) = deps.db.consultations().get(id).await?
        && !access.concerns(&c)
    {
        let text = fl!(
            l,
            "export-not-your-point",
            id = id.to_string(),
            point = who.point_name()
        );
        return reply::to(bot, who, text).await;
    }
    let req = Request {
        consultation,
        scope,
        format,
    };
    let now = deps.clock.now();
    let export = match deps
        .db
        .exports()
        .export(
            &req,
            labels::export_words(&deps.locales, who.locale),
            Actor::Person(who.id),
            deps.timezone,
            now,
        )
        .await
    {
        Ok(export) => export,
        Err(ExportError::CsvNeedsConsultation) => {
            return reply::to(bot, who, fl!(l, "export-csv-needs-id")).await;
        }
        Err(ExportError::Domain(DomainError::UnknownConsultation(id))) => {
            return reply::to(
                bot,
                who,
                fl!(l, "consultation-unknown", id = id.to_string()),
            )
            .await;
        }
        Err(ExportError::Domain(e)) => return Err(e.into()),
        Err(ExportError::Build(e)) => {
            tracing::error!(error = %e, "could not build an export");
            return reply::to(bot, who, fl!(l, "error-generic")).await;
        }
    };
    let mut caption = match scope {
        Scope::Point(_) | Scope::District(_) => fl!(
            l,
            "export-caption-point",
            point = who.point_name(),
            consultations = export.consultations.len(),
            rows = export.rows
        ),
        Scope::All => fl!(
            l,
            "export-caption",
            consultations = export.consultations.len(),
            rows = export.rows
        ),
    };
    // Only while some opinion still waits for a decision are its cells empty.
    if export.undecided > 0 {
        caption.push('\n');
        caption.push_str(&fl!(
            l,
            "export-caption-undecided",
            count = export.undecided
        ));
    }
    bot.send_document(
        ChatId(who.id),
        InputFile::memory(export.bytes).file_name(export.file_name),
    )
    .caption(caption)
    .parse_mode(ParseMode::Html)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_read() {
        assert_eq!(parse(""), Some((None, Format::Xlsx)));
        assert_eq!(parse("12"), Some((Some(12), Format::Xlsx)));
        assert_eq!(parse("C12 csv"), Some((Some(12), Format::Csv)));
        assert_eq!(parse("csv"), Some((None, Format::Csv)));
        assert_eq!(parse("abc"), None);
        assert_eq!(parse("12 13"), None);
        assert_eq!(parse("-3"), None);
    }
}
