//! Moved from the desktop app's former `api::documents` (now `service::documents`): the page's job run
//! on a temp store, no window.

use xianjie::service::documents::*;
use xianjie::service::letters::*;
use xianjie::service::settings;
use xianjie::service::start::{self, StartMode};
use xianjie::service::tables::export::Form;
use xianjie::service::Context;
use xianjie::Watch;

fn demo_office() -> (tempfile::TempDir, Context) {
    let dir = tempfile::tempdir().unwrap();
    let paths = xianjie::service::Paths::in_dir(dir.path(), None);
    let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let clock = xianjie::service::Clock::Fixed(on);
    let mut ctx = Context::open(paths, None, clock).unwrap();
    start::start(&mut ctx, StartMode::Demo, 0).unwrap();
    let mut s = settings::load(&ctx).unwrap();
    s.office.handler = "李文".into();
    s.office.office_phone = "027-88880000".into();
    s.office.mobile = "13800001111".into();
    s.office.address = "示例市示例路1号".into();
    s.office.postcode = "430072".into();
    settings::save(&mut ctx, &s).unwrap();
    (dir, ctx)
}

#[test]
fn every_table_exports_as_xlsx() {
    let (dir, ctx) = demo_office();
    for f in Form::ALL {
        let out = dir.path().join(format!("{}.xlsx", f.code()));
        let req = TableRequest {
            form: f.code().into(),
            year: Some(ctx.this_year()),
            out: out.display().to_string(),
            ..TableRequest::default()
        };
        export_table(&ctx, &req, &Watch::NONE).unwrap();
        assert_eq!(&std::fs::read(&out).unwrap()[..2], b"PK", "{f:?}");
    }
    let bad = TableRequest {
        form: "f9".into(),
        ..TableRequest::default()
    };
    assert!(export_table(&ctx, &bad, &Watch::NONE).is_err());
}

#[test]
fn letters_are_numbered_printed_and_registered() {
    let (dir, mut ctx) = demo_office();
    let year = ctx.this_year();
    let today = ctx.today();
    let grads = xianjie::service::graduates::list(&mut ctx, year, today).unwrap();
    // Members who may have a letter (the order puts whoever first; M5/M6 get none).
    let ids: Vec<i64> = grads
        .rows
        .iter()
        .filter(|r| !r.blocked && r.reason.is_some())
        .take(2)
        .map(|r| r.id)
        .collect();
    let out = dir.path().join("l1.pdf");
    let req = LetterRequest {
        member_ids: ids.clone(),
        receiver: "共青团示例区委员会".into(),
        reason: "毕业".into(),
        archive: "with_file".into(),
        archive_other: None,
        out: out.display().to_string(),
        again: false,
        ..LetterRequest::default()
    };
    let issued = issue_letters(&mut ctx, &req, &Watch::NONE).unwrap();
    assert_eq!(issued.letters.len(), 2);
    assert!(issued.letters[0].number.ends_with("001号"));
    assert_eq!(issued.letters[0].handler, "李文");
    assert_eq!(&std::fs::read(&out).unwrap()[..4], b"%PDF");
    let reg = register_list(&ctx, false).unwrap();
    assert_eq!(reg.len(), 2);
    assert!(reg.iter().all(|r| r.status.label == "待回执"));
    assert!(register_list(&ctx, true).unwrap().is_empty());
    // Nothing selected: refused with a Chinese message, nothing numbered.
    let none = LetterRequest {
        member_ids: vec![],
        ..req.clone()
    };
    assert!(issue_letters(&mut ctx, &none, &Watch::NONE).is_err());
    // No receiver given and none recorded for a graduate: refused naming the graduate.
    let without: Vec<i64> = grads
        .rows
        .iter()
        .filter(|r| !r.has_transfer && !r.blocked && r.reason.is_some())
        .filter(|r| r.target_org.is_none())
        .take(1)
        .map(|r| r.id)
        .collect();
    let blank = LetterRequest {
        receiver: String::new(),
        member_ids: without,
        ..req
    };
    let e = issue_letters(&mut ctx, &blank, &Watch::NONE).unwrap_err();
    assert!(e.message.contains("转入团委全称"), "{}", e.message);
    assert_eq!(register_list(&ctx, false).unwrap().len(), 2);
    // L2 only for the graduates whose recommendation asks for it (retained, R7a/R7b): the
    // first two are refused, naming the rule; the retained ones get theirs.
    let l2 = dir.path().join("l2.pdf");
    let request = |member_ids: Vec<i64>| NoticeRequest {
        kind: "l2".into(),
        member_ids,
        year,
        out: l2.display().to_string(),
    };
    let not_for = grads
        .rows
        .iter()
        .filter(|r| !r.paperwork.iter().any(|p| p == "L2"))
        .map(|r| r.id)
        .take(2)
        .collect();
    let e = notices(&ctx, &request(not_for)).unwrap_err();
    assert_eq!(e.code, xianjie::ErrorCode::Refused, "{}", e.message);
    let retained: Vec<i64> = grads
        .rows
        .iter()
        .filter(|r| r.paperwork.iter().any(|p| p == "L2"))
        .map(|r| r.id)
        .take(2)
        .collect();
    assert!(!retained.is_empty(), "the demo has retained graduates");
    notices(&ctx, &request(retained)).unwrap();
    assert_eq!(&std::fs::read(&l2).unwrap()[..4], b"%PDF");
}

