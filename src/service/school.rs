//! 学院数据 (issue 16), the page and `xianjie package`/`xianjie school`: a college's package
//! out, the school's packages in (each file's outcome), the rates by college and their sums,
//! the ID numbers in two colleges and 全校查询. `service::package` decides.

use super::package::{self, CollegeRates, Duplicate, ExportParams, Found, ImportParams, KeyChange};
use super::Context;
use crate::Result;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A package the school holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

impl From<&crate::store::packages::CollegePackage> for PackageView {
    fn from(p: &crate::store::packages::CollegePackage) -> Self {
        Self {
            college: p.college.clone(),
            year: p.year,
            members: u32::try_from(p.members).unwrap_or(u32::MAX),
            graduates: u32::try_from(p.graduates).unwrap_or(u32::MAX),
            exported_at: crate::time::list_time(&p.exported_at),
            imported_at: crate::time::list_time(&p.imported_at),
            file: p.file.clone(),
            sha: p.sha256.chars().take(12).collect(),
        }
    }
}

/// One file's import: what happened, or why it was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PackageOutcome {
    pub file: String,
    pub ok: bool,
    /// 已导入 / 已替换 / 未改变 (with the signing key's fingerprint and any warning), or the
    /// refusal.
    pub message: String,
    /// Refused because the college's signing key is not the one registered: which key it
    /// offers (the page's 接受新密钥, after a phone call).
    pub key_change: Option<KeyChange>,
}

/// 学院数据: the packages, the rates by college and their sums, the duplicates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SchoolView {
    /// The school committee (the store's top org); null while the store has none.
    pub school: Option<String>,
    pub packages: Vec<PackageView>,
    pub rates: Vec<CollegeRates>,
    /// 全校: the colleges' numerators and denominators added (null: no package yet).
    pub total: Option<CollegeRates>,
    /// ID numbers in two or more colleges (M2), with every place.
    pub duplicates: Vec<Duplicate>,
}

/// The school's view for cohort `year` on `on`.
pub fn view(ctx: &Context, year: i32, on: NaiveDate) -> Result<SchoolView> {
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
    Ok(SchoolView {
        school,
        packages,
        total: Some(CollegeRates {
            college: "全校".into(),
            sx: r.sx,
            xs: r.xs,
            incoming: r.incoming,
        }),
        rates: r.colleges,
        duplicates: package::duplicates(ctx, year)?,
    })
}

/// 全校查询: cohort `year`'s graduates matching `query` in every college's package on `on`.
pub fn find(ctx: &Context, year: i32, on: NaiveDate, query: &str) -> Result<Vec<Found>> {
    package::find(ctx, year, on, query)
}

/// 学院数据 › 各学院衔接率 › 导出: the table the school reports upward; returns the path.
pub fn export_rates(ctx: &Context, year: i32, on: NaiveDate, out: &str) -> Result<String> {
    super::lists::college_rates_xlsx(ctx, year, on, Path::new(out))?;
    Ok(out.to_string())
}

/// The colleges whose packages the store holds, by name.
pub fn colleges(ctx: &Context) -> Result<Vec<String>> {
    Ok(package::list(ctx)?.into_iter().map(|p| p.college).collect())
}

/// 导入数据包: each file in turn (one refused does not stop the others).
pub fn import(ctx: &mut Context, files: &[String], year: i32) -> Result<Vec<PackageOutcome>> {
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let path = Path::new(f);
        let file = path
            .file_name()
            .map_or_else(|| f.clone(), |n| n.to_string_lossy().into_owned());
        let params = ImportParams {
            file: f.clone(),
            year,
        };
        out.push(match package::import(ctx, &params) {
            Ok(i) => PackageOutcome {
                file,
                ok: true,
                message: imported_message(&i),
                key_change: None,
            },
            Err(e) => PackageOutcome {
                file,
                ok: false,
                message: e.message,
                key_change: package::key_change(ctx, path).ok().flatten(),
            },
        });
    }
    Ok(out)
}

/// One import's outcome in words, as both doors print it.
pub fn imported_message(i: &package::Imported) -> String {
    let what = match (i.unchanged, i.replaced) {
        (true, _) => "与已导入的相同，未改变",
        (false, true) => "已替换该学院原有数据",
        (false, false) => "已导入",
    };
    let mut m = format!("{}：{what}", i.package.college);
    if let Some(s) = &i.signed_by {
        if s.registered_now {
            m.push_str(&format!(
                "；首次收到该学院的数据包，已登记其签名密钥，指纹 {}（请打电话与学院核对）",
                s.fingerprint
            ));
        } else {
            m.push_str(&format!("；签名密钥指纹 {}", s.fingerprint));
        }
    }
    for w in &i.warnings {
        m.push_str("。注意：");
        m.push_str(w);
    }
    m
}

/// 导出本学院数据包 (`params.to` the school's key, else the one used last time); returns what
/// the file holds and the fingerprints to read by phone, in words.
pub fn export(ctx: &mut Context, params: &ExportParams) -> Result<String> {
    let e = package::export(ctx, params)?;
    let mut said = format!(
        "已导出 {}（{}届，{} 名团员），加密给公钥指纹为 {} 的学校，本学院签名密钥指纹 {}{}。{}",
        e.manifest.college,
        e.manifest.year,
        e.manifest.members,
        e.recipient_fingerprint,
        e.signer_fingerprint,
        if e.key_created {
            "（本次新建，请打电话告诉校团委）"
        } else {
            ""
        },
        e.manifest.contents
    );
    for w in &e.warnings {
        said.push_str("。注意：");
        said.push_str(w);
    }
    Ok(said)
}
