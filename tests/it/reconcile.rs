//! Reconciling with 智慧团建's transfer export (issue 16): a synthetic export of 200 rows in
//! three shapes (header words, column order, a title row and a saved mapping) covering every
//! difference class; the report lists each class; accepting records audited transfer steps;
//! reconciling again shows none of the accepted differences.

use chrono::NaiveDate;
use rust_xlsxwriter::Workbook;
use std::path::Path;
use xianjie::service::reconcile::{self, DiffKind, Report};
use xianjie::service::{Clock, Context, Paths};
use xianjie::transfer::EventKind;
use xianjie_testdata::cohort::{generate, Shape};
use xianjie_testdata::school;

const YEAR: i32 = 2026;

fn on() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 20).unwrap()
}

/// One row of the export as the test means it.
struct Row {
    name: String,
    id: String,
    devno: String,
    from: String,
    to: String,
    state: &'static str,
}

/// Writes `rows` in one of three shapes.
fn write(path: &Path, shape: usize, rows: &[Row]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let (headers, top): (Vec<&str>, u32) = match shape {
        0 => (
            vec![
                "姓名",
                "身份证号",
                "转出组织",
                "转入组织",
                "状态",
                "申请时间",
            ],
            0,
        ),
        1 => (
            vec![
                "序号",
                "审批状态",
                "团员姓名",
                "转入团组织",
                "公民身份号码",
                "团员编号",
                "原所在团组织",
            ],
            0,
        ),
        _ => (
            vec!["申请人", "证件号码", "当前进度", "接收组织", "转出团支部"],
            2,
        ),
    };
    if top > 0 {
        ws.write_string(0, 0, "团员组织关系转接列表（导出）")
            .unwrap();
    }
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(top, c as u16, *h).unwrap();
    }
    for (i, r) in rows.iter().enumerate() {
        let row = top + 1 + i as u32;
        for (c, h) in headers.iter().enumerate() {
            let v = match *h {
                "姓名" | "团员姓名" | "申请人" => r.name.clone(),
                "身份证号" | "公民身份号码" | "证件号码" => r.id.clone(),
                "团员编号" => r.devno.clone(),
                "转出组织" | "原所在团组织" | "转出团支部" => r.from.clone(),
                "转入组织" | "转入团组织" | "接收组织" => r.to.clone(),
                "状态" | "审批状态" | "当前进度" => r.state.to_string(),
                "序号" => (i + 1).to_string(),
                _ => "2026-06-01".into(),
            };
            ws.write_string(row, c as u16, &v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn run(ctx: &mut Context, path: &Path, shape: usize) -> Report {
    let maps = if shape == 2 {
        vec![("当前进度".to_string(), "状态".to_string())]
    } else {
        Vec::new()
    };
    let (rows, issues) = reconcile::read(path, &maps).unwrap();
    reconcile::report(ctx, YEAR, on(), &rows, issues).unwrap()
}

/// College `k` of the example school, generated in `dir`: `graduates` graduates, 30 a
/// branch, people numbered from `first`, no transfer recorded yet.
fn college(dir: &Path, k: usize, first: usize, graduates: usize) -> Context {
    let db = dir.join("college.db");
    let mut ctx = Context::open(Paths::for_db(&db), Some("测试"), Clock::Fixed(on())).unwrap();
    let shape = Shape::college(
        "共青团示例大学委员会",
        &format!("共青团示例大学第{k}学院委员会"),
        &format!("第{k}学院"),
        first,
    );
    generate(ctx.testing_store_mut(), YEAR, graduates, 30, &shape, "测试").unwrap();
    ctx
}

fn count(r: &Report, k: DiffKind) -> usize {
    r.differences.iter().filter(|d| d.kind == k).count()
}

#[test]
fn every_difference_class_is_found_and_accepting_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = college(dir.path(), 1, 0, 600);
    let to = "共青团示例市示例区某某街道学社衔接临时团支部";
    let grads = ctx.graduates(YEAR, on()).unwrap();
    // Graduates who may transfer, outside 京粤闽 (R11 forbids revoking those: a test of its
    // own below).
    let open: Vec<_> = grads
        .iter()
        .filter(|g| {
            school::may_start(g)
                && g.recommendation
                    .as_ref()
                    .is_some_and(|r| r.jing_yue_min.is_none())
        })
        .cloned()
        .collect();
    assert!(open.len() >= 220, "{}", open.len());
    // Started here: the first 120 of them.
    let started: Vec<i64> = open.iter().take(120).map(|g| g.member.id).collect();
    school::start(&mut ctx, YEAR, started, on(), to).unwrap();

    // The export (200 rows): 0–99 started here, the same state (审批中) except 0–19 已通过,
    // 20–29 已退回, 30–34 已撤销, and 35–39 with another 转入组织; 100–119 started here are
    // missing there (本机有); 120–217 not started here are 审批中, 已通过 or 已退回 there
    // (智慧团建有); one stranger; one unknown state.
    let row = |i: usize, state: &'static str| {
        let g = &open[i];
        Row {
            name: g.member.name.clone(),
            id: if i.is_multiple_of(3) {
                String::new()
            } else {
                g.member.id_number.as_str().to_string()
            },
            devno: g.member.development_no.clone().unwrap_or_default(),
            from: g.branch.full_name.clone(),
            to: if (35..40).contains(&i) {
                "共青团别处委员会".into()
            } else {
                to.into()
            },
            state,
        }
    };
    let mut rows: Vec<Row> = (0..100)
        .chain(120..218)
        .map(|i| {
            row(
                i,
                match i {
                    0..=19 => "已通过",
                    20..=29 => "已退回",
                    30..=34 => "已撤销",
                    120..=169 => "审批中",
                    170..=199 => "已通过",
                    200.. => "已退回",
                    _ => "审批中",
                },
            )
        })
        .collect();
    rows.push(Row {
        name: "查无此人".into(),
        id: String::new(),
        devno: String::new(),
        from: "共青团某某团支部".into(),
        to: to.into(),
        state: "审批中",
    });
    let mut bad = row(50, "处理中");
    bad.devno = String::new();
    rows.push(bad);
    assert_eq!(rows.len(), 200);

    for shape in 0..3 {
        let path = dir.path().join(format!("智慧团建导出{shape}.xlsx"));
        write(&path, shape, &rows);
        let r = run(&mut ctx, &path, shape);
        assert_eq!(r.rows, 199, "shape {shape}");
        assert_eq!(
            count(&r, DiffKind::StateDiffers),
            35,
            "shape {shape}: {:?}",
            r.differences
        );
        assert_eq!(count(&r, DiffKind::DestinationDiffers), 5, "shape {shape}");
        assert_eq!(count(&r, DiffKind::OnlyHere), 20, "shape {shape}");
        assert_eq!(count(&r, DiffKind::OnlyThere), 98, "shape {shape}");
        assert_eq!(r.unmatched.len(), 1, "shape {shape}");
        assert_eq!(r.issues.len(), 1, "shape {shape}: {:?}", r.issues);
        assert!(r.issues[0].message.contains("处理中"));
        assert!(
            r.differences.iter().all(|d| d.accept.is_some()),
            "shape {shape}"
        );
    }

    // A difference that cannot be accepted (智慧团建 已撤销, nothing here: a start then a
    // revoke could be refused half-way) refuses the lot, nothing recorded.
    let extra = dir.path().join("另一份.xlsx");
    write(&extra, 0, &[row(218, "已撤销")]);
    // (The 120 started here are 本机有 in that file: acceptable, left out.)
    let cannot: Vec<_> = run(&mut ctx, &extra, 0)
        .differences
        .into_iter()
        .filter(|d| d.accept.is_none())
        .collect();
    assert_eq!(cannot.len(), 1);
    assert_eq!(cannot[0].kind, DiffKind::OnlyThere);
    let path = dir.path().join("智慧团建导出0.xlsx");
    let r = run(&mut ctx, &path, 0);
    let before = ctx.testing_store().audit_entries(None).unwrap().len();
    let mut mixed = r.differences.clone();
    mixed.extend(cannot);
    assert!(reconcile::accept(&mut ctx, YEAR, on(), &mixed).is_err());
    assert_eq!(
        ctx.testing_store().audit_entries(None).unwrap().len(),
        before
    );

    // Accept every difference: each an audited transfer step; then there is none.
    let a = reconcile::accept(&mut ctx, YEAR, on(), &r.differences).unwrap();
    assert!(a.refused.is_empty(), "{:?}", a.refused);
    assert_eq!(a.recorded, 158);
    assert!(ctx.testing_store().audit_entries(None).unwrap().len() >= before + 158);
    let again = run(&mut ctx, &path, 0);
    assert!(again.differences.is_empty(), "{:?}", again.differences);
}

/// R11 still holds whatever the export says: a transfer into 京粤闽 is not revoked.
#[test]
fn accepting_does_not_bend_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = college(dir.path(), 1, 0, 200);
    let g = ctx
        .graduates(YEAR, on())
        .unwrap()
        .iter()
        .find(|g| {
            school::may_start(g)
                && g.recommendation
                    .as_ref()
                    .is_some_and(|r| r.jing_yue_min.is_some())
        })
        .cloned()
        .unwrap();
    let to = "共青团北京市某区某街道学社衔接临时团支部";
    school::start(&mut ctx, YEAR, vec![g.member.id], on(), to).unwrap();
    let path = dir.path().join("导出.xlsx");
    let r = Row {
        name: g.member.name.clone(),
        id: g.member.id_number.as_str().to_string(),
        devno: String::new(),
        from: g.branch.full_name.clone(),
        to: to.into(),
        state: "已撤销",
    };
    write(&path, 0, &[r]);
    let rep = run(&mut ctx, &path, 0);
    assert_eq!(count(&rep, DiffKind::StateDiffers), 1);
    let a = reconcile::accept(&mut ctx, YEAR, on(), &rep.differences).unwrap();
    assert_eq!(a.recorded, 0);
    assert!(a.refused[0].contains("R11"), "{:?}", a.refused);
    let _ = EventKind::Done;
}

