//! The CLI of the transfer area, end to end on a temporary database.

use std::process::Command;
use xianjie::store::Store;
use xianjie_testdata::cohort as dev;

fn run(db: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xianjie"))
        .args(args)
        .env("XIANJIE_DB", db)
        .env("XIANJIE_OPERATOR", "测试员")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn transfer_due_rates_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    {
        let mut s = Store::open(&db).unwrap();
        dev::generate_cohort(&mut s, 2026, 40, 20, "测试员").unwrap();
    }
    let dest = "某市某区某街道学社衔接临时团支部";
    let (code, out, err) = run(
        &db,
        &[
            "transfer",
            "start",
            "--member",
            "1,2",
            "--reason",
            "未就业",
            "--dest",
            dest,
            "--province",
            "湖北",
            "--on",
            "2026-06-01",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("团员 1：审批中"), "{out}");
    let (code, _, err) = run(
        &db,
        &["transfer", "approve", "--member", "1", "--on", "2026-06-02"],
    );
    assert_eq!(code, 0, "{err}");
    // Batch revoke: member 1 was approved, so nothing is revoked (exit 1, rule cited).
    let (code, _, err) = run(
        &db,
        &[
            "transfer",
            "revoke",
            "--member",
            "1,2",
            "--on",
            "2026-06-03",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("团员 1") && err.contains("W3"), "{err}");
    let (code, out, _) = run(
        &db,
        &["transfer", "show", "--member", "2", "--on", "2026-06-03"],
    );
    assert_eq!(code, 0);
    assert!(out.contains("审批中") && out.contains("发起申请"), "{out}");
    let (code, _, _) = run(
        &db,
        &["transfer", "done", "--member", "1", "--on", "2026-06-04"],
    );
    assert_eq!(code, 0);

    let (code, out, err) = run(
        &db,
        &["rates", "--year", "2026", "--on", "2026-06-10", "--json"],
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["xs"]["numerator"].as_u64().unwrap() + v["sx"]["numerator"].as_u64().unwrap(),
        1
    );
    let (code, out, _) = run(&db, &["rates", "--year", "2026", "--on", "2026-06-10"]);
    assert_eq!(code, 0);
    assert!(out.contains("学社衔接率") && out.contains("分母"), "{out}");

    let (code, out, _) = run(&db, &["due", "--on", "2026-07-20", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["kind"] == "no_request"));

    let (code, _, err) = run(&db, &["due", "--on", "2026-13-40"]);
    assert_eq!(code, 2, "bad date is invalid input: {err}");

    let (code, out, err) = run(
        &db,
        &[
            "calendar",
            "--year",
            "2026",
            "--on",
            "2026-06-01",
            "--set",
            "request_by=2026-06-30",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2026-06-30"), "{out}");
    let (code, _, err) = run(&db, &["calendar", "--year", "2026", "--set", "nonsense=1"]);
    assert_eq!(code, 2, "{err}");
}
