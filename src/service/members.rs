//! Members as both doors change them: markings (M3/M4, all or nothing), deletion with an
//! allowed reason (M9), destination facts and the member facts a block depends on (M7), and a
//! graduate's own page. Each write is audited under the context's operator; batches take a
//! snapshot first (in the store's batch methods). Every operation takes the same input from
//! the app's forms and the CLI's flags.

use super::recommend::{self, DestinationInput, FactsInput, RecommendationView};
use super::view::{Choice, Done};
use super::Context;
use crate::date::YearMonth;
use crate::destination::Destination;
use crate::member::{DeletionReason, Marking, Member};
use crate::store::{self, Deletion};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// M3: mark members 延迟毕业团员 with one date and reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeferInput {
    pub member_ids: Vec<i64>,
    /// `YYYY-MM`.
    pub date: String,
    pub reason: String,
}

/// M9: delete one member with an allowed reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeleteInput {
    pub member_id: i64,
    /// A code of [`DeletionReason`].
    pub reason: String,
    pub note: Option<String>,
}

/// A graduate's page: the full record (the only place the full ID number is shown), the facts
/// form prefilled from the store, and the recommendation for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GraduateDetail {
    pub id: i64,
    pub year: i32,
    pub name: String,
    pub id_number: String,
    pub student_no: Option<String>,
    pub branch: String,
    /// The branch's marking: 2026年7月 / 教师支部 / 混合支部.
    pub branch_graduation: Option<String>,
    /// 延迟毕业团员（2027年7月，原因） / 教师; null when unmarked.
    pub marking: Option<String>,
    /// Whether a destination is saved for this cohort year.
    pub has_destination: bool,
    pub facts: FactsInput,
    /// The recommendation for the saved facts; null while no destination is saved.
    pub recommendation: Option<RecommendationView>,
    /// What 智慧团建 would refuse of the 团员发展编号: its first four digits not the 入团时间
    /// year, or another member holding it (被占用, F5).
    pub development_no_warnings: Vec<String>,
}

fn month(s: &str, field: &str) -> Result<YearMonth, Error> {
    YearMonth::parse_lenient(s.trim()).map_err(|e| Error::invalid(format!("{field}：{e}")))
}

fn nonempty(ids: &[i64]) -> Result<(), Error> {
    if ids.is_empty() {
        Err(Error::invalid("请先选择团员"))
    } else {
        Ok(())
    }
}

/// M3: 延迟毕业团员, all or nothing; a date not strictly later than the branch's is refused.
pub fn mark_deferred(ctx: &mut Context, input: &DeferInput) -> Result<Done> {
    nonempty(&input.member_ids)?;
    let date = month(&input.date, "延迟毕业时间")?;
    if input.reason.trim().is_empty() {
        return Err(Error::invalid("请填写延迟毕业原因（M3）"));
    }
    let op = ctx.operator().to_string();
    let n =
        ctx.store_mut()
            .mark_deferred_batch(&input.member_ids, date, input.reason.trim(), &op)?;
    Ok(Done::new(
        n,
        format!("已标记 {n} 名延迟毕业团员（{}）", date.chinese()),
    ))
}

/// M3: 教师, all or nothing.
pub fn mark_teacher(ctx: &mut Context, member_ids: &[i64]) -> Result<Done> {
    nonempty(member_ids)?;
    let op = ctx.operator().to_string();
    let n = ctx.store_mut().mark_teacher_batch(member_ids, &op)?;
    Ok(Done::new(n, format!("已标记 {n} 名教师")))
}

/// M4: revoke markings; the members graduate with their branch again.
pub fn revoke(ctx: &mut Context, member_ids: &[i64]) -> Result<Done> {
    nonempty(member_ids)?;
    let op = ctx.operator().to_string();
    let n = ctx.store_mut().revoke_marking_batch(member_ids, &op)?;
    Ok(Done::new(
        n,
        format!("已撤销 {n} 个标记，恢复为团支部的毕业时间（M4）"),
    ))
}

/// M9's allowed reasons, for the deletion dialog.
pub fn deletion_reasons() -> Vec<Choice> {
    crate::choices!(DeletionReason)
}

/// M9: deletes a member (the F6 ledger keeps the row); other reasons are refused.
pub fn delete(ctx: &mut Context, input: &DeleteInput) -> Result<Done> {
    let reason = store::parse_deletion_reason(&input.reason)?;
    let note = input
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let op = ctx.operator().to_string();
    let d = ctx
        .store_mut()
        .delete_member(input.member_id, reason, note, &op)?;
    Ok(Done::new(
        1,
        format!(
            "已删除 {}，原因：{}，已记入删除团员台账",
            d.name,
            d.reason.label()
        ),
    ))
}

