//! `/staff/opinions/{id}`: one opinion as the ledger holds it, for a reviewer whose
//! scope holds it, with the review actions. Another point's opinion, an informant's
//! request and an id that never existed all get the same 404
//! ([`consult_domain::Db::opinion_for`]), so probing ids tells a liaison nothing about
//! other points.
//!
//! The card shows what chat's `/review` shows: the submitter only as far as they
//! consented, the review fields, the decision, the notes. Its forms (已阅 or 转交,
//! 无效 with a reason, 重复 of one of the similar opinions of the same consultation,
//! a note) post to `/staff/opinions/{id}/{act}` with the session's CSRF token and go
//! through the domain's review action, audited as in chat; a withdrawn opinion is
//! shown without them.

use axum::{
    body::Bytes,
    extract::{Path, RawQuery},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use consult_domain::{
    opinions::{Identity, Opinion, Status},
    review::{Action, Scope},
};
use maud::{Markup, html};

use crate::{
    WebError,
    i18n::fl,
    page::{Ctx, respond},
    staff::{
        Say, Staff,
        login::refused,
        review::{Applied, Bulk, apply, article_name, excerpt, pairs, value},
        staff_layout,
    },
};

/// How many similar opinions are offered as the original of a duplicate.
const SIMILAR: i64 = 10;

/// How much of a similar opinion its choice shows.
const SIMILAR_CHARS: usize = 60;

/// A form on the card, by the last segment of the address it posts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act {
    /// 已阅 or 转交 (the button pressed says which).
    Review,
    Invalid,
    Duplicate,
    Note,
}

impl Act {
    fn parse(raw: &str) -> Option<Act> {
        match raw {
            "review" => Some(Act::Review),
            "invalid" => Some(Act::Invalid),
            "duplicate" => Some(Act::Duplicate),
            "note" => Some(Act::Note),
            _ => None,
        }
    }

    fn path(self, id: i64) -> String {
        let act = match self {
            Act::Review => "review",
            Act::Invalid => "invalid",
            Act::Duplicate => "duplicate",
            Act::Note => "note",
        };
        format!("/staff/opinions/{id}/{act}")
    }
}

/// The opinion `raw` names, if `staff` may review it; otherwise the 404 every
/// unknown id gets.
async fn load(ctx: &Ctx, staff: &Staff, raw: &str) -> Result<(Scope, Opinion), WebError> {
    let scope = staff.access.review().ok_or(WebError::NotFound)?;
    let id: i64 = raw.parse().map_err(|_| WebError::NotFound)?;
    let o = ctx
        .state
        .db()
        .opinion_for(&staff.access, id)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok((scope, o))
}

pub async fn show(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let (scope, o) = load(&ctx, &staff, &raw).await?;
    let pairs = pairs(query.as_deref().unwrap_or_default().as_bytes());
    let notice = match value(&pairs, "done") {
        Some(done) => done_text(&ctx, &o, done).await?,
        None => None,
    };
    card(&ctx, &staff, scope, &o, notice.map(Say::Notice)).await
}

