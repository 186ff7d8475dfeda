//! The org tree as both doors change it (G1, G2, G4), and the one way a name on the command
//! line or in a request becomes an org or a member.

use super::Context;
use crate::date::YearMonth;
use crate::id_number::IdNumber;
use crate::member::Member;
use crate::org::{GraduationMarking, Org};
use crate::store::GraduationChange;
use crate::{Error, Result};

/// An org by record number or full name (as in 智慧团建).
pub fn resolve_org(ctx: &Context, r: &str) -> Result<Org> {
    let s = ctx.store();
    if let Ok(id) = r.trim().parse::<i64>() {
        if let Some(o) = s.org(id)? {
            return Ok(o);
        }
    }
    s.org_by_full_name(&crate::text::clean(r))?.ok_or_else(|| {
        Error::not_found(format!("找不到团组织“{r}”（请给出编号或智慧团建中的全称）"))
    })
}

/// A member by ID number (any accepted form) or record number.
pub fn resolve_member(ctx: &Context, r: &str) -> Result<Member> {
    let s = ctx.store();
    if let Ok(id) = IdNumber::parse(r) {
        return s
            .member_by_id_number(&id)?
            .ok_or_else(|| Error::not_found(format!("找不到身份证号为 {} 的团员", id.masked())));
    }
    let n = r
        .trim()
        .parse::<i64>()
        .map_err(|_| Error::invalid(format!("“{r}”既不是有效的身份证号，也不是团员编号")))?;
    s.member(n)?
        .ok_or_else(|| Error::not_found(format!("找不到编号为 {n} 的团员")))
}

/// G2's acting org: the one named, or the office's single top org (a branch never marks
/// itself; the store checks that).
pub fn acting_org(ctx: &Context, named: Option<&str>) -> Result<Org> {
    if let Some(r) = named.map(str::trim).filter(|r| !r.is_empty()) {
        return resolve_org(ctx, r);
    }
    ctx.store().single_top_org()?.ok_or_else(|| {
        Error::invalid(
            "找不到唯一的最上层组织（校团委），无法确定以哪个组织管理员的身份操作（G2）；命令行可用 --as 指定",
        )
    })
}

/// G1/G2: marks branches, all or nothing; returns how many changed.
pub fn mark_branches(
    ctx: &mut Context,
    actor: &Org,
    branch_ids: &[i64],
    marking: GraduationMarking,
) -> Result<usize> {
    let op = ctx.operator().to_string();
    ctx.store_mut()
        .mark_graduation_batch(actor.id, branch_ids, marking, &op)
        .map_err(Error::from)
}

/// G4: asks to change a marked branch's date (decided by the level above).
pub fn request_change(
    ctx: &mut Context,
    actor: &Org,
    branch_id: i64,
    to: YearMonth,
    reason: &str,
) -> Result<GraduationChange> {
    let op = ctx.operator().to_string();
    ctx.store_mut()
        .request_graduation_change(actor.id, branch_id, to, reason, &op)
}

/// G4: approves (the branch's date changes) or rejects a request.
pub fn decide_change(
    ctx: &mut Context,
    actor: &Org,
    change_id: i64,
    approve: bool,
    note: Option<&str>,
) -> Result<GraduationChange> {
    let op = ctx.operator().to_string();
    ctx.store_mut()
        .decide_graduation_change(actor.id, change_id, approve, note, &op)
}

/// Adds an org to the tree.
pub fn create(ctx: &mut Context, new: &crate::store::NewOrg) -> Result<Org> {
    let op = ctx.operator().to_string();
    ctx.store_mut().create_org(new, &op)
}

/// Renames an org (its full name as in 智慧团建).
pub fn rename(ctx: &mut Context, id: i64, to: &str) -> Result<Org> {
    let op = ctx.operator().to_string();
    ctx.store_mut().rename_org(id, to, &op)
}

/// Moves an org under another parent (`None`: to the top).
pub fn move_to(ctx: &mut Context, id: i64, parent: Option<i64>) -> Result<Org> {
    let op = ctx.operator().to_string();
    ctx.store_mut().move_org(id, parent, &op)
}

/// Deletes an empty org.
pub fn delete(ctx: &mut Context, id: i64) -> Result<()> {
    let op = ctx.operator().to_string();
    ctx.store_mut().delete_org(id, &op)
}
