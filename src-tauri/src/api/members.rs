//! A graduate's own page and the write actions on members: deferred/teacher marking and revoke
//! (M3/M4, single and batch, all or nothing), deletion with an allowed reason (M9), and the
//! destination facts the recommendation is computed from. Every write is audited under the
//! operator's name from 设置.

use super::recommend::{self, DestinationInput, FactsInput, RecommendationView};
use super::{ApiResult, Choice};
use serde::{Deserialize, Serialize};
use xianjie::date::YearMonth;
use xianjie::member::{DeletionReason, Marking};
use xianjie::service::Context;
use xianjie::store;
use xianjie::Error;

/// What a batch action did, as the window reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Done {
    /// How many rows changed (unchanged ones are not counted).
    pub changed: u32,
    pub message: String,
}

impl Done {
    pub(crate) fn new(changed: usize, message: String) -> Self {
        Self {
            changed: u32::try_from(changed).unwrap_or(u32::MAX),
            message,
        }
    }
}

/// M3: mark members 延迟毕业团员 with one date and reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DeferInput {
    #[ts(type = "number[]")]
    pub member_ids: Vec<i64>,
    /// `YYYY-MM`.
    pub date: String,
    pub reason: String,
}

/// M9: delete one member with an allowed reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DeleteInput {
    #[ts(type = "number")]
    pub member_id: i64,
    /// A code of [`DeletionReason`].
    pub reason: String,
    pub note: Option<String>,
}

/// A graduate's page: the full record (the only place the full ID number is shown), the facts
/// form prefilled from the store, and the recommendation for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct GraduateDetail {
    #[ts(type = "number")]
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
pub fn mark_deferred(ctx: &mut Context, input: &DeferInput) -> ApiResult<Done> {
    nonempty(&input.member_ids)?;
    let date = month(&input.date, "延迟毕业时间")?;
    if input.reason.trim().is_empty() {
        return Err(Error::invalid("请填写延迟毕业原因（M3）").into());
    }
    let n = xianjie::service::members::mark_deferred(
        ctx,
        &input.member_ids,
        date,
        input.reason.trim(),
    )?;
    Ok(Done::new(
        n,
        format!("已标记 {n} 名延迟毕业团员（{}）", date.chinese()),
    ))
}

/// M3: 教师, all or nothing.
pub fn mark_teacher(ctx: &mut Context, member_ids: &[i64]) -> ApiResult<Done> {
    nonempty(member_ids)?;
    let n = xianjie::service::members::mark_teacher(ctx, member_ids)?;
    Ok(Done::new(n, format!("已标记 {n} 名教师")))
}

/// M4: revoke markings; the members graduate with their branch again.
pub fn revoke(ctx: &mut Context, member_ids: &[i64]) -> ApiResult<Done> {
    nonempty(member_ids)?;
    let n = xianjie::service::members::revoke_marking(ctx, member_ids)?;
    Ok(Done::new(
        n,
        format!("已撤销 {n} 个标记，恢复为团支部的毕业时间（M4）"),
    ))
}

/// M9's allowed reasons, for the deletion dialog.
pub fn deletion_reasons() -> Vec<Choice> {
    DeletionReason::ALL
        .iter()
        .map(|r| Choice::new(r.code(), r.label()))
        .collect()
}

/// M9: deletes a member (the F6 ledger keeps the row); other reasons are refused.
pub fn delete(ctx: &mut Context, input: &DeleteInput) -> ApiResult<Done> {
    let reason = store::parse_deletion_reason(&input.reason)?;
    let note = input
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let d = xianjie::service::members::delete(ctx, input.member_id, reason, note)?;
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
pub fn detail(ctx: &Context, member_id: i64, year: i32) -> ApiResult<GraduateDetail> {
    let s = ctx.store();
    let member = ctx.member(member_id)?;
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
                DestinationInput::from(&xianjie::destination::Destination::of_kind(
                    xianjie::destination::DestinationKind::Employed,
                ))
            }),
    };
    let recommendation = match &saved {
        Some(_) => Some(recommend::recommend(&facts, on)?),
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
        facts,
        recommendation,
    })
}

/// The member facts the graduate's page edits where a block or warning shows (R12/R13).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
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
) -> ApiResult<GraduateDetail> {
    let politics = xianjie::member::Politics::from_code(&input.politics)
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
    let facts = xianjie::service::members::MemberFacts {
        joined,
        politics,
        league_post: input.league_post,
        identity_verified: input.identity_verified,
    };
    xianjie::service::members::save_facts(ctx, member_id, facts)?;
    detail(ctx, member_id, year)
}

