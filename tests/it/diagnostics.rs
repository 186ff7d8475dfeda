//! Issue 25, diagnostics that leak nothing: the CLI writes its log beside the database (codes,
//! timings, versions); `xianjie diagnostics export` of the demo college holds none of its
//! people's names, ID numbers or phone numbers, nor its org names, and reports the store's
//! checks; a panic leaves its backtrace in the log, its message scrubbed.

use std::path::Path;
use std::process::{Command, Stdio};
use xianjie::service::{demo, Clock};

fn cli(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xianjie"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("XIANJIE_TODAY", "2026-07-20")
        .env("XIANJIE_OPERATOR", "测试")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Everything of the store that identifies someone or something: people's names, ID numbers,
/// mobiles, org names, and the office's contact details.
fn personal(ctx: &xianjie::service::Context) -> Vec<String> {
    let s = ctx.testing_store();
    let mut out = Vec::new();
    for o in s.orgs().unwrap() {
        out.push(o.full_name.clone());
        for m in s.members_of_branch(o.id).unwrap() {
            out.push(m.name.clone());
            out.push(m.id_number.as_str().to_string());
            out.push(m.id_number.as_str()[6..14].to_string());
            out.extend(m.mobile.clone());
        }
    }
    let office = demo::office_input();
    out.extend([
        office.handler,
        office.office_phone,
        office.mobile,
        office.address,
    ]);
    out.retain(|t| t.chars().count() >= 2);
    out
}

#[test]
fn the_diagnostics_of_the_demo_college_hold_no_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("演示").join("demo.db");
    let on = chrono::NaiveDate::from_ymd_opt(2026, 7, 20).unwrap();
    let (ctx, _) = demo::create(&db, Some("测试"), Clock::Fixed(on)).unwrap();
    let secrets = personal(&ctx);
    assert!(secrets.len() > 600, "{}", secrets.len());

    // Some work to log: a list, an import (dry run), refusals.
    let list = dir.path().join("名单.xlsx");
    assert!(cli(
        &db,
        &[
            "graduates",
            "--year",
            "2026",
            "--xlsx",
            list.to_str().unwrap()
        ]
    )
    .status
    .success());
    let roster = crate::root().join("fixtures/demo/demo-roster.xlsx");
    let o = cli(&db, &["import", roster.to_str().unwrap(), "--dry-run"]);
    assert!(o.status.code().is_some(), "{o:?}");
    let o = cli(&db, &["backup", "restore", "20000101-000000-manual"]);
    assert!(!o.status.success());
    let o = cli(&db, &["package", "import", list.to_str().unwrap()]);
    assert!(!o.status.success());

    let out = dir.path().join("诊断信息.txt");
    let o = cli(&db, &["diagnostics", "export", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    for needle in [
        "integrity_check: ok",
        "audit_chain:",
        "intact",
        &format!("schema_version: {}", xianjie::store::latest_version()),
        "operation=backup.restore",
        "code=not_found",
        "operation=package.import",
        "operation=import_dry_run",
        "long_task",
        "program=xianjie",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
    for s in &secrets {
        assert!(
            !text.contains(s.as_str()),
            "personal data in the diagnostics: {s}"
        );
    }
    // No path either (they carry the user's and the folders' names).
    assert!(!text.contains("演示") && !text.contains(&dir.path().display().to_string()));
}

#[test]
fn a_panic_leaves_its_backtrace_in_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let o = cli(&db, &["diagnostics", "panic"]);
    assert!(!o.status.success());
    // The previous hook still ran: the panic is on stderr as usual.
    assert!(String::from_utf8_lossy(&o.stderr).contains("self-test panic"));
    let logs = dir.path().join("logs");
    let log: String = std::fs::read_dir(&logs)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("xianjie."))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(log.contains("panicked"), "{log}");
    // The location (a path as the compiler saw it: either separator).
    assert!(
        log.contains("cli/diagnostics.rs") || log.contains("cli\\diagnostics.rs"),
        "the location: {log}"
    );
    assert!(log.contains("self-test panic"), "{log}");
    assert!(
        !log.contains("110105194912310021"),
        "the message scrubbed: {log}"
    );
    // A real backtrace (captured whatever RUST_BACKTRACE says): numbered frames, and, with
    // symbols (the dev profile; the stripped Windows build's frames have no names), this
    // program's own.
    assert!(log.contains("backtrace"), "{log}");
    let frames = log
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            digits > 0 && t[digits..].starts_with(": ")
        })
        .count();
    assert!(frames >= 3, "{frames} frames: {log}");
    if cfg!(debug_assertions) {
        assert!(
            log.contains("cli::diagnostics::run"),
            "a frame of the CLI: {log}"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&logs), 0o700);
    }
}
