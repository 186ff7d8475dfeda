//! Documents: tables F1–F6 read back with calamine and snapshotted; letters rendered, their
//! text extracted and checked part by part; the register's refusals; the CLI on a real store.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod batch;
mod dates;
mod from_store;
mod ledgers;
mod letters;
mod names;
mod notices;
mod print;
mod register;
pub mod tables;
