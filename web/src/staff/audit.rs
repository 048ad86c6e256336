//! `/staff/audit`: the audit log for admins (anyone else gets the console's 404), newest
//! first, 50 entries a page, filtered as `consult-bot audit` filters it — by actor (a
//! person id, a staff account's name, or `cli` for the entries without one: the
//! command line's, failed logins, sessions ended by time), by action (a prefix:
//! `staff.` is every login and logout) and by days (both included, display time zone).
//! The filters are the page's query string, so a filtered view is a link.

use axum::{Router, extract::RawQuery, http::StatusCode, response::Response, routing::get};
use consult_domain::{
    Actor,
    access::Access,
    assessment::{Period, parse_day},
    audit::{ActorFilter, AuditRecord, Filter},
    staff::{LoginName, is_telegram_user},
};
use maud::{Markup, html};

use crate::{
    WebError, WebState,
    i18n::fl,
    page::{Ctx, respond},
    staff::{
        Say, Staff,
        review::{Pages, filter_buttons, pairs, value},
        staff_layout,
    },
};

/// Entries on one page.
const PAGE_ROWS: i64 = 50;
/// The longest filter value read (an action or a name is far shorter).
const FILTER_CHARS: usize = 100;
/// How much of an entry's detail the table shows.
const DETAIL_CHARS: usize = 200;

pub fn router() -> Router<WebState> {
    Router::new().route("/staff/audit", get(show))
}

/// The filters as the query string gives them (each cut to [`FILTER_CHARS`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct View {
    actor: String,
    action: String,
    since: String,
    until: String,
    page: i64,
}

