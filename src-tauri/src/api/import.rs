//! 导入: the roster import as the window drives it — inspect a chosen file (sheets, detected
//! header, column → field), a dry run with the secretary's mapping, the commit with progress,
//! and the error list saved as .xlsx. Every step is `xianjie::roster`'s; this only adapts.

use super::{ApiResult, Choice};
use serde::{Deserialize, Serialize};
use std::path::Path;
use xianjie::documents::tables::{self, Cell, HeaderCell, Table};
use xianjie::org::OrgLevel;
use xianjie::roster::header::{field_by_header, fold_header};
use xianjie::roster::workbook::{self, column_letter};
use xianjie::roster::{ColumnMap, Field, ImportOptions, ImportReport};
use xianjie::service::{self, Context};
use xianjie::store::NewOrg;
use xianjie::{Error, Watch};

/// One column of the sheet's header and the field it feeds (null: not imported).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportColumn {
    /// `C`, as Excel shows it.
    pub letter: String,
    pub header: String,
    /// A [`Field`] code.
    pub field: Option<String>,
}

/// What the window shows right after a file is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ColumnChoice {
    pub header: String,
    pub field: String,
}

/// A dry run or a commit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportIssue {
    pub sheet: String,
    pub row: u32,
    pub column: String,
    pub value: String,
    pub message: String,
    /// The row's 姓名 (empty when it has none).
    pub name: String,
}

/// What an import did, or (dry run) would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
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
        let issues = |v: Vec<xianjie::roster::Issue>| {
            v.into_iter()
                .map(|i| ImportIssue {
                    sheet: r.sheet.clone(),
                    row: i.row,
                    column: i.column,
                    value: i.value,
                    message: i.message,
                    name: i.name,
                })
                .collect()
        };
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
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
pub fn inspect(ctx: &Context, file: &str, sheet: Option<&str>) -> ApiResult<ImportInspect> {
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
            None => {
                xianjie::roster::normalize::text(table.cell(row, col).into()).unwrap_or_default()
            }
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
        fields: Field::ALL
            .iter()
            .map(|f| Choice::new(f.code(), f.label()))
            .collect(),
        parents,
        default_parent: xianjie::service::office::load(ctx)?
            .issuer
            .map(|o| o.full_name),
    })
}

