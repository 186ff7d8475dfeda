//! 导入 (the window's page and `xianjie import`): the roster import as the window drives it — inspect a chosen file (sheets, detected
//! header, column → field), a dry run with the secretary's mapping, the commit with progress,
//! and the error list saved as .xlsx. Every step is `crate::store::import`'s; this only adapts.

use super::view::{count, Choice};
use super::Context;
use crate::documents::tables::{self, Cell, HeaderCell, Table};
use crate::org::OrgLevel;
use crate::sheet::header::{field_by_header, fold_header};
use crate::sheet::workbook::{self, column_letter};
use crate::sheet::{ColumnMap, Field};
use crate::store::import::{ImportOptions, ImportReport};
use crate::{Error, Result, Watch};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One column of the sheet's header and the field it feeds (null: not imported).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportColumn {
    /// `C`, as Excel shows it.
    pub letter: String,
    pub header: String,
    /// A [`Field`] code.
    pub field: Option<String>,
}

/// What the window shows right after a file is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportInspect {
    pub file: String,
    pub sheets: Vec<String>,
    /// The sheet read (the first with a roster header unless one was asked for).
    pub sheet: String,
    pub header_row: u32,
    pub columns: Vec<ImportColumn>,
    /// Every field a column can feed.
    pub fields: Vec<Choice>,
    /// Top-level and other non-branch orgs: where missing branches may be created.
    pub parents: Vec<String>,
    /// Where new branches go unless the secretary chooses otherwise: the office's own
    /// committee (a college's 团委/团总支, not the school's).
    pub default_parent: Option<String>,
}

/// A column the secretary mapped by hand (header as written → field code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ColumnChoice {
    pub header: String,
    pub field: String,
}

/// A dry run or a commit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportRequest {
    pub file: String,
    pub sheet: Option<String>,
    pub maps: Vec<ColumnChoice>,
    /// Write nothing when any row has an error.
    pub all_or_nothing: bool,
    /// Full name of the org under which missing branches are created (null: refuse their rows).
    pub create_branches_under: Option<String>,
}

/// One problem of the file, as the errors table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportIssue {
    pub sheet: String,
    pub row: u32,
    pub column: String,
    pub value: String,
    pub message: String,
    /// The row's 姓名 (empty when it has none).
    pub name: String,
    /// The row's 团支部 is not in the org tree (one summary with an action stands for these).
    pub missing_branch: bool,
}

/// What an import did, or (dry run) would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportResult {
    pub file: String,
    pub sheet: String,
    pub header_row: u32,
    pub rows: u32,
    pub inserted: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub errors: Vec<ImportIssue>,
    pub warnings: Vec<ImportIssue>,
    pub missing_branches: Vec<String>,
    pub created_branches: Vec<String>,
    pub dry_run: bool,
    pub committed: bool,
}

impl From<ImportReport> for ImportResult {
    fn from(r: ImportReport) -> Self {
        let branch_column = crate::sheet::Field::Branch.label();
        let missing = &r.missing_branches;
        let issues = |v: Vec<crate::sheet::Issue>| {
            v.into_iter()
                .map(|i| ImportIssue {
                    sheet: r.sheet.clone(),
                    row: i.row,
                    missing_branch: missing.contains(&i.value) && i.column.contains(branch_column),
                    column: i.column,
                    value: i.value,
                    message: i.message,
                    name: i.name,
                })
                .collect()
        };
        let n = count;
        Self {
            errors: issues(r.errors),
            warnings: issues(r.warnings),
            file: r.file,
            sheet: r.sheet.clone(),
            header_row: r.header_row,
            rows: n(r.rows),
            inserted: n(r.inserted),
            updated: n(r.updated),
            unchanged: n(r.unchanged),
            missing_branches: r.missing_branches,
            created_branches: r.created_branches,
            dry_run: r.dry_run,
            committed: r.committed,
        }
    }
}

/// Reads the file's header: sheets, the header row and which column feeds which field.
pub fn inspect(ctx: &Context, file: &str, sheet: Option<&str>) -> Result<ImportInspect> {
    let path = Path::new(file);
    // The roster reader's guards first: a damaged .xls never reaches calamine unchecked.
    let table = workbook::read(path, sheet, &[])?;
    let sheets = workbook::sheet_names(path)?;
    let row = table.header_row.saturating_sub(1);
    let (start, end) = match (table.range.start(), table.range.end()) {
        (Some(s), Some(e)) => (s.1, e.1),
        _ => (0, 0),
    };
    let mut columns = Vec::new();
    for col in start..=end {
        let mapped = table.columns.iter().find(|c| c.col == col);
        let header = match mapped {
            Some(c) => c.header.clone(),
            None => crate::sheet::normalize::text(table.cell(row, col).into()).unwrap_or_default(),
        };
        if header.is_empty() && mapped.is_none() {
            continue;
        }
        columns.push(ImportColumn {
            letter: column_letter(col),
            header,
            field: mapped.map(|c| c.field.code().to_string()),
        });
    }
    let parents = ctx
        .store()
        .orgs()?
        .into_iter()
        .filter(|o| o.level != OrgLevel::Branch)
        .map(|o| o.full_name)
        .collect();
    Ok(ImportInspect {
        file: file.to_string(),
        sheets,
        sheet: table.sheet,
        header_row: table.header_row,
        columns,
        fields: crate::choices!(Field),
        parents,
        default_parent: super::office::load(ctx)?.issuer.map(|o| o.full_name),
    })
}

