//! Reconciling with 智慧团建's own transfer export (issue 16): the office downloads its transfer
//! list from 智慧团建 (.xls/.xlsx) instead of re-keying states by hand. The export is read with
//! tolerant headers (synonyms; column order free), each row matched to a graduate — by ID
//! number, else 团员编号, else name and 转出组织; an ambiguous match is listed, never guessed —
//! and compared with the transfers recorded here: in 智慧团建 but not here, here but not
//! there, state differs, destination differs. The secretary accepts differences one by one or
//! all at once; each accepted one is an ordinary audited transfer step, so the rates follow
//! the system's truth.
//!
//! 智慧团建's *member list* of an org is read the same way ([`members`]): the kind of list is
//! told by its header (a 状态 column: the transfer list). The transfer list of requests INTO
//! the office's orgs is compared with the new students' transfers in ([`incoming`], rules.md
//! §9), by the same reader.

pub mod incoming;
mod matcher;
mod members;
pub mod page;

use super::transfers::{self, StartRequest};
use super::Context;
use crate::transfer::deadline::status_on;
use crate::transfer::{EventKind, Initiator, State};
use crate::{Error, Result};
use chrono::NaiveDate;
use matcher::Matcher;
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;
use xianjie_sheet::grid;
use xianjie_sheet::workbook::column_letter;

/// A state as 智慧团建 shows it in the transfer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SystemState {
    /// 审批中 (also 待审批, 待分配).
    Pending,
    /// 已通过 / 已完成.
    Done,
    /// 已退回 / 已终止 / 不同意.
    Returned,
    /// 已撤销.
    Revoked,
    /// In an org's member list (no transfer state: the person is still in the org).
    Listed,
}

impl SystemState {
    pub fn label(self) -> &'static str {
        match self {
            SystemState::Pending => "审批中",
            SystemState::Done => "已通过",
            SystemState::Returned => "已退回",
            SystemState::Revoked => "已撤销",
            SystemState::Listed => "在团员名单中",
        }
    }

    fn parse(s: &str) -> Option<SystemState> {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        Some(match s.as_str() {
            "审批中" | "待审批" | "审核中" | "待审核" | "待分配" | "待分配团支部" | "办理中" => {
                SystemState::Pending
            }
            "已通过" | "已完成" | "审批通过" | "已办结" | "转接成功" => {
                SystemState::Done
            }
            "已退回" | "已终止" | "不同意" | "被退回" | "已驳回" => {
                SystemState::Returned
            }
            "已撤销" | "已撤回" | "撤销" => SystemState::Revoked,
            _ => return None,
        })
    }

    /// The state recorded here in the same words (for comparing).
    fn of(state: State) -> Option<SystemState> {
        match state {
            State::Planned => None,
            State::Pending | State::AwaitingAllocation => Some(SystemState::Pending),
            State::Done => Some(SystemState::Done),
            State::Revoked => Some(SystemState::Revoked),
            State::Returned | State::AutoTerminated => Some(SystemState::Returned),
        }
    }
}

/// The columns an export is read by, with the words 智慧团建's exports (and offices' copies of
/// them) use for each.
const COLUMNS: [(&str, &[&str]); 6] = [
    ("姓名", &["姓名", "团员姓名", "申请人", "申请人姓名"]),
    (
        "身份证号",
        &[
            "身份证号",
            "身份证号码",
            "公民身份号码",
            "证件号码",
            "身份证",
        ],
    ),
    ("团员编号", &["团员编号", "发展团员编号", "团员发展编号"]),
    (
        "转出组织",
        &[
            "转出组织",
            "转出团支部",
            "转出组织全称",
            "原所在团组织",
            "转出支部",
            "所在团支部",
            "所在组织",
            "所在团组织",
            "所属组织",
            "所属团支部",
            "所在支部",
        ],
    ),
    (
        "转入组织",
        &[
            "转入组织",
            "转入团组织",
            "转入组织全称",
            "接收组织",
            "转入团支部",
            "接收团组织",
        ],
    ),
    (
        "状态",
        &["状态", "审批状态", "转接状态", "办理状态", "当前状态"],
    ),
];

