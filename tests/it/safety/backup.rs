//! Backups (issue 7 item 2): automatic snapshots before imports, batches and migrations and
//! daily; the last N kept, private files; restore and import verify the file first and keep
//! the current state; export/import moves the whole store.

use std::path::Path;
use std::process::Command;
use xianjie::store::backup::{self, Reason};
use xianjie::store::Store;
use xianjie::ErrorCode;
use xianjie_testdata::cohort as dev;

const OP: &str = "测试员";

fn cli(db: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xianjie"))
        .args(args)
        .env("XIANJIE_DB", db)
        .env("XIANJIE_OPERATOR", OP)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

fn members(s: &Store) -> i64 {
    s.inspect()
        .query_row("SELECT count(*) FROM members", [], |r| r.get(0))
        .unwrap()
}

fn orgs(s: &Store) -> i64 {
    s.inspect()
        .query_row("SELECT count(*) FROM orgs", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn snapshots_are_taken_kept_and_private() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let mut s = Store::open(&db).unwrap();
    // A new, empty database has nothing to protect.
    assert!(backup::list(&db).unwrap().is_empty());
    dev::generate_cohort(&mut s, 2026, 60, 20, OP).unwrap();
    drop(s);
    // (The generator's own batch took one; start the day afresh.)
    std::fs::remove_dir_all(backup::backups_dir(&db)).unwrap();
    // The first open of the day with data takes the daily snapshot, once.
    let s = Store::open(&db).unwrap();
    drop(Store::open(&db).unwrap());
    let list = backup::list(&db).unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0].reason, Reason::Daily);
    // A batch of more than one item is preceded by a snapshot.
    let mut s = s;
    s.mark_teacher_batch(&[1, 2], OP).unwrap();
    assert_eq!(backup::list(&db).unwrap()[0].reason, Reason::Batch);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for snap in backup::list(&db).unwrap() {
            let mode = std::fs::metadata(&snap.path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", snap.id);
        }
        let d = std::fs::metadata(backup::backups_dir(&db)).unwrap();
        assert_eq!(d.permissions().mode() & 0o777, 0o700);
    }
    // Only the last N are kept.
    assert_eq!(s.backup_keep().unwrap(), backup::KEEP_DEFAULT);
    s.set_backup_keep(3, OP).unwrap();
    for _ in 0..5 {
        s.snapshot(Reason::Manual).unwrap().unwrap();
    }
    let list = backup::list(&db).unwrap();
    assert_eq!(list.len(), 3);
    assert!(list.iter().all(|s| s.reason == Reason::Manual));
    // In-memory stores have nothing on disk.
    assert!(Store::open_in_memory()
        .unwrap()
        .snapshot(Reason::Manual)
        .unwrap()
        .is_none());
}

#[test]
fn restore_verifies_and_keeps_the_current_state() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let mut s = Store::open(&db).unwrap();
    dev::generate_cohort(&mut s, 2026, 40, 20, OP).unwrap();
    let snap = s.snapshot(Reason::Manual).unwrap().unwrap();
    // Later work: 3 orgs more.
    let orgs_then = orgs(&s);
    for i in 0..3 {
        s.create_org(
            &xianjie::store::NewOrg::new(
                format!("共青团恢复测试{i}委员会"),
                xianjie::org::OrgLevel::Committee,
                None,
            ),
            OP,
        )
        .unwrap();
    }
    assert_eq!(orgs(&s), orgs_then + 3);
    // CLI: list shows it; restore brings the 40 back and keeps the 70 as a snapshot.
    let (ok, text) = cli(&db, &["backup", "list"]);
    assert!(
        ok && text.contains(&snap.id) && text.contains("手动备份"),
        "{text}"
    );
    drop(s);
    let (ok, text) = cli(&db, &["backup", "restore", &snap.id]);
    assert!(ok, "{text}");
    assert!(text.contains("40 名团员"), "{text}");
    let s = Store::open(&db).unwrap();
    assert_eq!(members(&s), 40);
    assert_eq!(orgs(&s), orgs_then);
    s.verify_audit().unwrap().into_result().unwrap();
    let before = backup::list(&db)
        .unwrap()
        .into_iter()
        .find(|x| x.reason == Reason::BeforeRestore)
        .unwrap();
    let kept: i64 = rusqlite::Connection::open(&before.path)
        .unwrap()
        .query_row("SELECT count(*) FROM orgs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, orgs_then + 3, "the state before the restore is kept");
    drop(s);

    // A snapshot that does not verify is refused and nothing changes.
    let tamper = |sql: &str| {
        let c = rusqlite::Connection::open(&snap.path).unwrap();
        c.execute_batch(sql).unwrap();
    };
    tamper("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator = 'x' WHERE id = 2;");
    let (ok, text) = cli(&db, &["backup", "restore", &snap.id]);
    assert!(!ok && text.contains("审计日志第 2 条"), "{text}");
    tamper(&format!(
        "PRAGMA user_version = {}",
        xianjie::store::latest_version() + 1
    ));
    let e = backup::verify_file(&snap.path).unwrap_err();
    assert_eq!(e.code, ErrorCode::DatabaseTooNew);
    let mut bytes = std::fs::read(&snap.path).unwrap();
    let half = bytes.len() / 2;
    bytes.truncate(half);
    std::fs::write(&snap.path, &bytes).unwrap();
    let (ok, text) = cli(&db, &["backup", "restore", &snap.id]);
    assert!(!ok && text.contains("未做任何修改"), "{text}");
    let (ok, text) = cli(&db, &["backup", "restore", "20000101-000000-manual"]);
    assert!(!ok && text.contains("找不到编号"), "{text}");
    assert_eq!(orgs(&Store::open(&db).unwrap()), orgs_then);
}

