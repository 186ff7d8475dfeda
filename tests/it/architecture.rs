//! ARCHITECTURE.md's invariants, checked over the source tree where a grep can: each test
//! names the invariant it keeps and the files that break it.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir` (relative to the repository), recursively.
fn rust_files(dir: &str) -> Vec<PathBuf> {
    fn walk(p: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(p) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&crate::root().join(dir), &mut out);
    out
}

/// The files of `dirs` whose text (comments aside) matches `hit`.
fn offenders(dirs: &[&str], hit: impl Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for d in dirs {
        for f in rust_files(d) {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            let code: String = text
                .lines()
                .filter(|l| {
                    let t = l.trim_start();
                    !t.starts_with("//") && !t.starts_with("///") && !t.starts_with("//!")
                })
                .collect::<Vec<_>>()
                .join("\n");
            if hit(&code) {
                out.push(f.display().to_string());
            }
        }
    }
    out
}

/// "Only src-tauri knows Tauri": no other crate names it.
#[test]
fn only_the_app_knows_tauri() {
    let bad = offenders(
        &[
            "src",
            "crates/domain",
            "crates/sheet",
            "crates/store",
            "crates/documents",
        ],
        |code| code.contains("tauri::") || code.contains("use tauri"),
    );
    assert!(bad.is_empty(), "{bad:?}");
}

/// "The store is the only SQL boundary": no SQL statement outside `crates/store` (tests aside).
#[test]
fn sql_lives_in_the_store() {
    let sql = |code: &str| {
        [
            "SELECT ",
            "INSERT INTO",
            "UPDATE ",
            "DELETE FROM",
            "CREATE TABLE",
        ]
        .iter()
        .any(|k| code.contains(&format!("\"{k}")))
            || code.contains("rusqlite::")
    };
    let bad: Vec<String> = offenders(
        &[
            "src",
            "src-tauri/src",
            "crates/domain/src",
            "crates/sheet/src",
            "crates/documents/src",
        ],
        sql,
    )
    .into_iter()
    // The one known exception: the domain's error type converts SQLite's (feature `sqlite`).
    .filter(|f| !f.replace('\\', "/").ends_with("crates/domain/src/error.rs"))
    .collect();
    assert!(bad.is_empty(), "{bad:?}");
}

/// "Doors cannot write around the service": the context's store is the service's own (no
/// public accessor, no `Deref` to `Store`), and no door uses the tests' accessor.
#[test]
fn the_store_is_reachable_only_from_the_service() {
    let service = std::fs::read_to_string(crate::root().join("src/service/mod.rs")).unwrap();
    assert!(!service.contains("pub fn store_mut"));
    assert!(!service.contains("pub fn store("));
    assert!(!service.contains("impl std::ops::Deref for Context"));
    let bad = offenders(&["src/cli", "src-tauri/src"], |code| {
        code.contains("testing_store")
    });
    assert!(bad.is_empty(), "{bad:?}");
}

/// "The doors decide nothing": the app's commands and the CLI call the service, never the
/// store's writing functions directly.
#[test]
fn doors_call_the_service_not_the_store() {
    let bad = offenders(&["src/cli", "src-tauri/src"], |code| {
        code.contains("store_mut()") || code.contains("Store::open(")
    });
    assert!(bad.is_empty(), "{bad:?}");
}

/// "The repository stands alone": no file cites the shared spec outside it.
#[test]
fn nothing_cites_outside_the_repository() {
    let mut bad = Vec::new();
    for d in [
        "src",
        "src-tauri/src",
        "crates",
        "tests",
        "docs",
        "scripts",
        "ui/src",
    ] {
        let mut stack = vec![crate::root().join(d)];
        while let Some(p) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&p) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                if path.is_dir() {
                    if !path.ends_with("node_modules") && !path.ends_with("snapshots") {
                        stack.push(path);
                    }
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                // Split so that this file does not name them itself.
                if text.contains(concat!("DOMAIN", ".md"))
                    || text.contains(concat!("../", "shared"))
                {
                    bad.push(path.display().to_string());
                }
            }
        }
    }
    assert!(bad.is_empty(), "{bad:?}");
}
