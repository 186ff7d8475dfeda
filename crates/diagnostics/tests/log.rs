//! The log as a program uses it: what reaches the file, what never does, panics, modes,
//! rotation and the diagnostics text. The log is one per process, so these tests take turns.

#![allow(clippy::unwrap_used)] // helpers outside #[test]: a failure stops the test at once

use std::fs;
use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use xianjie_diagnostics::{
    collect, init, install_panic_hook, record_error, record_failure, record_long_task, scrub,
};
use xianjie_domain::Error;

const NAME: &str = "张三";
const ID: &str = "11010519491231002X";
const PHONE: &str = "13812345678";
const FILE: &str = "2024届毕业生名单";

fn turn() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Every log file of the folder, concatenated.
fn log_text(data_dir: &Path) -> String {
    let mut names: Vec<_> = fs::read_dir(data_dir.join("logs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect()
}

fn assert_no_personal_data(text: &str) {
    for sample in [
        NAME,
        ID,
        "11010519491231002",
        PHONE,
        FILE,
        "1234-5678",
        "张",
    ] {
        assert!(!text.contains(sample), "{sample:?} leaked into:\n{text}");
    }
}

#[test]
fn a_line_written_through_the_api_never_holds_personal_data() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let guard = init(dir.path(), "xianjie", "0.1.0").unwrap();
    assert_eq!(guard.dir(), dir.path().join("logs"));

    let message = format!(r"{NAME}（{ID}，{PHONE}）在 C:\Users\{NAME}\{FILE}.xlsx 第 3 行重复");
    record_error(
        "import",
        &Error::invalid(message.clone()),
        Duration::from_millis(12),
    );
    record_failure("import", "storage", Duration::from_millis(7));
    // Callers must pass identifiers; if they pass anything else it is flattened, not trusted.
    record_failure(
        &format!("import {NAME} {PHONE}"),
        ID,
        Duration::from_secs(1),
    );
    record_long_task(
        &format!("export {FILE}"),
        Duration::from_millis(1500),
        10_000,
    );
    let scrubbed = scrub(&message);
    assert_no_personal_data(&scrubbed);
    assert!(scrubbed.contains("<path>.xlsx"), "{scrubbed}");
    drop(guard);

    let text = log_text(dir.path());
    assert_no_personal_data(&text);
    assert!(
        text.contains("start program=xianjie version=0.1.0"),
        "{text}"
    );
    assert!(
        text.contains(&format!("os={}", std::env::consts::OS)),
        "{text}"
    );
    assert!(
        text.contains(&format!("arch={}", std::env::consts::ARCH)),
        "{text}"
    );
    assert!(
        text.contains(" WARN xianjie: failure operation=import code=invalid_input elapsed_ms=12"),
        "{text}"
    );
    assert!(
        text.contains("ERROR xianjie: failure operation=import code=storage elapsed_ms=7"),
        "{text}"
    );
    assert!(text.contains("long_task operation=export_"), "{text}");
    assert!(text.contains("elapsed_ms=1500 items=10000"), "{text}");
}

#[test]
fn a_panic_leaves_its_scrubbed_message_and_a_backtrace() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let guard = init(dir.path(), "xianjie-app", "0.1.0").unwrap();
    install_panic_hook();
    install_panic_hook(); // twice: still one record per panic

    let result = std::panic::catch_unwind(|| {
        panic!("导入 {NAME} {ID} {PHONE} 时出错 at row 3");
    });
    assert!(result.is_err());
    drop(guard);

    let text = log_text(dir.path());
    assert_no_personal_data(&text);
    assert_eq!(text.matches("panicked").count(), 1, "{text}");
    assert!(text.contains("ERROR xianjie::panic: panicked"), "{text}");
    assert!(text.contains("what=＊ ＊ #… #… ＊ at row 3"), "{text}");
    assert!(
        text.contains("location=crates/diagnostics/tests/log.rs:"),
        "{text}"
    );
    assert!(text.contains("backtrace="), "{text}");
    // Frame lines: numbered frames, and this test among them.
    assert!(text.contains("   0: "), "{text}");
    assert!(
        text.contains("a_panic_leaves_its_scrubbed_message_and_a_backtrace"),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn the_log_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let guard = init(dir.path(), "xianjie", "0.1.0").unwrap();
    record_long_task("import", Duration::from_millis(3), 1);
    drop(guard);
    let logs = dir.path().join("logs");
    assert_eq!(
        fs::metadata(&logs).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let files: Vec<_> = fs::read_dir(&logs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    for file in files {
        let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
    }

    // A file an older version left world-readable is closed up at the next start.
    let old = logs.join("xianjie.2020-01-01.log");
    fs::write(&old, "old\n").unwrap();
    fs::set_permissions(&old, fs::Permissions::from_mode(0o644)).unwrap();
    let today = fs::read_dir(&logs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p != &old)
        .unwrap();
    fs::set_permissions(&today, fs::Permissions::from_mode(0o644)).unwrap();
    drop(init(dir.path(), "xianjie", "0.1.0").unwrap());
    assert_eq!(
        fs::metadata(&today).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        fs::metadata(&old).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn rotation_keeps_a_bounded_number_of_files() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let logs = dir.path().join("logs");
    fs::create_dir_all(&logs).unwrap();
    for day in 1..=10 {
        fs::write(logs.join(format!("xianjie.2020-01-{day:02}.log")), "old\n").unwrap();
    }
    for day in 1..=3 {
        fs::write(
            logs.join(format!("xianjie-app.2020-01-{day:02}.log")),
            "app\n",
        )
        .unwrap();
    }
    fs::write(logs.join("notes.txt"), "not ours\n").unwrap();

    drop(init(dir.path(), "xianjie", "0.1.0").unwrap());

    let mut names: Vec<String> = fs::read_dir(&logs)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let ours: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("xianjie.") && n.ends_with(".log"))
        .collect();
    assert_eq!(ours.len(), 7, "{names:?}");
    // The oldest went, the newest stayed, today's is there.
    assert!(
        !names.contains(&"xianjie.2020-01-04.log".to_owned()),
        "{names:?}"
    );
    assert!(
        names.contains(&"xianjie.2020-01-05.log".to_owned()),
        "{names:?}"
    );
    assert!(
        names.contains(&"xianjie.2020-01-10.log".to_owned()),
        "{names:?}"
    );
    // Another program's files and foreign files are not this program's to delete.
    assert_eq!(
        names
            .iter()
            .filter(|n| n.starts_with("xianjie-app."))
            .count(),
        3
    );
    assert!(names.contains(&"notes.txt".to_owned()));
}

#[test]
fn init_twice_moves_the_log_and_never_panics() {
    let _turn = turn();
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let one = init(first.path(), "xianjie", "0.1.0").unwrap();
    record_long_task("first", Duration::ZERO, 1);
    let two = init(second.path(), "xianjie", "0.1.0").unwrap();
    record_long_task("second", Duration::ZERO, 2);
    // Dropping the replaced log's guard leaves the newer log open.
    drop(one);
    record_long_task("third", Duration::ZERO, 3);
    drop(two);
    record_long_task("after", Duration::ZERO, 4);

    let a = log_text(first.path());
    let b = log_text(second.path());
    assert!(
        a.contains("operation=first") && !a.contains("operation=second"),
        "{a}"
    );
    assert!(
        b.contains("operation=second") && b.contains("operation=third"),
        "{b}"
    );
    assert!(!a.contains("operation=after") && !b.contains("operation=after"));
}

#[test]
fn collect_gives_every_file_oldest_first_with_versions() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let logs = dir.path().join("logs");
    assert!(collect(dir.path()).unwrap().contains("log files: 0"));
    fs::create_dir_all(&logs).unwrap();
    fs::write(logs.join("xianjie.2020-01-02.log"), "cli second day\n").unwrap();
    fs::write(logs.join("xianjie-app.2020-01-01.log"), "app first day\n").unwrap();
    fs::write(logs.join("xianjie.2020-01-01.log"), "cli first day\n").unwrap();
    fs::write(logs.join("notes.txt"), "not a log\n").unwrap();

    let guard = init(dir.path(), "xianjie-app", "0.2.0").unwrap();
    record_long_task("import", Duration::from_millis(20), 5);
    let text = collect(dir.path()).unwrap();
    drop(guard);

    assert!(
        text.contains(&format!(
            "os: {} {}",
            std::env::consts::OS,
            std::env::consts::ARCH
        )),
        "{text}"
    );
    assert!(text.contains("running: xianjie-app 0.2.0"), "{text}");
    assert!(text.contains("diagnostics: xianjie-diagnostics "), "{text}");
    assert!(text.contains("log files: 4"), "{text}");
    assert!(!text.contains("not a log"));
    let order: Vec<usize> = [
        "===== xianjie.2020-01-01.log",
        "===== xianjie-app.2020-01-01.log",
        "===== xianjie.2020-01-02.log",
        "long_task operation=import elapsed_ms=20 items=5",
    ]
    .iter()
    .map(|needle| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing:\n{text}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{text}");
}
