//! 毕业生: a cohort's graduates as rows of the virtualized list, each with the engine's reason
//! when a destination is recorded. Sized for 10,000+ rows: compact rows, cached between
//! navigations until the data changes.

use super::view::{count, Choice};
use super::Context;
use crate::destination::Reason;
use crate::member::Marking;
use crate::Result;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One row of the 毕业生 list, compact: 10,000+ rows cross IPC on navigation, so the branch is
/// an index into [`GraduateList::branches`], the ID number is masked (the full one is on the
/// graduate's page only) and the recommendation is its reason code alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GraduateRow {
    pub id: i64,
    pub name: String,
    /// Masked: first 6 and last 4 characters (M1).
    pub id_number: String,
    pub student_no: Option<String>,
    /// Index into `branches`.
    pub branch: u32,
    /// 2026年7月, or null when neither the branch nor a marking fixes it.
    pub graduates: Option<String>,
    /// The destination kind's label, null while none is recorded.
    pub destination: Option<String>,
    /// 转入组织全称 as recorded with the destination (what a transfer started without one
    /// names), null while none is.
    pub target_org: Option<String>,
    /// 延迟毕业团员 / 教师, null when unmarked.
    pub marking: Option<String>,
    /// The engine's 转接原因 code (R1–R8); labels are in `reasons`. Null when none applies or
    /// no destination is recorded.
    pub reason: Option<String>,
    pub blocked: bool,
    /// The latest transfer's state label as of the date (未发起 while none is recorded), so
    /// that the list can be filtered by every state.
    pub transfer_state: Option<String>,
    /// A transfer of the year is recorded (started or planned): the batch start offers only
    /// graduates without one.
    pub has_transfer: bool,
    /// Review by exception: blocked / missing / warnings / ready (labels in `groups`).
    pub group: String,
    /// The secretary accepted this recommendation, and it still says the same.
    pub reviewed: bool,
    /// The papers the recommendation asks for (L1 letter, L2 notice, L3 request, F1/F2 tables),
    /// for choosing whom to print for.
    pub paperwork: Vec<String>,
    /// The rules the recommendation warns by, as `W5 工作日历`: graduates with the same
    /// warnings are reviewed together once one of them is read.
    pub warnings: Vec<String>,
}

/// Graduation years the app accepts.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A cohort's list, the year asked and the date the recommendations are for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GraduateList {
    pub year: i32,
    pub on: String,
    /// The data's stamp when computed (see [`data_stamp`]): the window keeps the list while
    /// the stamp is unchanged.
    pub stamp: i64,
    /// Branch full names, by name; rows point into this.
    pub branches: Vec<String>,
    /// 转接原因 code → label (R1 → 升学), for the reasons rows cite.
    pub reasons: Vec<Choice>,
    /// The review groups, most urgent first (code → label).
    pub groups: Vec<Choice>,
    pub rows: Vec<GraduateRow>,
}

/// The data's stamp: the last audit entry's id (every write to the store is audited, imports
/// and transfers included), so a changed stamp means the lists shown may be stale.
pub fn data_stamp(ctx: &Context) -> Result<i64> {
    ctx.data_stamp()
}

/// Cohort `year`'s graduates with their recommendations on `on` (cached until the next write).
pub fn list(ctx: &mut Context, year: i32, on: NaiveDate) -> Result<GraduateList> {
    // The window is not trusted with the year either (SECURITY.md).
    if !YEARS.contains(&year) {
        return Err(crate::Error::invalid(format!(
            "毕业年份“{year}”应在{}至{}之间",
            YEARS.start(),
            YEARS.end()
        )));
    }
    // The context keeps the cohort's graduates until the next write (the engine's run over
    // 10,000+ graduates is the cost); the rows are mapped anew, which is cheap.
    let stamp = ctx.data_stamp()?;
    let graduates = ctx.graduates(year, on)?;
    let s = ctx.store().campaign_settings(year)?;
    let ledger = ctx.store().ledger_of_year(year)?;
    let marks = ctx.store().reviews(year)?;
    compute(&graduates, &ledger, &marks, &s, year, on, stamp)
}

/// What accepting recommendations did: how many, and who could not be accepted and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewOutcome {
    pub accepted: u32,
    /// 姓名：why (blocked, no destination).
    pub refused: Vec<String>,
}

/// 核对无误: accepts the recommendations of `ids`.
pub fn accept(ctx: &mut Context, year: i32, on: NaiveDate, ids: &[i64]) -> Result<ReviewOutcome> {
    let a = super::review::accept(ctx, year, on, ids)?;
    Ok(ReviewOutcome {
        accepted: count(a.accepted),
        refused: a
            .refused
            .into_iter()
            .map(|(n, why)| format!("{n}：{why}"))
            .collect(),
    })
}

