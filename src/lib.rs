//! Xianjie (学社衔接助手): the core library.
//!
//! Everything the CLI and the desktop app do lives here; `src-tauri` only adapts. See
//! ARCHITECTURE.md for the code map and the invariants. Without the default `full` feature only
//! the pure parsers and rules are built (the fuzz targets, docs/fuzzing.md).

#[cfg(feature = "full")]
pub mod api;
pub mod cases;
#[cfg(feature = "full")]
pub mod cli;
pub mod date;
pub mod destination;
#[cfg(feature = "full")]
pub mod documents;
pub mod engine;
pub mod error;
pub mod files;
pub mod id_number;
pub mod member;
pub mod org;
pub mod roster;
pub mod rule;
#[cfg(feature = "full")]
pub mod service;
#[cfg(feature = "full")]
pub mod store;
pub mod text;
#[cfg(feature = "full")]
pub mod transfer;

pub use error::{Error, ErrorCode, Result};
