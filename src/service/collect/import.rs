//! Reading filled workbooks back: every cell checked, every problem named by file, row, column
//! and graduate; nothing written while anything is wrong (unless the office asks for the good
//! rows alone), nothing the office changed after the export overwritten unless confirmed.

use super::{special_choices, Col, FIRST_ROW, META, NO, RETAIN, SHEET, STUDY_LEVELS, YES};
use crate::destination::{
    Destination, DestinationDetails, DestinationKind, RetentionNote, SystemCommittee, PROVINCES,
};
use crate::member::Member;
use crate::service::Context;
use crate::store::{CollectReturn, Collected};
use crate::{Error, Result};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use xianjie_sheet::grid::Grid;

/// How to import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct CollectOptions {
    /// Write the good rows even when others have errors or conflicts.
    pub partial: bool,
    /// Write over destinations the office changed after the export.
    pub overwrite: bool,
    /// Report only.
    pub dry_run: bool,
}

/// One problem: where, whose, what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CollectIssue {
    pub file: String,
    /// Excel's row number (0 for the file as a whole).
    pub row: u32,
    /// `F（毕业去向（必填））`, or "" for the file or row as a whole.
    pub column: String,
    pub name: String,
    pub value: String,
    pub message: String,
}

/// What an import did (or, for a dry run or a refused one, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CollectReport {
    pub year: Option<i32>,
    pub files: Vec<String>,
    /// Graduates' rows read (filled in or not).
    pub rows: usize,
    /// Destinations (or phone numbers) to be written / written.
    pub updated: usize,
    pub unchanged: usize,
    /// Rows left blank (no 毕业去向 chosen): not errors, listed as still missing.
    pub blank: Vec<String>,
    pub errors: Vec<CollectIssue>,
    /// Two files disagree on a graduate, or the office changed the graduate after the export.
    pub conflicts: Vec<CollectIssue>,
    pub applied: bool,
}

/// One graduate's answer from one file.
struct Answer {
    member: Member,
    file: String,
    row: u32,
    dest: Destination,
    phone: Option<String>,
}

struct Meta {
    year: i32,
    branch_id: i64,
    exported_at: String,
}

fn file_issue(file: &str, message: impl Into<String>) -> CollectIssue {
    CollectIssue {
        file: file.to_string(),
        row: 0,
        column: String::new(),
        name: String::new(),
        value: String::new(),
        message: message.into(),
    }
}

/// What the hidden sheet says the workbook is; `None` when it is not a collection workbook.
fn meta(grids: &[Grid]) -> Option<Meta> {
    let g = grids.iter().find(|g| g.name == META)?;
    let get = |k: &str| {
        g.rows
            .iter()
            .find(|r| r.first().map(String::as_str) == Some(k))
            .and_then(|r| r.get(1).cloned())
            .unwrap_or_default()
    };
    if get("kind") != "destination-collection" {
        return None;
    }
    Some(Meta {
        year: get("cohort_year").parse().ok()?,
        branch_id: get("branch_id").parse().ok()?,
        exported_at: get("exported_at"),
    })
}

