//! The command line's help in the operator's language.
//!
//! clap writes its help from the doc comments, in English, and its own words ("Usage",
//! "Options", "Print help") are fixed. The staff of a legislative affairs committee
//! read Chinese first, so the built command is walked once and every description and
//! heading is replaced from `locales/`: `cli-about[-<command path>]` for a command,
//! `cli-arg-<id>` for a flag shared by every command, `cli-arg-<command path>-<id>` for
//! the others. A test checks that every command and flag has its message in both
//! locales, so a new flag cannot go untranslated.

use std::{collections::HashMap, ffi::OsString};

use clap::{Arg, Command};
use consult_domain::people::Locale;
use i18n_embed::fluent::FluentLanguageLoader;

/// The help's language, known before the command line is parsed: `--locale` as clap
/// would read it, else `CONSULT_LOCALE`, else Chinese.
pub fn locale(args: &[OsString]) -> Locale {
    let mut given = None;
    let mut args = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--locale" {
            given = args.next().map(str::to_owned);
        } else if let Some(value) = arg.strip_prefix("--locale=") {
            given = Some(value.to_owned());
        }
    }
    given
        .or_else(|| std::env::var("CONSULT_LOCALE").ok())
        .and_then(|raw| raw.parse().ok())
        .unwrap_or_default()
}

/// `cmd`, built, with every text a person reads in the loader's language.
pub fn localize(mut cmd: Command, l: &FluentLanguageLoader) -> Command {
    cmd.build();
    translate(cmd, &[], l)
}

fn translate(cmd: Command, path: &[&str], l: &FluentLanguageLoader) -> Command {
    let about = about_id(path);
    // The message places clap's `{usage}` placeholder itself.
    let usage = l.get_args(
        "cli-help-usage",
        HashMap::from([("usage", "{usage}".to_owned())]),
    );
    let mut cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{usage}\n\n{{all-args}}{{after-help}}"
        ))
        .subcommand_help_heading(l.get("cli-help-commands"))
        .subcommand_value_name(l.get("cli-help-command"))
        .mut_args(|arg| {
            // Under a heading of its own clap sorts arguments as it sorts flags, by
            // display order and then name: positionals keep their place by their index.
            let arg = match arg.get_index() {
                Some(index) if arg.is_positional() => arg
                    .help_heading(l.get("cli-help-arguments"))
                    .display_order(index),
                _ => arg.help_heading(l.get("cli-help-options")),
            };
            match text(l, &arg_id(path, &arg)) {
                Some(help) => arg.help(help),
                None => arg,
            }
        });
    if let Some(text) = text(l, &about) {
        cmd = cmd.about(text);
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| {
            let mut path = path.to_vec();
            path.push(&name);
            if name == "help" {
                // clap's own `help` subcommand: one message wherever it appears; the
                // copies of the command tree under it are never shown as help.
                sub.about(l.get("cli-about-help"))
            } else {
                translate(sub, &path, l)
            }
        });
    }
    cmd
}

/// The message id describing the command at `path`.
fn about_id(path: &[&str]) -> String {
    std::iter::once("cli-about")
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join("-")
}

/// The message id describing `arg` of the command at `path`: flags shared by every
/// command (and clap's `--help` and `--version`) have one message wherever they show.
fn arg_id(path: &[&str], arg: &Arg) -> String {
    let id = arg.get_id().as_str().replace('_', "-");
    if arg.is_global_set() || id == "help" || id == "version" {
        format!("cli-arg-{id}")
    } else {
        format!("cli-arg-{}-{id}", path.join("-"))
    }
}

fn text(l: &FluentLanguageLoader, id: &str) -> Option<String> {
    l.has(id).then(|| l.get(id))
}

