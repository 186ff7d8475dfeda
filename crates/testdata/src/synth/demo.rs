//! The demo college: 星河大学信息工程学院 (fictional), its org tree and ≈300 graduates in ten
//! branches covering every destination kind and the special cases the engine must handle
//! (party members, 27/28-year-olds, joined under 14, 2020+ joiners without 团员身份认证,
//! 京粤闽 and system-committee destinations, deferred graduates and teachers).

use super::{Cell, IdMaker, Merge, Rng, SheetSpec};
use xianjie::id_number::Sex;
use xianjie::service::demo::college::{
    branch_names, ABROAD_STUDY, COLLEGE, COLLEGE_FLOWING, COLLEGE_NAME, PER_BRANCH, SCHOOL_FLOWING,
    TEACHERS,
};

#[rustfmt::skip]
pub const HEADERS: &[&str] = &[
    "序号", "姓名", "性别", "民族", "身份证号", "学号", "学院", "所在团支部", "入团时间",
    "团员发展编号", "政治面貌", "团内职务", "手机号码", "毕业时间", "团费交至", "团员身份认证",
    "学籍状态", "毕业去向", "去向单位", "去向省份", "去向城市", "单位是否有团组织", "所属系统",
    "劳务派遣", "在京中直单位", "申请保留在校", "保留原因", "标记", "延迟毕业时间", "延迟毕业原因",
    "去向地址", "转入组织",
];

/// Destination templates: (kind label, unit, province, city, has org, system, dispatch,
/// central unit, retain, note).
type Dest = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);
#[rustfmt::skip]
const DESTS: &[Dest] = &[
    ("升学", "华中科技大学", "湖北", "武汉", "", "", "", "", "", ""),
    ("升学", "星河大学", "湖北", "武汉", "", "", "", "", "", ""),
    ("升学", "北京大学", "北京", "北京", "", "", "", "", "", ""),
    ("升学", "中山大学", "广东", "广州", "", "", "", "", "", ""),
    ("升学", "厦门大学", "福建", "厦门", "", "", "", "", "", ""),
    ("升学", "浙江大学", "浙江", "杭州", "", "", "", "", "", ""),
    ("已落实工作单位", "武汉光谷某信息技术有限公司", "湖北", "武汉", "是", "", "", "", "", ""),
    ("已落实工作单位", "宜昌某软件有限公司", "湖北", "宜昌", "否", "", "", "", "", ""),
    ("已落实工作单位", "深圳某科技有限公司", "广东", "深圳", "是", "", "", "", "", ""),
    ("已落实工作单位", "福州某网络有限公司", "福建", "福州", "否", "", "", "", "", ""),
    ("已落实工作单位", "北京某互联网有限公司", "北京", "北京", "是", "", "", "", "", ""),
    ("已落实工作单位", "中国铁路武汉局集团有限公司", "湖北", "武汉", "是", "全国铁道团委", "", "", "", ""),
    ("已落实工作单位", "中国民航某航空公司湖北分公司", "湖北", "武汉", "是", "全国民航团委", "", "", "", ""),
    ("已落实工作单位", "某国有银行湖北省分行", "湖北", "武汉", "是", "中央金融团工委", "", "", "", ""),
    ("已落实工作单位", "某中央企业研究院", "北京", "北京", "是", "中央企业团工委", "", "", "", ""),
    ("已落实工作单位", "某部委直属事业单位", "北京", "北京", "是", "中央和国家机关团工委", "", "是", "", ""),
    ("已落实工作单位", "武汉某人力资源服务有限公司", "湖北", "武汉", "否", "", "是", "", "", ""),
    ("已落实工作单位", "上海某电子有限公司", "上海", "上海", "是", "", "", "", "", ""),
    ("因公出国（境）工作", "某建筑工程局有限公司海外项目部", "湖北", "武汉", "是", "", "", "", "", ""),
    ("出国（境）学习研究", "新加坡某大学", "", "", "", "", "", "", "", ""),
    ("出国（境）学习研究", "英国某大学", "", "", "", "", "", "", "", ""),
    ("因私出国（境）", "", "湖北", "武汉", "", "", "", "", "", ""),
    ("未就业（未升学或未落实就业去向）", "", "湖北", "襄阳", "", "", "", "", "", ""),
    ("未就业（未升学或未落实就业去向）", "", "河南", "郑州", "", "", "", "", "是", ""),
    ("未就业（未升学或未落实就业去向）", "", "湖北", "武汉", "", "", "", "", "是", "二战考研"),
    ("参军入伍", "", "", "", "", "", "", "", "", ""),
    ("涉密单位", "某研究所", "四川", "绵阳", "", "", "", "", "", ""),
    ("C类保研/研究生支教团", "星河大学研究生支教团", "湖北", "武汉", "", "", "", "", "", ""),
];
/// How often each template is drawn (same order as `DESTS`).
const WEIGHTS: &[u64] = &[
    22, 10, 5, 4, 4, 5, 20, 14, 6, 4, 5, 3, 2, 3, 2, 2, 3, 4, 2, 8, 4, 3, 16, 4, 3, 6, 5, 5,
];

