//! 设置 › 导出诊断信息 and `xianjie diagnostics export FILE` (issue 25): what a secretary
//! sends whoever helps — the log (`xianjie_diagnostics::collect`: codes, timings, panics with
//! their backtrace; never a name, an ID number or a phone number), the program's version, the
//! OS, and the store's health: its schema version, SQLite's integrity check and the audit
//! chain's check. Nothing of the data itself: no org or person name, no path.

use super::Context;
use crate::{files, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The store's health, as the diagnostics report it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoreCheck {
    /// The database's schema version, and the newest this program writes.
    pub schema_version: u32,
    pub latest_schema_version: u32,
    /// `PRAGMA integrity_check`: `ok`, or its findings (scrubbed).
    pub integrity: String,
    /// Entries in the audit log.
    pub audit_entries: u64,
    /// The first entry whose hash does not match, if any.
    pub audit_broken_at: Option<i64>,
}

impl StoreCheck {
    pub fn ok(&self) -> bool {
        self.integrity == "ok" && self.audit_broken_at.is_none()
    }
}

/// The store's integrity check and audit chain check (read only).
pub fn check(ctx: &Context) -> Result<StoreCheck> {
    let audit = ctx.store().verify_audit()?;
    Ok(StoreCheck {
        schema_version: ctx.store().schema_version()?,
        latest_schema_version: crate::store::latest_version(),
        integrity: crate::diagnostics::scrub(&ctx.store().integrity_check()?),
        audit_entries: audit.entries,
        audit_broken_at: audit.broken_at,
    })
}

/// 导出诊断信息: where to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiagnosticsExport {
    pub out: String,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiagnosticsWritten {
    pub path: String,
    pub bytes: u64,
    /// The store's health, as written in the file.
    pub store: StoreCheck,
}

/// The diagnostics text of this office (see the module docs).
pub fn text(ctx: &Context) -> Result<String> {
    Ok(text_and_check(ctx)?.0)
}

fn text_and_check(ctx: &Context) -> Result<(String, StoreCheck)> {
    let mut out = crate::diagnostics::collect(&ctx.paths().data_dir)?;
    let c = check(ctx)?;
    out.push_str("\n===== store =====\n");
    out.push_str(&format!(
        "program: xianjie {}\nschema_version: {} (this program writes {})\nintegrity_check: {}\naudit_chain: {} entries, {}\n",
        env!("CARGO_PKG_VERSION"),
        c.schema_version,
        c.latest_schema_version,
        c.integrity,
        c.audit_entries,
        match c.audit_broken_at {
            None => "intact".to_string(),
            Some(id) => format!("broken at entry {id}"),
        }
    ));
    Ok((out, c))
}

/// Writes [`text`] to `params.out`.
pub fn export(ctx: &Context, params: &DiagnosticsExport) -> Result<DiagnosticsWritten> {
    let (body, store) = text_and_check(ctx)?;
    files::write_output(Path::new(&params.out), body.as_bytes())?;
    Ok(DiagnosticsWritten {
        path: params.out.clone(),
        bytes: body.len() as u64,
        store,
    })
}
