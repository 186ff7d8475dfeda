//! Moved from the desktop app's former `api::collect` (now `service::collect`): the page's job run
//! on a temp store, no window.

use std::path::PathBuf;
use xianjie::service::collect::*;
use xianjie::service::{demo, Clock};

#[test]
fn exports_lists_and_reads_back_the_demo_college() {
    let dir = tempfile::tempdir().unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let (mut ctx, _) =
        demo::create(&dir.path().join("d.db"), Some("测试"), Clock::Fixed(on)).unwrap();
    let out = dir.path().join("收集表");
    let files = export(&mut ctx, 2026, &out).unwrap();
    let branches = status(&mut ctx, 2026).unwrap();
    assert_eq!(files.len(), branches.len());
    assert!(branches.iter().all(|b| b.returned_file.is_none()));
    let paths: Vec<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
    let dry = import(
        &mut ctx,
        &paths,
        CollectOptions {
            dry_run: true,
            ..CollectOptions::default()
        },
    )
    .unwrap();
    assert!(!dry.applied);
    assert!(dry.errors.is_empty());
    let done = import(&mut ctx, &paths, CollectOptions::default()).unwrap();
    assert!(done.applied);
    assert_eq!(done.files.len(), files.len());
    let branches = status(&mut ctx, 2026).unwrap();
    assert!(branches.iter().all(|b| b.returned_file.is_some()));
}
