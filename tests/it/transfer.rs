//! Integration tests of the transfer area: the state machine (W2–W3a), deadlines (W4), the
//! calendar (W5–W7), the rates (§6) and batches.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use std::collections::HashMap;
use xianjie::destination::Reason;
use xianjie::engine::Metric;
use xianjie::store::transfers as operations;
use xianjie::transfer::*;
use xianjie::ErrorCode;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn settings() -> CampaignSettings {
    CampaignSettings::defaults(2026)
}

fn draft(member_id: i64, initiator: Initiator, reason: Reason, committee: bool) -> TransferDraft {
    TransferDraft {
        member_id,
        year: 2026,
        initiator,
        reason,
        destination: "某市某区某街道学社衔接临时团支部".into(),
        region: Some(Region::Province("湖北".into())),
        jing_yue_min: false,
        into_committee: committee,
        own_unit: None,
    }
}

fn ev(on: NaiveDate, kind: EventKind) -> Event {
    Event::new(on, kind, "测试管理员")
}

fn approve(node: NodeKind) -> EventKind {
    EventKind::Approve { node }
}

// ---------- W2: approval nodes ----------

#[test]
fn approval_nodes_follow_w2() {
    use NodeKind::*;
    assert_eq!(
        approval_nodes(Initiator::Member, Reason::R2, false),
        vec![OutgoingBranch, OutgoingUpper, IncomingBranch, IncomingUpper]
    );
    assert_eq!(
        approval_nodes(Initiator::Member, Reason::R2, true),
        vec![OutgoingBranch, OutgoingUpper, IncomingCommittee]
    );
    assert_eq!(
        approval_nodes(Initiator::Outgoing, Reason::R7, false),
        vec![IncomingBranch, IncomingUpper]
    );
    assert_eq!(
        approval_nodes(Initiator::Incoming, Reason::R1, false),
        vec![OutgoingBranch, OutgoingUpper]
    );
    assert_eq!(
        approval_nodes(Initiator::Outgoing, Reason::R8, false),
        vec![Province]
    );
}

// ---------- W3: every legal and illegal move ----------

#[test]
fn full_path_into_committee_needs_allocation() {
    // W2: approved by every node, still not done until a branch is allocated.
    let s = settings();
    let mut t = Transfer::plan(draft(1, Initiator::Member, Reason::R2, true));
    t.apply(ev(d(6, 1), EventKind::Start), &s).unwrap();
    for n in t.nodes().to_vec() {
        t.apply(ev(d(6, 2), approve(n)), &s).unwrap();
    }
    assert_eq!(t.state(), State::AwaitingAllocation);
    // W4: allocation never auto-passes, whatever the date.
    let p = project(&t, d(12, 1), &s);
    assert_eq!(p.status.state, State::AwaitingAllocation);
    t.apply(
        ev(
            d(6, 3),
            EventKind::Allocate {
                branch: "某公司团委第一团支部".into(),
            },
        ),
        &s,
    )
    .unwrap();
    assert_eq!(t.state(), State::Done);
    assert_eq!(t.events().len(), 5, "W3a: one record per step");
}

#[test]
fn jing_yue_min_never_revocable_and_dates_never_go_back() {
    let s = settings();
    let mut dr = draft(1, Initiator::Member, Reason::R2, false);
    dr.jing_yue_min = true;
    let mut t = Transfer::plan(dr);
    t.apply(ev(d(6, 1), EventKind::Start), &s).unwrap();
    let e = t.apply(ev(d(6, 2), EventKind::Revoke), &s).unwrap_err();
    assert!(e.message.contains("R11"), "{}", e.message);
    let e = t
        .apply(ev(d(5, 30), approve(NodeKind::OutgoingBranch)), &s)
        .unwrap_err();
    assert!(e.message.contains("W3a"), "{}", e.message);
}

#[test]
fn one_active_transfer_per_member_and_resubmission_is_marked() {
    let s = settings();
    let mut l = Ledger::new();
    l.open(draft(5, Initiator::Outgoing, Reason::R7, false))
        .unwrap();
    let e = l
        .open(draft(5, Initiator::Outgoing, Reason::R7, false))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(e.message.contains("已有业务正在办理"), "{}", e.message);
    l.apply(5, ev(d(6, 1), EventKind::Start), &s).unwrap();
    l.apply(
        5,
        ev(
            d(6, 3),
            EventKind::Return {
                reason: "地址不全".into(),
            },
        ),
        &s,
    )
    .unwrap();
    let t = l
        .open(draft(5, Initiator::Outgoing, Reason::R7, false))
        .unwrap();
    assert!(t.resubmission);
    assert_eq!(l.history(5).count(), 2, "ended transfers stay in history");
    assert_eq!(l.history(5).next().unwrap().state(), State::Returned);
}

