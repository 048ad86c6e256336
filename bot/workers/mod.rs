//! Background workers that run beside the dispatch loop and stop with it.

pub mod broadcast;
pub mod scheduler;
