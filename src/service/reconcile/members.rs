//! Reconciling with 智慧团建's member list of an org (团员管理 › 团员列表): a person stays in
//! that list until the receiving org approves the transfer, so the list tells which transfers
//! 智慧团建 has finished. Compared with the cohort here:
//!
//! - listed, but the transfer is done here: 智慧团建 has not finished it (checked by hand);
//! - listed in another branch than here (checked by hand: the roster is the office's);
//! - a graduate of a branch the list covers whom it no longer has: with a transfer going on
//!   here, accepting records it done (an ordinary audited step); otherwise checked by hand.
//!
//! The list may be one branch's or the whole office's: only the branches it names are
//! compared for "no longer listed" (a list without an org column is the whole office's). An
//! org is named by its full name, or by a tail only one branch's full name ends with.

use super::{norm, same_org, DiffKind, Difference, ListKind, Matcher, Report, RowIssue, SystemRow};
use crate::member::Politics;
use crate::service::Context;
use crate::transfer::deadline::status_on;
use crate::transfer::State;
use crate::Result;
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap, HashSet};

/// What accepting a "no longer listed" difference records.
pub(super) const DONE: &str = "记为已完成（已不在智慧团建团员名单中）";

/// Compares the member list's `rows` with cohort `year`'s graduates as of `on`.
pub(super) fn report(
    ctx: &mut Context,
    year: i32,
    on: NaiveDate,
    rows: &[SystemRow],
    issues: Vec<RowIssue>,
) -> Result<Report> {
    let grads = ctx.graduates(year, on)?;
    let ledger = ctx.store().ledger_of_year(year)?;
    let settings = ctx.store().campaign_settings(year)?;
    let matcher = Matcher::new(&grads, |r| r.from_org.as_deref());
    let mut out = Report::new(ListKind::Members, rows.len(), issues);
    let state_of = |m: i64| {
        ledger
            .latest(m)
            .map(|t| (status_on(t, on, &settings).state, t))
    };
    // Each org the list names, as one of the branches here: its full name, or a tail that only
    // one branch's full name ends with ("1班团支部" would also end "11班团支部").
    let branches: BTreeSet<&str> = grads.iter().map(|g| g.branch.full_name.as_str()).collect();
    let mut named: HashMap<&str, Option<&str>> = HashMap::new();
    for o in rows.iter().filter_map(|r| r.from_org.as_deref()) {
        named.entry(o).or_insert_with(|| {
            let tails: Vec<&str> = branches
                .iter()
                .copied()
                .filter(|b| same_org(o, b))
                .collect();
            match tails.as_slice() {
                [one] => Some(*one),
                _ => branches.iter().copied().find(|b| norm(b) == norm(o)),
            }
        });
    }
    let mut seen: HashSet<i64> = HashSet::new();
    for r in rows {
        let Some(g) = matcher.one(r, &mut out) else {
            continue;
        };
        seen.insert(g.member.id);
        let there = format!(
            "在 {} 的团员名单中",
            r.from_org.as_deref().unwrap_or("本组织")
        );
        let diff = |kind, here: String| Difference {
            kind,
            member_id: g.member.id,
            name: g.member.name.clone(),
            here,
            there: there.clone(),
            row: Some(r.row),
            accept: None,
            system: Some(r.clone()),
        };
        if let Some((State::Done, t)) = state_of(g.member.id) {
            out.differences.push(diff(
                DiffKind::StillListed,
                format!("已完成，转入 {}", t.destination),
            ));
        }
        if let Some(o) = r.from_org.as_deref() {
            if named.get(o).copied().flatten() != Some(g.branch.full_name.as_str()) {
                out.differences.push(diff(
                    DiffKind::BranchDiffers,
                    format!("在 {}", g.branch.full_name),
                ));
            }
        }
    }
    let covered: HashSet<&str> = named.values().copied().flatten().collect();
    let whole_office = named.is_empty();
    for g in grads.iter() {
        let m = g.member.id;
        // Not a member (群众): never in a member list.
        if seen.contains(&m) || g.member.politics == Politics::Masses {
            continue;
        }
        if !whole_office && !covered.contains(g.branch.full_name.as_str()) {
            continue;
        }
        let (here, accept) = match state_of(m) {
            Some((State::Done, _)) => continue,
            Some((s, t)) if s.is_active() => (
                format!("{}，转入 {}", s.label(), t.destination),
                Some(DONE.to_string()),
            ),
            Some((State::Planned, _)) | None => ("未登记转接".to_string(), None),
            Some((s, t)) => (format!("{}，转入 {}", s.label(), t.destination), None),
        };
        out.differences.push(Difference {
            kind: DiffKind::NotListed,
            member_id: m,
            name: g.member.name.clone(),
            here,
            there: "团员名单中没有".into(),
            row: None,
            accept,
            system: None,
        });
    }
    Ok(out)
}
