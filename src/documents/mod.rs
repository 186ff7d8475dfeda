//! Documents the office hands up and prints (DOMAIN.md §7): the summary tables F1–F6 as .xlsx
//! and the letters L1–L3 as PDF, rendered from plain row structs so that they can be tested
//! without a database; the letter register and the row queries read the store.

pub mod export;
pub mod font;
pub use xianjie_store::ledgers;
pub mod letter;
pub mod merge;
pub mod register;
pub mod rows;
pub mod tables;
