//! Offline entry (线下) in the console (issue #17, item 8): an opinion gathered at a
//! forum, a visit or a hearing typed into a form, or many at once from a spreadsheet,
//! by an informant or a liaison (for their point) or an admin (for none) — the people
//! chat's `/record` serves, with its rules: the domain checks every field
//! ([`consult_domain::offline::Offline::check_one`]) and every row
//! ([`consult_domain::offline::Offline::validate`]) and stores them
//! ([`consult_domain::offline::Offline::record`], [`consult_domain::offline::Offline::import`]).
//!
//! - `/staff/record`: the open consultations to record on, and the sheet import with
//!   its template (`/staff/record/template.xlsx`).
//! - `/staff/record/ID`: the form → the read-back (「保存」 with a nonce, so a post sent
//!   twice stores one opinion, as chat's 「保存」 pressed twice does) → the receipt.
//! - `/staff/record/import`: a sheet is checked whole; with any bad cell nothing is
//!   stored and every problem is listed by the row number the spreadsheet program
//!   shows, as chat replies; otherwise every row is stored, and rows an earlier import
//!   stored are counted, not stored again.
//!
//! On an open call (立法项目征集) the form takes a project suggestion (立法项目建议):
//! its title, the problem, the contents and the related rules instead of the article,
//! view and wording; the sheet import reads the suggestions' template
//! (`/staff/record/suggestions-template.xlsx`) as well.
//!
//! County staff file every record under one of their district's points, chosen on
//! `/staff/record` and carried as `point` (a query on the pages, a field in the forms);
//! another district's point is a 404, as for chat's `/record`.
//!
//! A consultation that is not open, or not put to the person's point, is the console's
//! ordinary 404.

use axum::{
    Form, Router,
    extract::{DefaultBodyLimit, Multipart, Path, Query},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use chrono::NaiveDate;
use consult_domain::{
    consultations::Consultation,
    draft::Draft,
    limits,
    offline::{self, Channel, Column, Entry, Layout, Limits, Recorder, RowProblem, SheetError},
    opinions::{Stance, web::nonce},
};
use maud::{Markup, html};
use serde::Deserialize;

use crate::{
    WebError, WebState,
    i18n::fl,
    page::{Ctx, respond},
    staff::{
        Say, Staff,
        drafts::{self, Unreadable},
        export::disposition,
        login::refused,
        staff_layout,
    },
};

/// The import form's largest body: a sheet of the largest size read, and the token.
const SHEET_BODY_BYTES: usize = limits::SHEET_FILE_BYTES as usize + 64 * 1024;
/// At most this many bad cells are listed on the page; the rest are counted.
const LISTED: usize = 200;
/// The template's file name, as chat sends it.
const TEMPLATE_NAME: &str = "offline-opinions-template.xlsx";
const SUGGESTIONS_TEMPLATE_NAME: &str = "offline-suggestions-template.xlsx";
const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub fn router() -> Router<WebState> {
    Router::new()
        .route("/staff/record", get(list))
        .route("/staff/record/template.xlsx", get(template))
        .route(
            "/staff/record/suggestions-template.xlsx",
            get(suggestions_template),
        )
        .route(
            "/staff/record/import",
            post(import).layer(DefaultBodyLimit::max(SHEET_BODY_BYTES)),
        )
        .route("/staff/record/saved/{id}", get(saved))
        .route("/staff/record/{id}", get(form).post(check))
        .route("/staff/record/{id}/save", post(save))
}

/// Today in the display time zone: the latest day an opinion may have been gathered.
fn today(ctx: &Ctx) -> NaiveDate {
    ctx.state
        .now()
        .with_timezone(&ctx.state.settings().timezone)
        .date_naive()
}

fn limits(ctx: &Ctx) -> Limits {
    Limits {
        chars: ctx.state.settings().opinion_chars,
        today: today(ctx),
    }
}

/// The point county staff chose, as the pages carry it (`?point=ID`, or a field).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PointQuery {
    pub point: String,
}

/// Who the person records as, with the point they chose (county staff; ignored for
/// the others): None for county staff without one of their district's points.
fn recorder(staff: &Staff, point: &str) -> Option<Recorder> {
    staff.access.recorder_at(point.trim().parse().ok())
}

