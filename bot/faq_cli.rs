//! `consult-bot faq import|export`: the FAQ as CSV or YAML files, for the operator.
//! An import is checked whole and stored whole (or not at all); re-importing a file
//! updates entries by key.

use chrono::{DateTime, Utc};
use clap::Subcommand;
use consult_domain::{
    Actor, Db,
    faq::{self, FileFormat},
    people::Locale,
};
use consult_handlers::i18n::{Locales, fl};

use crate::AppError;

#[derive(Debug, Subcommand)]
pub enum FaqCommand {
    /// Import FAQ entries from a CSV or YAML file (entries with a known key are updated).
    Import {
        file: std::path::PathBuf,
        /// csv or yaml; default: from the file's extension.
        #[arg(long)]
        format: Option<String>,
    },
    /// Write every FAQ entry to a CSV (UTF-8 with BOM) or YAML file.
    Export {
        #[arg(long)]
        out: std::path::PathBuf,
        /// csv or yaml; default: from the file's extension.
        #[arg(long)]
        format: Option<String>,
    },
}

fn format_of(path: &std::path::Path, flag: Option<&str>) -> Result<FileFormat, AppError> {
    match flag {
        Some(f) => FileFormat::parse(f).ok_or_else(|| AppError::FaqFormat(f.to_owned())),
        None => {
            let name = path.display().to_string();
            FileFormat::from_name(&name).ok_or(AppError::FaqFormat(name))
        }
    }
}

/// Runs a `faq` subcommand and returns what to print.
pub async fn run(
    db: &Db,
    cmd: FaqCommand,
    locales: &Locales,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let l = locales.get(locale);
    match cmd {
        FaqCommand::Import { file, format } => {
            let format = format_of(&file, format.as_deref())?;
            let bytes = crate::error::read_file(&file, consult_domain::limits::FAQ_FILE_BYTES)?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let s = faq::import_file(db, &bytes, format, Actor::CommandLine, &name, now).await?;
            Ok(vec![fl!(
                l,
                "faq-import-done",
                added = s.added,
                updated = s.updated,
                unchanged = s.unchanged
            )])
        }
        FaqCommand::Export { out, format } => {
            let format = format_of(&out, format.as_deref())?;
            let entries = db.faq().all().await?;
            let bytes = faq::export(&entries, format).map_err(AppError::Export)?;
            crate::error::write_file(&out, &bytes)?;
            Ok(vec![fl!(
                l,
                "cli-faq-exported",
                count = entries.len(),
                file = out.display().to_string()
            )])
        }
    }
}
