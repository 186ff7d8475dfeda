//! Review by exception (issue 18): instead of opening ≈300 graduates one by one, the secretary
//! sees them grouped by what needs her — blocked, missing facts, warnings, ready — accepts the
//! ready ones in one action and goes through the rest with the keyboard. An accepted
//! recommendation is remembered with a fingerprint of what it said; when the facts change the
//! answer, the graduate is back in the queue. Both doors call these.

use super::Context;
use crate::engine::Recommendation;
use crate::store::Graduate;
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

crate::labeled_enum! {
    /// What a graduate needs from the secretary, most urgent first.
    Group {
        Blocked = "blocked", "暂不能转接";
        Missing = "missing", "缺信息";
        Warnings = "warnings", "有提醒";
        Ready = "ready", "可以办理";
    }
}

/// Where a graduate stands in the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Standing {
    pub group: Group,
    /// Accepted, and the answer is still the one accepted.
    pub reviewed: bool,
}

/// The group of a graduate's recommendation (`None`: no destination recorded yet).
pub fn group(rec: Option<&Recommendation>) -> Group {
    match rec {
        None => Group::Missing,
        Some(r) if r.blocked => Group::Blocked,
        Some(r) if !r.missing_fields().is_empty() => Group::Missing,
        Some(r) if !r.warnings.is_empty() => Group::Warnings,
        Some(_) => Group::Ready,
    }
}

/// What an accepted recommendation said, in a form that does not change with the date alone:
/// the reason, where the transfer goes, where to find it, and the rules that blocked or warned.
pub fn fingerprint(rec: &Recommendation) -> String {
    let ids = |n: &[crate::engine::Notice]| {
        n.iter()
            .map(|x| x.rule.as_str())
            .collect::<Vec<_>>()
            .join(",")
    };
    format!(
        "{}|{}|{}|{}|{}|{}",
        rec.reason.map_or("-", |r| r.code()),
        rec.destination,
        rec.where_to_find,
        rec.jing_yue_min.unwrap_or("-"),
        ids(&rec.blocks),
        ids(&rec.warnings)
    )
}

/// Every graduate of cohort `year` on `on`: group and whether reviewed.
pub fn standings(ctx: &mut Context, year: i32, on: NaiveDate) -> Result<HashMap<i64, Standing>> {
    let graduates = ctx.graduates(year, on)?;
    let marks = ctx.store().reviews(year)?;
    Ok(graduates
        .iter()
        .map(|g| (g.member.id, standing(g, &marks)))
        .collect())
}

/// One graduate's standing, given the cohort's review marks ([`crate::store::Store::reviews`]).
pub fn standing(g: &Graduate, marks: &HashMap<i64, String>) -> Standing {
    let rec = g.recommendation.as_ref();
    Standing {
        group: group(rec),
        reviewed: rec.is_some_and(|r| marks.get(&g.member.id) == Some(&fingerprint(r))),
    }
}

/// What accepting did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Accepted {
    pub accepted: usize,
    /// Graduates that cannot be accepted: name and why (blocked, no destination).
    pub refused: Vec<(String, String)>,
}

/// Accepts the recommendations of `members` (cohort `year`, as on `on`). A blocked graduate
/// or one without a destination is not accepted: the block or the gap is resolved first.
pub fn accept(ctx: &mut Context, year: i32, on: NaiveDate, members: &[i64]) -> Result<Accepted> {
    if members.is_empty() {
        return Err(Error::invalid("请先选择要核对的毕业生"));
    }
    let graduates = ctx.graduates(year, on)?;
    let by_id: HashMap<i64, &Graduate> = graduates.iter().map(|g| (g.member.id, g)).collect();
    let mut items = Vec::new();
    let mut out = Accepted::default();
    for id in members {
        let Some(g) = by_id.get(id) else {
            return Err(Error::not_found(format!("团员 {id} 不是 {year} 届毕业生")));
        };
        match g.recommendation.as_ref() {
            None => out
                .refused
                .push((g.member.name.clone(), "尚未录入毕业去向".into())),
            Some(r) if r.blocked => {
                let why = r
                    .blocks
                    .iter()
                    .map(|b| format!("{}（{}）", b.rule.title(), b.rule.as_str()))
                    .collect::<Vec<_>>()
                    .join("、");
                out.refused
                    .push((g.member.name.clone(), format!("暂不能转接：{why}")));
            }
            Some(r) => items.push((*id, fingerprint(r))),
        }
    }
    let op = ctx.operator().to_string();
    if !items.is_empty() {
        ctx.store_mut().set_reviewed(year, &items, &op)?;
    }
    out.accepted = items.len();
    Ok(out)
}

/// Accepts every graduate in the 可以办理 group not yet reviewed, in one action.
pub fn accept_ready(ctx: &mut Context, year: i32, on: NaiveDate) -> Result<usize> {
    let ready: Vec<i64> = standings(ctx, year, on)?
        .into_iter()
        .filter(|(_, s)| s.group == Group::Ready && !s.reviewed)
        .map(|(id, _)| id)
        .collect();
    if ready.is_empty() {
        return Ok(0);
    }
    Ok(accept(ctx, year, on, &ready)?.accepted)
}

/// Withdraws the review of `members`.
pub fn withdraw(ctx: &mut Context, year: i32, members: &[i64]) -> Result<usize> {
    let op = ctx.operator().to_string();
    ctx.store_mut().clear_reviewed(year, members, &op)
}
