//! Giving an opinion: the form, the read-back, and storing it. The read-back carries a
//! fresh nonce; storing uses it as the submission key and derives the status link from
//! it, so pressing 「提交」 twice (or a browser resending the post) stores one opinion
//! and leads to the same receipt.

use axum::{
    Form,
    extract::{Path, Query},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use consult_domain::{
    consultations::Consultation,
    draft::Draft,
    opinions::{
        Channel, Identity, NewOpinion,
        web::{StatusToken, nonce},
    },
};
use maud::{Markup, html};
use serde::Deserialize;

use super::form::{self, Checked, Fields, Problems};
use crate::{
    WebError,
    consultations::{current_draft, public},
    i18n::fl,
    miniapp,
    page::{Ctx, layout, respond},
    visitor::Visitor,
};

/// The per-address limit is this many times the per-browser one: a community centre's
/// Wi-Fi or a carrier's shared address carries many residents at once.
const ADDRESS_FACTOR: i64 = 10;

#[derive(Deserialize)]
pub struct Start {
    /// The article whose 「对本条提意见」 led here (its index, from 1).
    a: Option<usize>,
}

/// One consultation being given an opinion on, for one visitor: what every page of
/// the form needs.
struct Giving {
    ctx: Ctx,
    visitor: Visitor,
    c: Consultation,
    draft: Draft,
}

impl Giving {
    /// The consultation (public, or "not found") and its current draft.
    async fn load(ctx: Ctx, visitor: Visitor, id: &str) -> Result<Giving, WebError> {
        let c = public(&ctx, id).await?;
        let (draft, _) = current_draft(&ctx, &c).await?;
        Ok(Giving {
            ctx,
            visitor,
            c,
            draft,
        })
    }

    fn open(&self) -> bool {
        self.c.open_at(self.ctx.state.now())
    }

    /// Refuses a post without this browser's CSRF token, or with the honeypot filled
    /// in: the form comes back with what was typed and a fresh token.
    fn guard(&self, fields: &Fields) -> Option<Response> {
        let l = self.ctx.l();
        let (status, text) = if !self.visitor.csrf_ok(&fields.csrf) {
            (StatusCode::FORBIDDEN, fl!(l, "web-form-expired"))
        } else if !fields.website.is_empty() {
            (StatusCode::BAD_REQUEST, fl!(l, "web-form-honeypot-filled"))
        } else {
            return None;
        };
        Some(self.refused(fields, status, text))
    }

    /// The form again, with what was typed and one message at the top.
    fn refused(&self, fields: &Fields, status: StatusCode, text: String) -> Response {
        self.form_page(fields, &vec![(form::Field::Body, text)], status)
    }
}

/// The form, empty (or with the article chosen).
pub async fn show(
    ctx: Ctx,
    visitor: Visitor,
    Path(id): Path<String>,
    Query(start): Query<Start>,
) -> Result<Response, WebError> {
    let g = Giving::load(ctx, visitor, &id).await?;
    if !g.open() {
        return Ok(g.closed(None));
    }
    let article = start
        .a
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| g.draft.articles.get(i))
        .map(|a| a.number.to_string())
        .unwrap_or_default();
    let fields = Fields {
        article,
        ..Fields::default()
    };
    Ok(g.form_page(&fields, &Problems::new(), StatusCode::OK))
}

