//! `/staff/review`: the ledger as a table, for reviewers (admins: every point; a
//! liaison: their own). Filters are the page's query string (consultation, article,
//! status, channel, contact point, text, page), so a filtered view is a link to send
//! or bookmark. The table is one form: tick rows, choose 已阅, 转交 or 无效 (with one
//! reason for all), send; it works without JavaScript. Each ticked opinion goes
//! through the domain's review action one by one ([`consult_domain::review::Reviews::act`]),
//! which re-checks the scope and writes the same audit entry as a button in chat; an
//! opinion withdrawn meanwhile, or not in the reviewer's scope (a forged id), is
//! counted as left alone. Informants review nothing: the page is a 404 for them.

use std::collections::HashMap;

use axum::{
    body::Bytes,
    extract::RawQuery,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use consult_domain::{
    Error as DomainError,
    consultations::Consultation,
    opinions::{
        Channel, Opinion, Status,
        ledger::{Filter, TEXT_MAX_CHARS},
    },
    review::{Action, Scope},
};
use maud::{Markup, html};

use crate::{
    WebError,
    i18n::fl,
    page::{Ctx, respond},
    staff::{Say, Staff, login::refused, staff_layout},
};

/// Rows on one page of the table.
pub const PAGE_ROWS: i64 = 50;

/// The most opinions one bulk action takes (a page's worth, with room to spare); a
/// post naming more is cut there.
const BULK_MAX: usize = 200;

/// How much of an opinion the table shows.
const EXCERPT_CHARS: usize = 60;

/// The pairs of a query string or a form body.
pub fn pairs(raw: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(raw)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The first value of `name` among `pairs`, trimmed; None when missing or empty.
pub fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// The table as the query string asks for it. Anything that does not parse is left
/// out (a mistyped link shows more, never an error).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub consultation: Option<i64>,
    /// None: every article; Some(None): the whole draft; Some(Some(n)): article n.
    pub article: Option<Option<i32>>,
    pub status: Option<Status>,
    pub channel: Option<Channel>,
    /// A contact point's code (admins choose one; a liaison's scope is theirs anyway).
    pub point: Option<String>,
    pub text: Option<String>,
    /// From 1.
    pub page: i64,
}

impl View {
    pub fn parse(raw: Option<&str>) -> View {
        let pairs = pairs(raw.unwrap_or_default().as_bytes());
        let get = |name: &str| value(&pairs, name);
        let consultation = get("consultation")
            .map(|v| v.trim_start_matches(['C', 'c']))
            .and_then(|v| v.parse::<i64>().ok())
            .filter(|id| *id > 0);
        // Only within one consultation: article numbers mean nothing across drafts.
        let article = consultation.and(get("article")).and_then(|v| match v {
            "whole" => Some(None),
            n => n.parse::<i32>().ok().filter(|n| *n > 0).map(Some),
        });
        View {
            consultation,
            article,
            status: get("status").and_then(Status::parse),
            channel: get("channel").and_then(Channel::parse),
            point: get("point")
                .filter(|p| {
                    p.len() <= 64
                        && p.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                })
                .map(str::to_owned),
            text: get("q").map(|t| t.chars().take(TEXT_MAX_CHARS).collect()),
            page: get("page")
                .and_then(|v| v.parse::<i64>().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    /// The query string of this view on `page` (the first page's number left out).
    pub fn query(&self, page: i64) -> String {
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        if let Some(c) = self.consultation {
            out.append_pair("consultation", &c.to_string());
        }
        match self.article {
            None => {}
            Some(None) => {
                out.append_pair("article", "whole");
            }
            Some(Some(n)) => {
                out.append_pair("article", &n.to_string());
            }
        }
        if let Some(s) = self.status {
            out.append_pair("status", s.as_str());
        }
        if let Some(c) = self.channel {
            out.append_pair("channel", c.as_str());
        }
        if let Some(p) = &self.point {
            out.append_pair("point", p);
        }
        if let Some(t) = &self.text {
            out.append_pair("q", t);
        }
        if page > 1 {
            out.append_pair("page", &page.to_string());
        }
        out.finish()
    }

    /// This view's address on `page`.
    pub fn link(&self, page: i64) -> String {
        let q = self.query(page);
        if q.is_empty() {
            "/staff/review".to_owned()
        } else {
            format!("/staff/review?{q}")
        }
    }
}

/// The pages of a table (the ledger, the audit log): the one shown and how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pages {
    /// From 1.
    pub current: i64,
    pub count: i64,
}

impl Pages {
    /// Page `asked` of `total` rows, `per` a page; past the end (the table shrank, or
    /// a hand-made link), the last one.
    pub fn of(asked: i64, total: i64, per: i64) -> Pages {
        let count = ((total + per - 1) / per).max(1);
        Pages {
            current: asked.clamp(1, count),
            count,
        }
    }

    /// The rows before page `page`.
    pub fn offset(page: i64, per: i64) -> i64 {
        (page - 1).saturating_mul(per)
    }

    /// The links to the page before and after, and where this one is; nothing when
    /// there is one page.
    pub fn nav(&self, ctx: &Ctx, link: impl Fn(i64) -> String) -> Markup {
        let (l, current, pages) = (ctx.l(), self.current, self.count);
        html! {
            @if pages > 1 {
                nav.pager aria-label=(fl!(l, "staff-review-pages")) {
                    @if current > 1 {
                        a href=(link(current - 1)) rel="prev" { (fl!(l, "staff-review-prev")) }
                    }
                    span { (fl!(l, "staff-review-page", page = current, pages = pages)) }
                    @if current < pages {
                        a href=(link(current + 1)) rel="next" { (fl!(l, "staff-review-next")) }
                    }
                }
            }
        }
    }
}

/// A review action that may be applied to many opinions at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bulk {
    Reviewed,
    Forwarded,
    Invalid,
}

impl Bulk {
    pub const ALL: [Bulk; 3] = [Bulk::Reviewed, Bulk::Forwarded, Bulk::Invalid];

    pub fn code(self) -> &'static str {
        match self {
            Bulk::Reviewed => "reviewed",
            Bulk::Forwarded => "forwarded",
            Bulk::Invalid => "invalid",
        }
    }

    pub fn parse(raw: &str) -> Option<Bulk> {
        Bulk::ALL.into_iter().find(|b| b.code() == raw)
    }

    /// The button's (or the choice's) words.
    pub fn label(self, ctx: &Ctx) -> String {
        let l = ctx.l();
        match self {
            Bulk::Reviewed => fl!(l, "staff-review-bulk-reviewed"),
            Bulk::Forwarded => fl!(l, "staff-review-bulk-forwarded"),
            Bulk::Invalid => fl!(l, "staff-review-bulk-invalid"),
        }
    }

    /// The domain action, with the reason for 无效.
    pub fn action(self, reason: &str) -> Action {
        match self {
            Bulk::Reviewed => Action::Reviewed,
            Bulk::Forwarded => Action::Forwarded,
            Bulk::Invalid => Action::Invalid {
                reason: reason.to_owned(),
            },
        }
    }
}

/// What one review action on one opinion came to.
pub enum Applied {
    Done,
    /// Withdrawn by the resident (before or meanwhile): nothing changed.
    Withdrawn,
    /// Not in the reviewer's scope, or no such opinion: nothing changed.
    Unknown,
}

/// Applies `action` to opinion `id` as `staff` (scope re-checked, audited by the domain).
pub async fn apply(
    ctx: &Ctx,
    staff: &Staff,
    scope: Scope,
    id: i64,
    action: &Action,
) -> Result<Applied, WebError> {
    let now = ctx.state.now();
    match ctx
        .state
        .db()
        .reviews()
        .act(id, staff.access.person(), scope, action, now)
        .await
    {
        Ok(_) => Ok(Applied::Done),
        Err(DomainError::OpinionLocked(_)) => Ok(Applied::Withdrawn),
        Err(DomainError::UnknownOpinion(_)) => Ok(Applied::Unknown),
        Err(e) => Err(e.into()),
    }
}

/// The first `n` characters of `text`, with an ellipsis when cut.
pub fn excerpt(text: &str, n: usize) -> String {
    let mut out: String = text.chars().take(n).collect();
    if text.chars().nth(n).is_some() {
        out.push('…');
    }
    out
}

/// The article an opinion is on, in words.
pub fn article_name(ctx: &Ctx, o: &Opinion) -> String {
    match &o.article_label {
        Some(label) => label.clone(),
        None => fl!(ctx.l(), "staff-opinion-whole-draft"),
    }
}

/// A bulk post's outcome, carried in the address it redirects to.
fn done_text(ctx: &Ctx, raw: Option<&str>) -> Option<String> {
    let pairs = pairs(raw.unwrap_or_default().as_bytes());
    let bulk = value(&pairs, "done").and_then(Bulk::parse)?;
    let count = |name: &str| {
        value(&pairs, name)
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let (n, skipped) = (count("n"), count("skipped"));
    let l = ctx.l();
    let mut text = match bulk {
        Bulk::Reviewed => fl!(l, "staff-review-done-reviewed", count = n),
        Bulk::Forwarded => fl!(l, "staff-review-done-forwarded", count = n),
        Bulk::Invalid => fl!(l, "staff-review-done-invalid", count = n),
    };
    if skipped > 0 {
        text.push(' ');
        text.push_str(&fl!(l, "staff-review-skipped", count = skipped));
    }
    Some(text)
}

/// What a refused bulk post had ticked and typed, to show it again.
#[derive(Default)]
struct Kept {
    ticked: Vec<i64>,
    bulk: Option<Bulk>,
    reason: String,
}

pub async fn show(ctx: Ctx, staff: Staff, RawQuery(raw): RawQuery) -> Result<Response, WebError> {
    let scope = staff.access.review().ok_or(WebError::NotFound)?;
    let view = View::parse(raw.as_deref());
    let say = done_text(&ctx, raw.as_deref()).map(Say::Notice);
    page(&ctx, &staff, scope, &view, say, &Kept::default()).await
}

/// The bulk form: the ticked ids, one action, one reason (for 无效), the view to
/// come back to.
pub async fn bulk(ctx: Ctx, staff: Staff, body: Bytes) -> Result<Response, WebError> {
    let scope = staff.access.review().ok_or(WebError::NotFound)?;
    let fields = pairs(&body);
    if !staff.csrf_ok(value(&fields, "csrf").unwrap_or_default()) {
        return Ok(refused(&ctx));
    }
    let view = View::parse(value(&fields, "back"));
    let mut ticked: Vec<i64> = fields
        .iter()
        .filter(|(k, _)| k == "id")
        .filter_map(|(_, v)| v.trim().parse().ok())
        .collect();
    ticked.sort_unstable();
    ticked.dedup();
    ticked.truncate(BULK_MAX);
    let bulk = value(&fields, "action").and_then(Bulk::parse);
    let reason = value(&fields, "reason").unwrap_or_default().to_owned();
    let l = ctx.l();
    let problem = if ticked.is_empty() {
        Some(fl!(l, "staff-review-problem-none-ticked"))
    } else if bulk.is_none() {
        Some(fl!(l, "staff-review-problem-action"))
    } else if bulk == Some(Bulk::Invalid) && reason.is_empty() {
        Some(fl!(l, "staff-review-problem-reason"))
    } else {
        None
    };
    let (Some(bulk), None) = (bulk, &problem) else {
        let kept = Kept {
            ticked,
            bulk,
            reason,
        };
        let say = problem.map(Say::Problem);
        return page(&ctx, &staff, scope, &view, say, &kept).await;
    };
    let action = bulk.action(&reason);
    let (mut done, mut skipped) = (0, 0);
    for id in &ticked {
        match apply(&ctx, &staff, scope, *id, &action).await? {
            Applied::Done => done += 1,
            Applied::Withdrawn | Applied::Unknown => skipped += 1,
        }
    }
    let back = view.link(view.page);
    let sep = if back.contains('?') { '&' } else { '?' };
    let to = format!("{back}{sep}done={}&n={done}&skipped={skipped}", bulk.code());
    Ok(Redirect::to(&to).into_response())
}

/// The choices of the filter form and the names the table shows.
struct Names {
    consultations: Vec<Consultation>,
    /// The chosen consultation's articles that have opinions in scope.
    articles: Vec<(Option<i32>, Option<String>)>,
    /// Every point (id, code, name); admins choose among them.
    points: Vec<(i64, String, String)>,
}

impl Names {
    async fn load(ctx: &Ctx, scope: Scope, view: &View) -> Result<Names, WebError> {
        let db = ctx.state.db();
        let mut consultations = Vec::new();
        for counts in db.reviews().counts(scope).await? {
            if let Some(c) = db.consultations().get(counts.consultation_id).await? {
                consultations.push(c);
            }
        }
        let articles = match view.consultation {
            Some(c) => db.reviews().articles(c, scope).await?,
            None => Vec::new(),
        };
        // Only the points in scope are named (a county's own district's).
        let points = db
            .points()
            .list()
            .await?
            .into_iter()
            .filter(|p| scope.covers(Some(p.id), p.district_id))
            .map(|p| (p.id, p.code, p.name))
            .collect();
        Ok(Names {
            consultations,
            articles,
            points,
        })
    }

    /// Whether consultation `id` is an open call: its suggestions are on no article and
    /// take no stance, so neither is offered nor shown for them.
    fn is_open_call(&self, id: i64) -> bool {
        self.consultations
            .iter()
            .any(|c| c.id == id && c.is_open_call())
    }

    fn consultation(&self, id: i64) -> String {
        self.consultations
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| format!("C{id}"), Consultation::code)
    }

    fn point_id(&self, code: &str) -> Option<i64> {
        self.points
            .iter()
            .find(|(_, c, _)| c.eq_ignore_ascii_case(code))
            .map(|(id, _, _)| *id)
    }
}

async fn page(
    ctx: &Ctx,
    staff: &Staff,
    scope: Scope,
    view: &View,
    say: Option<Say>,
    kept: &Kept,
) -> Result<Response, WebError> {
    let db = ctx.state.db();
    let names = Names::load(ctx, scope, view).await?;
    // A code no point has matches nothing (no point has id 0), rather than everything.
    let point = view
        .point
        .as_ref()
        .map(|code| names.point_id(code).unwrap_or(0));
    let filter = Filter {
        consultation: view.consultation,
        article: view.article,
        status: view.status,
        channel: view.channel,
        point,
        text: view.text.clone(),
    };
    let mut rows = db
        .opinions()
        .table(
            scope,
            &filter,
            Pages::offset(view.page, PAGE_ROWS),
            PAGE_ROWS,
        )
        .await?;
    let pages = Pages::of(view.page, rows.total, PAGE_ROWS);
    let current = pages.current;
    if current != view.page {
        rows = db
            .opinions()
            .table(scope, &filter, Pages::offset(current, PAGE_ROWS), PAGE_ROWS)
            .await?;
    }
    let view = View {
        page: current,
        ..view.clone()
    };
    let point_names: HashMap<i64, &str> = names
        .points
        .iter()
        .map(|(id, _, name)| (*id, name.as_str()))
        .collect();
    // A reviewer of many points sees which point each opinion is from.
    let all_points = !matches!(scope, Scope::Point(_));
    let l = ctx.l();
    let title = fl!(l, "staff-review-title");
    let from = Pages::offset(current, PAGE_ROWS) + 1;
    let to = from + rows.opinions.len() as i64 - 1;
    let caption = if rows.total == 0 {
        fl!(l, "staff-review-caption-empty")
    } else {
        fl!(
            l,
            "staff-review-caption",
            total = rows.total,
            from = from,
            to = to
        )
    };
    let body = html! {
        h1 { (title) }
        @if let Some(s) = &say {
            (s)
        }
        (filters(ctx, &view, &names, all_points))
        @if let Some(c) = view.consultation {
            p {
                a href=(format!("/staff/export/C{c}.xlsx")) download {
                    (fl!(l, "staff-review-export", consultation = names.consultation(c)))
                }
            }
        }
        form method="post" action="/staff/review/bulk" {
            input type="hidden" name="csrf" value=(staff.csrf());
            input type="hidden" name="back" value=(view.query(current));
            div.table-scroll.wide role="region" aria-labelledby="ledger-caption" tabindex="0" {
                table.ledger {
                    caption #ledger-caption { (caption) }
                    thead {
                        tr {
                            th scope="col" { span.visually-hidden { (fl!(l, "staff-review-col-select")) } }
                            th scope="col" { (fl!(l, "staff-review-col-receipt")) }
                            th scope="col" { (fl!(l, "staff-review-col-article")) }
                            th scope="col" { (fl!(l, "staff-review-col-stance")) }
                            th scope="col" { (fl!(l, "staff-review-col-body")) }
                            @if all_points {
                                th scope="col" { (fl!(l, "staff-review-col-point")) }
                            }
                            th scope="col" { (fl!(l, "staff-review-col-channel")) }
                            th scope="col" { (fl!(l, "staff-review-col-status")) }
                            th scope="col" { (fl!(l, "staff-review-col-given")) }
                        }
                    }
                    tbody {
                        @for o in &rows.opinions {
                            @let tick = format!("tick-{}", o.id);
                            tr {
                                td.tick {
                                    @if o.status != Status::Withdrawn {
                                        input #(tick) type="checkbox" name="id" value=(o.id)
                                            checked[kept.ticked.contains(&o.id)];
                                        label.visually-hidden for=(tick) {
                                            (fl!(l, "staff-review-select", receipt = o.receipt.clone()))
                                        }
                                    }
                                }
                                th scope="row" {
                                    a href=(format!("/staff/opinions/{}", o.id)) { (o.receipt) }
                                }
                                @if names.is_open_call(o.consultation_id) {
                                    td { (fl!(l, "staff-review-suggestion")) }
                                    td { "—" }
                                } @else {
                                    td { (article_name(ctx, o)) }
                                    td { (ctx.text(o.stance.label_id())) }
                                }
                                td.excerpt { (excerpt(&o.body, EXCERPT_CHARS)) }
                                @if all_points {
                                    td {
                                        (o.point_id
                                            .and_then(|p| point_names.get(&p).copied())
                                            .unwrap_or(""))
                                    }
                                }
                                td { (ctx.text(o.channel.label_id())) }
                                td { (ctx.text(o.status.review_label_id())) }
                                td.time { (ctx.time(o.created_at)) }
                            }
                        }
                    }
                }
            }
            @if rows.total == 0 {
                p { (fl!(l, "staff-review-none")) }
            } @else {
                fieldset.bulk {
                    legend { (fl!(l, "staff-review-bulk")) }
                    @for b in Bulk::ALL {
                        @let id = format!("bulk-{}", b.code());
                        label for=(id) {
                            input #(id) type="radio" name="action" value=(b.code())
                                checked[kept.bulk.unwrap_or(Bulk::Reviewed) == b];
                            (b.label(ctx))
                        }
                    }
                    div.field {
                        label for="reason" { (fl!(l, "staff-review-reason")) }
                        input #reason type="text" name="reason" value=(kept.reason);
                    }
                    button type="submit" { (fl!(l, "staff-review-bulk-submit")) }
                }
            }
        }
        (pages.nav(ctx, |n| view.link(n)))
    };
    let status = match say {
        Some(Say::Problem(_)) => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::OK,
    };
    Ok(respond(ctx, status, staff_layout(ctx, staff, &title, body)))
}

/// One filter: a labelled choice whose first option ("" — any) is no filter.
fn choice(
    name: &str,
    label: String,
    any: String,
    options: &[(String, String)],
    chosen: &str,
) -> Markup {
    let id = format!("f-{name}");
    html! {
        div.field {
            label for=(id) { (label) }
            select #(id) name=(name) {
                option value="" { (any) }
                @for (value, text) in options {
                    option value=(value) selected[value == chosen] { (text) }
                }
            }
        }
    }
}

