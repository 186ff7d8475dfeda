//! Synthetic freshmen lists (rules.md §9) for the demo college (星河大学信息工程学院): made-up
//! names, fictional checksum-valid ID numbers, deterministic. [`sheet`] writes the 300-student
//! fixture (`fixtures/freshmen/freshmen-300.xlsx`) with one student of each case the
//! receiving side meets first; [`large`] any number of ordinary ones for the benchmark;
//! [`bad`] the malformed lists of the bad-input catalogue.

use crate::synth::{name, Cell, IdMaker, Rng, SheetSpec};
use xianjie::id_number::Sex;

/// The year the fixture's students enrol.
pub const YEAR: i32 = 2026;
/// The demo college's committee: the fixture's college.
pub const COLLEGE: &str = "信息工程学院";
pub const MAJORS: [&str; 5] = [
    "计算机科学与技术",
    "软件工程",
    "网络工程",
    "数据科学与大数据技术",
    "人工智能",
];

pub const HEADERS: [&str; 20] = [
    "姓名",
    "身份证号",
    "学号",
    "学院",
    "专业",
    "班级",
    "政治面貌",
    "学历层次",
    "入团时间",
    "团员发展编号",
    "原就读学校",
    "原所在省份",
    "智慧团建账号",
    "录取专业所在学院",
    "定向委培",
    "原单位行政职务",
    "申请保留在原单位",
    "纸质介绍信",
    "入学日期",
    "本校毕业生",
];

/// One student as the list writes them (column values in [`HEADERS`] order).
#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub id: String,
    pub major: &'static str,
    pub class: String,
    pub politics: &'static str,
    pub level: &'static str,
    pub joined: Option<(i32, u32)>,
    pub development_no: Option<String>,
    pub former_unit: String,
    pub province: &'static str,
    pub account: &'static str,
    pub admitted_college: &'static str,
    pub commissioned: bool,
    pub post: &'static str,
    pub asks_to_stay: bool,
    pub letter: bool,
    pub own_graduate: bool,
}

/// What the special students of [`sheet`] are, by their row in the sheet (Excel's numbering).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// A postgraduate of 29 without a league post: 超龄离团 (N2).
    OverAgePostgrad,
    /// Joined at 13 in 2021: not a member (M6, N2).
    Under14Since2017,
    /// Joined at 12 in 2015, from Beijing: only the letter (M6, N6, N11).
    Under14Before2017,
    /// Joined 2020, no account and no 发展编号: the branch registers, the number is needed (N5).
    NoAccountNoNumber,
    /// From Guangdong (N6).
    FromGuangdong,
    /// 定向委培 with a post, asks to stay (N7).
    Commissioned,
    /// Admitted in another college (N8).
    CollegeDiffers,
    /// Two accounts (N5).
    Duplicate,
    /// Account deleted by the former org (N5).
    Deleted,
    /// This school's own graduate going on to 研一 (N1, N10).
    OwnGraduate,
    /// Brought a paper letter (N11).
    BroughtLetter,
    /// 群众 (N2).
    Masses,
}

/// The special students' rows (Excel's numbering: the header is row 1).
pub const CASES: [(u32, Case); 12] = [
    (2, Case::OverAgePostgrad),
    (3, Case::Under14Since2017),
    (4, Case::Under14Before2017),
    (5, Case::NoAccountNoNumber),
    (6, Case::FromGuangdong),
    (7, Case::Commissioned),
    (8, Case::CollegeDiffers),
    (9, Case::Duplicate),
    (10, Case::Deleted),
    (11, Case::OwnGraduate),
    (12, Case::BroughtLetter),
    (13, Case::Masses),
];

/// Non-members (群众) among the ordinary students: every 25th.
const MASSES_EVERY: usize = 25;
const PROVINCES: [&str; 8] = [
    "湖北", "湖南", "河南", "四川", "江西", "安徽", "山东", "浙江",
];
const SCHOOLS: [&str; 6] = [
    "星河市第一中学",
    "星河市实验中学",
    "江城县第二中学",
    "云岭中学",
    "长湖高级中学",
    "南山外国语学校",
];