#[test]
fn export_and_import_move_the_whole_store() {
    let dir = tempfile::tempdir().unwrap();
    let old_pc = dir.path().join("old").join("x.db");
    let new_pc = dir.path().join("new").join("x.db");
    let file = dir.path().join("迁移.xianjie");
    {
        let mut s = Store::open(&old_pc).unwrap();
        dev::generate_cohort(&mut s, 2026, 50, 25, OP).unwrap();
    }
    // Without a passphrase, and not at a terminal: refused, saying what to do.
    let (ok, text) = cli(&old_pc, &["backup", "export", file.to_str().unwrap()]);
    assert!(!ok && text.contains("--unprotected"), "{text}");
    assert!(!file.exists());
    let (ok, text) = cli(
        &old_pc,
        &["backup", "export", file.to_str().unwrap(), "--unprotected"],
    );
    assert!(ok && text.contains("50 名团员"), "{text}");
    assert!(text.contains("明文"), "says loudly: {text}");
    // Never overwrites.
    let (ok, text) = cli(
        &old_pc,
        &["backup", "export", file.to_str().unwrap(), "--unprotected"],
    );
    assert!(!ok && text.contains("已存在"), "{text}");
    let (ok, text) = cli(&new_pc, &["backup", "import", file.to_str().unwrap()]);
    assert!(ok, "{text}");
    let s = Store::open(&new_pc).unwrap();
    assert_eq!(members(&s), 50);
    s.verify_audit().unwrap().into_result().unwrap();

    // A file that is not a database, and one from a newer program, are refused in Chinese.
    let junk = dir.path().join("junk.xianjie");
    std::fs::write(&junk, "这不是数据库").unwrap();
    let (ok, text) = cli(&new_pc, &["backup", "import", junk.to_str().unwrap()]);
    assert!(!ok && text.contains("不是学社衔接助手的数据库"), "{text}");
    rusqlite::Connection::open(&file)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let (ok, text) = cli(&new_pc, &["backup", "import", file.to_str().unwrap()]);
    assert!(!ok && text.contains("数据库版本 99"), "{text}");
    assert_eq!(members(&Store::open(&new_pc).unwrap()), 50);
}