/// The filter form: a GET, so the result is a link.
fn filters(ctx: &Ctx, view: &View, names: &Names, all_points: bool) -> Markup {
    let l = ctx.l();
    let consultations: Vec<(String, String)> = names
        .consultations
        .iter()
        .map(|c| (c.id.to_string(), format!("{} {}", c.code(), c.title)))
        .collect();
    let articles: Vec<(String, String)> = names
        .articles
        .iter()
        .map(|(number, label)| match (number, label) {
            (None, _) => ("whole".to_owned(), fl!(l, "staff-opinion-whole-draft")),
            (Some(n), Some(label)) => (n.to_string(), label.clone()),
            (Some(n), None) => (n.to_string(), n.to_string()),
        })
        .collect();
    let statuses: Vec<(String, String)> = Status::ALL
        .map(|s| (s.as_str().to_owned(), ctx.text(s.review_label_id())))
        .to_vec();
    let channels: Vec<(String, String)> = Channel::ALL
        .map(|c| (c.as_str().to_owned(), ctx.text(c.label_id())))
        .to_vec();
    let points: Vec<(String, String)> = names
        .points
        .iter()
        .map(|(_, code, name)| (code.clone(), name.clone()))
        .collect();
    let chosen_point = view
        .point
        .as_deref()
        .and_then(|p| points.iter().find(|(code, _)| code.eq_ignore_ascii_case(p)))
        .map_or("", |(code, _)| code.as_str());
    let article = match view.article {
        None => String::new(),
        Some(None) => "whole".to_owned(),
        Some(Some(n)) => n.to_string(),
    };
    let consultation = view.consultation.map(|c| c.to_string()).unwrap_or_default();
    html! {
        form.filters method="get" action="/staff/review" role="search"
            aria-label=(fl!(l, "staff-review-filters")) {
            (choice("consultation", fl!(l, "staff-review-filter-consultation"),
                fl!(l, "staff-review-any-consultation"), &consultations, &consultation))
            // Article numbers mean something within one draft only.
            @if view.consultation.is_some_and(|c| !names.is_open_call(c)) {
                (choice("article", fl!(l, "staff-review-filter-article"),
                    fl!(l, "staff-review-any-article"), &articles, &article))
            }
            (choice("status", fl!(l, "staff-review-filter-status"),
                fl!(l, "staff-review-any-status"), &statuses,
                view.status.map_or("", Status::as_str)))
            (choice("channel", fl!(l, "staff-review-filter-channel"),
                fl!(l, "staff-review-any-channel"), &channels,
                view.channel.map_or("", Channel::as_str)))
            @if all_points {
                (choice("point", fl!(l, "staff-review-filter-point"),
                    fl!(l, "staff-review-any-point"), &points, chosen_point))
            }
            div.field {
                label for="f-text" { (fl!(l, "staff-review-filter-text")) }
                input #f-text type="search" name="q" value=(view.text.as_deref().unwrap_or(""))
                    maxlength=(TEXT_MAX_CHARS) aria-describedby="f-text-hint";
                span.hint #f-text-hint { (fl!(l, "staff-review-filter-text-hint")) }
            }
            (filter_buttons(ctx, "/staff/review"))
        }
    }
}

