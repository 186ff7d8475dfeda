//! 学院数据 and 对账 (issue 16): a college's package out, the school's packages in and its
//! sums across colleges; 智慧团建's transfer export against the records here
//! (`service::package` and `service::reconcile` decide; this maps to the window's types).

use super::ApiResult;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;
use xianjie::service::package;
use xianjie::service::reconcile::{self, DiffKind};
use xianjie::service::Context;

/// A package the school holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PackageView {
    pub college: String,
    pub year: i32,
    pub members: u32,
    pub graduates: u32,
    pub exported_at: String,
    pub imported_at: String,
    pub file: String,
    /// The first 12 hex digits of its SHA-256.
    pub sha: String,
}

impl From<&xianjie::store::packages::CollegePackage> for PackageView {
    fn from(p: &xianjie::store::packages::CollegePackage) -> Self {
        Self {
            college: p.college.clone(),
            year: p.year,
            members: u32::try_from(p.members).unwrap_or(u32::MAX),
            graduates: u32::try_from(p.graduates).unwrap_or(u32::MAX),
            exported_at: p.exported_at.clone(),
            imported_at: p.imported_at.clone(),
            file: p.file.clone(),
            sha: p.sha256.chars().take(12).collect(),
        }
    }
}

/// One file's import: what happened, or why it was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PackageOutcome {
    pub file: String,
    pub ok: bool,
    /// 已导入 / 已替换 / 未改变, or the refusal.
    pub message: String,
}

/// A college's (or the school's) two rates as counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CollegeRatesView {
    pub college: String,
    pub sx: String,
    pub xs: String,
}

/// 学院数据: the packages, the rates by college and their sums, the duplicates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SchoolView {
    /// The school committee (the store's top org); null while the store has none.
    pub school: Option<String>,
    pub packages: Vec<PackageView>,
    pub rates: Vec<CollegeRatesView>,
    pub total: Option<CollegeRatesView>,
    /// `身份证号：姓名（学院 团支部）；…`.
    pub duplicates: Vec<String>,
}

/// The school's view for cohort `year` on `on`.
pub fn view(ctx: &Context, year: i32, on: NaiveDate) -> ApiResult<SchoolView> {
    let school = ctx
        .store()
        .orgs()?
        .into_iter()
        .find(|o| o.parent_id.is_none())
        .map(|o| o.full_name);
    let packages: Vec<PackageView> = package::list(ctx)?.iter().map(PackageView::from).collect();
    if packages.is_empty() {
        return Ok(SchoolView {
            school,
            packages,
            rates: Vec::new(),
            total: None,
            duplicates: Vec::new(),
        });
    }
    let r = package::rates(ctx, year, on)?;
    let duplicates = package::duplicates(ctx, year)?
        .into_iter()
        .map(|d| {
            let places: Vec<String> = d
                .places
                .iter()
                .map(|p| format!("{}（{} {}）", p.name, p.college, p.branch))
                .collect();
            format!("{}：{}", d.id_number, places.join("；"))
        })
        .collect();
    Ok(SchoolView {
        school,
        packages,
        rates: r
            .colleges
            .iter()
            .map(|c| CollegeRatesView {
                college: c.college.clone(),
                sx: c.sx.display(),
                xs: c.xs.display(),
            })
            .collect(),
        total: Some(CollegeRatesView {
            college: "全校".into(),
            sx: r.sx.display(),
            xs: r.xs.display(),
        }),
        duplicates,
    })
}

/// A graduate found across the colleges (全校查询).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct FoundView {
    pub college: String,
    pub branch: String,
    pub name: String,
    /// Masked (M1).
    pub id_number: String,
    pub destination: String,
    pub state: String,
}

/// 全校查询: cohort `year`'s graduates matching `query` in every college's package on `on`.
pub fn find(ctx: &Context, year: i32, on: NaiveDate, query: &str) -> ApiResult<Vec<FoundView>> {
    Ok(package::find(ctx, year, on, query)?
        .into_iter()
        .map(|f| FoundView {
            college: f.college,
            branch: f.branch,
            name: f.name,
            id_number: f.id_number,
            destination: f.destination,
            state: f.state,
        })
        .collect())
}

/// 学院数据 › 各学院衔接率 › 导出: the table the school reports upward; returns the path.
pub fn export_rates(ctx: &Context, year: i32, on: NaiveDate, out: &str) -> ApiResult<String> {
    xianjie::service::lists::college_rates_xlsx(ctx, year, on, Path::new(out))?;
    Ok(out.to_string())
}

