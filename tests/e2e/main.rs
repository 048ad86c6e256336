//! The one end-to-end test binary: a module per feature. Tests use SQLite, or
//! PostgreSQL when `TEST_POSTGRES_URL` is set.
#[path = "../support/mod.rs"]
mod support;

mod audit;
mod backup;
mod broadcast;
mod browser;
mod cli;
mod consultations;
mod decisions;
mod digest;
mod export;
mod fake_api;
mod faq;
mod forged;
mod groups;
mod health;
mod intake;
mod labels;
mod opinions;
mod posters;
mod privacy;
mod prompts;
mod record;
mod replay;
mod replicas;
mod review;
mod schema;
mod staff_browser;
mod staff_consultations;
mod staff_review;
mod staff_review_browser;
mod staff_web;
mod start;
mod stats;
mod step_cost;
mod storage;
mod visibility;
mod web_browser;
mod web_browser_opinions;
mod web_opinions;
mod web_reading;
mod web_results;
mod web_serving;
mod web_telegram;
mod webhook;
