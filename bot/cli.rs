//! The command line: `run` (the default), `migrate`, and the operator's commands for
//! contact points, roles and invites. Each failure prints one line and exits non-zero.

use std::{ffi::OsString, process::ExitCode, str::FromStr};

use chrono::{DateTime, Utc};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use consult_domain::{
    Actor, Db, SystemClock,
    clock::Clock,
    districts::DistrictCode,
    points::{NewPoint, PointCode},
};
use consult_handlers::i18n::{Locales, fl};
use tokio_util::sync::CancellationToken;

use crate::{
    AppError, app,
    cli_args::{assignment, bound_code, local_time, role_name, user_id_arg},
    cli_help,
    config::GlobalArgs,
    shutdown, telemetry,
};

#[derive(Debug, Parser)]
#[command(
    name = "consult-bot",
    version,
    about = "基层立法联系点的 Telegram 助手 / Telegram assistant for grassroots legislative contact points"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot (the default).
    Run,
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Copy the SQLite database to a new file while the bot runs (never overwrites;
    /// for PostgreSQL use pg_dump).
    Backup {
        /// The backup file to create.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Manage contact points.
    #[command(subcommand)]
    Point(PointCommand),
    /// Manage districts (区县), the county tier between the city and its points.
    #[command(subcommand)]
    District(DistrictCommand),
    /// Grant, revoke and list roles.
    #[command(subcommand)]
    Role(RoleCommand),
    /// Import draft regulations as consultations, and list them.
    #[command(subcommand)]
    Consultation(ConsultationCommand),
    /// The law-popularization FAQ: import or export entries as CSV or YAML.
    #[command(subcommand)]
    Faq(crate::faq_cli::FaqCommand),
    /// Staff console accounts: add, reset a password, revoke, list.
    #[command(subcommand)]
    Staff(crate::staff_cli::StaffCommand),
    /// Write the 意见汇总表 (XLSX, every consultation or one) or one consultation's
    /// ledger as CSV (UTF-8 with BOM) to a file; recorded in the audit log.
    Export {
        /// Consultation number (12 or C12); default: every consultation.
        #[arg(long)]
        consultation: Option<String>,
        /// Only this contact point's opinions.
        #[arg(long)]
        point: Option<String>,
        /// xlsx (default) or csv (needs --consultation).
        #[arg(long, default_value = "xlsx")]
        format: String,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// List the audit log (oldest first; the most recent --limit entries), filtered.
    Audit {
        /// Only this person's actions (a Telegram user id, or a web-only staff
        /// account's negative id), or `cli` for the operator's.
        #[arg(long, allow_negative_numbers = true)]
        actor: Option<String>,
        /// Actions starting with this (e.g. `review.`, `export`, `stats.`).
        #[arg(long)]
        action: Option<String>,
        /// Subjects starting with this (e.g. `opinion:12`, `consultation:3`).
        #[arg(long)]
        subject: Option<String>,
        /// From this time: 2026-01-31, "2026-01-31 18:00" (display time zone) or RFC 3339.
        #[arg(long)]
        since: Option<String>,
        /// Up to this time (a bare date includes that whole day).
        #[arg(long)]
        until: Option<String>,
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(i64).range(1..=100_000))]
        limit: i64,
        /// text (default), csv or json.
        #[arg(long, default_value = "text")]
        format: String,
    },
    /// The contact-point assessment (考核) for a period; recorded in the audit log.
    Assessment {
        /// First day, e.g. 2026-01-01 (display time zone).
        #[arg(long)]
        from: String,
        /// Last day, included, e.g. 2026-06-30.
        #[arg(long)]
        to: String,
        /// Only this contact point.
        #[arg(long)]
        point: Option<String>,
        /// text (default) or csv.
        #[arg(long, default_value = "text")]
        format: String,
    },
    /// Add a sample contact point and publish a sample draft for it, to look at in the
    /// browser (running it again reuses them).
    Sample,
    /// Print a one-time invite link that grants a role.
    Invite {
        #[arg(long)]
        role: String,
        /// Contact point code (for liaisons and informants).
        #[arg(long)]
        point: Option<String>,
        /// District code (for county staff).
        #[arg(long)]
        district: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum DistrictCommand {
    /// Add a district.
    Add { code: String, name: String },
    /// List districts with their contact points.
    List,
}

#[derive(Debug, Subcommand)]
pub enum PointCommand {
    /// Add a contact point.
    Add {
        code: String,
        name: String,
        #[arg(long)]
        district: Option<String>,
    },
    /// List contact points.
    List,
    /// Give a contact point a new name.
    Rename { code: String, name: String },
    /// Put a contact point in a district (`-`: in none).
    District { code: String, district: String },
    /// Stop a contact point taking new roles and groups (its records are kept).
    Deactivate { code: String },
}

#[derive(Debug, Subcommand)]
pub enum ConsultationCommand {
    /// Read a draft (.docx, .txt, .md; UTF-8 or GBK) and save it as a draft consultation.
    Import {
        file: std::path::PathBuf,
        #[arg(long)]
        title: String,
        /// Deadline: 2027-01-15 (end of that day) or "2027-01-15 18:00", display time zone.
        #[arg(long)]
        closes: String,
        /// Contact point codes, comma-separated (default: all contact points).
        #[arg(long)]
        points: Option<String>,
        #[arg(long)]
        summary: Option<String>,
        #[arg(long)]
        source_url: Option<String>,
        /// Occupations a submitter can choose from, comma-separated.
        #[arg(long)]
        occupations: Option<String>,
    },
    /// List consultations.
    List,
}

#[derive(Debug, Subcommand)]
pub enum RoleCommand {
    /// Grant a role to a Telegram user id (replacing any role they had).
    Grant {
        #[arg(allow_negative_numbers = true)]
        user_id: String,
        role: String,
        #[arg(long)]
        point: Option<String>,
        /// District code (for county staff).
        #[arg(long)]
        district: Option<String>,
    },
    /// Remove a user's role.
    Revoke {
        #[arg(allow_negative_numbers = true)]
        user_id: String,
    },
    /// List everyone with a role.
    List,
}

/// Parses the command line, runs the command, and turns the outcome into an exit code.
pub fn main() -> ExitCode {
    let locales = match Locales::load() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: locales: {e}");
            return ExitCode::FAILURE;
        }
    };
    let args: Vec<OsString> = std::env::args_os().collect();
    let help_locale = cli_help::locale(&args);
    let command = cli_help::localize(Cli::command(), locales.get(help_locale));
    // Help and version print and exit here, as `Cli::parse` would; a mistake is told
    // in the operator's language, with clap's exit status for usage errors.
    let parsed = command
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => match cli_help::usage_error(&e, locales.get(help_locale)) {
            Some(text) => {
                eprintln!("{text}");
                return ExitCode::from(2);
            }
            None => e.exit(),
        },
    };
    telemetry::init(cli.global.log_format);
    let locale = cli.global.locale();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(execute(cli, &locales)) {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            tracing::debug!(error = ?e, "command failed");
            eprintln!("{}", e.describe(&locales, locale));
            ExitCode::FAILURE
        }
    }
}

