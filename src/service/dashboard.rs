//! 工作台 (both doors: the window's page, `xianjie dashboard`): where the campaign calendar stands (W5), the due list (W4–W7), the two rates (§6)
//! for the school and by college and branch, and the progress toward 07-25 — one call, as of
//! a date. The graduates behind a number come from [`rate_detail`] (drill-down), so the
//! dashboard stays small for 50,000 graduates.

use super::calendar::CalendarView;
use super::scope::{self, Scope};
use super::view::{count, Choice, RateNumbers, RuleRef};
use super::Context;
use crate::store::transfers as operations;
use crate::transfer::{self, DueItem, Graduate, Rate, RateLine, RatesReport, Unit};
use crate::Result;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One line of the due list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DueView {
    pub kind: Choice,
    pub member_id: i64,
    pub name: String,
    pub branch: String,
    pub due_on: String,
    /// Negative: overdue.
    pub days_left: i64,
    pub text: String,
    pub rule: RuleRef,
    /// `overdue`, `soon` or `none` (the same rule as the 转接 rows').
    pub urgency: String,
}

impl From<DueItem> for DueView {
    fn from(d: DueItem) -> Self {
        Self {
            urgency: super::transfers::list::urgency(Some(d.days_left), false),
            kind: Choice::new(d.kind.code(), d.kind.label()),
            member_id: d.member_id,
            name: d.name.to_string(),
            branch: d.branch.to_string(),
            due_on: d.due_on.to_string(),
            days_left: d.days_left,
            text: d.text,
            rule: d.rule.into(),
        }
    }
}

/// A unit with both rates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitRates {
    /// `school`, `college:ID` or `branch:ID` (what [`rate_detail`] takes).
    pub unit: String,
    pub name: String,
    pub sx: RateNumbers,
    pub xs: RateNumbers,
    /// N10: the receiving side (transfers into the unit, the new students among them), beside
    /// the two rates.
    pub incoming: RateNumbers,
}

/// W5: non-study graduates must all have started their request by 07-25.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TargetProgress {
    pub by: String,
    /// `7月25日前非升学毕业生100%发起`, from the year's settings (W5a).
    pub label: String,
    pub days_left: i64,
    /// Non-study graduates counted (学社衔接率's own graduates, M3 marked ones outside).
    pub total: u32,
    /// Of them, with a request started by the date (or retained in school, R7a).
    pub started: u32,
    /// Of `started`, those retained in school (R7a): counted as started for 07-25, not done.
    pub retained: u32,
}

/// Everything 工作台 shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Dashboard {
    pub year: i32,
    pub on: String,
    pub calendar: CalendarView,
    /// The most urgent of the due list (at most [`DUE_SHOWN`]): a page of thousands of rows
    /// took seconds to draw; the whole list is exported (导出 Excel) or worked on 转接.
    pub due: Vec<DueView>,
    /// How many items the whole due list has.
    pub due_total: u32,
    /// The school's view over its colleges' packages (issue 16): read only — the rows belong
    /// to the colleges' data: numbers drill down (units are `package:学院|…` codes), but no
    /// graduate's page opens from here and nothing is recorded.
    pub merged: bool,
    pub school: UnitRates,
    pub colleges: Vec<UnitRates>,
    pub branches: Vec<UnitRates>,
    pub target: TargetProgress,
}

fn unit_code(u: Unit) -> String {
    Scope::Here(u).code()
}

/// The units of `kind` among the cohort, by name.
fn units(grads: &[Graduate], college: bool) -> Vec<(Unit, String)> {
    let mut seen = std::collections::BTreeMap::new();
    for g in grads {
        if college {
            if let Some(c) = g.college_id {
                seen.entry(g.college.to_string())
                    .or_insert(Unit::College(c));
            }
        } else {
            seen.entry(g.branch.to_string())
                .or_insert(Unit::Branch(g.branch_id));
        }
    }
    seen.into_iter().map(|(n, u)| (u, n)).collect()
}

/// The due items 工作台 shows, most urgent first.
pub const DUE_SHOWN: usize = 200;

/// 工作台 for cohort `year` as of `on`: the office's own, or — at a school holding its
/// colleges' packages — every college's together.
pub fn dashboard(ctx: &Context, year: i32, on: NaiveDate) -> Result<Dashboard> {
    let packages = super::package::list(ctx)?;
    if packages.is_empty() {
        return one(ctx, year, on);
    }
    let mut parts = Vec::with_capacity(packages.len());
    for p in &packages {
        let c = super::package::college(ctx, &p.college)?;
        parts.push((p.college.clone(), one(&c.lock(), year, on)?));
    }
    merged(ctx, year, on, parts)
}

