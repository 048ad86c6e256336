//! `/staff/groups`: the resident groups, as chat's `/groups` lists them — a liaison
//! their point's, an admin every group by point and the unlinked ones — with whether
//! the bot is still in each (removed groups get nothing), since when it is linked, and
//! whether the bot may pin its cards there. What chat's `/unlink` does in a group is a
//! button here (a liaison for their own point's groups, county staff their district's,
//! an admin for any); an admin can also link a group to a point, or move it, as
//! `/link CODE` does, and county staff move their district's groups among its points. Who may do what
//! is [`consult_domain::access::Access`]'s, as in chat; every change is audited under
//! the person (`group.link`, `group.unlink`). Informants get the ordinary 404.

use axum::{
    Form, Router,
    extract::Path,
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use consult_domain::{Actor, groups::Group, points::ContactPoint, review::Scope};
use maud::{Markup, html};
use serde::Deserialize;

use crate::{
    WebError, WebState,
    i18n::fl,
    page::Ctx,
    staff::{
        Question, Say, Staff,
        login::{CsrfOnly, refused},
        scroll_table, show,
    },
};

pub fn router() -> Router<WebState> {
    Router::new()
        .route("/staff/groups", get(list))
        .route(
            "/staff/groups/{chat}/unlink",
            get(unlink_confirm).post(unlink),
        )
        .route("/staff/groups/{chat}/link", axum::routing::post(link))
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    done: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct LinkFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    point: String,
}

/// The group `raw` names, if this person sees it; else 404.
async fn visible(ctx: &Ctx, staff: &Staff, raw: &str) -> Result<Group, WebError> {
    let scope = staff.access.groups().ok_or(WebError::NotFound)?;
    let chat: i64 = raw.parse().map_err(|_| WebError::NotFound)?;
    ctx.state
        .db()
        .groups()
        .get(chat)
        .await?
        .filter(|g| scope == Scope::All || staff.access.reaches_point(g.point_id))
        .ok_or(WebError::NotFound)
}

fn status(ctx: &Ctx, g: &Group) -> String {
    let l = ctx.l();
    if g.active {
        fl!(l, "group-status-active")
    } else {
        fl!(l, "group-status-inactive")
    }
}

fn can_pin(ctx: &Ctx, g: &Group) -> String {
    let l = ctx.l();
    match g.can_pin {
        Some(true) => fl!(l, "staff-groups-pin-yes"),
        Some(false) => fl!(l, "staff-groups-pin-no"),
        None => fl!(l, "staff-groups-pin-unknown"),
    }
}

fn date(ctx: &Ctx, t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&ctx.state.settings().timezone)
        .format("%Y-%m-%d")
        .to_string()
}

pub async fn list(
    ctx: Ctx,
    staff: Staff,
    axum::extract::Query(q): axum::extract::Query<Done>,
) -> Result<Response, WebError> {
    let scope = staff.access.groups().ok_or(WebError::NotFound)?;
    let db = ctx.state.db();
    let groups = db.groups().list(scope).await?;
    // The points they may link a group to: every one (admin), their district's.
    let points: Vec<ContactPoint> = match (staff.access.may_link_any(), staff.access.district()) {
        (true, _) => db.points().list().await?,
        (false, Some(d)) => db.points().in_district(d.id).await?,
        (false, None) => vec![],
    };
    let l = ctx.l();
    let title = fl!(l, "staff-groups-title");
    let say = match q.done.as_deref() {
        Some("unlinked") => Some(Say::Notice(fl!(l, "staff-groups-unlinked"))),
        Some("linked") => Some(Say::Notice(fl!(l, "staff-groups-linked"))),
        _ => None,
    };
    let (linked, unlinked): (Vec<&Group>, Vec<&Group>) =
        groups.iter().partition(|g| g.point_id.is_some());
    let lead = match staff.reach_name() {
        Some(p) => fl!(l, "staff-groups-lead-point", point = p),
        None => fl!(l, "staff-groups-lead-all"),
    };
    let body = html! {
        h1 { (title) }
        @if let Some(s) = &say { (s) }
        p.lead { (lead) }
        p.hint { (fl!(l, "staff-groups-how")) }
        @if linked.is_empty() {
            p { (fl!(l, "groups-none")) }
        } @else {
            (table(&ctx, &staff, "linked", &fl!(l, "staff-groups-caption"), &linked, &points))
        }
        @if !unlinked.is_empty() {
            h2 #unlinked-heading { (fl!(l, "staff-groups-unlinked-title")) }
            p.hint { (fl!(l, "staff-groups-unlinked-hint")) }
            (table(&ctx, &staff, "unlinked", &fl!(l, "staff-groups-unlinked-caption"), &unlinked, &points))
        }
    };
    Ok(show(&ctx, &staff, &title, body))
}

