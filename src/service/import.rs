//! Roster import as both doors run it: the store's import (snapshot first), the rows written with the
//! context's operator, and the write-ahead log copied into the file off the user's path.

use super::Context;
use crate::roster::{ImportOptions, ImportReport};
use crate::{Result, Watch};
use std::path::Path;

/// 预检: what an import of `path` would do; writes nothing.
pub fn preview(ctx: &Context, path: &Path, opts: &ImportOptions) -> Result<ImportReport> {
    crate::roster::preview(ctx.store(), path, opts)
}

/// Imports `path` (with `opts.dry_run` only reports); `watch` hears the rows read and may stop
/// it before the commit (nothing written).
pub fn import(
    ctx: &mut Context,
    path: &Path,
    opts: &ImportOptions,
    watch: &Watch<'_>,
) -> Result<ImportReport> {
    let op = ctx.operator().to_string();
    let rep = crate::roster::import(ctx.store_mut(), path, opts, &op, watch)?;
    if rep.committed {
        ctx.store().checkpoint_in_background();
    }
    Ok(rep)
}
