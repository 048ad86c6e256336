//! `consult-bot staff add|reset|revoke|list`: accounts for the web staff console.
//! `add` creates the account, grants its role and prints the one-time link that sets
//! its password (valid for `--invite-ttl`), built on `--web-url`; the person logs in
//! at `/staff/login` after. Everything is audited by the domain.

use chrono::{DateTime, Utc};
use clap::Subcommand;
use consult_domain::{
    Actor, Db,
    people::Locale,
    roles::Role,
    staff::{LoginName, Purpose, links},
};
use consult_handlers::i18n::{Locales, fl};

use crate::{AppError, config::GlobalArgs};

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Add an account with a role and print a one-time link to set its password.
    Add {
        name: String,
        #[arg(long)]
        role: String,
        /// Contact point code (for liaisons and informants).
        #[arg(long)]
        point: Option<String>,
        /// District code (for county staff).
        #[arg(long)]
        district: Option<String>,
        /// The person's Telegram user id, when they use Telegram too.
        #[arg(long)]
        telegram_id: Option<String>,
    },
    /// Print a new one-time link to set an account's password.
    Reset { name: String },
    /// Revoke an account's role; its console sessions end at once.
    Revoke { name: String },
    /// List the accounts and their roles.
    List,
}

/// Runs a `staff` subcommand and returns what to print.
pub async fn run(
    db: &Db,
    cmd: StaffCommand,
    g: &GlobalArgs,
    locales: &Locales,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let l = locales.get(locale);
    let role_name = |role: Role| crate::cli_args::role_name(locales, locale, role);
    let tz = crate::cli_args::timezone(g)?;
    let expires_text = |t: DateTime<Utc>| crate::cli_args::local_time(t, &tz);
    match cmd {
        StaffCommand::Add {
            name,
            role,
            point,
            district,
            telegram_id,
        } => {
            let web =
                crate::config::WebConfig::resolve(g.web_listen.as_deref(), g.web_url.as_deref())?;
            let ttl = ttl(g)?;
            let name = LoginName::parse(&name)?;
            let assignment =
                crate::cli_args::assignment(&role, point.as_deref(), district.as_deref())?;
            let telegram = telegram_id
                .as_deref()
                .map(crate::cli_args::user_id_arg)
                .transpose()?;
            let added = db
                .staff()
                .add(&name, &assignment, telegram, Actor::CommandLine, now, ttl)
                .await?;
            let role = role_name(added.role.role);
            let expires = expires_text(added.expires_at);
            let header = match crate::cli_args::bound_code(&added.role).as_str() {
                "-" => fl!(
                    l,
                    "cli-staff-added",
                    name = name.as_str(),
                    role = role,
                    expires = expires
                ),
                bound => fl!(
                    l,
                    "cli-staff-added-point",
                    name = name.as_str(),
                    role = role,
                    point = bound,
                    expires = expires
                ),
            };
            let link = links::url(&web.url, Purpose::Password, &added.code);
            Ok(vec![header, link.to_string()])
        }
        StaffCommand::Reset { name } => {
            let web =
                crate::config::WebConfig::resolve(g.web_listen.as_deref(), g.web_url.as_deref())?;
            let name = LoginName::parse(&name)?;
            let (account, code, expires_at) = db
                .staff()
                .reset(&name, Actor::CommandLine, now, ttl(g)?)
                .await?;
            Ok(vec![
                fl!(
                    l,
                    "cli-staff-reset",
                    name = account.name,
                    expires = expires_text(expires_at)
                ),
                links::url(&web.url, Purpose::Password, &code).to_string(),
            ])
        }
        StaffCommand::Revoke { name } => {
            let name = LoginName::parse(&name)?;
            let account = db
                .staff()
                .find(&name)
                .await?
                .ok_or_else(|| consult_domain::Error::UnknownStaff(name.as_str().to_owned()))?;
            Ok(vec![match db
                .roles()
                .revoke(account.person, Actor::CommandLine, now)
                .await?
            {
                Some(r) => fl!(
                    l,
                    "cli-staff-revoked",
                    name = account.name,
                    role = role_name(r.role)
                ),
                None => fl!(l, "cli-staff-no-role", name = account.name),
            }])
        }
        StaffCommand::List => {
            let all = db.staff().list().await?;
            if all.is_empty() {
                return Ok(vec![fl!(l, "cli-staff-list-empty")]);
            }
            Ok(all
                .into_iter()
                .map(|(a, role)| {
                    let password = if a.password_set_at.is_some() {
                        fl!(l, "cli-staff-password-set")
                    } else {
                        fl!(l, "cli-staff-password-unset")
                    };
                    let point = role
                        .as_ref()
                        .map_or_else(|| "-".to_owned(), crate::cli_args::bound_code);
                    let role = role
                        .map(|r| role_name(r.role))
                        .unwrap_or_else(|| fl!(l, "cli-staff-no-role-listed"));
                    fl!(
                        l,
                        "cli-staff-row",
                        name = a.name,
                        role = role,
                        point = point,
                        password = password,
                        person = a.person.to_string()
                    )
                })
                .collect())
        }
    }
}

/// How long a password link stays valid: `--invite-ttl`, as for invites.
fn ttl(g: &GlobalArgs) -> Result<chrono::Duration, AppError> {
    crate::duration::parse_duration(&g.invite_ttl).and_then(|d| {
        chrono::Duration::from_std(d).map_err(|_| AppError::Duration(g.invite_ttl.clone()))
    })
}
