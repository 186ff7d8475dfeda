//! Reconciling the new students' transfers in (rules.md §9, N1/N3/N10) with 智慧团建's
//! transfer list of requests into the office's orgs — the same tolerant reader as the
//! graduates' ([`super::read_any`]). Each row is matched to a new student of the year by ID
//! number, else 团员编号, else name and 转入组织 (the class branch); an ambiguous row is
//! listed, never guessed. Accepting a difference is an ordinary, audited step of the
//! student's transfer in (a start goes through `freshmen::transfers::start`, so the engine
//! still refuses a student it blocks).

use super::{
    norm, read_any, step_for, Accepted, DiffKind, Difference, ListKind, Report, RowIssue,
    SystemRow, SystemState,
};
use crate::freshman::transfer_key;
use crate::service::freshmen::transfers::{self as intake, FreshmenStartRequest};
use crate::service::freshmen::Year;
use crate::service::transfers;
use crate::service::Context;
use crate::transfer::deadline::status_on;
use crate::transfer::{EventKind, State};
use crate::{Error, Result};
use chrono::NaiveDate;
use std::collections::HashSet;
use std::path::Path;

/// Compares the rows of 智慧团建's list of transfers in with campaign year `year`'s new
/// students' transfers in as of `on`. `member_id` in the report is the student's number.
pub fn report(
    ctx: &mut Context,
    year: i32,
    on: NaiveDate,
    rows: &[SystemRow],
    issues: Vec<RowIssue>,
) -> Result<Report> {
    let y = Year::load(ctx, year)?;
    let s = &y.settings.campaign;
    let matcher = super::Matcher::new(&y.freshmen, |r| r.to_org.as_deref());
    let mut out = Report::new(ListKind::Incoming, rows.len(), issues);
    let mut seen: HashSet<i64> = HashSet::new();
    for r in rows {
        let Some(f) = matcher.one(r, &mut out) else {
            continue;
        };
        seen.insert(f.id);
        let diff = |kind, here: String, accept: Option<String>| Difference {
            kind,
            member_id: f.id,
            name: f.name.clone(),
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
        let Some(t) = y.transfer(f) else {
            let accept = match r.state {
                SystemState::Pending => Some("登记发起转入".to_string()),
                SystemState::Done => Some("登记发起转入并记为已完成".to_string()),
                SystemState::Returned => Some("登记发起转入并记为已退回".to_string()),
                _ => None,
            };
            out.differences
                .push(diff(DiffKind::OnlyThere, "没有转入记录".into(), accept));
            continue;
        };
        let st = status_on(t, on, s).state;
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
    for f in &y.freshmen {
        if seen.contains(&f.id) {
            continue;
        }
        if let Some(t) = y.transfer(f) {
            let st = status_on(t, on, s).state;
            if st != State::Planned && !st.is_failed() {
                out.differences.push(Difference {
                    kind: DiffKind::OnlyHere,
                    member_id: f.id,
                    name: f.name.clone(),
                    here: format!("{}，转入 {}", st.label(), t.destination),
                    there: "导出的列表中没有".into(),
                    row: None,
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

/// Reads 智慧团建's transfer list at `path` and compares it with the new students' transfers
/// in (a member list is refused: it has no states).
pub fn reconcile_file(
    ctx: &mut Context,
    year: i32,
    on: NaiveDate,
    path: &Path,
    maps: &[(String, String)],
) -> Result<Report> {
    let e = read_any(path, maps)?;
    if e.kind != ListKind::Transfers {
        return Err(Error::invalid(format!(
            "“{}”是团员名单，不是转接列表（没有“状态”列）：新生转入请导出“组织关系转接”中转入本单位的列表",
            path.display()
        )));
    }
    report(ctx, year, on, &e.rows, e.issues)
}

/// Reads the list again and accepts the differences `pick` chooses (both doors).
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

/// Accepts `diffs` of an incoming report: each an ordinary audited step of the student's
/// transfer in; a step the rules refuse is listed with why.
pub fn accept(
    ctx: &mut Context,
    year: i32,
    on: NaiveDate,
    diffs: &[Difference],
) -> Result<Accepted> {
    let manual: Vec<String> = diffs
        .iter()
        .filter(|d| d.accept.is_none())
        .map(|d| {
            format!(
                "{}（{}）：请在智慧团建核实后手动处理",
                d.name,
                d.kind.label()
            )
        })
        .collect();
    if !manual.is_empty() {
        return Err(Error::refused(format!(
            "以下差异不能自动采纳，均未处理：{}",
            manual.join("；")
        )));
    }
    let mut out = Accepted {
        recorded: 0,
        refused: Vec::new(),
    };
    for d in diffs {
        let key = transfer_key(d.member_id);
        let done = match (d.kind, &d.system) {
            (DiffKind::OnlyHere, _) => {
                let ev = transfers::event(ctx, on, EventKind::Revoke, None);
                transfers::record(ctx, &[key], ev)
                    .and_then(|o| o.into_result())
                    .map(|_| ())
            }
            (DiffKind::DestinationDiffers, Some(r)) => match &r.to_org {
                Some(to) => transfers::correct_destination(ctx, key, to).map(|_| ()),
                None => Ok(()),
            },
            (_, Some(r)) => accept_one(ctx, year, on, d.member_id, r),
            (_, None) => Ok(()),
        };
        out.tally(&d.name, done)?;
    }
    Ok(out)
}

/// A start (through the engine's checks) if none is recorded, then the step to the state
/// 智慧团建 shows.
fn accept_one(
    ctx: &mut Context,
    year: i32,
    on: NaiveDate,
    student: i64,
    r: &SystemRow,
) -> Result<()> {
    let key = transfer_key(student);
    let settings = ctx.store().campaign_settings(year)?;
    let current = ctx
        .store()
        .transfer_history(key)?
        .latest(key)
        .map(|t| status_on(t, on, &settings).state);
    let state = match current {
        Some(s) => s,
        None => {
            let o = intake::start(
                ctx,
                &FreshmenStartRequest {
                    year,
                    students: vec![student],
                    on: Some(on.to_string()),
                    note: Some("与智慧团建导出核对后登记".into()),
                    ..FreshmenStartRequest::default()
                },
            )?;
            if let Some(e) = o.errors.first() {
                return Err(Error::refused(e.message.clone()));
            }
            State::Pending
        }
    };
    if let Some((kind, _)) = step_for(state, r.state) {
        let ev = transfers::event(ctx, on, kind, None);
        transfers::record(ctx, &[key], ev)?.into_result()?;
    }
    Ok(())
}
