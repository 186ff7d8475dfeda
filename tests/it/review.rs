//! Review by exception (issue 18) on the demo college: graduates grouped by what they need,
//! the ready ones accepted in one action, a blocked one refused naming its rule, an accepted
//! one back in the queue when its facts change the answer.

use chrono::NaiveDate;
use xianjie::destination::{Destination, DestinationKind};
use xianjie::service::review::{self, Group};
use xianjie::service::{demo, Clock};

#[test]
fn ready_ones_in_one_action_blocked_refused_changed_answers_back_in_the_queue() {
    let dir = tempfile::tempdir().unwrap();
    let on = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let (mut ctx, _) =
        demo::create(&dir.path().join("d.db"), Some("测试"), Clock::Fixed(on)).unwrap();
    let all = review::standings(&mut ctx, 2026, on).unwrap();
    let count = |g: Group, all: &std::collections::HashMap<i64, review::Standing>| {
        all.values().filter(|s| s.group == g).count()
    };
    for g in Group::ALL {
        assert!(count(*g, &all) > 0, "the demo has {}", g.label());
    }
    assert!(all.values().all(|s| !s.reviewed));

    let ready = count(Group::Ready, &all);
    assert_eq!(review::accept_ready(&mut ctx, 2026, on).unwrap(), ready);
    let all = review::standings(&mut ctx, 2026, on).unwrap();
    assert!(all
        .values()
        .filter(|s| s.group == Group::Ready)
        .all(|s| s.reviewed));
    assert_eq!(all.values().filter(|s| s.reviewed).count(), ready);
    // Once more: nothing left to accept.
    assert_eq!(review::accept_ready(&mut ctx, 2026, on).unwrap(), 0);

    // A blocked graduate is not accepted; the refusal names the rule.
    let blocked = *all
        .iter()
        .find(|(_, s)| s.group == Group::Blocked)
        .unwrap()
        .0;
    let a = review::accept(&mut ctx, 2026, on, &[blocked]).unwrap();
    assert_eq!(a.accepted, 0);
    assert!(a.refused[0].1.starts_with("暂不能转接"), "{:?}", a.refused);

    // Facts that change the answer put a reviewed graduate back in the queue.
    let reviewed = *all.iter().find(|(_, s)| s.reviewed).unwrap().0;
    let mut d = Destination::of_kind(DestinationKind::Army);
    d.province = Some("湖北".into());
    ctx.testing_store_mut()
        .set_destination(reviewed, 2026, &d, "测试")
        .unwrap();
    let after = review::standings(&mut ctx, 2026, on).unwrap();
    assert!(!after[&reviewed].reviewed);

    // Withdrawn on request; every mark audited.
    let other = *after.iter().find(|(_, s)| s.reviewed).unwrap().0;
    assert_eq!(review::withdraw(&mut ctx, 2026, &[other]).unwrap(), 1);
    assert!(!review::standings(&mut ctx, 2026, on).unwrap()[&other].reviewed);
    assert!(ctx
        .testing_store()
        .verify_audit()
        .unwrap()
        .broken_at
        .is_none());
}