/// Runs one command and returns what to print.
async fn execute(cli: Cli, locales: &Locales) -> Result<Vec<String>, AppError> {
    let g = &cli.global;
    let locale = g.locale();
    let l = locales.get(locale);
    let now = SystemClock.now();
    match cli.command.unwrap_or(Command::Run) {
        Command::Run => {
            let config = g.config()?;
            let token = CancellationToken::new();
            shutdown::on_signals(token.clone());
            app::run(config, std::sync::Arc::new(SystemClock), token).await?;
            Ok(vec![])
        }
        Command::Migrate => {
            app::open_database(&g.database_url).await?;
            Ok(vec![fl!(l, "cli-migrated")])
        }
        Command::Backup { to } => {
            let size = crate::backup::backup(&g.database_url, &to).await?;
            Ok(vec![fl!(
                l,
                "cli-backup-done",
                file = to.display().to_string(),
                size = size
            )])
        }
        Command::Point(cmd) => {
            let db = app::open_database(&g.database_url).await?;
            point(&db, cmd, locales, locale, now).await
        }
        Command::Role(cmd) => {
            let db = app::open_database(&g.database_url).await?;
            role(&db, cmd, locales, locale, now).await
        }
        Command::District(cmd) => {
            let db = app::open_database(&g.database_url).await?;
            district(&db, cmd, locales, locale, now).await
        }
        Command::Consultation(cmd) => {
            let db = app::open_database(&g.database_url).await?;
            let tz = chrono_tz::Tz::from_str(&g.timezone)
                .map_err(|_| AppError::Timezone(g.timezone.clone()))?;
            consultation(&db, cmd, locales, locale, tz, now).await
        }
        Command::Faq(cmd) => {
            let db = app::open_database(&g.database_url).await?;
            crate::faq_cli::run(&db, cmd, locales, locale, now).await
        }
        Command::Staff(cmd) => {
            let db = app::open_database(&g.database_url).await?;
            crate::staff_cli::run(&db, cmd, g, locales, locale, now).await
        }
        Command::Export {
            consultation,
            point,
            format,
            out,
        } => {
            let db = app::open_database(&g.database_url).await?;
            let tz = chrono_tz::Tz::from_str(&g.timezone)
                .map_err(|_| AppError::Timezone(g.timezone.clone()))?;
            let words = consult_handlers::labels::export_words(locales, locale);
            let req = export_request(&db, consultation, point, &format).await?;
            export(&db, &req, &out, words, tz, now)
                .await
                .map(|(rows, consultations)| {
                    vec![fl!(
                        l,
                        "cli-exported",
                        rows = rows,
                        consultations = consultations,
                        file = out.display().to_string()
                    )]
                })
        }
        Command::Audit {
            actor,
            action,
            subject,
            since,
            until,
            limit,
            format,
        } => {
            let db = app::open_database(&g.database_url).await?;
            let tz = chrono_tz::Tz::from_str(&g.timezone)
                .map_err(|_| AppError::Timezone(g.timezone.clone()))?;
            let args = crate::reports::AuditArgs {
                actor,
                action,
                subject,
                since,
                until,
                limit,
                format,
            };
            crate::reports::audit(&db, args, locales, locale, tz).await
        }
        Command::Assessment {
            from,
            to,
            point,
            format,
        } => {
            let db = app::open_database(&g.database_url).await?;
            let tz = chrono_tz::Tz::from_str(&g.timezone)
                .map_err(|_| AppError::Timezone(g.timezone.clone()))?;
            crate::reports::assessment(
                &db,
                &from,
                &to,
                point.as_deref(),
                &format,
                locales,
                locale,
                tz,
                now,
            )
            .await
        }
        Command::Sample => {
            let web =
                crate::config::WebConfig::resolve(g.web_listen.as_deref(), g.web_url.as_deref())?;
            let db = app::open_database(&g.database_url).await?;
            crate::sample::run(&db, &web, locales, locale, now).await
        }
        Command::Invite {
            role,
            point,
            district,
        } => {
            let token = g.token()?;
            let config = g.config()?;
            let assignment = assignment(&role, point.as_deref(), district.as_deref())?;
            let db = app::open_database(&g.database_url).await?;
            let bot = app::connect_bot(&token, &config).await?;
            let ttl = chrono::Duration::from_std(config.invite_ttl)
                .map_err(|_| AppError::Duration(g.invite_ttl.clone()))?;
            let (code, invite) = db
                .invites()
                .create(&assignment, Actor::CommandLine, now, ttl)
                .await?;
            let expires = local_time(invite.expires_at, &config.timezone);
            let role = role_name(locales, locale, assignment.role());
            let bound = assignment
                .point()
                .map(|p| p.as_str())
                .or(assignment.district().map(|d| d.as_str()));
            let header = match bound {
                Some(p) => fl!(
                    l,
                    "cli-invite-created-point",
                    role = role,
                    point = p,
                    expires = expires
                ),
                None => fl!(l, "cli-invite-created", role = role, expires = expires),
            };
            let username = bot.username();
            Ok(vec![
                header,
                format!("https://t.me/{username}?start={}", code.as_str()),
            ])
        }
    }
}

