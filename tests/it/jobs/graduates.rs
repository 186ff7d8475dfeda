//! Moved from the desktop app's former `api::graduates` (now `service::graduates`): the page's job run
//! on a temp store, no window.

use chrono::NaiveDate;
use xianjie::service::graduates::data_stamp;
use xianjie::service::Context;
use xianjie_testdata::cohort::generate_cohort;

/// #18 finding 4: the 转接状态 column was always empty.
#[test]
fn the_demo_college_shows_each_transfer_state() {
    let dir = tempfile::tempdir().unwrap();
    let on = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let clock = xianjie::service::Clock::Fixed(on);
    let (mut ctx, _) =
        xianjie::service::demo::create(&dir.path().join("d.db"), Some("测试"), clock).unwrap();
    let list = xianjie::service::graduates::list(&mut ctx, 2026, on).unwrap();
    assert!(list.rows.iter().all(|r| r.transfer_state.is_some()));
    let states: std::collections::BTreeSet<&str> = list
        .rows
        .iter()
        .filter_map(|r| r.transfer_state.as_deref())
        .collect();
    assert!(states.contains("未发起"), "{states:?}");
    assert!(states.len() >= 3, "the demo's mix of transfers: {states:?}");
}

#[test]
fn lists_a_generated_cohort() {
    let mut ctx = Context::in_memory("测试", xianjie::service::Clock::System).unwrap();
    generate_cohort(ctx.testing_store_mut(), 2026, 40, 10, "测试").unwrap();
    let on = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let first = xianjie::service::graduates::list(&mut ctx, 2026, on).unwrap();
    let list = first.clone();
    assert_eq!(list.rows.len(), 40);
    assert!(list.rows.iter().all(|r| r.id_number.contains("********")));
    assert!(list.rows.iter().any(|r| r.reason.is_some()));
    assert!(list
        .rows
        .iter()
        .all(|r| (r.branch as usize) < list.branches.len()));
    // Cached until a write: a marking shows on the next call.
    assert_eq!(
        xianjie::service::graduates::list(&mut ctx, 2026, on).unwrap(),
        first
    );
    let first = list.rows[0].id;
    xianjie::service::members::mark_teacher(&mut ctx, &[first]).unwrap();
    assert_ne!(data_stamp(&ctx).unwrap(), list.stamp);
    let again = xianjie::service::graduates::list(&mut ctx, 2026, on).unwrap();
    assert_eq!(again.rows[0].marking.as_deref(), Some("教师"));
    // Every row says where its transfer stands (未发起 before any), for the 转接状态 filter.
    assert!(again
        .rows
        .iter()
        .all(|r| r.transfer_state.as_deref() == Some("未发起")));
    // Another year's cohort is empty, not an error.
    assert!(xianjie::service::graduates::list(&mut ctx, 2030, on)
        .unwrap()
        .rows
        .is_empty());
}
