//! Rows, letters and the CLI on a generated store.

use chrono::NaiveDate;
use xianjie::date::YearMonth;
use xianjie::destination::{Destination, DestinationKind, RetentionNote};
use xianjie::documents::letter::ArchiveDisposition;
use xianjie::member::DeletionReason;
use xianjie::service::letters::register::{self, IssueInput, IssuerProfile};
use xianjie::service::tables::rows::{self, Contact, Filter};
use xianjie::store::Store;
use xianjie_testdata::cohort as dev;

const OP: &str = "测试员";

fn on() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 20).unwrap()
}

/// A generated cohort of 2026 (60 graduates), one retained for 二战考研.
fn store() -> (Store, dev::Generated, Vec<i64>) {
    let mut s = Store::open_in_memory().unwrap();
    let g = dev::generate_cohort(&mut s, 2026, 60, 20, OP).unwrap();
    let members: Vec<i64> = g
        .branches
        .iter()
        .flat_map(|b| s.members_of_branch(*b).unwrap())
        .map(|m| m.id)
        .collect();
    let mut d = Destination::of_kind(DestinationKind::None);
    d.retain_in_school = true;
    d.note = Some(RetentionNote::RetakePostgradExam);
    s.set_destination(members[0], 2026, &d, OP).unwrap();
    (s, g, members)
}

#[test]
fn table_rows_come_from_the_store_with_filters() {
    let (mut s, g, members) = store();
    let all = Filter {
        year: Some(2026),
        ..Filter::default()
    };
    let contact = Contact {
        name: "李老师".into(),
        phone: "13800001111".into(),
    };
    let f1 = rows::f1_rows(&s, &all, on(), &contact).unwrap();
    assert_eq!(f1.len(), 1, "{f1:?}");
    assert_eq!(f1[0].reason, "二战考研");
    assert_eq!(f1[0].destination, "继续准备升学");
    let f2 = rows::f2_rows(&s, &all, on(), &|_| None).unwrap();
    assert!(!f2.is_empty());
    let first_branch = s.org(g.branches[0]).unwrap().unwrap().full_name;
    let only = Filter {
        branch: Some(first_branch.clone()),
        ..all.clone()
    };
    let f2b = rows::f2_rows(&s, &only, on(), &|_| None).unwrap();
    assert!(f2b.len() < f2.len() && f2b.iter().all(|r| r.branch == first_branch));
    let none = Filter {
        college: Some("不存在的学院".into()),
        ..all.clone()
    };
    assert!(rows::f2_rows(&s, &none, on(), &|_| None)
        .unwrap()
        .is_empty());
    // F3 from a G4 change request, F6 from a deletion.
    s.request_graduation_change(
        g.committee,
        g.branches[1],
        YearMonth::new(2026, 12).unwrap(),
        "学制调整",
        OP,
    )
    .unwrap();
    let f3 = rows::f3_rows(&s, &Filter::default()).unwrap();
    assert_eq!(f3.len(), 1);
    // The F-tables' one date style (#23): year-month as 2026-12.
    assert_eq!(f3[0].correct_date, "2026-12");
    s.delete_member(members[5], DeletionReason::WrongIdentity, None, OP)
        .unwrap();
    let f6 = rows::f6_rows(&s, &Filter::default()).unwrap();
    assert_eq!(f6.len(), 1);
    assert_eq!(f6[0].reason, "姓名/身份证号录入错误");
}

