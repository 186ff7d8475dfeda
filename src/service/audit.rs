//! The audit log as both doors show it: the entries (since a date) and the check of its hash
//! chain (`xianjie audit`, the app's diagnostics).

use super::Context;
use crate::store::audit::AuditEntry;
use crate::Result;
use chrono::NaiveDate;

/// The entries since `since` (all when `None`), oldest first.
pub fn entries(ctx: &Context, since: Option<NaiveDate>) -> Result<Vec<AuditEntry>> {
    ctx.store().audit_entries(since)
}

/// Checks the hash chain; the number of entries, or a conflict naming the first broken one.
pub fn verify(ctx: &Context) -> Result<u64> {
    ctx.store().verify_audit()?.into_result()
}

/// The database's schema version and the office's 学校类型 (`xianjie init`).
pub fn status(ctx: &Context) -> Result<(u32, crate::member::SchoolKind)> {
    Ok((ctx.store().schema_version()?, ctx.store().school_kind()?))
}
