//! The pages' jobs on the demo college, without a window (formerly the desktop app's command
//! functions, now the service's): 工作台 and 转接, 设置's file, the graduate list's masking.

use chrono::NaiveDate;
use xianjie::service::dashboard::{dashboard, rate_detail};
use xianjie::service::start::{start, StartMode};
use xianjie::service::transfers::list::list;
use xianjie::service::transfers::step::{StepInput, StepOutcome, StepRequest};
use xianjie::service::{Clock, Context, Paths};

/// A step as the window sends it: today, the operator.
fn step(
    ctx: &mut Context,
    year: i32,
    members: &[i64],
    input: &StepInput,
    on: NaiveDate,
) -> xianjie::Result<StepOutcome> {
    let req = StepRequest {
        year,
        members: members.to_vec(),
        input: input.clone(),
        on: Some(on.to_string()),
        actor: None,
        note: None,
    };
    xianjie::service::transfers::step::step(ctx, &req)
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn demo() -> (tempfile::TempDir, Context) {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::in_dir(dir.path(), None);
    let mut ctx = Context::open(paths, Some("测试员"), Clock::Fixed(d(9, 15))).unwrap();
    start(&mut ctx, StartMode::Demo, 0).unwrap();
    (dir, ctx)
}

#[test]
fn dashboard_shows_calendar_due_list_and_rates() {
    let (_dir, ctx) = demo();
    let on = d(8, 3);
    let db = dashboard(&ctx, 2026, on).unwrap();
    // W5: 08-03 is in the review period; the next milestone is ahead.
    assert!(db.calendar.periods.iter().any(|p| p.current));
    let next = db.calendar.next.as_ref().unwrap();
    assert!(next.days_left >= 0 && !next.past);
    assert!(db.school.xs.denominator > 0);
    assert!(!db.branches.is_empty() && !db.colleges.is_empty());
    let sum: u32 = db.branches.iter().map(|b| b.xs.denominator).sum();
    assert_eq!(
        sum, db.school.xs.denominator,
        "branches add up to the school"
    );
    assert!(db.target.total > 0 && db.target.started <= db.target.total);
    // #18 finding 6: a college's store names its college, not 全校; 已发起 says how many of
    // them are kept in school (counted as started for 07-25, not done).
    assert_eq!(db.school.name, "星河大学信息工程学院");
    assert!(db.target.retained <= db.target.started);
    let detail_xs = rate_detail(&ctx, 2026, "school", "xs", on).unwrap();
    let kept = detail_xs
        .lines
        .iter()
        .filter(|l| l.standing.starts_with("在校保留"))
        .count();
    assert_eq!(db.target.retained as usize, kept);

    // Drill-down: the lines are the graduates behind the numbers.
    let detail = rate_detail(&ctx, 2026, "school", "xs", on).unwrap();
    assert_eq!(detail.numbers, db.school.xs);
    let num = detail.lines.iter().filter(|l| l.in_numerator).count();
    assert_eq!(num as u32, detail.numbers.numerator);
    let b = &db.branches[0];
    let bd = rate_detail(&ctx, 2026, &b.unit, "xs", on).unwrap();
    assert_eq!(bd.numbers.denominator, b.xs.denominator);
    assert!(xianjie::service::scope::Scope::parse("branch:x").is_err());
    assert!(rate_detail(&ctx, 2026, "school", "zz", on).is_err());
}

#[test]
fn steps_single_and_batch_all_or_nothing() {
    let (_dir, mut ctx) = demo();
    let on = d(9, 15);
    let before = list(&mut ctx, 2026, on).unwrap();
    let fresh: Vec<_> = before
        .rows
        .iter()
        .filter(|r| !r.has_transfer && r.reason.is_some())
        .collect();
    assert!(
        fresh.len() >= 2,
        "the demo leaves some graduates without a request"
    );
    let start_input = StepInput::Start {
        initiator: "outgoing".into(),
        reason: None,
        destination: Some("共青团某市某区某街道学社衔接临时团支部".into()),
        into_committee: false,
        province: None,
        system: None,
        jing_yue_min: false,
        planned: false,
    };
    let one = fresh[0].member_id;
    let out = step(&mut ctx, 2026, &[one], &start_input, on).unwrap();
    assert_eq!((out.done, out.errors.len()), (1, 0));
    let row = |ctx: &mut Context, id: i64| {
        list(ctx, 2026, on)
            .unwrap()
            .rows
            .into_iter()
            .find(|r| r.member_id == id)
            .unwrap()
    };
    let r = row(&mut ctx, one);
    assert_eq!(r.state.code, "pending");
    let node = r.node.clone().unwrap().code;
    let out = step(
        &mut ctx,
        2026,
        &[one],
        &StepInput::Approve { node: Some(node) },
        on,
    )
    .unwrap();
    assert!(out.errors.is_empty());
    assert_ne!(row(&mut ctx, one).node, r.node, "the next node waits now");

    // A batch with one graduate who has no transfer: nothing changes, that one is named.
    let two = fresh[1].member_id;
    let waiting = before
        .rows
        .iter()
        .find(|r| r.state.code == "pending")
        .unwrap()
        .member_id;
    let snaps = |c: &Context| xianjie::store::backup::list(&c.paths().db).unwrap().len();
    let before_batch = snaps(&ctx);
    let out = step(&mut ctx, 2026, &[waiting, two], &StepInput::Done, on).unwrap();
    // The app's batches are preceded by a snapshot too (issue 7).
    assert_eq!(snaps(&ctx), before_batch + 1);
    assert_eq!(out.done, 0);
    assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
    assert_eq!(out.errors[0].member_id, two);
    assert!(!out.errors[0].name.is_empty());
    assert_eq!(
        row(&mut ctx, waiting).state.code,
        "pending",
        "all or nothing"
    );
    // A return needs its reason.
    let e = step(
        &mut ctx,
        2026,
        &[waiting],
        &StepInput::Return { reason: " ".into() },
        on,
    );
    assert!(e.is_err() || !e.unwrap().errors.is_empty());
}

#[cfg(unix)]
#[test]
fn settings_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let settings = dir.path().join("settings.json");
    // A leftover world-readable file is narrowed on save.
    std::fs::write(&settings, "{}").unwrap();
    std::fs::set_permissions(&settings, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut ctx =
        Context::open(Paths::in_dir(dir.path(), None), Some("测试"), Clock::System).unwrap();
    let s = xianjie::service::settings::load(&ctx).unwrap();
    xianjie::service::settings::save(&mut ctx, &s).unwrap();
    let mode = std::fs::metadata(&settings).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "settings.json");
}

