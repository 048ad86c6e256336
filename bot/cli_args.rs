//! Reading and showing what the command-line subcommands take — a role and point, a
//! Telegram user id, the display time zone — shared by `consult-bot` and
//! `consult-bot staff`, so that neither reaches into the other.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use consult_domain::{
    districts::DistrictCode,
    i18n::Locales,
    people::Locale,
    points::PointCode,
    roles::{Assignment, Role, RoleRecord},
};

use crate::{AppError, config::GlobalArgs};

pub(crate) fn assignment(
    role: &str,
    point: Option<&str>,
    district: Option<&str>,
) -> Result<Assignment, AppError> {
    let role: Role = role.parse()?;
    let point = point.map(PointCode::parse).transpose()?;
    let district = district.map(DistrictCode::parse).transpose()?;
    Ok(Assignment::bound(role, point, district)?)
}

pub(crate) fn user_id_arg(raw: &str) -> Result<i64, AppError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| AppError::UserId(raw.to_owned()))
}

/// The display time zone (`--timezone`), checked.
pub(crate) fn timezone(g: &GlobalArgs) -> Result<chrono_tz::Tz, AppError> {
    chrono_tz::Tz::from_str(&g.timezone).map_err(|_| AppError::Timezone(g.timezone.clone()))
}

pub(crate) fn local_time(t: DateTime<Utc>, tz: &chrono_tz::Tz) -> String {
    t.with_timezone(tz).format("%Y-%m-%d %H:%M %Z").to_string()
}

/// What a role is bound to, for lists: its point's code, its district's, or `-`.
pub(crate) fn bound_code(r: &RoleRecord) -> String {
    r.point
        .as_ref()
        .map(|p| p.code.clone())
        .or_else(|| r.district.as_ref().map(|d| d.code.clone()))
        .unwrap_or_else(|| "-".into())
}

/// A role's name in the operator's language.
pub(crate) fn role_name(locales: &Locales, locale: Locale, role: Role) -> String {
    locales.text(locale, &format!("role-{}", role.as_str()), &[])
}
