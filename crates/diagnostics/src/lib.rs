//! A log that leaks nothing: errors by code, refusals, panics with their backtrace, versions
//! and the timings of long tasks — never a name, an ID number, a phone number or a file's
//! content, because the log leaves the PC (the diagnostics a secretary sends for help).
//!
//! - [`log`]: [`init`] opens `data/logs/` (daily files, a week kept, 0600) and the only
//!   writers: [`record_failure`], [`record_error`], [`record_long_task`] — no free text.
//! - [`panic`]: [`install_panic_hook`] writes a panic with a backtrace before the default hook.
//! - [`scrub`]: the filter every free text (a panic message) goes through.
//! - [`collect`]: the log files and versions as one text, for the diagnostics export.
//!
//! Both programs call, first thing in `main`:
//!
//! ```no_run
//! # fn main() -> xianjie_domain::Result<()> {
//! # let data_dir = std::path::Path::new(".");
//! let _log = xianjie_diagnostics::init(data_dir, "xianjie-app", env!("CARGO_PKG_VERSION"))?;
//! xianjie_diagnostics::install_panic_hook();
//! # Ok(()) }
//! ```

pub mod collect;
pub mod log;
pub mod panic;
pub mod scrub;

pub use collect::collect;
pub use log::{init, record_error, record_failure, record_long_task, Guard};
pub use panic::install_panic_hook;
pub use scrub::scrub;
