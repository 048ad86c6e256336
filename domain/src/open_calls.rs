//! Open calls (立法项目征集, 年度立法计划项目建议征集): before drafting, the city asks the
//! public what to legislate. An open call is a consultation of its own [`Kind`] with a
//! theme (its title), an optional description and a deadline, and **no articles**; it
//! is announced, reminded, closed, decided, released and concluded like a draft.
//! Residents answer it with **project suggestions** (立法项目建议): a title, the
//! problem the regulation should solve, what it should contain and, optionally, the
//! related existing rules.
//!
//! # A suggestion is an opinion with a kind, not a type of its own
//!
//! Everything that happens to a suggestion after it is given already happens to an
//! opinion, keyed by the opinion's id: the receipt number and the submission key, the
//! identity levels and consent, the web status link, the review statuses, notes and
//! duplicates, the decision revisions and their release as feedback, the unreachable
//! list, /mydata and /forget, the retention erasure, the counts of statistics and the
//! 考核 assessment. A separate type would have copied each of these (and every later
//! change to them). So a suggestion is an `opinions` row on an open call — its body is
//! the problem it should solve, its stance is always [`Stance::Other`] and never shown —
//! and what only a suggestion has is kept beside it in `suggestions`
//! ([`Suggestion`]). The consultation's kind says which an opinion is; both are stored
//! only together ([`Suggestions::submit`]), and the ledger refuses an opinion without a
//! suggestion on an open call, or one with a suggestion on a draft
//! ([`crate::Error::WrongKind`]).
//!
//! What differs is typed, never a status string: the consultation's [`Kind`], and the
//! three outcomes of a suggestion's decision (列入立法计划 / 列入调研项目 / 暂不采纳,
//! [`crate::decisions::Outcome::for_kind`]), decided one suggestion at a time (an
//! article-wide decision is refused).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use crate::{
    Actor, Db, Error,
    consultations::{Consultation, NewConsultation, Scope},
    db::on_pool,
    draft::Draft,
    error::Field,
    opinions::{
        NewOpinion, Opinion, Opinions, Stance,
        web::{Sender, StatusToken, WebLink},
    },
    values::coded,
};

coded! {
    /// What a consultation asks residents for.
    #[derive(Serialize, Deserialize)]
    Kind("consultation kind") {
        /// Opinions on a draft regulation's articles (征求意见).
        Regulation = "regulation", "consultation-kind-regulation";
        /// Project suggestions for the legislative plan (立法项目征集).
        OpenCall = "open_call", "consultation-kind-open-call";
    }
}

/// The longest suggestion title, in characters: a regulation's name, not a sentence.
pub const TITLE_MAX: usize = 100;
/// The longest list of related existing rules, in characters.
pub const RELATED_MAX: usize = 500;

/// What only a project suggestion has (its problem is the opinion's body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromRow)]
pub struct Suggestion {
    /// The regulation suggested, e.g. 《电动自行车停放充电管理条例》.
    pub title: String,
    /// What the regulation should contain.
    pub contents: String,
    /// The related existing laws and rules, if the resident named any.
    pub related_rules: Option<String>,
}

/// A suggestion's title: 2–[`TITLE_MAX`] characters on one line.
pub fn title(raw: &str) -> Result<String, Error> {
    let t = raw.trim();
    let n = t.chars().count();
    if !(2..=TITLE_MAX).contains(&n) || t.chars().any(char::is_control) {
        return Err(Error::Invalid(Field::SuggestionTitle));
    }
    Ok(t.to_owned())
}

/// What the regulation should contain: `min..=max` characters, the opinion's bounds.
pub fn contents(raw: &str, min: usize, max: usize) -> Result<String, Error> {
    crate::opinions::body(raw, min, max).map_err(|_| Error::Invalid(Field::SuggestionContents))
}

/// The related existing rules: optional (empty is none), at most [`RELATED_MAX`].
pub fn related(raw: &str) -> Result<Option<String>, Error> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars().count() > RELATED_MAX || t.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Error::Invalid(Field::SuggestionRelated));
    }
    Ok(Some(t.to_owned()))
}

/// An open call as an admin creates it, in chat or in the staff console.
#[derive(Debug, Clone)]
pub struct NewOpenCall {
    /// The theme residents are asked about (the consultation's title, [`crate::consultations::title`]).
    pub theme: String,
    /// What the call is for and what a good suggestion says (the card's text).
    pub description: Option<String>,
    pub closes_at: DateTime<Utc>,
    pub scope: Scope,
}

