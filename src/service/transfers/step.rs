//! A step recorded for one or many graduates — start, approve, allocate, return, revoke, done —
//! as both doors send it: codes or Chinese labels, a date or today, the person who acted or the
//! operator. All or nothing; what is refused, and why, is decided here (and in the store's
//! checked batch), the same for the window's buttons and `xianjie transfer …`.

use super::{event, start, Outcome, StartRequest};
use crate::destination::{Reason, SystemCommittee};
use crate::service::orgs::parse_coded;
use crate::service::view::count;
use crate::service::Context;
use crate::transfer::{EventKind, Initiator, NodeKind, Region, Transfer};
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A step for one or many graduates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum StepInput {
    /// W1: opens and submits a transfer; reason and destination default to each graduate's
    /// recommendation and recorded 转入组织.
    Start {
        /// 发起方 (code or label).
        initiator: String,
        /// 转接原因: R1–R8, its label or the label's start (升学, 未就业…).
        reason: Option<String>,
        destination: Option<String>,
        /// W2: the receiver is a committee, which allocates a branch.
        into_committee: bool,
        /// 转入组织所在省份 (R11 from it).
        #[serde(default)]
        province: Option<String>,
        /// 转入组织所属系统团委 (code or label).
        #[serde(default)]
        system: Option<String>,
        /// R11 said by the office.
        #[serde(default)]
        jing_yue_min: bool,
        /// Only planned, not yet started in 智慧团建.
        #[serde(default)]
        planned: bool,
    },
    /// W2: approves a node; null: the node every chosen graduate waits at (they must wait at
    /// the same one — else the node must be named).
    Approve {
        node: Option<String>,
    },
    Allocate {
        branch: String,
    },
    Return {
        reason: String,
    },
    Revoke,
    Done,
}

/// Who and when, besides the step itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StepRequest {
    /// The cohort (for a start).
    pub year: i32,
    pub members: Vec<i64>,
    pub input: StepInput,
    /// The day it happened in 智慧团建 (`YYYY-MM-DD`); null: today.
    #[serde(default)]
    pub on: Option<String>,
    /// The person who acted in 智慧团建; null: the operator.
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One graduate's refusal in a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MemberErrorView {
    pub member_id: i64,
    pub name: String,
    pub message: String,
}

/// What a step did: either every graduate's transfer changed, or none did and `errors` says
/// why for each refused graduate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StepOutcome {
    pub done: u32,
    pub errors: Vec<MemberErrorView>,
}

impl From<Outcome> for StepOutcome {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Done(v) => StepOutcome {
                done: count(v.len()),
                errors: Vec::new(),
            },
            Outcome::Refused(r) => StepOutcome {
                done: 0,
                errors: r
                    .into_iter()
                    .map(|r| MemberErrorView {
                        member_id: r.member_id,
                        name: r.name,
                        message: r.message,
                    })
                    .collect(),
            },
        }
    }
}

/// 转接原因 as the office writes it: R1–R8, its label, or the label's start (升学, 未就业).
pub fn parse_reason(s: &str) -> Result<Reason> {
    let t = crate::text::clean(s);
    let short = Reason::ALL
        .iter()
        .copied()
        .find(|r| r.label().starts_with(t.as_str()) && !t.is_empty());
    Reason::from_code(&t.to_uppercase())
        .or_else(|| Reason::from_label(&t))
        .or(short)
        .ok_or_else(|| {
            Error::invalid(format!(
                "转接原因“{s}”无法识别，应为 R1–R8 或转接原因名称（如 升学、未就业）"
            ))
        })
}

/// The node a batch approval applies to when none is named: the one every graduate waits at
/// on `on` (after W4's automatic passes); graduates waiting at different nodes, or at none,
/// are refused (W2).
fn common_node(ctx: &Context, members: &[i64], on: NaiveDate) -> Result<NodeKind> {
    let mut nodes = Vec::with_capacity(members.len());
    for &m in members {
        let ledger = ctx.store().transfer_history(m)?;
        let t = ledger
            .latest(m)
            .ok_or_else(|| Error::not_found(format!("团员 {m} 没有转接记录")))?;
        let s = ctx.store().campaign_settings(t.year)?;
        let mut c = t.clone();
        c.catch_up(on, &s);
        let node = c.pending_node(&c.status()).ok_or_else(|| {
            Error::refused(format!(
                "团员 {m} 的转接当前{}，没有待审批的节点（W2）",
                c.state().label()
            ))
        })?;
        nodes.push(node);
    }
    match nodes.split_first() {
        Some((first, rest)) if rest.iter().all(|n| n == first) => Ok(*first),
        Some(_) => Err(Error::invalid(
            "所选团员的待审批节点不同，请分别审批，或指明审批节点（W2）",
        )),
        None => Err(Error::invalid("请先选择团员")),
    }
}

