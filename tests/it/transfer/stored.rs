//! The transfer area against a real (temporary) store: persistence, audit, all-or-nothing
//! batches, reports from stored data.

use super::*;
use xianjie::org::{OrgKind, OrgLevel};
use xianjie::store::{NewOrg, Store};
use xianjie_testdata::cohort as dev;

const OP: &str = "测试员";

fn cohort(store: &mut Store) -> Vec<i64> {
    dev::generate_cohort(store, 2026, 100, 30, OP).unwrap();
    store
        .graduates(2026, d(6, 1))
        .unwrap()
        .into_iter()
        .filter(|g| g.member.marking.is_none())
        .map(|g| g.member.id)
        .collect()
}

fn start_on(on: NaiveDate) -> Option<Event> {
    Some(ev(on, EventKind::Start))
}

#[test]
fn steps_are_stored_replayed_and_audited() {
    let mut store = Store::open_in_memory().unwrap();
    let ids = cohort(&mut store);
    let drafts: Vec<_> = ids[..30]
        .iter()
        .map(|&m| draft(m, Initiator::Outgoing, Reason::R7, false))
        .collect();
    let opened = operations::open_many(&mut store, drafts, start_on(d(6, 1)), OP).unwrap();
    assert_eq!(opened.len(), 30);
    assert!(opened
        .iter()
        .all(|t| t.id > 0 && t.state() == State::Pending));

    // W1: a second transfer while one is active is refused, in the ledger and the database.
    let e = operations::open(
        &mut store,
        draft(ids[0], Initiator::Outgoing, Reason::R7, false),
        None,
        OP,
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict, "{}", e.message);

    let t = operations::record(
        &mut store,
        ids[0],
        ev(d(6, 3), approve(NodeKind::IncomingBranch)),
        OP,
    )
    .unwrap();
    assert_eq!(t.status().node_index, 1);

    // Batch revoke of 30: member 0 was approved, so nothing changes and member 0 is named.
    let e = operations::record_batch(&mut store, &ids[..30], &ev(d(6, 4), EventKind::Revoke), OP)
        .unwrap_err();
    assert!(
        e.message.contains(&format!("团员 {}", ids[0])),
        "{}",
        e.message
    );
    let h = store.transfer_history(ids[1]).unwrap();
    assert_eq!(h.latest(ids[1]).unwrap().state(), State::Pending);

    // The batch without member 0 goes through.
    operations::record_batch(&mut store, &ids[1..30], &ev(d(6, 4), EventKind::Revoke), OP).unwrap();

    // Reloaded: the same timeline, replayed through the state machine.
    let h = store.transfer_history(ids[0]).unwrap();
    let t0 = h.latest(ids[0]).unwrap();
    assert_eq!(t0.events().len(), 2);
    assert_eq!(t0.events()[1].kind, approve(NodeKind::IncomingBranch));

    // A late step writes W4's automatic pass first, each step with its own audit entry.
    let late = operations::open(
        &mut store,
        draft(ids[30], Initiator::Outgoing, Reason::R7, false),
        start_on(d(6, 1)),
        OP,
    )
    .unwrap();
    operations::record(
        &mut store,
        ids[30],
        ev(d(6, 20), approve(NodeKind::IncomingUpper)),
        OP,
    )
    .unwrap();
    let audit = store.audit_entries(None).unwrap();
    let mine: Vec<_> = audit
        .iter()
        .filter(|a| a.entity == "transfer" && a.entity_id == Some(late.id))
        .map(|a| a.action.as_str())
        .collect();
    assert_eq!(mine, ["open", "start", "auto_pass", "approve"]);
    let h = store.transfer_history(ids[30]).unwrap();
    assert_eq!(h.latest(ids[30]).unwrap().state(), State::Done);
    assert_eq!(store.verify_audit().unwrap().broken_at, None);

    // Ended transfers stay; a new one may start, marked as a resubmission after a return.
    operations::open(
        &mut store,
        draft(ids[1], Initiator::Outgoing, Reason::R7, false),
        start_on(d(6, 5)),
        OP,
    )
    .unwrap();
    operations::record(
        &mut store,
        ids[1],
        ev(
            d(6, 6),
            EventKind::Return {
                reason: "地址有误".into(),
            },
        ),
        OP,
    )
    .unwrap();
    let again = operations::open(
        &mut store,
        draft(ids[1], Initiator::Outgoing, Reason::R7, false),
        None,
        OP,
    )
    .unwrap();
    assert!(again.resubmission);
    assert_eq!(operations::history(&store, ids[1]).unwrap().len(), 3);
}

