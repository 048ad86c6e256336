//! The opinion form: its fields as posted, their check against the same rules as the
//! chat dialogue (domain `opinions::body`, `opinions::detail`, the consultation's
//! occupations), and the form drawn again with what was typed and what to fix.

use consult_domain::{
    consultations::Consultation,
    draft::Draft,
    opinions::{self, Details, Identity, Stance},
};
use maud::{Markup, html};
use serde::Deserialize;

use crate::{i18n::fl, page::Ctx};

/// The occupation a resident picks when none of the list fits.
pub const OCCUPATION_OTHER: &str = "other";

/// The form as posted: every field as typed, so that any refusal can show it again.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Fields {
    /// The article's number, or empty for the whole draft.
    pub article: String,
    pub stance: String,
    pub body: String,
    pub wording: String,
    pub identity: String,
    pub name: String,
    pub organization: String,
    /// An index into the consultation's occupations, [`OCCUPATION_OTHER`], or empty.
    pub occupation: String,
    pub district: String,
    pub consent_details: Option<String>,
    pub consent_quote: Option<String>,
    pub csrf: String,
    /// The submission's nonce, made when the read-back is shown.
    pub nonce: String,
    /// The honeypot: hidden from people, filled in by robots.
    pub website: String,
    /// Telegram's signed `initData`, inside the Mini App only.
    pub init_data: String,
    /// Set by the read-back's 「返回修改」: show the form again.
    pub back: Option<String>,
    /// An open call's project suggestion: its title (its problem is `body`).
    pub project: String,
    /// What the suggested regulation should contain.
    pub contents: String,
    /// The related existing rules (optional).
    pub related: String,
}

/// A field a message points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Article,
    Stance,
    Body,
    Wording,
    Name,
    Organization,
    District,
    Project,
    Contents,
    Related,
}

/// A form's field that messages point at by its element id (the opinion form's, the
/// 社情民意 form's), so that both draw their problems the same way.
pub trait FormField: Copy + PartialEq {
    fn id(self) -> &'static str;
}

impl FormField for Field {
    fn id(self) -> &'static str {
        match self {
            Field::Article => "article",
            Field::Stance => "stance",
            Field::Body => "body",
            Field::Wording => "wording",
            Field::Name => "name",
            Field::Organization => "organization",
            Field::District => "district",
            Field::Project => "project",
            Field::Contents => "contents",
            Field::Related => "related",
        }
    }
}

/// What is wrong with the form, field by field, in the visitor's language.
pub type Problems = Vec<(Field, String)>;

/// A form that passed every check.
#[derive(Debug, Clone)]
pub struct Checked {
    pub article: Option<(u32, String)>,
    pub stance: Stance,
    pub body: String,
    pub wording: Option<String>,
    pub details: Details,
    /// On an open call: the project suggestion (its problem is `body`).
    pub suggestion: Option<consult_domain::open_calls::Suggestion>,
}

impl Fields {
    /// Checks the form against the consultation's draft, the configured lengths and
    /// the rules of the chat dialogue.
    pub fn check(&self, ctx: &Ctx, c: &Consultation, draft: &Draft) -> Result<Checked, Problems> {
        if c.is_open_call() {
            return crate::open_calls::check(self, ctx, c);
        }
        let l = ctx.l();
        let (min, max) = ctx.state.settings().opinion_chars;
        let mut problems = Problems::new();
        let article = match self.article.trim() {
            "" => None,
            n => match n.parse::<u32>().ok().and_then(|n| draft.article(n)) {
                Some(a) => Some((a.number, a.label.clone())),
                None => {
                    problems.push((Field::Article, fl!(l, "web-form-bad-article")));
                    None
                }
            },
        };
        let stance = Stance::parse(&self.stance);
        if stance.is_none() {
            problems.push((Field::Stance, fl!(l, "web-form-need-stance")));
        }
        let body = opinions::body(&self.body, min, max);
        if body.is_err() {
            let count = self.body.trim().chars().count();
            let text = if count < min {
                fl!(l, "opinion-body-short", min = min)
            } else {
                fl!(l, "opinion-body-long", max = max, count = count)
            };
            problems.push((Field::Body, text));
        }
        // Proposed wording belongs to an amendment (修改建议), as in chat.
        let wording = match (stance, self.wording.trim()) {
            (Some(Stance::Amend), w) if !w.is_empty() => match opinions::body(w, 1, max) {
                Ok(w) => Some(w),
                Err(_) => {
                    let count = w.chars().count();
                    problems.push((
                        Field::Wording,
                        fl!(l, "opinion-body-long", max = max, count = count),
                    ));
                    None
                }
            },
            _ => None,
        };
        let details = self.details(ctx, c, &mut problems);
        match (stance, body) {
            (Some(stance), Ok(body)) if problems.is_empty() => Ok(Checked {
                article,
                stance,
                body,
                wording,
                details,
                suggestion: None,
            }),
            _ => Err(problems),
        }
    }

