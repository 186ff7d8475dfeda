//! Large synthetic rosters for benchmarks (`xianjie dev gen-roster`): one header row, 15
//! columns, all rows valid, ≈30 members per branch.

use super::{Cell, IdMaker, Rng, SheetSpec};
use xianjie::id_number::Sex;

pub const HEADERS: [&str; 15] = [
    "姓名",
    "性别",
    "民族",
    "身份证号",
    "学号",
    "学院",
    "团支部",
    "入团时间",
    "团员发展编号",
    "政治面貌",
    "手机号",
    "毕业时间",
    "团费交至",
    "团员身份认证",
    "毕业去向",
];
const PER_BRANCH: usize = 30;
const DESTS: &[&str] = &[
    "升学",
    "已落实工作单位",
    "未就业",
    "出国（境）学习研究",
    "参军入伍",
];

/// The branch of the `i`-th row (0-based).
pub fn branch_of(i: usize) -> String {
    let b = i / PER_BRANCH;
    format!(
        "共青团星河大学第{}学院{}专业2022级{}班团支部",
        b / 40 + 1,
        b / 4 % 10 + 1,
        b % 4 + 1
    )
}

/// Every branch a roster of `rows` rows names, in order.
pub fn branch_names(rows: usize) -> Vec<String> {
    (0..rows.div_ceil(PER_BRANCH))
        .map(|b| branch_of(b * PER_BRANCH))
        .collect()
}

/// A roster of `rows` valid members.
pub fn sheet(rows: usize, seed: u64) -> SheetSpec {
    let mut rng = Rng::new(seed);
    let mut ids = IdMaker::default();
    let mut out = Vec::with_capacity(rows + 1);
    out.push(HEADERS.iter().map(|h| Cell::text(*h)).collect());
    for i in 0..rows {
        let sex = if rng.chance(50) {
            Sex::Male
        } else {
            Sex::Female
        };
        let by = 2003 + rng.below(2) as i32;
        let birth = (by, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32);
        let id = ids.make(&mut rng, birth, sex);
        let jy = by + 15 + rng.below(2) as i32;
        let b = i / PER_BRANCH;
        out.push(vec![
            Cell::text(super::name(&mut rng)),
            Cell::text(sex.label()),
            Cell::text(*rng.pick(super::ETHNICITIES)),
            Cell::text(id),
            Cell::text(format!("22{b:05}{:02}", i % PER_BRANCH + 1)),
            Cell::text(format!("第{}学院", b / 40 + 1)),
            Cell::text(branch_of(i)),
            Cell::Date(jy, 5, 1),
            Cell::text(format!("{jy}{:08}", rng.below(100_000_000))),
            Cell::text(if rng.chance(8) {
                "中共预备党员"
            } else {
                "共青团员"
            }),
            Cell::text(super::mobile(&mut rng)),
            Cell::text("2026-07"),
            Cell::text("2026年6月"),
            Cell::text("是"),
            Cell::text(*rng.pick(DESTS)),
        ]);
    }
    SheetSpec {
        name: "团员名单".into(),
        merges: Vec::new(),
        rows: out,
    }
}
