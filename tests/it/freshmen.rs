//! The September half (issue 24, rules.md §9): the 300-student freshmen list
//! (`fixtures/freshmen/freshmen-300.xlsx`) imported into the demo college with its class
//! branches created in the office's pattern; the engine's advice for every student (each
//! case kind spot-checked, every student recomputed from the engine); a class started, steps
//! to done, the receiving side's rate equal to a hand count and summed by the school over a
//! package; letters and 回执; malformed lists refused whole; 智慧团建's list of transfers in
//! reconciled.

use crate::bad_input::fingerprint;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use xianjie::engine::incoming::{advise, IncomingAction};
use xianjie::engine::Membership;
use xianjie::freshman::{Freshman, LetterSeen, ReceivingSettings};
use xianjie::org::OrgLevel;
use xianjie::service::demo::college::{COLLEGE, SCHOOL};
use xianjie::service::freshmen::letters::{self, LetterRecord, ReceiptRequest};
use xianjie::service::freshmen::transfers::{
    self as intake, FreshmenStartRequest, FreshmenStepRequest,
};
use xianjie::service::freshmen::{self, AdviceView, FreshmanView, FreshmenImportRequest};
use xianjie::service::scope::{self, Scope};
use xianjie::service::transfers::step::StepInput;
use xianjie::service::{calendar, package, Clock, Context, Paths};
use xianjie::store::NewOrg;
use xianjie::transfer::Unit;
use xianjie_testdata::freshmen::{Case, CASES, YEAR};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(YEAR, m, day).unwrap()
}

fn fixture() -> PathBuf {
    crate::root().join("fixtures/freshmen/freshmen-300.xlsx")
}

/// The demo college on 09-15 with the school's enrolment date 09-01.
fn office(dir: &Path) -> Context {
    let (mut ctx, _) = xianjie::service::demo::create(
        &dir.join("college.db"),
        Some("测试员"),
        Clock::Fixed(d(9, 15)),
    )
    .unwrap();
    calendar::save_incoming(
        &mut ctx,
        &ReceivingSettings {
            year: YEAR,
            enrolment: Some(d(9, 1)),
            start_within_months: 1,
        },
        d(9, 15),
    )
    .unwrap();
    ctx
}

fn import(ctx: &mut Context, dry_run: bool) -> freshmen::FreshmenImport {
    freshmen::import(
        ctx,
        &FreshmenImportRequest {
            file: fixture().display().to_string(),
            year: YEAR,
            create_branches_under: Some(COLLEGE.into()),
            dry_run,
        },
        &xianjie::Watch::NONE,
    )
    .unwrap()
}

/// The imported office (fixture list, branches created).
fn imported(dir: &Path) -> Context {
    let mut ctx = office(dir);
    let rep = import(&mut ctx, false);
    assert!(rep.committed && rep.errors.is_empty(), "{:?}", rep.errors);
    ctx
}

/// The student of `case` (the fixture's row of that case).
fn of_case(list: &[FreshmanView], ctx: &Context, case: Case) -> FreshmanView {
    let row = CASES.iter().find(|(_, c)| *c == case).unwrap().0;
    let stored = ctx.testing_store().freshmen(YEAR).unwrap();
    // Students are stored in file order: ids follow the rows.
    let first = stored.iter().map(|f| f.id).min().unwrap();
    let id = first + i64::from(row) - 2;
    list.iter().find(|v| v.id == id).unwrap().clone()
}