/// A mistake on the command line (an unknown flag, a missing argument, a value clap
/// refuses) in the operator's language: clap's own message is English, however the
/// help reads. Lines: the reason (after `cli-error`'s 「错误：」), then what clap
/// suggests, the command's usage, and where to find the help. `None` for what is not a
/// mistake (`--help`, `--version`), which clap prints itself.
pub fn usage_error(e: &clap::Error, l: &FluentLanguageLoader) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let one = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::StyledStrs(v)) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    };
    let arg = || one(ContextKind::InvalidArg).unwrap_or_default();
    let say = |id: &str, args: &[(&str, String)]| {
        let args: HashMap<&str, String> = args.iter().cloned().collect();
        l.get_args(id, args)
    };
    let reason = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::UnknownArgument => say("cli-usage-unknown-argument", &[("arg", arg())]),
        ErrorKind::InvalidSubcommand => say(
            "cli-usage-unknown-command",
            &[(
                "command",
                one(ContextKind::InvalidSubcommand).unwrap_or_default(),
            )],
        ),
        ErrorKind::MissingRequiredArgument => say("cli-usage-missing", &[("args", arg())]),
        ErrorKind::MissingSubcommand => l.get("cli-usage-missing-command"),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            match one(ContextKind::InvalidValue).filter(|v| !v.is_empty()) {
                Some(value) => say(
                    "cli-usage-invalid-value",
                    &[("arg", arg()), ("value", value)],
                ),
                // `--consultation` with nothing after it.
                None => say("cli-usage-value-missing", &[("arg", arg())]),
            }
        }
        ErrorKind::ArgumentConflict => {
            let other = one(ContextKind::PriorArg).unwrap_or_default();
            // clap reports a flag given twice as a conflict with itself.
            if other == arg() {
                say("cli-usage-once", &[("arg", arg())])
            } else {
                say("cli-usage-conflict", &[("arg", arg()), ("other", other)])
            }
        }
        ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues
        | ErrorKind::NoEquals => say("cli-usage-value-count", &[("arg", arg())]),
        _ => l.get("cli-usage-other"),
    };
    let mut lines = vec![say("cli-error", &[("reason", reason)])];
    if let Some(values) = one(ContextKind::ValidValue).filter(|v| !v.is_empty()) {
        lines.push(say("cli-usage-possible-values", &[("values", values)]));
    }
    // The closest of clap's suggestions (it lists them from the least likely).
    let best = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.last().cloned(),
        _ => None,
    };
    let suggestion =
        best(ContextKind::SuggestedArg).or_else(|| best(ContextKind::SuggestedSubcommand));
    if let Some(suggestion) = suggestion {
        lines.push(say("cli-usage-suggestion", &[("suggestion", suggestion)]));
    }
    if let Some(usage) = one(ContextKind::Usage) {
        // clap renders 「Usage: consult-bot point add …」; the heading is ours.
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        lines.push(say("cli-help-usage", &[("usage", usage.to_owned())]));
    }
    lines.push(l.get("cli-usage-help"));
    Some(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;
    use consult_handlers::i18n::Locales;

    use super::*;
    use crate::cli::Cli;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    /// Every message id the command tree asks for, with the command's path.
    fn ids(cmd: &Command, path: &[&str], out: &mut Vec<String>) {
        out.push(about_id(path));
        for arg in cmd.get_arguments() {
            out.push(arg_id(path, arg));
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut path = path.to_vec();
            path.push(sub.get_name());
            ids(sub, &path, out);
        }
    }

    #[test]
    fn every_command_and_flag_is_described_in_both_languages() {
        let locales = Locales::load().unwrap();
        let mut cmd = Cli::command();
        cmd.build();
        let mut wanted = vec![
            "cli-about-help".to_owned(),
            "cli-help-usage".to_owned(),
            "cli-help-commands".to_owned(),
            "cli-help-command".to_owned(),
            "cli-help-arguments".to_owned(),
            "cli-help-options".to_owned(),
        ];
        // What a mistyped command line is told (looked up at run time, not by `fl!`).
        wanted.extend(
            [
                "unknown-argument",
                "unknown-command",
                "missing",
                "missing-command",
                "invalid-value",
                "value-missing",
                "conflict",
                "once",
                "value-count",
                "other",
                "possible-values",
                "suggestion",
                "help",
            ]
            .map(|id| format!("cli-usage-{id}")),
        );
        ids(&cmd, &[], &mut wanted);
        assert!(wanted.len() > 60, "{wanted:?}");
        for locale in [Locale::ZhCn, Locale::En] {
            let missing: Vec<&String> = wanted
                .iter()
                .filter(|id| !locales.get(locale).has(id))
                .collect();
            assert!(missing.is_empty(), "{locale:?} lacks {missing:?}");
        }
    }

    #[test]
    fn chinese_help_has_no_english_left() {
        let locales = Locales::load().unwrap();
        let mut cmd = localize(Cli::command(), locales.get(Locale::ZhCn));
        let root = cmd.render_help().to_string();
        assert!(root.contains("基层立法联系点"), "{root}");
        assert!(root.contains("用法："), "{root}");
        assert!(root.contains("显示帮助"), "{root}");
        let point = cmd.find_subcommand_mut("point").unwrap();
        let add = point
            .find_subcommand_mut("add")
            .unwrap()
            .render_help()
            .to_string();
        assert!(add.contains("添加联系点"), "{add}");
        let grant = cmd
            .find_subcommand_mut("role")
            .and_then(|role| role.find_subcommand_mut("grant"))
            .unwrap()
            .render_help()
            .to_string();
        let (user, role) = (grant.find("  <USER_ID>"), grant.find("  <ROLE>"));
        assert!(user.is_some() && user < role, "in the order typed: {grant}");
        for english in ["Usage", "Options", "Arguments", "Print help", "Commands"] {
            assert!(!root.contains(english), "{english} in {root}");
            assert!(!add.contains(english), "{english} in {add}");
        }
    }

    #[test]
    fn the_help_language_is_read_before_parsing() {
        assert_eq!(
            locale(&os(&["consult-bot", "--locale", "en", "--help"])),
            Locale::En
        );
        assert_eq!(
            locale(&os(&["consult-bot", "point", "--locale=en"])),
            Locale::En
        );
        assert_eq!(
            locale(&os(&["consult-bot", "--locale", "zh-CN", "-h"])),
            Locale::ZhCn
        );
        // A value after `--` is a positional argument, not the flag.
        assert_eq!(
            locale(&os(&[
                "consult-bot",
                "--locale",
                "en",
                "--",
                "--locale",
                "zh-CN"
            ])),
            Locale::En
        );
    }
}
