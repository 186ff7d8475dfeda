//! Roster import from .xlsx/.xls (issue 3, DOMAIN.md §3).
//!
//! Reading, mapping, normalising and validating are pure functions over the sheet
//! ([`workbook`], [`header`], [`normalize`], [`validate`]); [`plan`] compares the valid rows
//! with the store and says exactly what a commit would do; [`apply`] commits that plan. A dry
//! run and a commit share every step but the last, so they cannot disagree.

#[cfg(feature = "full")]
pub mod apply;
#[cfg(feature = "full")]
mod bulk;
#[cfg(feature = "full")]
pub mod demo;
#[cfg(feature = "full")]
pub mod plan;
#[cfg(feature = "full")]
pub mod synth;

pub use xianjie_sheet::{header, normalize, sniff, stream, validate, workbook};
pub use xianjie_sheet::{ColumnMap, Field, Issue};

#[cfg(feature = "full")]
use crate::store::Store;
#[cfg(feature = "full")]
use crate::Result;
#[cfg(feature = "full")]
use rusqlite::Connection;
use serde::Serialize;
#[cfg(feature = "full")]
use std::path::Path;
pub use xianjie_sheet::Input;

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The sheet to read; default: the first sheet with a roster header.
    pub sheet: Option<String>,
    /// `列名=字段` mappings that override the synonyms.
    pub maps: Vec<ColumnMap>,
    /// Report only; write nothing.
    pub dry_run: bool,
    /// Write nothing when any row has an error.
    pub all_or_nothing: bool,
    /// Full name of the org under which missing branches are created.
    pub create_branches_under: Option<String>,
}

/// What an import did (or, for a dry run, would do): the CLI's `--json` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub file: String,
    pub sheet: String,
    /// The header row as Excel numbers it.
    pub header_row: u32,
    /// Data rows read (empty rows skipped).
    pub rows: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub errors: Vec<Issue>,
    /// Rows imported with a caution (M6 joined under 14).
    pub warnings: Vec<Issue>,
    /// Branches named in the file that do not exist (their rows are refused).
    pub missing_branches: Vec<String>,
    /// Branches created under `--create-branches-under` (or that would be, in a dry run).
    pub created_branches: Vec<String>,
    pub dry_run: bool,
    /// True when the store was written.
    pub committed: bool,
}

#[cfg(feature = "full")]
/// Reads, checks and plans `path` against the store without writing.
pub fn preview(store: &Store, path: &Path, opts: &ImportOptions) -> Result<ImportReport> {
    let (rep, _, _) = run(store.connection(), Input::File(path), opts, None)?;
    Ok(rep)
}

#[cfg(feature = "full")]
/// Imports `path`: with `dry_run` only reports; otherwise writes the valid rows in one
/// transaction (nothing when `all_or_nothing` and any row has an error).
pub fn import(
    store: &mut Store,
    path: &Path,
    opts: &ImportOptions,
    operator: &str,
) -> Result<ImportReport> {
    if opts.dry_run {
        return preview(store, path, opts);
    }
    // Every entry point (CLI, app) gets the snapshot before an import (issue 7).
    crate::store::operator(operator)?;
    store.snapshot(crate::store::backup::Reason::Import)?;
    import_input(store, Input::File(path), opts, operator)
}

#[cfg(feature = "full")]
/// The commit of [`import`] for any input (the demo roster is held in memory).
pub(crate) fn import_input(
    store: &mut Store,
    input: Input<'_>,
    opts: &ImportOptions,
    operator: &str,
) -> Result<ImportReport> {
    crate::store::operator(operator)?;
    // A 16 MB page cache for this connection (SQLite's default is 2 MB): every index page a
    // 50,000-row import keeps coming back to stays in memory, while table pages already full
    // are written to the log as the rows come, not all at the commit after the last row,
    // where nothing runs alongside (with a 64 MB cache the commit of 50,000 rows took 22 ms,
    // with 4 MB 8 ms; the indexes of such an import, about 5 MB, fit in 16 MB with room).
    //
    // The schema's CHECK constraints on enum columns (`x IN ('a', 'b', 'c')`) make SQLite build
    // a small temporary index for every INSERT, a third of an import's cost. Every value an
    // import writes comes from the typed enums' `code()`, so the import alone writes with
    // those checks off, and turns them back on whatever happens (a flag pragma expires every
    // compiled statement, so no cached statement keeps the other setting).
    //
    // Foreign keys are off for the import's transaction too: with them on, every many-row
    // INSERT keeps a statement journal (a copy of each page it touches, written to a temporary
    // file) to undo itself should a later row break a key. Every id an import writes is one
    // it has just read or created in this same transaction (branches looked up or created,
    // member ids assigned from the table's maximum), so no key can dangle; the inserts say
    // `OR FAIL` for the same reason (the transaction is dropped on any error).
    //
    // The commit does not copy the write-ahead log into the database file (a checkpoint, the
    // fsync of tens of MB): the import is committed without it, and SQLite checkpoints at the
    // next write or when the connection closes (the app closes it off the user's path).
    store.connection().execute_batch(
        "PRAGMA cache_size = -16384; PRAGMA ignore_check_constraints = ON; \
         PRAGMA wal_autocheckpoint = 0; PRAGMA foreign_keys = OFF",
    )?;
    let result = commit(store, input, opts, operator);
    let restored = store.connection().execute_batch(
        "PRAGMA ignore_check_constraints = OFF; PRAGMA wal_autocheckpoint = 1000; \
         PRAGMA foreign_keys = ON",
    );
    let rep = result?;
    restored?;
    Ok(rep)
}

