//! Opinions, whatever way they come in: the private dialogue ([`dialogue`]) with its
//! step buttons ([`step_buttons`]), a resident's own list ([`mine`]), offline entry by
//! staff ([`record`]), replies in groups ([`group_replies`]) and group prompts with
//! their votes ([`prompts`]).

pub mod dialogue;
pub mod group_replies;
pub mod mine;
pub mod prompts;
pub mod record;
pub mod step_buttons;