/// The mapping (`--map`, `--map-file`): checked line by line, kept in the store, used again.
#[test]
fn a_mapping_is_checked_saved_and_used_again() {
    let mut ctx = Context::in_memory("测试", Clock::Fixed(on())).unwrap();
    let m = reconcile::parse_mapping(
        "\u{feff}# 我们导出的表\n当前进度 = 状态\n\n接收单位=转入组织\n",
        "对应.txt",
    )
    .unwrap();
    assert_eq!(
        m,
        [
            ("当前进度".to_string(), "状态".to_string()),
            ("接收单位".into(), "转入组织".into())
        ]
    );
    let e = reconcile::parse_mapping("当前进度=进度", "对应.txt").unwrap_err();
    assert!(
        e.message.contains("对应.txt 第 1 行") && e.message.contains("进度"),
        "{}",
        e.message
    );
    assert!(reconcile::parse_mapping("\n当前进度", "对应.txt")
        .unwrap_err()
        .message
        .contains("第 2 行"));
    assert!(reconcile::mapping(&mut ctx, Vec::new()).unwrap().is_empty());
    reconcile::mapping(&mut ctx, m.clone()).unwrap();
    assert_eq!(reconcile::mapping(&mut ctx, Vec::new()).unwrap(), m);
}

/// 智慧团建's member list of the office (issue 16): a person stays listed until the receiving
/// org approves, so the list tells which transfers are finished there.
#[test]
fn a_member_list_tells_who_has_left_and_accepting_records_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = college(dir.path(), 2, 20_000, 300);
    let to = "共青团示例市示例区某某街道学社衔接临时团支部";
    let grads = ctx.graduates(YEAR, on()).unwrap();
    let members: Vec<_> = grads
        .iter()
        .filter(|g| g.member.politics != xianjie::member::Politics::Masses)
        .cloned()
        .collect();
    let open: Vec<i64> = members
        .iter()
        .filter(|g| school::may_start(g))
        .map(|g| g.member.id)
        .take(60)
        .collect();
    assert_eq!(open.len(), 60);
    school::start(&mut ctx, YEAR, open.clone(), on(), to).unwrap();
    let ev = xianjie::service::transfers::event(&ctx, on(), EventKind::Done, None);
    xianjie::service::transfers::record(&mut ctx, &open[..20], ev)
        .unwrap()
        .into_result()
        .unwrap();

    // The list covers every branch but the last; done ones are gone except 5 still listed;
    // 10 going on here are gone (left), 3 not started are gone, 2 are listed in another
    // branch, one stranger. Branches named by their full name or (every other row) their tail.
    let last = members.last().unwrap().branch.full_name.clone();
    let covered: Vec<_> = members
        .iter()
        .filter(|g| g.branch.full_name != last)
        .collect();
    let done: Vec<i64> = open[..20].to_vec();
    let going: Vec<i64> = open[20..]
        .iter()
        .copied()
        .filter(|m| covered.iter().any(|g| g.member.id == *m))
        .collect();
    let gone_going: Vec<i64> = going.iter().copied().take(10).collect();
    let idle: Vec<i64> = covered
        .iter()
        .map(|g| g.member.id)
        .filter(|m| !open.contains(m))
        .take(3)
        .collect();
    let still_listed: Vec<i64> = done
        .iter()
        .copied()
        .filter(|m| covered.iter().any(|g| g.member.id == *m))
        .take(5)
        .collect();
    assert_eq!(still_listed.len(), 5);
    let other_branch = covered
        .iter()
        .find(|g| g.branch.full_name != covered[0].branch.full_name)
        .unwrap()
        .branch
        .full_name
        .clone();
    let mut rows = Vec::new();
    let mut moved = 0;
    for (i, g) in covered.iter().enumerate() {
        let m = g.member.id;
        let listed = if done.contains(&m) {
            still_listed.contains(&m)
        } else {
            !gone_going.contains(&m) && !idle.contains(&m)
        };
        if !listed {
            continue;
        }
        let mut branch = g.branch.full_name.clone();
        if moved < 2 && branch == covered[0].branch.full_name && !done.contains(&m) {
            branch = other_branch.clone();
            moved += 1;
        }
        if i % 2 == 1 {
            branch = branch.chars().skip(7).collect();
        }
        rows.push((
            g.member.name.clone(),
            g.member.id_number.as_str().to_string(),
            branch,
        ));
    }
    rows.push((
        "查无此人".into(),
        "11010120030101999X".into(),
        covered[0].branch.full_name.clone(),
    ));
    let path = dir.path().join("团员列表.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "团员列表").unwrap();
    for (c, h) in [
        "序号",
        "姓名",
        "性别",
        "身份证号码",
        "所在团支部",
        "入团时间",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    for (i, (name, id, branch)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, name).unwrap();
        ws.write_string(r, 2, "男").unwrap();
        ws.write_string(r, 3, id).unwrap();
        ws.write_string(r, 4, branch).unwrap();
        ws.write_string(r, 5, "2019-05").unwrap();
    }
    wb.save(&path).unwrap();

    let rep = reconcile::reconcile_file(&mut ctx, YEAR, on(), &path, &[]).unwrap();
    assert_eq!(rep.kind, reconcile::ListKind::Members);
    assert_eq!(rep.rows, rows.len());
    assert_eq!(rep.unmatched.len(), 1);
    assert_eq!(
        count(&rep, DiffKind::StillListed),
        5,
        "{:?}",
        rep.differences
    );
    assert_eq!(
        count(&rep, DiffKind::BranchDiffers),
        2,
        "{:?}",
        rep.differences
    );
    assert_eq!(
        count(&rep, DiffKind::NotListed),
        13,
        "{:?}",
        rep.differences
    );
    let acceptable: Vec<i64> = rep
        .differences
        .iter()
        .filter(|d| d.accept.is_some())
        .map(|d| d.member_id)
        .collect();
    let mut expected = gone_going.clone();
    expected.sort_unstable();
    let mut got = acceptable.clone();
    got.sort_unstable();
    assert_eq!(
        got, expected,
        "only those going on here are recorded as done"
    );
    // The transfer list's reader refuses a member list, naming it.
    let e = reconcile::read(&path, &[]).unwrap_err();
    assert!(e.message.contains("团员名单"), "{}", e.message);

    // Accepting records each as done (audited), after which only the manual ones remain.
    let before = ctx.testing_store().audit_entries(None).unwrap().len();
    let a =
        reconcile::accept_from(&mut ctx, YEAR, on(), &path, &[], |d| d.accept.is_some()).unwrap();
    assert_eq!(a.recorded, 10);
    assert!(ctx.testing_store().audit_entries(None).unwrap().len() >= before + 10);
    let again = reconcile::reconcile_file(&mut ctx, YEAR, on(), &path, &[]).unwrap();
    assert!(again.differences.iter().all(|d| d.accept.is_none()));
    assert_eq!(count(&again, DiffKind::NotListed), 3);
    let ledger = ctx.testing_store().ledger_of_year(YEAR).unwrap();
    let s = ctx.testing_store().campaign_settings(YEAR).unwrap();
    for m in &gone_going {
        let t = ledger.latest(*m).unwrap();
        assert_eq!(
            xianjie::transfer::deadline::status_on(t, on(), &s).state,
            xianjie::transfer::State::Done
        );
    }
}
