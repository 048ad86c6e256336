//! The program: command line, configuration, telemetry, update intake, the dispatch
//! loop and (later) the background workers. `run` is what `consult-bot run` does, and
//! what the end-to-end tests call in-process.

pub mod app;
pub mod backup;
pub mod cli;
pub mod cli_args;
pub mod cli_help;
pub mod config;
pub mod dispatch;
pub mod duration;
pub mod error;
pub mod faq_cli;
pub mod health;
pub mod intake;
pub mod leader;
pub mod metrics;
pub mod replica;
pub mod reports;
pub mod retry;
pub mod sample;
pub mod shutdown;
pub mod staff_cli;
pub mod telemetry;
pub mod wake;
pub mod web;
pub mod workers;

pub use app::run;
pub use config::Config;
pub use error::AppError;
