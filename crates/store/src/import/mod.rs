//! The roster import's pipeline (issue 3, rules.md §2): the sheet is read and checked on a
//! thread of its own (`xianjie_sheet::stream`) while [`plan`] compares each valid row with the
//! store and says what a commit would do and [`apply`] writes it. A dry run and a commit share
//! every step but the writing, so they cannot disagree. Every SQL statement of an import lives
//! here, in the store.

pub mod apply;
mod bulk;
pub mod plan;

use crate::{Result, Store};
use rusqlite::Connection;
use serde::Serialize;
use std::path::Path;
use xianjie_domain::Watch;
use xianjie_sheet::{stream, validate, ColumnMap, Input, Issue};

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
    /// Rows imported with a caution (M6 joined under 14; a development number not of the
    /// joining year, or held by another row or stored member: 被占用).
    pub warnings: Vec<Issue>,
    /// Branches named in the file that do not exist (their rows are refused).
    pub missing_branches: Vec<String>,
    /// Branches created under `--create-branches-under` (or that would be, in a dry run).
    pub created_branches: Vec<String>,
    pub dry_run: bool,
    /// True when the store was written.
    pub committed: bool,
}

/// Reads, checks and plans `path` against the store without writing.
pub fn preview(store: &Store, path: &Path, opts: &ImportOptions) -> Result<ImportReport> {
    let (rep, _, _) = run(
        store.connection(),
        Input::File(path),
        opts,
        None,
        &Watch::NONE,
    )?;
    Ok(rep)
}

/// Imports `path`: with `dry_run` only reports; otherwise writes the valid rows in one
/// transaction (nothing when `all_or_nothing` and any row has an error). `watch` hears the
/// rows read of the sheet's and may stop the import before its commit: then nothing is
/// written (the snapshot taken first stays, as after any failed import).
pub fn import(
    store: &mut Store,
    path: &Path,
    opts: &ImportOptions,
    operator: &str,
    watch: &Watch<'_>,
) -> Result<ImportReport> {
    if opts.dry_run {
        return preview(store, path, opts);
    }
    // Every entry point (CLI, app) gets the snapshot before an import (issue 7).
    crate::operator(operator)?;
    store.snapshot(crate::backup::Reason::Import)?;
    import_input(store, Input::File(path), opts, operator, watch)
}

/// The commit of [`import`] for any input (the demo roster is held in memory).
pub fn import_input(
    store: &mut Store,
    input: Input<'_>,
    opts: &ImportOptions,
    operator: &str,
    watch: &Watch<'_>,
) -> Result<ImportReport> {
    crate::operator(operator)?;
    let mut bulk = store.bulk_import()?;
    let rep = commit(bulk.store(), input, opts, operator, watch)?;
    bulk.restore()?;
    Ok(rep)
}

fn commit(
    store: &mut Store,
    input: Input<'_>,
    opts: &ImportOptions,
    operator: &str,
    watch: &Watch<'_>,
) -> Result<ImportReport> {
    let tx = store.transaction()?;
    let (mut rep, plan, writer) = run(&tx, input, opts, Some(operator), watch)?;
    let blocked = opts.all_or_nothing && !rep.errors.is_empty();
    let anything = plan.inserted + plan.updated > 0 || !plan.new_branches.is_empty();
    if let (false, true, Some(w)) = (blocked, anything, writer) {
        // The last moment a stop leaves nothing behind.
        watch.check()?;
        let rows = rep.rows as u64;
        watch.step(rows, rows, || format!("已校验 {rows} 行，正在保存"));
        w.finish(&plan.new_branches)?;
        tx.commit()?;
        watch.step(rows, rows, || format!("已保存：共 {rows} 行"));
        rep.committed = true;
    }
    Ok(rep)
}

/// Reads, checks and plans the rows as the reader thread hands them over; with an operator,
/// writes each planned row at once (the caller commits, or drops the transaction). A dry run
/// and a commit share every step but the writing, so they cannot disagree.
fn run<'c>(
    conn: &'c Connection,
    input: Input<'_>,
    opts: &ImportOptions,
    operator: Option<&'c str>,
    watch: &Watch<'_>,
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
        let (read, total) = (u64::from(chunk.read), u64::from(chunk.total));
        watch.step(read, total, || {
            format!("正在校验并写入：第 {read} 行，共 {total} 行")
        });
        watch.check()
    })?;
    let (file, sheet, header_row) = header.unwrap_or_default();
    // A sheet with a header and nothing under it is a mistake worth saying (wrong sheet, rows
    // on another tab), not a silent “0 rows imported”.
    if merge.rows == 0 {
        return Err(xianjie_domain::Error::invalid(format!(
            "“{file}”的工作表“{sheet}”在表头（第{header_row}行）下没有任何数据行；如名单在其他工作表，请用 --sheet 指定"
        )));
    }
    let plan = planner.finish();
    let mut errors = merge.errors;
    errors.extend(plan.errors.iter().cloned());
    errors.sort_by_key(|e| e.row);
    let mut warnings = merge.warnings;
    warnings.extend(plan.warnings.iter().cloned());
    warnings.sort_by_key(|w| w.row);
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
        warnings,
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