#[test]
fn the_300_students_import_with_their_class_branches_in_the_office_pattern() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = office(dir.path());
    let db = dir.path().join("college.db");

    // The dry run names the branches it would create and writes nothing.
    let before = fingerprint(&db);
    let dry = import(&mut ctx, true);
    assert_eq!(fingerprint(&db), before);
    assert!(dry.errors.is_empty(), "{:?}", dry.errors);
    assert_eq!((dry.rows, dry.inserted, dry.committed), (300, 300, false));
    assert!(
        dry.created_branches
            .contains(&"共青团星河大学信息工程学院计算机科学与技术2026级1班团支部".to_string()),
        "{:?}",
        dry.created_branches
    );
    // Major first, as the demo college names its branches; the postgraduates' class has no
    // number after the major, so its year comes first.
    assert!(dry
        .created_branches
        .contains(&"共青团星河大学信息工程学院2026级研究生1班团支部".to_string()));
    assert_eq!(dry.created_branches.len(), 11);

    let rep = import(&mut ctx, false);
    assert!(rep.committed);
    assert_eq!((rep.inserted, rep.updated, rep.unchanged), (300, 0, 0));
    assert_eq!(rep.created_branches, dry.created_branches);
    let store = ctx.testing_store();
    let college = store.org_by_full_name(COLLEGE).unwrap().unwrap();
    for b in &rep.created_branches {
        let o = store.org_by_full_name(b).unwrap().unwrap();
        assert_eq!((o.level, o.parent_id), (OrgLevel::Branch, Some(college.id)));
    }
    // Audited: the branches one by one, the students a thousand to an entry.
    let log = store.audit_entries(None).unwrap();
    let imports: Vec<_> = log
        .iter()
        .filter(|e| e.entity == "freshman" && e.action == "import")
        .collect();
    assert_eq!(imports.len(), 1);
    assert_eq!(imports[0].new.as_ref().unwrap()["count"], 300);
    store.verify_audit().unwrap().into_result().unwrap();
    // A snapshot was taken before.
    let snaps = xianjie::store::backup::list(&db).unwrap();
    assert!(snaps
        .iter()
        .any(|s| s.reason == xianjie::store::backup::Reason::Import));

    // Again: nothing new, nothing created.
    let again = import(&mut ctx, false);
    assert_eq!((again.inserted, again.unchanged), (0, 300));
    assert!(again.created_branches.is_empty());
}

