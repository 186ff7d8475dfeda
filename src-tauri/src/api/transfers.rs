//! 转接: the cohort's transfers by state with their W4 deadlines, and the steps the office
//! records — single or for many graduates at once (all or nothing, every refusal listed with
//! its graduate). Calls `transfer::operations`; nothing here decides a rule.

use super::{ApiError, ApiResult, Choice};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use xianjie::destination::Reason;
use xianjie::service::transfers::Outcome;
use xianjie::service::{self, Context};
use xianjie::transfer::{self, EventKind, Initiator, NodeKind, State};
use xianjie::Error;

/// Days before a deadline that count as "soon" (orange).
pub const SOON_DAYS: i64 = 3;

/// One step of a transfer's timeline (W3a).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct StepView {
    pub on: String,
    pub label: String,
    pub actor: String,
}

/// One graduate's line of the 转接 page: the latest transfer of the year, or none yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct TransferRow {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    pub branch: String,
    /// W3 state as of the date, W4's automatic moves included; `planned`/未发起 when none.
    pub state: Choice,
    pub has_transfer: bool,
    /// The transfer's reason, else the engine's recommendation (null when none applies).
    pub reason: Option<Choice>,
    pub destination: Option<String>,
    pub started_on: Option<String>,
    /// The node waiting for approval (null when none, or waiting for an allocation).
    pub node: Option<Choice>,
    /// Waiting for the receiving committee to allocate a branch (W2).
    pub awaiting_allocation: bool,
    #[ts(type = "number | null")]
    pub waiting_days: Option<i64>,
    /// The next W4 date: reminder, auto-pass or termination, whichever comes first from today.
    pub deadline: Option<String>,
    pub deadline_label: Option<String>,
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    /// `overdue` (red), `soon` (orange) or `none`.
    pub urgency: String,
    /// R11: cannot be revoked.
    pub jing_yue_min: bool,
    pub steps: Vec<StepView>,
}

/// The 转接 page: every graduate of the cohort with the year's transfers, as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct TransferList {
    pub year: i32,
    pub on: String,
    pub rows: Vec<TransferRow>,
    /// The states with their labels, for the tabs.
    pub states: Vec<Choice>,
    /// The approval nodes, for 审批.
    pub nodes: Vec<Choice>,
    pub reasons: Vec<Choice>,
    pub initiators: Vec<Choice>,
}

fn steps(t: &transfer::Transfer, p: &transfer::Projection) -> Vec<StepView> {
    t.events()
        .iter()
        .chain(p.implied.iter())
        .map(|e| StepView {
            on: e.on.to_string(),
            label: e.kind.label(),
            actor: e.actor.clone(),
        })
        .collect()
}

fn urgency(days_left: Option<i64>, overdue: bool) -> String {
    match days_left {
        _ if overdue => "overdue",
        Some(d) if d < 0 => "overdue",
        Some(d) if d <= SOON_DAYS => "soon",
        _ => "none",
    }
    .into()
}

