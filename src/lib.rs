//! Xianjie (学社衔接助手): the core library.
//!
//! Everything the CLI and the desktop app do lives here; `src-tauri` only adapts. See
//! ARCHITECTURE.md for the code map and the invariants.

pub mod api;
pub mod cases;
pub mod cli;
pub mod date;
pub mod destination;
pub mod documents;
pub mod engine;
pub mod error;
pub mod id_number;
pub mod member;
pub mod org;
pub mod roster;
pub mod rule;
pub mod store;
pub mod text;
pub mod transfer;

pub use error::{Error, ErrorCode, Result};
