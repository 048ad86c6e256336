//! The one end-to-end test binary: a module per feature. Tests use SQLite, or
//! PostgreSQL when `TEST_POSTGRES_URL` is set.
#[path = "../support/mod.rs"]
mod support;

mod broadcast;
mod cli;
mod consultations;
mod export;
mod fake_api;
mod groups;
mod intake;
mod opinions;
mod privacy;
mod prompts;
mod record;
mod review;
mod start;
mod storage;
