//! A resident's 社情民意 report on the web: the form (category, what happened, where,
//! how to appear, consent), the read-back, the receipt and the status link that
//! follows it (`/r/<token>`). The same CSRF token, honeypot, hourly limits and
//! consent as an opinion ([`crate::opinions`]); the rules are the domain's
//! ([`consult_domain::relay::NewReport`]), the same as in chat. Works without
//! JavaScript.

use axum::{
    Form,
    extract::{FromRequest, Multipart, Path, Query, Request},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use consult_domain::{
    Error as DomainError,
    limits::ATTACHMENTS_MAX,
    opinions::{
        Identity,
        web::{StatusToken, nonce},
    },
    photos::{LIMIT_MB, Photo, PhotoError},
    relay::{self, Category, NewReport, Report, ReportChannel, Reporter},
};
use maud::{Markup, html};
use serde::Deserialize;

use crate::{
    WebError,
    i18n::fl,
    miniapp,
    opinions::form::{FormField, described_by, field_error, guards, problems_list},
    page::{Ctx, layout, respond},
    photos::{self, Upload},
    visitor::Visitor,
};

/// The per-address limit is this many times the per-browser one (shared addresses).
const ADDRESS_FACTOR: i64 = 10;

/// The form as posted: every field as typed, so that a refusal can show it again.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Fields {
    pub category: String,
    pub body: String,
    pub place: String,
    pub identity: String,
    pub name: String,
    pub consent_details: Option<String>,
    pub csrf: String,
    pub nonce: String,
    /// The honeypot: hidden from people, filled in by robots.
    pub website: String,
    pub init_data: String,
    pub back: Option<String>,
    /// The upload key of the photo sent with the form, carried to 「提交」.
    pub photo: String,
}

impl Fields {
    /// Sets the field `name` of a multipart form; unknown names are ignored.
    fn set(&mut self, name: &str, value: String) {
        match name {
            "category" => self.category = value,
            "body" => self.body = value,
            "place" => self.place = value,
            "identity" => self.identity = value,
            "name" => self.name = value,
            "consent_details" => self.consent_details = Some(value),
            "csrf" => self.csrf = value,
            "nonce" => self.nonce = value,
            "website" => self.website = value,
            "init_data" => self.init_data = value,
            "back" => self.back = Some(value),
            "photo" => self.photo = value,
            _ => {}
        }
    }
}

/// The form as a browser posts it: `multipart/form-data` from the form (it may carry
/// a photo), url-encoded from the read-back. The body limit of the route bounds what
/// is read; a body over it keeps the fields read before the photo and says so.
pub struct Posted {
    fields: Fields,
    file: Option<Vec<u8>>,
    too_large: bool,
}

impl<S: Send + Sync> FromRequest<S> for Posted {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if !multipart {
            let Form(fields) = Form::<Fields>::from_request(req, state)
                .await
                .map_err(IntoResponse::into_response)?;
            return Ok(Posted {
                fields,
                file: None,
                too_large: false,
            });
        }
        let form = Multipart::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let upload = Upload::read(form).await?;
        let mut fields = Fields::default();
        for (name, value) in upload.fields {
            fields.set(&name, value);
        }
        Ok(Posted {
            fields,
            file: upload.file,
            too_large: upload.too_large,
        })
    }
}

/// A field a message points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Category,
    Body,
    Place,
    Photo,
    Name,
}

impl FormField for Field {
    fn id(self) -> &'static str {
        match self {
            Field::Category => "category",
            Field::Body => "body",
            Field::Place => "place",
            Field::Photo => "file",
            Field::Name => "name",
        }
    }
}

type Problems = Vec<(Field, String)>;

/// The checked form: the report ready to store but for its key and the reporter's id.
struct Checked {
    category: Category,
    body: String,
    place: String,
    identity: Identity,
    name: Option<String>,
}

