//! The admins' list of 社情民意 categories (`/staff/categories`): every category with
//! its names, whether residents are offered it, a form to rename it and a button to
//! retire or restore it; and a form to add one. The rules (names, codes, the last
//! category staying) are the domain's ([`consult_domain::relay::Relay`]), the same as
//! chat's `/categories`.

use axum::{body::Bytes, extract::Path, http::StatusCode, response::Response};
use consult_domain::{
    Actor, Error as DomainError,
    relay::{Category, CategoryCode},
};
use maud::html;

use crate::{
    WebError,
    i18n::fl,
    page::{Ctx, respond},
    staff::{
        Say, Staff,
        login::refused,
        review::{pairs, value},
        staff_layout,
    },
};

fn page(
    ctx: &Ctx,
    staff: &Staff,
    categories: &[Category],
    say: Option<Say>,
    status: StatusCode,
) -> Response {
    let l = ctx.l();
    let title = fl!(l, "relay-staff-categories");
    let csrf = staff.csrf();
    let body = html! {
        h1 { (title) }
        p { (fl!(l, "relay-staff-categories-intro")) }
        @if let Some(say) = say { (say) }
        // One entry per category rather than a table: it reads on a phone.
        ul.plain.categories {
            @for c in categories {
                @let code = c.code.as_str();
                @let name = c.label(ctx.state.locales(), ctx.locale);
                li {
                    h2 { (name) }
                    p {
                        (fl!(l, "relay-staff-category-code")) "：" code { (code) } " · "
                        @if c.active { (fl!(l, "relay-staff-in-use")) } @else { (fl!(l, "relay-staff-retired")) }
                    }
                    form method="post" action=(format!("/staff/categories/{code}/active")) {
                        input type="hidden" name="csrf" value=(csrf);
                        @if c.active {
                            input type="hidden" name="active" value="0";
                            button.secondary type="submit" aria-label=(fl!(l, "relay-staff-retire-named", name = name.clone())) { (fl!(l, "relay-staff-retire")) }
                        } @else {
                            input type="hidden" name="active" value="1";
                            button.secondary type="submit" aria-label=(fl!(l, "relay-staff-restore-named", name = name.clone())) { (fl!(l, "relay-staff-restore")) }
                        }
                    }
                    details {
                        summary { (fl!(l, "relay-staff-rename")) }
                        form method="post" action=(format!("/staff/categories/{code}/rename")) {
                            input type="hidden" name="csrf" value=(csrf);
                            div.field {
                                label for=(format!("zh-{code}")) { (fl!(l, "relay-staff-name-zh")) }
                                input type="text" id=(format!("zh-{code}")) name="name_zh" value=(c.label(ctx.state.locales(), consult_domain::people::Locale::ZhCn));
                            }
                            div.field {
                                label for=(format!("en-{code}")) { (fl!(l, "relay-staff-name-en")) }
                                input type="text" id=(format!("en-{code}")) name="name_en" value=(c.label(ctx.state.locales(), consult_domain::people::Locale::En));
                            }
                            button type="submit" { (fl!(l, "relay-staff-rename")) }
                        }
                    }
                }
            }
        }
        h2 { (fl!(l, "relay-staff-add-category")) }
        form method="post" action="/staff/categories" {
            input type="hidden" name="csrf" value=(csrf);
            div.field {
                label for="code" { (fl!(l, "relay-staff-category-code")) }
                p.hint id="code-hint" { (fl!(l, "relay-staff-category-code-hint")) }
                input type="text" id="code" name="code" aria-describedby="code-hint";
            }
            div.field { label for="name_zh" { (fl!(l, "relay-staff-name-zh")) } input type="text" id="name_zh" name="name_zh"; }
            div.field { label for="name_en" { (fl!(l, "relay-staff-name-en")) } input type="text" id="name_en" name="name_en"; }
            button type="submit" { (fl!(l, "relay-staff-add-category")) }
        }
    };
    respond(ctx, status, staff_layout(ctx, staff, &title, body))
}