fn options(req: &ImportRequest, dry_run: bool) -> ApiResult<ImportOptions> {
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
pub fn dry_run(ctx: &Context, req: &ImportRequest) -> ApiResult<ImportResult> {
    let rep = service::import::preview(ctx, Path::new(&req.file), &options(req, true)?)?;
    Ok(rep.into())
}

/// 导入: writes every valid row (or nothing, with `all_or_nothing` and any error) in one
/// transaction, telling `watch` the rows read of the sheet's; a stop before the commit writes
/// nothing.
pub fn commit(
    ctx: &mut Context,
    req: &ImportRequest,
    watch: &Watch<'_>,
) -> ApiResult<ImportResult> {
    let rep = service::import::import(ctx, Path::new(&req.file), &options(req, false)?, watch)?;
    Ok(ImportResult::from(rep))
}

/// Creates a top-level 基层团委 (an empty office's first org) under which the roster's branches
/// can then be created.
pub fn create_parent(ctx: &mut Context, full_name: &str) -> ApiResult<String> {
    let op = ctx.operator().to_string();
    let org = ctx.store_mut().create_org(
        &NewOrg::new(full_name.trim().to_string(), OrgLevel::Committee, None),
        &op,
    )?;
    Ok(org.full_name)
}

/// 保存错误清单: the errors as an .xlsx at `out`; returns the path written.
pub fn save_errors(out: &str, issues: &[ImportIssue]) -> ApiResult<String> {
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
    xianjie::files::write_output(Path::new(out), &table.to_xlsx()?)?;
    Ok(out.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::app::{self, Demo, StartMode};

    fn fixture(p: &str) -> String {
        format!("{}/../fixtures/{p}", env!("CARGO_MANIFEST_DIR"))
    }

    fn empty_office() -> (tempfile::TempDir, Context) {
        let dir = tempfile::tempdir().unwrap();
        let paths = xianjie::service::Paths::in_dir(dir.path(), None);
        let mut ctx = Context::open(paths, None, xianjie::service::Clock::System).unwrap();
        let demo = Demo { graduates: 0 };
        // No operator filled in yet: the audit log gets the computer's account (or 本机用户).
        app::start(&mut ctx, StartMode::Empty, demo).unwrap();
        (dir, ctx)
    }

    #[test]
    fn empty_office_imports_the_demo_roster() {
        let (_dir, mut ctx) = empty_office();
        let file = fixture("demo/demo-roster.xlsx");
        let i = inspect(&ctx, &file, None).unwrap();
        assert!(i
            .columns
            .iter()
            .any(|c| c.field.as_deref() == Some("id_number")));
        assert!(i.parents.is_empty());
        let mut req = ImportRequest {
            file: file.clone(),
            ..ImportRequest::default()
        };
        // Without orgs every row's branch is missing.
        let dry = dry_run(&ctx, &req).unwrap();
        assert!(dry.inserted == 0 && !dry.missing_branches.is_empty());
        let parent = create_parent(&mut ctx, "共青团星河大学委员会").unwrap();
        req.create_branches_under = Some(parent);
        let dry = dry_run(&ctx, &req).unwrap();
        assert!(dry.dry_run && dry.inserted > 250, "{dry:?}");
        // #18 B4: a stop asked before the commit writes nothing.
        let cancel = xianjie::Cancel::new();
        cancel.cancel();
        let e = commit(&mut ctx, &req, &Watch::new(&|_| {}, Some(&cancel))).unwrap_err();
        assert_eq!(e.code, crate::api::ApiErrorCode::Cancelled);
        let again = dry_run(&ctx, &req).unwrap();
        assert_eq!(
            again.inserted, dry.inserted,
            "a cancelled import wrote members"
        );
        // The bar moves with the rows read, up to all of them.
        let seen = std::cell::RefCell::new(Vec::new());
        let report = |s: xianjie::Step| seen.borrow_mut().push((s.done, s.total));
        let done = commit(&mut ctx, &req, &Watch::new(&report, None)).unwrap();
        assert!(done.committed);
        assert_eq!(done.inserted, dry.inserted);
        let seen = seen.into_inner();
        assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");
        assert_eq!(seen.last(), Some(&(done.rows as u64, done.rows as u64)));
        let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let list = crate::api::graduates::list(&mut ctx, 2026, on).unwrap();
        assert!(!list.rows.is_empty());
    }

    #[test]
    fn messy_roster_errors_name_row_and_column_and_save_as_xlsx() {
        let (dir, mut ctx) = empty_office();
        create_parent(&mut ctx, "共青团测试委员会").unwrap();
        let req = ImportRequest {
            file: fixture("roster/messy-roster.xlsx"),
            create_branches_under: Some("共青团测试委员会".into()),
            ..ImportRequest::default()
        };
        let r = dry_run(&ctx, &req).unwrap();
        assert!(r.errors.len() > 3);
        assert!(r.errors.iter().all(|e| e.row > 0 && !e.column.is_empty()));
        assert!(r.errors.iter().all(|e| e.sheet == r.sheet));
        let out = dir.path().join("errors.xlsx");
        save_errors(out.to_str().unwrap(), &r.errors).unwrap();
        assert_eq!(&std::fs::read(&out).unwrap()[..2], b"PK");
    }

    /// #18 finding 5: in a college's store new branches go under the college's committee by
    /// default (not the school's), and the messy roster's errors carry names and no CLI words.
    #[test]
    fn new_branches_default_to_the_college_and_errors_name_the_person() {
        let dir = tempfile::tempdir().unwrap();
        let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        let (ctx, _) = service::demo::create(
            &dir.path().join("d.db"),
            Some("测试"),
            service::Clock::Fixed(on),
        )
        .unwrap();
        let i = inspect(&ctx, &fixture("roster/messy-roster.xlsx"), None).unwrap();
        assert_eq!(
            i.default_parent.as_deref(),
            Some("共青团星河大学信息工程学院委员会")
        );
        assert!(i.parents.len() > 1);
        let r = dry_run(
            &ctx,
            &ImportRequest {
                file: fixture("roster/messy-roster.xlsx"),
                ..ImportRequest::default()
            },
        )
        .unwrap();
        assert!(!r.missing_branches.is_empty());
        assert!(r.errors.iter().all(|e| !e.message.contains("--")));
        assert!(r.errors.iter().filter(|e| !e.name.is_empty()).count() > r.errors.len() / 2);
    }

    /// The import page's first look at a file goes through the roster reader's guards: the
    /// damaged .xls files fuzzing found are refused in Chinese, never handed to calamine.
    #[test]
    fn inspect_refuses_damaged_files_in_chinese() {
        let (_dir, ctx) = empty_office();
        for name in [
            "fuzz-looping-chain.xls",
            "fuzz-short-minifat.xls",
            "fuzz-huge-sheet.xls",
            "encrypted.xlsx",
            "csv-renamed.xlsx",
        ] {
            let file = fixture(&format!("bad/{name}"));
            let e = inspect(&ctx, &file, None).unwrap_err();
            assert_eq!(e.code, crate::api::ApiErrorCode::InvalidInput, "{name}");
            assert!(e.message.contains(name), "{name}: {}", e.message);
            assert!(
                e.message
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{name}: {}",
                e.message
            );
        }
    }

    #[test]
    fn a_changed_mapping_is_sent_and_an_unknown_field_refused() {
        let req = ImportRequest {
            maps: vec![ColumnChoice {
                header: "联系方式".into(),
                field: "student_no".into(),
            }],
            ..ImportRequest::default()
        };
        let o = options(&req, true).unwrap();
        assert_eq!(o.maps.len(), 1);
        assert_eq!(o.maps[0].field, Field::StudentNo);
        let bad = ImportRequest {
            maps: vec![ColumnChoice {
                header: "x".into(),
                field: "shoe_size".into(),
            }],
            ..ImportRequest::default()
        };
        assert_eq!(
            options(&bad, true).unwrap_err().code,
            crate::api::ApiErrorCode::InvalidInput
        );
    }
}
