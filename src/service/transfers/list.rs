//! 转接: the cohort's transfers by state with their next W4 deadline (the reminder, auto-pass
//! and termination days are the year's settings, W5a), and whether it is overdue or soon —
//! the one place both the window and `xianjie transfer list` read them from.

use crate::destination::Reason;
use crate::service::view::Choice;
use crate::service::Context;
use crate::transfer::{self, Initiator, NodeKind, State};
use crate::Result;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Days before a deadline that count as "soon" (orange): both the 转接 rows and the due list.
pub const SOON_DAYS: i64 = 3;

/// One step of a transfer's timeline (W3a).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StepView {
    pub on: String,
    pub label: String,
    pub actor: String,
}

/// One graduate's line of the 转接 page: the latest transfer of the year, or none yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TransferRow {
    pub member_id: i64,
    pub name: String,
    pub branch: String,
    /// W3 state as of the date, W4's automatic moves included; `planned`/未发起 when none.
    pub state: Choice,
    pub has_transfer: bool,
    /// Under way (W1: planned, pending, awaiting an allocation): a step can be recorded.
    pub under_way: bool,
    /// 发起 is offered: never started, or the last request ended without success (W3, W4).
    pub may_start: bool,
    /// The transfer's reason, else the engine's recommendation (null when none applies).
    pub reason: Option<Choice>,
    pub destination: Option<String>,
    pub started_on: Option<String>,
    /// The node waiting for approval (null when none, or waiting for an allocation).
    pub node: Option<Choice>,
    /// Waiting for the receiving committee to allocate a branch (W2).
    pub awaiting_allocation: bool,
    pub waiting_days: Option<i64>,
    /// The next W4 date: reminder, auto-pass or termination, whichever comes first from today.
    pub deadline: Option<String>,
    pub deadline_label: Option<String>,
    pub days_left: Option<i64>,
    /// `overdue` (red), `soon` (orange) or `none`.
    pub urgency: String,
    /// R11: cannot be revoked.
    pub jing_yue_min: bool,
    /// Why a start would be refused now (the engine's block, R12), naming the rule; null when
    /// it may be started. The window disables 发起 with this as its reason.
    pub start_blocked: Option<String>,
    pub steps: Vec<StepView>,
}

/// The 转接 page: every graduate of the cohort with the year's transfers, as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// A deadline this many days away or fewer is "soon".
    pub soon_days: i64,
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

/// `overdue` (red), `soon` (orange) or `none`: one rule for every deadline shown.
pub fn urgency(days_left: Option<i64>, overdue: bool) -> String {
    match days_left {
        _ if overdue => "overdue",
        Some(d) if d < 0 => "overdue",
        Some(d) if d <= SOON_DAYS => "soon",
        _ => "none",
    }
    .into()
}

/// The next W4 date of a waiting transfer and what happens then: the reminder first, then
/// auto-pass or termination (the year's day counts, W5a).
pub(crate) fn next_deadline(
    w: &transfer::deadline::Waiting,
    s: &transfer::CampaignSettings,
) -> Option<(NaiveDate, String)> {
    match &w.deadline {
        Some(d) if !w.reminder => Some((d.reminder_from, format!("超过{}天提醒", s.reminder_days))),
        Some(d) => d
            .terminate_on
            .map(|x| (x, format!("超过{}天自动终止", s.terminate_days)))
            .or(d
                .auto_pass_on
                .map(|x| (x, format!("超过{}天默认通过", s.auto_pass_days)))),
        None => None,
    }
}

/// Fills `row` from transfer `t` as of `on`: state (W4's automatic moves included), steps,
/// the waiting node and its next deadline — one rule for the graduates' rows and the new
/// students' transfers in.
pub(crate) fn fill(
    row: &mut TransferRow,
    t: &transfer::Transfer,
    on: NaiveDate,
    s: &transfer::CampaignSettings,
) {
    let p = transfer::project(t, on, s);
    row.has_transfer = true;
    row.state = Choice::new(p.status.state.code(), p.status.state.label());
    row.under_way = p.status.state.is_active();
    row.may_start = p.status.state.is_failed();
    row.reason = Some(Choice::new(t.reason.code(), t.reason.label()));
    row.destination = Some(t.destination.clone());
    row.started_on = t.started_on().map(|d| d.to_string());
    row.jing_yue_min = t.jing_yue_min;
    row.steps = steps(t, &p);
    if let Some(w) = &p.waiting {
        row.node = w.node.map(|n| Choice::new(n.code(), n.label()));
        row.awaiting_allocation = w.node.is_none();
        row.waiting_days = Some(w.days);
        if let Some((d, label)) = next_deadline(w, s) {
            row.deadline = Some(d.to_string());
            row.deadline_label = Some(label);
            row.days_left = Some((d - on).num_days());
        }
        row.urgency = urgency(row.days_left, w.reminder);
    }
}

/// Cohort `year`'s graduates and their transfers on `on`.
pub fn list(ctx: &mut Context, year: i32, on: NaiveDate) -> Result<TransferList> {
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
            under_way: false,
            may_start: true,
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
            start_blocked: g.recommendation.as_ref().and_then(super::block_reason),
            steps: Vec::new(),
        };
        if let Some(t) = ledger.latest(g.member.id) {
            fill(&mut row, t, on, &s);
        }
        rows.push(row);
    }
    Ok(TransferList {
        year,
        on: on.to_string(),
        rows,
        states: crate::choices!(State),
        nodes: crate::choices!(NodeKind),
        reasons: crate::choices!(Reason),
        initiators: crate::choices!(Initiator),
        soon_days: SOON_DAYS,
    })
}
