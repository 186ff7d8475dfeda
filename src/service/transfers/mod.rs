//! Transfers as both doors record them (W1–W3). Starting one asks the rule engine first: a
//! graduate the engine blocks (R12: not a member, M6 offline, M7 团员身份认证 missing) is
//! refused here, naming the rule, whichever door asked — the block must be resolved first.
//! Reasons and destinations default to each graduate's own recommendation and recorded
//! 转入组织, so a batch needs no shared receiver.

pub mod list;
pub mod step;

use super::Context;
use crate::destination::{Destination, DestinationKind, Reason};
use crate::engine::{self, Recommendation};
use crate::store::transfers as operations;
use crate::transfer::{BatchFailure, Event, EventKind, Initiator, Region, Transfer, TransferDraft};
use crate::{Error, Result};
use chrono::NaiveDate;

/// A start for one or many graduates. Empty choices take each graduate's own values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartRequest {
    pub year: i32,
    pub members: Vec<i64>,
    pub on: NaiveDate,
    pub initiator: Initiator,
    /// The 转接原因; default: the engine's for each graduate.
    pub reason: Option<Reason>,
    /// 转入组织全称; default: each graduate's recorded 转入组织.
    pub destination: Option<String>,
    pub region: Option<Region>,
    /// R11 said by the office; otherwise from the region or the engine.
    pub jing_yue_min: bool,
    pub into_committee: bool,
    /// Only planned, not yet started in 智慧团建 (W3 "planned").
    pub planned: bool,
    /// The person who acted in 智慧团建 (default: the operator).
    pub actor: Option<String>,
    pub note: Option<String>,
}

/// One graduate's refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub member_id: i64,
    pub name: String,
    pub message: String,
}

/// Every graduate's transfer changed, or none did and each refusal says why.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Done(Vec<Transfer>),
    Refused(Vec<Refusal>),
}

impl Outcome {
    /// For a door that prints one message: refusals as one Chinese error.
    pub fn into_result(self) -> Result<Vec<Transfer>> {
        match self {
            Outcome::Done(v) => Ok(v),
            Outcome::Refused(r) => Err(Error::refused(refusal_text(&r))),
        }
    }
}

/// Up to this many refusals are listed one by one; more are summed up by kind.
pub const LISTED: usize = 10;

/// `未执行……`: every refusal with its graduate, one line each — or, for many, how many of each
/// kind with the first few names (the whole list: `refusals_csv`, the CLI's `--refusals`, the
/// app's table and its export).
pub fn refusal_text(refusals: &[Refusal]) -> String {
    let mut out = format!("未执行（全部或全不）：{} 名团员不符合条件", refusals.len());
    if refusals.len() <= LISTED {
        for r in refusals {
            out.push_str(&format!(
                "\n  团员 {}（{}）：{}",
                r.member_id, r.name, r.message
            ));
        }
        return out;
    }
    for (message, names) in by_kind(refusals) {
        let first: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
        let more = if names.len() > first.len() {
            " 等"
        } else {
            ""
        };
        out.push_str(&format!(
            "\n  {} 人：{message}（{}{more}）",
            names.len(),
            first.join("、")
        ));
    }
    out
}

/// Refusals grouped by their message, most frequent first: (message, names).
pub fn by_kind(refusals: &[Refusal]) -> Vec<(String, Vec<String>)> {
    let mut kinds: Vec<(String, Vec<String>)> = Vec::new();
    for r in refusals {
        match kinds.iter_mut().find(|(m, _)| *m == r.message) {
            Some((_, names)) => names.push(r.name.clone()),
            None => kinds.push((r.message.clone(), vec![r.name.clone()])),
        }
    }
    kinds.sort_by_key(|k| std::cmp::Reverse(k.1.len()));
    kinds
}

/// The whole list of refusals as CSV (UTF-8 with BOM, as Excel opens it): 团员编号, 姓名, 原因.
pub fn refusals_csv(refusals: &[Refusal]) -> Vec<u8> {
    let mut rows = vec![vec!["团员编号".to_string(), "姓名".into(), "原因".into()]];
    rows.extend(
        refusals
            .iter()
            .map(|r| vec![r.member_id.to_string(), r.name.clone(), r.message.clone()]),
    );
    crate::files::csv_bytes(&rows)
}

/// The engine's answer for a stored member on `on`: on the recorded destination of `year`,
/// or, with none recorded, on an unknown one — the blocks (R12, M6, M7) are the member's own
/// and do not depend on it.
pub fn recommendation(
    ctx: &Context,
    member_id: i64,
    year: i32,
    on: NaiveDate,
) -> Result<Recommendation> {
    let m = ctx.member(member_id)?;
    let dest = ctx
        .store()
        .destination(member_id, year)?
        .unwrap_or_else(|| Destination::of_kind(DestinationKind::None));
    let school = ctx.store().school_kind()?;
    Ok(engine::recommend(&crate::store::facts(
        &m, &dest, school, on,
    )))
}

/// Why the engine refuses to start a transfer for `rec`, naming the rule, if it does.
pub fn block_reason(rec: &Recommendation) -> Option<String> {
    if !rec.blocked {
        return None;
    }
    let list: Vec<String> = rec
        .blocks
        .iter()
        .map(|b| {
            format!(
                "{}（依据“{}”，规则 {}）",
                b.text,
                b.rule.title(),
                b.rule.as_str()
            )
        })
        .collect();
    Some(format!("暂不能转接：{}", list.join("；")))
}