/// The store's setting that keeps the office's mapping (`表头=字段` lines).
const SAVED_MAPPING: &str = "reconcile.mapping";

/// Parses a mapping: one `表头=字段` a line (`#` starts a comment), as `--map-file` and the
/// saved mapping hold it; the field must be one of the six columns.
pub fn parse_mapping(text: &str, source: &str) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((header, field)) = line.split_once('=') else {
            return Err(Error::invalid(format!(
                "{source} 第 {} 行“{line}”应写成 表头=字段",
                n + 1
            )));
        };
        let field = field.trim();
        if !COLUMNS.iter().any(|(name, _)| *name == field) {
            return Err(Error::invalid(format!(
                "{source} 第 {} 行的字段“{field}”无法识别，应为 {}",
                n + 1,
                COLUMNS.iter().map(|c| c.0).collect::<Vec<_>>().join("、")
            )));
        }
        out.push((header.trim().to_string(), field.to_string()));
    }
    Ok(out)
}

/// The mapping to read with: the one given (then saved, audited, for next time), else the
/// office's saved one, else none (the synonyms alone).
pub fn mapping(ctx: &mut Context, given: Vec<(String, String)>) -> Result<Vec<(String, String)>> {
    if given.is_empty() {
        return match ctx.store().setting(SAVED_MAPPING)? {
            Some(text) => parse_mapping(&text, "已保存的表头对应"),
            None => Ok(Vec::new()),
        };
    }
    let text: Vec<String> = given.iter().map(|(h, f)| format!("{h}={f}")).collect();
    let text = text.join("\n");
    // Checked before it is kept.
    parse_mapping(&text, "表头对应")?;
    let op = ctx.operator().to_string();
    ctx.store_mut()
        .set_settings(&[(SAVED_MAPPING, Some(text.as_str()))], &op)?;
    Ok(given)
}

/// One row of 智慧团建's export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SystemRow {
    /// As Excel numbers it.
    pub row: u32,
    pub name: String,
    pub id_number: Option<String>,
    pub development_no: Option<String>,
    pub from_org: Option<String>,
    pub to_org: Option<String>,
    pub state: SystemState,
}

/// A cell that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowIssue {
    pub row: u32,
    pub column: String,
    pub name: String,
    pub message: String,
}

fn norm(s: &str) -> String {
    crate::text::normalize_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Which of 智慧团建's lists a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// 组织关系转接 › 转接列表: one row a transfer, with its state.
    Transfers,
    /// 团员管理 › 团员列表: one row a member now in the org.
    Members,
    /// 组织关系转接 › 转接列表 of the transfers INTO the office's orgs, compared with the new
    /// students' transfers in (rules.md §9; ids in the report are the freshmen list's).
    Incoming,
}

impl ListKind {
    pub fn label(self) -> &'static str {
        match self {
            ListKind::Transfers => "转接列表",
            ListKind::Members => "团员名单",
            ListKind::Incoming => "新生转入列表",
        }
    }
}

/// A file read: which list, its rows, the cells that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub kind: ListKind,
    pub rows: Vec<SystemRow>,
    pub issues: Vec<RowIssue>,
}

/// Whether an org as an export names it is the org `full` here: the same full name, or its
/// tail (exports of a college's lists often give a branch's short name).
fn same_org(named: &str, full: &str) -> bool {
    let (n, f) = (norm(named), norm(full));
    !n.is_empty() && (n == f || f.ends_with(&n))
}

/// Compares an export with cohort `year` as of `on`, each kind of list its own way.
pub fn report_any(ctx: &mut Context, year: i32, on: NaiveDate, e: Export) -> Result<Report> {
    match e.kind {
        ListKind::Transfers => report(ctx, year, on, &e.rows, e.issues),
        ListKind::Members => members::report(ctx, year, on, &e.rows, e.issues),
        ListKind::Incoming => incoming::report(ctx, year, on, &e.rows, e.issues),
    }
}