fn ordinary(rng: &mut Rng, ids: &mut IdMaker, i: usize) -> Row {
    let sex = if rng.chance(50) {
        Sex::Male
    } else {
        Sex::Female
    };
    let by = 2007 + rng.below(2) as i32;
    let birth = (by, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32);
    let jy = by + 15;
    let jm = 3 + rng.below(9) as u32;
    let masses = i % MASSES_EVERY == MASSES_EVERY - 1;
    let major = MAJORS[i / 60 % MAJORS.len()];
    Row {
        name: name(rng),
        id: ids.make(rng, birth, sex),
        major,
        class: format!("{}班", i / 30 % 2 + 1),
        politics: if masses { "群众" } else { "共青团员" },
        level: "本科",
        joined: (!masses).then_some((jy, jm)),
        development_no: (!masses).then(|| format!("{jy}{:08}", rng.below(100_000_000))),
        former_unit: rng.pick(&SCHOOLS).to_string(),
        province: rng.pick::<&str>(&PROVINCES),
        account: if masses {
            ""
        } else if rng.chance(80) {
            "账号正常"
        } else {
            ""
        },
        admitted_college: "",
        commissioned: false,
        post: "",
        asks_to_stay: false,
        letter: false,
        own_graduate: false,
    }
}

/// The row of `case`, from an ordinary one.
fn special(case: Case, mut r: Row, rng: &mut Rng, ids: &mut IdMaker) -> Row {
    let mut born = |y: i32, m: u32, d: u32| ids.make(rng, (y, m, d), Sex::Female);
    match case {
        Case::OverAgePostgrad => {
            r.id = born(1997, 3, 1);
            r.level = "研究生";
            r.class = "研究生1班".into();
            r.joined = Some((2012, 5));
            r.development_no = None;
        }
        Case::Under14Since2017 => {
            r.id = born(2008, 6, 1);
            r.joined = Some((2021, 9));
            r.development_no = Some("202100000001".into());
        }
        Case::Under14Before2017 => {
            r.id = born(2002, 8, 1);
            r.level = "研究生";
            r.class = "研究生1班".into();
            r.joined = Some((2015, 5));
            r.development_no = None;
            r.province = "北京";
            r.former_unit = "北京某某大学".into();
        }
        Case::NoAccountNoNumber => {
            r.id = born(2006, 2, 10);
            r.joined = Some((2020, 5));
            r.development_no = None;
            r.account = "没有账号";
        }
        Case::FromGuangdong => {
            r.province = "广东";
            r.former_unit = "广州市某某中学".into();
            r.account = "账号正常";
        }
        Case::Commissioned => {
            r.id = born(2000, 11, 20);
            r.level = "研究生";
            r.class = "研究生1班".into();
            r.joined = Some((2015, 5));
            r.development_no = None;
            r.commissioned = true;
            r.post = "办公室副主任";
            r.asks_to_stay = true;
        }
        Case::CollegeDiffers => {
            r.admitted_college = "计算机学院";
            r.account = "账号正常";
        }
        Case::Duplicate => r.account = "重复账号",
        Case::Deleted => r.account = "账号被删除",
        Case::OwnGraduate => {
            r.id = born(2004, 4, 4);
            r.level = "研究生";
            r.class = "研究生1班".into();
            r.joined = Some((2019, 5));
            r.development_no = Some("201900000007".into());
            r.own_graduate = true;
            r.former_unit = "共青团星河大学信息工程学院软件工程2022级1班团支部".into();
            r.province = "湖北";
            r.account = "账号正常";
        }
        Case::BroughtLetter => {
            r.letter = true;
            r.account = "账号正常";
        }
        Case::Masses => {
            r.politics = "群众";
            r.joined = None;
            r.development_no = None;
            r.account = "";
        }
    }
    r
}