async fn point(
    db: &Db,
    cmd: PointCommand,
    locales: &Locales,
    locale: consult_domain::people::Locale,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let l = locales.get(locale);
    let points = db.points();
    Ok(match cmd {
        PointCommand::Add {
            code,
            name,
            district,
        } => {
            let new = NewPoint::parse(&code, &name, district.as_deref())?;
            let p = points.add(&new, Actor::CommandLine, now).await?;
            vec![fl!(l, "cli-point-added", code = p.code, name = p.name)]
        }
        PointCommand::List => {
            let all = points.list().await?;
            if all.is_empty() {
                return Ok(vec![fl!(l, "cli-point-list-empty")]);
            }
            all.into_iter()
                .map(|p| {
                    let status = if p.active {
                        fl!(l, "cli-point-active")
                    } else {
                        fl!(l, "cli-point-inactive")
                    };
                    fl!(
                        l,
                        "cli-point-row",
                        code = p.code,
                        name = p.name,
                        district = p.district.unwrap_or_else(|| "-".into()),
                        status = status
                    )
                })
                .collect()
        }
        PointCommand::District { code, district } => {
            let district = match district.trim() {
                "-" => None,
                d => Some(DistrictCode::parse(d)?),
            };
            let p = points
                .set_district(
                    &PointCode::parse(&code)?,
                    district.as_ref(),
                    Actor::CommandLine,
                    now,
                )
                .await?;
            vec![match p.district {
                Some(d) => fl!(l, "cli-point-district-set", code = p.code, district = d),
                None => fl!(l, "cli-point-district-cleared", code = p.code),
            }]
        }
        PointCommand::Rename { code, name } => {
            let p = points
                .rename(&PointCode::parse(&code)?, &name, Actor::CommandLine, now)
                .await?;
            vec![fl!(l, "cli-point-renamed", code = p.code, name = p.name)]
        }
        PointCommand::Deactivate { code } => {
            let p = points
                .deactivate(&PointCode::parse(&code)?, Actor::CommandLine, now)
                .await?;
            vec![fl!(
                l,
                "cli-point-deactivated",
                code = p.code,
                name = p.name
            )]
        }
    })
}