/// Reads the export at `path` and compares it ([`read_any`], [`report_any`]).
pub fn reconcile_file(
    ctx: &mut Context,
    year: i32,
    on: NaiveDate,
    path: &Path,
    maps: &[(String, String)],
) -> Result<Report> {
    let e = read_any(path, maps)?;
    report_any(ctx, year, on, e)
}

/// Reads 智慧团建's transfer export at `path` (see [`read_any`]); a member list is refused.
pub fn read(path: &Path, maps: &[(String, String)]) -> Result<(Vec<SystemRow>, Vec<RowIssue>)> {
    let e = read_any(path, maps)?;
    if e.kind != ListKind::Transfers {
        return Err(Error::invalid(format!(
            "“{}”是团员名单，不是转接列表（没有“状态”列）",
            path.display()
        )));
    }
    Ok((e.rows, e.issues))
}

/// Reads an export of 智慧团建 at `path`: the header found among the first rows by the columns'
/// words (any order), `maps` (`表头=字段`, a saved mapping) first. A header with 姓名 and 状态
/// is the transfer list; with 姓名 and 身份证号 or 团员编号 but no 状态, the member list
/// (its rows' state is [`SystemState::Listed`]).
pub fn read_any(path: &Path, maps: &[(String, String)]) -> Result<Export> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    // As typed: a 转入组织 accepted from 智慧团建 is stored with its own brackets; matching
    // folds (`norm`).
    let grids = grid::read_as_written(path)?;
    let field_of = |header: &str| -> Option<usize> {
        let h = norm(header);
        if h.is_empty() {
            return None;
        }
        if let Some((_, f)) = maps.iter().find(|(from, _)| norm(from) == h) {
            return COLUMNS.iter().position(|(name, _)| *name == f.as_str());
        }
        COLUMNS
            .iter()
            .position(|(_, words)| words.iter().any(|w| norm(w) == h))
    };
    for g in &grids {
        for top in 0..g.rows.len().min(10) {
            let mut at = [None::<usize>; 6];
            for (c, text) in g.rows[top].iter().enumerate() {
                if let Some(f) = field_of(text) {
                    at[f].get_or_insert(c);
                }
            }
            let Some(name_col) = at[0] else {
                continue;
            };
            let kind = match at[5] {
                Some(_) => ListKind::Transfers,
                None if at[1].is_some() || at[2].is_some() => ListKind::Members,
                None => continue,
            };
            let mut rows = Vec::new();
            let mut issues = Vec::new();
            for (r, cells) in g.rows.iter().enumerate().skip(top + 1) {
                let cell = |f: usize| {
                    at[f]
                        .and_then(|c| cells.get(c))
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                };
                if cells.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let row = r as u32 + 1;
                let name = cell(0).unwrap_or_default();
                let state_text = cell(5).unwrap_or_default();
                let state = match kind {
                    ListKind::Members => Some(SystemState::Listed),
                    // The reader only tells the two kinds apart; an incoming list is a transfer list.
                    ListKind::Transfers | ListKind::Incoming => SystemState::parse(&state_text),
                };
                match state {
                    Some(state) if !name.is_empty() => rows.push(SystemRow {
                        row,
                        name,
                        id_number: cell(1).map(|s| s.to_uppercase()),
                        development_no: cell(2),
                        from_org: cell(3),
                        to_org: cell(4),
                        state,
                    }),
                    Some(_) => issues.push(RowIssue {
                        row,
                        column: format!(
                            "{}（{}）",
                            column_letter(name_col as u32),
                            g.cell(top, name_col)
                        ),
                        name: String::new(),
                        message: "姓名为空".into(),
                    }),
                    None => {
                        let state_col = at[5].unwrap_or_default();
                        issues.push(RowIssue {
                            row,
                            column: format!(
                                "{}（{}）",
                                column_letter(state_col as u32),
                                g.cell(top, state_col)
                            ),
                            name,
                            message: format!(
                                "状态“{state_text}”无法识别（应为 审批中、已通过、已退回、已撤销）"
                            ),
                        })
                    }
                }
            }
            return Ok(Export { kind, rows, issues });
        }
    }
    Err(Error::invalid(format!(
        "“{file}”中找不到智慧团建转接列表或团员名单的表头：转接列表至少要有“姓名”和“状态”两列，团员名单至少要有“姓名”和“身份证号”或“团员编号”（可用 表头=字段 指定，字段为 {}）",
        COLUMNS.iter().map(|c| c.0).collect::<Vec<_>>().join("、")
    )))
}

