//! Saying things to people: messages in HTML, split when longer than one message
//! ([`send`]), a screen edited in place or sent ([`screen`]), and answering a pressed
//! button ([`button`]).

mod button;
mod screen;
mod send;

pub(crate) use button::{Courtesy, alert, toast};
pub use screen::Screen;
pub(crate) use send::in_pieces;
pub use send::{html, html_with_keyboard, to, to_with_keyboard};
