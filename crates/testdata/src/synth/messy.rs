//! The messy roster: every error class the import must catch, under a title and a two-row
//! merged header, plus valid rows typed in every accepted form. [`EXPECTED`] lists the errors
//! (Excel row, column letter, part of the message) the import must report.

use super::{with_check, Cell, Merge, SheetSpec};

pub const BRANCH: &str = "共青团测试学院2022级1班团支部";
pub const BRANCH2: &str = "共青团测试学院2022级2班团支部";

/// (Excel row, column letter, message fragment) of every error in the messy roster.
pub const EXPECTED: &[(u32, &str, &str)] = &[
    (16, "D", "四舍五入"),
    (17, "D", "四舍五入"),
    (18, "D", "校验码"),
    (19, "D", "应为18位"),
    (20, "D", "出生日期"),
    (21, "C", "与身份证号不符"),
    (22, "F", "超出范围"),
    (23, "F", "不是存在的日期"),
    (24, "F", "不是可识别的日期"),
    (25, "F", "不是可识别的日期"),
    (26, "G", "必须填写12位团员发展编号"),
    (27, "G", "应为12位数字"),
    (28, "I", "11位数字"),
    (29, "I", "11位数字"),
    (30, "D", "与第7行的身份证号重复"),
    (31, "B", "缺少姓名"),
    (32, "E", "缺少团支部"),
    (33, "H", "政治面貌"),
    (35, "F", "早于身份证号中的出生日期"),
    (36, "J", "不是可识别的日期"),
    (37, "F", "无法区分"),
];
/// Rows that import (Excel rows).
pub const VALID_ROWS: &[u32] = &[4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 34, 38, 40];
/// (Excel row, column letter) of the warnings (M6 joined under 14).
pub const WARNINGS: &[(u32, &str)] = &[(34, "F")];

/// A valid person: (name, sex, id, branch, joined, development no, politics, mobile, graduates).
struct P {
    name: Cell,
    sex: Cell,
    id: Cell,
    branch: Cell,
    joined: Cell,
    dev: Cell,
    politics: Cell,
    mobile: Cell,
    graduates: Cell,
}

fn id(birth: &str, seq: u32) -> String {
    with_check(&format!("420502{birth}{seq:03}"))
}

/// A valid row for person number `k` (male when `k` is odd), born in 2004, joined 2019-05.
fn base(k: u32) -> P {
    let male = k % 2 == 1;
    let seq = 100 + k * 2 + u32::from(male);
    P {
        name: Cell::text(
            format!(
                "测试{}",
                ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"][k as usize % 10]
            ) + &k.to_string(),
        ),
        sex: Cell::text(if male { "男" } else { "女" }),
        id: Cell::text(id("20040301", seq)),
        branch: Cell::text(if k.is_multiple_of(3) { BRANCH2 } else { BRANCH }),
        joined: Cell::text("2019-05"),
        dev: Cell::text(format!("2019{:08}", 1000 + k)),
        politics: Cell::text("共青团员"),
        mobile: Cell::text(format!("139{:08}", 10_000_000 + k)),
        graduates: Cell::text("2026-07"),
    }
}

/// An ID number whose check character is X (to be typed with a lower-case x).
fn id_with_x() -> String {
    (0..1000)
        .map(|seq| id("20031111", seq))
        .find(|s| s.ends_with('X'))
        .unwrap_or_default()
}

/// The 性别 cell that agrees with an ID number.
fn sex_of(id: &str) -> Cell {
    let odd = id.as_bytes().get(16).is_some_and(|d| (d - b'0') % 2 == 1);
    Cell::text(if odd { "男" } else { "女" })
}

