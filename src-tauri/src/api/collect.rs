//! 导入 › 毕业去向收集: the fill-in workbooks for the branches (one per graduating branch),
//! who has handed theirs back, and reading the filled ones back (`service::collect` decides
//! and writes; this maps to the window's types).

use super::ApiResult;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use xianjie::service::collect::{self, CollectIssue, CollectOptions, CollectReport};
use xianjie::service::Context;

/// One workbook written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CollectFile {
    pub branch: String,
    pub path: String,
    pub graduates: u32,
}

/// One graduating branch: graduates, how many have a destination, the returned file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CollectBranch {
    pub branch: String,
    pub graduates: u32,
    pub with_destination: u32,
    /// The returned workbook's file name; null while missing.
    pub returned_file: Option<String>,
    /// When it was read back (RFC 3339).
    pub returned_at: Option<String>,
}

/// One problem: file, Excel row (0: the file as a whole), column, graduate, value, message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CollectIssueView {
    pub file: String,
    pub row: u32,
    pub column: String,
    pub name: String,
    pub value: String,
    pub message: String,
}

/// How to read the workbooks back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CollectImportOptions {
    /// Only check.
    pub dry_run: bool,
    /// Write the good rows although others have errors or conflicts (confirmed by the user).
    pub partial: bool,
    /// Write over what the office changed after the export (confirmed by the user).
    pub overwrite: bool,
}

/// What reading the workbooks back did (or would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CollectResult {
    pub year: Option<i32>,
    pub files: u32,
    pub rows: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Graduates left blank (no 毕业去向 chosen).
    pub blank: Vec<String>,
    pub errors: Vec<CollectIssueView>,
    pub conflicts: Vec<CollectIssueView>,
    pub applied: bool,
}

fn n(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

fn issue(i: CollectIssue) -> CollectIssueView {
    CollectIssueView {
        file: i.file,
        row: i.row,
        column: i.column,
        name: i.name,
        value: i.value,
        message: i.message,
    }
}

impl From<CollectReport> for CollectResult {
    fn from(r: CollectReport) -> Self {
        Self {
            year: r.year,
            files: n(r.files.len()),
            rows: n(r.rows),
            updated: n(r.updated),
            unchanged: n(r.unchanged),
            blank: r.blank,
            errors: r.errors.into_iter().map(issue).collect(),
            conflicts: r.conflicts.into_iter().map(issue).collect(),
            applied: r.applied,
        }
    }
}

/// Writes one workbook per graduating branch of cohort `year` into `dir`.
pub fn export(ctx: &mut Context, year: i32, dir: &str) -> ApiResult<Vec<CollectFile>> {
    Ok(collect::export(ctx, year, Path::new(dir))?
        .into_iter()
        .map(|e| CollectFile {
            branch: e.branch,
            path: e.path.display().to_string(),
            graduates: n(e.graduates),
        })
        .collect())
}

/// Every graduating branch of cohort `year` and whether its workbook came back.
pub fn status(ctx: &mut Context, year: i32) -> ApiResult<Vec<CollectBranch>> {
    Ok(collect::status(ctx, year)?
        .into_iter()
        .map(|b| {
            let (returned_file, returned_at) = b
                .returned
                .map_or((None, None), |(f, at)| (Some(f), Some(at)));
            CollectBranch {
                branch: b.branch,
                graduates: n(b.graduates),
                with_destination: n(b.with_destination),
                returned_file,
                returned_at,
            }
        })
        .collect())
}

/// Reads the filled workbooks back.
pub fn import(
    ctx: &mut Context,
    files: &[String],
    options: CollectImportOptions,
) -> ApiResult<CollectResult> {
    let paths: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
    let opts = CollectOptions {
        partial: options.partial,
        overwrite: options.overwrite,
        dry_run: options.dry_run,
    };
    Ok(collect::import(ctx, &paths, opts)?.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use xianjie::service::{demo, Clock};

    #[test]
    fn exports_lists_and_reads_back_the_demo_college() {
        let dir = tempfile::tempdir().unwrap();
        let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        let (mut ctx, _) =
            demo::create(&dir.path().join("d.db"), Some("测试"), Clock::Fixed(on)).unwrap();
        let out = dir.path().join("收集表");
        let files = export(&mut ctx, 2026, &out.display().to_string()).unwrap();
        let branches = status(&mut ctx, 2026).unwrap();
        assert_eq!(files.len(), branches.len());
        assert!(branches.iter().all(|b| b.returned_file.is_none()));
        let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        let dry = import(
            &mut ctx,
            &paths,
            CollectImportOptions {
                dry_run: true,
                ..CollectImportOptions::default()
            },
        )
        .unwrap();
        assert!(!dry.applied);
        assert!(dry.errors.is_empty());
        let done = import(&mut ctx, &paths, CollectImportOptions::default()).unwrap();
        assert!(done.applied);
        assert_eq!(done.files as usize, files.len());
        let branches = status(&mut ctx, 2026).unwrap();
        assert!(branches.iter().all(|b| b.returned_file.is_some()));
    }
}
