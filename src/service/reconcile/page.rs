//! 对账 as the window shows it: each difference with what accepting records, the rows that
//! matched several graduates or none; 采纳 of some or all. `xianjie reconcile` reads the same
//! report (`reconcile_file`) and prints it.

use super::{accept_from, mapping, reconcile_file, DiffKind};
use crate::service::view::count;
use crate::service::Context;
use crate::Result;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One difference as the window lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DifferenceView {
    /// only_there / only_here / state_differs / destination_differs; a member list's
    /// still_listed / not_listed / branch_differs.
    pub kind: String,
    pub kind_label: String,
    pub member_id: i64,
    pub name: String,
    pub here: String,
    pub there: String,
    pub row: Option<u32>,
    /// What accepting records; null: to be settled in 智慧团建 by hand.
    pub accept: Option<String>,
}

/// 对账: the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
pub fn reconcile(ctx: &mut Context, file: &str, year: i32, on: NaiveDate) -> Result<ReconcileView> {
    let maps = mapping(ctx, Vec::new())?;
    let r = reconcile_file(ctx, year, on, Path::new(file), &maps)?;
    Ok(view(r))
}

/// 对账 › 新生转入: 智慧团建's list of transfers into the office's orgs at `file` against
/// campaign year `year`'s new students (rules.md §9); `member_id` is the student's number.
pub fn reconcile_incoming(
    ctx: &mut Context,
    file: &str,
    year: i32,
    on: NaiveDate,
) -> Result<ReconcileView> {
    let maps = mapping(ctx, Vec::new())?;
    let r = super::incoming::reconcile_file(ctx, year, on, Path::new(file), &maps)?;
    Ok(view(r))
}

/// 采纳 of the new students' differences (`students` empty: every one that can be).
pub fn accept_incoming(
    ctx: &mut Context,
    file: &str,
    year: i32,
    on: NaiveDate,
    students: &[i64],
) -> Result<AcceptView> {
    let maps = mapping(ctx, Vec::new())?;
    let a = super::incoming::accept_from(ctx, year, on, Path::new(file), &maps, |d| {
        d.accept.is_some() && (students.is_empty() || students.contains(&d.member_id))
    })?;
    Ok(AcceptView {
        recorded: count(a.recorded),
        refused: a.refused,
    })
}

fn view(r: super::Report) -> ReconcileView {
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
    ReconcileView {
        kind_label: r.kind.label().into(),
        rows: count(r.rows),
        matched: count(r.matched),
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
    }
}

/// What 采纳 did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
) -> Result<AcceptView> {
    let maps = mapping(ctx, Vec::new())?;
    let a = accept_from(ctx, year, on, Path::new(file), &maps, |d| {
        d.accept.is_some() && (members.is_empty() || members.contains(&d.member_id))
    })?;
    Ok(AcceptView {
        recorded: count(a.recorded),
        refused: a.refused,
    })
}
