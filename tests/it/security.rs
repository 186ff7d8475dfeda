//! SECURITY.md stays true: the capability list matches `src-tauri/capabilities/*.json`, the
//! CSP has no `unsafe-eval` and no remote URL, private files are 0600, and lists and import
//! errors mask ID numbers.

use crate::bad_input::id;
use crate::root;
use std::collections::BTreeSet;

fn security_md() -> String {
    std::fs::read_to_string(root().join("SECURITY.md")).unwrap()
}

/// Permissions in the capability files.
fn granted() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in std::fs::read_dir(root().join("src-tauri/capabilities")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            for perm in v["permissions"].as_array().unwrap() {
                // A permission is a string or `{ "identifier": …, scope }`.
                let name = perm
                    .as_str()
                    .or_else(|| perm["identifier"].as_str())
                    .unwrap();
                out.insert(name.to_string());
            }
        }
    }
    out
}

/// First-column `code` of the table under “## Tauri capabilities”.
fn documented() -> BTreeSet<String> {
    let md = security_md();
    let section = md
        .split("\n## ")
        .find(|s| s.starts_with("Tauri capabilities"))
        .unwrap();
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn security_md_lists_exactly_the_granted_permissions() {
    let (granted, documented) = (granted(), documented());
    assert!(!granted.is_empty());
    assert_eq!(documented, granted, "SECURITY.md vs src-tauri/capabilities");
}

#[test]
fn csp_has_no_eval_and_no_remote_urls() {
    let conf: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tauri.conf.json")).unwrap())
            .unwrap();
    let csp = conf["app"]["security"]["csp"].as_object().unwrap();
    assert_eq!(csp["script-src"], "'self'");
    for (k, v) in csp {
        let v = v.as_str().unwrap();
        assert!(!v.contains("unsafe-eval"), "{k}: {v}");
        for word in v.split_whitespace() {
            let remote = word.starts_with("https:") || word.starts_with("http:") || word == "*";
            // Tauri's own IPC origin is the one http URL allowed.
            assert!(!remote || word == "http://ipc.localhost", "{k}: {word}");
        }
    }
    assert_eq!(conf["app"]["withGlobalTauri"], false);
    let text = std::fs::read_to_string(root().join("tauri.conf.json")).unwrap();
    for url in text.split('"').filter(|s| s.starts_with("http")) {
        let local = url.starts_with("http://localhost") || url == "http://ipc.localhost";
        let schema = url.starts_with("https://schema.tauri.app/");
        assert!(local || schema, "remote URL in tauri.conf.json: {url}");
    }
}

#[cfg(unix)]
#[test]
fn database_and_wal_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let db = dir.path().join("sub/office.db");
    let store = xianjie::store::Store::open(&db).unwrap();
    let mut store = store;
    store.set_settings(&[("probe", Some("1"))], "测试").unwrap();
    assert_eq!(mode(&db), 0o600, "database");
    for suffix in ["-wal", "-shm"] {
        let p = dir.path().join(format!("sub/office.db{suffix}"));
        if p.exists() {
            assert_eq!(mode(&p), 0o600, "{suffix}");
        }
    }
}

#[test]
fn masking_rules() {
    let g = id("11010120030515123");
    let parsed = xianjie::id_number::IdNumber::parse(&g).unwrap();
    assert_eq!(parsed.masked(), format!("{}********{}", &g[..6], &g[14..]));
    assert!(!format!("{parsed:?}").contains(&g[6..14]));
    assert_eq!(xianjie::id_number::mask_text(&g), parsed.masked());
    // Invalid numbers identify nobody: shown as typed.
    assert_eq!(
        xianjie::id_number::mask_text("110101200305151230"),
        "110101200305151230"
    );
    assert_eq!(
        xianjie::id_number::mask_mobile("13812345678"),
        "138****5678"
    );
    assert_eq!(xianjie::id_number::mask_mobile("123"), "***");
}

/// A valid duplicate ID number in a roster error is masked; an invalid one is shown as typed.
#[test]
fn import_errors_mask_valid_id_numbers() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let g = id("11010120030515123");
    let bad = "110101200305151230";
    let branch = xianjie::service::demo::college::branch_names()[0].clone();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["姓名", "身份证号", "团支部", "入团时间", "团员发展编号"]
        .iter()
        .enumerate()
    {
        ws.write(0, c as u16, *h).unwrap();
    }
    for (r, (name, idn)) in [
        ("王小明", g.as_str()),
        ("王小红", g.as_str()),
        ("李四", bad),
    ]
    .iter()
    .enumerate()
    {
        let r = r as u32 + 1;
        ws.write(r, 0, *name).unwrap();
        ws.write(r, 1, *idn).unwrap();
        ws.write(r, 2, branch.as_str()).unwrap();
        ws.write(r, 3, "2018-05").unwrap();
        ws.write(r, 4, "201805123456").unwrap();
    }
    let p = dir.path().join("dup.xlsx");
    wb.save(&p).unwrap();
    let db = dir.path().join("office.db");
    xianjie::service::demo::college::create(&db, "测试").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xianjie"))
        .args(["import", "--dry-run"])
        .arg(&p)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("重复"), "{text}");
    assert!(
        !text.contains(&g),
        "full valid ID number in output:\n{text}"
    );
    assert!(
        text.contains(&format!("{}********{}", &g[..6], &g[14..])),
        "{text}"
    );
    assert!(
        text.contains(bad),
        "an invalid number is shown as typed:\n{text}"
    );
}
