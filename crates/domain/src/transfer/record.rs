//! The transfer record (W1–W3a): who, why, where to, and one event per step.
//!
//! The timeline of events is the record; the state is always derived from it (see
//! [`super::state`]), so "why is it stuck" is answered by the same data that decides the state.

use crate::destination::{Reason, SystemCommittee};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::labeled_enum! {
    /// W1: who started the transfer in 智慧团建.
    Initiator {
        Outgoing = "outgoing", "转出方";
        Incoming = "incoming", "转入方";
        Member = "member", "本人";
    }
}

crate::labeled_enum! {
    /// W2: an approval node, in the order 智慧团建 asks them.
    NodeKind {
        OutgoingBranch = "outgoing_branch", "转出团支部";
        OutgoingUpper = "outgoing_upper", "转出团支部的上级团组织";
        IncomingBranch = "incoming_branch", "转入团支部";
        IncomingUpper = "incoming_upper", "转入团支部的上级团组织";
        IncomingCommittee = "incoming_committee", "转入团委（团工委/团总支）";
        Province = "province", "省级团委（特殊单位专属库）";
    }
}

impl NodeKind {
    /// A node of the receiving side: its approval is the acceptance (no revocation after it).
    pub fn is_incoming(self) -> bool {
        !matches!(self, NodeKind::OutgoingBranch | NodeKind::OutgoingUpper)
    }
}

/// W2: the approval nodes of a transfer, in order. The side that started the request does not
/// approve it again; a request into a committee is approved by that committee and then needs an
/// allocation (not a node: it never auto-passes); R8 goes to the provincial committee.
pub fn approval_nodes(initiator: Initiator, reason: Reason, into_committee: bool) -> Vec<NodeKind> {
    let mut nodes = Vec::with_capacity(4);
    fill_approval_nodes(&mut nodes, initiator, reason, into_committee);
    nodes
}

/// [`approval_nodes`] into `nodes` (cleared first; no allocation when it has room).
pub fn fill_approval_nodes(
    nodes: &mut Vec<NodeKind>,
    initiator: Initiator,
    reason: Reason,
    into_committee: bool,
) {
    nodes.clear();
    if initiator != Initiator::Outgoing {
        nodes.extend([NodeKind::OutgoingBranch, NodeKind::OutgoingUpper]);
    }
    if initiator != Initiator::Incoming {
        if reason == Reason::R8 {
            nodes.push(NodeKind::Province);
        } else if into_committee {
            nodes.push(NodeKind::IncomingCommittee);
        } else {
            nodes.extend([NodeKind::IncomingBranch, NodeKind::IncomingUpper]);
        }
    }
}

/// Where the destination sits, for where to look in 智慧团建 (R2b, R11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "name", rename_all = "snake_case")]
pub enum Region {
    Province(String),
    System(SystemCommittee),
}

impl Region {
    pub fn label(&self) -> String {
        match self {
            Region::Province(p) => p.clone(),
            Region::System(s) => s.label().to_string(),
        }
    }
}

/// When the destination is one of this school's own orgs (an incoming transfer, or an internal
/// one into a flowing branch): the receiving unit, for the rates (§6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnUnit {
    pub college_id: Option<i64>,
    pub branch_id: Option<i64>,
    /// A flowing branch of the school or a college: not done for 学社衔接率 (003 #57).
    pub flowing: bool,
}

/// What the office enters to open a transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferDraft {
    pub member_id: i64,
    /// The cohort year the transfer belongs to.
    pub year: i32,
    pub initiator: Initiator,
    pub reason: Reason,
    /// 转入组织全称.
    pub destination: String,
    pub region: Option<Region>,
    /// R11: destination in 北京 (not 在京中直单位), 广东 or 福建.
    pub jing_yue_min: bool,
    /// W2: destination is a 团委/团工委/团总支, so a branch must be allocated.
    pub into_committee: bool,
    pub own_unit: Option<OwnUnit>,
}

