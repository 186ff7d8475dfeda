//! Moved from the desktop app's former `api::import` (now `service::import`): the page's job run
//! on a temp store, no window.

use xianjie::service::import::*;
use xianjie::service::start::{self, StartMode};
use xianjie::service::{self as service, Context};
use xianjie::sheet::Field;
use xianjie::Watch;

fn fixture(p: &str) -> String {
    format!("{}/fixtures/{p}", env!("CARGO_MANIFEST_DIR"))
}

fn empty_office() -> (tempfile::TempDir, Context) {
    let dir = tempfile::tempdir().unwrap();
    let paths = xianjie::service::Paths::in_dir(dir.path(), None);
    let mut ctx = Context::open(paths, None, xianjie::service::Clock::System).unwrap();
    let demo = 0;
    // No operator filled in yet: the audit log gets the computer's account (or 本机用户).
    start::start(&mut ctx, StartMode::Empty, demo).unwrap();
    (dir, ctx)
}

#[test]
fn empty_office_imports_the_demo_roster() {
    let (_dir, mut ctx) = empty_office();
    let file = fixture("demo/demo-roster.xlsx");
    let i = inspect(&ctx, &file, None).unwrap();
    assert!(i
        .columns
        .iter()
        .any(|c| c.field.as_deref() == Some("id_number")));
    assert!(i.parents.is_empty());
    let mut req = ImportRequest {
        file: file.clone(),
        ..ImportRequest::default()
    };
    // Without orgs every row's branch is missing.
    let dry = dry_run(&ctx, &req).unwrap();
    assert!(dry.inserted == 0 && !dry.missing_branches.is_empty());
    let parent = create_parent(&mut ctx, "共青团星河大学委员会").unwrap();
    req.create_branches_under = Some(parent);
    let dry = dry_run(&ctx, &req).unwrap();
    assert!(dry.dry_run && dry.inserted > 250, "{dry:?}");
    // #18 B4: a stop asked before the commit writes nothing.
    let cancel = xianjie::Cancel::new();
    cancel.cancel();
    let e = commit(&mut ctx, &req, &Watch::new(&|_| {}, Some(&cancel))).unwrap_err();
    assert_eq!(e.code, xianjie::ErrorCode::Cancelled);
    let again = dry_run(&ctx, &req).unwrap();
    assert_eq!(
        again.inserted, dry.inserted,
        "a cancelled import wrote members"
    );
    // The bar moves with the rows read, up to all of them.
    let seen = std::cell::RefCell::new(Vec::new());
    let report = |s: xianjie::Step| seen.borrow_mut().push((s.done, s.total));
    let done = commit(&mut ctx, &req, &Watch::new(&report, None)).unwrap();
    assert!(done.committed);
    assert_eq!(done.inserted, dry.inserted);
    let seen = seen.into_inner();
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");
    assert_eq!(seen.last(), Some(&(done.rows as u64, done.rows as u64)));
    let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let list = xianjie::service::graduates::list(&mut ctx, 2026, on).unwrap();
    assert!(!list.rows.is_empty());
}

#[test]
fn messy_roster_errors_name_row_and_column_and_save_as_xlsx() {
    let (dir, mut ctx) = empty_office();
    create_parent(&mut ctx, "共青团测试委员会").unwrap();
    let req = ImportRequest {
        file: fixture("roster/messy-roster.xlsx"),
        create_branches_under: Some("共青团测试委员会".into()),
        ..ImportRequest::default()
    };
    let r = dry_run(&ctx, &req).unwrap();
    assert!(r.errors.len() > 3);
    assert!(r.errors.iter().all(|e| e.row > 0 && !e.column.is_empty()));
    assert!(r.errors.iter().all(|e| e.sheet == r.sheet));
    let out = dir.path().join("errors.xlsx");
    save_errors(out.to_str().unwrap(), &r.errors).unwrap();
    assert_eq!(&std::fs::read(&out).unwrap()[..2], b"PK");
}

/// #18 finding 5: in a college's store new branches go under the college's committee by
/// default (not the school's), and the messy roster's errors carry names and no CLI words.
#[test]
fn new_branches_default_to_the_college_and_errors_name_the_person() {
    let dir = tempfile::tempdir().unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let (ctx, _) = service::demo::create(
        &dir.path().join("d.db"),
        Some("测试"),
        service::Clock::Fixed(on),
    )
    .unwrap();
    let i = inspect(&ctx, &fixture("roster/messy-roster.xlsx"), None).unwrap();
    assert_eq!(
        i.default_parent.as_deref(),
        Some("共青团星河大学信息工程学院委员会")
    );
    assert!(i.parents.len() > 1);
    let r = dry_run(
        &ctx,
        &ImportRequest {
            file: fixture("roster/messy-roster.xlsx"),
            ..ImportRequest::default()
        },
    )
    .unwrap();
    assert!(!r.missing_branches.is_empty());
    assert!(r.errors.iter().all(|e| !e.message.contains("--")));
    assert!(r.errors.iter().filter(|e| !e.name.is_empty()).count() > r.errors.len() / 2);
}

/// The import page's first look at a file goes through the roster reader's guards: the
/// damaged .xls files fuzzing found are refused in Chinese, never handed to calamine.
#[test]
fn inspect_refuses_damaged_files_in_chinese() {
    let (_dir, ctx) = empty_office();
    for name in [
        "fuzz-looping-chain.xls",
        "fuzz-short-minifat.xls",
        "fuzz-huge-sheet.xls",
        "encrypted.xlsx",
        "csv-renamed.xlsx",
    ] {
        let file = fixture(&format!("bad/{name}"));
        let e = inspect(&ctx, &file, None).unwrap_err();
        assert_eq!(e.code, xianjie::ErrorCode::InvalidInput, "{name}");
        assert!(e.message.contains(name), "{name}: {}", e.message);
        assert!(
            e.message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{name}: {}",
            e.message
        );
    }
}

#[test]
fn a_changed_mapping_is_sent_and_an_unknown_field_refused() {
    let req = ImportRequest {
        maps: vec![ColumnChoice {
            header: "联系方式".into(),
            field: "student_no".into(),
        }],
        ..ImportRequest::default()
    };
    let o = options(&req, true).unwrap();
    assert_eq!(o.maps.len(), 1);
    assert_eq!(o.maps[0].field, Field::StudentNo);
    let bad = ImportRequest {
        maps: vec![ColumnChoice {
            header: "x".into(),
            field: "shoe_size".into(),
        }],
        ..ImportRequest::default()
    };
    assert_eq!(
        options(&bad, true).unwrap_err().code,
        xianjie::ErrorCode::InvalidInput
    );
}
