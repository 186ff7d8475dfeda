//! The 毕业去向 collection (issue 18): one fill-in workbook per graduating branch of the demo
//! college, filled in "by the branches" (here: read back and rewritten with answers, as a
//! branch's Excel would save it), read back with every destination stored; bad cells,
//! conflicts between two files and unknown students named by file, row, column and name.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use xianjie::service::collect::{self, Col, CollectOptions, FIRST_ROW};
use xianjie::service::{demo, Clock, Context};
use xianjie_sheet::grid::{self, Grid};
use xianjie_testdata::collect as filling;

const YEAR: i32 = 2026;

fn office(dir: &Path) -> Context {
    let on = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let (ctx, _) = demo::create(&dir.join("demo.db"), Some("测试"), Clock::Fixed(on)).unwrap();
    ctx
}

fn fill(path: &Path, out: &Path, edit: impl FnMut(usize, &mut Vec<String>)) {
    filling::fill(path, out, edit).unwrap();
}

fn save(grids: &[Grid], out: &Path) {
    filling::save(grids, out).unwrap();
}

fn answer(i: usize, row: &mut [String]) {
    filling::answer(i, row);
}

fn exported(ctx: &mut Context, dir: &Path) -> Vec<PathBuf> {
    let out = dir.join("收集表");
    let written = collect::export(ctx, YEAR, &out).unwrap();
    written.into_iter().map(|w| w.path).collect()
}

#[test]
fn every_branch_gets_a_workbook_and_filled_ones_store_every_destination() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = office(dir.path());
    let on = ctx.today();
    let graduates = ctx.graduates(YEAR, on).unwrap();
    let collected: Vec<_> = graduates
        .iter()
        .filter(|g| g.member.marking.is_none())
        .collect();
    let mut branches: Vec<i64> = collected.iter().map(|g| g.branch.id).collect();
    branches.sort_unstable();
    branches.dedup();

    let files = exported(&mut ctx, dir.path());
    assert_eq!(
        files.len(),
        branches.len(),
        "one workbook per graduating branch"
    );
    let status = collect::status(&mut ctx, YEAR).unwrap();
    assert_eq!(status.len(), branches.len());
    assert!(status.iter().all(|b| b.returned_file.is_none()));

    // Handed back untouched: the prefilled facts read back as stored, nothing to write.
    let untouched = collect::import(&mut ctx, &files, CollectOptions::default()).unwrap();
    assert!(untouched.errors.is_empty(), "{:#?}", untouched.errors);
    assert_eq!(untouched.updated, 0, "{untouched:#?}");

    let filled_dir = dir.path().join("交回");
    std::fs::create_dir_all(&filled_dir).unwrap();
    let mut filled = Vec::new();
    let mut n = 0;
    for f in &files {
        let out = filled_dir.join(f.file_name().unwrap());
        fill(f, &out, |_, row| {
            answer(n, row);
            n += 1;
        });
        filled.push(out);
    }
    assert_eq!(n, collected.len());

    let rep = collect::import(&mut ctx, &filled, CollectOptions::default()).unwrap();
    assert!(rep.errors.is_empty(), "{:#?}", rep.errors);
    assert!(rep.conflicts.is_empty(), "{:#?}", rep.conflicts);
    assert!(rep.applied);
    assert_eq!(rep.rows, collected.len());

    // Every graduate's destination is now the one the branch chose; phones are stored.
    let stored = ctx.graduates(YEAR, on).unwrap();
    for g in stored.iter().filter(|g| g.member.marking.is_none()) {
        let d = g.member.destination.as_ref().expect("destination stored");
        assert!(!d.kind.label().is_empty());
        assert!(g
            .member
            .mobile
            .as_deref()
            .is_some_and(|m| m.starts_with("139")));
        assert!(g.recommendation.is_some(), "{}", g.member.name);
    }
    let railway = stored
        .iter()
        .filter_map(|g| g.member.destination.as_ref())
        .filter(|d| d.system.is_some())
        .count();
    assert!(railway > 0);
    let status = collect::status(&mut ctx, YEAR).unwrap();
    assert!(status.iter().all(|b| b.returned_file.is_some()));
    assert!(status.iter().all(|b| b.with_destination == b.graduates));
    assert!(ctx
        .testing_store()
        .verify_audit()
        .unwrap()
        .broken_at
        .is_none());

    // Reading the same files again changes nothing.
    let again = collect::import(&mut ctx, &filled, CollectOptions::default()).unwrap();
    assert_eq!(again.updated, 0);
    assert_eq!(again.unchanged, collected.len());
}