/// `?point=ID` for county staff's links, or nothing.
fn point_suffix(rec: &Recorder, staff: &Staff) -> String {
    match rec.point {
        Some(p) if staff.access.chooses_point() => format!("?point={p}"),
        _ => String::new(),
    }
}

/// What the person records for: their point (or the one county staff chose), or (an
/// admin) none.
async fn scope_text(ctx: &Ctx, staff: &Staff, rec: &Recorder) -> Result<String, WebError> {
    let l = ctx.l();
    if let Some(p) = staff.access.point() {
        return Ok(fl!(l, "staff-record-scope-point", point = p.name.clone()));
    }
    Ok(match rec.point {
        Some(id) => {
            let points = ctx.state.db().points().list().await?;
            let name = points
                .into_iter()
                .find(|p| p.id == id)
                .map(|p| p.name)
                .unwrap_or_default();
            fl!(l, "staff-record-scope-point", point = name)
        }
        None => fl!(l, "staff-record-scope-all"),
    })
}

/// `/staff/record`: what may be recorded on now, and the spreadsheet import; for
/// county staff without a point chosen, their district's points to choose from.
pub async fn list(
    ctx: Ctx,
    staff: Staff,
    Query(q): Query<PointQuery>,
) -> Result<Response, WebError> {
    let Some(rec) = recorder(&staff, &q.point) else {
        if !q.point.trim().is_empty() {
            return Err(WebError::NotFound);
        }
        return choose_point(&ctx, &staff).await;
    };
    let open = ctx
        .state
        .db()
        .offline()
        .open_for(&rec, ctx.state.now())
        .await?;
    let scope = scope_text(&ctx, &staff, &rec).await?;
    Ok(list_page(
        &ctx,
        &staff,
        &rec,
        &scope,
        &open,
        None,
        None,
        StatusCode::OK,
    ))
}

/// County staff: which of their district's points the records are filed under.
async fn choose_point(ctx: &Ctx, staff: &Staff) -> Result<Response, WebError> {
    let l = ctx.l();
    let title = fl!(l, "staff-record-title");
    let district = staff.access.district().cloned();
    let points: Vec<_> = ctx
        .state
        .db()
        .points()
        .list()
        .await?
        .into_iter()
        .filter(|p| p.active && district.as_ref().is_some_and(|d| d.points.contains(&p.id)))
        .collect();
    let body = html! {
        h1 { (title) }
        p.lead { (fl!(l, "staff-record-choose-point")) }
        ul.cards {
            @for p in &points {
                li {
                    a.card href=(format!("/staff/record?point={}", p.id)) {
                        span.title { (p.name) }
                        span.meta { (p.code) }
                    }
                }
            }
        }
    };
    Ok(respond(
        ctx,
        StatusCode::OK,
        staff_layout(ctx, staff, &title, body),
    ))
}

#[allow(clippy::too_many_arguments)]
fn list_page(
    ctx: &Ctx,
    staff: &Staff,
    rec: &Recorder,
    scope: &str,
    open: &[Consultation],
    say: Option<Say>,
    result: Option<Markup>,
    status: StatusCode,
) -> Response {
    let l = ctx.l();
    let title = fl!(l, "staff-record-title");
    let mb = limits::SHEET_FILE_BYTES / limits::MIB;
    let suffix = point_suffix(rec, staff);
    let body = html! {
        h1 { (title) }
        p.lead { (scope) }
        @if let Some(s) = &say {
            (s)
        }
        @if let Some(r) = result {
            (r)
        }
        h2 #one { (fl!(l, "staff-record-one")) }
        @if open.is_empty() {
            p { (fl!(l, "record-none-open")) }
        } @else {
            p { (fl!(l, "staff-record-choose")) }
            ul.cards {
                @for c in open {
                    li {
                        a.card href=(format!("/staff/record/{}{suffix}", c.id)) {
                            span.title { (c.code()) " " (c.title) }
                            span.meta { (fl!(l, "web-deadline", deadline = ctx.time(c.closes_at))) }
                        }
                    }
                }
            }
        }
        h2 #sheet { (fl!(l, "staff-record-sheet")) }
        p { (fl!(l, "staff-record-sheet-explain", limit = offline::MAX_ROWS, mb = mb)) }
        p {
            a.button.secondary href="/staff/record/template.xlsx" download {
                (fl!(l, "staff-record-template"))
            }
            " "
            a.button.secondary href="/staff/record/suggestions-template.xlsx" download {
                (fl!(l, "staff-record-suggestions-template"))
            }
        }
        form method="post" action=(format!("/staff/record/import{suffix}")) enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(staff.csrf());
            div.field {
                label for="file" { (fl!(l, "staff-record-file", mb = mb)) }
                input #file type="file" name="file" accept=".xlsx,.csv";
            }
            button type="submit" { (fl!(l, "staff-record-import")) }
        }
    };
    respond(ctx, status, staff_layout(ctx, staff, &title, body))
}