/// A filter form's buttons: filter, and clear (`clear`: the page unfiltered).
pub fn filter_buttons(ctx: &Ctx, clear: &str) -> Markup {
    let l = ctx.l();
    html! {
        div.actions {
            button type="submit" { (fl!(l, "staff-review-filter-submit")) }
            " "
            a.button.secondary href=(clear) { (fl!(l, "staff-review-filter-clear")) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_reads_back_from_its_own_link() {
        let view = View::parse(Some(
            "consultation=C3&article=whole&status=received&channel=web&point=jinqiao&q=%E7%89%B5%E7%BB%B3+50%25&page=2",
        ));
        assert_eq!(view.consultation, Some(3));
        assert_eq!(view.article, Some(None));
        assert_eq!(view.status, Some(Status::Received));
        assert_eq!(view.channel, Some(Channel::Web));
        assert_eq!(view.point.as_deref(), Some("jinqiao"));
        assert_eq!(view.text.as_deref(), Some("牵绳 50%"));
        assert_eq!(view.page, 2);
        assert_eq!(View::parse(Some(&view.query(2))), view);
        assert_eq!(View::default().link(1), "/staff/review");
    }

    #[test]
    fn what_does_not_parse_is_left_out() {
        let view = View::parse(Some(
            "consultation=x&article=3&status=lost&channel=fax&point=%3Cb%3E&page=-1",
        ));
        assert_eq!(
            view,
            View {
                page: 1,
                ..View::default()
            }
        );
        // An article only within a consultation.
        assert_eq!(View::parse(Some("article=3")).article, None);
        assert_eq!(
            View::parse(Some("consultation=1&article=3")).article,
            Some(Some(3))
        );
    }

    #[test]
    fn excerpts_say_when_they_are_cut() {
        assert_eq!(excerpt("短", 3), "短");
        assert_eq!(excerpt("一二三四", 3), "一二三…");
    }
}