// ---------- W4: deadlines on both sides of the marks ----------

fn started(on: NaiveDate) -> Transfer {
    let mut t = Transfer::plan(draft(1, Initiator::Outgoing, Reason::R7, false));
    t.apply(ev(on, EventKind::Start), &settings()).unwrap();
    t
}

#[test]
fn reminder_after_ten_days_pass_at_fifteen() {
    let s = settings();
    let t = started(d(6, 1));
    let w = |on| project(&t, on, &s).waiting.unwrap();
    assert!(!w(d(6, 11)).reminder, "10 days: not yet");
    assert!(w(d(6, 12)).reminder, "11 days: reminder");
    assert_eq!(project(&t, d(6, 15), &s).status.node_index, 0);
    let p = project(&t, d(6, 16), &s);
    assert_eq!(p.status.node_index, 1, "15 days: the node counts as passed");
    assert_eq!(p.implied.len(), 1);
    // Both nodes pass by themselves: done without anyone acting.
    assert_eq!(project(&t, d(7, 1), &s).status.state, State::Done);
}

#[test]
fn closing_period_terminates_after_ten_days() {
    let s = settings();
    // Before 09-30: the 15-day pass applies.
    let early = started(d(9, 15));
    assert_eq!(project(&early, d(9, 30), &s).status.node_index, 1);
    // Waiting since 09-16: on 10-01 (after 09-30, over 10 days) it is terminated.
    let t = started(d(9, 16));
    assert_eq!(project(&t, d(9, 30), &s).status.state, State::Pending);
    assert_eq!(
        project(&t, d(10, 1), &s).status.state,
        State::AutoTerminated
    );
    // Waiting since 09-25: 10 days on 10-05 is still pending, 10-06 terminated.
    let t = started(d(9, 25));
    assert_eq!(project(&t, d(10, 5), &s).status.state, State::Pending);
    assert_eq!(
        project(&t, d(10, 6), &s).status.state,
        State::AutoTerminated
    );
}

#[test]
fn a_late_entry_applies_to_the_node_actually_waiting() {
    // W4: the first node passed by itself on 06-16; an approval entered on 06-20 is the next
    // node's, and the auto-pass is recorded in the timeline first.
    let s = settings();
    let mut l = Ledger::new();
    l.open(draft(1, Initiator::Outgoing, Reason::R7, false))
        .unwrap();
    l.apply(1, ev(d(6, 1), EventKind::Start), &s).unwrap();
    let st = l
        .apply(1, ev(d(6, 20), approve(NodeKind::IncomingUpper)), &s)
        .unwrap();
    assert_eq!(st.state, State::Done);
    let kinds: Vec<_> = l
        .latest(1)
        .unwrap()
        .events()
        .iter()
        .map(|e| e.kind.code())
        .collect();
    assert_eq!(kinds, ["start", "auto_pass", "approve"]);
}

#[test]
fn settings_change_the_marks() {
    // W5a: a province that returns after 10 days instead of passing.
    let mut s = settings();
    s.auto_pass_days = 30;
    s.closing_after = d(6, 30);
    let t = started(d(6, 1));
    assert_eq!(project(&t, d(7, 1), &s).status.state, State::AutoTerminated);
}

// ---------- W5–W7: the calendar and the due list ----------

#[test]
fn calendar_milestones_0725_and_1015() {
    let s = settings();
    let st = calendar::standing(&s, d(7, 20));
    let (m, days) = st.next.unwrap();
    assert_eq!((m.on, days), (d(7, 25), 5));
    let st = calendar::standing(&s, d(7, 26));
    assert_eq!(st.next.unwrap().0.on, d(8, 31));
    let st = calendar::standing(&s, d(10, 10));
    let (m, days) = st.next.unwrap();
    assert_eq!((m.on, days, m.label), (d(10, 15), 5, "升学转接基本完成"));
    assert!(st.periods.iter().any(|p| p.label.starts_with("收尾期")));
    assert!(calendar::standing(&s, d(10, 16)).next.is_none());
}