/// What differs between 智慧团建 and the records here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    /// 智慧团建 has a transfer this office has not recorded.
    OnlyThere,
    /// A transfer recorded here is not in the export.
    OnlyHere,
    StateDiffers,
    DestinationDiffers,
    /// Member list: done here, yet 智慧团建 still lists the graduate in the org.
    StillListed,
    /// Member list: a graduate of a listed branch whom the list no longer has.
    NotListed,
    /// Member list: listed in another branch than the one recorded here.
    BranchDiffers,
}

impl DiffKind {
    pub fn label(self) -> &'static str {
        match self {
            DiffKind::OnlyThere => "智慧团建有、本机没有",
            DiffKind::OnlyHere => "本机有、智慧团建没有",
            DiffKind::StateDiffers => "状态不同",
            DiffKind::DestinationDiffers => "转入组织不同",
            DiffKind::StillListed => "本机已转出、智慧团建仍在名单中",
            DiffKind::NotListed => "智慧团建名单中已没有",
            DiffKind::BranchDiffers => "所在团支部不同",
        }
    }
}

/// One difference, with both sides in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    pub kind: DiffKind,
    pub member_id: i64,
    pub name: String,
    pub here: String,
    pub there: String,
    /// The export's row (none for 本机有、智慧团建没有).
    pub row: Option<u32>,
    /// What accepting it records (none: to be checked in 智慧团建 by hand).
    pub accept: Option<String>,
    #[serde(skip)]
    system: Option<SystemRow>,
}

/// A row matched to several graduates, or to none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unmatched {
    pub row: u32,
    pub name: String,
    /// The candidates (name, branch) when ambiguous; empty when nobody matched.
    pub candidates: Vec<String>,
}

/// The reconciliation report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub kind: ListKind,
    pub rows: usize,
    pub matched: usize,
    pub differences: Vec<Difference>,
    pub ambiguous: Vec<Unmatched>,
    pub unmatched: Vec<Unmatched>,
    pub issues: Vec<RowIssue>,
}

impl Report {
    /// Nothing matched yet: `rows` rows of a `kind` list read, `issues` unreadable.
    fn new(kind: ListKind, rows: usize, issues: Vec<RowIssue>) -> Self {
        Report {
            kind,
            rows,
            matched: 0,
            differences: Vec::new(),
            ambiguous: Vec::new(),
            unmatched: Vec::new(),
            issues,
        }
    }
}

