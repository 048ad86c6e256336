//! Decisions in the console (issue #17, item 7), for admins, as `/decide`, `/release`
//! and `/conclude` do in chat and through the same domain functions (the same audit
//! entries `decision.set`, `feedback.release`, `consultation.conclude`, the same
//! deliveries): a closed consultation's articles with their opinions; a decision
//! (outcome, reason, optional words for the 回音壁) on a whole article or one opinion —
//! duplicates follow their original; the release with its preview and the list of
//! submitters to tell in person; the conclusion with the 回音壁 as a group will read it.
//!
//! Anyone but an admin gets the ordinary 404 here, as for anything outside their scope.

use std::collections::HashMap;

use axum::{
    Form, Router,
    extract::{Path, Query},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use consult_domain::{
    Error as DomainError,
    consultations::{Consultation, State},
    decisions::{self, Decision, NewDecision, Outcome, Target, Unreachable, Unreached},
    open_calls::Kind,
    opinions::Opinion,
    roles::Role,
};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use crate::{
    WebError, WebState,
    i18n::fl,
    page::{Ctx, respond},
    staff::{
        Staff,
        consultations::{by, render},
        login::{CsrfOnly, refused},
        staff_layout,
    },
};

pub fn router() -> Router<WebState> {
    Router::new()
        .route("/staff/consultations/{id}/decisions", get(overview))
        .route(
            "/staff/consultations/{id}/decisions/{article}",
            get(article).post(decide_article),
        )
        .route(
            "/staff/consultations/{id}/decisions/opinion/{opinion}",
            get(opinion).post(decide_opinion),
        )
        .route(
            "/staff/consultations/{id}/release",
            get(release_preview).post(release),
        )
        .route(
            "/staff/consultations/{id}/conclude",
            get(conclude_preview).post(conclude),
        )
}

/// The consultation, for an admin; 404 for anyone else and for ids never used.
async fn for_admin(ctx: &Ctx, staff: &Staff, raw: &str) -> Result<Consultation, WebError> {
    if staff.access.role() != Role::Admin {
        return Err(WebError::NotFound);
    }
    let id: i64 = raw.parse().map_err(|_| WebError::NotFound)?;
    ctx.state
        .db()
        .consultations()
        .get(id)
        .await?
        .ok_or(WebError::NotFound)
}

/// Why no decision may be taken now, if none may (open: opinions may still change).
fn not_decidable(ctx: &Ctx, c: &Consultation) -> Option<String> {
    let l = ctx.l();
    match c.state {
        State::Closed | State::Concluded => None,
        State::Open => Some(fl!(l, "staff-decision-still-open", code = c.code())),
        other => Some(fl!(
            l,
            "consultation-wrong-state",
            state = ctx.text(&format!("state-{}", other.as_str()))
        )),
    }
}

/// A page about a consultation with the way back to it.
fn decision_page(
    ctx: &Ctx,
    staff: &Staff,
    c: &Consultation,
    title: &str,
    body: Markup,
) -> Response {
    let l = ctx.l();
    let id = c.id;
    let inner = html! {
        p.meta {
            a href=(format!("/staff/consultations/{id}")) { (c.code()) " " (c.title) }
            " · "
            a href=(format!("/staff/consultations/{id}/decisions")) { (fl!(l, "staff-decisions-title")) }
        }
        (body)
    };
    respond(ctx, StatusCode::OK, staff_layout(ctx, staff, title, inner))
}

/// The page for a consultation that takes no decisions now.
fn closed_door(ctx: &Ctx, staff: &Staff, c: &Consultation, why: String) -> Response {
    let title = fl!(ctx.l(), "staff-decisions-title");
    let body = html! {
        h1 { (title) }
        p.error role="alert" { (why) }
    };
    decision_page(ctx, staff, c, &title, body)
}

fn outcome(ctx: &Ctx, o: Outcome) -> String {
    ctx.text(o.label_id())
}

/// `3` for 第三条, `whole` for the whole draft.
fn article_key(a: Option<i32>) -> String {
    a.map_or_else(|| "whole".to_owned(), |n| n.to_string())
}

fn article_from_key(k: &str) -> Result<Option<i32>, WebError> {
    if k == "whole" {
        return Ok(None);
    }
    k.parse::<i32>()
        .ok()
        .filter(|n| *n > 0)
        .map(Some)
        .ok_or(WebError::NotFound)
}

fn article_name(ctx: &Ctx, label: Option<&str>) -> String {
    label.map_or_else(|| fl!(ctx.l(), "opinion-whole-draft"), str::to_owned)
}

// ---------------------------------------------------------------------------- overview

#[derive(Debug, Default, Deserialize)]
pub struct Notice {
    covered: Option<usize>,
    changed: Option<usize>,
    revised: Option<usize>,
}

/// The articles with opinions, each with how many are decided, and the next steps.
pub async fn overview(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let c = for_admin(&ctx, &staff, &raw).await?;
    if let Some(why) = not_decidable(&ctx, &c) {
        return Ok(closed_door(&ctx, &staff, &c, why));
    }
    let db = ctx.state.db();
    let articles = db.decisions().articles(c.id).await?;
    let summary = db.decisions().summary(c.id).await?;
    // An open call has no articles: its suggestions, each decided on its own.
    let suggestions = if c.is_open_call() {
        Some(crate::staff::open_calls::decisions_table(&ctx, &c).await?)
    } else {
        None
    };
    let l = ctx.l();
    let title = fl!(l, "staff-decisions-title");
    let id = c.id;
    let body = html! {
        h1 { (title) }
        p.lead { (fl!(l, "staff-decisions-lead")) }
        p role="status" {
            (fl!(l, "staff-decisions-counts", opinions = summary.opinions,
                undecided = summary.undecided, unreleased = summary.unreleased))
        }
        @if let Some(table) = suggestions {
            (table)
        } @else if articles.is_empty() {
            p { (fl!(l, "decision-no-opinions", code = c.code())) }
        } @else {
            div.table-scroll role="region" aria-labelledby="articles-caption" tabindex="0" {
                table {
                    caption #articles-caption { (fl!(l, "staff-decisions-articles")) }
                    thead {
                        tr {
                            th scope="col" { (fl!(l, "web-field-article")) }
                            th.count scope="col" { (fl!(l, "staff-decisions-col-opinions")) }
                            th.count scope="col" { (fl!(l, "staff-decisions-col-decided")) }
                        }
                    }
                    tbody {
                        @for a in &articles {
                            tr {
                                th scope="row" {
                                    a href=(format!("/staff/consultations/{id}/decisions/{}", article_key(a.article))) {
                                        (article_name(&ctx, a.label.as_deref()))
                                    }
                                }
                                td.count { (a.eligible) }
                                td.count { (a.decided) }
                            }
                        }
                    }
                }
            }
        }
        h2 { (fl!(l, "staff-decisions-next")) }
        ul.plain {
            li { a href=(format!("/staff/consultations/{id}/release")) { (fl!(l, "staff-release-title")) } }
            @if c.state == State::Closed {
                li { a href=(format!("/staff/consultations/{id}/conclude")) { (fl!(l, "staff-conclude-title")) } }
            }
        }
    };
    Ok(decision_page(&ctx, &staff, &c, &title, body))
}

// ---------------------------------------------------------------------------- one article

/// An opinion as the person deciding reads it, with its decision so far.
fn opinion_card(
    ctx: &Ctx,
    o: &Opinion,
    decision: Option<&Decision>,
    released: Option<i32>,
    link: Option<String>,
) -> Markup {
    let l = ctx.l();
    html! {
        article.opinion aria-labelledby=(format!("o{}", o.id)) {
            h3 #(format!("o{}", o.id)) { (o.receipt) " · " (ctx.text(o.stance.label_id())) }
            p { (o.body) }
            @if let Some(w) = &o.proposed_wording {
                p { span.meta { (fl!(l, "web-field-wording")) } (w) }
            }
            p.meta { (ctx.text(o.status.review_label_id())) " · " (ctx.text(o.channel.label_id())) }
            @match decision {
                Some(d) => {
                    p {
                        strong { (outcome(ctx, d.outcome())) }
                        " · "
                        @if released.is_some_and(|r| r >= d.revision) {
                            (fl!(l, "staff-decision-released"))
                        } @else {
                            (fl!(l, "staff-decision-not-released"))
                        }
                    }
                    p.meta { (fl!(l, "staff-decision-reason-was", reason = d.reason.clone())) }
                },
                None => p.meta { (fl!(l, "staff-decision-none")) },
            }
            @if let Some(href) = link {
                p { a href=(href) { (fl!(l, "staff-decision-one", receipt = o.receipt.clone())) } }
            }
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct DecisionFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    summary: String,
}

/// The decision's fields, with what is wrong with them.
fn decision_form(
    ctx: &Ctx,
    staff: &Staff,
    kind: Kind,
    action: &str,
    f: &DecisionFields,
    problems: &[(&'static str, String)],
    button: String,
) -> Markup {
    let l = ctx.l();
    let problem = |field: &str| {
        problems
            .iter()
            .find(|(k, _)| *k == field)
            .map(|(_, t)| t.clone())
    };
    html! {
        @if !problems.is_empty() {
            div.error role="alert" {
                p { (fl!(l, "web-form-problems")) }
                ul {
                    @for (field, text) in problems {
                        li { a href=(format!("#{field}")) { (text) } }
                    }
                }
            }
        }
        form method="post" action=(action) novalidate {
            input type="hidden" name="csrf" value=(staff.csrf());
            fieldset #outcome aria-describedby=[problem("outcome").map(|_| "outcome-error")] {
                legend { (fl!(l, "staff-decision-outcome")) }
                @if let Some(p) = problem("outcome") { p.error #outcome-error { (p) } }
                @for o in Outcome::for_kind(kind).iter().copied() {
                    label {
                        input type="radio" name="outcome" value=(o.as_str()) checked[f.outcome == o.as_str()];
                        (outcome(ctx, o))
                    }
                }
            }
            div.field {
                label for="reason" { (fl!(l, "staff-decision-reason")) }
                p.hint #reason-hint { (fl!(l, "staff-decision-reason-hint", max = decisions::REASON_MAX)) }
                @if let Some(p) = problem("reason") { p.error #reason-error { (p) } }
                textarea #reason name="reason" rows="4"
                    aria-describedby=(if problem("reason").is_some() { "reason-error reason-hint" } else { "reason-hint" }) { (f.reason) }
            }
            div.field {
                label for="summary" { (fl!(l, "staff-decision-summary")) }
                p.hint #summary-hint { (fl!(l, "staff-decision-summary-hint", max = decisions::SUMMARY_MAX)) }
                @if let Some(p) = problem("summary") { p.error #summary-error { (p) } }
                input #summary type="text" name="summary" value=(f.summary)
                    aria-describedby=(if problem("summary").is_some() { "summary-error summary-hint" } else { "summary-hint" });
            }
            button type="submit" { (button) }
        }
    }
}

/// The fields checked with the chat's rules ([`decisions::reason`],
/// [`decisions::summary_words`]).
fn checked(
    ctx: &Ctx,
    kind: Kind,
    f: &DecisionFields,
) -> Result<NewDecision, Vec<(&'static str, String)>> {
    let l = ctx.l();
    let mut problems = Vec::new();
    // Only the outcomes of the consultation's kind (no 采纳 on a suggestion).
    let outcome = Outcome::parse(&f.outcome).filter(|o| Outcome::for_kind(kind).contains(o));
    if outcome.is_none() {
        problems.push(("outcome", fl!(l, "staff-decision-need-outcome")));
    }
    let reason = decisions::reason(&f.reason);
    if reason.is_err() {
        problems.push((
            "reason",
            fl!(l, "staff-decision-bad-reason", max = decisions::REASON_MAX),
        ));
    }
    let summary = match f.summary.trim() {
        "" => Ok(None),
        w => decisions::summary_words(w).map(Some),
    };
    if summary.is_err() {
        problems.push((
            "summary",
            fl!(
                l,
                "staff-decision-bad-summary",
                max = decisions::SUMMARY_MAX
            ),
        ));
    }
    match (outcome, reason, summary) {
        (Some(outcome), Ok(reason), Ok(summary)) => Ok(NewDecision {
            outcome,
            reason,
            summary,
        }),
        _ => Err(problems),
    }
}

async fn article_page(
    ctx: &Ctx,
    staff: &Staff,
    c: &Consultation,
    article: Option<i32>,
    f: &DecisionFields,
    problems: &[(&'static str, String)],
    notice: Option<String>,
) -> Result<Response, WebError> {
    // An open call has no articles to decide.
    if c.is_open_call() {
        return Err(WebError::NotFound);
    }
    let db = ctx.state.db();
    let covered = db
        .decisions()
        .covered(Target::Article {
            consultation: c.id,
            article,
        })
        .await?;
    if covered.is_empty() {
        return Err(WebError::NotFound);
    }
    let decided = db.decisions().on(c.id).await?;
    let mut released: HashMap<i64, Option<i32>> = HashMap::new();
    for o in &covered {
        released.insert(o.id, db.decisions().released_revision(o.id).await?);
    }
    let label = covered
        .iter()
        .find(|o| o.article_number == article)
        .and_then(|o| o.article_label.clone());
    let name = article_name(ctx, label.as_deref());
    let l = ctx.l();
    let title = fl!(l, "staff-decision-article-title", article = name.clone());
    let id = c.id;
    let action = format!(
        "/staff/consultations/{id}/decisions/{}",
        article_key(article)
    );
    let body = html! {
        h1 { (title) }
        @if let Some(n) = &notice {
            p.notice role="status" { (n) }
        }
        h2 #decide-all { (fl!(l, "staff-decision-all", count = covered.len())) }
        p.hint { (fl!(l, "staff-decision-all-hint")) }
        (decision_form(ctx, staff, c.kind, &action, f, problems, fl!(l, "staff-decision-save-all", count = covered.len())))
        h2 { (fl!(l, "staff-decision-opinions", count = covered.len())) }
        @for o in &covered {
            (opinion_card(ctx, o, decided.get(&o.id), released.get(&o.id).copied().flatten(),
                Some(format!("/staff/consultations/{id}/decisions/opinion/{}", o.id))))
        }
    };
    Ok(decision_page(ctx, staff, c, &title, body))
}

pub async fn article(
    ctx: Ctx,
    staff: Staff,
    Path((raw, key)): Path<(String, String)>,
    Query(q): Query<Notice>,
) -> Result<Response, WebError> {
    let c = for_admin(&ctx, &staff, &raw).await?;
    if let Some(why) = not_decidable(&ctx, &c) {
        return Ok(closed_door(&ctx, &staff, &c, why));
    }
    let a = article_from_key(&key)?;
    let notice = recorded(&ctx, &q);
    article_page(&ctx, &staff, &c, a, &DecisionFields::default(), &[], notice).await
}

/// 「已记录」 after a decision, with what it covered and changed.
fn recorded(ctx: &Ctx, q: &Notice) -> Option<String> {
    let covered = q.covered?;
    Some(fl!(
        ctx.l(),
        "staff-decision-recorded",
        covered = covered,
        changed = q.changed.unwrap_or(0),
        revised = q.revised.unwrap_or(0)
    ))
}

/// Records a decision (checked again in the domain: an opinion withdrawn or marked
/// invalid meanwhile is left out) and goes back to `back` saying what it did.
async fn record(
    ctx: &Ctx,
    staff: &Staff,
    target: Target,
    decision: &NewDecision,
    back: &str,
) -> Result<Result<Response, String>, WebError> {
    let result = ctx
        .state
        .db()
        .decisions()
        .decide(target, decision, staff.access.person(), ctx.state.now())
        .await;
    match result {
        Ok(done) => Ok(Ok(Redirect::to(&format!(
            "{back}?covered={}&changed={}&revised={}",
            done.covered, done.changed, done.revised
        ))
        .into_response())),
        Err(
            DomainError::WrongState { .. }
            | DomainError::OpinionLocked(_)
            | DomainError::UnknownOpinion(_),
        ) => Ok(Err(fl!(ctx.l(), "decision-not-eligible"))),
        Err(e) => Err(e.into()),
    }
}

pub async fn decide_article(
    ctx: Ctx,
    staff: Staff,
    Path((raw, key)): Path<(String, String)>,
    Form(f): Form<DecisionFields>,
) -> Result<Response, WebError> {
    let c = for_admin(&ctx, &staff, &raw).await?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    if let Some(why) = not_decidable(&ctx, &c) {
        return Ok(closed_door(&ctx, &staff, &c, why));
    }
    let a = article_from_key(&key)?;
    let decision = match checked(&ctx, c.kind, &f) {
        Ok(d) => d,
        Err(problems) => {
            return article_page(&ctx, &staff, &c, a, &f, &problems, None).await;
        }
    };
    let target = Target::Article {
        consultation: c.id,
        article: a,
    };
    let back = format!("/staff/consultations/{}/decisions/{key}", c.id);
    match record(&ctx, &staff, target, &decision, &back).await? {
        Ok(r) => Ok(r),
        Err(why) => Ok(closed_door(&ctx, &staff, &c, why)),
    }
}

// ---------------------------------------------------------------------------- one opinion

/// The opinion `raw` of consultation `c`, if it may get a decision; else 404.
async fn decidable_opinion(ctx: &Ctx, c: &Consultation, raw: &str) -> Result<Opinion, WebError> {
    let id: i64 = raw.parse().map_err(|_| WebError::NotFound)?;
    ctx.state
        .db()
        .opinions()
        .get(id)
        .await?
        .filter(|o| o.consultation_id == c.id && decisions::eligible(o))
        .ok_or(WebError::NotFound)
}

async fn opinion_page(
    ctx: &Ctx,
    staff: &Staff,
    c: &Consultation,
    o: &Opinion,
    f: &DecisionFields,
    problems: &[(&'static str, String)],
) -> Result<Response, WebError> {
    let db = ctx.state.db();
    let covered = db.decisions().covered(Target::Opinion(o.id)).await?;
    let decision = db.decisions().get(o.id).await?;
    let released = db.decisions().released_revision(o.id).await?;
    let l = ctx.l();
    let title = fl!(
        l,
        "staff-decision-opinion-title",
        receipt = o.receipt.clone()
    );
    let id = c.id;
    let action = format!("/staff/consultations/{id}/decisions/opinion/{}", o.id);
    let prefill = match (&decision, f.outcome.is_empty() && problems.is_empty()) {
        (Some(d), true) => DecisionFields {
            outcome: d.outcome().as_str().to_owned(),
            reason: d.reason.clone(),
            summary: d.summary.clone().unwrap_or_default(),
            csrf: String::new(),
        },
        _ => DecisionFields {
            outcome: f.outcome.clone(),
            reason: f.reason.clone(),
            summary: f.summary.clone(),
            csrf: String::new(),
        },
    };
    let suggestion = db.suggestions().get(o.id).await?;
    let back = back_from_opinion(c, o);
    let body = html! {
        h1 { (title) }
        @if let Some(s) = &suggestion {
            dl { (crate::open_calls::read_back(ctx, s, &o.body)) }
        } @else {
            p.lead { (article_name(ctx, o.article_label.as_deref())) }
        }
        (opinion_card(ctx, o, decision.as_ref(), released, None))
        @if covered.len() > 1 {
            p.notice { (fl!(l, "staff-decision-duplicates", count = covered.len().saturating_sub(1))) }
        }
        h2 { (fl!(l, "staff-decision-take")) }
        (decision_form(ctx, staff, c.kind, &action, &prefill, problems, fl!(l, "staff-decision-save-one")))
        p { a href=(back) { (fl!(l, "staff-decision-back-to-article")) } }
    };
    Ok(decision_page(ctx, staff, c, &title, body))
}

pub async fn opinion(
    ctx: Ctx,
    staff: Staff,
    Path((raw, oid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let c = for_admin(&ctx, &staff, &raw).await?;
    if let Some(why) = not_decidable(&ctx, &c) {
        return Ok(closed_door(&ctx, &staff, &c, why));
    }
    let o = decidable_opinion(&ctx, &c, &oid).await?;
    opinion_page(&ctx, &staff, &c, &o, &DecisionFields::default(), &[]).await
}

pub async fn decide_opinion(
    ctx: Ctx,
    staff: Staff,
    Path((raw, oid)): Path<(String, String)>,
    Form(f): Form<DecisionFields>,
) -> Result<Response, WebError> {
    let c = for_admin(&ctx, &staff, &raw).await?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    if let Some(why) = not_decidable(&ctx, &c) {
        return Ok(closed_door(&ctx, &staff, &c, why));
    }
    let o = decidable_opinion(&ctx, &c, &oid).await?;
    let decision = match checked(&ctx, c.kind, &f) {
        Ok(d) => d,
        Err(problems) => return opinion_page(&ctx, &staff, &c, &o, &f, &problems).await,
    };
    let back = back_from_opinion(&c, &o);
    match record(&ctx, &staff, Target::Opinion(o.id), &decision, &back).await? {
        Ok(r) => Ok(r),
        Err(why) => Ok(closed_door(&ctx, &staff, &c, why)),
    }
}

/// Where deciding one opinion leads back to: its article's page, or an open call's
/// list of suggestions.
fn back_from_opinion(c: &Consultation, o: &Opinion) -> String {
    if c.is_open_call() {
        format!("/staff/consultations/{}/decisions", c.id)
    } else {
        format!(
            "/staff/consultations/{}/decisions/{}",
            c.id,
            article_key(o.article_number)
        )
    }
}

// ---------------------------------------------------------------------------- release

/// Submitters to tell in person, by contact point: who (only a name they allowed to
/// keep), which opinion, the outcome and reason, and why the bot cannot tell them.
async fn unreached_table(
    ctx: &Ctx,
    list: &[Unreached],
    caption: String,
) -> Result<Markup, WebError> {
    let l = ctx.l();
    let names: HashMap<i64, String> = ctx
        .state
        .db()
        .points()
        .list()
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(html! {
        div.table-scroll role="region" aria-labelledby="unreached-caption" tabindex="0" {
            table {
                caption #unreached-caption { (caption) }
                thead {
                    tr {
                        th scope="col" { (fl!(l, "staff-unreached-receipt")) }
                        th scope="col" { (fl!(l, "staff-opinion-point")) }
                        th scope="col" { (fl!(l, "staff-unreached-submitter")) }
                        th scope="col" { (fl!(l, "web-field-article")) }
                        th scope="col" { (fl!(l, "staff-unreached-outcome")) }
                        th scope="col" { (fl!(l, "staff-unreached-why")) }
                    }
                }
                tbody {
                    @for u in list {
                        @let o = &u.opinion;
                        tr {
                            th scope="row" { (o.receipt) }
                            td {
                                @match o.point_id.and_then(|p| names.get(&p)) {
                                    Some(n) => (n),
                                    None => (fl!(l, "unreached-no-point")),
                                }
                            }
                            td {
                                @match (&o.submitter_name, o.consent_details) {
                                    (Some(name), true) => (name),
                                    _ => (fl!(l, "unreached-anonymous")),
                                }
                                span.meta { (ctx.text(o.channel.label_id())) }
                            }
                            td { (article_name(ctx, o.article_label.as_deref())) }
                            td { (outcome(ctx, u.outcome)) span.meta { (u.reason) } }
                            td {
                                @match &u.why {
                                    Unreachable::NoChat => (fl!(l, "unreached-why-no-chat")),
                                    Unreachable::Failed(e) => (failure(ctx, e)),
                                }
                            }
                        }
                    }
                }
            }
        }
    })
}

/// Why a delivery failed, in words where the reason is a known one.
fn failure(ctx: &Ctx, reason: &str) -> String {
    use consult_domain::deliveries::Failure;
    let words = match Failure::of(reason) {
        Failure::Other => ctx.state.locales().text(
            ctx.locale,
            Failure::Other.label_id(),
            &[("reason", reason.to_owned())],
        ),
        known => ctx.text(known.label_id()),
    };
    fl!(ctx.l(), "unreached-why-failed", error = words)
}

#[derive(Debug, Default, Deserialize)]
pub struct ReleaseDone {
    queued: Option<usize>,
    corrections: Option<usize>,
    unreachable: Option<usize>,
}

/// What releasing would send (new, corrections, unreachable), who will have to be told
/// in person, and those not reached by earlier releases.
pub async fn release_preview(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Query(q): Query<ReleaseDone>,
) -> Result<Response, WebError> {
    let c = for_admin(&ctx, &staff, &raw).await?;
    if let Some(why) = not_decidable(&ctx, &c) {
        return Ok(closed_door(&ctx, &staff, &c, why));
    }
    let db = ctx.state.db();
    let pending = db.decisions().pending(c.id).await?;
    let summary = db.decisions().summary(c.id).await?;
    let unreached = db.decisions().unreached(Some(c.id), None).await?;
    let reachable_new = pending
        .iter()
        .filter(|p| p.corrects.is_none() && p.chat.is_some())
        .count();
    let corrections = pending
        .iter()
        .filter(|p| p.corrects.is_some() && p.chat.is_some())
        .count();
    let unreachable = pending.iter().filter(|p| p.chat.is_none()).count();
    let l = ctx.l();
    let title = fl!(l, "staff-release-title");
    let id = c.id;
    let done = q.queued.map(|queued| {
        fl!(
            l,
            "release-done",
            code = c.code(),
            queued = queued,
            corrections = q.corrections.unwrap_or(0),
            unreachable = q.unreachable.unwrap_or(0)
        )
    });
    let unreached_markup = if unreached.is_empty() {
        None
    } else {
        let caption = fl!(l, "unreached-header", count = unreached.len());
        Some(unreached_table(&ctx, &unreached, caption).await?)
    };
    let body = html! {
        h1 { (title) }
        @if let Some(d) = &done {
            p.notice role="status" { (d) }
        }
        @if pending.is_empty() {
            p { (fl!(l, "release-nothing", code = c.code(), undecided = summary.undecided)) }
        } @else {
            h2 { (fl!(l, "staff-release-preview")) }
            ul {
                li { (fl!(l, "staff-release-new", count = reachable_new)) }
                li { (fl!(l, "staff-release-corrections", count = corrections)) }
                li { (fl!(l, "staff-release-unreachable", count = unreachable)) }
                li { (fl!(l, "staff-release-undecided", count = summary.undecided)) }
            }
            @if unreachable > 0 {
                h3 { (fl!(l, "staff-release-in-person")) }
                ul {
                    @for p in pending.iter().filter(|p| p.chat.is_none()) {
                        li {
                            (p.opinion.receipt) " · "
                            (article_name(&ctx, p.opinion.article_label.as_deref())) " · "
                            (outcome(&ctx, p.decision.outcome()))
                        }
                    }
                }
            }
            form method="post" action=(format!("/staff/consultations/{id}/release")) {
                input type="hidden" name="csrf" value=(staff.csrf());
                button type="submit" { (fl!(l, "release-confirm-button")) }
            }
        }
        @if let Some(m) = &unreached_markup {
            h2 { (fl!(l, "staff-release-unreached")) }
            (m)
            p.hint { (fl!(l, "staff-release-later")) }
        }
    };
    Ok(decision_page(&ctx, &staff, &c, &title, body))
}

pub async fn release(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    let c = for_admin(&ctx, &staff, &raw).await?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    if let Some(why) = not_decidable(&ctx, &c) {
        return Ok(closed_door(&ctx, &staff, &c, why));
    }
    let done = ctx
        .state
        .db()
        .release_feedback(&render(&ctx), c.id, &by(&ctx, &staff), ctx.state.now())
        .await?;
    if done.queued > 0 {
        ctx.state.wakers().broadcast.notify_one();
    }
    Ok(Redirect::to(&format!(
        "/staff/consultations/{}/release?queued={}&corrections={}&unreachable={}",
        c.id, done.queued, done.corrections, done.unreachable
    ))
    .into_response())
}

// ---------------------------------------------------------------------------- conclude

/// The 回音壁 as the first group will read it, where it goes, and what is still
/// undecided or unreleased.
pub async fn conclude_preview(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let c = for_admin(&ctx, &staff, &raw).await?;
    let l = ctx.l();
    let why = match c.state {
        State::Closed => None,
        State::Concluded => Some(fl!(l, "conclude-already", code = c.code())),
        State::Open => Some(fl!(l, "staff-conclude-still-open", code = c.code())),
        other => Some(fl!(
            l,
            "consultation-wrong-state",
            state = ctx.text(&format!("state-{}", other.as_str()))
        )),
    };
    if let Some(why) = why {
        return Ok(closed_door(&ctx, &staff, &c, why));
    }
    let preview = ctx.state.db().conclusion_preview(&render(&ctx), &c).await?;
    let title = fl!(l, "staff-conclude-title");
    let s = &preview.summary;
    let id = c.id;
    let body = html! {
        h1 { (title) }
        p { (fl!(l, "staff-conclude-preview", groups = preview.groups)) }
        // The message is Telegram HTML made by the domain's renderer from locale texts
        // and escaped user text (`cards::escape`): its tags (b, i) are HTML too.
        blockquote.telegram { (PreEscaped(&preview.example)) }
        @if s.undecided > 0 {
            p.error { (fl!(l, "staff-conclude-undecided", count = s.undecided)) }
        }
        @if s.unreleased > 0 {
            p.error { (fl!(l, "staff-conclude-unreleased", count = s.unreleased)) }
        }
        p { (fl!(l, "staff-conclude-ask")) }
        form method="post" action=(format!("/staff/consultations/{id}/conclude")) {
            input type="hidden" name="csrf" value=(staff.csrf());
            button type="submit" { (fl!(l, "conclude-confirm-button")) }
        }
    };
    Ok(decision_page(&ctx, &staff, &c, &title, body))
}

pub async fn conclude(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    let c = for_admin(&ctx, &staff, &raw).await?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let result = ctx
        .state
        .db()
        .conclude_announced(&render(&ctx), c.id, &by(&ctx, &staff), ctx.state.now())
        .await;
    match result {
        Ok(a) => {
            // Personal details are erased the retention time after conclusion.
            ctx.state.wakers().wake_all();
            Ok(Redirect::to(&format!(
                "/staff/consultations/{}?done=concluded&groups={}",
                c.id, a.groups
            ))
            .into_response())
        }
        Err(DomainError::WrongState { state, .. }) => {
            let why = fl!(
                ctx.l(),
                "consultation-wrong-state",
                state = ctx.text(&format!("state-{state}"))
            );
            Ok(closed_door(&ctx, &staff, &c, why))
        }
        Err(e) => Err(e.into()),
    }
}