/// #18 finding 3: a second letter for the same graduate is not issued silently; the
/// register voids (with a reason), records a receipt and reprints as issued in the app.
#[test]
fn a_second_letter_asks_and_the_register_voids_receipts_and_reprints() {
    let dir = tempfile::tempdir().unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let (mut ctx, _) = xianjie::service::demo::create(
        &dir.path().join("d.db"),
        Some("测试"),
        xianjie::service::Clock::Fixed(on),
    )
    .unwrap();
    let grads = xianjie::service::graduates::list(&mut ctx, 2026, on).unwrap();
    let id = grads
        .rows
        .iter()
        .find(|r| !r.blocked && r.reason.is_some())
        .unwrap()
        .id;
    let req = LetterRequest {
        member_ids: vec![id],
        receiver: "共青团示例区委员会".into(),
        reason: "毕业".into(),
        archive: "with_file".into(),
        archive_other: None,
        out: dir.path().join("a.pdf").display().to_string(),
        again: false,
        ..LetterRequest::default()
    };
    let first = issue_letters(&mut ctx, &req, &Watch::NONE).unwrap();
    let number = first.letters[0].number.clone();
    let before = register_list(&ctx, false).unwrap().len();
    let e = issue_letters(&mut ctx, &req, &Watch::NONE).unwrap_err();
    assert_eq!(e.code, xianjie::ErrorCode::Conflict);
    assert!(e.message.contains(&number), "{}", e.message);
    assert_eq!(
        register_list(&ctx, false).unwrap().len(),
        before,
        "no number taken"
    );
    let again = LetterRequest {
        again: true,
        ..req.clone()
    };
    let second = issue_letters(&mut ctx, &again, &Watch::NONE).unwrap();
    assert_ne!(second.letters[0].number, number);

    let rows = register_list(&ctx, false).unwrap();
    let row = |n: &str| rows.iter().find(|r| r.letter.number == n).unwrap().clone();
    let (a, b) = (row(&number), row(&second.letters[0].number));
    assert_eq!(
        void_letter(&mut ctx, b.id, " ").unwrap_err().code,
        xianjie::ErrorCode::InvalidInput
    );
    void_letter(&mut ctx, b.id, "重复开具").unwrap();
    letter_receipt(&mut ctx, a.id).unwrap();
    let rows = register_list(&ctx, false).unwrap();
    let status = |id: i64| rows.iter().find(|r| r.id == id).unwrap().status.clone();
    assert_eq!(status(b.id).label, "已作废");
    assert_eq!(status(a.id).label, "回执已返回");
    let out = dir.path().join("重印.pdf");
    reprint_to(&ctx, &[a.id], &out.display().to_string()).unwrap();
    assert_eq!(&std::fs::read(&out).unwrap()[..4], b"%PDF");
    assert_eq!(
        reprint_to(&ctx, &[b.id], &out.display().to_string())
            .unwrap_err()
            .code,
        xianjie::ErrorCode::Refused
    );
    // With the second voided, a new letter for the graduate still asks (the first stands).
    assert!(issue_letters(&mut ctx, &req, &Watch::NONE).is_err());
}