/// 「下一步」 (to the read-back) and 「返回修改」 (back to the form).
pub async fn review(
    ctx: Ctx,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> Result<Response, WebError> {
    let g = Giving::load(ctx, visitor, &id).await?;
    if !g.open() {
        return Ok(g.closed(Some(&fields)));
    }
    if let Some(refused) = g.guard(&fields) {
        return Ok(refused);
    }
    if fields.back.is_some() {
        return Ok(g.form_page(&fields, &Problems::new(), StatusCode::OK));
    }
    Ok(match fields.check(&g.ctx, &g.c, &g.draft) {
        Ok(checked) => g.read_back(&fields, &checked),
        Err(problems) => g.form_page(&fields, &problems, StatusCode::UNPROCESSABLE_ENTITY),
    })
}

/// 「提交」: checks everything again, then stores the opinion and shows its receipt.
pub async fn submit(
    ctx: Ctx,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> Result<Response, WebError> {
    let g = Giving::load(ctx, visitor, &id).await?;
    if !g.open() {
        return Ok(g.closed(Some(&fields)));
    }
    if let Some(refused) = g.guard(&fields) {
        return Ok(refused);
    }
    let (ctx, c) = (&g.ctx, &g.c);
    let l = ctx.l();
    let now = ctx.state.now();
    let checked = match fields.check(ctx, c, &g.draft) {
        Ok(checked) => checked,
        Err(problems) => {
            return Ok(g.form_page(&fields, &problems, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    // A nonce is made with the read-back; without one the resident has not seen it.
    if fields.nonce.len() != 22 {
        return Ok(g.read_back(&fields, &checked));
    }
    // Inside the Mini App, Telegram vouches for the person: the outcome then also
    // reaches them in chat. Data that does not verify is refused, never ignored.
    let telegram_user = match (&ctx.state.settings().bot_token, fields.init_data.trim()) {
        (Some(token), data) if !data.is_empty() => match miniapp::verify(data, token, now) {
            Ok(user) => Some(user.id),
            Err(e) => {
                tracing::info!(error = %e, "web opinion refused: Telegram sign-in did not verify");
                let text = fl!(l, "web-miniapp-refused");
                return Ok(g.refused(&fields, StatusCode::FORBIDDEN, text));
            }
        },
        _ => None,
    };
    let db = ctx.state.db();
    let sender = g.visitor.sender();
    let token = StatusToken::derive(ctx.state.key(), &fields.nonce);
    let submission_key = format!("web:{}", fields.nonce);
    // A replayed 「提交」 finds its opinion before any limit is counted.
    if db.opinions().by_key(&submission_key).await?.is_some() {
        return Ok(to_receipt(ctx, &token));
    }
    let hour_ago = now - chrono::Duration::hours(1);
    if let Some(earlier) = db
        .web_opinions()
        .same_text(c.id, &checked.body, &sender, hour_ago)
        .await?
    {
        return Ok(g.already(&earlier.receipt));
    }
    let limit = ctx.state.settings().opinions_per_hour;
    let sent = db.web_opinions().sent_since(&sender, hour_ago).await?;
    let by_person = match telegram_user {
        Some(id) => db.opinions().count_since(id, hour_ago).await?,
        None => 0,
    };
    if sent.browser >= limit || sent.address >= limit * ADDRESS_FACTOR || by_person >= limit {
        let text = fl!(l, "opinion-flood", limit = limit);
        return Ok(g.refused(&fields, StatusCode::TOO_MANY_REQUESTS, text));
    }
    let point_id = match &ctx.via {
        Some(code) => db
            .points()
            .find(code)
            .await?
            .map(|p| p.id)
            .filter(|p| c.reaches(*p)),
        None => None,
    };
    let new = NewOpinion {
        article: checked.article,
        proposed_wording: checked.wording,
        submitter_id: telegram_user,
        point_id,
        ..NewOpinion::new(
            submission_key,
            c.id,
            c.version,
            checked.stance,
            checked.body,
            Channel::Web,
        )
    }
    .with_details(checked.details);
    let opinion = match &checked.suggestion {
        Some(s) => {
            db.suggestions()
                .submit_web(&new, s, &token, &sender, now)
                .await?
        }
        None => db.web_opinions().submit(&new, &token, &sender, now).await?,
    };
    tracing::info!(consultation = c.id, receipt = %opinion.receipt, "web opinion received");
    Ok(to_receipt(ctx, &token))
}

fn to_receipt(ctx: &Ctx, token: &StatusToken) -> Response {
    Redirect::to(&ctx.link(&format!("/o/{}?new=1", token.as_str()))).into_response()
}

/// The form's heading: 「提出意见」, or 「提出立法项目建议」 on an open call.
fn form_title(ctx: &Ctx, c: &Consultation) -> String {
    if c.is_open_call() {
        fl!(ctx.l(), "card-suggest")
    } else {
        fl!(ctx.l(), "web-form-title")
    }
}

fn heading(ctx: &Ctx, c: &Consultation) -> Markup {
    let l = ctx.l();
    html! {
        p.meta {
            a href=(ctx.link(&format!("/c/{}", c.id))) { (c.title) }
            br;
            (c.code()) " · "
            // An open call has no draft, so no draft number.
            @if c.is_open_call() {
                (fl!(l, "consultation-kind-open-call"))
            } @else {
                (fl!(l, "web-version", version = c.version))
            }
            " · " (fl!(l, "web-deadline", deadline = ctx.time(c.closes_at)))
        }
    }
}

impl Giving {
    fn form_page(&self, fields: &Fields, problems: &Problems, status: StatusCode) -> Response {
        let (ctx, c, visitor) = (&self.ctx, &self.c, &self.visitor);
        let l = ctx.l();
        let title = form_title(ctx, c);
        let body = html! {
            (heading(ctx, c))
            h1 { (title) }
            (form::problems_list(ctx, problems))
            // The server's messages, in the page's language and listed at the top, rather
            // than the browser's own bubbles (small, brief, in the phone's language).
            form method="post" novalidate action=(ctx.link(&format!("/c/{}/opinion", c.id))) {
                (form::guards(&visitor.csrf(), &fields.init_data, ctx))
                (form::fields(ctx, c, &self.draft, fields, problems))
                button type="submit" { (fl!(l, "web-form-next")) }
            }
        };
        respond(ctx, status, layout(ctx, &title, body))
    }

    /// The read-back: everything as it will be stored, 「提交」 and 「返回修改」.
    fn read_back(&self, fields: &Fields, checked: &Checked) -> Response {
        let (ctx, c, visitor) = (&self.ctx, &self.c, &self.visitor);
        let l = ctx.l();
        let title = if c.is_open_call() {
            fl!(l, "web-review-suggestion-title")
        } else {
            fl!(l, "web-review-title")
        };
        let stored = checked.details.clone().stored();
        let yes_no = |b: bool| {
            if b {
                fl!(l, "opinion-yes")
            } else {
                fl!(l, "opinion-no")
            }
        };
        let target = match &checked.article {
            Some((_, label)) => label.clone(),
            None => fl!(l, "opinion-whole-draft"),
        };
        let identity = match stored.identity {
            Identity::Named => format!(
                "{}：{}",
                ctx.text(Identity::Named.label_id()),
                stored.name.clone().unwrap_or_default()
            ),
            Identity::Organization => format!(
                "{}：{}",
                ctx.text(Identity::Organization.label_id()),
                stored.organization.clone().unwrap_or_default()
            ),
            Identity::Anonymous => ctx.text(Identity::Anonymous.label_id()),
        };
        let nonce = nonce();
        let body = html! {
            (heading(ctx, c))
            h1 { (title) }
            dl {
                @if let Some(s) = &checked.suggestion {
                    (crate::open_calls::read_back(ctx, s, &checked.body))
                } @else {
                    dt { (fl!(l, "web-field-article")) } dd { (target) }
                    dt { (fl!(l, "web-field-stance")) } dd { (ctx.text(checked.stance.label_id())) }
                    dt { (fl!(l, "web-field-body")) } dd { (super::multiline(&checked.body)) }
                }
                @if let Some(w) = &checked.wording {
                    dt { (fl!(l, "web-field-wording")) } dd { (super::multiline(w)) }
                }
                dt { (fl!(l, "web-field-identity")) } dd { (identity) }
                @if let Some(o) = &stored.occupation {
                    dt { (fl!(l, "web-field-occupation")) } dd { (o) }
                }
                @if let Some(d) = &stored.district {
                    dt { (fl!(l, "web-field-district")) } dd { (d) }
                }
                // With nothing given there is nothing to keep: no answer to show.
                @if checked.details.given() {
                    dt { (fl!(l, "web-consent-details")) } dd { (yes_no(stored.consent_details)) }
                }
                dt { (fl!(l, "web-consent-quote")) } dd { (yes_no(stored.consent_quote)) }
            }
            @if !checked.details.consent_details && checked.details.identity != Identity::Anonymous {
                p.notice { (fl!(l, "web-review-not-kept")) }
            }
            form method="post" action=(ctx.link(&format!("/c/{}/opinion/submit", c.id))) {
                (form::guards(&visitor.csrf(), &fields.init_data, ctx))
                (fields.hidden())
                input type="hidden" name="nonce" value=(nonce);
                button type="submit" { (fl!(l, "opinion-submit")) }
                " "
                button.secondary type="submit" name="back" value="1"
                    formaction=(ctx.link(&format!("/c/{}/opinion", c.id))) { (fl!(l, "web-review-change")) }
            }
        };
        respond(ctx, StatusCode::OK, layout(ctx, &title, body))
    }

    /// A consultation that accepts nothing now; what was typed is shown to copy.
    fn closed(&self, fields: Option<&Fields>) -> Response {
        let (ctx, c) = (&self.ctx, &self.c);
        let l = ctx.l();
        let title = fl!(l, "web-form-title");
        let body = html! {
            (heading(ctx, c))
            h1 { (title) }
            p.notice role="alert" { (crate::open_calls::closed_notice(ctx, c)) }
            @if let Some(f) = fields.filter(|f| !f.body.trim().is_empty()) {
                div.field {
                    label for="body" { (fl!(l, "web-form-your-text")) }
                    textarea id="body" readonly { (f.body) }
                }
            }
            p { a href=(ctx.link(&format!("/c/{}", c.id))) { (fl!(l, "web-back-to-draft")) } }
        };
        let status = if fields.is_some() {
            StatusCode::CONFLICT
        } else {
            StatusCode::OK
        };
        respond(ctx, status, layout(ctx, &title, body))
    }

    /// The same text sent again within the hour: one opinion, already received.
    fn already(&self, receipt: &str) -> Response {
        let (ctx, c) = (&self.ctx, &self.c);
        let l = ctx.l();
        let title = fl!(l, "web-already-title");
        let body = html! {
            (heading(ctx, c))
            h1 { (title) }
            p { (fl!(l, "web-already", receipt = receipt)) }
            p { a href=(ctx.link("/mine")) { (fl!(l, "web-mine-title")) } }
        };
        respond(ctx, StatusCode::OK, layout(ctx, &title, body))
    }
}
