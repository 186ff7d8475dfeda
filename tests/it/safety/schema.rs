//! Schema versions (issue 7 item 3): a fixture database of every earlier version
//! (`fixtures/db/v<k>.db`, made by `XIANJIE_WRITE_DB_FIXTURES=1 cargo test --test it
//! write_db_fixtures -- --ignored`) opens, migrates to the current version (snapshotting the
//! old file first) and keeps its data; a newer database is refused, untouched, naming both
//! versions. Version 6 was the last to fold names: its fixture holds org names as it stored
//! them, which the upgrade restores and lists (issue 23). Version 7 is the last without the
//! key tables (issue 25, migration 8 only adds tables), version 8 the last without the new
//! students (issue 24, migration 9): their fixtures are cohorts generated at their version
//! like the first five.

use std::path::PathBuf;
use xianjie::store::names::RestoreBasis;
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
    for v in earlier_versions() {
        let path = fixture(v);
        if path.exists() {
            continue; // a shipped version's fixture never changes
        }
        if v == 6 {
            write_v6(&path);
            continue;
        }
        let mut s = xianjie::store::Store::create_at_version(&path, v).unwrap();
        dev::generate_cohort(&mut s, 2026, MEMBERS, 20, OP).unwrap();
        s.inspect()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
            .unwrap();
    }
}

/// Org names as version 6 stored them — folded: “（” typed, “(” kept — under the generated
/// school: (name stored, name the upgrade gives, how).
const V6_NAMES: [(&str, &str, Option<RestoreBasis>); 4] = [
    (
        "共青团生成大学2026出国(境)学习研究团员团支部",
        "共青团生成大学2026出国（境）学习研究团员团支部",
        Some(RestoreBasis::Rule),
    ),
    (
        "共青团生成大学2026学生会,研究生会联合团支部",
        "共青团生成大学2026学生会，研究生会联合团支部",
        Some(RestoreBasis::Rule),
    ),
    // An ASCII word: restored only because the F4 ledger (kept as typed) shows it.
    (
        "共青团ABC信息技术(中国)有限公司委员会",
        "共青团ABC信息技术（中国）有限公司委员会",
        Some(RestoreBasis::Evidence),
    ),
    // An ASCII word and no evidence: left alone.
    (
        "共青团XYZ(China)有限公司委员会",
        "共青团XYZ(China)有限公司委员会",
        None,
    ),
];

/// Version 6's fixture. Its successor changed how orgs are written (the `name_key` column),
/// so the cohort is generated at the current schema, with the orgs of [`V6_NAMES`] as version
/// 6 stored them and an F4 case as it kept it, and the file is then taken back to version 6
/// (the key, its index and the restoration table dropped) — checked to be the schema a
/// version-6 database has.
fn write_v6(path: &std::path::Path) {
    use xianjie::org::{OrgKind, OrgLevel};
    use xianjie::store::ledgers::{self, F4Row, SpecialCase, SpecialKind};
    use xianjie::store::NewOrg;
    let mut s = Store::create_at_version(path, latest_version()).unwrap();
    let g = dev::generate_cohort(&mut s, 2026, MEMBERS, 20, OP).unwrap();
    let mut abroad = NewOrg::new(V6_NAMES[0].0, OrgLevel::Branch, Some(g.committee));
    abroad.kind = OrgKind::AbroadStudy;
    s.create_org(&abroad, OP).unwrap();
    s.create_org(
        &NewOrg::new(V6_NAMES[1].0, OrgLevel::Branch, Some(g.committee)),
        OP,
    )
    .unwrap();
    for (name, ..) in &V6_NAMES[2..] {
        s.create_org(&NewOrg::new(*name, OrgLevel::Committee, None), OP)
            .unwrap();
    }
    ledgers::record_special_case(
        &mut s,
        &SpecialCase {
            member_id: None,
            branch_id: None,
            cohort_year: Some(2026),
            kind: SpecialKind::Refused,
            row: F4Row {
                name: "王明明".into(),
                target_org: V6_NAMES[2].1.into(),
                refusal_reason: "单位团委要求先转人事档案".into(),
                ..F4Row::default()
            },
        },
        OP,
    )
    .unwrap();
    s.inspect()
        .execute_batch(
            "DROP INDEX orgs_name_key; ALTER TABLE orgs DROP COLUMN name_key;
             DROP TABLE name_restoration; PRAGMA user_version = 6; VACUUM;
             PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;",
        )
        .unwrap();
    drop(s);
    let dir = tempfile::tempdir().unwrap();
    let fresh = Store::create_at_version(&dir.path().join("v6.db"), 6).unwrap();
    let schema = |c: &rusqlite::Connection| -> Vec<(String, String)> {
        let mut st = c
            .prepare("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let written = rusqlite::Connection::open(path).unwrap();
    assert_eq!(
        schema(&written),
        schema(fresh.inspect()),
        "version 6's schema"
    );
}

/// The versions before the latest.
fn earlier_versions() -> Vec<u32> {
    xianjie::store::MIGRATIONS
        .iter()
        .map(|m| m.version)
        .filter(|v| *v < latest_version())
        .collect()
}

#[test]
fn every_earlier_version_migrates_with_its_data() {
    let latest = latest_version();
    assert!(latest > 1);
    for v in earlier_versions() {
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
        // The upgrade to 7 audits each name it restores (none before version 6's fixture).
        let restored = s.restored_names().unwrap().len() as u64;
        assert_eq!(restored > 0, v == 6, "v{v}: {restored} names restored");
        assert_eq!(
            s.verify_audit().unwrap().entries,
            old.audit_entries + restored,
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

/// Issue 23: the upgrade from version 6 restores the full-width brackets and punctuation the
/// fold took from org names — from a place in the store that kept them, or by the rule of
/// Chinese writing where no ASCII word is involved — lists every change with what it was, and
/// audits it; the names are still found by their half-width spelling.
#[test]
fn version_6_org_names_are_restored_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    std::fs::copy(fixture(6), &db).unwrap();
    let s = Store::open(&db).unwrap();
    let restored = s.restored_names().unwrap();
    let got: Vec<(&str, &str, RestoreBasis)> = restored
        .iter()
        .map(|r| (r.before.as_str(), r.after.as_str(), r.basis))
        .collect();
    let want: Vec<(&str, &str, RestoreBasis)> = V6_NAMES
        .iter()
        .filter_map(|(before, after, basis)| basis.map(|b| (*before, *after, b)))
        .collect();
    assert_eq!(got, want);
    let evidence = restored.iter().find(|r| r.basis == RestoreBasis::Evidence);
    assert!(
        evidence
            .and_then(|r| r.evidence.as_deref())
            .is_some_and(|e| e.contains("F4")),
        "{evidence:?}"
    );
    for (before, after, _) in V6_NAMES {
        let org = s.org_by_full_name(before).unwrap().unwrap();
        assert_eq!(org.full_name, after, "found by the old spelling");
        assert_eq!(
            s.org_by_full_name(after).unwrap().map(|o| o.id),
            Some(org.id)
        );
    }
    for r in &restored {
        assert_eq!(s.org(r.org_id).unwrap().unwrap().full_name, r.after);
    }
    let entries = s.audit_entries(None).unwrap();
    let audited = entries
        .iter()
        .filter(|e| e.action == "restore_name" && e.operator == "数据库升级")
        .count();
    assert_eq!(audited, restored.len());
    s.verify_audit().unwrap().into_result().unwrap();
    // Opening again changes nothing more.
    drop(s);
    let s = Store::open(&db).unwrap();
    assert_eq!(s.restored_names().unwrap().len(), restored.len());
}
