//! Two writers on one file (issue 7 item 8): the CLI and the app (here: another connection)
//! writing at once never corrupt the database; a writer kept waiting too long gets a clear
//! Chinese "busy" error (`ErrorCode::Busy`), not a crash.

use std::process::Command;
use xianjie::org::OrgLevel;
use xianjie::store::{NewOrg, Store, BUSY_TIMEOUT};
use xianjie::ErrorCode;

const OP: &str = "测试员";

#[test]
fn cli_and_app_write_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let top = {
        let mut s = Store::open(&db).unwrap();
        s.create_org(
            &NewOrg::new("共青团并发测试委员会", OrgLevel::Committee, None),
            OP,
        )
        .unwrap()
        .id
    };
    // The "app": a thread adding branches through its own connection.
    let app_db = db.clone();
    let app = std::thread::spawn(move || {
        let mut s = Store::open(&app_db).unwrap();
        for i in 0..40 {
            let name = format!("共青团并发测试应用第{i}团支部");
            s.create_org(&NewOrg::new(name, OrgLevel::Branch, Some(top)), OP)
                .unwrap();
        }
    });
    // The CLI: separate processes at the same time.
    for i in 0..15 {
        let st = Command::new(env!("CARGO_BIN_EXE_xianjie"))
            .args(["org", "add", "--level", "团支部", "--parent", "1", "--name"])
            .arg(format!("共青团并发测试命令行第{i}团支部"))
            .env("XIANJIE_DB", &db)
            .env("XIANJIE_OPERATOR", OP)
            .output()
            .unwrap();
        assert!(
            st.status.success(),
            "{}",
            String::from_utf8_lossy(&st.stderr)
        );
    }
    app.join().unwrap();
    let s = Store::open(&db).unwrap();
    let ok: String = s
        .inspect()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let n: i64 = s
        .inspect()
        .query_row("SELECT count(*) FROM orgs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1 + 40 + 15);
    assert_eq!(s.verify_audit().unwrap().into_result().unwrap(), 56);
}

#[test]
fn a_writer_held_up_gets_a_busy_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    drop(Store::open(&db).unwrap());
    let mut other = Store::open(&db).unwrap();
    // Another program mid-write.
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let t0 = std::time::Instant::now();
    let e = other
        .create_org(
            &NewOrg::new("共青团忙碌测试委员会", OrgLevel::Committee, None),
            OP,
        )
        .unwrap_err();
    assert!(
        t0.elapsed() >= BUSY_TIMEOUT / 2,
        "waited {:?}",
        t0.elapsed()
    );
    assert_eq!(e.code, ErrorCode::Busy);
    assert!(e.message.contains("正被其他程序使用"), "{}", e.message);
    drop(holder);
    // Nothing was half-written; the write goes through once the other program is done.
    other
        .create_org(
            &NewOrg::new("共青团忙碌测试委员会", OrgLevel::Committee, None),
            OP,
        )
        .unwrap();
    assert_eq!(other.verify_audit().unwrap().into_result().unwrap(), 1);
}