#[cfg(feature = "full")]
fn commit(
    store: &mut Store,
    input: Input<'_>,
    opts: &ImportOptions,
    operator: &str,
) -> Result<ImportReport> {
    let tx = store.transaction()?;
    let (mut rep, plan, writer) = run(&tx, input, opts, Some(operator))?;
    let blocked = opts.all_or_nothing && !rep.errors.is_empty();
    let anything = plan.inserted + plan.updated > 0 || !plan.new_branches.is_empty();
    if let (false, true, Some(w)) = (blocked, anything, writer) {
        w.finish(&plan.new_branches)?;
        tx.commit()?;
        rep.committed = true;
    }
    Ok(rep)
}

#[cfg(feature = "full")]
/// Reads, checks and plans the rows as the reader thread hands them over; with an operator,
/// writes each planned row at once (the caller commits, or drops the transaction). A dry run
/// and a commit share every step but the writing, so they cannot disagree.
fn run<'c>(
    conn: &'c Connection,
    input: Input<'_>,
    opts: &ImportOptions,
    operator: Option<&'c str>,
) -> Result<(ImportReport, plan::Plan, Option<apply::Writer<'c>>)> {
    let mut planner = plan::Planner::new(conn, opts.create_branches_under.as_deref())?;
    let mut writer = operator
        .map(|op| apply::Writer::new(conn, op))
        .transpose()?;
    let mut merge = validate::Merge::default();
    let mut header: Option<(String, String, u32)> = None;
    stream::read(input, opts.sheet.as_deref(), &opts.maps, |mut chunk| {
        let parsed = chunk.parsed();
        let table = &chunk.table;
        if header.is_none() {
            header = Some((table.file.clone(), table.sheet.clone(), table.header_row));
            if let Some(w) = writer.as_mut() {
                w.source(&table.file, &table.sheet);
            }
        }
        for p in parsed {
            let Some(row) = merge.push(&table.columns, p) else {
                continue;
            };
            let Some(planned) = planner.row(conn, table, row)? else {
                continue;
            };
            // All or nothing: after the first error nothing written would be kept.
            if opts.all_or_nothing && !(merge.errors.is_empty() && planner.plan.errors.is_empty()) {
                writer = None;
            }
            if let Some(w) = writer.as_mut() {
                w.branches(&planner.plan.new_branches)?;
                w.row(planned)?;
            }
        }
        Ok(())
    })?;
    let (file, sheet, header_row) = header.unwrap_or_default();
    // A sheet with a header and nothing under it is a mistake worth saying (wrong sheet, rows
    // on another tab), not a silent “0 rows imported”.
    if merge.rows == 0 {
        return Err(crate::Error::invalid(format!(
            "“{file}”的工作表“{sheet}”在表头（第{header_row}行）下没有任何数据行；如名单在其他工作表，请用 --sheet 指定"
        )));
    }
    let plan = planner.finish();
    let mut errors = merge.errors;
    errors.extend(plan.errors.iter().cloned());
    errors.sort_by_key(|e| e.row);
    let blocked = opts.all_or_nothing && !errors.is_empty();
    let count = |n: usize| if blocked { 0 } else { n };
    let rep = ImportReport {
        file,
        sheet,
        header_row,
        rows: merge.rows,
        inserted: count(plan.inserted),
        updated: count(plan.updated),
        unchanged: count(plan.unchanged),
        errors,
        warnings: merge.warnings,
        missing_branches: plan.missing_branches.clone(),
        created_branches: if blocked {
            Vec::new()
        } else {
            plan.new_branches
                .iter()
                .map(|b| b.full_name.clone())
                .collect()
        },
        dry_run: operator.is_none(),
        committed: false,
    };
    Ok((rep, plan, writer))
}