/// Reads, checks and (unless refused) writes the workbooks.
pub fn import(ctx: &mut Context, files: &[PathBuf], opts: CollectOptions) -> Result<CollectReport> {
    if files.is_empty() {
        return Err(Error::invalid("请选择交回的毕业去向收集表"));
    }
    let mut rep = CollectReport {
        year: None,
        files: files.iter().map(|f| f.display().to_string()).collect(),
        rows: 0,
        updated: 0,
        unchanged: 0,
        blank: Vec::new(),
        errors: Vec::new(),
        conflicts: Vec::new(),
        applied: false,
    };
    let mut answers: Vec<Answer> = Vec::new();
    let mut returns: Vec<CollectReturn> = Vec::new();
    for path in files {
        let file = path.display().to_string();
        // Values as typed (a unit name keeps its full-width brackets); labels and names are
        // compared folded.
        let grids = xianjie_sheet::grid::read_as_written(path)?;
        let Some(m) = meta(&grids) else {
            rep.errors.push(file_issue(
                &file,
                "不是学社衔接助手导出的毕业去向收集表（请用“导出收集表”生成的文件填写）",
            ));
            continue;
        };
        match rep.year {
            None => rep.year = Some(m.year),
            Some(y) if y != m.year => {
                rep.errors.push(file_issue(
                    &file,
                    format!("这是 {} 届的收集表，与其他文件（{y} 届）不是同一届", m.year),
                ));
                continue;
            }
            Some(_) => {}
        }
        let Some(sheet) = grids.iter().find(|g| g.name == SHEET) else {
            rep.errors
                .push(file_issue(&file, format!("找不到“{SHEET}”工作表")));
            continue;
        };
        if let Some(c) = Col::ALL
            .iter()
            .find(|c| !is_label(sheet.cell(FIRST_ROW - 1, c.index()), c.header()))
        {
            rep.errors.push(file_issue(
                &file,
                format!(
                    "第 {} 行 {} 列应为“{}”，而是“{}”：表头被改动（请勿增删、移动列）",
                    FIRST_ROW,
                    c.letter(),
                    c.header(),
                    sheet.cell(FIRST_ROW - 1, c.index())
                ),
            ));
            continue;
        }
        let bytes = std::fs::read(path).map_err(Error::from)?;
        let read = rows(ctx, &file, sheet, &m, &mut rep, &mut answers)?;
        returns.push(CollectReturn {
            branch_id: m.branch_id,
            year: m.year,
            file: Path::new(&file)
                .file_name()
                .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned()),
            sha256: format!("{:x}", Sha256::digest(&bytes)),
            exported_at: m.exported_at.clone(),
            imported_at: crate::store::audit::now(),
            rows: read as i64,
        });
    }
    let year = rep.year.unwrap_or_default();
    let exported: HashMap<String, String> = returns
        .iter()
        .map(|r| (r.file.clone(), r.exported_at.clone()))
        .collect();
    let writes = decide(ctx, year, answers, &exported, opts, &mut rep)?;
    let refused = !rep.errors.is_empty() || !rep.conflicts.is_empty();
    if opts.dry_run || (refused && !opts.partial) {
        return Ok(rep);
    }
    apply(ctx, year, &writes, &returns)?;
    rep.applied = true;
    Ok(rep)
}

