//! Reading a roster spreadsheet (issue 3, rules.md §2): .xlsx/.xls sniffed and opened
//! ([`sniff`], [`ole`], [`biff`]), the header row found and mapped ([`header`]), cells
//! normalised ([`normalize`]) and every row checked ([`validate`]), whole or streamed chunk by
//! chunk on a reader thread ([`stream`]).
//!
//! Pure over the file's bytes: no store, no clock but the one `validate::today` read per
//! chunk. The fuzz targets build on this crate and the domain alone.

mod biff;
pub mod freshmen;
pub mod grid;
pub mod header;
pub mod normalize;
mod ole;
pub mod sniff;
pub mod stream;
pub mod validate;
pub mod workbook;

pub use header::{ColumnMap, Field};
pub use stream::Input;
pub use validate::Issue;
