//! The one calling convention of the handlers: the router reads who sent an update
//! once and hands every feature's entry point the same [`Ctx`], by reference and
//! first, followed by what the update itself carries — the message or button press,
//! a command's argument, the feature's own dialogue state, the step's input. As
//! rust-lang/triagebot passes one context to every handler.

use teloxide::{Bot, types::Update};

use crate::{Deps, person::Person};

/// One update's context.
pub struct Ctx {
    pub bot: Bot,
    pub deps: Deps,
    /// Who sent the update, read fresh for it: their language and role.
    pub who: Person,
    /// The update's id: a dialogue step stores it, so that a replay is recognised.
    pub update: i64,
}

impl Ctx {
    pub fn new(bot: Bot, deps: Deps, who: Person, update: &Update) -> Ctx {
        Ctx {
            bot,
            deps,
            who,
            update: update.id.0 as i64,
        }
    }

    /// Whether this update was applied to the person's dialogue already: Telegram
    /// sends an update again when the bot stopped before acknowledging it.
    pub fn replayed(&self) -> bool {
        self.who.last_update >= Some(self.update)
    }
}