    /// Who the submitter says they are and what they consented to, the same on an
    /// opinion and a suggestion; a bad name, unit or district is added to `problems`.
    pub fn details(&self, ctx: &Ctx, c: &Consultation, problems: &mut Problems) -> Details {
        let l = ctx.l();
        let identity = Identity::parse(&self.identity).unwrap_or(Identity::Anonymous);
        let mut detail = |raw: &str, name: Field, needed: bool| -> Option<String> {
            if raw.trim().is_empty() && !needed {
                return None;
            }
            match opinions::detail(raw) {
                Ok(v) => Some(v),
                Err(_) => {
                    problems.push((name, fl!(l, "web-form-bad-detail")));
                    None
                }
            }
        };
        let name = (identity == Identity::Named)
            .then(|| detail(&self.name, Field::Name, true))
            .flatten();
        let organization = (identity == Identity::Organization)
            .then(|| detail(&self.organization, Field::Organization, true))
            .flatten();
        let district = detail(&self.district, Field::District, false);
        let occupation = self.occupation(ctx, c);
        Details {
            identity,
            name,
            organization,
            occupation,
            district,
            consent_details: self.consent_details.is_some(),
            consent_quote: self.consent_quote.is_some(),
        }
    }

    /// The occupation chosen, in words (an unknown choice counts as none).
    fn occupation(&self, ctx: &Ctx, c: &Consultation) -> Option<String> {
        match self.occupation.as_str() {
            OCCUPATION_OTHER if !c.occupations.is_empty() => {
                Some(fl!(ctx.l(), "opinion-occupation-other"))
            }
            i => i
                .parse::<usize>()
                .ok()
                .and_then(|i| c.occupations.get(i).cloned()),
        }
    }

    /// The same answers as hidden fields, for the read-back's buttons.
    pub fn hidden(&self) -> Markup {
        let pairs = [
            ("article", &self.article),
            ("stance", &self.stance),
            ("body", &self.body),
            ("wording", &self.wording),
            ("identity", &self.identity),
            ("name", &self.name),
            ("organization", &self.organization),
            ("occupation", &self.occupation),
            ("district", &self.district),
            ("project", &self.project),
            ("contents", &self.contents),
            ("related", &self.related),
        ];
        html! {
            @for (name, value) in pairs {
                input type="hidden" name=(name) value=(value);
            }
            @if self.consent_details.is_some() {
                input type="hidden" name="consent_details" value="on";
            }
            @if self.consent_quote.is_some() {
                input type="hidden" name="consent_quote" value="on";
            }
        }
    }
}

/// The protections every form carries: the CSRF token, the honeypot, and Telegram's
/// sign-in inside the Mini App (filled in by `miniapp.js`).
pub fn guards(csrf: &str, init_data: &str, ctx: &Ctx) -> Markup {
    let l = ctx.l();
    html! {
        input type="hidden" name="csrf" value=(csrf);
        input type="hidden" name="init_data" id="tg-init-data" value=(init_data);
        div.hp aria-hidden="true" {
            label for="website" { (fl!(l, "web-form-honeypot")) }
            input type="text" id="website" name="website" tabindex="-1" autocomplete="off" value="";
        }
    }
}

/// The problems listed at the top (announced to screen readers) and each field's own
/// message next to it.
pub fn problems_list<F: FormField>(ctx: &Ctx, problems: &[(F, String)]) -> Markup {
    html! {
        @if !problems.is_empty() {
            div.error role="alert" {
                p { (fl!(ctx.l(), "web-form-problems")) }
                ul {
                    @for (name, text) in problems {
                        li { a href=(format!("#{}", name.id())) { (text) } }
                    }
                }
            }
        }
    }
}

fn problem<F: FormField>(problems: &[(F, String)], name: F) -> Option<&str> {
    problems
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t.as_str())
}

/// One field's message, tied to the field by `aria-describedby`.
pub fn field_error<F: FormField>(problems: &[(F, String)], name: F) -> Markup {
    html! {
        @if let Some(text) = problem(problems, name) {
            p.error id=(format!("{}-error", name.id())) { (text) }
        }
    }
}

pub fn described_by<F: FormField>(problems: &[(F, String)], name: F) -> Option<String> {
    problem(problems, name).map(|_| format!("{}-error", name.id()))
}