/// Saves a graduate's destination facts for cohort `year` (fields the form does not show,
/// such as 学历层次 and 城市 from an import, are kept) and returns the page anew.
pub fn save_destination(
    ctx: &mut Context,
    member_id: i64,
    year: i32,
    input: &DestinationInput,
) -> ApiResult<GraduateDetail> {
    let d = recommend::destination(input)?;
    xianjie::service::members::save_destination(ctx, member_id, year, d)?;
    detail(ctx, member_id, year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiErrorCode;
    use xianjie_testdata::cohort::generate_cohort;

    fn school() -> (tempfile::TempDir, Context, Vec<i64>) {
        let dir = tempfile::tempdir().unwrap();
        let paths = xianjie::service::Paths::in_dir(dir.path(), None);
        let mut ctx = Context::open(paths, Some("测试"), xianjie::service::Clock::System).unwrap();
        generate_cohort(ctx.store_mut(), 2026, 20, 10, "测试").unwrap();
        let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        let ids = ctx
            .store()
            .graduates(2026, on)
            .unwrap()
            .iter()
            .map(|g| g.member.id)
            .collect();
        (dir, ctx, ids)
    }

    /// #18 finding 2: a block shown on the graduate's page is resolved there. M7 (joined
    /// 2020 or later, 团员身份认证 missing) blocks; ticking 已完成团员身份认证 on the page clears it.
    #[test]
    fn the_identity_block_is_cleared_on_the_graduates_page() {
        let (_d, mut ctx, ids) = school();
        let id = ids[0];
        let page = detail(&ctx, id, 2026).unwrap();
        let mut dest = page.facts.destination.clone();
        dest.kind = "employed".into();
        dest.employer_has_org = true;
        dest.province = Some("湖北".into());
        dest.unit_name = Some("星河市某某公司".into());
        save_destination(&mut ctx, id, 2026, &dest).unwrap();
        let facts = MemberFactsInput {
            joined: Some("2021-05".into()),
            politics: "league".into(),
            league_post: false,
            identity_verified: false,
        };
        let blocked = save_facts(&mut ctx, id, 2026, &facts).unwrap();
        let rec = blocked.recommendation.unwrap();
        assert!(rec.blocked);
        assert!(rec.blocks.iter().any(|b| b.rule.id == "M7"));
        let verified = MemberFactsInput {
            identity_verified: true,
            ..facts
        };
        let cleared = save_facts(&mut ctx, id, 2026, &verified).unwrap();
        assert!(cleared.facts.identity_verified);
        let rec = cleared.recommendation.unwrap();
        assert!(
            !rec.blocks.iter().any(|b| b.rule.id == "M7"),
            "{:?}",
            rec.blocks
        );
        // Audited under the context's operator.
        let bad = MemberFactsInput {
            politics: "nobody".into(),
            ..verified
        };
        assert_eq!(
            save_facts(&mut ctx, id, 2026, &bad).unwrap_err().code,
            ApiErrorCode::InvalidInput
        );
    }

    #[test]
    fn deferred_must_be_later_than_the_branch_m3() {
        let (_d, mut ctx, ids) = school();
        let mut input = DeferInput {
            member_ids: vec![ids[0]],
            date: "2026-01".into(),
            reason: "休学一年".into(),
        };
        let e = mark_deferred(&mut ctx, &input).unwrap_err();
        assert_eq!(e.code, ApiErrorCode::Refused, "{}", e.message);
        input.reason = " ".into();
        input.date = "2027-07".into();
        assert_eq!(
            mark_deferred(&mut ctx, &input).unwrap_err().code,
            ApiErrorCode::InvalidInput
        );
        input.reason = "休学一年".into();
        assert_eq!(mark_deferred(&mut ctx, &input).unwrap().changed, 1);
        let page = detail(&ctx, ids[0], 2026).unwrap();
        assert!(page.marking.unwrap().contains("2027年7月"));
        assert_eq!(revoke(&mut ctx, &ids[..1]).unwrap().changed, 1);
        assert_eq!(mark_teacher(&mut ctx, &ids[..3]).unwrap().changed, 3);
        assert_eq!(
            mark_teacher(&mut ctx, &[]).unwrap_err().code,
            ApiErrorCode::InvalidInput
        );
    }

    #[test]
    fn deletion_only_with_an_allowed_reason_m9() {
        let (_d, mut ctx, ids) = school();
        let mut input = DeleteInput {
            member_id: ids[1],
            reason: "dropout".into(),
            note: None,
        };
        assert_eq!(
            delete(&mut ctx, &input).unwrap_err().code,
            ApiErrorCode::Refused
        );
        input.reason = deletion_reasons()[0].code.clone();
        delete(&mut ctx, &input).unwrap();
        assert_eq!(
            detail(&ctx, ids[1], 2026).unwrap_err().code,
            ApiErrorCode::NotFound
        );
    }

    #[test]
    fn destination_round_trips_and_drives_the_page() {
        let (_d, mut ctx, ids) = school();
        let page = detail(&ctx, ids[2], 2026).unwrap();
        assert_eq!(page.id_number.len(), 18);
        let mut dest = page.facts.destination.clone();
        dest.kind = "employed".into();
        dest.province = Some("北京".into());
        dest.unit_name = Some("示例公司".into());
        let page = save_destination(&mut ctx, ids[2], 2026, &dest).unwrap();
        assert!(page.has_destination);
        assert_eq!(page.facts.destination.province.as_deref(), Some("北京"));
        assert!(page.recommendation.is_some());
        dest.kind = "moon".into();
        assert_eq!(
            save_destination(&mut ctx, ids[2], 2026, &dest)
                .unwrap_err()
                .code,
            ApiErrorCode::InvalidInput
        );
    }
}
