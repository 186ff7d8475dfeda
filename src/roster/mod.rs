//! The roster: reading and checking are `xianjie_sheet`'s, planning and writing the store's
//! (`xianjie_store::import`); here is the demo college.

pub mod demo;

pub use xianjie_sheet::{header, normalize, sniff, stream, validate, workbook};
pub use xianjie_sheet::{ColumnMap, Field, Input, Issue};
pub use xianjie_store::import::{apply, import, plan, preview, ImportOptions, ImportReport};
