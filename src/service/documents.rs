//! 文书: the page that makes the office's papers — what it offers (forms, archive choices, the
//! L1 reasons, the issuing committee), a summary table F1–F6 written where the secretary chose,
//! and the notices L2/L3. Tables and notices are `service::tables`'; letters
//! `service::letters`'.

use super::tables::export::Form;
use super::tables::rows::Filter;
use super::tables::{Notice, Overrides};
use super::view::Choice;
use super::Context;
use crate::service::letters::register::{ArchiveDisposition, L1_REASONS};
use crate::{files, Error, Result, Watch};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What the 文书 page offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentOptions {
    pub forms: Vec<Choice>,
    pub archives: Vec<Choice>,
    /// 转接原因 as L1 words them.
    pub reasons: Vec<String>,
    /// The committee letters are issued by (settings or the cohort's top committee).
    pub issuer: Option<String>,
}

/// F1–F6 with their filters, written to `out`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TableRequest {
    /// `f1` … `f6`.
    pub form: String,
    pub year: Option<i32>,
    pub college: Option<String>,
    pub branch: Option<String>,
    pub out: String,
    /// The school's table over every college's package (issue 16).
    #[serde(default)]
    pub all_colleges: bool,
}

/// Which notice: L2 (流动团员管理服务告知书) or L3 (保留团组织关系申请).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NoticeRequest {
    /// `l2` or `l3`.
    pub kind: String,
    pub member_ids: Vec<i64>,
    pub year: i32,
    pub out: String,
}

pub fn options(ctx: &Context) -> Result<DocumentOptions> {
    Ok(DocumentOptions {
        forms: crate::choices!(Form),
        archives: crate::choices!(ArchiveDisposition),
        reasons: L1_REASONS.iter().map(|r| r.to_string()).collect(),
        issuer: super::office::issuer(ctx).ok().map(|o| o.full_name),
    })
}

/// Exports one table to `req.out`; returns the path written. `watch` hears the rows gathered
/// and may stop it before anything is written.
/// A table written: where, how many rows, and what the user should know of it (F2's graduates
/// not yet submitted in 智慧团建, F1's blocked retained graduates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TableDone {
    pub path: String,
    pub rows: u32,
    pub notes: Vec<String>,
}

pub fn export_table(ctx: &Context, req: &TableRequest, watch: &Watch<'_>) -> Result<TableDone> {
    let form = Form::from_code(&req.form)
        .ok_or_else(|| Error::invalid(format!("没有“{}”这张汇总表（应为 f1–f6）", req.form)))?;
    let nonempty = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
    let f = Filter {
        college: nonempty(&req.college),
        branch: nonempty(&req.branch),
        year: req.year,
    };
    let o = Overrides::default();
    let t = if req.all_colleges {
        super::tables::table_all_colleges_report(ctx, form, &f, None, &o, watch)?
    } else {
        super::tables::table_report(ctx, form, &f, None, &o, watch)?
    };
    watch.check()?;
    files::write_output(Path::new(&req.out), &t.bytes)?;
    Ok(TableDone {
        path: req.out.clone(),
        rows: super::view::count(t.rows),
        notes: t.notes,
    })
}

/// L2 or L3 for the chosen graduates, one page each, written to `req.out`.
pub fn notices(ctx: &Context, req: &NoticeRequest) -> Result<String> {
    let kind = match req.kind.as_str() {
        "l2" => Notice::L2,
        "l3" => Notice::L3,
        other => {
            return Err(Error::invalid(format!(
                "没有“{other}”这种文书（应为 l2 或 l3）"
            )))
        }
    };
    let bytes =
        super::tables::notices(ctx, kind, &req.member_ids, req.year, &Overrides::default())?;
    files::write_output(Path::new(&req.out), &bytes)?;
    Ok(req.out.clone())
}

/// 合并各学院的汇总表: the colleges' files of one template merged into one table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergeRequest {
    /// `f1` … `f6`.
    pub form: String,
    pub files: Vec<String>,
    /// F1's title prefix; empty: the office's 学校（学院）名称.
    #[serde(default)]
    pub school: String,
    pub out: String,
}

/// What a merge did: the rows taken from each file, and ID numbers found in two rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergeOutcome {
    pub out: String,
    /// `文件名：N 行`, in the files' order.
    pub files: Vec<String>,
    pub rows: u32,
    /// `身份证号（或姓名与团支部）：文件甲 第3行；文件乙 第5行`.
    pub duplicates: Vec<String>,
}

/// Merges `req.files` (each header checked cell by cell against the template; a moved or
/// renamed column refuses the file, naming it and the column) and writes `req.out`.
pub fn merge(ctx: &Context, req: &MergeRequest) -> Result<MergeOutcome> {
    let form = Form::from_code(&req.form.trim().to_lowercase())
        .ok_or_else(|| Error::invalid(format!("没有“{}”这张汇总表（应为 f1–f6）", req.form)))?;
    if req.files.is_empty() {
        return Err(Error::invalid("请选择要合并的文件"));
    }
    let school = match req.school.trim() {
        "" => super::office::load(ctx)?.college,
        s => s.to_string(),
    };
    let paths: Vec<std::path::PathBuf> = req.files.iter().map(std::path::PathBuf::from).collect();
    let m = crate::documents::merge::merge(form, &paths, &school)?;
    files::write_output(Path::new(&req.out), &m.bytes)?;
    Ok(MergeOutcome {
        out: req.out.clone(),
        files: m
            .files
            .iter()
            .map(|(f, n)| format!("{f}：{n} 行"))
            .collect(),
        rows: super::view::count(m.rows),
        duplicates: m
            .duplicates
            .iter()
            .map(|d| format!("{}：{}", d.id_number, d.places.join("；")))
            .collect(),
    })
}
