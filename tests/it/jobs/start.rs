//! Moved from the desktop app's former `api::app` (now `service::start`): the page's job run
//! on a temp store, no window.

use xianjie::service::settings;
use xianjie::service::start::{info, start, StartMode};
use xianjie::service::{Context, Paths};
use xianjie::ErrorCode;

const DEMO: usize = 60;

fn open(dir: &std::path::Path) -> Context {
    let paths = Paths::in_dir(dir, None);
    Context::open(paths, None, xianjie::service::Clock::System).unwrap()
}

#[test]
fn first_run_until_started_empty() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::in_dir(dir.path(), None);
    assert!(info(&paths).first_run);
    assert!(paths.db.ends_with("xianjie.db"));
    let mut ctx = open(dir.path());
    let after = start(&mut ctx, StartMode::Empty, DEMO).unwrap();
    assert!(!after.first_run);
    assert!(paths.db.exists());
}

#[test]
fn demo_fills_an_empty_database_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(dir.path());
    // The one demo, filled up to the size asked.
    start(&mut ctx, StartMode::Demo, 400).unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let list = xianjie::service::graduates::list(&mut ctx, 2026, on).unwrap();
    assert_eq!(list.rows.len(), 400);
    assert!(list
        .branches
        .iter()
        .all(|b| b.starts_with("共青团星河大学信息工程学院")));
    let e = start(&mut ctx, StartMode::Demo, DEMO).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert_eq!(settings::load(&ctx).unwrap().operator, "示例操作人");
}

#[test]
fn db_override_keeps_settings_in_data_dir() {
    use std::path::{Path, PathBuf};
    let paths = Paths::in_dir(Path::new("/d"), Some(PathBuf::from("/x/y.db")));
    assert_eq!(paths.db, PathBuf::from("/x/y.db"));
    assert_eq!(paths.settings, PathBuf::from("/d/settings.json"));
}