fn blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Records `req` (all or nothing) and returns the transfers it changed, or every refusal.
pub fn transfers(ctx: &mut Context, req: &StepRequest) -> Result<Outcome> {
    let on = match blank(&req.on) {
        Some(d) => crate::date::parse_date_lenient(d)
            .map_err(|e| Error::invalid(format!("操作日期：{e}")))?,
        None => ctx.today(),
    };
    let kind = match &req.input {
        StepInput::Start {
            initiator,
            reason,
            destination,
            into_committee,
            province,
            system,
            jing_yue_min,
            planned,
        } => {
            let initiator = parse_coded(
                initiator,
                "发起方",
                Initiator::from_code,
                Initiator::from_label,
                Initiator::codes,
            )?;
            let region = match (blank(province), blank(system)) {
                (Some(p), _) => Some(Region::Province(crate::text::keep(p))),
                (None, Some(s)) => Some(Region::System(parse_coded(
                    s,
                    "系统团委",
                    SystemCommittee::from_code,
                    SystemCommittee::from_label,
                    SystemCommittee::codes,
                )?)),
                _ => None,
            };
            let start_req = StartRequest {
                year: req.year,
                members: req.members.clone(),
                on,
                initiator,
                reason: blank(reason).map(parse_reason).transpose()?,
                destination: blank(destination).map(str::to_string),
                region,
                jing_yue_min: *jing_yue_min,
                into_committee: *into_committee,
                planned: *planned,
                actor: req.actor.clone(),
                note: req.note.clone(),
            };
            return start(ctx, &start_req);
        }
        StepInput::Approve { node } => EventKind::Approve {
            node: match blank(node) {
                Some(n) => parse_coded(
                    n,
                    "审批节点",
                    NodeKind::from_code,
                    NodeKind::from_label,
                    NodeKind::codes,
                )?,
                None => common_node(ctx, &req.members, on)?,
            },
        },
        StepInput::Allocate { branch } => EventKind::Allocate {
            branch: crate::text::keep(branch),
        },
        StepInput::Return { reason } => EventKind::Return {
            reason: crate::text::keep(reason),
        },
        StepInput::Revoke => EventKind::Revoke,
        StepInput::Done => EventKind::Done,
    };
    let mut ev = event(ctx, on, kind, req.actor.clone());
    ev.note = req.note.clone();
    super::record(ctx, &req.members, ev)
}

/// [`transfers`] as the window reports it: a refusal of the batch comes back as `errors`,
/// not as a failed call, so each refused graduate is listed.
pub fn step(ctx: &mut Context, req: &StepRequest) -> Result<StepOutcome> {
    Ok(transfers(ctx, req)?.into())
}

/// A member's transfers, oldest first (`xianjie transfer show`).
pub fn history(ctx: &Context, member_id: i64) -> Result<Vec<Transfer>> {
    crate::store::transfers::history(ctx.store(), member_id)
}

/// 导出: a refused batch's whole list (姓名, 团员编号, 原因) as .xlsx at `out`; the path.
pub fn export_refusals(out: &str, errors: &[MemberErrorView]) -> Result<String> {
    use crate::documents::tables::{self, Cell, HeaderCell, Table};
    let table = Table {
        sheet_name: "未执行名单".into(),
        title: Some(format!("批量操作未执行：{} 名团员不符合条件", errors.len())),
        notes: None,
        header: ["姓名", "团员编号", "原因"]
            .into_iter()
            .map(HeaderCell::plain)
            .collect(),
        rows: errors
            .iter()
            .map(|e| {
                vec![
                    Cell::from(e.name.as_str()),
                    Cell::from(e.member_id.to_string().as_str()),
                    Cell::from(e.message.as_str()),
                ]
            })
            .collect(),
        drop_downs: Vec::new(),
        required: Vec::new(),
        empty_note: tables::empty_note(""),
        landscape: true,
    };
    crate::files::write_output(std::path::Path::new(out), &table.to_xlsx()?)?;
    Ok(out.to_string())
}
