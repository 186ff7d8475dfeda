//! The two ledgers the office keeps by hand for the upper levels: F4 (转出特殊情况: a transfer
//! returned, refused or stuck) and F5 (团员发展编号被占用). Both doors record into them — the
//! app a row at a time for a member, `xianjie record f4|f5` a row from flags or a batch from a
//! JSON file — and the F4/F5 tables print what is recorded.

use super::view::{Choice, Done};
use super::Context;
use crate::store::ledgers::{self, DevnoConflict, F4Row, F5Row, SpecialCase, SpecialKind};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// An F4 row for one member: the member's own fields (name, 学号, 学院, 原所在团组织) come from
/// the records; the rest is what the office knows of the case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct F4Input {
    pub member_id: i64,
    /// A [`SpecialKind`] code: returned / refused / stuck.
    pub kind: String,
    pub cohort_year: Option<i32>,
    /// 转接类型 (the 转接原因 chosen, e.g. 未就业).
    pub transfer_type: String,
    pub province: String,
    pub city: String,
    pub target_org: String,
    /// 是否发起.
    pub initiated: bool,
    pub refusal_reason: String,
    pub remark: String,
}

/// An F5 row for one member: name, ID number and branch from the records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct F5Input {
    pub member_id: i64,
    pub cohort_year: Option<i32>,
    /// 省份 of the branch.
    pub province: String,
    /// The 12-digit number 智慧团建 says is taken.
    pub development_no: String,
    /// 被谁占用.
    pub occupied_by: String,
}

/// What the ledgers' forms offer, and what is recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LedgerPage {
    pub kinds: Vec<Choice>,
    pub f4: Vec<F4Row>,
    pub f5: Vec<F5Row>,
    /// Development numbers two members hold (被占用, found at import): F5 rows ready for the
    /// secretary to confirm against 智慧团建 and record.
    pub f5_candidates: Vec<F5Row>,
}

fn required(v: &str, label: &str) -> Result<()> {
    if v.trim().is_empty() {
        Err(Error::invalid(format!("请填写{label}")))
    } else {
        Ok(())
    }
}

/// The member's record and branch name, or a refusal naming the number.
fn member_and_branch(ctx: &Context, member_id: i64) -> Result<(crate::member::Member, String)> {
    let m = ctx.member(member_id)?;
    let branch = ctx
        .store()
        .org(m.branch_id)?
        .map(|o| o.full_name)
        .unwrap_or_default();
    Ok((m, branch))
}

/// Records one F4 row for a member (audited).
pub fn record_f4(ctx: &mut Context, input: &F4Input) -> Result<Done> {
    let kind = SpecialKind::from_code(&input.kind).ok_or_else(|| {
        Error::invalid(format!(
            "特殊情况“{}”无效，应为 {}",
            input.kind,
            SpecialKind::codes()
        ))
    })?;
    required(&input.transfer_type, "转接类型")?;
    let (m, branch) = member_and_branch(ctx, input.member_id)?;
    let case = SpecialCase {
        member_id: Some(m.id),
        branch_id: Some(m.branch_id),
        cohort_year: input.cohort_year,
        kind,
        row: F4Row {
            name: m.name.clone(),
            student_no: m.student_no.clone().unwrap_or_default(),
            college: m.college.clone().unwrap_or_default(),
            original_org: branch,
            transfer_type: input.transfer_type.trim().to_string(),
            province: input.province.trim().to_string(),
            city: input.city.trim().to_string(),
            target_org: input.target_org.trim().to_string(),
            initiated: input.initiated,
            refusal_reason: input.refusal_reason.trim().to_string(),
            remark: input.remark.trim().to_string(),
        },
    };
    record_special_cases(ctx, &[case])?;
    Ok(Done::new(
        1,
        format!("已登记 F4：{}（{}）", m.name, kind.label()),
    ))
}

/// Records one F5 row for a member (audited).
pub fn record_f5(ctx: &mut Context, input: &F5Input) -> Result<Done> {
    let no = input.development_no.trim();
    if no.len() != 12 || !no.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid(format!("团员发展编号“{no}”应为12位数字")));
    }
    required(&input.occupied_by, "被谁占用")?;
    let (m, branch) = member_and_branch(ctx, input.member_id)?;
    let item = DevnoConflict {
        member_id: Some(m.id),
        college: m.college.clone().unwrap_or_default(),
        cohort_year: input.cohort_year,
        row: F5Row {
            province: input.province.trim().to_string(),
            branch,
            name: m.name.clone(),
            id_number: m.id_number.as_str().to_string(),
            development_no: no.to_string(),
            occupied_by: input.occupied_by.trim().to_string(),
        },
    };
    record_devno_conflicts(ctx, &[item])?;
    Ok(Done::new(1, format!("已登记 F5：{}", m.name)))
}

/// Records F4 rows as given (the CLI's JSON file), all or nothing; how many.
pub fn record_special_cases(ctx: &mut Context, items: &[SpecialCase]) -> Result<usize> {
    let op = ctx.operator().to_string();
    Ok(ledgers::record_special_cases(ctx.store_mut(), items, &op)?.len())
}

/// Records F5 rows as given, all or nothing; how many.
pub fn record_devno_conflicts(ctx: &mut Context, items: &[DevnoConflict]) -> Result<usize> {
    let op = ctx.operator().to_string();
    Ok(ledgers::record_devno_conflicts(ctx.store_mut(), items, &op)?.len())
}

/// The ledgers of cohort `year` (all years when `None`), oldest first.
pub fn page(ctx: &Context, year: Option<i32>) -> Result<LedgerPage> {
    Ok(LedgerPage {
        kinds: crate::choices!(SpecialKind),
        f4: ledgers::special_case_rows(ctx.store(), None, None, year)?,
        f5: ledgers::devno_conflict_rows(ctx.store(), None, None, year)?,
        f5_candidates: ctx
            .store()
            .occupied_development_numbers()?
            .iter()
            .flat_map(|n| n.f5_rows(""))
            .collect(),
    })
}