/// The colleges' dashboards as the school's: sums, each college a bar, every branch, the most
/// urgent due items of all.
fn merged(
    ctx: &Context,
    year: i32,
    on: NaiveDate,
    parts: Vec<(String, Dashboard)>,
) -> Result<Dashboard> {
    let mut parts = parts.into_iter();
    let Some((first_name, mut first)) = parts.next() else {
        return Err(crate::Error::internal("没有学院数据"));
    };
    // A college's own codes, qualified by the college: its ids mean nothing at the school.
    let in_college = |college: &str, code: &str| -> Result<String> {
        let unit = match Scope::parse(code)? {
            Scope::Here(u) => u,
            _ => Unit::School,
        };
        Ok(Scope::College {
            college: college.to_string(),
            unit,
        }
        .code())
    };
    let as_college = |name: String, d: &Dashboard| -> Result<UnitRates> {
        Ok(UnitRates {
            unit: in_college(&name, "school")?,
            name,
            sx: d.school.sx.clone(),
            xs: d.school.xs.clone(),
            incoming: d.school.incoming.clone(),
        })
    };
    let qualified = |college: &str, branches: Vec<UnitRates>| -> Result<Vec<UnitRates>> {
        branches
            .into_iter()
            .map(|mut b| {
                b.unit = in_college(college, &b.unit)?;
                Ok(b)
            })
            .collect()
    };
    let first_branches = qualified(&first_name, std::mem::take(&mut first.branches))?;
    let mut out = Dashboard {
        colleges: vec![as_college(first_name, &first)?],
        branches: first_branches,
        merged: true,
        ..first
    };
    for (name, mut d) in parts {
        out.branches
            .extend(qualified(&name, std::mem::take(&mut d.branches))?);
        out.colleges.push(as_college(name, &d)?);
        out.due.extend(d.due);
        out.due_total += d.due_total;
    }
    // The school's numbers are the colleges' lines absorbed into one report (§6: numerators
    // and denominators added, never rates): the one sum, as every other school view.
    let school = scope::rates_report(ctx, year, &Scope::Colleges, on)?;
    out.school = UnitRates {
        unit: Scope::Colleges.code(),
        name: scope::whole_name(ctx)?,
        sx: (&school.sx).into(),
        xs: (&school.xs).into(),
        incoming: RateNumbers::incoming(&school.incoming),
    };
    let s = ctx.store().campaign_settings(year)?;
    out.target = target(&school, &s, on);
    out.due.sort_by(|a, b| a.due_on.cmp(&b.due_on));
    out.due.truncate(DUE_SHOWN);
    Ok(out)
}

fn one(ctx: &Context, year: i32, on: NaiveDate) -> Result<Dashboard> {
    let store = ctx.store();
    let s = store.campaign_settings(year)?;
    let (grads, ledger, names) = operations::cohort(store, year, on)?;
    let receipts = operations::receipts_overdue(store, on)?;
    let due = transfer::due_list(&grads, &ledger, &receipts, Unit::School, on, &s);
    let numbers = |unit: Unit, name: String, subset: &[Graduate]| {
        let r = transfer::rates(subset, &ledger, &names, unit, on, &s);
        UnitRates {
            unit: unit_code(unit),
            name,
            sx: (&r.sx).into(),
            xs: (&r.xs).into(),
            incoming: RateNumbers::incoming(&r.incoming),
        }
    };
    let school_report = transfer::rates(&grads, &ledger, &names, Unit::School, on, &s);
    let by = |college: bool| {
        units(&grads, college)
            .into_iter()
            .map(|(u, n)| {
                let subset: Vec<Graduate> = grads.iter().filter(|g| u.has(g)).cloned().collect();
                numbers(u, n, &subset)
            })
            .collect::<Vec<_>>()
    };
    Ok(Dashboard {
        year,
        on: on.to_string(),
        calendar: super::calendar::view(&s, on),
        due_total: count(due.len()),
        due: due.into_iter().take(DUE_SHOWN).map(DueView::from).collect(),
        merged: false,
        school: UnitRates {
            unit: "school".into(),
            // #18: a college's store says its college, not 全校.
            name: scope::whole_name(ctx)?,
            sx: (&school_report.sx).into(),
            xs: (&school_report.xs).into(),
            incoming: RateNumbers::incoming(&school_report.incoming),
        },
        colleges: by(true),
        branches: by(false),
        target: target(&school_report, &s, on),
    })
}