fn weighted(rng: &mut Rng) -> &'static Dest {
    let total: u64 = WEIGHTS.iter().sum();
    let mut x = rng.below(total);
    for (d, w) in DESTS.iter().zip(WEIGHTS) {
        if x < *w {
            return d;
        }
        x -= w;
    }
    &DESTS[0]
}

fn ym_text(y: i32, m: u32) -> String {
    format!("{y}年{m}月")
}

/// The demo roster as a sheet: two title rows (merged), the header, ≈300 data rows.
pub fn sheet() -> SheetSpec {
    let mut rng = Rng::new(20_260_701);
    let mut ids = IdMaker::default();
    let width = HEADERS.len();
    let last_col = (width - 1) as u16;
    let mut rows: Vec<Vec<Cell>> = vec![
        vec![Cell::text("星河大学信息工程学院2026届毕业生团员名单")],
        vec![Cell::text(format!(
            "填报单位：{COLLEGE}　　填报日期：2026年5月20日"
        ))],
        HEADERS.iter().map(|h| Cell::text(*h)).collect(),
    ];
    for r in rows.iter_mut().take(2) {
        r.resize(width, Cell::Empty);
    }
    let merges = vec![
        Merge {
            first_row: 0,
            first_col: 0,
            last_row: 0,
            last_col,
        },
        Merge {
            first_row: 1,
            first_col: 0,
            last_row: 1,
            last_col,
        },
    ];
    let mut n = 0usize;
    for (b, branch) in branch_names().iter().enumerate() {
        for i in 0..PER_BRANCH {
            n += 1;
            rows.push(person(&mut rng, &mut ids, n, b, i, branch));
        }
    }
    for i in 0..5 {
        n += 1;
        rows.push(teacher(&mut rng, &mut ids, n, i));
    }
    SheetSpec {
        name: "2026届毕业生".into(),
        merges,
        rows,
    }
}

