//! The consultation a command names — `/decide 12`, `/extend C12 2027-01-31` — read
//! one way for every command; without one, the command shows a chooser of
//! consultations when it has one, and its usage line when it has none or the number
//! cannot be read.

use consult_domain::consultations::State;
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use crate::{Deps, HandlerError, callback::Callback, i18n::fl, person::Person, reply};

/// `12`, `C12` or `c12`.
pub fn parse_id(arg: &str) -> Option<i64> {
    let arg = arg.trim();
    arg.strip_prefix(['C', 'c'])
        .unwrap_or(arg)
        .parse()
        .ok()
        .filter(|id| *id > 0)
}

/// A consultation number and the words after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named<'a> {
    pub id: i64,
    /// What follows the number, trimmed: the deadline of `/extend 12 2027-01-31`.
    pub rest: &'a str,
}

/// What a command's argument says about a consultation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg<'a> {
    Named(Named<'a>),
    /// Nothing at all.
    Nothing,
    /// Something that is not a consultation number.
    Unreadable,
}

/// Reads the argument: the first word is the number, the rest stays for the command.
pub fn read(arg: &str) -> Arg<'_> {
    let arg = arg.trim();
    if arg.is_empty() {
        return Arg::Nothing;
    }
    let (first, rest) = arg.split_once(char::is_whitespace).unwrap_or((arg, ""));
    match parse_id(first) {
        Some(id) => Arg::Named(Named {
            id,
            rest: rest.trim(),
        }),
        None => Arg::Unreadable,
    }
}

/// The consultations to choose from when a command is given none: a button per
/// consultation in `states`, newest first, or `none` when there is none.
pub struct Chooser {
    pub states: &'static [State],
    pub header: String,
    pub none: String,
    pub button: fn(i64) -> Callback,
}

/// How a command takes its consultation.
pub struct Form<'a> {
    /// The example in its usage line, e.g. `/decide 12`.
    pub usage: &'a str,
    /// Whether words may follow the number (`/extend 12 2027-01-31`); where they may
    /// not, they make the argument unreadable.
    pub words_after: bool,
    /// Shown instead of the usage line when nothing is named.
    pub chooser: Option<Chooser>,
}

impl Form<'_> {
    /// The usage line, words after the number allowed, no chooser.
    pub fn usage(usage: &str) -> Form<'_> {
        Form {
            usage,
            words_after: true,
            chooser: None,
        }
    }
}

/// The consultation the argument names. Otherwise answers in `chat` — the chooser when
/// nothing was named and the command has one, else the usage line — and gives `None`.
pub async fn named_or_answer<'a>(
    bot: &Bot,
    deps: &Deps,
    who: &Person,
    chat: ChatId,
    arg: &'a str,
    form: Form<'_>,
) -> Result<Option<Named<'a>>, HandlerError> {
    match (read(arg), form.chooser) {
        (Arg::Named(n), _) if form.words_after || n.rest.is_empty() => return Ok(Some(n)),
        (Arg::Nothing, Some(chooser)) => choose(bot, deps, chat, chooser).await?,
        _ => {
            let l = deps.locales.get(who.locale);
            let text = fl!(l, "consultation-usage", usage = form.usage);
            reply::in_pieces(bot, chat, text, None).await?
        }
    }
    Ok(None)
}

async fn choose(bot: &Bot, deps: &Deps, chat: ChatId, c: Chooser) -> Result<(), HandlerError> {
    let mut list = deps.db.consultations().list(c.states).await?;
    if list.is_empty() {
        return reply::in_pieces(bot, chat, c.none, None).await;
    }
    list.sort_by_key(|c| std::cmp::Reverse(c.id));
    let rows = list
        .iter()
        .take(20)
        .map(|k| {
            let title: String = k.title.chars().take(24).collect();
            vec![InlineKeyboardButton::callback(
                format!("{} {title}", k.code()),
                (c.button)(k.id).encode(),
            )]
        })
        .collect::<Vec<_>>();
    reply::in_pieces(bot, chat, c.header, Some(InlineKeyboardMarkup::new(rows))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_number_and_keeps_the_rest() {
        assert_eq!(
            read(" C12  2027-01-31 "),
            Arg::Named(Named {
                id: 12,
                rest: "2027-01-31"
            })
        );
        assert_eq!(read("c3"), Arg::Named(Named { id: 3, rest: "" }));
        assert_eq!(read("  "), Arg::Nothing);
        assert_eq!(read("x12"), Arg::Unreadable);
        assert_eq!(read("0"), Arg::Unreadable);
    }
}
