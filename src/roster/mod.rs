//! Roster import from .xlsx/.xls (issue 3, DOMAIN.md §3).
//!
//! Reading, mapping, normalising and validating are pure functions over the sheet
//! ([`workbook`], [`header`], [`normalize`], [`validate`]); [`plan`] compares the valid rows
//! with the store and says exactly what a commit would do; [`apply`] commits that plan. A dry
//! run and a commit share every step but the last, so they cannot disagree.

#[cfg(feature = "full")]
pub mod apply;
mod biff;
#[cfg(feature = "full")]
pub mod demo;
pub mod header;
pub mod normalize;
mod ole;
#[cfg(feature = "full")]
pub mod plan;
pub mod sniff;
#[cfg(feature = "full")]
pub mod synth;
pub mod validate;
pub mod workbook;

pub use header::{ColumnMap, Field};
pub use validate::Issue;

#[cfg(feature = "full")]
use crate::store::Store;
#[cfg(feature = "full")]
use crate::Result;
use serde::Serialize;
#[cfg(feature = "full")]
use std::path::Path;

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
    let table = workbook::read(path, opts.sheet.as_deref(), &opts.maps)?;
    let checked = validate::check(&table);
    has_rows(&table, &checked)?;
    let plan = plan::plan(
        store.connection(),
        &table,
        &checked,
        opts.create_branches_under.as_deref(),
    )?;
    Ok(report(&table, checked, &plan, opts, true))
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
    crate::store::operator(operator)?;
    let table = workbook::read(path, opts.sheet.as_deref(), &opts.maps)?;
    let checked = validate::check(&table);
    has_rows(&table, &checked)?;
    // A large roster touches more B-tree pages than SQLite's default 2 MB cache holds; a
    // bigger cache for this connection keeps the one transaction from spilling early.
    if checked.valid.len() > 5_000 {
        store
            .connection()
            .execute_batch("PRAGMA cache_size = -65536")?;
    }
    let tx = store.transaction()?;
    let plan = plan::plan(&tx, &table, &checked, opts.create_branches_under.as_deref())?;
    let mut rep = report(&table, checked, &plan, opts, false);
    let blocked = opts.all_or_nothing && !rep.errors.is_empty();
    let anything = plan.rows.iter().any(|p| p.changes()) || !plan.new_branches.is_empty();
    if !blocked && anything {
        apply::apply(&tx, &plan, operator)?;
        tx.commit()?;
        rep.committed = true;
    }
    Ok(rep)
}

#[cfg(feature = "full")]
/// A sheet with a header and nothing under it is a mistake worth saying (wrong sheet, rows
/// on another tab), not a silent “0 rows imported”.
fn has_rows(table: &workbook::Table, checked: &validate::Checked) -> Result<()> {
    if checked.rows > 0 {
        return Ok(());
    }
    Err(crate::Error::invalid(format!(
        "“{}”的工作表“{}”在表头（第{}行）下没有任何数据行；如名单在其他工作表，请用 --sheet 指定",
        table.file, table.sheet, table.header_row
    )))
}

#[cfg(feature = "full")]
fn report(
    table: &workbook::Table,
    checked: validate::Checked,
    plan: &plan::Plan,
    opts: &ImportOptions,
    dry_run: bool,
) -> ImportReport {
    let mut errors = checked.errors;
    errors.extend(plan.errors.iter().cloned());
    errors.sort_by_key(|e| e.row);
    let blocked = opts.all_or_nothing && !errors.is_empty();
    let count = |n: usize| if blocked { 0 } else { n };
    ImportReport {
        file: table.file.clone(),
        sheet: table.sheet.clone(),
        header_row: table.header_row,
        rows: checked.rows,
        inserted: count(plan.inserted),
        updated: count(plan.updated),
        unchanged: count(plan.unchanged),
        errors,
        warnings: checked.warnings,
        missing_branches: plan.missing_branches.clone(),
        created_branches: if blocked {
            Vec::new()
        } else {
            plan.new_branches
                .iter()
                .map(|b| b.full_name.clone())
                .collect()
        },
        dry_run,
        committed: false,
    }
}
