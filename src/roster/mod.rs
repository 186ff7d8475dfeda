//! Roster import from .xlsx/.xls (issue 3, DOMAIN.md §3).
//!
//! Reading, mapping, normalising and validating are pure functions over the sheet
//! ([`workbook`], [`header`], [`normalize`], [`validate`]); [`plan`] compares the valid rows
//! with the store and says exactly what a commit would do; [`apply`] commits that plan. A dry
//! run and a commit share every step but the last, so they cannot disagree.

pub mod header;
pub mod normalize;
pub mod synth;
pub mod validate;
pub mod workbook;

pub use header::{ColumnMap, Field};