/// Every student's advice is the engine's on the student's facts and the year's settings;
/// each kind of case is the action rules.md §9 says.
#[test]
fn each_student_gets_the_engines_advice() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = imported(dir.path());
    let on = d(9, 15);
    let list = freshmen::list(&ctx, YEAR, on).unwrap();
    assert_eq!(list.students.len(), 300);

    // Recomputed outside the service: facts from the stored record, settings from the store.
    let store = ctx.testing_store();
    let settings = store.incoming_settings(YEAR).unwrap();
    assert_eq!(settings.enrolment, Some(d(9, 1)));
    let stored: Vec<Freshman> = store.freshmen(YEAR).unwrap();
    for v in &list.students {
        let f = stored.iter().find(|f| f.id == v.id).unwrap();
        let branch = f
            .branch
            .as_deref()
            .and_then(|b| store.org_by_full_name(b).unwrap())
            .map(|o| o.full_name);
        let a = advise(
            &f.facts(on, branch.as_deref(), LetterSeen::default()),
            &settings,
        );
        assert_eq!(v.advice, AdviceView::from(&a), "{}", v.name);
    }

    let case = |c| of_case(&list.students, &ctx, c);
    let check = |c: Case, action: IncomingAction, blocked: bool, rules: &[&str]| {
        let v = case(c);
        assert_eq!(v.advice.action, action.code(), "{c:?}: {:?}", v.advice);
        assert_eq!(v.advice.blocked, blocked, "{c:?}: {:?}", v.advice.blocks);
        for r in rules {
            assert!(
                v.advice.rules.contains(&r.to_string()),
                "{c:?}: {r} in {:?}",
                v.advice.rules
            );
        }
        v
    };
    let over = check(
        Case::OverAgePostgrad,
        IncomingAction::NotAMember,
        true,
        &["N2", "M5"],
    );
    assert_eq!(over.advice.membership, "over_age");
    assert!(!over.advice.counts_in_rate && over.advice.deadline.is_none());
    let young = check(
        Case::Under14Since2017,
        IncomingAction::NotAMember,
        true,
        &["M6"],
    );
    assert_eq!(young.advice.membership, "joined_under14");
    check(
        Case::Under14Before2017,
        IncomingAction::ReceiveLetter,
        true,
        &["M6", "N6", "N11", "R11"],
    );
    let reg = check(
        Case::NoAccountNoNumber,
        IncomingAction::Register,
        false,
        &["N5", "N10"],
    );
    assert!(!reg.advice.counts_in_rate);
    assert!(reg
        .advice
        .documents
        .iter()
        .any(|x| x.title.contains("团员证")));
    check(
        Case::FromGuangdong,
        IncomingAction::JingYueMin,
        false,
        &["N6", "R11", "N3"],
    );
    let stay = check(
        Case::Commissioned,
        IncomingAction::KeepInOriginalUnit,
        false,
        &["N7"],
    );
    assert!(!stay.advice.counts_in_rate && stay.advice.deadline.is_none());
    let admin = check(
        Case::CollegeDiffers,
        IncomingAction::SchoolAdmin,
        true,
        &["N8"],
    );
    assert_eq!(
        admin
            .advice
            .school_admin
            .as_ref()
            .and_then(|s| s.branch.clone()),
        admin.branch
    );
    check(
        Case::Duplicate,
        IncomingAction::ReportDuplicate,
        true,
        &["N5"],
    );
    check(Case::Deleted, IncomingAction::AskExplanation, true, &["N5"]);
    let own = check(
        Case::OwnGraduate,
        IncomingAction::TransferIn,
        false,
        &["N1", "N3", "N10"],
    );
    assert!(own.advice.counts_in_rate);
    check(
        Case::BroughtLetter,
        IncomingAction::TransferIn,
        false,
        &["N11"],
    );
    let masses = check(Case::Masses, IncomingAction::NotAMember, true, &["N2"]);
    assert_eq!(masses.advice.membership, "masses");

    // N1's dates: the school's enrolment plus one month, 10-15 from the campaign settings.
    let plain = list
        .students
        .iter()
        .find(|v| v.advice.action == "transfer_in" && !v.advice.blocked)
        .unwrap();
    let dl = plain.advice.deadline.as_ref().unwrap();
    assert_eq!(
        (dl.start_by.as_deref(), dl.done_by.as_str()),
        (Some("2026-10-01"), "2026-10-15")
    );
    assert!(plain.branch_exists);
    // Non-members are listed, never counted.
    let non: Vec<_> = list
        .students
        .iter()
        .filter(|v| v.advice.membership != "member")
        .collect();
    assert!(non.len() >= 12, "{}", non.len());
    assert!(non
        .iter()
        .all(|v| !v.advice.counts_in_rate && v.advice.deadline.is_none()));
    assert!(list
        .students
        .iter()
        .filter(|v| v.advice.membership != "member")
        .all(|v| v.advice.action == "not_a_member"));
    let _ = Membership::Member;
}

fn ready_of_class(ctx: &Context, class: &str, on: NaiveDate) -> Vec<i64> {
    freshmen::list(ctx, YEAR, on)
        .unwrap()
        .students
        .into_iter()
        .filter(|v| v.branch.as_deref() == Some(class))
        .filter(|v| v.advice.counts_in_rate && !v.advice.blocked)
        .map(|v| v.id)
        .collect()
}

const CLASS: &str = "共青团星河大学信息工程学院计算机科学与技术2026级1班团支部";

/// Starts `CLASS` on 09-10 and brings its transfers in to: the first 5 done, the 6th
/// returned, the rest approved by the outgoing branch (still pending). Returns the ids.
fn progress(ctx: &mut Context) -> Vec<i64> {
    let ready = ready_of_class(ctx, CLASS, d(9, 10));
    assert!(ready.len() >= 10, "{}", ready.len());
    let o = intake::start(
        ctx,
        &FreshmenStartRequest {
            year: YEAR,
            class: Some(CLASS.into()),
            on: Some("2026-09-10".into()),
            ..FreshmenStartRequest::default()
        },
    )
    .unwrap();
    assert!(o.errors.is_empty(), "{:?}", o.errors);
    assert_eq!(o.started as usize, ready.len());
    let step = |ctx: &mut Context, ids: &[i64], input: StepInput, on: &str| {
        let o = intake::step(
            ctx,
            &FreshmenStepRequest {
                year: YEAR,
                students: ids.to_vec(),
                input,
                on: Some(on.into()),
                actor: None,
                note: None,
            },
        )
        .unwrap();
        assert!(o.errors.is_empty(), "{:?}", o.errors);
        assert_eq!(o.done as usize, ids.len());
    };
    step(ctx, &ready[..5], StepInput::Done, "2026-09-12");
    step(
        ctx,
        &ready[5..6],
        StepInput::Return {
            reason: "非本校录取".into(),
        },
        "2026-09-12",
    );
    step(
        ctx,
        &ready[6..],
        StepInput::Approve { node: None },
        "2026-09-12",
    );
    ready
}

