//! The domain of 学社衔接: identities, dates, orgs, members, destinations, the rule ids and the
//! rule engine, the transfer model (states, deadlines, calendar, rates) and the command-line
//! contract of the engine (`cases`).
//!
//! Invariant: nothing here does I/O or reads a clock; every function takes its "as of" date.
//! One exception, in `time`: the office's time zone is read once from the environment.
//! The fuzz targets build on this crate and `xianjie-sheet` alone.

pub mod cases;
pub mod date;
pub mod destination;
pub mod engine;
pub mod error;
pub mod freshman;
pub mod id_number;
pub mod ledgers;
pub mod letters;
pub mod member;
pub mod order;
pub mod org;
pub mod progress;
pub mod rule;
pub mod text;
pub mod time;
pub mod transfer;

pub use error::{Error, ErrorCode, Result};
pub use progress::{Cancel, Step, Watch};