/// The rows of one sheet into answers; returns how many rows were read.
fn rows(
    ctx: &Context,
    file: &str,
    sheet: &Grid,
    m: &Meta,
    rep: &mut CollectReport,
    out: &mut Vec<Answer>,
) -> Result<usize> {
    let branch_members = ctx.store().members_of_branch(m.branch_id)?;
    let mut read = 0;
    for (i, cells) in sheet.rows.iter().enumerate().skip(FIRST_ROW) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        read += 1;
        rep.rows += 1;
        let excel_row = (i + 1) as u32;
        let cell = |c: Col| sheet.cell(i, c.index()).trim().to_string();
        let name = cell(Col::Name);
        let issue = |c: Col, value: &str, message: String| CollectIssue {
            file: file.to_string(),
            row: excel_row,
            column: format!("{}（{}）", c.letter(), c.header()),
            name: name.clone(),
            value: value.to_string(),
            message,
        };
        // The graduate: by the system number, checked against name or student number; else
        // by student number, else by a name that is unique in the branch.
        let by_id = cell(Col::Id)
            .parse::<i64>()
            .ok()
            .and_then(|id| branch_members.iter().find(|x| x.id == id))
            .filter(|x| {
                crate::text::same(&x.name, &name)
                    || x.student_no.as_deref() == Some(cell(Col::StudentNo).as_str())
            });
        let by_no = || {
            let no = cell(Col::StudentNo);
            (!no.is_empty())
                .then(|| {
                    branch_members
                        .iter()
                        .find(|x| x.student_no.as_deref() == Some(no.as_str()))
                })
                .flatten()
        };
        let by_name = || {
            let same: Vec<&Member> = branch_members
                .iter()
                .filter(|x| crate::text::same(&x.name, &name))
                .collect();
            <[&Member; 1]>::try_from(same).ok().map(|[x]| x)
        };
        let Some(member) = by_id.or_else(by_no).or_else(by_name) else {
            rep.errors.push(issue(
                Col::Name,
                &name,
                format!(
                    "在该团支部的毕业生中找不到此人（学号“{}”）：请勿改动灰色列，新增的毕业生请先导入名单",
                    cell(Col::StudentNo)
                ),
            ));
            continue;
        };
        let before = rep.errors.len();
        let kind_text = cell(Col::Kind);
        if kind_text.is_empty() {
            rep.blank
                .push(format!("{}（{}）", member.name, file_name(file)));
            continue;
        }
        let Some(kind) = by_label(DestinationKind::ALL, &kind_text, |k| k.label()) else {
            rep.errors.push(issue(
                Col::Kind,
                &kind_text,
                "毕业去向应从下拉列表中选择".into(),
            ));
            continue;
        };
        let mut d = Destination::of_kind(kind);
        let mut yes_no = |c: Col, required: bool| -> Option<bool> {
            let v = cell(c);
            match v.as_str() {
                YES => Some(true),
                NO => Some(false),
                "" if !required => None,
                "" => {
                    rep.errors.push(issue(
                        c,
                        &v,
                        format!("去向为“{}”时须选择“是”或“否”", kind.label()),
                    ));
                    None
                }
                _ => {
                    rep.errors.push(issue(c, &v, "应为“是”或“否”".into()));
                    None
                }
            }
        };
        let working = matches!(
            kind,
            DestinationKind::Employed | DestinationKind::AbroadWork
        );
        d.employer_has_org = yes_no(Col::HasOrg, working).unwrap_or(true);
        d.labor_dispatch = yes_no(Col::Dispatch, false).unwrap_or(false);
        d.central_unit_in_beijing = yes_no(Col::Central, false).unwrap_or(false);
        let province = cell(Col::Province);
        if !province.is_empty() {
            if PROVINCES.contains(&province.as_str()) {
                d.province = Some(province);
            } else {
                rep.errors.push(issue(
                    Col::Province,
                    &province,
                    "省份应从下拉列表中选择".into(),
                ));
            }
        }
        let system = cell(Col::System);
        match system.as_str() {
            "" | "无" => {}
            s => match by_label(SystemCommittee::ALL, s, |k| k.label()) {
                Some(sc) => d.system = Some(sc),
                None => rep.errors.push(issue(
                    Col::System,
                    s,
                    "所属系统团委应从下拉列表中选择".into(),
                )),
            },
        }
        let special = cell(Col::Special);
        match special.as_str() {
            "" | "无" => {}
            s if is_label(s, RETAIN) => d.retain_in_school = true,
            s => match by_label(RetentionNote::ALL, s, |k| k.label()) {
                Some(n) => d.note = Some(n),
                None => rep.errors.push(issue(
                    Col::Special,
                    s,
                    format!("特殊情况应为：{}", special_choices().join("、")),
                )),
            },
        }
        let level = cell(Col::Level);
        if !level.is_empty() && !STUDY_LEVELS.iter().any(|l| is_label(&level, l)) {
            rep.errors.push(issue(
                Col::Level,
                &level,
                format!("升学层次应为：{}", STUDY_LEVELS.join("、")),
            ));
        }
        let text = |c: Col| Some(cell(c)).filter(|s| !s.is_empty());
        let details = DestinationDetails {
            study_level: text(Col::Level),
            unit_name: text(Col::Unit),
            address: text(Col::Address),
            target_org: text(Col::Target),
            ..DestinationDetails::default()
        };
        d.details = (details != DestinationDetails::default()).then_some(details);
        let phone_text = cell(Col::Phone);
        let phone = if phone_text.is_empty() {
            None
        } else {
            match xianjie_sheet::normalize::mobile(xianjie_sheet::normalize::Cell::Text(
                &phone_text,
            )) {
                Ok(p) => Some(p),
                Err(e) => {
                    rep.errors.push(issue(Col::Phone, &phone_text, e));
                    None
                }
            }
        };
        if rep.errors.len() > before {
            continue;
        }
        out.push(Answer {
            member: member.clone(),
            file: file.to_string(),
            row: excel_row,
            dest: d,
            phone,
        });
    }
    Ok(read)
}

/// A cell is read as typed; it is compared with a label folded (Excel users type full-width
/// and half-width brackets and spaces alike).
fn is_label(cell: &str, label: &str) -> bool {
    crate::text::same(cell, label)
}

fn by_label<T: Copy>(all: &[T], cell: &str, label: impl Fn(T) -> &'static str) -> Option<T> {
    all.iter().copied().find(|k| is_label(cell, label(*k)))
}

fn file_name(file: &str) -> String {
    Path::new(file)
        .file_name()
        .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned())
}

/// The facts a workbook carries (what is compared with the store): the destination without
/// what the workbook has no column for (城市, the chosen reason).
fn collected(d: &Destination) -> Destination {
    let x = d.details.clone().unwrap_or_default();
    let details = DestinationDetails {
        study_level: x.study_level,
        unit_name: x.unit_name,
        address: x.address,
        target_org: x.target_org,
        ..DestinationDetails::default()
    };
    Destination {
        // One column says both: a note (R7b) retains whatever the retain flag says.
        retain_in_school: d.retain_in_school || d.note.is_some(),
        chosen_reason: None,
        details: (details != DestinationDetails::default()).then_some(details),
        ..d.clone()
    }
}