#[test]
fn a_class_is_started_steps_go_to_done_and_the_incoming_rate_is_a_hand_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = imported(dir.path());
    let on = d(9, 15);
    let before_sx = scope::rates_report(&ctx, YEAR, &Scope::Here(Unit::School), on)
        .unwrap()
        .sx;
    assert_eq!(before_sx.applied_in.len(), 0);

    // A blocked student named alone is refused, naming why; nothing is written.
    let list = freshmen::list(&ctx, YEAR, on).unwrap();
    let dup = of_case(&list.students, &ctx, Case::Duplicate);
    let stamp = ctx.data_stamp().unwrap();
    let o = intake::start(
        &mut ctx,
        &FreshmenStartRequest {
            year: YEAR,
            students: vec![dup.id],
            ..FreshmenStartRequest::default()
        },
    )
    .unwrap();
    assert_eq!(o.started, 0);
    assert!(o.errors[0].message.contains("N5"), "{:?}", o.errors);
    assert_eq!(ctx.data_stamp().unwrap(), stamp);

    let ready = progress(&mut ctx);
    // The class's students not ready are listed, not started: starting again skips all.
    let again = intake::start(
        &mut ctx,
        &FreshmenStartRequest {
            year: YEAR,
            class: Some(CLASS.into()),
            on: Some("2026-09-13".into()),
            ..FreshmenStartRequest::default()
        },
    )
    .unwrap();
    assert_eq!(again.started, 0);
    assert!(again.skipped.iter().any(|s| s.why.contains("已有转入记录")));

    // The transfers in: states and W4 deadlines like outgoing ones (days from the settings).
    let t = intake::list(&ctx, YEAR, on).unwrap();
    let row = |id: i64| t.rows.iter().find(|r| r.member_id == id).unwrap();
    assert_eq!(row(ready[0]).state.code, "done");
    assert_eq!(row(ready[5]).state.code, "returned");
    let pending = row(ready[6]);
    assert_eq!(pending.state.code, "pending");
    assert_eq!(pending.node.as_ref().unwrap().code, "outgoing_upper");
    assert_eq!(
        pending.deadline.as_deref(),
        Some("2026-09-23"),
        "{pending:?}"
    );
    assert_eq!(pending.steps.len(), 2);

    // N10 by hand: 5 done / (all started − 1 returned).
    let r = scope::rates_report(&ctx, YEAR, &Scope::Here(Unit::School), on).unwrap();
    let n = ready.len();
    assert_eq!(
        (r.incoming.numerator, r.incoming.denominator),
        (5, n - 1),
        "{}",
        r.incoming.display()
    );
    assert_eq!(r.incoming.applied_in.len(), n);
    assert!(r
        .incoming
        .done_in
        .iter()
        .all(|l| l.branch.as_ref() == CLASS));
    // §6's formula: the 升学衔接率 counts the receiving side too.
    assert_eq!(r.sx.applied_in.len(), n);
    assert_eq!(r.sx.numerator, before_sx.numerator + 5);
    // The college's own unit receives them as well.
    let college = ctx
        .testing_store()
        .org_by_full_name(COLLEGE)
        .unwrap()
        .unwrap();
    let rc = scope::rates_report(&ctx, YEAR, &Scope::Here(Unit::College(college.id)), on).unwrap();
    assert_eq!(rc.incoming.numerator, 5);

    // 工作台's September part: started within the month, done by 10-15.
    let dash = freshmen::dashboard::dashboard(&ctx, YEAR, on).unwrap();
    assert_eq!(dash.total, 300);
    assert_eq!(dash.started.met as usize, n);
    assert_eq!(dash.done.met, 5);
    assert_eq!(dash.started.by.as_deref(), Some("2026-10-01"));
    assert_eq!(dash.done.by.as_deref(), Some("2026-10-15"));
    assert_eq!(
        dash.started.missing.len() as u32,
        dash.started.total - dash.started.met
    );
    assert_eq!(dash.incoming.numerator, 5);
    assert_eq!(dash.incoming.metric, "in");
    // 工作台's rates show the receiving side beside the two rates.
    let main = xianjie::service::dashboard::dashboard(&ctx, YEAR, on).unwrap();
    assert_eq!(main.school.incoming.numerator, 5);
    let detail = xianjie::service::dashboard::rate_detail(&ctx, YEAR, "school", "in", on).unwrap();
    assert_eq!(detail.lines.len(), n);
    assert_eq!(detail.lines.iter().filter(|l| l.in_numerator).count(), 5);

    // The list exported: every applicant once.
    let out = dir.path().join("转入一侧.xlsx");
    let rows =
        xianjie::service::lists::incoming_xlsx(&ctx, YEAR, &Scope::Here(Unit::School), on, &out)
            .unwrap();
    assert_eq!(rows, n);
    let grid = &xianjie_sheet::grid::read_as_written(&out).unwrap()[0];
    let done_rows = grid
        .rows
        .iter()
        .filter(|r| r.iter().any(|c| c == "转入完成（分子）"))
        .count();
    assert_eq!(done_rows, 5);
}