/// A graduate's page for cohort `year`.
pub fn detail(ctx: &Context, member_id: i64, year: i32) -> Result<GraduateDetail> {
    let member = ctx.member(member_id)?;
    let s = ctx.store();
    let branch = s.org(member.branch_id)?.ok_or_else(|| {
        Error::not_found(format!(
            "找不到团员所在的团支部（编号 {})",
            member.branch_id
        ))
    })?;
    let saved = s.destination(member_id, year)?;
    let school = s.school_kind()?;
    let on = ctx.today();
    let facts = FactsInput {
        on: on.to_string(),
        id_number: Some(member.id_number.as_str().to_string()),
        birth_date: None,
        joined: member
            .joined
            .map(|j| format!("{:04}-{:02}", j.year(), j.month())),
        politics: member.politics.code().to_string(),
        league_post: member.league_post,
        school: school.code().to_string(),
        marking: member.marking.as_ref().map(|m| m.kind().code().to_string()),
        identity_verified: member.identity_verified,
        active_transfer: false,
        status: member.status.code().to_string(),
        destination: saved
            .as_ref()
            .map(DestinationInput::from)
            .unwrap_or_else(|| {
                DestinationInput::from(&crate::destination::Destination::of_kind(
                    crate::destination::DestinationKind::Employed,
                ))
            }),
    };
    // The service's own answer on the stored facts (the same as 毕业生 and 转接 show).
    let recommendation = match &saved {
        Some(_) => Some(RecommendationView::from(&super::transfers::recommendation(
            ctx, member_id, year, on,
        )?)),
        None => None,
    };
    Ok(GraduateDetail {
        id: member.id,
        year,
        name: member.name.clone(),
        id_number: member.id_number.as_str().to_string(),
        student_no: member.student_no.clone(),
        branch: branch.full_name.clone(),
        branch_graduation: branch.graduation.map(|g| g.label()),
        marking: member.marking.as_ref().map(|m| match m {
            Marking::Deferred { graduates, reason } => {
                format!("延迟毕业团员（{}，{reason}）", graduates.chinese())
            }
            Marking::Teacher => m.kind().label().to_string(),
        }),
        has_destination: saved.is_some(),
        development_no_warnings: development_no_warnings(ctx, &member)?,
        facts,
        recommendation,
    })
}

/// The development number's warnings (never a refusal: the secretary confirms against the
/// 团员证 and 智慧团建).
fn development_no_warnings(ctx: &Context, m: &Member) -> Result<Vec<String>> {
    let Some(no) = m.development_no.as_deref().filter(|n| !n.trim().is_empty()) else {
        return Ok(Vec::new());
    };
    let mut out: Vec<String> = crate::member::development_no_warnings(no, m.joined)
        .iter()
        .map(|w| w.message())
        .collect();
    let others = ctx.store().development_no_holders(no, Some(&m.id_number))?;
    if !others.is_empty() {
        let names: Vec<String> = others
            .iter()
            .map(|o| format!("{}（{}）", o.name, o.branch))
            .collect();
        out.push(format!(
            "团员发展编号 {no} 也登记在 {} 名下：智慧团建会提示“被占用”，请核对后记入 F5",
            names.join("、")
        ));
    }
    Ok(out)
}

/// The member facts the graduate's page edits where a block or warning shows (R12/R13).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MemberFactsInput {
    /// 入团时间, YYYY-MM; null when unknown.
    pub joined: Option<String>,
    /// 政治面貌 code (league / probationary_party / party / masses).
    pub politics: String,
    /// 在团内任职.
    pub league_post: bool,
    /// 已完成团员身份认证 (M7).
    pub identity_verified: bool,
}

/// Saves the member facts (audited) and returns the page anew, its recommendation with them.
pub fn save_facts(
    ctx: &mut Context,
    member_id: i64,
    year: i32,
    input: &MemberFactsInput,
) -> Result<GraduateDetail> {
    let politics = crate::member::Politics::from_code(&input.politics)
        .ok_or_else(|| Error::invalid(format!("政治面貌“{}”无效", input.politics)))?;
    let joined = match input
        .joined
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(s) => Some(month(s, "入团时间")?),
        None => None,
    };
    let facts = MemberFacts {
        joined,
        politics,
        league_post: input.league_post,
        identity_verified: input.identity_verified,
    };
    save_member_facts(ctx, member_id, facts)?;
    detail(ctx, member_id, year)
}

/// Saves a graduate's destination facts for cohort `year` (fields the form does not show,
/// such as 学历层次 and 城市 from an import, are kept) and returns the page anew.
pub fn save_destination(
    ctx: &mut Context,
    member_id: i64,
    year: i32,
    input: &DestinationInput,
) -> Result<GraduateDetail> {
    let d = recommend::destination(input)?;
    save_destination_facts(ctx, member_id, year, d)?;
    detail(ctx, member_id, year)
}

/// Saves a graduate's destination facts for cohort `year`. Fields a form does not show (学历
/// 层次 and 城市 from an import) are kept from the saved ones.
fn save_destination_facts(
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
struct MemberFacts {
    joined: Option<YearMonth>,
    politics: crate::member::Politics,
    league_post: bool,
    identity_verified: bool,
}

/// Saves a member's [`MemberFacts`] (audited with the changed fields); returns whether
/// anything changed.
fn save_member_facts(ctx: &mut Context, member_id: i64, facts: MemberFacts) -> Result<bool> {
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

/// A member as recorded, with the history of its markings (M3/M4).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberRecord {
    pub member: Member,
    pub markings: Vec<crate::store::MarkingEvent>,
}

/// The member named by ID number or number, with its marking history.
pub fn record(ctx: &Context, named: &str) -> Result<MemberRecord> {
    let member = super::orgs::resolve_member(ctx, named)?;
    let markings = ctx.store().marking_history(member.id)?;
    Ok(MemberRecord { member, markings })
}

/// The deleted members (the F6 ledger), oldest first.
pub fn deletions(ctx: &Context) -> Result<Vec<Deletion>> {
    ctx.store().deletions()
}