/// What to write: the stored destination with the collected facts put in (what the workbook
/// does not carry — 城市, the chosen reason — kept).
fn merged(stored: Option<&Destination>, new: &Destination) -> Destination {
    let mut d = new.clone();
    if let Some(s) = stored {
        d.chosen_reason = s.chosen_reason;
        if d.note.is_some() {
            d.retain_in_school = s.retain_in_school;
        }
        let old = s.details.clone().unwrap_or_default();
        if old.city.is_some() {
            d.details.get_or_insert_with(Default::default).city = old.city;
        }
    }
    d
}

/// The writes, after the conflicts between files and with the office's own changes.
fn decide(
    ctx: &Context,
    year: i32,
    answers: Vec<Answer>,
    exported: &HashMap<String, String>,
    opts: CollectOptions,
    rep: &mut CollectReport,
) -> Result<Vec<Answer>> {
    let mut by_member: HashMap<i64, Vec<Answer>> = HashMap::new();
    let mut order = Vec::new();
    for a in answers {
        if !by_member.contains_key(&a.member.id) {
            order.push(a.member.id);
        }
        by_member.entry(a.member.id).or_default().push(a);
    }
    let mut out = Vec::new();
    for id in order {
        let Some(mut list) = by_member.remove(&id) else {
            continue;
        };
        let first = list.remove(0);
        let disagree: Vec<&Answer> = list
            .iter()
            .filter(|b| collected(&b.dest) != collected(&first.dest) || b.phone != first.phone)
            .collect();
        if !disagree.is_empty() {
            let places: Vec<String> = std::iter::once(&first)
                .chain(list.iter())
                .map(|a| format!("{} 第 {} 行", file_name(&a.file), a.row))
                .collect();
            rep.conflicts.push(CollectIssue {
                file: first.file.clone(),
                row: first.row,
                column: String::new(),
                name: first.member.name.clone(),
                value: String::new(),
                message: format!(
                    "多个文件填写不一致：{}；请核实后只保留一份",
                    places.join("、")
                ),
            });
            continue;
        }
        let stored = ctx.store().destination(id, year)?;
        let same_dest = stored
            .as_ref()
            .is_some_and(|s| collected(s) == collected(&first.dest));
        let same_phone = first.phone.is_none() || first.phone == first.member.mobile;
        if same_dest && same_phone {
            rep.unchanged += 1;
            continue;
        }
        if !same_dest && !opts.overwrite {
            let after = ctx.store().destination_updated_at(id, year)?;
            let since = exported
                .get(&file_name(&first.file))
                .cloned()
                .unwrap_or_default();
            if let Some(at) = after.filter(|at| since.is_empty() || *at > since) {
                rep.conflicts.push(CollectIssue {
                    file: first.file.clone(),
                    row: first.row,
                    column: String::new(),
                    name: first.member.name.clone(),
                    value: String::new(),
                    message: format!(
                        "学院在导出收集表后（{at}）修改过此人的毕业去向，与表中填写不同；确认以表中为准后再导入（覆盖学院的修改）"
                    ),
                });
                continue;
            }
        }
        rep.updated += 1;
        out.push(first);
    }
    Ok(out)
}

/// Writes the destinations and phone numbers and records the returns, in one transaction,
/// after a snapshot.
fn apply(ctx: &mut Context, year: i32, writes: &[Answer], returns: &[CollectReturn]) -> Result<()> {
    let mut c = Collected {
        year,
        returns: returns.to_vec(),
        ..Collected::default()
    };
    for a in writes {
        let stored = ctx.store().destination(a.member.id, year)?;
        if stored.as_ref().map(collected) != Some(collected(&a.dest)) {
            c.destinations
                .push((a.member.id, merged(stored.as_ref(), &a.dest)));
        }
        if let Some(p) = a
            .phone
            .as_ref()
            .filter(|p| Some(*p) != a.member.mobile.as_ref())
        {
            c.mobiles.push((a.member.id, p.clone()));
        }
    }
    ctx.store()
        .snapshot_before_batch(c.destinations.len().max(2))?;
    let op = ctx.operator().to_string();
    ctx.store_mut().apply_collected(&c, &op)?;
    Ok(())
}
