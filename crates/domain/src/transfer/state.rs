//! The transfer state machine (W2, W3, W3a): the one function deciding which step may follow
//! which, and the state derived by folding the timeline.
//!
//! Illegal moves are refused with a Chinese message citing the rule, never silently ignored.

use super::deadline;
use super::record::{Event, EventKind, NodeKind, Transfer};
use super::settings::CampaignSettings;
use crate::{Error, ErrorCode, Result};
use chrono::NaiveDate;
use serde::Serialize;

crate::labeled_enum! {
    /// W3: where a transfer stands.
    State {
        Planned = "planned", "未发起";
        Pending = "pending", "审批中";
        AwaitingAllocation = "awaiting_allocation", "待分配团支部";
        Done = "done", "已完成";
        Revoked = "revoked", "已撤销";
        Returned = "returned", "已终止（退回）";
        AutoTerminated = "auto_terminated", "已终止（超时自动终止）";
    }
}

impl State {
    /// Still in progress: blocks a new transfer for the member (W1).
    pub fn is_active(self) -> bool {
        matches!(
            self,
            State::Planned | State::Pending | State::AwaitingAllocation
        )
    }
    /// Ended without success: a new request must be started (W3, W4).
    pub fn is_failed(self) -> bool {
        matches!(
            self,
            State::Revoked | State::Returned | State::AutoTerminated
        )
    }
}

/// The state with what the deadlines and the UI need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub state: State,
    /// Index into the nodes of the node waiting for approval (when pending).
    pub node_index: usize,
    /// Since when the current node (or the allocation) waits.
    pub since: Option<NaiveDate>,
    /// How many nodes were approved or auto-passed.
    pub approvals: usize,
    /// The incoming side accepted (a node of that side approved or auto-passed).
    pub accepted: bool,
    pub last_on: Option<NaiveDate>,
}

impl Status {
    fn planned() -> Self {
        Self {
            state: State::Planned,
            node_index: 0,
            since: None,
            approvals: 0,
            accepted: false,
            last_on: None,
        }
    }
}

fn refused(rule: &str, text: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::Refused, format!("{text}（{rule}）"))
}

impl Transfer {
    /// The node waiting for approval, if any.
    pub fn pending_node(&self, st: &Status) -> Option<NodeKind> {
        (st.state == State::Pending)
            .then(|| self.nodes.get(st.node_index).copied())
            .flatten()
    }

