//! The lists a secretary works through or hands on in Excel (#18, "everything exportable"):
//! a cohort's graduates with the engine's answer and where each transfer stands, the due
//! list, and the graduates behind a rate. Each is one .xlsx, written whole or not at all, ID
//! numbers as text; the CLI and the app export the same files.
//!
//! None of these lists needs a full ID number (issue 25; the F-tables do): the graduate list
//! masks them (`IdNumber::masked`: the first 6 and last 4) unless asked for the full ones,
//! and its title says which; the due and rate lists hold none, and say so.

use super::scope::{self, Scope};
use super::view::RateNumbers;
use super::Context;
use crate::documents::tables::{self, Cell, HeaderCell, Table};
use crate::transfer;
use crate::Result;
use chrono::NaiveDate;
use std::path::Path;

fn table(sheet: &str, title: String, header: &[&'static str], rows: Vec<Vec<Cell>>) -> Table {
    Table {
        sheet_name: sheet.into(),
        title: Some(title),
        notes: None,
        header: header.iter().map(|h| HeaderCell::plain(h)).collect(),
        rows,
        drop_downs: Vec::new(),
        required: Vec::new(),
        empty_note: tables::empty_note(""),
        landscape: true,
    }
}

fn write(t: &Table, out: &Path) -> Result<usize> {
    crate::files::write_output(out, &t.to_xlsx()?)?;
    Ok(t.rows.len())
}

fn joined(notices: &[crate::engine::Notice]) -> String {
    notices
        .iter()
        .map(|n| format!("{}（{}）", n.text, n.rule.title()))
        .collect::<Vec<_>>()
        .join("；")
}

/// Cohort `year`'s graduates as of `on`: identity, branch, destination, the engine's reason
/// and receiving org, blocks and warnings, and the transfer's state. ID numbers masked unless
/// `full_id_numbers` (the title says which). Returns the row count.
pub fn graduates_xlsx(
    ctx: &mut Context,
    year: i32,
    on: NaiveDate,
    out: &Path,
    full_id_numbers: bool,
) -> Result<usize> {
    let graduates = ctx.graduates(year, on)?;
    let s = ctx.store().campaign_settings(year)?;
    let ledger = ctx.store().ledger_of_year(year)?;
    let rows = graduates
        .iter()
        .map(|g| {
            let m = &g.member;
            let rec = g.recommendation.as_ref();
            let state = ledger.latest(m.id).map_or(transfer::State::Planned, |t| {
                transfer::project(t, on, &s).status.state
            });
            let id = if full_id_numbers {
                m.id_number.as_str().to_string()
            } else {
                m.id_number.masked()
            };
            vec![
                Cell::from(m.name.as_str()),
                Cell::from(id.as_str()),
                Cell::from(m.student_no.as_deref().unwrap_or("")),
                Cell::from(g.branch.full_name.as_str()),
                Cell::from(
                    g.graduates
                        .map(|d| d.chinese())
                        .unwrap_or_default()
                        .as_str(),
                ),
                Cell::from(m.marking.as_ref().map_or("", |k| k.kind().label())),
                Cell::from(m.destination.as_ref().map_or("", |d| d.kind.label())),
                Cell::from(
                    rec.and_then(|r| r.reason)
                        .map(|r| format!("{} {}", r.code(), r.label()))
                        .unwrap_or_default()
                        .as_str(),
                ),
                Cell::from(rec.map_or("", |r| r.destination.as_ref())),
                Cell::from(if rec.is_some_and(|r| r.blocked) {
                    "暂不能转接"
                } else {
                    ""
                }),
                Cell::from(rec.map(|r| joined(&r.blocks)).unwrap_or_default().as_str()),
                Cell::from(
                    rec.map(|r| joined(&r.warnings))
                        .unwrap_or_default()
                        .as_str(),
                ),
                Cell::from(state.label()),
            ]
        })
        .collect();
    let t = table(
        "毕业生",
        format!(
            "{year}届毕业生团员名单（截至 {on}；{}）",
            if full_id_numbers {
                "含完整身份证号，请妥善保管，勿外传"
            } else {
                "身份证号已脱敏，只显示前6位和后4位"
            }
        ),
        &[
            "姓名",
            "身份证号",
            "学号",
            "所在团支部",
            "毕业时间",
            "标记",
            "毕业去向",
            "转接原因",
            "转入组织",
            "能否转接",
            "阻断原因",
            "提醒",
            "转接状态",
        ],
        rows,
    );
    write(&t, out)
}

/// Cohort `year`'s due list of `scope` as of `on` (W4–W7, overdue receipts). Returns the row
/// count.
pub fn due_xlsx(
    ctx: &Context,
    year: i32,
    scope: &Scope,
    on: NaiveDate,
    out: &Path,
) -> Result<usize> {
    let due = scope::due_report(ctx, year, scope, on)?;
    let rows = due
        .iter()
        .map(|d| {
            vec![
                Cell::from(d.kind.label()),
                Cell::from(d.name.as_ref()),
                Cell::from(d.branch.as_ref()),
                Cell::from(d.due_on.to_string().as_str()),
                Cell::Number(d.days_left as f64),
                Cell::from(d.text.as_str()),
                Cell::from(format!("{} {}", d.rule.as_str(), d.rule.title()).as_str()),
            ]
        })
        .collect();
    let t = table(
        "待办清单",
        format!("{year}届学社衔接待办清单（截至 {on}；不含身份证号）"),
        &[
            "事项",
            "姓名",
            "团支部",
            "期限",
            "剩余天数（负数为已逾期）",
            "说明",
            "依据",
        ],
        rows,
    );
    write(&t, out)
}

/// The graduates behind `scope`'s two rates of cohort `year` as of `on`: each graduate once
/// per rate, whether counted as done. Returns the row count.
pub fn rates_xlsx(
    ctx: &Context,
    year: i32,
    scope: &Scope,
    on: NaiveDate,
    out: &Path,
) -> Result<usize> {
    let r = scope::rates_report(ctx, year, scope, on)?;
    let mut rows = Vec::new();
    for (label, rate) in [("升学衔接率", &r.sx), ("学社衔接率", &r.xs)] {
        let done: std::collections::HashSet<(i64, &str)> = rate
            .done_out
            .iter()
            .map(crate::transfer::RateLine::key)
            .collect();
        for l in &rate.graduates {
            rows.push(vec![
                Cell::from(label),
                Cell::from(l.name.as_ref()),
                Cell::from(l.branch.as_ref()),
                Cell::from(l.standing),
                Cell::from(if done.contains(&l.key()) {
                    "已完成（分子）"
                } else {
                    "未完成（分母）"
                }),
            ]);
        }
    }
    // N10: the receiving side, beside the two rates (the same people the rates count on
    // their incoming side).
    rows.extend(incoming_rows(&r.incoming));
    let title = format!(
        "{year}届衔接率名单（截至 {on}；不含身份证号）：升学衔接率 {}，学社衔接率 {}，转入一侧 {}",
        r.sx.display(),
        r.xs.display(),
        r.incoming.display()
    );
    let t = table(
        "衔接率名单",
        title,
        &["衔接率", "姓名", "团支部", "状态", "计入"],
        rows,
    );
    write(&t, out)
}

/// The receiving side's lines (N10): each member who applied to transfer in, whether done
/// (numerator), returned (out of the denominator) or applying (denominator).
fn incoming_rows(r: &transfer::Rate) -> Vec<Vec<Cell>> {
    let key = |v: &[transfer::RateLine]| -> std::collections::HashSet<(i64, String)> {
        v.iter()
            .map(|l| (l.member_id, l.branch.to_string()))
            .collect()
    };
    let (done, returned) = (key(&r.done_in), key(&r.returned_in));
    r.applied_in
        .iter()
        .map(|l| {
            let k = (l.member_id, l.branch.to_string());
            let counted = if done.contains(&k) {
                "转入完成（分子）"
            } else if returned.contains(&k) {
                "转入退回（移出分母）"
            } else {
                "申请转入（分母）"
            };
            vec![
                Cell::from(transfer::INCOMING_LABEL),
                Cell::from(l.name.as_ref()),
                Cell::from(l.branch.as_ref()),
                Cell::from(l.standing),
                Cell::from(counted),
            ]
        })
        .collect()
}

/// The receiving side of `scope`'s rates (N10) as of `on`: numerator, denominator and every
/// member behind them (the new students among them). Returns the row count.
pub fn incoming_xlsx(
    ctx: &Context,
    year: i32,
    scope: &Scope,
    on: NaiveDate,
    out: &Path,
) -> Result<usize> {
    let r = scope::rates_report(ctx, year, scope, on)?;
    let t = table(
        "转入一侧",
        format!(
            "{year}年转入一侧衔接率名单（截至 {on}）：{}（分子：转入完成；分母：申请转入减去被退回）",
            r.incoming.display()
        ),
        &["衔接率", "姓名", "转入团支部", "状态", "计入"],
        incoming_rows(&r.incoming),
    );
    write(&t, out)
}

/// A year's new students with the engine's advice on `on` (`freshmen list --xlsx`): identity
/// (ID number masked), class branch, what the office does and why, blocks and the transfer
/// in's state. Returns the row count.
pub fn freshmen_xlsx(ctx: &Context, year: i32, on: NaiveDate, out: &Path) -> Result<usize> {
    let list = super::freshmen::list(ctx, year, on)?;
    let text = |v: &[super::freshmen::RuleText]| {
        v.iter()
            .map(|n| format!("{}（{}）", n.text, n.rule))
            .collect::<Vec<_>>()
            .join("；")
    };
    let rows = list
        .students
        .iter()
        .map(|f| {
            let a = &f.advice;
            vec![
                Cell::from(f.name.as_str()),
                Cell::from(f.id_number.as_str()),
                Cell::from(f.student_no.as_deref().unwrap_or("")),
                Cell::from(f.branch.as_deref().unwrap_or("")),
                Cell::from(if f.branch_exists { "已建" } else { "未建" }),
                Cell::from(f.politics.label.as_str()),
                Cell::from(a.action_label.as_str()),
                Cell::from(if a.blocked { "是" } else { "否" }),
                Cell::from(a.reason.as_str()),
                Cell::from(a.rules.join("、").as_str()),
                Cell::from(text(&a.blocks).as_str()),
                Cell::from(text(&a.warnings).as_str()),
                Cell::from(
                    a.deadline
                        .as_ref()
                        .and_then(|d| d.start_by.as_deref())
                        .unwrap_or(""),
                ),
                Cell::from(
                    f.transfer
                        .as_ref()
                        .map_or("未发起", |t| t.state.label.as_str()),
                ),
            ]
        })
        .collect();
    let t = table(
        "新生",
        format!("{year}年新生转入名单（截至 {on}）"),
        &[
            "姓名",
            "身份证号",
            "学号",
            "班级团支部",
            "团支部",
            "政治面貌",
            "办理方式",
            "阻断",
            "说明",
            "规则",
            "阻断原因",
            "提醒",
            "发起转入期限",
            "转入状态",
        ],
        rows,
    );
    write(&t, out)
}

/// The school's rates by college as of `on` (issue 16): each college's numerators and
/// denominators and their sums (§6), one row a college and one for 全校 — what the school
/// reports upward. Returns the number of colleges.
pub fn college_rates_xlsx(ctx: &Context, year: i32, on: NaiveDate, out: &Path) -> Result<usize> {
    let r = super::package::rates(ctx, year, on)?;
    if r.colleges.is_empty() {
        return Err(crate::Error::invalid(
            "还没有导入任何学院的数据包：请先用“学院数据”导入各学院交来的数据包",
        ));
    }
    let row = |name: &str, rates: [&RateNumbers; 3]| {
        let pct = |c: &RateNumbers| match c.rate {
            None => Cell::from("—"),
            Some(r) => Cell::from(format!("{:.1}%", r * 100.0).as_str()),
        };
        let mut v = vec![Cell::from(name)];
        for c in rates {
            v.push(Cell::Number(f64::from(c.numerator)));
            v.push(Cell::Number(f64::from(c.denominator)));
            v.push(pct(c));
        }
        v
    };
    let mut rows: Vec<Vec<Cell>> = r
        .colleges
        .iter()
        .map(|c| row(&c.college, [&c.sx, &c.xs, &c.incoming]))
        .collect();
    rows.push(row("全校", [&r.sx, &r.xs, &r.incoming]));
    let t = table(
        "各学院衔接率",
        format!("{year}届各学院学社衔接情况（截至 {on}；全校为分子、分母分别相加）"),
        &[
            "学院",
            "升学衔接率分子",
            "升学衔接率分母",
            "升学衔接率",
            "学社衔接率分子",
            "学社衔接率分母",
            "学社衔接率",
            "转入一侧分子",
            "转入一侧分母",
            "转入一侧衔接率",
        ],
        rows,
    );
    write(&t, out)?;
    Ok(r.colleges.len())
}