/// Issue 25: the exported file under a passphrase — the database and this PC's keys inside,
/// nothing readable without it; a wrong passphrase changes nothing; the keys come back on the
/// new PC; both doors take the passphrase (the CLI from a file's first line).
#[test]
fn a_protected_export_round_trips_with_the_keys_and_a_wrong_passphrase_changes_nothing() {
    use xianjie::service::backup::{self as svc, BackupExport, BackupImport};
    use xianjie::service::keys;
    use xianjie::service::{Clock, Context, Paths};
    const GOOD: &str = "lanshan-qiuyu-tiehe-47";
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 20).unwrap();
    let open = |db: &Path| Context::open(Paths::for_db(db), Some(OP), Clock::Fixed(on)).unwrap();
    let old_pc = d.join("old").join("x.db");
    let mut old = open(&old_pc);
    dev::generate_cohort(old.testing_store_mut(), 2026, 40, 20, OP).unwrap();
    let made = keys::create_school_key(&mut old, &keys::CreateSchoolKey::default()).unwrap();
    let file = d.join("迁移.xianjie");
    let export = |ctx: &Context, passphrase: Option<&str>, unprotected: bool| {
        svc::export(
            ctx,
            &BackupExport {
                path: file.display().to_string(),
                passphrase: passphrase.map(str::to_string),
                unprotected,
            },
        )
    };
    // Neither, both, or a weak passphrase: refused, nothing written.
    assert_eq!(
        export(&old, None, false).unwrap_err().code,
        ErrorCode::InvalidInput
    );
    assert!(export(&old, Some(GOOD), true).is_err());
    let weak = export(&old, Some("password1"), false).unwrap_err();
    assert!(weak.message.contains("口令强度不够") && weak.message.contains("无法找回"));
    assert!(!file.exists());

    let done = export(&old, Some(GOOD), false).unwrap();
    assert!(
        done.protected && done.message.contains("40 名团员") && done.message.contains("1 个密钥")
    );
    assert!(done.warning.contains("无法找回"), "{}", done.warning);
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    for clear in ["SQLite format 3", "AGE-SECRET-KEY", "XIANJIE-BACKUP"] {
        assert!(
            !bytes.windows(clear.len()).any(|w| w == clear.as_bytes()),
            "{clear}"
        );
    }
    let some = old.graduates(2026, old.today()).unwrap()[0].member.clone();
    for clear in [some.name.as_str(), some.id_number.as_str()] {
        assert!(
            !bytes.windows(clear.len()).any(|w| w == clear.as_bytes()),
            "{clear}"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    assert!(
        svc::inspect_file(&file.display().to_string())
            .unwrap()
            .protected
    );

    let new_pc = d.join("new").join("x.db");
    let mut new = open(&new_pc);
    let before = crate::bad_input::fingerprint(&new_pc);
    let import = |ctx: &mut Context, passphrase: Option<&str>| {
        svc::import(
            ctx,
            &BackupImport {
                path: file.display().to_string(),
                passphrase: passphrase.map(str::to_string),
            },
        )
    };
    let e = import(&mut new, Some("lanshan-qiuyu-tiehe-48")).unwrap_err();
    assert_eq!(e.code, ErrorCode::Refused);
    assert!(e.message.contains("口令不正确"), "{}", e.message);
    let e = import(&mut new, None).unwrap_err();
    assert!(e.message.contains("有口令保护"), "{}", e.message);
    assert_eq!(
        crate::bad_input::fingerprint(&new_pc),
        before,
        "nothing changed"
    );
    assert!(!keys::keys_dir(new.paths()).exists(), "no key written");
    assert!(backup::list(&new_pc)
        .unwrap()
        .iter()
        .all(|s| s.reason != Reason::BeforeRestore));

    let done = import(&mut new, Some(GOOD)).unwrap();
    assert!(done.message.contains("已恢复 1 个密钥"), "{}", done.message);
    assert_eq!(members(new.testing_store()), 40);
    new.testing_store()
        .verify_audit()
        .unwrap()
        .into_result()
        .unwrap();
    assert_eq!(
        keys::school_key(&new).unwrap().fingerprint,
        made.key.fingerprint,
        "the school's key moved with the data"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let key = keys::keys_dir(new.paths()).join("school.key");
        assert_eq!(
            std::fs::metadata(key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    drop(new);

    // The CLI: the passphrase from a file's first line, both ways.
    let pass = d.join("口令.txt");
    std::fs::write(&pass, format!("{GOOD}\r\nignored\n")).unwrap();
    let again = d.join("再次.xianjie");
    let (ok, text) = cli(
        &old_pc,
        &[
            "backup",
            "export",
            again.to_str().unwrap(),
            "--passphrase-file",
            pass.to_str().unwrap(),
        ],
    );
    assert!(ok && text.contains("已用口令加密"), "{text}");
    let third = d.join("third").join("x.db");
    let (ok, text) = cli(&third, &["backup", "import", again.to_str().unwrap()]);
    assert!(!ok && text.contains("有口令保护"), "{text}");
    let (ok, text) = cli(
        &third,
        &[
            "backup",
            "import",
            again.to_str().unwrap(),
            "--passphrase-file",
            pass.to_str().unwrap(),
        ],
    );
    assert!(ok && text.contains("已恢复"), "{text}");
    assert_eq!(members(&Store::open(&third).unwrap()), 40);
}