pub fn options(req: &ImportRequest, dry_run: bool) -> Result<ImportOptions> {
    let mut maps = Vec::new();
    for m in &req.maps {
        let field = Field::from_code(&m.field).ok_or_else(|| {
            Error::invalid(format!("列“{}”对应的字段“{}”无法识别", m.header, m.field))
        })?;
        let header = fold_header(&m.header);
        // Only what differs from the detection: the synonyms already cover the rest.
        if !header.is_empty() && field_by_header(&m.header, &[]) != Some(field) {
            maps.push(ColumnMap { header, field });
        }
    }
    Ok(ImportOptions {
        sheet: req.sheet.clone().filter(|s| !s.is_empty()),
        maps,
        dry_run,
        all_or_nothing: req.all_or_nothing,
        create_branches_under: req
            .create_branches_under
            .clone()
            .filter(|s| !s.trim().is_empty()),
    })
}

/// 预检: what the import would do; writes nothing.
pub fn dry_run(ctx: &Context, req: &ImportRequest) -> Result<ImportResult> {
    let opts = options(req, true)?;
    let rep = crate::store::import::preview(ctx.store(), Path::new(&req.file), &opts)?;
    Ok(rep.into())
}

/// 导入: writes every valid row (or nothing, with `all_or_nothing` and any error) in one
/// transaction, telling `watch` the rows read of the sheet's; a stop before the commit writes
/// nothing.
pub fn commit(ctx: &mut Context, req: &ImportRequest, watch: &Watch<'_>) -> Result<ImportResult> {
    let opts = options(req, false)?;
    Ok(ImportResult::from(run(
        ctx,
        Path::new(&req.file),
        &opts,
        watch,
    )?))
}

/// Creates a top-level 基层团委 (an empty office's first org) under which the roster's branches
/// can then be created.
pub fn create_parent(ctx: &mut Context, full_name: &str) -> Result<String> {
    Ok(super::orgs::create_top_committee(ctx, full_name)?.full_name)
}

/// 预检 with options as the CLI gives them: what an import of `path` would do.
pub fn preview(ctx: &Context, path: &Path, opts: &ImportOptions) -> Result<ImportReport> {
    crate::store::import::preview(ctx.store(), path, opts)
}

/// Imports `path` (with `opts.dry_run` only reports); `watch` hears the rows read and may stop
/// it before the commit (nothing written). A snapshot is taken first (the store's import);
/// the write-ahead log is copied into the file off the user's path afterwards.
pub fn run(
    ctx: &mut Context,
    path: &Path,
    opts: &ImportOptions,
    watch: &Watch<'_>,
) -> Result<ImportReport> {
    let started = std::time::Instant::now();
    let op = ctx.operator().to_string();
    let rep = crate::store::import::import(ctx.store_mut(), path, opts, &op, watch)?;
    if rep.committed {
        ctx.store().checkpoint_in_background();
    }
    // The diagnostics log: how long, how many rows (no name, no path).
    crate::diagnostics::record_long_task(
        if opts.dry_run {
            "import_dry_run"
        } else {
            "import"
        },
        started.elapsed(),
        rep.rows as u64,
    );
    Ok(rep)
}

/// 保存错误清单: the errors as an .xlsx at `out`; returns the path written.
pub fn save_errors(out: &str, issues: &[ImportIssue]) -> Result<String> {
    let table = Table {
        sheet_name: "错误清单".into(),
        title: Some("名单导入错误清单".into()),
        notes: None,
        header: ["工作表", "行", "姓名", "列", "值", "说明"]
            .into_iter()
            .map(HeaderCell::plain)
            .collect(),
        rows: issues
            .iter()
            .map(|i| {
                vec![
                    Cell::from(i.sheet.as_str()),
                    Cell::Number(f64::from(i.row)),
                    Cell::from(i.name.as_str()),
                    Cell::from(i.column.as_str()),
                    Cell::from(i.value.as_str()),
                    Cell::from(i.message.as_str()),
                ]
            })
            .collect(),
        drop_downs: Vec::new(),
        required: Vec::new(),
        empty_note: tables::empty_note(""),
        landscape: true,
    };
    crate::files::write_output(Path::new(out), &table.to_xlsx()?)?;
    Ok(out.to_string())
}