/// The messy roster sheet.
pub fn sheet() -> SheetSpec {
    let mut rows: Vec<Vec<Cell>> = vec![
        vec![Cell::text(
            "测试学院2026届毕业生团员信息汇总（含错误数据，测试用）",
        )],
        vec![
            Cell::text("序号"),
            Cell::text("姓 名"),
            Cell::text("性别"),
            Cell::text("公民身份号码"),
            Cell::text("团组织信息"),
            Cell::Empty,
            Cell::Empty,
            Cell::text("政治面貌"),
            Cell::text("联系电话"),
            Cell::text("毕业时间"),
        ],
        vec![
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::text("班级团支部"),
            Cell::text("入团年月"),
            Cell::text("发展团员编号"),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ],
    ];
    rows[0].resize(10, Cell::Empty);
    let mut merges = vec![Merge {
        first_row: 0,
        first_col: 0,
        last_row: 0,
        last_col: 9,
    }];
    for c in [0u16, 1, 2, 3, 7, 8, 9] {
        merges.push(Merge {
            first_row: 1,
            first_col: c,
            last_row: 2,
            last_col: c,
        });
    }
    merges.push(Merge {
        first_row: 1,
        first_col: 4,
        last_row: 1,
        last_col: 6,
    });

    let mut people: Vec<P> = Vec::new();
    let mut k = 0;
    let mut next = |f: &dyn Fn(&mut P)| {
        k += 1;
        let mut p = base(k);
        f(&mut p);
        people.push(p);
    };
    // Excel rows 4–15: valid, in every accepted form.
    next(&|_| {});
    next(&|p| {
        if let Cell::Text(s) = &p.id {
            p.id = Cell::text(full_width(s));
        }
    });
    next(&|p| {
        p.id = Cell::text(id_with_x().to_lowercase());
        p.sex = sex_of(&id_with_x());
    });
    next(&|p| p.joined = Cell::text("2019年5月"));
    next(&|p| p.joined = Cell::text("2019.05"));
    next(&|p| p.joined = Cell::text("2019/5"));
    next(&|p| p.joined = Cell::text("201905"));
    next(&|p| p.joined = Cell::text("2019年5月1日"));
    next(&|p| p.joined = Cell::Date(2019, 5, 1));
    next(&|p| p.joined = Cell::Number(43586.0));
    next(&|p| p.joined = Cell::Number(201905.0));
    next(&|p| p.mobile = Cell::Number(13912345678.0));
    // Excel rows 16–37: one error each (row 34 only warns).
    next(&|p| p.id = Cell::Number(420502200403011236.0));
    next(&|p| p.id = Cell::text("4.20502200403011E+17"));
    next(&|p| p.id = Cell::text("420502200403011234"));
    next(&|p| p.id = Cell::text("42050220040301123"));
    next(&|p| p.id = Cell::text(with_check("42050220040231123")));
    next(&|p| {
        p.sex = Cell::text(if matches!(&p.sex, Cell::Text(s) if s == "男") {
            "女"
        } else {
            "男"
        })
    });
    next(&|p| p.joined = Cell::text("2019年13月"));
    next(&|p| p.joined = Cell::text("2019-02-30"));
    next(&|p| p.joined = Cell::text("去年五月"));
    next(&|p| p.joined = Cell::text("19.5"));
    next(&|p| p.dev = Cell::Empty);
    next(&|p| p.dev = Cell::text("20190001234"));
    next(&|p| p.mobile = Cell::text("1391234567"));
    next(&|p| p.mobile = Cell::text("1391234567a"));
    next(&|p| {
        p.id = base(4).id;
        p.sex = base(4).sex;
    });
    next(&|p| p.name = Cell::Empty);
    next(&|p| p.branch = Cell::Empty);
    next(&|p| p.politics = Cell::text("少先队员"));
    next(&|p| {
        p.id = Cell::text(id("20050901", 321));
        p.joined = Cell::text("2017-05");
        p.dev = Cell::text("201700000001");
        p.sex = Cell::text("男");
    });
    next(&|p| p.joined = Cell::text("2003-01"));
    next(&|p| p.graduates = Cell::text("明年"));
    next(&|p| p.joined = Cell::Number(2019.1));
    // Row 38: valid, with spaces inside the ID; row 39 empty; row 40 valid again.
    next(&|p| {
        if let Cell::Text(s) = &p.id {
            p.id = Cell::text(format!(" {} {} ", &s[..6], &s[6..]));
        }
    });
    for (i, p) in people.into_iter().enumerate() {
        rows.push(vec![
            Cell::Number((i + 1) as f64),
            p.name,
            p.sex,
            p.id,
            p.branch,
            p.joined,
            p.dev,
            p.politics,
            p.mobile,
            p.graduates,
        ]);
    }
    rows.push(vec![Cell::Empty; 10]);
    let mut last = base(40);
    last.name = Cell::text("测试末行");
    rows.push(vec![
        Cell::Number(36.0),
        last.name,
        last.sex,
        last.id,
        last.branch,
        last.joined,
        last.dev,
        last.politics,
        last.mobile,
        last.graduates,
    ]);
    rows.push(vec![Cell::text("填表人：测试老师　　审核人：测试书记")]);
    SheetSpec {
        name: "毕业生团员".into(),
        merges,
        rows,
    }
}

/// Half-width digits and letters to their full-width forms.
pub fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}
