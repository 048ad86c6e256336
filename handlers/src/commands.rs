//! The commands people type, and the menus Telegram shows for them.

use consult_domain::people::Locale;
use teloxide::{
    RequestError,
    prelude::*,
    types::{BotCommand, BotCommandScope},
    utils::command::BotCommands,
};

use crate::i18n::Locales;

#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    Start(String),
    Help,
    Lang(String),
    Groups,
    Invite(String),
    Link(String),
    Unlink,
    Status,
    Consultations,
    Newdraft,
    Cancel,
    Skip,
    Publish(String),
    Announce(String),
    Extend(String),
    Summary(String),
    Withdraw(String),
    Close(String),
    Revise(String),
    Mine,
    Prompt(String),
    Prompts,
    Record(String),
    Export(String),
    Review,
    Decide(String),
    Release(String),
    Unreached(String),
    Conclude(String),
    Stats(String),
    Poster(String),
    Mydata,
    Forget,
    Faq(String),
    Unanswered,
    Staff(String),
    Web,
    Report(String),
    Reports,
    Events,
    Event(String),
    Newevent,
    Checkin(String),
    Categories(String),
    Opencall(String),
    Point(String),
}

/// The menu in private chats: everyone's commands first, then staff commands (which
/// explain themselves to residents who try them).
const PRIVATE: &[&str] = &[
    "start",
    "consultations",
    "mine",
    "report",
    "events",
    "checkin",
    "faq",
    "help",
    "lang",
    "mydata",
    "forget",
    "cancel",
    "groups",
    "invite",
    "staff",
    "web",
    "newdraft",
    "opencall",
    "record",
    "export",
    "review",
    "reports",
    "newevent",
    "event",
    "categories",
    "point",
    "decide",
    "release",
    "unreached",
    "conclude",
    "stats",
    "poster",
    "unanswered",
];
/// The menu in groups: kept short, since everyone in the group sees it.
const GROUP: &[&str] = &["faq", "help", "link", "unlink"];

/// `setMyCommands` language codes are two letters.
fn language_code(locale: Locale) -> &'static str {
    match locale {
        Locale::ZhCn => "zh",
        Locale::En => "en",
    }
}

fn menu(locales: &Locales, locale: Locale, names: &[&str]) -> Vec<BotCommand> {
    names
        .iter()
        .map(|name| BotCommand::new(*name, locales.text(locale, &format!("cmd-{name}"), &[])))
        .collect()
}

/// Registers the menus per scope (private, group) and per language, plus the default
/// language's menu for clients in any other language.
pub async fn register(bot: &Bot, locales: &Locales, default: Locale) -> Result<(), RequestError> {
    for (scope, names) in [
        (BotCommandScope::AllPrivateChats, PRIVATE),
        (BotCommandScope::AllGroupChats, GROUP),
    ] {
        for locale in Locale::ALL {
            bot.set_my_commands(menu(locales, locale, names))
                .scope(scope.clone())
                .language_code(language_code(locale))
                .await?;
        }
        bot.set_my_commands(menu(locales, default, names))
            .scope(scope)
            .await?;
    }
    Ok(())
}
