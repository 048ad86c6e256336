//! Test support shared by the end-to-end tests and the benchmarks.
#![allow(dead_code)]

pub mod app;
pub mod bench;
pub mod browser;
pub mod chat;
pub mod db;
pub mod files;
pub mod qr;
pub mod sheets;
pub mod telegram;
pub mod web;
pub mod world;
