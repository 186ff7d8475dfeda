//! The crate's one integration-test binary: each area has a module here; fixtures live in
//! `fixtures/`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod architecture;
mod bad_input;
mod cases;
mod collect;
mod demo;
mod diagnostics;
pub mod documents;
mod freshmen;
mod jobs;
mod keys;
mod lists;
mod platform;
mod reconcile;
mod review;
mod roster;
mod safety;
mod school;
mod security;
mod store;
mod transfer;

/// The repository root, for fixtures.
pub fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