#[test]
fn a_school_sums_the_incoming_rate_over_its_colleges_packages() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = imported(dir.path());
    progress(&mut ctx);
    let on = d(9, 15);
    let own = scope::rates_report(&ctx, YEAR, &Scope::Here(Unit::School), on).unwrap();
    let mut school = Context::open(
        Paths::for_db(&dir.path().join("school.db")),
        Some("校团委"),
        Clock::Fixed(on),
    )
    .unwrap();
    school
        .testing_store_mut()
        .create_org(&NewOrg::new(SCHOOL, OrgLevel::Committee, None), "校团委")
        .unwrap();
    xianjie::service::keys::create_school_key(&mut school, &Default::default()).unwrap();
    let to = crate::school::recipient(&school);
    let pkg = crate::school::export_to(&mut ctx, dir.path(), "信息工程学院.xjpkg", &to);
    crate::school::import(&mut school, &pkg, YEAR).unwrap();
    let r = package::rates(&school, YEAR, on).unwrap();
    assert_eq!(
        (r.incoming.numerator, r.incoming.denominator),
        (
            own.incoming.numerator as u32,
            own.incoming.denominator as u32
        )
    );
    assert_eq!(r.colleges[0].incoming, r.incoming);
    let whole = scope::rates_report(&school, YEAR, &Scope::Colleges, on).unwrap();
    assert_eq!(whole.incoming.numerator, own.incoming.numerator);
    // The school's September part sums the colleges', naming each student's college.
    let dash = freshmen::dashboard::dashboard(&school, YEAR, on).unwrap();
    assert!(dash.merged);
    assert_eq!((dash.total, dash.done.met), (300, 5));
    assert!(dash.done.missing.iter().all(|s| s.college == COLLEGE));
}