#[test]
fn graduate_lists_mask_id_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::in_dir(dir.path(), None);
    xianjie::service::demo::college::create(&paths.db, "测试").unwrap();
    let year = xianjie::service::demo::college::cohort().year();
    let mut ctx = Context::open(paths, None, Clock::System).unwrap();
    let today = ctx.today();
    let list = xianjie::service::graduates::list(&mut ctx, year, today).unwrap();
    assert!(!list.rows.is_empty());
    assert!(list.rows.iter().all(|r| r.id_number.contains("********")));
    let e = xianjie::service::graduates::list(&mut ctx, 99_999, today).unwrap_err();
    assert!(e.message.contains("99999"), "{}", e.message);
}

/// Issue 16: at the school, 工作台 is every college's together — each college a bar with its
/// own numbers, the school's the sums — and every number drills down to the graduates behind
/// it in that college's package (a college's ids qualified by the college).
#[test]
fn the_school_dashboard_sums_its_colleges() {
    use xianjie::org::OrgLevel;
    use xianjie::service::school;
    use xianjie::store::NewOrg;
    use xianjie_testdata::cohort::{generate, Shape};
    let dir = tempfile::tempdir().unwrap();
    let on = d(6, 20);
    let school_name = "共青团示例大学委员会";
    let mut s = Context::open(
        Paths::for_db(&dir.path().join("s").join("s.db")),
        Some("校"),
        Clock::Fixed(on),
    )
    .unwrap();
    s.testing_store_mut()
        .create_org(
            &NewOrg::new(school_name.to_string(), OrgLevel::Committee, None),
            "校",
        )
        .unwrap();
    let key = xianjie::service::keys::create_school_key(&mut s, &Default::default()).unwrap();
    let to = key.key.recipient;
    let mut files = Vec::new();
    let mut own = Vec::new();
    let mut own_detail = Vec::new();
    for k in 1..=2 {
        // Each college's data folder is its own (its signing key beside its database).
        let db = dir.path().join(format!("c{k}")).join("c.db");
        let mut c = Context::open(Paths::for_db(&db), Some("学院"), Clock::Fixed(on)).unwrap();
        let college = format!("共青团示例大学第{k}学院委员会");
        let shape = Shape::college(school_name, &college, &format!("第{k}学院"), k * 10_000);
        generate(c.testing_store_mut(), 2026, 40 * k, 20, &shape, "学院").unwrap();
        let mine = dashboard(&c, 2026, on).unwrap();
        let branch = &mine.branches[0];
        own_detail.push((
            rate_detail(&c, 2026, "school", "xs", on).unwrap(),
            branch.name.clone(),
            rate_detail(&c, 2026, &branch.unit, "xs", on).unwrap(),
        ));
        own.push(mine);
        let out = dir.path().join(format!("c{k}.xjpkg"));
        let params = xianjie::service::package::ExportParams {
            year: 2026,
            out: out.to_string_lossy().into_owned(),
            to: to.clone(),
        };
        school::export(&mut c, &params).unwrap();
        files.push(out.to_string_lossy().into_owned());
    }
    let done = school::import(&mut s, &files, 2026).unwrap();
    assert!(done.iter().all(|o| o.ok), "{done:?}");
    let m = dashboard(&s, 2026, on).unwrap();
    assert!(m.merged);
    assert_eq!(m.colleges.len(), 2);
    for (c, o) in m.colleges.iter().zip(&own) {
        assert_eq!(
            (c.xs.numerator, c.xs.denominator),
            (o.school.xs.numerator, o.school.xs.denominator)
        );
    }
    // Drill-down: a college's bar and one of its branches give that college's own lists.
    for (c, (whole, branch_name, branch)) in m.colleges.iter().zip(&own_detail) {
        let at_school = rate_detail(&s, 2026, &c.unit, "xs", on).unwrap();
        assert_eq!(at_school.numbers, whole.numbers);
        assert_eq!(at_school.lines, whole.lines);
        let b = m.branches.iter().find(|b| &b.name == branch_name).unwrap();
        assert!(b.unit.starts_with("package:"), "{}", b.unit);
        let at_school = rate_detail(&s, 2026, &b.unit, "xs", on).unwrap();
        assert_eq!(at_school.lines, branch.lines);
    }
    // The school's card: every college's graduates, the sums.
    let all = rate_detail(&s, 2026, &m.school.unit, "xs", on).unwrap();
    assert_eq!(all.numbers, m.school.xs);
    assert_eq!(
        all.lines.len(),
        own_detail.iter().map(|d| d.0.lines.len()).sum::<usize>()
    );
    // A school's own ids name nothing in a package.
    assert!(rate_detail(&s, 2026, "package:没有这个学院|school", "xs", on).is_err());
    // The due list exported at the school is every college's.
    let out = dir.path().join("due.xlsx");
    xianjie::service::dashboard::export_due(&s, 2026, on, out.to_str().unwrap()).unwrap();
    let sheets = xianjie_sheet::grid::read_as_written(&out).unwrap();
    let lines = sheets[0]
        .rows
        .iter()
        .filter(|r| r.len() > 1 && !r[1].is_empty())
        .count();
    assert_eq!(
        lines as u32,
        m.due_total + 1,
        "the header and every college's items"
    );
    let sum =
        |f: fn(&xianjie::service::dashboard::Dashboard) -> u32| own.iter().map(f).sum::<u32>();
    assert_eq!(m.school.xs.denominator, sum(|d| d.school.xs.denominator));
    assert_eq!(m.school.sx.denominator, sum(|d| d.school.sx.denominator));
    assert_eq!(m.due_total, sum(|d| d.due_total));
    assert_eq!(m.target.total, sum(|d| d.target.total));
    assert_eq!(
        m.branches.len(),
        own.iter().map(|d| d.branches.len()).sum::<usize>()
    );
    let v = school::view(&s, 2026, on).unwrap();
    assert_eq!(v.packages.len(), 2);
    assert_eq!(v.total.unwrap().xs, m.school.xs);
}
