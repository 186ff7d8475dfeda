//! Which graduates a number or a list is about. An office reads its own store (the school,
//! a college, a branch); a school holding its colleges' packages (issue 16) reads them
//! instead: all of them, or one college's, or one branch of one college's. The rates behind a
//! 工作台 bar, the drill-down lists, the due list and their exports all go through here, so
//! the CLI and the app agree on what "全校" means at a school.
//!
//! A package's ids are that college's own: a branch there is named by the college and its id
//! in the package, never by an id alone (two colleges' stores reuse the same ids).

use super::{package, Context};
use crate::org::OrgLevel;
use crate::store::transfers as operations;
use crate::transfer::{DueItem, RatesReport, Unit};
use crate::{Error, Result};
use chrono::NaiveDate;

/// Where a number comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The office's own store.
    Here(Unit),
    /// Every college's package the school holds, together.
    Colleges,
    /// One unit of one college's package (`Unit::School`: that whole college).
    College { college: String, unit: Unit },
}

const PACKAGE: &str = "package:";

impl Scope {
    /// The code the window passes back: `school`, `college:ID`, `branch:ID`, `colleges`,
    /// `package:学院全称|school`, `package:学院全称|branch:ID`.
    pub fn code(&self) -> String {
        fn unit(u: Unit) -> String {
            match u {
                Unit::School => "school".into(),
                Unit::College(c) => format!("college:{c}"),
                Unit::Branch(b) => format!("branch:{b}"),
            }
        }
        match self {
            Scope::Here(u) => unit(*u),
            Scope::Colleges => "colleges".into(),
            Scope::College { college, unit: u } => format!("{PACKAGE}{college}|{}", unit(*u)),
        }
    }

    /// The inverse of [`Scope::code`].
    pub fn parse(code: &str) -> Result<Scope> {
        let bad = || {
            Error::invalid(format!(
                "单位“{code}”无效：应为 school、college:编号、branch:编号、colleges 或 package:学院|单位"
            ))
        };
        let unit = |s: &str| -> Result<Unit> {
            match s.split_once(':') {
                None if s == "school" => Ok(Unit::School),
                Some(("college", id)) => Ok(Unit::College(id.parse().map_err(|_| bad())?)),
                Some(("branch", id)) => Ok(Unit::Branch(id.parse().map_err(|_| bad())?)),
                _ => Err(bad()),
            }
        };
        if code == "colleges" {
            return Ok(Scope::Colleges);
        }
        if let Some(rest) = code.strip_prefix(PACKAGE) {
            let (college, u) = rest.rsplit_once('|').ok_or_else(bad)?;
            if college.is_empty() {
                return Err(bad());
            }
            return Ok(Scope::College {
                college: college.to_string(),
                unit: unit(u)?,
            });
        }
        Ok(Scope::Here(unit(code)?))
    }
}

/// What the office's own totals are called: its college (a college's store) or 全校 (a school
/// committee's, where no one college is named, or any store reading its colleges' packages).
pub fn whole_name(ctx: &Context) -> Result<String> {
    if package::any(ctx)? {
        return Ok("全校".to_string());
    }
    let college = ctx
        .store()
        .setting(super::office::COLLEGE)?
        .unwrap_or_default();
    Ok(if college.trim().is_empty() {
        "全校".to_string()
    } else {
        college
    })
}

/// The whole of what this office reports: its own store, or at a school its colleges'.
pub fn whole(ctx: &Context) -> Result<Scope> {
    Ok(if package::any(ctx)? {
        Scope::Colleges
    } else {
        Scope::Here(Unit::School)
    })
}

/// A unit named on the command line (`--unit`: 全校, an org's full name or id) and its name
/// for a header. At a school over packages an org is looked up in each college's package.
pub fn resolve(ctx: &Context, named: Option<&str>) -> Result<(Scope, String)> {
    let r = named.map(str::trim).filter(|r| !r.is_empty());
    let packages = package::list(ctx)?;
    if packages.is_empty() {
        let (u, name) = resolve_here(ctx, r)?;
        return Ok((Scope::Here(u), name));
    }
    let Some(r) = r.filter(|r| !matches!(*r, "全校" | "school")) else {
        return Ok((Scope::Colleges, whole_name(ctx)?));
    };
    for p in &packages {
        if p.college == r {
            return Ok((
                Scope::College {
                    college: p.college.clone(),
                    unit: Unit::School,
                },
                p.college.clone(),
            ));
        }
        let c = package::college(ctx, &p.college)?;
        let found = c.lock().store().org_by_full_name(r)?;
        if let Some(org) = found {
            let unit = match org.level {
                OrgLevel::Branch => Unit::Branch(org.id),
                _ => Unit::School,
            };
            return Ok((
                Scope::College {
                    college: p.college.clone(),
                    unit,
                },
                org.full_name,
            ));
        }
    }
    let colleges: Vec<String> = packages.iter().map(|p| p.college.clone()).collect();
    Err(Error::not_found(format!(
        "各学院数据包中都找不到团组织“{r}”（请给出学院或团支部的全称）；已导入的学院有：{}",
        some_of(&colleges)
    )))
}