fn cells(r: &Row) -> Vec<Cell> {
    let yes = |b: bool| Cell::text(if b { "是" } else { "" });
    vec![
        Cell::text(r.name.clone()),
        Cell::text(r.id.clone()),
        Cell::Empty,
        Cell::text(COLLEGE),
        Cell::text(r.major),
        Cell::text(r.class.clone()),
        Cell::text(r.politics),
        Cell::text(r.level),
        r.joined
            .map_or(Cell::Empty, |(y, m)| Cell::text(format!("{y}-{m:02}"))),
        Cell::text(r.development_no.clone().unwrap_or_default()),
        Cell::text(r.former_unit.clone()),
        Cell::text(r.province),
        Cell::text(r.account),
        Cell::text(r.admitted_college),
        yes(r.commissioned),
        Cell::text(r.post),
        yes(r.asks_to_stay),
        yes(r.letter),
        Cell::Date(YEAR, 9, 1),
        yes(r.own_graduate),
    ]
}

fn numbered(rows: Vec<Row>) -> Vec<Vec<Cell>> {
    let mut out = vec![HEADERS.iter().map(|h| Cell::text(*h)).collect::<Vec<_>>()];
    for (i, r) in rows.iter().enumerate() {
        let mut c = cells(r);
        // 学号: year, college, serial.
        c[2] = Cell::text(format!("{YEAR}0{:05}", i + 1));
        out.push(c);
    }
    out
}

/// The students of [`sheet`] / [`large`] (`n` of them), special cases first when `cases`.
pub fn rows(n: usize, seed: u64, cases: bool) -> Vec<Row> {
    let mut rng = Rng::new(seed);
    let mut ids = IdMaker::default();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let r = ordinary(&mut rng, &mut ids, i);
        let case = cases
            .then(|| CASES.iter().find(|(row, _)| *row as usize == i + 2))
            .flatten();
        out.push(match case {
            Some((_, c)) => special(*c, r, &mut rng, &mut ids),
            None => r,
        });
    }
    out
}

/// The 300-student freshmen list of the fixture.
pub fn sheet() -> SheetSpec {
    SheetSpec {
        name: "2026级新生".into(),
        merges: Vec::new(),
        rows: numbered(rows(300, 24, true)),
    }
}

/// `n` students (special cases included) for the benchmark.
pub fn large(n: usize, seed: u64) -> SheetSpec {
    SheetSpec {
        name: "新生名单".into(),
        merges: Vec::new(),
        rows: numbered(rows(n, seed, true)),
    }
}

/// The malformed lists of the bad-input catalogue: (file name, sheet, what the message must
/// name). Each holds valid rows and one wrong thing; none may import anything.
pub fn bad() -> Vec<(&'static str, SheetSpec, &'static str)> {
    let good = numbered(rows(8, 7, false));
    let with = |f: &dyn Fn(&mut Vec<Vec<Cell>>)| {
        let mut rows = good.clone();
        f(&mut rows);
        SheetSpec {
            name: "新生".into(),
            merges: Vec::new(),
            rows,
        }
    };
    let col = |h: &str| HEADERS.iter().position(|x| *x == h).unwrap_or(0);
    vec![
        (
            "freshmen-bad-id.xlsx",
            with(&|r| {
                // A wrong check character on row 5.
                if let Cell::Text(id) = &r[4][col("身份证号")] {
                    let mut id = id.clone();
                    let last = if id.ends_with('0') { '1' } else { '0' };
                    id.pop();
                    id.push(last);
                    r[4][col("身份证号")] = Cell::Text(id);
                }
            }),
            "第 5 行",
        ),
        (
            "freshmen-bad-province.xlsx",
            with(&|r| r[3][col("原所在省份")] = Cell::text("火星")),
            "原所在省份",
        ),
        (
            "freshmen-bad-enrolment.xlsx",
            with(&|r| r[6][col("入学日期")] = Cell::text("九月初")),
            "入学日期",
        ),
        (
            "freshmen-duplicate.xlsx",
            with(&|r| {
                let first = r[2][col("身份证号")].clone();
                r[7][col("身份证号")] = first;
            }),
            "重复",
        ),
        (
            "freshmen-no-politics.xlsx",
            with(&|r| {
                for row in r.iter_mut() {
                    row.remove(col("政治面貌"));
                }
            }),
            "政治面貌",
        ),
    ]
}