#[test]
fn letters_issue_from_the_store_and_batches_are_all_or_nothing() {
    let (mut s, g, members) = store();
    s.set_issuer_profile(
        &IssuerProfile {
            org_id: g.committee,
            phone: "021-55550000".into(),
            address: "上海市普陀区示范路100号".into(),
            postcode: "200062".into(),
            handler: "李老师".into(),
            handler_mobile: "13800001111".into(),
            digits: 4,
        },
        OP,
    )
    .unwrap();
    let input = |m: i64, to: &str| IssueInput {
        member_id: m,
        issuer_org_id: g.committee,
        receiver: to.into(),
        reason: "毕业".into(),
        archive: ArchiveDisposition::WithFile,
        archive_other: None,
        issued: on(),
        handler: None,
        handler_mobile: None,
    };
    let l = register::issue_for(
        &mut s,
        &input(members[1], "共青团某区某街道学社衔接临时团支部"),
        OP,
    )
    .unwrap();
    assert_eq!(l.number_label(), "2026年0001号");
    assert_eq!(l.printed.issuer_phone, "021-55550000");
    // A branch cannot issue.
    let mut bad = input(members[2], "某团委");
    bad.issuer_org_id = g.branches[0];
    assert!(register::issue_for(&mut s, &bad, OP)
        .unwrap_err()
        .message
        .contains("团支部"));
    // One bad letter in a batch: nothing is issued.
    let batch = [input(members[2], "甲团委"), input(members[3], " ")];
    let none = |_: &[_], _: &xianjie::Watch<'_>| Ok(());
    let err = register::issue_batch(&mut s, &batch, OP, &xianjie::Watch::NONE, none).unwrap_err();
    assert!(err.message.contains("全部未开具"), "{}", err.message);
    let good = [input(members[2], "甲团委"), input(members[3], "乙团委")];
    let issued = register::issue_batch(&mut s, &good, OP, &xianjie::Watch::NONE, none).unwrap();
    let numbers: Vec<String> = issued.iter().map(|l| l.number.clone()).collect();
    assert_eq!(numbers, ["0002", "0003"]);
    let pdf = xianjie::documents::letter::render_letters(
        &issued.into_iter().map(|l| l.printed).collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn cli_writes_tables_and_letters() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let (g, members) = {
        let mut s = Store::open(&db).unwrap();
        let g = dev::generate_cohort(&mut s, 2026, 30, 10, OP).unwrap();
        let m = s.members_of_branch(g.branches[0]).unwrap();
        // The first stays in school as a flowing member (R7a): L2 is for them (rules.md §L2).
        let mut d = Destination::of_kind(DestinationKind::None);
        d.retain_in_school = true;
        s.set_destination(m[0].id, 2026, &d, OP).unwrap();
        (g, m)
    };
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_xianjie"))
            .env("XIANJIE_TODAY", "2026-06-20")
            .arg("--db")
            .arg(&db)
            .args(["--operator", OP])
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let path = |n: &str| dir.path().join(n).to_string_lossy().into_owned();
    for f in ["f1", "f2", "f3", "f4", "f5", "f6"] {
        let (code, text) = run(&[
            "table",
            f,
            "--year",
            "2026",
            "--out",
            &path(&format!("{f}.xlsx")),
        ]);
        assert_eq!(code, Some(0), "{f}: {text}");
    }
    let committee = g.committee.to_string();
    let (code, text) = run(&[
        "letter",
        "issuer",
        "--org",
        &committee,
        "--phone",
        "021-1",
        "--address",
        "某路1号",
        "--postcode",
        "200062",
        "--handler",
        "李老师",
        "--handler-mobile",
        "13800001111",
    ]);
    assert_eq!(code, Some(0), "{text}");
    let id = members[0].id_number.as_str().to_string();
    let (code, text) = run(&[
        "letter",
        "issue",
        "--member",
        &id,
        "--issuer",
        &committee,
        "--to",
        "乙团委",
        "--reason",
        "毕业",
        "--date",
        "2026-06-20",
        "--out",
        &path("l1.pdf"),
    ]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("2026年001号"), "{text}");
    let branch = g.branches[0].to_string();
    let (code, text) = run(&[
        "letter",
        "issue",
        "--member",
        &id,
        "--issuer",
        &branch,
        "--to",
        "乙团委",
        "--reason",
        "毕业",
        "--out",
        &path("l2.pdf"),
        // The graduate holds 001: a second letter is asked for (#18), then refused for the issuer.
        "--again",
    ]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("团支部一律不得开具"), "{text}");
    let (code, text) = run(&[
        "letter",
        "void",
        "--issuer",
        &committee,
        "--number",
        "2026年001号",
        "--reason",
        "写错",
    ]);
    assert_eq!(code, Some(0), "{text}");
    let (code, text) = run(&["letter", "list", "--issuer", &committee, "--all"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("已作废"), "{text}");
    let (code, text) = run(&["notice", "l2", "--member", &id, "--out", &path("n.pdf")]);
    assert_eq!(code, Some(0), "{text}");
    // Not for a graduate who is not retained, nor L3 for one not studying abroad (R5).
    let other = members[1].id_number.as_str().to_string();
    let (code, text) = run(&["notice", "l2", "--member", &other, "--out", &path("n2.pdf")]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("R7a/R7b") && text.contains(&members[1].name),
        "{text}"
    );
    let (code, text) = run(&[
        "notice",
        "l3",
        "--member",
        &id,
        "--year",
        "2026",
        "--out",
        &path("n3.pdf"),
    ]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("R5"), "{text}");
    assert!(!std::path::Path::new(&path("n2.pdf")).exists());
    assert!(
        std::path::Path::new(&path("f1.xlsx")).exists()
            && std::path::Path::new(&path("n.pdf")).exists()
    );
}
