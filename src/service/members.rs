//! Members as both doors change them: markings (M3/M4, all or nothing), deletion with an
//! allowed reason (M9), destination facts and the 团员身份认证 flag (M7). Each is audited under
//! the context's operator; batches take a snapshot first (in the store's batch methods).

use super::Context;
use crate::date::YearMonth;
use crate::destination::Destination;
use crate::member::DeletionReason;
use crate::store::Deletion;
use crate::{Error, Result};

/// M3: 延迟毕业团员 with a date strictly later than the branch's; returns how many changed.
pub fn mark_deferred(
    ctx: &mut Context,
    ids: &[i64],
    date: YearMonth,
    reason: &str,
) -> Result<usize> {
    let op = ctx.operator().to_string();
    ctx.store_mut()
        .mark_deferred_batch(ids, date, reason, &op)
        .map_err(Error::from)
}

/// M3: 教师.
pub fn mark_teacher(ctx: &mut Context, ids: &[i64]) -> Result<usize> {
    let op = ctx.operator().to_string();
    ctx.store_mut()
        .mark_teacher_batch(ids, &op)
        .map_err(Error::from)
}

/// M4: the members graduate with their branch again.
pub fn revoke_marking(ctx: &mut Context, ids: &[i64]) -> Result<usize> {
    let op = ctx.operator().to_string();
    ctx.store_mut()
        .revoke_marking_batch(ids, &op)
        .map_err(Error::from)
}

/// M9: deletes a member (the F6 ledger keeps the row); other reasons are refused.
pub fn delete(
    ctx: &mut Context,
    member_id: i64,
    reason: DeletionReason,
    note: Option<&str>,
) -> Result<Deletion> {
    let op = ctx.operator().to_string();
    ctx.store_mut().delete_member(member_id, reason, note, &op)
}

/// Saves a graduate's destination facts for cohort `year`. Fields a form does not show (学历
/// 层次 and 城市 from an import) are kept from the saved ones.
pub fn save_destination(
    ctx: &mut Context,
    member_id: i64,
    year: i32,
    mut d: Destination,
) -> Result<()> {
    ctx.member(member_id)?;
    if let Some(old) = ctx
        .store()
        .destination(member_id, year)?
        .and_then(|o| o.details)
    {
        let details = d.details.get_or_insert_with(Default::default);
        if details.study_level.is_none() {
            details.study_level = old.study_level;
        }
        if details.city.is_none() {
            details.city = old.city;
        }
    }
    let op = ctx.operator().to_string();
    ctx.store_mut().set_destination(member_id, year, &d, &op)
}

/// The member facts that clear or raise a block or warning (R12/R13): 入团时间 (M6, M7),
/// 政治面貌 (M8, 群众), 在团内任职 (M5) and 团员身份认证 (M7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberFacts {
    pub joined: Option<YearMonth>,
    pub politics: crate::member::Politics,
    pub league_post: bool,
    pub identity_verified: bool,
}

/// Saves a member's [`MemberFacts`] (audited with the changed fields); returns whether
/// anything changed. Where a block is shown, it can be resolved: both doors call this.
pub fn save_facts(ctx: &mut Context, member_id: i64, facts: MemberFacts) -> Result<bool> {
    let m = ctx.member(member_id)?;
    let mut input = crate::store::MemberInput::from(&m);
    input.joined = facts.joined;
    input.politics = facts.politics;
    input.league_post = facts.league_post;
    input.identity_verified = facts.identity_verified;
    let op = ctx.operator().to_string();
    let counts = ctx.store_mut().upsert_members(&[input], &op)?;
    Ok(counts.updated > 0)
}