impl Fields {
    fn check(&self, ctx: &Ctx, categories: &[Category]) -> Result<Checked, Problems> {
        let l = ctx.l();
        let mut problems = Problems::new();
        let category = categories
            .iter()
            .find(|c| c.code.as_str() == self.category)
            .cloned();
        if category.is_none() {
            problems.push((Field::Category, fl!(l, "relay-web-need-category")));
        }
        let body = relay::body(&self.body);
        if body.is_err() {
            let count = self.body.trim().chars().count();
            problems.push((
                Field::Body,
                fl!(
                    l,
                    "relay-web-bad-body",
                    min = relay::BODY_MIN,
                    max = relay::BODY_MAX,
                    count = count
                ),
            ));
        }
        let place = relay::place(&self.place);
        if place.is_err() {
            problems.push((Field::Place, fl!(l, "relay-bad-place")));
        }
        let identity = Identity::parse(&self.identity)
            .filter(|i| *i != Identity::Organization)
            .unwrap_or(Identity::Anonymous);
        let name = if identity == Identity::Named {
            match consult_domain::opinions::detail(&self.name) {
                Ok(n) => Some(n),
                Err(_) => {
                    problems.push((Field::Name, fl!(l, "web-form-bad-detail")));
                    None
                }
            }
        } else {
            None
        };
        match (category, body, place) {
            (Some(category), Ok(body), Ok(place)) if problems.is_empty() => Ok(Checked {
                category,
                body,
                place,
                identity,
                name,
            }),
            _ => Err(problems),
        }
    }

    fn hidden(&self) -> Markup {
        let pairs = [
            ("category", &self.category),
            ("body", &self.body),
            ("place", &self.place),
            ("identity", &self.identity),
            ("name", &self.name),
            ("photo", &self.photo),
        ];
        html! {
            @for (name, value) in pairs {
                input type="hidden" name=(name) value=(value);
            }
            @if self.consent_details.is_some() {
                input type="hidden" name="consent_details" value="on";
            }
        }
    }
}

