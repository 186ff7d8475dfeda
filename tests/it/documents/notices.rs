//! L2 and L3 only for whom they are for (issue 23, rules.md §L2 §L3): on the demo college an
//! employed graduate gets neither, every graduate refused is named at once with the rule, and
//! L3 names the school and the college once each whatever 学校 is given.

use chrono::NaiveDate;
use xianjie::destination::Reason;
use xianjie::documents::tables::{f1, f2, f3};
use xianjie::rule::RuleId;
use xianjie::service::tables::{self, notice_applies, Notice, Overrides};
use xianjie::service::{demo, Clock, Context};
use xianjie::store::Graduate;
use xianjie::ErrorCode;

fn on() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 20).unwrap()
}

fn office(dir: &std::path::Path) -> (Context, Vec<Graduate>) {
    let (mut ctx, _) = demo::create(&dir.join("d.db"), Some("测试"), Clock::Fixed(on())).unwrap();
    let grads = ctx.graduates(2026, on()).unwrap().to_vec();
    (ctx, grads)
}

fn with_paper(grads: &[Graduate], doc: RuleId) -> Vec<&Graduate> {
    grads
        .iter()
        .filter(|g| {
            g.recommendation
                .as_ref()
                .is_some_and(|r| !r.blocked && r.paperwork.iter().any(|p| p.doc == doc))
        })
        .collect()
}

fn employed(grads: &[Graduate]) -> Vec<&Graduate> {
    grads
        .iter()
        .filter(|g| {
            g.recommendation
                .as_ref()
                .is_some_and(|r| r.reason == Some(Reason::R2))
        })
        .collect()
}

pub(super) fn pdf_text(bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("n.pdf");
    std::fs::write(&path, bytes).ok()?;
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).replace([' ', '\n', '\u{c}'], ""))
}

#[test]
fn each_notice_only_for_whom_it_is_for() {
    let dir = tempfile::tempdir().unwrap();
    let (ctx, grads) = office(dir.path());
    let flowing = with_paper(&grads, RuleId::L2);
    let abroad = with_paper(&grads, RuleId::L3);
    let working = employed(&grads);
    assert!(!flowing.is_empty() && !abroad.is_empty() && working.len() >= 2);

    // The pure check the app offers each notice by.
    assert_eq!(notice_applies(Notice::L2, flowing[0]), Ok(()));
    assert_eq!(notice_applies(Notice::L3, abroad[0]), Ok(()));
    let no = notice_applies(Notice::L3, working[0]).unwrap_err();
    assert!(
        no.contains(&working[0].member.name) && no.contains("R5"),
        "{no}"
    );
    let no = notice_applies(Notice::L2, abroad[0]).unwrap_err();
    assert!(no.contains("R7a/R7b") && no.contains("R5"), "{no}");

    // L3 for an employed graduate: refused, naming the graduate and the rule.
    let none = Overrides::default();
    let e = tables::notices(&ctx, Notice::L3, &[working[0].member.id], 2026, &none).unwrap_err();
    assert_eq!(e.code, ErrorCode::Refused, "{}", e.message);
    assert!(
        e.message.contains(&working[0].member.name) && e.message.contains("R5"),
        "{}",
        e.message
    );
    // L2 for a flowing member and two employed ones: both refused are listed, nothing made.
    let ids = [
        flowing[0].member.id,
        working[0].member.id,
        working[1].member.id,
    ];
    let e = tables::notices(&ctx, Notice::L2, &ids, 2026, &none).unwrap_err();
    assert!(
        e.message.contains("3 人中 2 人不适用")
            && e.message.contains(&working[0].member.name)
            && e.message.contains(&working[1].member.name)
            && !e
                .message
                .contains(&format!("为{}生成", flowing[0].member.name))
            && e.message.contains("R7a/R7b"),
        "{}",
        e.message
    );
    // Whom they are for: made.
    let ids: Vec<i64> = flowing.iter().map(|g| g.member.id).collect();
    assert!(tables::notices(&ctx, Notice::L2, &ids, 2026, &none)
        .unwrap()
        .starts_with(b"%PDF"));
}