    /// W3: the one transition function. `timing` checks the W4 events against the deadlines;
    /// replays of stored timelines pass it too, folds for display may skip it.
    pub fn step(
        &self,
        st: &Status,
        ev: &Event,
        timing: Option<&CampaignSettings>,
    ) -> Result<Status> {
        if let Some(last) = st.last_on {
            if ev.on < last {
                return Err(refused(
                    "W3a",
                    format!(
                        "“{}”的日期 {} 早于上一步的日期 {last}",
                        ev.kind.label(),
                        ev.on
                    ),
                ));
            }
        }
        let mut next = st.clone();
        next.last_on = Some(ev.on);
        let ended = |st: &Status| {
            refused(
                "W3",
                format!(
                    "该转接{}，不能再“{}”；如需继续请重新发起转接",
                    st.state.label(),
                    ev.kind.label()
                ),
            )
        };
        match st.state {
            State::Done | State::Revoked | State::Returned | State::AutoTerminated => {
                return Err(ended(st))
            }
            State::Planned => match &ev.kind {
                EventKind::Start => {
                    next.state = State::Pending;
                    next.node_index = 0;
                    next.since = Some(ev.on);
                }
                // Not yet in 智慧团建: dropping the plan is always possible.
                EventKind::Revoke => next.state = State::Revoked,
                _ => {
                    return Err(refused(
                        "W3",
                        format!("转接尚未发起，不能“{}”；请先登记发起申请", ev.kind.label()),
                    ))
                }
            },
            State::Pending => {
                let node = self.nodes.get(st.node_index).copied();
                match &ev.kind {
                    EventKind::Start => {
                        return Err(refused("W1", "该转接已发起，不能重复发起"));
                    }
                    EventKind::Approve { node: n } | EventKind::AutoPass { node: n } => {
                        let Some(cur) = node else {
                            return Err(Error::internal("审批节点缺失"));
                        };
                        if *n != cur {
                            return Err(refused(
                                "W2",
                                format!("当前待审批的节点是“{}”，不是“{}”", cur.label(), n.label()),
                            ));
                        }
                        if let (EventKind::AutoPass { .. }, Some(s), Some(since)) =
                            (&ev.kind, timing, st.since)
                        {
                            let d = deadline::node_deadline(since, s);
                            if d.auto_pass_on.is_none_or(|p| ev.on < p) {
                                return Err(refused(
                                    "W4",
                                    format!(
                                        "“{}”自 {since} 起未审批，{} 尚不能视为默认通过",
                                        cur.label(),
                                        ev.on
                                    ),
                                ));
                            }
                        }
                        next.approvals += 1;
                        next.accepted |= cur.is_incoming();
                        next.node_index += 1;
                        next.since = Some(ev.on);
                        if next.node_index >= self.nodes.len() {
                            next.state = if self.into_committee {
                                State::AwaitingAllocation
                            } else {
                                State::Done
                            };
                        }
                    }
                    EventKind::Allocate { .. } => {
                        return Err(refused("W2", "审批尚未全部完成，还不能分配团支部"))
                    }
                    EventKind::Revoke => {
                        if self.jing_yue_min {
                            return Err(refused("R11", "转入北京、广东、福建的转接申请不可撤销"));
                        }
                        if st.accepted {
                            return Err(refused(
                                "W3",
                                "转入方已审批接收，不能再撤销；可请审批方退回",
                            ));
                        }
                        // W5 (000 关键时间节点): in the application period the initiator may
                        // revoke at will; otherwise only before any approval (000 二.4). 004 #11
                        // reads "before the receiving branch approves" — the message says so.
                        let open_period = timing.is_none_or(|s| {
                            (s.application_from..=s.application_to).contains(&ev.on)
                        });
                        if st.approvals > 0 && !open_period {
                            return Err(refused(
                                "W3",
                                "申请期已过且已有节点审批通过，不能再撤销；可请审批方退回（另据 004 三、000 #13，接收团支部审核通过前可撤回：以智慧团建页面是否显示“撤销申请”为准）",
                            ));
                        }
                        next.state = State::Revoked;
                    }
                    EventKind::Return { reason } => {
                        if reason.trim().is_empty() {
                            return Err(Error::invalid("退回必须填写退回原因（W3）"));
                        }
                        next.state = State::Returned;
                    }
                    EventKind::AutoTerminate => {
                        if let (Some(s), Some(since)) = (timing, st.since) {
                            let d = deadline::node_deadline(since, s);
                            if d.terminate_on.is_none_or(|t| ev.on < t) {
                                return Err(refused(
                                    "W4",
                                    format!(
                                        "自 {since} 起未审批，{} 尚未满足 {} 之后超过 {} 天自动终止的条件",
                                        ev.on, s.closing_after, s.terminate_days
                                    ),
                                ));
                            }
                        }
                        next.state = State::AutoTerminated;
                    }
                    EventKind::Done => next.state = State::Done,
                }
            }
            State::AwaitingAllocation => match &ev.kind {
                EventKind::Allocate { branch } => {
                    if branch.trim().is_empty() {
                        return Err(Error::invalid("分配团支部必须填写团支部全称（W2）"));
                    }
                    next.state = State::Done;
                }
                EventKind::Done => next.state = State::Done,
                EventKind::AutoPass { .. } => {
                    return Err(refused(
                        "W4",
                        "分配团支部不会超时默认通过，须由转入组织自行操作",
                    ))
                }
                EventKind::Revoke => {
                    return Err(refused("W3", "转入方已接收，不能再撤销"));
                }
                _ => {
                    return Err(refused(
                        "W2",
                        format!(
                            "审批已全部通过，正等待分配团支部，不能“{}”",
                            ev.kind.label()
                        ),
                    ))
                }
            },
        }
        Ok(next)
    }

    /// The state after the whole timeline.
    pub fn status(&self) -> Status {
        self.fold(self.events.iter())
    }

    /// The state as recorded on `on` (events dated after it ignored), for "as of" reports.
    pub fn status_on(&self, on: NaiveDate) -> Status {
        self.fold(self.events.iter().take_while(|e| e.on <= on))
    }

    /// The state after the first `n` steps.
    pub fn status_after(&self, n: usize) -> Status {
        self.fold(self.events.iter().take(n))
    }

    fn fold<'a>(&self, events: impl Iterator<Item = &'a Event>) -> Status {
        let mut st = Status::planned();
        for ev in events {
            match self.step(&st, ev, None) {
                Ok(next) => st = next,
                Err(_) => break,
            }
        }
        st
    }

    pub fn state(&self) -> State {
        self.status().state
    }

    /// Adds a step if it is legal (W3); otherwise refuses and leaves the record unchanged.
    pub fn apply(&mut self, ev: Event, settings: &CampaignSettings) -> Result<Status> {
        let st = self.status();
        let next = self.step(&st, &ev, Some(settings))?;
        self.events.push(ev);
        Ok(next)
    }

    /// Rebuilds a stored transfer, checking every step again (a damaged database is refused).
    pub fn replay(
        mut header: Transfer,
        events: Vec<Event>,
        settings: &CampaignSettings,
    ) -> Result<Transfer> {
        header.restore(events, settings)?;
        Ok(header)
    }

    /// [`Transfer::replay`] in place (a cohort replays 50,000 of these).
    pub fn restore(&mut self, events: Vec<Event>, settings: &CampaignSettings) -> Result<()> {
        super::record::fill_approval_nodes(
            &mut self.nodes,
            self.initiator,
            self.reason,
            self.into_committee,
        );
        self.events.clear();
        let mut st = Status::planned();
        for ev in &events {
            st = self.step(&st, ev, Some(settings)).map_err(|e| {
                Error::new(
                    ErrorCode::Storage,
                    format!("转接记录 {} 的时间线无效：{}", self.id, e.message),
                )
            })?;
        }
        self.events = events;
        Ok(())
    }
}
