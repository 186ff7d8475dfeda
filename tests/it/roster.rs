//! Integration tests of the roster area: reading, validation, the messy and demo fixtures.

use crate::root;
use std::collections::BTreeSet;
use xianjie::sheet::validate::{check, Checked};
use xianjie::sheet::workbook::{self, Table};
use xianjie_testdata::synth::messy;

fn table(rel: &str) -> Table {
    workbook::read(&root().join(rel), None, &[]).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn letter(column: &str) -> String {
    column
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .collect()
}

fn messy_check(ext: &str) -> (Table, Checked) {
    let t = table(&format!("fixtures/roster/messy-roster.{ext}"));
    let c = check(&t);
    (t, c)
}

#[test]
fn messy_roster_reports_every_bad_row_with_row_and_column() {
    for ext in ["xlsx", "xls"] {
        let (t, c) = messy_check(ext);
        assert_eq!(t.header_row, 3, "{ext}");
        assert_eq!(t.first_data_row, 3, "{ext}");
        let got: BTreeSet<(u32, String)> = c
            .errors
            .iter()
            .map(|e| (e.row, letter(&e.column)))
            .collect();
        let want: BTreeSet<(u32, String)> = messy::EXPECTED
            .iter()
            .map(|(r, col, _)| (*r, col.to_string()))
            .collect();
        assert_eq!(got, want, "{ext}: {:#?}", c.errors);
        for (r, col, fragment) in messy::EXPECTED {
            let e = c
                .errors
                .iter()
                .find(|e| e.row == *r && letter(&e.column) == *col)
                .unwrap_or_else(|| panic!("{ext}: no error at {col}{r}"));
            assert!(
                e.message.contains(fragment),
                "{ext} {col}{r}: {}",
                e.message
            );
        }
        let valid: Vec<u32> = c.valid.iter().map(|v| v.row).collect();
        assert_eq!(valid, messy::VALID_ROWS, "{ext}");
        let warned: Vec<(u32, String)> = c
            .warnings
            .iter()
            .map(|w| (w.row, letter(&w.column)))
            .collect();
        let want_warn: Vec<(u32, String)> = messy::WARNINGS
            .iter()
            .map(|(r, c)| (*r, c.to_string()))
            .collect();
        assert_eq!(warned, want_warn, "{ext}");
        assert_eq!(c.rows, 36, "{ext}");
    }
}

#[test]
fn xls_and_xlsx_read_the_same_rows() {
    for stem in ["fixtures/roster/messy-roster", "fixtures/demo/demo-roster"] {
        let a = check(&table(&format!("{stem}.xlsx")));
        let b = check(&table(&format!("{stem}.xls")));
        assert_eq!(a.valid, b.valid, "{stem}");
        assert_eq!(a.errors, b.errors, "{stem}");
        assert_eq!(a.warnings, b.warnings, "{stem}");
    }
}

#[test]
fn demo_roster_is_clean() {
    let c = check(&table("fixtures/demo/demo-roster.xlsx"));
    assert!(c.errors.is_empty(), "{:#?}", c.errors);
    assert_eq!(c.valid.len(), c.rows);
    assert!((290..=310).contains(&c.rows), "{}", c.rows);
}

// ---- against a store ----

use xianjie::org::OrgLevel;
use xianjie::store::import::{ImportOptions, ImportReport};

/// The store's import with nobody watching.
fn import(
    s: &mut Store,
    path: &std::path::Path,
    opts: &ImportOptions,
    op: &str,
) -> xianjie::Result<ImportReport> {
    xianjie::store::import::import(s, path, opts, op, &xianjie::Watch::NONE)
}
use xianjie::store::{NewOrg, Store};

const OP: &str = "测试员";

fn store_with_college() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut s = Store::open(&dir.path().join("t.db")).unwrap_or_else(|e| panic!("{e}"));
    s.create_org(
        &NewOrg::new("共青团测试学院委员会", OrgLevel::Committee, None),
        OP,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    (dir, s)
}

fn run(s: &mut Store, rel: &str, opts: &ImportOptions) -> ImportReport {
    import(s, &root().join(rel), opts, OP).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn creating() -> ImportOptions {
    ImportOptions {
        create_branches_under: Some("共青团测试学院委员会".into()),
        ..ImportOptions::default()
    }
}

fn member_count(s: &Store) -> i64 {
    s.inspect()
        .query_row("SELECT count(*) FROM members", [], |r| r.get(0))
        .unwrap_or(-1)
}

#[test]
fn messy_import_commits_valid_rows_and_reimport_changes_nothing() {
    let (_d, mut s) = store_with_college();
    let first = run(&mut s, "fixtures/roster/messy-roster.xlsx", &creating());
    assert!(first.committed);
    assert_eq!(first.inserted, messy::VALID_ROWS.len());
    assert_eq!((first.updated, first.unchanged), (0, 0));
    assert_eq!(first.errors.len(), messy::EXPECTED.len());
    assert_eq!(first.created_branches.len(), 2);
    assert_eq!(member_count(&s), messy::VALID_ROWS.len() as i64);
    for ext in ["xlsx", "xls"] {
        let again = run(
            &mut s,
            &format!("fixtures/roster/messy-roster.{ext}"),
            &creating(),
        );
        assert_eq!((again.inserted, again.updated), (0, 0), "{ext}");
        assert_eq!(again.unchanged, messy::VALID_ROWS.len(), "{ext}");
        assert!(again.created_branches.is_empty());
        assert!(!again.committed, "{ext}: nothing to write");
    }
}

#[test]
fn dry_run_reports_exactly_what_the_commit_does() {
    let (_d, mut s) = store_with_college();
    let dry = run(
        &mut s,
        "fixtures/roster/messy-roster.xlsx",
        &ImportOptions {
            dry_run: true,
            ..creating()
        },
    );
    assert_eq!(member_count(&s), 0, "a dry run writes nothing");
    let commit = run(&mut s, "fixtures/roster/messy-roster.xlsx", &creating());
    let strip = |r: &ImportReport| ImportReport {
        dry_run: false,
        committed: false,
        ..r.clone()
    };
    assert_eq!(strip(&dry), strip(&commit));
    assert!(dry.dry_run && commit.committed);
    // After the commit, a dry run of the demo-like second import again matches its commit.
    let dry2 = run(
        &mut s,
        "fixtures/roster/messy-roster.xls",
        &ImportOptions {
            dry_run: true,
            ..creating()
        },
    );
    let commit2 = run(&mut s, "fixtures/roster/messy-roster.xls", &creating());
    assert_eq!(strip(&dry2), strip(&commit2));
}

#[test]
fn missing_branches_are_listed_and_their_rows_refused() {
    let (_d, mut s) = store_with_college();
    let r = run(
        &mut s,
        "fixtures/roster/messy-roster.xlsx",
        &ImportOptions::default(),
    );
    assert_eq!(r.inserted, 0);
    assert_eq!(
        r.missing_branches,
        vec![messy::BRANCH.to_string(), messy::BRANCH2.to_string()]
    );
    assert_eq!(
        r.errors.len(),
        messy::EXPECTED.len() + messy::VALID_ROWS.len()
    );
    // The core's words are the same for both doors: no CLI flag in them (#18 finding 5; the
    // CLI adds its hint to its own summary line). Every error names the row's person.
    assert!(r.errors.iter().any(|e| e.message.contains("在库中不存在")));
    assert!(!r.errors.iter().any(|e| e.message.contains("--")));
    assert!(r.errors.iter().filter(|e| !e.name.is_empty()).count() > r.errors.len() / 2);
    assert_eq!(member_count(&s), 0);
}

#[test]
fn all_or_nothing_writes_nothing_when_any_row_is_bad() {
    let (_d, mut s) = store_with_college();
    let r = run(
        &mut s,
        "fixtures/roster/messy-roster.xlsx",
        &ImportOptions {
            all_or_nothing: true,
            ..creating()
        },
    );
    assert!(!r.committed);
    assert_eq!((r.inserted, r.updated, r.unchanged), (0, 0, 0));
    assert_eq!(r.errors.len(), messy::EXPECTED.len());
    assert_eq!(member_count(&s), 0);
    let orgs: i64 = s
        .inspect()
        .query_row("SELECT count(*) FROM orgs", [], |r| r.get(0))
        .unwrap_or(-1);
    assert_eq!(orgs, 1, "no branch created either");
}

#[test]
fn same_id_under_another_name_in_the_store_is_a_duplicate() {
    let (_d, mut s) = store_with_college();
    run(&mut s, "fixtures/roster/messy-roster.xlsx", &creating());
    // Rename the stored member of row 4 behind the import's back.
    s.inspect()
        .execute(
            "UPDATE members SET name = '另一个人' WHERE id = (SELECT min(id) FROM members)",
            [],
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let r = run(&mut s, "fixtures/roster/messy-roster.xlsx", &creating());
    let dup: Vec<_> = r
        .errors
        .iter()
        .filter(|e| e.message.contains("M2") && e.row == 4)
        .collect();
    assert_eq!(dup.len(), 1, "{:#?}", r.errors);
    assert!(dup[0].message.contains("另一个人"));
    assert_eq!(r.updated, 0);
}

#[test]
fn an_edited_row_is_updated_once() {
    let (dir, mut s) = store_with_college();
    run(&mut s, "fixtures/roster/messy-roster.xlsx", &creating());
    // Same roster with one mobile changed.
    let mut spec = messy::sheet();
    let row = &mut spec.rows[3];
    row[8] = xianjie_testdata::synth::Cell::text("13700000000");
    let path = dir.path().join("edited.xlsx");
    spec.write_xlsx(&path).unwrap_or_else(|e| panic!("{e}"));
    let r = import(&mut s, &path, &creating(), OP).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((r.inserted, r.updated), (0, 1));
    assert_eq!(r.unchanged, messy::VALID_ROWS.len() - 1);
    let audited: i64 = s
        .inspect()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'member' AND action = 'update' AND new_json LIKE '%13700000000%'",
            [],
            |r| r.get(0),
        )
        .unwrap_or(-1);
    assert_eq!(audited, 1);
}

#[test]
fn explicit_mapping_overrides_synonyms() {
    let (dir, mut s) = store_with_college();
    let mut spec = messy::sheet();
    // Rename the ID column to something no synonym knows.
    spec.rows[1][3] = xianjie_testdata::synth::Cell::text("证件编码");
    let path = dir.path().join("mapped.xlsx");
    spec.write_xlsx(&path).unwrap_or_else(|e| panic!("{e}"));
    let plain = import(
        &mut s,
        &path,
        &ImportOptions {
            dry_run: true,
            ..creating()
        },
        OP,
    );
    assert!(plain.is_err(), "no ID column without a mapping");
    let opts = ImportOptions {
        maps: vec![
            xianjie::sheet::ColumnMap::parse("证件编码=身份证号").unwrap_or_else(|e| panic!("{e}"))
        ],
        ..creating()
    };
    let r = import(&mut s, &path, &opts, OP).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.inserted, messy::VALID_ROWS.len());
}

#[test]
fn demo_database_has_every_destination_kind_and_reimports_unchanged() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("demo.db");
    let rep = xianjie::service::demo::college::create(&db, OP).unwrap_or_else(|e| panic!("{e}"));
    assert!(rep.errors.is_empty(), "{:#?}", rep.errors);
    assert_eq!(rep.inserted, rep.rows);
    let mut s = Store::open(&db).unwrap_or_else(|e| panic!("{e}"));
    let kinds: i64 = s
        .inspect()
        .query_row("SELECT count(DISTINCT kind) FROM destinations", [], |r| {
            r.get(0)
        })
        .unwrap_or(-1);
    assert_eq!(
        kinds,
        xianjie::destination::DestinationKind::ALL.len() as i64
    );
    for ext in ["xlsx", "xls"] {
        let r = run(
            &mut s,
            &format!("fixtures/demo/demo-roster.{ext}"),
            &ImportOptions::default(),
        );
        assert_eq!(
            (r.inserted, r.updated, r.unchanged),
            (0, 0, rep.rows),
            "{ext}"
        );
    }
    drop(s);
    // Re-creating a demo database is allowed; overwriting another database is not.
    xianjie::service::demo::college::create(&db, OP).unwrap_or_else(|e| panic!("{e}"));
    let other = dir.path().join("real.db");
    Store::open(&other).unwrap_or_else(|e| panic!("{e}"));
    assert!(xianjie::service::demo::college::create(&other, OP).is_err());
}

