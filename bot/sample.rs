//! `consult-bot sample`: a sample contact point and a published consultation on a
//! bundled draft, so that a newcomer has something to open in the browser (and to
//! give an opinion on) before any real draft exists. Running it again reuses both.

use chrono::{DateTime, Utc};
use consult_domain::{
    Actor, Db,
    consultations::{self, NewConsultation, Scope, State},
    points::{NewPoint, PointCode},
};
use consult_handlers::i18n::{Locales, fl};

use crate::{AppError, config::WebConfig};

/// A realistic draft (a city's property-management regulation, 7 chapters), the same
/// one the parser's tests read.
const DRAFT: &str = include_str!("../domain/src/draft/fixtures/wuye.txt");
const POINT: &str = "sample";
/// How long the sample stays open for opinions.
const OPEN_DAYS: i64 = 30;

pub async fn run(
    db: &Db,
    web: &WebConfig,
    locales: &Locales,
    locale: consult_domain::people::Locale,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let l = locales.get(locale);
    let code = PointCode::parse(POINT)?;
    let point = match db.points().find(&code).await? {
        Some(p) => p,
        None => {
            let new = NewPoint::parse(POINT, &fl!(l, "cli-sample-point-name"), None)?;
            db.points().add(&new, Actor::CommandLine, now).await?
        }
    };
    let draft = consult_domain::draft::parse(DRAFT)?;
    let title = consultations::title(draft.title.as_deref().unwrap_or(POINT))?;
    let existing = db
        .consultations()
        .list(&[State::Open])
        .await?
        .into_iter()
        .find(|c| c.title == title && c.open_at(now));
    let c = match existing {
        Some(c) => c,
        None => {
            let new = NewConsultation {
                title,
                closes_at: now + chrono::Duration::days(OPEN_DAYS),
                scope: Scope::Points(vec![point.id]),
                summary: Some(consultations::summary(&fl!(l, "cli-sample-summary"))?),
                source_url: None,
                occupations: consultations::occupations(&fl!(l, "cli-sample-occupations"))?,
                draft,
                source_name: "sample".into(),
            };
            let created = db
                .consultations()
                .create(&new, Actor::CommandLine, now)
                .await?;
            db.consultations()
                .publish(created.id, Actor::CommandLine, now)
                .await?
        }
    };
    let link = web
        .url
        .join(&format!("c/{}?p={}", c.id, point.code))
        .map(|u| u.to_string())
        .unwrap_or_default();
    Ok(vec![
        fl!(
            l,
            "cli-sample-done",
            code = c.code(),
            title = c.title.clone()
        ),
        fl!(l, "cli-sample-open", url = link),
    ])
}
