//! A letter batch as both doors run it (#18 B4): real progress (the checks, the register and
//! the PDF, each letter counted) and a stop at any point leaves no number taken, nothing
//! registered and no file; a target that cannot be written likewise.

use chrono::NaiveDate;
use std::cell::RefCell;
use std::path::Path;
use xianjie::documents::letter::ArchiveDisposition;
use xianjie::service::letters::register::{IssueInput, ListFilter};
use xianjie::service::letters::{self, Again, GraduateLetters, Output};
use xianjie::service::{demo, Clock, Context};
use xianjie::{Cancel, ErrorCode, Step, Watch};

fn office(dir: &Path) -> Context {
    let on = NaiveDate::from_ymd_opt(2026, 6, 20).unwrap();
    let (ctx, _) = demo::create(&dir.join("demo.db"), Some("测试"), Clock::Fixed(on)).unwrap();
    ctx
}

fn inputs(ctx: &mut Context, n: usize) -> Vec<IssueInput> {
    let on = NaiveDate::from_ymd_opt(2026, 6, 20).unwrap();
    let ids: Vec<i64> = ctx
        .graduates(2026, on)
        .unwrap()
        .iter()
        .filter(|g| g.recommendation.as_ref().is_some_and(|r| !r.blocked))
        .map(|g| g.member.id)
        .take(n)
        .collect();
    letters::inputs(
        ctx,
        &GraduateLetters {
            members: ids,
            lines: Vec::new(),
            year: 2026,
            receiver: Some("共青团杭州市西湖区某某街道学社衔接临时团支部".into()),
            reason: Some("毕业".into()),
            archive: ArchiveDisposition::WithFile,
            archive_other: None,
            issued: None,
        },
    )
    .unwrap()
}

fn registered(ctx: &Context) -> usize {
    ctx.testing_store()
        .letters(&ListFilter::default())
        .unwrap()
        .len()
}

#[test]
fn a_batch_reports_every_letter_and_a_stop_anywhere_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = office(dir.path());
    let batch = inputs(&mut ctx, 12);
    let n = batch.len() as u64;
    assert_eq!(n, 12);
    let out = dir.path().join("介绍信.pdf");

    // Stopped while checking, while registering, while drawing the PDF: nothing kept.
    for stop_at in [3, n + 4, 2 * n + 5] {
        let cancel = Cancel::new();
        let report = |s: Step| {
            if s.done >= stop_at {
                cancel.cancel();
            }
        };
        let w = Watch::new(&report, Some(&cancel));
        let e = letters::issue(&mut ctx, &batch, Again::Refuse, Output::Pdf(&out), &w).unwrap_err();
        assert_eq!(
            e.code,
            ErrorCode::Cancelled,
            "stop at {stop_at}: {}",
            e.message
        );
        assert_eq!(registered(&ctx), 0, "stop at {stop_at}: letters registered");
        assert!(!out.exists(), "stop at {stop_at}: a PDF was left");
    }

    // A target that cannot be written (a folder of that name): nothing registered either.
    let blocked = dir.path().join("占用");
    std::fs::create_dir_all(blocked.join("x")).unwrap();
    assert!(letters::issue(
        &mut ctx,
        &batch,
        Again::Refuse,
        Output::Pdf(&blocked),
        &Watch::NONE
    )
    .is_err());
    assert_eq!(registered(&ctx), 0);

    // To the end: every letter counted three times (checked, registered, drawn), in order.
    let seen = RefCell::new(Vec::new());
    let report = |s: Step| seen.borrow_mut().push((s.done, s.total, s.message));
    let issued = letters::issue(
        &mut ctx,
        &batch,
        Again::Refuse,
        Output::Pdf(&out),
        &Watch::new(&report, None),
    )
    .unwrap();
    assert_eq!(issued.len(), 12);
    assert_eq!(registered(&ctx), 12);
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    let seen = seen.into_inner();
    assert_eq!(
        seen.len() as u64,
        3 * n + 1,
        "one step per letter per part, and the end"
    );
    assert_eq!(seen.last().unwrap().2, "已开具 12 封，已写入文件");
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0));
    assert!(seen.iter().all(|s| s.1 == 3 * n));
    assert_eq!(seen.last().unwrap().0, 3 * n);
    assert!(seen[0].2.contains("核对"), "{}", seen[0].2);
    assert!(
        seen[n as usize].2.contains("登记"),
        "{}",
        seen[n as usize].2
    );
    assert!(
        seen[2 * n as usize].2.contains("PDF"),
        "{}",
        seen[2 * n as usize].2
    );
    // The numbers the stopped runs never took are the first ones now.
    assert_eq!(issued[0].number_label(), "2026年001号");
}

/// #23: a batch with many refusals says how many of each kind and the first few names (not a
/// 50 KB line of every name); the whole list is the doors' file or table.
#[test]
fn many_refusals_are_summed_up_by_kind() {
    use xianjie::service::letters::register::{batch_refusal, LetterProblem};
    let wrong: Vec<LetterProblem> = (0..999)
        .map(|i| LetterProblem {
            member_id: i,
            name: format!("学生{i:03}"),
            problems: vec![if i % 3 == 0 {
                "缺少团费交至年月".to_string()
            } else {
                "缺少团员本人联系电话".to_string()
            }],
        })
        .collect();
    let m = batch_refusal(1000, &wrong);
    assert!(m.chars().count() < 400, "{} chars: {m}", m.chars().count());
    assert!(m.contains("999 封有问题"), "{m}");
    assert!(
        m.contains("666 封：缺少团员本人联系电话（学生001、学生002"),
        "{m}"
    );
    assert!(
        m.contains("333 封：缺少团费交至年月（学生000、学生003"),
        "{m}"
    );
    // A few are each named with every reason.
    let few = batch_refusal(3, &wrong[..2]);
    assert!(
        few.contains("不能为学生000开具介绍信：1. 缺少团费交至年月"),
        "{few}"
    );
}