/// The form's fields, filled in with `f`.
pub fn fields(
    ctx: &Ctx,
    c: &Consultation,
    draft: &Draft,
    f: &Fields,
    problems: &Problems,
) -> Markup {
    let (min, max) = ctx.state.settings().opinion_chars;
    let stance = Stance::parse(&f.stance);
    html! {
        @if c.is_open_call() {
            (crate::open_calls::fields(ctx, f, problems))
        } @else {
            (opinion_fields(ctx, draft, f, problems, stance, (min, max)))
        }
        (identity_fields(ctx, c, f, problems))
    }
}

/// An opinion's own fields: the article, the stance, the text and the wording.
fn opinion_fields(
    ctx: &Ctx,
    draft: &Draft,
    f: &Fields,
    problems: &Problems,
    stance: Option<Stance>,
    (min, max): (usize, usize),
) -> Markup {
    let l = ctx.l();
    html! {
        div.field {
            label for="article" { (fl!(l, "web-form-article")) }
            (field_error(problems, Field::Article))
            select id="article" name="article" aria-describedby=[described_by(problems, Field::Article)] {
                option value="" selected[f.article.is_empty()] { (fl!(l, "opinion-whole-draft")) }
                @for a in &draft.articles {
                    @let value = a.number.to_string();
                    option value=(value) selected[f.article == value] {
                        (crate::consultations::article_heading(a))
                    }
                }
            }
        }
        fieldset id="stance" aria-describedby=[described_by(problems, Field::Stance)] {
            legend { (fl!(l, "web-form-stance")) }
            (field_error(problems, Field::Stance))
            @for s in Stance::ALL {
                label {
                    input type="radio" name="stance" value=(s.as_str()) checked[stance == Some(s)] required;
                    (ctx.text(s.label_id()))
                }
            }
        }
        div.field {
            label for="body" { (fl!(l, "web-form-body", min = min, max = max)) }
            (field_error(problems, Field::Body))
            textarea id="body" name="body" rows="8" required aria-describedby=[described_by(problems, Field::Body)] { (f.body) }
        }
        div.field {
            label for="wording" { (fl!(l, "web-form-wording")) }
            (field_error(problems, Field::Wording))
            textarea id="wording" name="wording" rows="4" aria-describedby=[described_by(problems, Field::Wording)] { (f.wording) }
        }
    }
}

/// Who the submitter is and what they consent to: the same on an opinion and a
/// project suggestion.
fn identity_fields(ctx: &Ctx, c: &Consultation, f: &Fields, problems: &Problems) -> Markup {
    let l = ctx.l();
    let identity = Identity::parse(&f.identity).unwrap_or(Identity::Anonymous);
    html! {
        fieldset {
            legend { (fl!(l, "opinion-ask-identity")) }
            @for i in Identity::ALL {
                label {
                    input type="radio" name="identity" value=(i.as_str()) checked[identity == i];
                    (ctx.text(i.label_id()))
                }
            }
        }
        div.field {
            label for="name" { (fl!(l, "web-form-name")) }
            (field_error(problems, Field::Name))
            input type="text" id="name" name="name" value=(f.name) autocomplete="name" aria-describedby=[described_by(problems, Field::Name)];
        }
        div.field {
            label for="organization" { (fl!(l, "web-form-organization")) }
            (field_error(problems, Field::Organization))
            input type="text" id="organization" name="organization" value=(f.organization) autocomplete="organization" aria-describedby=[described_by(problems, Field::Organization)];
        }
        @if !c.occupations.is_empty() {
            div.field {
                label for="occupation" { (fl!(l, "web-form-occupation")) }
                select id="occupation" name="occupation" {
                    option value="" selected[f.occupation.is_empty()] { (fl!(l, "web-form-not-given")) }
                    @for (i, o) in c.occupations.iter().enumerate() {
                        @let value = i.to_string();
                        option value=(value) selected[f.occupation == value] { (o) }
                    }
                    option value=(OCCUPATION_OTHER) selected[f.occupation == OCCUPATION_OTHER] { (fl!(l, "opinion-occupation-other")) }
                }
            }
        }
        div.field {
            label for="district" { (fl!(l, "web-form-district")) }
            (field_error(problems, Field::District))
            input type="text" id="district" name="district" value=(f.district) aria-describedby=[described_by(problems, Field::District)];
        }
        fieldset {
            legend { (fl!(l, "web-consent-title")) }
            p { (fl!(l, "web-consent")) }
            label {
                input type="checkbox" name="consent_details" checked[f.consent_details.is_some()];
                (fl!(l, "web-consent-details"))
            }
            label {
                input type="checkbox" name="consent_quote" checked[f.consent_quote.is_some()];
                (fl!(l, "web-consent-quote"))
            }
        }
    }
}