/// W5's 07-25 target over a report's 学社衔接率 graduates: who has a request started (or is
/// retained in school, R7a) by the date.
fn target(r: &RatesReport, s: &transfer::CampaignSettings, on: NaiveDate) -> TargetProgress {
    let lines = &r.xs.graduates;
    TargetProgress {
        by: s.request_by.to_string(),
        label: format!(
            "{}月{}日前非升学毕业生100%发起",
            chrono::Datelike::month(&s.request_by),
            chrono::Datelike::day(&s.request_by)
        ),
        days_left: (s.request_by - on).num_days(),
        total: count(lines.len()),
        started: count(lines.iter().filter(|l| l.started).count()),
        retained: count(lines.iter().filter(|l| l.retained).count()),
    }
}

/// 工作台 › 待办清单 › 导出: the due list as an .xlsx; returns the path written.
pub fn export_due(ctx: &Context, year: i32, on: NaiveDate, out: &str) -> Result<String> {
    let whole = scope::whole(ctx)?;
    super::lists::due_xlsx(ctx, year, &whole, on, std::path::Path::new(out))?;
    Ok(out.to_string())
}

/// 工作台 › 名单 › 导出: the graduates behind `unit`'s rates as an .xlsx.
pub fn export_rates(
    ctx: &Context,
    year: i32,
    unit: &str,
    on: NaiveDate,
    out: &str,
) -> Result<String> {
    let scope = Scope::parse(unit)?;
    super::lists::rates_xlsx(ctx, year, &scope, on, std::path::Path::new(out))?;
    Ok(out.to_string())
}

/// 工作台 › 转入一侧 › 导出: the members transferring into `unit` (the new students among
/// them) behind the receiving side's rate (N10), as an .xlsx.
pub fn export_incoming(
    ctx: &Context,
    year: i32,
    unit: &str,
    on: NaiveDate,
    out: &str,
) -> Result<String> {
    let scope = Scope::parse(unit)?;
    super::lists::incoming_xlsx(ctx, year, &scope, on, std::path::Path::new(out))?;
    Ok(out.to_string())
}

/// One graduate behind a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RateLineView {
    pub member_id: i64,
    pub name: String,
    pub college: String,
    pub branch: String,
    pub standing: String,
    /// 毕业生 (denominator) / 已完成 (numerator) / 申请转入 / 转入退回 / 转入完成.
    pub counted_as: String,
    pub in_numerator: bool,
}

/// The graduates behind one unit's rate (drill-down).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RateDetail {
    pub unit: String,
    pub numbers: RateNumbers,
    pub lines: Vec<RateLineView>,
    /// M3: deferred graduates and teachers of the unit, outside both rates.
    pub outside: u32,
}

fn lines(r: &Rate) -> Vec<RateLineView> {
    let done: std::collections::HashSet<(i64, &str)> =
        r.done_out.iter().map(RateLine::key).collect();
    let view = |l: &RateLine, counted_as: &str, in_numerator: bool| RateLineView {
        member_id: l.member_id,
        name: l.name.to_string(),
        college: l.college.to_string(),
        branch: l.branch.to_string(),
        standing: l.standing.into(),
        counted_as: counted_as.into(),
        in_numerator,
    };
    let mut out: Vec<RateLineView> = r
        .graduates
        .iter()
        .map(|l| {
            let d = done.contains(&l.key());
            view(
                l,
                if d {
                    "已完成（分子）"
                } else {
                    "毕业生（分母）"
                },
                d,
            )
        })
        .collect();
    let done_in: std::collections::HashSet<(i64, &str)> =
        r.done_in.iter().map(RateLine::key).collect();
    let returned: std::collections::HashSet<(i64, &str)> =
        r.returned_in.iter().map(RateLine::key).collect();
    for l in &r.applied_in {
        let (what, num) = if done_in.contains(&l.key()) {
            ("转入完成（分子）", true)
        } else if returned.contains(&l.key()) {
            ("转入退回（移出分母）", false)
        } else {
            ("申请转入（分母）", false)
        };
        out.push(view(l, what, num));
    }
    out
}

/// The graduates behind `unit`'s `metric` (`sx`/`xs`) rate of cohort `year` on `on`.
pub fn rate_detail(
    ctx: &Context,
    year: i32,
    unit: &str,
    metric: &str,
    on: NaiveDate,
) -> Result<RateDetail> {
    let r = scope::rates_report(ctx, year, &Scope::parse(unit)?, on)?;
    let rate = match metric {
        "sx" => &r.sx,
        "xs" => &r.xs,
        "in" => &r.incoming,
        other => {
            return Err(crate::Error::invalid(format!(
                "衔接率“{other}”无效：应为 sx、xs 或 in（转入一侧）"
            )))
        }
    };
    let numbers = if metric == "in" {
        RateNumbers::incoming(rate)
    } else {
        rate.into()
    };
    Ok(RateDetail {
        unit: unit.to_string(),
        numbers,
        lines: lines(rate),
        outside: count(r.outside.len()),
    })
}