#[test]
fn an_auto_terminated_request_does_not_block_a_new_one() {
    // W4: pending since 09-25, terminated on 10-06; starting again on 10-10 is allowed and the
    // termination is written to the timeline first.
    let mut store = Store::open_in_memory().unwrap();
    let ids = cohort(&mut store);
    let m = ids[0];
    operations::open(
        &mut store,
        draft(m, Initiator::Outgoing, Reason::R7, false),
        start_on(d(9, 25)),
        OP,
    )
    .unwrap();
    let again = operations::open(
        &mut store,
        draft(m, Initiator::Outgoing, Reason::R7, false),
        start_on(d(10, 10)),
        OP,
    )
    .unwrap();
    assert!(again.resubmission);
    let h = operations::history(&store, m).unwrap();
    assert_eq!(h[0].state(), State::AutoTerminated);
    assert_eq!(h[0].events().last().unwrap().on, d(10, 6));
}

#[test]
fn reports_from_the_store() {
    let mut store = Store::open_in_memory().unwrap();
    let ids = cohort(&mut store);
    let committee = store
        .orgs()
        .unwrap()
        .into_iter()
        .find(|o| o.parent_id.is_none())
        .unwrap();
    let mut flowing = NewOrg::new(
        "共青团生成大学2026委员会毕业学生流动团员团支部",
        OrgLevel::Branch,
        Some(committee.id),
    );
    flowing.kind = OrgKind::Flowing;
    store.create_org(&flowing, OP).unwrap();

    let mut into_flowing = draft(ids[0], Initiator::Outgoing, Reason::R7, false);
    into_flowing.destination = flowing.full_name.clone();
    let t = operations::open(&mut store, into_flowing, start_on(d(6, 1)), OP).unwrap();
    assert!(t.into_own_flowing(), "003 #57: detected from the org tree");
    operations::record(&mut store, ids[0], ev(d(6, 2), EventKind::Done), OP).unwrap();
    operations::open(
        &mut store,
        draft(ids[1], Initiator::Outgoing, Reason::R2, false),
        start_on(d(6, 1)),
        OP,
    )
    .unwrap();
    operations::record(&mut store, ids[1], ev(d(6, 2), EventKind::Done), OP).unwrap();

    let r = operations::rates_report(&store, 2026, Unit::School, d(6, 10)).unwrap();
    let counted = r.sx.graduates.len() + r.xs.graduates.len();
    assert_eq!(
        counted,
        ids.len(),
        "every unmarked graduate is in a denominator"
    );
    assert_eq!(
        r.sx.numerator + r.xs.numerator,
        1,
        "own flowing branch is not done"
    );
    assert!(!r.outside.is_empty(), "the generator defers some graduates");

    let due = operations::due_report(&store, 2026, Unit::School, d(7, 20), &[]).unwrap();
    assert!(due.iter().any(|i| i.kind == DueKind::NoRequest));

    let mut s = store.campaign_settings(2026).unwrap();
    assert_eq!(s, CampaignSettings::defaults(2026));
    s.request_by = d(6, 30);
    operations::save_settings(&mut store, &s, OP).unwrap();
    assert_eq!(store.campaign_settings(2026).unwrap().request_by, d(6, 30));
    s.reminder_days = 99;
    assert!(operations::save_settings(&mut store, &s, OP).is_err());
}

