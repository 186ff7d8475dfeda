//! Property test: random event sequences never reach an invalid state, and the rates always
//! equal a recount from the records (W3, §6).

use super::*;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Open {
        reason: u8,
        initiator: u8,
        committee: bool,
        flowing: bool,
    },
    Start,
    ApproveCurrent,
    ApproveNode(u8),
    AutoPassCurrent,
    Allocate,
    Revoke,
    Return,
    AutoTerminate,
    Done,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..8, 0u8..3, any::<bool>(), any::<bool>()).prop_map(
            |(reason, initiator, committee, flowing)| Op::Open {
                reason,
                initiator,
                committee,
                flowing
            }
        ),
        Just(Op::Start),
        Just(Op::ApproveCurrent),
        (0u8..6).prop_map(Op::ApproveNode),
        Just(Op::AutoPassCurrent),
        Just(Op::Allocate),
        Just(Op::Revoke),
        Just(Op::Return),
        Just(Op::AutoTerminate),
        Just(Op::Done),
    ]
}

/// Members 1–6 are graduates (6 is deferred); 7–8 are other schools' members coming in.
const MEMBERS: i64 = 8;

fn graduates() -> Vec<Graduate> {
    let mut g: Vec<Graduate> = (1..=6)
        .map(|i| Graduate::new(i, &format!("团员{i}"), 1 + i % 2, 10 + i % 3))
        .collect();
    g[5].marked = true;
    g[4].metric = Some(Metric::Sx);
    g
}

fn recount(
    grads: &[Graduate],
    l: &Ledger,
    unit: Unit,
    on: NaiveDate,
    s: &CampaignSettings,
) -> [(usize, usize); 2] {
    let mut num = [0usize; 2];
    let mut den = [0i64; 2];
    let idx = |m: Metric| usize::from(m == Metric::Xs);
    let ours: Vec<i64> = grads
        .iter()
        .filter(|g| unit.has(g))
        .map(|g| g.member_id)
        .collect();
    for g in grads.iter().filter(|g| unit.has(g) && !g.marked) {
        let started: Vec<&Transfer> = l
            .history(g.member_id)
            .filter(|t| t.started_on().is_some_and(|x| x <= on))
            .collect();
        let t = started.last().copied();
        let m = t
            .or(l.history(g.member_id).last())
            .map(|t| Metric::of(t.reason))
            .or(g.metric)
            .unwrap_or(Metric::Xs);
        den[idx(m)] += 1;
        if let Some(t) = t {
            if !t.into_own_flowing() && project(t, on, s).status.state == State::Done {
                num[idx(m)] += 1;
            }
        }
    }
    for t in l.all() {
        let Some(u) = &t.own_unit else { continue };
        if ours.contains(&t.member_id) || !unit.contains(u.college_id, u.branch_id) {
            continue;
        }
        if t.started_on().is_none_or(|x| x > on) {
            continue;
        }
        let m = idx(Metric::of(t.reason));
        let st = project(t, on, s).status.state;
        if !st.is_failed() {
            den[m] += 1;
        }
        if st == State::Done && !u.flowing {
            num[m] += 1;
        }
    }
    [(num[0], den[0] as usize), (num[1], den[1] as usize)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn random_sequences_stay_valid(steps in prop::collection::vec((1i64..=MEMBERS, op(), 0u64..9), 1..60)) {
        let s = settings();
        let mut l = Ledger::new();
        let mut on = d(5, 1);
        for (member, op, days) in steps {
            on = on + chrono::Days::new(days);
            let current = l
                .latest(member)
                .and_then(|t| t.pending_node(&t.status()))
                .unwrap_or(NodeKind::OutgoingBranch);
            let kind = match op {
                Op::Open { reason, initiator, committee, flowing } => {
                    let mut dr = draft(member, Initiator::ALL[initiator as usize], Reason::ALL[reason as usize], committee);
                    if member > 6 || flowing {
                        dr.own_unit = own(1 + member % 2, 10 + member % 3, flowing && member <= 6);
                    }
                    let _ = l.open(dr);
                    continue;
                }
                Op::Start => EventKind::Start,
                Op::ApproveCurrent => approve(current),
                Op::ApproveNode(n) => approve(NodeKind::ALL[n as usize]),
                Op::AutoPassCurrent => EventKind::AutoPass { node: current },
                Op::Allocate => EventKind::Allocate { branch: "某团支部".into() },
                Op::Revoke => EventKind::Revoke,
                Op::Return => EventKind::Return { reason: "不符合".into() },
                Op::AutoTerminate => EventKind::AutoTerminate,
                Op::Done => EventKind::Done,
            };
            let _ = l.apply(member, ev(on, kind), &s);
        }
        for m in 1..=MEMBERS {
            let hist: Vec<&Transfer> = l.history(m).collect();
            let active = hist.iter().filter(|t| t.state().is_active()).count();
            prop_assert!(active <= 1, "W1: one active transfer");
            if active == 1 {
                prop_assert!(hist.last().unwrap().state().is_active(), "only the latest is active");
            }
            for t in hist {
                let st = t.status();
                let replayed = Transfer::replay(t.clone(), t.events().to_vec(), &s);
                prop_assert!(replayed.is_ok(), "legal timeline: {:?}", replayed.err());
                prop_assert!(st.approvals <= t.nodes().len());
                match st.state {
                    State::Pending => prop_assert!(st.node_index < t.nodes().len()),
                    State::AwaitingAllocation => {
                        prop_assert!(t.into_committee && st.node_index == t.nodes().len())
                    }
                    State::Planned => prop_assert!(t.events().is_empty()),
                    _ => prop_assert!(!t.events().is_empty()),
                }
                let p = project(t, on, &s);
                prop_assert!(p.status.state != State::Pending || p.status.node_index < t.nodes().len());
            }
        }
        let grads = graduates();
        for unit in [Unit::School, Unit::College(1), Unit::College(2), Unit::Branch(11)] {
            for when in [d(6, 1), d(7, 25), d(10, 1), on] {
                let r = rates(&grads, &l, &HashMap::new(), unit, when, &s);
                let [sx, xs] = recount(&grads, &l, unit, when, &s);
                prop_assert_eq!((r.sx.numerator, r.sx.denominator), sx);
                prop_assert_eq!((r.xs.numerator, r.xs.denominator), xs);
                prop_assert!(r.sx.numerator <= r.sx.denominator && r.xs.numerator <= r.xs.denominator);
            }
        }
    }
}