/// One graduate; `b`/`i` pick the special cases deterministically.
fn person(
    rng: &mut Rng,
    ids: &mut IdMaker,
    n: usize,
    b: usize,
    i: usize,
    branch: &str,
) -> Vec<Cell> {
    let sex = if rng.chance(52) {
        Sex::Male
    } else {
        Sex::Female
    };
    let case = (b * PER_BRANCH + i) % 29;
    // Birth: mostly 2003–2004; case 3 and 4 are 27/28 on the campaign date.
    let (by, bm, bd) = match (case, b % 2) {
        (3, 0) => (1999, 3, 12),
        (3, _) => (1998, 11, 2),
        (4, _) => (1998, 4, 20),
        (5, _) if b.is_multiple_of(3) => (2004, 9, 15),
        (6, _) if b == 0 => (2002, 9, 9),
        _ => (
            2003 + rng.below(2) as i32,
            1 + rng.below(12) as u32,
            1 + rng.below(28) as u32,
        ),
    };
    let id = ids.make(rng, (by, bm, bd), sex);
    // Joined: usually at 14–16; case 5 joined 2017+ under 14 (M6), case 6 (even branches) joined
    // before 2017 under 14, case 7 joined 2020+ without 团员身份认证 (M7).
    let (jy, jm) = match case {
        5 if b.is_multiple_of(3) => (2017, 5),
        6 if b == 0 => (2015, 5),
        7 | 8 => (2021 + rng.below(3) as i32, 5),
        _ => (
            by + 15 + rng.below(2) as i32,
            if rng.chance(50) { 5 } else { 12 },
        ),
    };
    let dev_no = if jy >= 2017 {
        format!("{jy}{:08}", rng.below(100_000_000))
    } else {
        String::new()
    };
    let verified = if case == 7 || (jy >= 2020 && rng.chance(20)) {
        "否"
    } else {
        "是"
    };
    let politics = match case {
        9 | 10 => "中共预备党员",
        11 => "中共党员",
        _ => "共青团员",
    };
    let post = match i {
        0 => "团支部书记",
        1 => "组织委员",
        2 => "宣传委员",
        _ => "",
    };
    let status = match (b, case) {
        (2, 12) => "退学",
        (3, 12) => "休学",
        _ => "正常毕业",
    };
    let dues = if rng.chance(85) {
        ym_text(2026, 6)
    } else {
        ym_text(2025, 12)
    };
    let student_no = format!("2022{:02}{:03}", b + 1, i + 1);
    let mut dest: Vec<&str> = {
        let d = match case {
            13 => &DESTS[11],
            14 => &DESTS[15],
            15 => &DESTS[2 + (b % 3)],
            16 => &DESTS[8 + (b % 3)],
            _ => weighted(rng),
        };
        vec![d.0, d.1, d.2, d.3, d.4, d.5, d.6, d.7, d.8, d.9]
    };
    let (mark, until, why) = match (b, case) {
        (0 | 4 | 8, 17) => ("延迟毕业团员", "2027-07", "学分未修满，延长学习年限"),
        (1 | 5, 18) => ("延迟毕业团员", "2027-01", "因病休学一学期"),
        (6, 19) => ("教师", "", ""),
        _ => ("", "", ""),
    };
    if !mark.is_empty() {
        dest = vec![""; 10];
    }
    let mut row = vec![
        Cell::Number(n as f64),
        Cell::text(super::name(rng)),
        Cell::text(sex.label()),
        Cell::text(*rng.pick(super::ETHNICITIES)),
        Cell::text(id),
        Cell::text(student_no),
        Cell::text(COLLEGE_NAME),
        Cell::text(branch),
        Cell::Date(jy, jm, 1),
        Cell::text(dev_no),
        Cell::text(politics),
        Cell::text(post),
        Cell::text(super::mobile(rng)),
        Cell::text("2026-07"),
        Cell::text(dues),
        Cell::text(verified),
        Cell::text(status),
    ];
    let (kind, unit, province, city, has_org) = (dest[0], dest[1], dest[2], dest[3], dest[4]);
    let address = if city.is_empty() || kind == "参军入伍" {
        String::new()
    } else {
        let n = 1 + rng.below(300);
        // A classified unit's address is not written down (R8 needs none).
        if kind == "涉密单位" {
            String::new()
        } else {
            format!("{province}{city}某区学府路{n}号")
        }
    };
    // Most rows already know the receiving org, written as a careful secretary writes it: the
    // org's full name as 智慧团建 has it (共青团…团支部), once; the rest show the engine's
    // missing-field note. R8 chooses no org at all (rules.md §R8). One draw a row, as before,
    // so the rest of the roster stays the same.
    let known = rng.chance(70);
    let retained = dest[8] == "是";
    let target = match kind {
        "涉密单位" | "参军入伍" => String::new(),
        _ if !known => String::new(),
        _ if retained => SCHOOL_FLOWING.to_string(),
        "出国（境）学习研究" => ABROAD_STUDY.to_string(),
        "C类保研/研究生支教团" => COLLEGE_FLOWING.to_string(),
        _ if city.is_empty() => String::new(),
        "升学" => format!("共青团{unit}2026级硕士研究生团支部"),
        "已落实工作单位" | "因公出国（境）工作" if has_org == "是" => {
            format!("共青团{unit}团支部")
        }
        _ => format!("共青团{city}市某街道学社衔接临时团支部"),
    };
    row.extend(dest.into_iter().map(Cell::text));
    row.extend([Cell::text(mark), Cell::text(until), Cell::text(why)]);
    row.extend([Cell::text(address), Cell::text(target)]);
    row
}

/// A teacher in the teacher branch (no graduation date, marked 教师).
fn teacher(rng: &mut Rng, ids: &mut IdMaker, n: usize, i: usize) -> Vec<Cell> {
    let sex = if i.is_multiple_of(2) {
        Sex::Female
    } else {
        Sex::Male
    };
    let by = 1996 + (i as i32 % 3);
    let id = ids.make(rng, (by, 1 + i as u32, 10 + i as u32), sex);
    let jy = by + 15;
    let mut row = vec![
        Cell::Number(n as f64),
        Cell::text(super::name(rng)),
        Cell::text(sex.label()),
        Cell::text("汉族"),
        Cell::text(id),
        Cell::text(format!("T2020{i:03}")),
        Cell::text(COLLEGE_NAME),
        Cell::text(TEACHERS),
        Cell::Date(jy, 5, 1),
        Cell::text(if jy >= 2017 {
            format!("{jy}00000{i:03}")
        } else {
            String::new()
        }),
        Cell::text("中共党员"),
        Cell::text(if i == 0 {
            "团委副书记"
        } else {
            "团支部书记"
        }),
        Cell::text(super::mobile(rng)),
        Cell::Empty,
        Cell::text(ym_text(2026, 6)),
        Cell::text("是"),
        Cell::text("正常毕业"),
    ];
    row.extend(std::iter::repeat_n(Cell::Empty, 10));
    row.extend([
        Cell::text("教师"),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
    ]);
    row
}