/// 可以办理的全部核对无误: every ready graduate not yet reviewed, in one action.
pub fn accept_ready(ctx: &mut Context, year: i32, on: NaiveDate) -> Result<u32> {
    Ok(count(super::review::accept_ready(ctx, year, on)?))
}

/// 取消核对.
pub fn withdraw(ctx: &mut Context, year: i32, ids: &[i64]) -> Result<u32> {
    Ok(count(super::review::withdraw(ctx, year, ids)?))
}

/// 毕业生 › 导出.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GraduatesExport {
    pub year: i32,
    pub out: String,
    /// Full ID numbers instead of masked ones (the list does not need them; the title says
    /// which).
    pub full_id_numbers: bool,
}

/// 毕业生 › 导出: the cohort as an .xlsx (the engine's answer, the transfer state; ID
/// numbers masked unless asked) as of `on`; returns the path written.
pub fn export(ctx: &mut Context, on: NaiveDate, params: &GraduatesExport) -> Result<String> {
    super::lists::graduates_xlsx(
        ctx,
        params.year,
        on,
        std::path::Path::new(&params.out),
        params.full_id_numbers,
    )?;
    Ok(params.out.clone())
}

/// Fills the context's cache (called at start, so that the first visit to 毕业生 only pays
/// for the transfer to the window).
pub fn warm(ctx: &mut Context, year: i32, on: NaiveDate) {
    let _ = ctx.graduates(year, on);
}

/// `W5 工作日历`, each rule once, in the order the engine gave them.
fn warning_rules(r: &crate::engine::Recommendation) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in &r.warnings {
        let s = format!("{} {}", w.rule.as_str(), w.rule.title());
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

fn compute(
    graduates: &[crate::store::Graduate],
    ledger: &crate::transfer::Ledger,
    marks: &HashMap<i64, String>,
    s: &crate::transfer::CampaignSettings,
    year: i32,
    on: NaiveDate,
    stamp: i64,
) -> Result<GraduateList> {
    let mut branches: Vec<String> = Vec::new();
    let mut branch_index: HashMap<i64, u32> = HashMap::new();
    // Graduates come by branch full name, so indices follow name order.
    let mut reasons: Vec<Reason> = Vec::new();
    let rows = graduates
        .iter()
        .map(|g| {
            let branch = *branch_index.entry(g.branch.id).or_insert_with(|| {
                branches.push(g.branch.full_name.clone());
                u32::try_from(branches.len() - 1).unwrap_or(u32::MAX)
            });
            let rec = g.recommendation.as_ref();
            let reason = rec.and_then(|r| r.reason);
            if let Some(r) = reason {
                if !reasons.contains(&r) {
                    reasons.push(r);
                }
            }
            // #18: the transfer's state as of the date (W4's automatic moves included).
            let state = ledger
                .latest(g.member.id)
                .map_or(crate::transfer::State::Planned, |t| {
                    crate::transfer::project(t, on, s).status.state
                });
            let transfer_state = Some(state.label().to_string());
            let review = super::review::standing(g, marks);
            GraduateRow {
                id: g.member.id,
                name: g.member.name.clone(),
                id_number: g.member.id_number.masked(),
                student_no: g.member.student_no.clone(),
                branch,
                graduates: g.graduates.map(|d| d.chinese()),
                destination: g
                    .member
                    .destination
                    .as_ref()
                    .map(|d| d.kind.label().to_string()),
                target_org: g
                    .member
                    .destination
                    .as_ref()
                    .and_then(|d| d.details.as_ref())
                    .and_then(|d| d.target_org.clone())
                    .filter(|t| !t.trim().is_empty()),
                marking: g
                    .member
                    .marking
                    .as_ref()
                    .map(|m: &Marking| m.kind().label().to_string()),
                reason: reason.map(|r| r.code().to_string()),
                blocked: rec.is_some_and(|r| r.blocked),
                transfer_state,
                has_transfer: ledger.latest(g.member.id).is_some(),
                group: review.group.code().to_string(),
                reviewed: review.reviewed,
                paperwork: rec
                    .map(|r| {
                        r.paperwork
                            .iter()
                            .map(|p| p.doc.as_str().to_string())
                            .collect()
                    })
                    .unwrap_or_default(),
                warnings: rec.map(warning_rules).unwrap_or_default(),
            }
        })
        .collect();
    reasons.sort_by_key(|r| r.code());
    Ok(GraduateList {
        year,
        on: on.to_string(),
        stamp,
        branches,
        reasons: reasons
            .into_iter()
            .map(|r| Choice::new(r.code(), r.label()))
            .collect(),
        groups: super::review::Group::ALL
            .iter()
            .map(|g| Choice::new(g.code(), g.label()))
            .collect(),
        rows,
    })
}