#[test]
fn retention_application_names_school_and_college_once() {
    let dir = tempfile::tempdir().unwrap();
    let (ctx, grads) = office(dir.path());
    let abroad = with_paper(&grads, RuleId::L3);
    let id = abroad[0].member.id;
    // The office is 星河大学信息工程学院; the member's college 信息工程学院.
    for given in ["", "星河大学", "星河大学信息工程学院", "信息工程学院"] {
        let o = Overrides {
            school: Some(given.into()),
            ..Overrides::default()
        };
        let bytes = tables::notices(&ctx, Notice::L3, &[id], 2026, &o).unwrap();
        let Some(text) = pdf_text(&bytes) else {
            eprintln!("pdftotext missing: text checks skipped");
            return;
        };
        assert!(
            text.contains("从星河大学毕业后") && text.contains("保留在星河大学信息工程学院。"),
            "given “{given}”: {text}"
        );
        assert!(
            !text.contains("信息工程学院信息工程学院") && !text.contains("星河大学星河大学"),
            "given “{given}”: {text}"
        );
        assert!(
            text.contains("申请人：") && text.contains("（签名）"),
            "{text}"
        );
    }
}

/// F1 lists the retained graduates a block stops (M7) with the block in 备注; F2 marks the
/// graduates not yet submitted 未发起 and the export says so; F3 leaves a rejected request out.
#[test]
fn forms_hold_exactly_their_graduates_and_say_what_stands() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ctx, grads) = office(dir.path());
    let none = Overrides::default();
    let all = tables::rows::Filter {
        year: Some(2026),
        ..Default::default()
    };
    let w = &xianjie::Watch::NONE;
    let retained: Vec<&Graduate> = grads
        .iter()
        .filter(|g| {
            g.recommendation
                .as_ref()
                .is_some_and(|r| r.paperwork.iter().any(|p| p.doc == RuleId::F1))
        })
        .collect();
    let out =
        tables::table_report(&ctx, tables::export::Form::F1, &all, Some(on()), &none, w).unwrap();
    assert_eq!(out.rows, retained.len(), "F1 lists every retained graduate");
    let blocked = retained
        .iter()
        .filter(|g| g.recommendation.as_ref().is_some_and(|r| r.blocked))
        .count();
    if blocked > 0 {
        assert!(
            out.notes.iter().any(|n| n.contains("暂不能转接")),
            "{:?}",
            out.notes
        );
    }
    let f1_text = crate::documents::tables::describe(&out.bytes);
    assert!(f1_text.contains(f1::TITLE));

    let out =
        tables::table_report(&ctx, tables::export::Form::F2, &all, Some(on()), &none, w).unwrap();
    let text = crate::documents::tables::describe(&out.bytes);
    if text.contains(f2::NOT_SUBMITTED) {
        assert!(
            out.notes.iter().any(|n| n.contains("尚未在智慧团建发起")),
            "{:?}",
            out.notes
        );
    }
    // No required cell of F2 is blank: every data row has its 系统提交时间.
    for line in text.lines().filter(|l| l.contains("团支部\"")) {
        let cells: Vec<&str> = line.split(" | ").collect();
        assert!(cells.len() >= 5 && !cells[3].trim().is_empty(), "{line}");
    }

    // F3: one request approved, one pending, one rejected (left out).
    let orgs = ctx.testing_store().orgs().unwrap();
    let college = orgs
        .iter()
        .find(|o| o.full_name == xianjie::service::demo::college::COLLEGE)
        .unwrap()
        .id;
    let branches: Vec<i64> = xianjie::service::demo::college::branch_names()
        .iter()
        .filter_map(|b| orgs.iter().find(|o| &o.full_name == b).map(|o| o.id))
        .collect();
    let date = xianjie::date::YearMonth::new(2026, 12).unwrap();
    let op = "测试";
    let mut ids = Vec::new();
    for b in &branches[..3] {
        let c = ctx
            .testing_store_mut()
            .request_graduation_change(college, *b, date, "学制调整", op)
            .unwrap();
        ids.push(c.id);
    }
    let school = orgs
        .iter()
        .find(|o| o.full_name == xianjie::service::demo::college::SCHOOL)
        .unwrap()
        .id;
    ctx.testing_store_mut()
        .decide_graduation_change(school, ids[0], true, None, op)
        .unwrap();
    ctx.testing_store_mut()
        .decide_graduation_change(school, ids[1], false, Some("材料不全"), op)
        .unwrap();
    let f3 = tables::rows::f3_rows(ctx.testing_store(), &Default::default()).unwrap();
    assert_eq!(f3.len(), 2, "{f3:?}");
    let states: Vec<&str> = f3.iter().map(|r| r.state.as_str()).collect();
    assert!(states.contains(&f3::APPROVED) && states.contains(&f3::PENDING));
    let rejected = orgs.iter().find(|o| o.id == branches[1]).unwrap();
    assert!(f3.iter().all(|r| r.branch != rejected.full_name));
}