/// Compares the export's `rows` with cohort `year`'s transfers as of `on`.
pub fn report(
    ctx: &mut Context,
    year: i32,
    on: NaiveDate,
    rows: &[SystemRow],
    issues: Vec<RowIssue>,
) -> Result<Report> {
    let grads = ctx.graduates(year, on)?;
    let ledger = ctx.store().ledger_of_year(year)?;
    let settings = ctx.store().campaign_settings(year)?;
    let matcher = Matcher::new(&grads, |r| r.from_org.as_deref());
    let mut out = Report::new(ListKind::Transfers, rows.len(), issues);
    let mut seen: HashSet<i64> = HashSet::new();
    for r in rows {
        let Some(g) = matcher.one(r, &mut out) else {
            continue;
        };
        let m = g.member.id;
        seen.insert(m);
        let diff = |kind, here: String, accept: Option<String>| Difference {
            kind,
            member_id: m,
            name: g.member.name.clone(),
            here,
            there: format!(
                "{}{}",
                r.state.label(),
                r.to_org
                    .as_ref()
                    .map(|o| format!("，转入 {o}"))
                    .unwrap_or_default()
            ),
            row: Some(r.row),
            accept,
            system: Some(r.clone()),
        };
        let Some(t) = ledger.latest(m) else {
            // Started here only when the step after the start cannot be refused (a revoke can
            // be, R11): a start followed by a refused step would be half a change.
            let accept = match (&r.to_org, r.state) {
                (Some(to), SystemState::Pending) => Some(format!("登记发起（转入 {to}）")),
                (Some(to), SystemState::Done) => Some(format!("登记发起（转入 {to}）并记为已完成")),
                (Some(to), SystemState::Returned) => {
                    Some(format!("登记发起（转入 {to}）并记为已退回"))
                }
                _ => None,
            };
            out.differences
                .push(diff(DiffKind::OnlyThere, "没有转接记录".into(), accept));
            continue;
        };
        let st = status_on(t, on, &settings).state;
        let here = SystemState::of(st);
        if here != Some(r.state) {
            let accept = step_for(st, r.state).map(|(_, words)| words.to_string());
            let kind = if here.is_none() {
                DiffKind::OnlyThere
            } else {
                DiffKind::StateDiffers
            };
            out.differences.push(diff(
                kind,
                format!("{}，转入 {}", st.label(), t.destination),
                accept,
            ));
        }
        if let Some(to) = &r.to_org {
            if !t.destination.is_empty() && norm(to) != norm(&t.destination) {
                out.differences.push(diff(
                    DiffKind::DestinationDiffers,
                    format!("转入 {}", t.destination),
                    Some(format!("按智慧团建更正转入组织为 {to}")),
                ));
            }
        }
    }
    for g in grads.iter() {
        let m = g.member.id;
        if seen.contains(&m) {
            continue;
        }
        if let Some(t) = ledger.latest(m) {
            let st = status_on(t, on, &settings).state;
            // Not started, or ended without success here: nothing 智慧团建 should list.
            if st != State::Planned && !st.is_failed() {
                out.differences.push(Difference {
                    kind: DiffKind::OnlyHere,
                    member_id: m,
                    name: g.member.name.clone(),
                    here: format!("{}，转入 {}", st.label(), t.destination),
                    there: "导出的列表中没有".into(),
                    row: None,
                    // Still going here but unknown there: it was never submitted or was
                    // withdrawn; a finished one is for the secretary to check.
                    accept: st
                        .is_active()
                        .then(|| "记为已撤销（智慧团建中没有此申请）".to_string()),
                    system: None,
                });
            }
        }
    }
    Ok(out)
}

/// The step that brings a transfer in `here` to what 智慧团建 shows, if one can.
fn step_for(here: State, there: SystemState) -> Option<(EventKind, &'static str)> {
    match (here, there) {
        (State::Planned, SystemState::Pending) => Some((EventKind::Start, "记为已在智慧团建发起")),
        (s, SystemState::Done) if s.is_active() => Some((EventKind::Done, "记为已完成")),
        (s, SystemState::Returned) if s.is_active() => Some((
            EventKind::Return {
                reason: "智慧团建显示已退回".into(),
            },
            "记为已退回",
        )),
        (s, SystemState::Revoked) if s.is_active() => Some((EventKind::Revoke, "记为已撤销")),
        _ => None,
    }
}

/// Reads the export at `path` again and accepts the differences `pick` chooses — the path both
/// doors take (the window sends which differences, not their content).
pub fn accept_from(
    ctx: &mut Context,
    year: i32,
    on: NaiveDate,
    path: &Path,
    maps: &[(String, String)],
    pick: impl Fn(&Difference) -> bool,
) -> Result<Accepted> {
    let rep = reconcile_file(ctx, year, on, path, maps)?;
    let chosen: Vec<Difference> = rep.differences.into_iter().filter(|d| pick(d)).collect();
    if chosen.is_empty() {
        return Err(Error::invalid("没有选中可采纳的差异（或文件已与本机一致）"));
    }
    accept(ctx, year, on, &chosen)
}

/// What accepting did: each difference is its own step (recorded whole, or refused whole).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Accepted {
    pub recorded: usize,
    /// 姓名：why the rules refused the step (e.g. R11: no revoking into 京粤闽).
    pub refused: Vec<String>,
}