/// The form's page, with what was typed and what to fix.
fn form_page(
    ctx: &Ctx,
    visitor: &Visitor,
    categories: &[Category],
    f: &Fields,
    problems: &Problems,
    status: StatusCode,
) -> Response {
    let l = ctx.l();
    let title = fl!(l, "relay-web-title");
    let identity = Identity::parse(&f.identity).unwrap_or(Identity::Anonymous);
    let body = html! {
        h1 { (title) }
        p { (fl!(l, "relay-web-intro")) }
        (problems_list(ctx, problems))
        form method="post" novalidate enctype="multipart/form-data" action=(ctx.link("/r/new")) {
            (guards(&visitor.csrf(), &f.init_data, ctx))
            fieldset id="category" aria-describedby=[described_by(problems, Field::Category)] {
                legend { (fl!(l, "relay-web-category")) }
                (field_error(problems, Field::Category))
                @for c in categories {
                    label {
                        input type="radio" name="category" value=(c.code.as_str()) checked[f.category == c.code.as_str()] required;
                        (c.label(ctx.state.locales(), ctx.locale))
                    }
                }
            }
            div.field {
                label for="body" { (fl!(l, "relay-web-body", min = relay::BODY_MIN, max = relay::BODY_MAX)) }
                (field_error(problems, Field::Body))
                textarea id="body" name="body" rows="8" required aria-describedby=[described_by(problems, Field::Body)] { (f.body) }
            }
            div.field {
                label for="place" { (fl!(l, "relay-web-place")) }
                (field_error(problems, Field::Place))
                input type="text" id="place" name="place" value=(f.place) required aria-describedby=[described_by(problems, Field::Place)];
            }
            div.field {
                label for="file" { (fl!(l, "relay-web-photo-field")) }
                p.hint id="file-hint" {
                    (fl!(l, "relay-web-photo-hint", mb = LIMIT_MB.to_string()))
                    @if !f.photo.is_empty() { " " (fl!(l, "relay-web-photo-kept")) }
                }
                (field_error(problems, Field::Photo))
                @if !f.photo.is_empty() {
                    input type="hidden" name="photo" value=(f.photo);
                }
                input type="file" id="file" name="file" accept="image/jpeg,image/png,image/webp" aria-describedby=(match described_by(problems, Field::Photo) { Some(e) => format!("file-hint {e}"), None => "file-hint".to_owned() });
            }
            fieldset {
                legend { (fl!(l, "relay-web-identity")) }
                @for i in [Identity::Anonymous, Identity::Named] {
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
            fieldset {
                legend { (fl!(l, "web-consent-title")) }
                p { (fl!(l, "relay-web-consent")) }
                label {
                    input type="checkbox" name="consent_details" checked[f.consent_details.is_some()];
                    (fl!(l, "relay-web-consent-details"))
                }
            }
            button type="submit" { (fl!(l, "web-form-next")) }
        }
    };
    respond(ctx, status, layout(ctx, &title, body))
}

/// The read-back: everything as it will be stored, 「提交」 and 「返回修改」.
fn read_back(ctx: &Ctx, visitor: &Visitor, f: &Fields, checked: &Checked) -> Response {
    let l = ctx.l();
    let title = fl!(l, "web-review-title");
    let kept_name = checked.name.clone().filter(|_| f.consent_details.is_some());
    let body = html! {
        h1 { (title) }
        dl {
            dt { (fl!(l, "relay-web-category")) } dd { (checked.category.label(ctx.state.locales(), ctx.locale)) }
            dt { (fl!(l, "relay-web-what")) } dd { (crate::opinions::multiline(&checked.body)) }
            dt { (fl!(l, "relay-web-place")) } dd { (checked.place) }
            @if !f.photo.is_empty() {
                dt { (fl!(l, "relay-web-attachments")) } dd { (fl!(l, "relay-web-photo-count", count = 1)) }
            }
            dt { (fl!(l, "web-field-identity")) }
            dd {
                @match &kept_name {
                    Some(n) => { (ctx.text(Identity::Named.label_id())) "：" (n) }
                    None => { (ctx.text(Identity::Anonymous.label_id())) }
                }
            }
        }
        @if checked.identity == Identity::Named && kept_name.is_none() {
            p.notice { (fl!(l, "web-review-not-kept")) }
        }
        form method="post" action=(ctx.link("/r/new/submit")) {
            (guards(&visitor.csrf(), &f.init_data, ctx))
            (f.hidden())
            input type="hidden" name="nonce" value=(nonce());
            button type="submit" { (fl!(l, "opinion-submit")) }
            " "
            button.secondary type="submit" name="back" value="1" formaction=(ctx.link("/r/new")) { (fl!(l, "web-review-change")) }
        }
    };
    respond(ctx, StatusCode::OK, layout(ctx, &title, body))
}

/// Refuses a post without this browser's CSRF token, or with the honeypot filled in.
fn guard(ctx: &Ctx, visitor: &Visitor, categories: &[Category], f: &Fields) -> Option<Response> {
    let l = ctx.l();
    let (status, text) = if !visitor.csrf_ok(&f.csrf) {
        (StatusCode::FORBIDDEN, fl!(l, "web-form-expired"))
    } else if !f.website.is_empty() {
        (StatusCode::BAD_REQUEST, fl!(l, "web-form-honeypot-filled"))
    } else {
        return None;
    };
    Some(form_page(
        ctx,
        visitor,
        categories,
        f,
        &vec![(Field::Body, text)],
        status,
    ))
}

/// The empty form.
pub async fn show(ctx: Ctx, visitor: Visitor) -> Result<Response, WebError> {
    let categories = ctx.state.db().relay().categories().await?;
    Ok(form_page(
        &ctx,
        &visitor,
        &categories,
        &Fields::default(),
        &Problems::new(),
        StatusCode::OK,
    ))
}

/// 「下一步」 (to the read-back) and 「返回修改」 (back to the form).
pub async fn review(ctx: Ctx, visitor: Visitor, posted: Posted) -> Result<Response, WebError> {
    let Posted {
        fields: mut f,
        file,
        too_large,
    } = posted;
    let db = ctx.state.db();
    let categories = db.relay().categories().await?;
    if let Some(refused) = guard(&ctx, &visitor, &categories, &f) {
        return Ok(refused);
    }
    if f.back.is_some() {
        return Ok(form_page(
            &ctx,
            &visitor,
            &categories,
            &f,
            &Problems::new(),
            StatusCode::OK,
        ));
    }
    let l = ctx.l();
    // The photo first: a new one replaces the one carried; a refused one is not kept.
    let mut photo_problem = too_large.then(|| photos::refused(&ctx, PhotoError::TooLarge));
    if let Some(bytes) = file.filter(|_| !too_large) {
        match Photo::check(&bytes) {
            Ok(photo) => {
                let limit = ctx.state.settings().opinions_per_hour * ATTACHMENTS_MAX as i64;
                let now = ctx.state.now();
                match db
                    .relay()
                    .upload_photo(&photo, &visitor.sender(), limit, now)
                    .await?
                {
                    Some(key) => f.photo = key,
                    None => {
                        let limit = ctx.state.settings().opinions_per_hour;
                        photo_problem = Some(fl!(l, "relay-flood", limit = limit));
                    }
                }
            }
            Err(e) => photo_problem = Some(photos::refused(&ctx, e)),
        }
    }
    let checked = f.check(&ctx, &categories);
    Ok(match (checked, photo_problem) {
        (Ok(checked), None) => read_back(&ctx, &visitor, &f, &checked),
        (checked, photo) => {
            let mut problems = checked.err().unwrap_or_default();
            if let Some(text) = photo {
                problems.push((Field::Photo, text));
            }
            let status = if too_large {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            form_page(&ctx, &visitor, &categories, &f, &problems, status)
        }
    })
}

/// 「提交」: checks everything again, then stores the report and shows its receipt.
pub async fn submit(
    ctx: Ctx,
    visitor: Visitor,
    Form(f): Form<Fields>,
) -> Result<Response, WebError> {
    let db = ctx.state.db();
    let categories = db.relay().categories().await?;
    if let Some(refused) = guard(&ctx, &visitor, &categories, &f) {
        return Ok(refused);
    }
    let checked = match f.check(&ctx, &categories) {
        Ok(c) => c,
        Err(problems) => {
            return Ok(form_page(
                &ctx,
                &visitor,
                &categories,
                &f,
                &problems,
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    if f.nonce.len() != 22 {
        return Ok(read_back(&ctx, &visitor, &f, &checked));
    }
    let now = ctx.state.now();
    let l = ctx.l();
    // Inside the Mini App, Telegram vouches for the person: the steps then also
    // reach them in chat. Data that does not verify is refused, never ignored.
    let telegram_user = match (&ctx.state.settings().bot_token, f.init_data.trim()) {
        (Some(token), data) if !data.is_empty() => match miniapp::verify(data, token, now) {
            Ok(user) => Some(user.id),
            Err(_) => {
                let text = fl!(l, "web-miniapp-refused");
                let p = vec![(Field::Body, text)];
                return Ok(form_page(
                    &ctx,
                    &visitor,
                    &categories,
                    &f,
                    &p,
                    StatusCode::FORBIDDEN,
                ));
            }
        },
        _ => None,
    };
    let token = StatusToken::derive(ctx.state.key(), &format!("relay:{}", f.nonce));
    let key = format!("web-relay:{}", f.nonce);
    let sender = visitor.sender();
    let hour_ago = now - chrono::Duration::hours(1);
    let limit = ctx.state.settings().opinions_per_hour;
    let sent = db.relay().sent_since(&sender, hour_ago).await?;
    let by_person = match telegram_user {
        Some(id) => db.relay().count_since(id, hour_ago).await?,
        None => 0,
    };
    if db.relay().by_token(&token).await?.is_none()
        && (sent.browser >= limit || sent.address >= limit * ADDRESS_FACTOR || by_person >= limit)
    {
        let p = vec![(Field::Body, fl!(l, "relay-flood", limit = limit))];
        return Ok(form_page(
            &ctx,
            &visitor,
            &categories,
            &f,
            &p,
            StatusCode::TOO_MANY_REQUESTS,
        ));
    }
    let point_id = match &ctx.via {
        Some(code) => db
            .points()
            .find(code)
            .await?
            .filter(|p| p.active)
            .map(|p| p.id),
        None => None,
    };
    let reporter = Reporter {
        telegram: telegram_user,
        identity: checked.identity,
        name: checked.name.clone(),
        consent_details: f.consent_details.is_some(),
        locale: ctx.locale,
    };
    let new = match NewReport::new(
        key,
        checked.category.code.clone(),
        &checked.body,
        &checked.place,
        None,
        vec![],
        reporter,
        ReportChannel::Web,
        point_id,
    ) {
        Ok(n) => n,
        Err(DomainError::Invalid(_)) => {
            let p = vec![(Field::Body, fl!(l, "web-form-problems"))];
            return Ok(form_page(
                &ctx,
                &visitor,
                &categories,
                &f,
                &p,
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let photo = Some(f.photo.as_str()).filter(|p| !p.is_empty());
    let report = match db
        .relay()
        .submit_web(&new, &token, &sender, photo, now)
        .await
    {
        Ok(r) => r,
        // The photo's key names nothing this browser uploaded (forged, or too old):
        // the form again, without it, saying so.
        Err(DomainError::Invalid(consult_domain::error::Field::ReportPhoto)) => {
            let mut f = f.clone();
            f.photo.clear();
            let p = vec![(Field::Photo, fl!(l, "relay-web-photo-lost"))];
            return Ok(form_page(
                &ctx,
                &visitor,
                &categories,
                &f,
                &p,
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
        Err(e) => return Err(e.into()),
    };
    tracing::info!(receipt = %report.receipt, "web 社情民意 report received");
    Ok(Redirect::to(&ctx.link(&format!("/r/{}?new=1", token.as_str()))).into_response())
}

#[derive(Deserialize)]
pub struct Shown {
    new: Option<String>,
}

/// The status link: the report as stored, where it stands, each step the resident
/// is told of, and the answer. An unknown token is the same "not found" as any page.
pub async fn status(
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(shown): Query<Shown>,
) -> Result<Response, WebError> {
    let token = StatusToken::parse(&raw).ok_or(WebError::NotFound)?;
    let db = ctx.state.db();
    let r = db
        .relay()
        .by_token(&token)
        .await?
        .ok_or(WebError::NotFound)?;
    let history = db.relay().history(r.id).await?;
    // A merged report follows the one that carries it on: its answer is theirs too.
    let carried = match r.merged_into {
        Some(id) => db.relay().get(id).await?,
        None => None,
    };
    let l = ctx.l();
    let title = fl!(l, "relay-status-title");
    // A retired category still names the reports filed under it.
    let category = db
        .relay()
        .all_categories()
        .await?
        .into_iter()
        .find(|c| c.code == r.category)
        .map(|c| c.label(ctx.state.locales(), ctx.locale))
        .unwrap_or_else(|| r.category.as_str().to_owned());
    let body = html! {
        @if shown.new.is_some() {
            div.notice role="status" {
                p { (fl!(l, "relay-web-received", receipt = r.receipt.as_str())) }
                p { (fl!(l, "relay-web-keep-link")) }
            }
        }
        h1 { (title) " " (r.receipt.as_str()) }
        dl {
            dt { (fl!(l, "relay-web-status")) } dd.status { (ctx.text(r.status.label_id())) }
            dt { (fl!(l, "relay-web-category")) } dd { (category) }
            dt { (fl!(l, "relay-web-what")) } dd { (crate::opinions::multiline(&r.body)) }
            dt { (fl!(l, "relay-web-place")) } dd { (r.place) }
        }
        (answer(&ctx, carried.as_ref().unwrap_or(&r)))
        h2 { (fl!(l, "relay-web-history")) }
        ol.history {
            @for e in history.iter().filter(|e| e.kind.public()) {
                li { (ctx.time(e.at)) " · " (ctx.text(e.kind.label_id()))
                    @if let Some(d) = e.detail.get("department").and_then(|d| d.as_str()) {
                        "：" (d)
                    }
                }
            }
        }
    };
    Ok(respond(&ctx, StatusCode::OK, layout(&ctx, &title, body)))
}

/// The answer (or the closing reason) as the resident reads it.
fn answer(ctx: &Ctx, r: &Report) -> Markup {
    let l = ctx.l();
    html! {
        @if let (Some(outcome), Some(text)) = (r.outcome, &r.answer) {
            section.answer {
                h2 { (fl!(l, "relay-web-answer")) }
                p { strong { (ctx.text(outcome.label_id())) } }
                (crate::opinions::multiline(text))
            }
        } @else if let Some(reason) = r.close_reason {
            section.answer {
                h2 { (fl!(l, "relay-web-closed")) }
                p { strong { (ctx.text(reason.label_id())) } }
                @if let Some(note) = &r.answer { (crate::opinions::multiline(note)) }
            }
        }
    }
}
