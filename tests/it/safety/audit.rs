//! The audit hash chain finds an edited, a deleted, a reordered entry and a truncated tail,
//! and names the entry; `audit verify` and `audit --verify` are one check.

use std::process::Command;
use xianjie::org::OrgLevel;
use xianjie::store::{NewOrg, Store};

const OP: &str = "测试员";

/// A file database with 8 entries (ids 1–8), triggers dropped so that tampering is possible.
fn logged(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("a.db");
    let mut s = Store::open(&db).unwrap();
    let top = s
        .create_org(
            &NewOrg::new("共青团审计测试委员会", OrgLevel::Committee, None),
            OP,
        )
        .unwrap();
    for i in 0..7 {
        s.create_org(
            &NewOrg::new(
                format!("共青团审计测试第{i}团支部"),
                OrgLevel::Branch,
                Some(top.id),
            ),
            OP,
        )
        .unwrap();
    }
    assert_eq!(s.verify_audit().unwrap().entries, 8);
    s.inspect()
        .execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
        .unwrap();
    db
}

fn verify_cli(db: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xianjie"))
        .args(args)
        .env("XIANJIE_DB", db)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn tampering_is_found_and_named() {
    let cases: [(&str, &str, i64, &str); 4] = [
        (
            "edited",
            "UPDATE audit_log SET operator = '冒名' WHERE id = 4",
            4,
            "第 4 条的内容与其哈希不符",
        ),
        (
            "deleted",
            "DELETE FROM audit_log WHERE id = 5",
            6,
            "第 6 条之前的记录（第 5 至 5 条）被删除",
        ),
        (
            "reordered",
            // Swap entries 3 and 4 whole (hashes included), as a reorder of rows would.
            "UPDATE audit_log SET id = -3 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = 4;
             UPDATE audit_log SET id = 4 WHERE id = -3;",
            3,
            "第 3 条与前一条（第 2 条）接不上",
        ),
        (
            "truncated",
            "DELETE FROM audit_log WHERE id >= 7",
            7,
            "末尾被截断：最后应为第 8 条，现只到第 6 条",
        ),
    ];
    for (name, sql, at, message) in cases {
        let dir = tempfile::tempdir().unwrap();
        let db = logged(dir.path());
        let (ok, text) = verify_cli(&db, &["audit", "verify"]);
        assert!(ok, "{name}: intact log refused: {text}");
        assert!(text.contains("共 8 条"), "{text}");
        Store::open(&db)
            .unwrap()
            .inspect()
            .execute_batch(sql)
            .unwrap();
        let check = Store::open(&db).unwrap().verify_audit().unwrap();
        assert_eq!(check.broken_at, Some(at), "{name}: {check:?}");
        for args in [&["audit", "verify"][..], &["audit", "--verify"][..]] {
            let (ok, text) = verify_cli(&db, args);
            assert!(!ok, "{name}: {args:?} passed a tampered log");
            assert!(text.contains(message), "{name}: {args:?}: {text}");
        }
    }
}