/// W1: opens (and, unless planned, starts) transfers, all or nothing.
pub fn start(ctx: &mut Context, req: &StartRequest) -> Result<Outcome> {
    if req.members.is_empty() {
        return Err(Error::invalid("请先选择团员"));
    }
    let actor = req
        .actor
        .clone()
        .unwrap_or_else(|| ctx.operator().to_string());
    // A planned transfer (W3 "planned") is started in 智慧团建 later: with nothing new to
    // choose, starting it records that step.
    if req.reason.is_none()
        && req.destination.is_none()
        && !req.planned
        && all_planned(ctx, &req.members)?
    {
        let mut ev = Event::new(req.on, EventKind::Start, actor);
        ev.note = req.note.clone();
        return record(ctx, &req.members, ev);
    }
    let mut drafts = Vec::with_capacity(req.members.len());
    let mut refusals = Vec::new();
    for &id in &req.members {
        let Some(m) = ctx.store().member(id)? else {
            refusals.push(Refusal {
                member_id: id,
                name: format!("团员 {id}"),
                message: "找不到该团员（可能已删除）".into(),
            });
            continue;
        };
        let refuse = |message: String| Refusal {
            member_id: id,
            name: m.name.clone(),
            message,
        };
        let rec = recommendation(ctx, id, req.year, req.on)?;
        if let Some(why) = block_reason(&rec) {
            refusals.push(refuse(why));
            continue;
        }
        let Some(reason) = req.reason.or(rec.reason) else {
            refusals.push(refuse(
                "没有可用的转接原因：请先录入毕业去向，或指定转接原因".into(),
            ));
            continue;
        };
        let recorded = ctx
            .store()
            .destination(id, req.year)?
            .and_then(|d| d.details)
            .and_then(|d| d.target_org);
        let destination = req
            .destination
            .clone()
            .filter(|d| !d.trim().is_empty())
            .or(recorded)
            .map(|d| crate::text::keep(&d));
        // R8 (special units) chooses no org; every other reason needs one.
        let destination = match destination {
            Some(d) => d,
            None if reason == Reason::R8 => String::new(),
            None => {
                refusals.push(refuse("未填写转入组织全称（毕业去向中也没有记录）".into()));
                continue;
            }
        };
        let region_jym = matches!(&req.region, Some(Region::Province(p)) if crate::destination::jing_yue_min(p).is_some());
        drafts.push(TransferDraft {
            member_id: id,
            year: req.year,
            initiator: req.initiator,
            reason,
            destination,
            region: req.region.clone(),
            jing_yue_min: req.jing_yue_min || region_jym || rec.jing_yue_min.is_some(),
            into_committee: req.into_committee,
            own_unit: None,
        });
    }
    if !refusals.is_empty() {
        return Ok(Outcome::Refused(refusals));
    }
    let start = (!req.planned).then(|| {
        let mut ev = Event::new(req.on, EventKind::Start, actor);
        ev.note = req.note.clone();
        ev
    });
    let op = ctx.operator().to_string();
    // Either door's batch is preceded by a snapshot (ARCHITECTURE.md).
    ctx.store().snapshot_before_batch(drafts.len())?;
    let done = operations::open_many_checked(ctx.store_mut(), drafts, start, &op)?;
    finish(ctx, done)
}

fn all_planned(ctx: &Context, members: &[i64]) -> Result<bool> {
    for &m in members {
        let h = ctx.store().transfer_history(m)?;
        if h.latest(m).map(Transfer::state) != Some(crate::transfer::State::Planned) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A step (approve, allocate, return, revoke, done, or the start of a planned transfer) for
/// one or many graduates, all or nothing.
pub fn record(ctx: &mut Context, members: &[i64], ev: Event) -> Result<Outcome> {
    if members.is_empty() {
        return Err(Error::invalid("请先选择团员"));
    }
    let op = ctx.operator().to_string();
    ctx.store().snapshot_before_batch(members.len())?;
    let done = operations::record_batch_checked(ctx.store_mut(), members, &ev, &op)?;
    finish(ctx, done)
}

/// An event on `on` by `actor` (default: the operator).
/// Corrects the 转入组织 of a member's latest transfer (to what 智慧团建 shows), audited.
pub fn correct_destination(
    ctx: &mut Context,
    member_id: i64,
    destination: &str,
) -> Result<Transfer> {
    let op = ctx.operator().to_string();
    crate::store::transfers::correct_destination(ctx.store_mut(), member_id, destination, &op)
}

pub fn event(ctx: &Context, on: NaiveDate, kind: EventKind, actor: Option<String>) -> Event {
    Event::new(
        on,
        kind,
        actor.unwrap_or_else(|| ctx.operator().to_string()),
    )
}

fn finish(
    ctx: &Context,
    done: std::result::Result<Vec<Transfer>, BatchFailure>,
) -> Result<Outcome> {
    match done {
        Ok(v) => Ok(Outcome::Done(v)),
        Err(f) => {
            let mut out = Vec::with_capacity(f.errors.len());
            for e in f.errors {
                let name = ctx
                    .store()
                    .member(e.member_id)?
                    .map_or_else(|| format!("团员 {}", e.member_id), |m| m.name);
                out.push(Refusal {
                    member_id: e.member_id,
                    name,
                    message: e.message,
                });
            }
            Ok(Outcome::Refused(out))
        }
    }
}