#[test]
fn a_letter_is_recorded_its_receipt_printed_and_sent() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = imported(dir.path());
    let list = freshmen::list(&ctx, YEAR, d(9, 15)).unwrap();
    let who = of_case(&list.students, &ctx, Case::BroughtLetter);
    let l = letters::record(
        &mut ctx,
        &LetterRecord {
            year: YEAR,
            student: who.id.to_string(),
            number: "2026年015号".into(),
            issuer: "共青团星河市第一中学委员会".into(),
            issued_on: "2026-08-20".into(),
            received_on: Some("2026-09-05".into()),
            note: None,
        },
    )
    .unwrap();
    assert_eq!(
        (l.receipt_due.as_str(), l.status.as_str()),
        ("2026-10-05", "due")
    );
    assert!(!l.expired);
    // The advice now knows the letter (its issue date, L1's 90 days).
    let v = freshmen::student(&ctx, YEAR, who.id, d(9, 15)).unwrap();
    assert_eq!(
        v.letter.as_ref().map(|x| x.number.as_str()),
        Some("2026年015号")
    );
    assert!(v.advice.rules.contains(&"N11".to_string()));

    let out = dir.path().join("回执.pdf");
    let done = letters::receipt(
        &mut ctx,
        &ReceiptRequest {
            letters: vec![l.letter_id],
            out: Some(out.display().to_string()),
            date: None,
            sent_on: None,
        },
    )
    .unwrap();
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(done.letters[0].receipt_printed.is_some());
    assert_eq!(done.letters[0].status, "due");

    // Past the month it is overdue in the register; once sent, it is done.
    let reg = letters::register(&ctx, YEAR, d(10, 10)).unwrap();
    assert_eq!((reg.overdue, reg.sent), (1, 0));
    letters::receipt(
        &mut ctx,
        &ReceiptRequest {
            letters: vec![l.letter_id],
            out: None,
            date: None,
            sent_on: Some("2026-09-20".into()),
        },
    )
    .unwrap();
    let reg = letters::register(&ctx, YEAR, d(10, 10)).unwrap();
    assert_eq!((reg.overdue, reg.sent), (0, 1));
    let entries = ctx.testing_store().audit_entries(None).unwrap();
    assert!(entries
        .iter()
        .any(|e| e.entity == "freshman_letter" && e.action == "receipt_sent"));
    // An expired letter is said so.
    let expired = letters::record(
        &mut ctx,
        &LetterRecord {
            year: YEAR,
            student: who.id.to_string(),
            number: "2026年002号".into(),
            issuer: "共青团某某中学委员会".into(),
            issued_on: "2026-03-01".into(),
            received_on: Some("2026-09-05".into()),
            note: None,
        },
    )
    .unwrap();
    assert!(expired.expired);
}

#[test]
fn malformed_lists_are_refused_with_file_row_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = office(dir.path());
    let db = dir.path().join("college.db");
    for (name, spec, expect) in xianjie_testdata::freshmen::bad() {
        let path = dir.path().join(name);
        spec.write_xlsx(&path).unwrap();
        let before = fingerprint(&db);
        let req = FreshmenImportRequest {
            file: path.display().to_string(),
            year: YEAR,
            create_branches_under: Some(COLLEGE.into()),
            dry_run: false,
        };
        let text = match freshmen::import(&mut ctx, &req, &xianjie::Watch::NONE) {
            Ok(rep) => {
                assert!(!rep.committed, "{name}");
                assert!(!rep.errors.is_empty(), "{name}");
                assert_eq!((rep.inserted, rep.created_branches.len()), (0, 0), "{name}");
                let e = &rep.errors[0];
                assert!(e.row > 1 && e.column.contains('（'), "{name}: {e:?}");
                format!("{} 第 {} 行 {} {}", rep.file, e.row, e.column, e.message)
            }
            Err(e) => e.message,
        };
        assert!(text.contains(expect), "{name}: {text}");
        assert!(text.contains(name), "{name}: {text}");
        assert_eq!(fingerprint(&db), before, "{name}: nothing written");
    }
    assert!(ctx.testing_store().freshmen(YEAR).unwrap().is_empty());
}

#[test]
fn receiving_settings_are_the_calendars() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = office(dir.path());
    let page = calendar::page(&ctx, YEAR, d(9, 15)).unwrap();
    assert_eq!(page.incoming.start_by.as_deref(), Some("2026-10-01"));
    assert_eq!(page.incoming.done_by, "2026-10-15");
    let mut s = page.incoming.settings.clone();
    s.start_within_months = 2;
    let page = calendar::save_incoming(&mut ctx, &s, d(9, 15)).unwrap();
    assert_eq!(page.incoming.start_by.as_deref(), Some("2026-11-01"));
    // 10-15 is the campaign's: changing it there moves N1's date.
    let mut c = page.settings.clone();
    c.study_done_by = d(10, 31);
    let page = calendar::save(&mut ctx, &c, d(9, 15)).unwrap();
    assert_eq!(page.incoming.done_by, "2026-10-31");
    s.enrolment = Some(NaiveDate::from_ymd_opt(2025, 9, 1).unwrap());
    let e = calendar::save_incoming(&mut ctx, &s, d(9, 15)).unwrap_err();
    assert!(e.message.contains("入学日期"), "{}", e.message);
}