#[test]
fn deferred_date_must_be_later_than_the_branch_date() {
    use xianjie_testdata::synth::{demo, Cell};
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut s = Store::open(&dir.path().join("m3.db")).unwrap_or_else(|e| panic!("{e}"));
    xianjie::service::demo::college::build_tree(
        &mut s,
        &xianjie::service::demo::college::org_tree(),
        OP,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut spec = demo::sheet();
    let col = |h: &str| {
        demo::HEADERS
            .iter()
            .position(|x| *x == h)
            .unwrap_or(usize::MAX)
    };
    let (mark, until) = (col("标记"), col("延迟毕业时间"));
    let i = spec
        .rows
        .iter()
        .position(|r| r.get(mark) == Some(&Cell::text("延迟毕业团员")))
        .unwrap_or_else(|| panic!("the demo has deferred graduates"));
    spec.rows[i][until] = Cell::text("2026-07");
    let path = dir.path().join("m3.xlsx");
    spec.write_xlsx(&path).unwrap_or_else(|e| panic!("{e}"));
    let r = import(&mut s, &path, &ImportOptions::default(), OP).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.errors.len(), 1, "{:#?}", r.errors);
    assert_eq!(r.errors[0].row, i as u32 + 1);
    assert!(r.errors[0]
        .column
        .starts_with(&xianjie::sheet::workbook::column_letter(until as u32)));
    assert!(r.errors[0].message.contains("M3"));
    assert_eq!(r.inserted, r.rows - 1);
}