/// The template, as chat's `/record template` sends it.
pub async fn template(_staff: Staff) -> Result<Response, WebError> {
    template_file(Layout::Opinions, TEMPLATE_NAME)
}

/// The suggestions' template, as chat's `/record suggestions` sends it.
pub async fn suggestions_template(_staff: Staff) -> Result<Response, WebError> {
    template_file(Layout::Suggestions, SUGGESTIONS_TEMPLATE_NAME)
}

fn template_file(layout: Layout, name: &str) -> Result<Response, WebError> {
    let bytes = offline::template_of(layout).map_err(|e| WebError::Build(e.to_string()))?;
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(XLSX_TYPE));
    if let Ok(v) = HeaderValue::from_str(&disposition(name)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// A sheet posted: read, checked whole, then stored whole (or not at all).
pub async fn import(
    ctx: Ctx,
    staff: Staff,
    Query(q): Query<PointQuery>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let recorder = recorder(&staff, &q.point).ok_or(WebError::NotFound)?;
    let now = ctx.state.now();
    let db = ctx.state.db();
    let open = db.offline().open_for(&recorder, now).await?;
    let scope = scope_text(&ctx, &staff, &recorder).await?;
    let page = |say: Option<Say>, result: Option<Markup>, status: StatusCode| {
        list_page(&ctx, &staff, &recorder, &scope, &open, say, result, status)
    };
    let refuse = |text: String, status: StatusCode| page(Some(Say::Problem(text)), None, status);
    let mut posted = match drafts::read(&headers, multipart).await {
        Ok(p) => p,
        Err(Unreadable::TooLarge(size)) => {
            let e = SheetError::TooLarge {
                size,
                limit: offline::MAX_SHEET_BYTES,
            };
            return Ok(refuse(
                sheet_refusal(&ctx, &e),
                StatusCode::PAYLOAD_TOO_LARGE,
            ));
        }
        Err(Unreadable::Malformed) => return Ok(StatusCode::BAD_REQUEST.into_response()),
    };
    if !staff.csrf_ok(posted.get("csrf")) {
        return Ok(refused(&ctx));
    }
    let Some((name, bytes)) = posted.take_file() else {
        let text = fl!(ctx.l(), "staff-record-no-file");
        return Ok(refuse(text, StatusCode::UNPROCESSABLE_ENTITY));
    };
    // Unpacking and reading a workbook is CPU work: off the async threads, as in chat.
    let read = tokio::task::spawn_blocking(move || offline::read_sheet(&name, &bytes))
        .await
        .map_err(|e| WebError::Task(e.to_string()))?;
    let rows = match read {
        Ok(rows) => rows,
        Err(e) => {
            tracing::info!(error = %e, "spreadsheet refused");
            return Ok(refuse(
                sheet_refusal(&ctx, &e),
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    let checked = db
        .offline()
        .validate(&rows, &recorder, &limits(&ctx), now)
        .await?;
    let entries = match checked {
        Ok(entries) => entries,
        Err(problems) => {
            let l = ctx.l();
            let say = Say::Problem(fl!(
                l,
                "staff-record-sheet-problems",
                count = problems.len()
            ));
            let table = problems_table(&ctx, &problems);
            return Ok(page(
                Some(say),
                Some(table),
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    let imported = db.offline().import(&entries, &recorder, now).await?;
    tracing::info!(
        rows = entries.len(),
        new = imported.new.len(),
        already = imported.already,
        "offline spreadsheet imported in the console"
    );
    let lines = offline::imported(ctx.state.locales(), ctx.locale, &imported);
    let say = Say::Notice(lines.join(" "));
    Ok(page(Some(say), None, StatusCode::OK))
}

/// Every bad cell, by the row number the spreadsheet program shows.
fn problems_table(ctx: &Ctx, problems: &[RowProblem]) -> Markup {
    let l = ctx.l();
    let (locales, locale) = (ctx.state.locales(), ctx.locale);
    html! {
        div.table-scroll role="region" aria-labelledby="problems-caption" tabindex="0" {
            table.problems {
                caption #problems-caption { (fl!(l, "staff-record-problems-caption")) }
                thead {
                    tr {
                        th scope="col" { (fl!(l, "staff-record-col-row")) }
                        th scope="col" { (fl!(l, "staff-record-col-column")) }
                        th scope="col" { (fl!(l, "staff-record-col-problem")) }
                    }
                }
                tbody {
                    @for p in problems.iter().take(LISTED) {
                        tr {
                            th scope="row" { (fl!(l, "staff-record-row", row = p.row)) }
                            td { (offline::column_name(locales, locale, p.column)) }
                            td { (offline::problem_text(locales, locale, p.column, p.problem)) }
                        }
                    }
                }
            }
        }
        @if problems.len() > LISTED {
            @let more = problems.len() - LISTED;
            p { (fl!(l, "record-sheet-more", count = more)) }
        }
    }
}

/// Why a whole sheet was refused, in the console's words (chat's say where to send it).
fn sheet_refusal(ctx: &Ctx, e: &SheetError) -> String {
    let l = ctx.l();
    let mib = |bytes: u64| (bytes / limits::MIB).to_string();
    match e {
        SheetError::TooLarge { size, limit } => fl!(
            l,
            "staff-record-sheet-too-large",
            size = format!("{:.1}", *size as f64 / limits::MIB as f64),
            limit = mib(*limit)
        ),
        SheetError::UnsupportedType => fl!(l, "staff-record-sheet-unsupported"),
        SheetError::Unreadable { .. } => fl!(l, "staff-record-sheet-unreadable"),
        SheetError::Undecodable => fl!(l, "staff-record-sheet-undecodable"),
        SheetError::Unpacked { limit } => {
            fl!(l, "staff-record-sheet-unpacked", limit = mib(*limit))
        }
        SheetError::MissingColumns(columns) => {
            let names: Vec<String> = columns
                .iter()
                .map(|c| offline::column_name(ctx.state.locales(), ctx.locale, *c))
                .collect();
            let separator = fl!(l, "record-list-separator");
            fl!(
                l,
                "staff-record-sheet-missing-columns",
                columns = names.join(&separator)
            )
        }
        SheetError::Empty => fl!(l, "record-sheet-empty"),
        SheetError::TooManyRows { rows, limit } => {
            fl!(l, "staff-record-sheet-too-many", rows = rows, limit = limit)
        }
    }
}

/// The form as posted: every field as typed, to show it again.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Fields {
    pub channel: String,
    pub date: String,
    pub name: String,
    /// The article's number, or empty for the whole draft.
    pub article: String,
    pub stance: String,
    pub body: String,
    pub wording: String,
    /// A suggestion's title, contents and related rules (on an open call).
    pub title: String,
    pub contents: String,
    pub related: String,
    /// The point county staff chose.
    pub point: String,
    pub csrf: String,
    /// Made with the read-back: the opinion's submission key.
    pub nonce: String,
    /// 「返回修改」 on the read-back.
    pub back: Option<String>,
}

impl Fields {
    fn typed(&self, consultation: i64) -> offline::Typed {
        offline::Typed {
            consultation,
            channel: self.channel.clone(),
            date: self.date.clone(),
            name: self.name.clone(),
            article: self.article.clone(),
            stance: self.stance.clone(),
            body: self.body.clone(),
            wording: self.wording.clone(),
            title: self.title.clone(),
            contents: self.contents.clone(),
            related: self.related.clone(),
        }
    }

    /// The answers as hidden fields, for the read-back's buttons.
    fn hidden(&self) -> Markup {
        let pairs = [
            ("channel", &self.channel),
            ("date", &self.date),
            ("name", &self.name),
            ("article", &self.article),
            ("stance", &self.stance),
            ("body", &self.body),
            ("wording", &self.wording),
            ("title", &self.title),
            ("contents", &self.contents),
            ("related", &self.related),
            ("point", &self.point),
        ];
        html! {
            @for (name, value) in pairs {
                input type="hidden" name=(name) value=(value);
            }
        }
    }

    /// A nonce as [`nonce`] makes them (22 URL-safe characters), or None.
    fn nonce(&self) -> Option<&str> {
        let n = self.nonce.as_str();
        (n.len() == 22
            && n.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .then_some(n)
    }
}

/// A consultation being recorded on, with its current draft (for the articles).
struct Recording {
    c: Consultation,
    draft: Draft,
    /// Who records, for which point.
    rec: Recorder,
    /// That in words.
    scope: String,
}

impl Recording {
    /// Consultation `raw` if the person may record on it now, for `point` (county
    /// staff); else 404.
    async fn load(ctx: &Ctx, staff: &Staff, raw: &str, point: &str) -> Result<Recording, WebError> {
        let id: i64 = raw.parse().map_err(|_| WebError::NotFound)?;
        let rec = recorder(staff, point).ok_or(WebError::NotFound)?;
        let db = ctx.state.db();
        let c = db
            .offline()
            .open_for(&rec, ctx.state.now())
            .await?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or(WebError::NotFound)?;
        let draft = db
            .consultations()
            .draft(c.id, c.version)
            .await?
            .ok_or(WebError::NotFound)?;
        let scope = scope_text(ctx, staff, &rec).await?;
        Ok(Recording {
            c,
            draft,
            rec,
            scope,
        })
    }

    fn heading(&self, ctx: &Ctx) -> Markup {
        let (l, c) = (ctx.l(), &self.c);
        html! {
            p.meta {
                (c.code()) " " (c.title)
                br;
                (fl!(l, "web-version", version = c.version)) " · "
                (fl!(l, "web-deadline", deadline = ctx.time(c.closes_at)))
            }
        }
    }
}

/// The problems of a form, by field, in words.
type Problems = Vec<(Column, String)>;

impl Recording {
    /// The form checked by the domain's rules: the entry to store, or the form again
    /// with its problems in words.
    async fn check(
        &self,
        ctx: &Ctx,
        staff: &Staff,
        fields: &Fields,
    ) -> Result<Result<Entry, Response>, WebError> {
        let checked = ctx
            .state
            .db()
            .offline()
            .check_one(
                &fields.typed(self.c.id),
                &self.rec,
                &limits(ctx),
                ctx.state.now(),
            )
            .await?;
        Ok(checked.map_err(|problems| {
            let (locales, locale) = (ctx.state.locales(), ctx.locale);
            let problems: Problems = problems
                .into_iter()
                .map(|(c, p)| (c, offline::problem_text(locales, locale, c, p)))
                .collect();
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            form_page(ctx, staff, self, fields, &problems, status)
        }))
    }
}

/// The form, empty (today's date filled in).
pub async fn form(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Query(q): Query<PointQuery>,
) -> Result<Response, WebError> {
    let r = Recording::load(&ctx, &staff, &raw, &q.point).await?;
    let fields = Fields {
        date: today(&ctx).format("%Y-%m-%d").to_string(),
        point: q.point.trim().to_owned(),
        ..Fields::default()
    };
    Ok(form_page(
        &ctx,
        &staff,
        &r,
        &fields,
        &Problems::new(),
        StatusCode::OK,
    ))
}

/// 「下一步」 (to the read-back) and 「返回修改」 (back to the form).
pub async fn check(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(fields): Form<Fields>,
) -> Result<Response, WebError> {
    let r = Recording::load(&ctx, &staff, &raw, &fields.point).await?;
    if !staff.csrf_ok(&fields.csrf) {
        return Ok(refused(&ctx));
    }
    if fields.back.is_some() {
        let problems = Problems::new();
        return Ok(form_page(
            &ctx,
            &staff,
            &r,
            &fields,
            &problems,
            StatusCode::OK,
        ));
    }
    Ok(match r.check(&ctx, &staff, &fields).await? {
        Ok(entry) => read_back(&ctx, &staff, &r, &fields, &entry),
        Err(form) => form,
    })
}

/// 「保存」: checks everything again, stores the opinion once under the read-back's
/// nonce, and shows its receipt.
pub async fn save(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(fields): Form<Fields>,
) -> Result<Response, WebError> {
    let r = Recording::load(&ctx, &staff, &raw, &fields.point).await?;
    if !staff.csrf_ok(&fields.csrf) {
        return Ok(refused(&ctx));
    }
    let entry = match r.check(&ctx, &staff, &fields).await? {
        Ok(entry) => entry,
        Err(form) => return Ok(form),
    };
    // Without the read-back's nonce the recorder has not seen what is saved.
    let Some(nonce) = fields.nonce() else {
        return Ok(read_back(&ctx, &staff, &r, &fields, &entry));
    };
    let recorder = r.rec;
    let key = format!("rec:web:{}:{nonce}", recorder.user);
    let (opinion, new) = ctx
        .state
        .db()
        .offline()
        .record(&entry, &key, &recorder, ctx.state.now())
        .await?;
    if new {
        tracing::info!(consultation = r.c.id, receipt = %opinion.receipt,
            channel = entry.channel.as_str(), "offline opinion recorded in the console");
    }
    Ok(Redirect::to(&format!("/staff/record/saved/{}", opinion.id)).into_response())
}

/// The receipt of an offline opinion, for the person who recorded it.
pub async fn saved(ctx: Ctx, staff: Staff, Path(raw): Path<String>) -> Result<Response, WebError> {
    let id: i64 = raw.parse().map_err(|_| WebError::NotFound)?;
    let db = ctx.state.db();
    let o = db
        .opinions()
        .get(id)
        .await?
        .filter(|o| o.recorded_by == Some(staff.access.person()))
        .ok_or(WebError::NotFound)?;
    let date = db
        .offline()
        .gathered_on(o.id)
        .await?
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    // County staff go on recording for the point this one was filed under.
    let another = match o.point_id {
        Some(p) if staff.access.chooses_point() => format!("?point={p}"),
        _ => String::new(),
    };
    let l = ctx.l();
    let channel = ctx.text(o.channel.label_id());
    let (title, saved) = if db.suggestions().get(o.id).await?.is_some() {
        (
            fl!(l, "staff-record-saved-suggestion-title"),
            fl!(
                l,
                "staff-record-saved-suggestion",
                channel = channel,
                date = date
            ),
        )
    } else {
        (
            fl!(l, "staff-record-saved-title"),
            fl!(l, "staff-record-saved", channel = channel, date = date),
        )
    };
    let body = html! {
        h1 { (title) }
        p.notice role="status" { (saved) }
        p.receipt { (o.receipt) }
        ul.plain {
            li { a href=(format!("/staff/record/{}{another}", o.consultation_id)) { (fl!(l, "staff-record-another")) } }
            @if staff.access.may_read(&o) {
                li { a href=(format!("/staff/opinions/{}", o.id)) { (fl!(l, "staff-record-open-card")) } }
            }
            li { a href="/staff/record" { (fl!(l, "staff-record-back")) } }
        }
    };
    Ok(respond(
        &ctx,
        StatusCode::OK,
        staff_layout(&ctx, &staff, &title, body),
    ))
}

/// A field's message, tied to it by `aria-describedby`.
fn field_problem(problems: &Problems, column: Column) -> Option<&str> {
    problems
        .iter()
        .find(|(c, _)| *c == column)
        .map(|(_, t)| t.as_str())
}

fn field_error(problems: &Problems, column: Column) -> Markup {
    html! {
        @if let Some(text) = field_problem(problems, column) {
            p.error id=(format!("{}-error", column.key())) { (text) }
        }
    }
}

/// The ids that describe a field: its hint, and its message when there is one.
fn described_by(problems: &Problems, column: Column, hint: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{}-hint", column.key()));
    }
    if field_problem(problems, column).is_some() {
        ids.push(format!("{}-error", column.key()));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// One choice among `options` (code and words), as radio buttons named by the
/// column's key, `chosen` ticked.
fn choices(
    problems: &Problems,
    column: Column,
    legend: &str,
    options: &[(&str, String)],
    chosen: &str,
) -> Markup {
    html! {
        fieldset id=(column.key()) aria-describedby=[described_by(problems, column, false)] {
            legend { (legend) }
            (field_error(problems, column))
            @for (code, words) in options {
                label {
                    input type="radio" name=(column.key()) value=(code) checked[*code == chosen] required;
                    (words)
                }
            }
        }
    }
}

fn form_page(
    ctx: &Ctx,
    staff: &Staff,
    r: &Recording,
    f: &Fields,
    problems: &Problems,
    status: StatusCode,
) -> Response {
    let l = ctx.l();
    let title = fl!(l, "staff-record-form-title");
    let (min, max) = ctx.state.settings().opinion_chars;
    let today = today(ctx).format("%Y-%m-%d").to_string();
    let channels: Vec<(&str, String)> = Channel::OFFLINE
        .iter()
        .map(|c| (c.as_str(), ctx.text(c.label_id())))
        .collect();
    let stances: Vec<(&str, String)> = Stance::ALL
        .iter()
        .map(|s| (s.as_str(), ctx.text(s.label_id())))
        .collect();
    let body = html! {
        (r.heading(ctx))
        h1 { (title) }
        p.lead { (r.scope) }
        @if !problems.is_empty() {
            div.error role="alert" {
                p { (fl!(l, "web-form-problems")) }
                ul {
                    @for (column, text) in problems {
                        li {
                            // The consultation is not a field: its problem is read here.
                            @if *column == Column::Consultation {
                                (text)
                            } @else {
                                a href=(format!("#{}", column.key())) { (text) }
                            }
                        }
                    }
                }
            }
        }
        form method="post" action=(format!("/staff/record/{}", r.c.id)) novalidate {
            input type="hidden" name="csrf" value=(staff.csrf());
            (choices(problems, Column::Channel, &fl!(l, "staff-record-channel"), &channels, &f.channel))
            div.field {
                label for="date" { (fl!(l, "staff-record-date")) }
                (field_error(problems, Column::Date))
                input #date type="date" name="date" value=(f.date) max=(today) required
                    aria-describedby=[described_by(problems, Column::Date, true)];
                span.hint #date-hint { (fl!(l, "staff-record-date-hint", today = today.clone())) }
            }
            div.field {
                label for="name" { (fl!(l, "staff-record-name")) }
                (field_error(problems, Column::Name))
                input #name type="text" name="name" value=(f.name) maxlength=(offline::MAX_NAME_CHARS)
                    autocomplete="off" aria-describedby=[described_by(problems, Column::Name, true)];
                span.hint #name-hint { (fl!(l, "staff-record-name-hint", max = offline::MAX_NAME_CHARS)) }
            }
            input type="hidden" name="point" value=(f.point);
            @if r.c.is_open_call() {
                (suggestion_fields(ctx, f, problems))
            } @else {
                div.field {
                    label for="article" { (fl!(l, "web-field-article")) }
                    (field_error(problems, Column::Article))
                    select #article name="article" aria-describedby=[described_by(problems, Column::Article, false)] {
                        option value="" selected[f.article.is_empty()] { (fl!(l, "opinion-whole-draft")) }
                        @for a in &r.draft.articles {
                            @let value = a.number.to_string();
                            option value=(value) selected[f.article == value] {
                                (crate::consultations::article_heading(a))
                            }
                        }
                    }
                }
                (choices(problems, Column::Stance, &fl!(l, "staff-record-stance"), &stances, &f.stance))
                div.field {
                    label for="body" { (fl!(l, "staff-record-body", min = min, max = max)) }
                    (field_error(problems, Column::Body))
                    textarea #body name="body" rows="8" required
                        aria-describedby=[described_by(problems, Column::Body, false)] { (f.body) }
                }
                div.field {
                    label for="wording" { (fl!(l, "staff-record-wording")) }
                    (field_error(problems, Column::Wording))
                    textarea #wording name="wording" rows="4"
                        aria-describedby=[described_by(problems, Column::Wording, false)] { (f.wording) }
                }
            }
            button type="submit" { (fl!(l, "staff-record-next")) }
        }
        p { a href=(format!("/staff/record{}", point_suffix(&r.rec, staff))) { (fl!(l, "staff-record-back")) } }
    };
    respond(ctx, status, staff_layout(ctx, staff, &title, body))
}

/// A suggestion's own fields (an open call's form), labelled as the resident's web
/// form labels them.
fn suggestion_fields(ctx: &Ctx, f: &Fields, problems: &Problems) -> Markup {
    use consult_domain::open_calls::{RELATED_MAX, TITLE_MAX};
    let l = ctx.l();
    let (min, max) = ctx.state.settings().opinion_chars;
    html! {
        div.field {
            label for="title" { (fl!(l, "web-form-project", max = TITLE_MAX)) }
            (field_error(problems, Column::Title))
            input #title type="text" name="title" value=(f.title) maxlength=(TITLE_MAX) required
                aria-describedby=[described_by(problems, Column::Title, false)];
        }
        div.field {
            label for="problem" { (fl!(l, "web-form-problem", min = min, max = max)) }
            (field_error(problems, Column::Problem))
            textarea #problem name="body" rows="6" required
                aria-describedby=[described_by(problems, Column::Problem, false)] { (f.body) }
        }
        div.field {
            label for="contents" { (fl!(l, "web-form-contents", min = min, max = max)) }
            (field_error(problems, Column::Contents))
            textarea #contents name="contents" rows="6" required
                aria-describedby=[described_by(problems, Column::Contents, false)] { (f.contents) }
        }
        div.field {
            label for="related" { (fl!(l, "web-form-related", max = RELATED_MAX)) }
            (field_error(problems, Column::Related))
            textarea #related name="related" rows="3"
                aria-describedby=[described_by(problems, Column::Related, false)] { (f.related) }
        }
    }
}

/// The read-back: the opinion as it will be stored, 「保存」 and 「返回修改」.
fn read_back(ctx: &Ctx, staff: &Staff, r: &Recording, f: &Fields, entry: &Entry) -> Response {
    let l = ctx.l();
    let title = fl!(l, "staff-record-review-title");
    let target = match &entry.article {
        Some((_, label)) => label.clone(),
        None => fl!(l, "opinion-whole-draft"),
    };
    let resident = match &entry.resident_name {
        Some(name) => fl!(l, "record-review-named", name = name.clone()),
        None => fl!(l, "record-review-anonymous"),
    };
    let action = format!("/staff/record/{}", r.c.id);
    let body = html! {
        (r.heading(ctx))
        h1 { (title) }
        dl {
            dt { (fl!(l, "staff-record-channel")) } dd { (ctx.text(entry.channel.label_id())) }
            dt { (fl!(l, "staff-record-date")) } dd { (entry.gathered_on.format("%Y-%m-%d").to_string()) }
            @if let Some(s) = &entry.suggestion {
                (crate::open_calls::read_back(ctx, s, &entry.body))
            } @else {
                dt { (fl!(l, "web-field-article")) } dd { (target) }
                dt { (fl!(l, "web-field-stance")) } dd { (ctx.text(entry.stance.label_id())) }
                dt { (fl!(l, "web-field-body")) } dd.text { (entry.body) }
                @if let Some(w) = &entry.wording {
                    dt { (fl!(l, "web-field-wording")) } dd.text { (w) }
                }
            }
        }
        p { (resident) }
        form method="post" action=(format!("{action}/save")) {
            input type="hidden" name="csrf" value=(staff.csrf());
            (f.hidden())
            input type="hidden" name="nonce" value=(nonce());
            button type="submit" { (fl!(l, "record-save")) }
            " "
            button.secondary type="submit" name="back" value="1" formaction=(action) {
                (fl!(l, "staff-record-change"))
            }
        }
    };
    respond(ctx, StatusCode::OK, staff_layout(ctx, staff, &title, body))
}
