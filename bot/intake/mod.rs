//! How updates arrive. Whatever the source, an update is stored in the inbox before it
//! is acknowledged to Telegram, and the dispatcher is woken to handle it.

mod polling;

pub use polling::Polling;