/// Any form of the card.
pub async fn act(
    ctx: Ctx,
    staff: Staff,
    Path((raw, act)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let (scope, o) = load(&ctx, &staff, &raw).await?;
    let act = Act::parse(&act).ok_or(WebError::NotFound)?;
    let fields = pairs(&body);
    if !staff.csrf_ok(value(&fields, "csrf").unwrap_or_default()) {
        return Ok(refused(&ctx));
    }
    let l = ctx.l();
    let text = value(&fields, "text").unwrap_or_default().to_owned();
    let action = match act {
        Act::Review => match value(&fields, "action").and_then(Bulk::parse) {
            Some(b @ (Bulk::Reviewed | Bulk::Forwarded)) => Ok(b.action("")),
            _ => Err(fl!(l, "staff-review-problem-action")),
        },
        Act::Invalid if text.is_empty() => Err(fl!(l, "staff-opinion-problem-reason")),
        Act::Invalid => Ok(Action::Invalid { reason: text }),
        Act::Duplicate => match value(&fields, "of").and_then(|v| v.parse().ok()) {
            Some(of) => Ok(Action::Duplicate { of }),
            None => Err(fl!(l, "staff-opinion-problem-duplicate")),
        },
        Act::Note if text.is_empty() => Err(fl!(l, "staff-opinion-problem-note")),
        Act::Note => Ok(Action::Note { note: text }),
    };
    let action = match action {
        Ok(a) => a,
        Err(problem) => return card(&ctx, &staff, scope, &o, Some(Say::Problem(problem))).await,
    };
    match apply(&ctx, &staff, scope, o.id, &action).await? {
        Applied::Done => {}
        Applied::Withdrawn => {
            let problem = fl!(l, "review-withdrawn");
            return card(&ctx, &staff, scope, &o, Some(Say::Problem(problem))).await;
        }
        // The opinion is in scope (just checked): the original chosen is not.
        Applied::Unknown => {
            let problem = fl!(l, "staff-opinion-problem-duplicate");
            return card(&ctx, &staff, scope, &o, Some(Say::Problem(problem))).await;
        }
    }
    let done = match action {
        Action::Reviewed => "reviewed",
        Action::Forwarded => "forwarded",
        Action::Duplicate { .. } => "duplicate",
        Action::Invalid { .. } => "invalid",
        Action::Note { .. } => "note",
    };
    let to = format!("/staff/opinions/{}?done={done}", o.id);
    Ok(Redirect::to(&to).into_response())
}

/// The confirmation after an action, as chat words it.
async fn done_text(ctx: &Ctx, o: &Opinion, done: &str) -> Result<Option<String>, WebError> {
    let l = ctx.l();
    let receipt = o.receipt.clone();
    Ok(Some(match done {
        "reviewed" => fl!(l, "review-done-reviewed", receipt = receipt),
        "forwarded" => fl!(l, "review-done-forwarded", receipt = receipt),
        "invalid" => fl!(l, "review-done-invalid", receipt = receipt),
        "note" => fl!(l, "review-done-note", receipt = receipt),
        "duplicate" => {
            let info = ctx.state.db().reviews().info(o.id).await?;
            let Some(of) = info.duplicate_of else {
                return Ok(None);
            };
            let of = ctx
                .state
                .db()
                .opinions()
                .get(of)
                .await?
                .map(|x| x.receipt)
                .unwrap_or_default();
            fl!(l, "review-done-duplicate", receipt = receipt, of = of)
        }
        _ => return Ok(None),
    }))
}

/// Who gave the opinion, as far as they consented: the same rule as chat's review.
fn submitter(ctx: &Ctx, o: &Opinion) -> Markup {
    let l = ctx.l();
    let identity = ctx.text(o.identity.label_id());
    html! {
        @if o.consent_details {
            (identity)
            @for (key, value) in [
                ("name", &o.submitter_name),
                ("organization", &o.organization),
                ("occupation", &o.occupation),
                ("district", &o.district),
            ] {
                @if let Some(v) = value {
                    br;
                    (ctx.state.locales().text(
                        ctx.locale,
                        &format!("review-detail-{key}"),
                        &[("value", v.clone())],
                    ))
                }
            }
        } @else if o.identity == Identity::Anonymous {
            (identity)
        } @else {
            (fl!(l, "review-identity-withheld", identity = identity))
        }
    }
}

async fn card(
    ctx: &Ctx,
    staff: &Staff,
    scope: Scope,
    o: &Opinion,
    say: Option<Say>,
) -> Result<Response, WebError> {
    let db = ctx.state.db();
    let consultation = db.consultations().get(o.consultation_id).await?;
    let point = match o.point_id {
        Some(p) => db
            .points()
            .list()
            .await?
            .into_iter()
            .find(|point| point.id == p)
            .map(|point| point.name),
        None => None,
    };
    let info = db.reviews().info(o.id).await?;
    let original = match info.duplicate_of {
        Some(of) => db.opinions().get(of).await?,
        None => None,
    };
    let notes = db.reviews().notes(o.id).await?;
    let decision = db.decisions().get(o.id).await?;
    let suggestion = db.suggestions().get(o.id).await?;
    let open = o.status != Status::Withdrawn;
    let similar = if open {
        db.reviews().similar(o, scope, SIMILAR).await?
    } else {
        Vec::new()
    };
    let l = ctx.l();
    let title = fl!(l, "staff-opinion-title", receipt = o.receipt.clone());
    let back = format!("/staff/review?consultation={}", o.consultation_id);
    let body = html! {
        h1 { (title) }
        @if let Some(s) = &say {
            (s)
        }
        dl {
            @if let Some(c) = &consultation {
                dt { (fl!(l, "web-field-consultation")) }
                dd { (c.code()) " " (c.title) }
            }
            @if let Some(s) = &suggestion {
                (crate::open_calls::read_back(ctx, s, &o.body))
            } @else {
                dt { (fl!(l, "web-field-article")) }
                dd { (article_name(ctx, o)) " · " (fl!(l, "staff-opinion-version-of", version = o.version)) }
                dt { (fl!(l, "web-field-stance")) }
                dd { (ctx.text(o.stance.label_id())) }
                dt { (fl!(l, "web-field-body")) }
                dd.text { (o.body) }
            }
            @if let Some(w) = &o.proposed_wording {
                dt { (fl!(l, "web-field-wording")) }
                dd.text { (w) }
            }
            dt { (fl!(l, "staff-opinion-submitter")) }
            dd { (submitter(ctx, o)) }
            dt { (fl!(l, "staff-opinion-channel")) }
            dd { (ctx.text(o.channel.label_id())) }
            @if let Some(p) = &point {
                dt { (fl!(l, "staff-opinion-point")) }
                dd { (p) }
            }
            dt { (fl!(l, "web-field-given")) }
            dd {
                (ctx.time(o.created_at))
                @if let Some(t) = o.edited_at {
                    span.meta { (fl!(l, "staff-opinion-edited", time = ctx.time(t))) }
                }
            }
            dt { (fl!(l, "web-field-status")) }
            dd {
                (ctx.text(o.status.review_label_id()))
                @if let Some(t) = info.reviewed_at {
                    span.meta { (fl!(l, "staff-opinion-reviewed-at", time = ctx.time(t))) }
                }
            }
            @if let Some(of) = &original {
                dt { (fl!(l, "staff-opinion-duplicate-of")) }
                dd { a href=(format!("/staff/opinions/{}", of.id)) { (of.receipt) } }
            }
            @if let Some(reason) = &info.invalid_reason {
                dt { (fl!(l, "staff-opinion-invalid-reason")) }
                dd.text { (reason) }
            }
            @if !o.attachments.is_empty() {
                dt { (fl!(l, "staff-opinion-attachments")) }
                dd { (fl!(l, "staff-opinion-attachments-count", count = o.attachments.len())) }
            }
            @if let Some(d) = &decision {
                dt { (fl!(l, "staff-opinion-decision")) }
                dd {
                    (ctx.text(d.outcome().label_id()))
                    span.meta { (d.reason) }
                }
            }
        }
        p { a href=(back) { (fl!(l, "staff-opinion-back")) } }
        @if open {
            (actions(ctx, staff, o, &similar))
        } @else {
            p.notice { (fl!(l, "review-withdrawn")) }
        }
        h2 #notes { (fl!(l, "staff-opinion-notes")) }
        @if notes.is_empty() {
            p { (fl!(l, "staff-opinion-no-notes")) }
        } @else {
            ul.notes {
                @for n in &notes {
                    li {
                        span.meta { (ctx.time(n.created_at)) }
                        span.text { (n.note) }
                    }
                }
            }
        }
        @if open {
            form method="post" action=(Act::Note.path(o.id)) {
                input type="hidden" name="csrf" value=(staff.csrf());
                div.field {
                    label for="note" { (fl!(l, "staff-opinion-note-label")) }
                    textarea #note name="text" rows="3" {}
                }
                button.secondary type="submit" { (fl!(l, "staff-opinion-note-add")) }
            }
        }
    };
    let status = match say {
        Some(Say::Problem(_)) => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::OK,
    };
    Ok(respond(ctx, status, staff_layout(ctx, staff, &title, body)))
}

/// 已阅 / 转交, 无效 with its reason, and 重复 among the similar opinions.
fn actions(ctx: &Ctx, staff: &Staff, o: &Opinion, similar: &[Opinion]) -> Markup {
    let l = ctx.l();
    html! {
        h2 { (fl!(l, "staff-opinion-review")) }
        form.inline method="post" action=(Act::Review.path(o.id)) {
            input type="hidden" name="csrf" value=(staff.csrf());
            @for b in [Bulk::Reviewed, Bulk::Forwarded] {
                button type="submit" name="action" value=(b.code()) { (b.label(ctx)) }
                " "
            }
        }
        form method="post" action=(Act::Invalid.path(o.id)) {
            input type="hidden" name="csrf" value=(staff.csrf());
            div.field {
                label for="invalid-reason" { (fl!(l, "staff-opinion-reason-label")) }
                input #invalid-reason type="text" name="text";
            }
            button.secondary type="submit" { (Bulk::Invalid.label(ctx)) }
        }
        form method="post" action=(Act::Duplicate.path(o.id)) {
            input type="hidden" name="csrf" value=(staff.csrf());
            fieldset {
                legend { (fl!(l, "staff-opinion-duplicate-legend", receipt = o.receipt.clone())) }
                @if similar.is_empty() {
                    p { (fl!(l, "staff-opinion-duplicate-none")) }
                }
                @for s in similar {
                    @let id = format!("of-{}", s.id);
                    label for=(id) {
                        input #(id) type="radio" name="of" value=(s.id);
                        span {
                            strong { (s.receipt) }
                            " · " (article_name(ctx, s)) " · "
                            (excerpt(&s.body, SIMILAR_CHARS))
                        }
                    }
                }
            }
            @if !similar.is_empty() {
                button.secondary type="submit" { (fl!(l, "staff-opinion-duplicate-submit")) }
            }
        }
    }
}