#[test]
fn unknown_sheet_and_unreadable_file_are_clear_errors() {
    let e = workbook::read(
        &root().join("fixtures/roster/messy-roster.xlsx"),
        Some("不存在"),
        &[],
    )
    .err()
    .map(|e| e.message)
    .unwrap_or_default();
    assert!(e.contains("不存在") && e.contains("毕业生团员"), "{e}");
    let e = workbook::read(&root().join("Cargo.toml"), None, &[])
        .err()
        .map(|e| e.message)
        .unwrap_or_default();
    assert!(e.contains("无法打开"), "{e}");
}

// ---- CLI output ----

/// A reader that closes the pipe early (`xianjie graduates --year 2026 | head`) is success:
/// exit 0 and no panic, for the table, the JSON and the audit listing.
/// The audit entries of `entity` and `action`, in order.
fn audited(s: &Store, entity: &str, action: &str) -> Vec<xianjie::store::audit::AuditEntry> {
    let entries = s.audit_entries(None).unwrap_or_else(|e| panic!("{e}"));
    entries
        .into_iter()
        .filter(|e| e.entity == entity && e.action == action)
        .collect()
}

/// The members an import creates are audited a thousand to an entry, listing each with its
/// values and stored id, after the entry creating its branch; the branches' agreed G1 dates
/// are marked at the end; the chain stays whole; `audit` shows a line per member.
#[test]
fn an_import_audits_every_created_member_in_entries_of_a_thousand() {
    let (dir, mut s) = store_with_college();
    let path = dir.path().join("large.xlsx");
    xianjie_testdata::synth::large::sheet(2_100, 7)
        .write_xlsx(&path)
        .unwrap_or_else(|e| panic!("{e}"));
    let rep = import(&mut s, &path, &creating(), OP).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rep.inserted, 2_100, "{:?}", rep.errors);
    let entries = s.audit_entries(None).unwrap_or_else(|e| panic!("{e}"));
    let parts = audited(&s, "member", "import");
    assert_eq!(parts.len(), 3);
    let mut listed: Vec<(i64, String, String)> = Vec::new();
    // Branch id → the entry creating it.
    let created: std::collections::HashMap<i64, i64> = entries
        .iter()
        .filter(|e| e.entity == "org" && e.action == "create")
        .filter_map(|e| Some((e.entity_id?, e.id)))
        .collect();
    assert_eq!(created.len(), rep.created_branches.len() + 1);
    for (k, entry) in parts.iter().enumerate() {
        assert_eq!((entry.operator.as_str(), entry.entity_id), (OP, None));
        let new = entry.new.as_ref().unwrap_or_else(|| panic!("{entry:?}"));
        assert_eq!(new["file"], rep.file.as_str());
        assert_eq!(new["sheet"], rep.sheet.as_str());
        assert_eq!(new["part"], (k + 1).to_string());
        let rows = xianjie::store::audit::records(new).unwrap_or_else(|| panic!("{new}"));
        assert_eq!(new["count"], rows.len());
        for r in rows {
            let text = |k: &str| r[k].as_str().unwrap_or_default().to_string();
            let branch = r["branch_id"].as_i64().unwrap_or(-1);
            let org_entry = created.get(&branch).copied().unwrap_or(i64::MAX);
            assert!(
                org_entry < entry.id,
                "branch {branch} audited after its members"
            );
            listed.push((
                r["id"].as_i64().unwrap_or(-1),
                text("name"),
                text("id_number"),
            ));
        }
    }
    let stored: Vec<(i64, String, String)> = s
        .inspect()
        .prepare("SELECT id, name, id_number FROM members ORDER BY id")
        .and_then(|mut st| {
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(listed, stored);
    // A created branch's G1 date is in its creation entry, or in the update withdrawing it.
    let dates: std::collections::HashMap<i64, Option<String>> = s
        .inspect()
        .prepare("SELECT id, graduates FROM orgs WHERE level = 'branch'")
        .and_then(|mut st| st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(dates.values().any(Option::is_some));
    for e in entries
        .iter()
        .filter(|e| e.entity == "org" && e.entity_id != Some(1))
    {
        let id = e.entity_id.unwrap_or(-1);
        let last = entries
            .iter()
            .rfind(|x| x.entity == "org" && x.entity_id == Some(id))
            .unwrap_or(e);
        let audited = last.new.as_ref().map(|n| n["graduates"].clone());
        let stored = dates.get(&id).cloned().flatten();
        assert_eq!(
            audited,
            Some(stored.map_or(serde_json::Value::Null, Into::into)),
            "{e:?}"
        );
    }
    s.verify_audit()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_result()
        .unwrap_or_else(|e| panic!("{e}"));
    drop(s);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xianjie"))
        .arg("audit")
        .arg("--db")
        .arg(dir.path().join("t.db"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert_eq!(text.matches("新建 1000 条").count(), 2);
    assert_eq!(text.matches("新建 100 条").count(), 1);
    let members = text.lines().filter(|l| l.starts_with("  + ")).count();
    assert_eq!(members, stored.len());
    for (_, name, _) in stored.iter().step_by(97) {
        assert!(text.contains(name.as_str()), "{name}");
    }
}

/// G1 for the branches an import creates: the 毕业时间 all their rows name, none when the
/// rows disagree (the creation entry holds the first row's, an update withdraws it).
#[test]
fn a_created_branch_is_marked_only_when_its_rows_agree() {
    let (dir, mut s) = store_with_college();
    let mut spec = xianjie_testdata::synth::large::sheet(60, 3);
    spec.rows[5][11] = xianjie_testdata::synth::Cell::text("2027-07");
    let path = dir.path().join("mixed.xlsx");
    spec.write_xlsx(&path).unwrap_or_else(|e| panic!("{e}"));
    let rep = import(&mut s, &path, &creating(), OP).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rep.created_branches.len(), 2);
    let dates: Vec<(i64, Option<String>)> = s
        .inspect()
        .prepare("SELECT id, graduates FROM orgs WHERE level = 'branch' ORDER BY id")
        .and_then(|mut st| st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dates.len(), 2);
    assert_eq!(dates[0].1, None, "the rows disagree");
    assert_eq!(dates[1].1.as_deref(), Some("2026-07"));
    let updates = audited(&s, "org", "update");
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].entity_id, Some(dates[0].0));
    let old = updates[0].old.as_ref().map(|o| o["graduates"].clone());
    assert_eq!(old, Some("2026-07".into()));
    s.verify_audit()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_result()
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn output_into_a_closed_pipe_is_success() {
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("demo.db");
    xianjie::service::demo::college::create(&db, OP).unwrap_or_else(|e| panic!("{e}"));
    for args in [
        &["graduates", "--year", "2026"][..],
        &["graduates", "--year", "2026", "--json"][..],
        &["audit"][..],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xianjie"))
            .args(args)
            .arg("--db")
            .arg(&db)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        // Close the reading end before the program writes its first line.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?} {err}", out.status);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// #7: a million-row roster is refused from the sheet's declared size, before its cells are
/// read, with a message naming the file, the rows and the limit. The file here declares
/// 1,000,001 rows but holds two (a header and one far-down cell), so the test is small.
#[test]
fn a_million_row_sheet_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("huge.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["姓名", "身份证号", "团支部", "入团时间"]
        .iter()
        .enumerate()
    {
        sheet
            .write_string(0, c as u16, *h)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    sheet
        .write_string(1_000_000, 0, "张三")
        .unwrap_or_else(|e| panic!("{e}"));
    book.save(&path).unwrap_or_else(|e| panic!("{e}"));
    let e = workbook::read(&path, None, &[])
        .err()
        .unwrap_or_else(|| panic!("a million rows must be refused"));
    assert_eq!(e.code, xianjie::ErrorCode::InvalidInput);
    for part in ["huge.xlsx", "1000001 行", "上限 200000 行", "拆分"] {
        assert!(e.message.contains(part), "{part}: {}", e.message);
    }
    assert_eq!(workbook::MAX_ROWS, 200_000);
}

/// A large sheet is streamed in chunks (roster::stream) while rows are written: the report
/// equals the whole-sheet path's (read, check, plan) row for row, with errors and in-file
/// duplicates on both sides of chunk boundaries, empty rows and a gap of empty rows.
#[test]
fn a_streamed_sheet_reports_exactly_what_the_whole_sheet_does() {
    use xianjie::sheet::stream::{self, Input, Split};
    use xianjie_testdata::synth::{large, Cell};
    let (dir, mut s) = store_with_college();
    let mut sheet = large::sheet(5_000, 7);
    let id_col = large::HEADERS
        .iter()
        .position(|h| *h == "身份证号")
        .unwrap_or(3);
    let copy = sheet.rows[10][id_col].clone();
    sheet.rows[2_049][id_col] = copy.clone(); // duplicate of row 11, next chunk
    sheet.rows[2_048][id_col] = Cell::text("123"); // the last row of the first chunk
    sheet.rows[4_100][0] = Cell::Empty; // missing name
    sheet.rows[3_000] = vec![Cell::Empty; large::HEADERS.len()];
    for r in 3_500..3_520 {
        sheet.rows[r] = Vec::new(); // a gap of empty rows
    }
    sheet.rows.push(Vec::new());
    sheet.rows.push(sheet.rows[20].clone()); // a duplicate after a gap, at the very end
    let path = dir.path().join("large.xlsx");
    sheet.write_xlsx(&path).unwrap_or_else(|e| panic!("{e}"));

    let table = workbook::read(&path, None, &[]).unwrap_or_else(|e| panic!("{e}"));
    let checked = check(&table);
    let plan = xianjie::store::import::plan::plan(
        s.inspect(),
        &table,
        &checked,
        Some("共青团测试学院委员会"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut whole = checked.errors.clone();
    whole.extend(plan.errors.iter().cloned());
    whole.sort_by_key(|e| e.row);
    assert_eq!(whole.len(), 4, "{whole:?}");

    // Rows checked by the reader as cells come, or handed over and checked by the caller.
    for split in [Split::Reader, Split::Caller, Split::Balanced] {
        let (rows, errors, warnings) = stream::check_split(Input::File(&path), None, &[], split)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rows, checked.rows, "{split:?}");
        assert_eq!(errors, checked.errors, "{split:?}");
        assert_eq!(warnings, checked.warnings, "{split:?}");
    }

    let dry =
        xianjie::store::import::preview(&s, &path, &creating()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dry.errors, whole);
    assert_eq!(dry.rows, checked.rows);
    assert_eq!(dry.inserted, plan.inserted);
    assert_eq!(dry.created_branches.len(), plan.new_branches.len());

    let rep = import(&mut s, &path, &creating(), OP).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rep.errors, whole);
    assert_eq!(rep.inserted, plan.inserted);
    assert!(rep.committed);
    assert_eq!(member_count(&s), plan.inserted as i64);
    // G1 of the created branches: the 毕业时间 their rows agree on, set after the stream.
    let marked: i64 = s
        .inspect()
        .query_row(
            "SELECT count(*) FROM orgs WHERE level = 'branch' AND graduates IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap_or(-1);
    let agreed = plan
        .new_branches
        .iter()
        .filter(|b| b.graduates.is_some())
        .count();
    assert_eq!(marked, agreed as i64);
    assert!(s
        .verify_audit()
        .map(|c| c.broken_at.is_none())
        .unwrap_or(false));

    let again = import(&mut s, &path, &creating(), OP).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((again.inserted, again.updated), (0, 0));
}

/// An import writes with the enum CHECK constraints off (its values are typed); they are on
/// again afterwards, whether the import succeeded or failed.
#[test]
fn check_constraints_and_foreign_keys_are_back_on_after_an_import() {
    let (_dir, mut s) = store_with_college();
    let bad_sex = |s: &Store| {
        s.inspect()
            .execute(
                "UPDATE members SET sex = 'unknown' WHERE id = (SELECT min(id) FROM members)",
                [],
            )
            .is_err()
    };
    // The import also turns foreign keys off for its transaction (no statement journals).
    let keys_on = |s: &Store| {
        s.inspect()
            .query_row("PRAGMA foreign_keys", [], |r| r.get::<_, i64>(0))
            .ok()
            == Some(1)
    };
    run(&mut s, "fixtures/roster/messy-roster.xlsx", &creating());
    assert!(member_count(&s) > 0);
    assert!(bad_sex(&s), "CHECK constraints still off after a commit");
    assert!(keys_on(&s), "foreign keys still off after a commit");
    let opts = ImportOptions {
        create_branches_under: Some("没有这个组织".into()),
        ..ImportOptions::default()
    };
    let failed = import(
        &mut s,
        &root().join("fixtures/roster/messy-roster.xlsx"),
        &opts,
        OP,
    );
    assert!(failed.is_err());
    assert!(
        bad_sex(&s),
        "CHECK constraints still off after a failed import"
    );
    assert!(keys_on(&s), "foreign keys still off after a failed import");
}

/// 003 附件10 7.(5) and 000 #1 (issue 14): “无” is the development number of a member who
/// joined before 2017 and has none (stored as none); from 2017 on it is an error at its row and
/// column; a 群众 row is refused at its 政治面貌 cell; every other row imports as before.
#[test]
fn none_development_number_before_2017_and_masses_rows() {
    use xianjie_testdata::synth::{with_check, Cell};
    let (dir, mut s) = store_with_college();
    let mut spec = xianjie_testdata::synth::large::sheet(12, 5);
    // Row 2 (Excel): born 2001, joined 2016-09 at 15, no number → “无” accepted.
    spec.rows[1][3] = Cell::text(with_check("42050220010301123"));
    spec.rows[1][1] = Cell::text("男");
    spec.rows[1][7] = Cell::text("2016-09");
    spec.rows[1][8] = Cell::text("无");
    // Row 3: joined 2019 (from the generator), “无” → error at I3.
    spec.rows[2][8] = Cell::text("无");
    // Row 4: 群众 → error at J4.
    spec.rows[3][9] = Cell::text("群众");
    let path = dir.path().join("名单.xlsx");
    spec.write_xlsx(&path).unwrap_or_else(|e| panic!("{e}"));
    let rep = import(&mut s, &path, &creating(), OP).unwrap_or_else(|e| panic!("{e}"));
    let at: Vec<(u32, String)> = rep
        .errors
        .iter()
        .map(|e| (e.row, letter(&e.column)))
        .collect();
    assert_eq!(
        at,
        [(3, "I".to_string()), (4, "J".to_string())],
        "{:#?}",
        rep.errors
    );
    assert!(
        rep.errors[0].message.contains("不能填“无”"),
        "{}",
        rep.errors[0].message
    );
    assert!(
        rep.errors[1].message.contains("000 #1"),
        "{}",
        rep.errors[1].message
    );
    assert_eq!(rep.inserted, 10, "every other row imports");
    let devno: Option<String> = s
        .inspect()
        .query_row(
            "SELECT development_no FROM members WHERE id_number = ?1",
            [with_check("42050220010301123")],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(devno, None, "“无” is stored as no number");
    let masses: i64 = s
        .inspect()
        .query_row(
            "SELECT count(*) FROM members WHERE politics = 'masses'",
            [],
            |r| r.get(0),
        )
        .unwrap_or(-1);
    assert_eq!(masses, 0);
}

/// Issue 23: a roster's names are kept as typed — the branch it creates, the 学院, the unit
/// and the 转入组织 keep “（东校区）”, “出国（境）” and “，” byte for byte — and are matched
/// folded: the same file with half-width brackets finds the same branch and changes nothing.
#[test]
fn roster_names_are_kept_as_typed_and_matched_folded() {
    use xianjie_testdata::synth::Cell;
    let (dir, mut s) = store_with_college();
    let branch = "共青团测试学院（东校区）2022级（1）班团支部";
    let college = "测试学院（东校区）";
    let unit = "某某科技有限公司（武汉），研发部";
    let target = "共青团星河大学出国（境）学习研究团员团支部";
    let mut spec = xianjie_testdata::synth::large::sheet(3, 11);
    spec.rows[0].extend([Cell::text("工作单位"), Cell::text("转入组织")]);
    for r in 1..=3 {
        spec.rows[r][5] = Cell::text(college);
        spec.rows[r][6] = Cell::text(format!(" {branch}\u{3000}"));
        spec.rows[r][14] = Cell::text("已落实工作单位");
        spec.rows[r].extend([Cell::text(unit), Cell::text(target)]);
    }
    let path = dir.path().join("全角.xlsx");
    spec.write_xlsx(&path).unwrap_or_else(|e| panic!("{e}"));
    let rep = import(&mut s, &path, &creating(), OP).unwrap_or_else(|e| panic!("{e}"));
    assert!(rep.errors.is_empty(), "{:#?}", rep.errors);
    assert_eq!(rep.created_branches, vec![branch.to_string()]);
    let org = s
        .org_by_full_name("共青团测试学院(东校区)2022级(1)班团支部")
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("found by its half-width name"));
    assert_eq!(org.full_name.as_bytes(), branch.as_bytes());
    let members = s
        .members_of_branch(org.id)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(members.len(), 3);
    for m in &members {
        assert_eq!(m.college.as_deref(), Some(college));
        let d = m.destination.as_ref().and_then(|d| d.details.clone());
        let d = d.unwrap_or_else(|| panic!("details kept"));
        assert_eq!(d.unit_name.as_deref(), Some(unit));
        assert_eq!(d.target_org.as_deref(), Some(target));
    }
    // The same rows typed half-width name the same branch: nothing new, nothing changed.
    for r in 1..=3 {
        spec.rows[r][6] = Cell::text("共青团测试学院(东校区)2022级(1)班团支部");
    }
    let again = dir.path().join("半角.xlsx");
    spec.write_xlsx(&again).unwrap_or_else(|e| panic!("{e}"));
    let rep = import(&mut s, &again, &creating(), OP).unwrap_or_else(|e| panic!("{e}"));
    assert!(rep.errors.is_empty(), "{:#?}", rep.errors);
    assert!(rep.created_branches.is_empty());
    assert_eq!((rep.inserted, rep.updated, rep.unchanged), (0, 0, 3));
    let org = s.org(org.id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(org.map(|o| o.full_name).as_deref(), Some(branch));
}

/// Issue 23 (003 #76): a development number whose first four digits are not the joining
/// year, and one number on two members — in the file or against the store — are warned of
/// at their row and column, never refused; the store lists the members who share a number
/// (F5's rows, for the secretary to confirm).
#[test]
fn development_numbers_are_checked_and_never_refused() {
    use xianjie_testdata::synth::Cell;
    let (dir, mut s) = store_with_college();
    let mut spec = xianjie_testdata::synth::large::sheet(6, 23);
    let joined = |c: &Cell| match c {
        Cell::Date(y, ..) => *y,
        other => panic!("a joining date: {other:?}"),
    };
    // Excel row 2: the number of the year after joining.
    let y2 = joined(&spec.rows[1][7]);
    let wrong = format!("{}18000001", y2 + 1);
    spec.rows[1][8] = Cell::text(wrong.clone());
    // Excel rows 3 and 5: one number on two people, joined the same year.
    let y = joined(&spec.rows[2][7]).max(joined(&spec.rows[4][7]));
    let shared = format!("{y}00000777");
    for r in [2, 4] {
        spec.rows[r][7] = Cell::Date(y, 5, 1);
        spec.rows[r][8] = Cell::text(shared.clone());
    }
    let path = dir.path().join("编号.xlsx");
    spec.write_xlsx(&path).unwrap_or_else(|e| panic!("{e}"));
    let rep = import(&mut s, &path, &creating(), OP).unwrap_or_else(|e| panic!("{e}"));
    assert!(rep.errors.is_empty(), "nothing refused: {:#?}", rep.errors);
    assert_eq!(rep.inserted, 6);
    assert!(rep.file.ends_with("编号.xlsx"), "{}", rep.file);
    let col = "I（团员发展编号）".to_string();
    let numbers: Vec<_> = rep.warnings.iter().filter(|w| w.column == col).collect();
    let at: Vec<u32> = numbers.iter().map(|w| w.row).collect();
    assert_eq!(at, [2, 3, 5], "{:#?}", rep.warnings);
    let year = numbers[0];
    assert_eq!(year.value, wrong);
    let (joined_year, number_year) = (y2.to_string(), (y2 + 1).to_string());
    for part in [
        wrong.as_str(),
        &number_year,
        &format!("{y2}年5月"),
        &joined_year,
    ] {
        assert!(year.message.contains(part), "{part}: {}", year.message);
    }
    let (three, five) = (numbers[1], numbers[2]);
    assert!(
        three.message.contains("第5行") && three.message.contains("被占用"),
        "{}",
        three.message
    );
    assert!(
        five.message.contains("第3行") && five.message.contains("被占用"),
        "{}",
        five.message
    );
    assert_eq!(five.value, shared);

    // Against the store: a new person with a stored member's number.
    let mut next = xianjie_testdata::synth::large::sheet(8, 24);
    next.rows.drain(1..7);
    next.rows[1][7] = Cell::Date(y2 + 1, 5, 1);
    next.rows[1][8] = Cell::text(wrong.clone());
    let path = dir.path().join("编号2.xlsx");
    next.write_xlsx(&path).unwrap_or_else(|e| panic!("{e}"));
    let rep = import(&mut s, &path, &creating(), OP).unwrap_or_else(|e| panic!("{e}"));
    assert!(rep.errors.is_empty(), "{:#?}", rep.errors);
    assert_eq!(rep.inserted, 2);
    let w: Vec<_> = rep.warnings.iter().filter(|w| w.column == col).collect();
    assert_eq!(w.len(), 1, "{:#?}", rep.warnings);
    assert!(w[0].message.contains("被占用"), "{}", w[0].message);
    assert_eq!((w[0].row, w[0].column.as_str()), (2, col.as_str()));
    assert!(w[0].message.contains("库中团员"), "{}", w[0].message);

    // The members concerned, ready for F5.
    let occupied = s
        .occupied_development_numbers()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut numbers: Vec<(String, usize)> = occupied
        .iter()
        .map(|o| (o.development_no.clone(), o.members.len()))
        .collect();
    numbers.sort();
    let mut want = vec![(shared.clone(), 2), (wrong.clone(), 2)];
    want.sort();
    assert_eq!(numbers, want);
    let rows = occupied[0].f5_rows("湖北");
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0].occupied_by.contains(&rows[1].name),
        "{}",
        rows[0].occupied_by
    );
    // The member form's question: who else holds it.
    let taken = occupied
        .iter()
        .find(|o| o.development_no == wrong)
        .unwrap_or_else(|| panic!("{wrong} listed"));
    let holder = &taken.members[0];
    let id =
        xianjie::id_number::IdNumber::parse(&holder.id_number).unwrap_or_else(|e| panic!("{e}"));
    let typed: String = wrong
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
        .collect();
    let others = s
        .development_no_holders(&typed, Some(&id))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(others.len(), 1);
    assert_ne!(others[0].member_id, holder.member_id);
}