impl Accepted {
    /// Counts one difference's outcome: a step the rules refuse (or that conflicts) is listed
    /// with why and the others go on; any other failure stops the acceptance.
    fn tally(&mut self, name: &str, done: Result<()>) -> Result<()> {
        match done {
            Ok(()) => self.recorded += 1,
            Err(e)
                if matches!(
                    e.code,
                    crate::ErrorCode::Refused | crate::ErrorCode::Conflict
                ) =>
            {
                self.refused.push(format!("{name}：{}", e.message));
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }
}

/// Accepts `diffs` (as the report gave them): each an ordinary audited transfer step on `on`,
/// checked by the same rules as one entered by hand; a step the rules refuse is listed with
/// why and the others go on. A difference that cannot be accepted at all (a finished transfer
/// 智慧团建 does not list, a failed one there with nothing here) refuses the whole request
/// before anything is recorded.
pub fn accept(
    ctx: &mut Context,
    year: i32,
    on: NaiveDate,
    diffs: &[Difference],
) -> Result<Accepted> {
    let mut refused = Vec::new();
    for d in diffs {
        if d.accept.is_none() {
            refused.push(format!(
                "{}（{}）：请在智慧团建核实后手动处理",
                d.name,
                d.kind.label()
            ));
        }
    }
    if !refused.is_empty() {
        return Err(Error::refused(format!(
            "以下差异不能自动采纳，均未处理：{}",
            refused.join("；")
        )));
    }
    let settings = ctx.store().campaign_settings(year)?;
    let mut out = Accepted {
        recorded: 0,
        refused: Vec::new(),
    };
    for d in diffs {
        let done = match (d.kind, &d.system) {
            (DiffKind::OnlyHere, _) => {
                let ev = transfers::event(ctx, on, EventKind::Revoke, None);
                transfers::record(ctx, &[d.member_id], ev)
                    .and_then(|o| o.into_result())
                    .map(|_| ())
            }
            // Member list: no longer in the org there — the transfer has gone through.
            (DiffKind::NotListed, _) => {
                let ev = transfers::event(ctx, on, EventKind::Done, None);
                transfers::record(ctx, &[d.member_id], ev)
                    .and_then(|o| o.into_result())
                    .map(|_| ())
            }
            (DiffKind::DestinationDiffers, Some(r)) => match &r.to_org {
                Some(to) => transfers::correct_destination(ctx, d.member_id, to).map(|_| ()),
                None => Ok(()),
            },
            (_, Some(r)) => accept_one(ctx, year, on, &settings, d.member_id, r),
            (_, None) => Ok(()),
        };
        out.tally(&d.name, done)?;
    }
    Ok(out)
}

/// One difference's step(s): a transfer started if none is recorded (only for 审批中 and
/// 已通过 there: see [`report`]), then the step to the state 智慧团建 shows.
fn accept_one(
    ctx: &mut Context,
    year: i32,
    on: NaiveDate,
    settings: &crate::transfer::CampaignSettings,
    member_id: i64,
    r: &SystemRow,
) -> Result<()> {
    let ledger = ctx.store().ledger_of_year(year)?;
    let current = ledger
        .latest(member_id)
        .map(|t| status_on(t, on, settings).state);
    let state = match current {
        Some(s) => s,
        None => {
            let req = StartRequest {
                year,
                members: vec![member_id],
                on,
                initiator: Initiator::Outgoing,
                reason: None,
                destination: r.to_org.clone(),
                region: None,
                jing_yue_min: false,
                into_committee: false,
                planned: false,
                actor: None,
                note: Some("与智慧团建导出核对后登记".into()),
            };
            transfers::start(ctx, &req)?.into_result()?;
            State::Pending
        }
    };
    if let Some((kind, _)) = step_for(state, r.state) {
        let ev = transfers::event(ctx, on, kind, None);
        transfers::record(ctx, &[member_id], ev)?.into_result()?;
    }
    Ok(())
}