/// Cohort `year`'s graduates and their transfers on `on`.
pub fn list(ctx: &mut Context, year: i32, on: NaiveDate) -> ApiResult<TransferList> {
    let s = ctx.store().campaign_settings(year)?;
    let ledger = ctx.store().ledger_of_year(year)?;
    let graduates = ctx.graduates(year, on)?;
    let mut rows = Vec::new();
    for g in graduates.iter() {
        if g.member.marking.is_some() {
            continue; // M3: not part of this year's 学社衔接
        }
        let rec_reason = g.recommendation.as_ref().and_then(|r| r.reason);
        let mut row = TransferRow {
            member_id: g.member.id,
            name: g.member.name.clone(),
            branch: g.branch.full_name.clone(),
            state: Choice::new(State::Planned.code(), "未发起"),
            has_transfer: false,
            reason: rec_reason.map(|r| Choice::new(r.code(), r.label())),
            destination: g
                .member
                .destination
                .as_ref()
                .and_then(|d| d.details.as_ref())
                .and_then(|d| d.target_org.clone()),
            started_on: None,
            node: None,
            awaiting_allocation: false,
            waiting_days: None,
            deadline: None,
            deadline_label: None,
            days_left: None,
            urgency: "none".into(),
            jing_yue_min: false,
            steps: Vec::new(),
        };
        if let Some(t) = ledger.latest(g.member.id) {
            let p = transfer::project(t, on, &s);
            row.has_transfer = true;
            row.state = Choice::new(p.status.state.code(), p.status.state.label());
            row.reason = Some(Choice::new(t.reason.code(), t.reason.label()));
            row.destination = Some(t.destination.clone());
            row.started_on = t.started_on().map(|d| d.to_string());
            row.jing_yue_min = t.jing_yue_min;
            row.steps = steps(t, &p);
            if let Some(w) = &p.waiting {
                row.node = w.node.map(|n| Choice::new(n.code(), n.label()));
                row.awaiting_allocation = w.node.is_none();
                row.waiting_days = Some(w.days);
                // W4: the reminder first, then auto-pass or termination.
                let next = match &w.deadline {
                    Some(d) if !w.reminder => Some((d.reminder_from, "超过10天提醒")),
                    Some(d) => d
                        .terminate_on
                        .map(|x| (x, "超时自动终止"))
                        .or(d.auto_pass_on.map(|x| (x, "超时默认通过"))),
                    None => None,
                };
                if let Some((d, label)) = next {
                    row.deadline = Some(d.to_string());
                    row.deadline_label = Some(label.into());
                    row.days_left = Some((d - on).num_days());
                }
                row.urgency = urgency(row.days_left, w.reminder);
            }
        }
        rows.push(row);
    }
    Ok(TransferList {
        year,
        on: on.to_string(),
        rows,
        states: State::ALL
            .iter()
            .map(|s| Choice::new(s.code(), s.label()))
            .collect(),
        nodes: NodeKind::ALL
            .iter()
            .map(|n| Choice::new(n.code(), n.label()))
            .collect(),
        reasons: Reason::ALL
            .iter()
            .map(|r| Choice::new(r.code(), r.label()))
            .collect(),
        initiators: Initiator::ALL
            .iter()
            .map(|i| Choice::new(i.code(), i.label()))
            .collect(),
    })
}

/// A step for one or many graduates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum StepInput {
    /// W1: opens and submits a transfer; reason and destination default to each graduate's
    /// recommendation and recorded 转入组织.
    Start {
        initiator: String,
        reason: Option<String>,
        destination: Option<String>,
        into_committee: bool,
    },
    Approve {
        node: String,
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

/// One graduate's refusal in a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MemberErrorView {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    pub message: String,
}

/// What a step did: either every graduate's transfer changed, or none did and `errors` says
/// why for each refused graduate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct StepOutcome {
    pub done: u32,
    pub errors: Vec<MemberErrorView>,
}

fn bad_code(what: &str, v: &str) -> ApiError {
    Error::invalid(format!("{what}“{v}”无效")).into()
}

fn outcome(o: service::transfers::Outcome) -> StepOutcome {
    match o {
        Outcome::Done(v) => StepOutcome {
            done: u32::try_from(v.len()).unwrap_or(u32::MAX),
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

/// Records `input` for `members` on `on` (all or nothing). A refusal of the whole batch comes
/// back as `errors`, not as a failed call, so the window lists them per graduate. What is
/// refused, and why, is `service::transfers`' decision, the same for the command line.
pub fn step(
    ctx: &mut Context,
    year: i32,
    members: &[i64],
    input: &StepInput,
    on: NaiveDate,
) -> ApiResult<StepOutcome> {
    let kind = match input {
        StepInput::Start {
            initiator,
            reason,
            destination,
            into_committee,
        } => {
            let initiator =
                Initiator::from_code(initiator).ok_or_else(|| bad_code("发起方", initiator))?;
            let reason = match reason.as_deref().filter(|r| !r.is_empty()) {
                Some(r) => Some(Reason::from_code(r).ok_or_else(|| bad_code("转接原因", r))?),
                None => None,
            };
            let req = service::transfers::StartRequest {
                year,
                members: members.to_vec(),
                on,
                initiator,
                reason,
                destination: destination.clone().filter(|d| !d.trim().is_empty()),
                region: None,
                jing_yue_min: false,
                into_committee: *into_committee,
                planned: false,
                actor: None,
                note: None,
            };
            return Ok(outcome(service::transfers::start(ctx, &req)?));
        }
        StepInput::Approve { node } => EventKind::Approve {
            node: NodeKind::from_code(node).ok_or_else(|| bad_code("审批节点", node))?,
        },
        StepInput::Allocate { branch } => EventKind::Allocate {
            branch: branch.clone(),
        },
        StepInput::Return { reason } => EventKind::Return {
            reason: reason.clone(),
        },
        StepInput::Revoke => EventKind::Revoke,
        StepInput::Done => EventKind::Done,
    };
    let ev = service::transfers::event(ctx, on, kind, None);
    Ok(outcome(service::transfers::record(ctx, members, ev)?))
}