/// Names for a message: the first eight, then how many more.
pub fn some_of(names: &[String]) -> String {
    match names.len() {
        0 => "（无）".to_string(),
        n if n <= 8 => names.join("、"),
        n => format!("{} 等 {n} 个", names[..8].join("、")),
    }
}

fn resolve_here(ctx: &Context, r: Option<&str>) -> Result<(Unit, String)> {
    let school = || (Unit::School, "全校".to_string());
    let Some(r) = r else {
        return Ok(school());
    };
    if matches!(r, "全校" | "school") {
        return Ok(school());
    }
    let store = ctx.store();
    let by_id = match r.parse::<i64>() {
        Ok(id) => store.org(id)?,
        Err(_) => None,
    };
    let org = match by_id {
        Some(o) => o,
        None => match store.org_by_full_name(r)? {
            Some(o) => o,
            None => {
                let units: Vec<String> = store
                    .orgs()?
                    .into_iter()
                    .filter(|o| o.level != OrgLevel::Branch)
                    .map(|o| o.full_name)
                    .collect();
                return Err(Error::not_found(format!(
                    "找不到团组织“{r}”（请给出编号或智慧团建中的全称）；本单位的学院和团委有：{}",
                    some_of(&units)
                )));
            }
        },
    };
    Ok(match (org.level, org.parent_id) {
        (OrgLevel::Branch, _) => (Unit::Branch(org.id), org.full_name),
        (_, None) => school(),
        _ => (Unit::College(org.id), org.full_name),
    })
}

/// Each store the scope reads, with the unit to read in it.
fn each<T>(
    ctx: &Context,
    scope: &Scope,
    mut f: impl FnMut(&Context, Unit) -> Result<T>,
) -> Result<Vec<T>> {
    match scope {
        Scope::Here(u) => Ok(vec![f(ctx, *u)?]),
        Scope::College { college, unit } => {
            Ok(vec![f(&package::college(ctx, college)?.lock(), *unit)?])
        }
        Scope::Colleges => {
            let packages = package::list(ctx)?;
            if packages.is_empty() {
                return Err(Error::invalid(
                    "还没有导入任何学院的数据包：请先用“学院数据”导入各学院交来的数据包",
                ));
            }
            packages
                .iter()
                .map(|p| f(&package::college(ctx, &p.college)?.lock(), Unit::School))
                .collect()
        }
    }
}

/// Both rates of the scope's graduates of cohort `year` on `on` (§6), the lists behind them.
pub fn rates_report(ctx: &Context, year: i32, scope: &Scope, on: NaiveDate) -> Result<RatesReport> {
    let mut parts = each(ctx, scope, |c, u| {
        operations::rates_report(c.store(), year, u, on)
    })?
    .into_iter();
    let mut out = parts
        .next()
        .ok_or_else(|| Error::internal("没有可统计的数据"))?;
    for r in parts {
        out.absorb(r);
    }
    if matches!(scope, Scope::Colleges) {
        out.unit = Unit::School;
    }
    Ok(out)
}

/// The scope's due list of cohort `year` on `on` (W4–W7, overdue receipts), most urgent
/// first.
pub fn due_report(ctx: &Context, year: i32, scope: &Scope, on: NaiveDate) -> Result<Vec<DueItem>> {
    let mut out: Vec<DueItem> = each(ctx, scope, |c, u| {
        let receipts = operations::receipts_overdue(c.store(), on)?;
        operations::due_report(c.store(), year, u, on, &receipts)
    })?
    .into_iter()
    .flatten()
    .collect();
    if matches!(scope, Scope::Colleges) {
        out.sort_by_key(|d| d.due_on);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for s in [
            Scope::Here(Unit::School),
            Scope::Here(Unit::College(3)),
            Scope::Here(Unit::Branch(12)),
            Scope::Colleges,
            Scope::College {
                college: "共青团示例大学信息学院委员会".into(),
                unit: Unit::School,
            },
            Scope::College {
                college: "名称|带竖线".into(),
                unit: Unit::Branch(7),
            },
        ] {
            assert_eq!(Scope::parse(&s.code()).ok(), Some(s));
        }
        for bad in ["", "branch:x", "package:|school", "package:学院", "college"] {
            assert!(Scope::parse(bad).is_err(), "{bad}");
        }
    }
}