/// 智慧团建's list of transfers in, read by the same tolerant reader as the graduates'.
#[test]
fn the_list_of_transfers_in_is_reconciled() {
    use xianjie::service::reconcile::{incoming, DiffKind};
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = imported(dir.path());
    let ready = progress(&mut ctx);
    let on = d(9, 20);
    let stored = ctx.testing_store().freshmen(YEAR).unwrap();
    let f = |id: i64| stored.iter().find(|f| f.id == id).unwrap().clone();
    // A student not started here, pending there; one pending here, done there.
    let list = freshmen::list(&ctx, YEAR, on).unwrap();
    let other = list
        .students
        .iter()
        .find(|v| {
            v.advice.counts_in_rate && !v.advice.blocked && v.transfer.is_none() && v.branch_exists
        })
        .unwrap()
        .id;
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["姓名", "身份证号码", "转出组织", "转入组织", "审批状态"]
        .iter()
        .enumerate()
    {
        ws.write(0, c as u16, *h).unwrap();
    }
    let rows = [
        (f(other), "审批中"),
        (f(ready[6]), "已通过"),
        (f(ready[0]), "已通过"),
    ];
    for (r, (s, state)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write(r, 0, s.name.as_str()).unwrap();
        ws.write(r, 1, s.id_number.as_str()).unwrap();
        ws.write(r, 2, "某某中学团委").unwrap();
        ws.write(r, 3, s.branch.as_deref().unwrap()).unwrap();
        ws.write(r, 4, *state).unwrap();
    }
    let path = dir.path().join("转入列表.xlsx");
    wb.save(&path).unwrap();
    let rep = incoming::reconcile_file(&mut ctx, YEAR, on, &path, &[]).unwrap();
    assert_eq!(rep.matched, 3);
    let kinds: Vec<(i64, DiffKind)> = rep
        .differences
        .iter()
        .map(|x| (x.member_id, x.kind))
        .collect();
    assert!(kinds.contains(&(other, DiffKind::OnlyThere)), "{kinds:?}");
    assert!(
        kinds.contains(&(ready[6], DiffKind::StateDiffers)),
        "{kinds:?}"
    );
    // Pending here and absent there: to be revoked.
    assert!(kinds.contains(&(ready[7], DiffKind::OnlyHere)), "{kinds:?}");
    let a = incoming::accept_from(&mut ctx, YEAR, on, &path, &[], |d| {
        d.member_id == other || d.member_id == ready[6]
    })
    .unwrap();
    assert_eq!(a.recorded, 2, "{:?}", a.refused);
    let t = intake::list(&ctx, YEAR, on).unwrap();
    let state = |id: i64| {
        t.rows
            .iter()
            .find(|r| r.member_id == id)
            .unwrap()
            .state
            .code
            .clone()
    };
    assert_eq!(state(other), "pending");
    assert_eq!(state(ready[6]), "done");
}

/// `xianjie freshmen list --json`: one object per student with the recommend contract's keys.
#[test]
fn the_command_line_lists_one_object_per_student() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = imported(dir.path());
    drop(ctx);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xianjie"))
        .args(["freshmen", "list", "--year", "2026", "--json"])
        .env("XIANJIE_DB", dir.path().join("college.db"))
        .env("XIANJIE_OPERATOR", "测试员")
        .env("XIANJIE_TODAY", "2026-09-15")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 300);
    for v in &lines {
        for key in [
            "id",
            "name",
            "action",
            "blocked",
            "reason",
            "rules",
            "deadline",
            "counts_in_rate",
        ] {
            assert!(v.get(key).is_some(), "{key} in {v}");
        }
        assert!(v["rules"].as_array().unwrap().iter().all(|r| r.is_string()));
        assert!(v["id_number"].as_str().unwrap().contains('*'));
    }
}
