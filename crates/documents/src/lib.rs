//! Documents the office hands up and prints (rules.md §6): the summary tables F1–F6 as .xlsx
//! and the letters L1–L3 as PDF.
//!
//! Everything here is pure over rows: plain structs in, bytes out. Nothing reads the store —
//! the service (`xianjie::service::tables`, `xianjie::service::letters`) gathers the rows,
//! numbers the letters and writes the files — so each document is tested without a database.
//! The only file read is the bundled font ([`font`]) and, for [`merge`], the colleges' files.

pub mod font;
pub mod letter;
pub mod merge;
pub mod tables;

pub(crate) use xianjie_domain::{error, org, text, Error, Result, Watch};
