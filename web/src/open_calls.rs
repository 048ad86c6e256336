//! Open calls (立法项目征集) on the resident pages: the call's page (its theme,
//! description and deadline; no articles) and the project suggestion's fields in the
//! opinion form, checked with the chat dialogue's rules (domain `open_calls`). The
//! form, its read-back, the receipt and the status link are the opinion's
//! ([`crate::opinions`]); a suggestion is stored as the opinion it is.

use axum::{http::StatusCode, response::Response};
use consult_domain::{
    consultations::{Consultation, State},
    open_calls::{self, RELATED_MAX, Suggestion, TITLE_MAX},
    opinions::{self, Stance},
};
use maud::{Markup, html};

use crate::{
    consultations::state_words,
    i18n::fl,
    opinions::form::{Checked, Field, Fields, Problems, described_by, field_error},
    page::{Ctx, layout, respond},
};

/// The open call's page: what is asked, until when, and 「提出立法项目建议」.
pub fn page(ctx: &Ctx, c: &Consultation) -> Response {
    let l = ctx.l();
    let open = c.open_at(ctx.state.now());
    let body = html! {
        h1 { (c.title) }
        p.meta {
            (c.code()) " · " (fl!(l, "consultation-kind-open-call")) " · " (state_words(ctx, c))
            br;
            (fl!(l, "web-deadline", deadline = ctx.time(c.closes_at)))
        }
        p.lead { (fl!(l, "web-open-call-intro")) }
        @if let Some(s) = &c.summary {
            (crate::opinions::multiline(s))
        }
        @if open {
            p { a.button href=(ctx.link(&format!("/c/{}/opinion", c.id))) { (fl!(l, "card-suggest")) } }
        } @else {
            p.notice { (closed_notice(ctx, c)) }
        }
        @if c.state == State::Concluded {
            p { a.button href=(ctx.link(&crate::results::path(c.id))) { (fl!(l, "web-results-link")) } }
        }
        p { a href=(ctx.link("/")) { (fl!(l, "web-back-to-list")) } }
    };
    respond(ctx, StatusCode::OK, layout(ctx, &c.title, body))
}

/// What a closed consultation's pages say: no more opinions, or no more suggestions.
pub fn closed_notice(ctx: &Ctx, c: &Consultation) -> String {
    if c.is_open_call() {
        fl!(ctx.l(), "web-open-call-closed")
    } else {
        fl!(ctx.l(), "web-closed-notice")
    }
}

/// The suggestion's own fields: title, problem, contents, related rules.
pub fn fields(ctx: &Ctx, f: &Fields, problems: &Problems) -> Markup {
    let l = ctx.l();
    let (min, max) = ctx.state.settings().opinion_chars;
    html! {
        div.field {
            label for="project" { (fl!(l, "web-form-project", max = TITLE_MAX)) }
            (field_error(problems, Field::Project))
            input type="text" id="project" name="project" value=(f.project) required
                aria-describedby=[described_by(problems, Field::Project)];
        }
        div.field {
            label for="body" { (fl!(l, "web-form-problem", min = min, max = max)) }
            (field_error(problems, Field::Body))
            textarea id="body" name="body" rows="6" required aria-describedby=[described_by(problems, Field::Body)] { (f.body) }
        }
        div.field {
            label for="contents" { (fl!(l, "web-form-contents", min = min, max = max)) }
            (field_error(problems, Field::Contents))
            textarea id="contents" name="contents" rows="6" required aria-describedby=[described_by(problems, Field::Contents)] { (f.contents) }
        }
        div.field {
            label for="related" { (fl!(l, "web-form-related", max = RELATED_MAX)) }
            (field_error(problems, Field::Related))
            textarea id="related" name="related" rows="3" aria-describedby=[described_by(problems, Field::Related)] { (f.related) }
        }
    }
}

/// Checks a suggestion's form with the chat dialogue's rules; who the submitter is
/// and their consent are checked as an opinion's.
pub fn check(f: &Fields, ctx: &Ctx, c: &Consultation) -> Result<Checked, Problems> {
    let l = ctx.l();
    let (min, max) = ctx.state.settings().opinion_chars;
    let mut problems = Problems::new();
    let title = open_calls::title(&f.project);
    if title.is_err() {
        problems.push((
            Field::Project,
            fl!(l, "suggestion-bad-title", max = TITLE_MAX),
        ));
    }
    let count = |t: &str| t.trim().chars().count();
    let problem = opinions::body(&f.body, min, max);
    if problem.is_err() {
        let text = fl!(
            l,
            "suggestion-bad-problem",
            min = min,
            max = max,
            count = count(&f.body)
        );
        problems.push((Field::Body, text));
    }
    let contents = open_calls::contents(&f.contents, min, max);
    if contents.is_err() {
        let text = fl!(
            l,
            "suggestion-bad-contents",
            min = min,
            max = max,
            count = count(&f.contents)
        );
        problems.push((Field::Contents, text));
    }
    let related = open_calls::related(&f.related);
    if related.is_err() {
        let text = fl!(
            l,
            "suggestion-bad-related",
            max = RELATED_MAX,
            count = count(&f.related)
        );
        problems.push((Field::Related, text));
    }
    let details = f.details(ctx, c, &mut problems);
    match (title, problem, contents, related) {
        (Ok(title), Ok(body), Ok(contents), Ok(related_rules)) if problems.is_empty() => {
            Ok(Checked {
                article: None,
                stance: Stance::Other,
                body,
                wording: None,
                details,
                suggestion: Some(Suggestion {
                    title,
                    contents,
                    related_rules,
                }),
            })
        }
        _ => Err(problems),
    }
}

/// The suggestion's lines of the read-back and the status page.
pub fn read_back(ctx: &Ctx, s: &Suggestion, problem: &str) -> Markup {
    let l = ctx.l();
    html! {
        dt { (fl!(l, "web-field-project")) } dd { (s.title) }
        dt { (fl!(l, "web-field-problem")) } dd { (crate::opinions::multiline(problem)) }
        dt { (fl!(l, "web-field-contents")) } dd { (crate::opinions::multiline(&s.contents)) }
        @if let Some(r) = &s.related_rules {
            dt { (fl!(l, "web-field-related")) } dd { (crate::opinions::multiline(r)) }
        }
    }
}
