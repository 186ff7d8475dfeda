//! Schema versions (issue 7 item 3): a fixture database of every earlier version
//! (`fixtures/db/v<k>.db`, made by `XIANJIE_WRITE_DB_FIXTURES=1 cargo test --test it
//! write_db_fixtures -- --ignored`) opens, migrates to the current version (snapshotting the
//! old file first) and keeps its data; a newer database is refused, untouched, naming both
//! versions.

use std::path::PathBuf;
use xianjie::store::{backup, latest_version, Store};
use xianjie::ErrorCode;
use xianjie_testdata::cohort as dev;

const OP: &str = "测试员";
const MEMBERS: usize = 120;

fn fixture(version: u32) -> PathBuf {
    crate::root().join(format!("fixtures/db/v{version}.db"))
}

/// Writes the fixtures (run by hand when a migration is added; never edit a shipped one).
#[test]
#[ignore]
fn write_db_fixtures() {
    if std::env::var_os("XIANJIE_WRITE_DB_FIXTURES").is_none() {
        return;
    }
    std::fs::create_dir_all(crate::root().join("fixtures/db")).unwrap();
    for v in 1..latest_version() {
        let path = fixture(v);
        if path.exists() {
            continue; // a shipped version's fixture never changes
        }
        let mut s = xianjie::store::Store::create_at_version(&path, v).unwrap();
        dev::generate_cohort(&mut s, 2026, MEMBERS, 20, OP).unwrap();
        s.inspect()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
            .unwrap();
    }
}

#[test]
fn every_earlier_version_migrates_with_its_data() {
    let latest = latest_version();
    assert!(latest > 1);
    for v in 1..latest {
        let src = fixture(v);
        assert!(
            src.exists(),
            "missing fixture {} (see module doc)",
            src.display()
        );
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        std::fs::copy(&src, &db).unwrap();
        let old = backup::verify_file(&db).unwrap();
        assert_eq!(old.version, v);
        assert_eq!(old.members, MEMBERS as u64);
        let s = Store::open(&db).unwrap();
        assert_eq!(s.schema_version().unwrap(), latest, "v{v}");
        let c = s.inspect();
        let ok: String = c
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        let members: i64 = c
            .query_row("SELECT count(*) FROM members", [], |r| r.get(0))
            .unwrap();
        assert_eq!(members, MEMBERS as i64, "v{v}: members survived");
        assert_eq!(
            s.verify_audit().unwrap().entries,
            old.audit_entries,
            "v{v}: audit log survived"
        );
        s.verify_audit().unwrap().into_result().unwrap();
        // Cohort queries of the current program work on the migrated data.
        let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let grads = s.graduates(2026, on).unwrap().len();
        assert!(
            grads > MEMBERS / 2 && grads <= MEMBERS,
            "v{v}: {grads} graduates"
        );
        // The old file was kept before upgrading.
        let snaps = backup::list(&db).unwrap();
        let before = snaps
            .iter()
            .find(|s| s.reason == backup::Reason::Migration)
            .expect("a snapshot before the migration");
        assert_eq!(backup::verify_file(&before.path).unwrap().version, v);
    }
}

#[test]
fn newer_database_is_refused_naming_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    drop(Store::open(&db).unwrap());
    let newer = latest_version() + 5;
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", newer)
        .unwrap();
    let bytes = std::fs::read(&db).unwrap();
    let e = Store::open(&db).unwrap_err();
    assert_eq!(e.code, ErrorCode::DatabaseTooNew);
    assert!(
        e.message.contains(&format!("数据库版本 {newer}")),
        "{}",
        e.message
    );
    assert!(
        e.message
            .contains(&format!("只支持到数据库版本 {}", latest_version())),
        "{}",
        e.message
    );
    assert!(
        e.message.contains(env!("CARGO_PKG_VERSION")),
        "{}",
        e.message
    );
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "left byte-identical");
}