/// One table of groups, with the actions this person may take on each.
fn table(
    ctx: &Ctx,
    staff: &Staff,
    id: &str,
    caption: &str,
    groups: &[&Group],
    points: &[ContactPoint],
) -> Markup {
    let l = ctx.l();
    // Admins and county staff act for many points: each group's is shown.
    let admin = staff.access.point().is_none();
    let rows = html! {
                thead {
                    tr {
                        th scope="col" { (fl!(l, "staff-groups-col-title")) }
                        @if admin {
                            th scope="col" { (fl!(l, "staff-groups-col-point")) }
                        }
                        th scope="col" { (fl!(l, "staff-groups-col-status")) }
                        th scope="col" { (fl!(l, "staff-groups-col-since")) }
                        th scope="col" { (fl!(l, "staff-groups-col-pin")) }
                        th scope="col" { (fl!(l, "staff-groups-col-actions")) }
                    }
                }
                tbody {
                    @for g in groups {
                        tr {
                            th scope="row" { (g.title) }
                            @if admin {
                                td { (g.point_name.clone().unwrap_or_else(|| "—".into())) }
                            }
                            td { (status(ctx, g)) }
                            td {
                                @match g.linked_at {
                                    Some(at) => (fl!(l, "groups-since", date = date(ctx, at))),
                                    None => (fl!(l, "staff-groups-added", date = date(ctx, g.added_at))),
                                }
                            }
                            td { (can_pin(ctx, g)) }
                            td { (actions(ctx, staff, g, points)) }
                        }
                    }
                }
    };
    scroll_table(&format!("{id}-caption"), caption, rows)
}

fn actions(ctx: &Ctx, staff: &Staff, g: &Group, points: &[ContactPoint]) -> Markup {
    let l = ctx.l();
    let chat = g.chat_id;
    let select_id = format!("point-{}", chat.unsigned_abs());
    html! {
        @if staff.access.may_unlink(g) {
            a href=(format!("/staff/groups/{chat}/unlink")) {
                (fl!(l, "staff-groups-unlink"))
                span.visually-hidden { "：" (g.title) }
            }
        }
        @if points.iter().any(|p| p.active && staff.access.may_link(g, p.id)) {
            form.inline method="post" action=(format!("/staff/groups/{chat}/link")) {
                input type="hidden" name="csrf" value=(staff.csrf());
                label.visually-hidden for=(select_id) { (fl!(l, "staff-groups-link-to", group = g.title.clone())) }
                select #(select_id) name="point" {
                    @for p in points.iter().filter(|p| p.active && staff.access.may_link(g, p.id)) {
                        option value=(p.code) selected[g.point_id == Some(p.id)] { (p.name) }
                    }
                }
                button.secondary type="submit" {
                    @if g.point_id.is_some() { (fl!(l, "staff-groups-move")) } @else { (fl!(l, "staff-groups-link")) }
                }
            }
        }
    }
}

pub async fn unlink_confirm(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let g = visible(&ctx, &staff, &raw).await?;
    if !staff.access.may_unlink(&g) {
        return Err(WebError::NotFound);
    }
    let l = ctx.l();
    let point = g.point_name.clone().unwrap_or_default();
    let action = format!("/staff/groups/{}/unlink", g.chat_id);
    Ok(Question {
        title: &fl!(l, "staff-groups-unlink"),
        lead: &g.title,
        question: &fl!(
            l,
            "staff-groups-unlink-question",
            group = g.title.clone(),
            point = point
        ),
        action: &action,
        button: &fl!(l, "staff-groups-unlink-confirm"),
        back: ("/staff/groups", &fl!(l, "staff-groups-back")),
        hidden: &[],
    }
    .page(&ctx, &staff))
}

pub async fn unlink(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    let g = visible(&ctx, &staff, &raw).await?;
    if !staff.access.may_unlink(&g) {
        return Err(WebError::NotFound);
    }
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    ctx.state
        .db()
        .groups()
        .unlink(
            g.chat_id,
            Actor::Person(staff.access.person()),
            ctx.state.now(),
        )
        .await?;
    Ok(Redirect::to("/staff/groups?done=unlinked").into_response())
}

/// Links (or moves) a group to an active point, as `/link CODE`: an admin any group
/// to any point, county staff their district's groups among their district's points
/// ([`consult_domain::access::Access::may_link`]); another district's group or point
/// is the 404 of one that does not exist.
pub async fn link(
    ctx: Ctx,
    staff: Staff,
    Path(raw): Path<String>,
    Form(f): Form<LinkFields>,
) -> Result<Response, WebError> {
    let g = visible(&ctx, &staff, &raw).await?;
    if !staff.csrf_ok(&f.csrf) {
        return Ok(refused(&ctx));
    }
    let db = ctx.state.db();
    let code =
        consult_domain::points::PointCode::parse(&f.point).map_err(|_| WebError::NotFound)?;
    let point = db
        .points()
        .find(&code)
        .await?
        .filter(|p| p.active && staff.access.may_link(&g, p.id))
        .ok_or(WebError::NotFound)?;
    if g.point_id != Some(point.id) {
        db.groups()
            .link(
                g.chat_id,
                point.id,
                Actor::Person(staff.access.person()),
                ctx.state.now(),
            )
            .await?;
    }
    Ok(Redirect::to("/staff/groups?done=linked").into_response())
}