async fn role(
    db: &Db,
    cmd: RoleCommand,
    locales: &Locales,
    locale: consult_domain::people::Locale,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let l = locales.get(locale);
    let roles = db.roles();
    Ok(match cmd {
        RoleCommand::Grant {
            user_id,
            role,
            point,
            district,
        } => {
            let user = user_id_arg(&user_id)?;
            let assignment = assignment(&role, point.as_deref(), district.as_deref())?;
            let r = roles
                .grant(user, &assignment, Actor::CommandLine, now)
                .await?;
            let role = role_name(locales, locale, r.role);
            vec![match (r.point, r.district) {
                (Some(p), _) => fl!(
                    l,
                    "cli-role-granted-point",
                    user = user.to_string(),
                    role = role,
                    point = format!("{} {}", p.code, p.name)
                ),
                (None, Some(d)) => fl!(
                    l,
                    "cli-role-granted-district",
                    user = user.to_string(),
                    role = role,
                    district = format!("{} {}", d.code, d.name)
                ),
                (None, None) => fl!(l, "cli-role-granted", user = user.to_string(), role = role),
            }]
        }
        RoleCommand::Revoke { user_id } => {
            let user = user_id_arg(&user_id)?;
            vec![match roles.revoke(user, Actor::CommandLine, now).await? {
                Some(r) => fl!(
                    l,
                    "cli-role-revoked",
                    user = user.to_string(),
                    role = role_name(locales, locale, r.role)
                ),
                None => fl!(l, "cli-role-none", user = user.to_string()),
            }]
        }
        RoleCommand::List => {
            let all = roles.list().await?;
            if all.is_empty() {
                return Ok(vec![fl!(l, "cli-role-list-empty")]);
            }
            all.into_iter()
                .map(|r| {
                    fl!(
                        l,
                        "cli-role-row",
                        user = r.telegram_id.to_string(),
                        role = role_name(locales, locale, r.role),
                        point = bound_code(&r),
                        since = r.granted_at.format("%Y-%m-%d").to_string()
                    )
                })
                .collect()
        }
    })
}