/// The colleges whose packages the store holds, by name.
pub fn colleges(ctx: &Context) -> ApiResult<Vec<String>> {
    Ok(package::list(ctx)?.into_iter().map(|p| p.college).collect())
}

/// 导入数据包: each file in turn (one refused does not stop the others).
pub fn import(ctx: &mut Context, files: &[String], year: i32) -> ApiResult<Vec<PackageOutcome>> {
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let path = Path::new(f);
        let file = path
            .file_name()
            .map_or_else(|| f.clone(), |n| n.to_string_lossy().into_owned());
        out.push(match package::import(ctx, path, year) {
            Ok(i) => PackageOutcome {
                file,
                ok: true,
                message: format!(
                    "{}：{}",
                    i.package.college,
                    match (i.unchanged, i.replaced) {
                        (true, _) => "与已导入的相同，未改变",
                        (false, true) => "已替换该学院原有数据",
                        (false, false) => "已导入",
                    }
                ),
            },
            Err(e) => PackageOutcome {
                file,
                ok: false,
                message: e.message,
            },
        });
    }
    Ok(out)
}

/// 导出本学院数据包 to `out`; returns what the file holds, in words.
pub fn export(ctx: &mut Context, year: i32, out: &str) -> ApiResult<String> {
    let e = package::export(ctx, year, Path::new(out))?;
    Ok(format!(
        "已导出 {}（{}届，{} 名团员）。{}",
        e.manifest.college, e.manifest.year, e.manifest.members, e.manifest.contents
    ))
}

/// One difference as the window lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DifferenceView {
    /// only_there / only_here / state_differs / destination_differs; a member list's
    /// still_listed / not_listed / branch_differs.
    pub kind: String,
    pub kind_label: String,
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    pub here: String,
    pub there: String,
    pub row: Option<u32>,
    /// What accepting records; null: to be settled in 智慧团建 by hand.
    pub accept: Option<String>,
}

/// 对账: the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ReconcileView {
    /// 转接列表 / 团员名单.
    pub kind_label: String,
    pub rows: u32,
    pub matched: u32,
    pub differences: Vec<DifferenceView>,
    /// `第 N 行 姓名：…` for rows matched to several graduates or to none, and unreadable rows.
    pub unmatched: Vec<String>,
}

fn code(k: DiffKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// 对账: 智慧团建's export at `file` against cohort `year` on `on`.
pub fn reconcile(
    ctx: &mut Context,
    file: &str,
    year: i32,
    on: NaiveDate,
) -> ApiResult<ReconcileView> {
    let maps = reconcile::mapping(ctx, Vec::new())?;
    let r = reconcile::reconcile_file(ctx, year, on, Path::new(file), &maps)?;
    let mut unmatched: Vec<String> = r
        .ambiguous
        .iter()
        .map(|u| {
            format!(
                "第 {} 行 {}：对应多人（{}），未处理",
                u.row,
                u.name,
                u.candidates.join("、")
            )
        })
        .collect();
    unmatched.extend(
        r.unmatched
            .iter()
            .map(|u| format!("第 {} 行 {}：本机没有此人", u.row, u.name)),
    );
    unmatched.extend(
        r.issues
            .iter()
            .map(|i| format!("第 {} 行 {} {}：{}", i.row, i.column, i.name, i.message)),
    );
    Ok(ReconcileView {
        kind_label: r.kind.label().into(),
        rows: u32::try_from(r.rows).unwrap_or(u32::MAX),
        matched: u32::try_from(r.matched).unwrap_or(u32::MAX),
        differences: r
            .differences
            .iter()
            .map(|d| DifferenceView {
                kind: code(d.kind),
                kind_label: d.kind.label().into(),
                member_id: d.member_id,
                name: d.name.clone(),
                here: d.here.clone(),
                there: d.there.clone(),
                row: d.row,
                accept: d.accept.clone(),
            })
            .collect(),
        unmatched,
    })
}

/// What 采纳 did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AcceptView {
    pub recorded: u32,
    pub refused: Vec<String>,
}

/// 采纳: the differences of `members` (empty: every one that can be) in `file`, read again.
pub fn accept(
    ctx: &mut Context,
    file: &str,
    year: i32,
    on: NaiveDate,
    members: &[i64],
) -> ApiResult<AcceptView> {
    let maps = reconcile::mapping(ctx, Vec::new())?;
    let a = reconcile::accept_from(ctx, year, on, Path::new(file), &maps, |d| {
        d.accept.is_some() && (members.is_empty() || members.contains(&d.member_id))
    })?;
    Ok(AcceptView {
        recorded: u32::try_from(a.recorded).unwrap_or(u32::MAX),
        refused: a.refused,
    })
}