#[test]
fn bad_cells_conflicts_and_unknown_students_are_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = office(dir.path());
    let files = exported(&mut ctx, dir.path());
    let (a, b) = (&files[0], &files[1]);
    let stamp = ctx.data_stamp().unwrap();

    // File A: a made-up drop-down value in row 1, an unknown student in row 2, the rest good.
    let bad = dir.path().join("甲.xlsx");
    fill(a, &bad, |i, row| {
        answer(i, row);
        if i == 0 {
            row[Col::Kind.index()] = "打工".into();
        }
        if i == 1 {
            row[Col::Id.index()] = "999999".into();
            row[Col::Name.index()] = "查无此人".into();
            row[Col::StudentNo.index()] = "20990000".into();
        }
    });
    // File B filled twice, disagreeing on its first graduate.
    let b1 = dir.path().join("乙一.xlsx");
    let b2 = dir.path().join("乙二.xlsx");
    fill(b, &b1, |i, row| answer(i, row));
    fill(b, &b2, |i, row| {
        answer(i, row);
        if i == 0 {
            row[Col::Unit.index()] = "另一所大学".into();
        }
    });

    let files = vec![bad.clone(), b1.clone(), b2.clone()];
    let rep = collect::import(&mut ctx, &files, CollectOptions::default()).unwrap();
    assert!(!rep.applied);
    assert_eq!(ctx.data_stamp().unwrap(), stamp, "nothing written");

    let wrong = rep
        .errors
        .iter()
        .find(|e| e.value == "打工")
        .expect("wrong drop-down value reported");
    assert_eq!(wrong.file, bad.display().to_string());
    assert_eq!(wrong.row, FIRST_ROW as u32 + 1);
    assert!(wrong.column.starts_with('F'), "{}", wrong.column);
    assert!(!wrong.name.is_empty());
    assert!(wrong.message.contains("下拉"));

    let unknown = rep
        .errors
        .iter()
        .find(|e| e.name == "查无此人")
        .expect("unknown student reported");
    assert_eq!(unknown.row, FIRST_ROW as u32 + 2);
    assert!(!unknown.column.is_empty());
    assert!(unknown.message.contains("找不到"));

    assert_eq!(rep.conflicts.len(), 1, "{:#?}", rep.conflicts);
    let c = &rep.conflicts[0];
    assert!(c.message.contains("乙一.xlsx") && c.message.contains("乙二.xlsx"));
    assert!(!c.name.is_empty());
    assert_eq!(c.row, FIRST_ROW as u32 + 1);

    // The office may write the good rows alone.
    let partial = CollectOptions {
        partial: true,
        ..CollectOptions::default()
    };
    let rep = collect::import(&mut ctx, &files, partial).unwrap();
    assert!(rep.applied);
    assert!(rep.updated > 0);
    assert_ne!(ctx.data_stamp().unwrap(), stamp);
}

#[test]
fn what_the_office_changed_after_the_export_is_not_overwritten_unless_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = office(dir.path());
    let files = exported(&mut ctx, dir.path());
    let filled = dir.path().join("交回.xlsx");
    fill(&files[0], &filled, |i, row| answer(i, row));
    let first = grid::read(&filled).unwrap();
    let sheet = first.iter().find(|g| g.name == collect::SHEET).unwrap();
    let id: i64 = sheet.cell(FIRST_ROW, Col::Id.index()).parse().unwrap();

    // The office records another destination after the export (a second later: the
    // store's clock has seconds).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let mut d = xianjie::destination::Destination::of_kind(
        xianjie::destination::DestinationKind::AbroadStudy,
    );
    d.province = Some("北京".into());
    ctx.testing_store_mut()
        .set_destination(id, YEAR, &d, "测试")
        .unwrap();

    let rep = collect::import(
        &mut ctx,
        std::slice::from_ref(&filled),
        CollectOptions::default(),
    )
    .unwrap();
    assert!(!rep.applied);
    assert_eq!(rep.conflicts.len(), 1, "{:#?}", rep.conflicts);
    assert!(rep.conflicts[0].message.contains("修改过"));
    let overwrite = CollectOptions {
        overwrite: true,
        ..CollectOptions::default()
    };
    let rep = collect::import(&mut ctx, &[filled], overwrite).unwrap();
    assert!(rep.applied, "{:#?}", rep);
    let now = ctx.testing_store().destination(id, YEAR).unwrap().unwrap();
    assert_eq!(now.kind.label(), "升学");
}

#[test]
fn a_workbook_that_is_not_a_collection_or_has_moved_columns_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = office(dir.path());
    let files = exported(&mut ctx, dir.path());
    // A column header renamed.
    let mut grids = grid::read(&files[0]).unwrap();
    let sheet = grids.iter_mut().find(|g| g.name == collect::SHEET).unwrap();
    sheet.rows[FIRST_ROW - 1][Col::Province.index()] = "省".into();
    let moved = dir.path().join("改了表头.xlsx");
    save(&grids, &moved);
    let roster = crate::root().join("fixtures/demo/demo-roster.xlsx");
    let rep = collect::import(
        &mut ctx,
        &[moved.clone(), roster.clone()],
        CollectOptions::default(),
    )
    .unwrap();
    assert!(!rep.applied);
    assert_eq!(rep.errors.len(), 2, "{:#?}", rep.errors);
    assert!(rep.errors[0].file.ends_with("改了表头.xlsx"));
    assert!(rep.errors[0].message.contains("表头"));
    assert!(rep.errors[0].message.contains(&Col::Province.letter()));
    assert!(rep.errors[1].message.contains("不是"));
}