#[test]
fn due_list_names_what_is_due() {
    let s = settings();
    let mut grads = vec![
        Graduate::new(1, "甲", 1, 10),
        Graduate::new(2, "乙", 1, 10),
        Graduate::new(3, "丙", 1, 10),
        Graduate::new(4, "丁", 1, 10),
        Graduate::new(5, "戊", 1, 10),
    ];
    grads[1].metric = Some(Metric::Sx); // study: not in the 07-25 rule
    grads[2].retained_since = Some(d(7, 26));
    grads[3].army = true;
    let mut l = Ledger::new();
    l.open(draft(5, Initiator::Outgoing, Reason::R7, false))
        .unwrap();
    l.apply(5, ev(d(7, 1), EventKind::Start), &s).unwrap();
    let receipts = vec![ReceiptDue {
        member_id: 4,
        letter_no: "2026-001".into(),
        due_on: d(7, 10),
        received: false,
    }];
    let due = due_list(&grads, &l, &receipts, Unit::School, d(7, 12), &s);
    let kinds: Vec<_> = due.iter().map(|i| (i.member_id, i.kind)).collect();
    assert!(kinds.contains(&(1, DueKind::NoRequest)), "{kinds:?}");
    // Study (2) and army (4) are outside the 07-25 rule.
    assert!(!kinds
        .iter()
        .any(|k| k.0 == 2 || k.0 == 4 && k.1 == DueKind::NoRequest));
    assert!(kinds.contains(&(5, DueKind::Reminder)));
    assert!(kinds.contains(&(5, DueKind::AutoPass)));
    assert!(kinds.contains(&(4, DueKind::ReceiptOverdue)));
    // 07-25 passed: still listed, as overdue.
    let due = due_list(&grads, &l, &[], Unit::School, d(7, 26), &s);
    let late = due.iter().find(|i| i.member_id == 1).unwrap();
    assert!(
        late.days_left < 0 && late.text.contains("已超过"),
        "{}",
        late.text
    );
    // Retained from 07-26 (R7a): no longer asked to start a request.
    assert!(!due
        .iter()
        .any(|i| i.member_id == 3 && i.kind == DueKind::NoRequest));
    // Retained since 07-26: 6 months come near in January, 1 year the next July.
    let due = due_list(
        &grads,
        &l,
        &[],
        Unit::School,
        NaiveDate::from_ymd_opt(2027, 1, 10).unwrap(),
        &s,
    );
    assert!(due.iter().any(|i| i.member_id == 3
        && i.kind == DueKind::RetentionLimit
        && i.text.contains("6 个月")));
    assert!(due
        .iter()
        .any(|i| i.member_id == 3 && i.kind == DueKind::Contact));
}

#[test]
fn due_list_warns_of_termination_after_0930() {
    let s = settings();
    let grads = vec![Graduate::new(1, "甲", 1, 10)];
    let mut l = Ledger::new();
    l.open(draft(1, Initiator::Outgoing, Reason::R7, false))
        .unwrap();
    l.apply(1, ev(d(9, 28), EventKind::Start), &s).unwrap();
    let due = due_list(&grads, &l, &[], Unit::School, d(10, 2), &s);
    let risk = due
        .iter()
        .find(|i| i.kind == DueKind::TerminationRisk)
        .unwrap();
    assert_eq!(risk.due_on, d(10, 9));
}

// ---------- §6: rates, hand-computed ----------

fn own(college: i64, branch: i64, flowing: bool) -> Option<OwnUnit> {
    Some(OwnUnit {
        college_id: Some(college),
        branch_id: Some(branch),
        flowing,
    })
}