async fn consultation(
    db: &Db,
    cmd: ConsultationCommand,
    locales: &Locales,
    locale: consult_domain::people::Locale,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    use consult_domain::consultations::{self as c, NewConsultation, Scope, State};
    let l = locales.get(locale);
    match cmd {
        ConsultationCommand::Import {
            file,
            title,
            closes,
            points,
            summary,
            source_url,
            occupations,
        } => {
            let path = file.display().to_string();
            let bytes = crate::error::read_file(&file, consult_domain::limits::DRAFT_FILE_BYTES)?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or(path);
            let draft =
                consult_domain::draft::parse(&consult_domain::draft::read_draft(&name, &bytes)?)?;
            let scope = match points {
                None => Scope::All,
                Some(codes) => {
                    let mut ids = Vec::new();
                    for code in codes.split(',').filter(|c| !c.trim().is_empty()) {
                        ids.push(db.points().get(&PointCode::parse(code)?).await?.id);
                    }
                    Scope::Points(ids)
                }
            };
            let new = NewConsultation {
                title: c::title(&title)?,
                closes_at: c::parse_deadline(&closes, tz)?,
                scope,
                summary: summary.as_deref().map(c::summary).transpose()?,
                source_url: source_url.as_deref().map(c::source_url).transpose()?,
                occupations: occupations
                    .as_deref()
                    .map(c::occupations)
                    .transpose()?
                    .unwrap_or_default(),
                draft,
                source_name: name,
            };
            let saved = db
                .consultations()
                .create(&new, Actor::CommandLine, now)
                .await?;
            let mut lines = vec![fl!(
                l,
                "cli-imported",
                code = saved.code(),
                title = saved.title.clone(),
                chapters = new.draft.chapters().count(),
                articles = new.draft.articles.len(),
                deadline = local_time(saved.closes_at, &tz),
                id = saved.id
            )];
            if !new.draft.irregularities.is_empty() {
                lines.push(fl!(
                    l,
                    "cli-imported-check",
                    count = new.draft.irregularities.len()
                ));
            }
            Ok(lines)
        }
        ConsultationCommand::List => {
            let all = db
                .consultations()
                .list(&[
                    State::Draft,
                    State::Open,
                    State::Closed,
                    State::Concluded,
                    State::Withdrawn,
                ])
                .await?;
            if all.is_empty() {
                return Ok(vec![fl!(l, "cli-consultation-none")]);
            }
            Ok(all
                .iter()
                .map(|c| {
                    let state = locales.text(locale, &format!("state-{}", c.state.as_str()), &[]);
                    fl!(
                        l,
                        "cli-consultation-row",
                        code = c.code(),
                        state = state,
                        deadline = local_time(c.closes_at, &tz),
                        title = c.title.clone()
                    )
                })
                .collect())
        }
    }
}

/// `consult-bot district add|list`.
async fn district(
    db: &Db,
    cmd: DistrictCommand,
    locales: &Locales,
    locale: consult_domain::people::Locale,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let l = locales.get(locale);
    Ok(match cmd {
        DistrictCommand::Add { code, name } => {
            let d = db
                .districts()
                .add(&DistrictCode::parse(&code)?, &name, Actor::CommandLine, now)
                .await?;
            vec![fl!(l, "cli-district-added", code = d.code, name = d.name)]
        }
        DistrictCommand::List => {
            let all = db.districts().list().await?;
            if all.is_empty() {
                return Ok(vec![fl!(l, "cli-district-list-empty")]);
            }
            let points = db.points().list().await?;
            all.into_iter()
                .map(|d| {
                    let codes: Vec<&str> = points
                        .iter()
                        .filter(|p| p.district_id == Some(d.id))
                        .map(|p| p.code.as_str())
                        .collect();
                    let codes = if codes.is_empty() {
                        "-".to_owned()
                    } else {
                        codes.join(",")
                    };
                    fl!(
                        l,
                        "cli-district-row",
                        code = d.code,
                        name = d.name,
                        points = codes
                    )
                })
                .collect()
        }
    })
}

/// What `consult-bot export` asked for, checked.
async fn export_request(
    db: &Db,
    consultation: Option<String>,
    point: Option<String>,
    format: &str,
) -> Result<consult_domain::export::Request, AppError> {
    use consult_domain::export::{Format, Request};
    let format = Format::parse(format).ok_or_else(|| AppError::OutputFormat {
        value: format.to_owned(),
        allowed: "xlsx, csv",
    })?;
    let consultation = consultation
        .map(|raw| {
            raw.trim()
                .trim_start_matches(['C', 'c'])
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .ok_or(AppError::ConsultationNumber(raw))
        })
        .transpose()?;
    let scope = match point {
        Some(code) => consult_domain::review::Scope::Point(
            db.points().get(&PointCode::parse(&code)?).await?.id,
        ),
        None => consult_domain::review::Scope::All,
    };
    Ok(Request {
        consultation,
        scope,
        format,
    })
}

/// `consult-bot export`: builds the file, writes it, and returns (opinions, consultations).
async fn export(
    db: &Db,
    req: &consult_domain::export::Request,
    out: &std::path::Path,
    words: consult_domain::export::Words,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<(usize, usize), AppError> {
    use consult_domain::export::ExportError;
    let export = match db
        .exports()
        .export(req, words, Actor::CommandLine, tz, now)
        .await
    {
        Ok(export) => export,
        Err(ExportError::Domain(e)) => return Err(e.into()),
        Err(ExportError::CsvNeedsConsultation) => return Err(AppError::ExportCsv),
        Err(ExportError::Build(e)) => return Err(AppError::Export(e)),
    };
    crate::error::write_file(out, &export.bytes)?;
    Ok((export.rows, export.consultations.len()))
}