impl View {
    fn parse(raw: Option<&str>) -> View {
        let pairs = pairs(raw.unwrap_or_default().as_bytes());
        let get = |name: &str| {
            value(&pairs, name)
                .map(|v| v.chars().take(FILTER_CHARS).collect())
                .unwrap_or_default()
        };
        View {
            actor: get("actor"),
            action: get("action"),
            since: get("since"),
            until: get("until"),
            page: value(&pairs, "page")
                .and_then(|v| v.parse::<i64>().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    /// This view's address on `page`.
    fn link(&self, page: i64) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for (name, v) in [
            ("actor", &self.actor),
            ("action", &self.action),
            ("since", &self.since),
            ("until", &self.until),
        ] {
            if !v.is_empty() {
                q.append_pair(name, v);
            }
        }
        if page > 1 {
            q.append_pair("page", &page.to_string());
        }
        let q = q.finish();
        if q.is_empty() {
            "/staff/audit".to_owned()
        } else {
            format!("/staff/audit?{q}")
        }
    }
}

/// The domain's filter for a view, or what is wrong with it. An actor is a person id,
/// `cli`, or a staff account's name.
async fn filter(ctx: &Ctx, view: &View) -> Result<Result<Filter, String>, WebError> {
    let l = ctx.l();
    let tz = ctx.state.settings().timezone;
    let actor = match view.actor.as_str() {
        "" => None,
        raw => match ActorFilter::parse(raw) {
            Some(a) => Some(a),
            None => {
                let account = match LoginName::parse(raw) {
                    Ok(name) => ctx.state.db().staff().find(&name).await?,
                    Err(_) => None,
                };
                match account {
                    Some(a) => Some(ActorFilter::Person(a.person)),
                    None => return Ok(Err(fl!(l, "staff-audit-unknown-actor", actor = raw))),
                }
            }
        },
    };
    // A day's bounds in the display time zone: from its start, until the next one's.
    let day = |raw: &str| {
        if raw.is_empty() {
            return Ok(None);
        }
        parse_day(raw)
            .and_then(|d| Period::days(d, d, tz))
            .map(Some)
            .ok_or_else(|| fl!(l, "staff-audit-bad-day", day = raw))
    };
    let since = match day(&view.since) {
        Ok(d) => d.map(|p| p.from),
        Err(e) => return Ok(Err(e)),
    };
    let until = match day(&view.until) {
        Ok(d) => d.map(|p| p.to),
        Err(e) => return Ok(Err(e)),
    };
    Ok(Ok(Filter {
        actor,
        action: Some(view.action.clone()).filter(|a| !a.is_empty()),
        subject: None,
        since,
        until,
        limit: PAGE_ROWS,
    }))
}

pub async fn show(ctx: Ctx, staff: Staff, RawQuery(raw): RawQuery) -> Result<Response, WebError> {
    if !matches!(staff.access, Access::Admin { .. }) {
        return Err(WebError::NotFound);
    }
    let view = View::parse(raw.as_deref());
    let db = ctx.state.db();
    let actions = db.audit().actions().await?;
    let l = ctx.l();
    let title = fl!(l, "staff-audit-title");
    let filter = match filter(&ctx, &view).await? {
        Ok(f) => f,
        Err(problem) => {
            let body = html! {
                h1 { (title) }
                (Say::Problem(problem))
                (filters(&ctx, &view, &actions))
            };
            return Ok(respond(
                &ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                staff_layout(&ctx, &staff, &title, body),
            ));
        }
    };
    let mut found = db
        .audit()
        .page(&filter, Pages::offset(view.page, PAGE_ROWS))
        .await?;
    let pages = Pages::of(view.page, found.total, PAGE_ROWS);
    let current = pages.current;
    if current != view.page {
        found = db
            .audit()
            .page(&filter, Pages::offset(current, PAGE_ROWS))
            .await?;
    }
    let from = Pages::offset(current, PAGE_ROWS) + 1;
    let to = from + found.entries.len() as i64 - 1;
    let caption = if found.total == 0 {
        fl!(l, "staff-audit-caption-empty")
    } else {
        fl!(
            l,
            "staff-audit-caption",
            total = found.total,
            from = from,
            to = to
        )
    };
    let body = html! {
        h1 { (title) }
        p.lead { (fl!(l, "staff-audit-lead")) }
        (filters(&ctx, &view, &actions))
        div.table-scroll.wide role="region" aria-labelledby="audit-caption" tabindex="0" {
            table.audit {
                caption #audit-caption { (caption) }
                thead {
                    tr {
                        th scope="col" { (fl!(l, "cli-audit-col-at")) }
                        th scope="col" { (fl!(l, "cli-audit-col-actor")) }
                        th scope="col" { (fl!(l, "cli-audit-col-action")) }
                        th scope="col" { (fl!(l, "cli-audit-col-subject")) }
                        th scope="col" { (fl!(l, "cli-audit-col-detail")) }
                    }
                }
                tbody {
                    @for e in &found.entries {
                        tr {
                            th.time scope="row" { (ctx.time(e.at)) }
                            td { (actor(&ctx, e)) }
                            td { code { (e.action) } }
                            td.subject { (e.subject) }
                            td.detail { (detail(e)) }
                        }
                    }
                }
            }
        }
        (pages.nav(&ctx, |n| view.link(n)))
    };
    Ok(respond(
        &ctx,
        StatusCode::OK,
        staff_layout(&ctx, &staff, &title, body),
    ))
}

/// Who acted, as a person reads it: 「wangfang（-3）」, 「Telegram 用户 234567890」, or
/// what acted when no person did, as the domain tells it (the command line, the
/// system, someone not signed in).
fn actor(ctx: &Ctx, e: &AuditRecord) -> String {
    let l = ctx.l();
    match e.by() {
        Actor::Person(id) => match &e.actor_name {
            Some(name) => fl!(
                l,
                "staff-audit-account",
                name = name.clone(),
                id = id.to_string()
            ),
            None if is_telegram_user(id) => {
                fl!(l, "staff-audit-telegram", id = id.to_string())
            }
            None => id.to_string(),
        },
        other => other.label_id().map(|id| l.get(id)).unwrap_or_default(),
    }
}

/// An entry's detail as compact JSON, cut to [`DETAIL_CHARS`]; nothing for `{}`.
fn detail(e: &AuditRecord) -> String {
    let value = &e.detail.0;
    if value.as_object().is_some_and(|o| o.is_empty()) {
        return String::new();
    }
    crate::staff::review::excerpt(&value.to_string(), DETAIL_CHARS)
}

/// The filter form: a GET, so the result is a link.
fn filters(ctx: &Ctx, view: &View, actions: &[String]) -> Markup {
    let l = ctx.l();
    html! {
        form.filters method="get" action="/staff/audit" role="search"
            aria-label=(fl!(l, "staff-audit-filters")) {
            div.field {
                label for="f-actor" { (fl!(l, "staff-audit-filter-actor")) }
                input #f-actor type="search" name="actor" value=(view.actor)
                    maxlength=(FILTER_CHARS) aria-describedby="f-actor-hint";
                span.hint #f-actor-hint { (fl!(l, "staff-audit-filter-actor-hint")) }
            }
            div.field {
                label for="f-action" { (fl!(l, "staff-audit-filter-action")) }
                input #f-action type="search" name="action" value=(view.action) list="actions"
                    maxlength=(FILTER_CHARS) aria-describedby="f-action-hint";
                span.hint #f-action-hint { (fl!(l, "staff-audit-filter-action-hint")) }
                datalist #actions {
                    @for a in actions {
                        option value=(a) {}
                    }
                }
            }
            div.field {
                label for="f-since" { (fl!(l, "staff-audit-filter-since")) }
                input #f-since type="date" name="since" value=(view.since);
            }
            div.field {
                label for="f-until" { (fl!(l, "staff-audit-filter-until")) }
                input #f-until type="date" name="until" value=(view.until);
            }
            (filter_buttons(ctx, "/staff/audit"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_reads_back_from_its_own_link() {
        let view = View::parse(Some(
            "actor=wangfang&action=staff.&since=2026-11-01&until=2026-11-30&page=3",
        ));
        assert_eq!(view.actor, "wangfang");
        assert_eq!(view.page, 3);
        let link = view.link(3);
        let again = View::parse(link.split_once('?').map(|(_, q)| q));
        assert_eq!(again, view);
        assert_eq!(View::parse(Some("page=0")).link(1), "/staff/audit");
    }
}