/// W3a: one step of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// Submitted in 智慧团建.
    Start,
    Approve {
        node: NodeKind,
    },
    /// W4: 15 days without action count as approval.
    AutoPass {
        node: NodeKind,
    },
    /// W2: the receiving committee allocated a branch.
    Allocate {
        branch: String,
    },
    Revoke,
    /// 不同意, shows as 已终止.
    Return {
        reason: String,
    },
    /// W4: closing period, unapproved too long.
    AutoTerminate,
    /// 智慧团建 shows 已完成 (the office records it without every node).
    Done,
}

impl EventKind {
    pub fn label(&self) -> String {
        match self {
            EventKind::Start => "发起申请".into(),
            EventKind::Approve { node } => format!("{}审批同意", node.label()),
            EventKind::AutoPass { node } => format!("{}超时默认通过", node.label()),
            EventKind::Allocate { branch } => format!("分配团支部：{branch}"),
            EventKind::Revoke => "撤销申请".into(),
            EventKind::Return { reason } => format!("退回（不同意）：{reason}"),
            EventKind::AutoTerminate => "超时自动终止并退回".into(),
            EventKind::Done => "转接完成".into(),
        }
    }
    /// The code used in the database and JSON.
    pub fn code(&self) -> &'static str {
        match self {
            EventKind::Start => "start",
            EventKind::Approve { .. } => "approve",
            EventKind::AutoPass { .. } => "auto_pass",
            EventKind::Allocate { .. } => "allocate",
            EventKind::Revoke => "revoke",
            EventKind::Return { .. } => "return",
            EventKind::AutoTerminate => "auto_terminate",
            EventKind::Done => "done",
        }
    }
}

/// W3a: who acted, when, what, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub on: NaiveDate,
    pub kind: EventKind,
    /// Who acted (a person or org name; "系统" for W4 events).
    pub actor: String,
    pub note: Option<String>,
}

impl Event {
    pub fn new(on: NaiveDate, kind: EventKind, actor: impl Into<String>) -> Self {
        Self {
            on,
            kind,
            actor: actor.into(),
            note: None,
        }
    }
    /// A W4 event the system did by itself.
    pub fn system(on: NaiveDate, kind: EventKind) -> Self {
        Self::new(on, kind, "系统")
    }
}

/// One transfer: the header and its timeline. Events are only added through
/// [`Transfer::apply`], which refuses illegal moves, so the timeline is always legal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transfer {
    /// 0 until stored.
    pub id: i64,
    pub member_id: i64,
    pub year: i32,
    pub initiator: Initiator,
    pub reason: Reason,
    pub destination: String,
    pub region: Option<Region>,
    pub jing_yue_min: bool,
    pub into_committee: bool,
    pub own_unit: Option<OwnUnit>,
    /// W3a: started again after a return or an auto-termination.
    pub resubmission: bool,
    pub(super) nodes: Vec<NodeKind>,
    pub(super) events: Vec<Event>,
}

impl Transfer {
    /// A planned transfer (W3 "planned": not yet started in 智慧团建).
    pub fn plan(draft: TransferDraft) -> Self {
        let nodes = approval_nodes(draft.initiator, draft.reason, draft.into_committee);
        Self {
            id: 0,
            member_id: draft.member_id,
            year: draft.year,
            initiator: draft.initiator,
            reason: draft.reason,
            destination: draft.destination,
            region: draft.region,
            jing_yue_min: draft.jing_yue_min,
            into_committee: draft.into_committee,
            own_unit: draft.own_unit,
            resubmission: false,
            nodes,
            events: Vec::new(),
        }
    }
    pub fn nodes(&self) -> &[NodeKind] {
        &self.nodes
    }
    pub fn events(&self) -> &[Event] {
        &self.events
    }
    /// The date of the first step, if started.
    pub fn started_on(&self) -> Option<NaiveDate> {
        // W3: a started timeline always begins with its Start.
        self.events
            .first()
            .filter(|e| e.kind == EventKind::Start)
            .map(|e| e.on)
    }
    /// Into one of the school's flowing branches: never counts as done (003 #57).
    pub fn into_own_flowing(&self) -> bool {
        self.own_unit.as_ref().is_some_and(|u| u.flowing)
    }
}
