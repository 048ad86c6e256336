//! A project suggestion in private chat. It is the opinion dialogue
//! ([`crate::opinion`]) started on an open call: instead of the article, stance,
//! wording and attachments it asks the project's title, the problem it should solve
//! (the opinion's text), what it should contain and the related existing rules; the
//! identity, consent, read-back, receipt, 「返回」, /cancel, replays and expiry are the
//! opinion dialogue's. What the suggestion's own steps say and check is here.

use consult_domain::{
    consultations::Consultation,
    open_calls::{self, RELATED_MAX, Suggestion, TITLE_MAX},
};
use serde::{Deserialize, Serialize};

use crate::{Deps, html, i18n::fl, person::Person};

/// What a suggestion has beyond an opinion, as the dialogue gathers it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SuggestionDraft {
    pub title: Option<String>,
    pub contents: Option<String>,
    pub related: Option<String>,
}

impl SuggestionDraft {
    /// The suggestion to store, once the title and the contents are given.
    pub fn complete(&self) -> Option<Suggestion> {
        Some(Suggestion {
            title: self.title.clone()?,
            contents: self.contents.clone()?,
            related_rules: self.related.clone(),
        })
    }
}

/// The questions of a suggestion's own steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    Title,
    Problem,
    Contents,
    Related,
}

pub fn ask(deps: &Deps, who: &Person, q: Question) -> String {
    let l = deps.locales.get(who.locale);
    let (min, max) = deps.opinion_chars;
    match q {
        Question::Title => fl!(l, "suggestion-ask-title", max = TITLE_MAX),
        Question::Problem => fl!(l, "suggestion-ask-problem", min = min, max = max),
        Question::Contents => fl!(l, "suggestion-ask-contents", min = min, max = max),
        Question::Related => fl!(l, "suggestion-ask-related", max = RELATED_MAX),
    }
}

/// Checks one answer: the text to keep, or what to tell the person.
pub fn check(deps: &Deps, who: &Person, q: Question, text: &str) -> Result<Option<String>, String> {
    let l = deps.locales.get(who.locale);
    let (min, max) = deps.opinion_chars;
    let count = text.trim().chars().count();
    match q {
        Question::Title => open_calls::title(text)
            .map(Some)
            .map_err(|_| fl!(l, "suggestion-bad-title", max = TITLE_MAX)),
        Question::Problem => consult_domain::opinions::body(text, min, max)
            .map(Some)
            .map_err(|_| {
                fl!(
                    l,
                    "suggestion-bad-problem",
                    min = min,
                    max = max,
                    count = count
                )
            }),
        Question::Contents => open_calls::contents(text, min, max).map(Some).map_err(|_| {
            fl!(
                l,
                "suggestion-bad-contents",
                min = min,
                max = max,
                count = count
            )
        }),
        Question::Related => open_calls::related(text).map_err(|_| {
            fl!(
                l,
                "suggestion-bad-related",
                max = RELATED_MAX,
                count = count
            )
        }),
    }
}

/// 「您建议的项目：《…》」 as the read-back and review show it.
pub fn project_line(deps: &Deps, who: &Person, title: &str) -> String {
    fl!(
        deps.locales.get(who.locale),
        "suggestion-line-project",
        project = html::escape(title)
    )
}

/// The read-back's lines about the suggestion itself (identity and consent follow).
pub fn read_back(
    deps: &Deps,
    who: &Person,
    c: &Consultation,
    s: &SuggestionDraft,
    problem: &str,
) -> Vec<String> {
    let l = deps.locales.get(who.locale);
    let mut lines = vec![
        fl!(
            l,
            "suggestion-review",
            title = html::escape(&c.title),
            code = c.code()
        ),
        project_line(deps, who, s.title.as_deref().unwrap_or_default()),
    ];
    lines.extend(detail_lines(
        deps,
        who,
        problem,
        s.contents.as_deref().unwrap_or_default(),
        s.related.as_deref(),
    ));
    lines
}

/// A suggestion's problem, contents and related rules (if any), a line each, as the
/// read-backs and review show them.
pub fn detail_lines(
    deps: &Deps,
    who: &Person,
    problem: &str,
    contents: &str,
    related: Option<&str>,
) -> Vec<String> {
    let l = deps.locales.get(who.locale);
    let mut lines = vec![
        fl!(
            l,
            "suggestion-line-problem",
            problem = html::escape(problem)
        ),
        fl!(
            l,
            "suggestion-line-contents",
            contents = html::escape(contents)
        ),
    ];
    if let Some(related) = related {
        lines.push(fl!(
            l,
            "suggestion-line-related",
            related = html::escape(related)
        ));
    }
    lines
}