/// The refusal of a category change in words, or None for a failure that is not
/// the admin's doing.
fn refusal(ctx: &Ctx, e: &DomainError) -> Option<String> {
    let l = ctx.l();
    Some(match e {
        DomainError::Invalid(consult_domain::error::Field::CategoryName) => {
            fl!(l, "relay-bad-category-name")
        }
        DomainError::Invalid(_) => fl!(l, "relay-bad-category-code"),
        DomainError::DuplicateCategory(code) => {
            fl!(l, "relay-duplicate-category", code = code.clone())
        }
        DomainError::LastCategory => fl!(l, "relay-last-category"),
        _ => return None,
    })
}

async fn again(
    ctx: &Ctx,
    staff: &Staff,
    result: Result<(), DomainError>,
) -> Result<Response, WebError> {
    let (say, status) = match result {
        Ok(()) => (
            Say::Notice(fl!(ctx.l(), "relay-staff-done")),
            StatusCode::OK,
        ),
        Err(e) => match refusal(ctx, &e) {
            Some(text) => (Say::Problem(text), StatusCode::UNPROCESSABLE_ENTITY),
            None => return Err(e.into()),
        },
    };
    let categories = ctx.state.db().relay().all_categories().await?;
    Ok(page(ctx, staff, &categories, Some(say), status))
}

fn admin(staff: &Staff) -> Result<(), WebError> {
    if staff.access.role() == consult_domain::roles::Role::Admin {
        Ok(())
    } else {
        Err(WebError::NotFound)
    }
}

/// The list: admins only.
pub async fn list(ctx: Ctx, staff: Staff) -> Result<Response, WebError> {
    admin(&staff)?;
    let categories = ctx.state.db().relay().all_categories().await?;
    Ok(page(&ctx, &staff, &categories, None, StatusCode::OK))
}

/// Adds a category.
pub async fn add(ctx: Ctx, staff: Staff, body: Bytes) -> Result<Response, WebError> {
    admin(&staff)?;
    let fields = pairs(&body);
    if !staff.csrf_ok(value(&fields, "csrf").unwrap_or_default()) {
        return Ok(refused(&ctx));
    }
    let get = |name: &str| value(&fields, name).unwrap_or_default();
    let actor = Actor::Person(staff.access.person());
    let result = match CategoryCode::parse(get("code")) {
        Ok(code) => {
            ctx.state
                .db()
                .relay()
                .add_category(
                    &code,
                    get("name_zh"),
                    get("name_en"),
                    actor,
                    ctx.state.now(),
                )
                .await
        }
        Err(e) => Err(e),
    };
    again(&ctx, &staff, result).await
}

/// Renames (`rename`), retires or restores (`active`) a category.
pub async fn change(
    ctx: Ctx,
    staff: Staff,
    Path((code, act)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    admin(&staff)?;
    let fields = pairs(&body);
    if !staff.csrf_ok(value(&fields, "csrf").unwrap_or_default()) {
        return Ok(refused(&ctx));
    }
    let code = CategoryCode::parse(&code).map_err(|_| WebError::NotFound)?;
    let get = |name: &str| value(&fields, name).unwrap_or_default();
    let actor = Actor::Person(staff.access.person());
    let relay = ctx.state.db().relay();
    let now = ctx.state.now();
    let result = match act.as_str() {
        "rename" => {
            relay
                .rename_category(&code, get("name_zh"), get("name_en"), actor, now)
                .await
        }
        "active" => {
            relay
                .set_category_active(&code, get("active") == "1", actor, now)
                .await
        }
        _ => return Err(WebError::NotFound),
    };
    match result {
        Err(DomainError::Invalid(consult_domain::error::Field::Category)) => {
            Err(WebError::NotFound)
        }
        result => again(&ctx, &staff, result).await,
    }
}
