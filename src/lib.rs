//! Xianjie (学社衔接助手): the core library.
//!
//! Everything the CLI and the desktop app do lives here; `src-tauri` only adapts. See
//! ARCHITECTURE.md for the code map and the invariants. The pure parts live in their own crates
//! (`xianjie-domain`, `xianjie-sheet`; the fuzz targets build on those alone), SQL in
//! `xianjie-store`; this crate holds the service layer both doors call.

pub mod files;
pub mod package;
pub mod service;
pub use xianjie_diagnostics as diagnostics;
pub use xianjie_documents as documents;
pub use xianjie_seal as seal;
pub use xianjie_sheet as sheet;
pub use xianjie_store as store;

pub use xianjie_domain::{
    cases, date, destination, engine, error, freshman, id_number, labeled_enum, member, org, rule,
    text, time, transfer,
};
pub use xianjie_domain::{Cancel, Error, ErrorCode, Result, Step, Watch};