impl NewOpenCall {
    /// The consultation it is stored as: no articles, no occupations.
    pub(crate) fn consultation(&self) -> NewConsultation {
        NewConsultation {
            title: self.theme.clone(),
            closes_at: self.closes_at,
            scope: self.scope.clone(),
            summary: self.description.clone(),
            source_url: None,
            occupations: vec![],
            draft: Draft::default(),
            source_name: "open call".to_owned(),
        }
    }
}

/// The opinion a suggestion is stored as: its body is the problem it should solve,
/// its stance [`Stance::Other`] (a suggestion takes no stance; it is never shown).
pub fn opinion(
    key: String,
    c: &Consultation,
    problem: String,
    channel: crate::opinions::Channel,
) -> NewOpinion {
    NewOpinion::new(key, c.id, c.version, Stance::Other, problem, channel)
}

pub struct Suggestions<'a>(&'a Db);

impl Db {
    pub fn suggestions(&self) -> Suggestions<'_> {
        Suggestions(self)
    }
}

impl Suggestions<'_> {
    /// Creates an open call as a draft consultation (published like any other).
    pub async fn create(
        &self,
        new: &NewOpenCall,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Consultation, Error> {
        self.0
            .consultations()
            .create_of_kind(&new.consultation(), Kind::OpenCall, actor, now)
            .await
    }

    /// Stores a suggestion given in chat (or recorded): the opinion and its suggestion
    /// in one transaction, with the next receipt number of the open call. The same
    /// submission key again returns the opinion already stored.
    pub async fn submit(
        &self,
        new: &NewOpinion,
        suggestion: &Suggestion,
        now: DateTime<Utc>,
    ) -> Result<Opinion, Error> {
        Opinions(self.0)
            .store(new, None, Some(suggestion), now)
            .await
    }

    /// [`Suggestions::submit`] for the web, with the status link and its sender.
    pub async fn submit_web(
        &self,
        new: &NewOpinion,
        suggestion: &Suggestion,
        token: &StatusToken,
        sender: &Sender,
        now: DateTime<Utc>,
    ) -> Result<Opinion, Error> {
        let link = WebLink {
            token_hash: token.hash(),
            sender,
        };
        Opinions(self.0)
            .store(new, Some(&link), Some(suggestion), now)
            .await
    }

    /// The suggestion an opinion is, if it is one.
    pub async fn get(&self, opinion: i64) -> Result<Option<Suggestion>, Error> {
        on_pool!(self.0, |pool| Ok(sqlx::query_as(
            "SELECT title, contents, related_rules FROM suggestions WHERE opinion_id = $1"
        )
        .bind(opinion)
        .fetch_optional(pool)
        .await?))
    }

    /// Every suggestion on a consultation, by opinion id.
    pub async fn on(&self, consultation: i64) -> Result<HashMap<i64, Suggestion>, Error> {
        let rows: Vec<(i64, String, String, Option<String>)> = on_pool!(self.0, |pool| {
            sqlx::query_as(
                "SELECT s.opinion_id, s.title, s.contents, s.related_rules FROM suggestions s
                 JOIN opinions o ON o.id = s.opinion_id WHERE o.consultation_id = $1",
            )
            .bind(consultation)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(id, title, contents, related_rules)| {
                (
                    id,
                    Suggestion {
                        title,
                        contents,
                        related_rules,
                    },
                )
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestion_texts_are_bounded() {
        assert_eq!(title(" 电动自行车管理条例 ").unwrap(), "电动自行车管理条例");
        assert!(title("条").is_err() && title(&"条".repeat(TITLE_MAX + 1)).is_err());
        assert!(title("两行\n标题").is_err());
        assert!(contents("四个字吧", 5, 2000).is_err() && contents("五个字了吗", 5, 2000).is_ok());
        assert_eq!(related("  ").unwrap(), None);
        assert!(related(&"法".repeat(RELATED_MAX + 1)).is_err());
        assert_eq!(
            related("《道路交通安全法》").unwrap().as_deref(),
            Some("《道路交通安全法》")
        );
    }

    #[test]
    fn kinds_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
    }
}