#[test]
fn light_cohort_matches_the_full_rows() {
    // #5: the reports' light load gives the same graduates, order and counted metrics (where
    // no transfer decides it) as the full rows with the engine run for everyone.
    let mut store = Store::open_in_memory().unwrap();
    let ids = cohort(&mut store);
    let drafts: Vec<_> = ids[..20]
        .iter()
        .map(|&m| draft(m, Initiator::Outgoing, Reason::R7, false))
        .collect();
    operations::open_many(&mut store, drafts, start_on(d(6, 1)), OP).unwrap();
    let s = settings();
    let on = d(8, 1);
    let ledger = store.ledger_of_year(2026).unwrap();
    let light = xianjie::store::transfers::load::graduates(&store, 2026, on, &ledger, &s).unwrap();
    let full = store.graduates(2026, on).unwrap();
    assert_eq!(light.len(), full.len());
    for (l, f) in light.iter().zip(&full) {
        assert_eq!(l.member_id, f.member.id);
        assert_eq!(*l.name, *f.member.name);
        assert_eq!(*l.branch, *f.branch.full_name);
        assert_eq!(l.marked, f.member.marking.is_some());
        if !l.marked && ledger.latest(l.member_id).is_none() {
            let engine = f.recommendation.as_ref().and_then(|r| r.metric);
            let study = f.member.destination.as_ref().map(|d| d.kind);
            if study.is_some_and(xianjie::engine::may_route_to_study) {
                assert_eq!(l.metric, engine);
            }
            // §6: no metric counts as 学社衔接率.
            assert_eq!(l.metric.unwrap_or(Metric::Xs), engine.unwrap_or(Metric::Xs));
        }
    }
    assert!(light.iter().any(|g| g.metric == Some(Metric::Sx)));
}

#[test]
fn only_study_destinations_route_to_r1() {
    // The reports skip the engine for graduates whose destination cannot be 升学 (§6, R1).
    use xianjie::destination::{Destination, DestinationKind, RetentionNote};
    use xianjie::engine::{may_route_to_study, recommend, Facts};
    use xianjie::member::{SchoolKind, StudyStatus};
    let notes = [
        None,
        Some(RetentionNote::RetakePostgradExam),
        Some(RetentionNote::EmployerWantsFile),
    ];
    for &kind in DestinationKind::ALL {
        let mut r1 = false;
        for (note, retain) in notes.iter().flat_map(|n| [(n, false), (n, true)]) {
            for &status in StudyStatus::ALL {
                for &school in SchoolKind::ALL {
                    let mut dest = Destination::of_kind(kind);
                    dest.note = *note;
                    dest.retain_in_school = retain;
                    let mut f = Facts::new(d(8, 1), d(1, 1) - chrono::Days::new(8000), dest);
                    f.status = status;
                    f.school = school;
                    r1 |= recommend(&f).reason == Some(Reason::R1);
                }
            }
        }
        assert_eq!(r1, may_route_to_study(kind), "{kind:?}");
    }
}

#[test]
fn reports_read_each_transfer_with_its_own_steps() {
    // #5: the year's steps are read in one range scan over the transfer ids and merged with the
    // transfers in id order. Another year's transfers sit between this year's ids (their steps
    // are skipped), and a returned request was started again (two transfers, steps in order);
    // a member's history (looked up by id) reads the same.
    let mut store = Store::open_in_memory().unwrap();
    let ids = cohort(&mut store);
    for (i, &m) in ids[..24].iter().enumerate() {
        let mut dr = draft(m, Initiator::ALL[i % 3], Reason::ALL[i % 8], i % 5 == 0);
        dr.year = if i % 4 == 3 { 2027 } else { 2026 };
        operations::open(&mut store, dr, start_on(d(6, 1 + i as u32)), OP).unwrap();
    }
    let back = EventKind::Return {
        reason: "信息不全".into(),
    };
    operations::record(&mut store, ids[0], ev(d(6, 5), back), OP).unwrap();
    let again = draft(ids[0], Initiator::Outgoing, Reason::R7, false);
    operations::open(&mut store, again, start_on(d(6, 6)), OP).unwrap();
    operations::record(&mut store, ids[0], ev(d(6, 7), EventKind::Done), OP).unwrap();

    let on = d(8, 1);
    let (grads, ledger, _) = operations::cohort(&store, 2026, on).unwrap();
    assert_eq!(grads.len(), store.graduates(2026, on).unwrap().len());
    assert_eq!(
        ledger.all().len(),
        19,
        "18 of this year's requests and one resubmission"
    );
    assert!(ledger.all().iter().all(|t| t.year == 2026));
    assert_eq!(ledger.history(ids[0]).count(), 2);
    assert_eq!(ledger.latest(ids[0]).unwrap().state(), State::Done);
    let other = store.ledger_of_year(2027).unwrap();
    assert_eq!(other.all().len(), 6);
    for t in ledger.all().iter().chain(other.all()) {
        assert_eq!(t.events().first().map(|e| &e.kind), Some(&EventKind::Start));
        let alone = store.transfer_history(t.member_id).unwrap();
        let same = alone.all().iter().find(|h| h.id == t.id).unwrap();
        assert_eq!(same, t, "a member's history reads the same steps");
    }
}