/// College 1: A R1 done, B R1 pending (started 07-15), C R2 started 06-25 done on 07-10, D retained, E no request,
/// F R7 returned, G deferred, H teacher, I into the own flowing branch (done); incoming J R1
/// done, K R1 returned.
fn example() -> (Vec<Graduate>, Ledger, HashMap<i64, String>) {
    let s = settings();
    let names = ["A", "B", "C", "D", "E", "F", "G", "H", "I"];
    let mut grads: Vec<Graduate> = names
        .iter()
        .enumerate()
        .map(|(i, n)| Graduate::new(i as i64 + 1, n, 1, 10))
        .collect();
    grads[3].retained_since = Some(d(7, 26));
    grads[6].marked = true;
    grads[7].marked = true;
    let mut l = Ledger::new();
    let mut go = |id: i64, reason: Reason, unit: Option<OwnUnit>, steps: Vec<Event>| {
        let mut dr = draft(id, Initiator::Outgoing, reason, false);
        dr.own_unit = unit;
        l.open(dr).unwrap();
        for e in steps {
            l.apply(id, e, &s).unwrap();
        }
    };
    let start = ev(d(6, 1), EventKind::Start);
    go(
        1,
        Reason::R1,
        None,
        vec![start.clone(), ev(d(6, 5), EventKind::Done)],
    );
    // Started 07-15: not yet auto-passed on 07-20 (W4 would pass it on 07-30).
    go(2, Reason::R1, None, vec![ev(d(7, 15), EventKind::Start)]);
    go(
        3,
        Reason::R2,
        None,
        vec![
            ev(d(6, 25), EventKind::Start),
            ev(d(7, 10), EventKind::Done),
        ],
    );
    go(
        6,
        Reason::R7,
        None,
        vec![
            start.clone(),
            ev(d(6, 3), EventKind::Return { reason: "x".into() }),
        ],
    );
    go(
        9,
        Reason::R7,
        own(1, 99, true),
        vec![start.clone(), ev(d(6, 2), EventKind::Done)],
    );
    go(
        20,
        Reason::R1,
        own(1, 10, false),
        vec![start.clone(), ev(d(6, 4), EventKind::Done)],
    );
    go(
        21,
        Reason::R1,
        own(1, 10, false),
        vec![
            start.clone(),
            ev(
                d(6, 4),
                EventKind::Return {
                    reason: "非本校录取".into(),
                },
            ),
        ],
    );
    let names = HashMap::from([(20, "J".to_string()), (21, "K".to_string())]);
    (grads, l, names)
}

#[test]
fn rates_hand_computed() {
    let s = settings();
    let (grads, l, names) = example();
    let r = rates(&grads, &l, &names, Unit::College(1), d(7, 20), &s);
    // SX: (A + J) / (A, B + J, K − K) = 2/3.
    assert_eq!((r.sx.numerator, r.sx.denominator), (2, 3));
    // XS: C / (C, D retained, E no request, F returned, I own flowing) = 1/5.
    assert_eq!((r.xs.numerator, r.xs.denominator), (1, 5));
    assert_eq!(r.xs.display(), "1/5（20.0%）");
    let who = |v: &[RateLine]| {
        v.iter()
            .map(|x| x.name.to_string())
            .collect::<Vec<_>>()
            .join("")
    };
    assert_eq!(who(&r.xs.graduates), "CDEFI");
    assert_eq!(who(&r.sx.done_in), "J");
    assert_eq!(who(&r.sx.returned_in), "K");
    assert_eq!(who(&r.outside), "GH");
    // As of 07-05 (before C was done): reproducible, C not yet counted.
    let r = rates(&grads, &l, &names, Unit::College(1), d(7, 5), &s);
    assert_eq!((r.xs.numerator, r.sx.numerator), (0, 2));
    // Another college receives nothing and has no graduates.
    let r = rates(&grads, &l, &names, Unit::College(2), d(7, 20), &s);
    assert_eq!(
        (r.sx.denominator, r.xs.denominator, r.sx.rate),
        (0, 0, None)
    );
}

// ---------- batches ----------

#[test]
fn batch_start_for_thirty() {
    let s = settings();
    let mut l = Ledger::new();
    let drafts = (1..=30)
        .map(|i| draft(i, Initiator::Outgoing, Reason::R7, false))
        .collect();
    batch::open_all(&mut l, drafts, Some(&ev(d(6, 1), EventKind::Start)), &s).unwrap();
    assert!(l.all().iter().all(|t| t.state() == State::Pending));
    // A second batch containing a member with an active transfer fails entirely.
    let drafts = vec![
        draft(31, Initiator::Outgoing, Reason::R7, false),
        draft(3, Initiator::Outgoing, Reason::R7, false),
    ];
    let e = batch::open_all(&mut l, drafts, None, &s).unwrap_err();
    assert_eq!(e.errors.len(), 1);
    assert_eq!(e.errors[0].member_id, 3);
    assert!(l.active(31).is_none());
}

mod cli;
mod moves;
mod policy;
mod random;
mod stored;
