//! `/staff/faq`: the law-popularization FAQ (普法问答) in the console — the entries
//! (admins edit and add them; liaisons read them), and the questions nobody could
//! answer, as chat's `/unanswered` lists them (a liaison: their point's and those
//! with no known point), which an admin answers (the answer becomes entry `q<N>`,
//! found from then on) or sets aside. Every rule is the domain's: an entry is checked
//! by [`NewEntry::parse`] and its link by `check_links`, as a file is; stored in one
//! transaction with its search tokens, so chat's `/faq` answers with the new words at
//! once; audited as `faq.add`, `faq.edit`, `faq.answer`, `faq.dismiss`. Informants,
//! and liaisons asking for an admin's form, get the ordinary 404.

use axum::{
    Form, Router,
    extract::{Path, Query},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use consult_domain::{
    Actor,
    faq::{Entry, FaqField, LineError, NewEntry, Problem, Unanswered, problem_words},
};
use maud::{Markup, html};
use serde::Deserialize;

use crate::{
    WebError, WebState,
    i18n::fl,
    page::Ctx,
    staff::{
        Say, Staff,
        login::{CsrfOnly, refused},
        review::Pages,
        scroll_table, show,
    },
};

/// Entries a page of the list shows.
const PER_PAGE: i64 = 100;
/// Open questions the list shows (as chat's `/unanswered`, a few screens' worth).
const UNANSWERED_SHOWN: i64 = 100;

pub fn router() -> Router<WebState> {
    Router::new()
        .route("/staff/faq", get(list))
        .route("/staff/faq/new", get(new_form).post(new_submit))
        .route("/staff/faq/unanswered", get(unanswered))
        .route(
            "/staff/faq/unanswered/{id}",
            get(answer_form).post(answer_submit),
        )
        .route("/staff/faq/unanswered/{id}/dismiss", post(dismiss))
        .route("/staff/faq/{id}", get(entry_form).post(entry_submit))
}

/// Readers: admins and liaisons (chat's `/unanswered` is theirs too).
fn reader(staff: &Staff) -> Result<(), WebError> {
    staff
        .access
        .unanswered()
        .map(drop)
        .ok_or(WebError::NotFound)
}

/// Writers: admins.
fn editor(staff: &Staff) -> Result<(), WebError> {
    if staff.access.edits_faq() {
        Ok(())
    } else {
        Err(WebError::NotFound)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    page: Option<i64>,
    done: Option<String>,
    key: Option<String>,
}

pub async fn list(
    ctx: Ctx,
    staff: Staff,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    reader(&staff)?;
    let db = ctx.state.db();
    let entries = db.faq().all().await?;
    let open = match staff.access.unanswered() {
        Some(scope) => db.faq().unanswered_count(scope).await?,
        None => 0,
    };
    let total = i64::try_from(entries.len()).unwrap_or(i64::MAX);
    let pages = Pages::of(q.page.unwrap_or(1), total, PER_PAGE);
    let skip = usize::try_from(Pages::offset(pages.current, PER_PAGE)).unwrap_or(0);
    let shown = entries
        .iter()
        .skip(skip)
        .take(usize::try_from(PER_PAGE).unwrap_or(0));
    let l = ctx.l();
    let title = fl!(l, "staff-faq-title");
    let say = match (q.done.as_deref(), q.key) {
        (Some("saved"), Some(key)) => Some(Say::Notice(fl!(l, "staff-faq-saved", key = key))),
        (Some("answered"), Some(key)) => Some(Say::Notice(fl!(l, "faq-answer-saved", key = key))),
        (Some("dismissed"), _) => Some(Say::Notice(fl!(l, "staff-faq-dismissed"))),
        _ => None,
    };
    let edits = staff.access.edits_faq();
    let body = html! {
        h1 { (title) }
        @if let Some(s) = &say { (s) }
        p.lead { (fl!(l, "staff-faq-lead", count = entries.len())) }
        p {
            a href="/staff/faq/unanswered" { (fl!(l, "staff-faq-unanswered-count", count = open)) }
        }
        @if edits {
            p { a.button href="/staff/faq/new" { (fl!(l, "staff-faq-new")) } }
        }
        @if entries.is_empty() {
            p { (fl!(l, "staff-faq-none")) }
        } @else {
            (scroll_table("faq-caption", &fl!(l, "staff-faq-caption"), html! {
                    thead {
                        tr {
                            th scope="col" { (fl!(l, "staff-faq-field-question")) }
                            th scope="col" { (fl!(l, "staff-faq-reference")) }
                            th scope="col" { (fl!(l, "staff-faq-updated")) }
                        }
                    }
                    tbody {
                        @for e in shown {
                            tr {
                                th scope="row" {
                                    a href=(format!("/staff/faq/{}", e.id)) { (e.question) }
                                    span.meta { (e.key) }
                                }
                                td { (e.reference()) }
                                td { (ctx.time(e.updated_at)) }
                            }
                        }
                    }
            }))
            (pages.nav(&ctx, |p| format!("/staff/faq?page={p}")))
        }
    };
    Ok(show(&ctx, &staff, &title, body))
}

// ---------------------------------------------------------------------------- one entry

/// An entry's fields as typed (lists one item a line), so a refusal shows them again.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct EntryFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    key: String,
    #[serde(default)]
    question: String,
    #[serde(default)]
    alternatives: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    law: String,
    #[serde(default)]
    article: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    consultation: String,
    #[serde(default)]
    consultation_article: String,
}

impl EntryFields {
    fn of(e: &Entry) -> EntryFields {
        EntryFields {
            csrf: String::new(),
            key: e.key.clone(),
            question: e.question.clone(),
            alternatives: e.alternatives.join("\n"),
            answer: e.answer.clone(),
            law: e.law.clone(),
            article: e.article.clone(),
            tags: e.tags.join("，"),
            consultation: e
                .link
                .map(|l| format!("C{}", l.consultation))
                .unwrap_or_default(),
            consultation_article: e.link.map(|l| l.article.to_string()).unwrap_or_default(),
        }
    }

    /// Checked as a file's line is ([`NewEntry::parse`]).
    fn parse(&self) -> Result<NewEntry, Vec<(FaqField, Problem)>> {
        let lines = |raw: &str| -> Vec<String> { raw.lines().map(str::to_owned).collect() };
        let tags: Vec<String> = self
            .tags
            .split([',', '，', '、', '|', '\n'])
            .map(str::to_owned)
            .collect();
        let optional = |raw: &str| {
            Some(raw.trim())
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let consultation = optional(&self.consultation);
        let article = optional(&self.consultation_article);
        NewEntry::parse(
            &self.key,
            &self.question,
            &lines(&self.alternatives),
            &self.answer,
            &self.law,
            &self.article,
            &tags,
            (consultation.as_deref(), article.as_deref()),
        )
    }
}

type Problems = Vec<(FaqField, String)>;

fn words(ctx: &Ctx, problems: Vec<(FaqField, Problem)>) -> Problems {
    problems
        .into_iter()
        .map(|(f, p)| {
            let text = problem_words(ctx.state.locales(), ctx.locale, Some(f), &p);
            (f, text)
        })
        .collect()
}

fn label(ctx: &Ctx, f: FaqField) -> String {
    ctx.text(&format!("staff-faq-field-{}", f.name().replace('_', "-")))
}

/// One field with its label, its own problem (tied to it), and a hint.
fn field(ctx: &Ctx, f: FaqField, value: &str, problems: &Problems, multiline: bool) -> Markup {
    let id = f.name();
    let problem = problems.iter().find(|(p, _)| *p == f).map(|(_, t)| t);
    let hint_id = format!("{id}-hint");
    let hint = ctx.text(&format!("staff-faq-hint-{}", id.replace('_', "-")));
    let described = match problem {
        Some(_) => format!("{id}-error {hint_id}"),
        None => hint_id.clone(),
    };
    html! {
        div.field {
            label for=(id) { (label(ctx, f)) }
            @if !hint.is_empty() {
                p.hint #(hint_id) { (hint) }
            }
            @if let Some(t) = problem {
                p.error #(format!("{id}-error")) { (t) }
            }
            @if multiline {
                textarea #(id) name=(id) rows="6" aria-describedby=(described) { (value) }
            } @else {
                input #(id) type="text" name=(id) value=(value) aria-describedby=(described);
            }
        }
    }
}

/// The list of what to fix, each linking to its field.
fn problem_list(ctx: &Ctx, problems: &Problems) -> Markup {
    html! {
        @if !problems.is_empty() {
            div.error role="alert" {
                p { (fl!(ctx.l(), "web-form-problems")) }
                ul {
                    @for (f, text) in problems {
                        li { a href=(format!("#{}", f.name())) { (label(ctx, *f)) "：" (text) } }
                    }
                }
            }
        }
    }
}

/// The form of an entry: `entry` None for a new one (its key is typed), else the
/// stored entry (its key stays).
fn entry_page(
    ctx: &Ctx,
    staff: &Staff,
    entry: Option<&Entry>,
    typed: &EntryFields,
    problems: &Problems,
    say: Option<Say>,
) -> Response {
    let l = ctx.l();
    let title = match entry {
        Some(e) => fl!(l, "staff-faq-edit-title", key = e.key.clone()),
        None => fl!(l, "staff-faq-new"),
    };
    let action = match entry {
        Some(e) => format!("/staff/faq/{}", e.id),
        None => "/staff/faq/new".to_owned(),
    };
    let body = html! {
        h1 { (title) }
        @if let Some(s) = &say { (s) }
        (problem_list(ctx, problems))
        @if let Some(e) = entry {
            p.meta { (fl!(l, "staff-faq-updated")) "：" (ctx.time(e.updated_at)) }
        }
        form method="post" action=(action) novalidate {
            input type="hidden" name="csrf" value=(staff.csrf());
            @match entry {
                Some(e) => input type="hidden" name="key" value=(e.key);,
                None => (field(ctx, FaqField::Key, &typed.key, problems, false)),
            }
            (field(ctx, FaqField::Question, &typed.question, problems, false))
            (field(ctx, FaqField::Alternatives, &typed.alternatives, problems, true))
            (field(ctx, FaqField::Answer, &typed.answer, problems, true))
            (field(ctx, FaqField::Law, &typed.law, problems, false))
            (field(ctx, FaqField::Article, &typed.article, problems, false))
            (field(ctx, FaqField::Tags, &typed.tags, problems, false))
            (field(ctx, FaqField::Consultation, &typed.consultation, problems, false))
            (field(ctx, FaqField::ConsultationArticle, &typed.consultation_article, problems, false))
            button type="submit" { (fl!(l, "staff-faq-save")) }
        }
        p { a href="/staff/faq" { (fl!(l, "staff-faq-back")) } }
    };
    show(ctx, staff, &title, body)
}

/// A stored entry as a liaison reads it.
fn entry_view(ctx: &Ctx, staff: &Staff, e: &Entry) -> Response {
    let l = ctx.l();
    let title = e.question.clone();
    let body = html! {
        h1 { (title) }
        dl {
            dt { (label(ctx, FaqField::Answer)) }
            dd.text { (e.answer) }
            dt { (fl!(l, "staff-faq-reference")) }
            dd { (e.reference()) }
            @if !e.alternatives.is_empty() {
                dt { (label(ctx, FaqField::Alternatives)) }
                dd { (e.alternatives.join("；")) }
            }
            dt { (fl!(l, "staff-faq-updated")) }
            dd { (ctx.time(e.updated_at)) }
        }
        p { a href="/staff/faq" { (fl!(l, "staff-faq-back")) } }
    };
    show(ctx, staff, &title, body)
}

async fn entry(ctx: &Ctx, raw: &str) -> Result<Entry, WebError> {
    let id: i64 = raw.parse().map_err(|_| WebError::NotFound)?;
    ctx.state
        .db()
        .faq()
        .get(id)
        .await?
        .ok_or(WebError::NotFound)
}

pub async fn entry_form(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    reader(&staff)?;
    let e = entry(&ctx, &raw).await?;
    if !staff.access.edits_faq() {
        return Ok(entry_view(&ctx, &staff, &e));
    }
    Ok(entry_page(
        &ctx,
        &staff,
        Some(&e),
        &EntryFields::of(&e),
        &Problems::new(),
        None,
    ))
}

/// Checks and stores an entry (new, or the stored one's key); on a problem, the form
/// again with what was typed.
async fn save(
    ctx: &Ctx,
    staff: &Staff,
    entry: Option<&Entry>,
    mut f: EntryFields,
) -> Result<Response, WebError> {
    if let Some(e) = entry {
        f.key = e.key.clone();
    }
    let db = ctx.state.db();
    let checked = match f.parse() {
        Ok(new) => {
            let links = db.faq().check_links(&[(1, new.clone())]).await?;
            if links.is_empty() {
                Ok(new)
            } else {
                Err(links
                    .into_iter()
                    .filter_map(|LineError { field, problem, .. }| field.map(|f| (f, problem)))
                    .collect())
            }
        }
        Err(problems) => Err(problems),
    };
    let new = match checked {
        Ok(new) => new,
        Err(problems) => {
            let problems = words(ctx, problems);
            return Ok(entry_page(ctx, staff, entry, &f, &problems, None));
        }
    };
    // A new entry does not take the key of another one.
    if entry.is_none() && db.faq().by_key(&new.key).await?.is_some() {
        let problems = vec![(FaqField::Key, fl!(ctx.l(), "staff-faq-key-taken"))];
        return Ok(entry_page(ctx, staff, entry, &f, &problems, None));
    }
    let saved = db
        .faq()
        .put(&new, Actor::Person(staff.access.person()), ctx.state.now())
        .await?;
    Ok(Redirect::to(&format!(
        "/staff/faq?done=saved&key={}",
        url::form_urlencoded::byte_serialize(saved.key.as_bytes()).collect::<String>()
    ))
    .into_response())
}

pub async fn entry_submit(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<EntryFields>,
) -> Result<Response, WebError> {
    editor(&staff)?;
    let e = entry(&ctx, &raw).await?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    save(&ctx, &staff, Some(&e), f).await
}

pub async fn new_form(ctx: Ctx, staff: Staff) -> Result<Response, WebError> {
    editor(&staff)?;
    Ok(entry_page(
        &ctx,
        &staff,
        None,
        &EntryFields::default(),
        &Problems::new(),
        None,
    ))
}

pub async fn new_submit(
    ctx: Ctx,
    staff: Staff,
    Form(f): Form<EntryFields>,
) -> Result<Response, WebError> {
    editor(&staff)?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    save(&ctx, &staff, None, f).await
}

// ---------------------------------------------------------------------------- unanswered

pub async fn unanswered(ctx: Ctx, staff: Staff) -> Result<Response, WebError> {
    let scope = staff.access.unanswered().ok_or(WebError::NotFound)?;
    let db = ctx.state.db();
    let open = db.faq().unanswered(scope, UNANSWERED_SHOWN).await?;
    let count = db.faq().unanswered_count(scope).await?;
    let l = ctx.l();
    let title = fl!(l, "staff-faq-unanswered-title");
    let hint = if staff.access.edits_faq() {
        fl!(l, "staff-faq-unanswered-admin-hint")
    } else {
        fl!(l, "staff-faq-unanswered-liaison-hint")
    };
    let body = html! {
        h1 { (title) }
        p.lead { (fl!(l, "staff-faq-unanswered-count", count = count)) }
        p.hint { (hint) }
        @if open.is_empty() {
            p { (fl!(l, "faq-unanswered-none")) }
        } @else {
            (scroll_table("unanswered-caption", &fl!(l, "staff-faq-unanswered-caption"), html! {
                    thead {
                        tr {
                            th scope="col" { (fl!(l, "staff-faq-field-question")) }
                            th.count scope="col" { (fl!(l, "staff-faq-times")) }
                            th scope="col" { (fl!(l, "staff-faq-last-asked")) }
                        }
                    }
                    tbody {
                        @for u in &open {
                            tr {
                                th scope="row" {
                                    @if staff.access.edits_faq() {
                                        a href=(format!("/staff/faq/unanswered/{}", u.id)) { (u.question) }
                                    } @else {
                                        (u.question)
                                    }
                                }
                                td.count { (u.times) }
                                td { (ctx.time(u.last_at)) }
                            }
                        }
                    }
            }))
        }
        p { a href="/staff/faq" { (fl!(l, "staff-faq-back")) } }
    };
    Ok(show(&ctx, &staff, &title, body))
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct AnswerFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    law: String,
    #[serde(default)]
    article: String,
}

/// An open question an admin may answer; answered or set-aside ones (and ids never
/// used) are 404.
async fn open_question(ctx: &Ctx, staff: &Staff, raw: &str) -> Result<Unanswered, WebError> {
    editor(staff)?;
    let id: i64 = raw.parse().map_err(|_| WebError::NotFound)?;
    ctx.state
        .db()
        .faq()
        .unanswered_get(id)
        .await?
        .filter(Unanswered::is_open)
        .ok_or(WebError::NotFound)
}

fn answer_page(
    ctx: &Ctx,
    staff: &Staff,
    u: &Unanswered,
    typed: &AnswerFields,
    problems: &Problems,
) -> Response {
    let l = ctx.l();
    let title = fl!(l, "staff-faq-answer-title");
    let id = u.id;
    let body = html! {
        h1 { (title) }
        (problem_list(ctx, problems))
        blockquote { (u.question) }
        p.meta { (fl!(l, "staff-faq-asked", times = u.times, last = ctx.time(u.last_at))) }
        form method="post" action=(format!("/staff/faq/unanswered/{id}")) novalidate {
            input type="hidden" name="csrf" value=(staff.csrf());
            (field(ctx, FaqField::Answer, &typed.answer, problems, true))
            (field(ctx, FaqField::Law, &typed.law, problems, false))
            (field(ctx, FaqField::Article, &typed.article, problems, false))
            button type="submit" { (fl!(l, "staff-faq-answer-save")) }
        }
        h2 { (fl!(l, "staff-faq-dismiss")) }
        form method="post" action=(format!("/staff/faq/unanswered/{id}/dismiss")) {
            input type="hidden" name="csrf" value=(staff.csrf());
            p.hint { (fl!(l, "staff-faq-dismiss-hint")) }
            button.secondary type="submit" { (fl!(l, "staff-faq-dismiss")) }
        }
        p { a href="/staff/faq/unanswered" { (fl!(l, "staff-faq-back-unanswered")) } }
    };
    show(ctx, staff, &title, body)
}

pub async fn answer_form(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let u = open_question(&ctx, &staff, &raw).await?;
    Ok(answer_page(
        &ctx,
        &staff,
        &u,
        &AnswerFields::default(),
        &Problems::new(),
    ))
}

pub async fn answer_submit(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<AnswerFields>,
) -> Result<Response, WebError> {
    let u = open_question(&ctx, &staff, &raw).await?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let entry = match u.entry(&f.answer, &f.law, &f.article) {
        Ok(e) => e,
        Err(problems) => {
            let problems = words(&ctx, problems);
            return Ok(answer_page(&ctx, &staff, &u, &f, &problems));
        }
    };
    let saved = ctx
        .state
        .db()
        .faq()
        .answer_unanswered(
            u.id,
            &entry,
            Actor::Person(staff.access.person()),
            ctx.state.now(),
        )
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(Redirect::to(&format!("/staff/faq?done=answered&key={}", saved.key)).into_response())
}

pub async fn dismiss(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    let u = open_question(&ctx, &staff, &raw).await?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let done = ctx
        .state
        .db()
        .faq()
        .dismiss_unanswered(u.id, Actor::Person(staff.access.person()), ctx.state.now())
        .await?;
    if !done {
        return Err(WebError::NotFound);
    }
    Ok(Redirect::to("/staff/faq?done=dismissed").into_response())
}
