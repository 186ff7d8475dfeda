//! Bodies of `org`, `branch` and `member`: resolve names to ids, call the store, print.

use super::common::{
    parse_enum, parse_month, print_json, print_tree, resolve_actor, resolve_member, resolve_org,
};
use super::{open_store, BranchCmd, DestinationArgs, MemberCmd, OrgCmd};
use crate::cli::Ctx;
use crate::cli::Failure;
use xianjie::destination::{
    Destination, DestinationDetails, DestinationKind, Reason, RetentionNote, SystemCommittee,
};
use xianjie::org::{GraduationMarking, NoDateReason, OrgCategory, OrgKind, OrgLevel};
use xianjie::service::{self, Context};
use xianjie::store::{self, NewOrg};
use xianjie::{Error, Result};

pub(super) fn org(ctx: &Ctx, cmd: OrgCmd) -> Result<(), Failure> {
    let mut s = open_store(ctx)?;
    match cmd {
        OrgCmd::Add {
            name,
            level,
            parent,
            category,
            kind,
        } => {
            let new = NewOrg {
                full_name: name,
                level: parse_enum(
                    &level,
                    "层级",
                    OrgLevel::from_code,
                    OrgLevel::from_label,
                    OrgLevel::codes,
                )?,
                parent_id: parent
                    .map(|p| resolve_org(&s, &p).map(|o| o.id))
                    .transpose()?,
                category: category
                    .map(|c| {
                        parse_enum(
                            &c,
                            "组织类别",
                            OrgCategory::from_code,
                            OrgCategory::from_label,
                            OrgCategory::codes,
                        )
                    })
                    .transpose()?,
                kind: kind
                    .map(|k| {
                        parse_enum(
                            &k,
                            "类型",
                            OrgKind::from_code,
                            OrgKind::from_label,
                            OrgKind::codes,
                        )
                    })
                    .transpose()?
                    .unwrap_or(OrgKind::Ordinary),
            };
            let o = service::orgs::create(&mut s, &new)?;
            outln!(
                "已添加：{}（编号 {}，{}）",
                o.full_name,
                o.id,
                o.level.label()
            )?;
        }
        OrgCmd::Rename { org, to } => {
            let id = resolve_org(&s, &org)?.id;
            let o = service::orgs::rename(&mut s, id, &to)?;
            outln!("已改名：{}（编号 {}）", o.full_name, o.id)?;
        }
        OrgCmd::Move { org, parent, top } => {
            let id = resolve_org(&s, &org)?.id;
            let parent = match (parent, top) {
                (Some(p), _) => Some(resolve_org(&s, &p)?.id),
                (None, true) => None,
                (None, false) => {
                    return Err(Error::invalid(
                        "请用 --parent 指定新的上级组织，或用 --top 移到最上层",
                    )
                    .into())
                }
            };
            let o = service::orgs::move_to(&mut s, id, parent)?;
            outln!("已移动：{}", o.full_name)?;
        }
        OrgCmd::Delete { org } => {
            let o = resolve_org(&s, &org)?;
            service::orgs::delete(&mut s, o.id)?;
            outln!("已删除：{}", o.full_name)?;
        }
        OrgCmd::List { json } => {
            let orgs = s.orgs()?;
            if json {
                return Ok(print_json(&orgs)?);
            }
            print_tree(&orgs, None, 0)?;
        }
    }
    Ok(())
}

pub(super) fn branch(ctx: &Ctx, cmd: BranchCmd) -> Result<(), Failure> {
    let mut s = open_store(ctx)?;
    match cmd {
        BranchCmd::Mark {
            branches,
            date,
            no_date,
            actor,
        } => {
            let marking = match (date, no_date) {
                (Some(d), _) => GraduationMarking::Date {
                    graduates: parse_month(&d, "--date")?,
                },
                (None, Some(r)) => GraduationMarking::NoDate {
                    reason: parse_enum(
                        &r,
                        "理由",
                        NoDateReason::from_code,
                        NoDateReason::from_label,
                        NoDateReason::codes,
                    )?,
                },
                (None, None) => {
                    return Err(
                        Error::invalid("请用 --date 指定毕业时间，或用 --no-date 指定理由").into(),
                    )
                }
            };
            let actor = resolve_actor(&s, &actor)?;
            let ids = branches
                .iter()
                .map(|b| resolve_org(&s, b).map(|o| o.id))
                .collect::<Result<Vec<_>>>()?;
            let n = service::orgs::mark_branches(&mut s, &actor, &ids, marking)?;
            outln!(
                "已标记 {n} 个团支部：{}（{} 个无变化）",
                marking.label(),
                ids.len() - n
            )?;
        }
        BranchCmd::RequestChange {
            branch,
            to,
            reason,
            actor,
        } => {
            let actor = resolve_actor(&s, &actor)?;
            let b = resolve_org(&s, &branch)?;
            let c = service::orgs::request_change(
                &mut s,
                &actor,
                b.id,
                parse_month(&to, "--to")?,
                &reason,
            )?;
            outln!(
                "已提交修改申请 {}：{} 由 {} 改为 {}，待上级审批（G4）",
                c.id,
                c.branch_full_name,
                c.old.chinese(),
                c.new.chinese()
            )?;
        }
        BranchCmd::DecideChange {
            id,
            approve,
            reject: _,
            note,
            actor,
        } => {
            let actor = resolve_actor(&s, &actor)?;
            let c = service::orgs::decide_change(&mut s, &actor, id, approve, note.as_deref())?;
            outln!(
                "修改申请 {} {}：{}",
                c.id,
                c.status.label(),
                c.branch_full_name
            )?;
        }
        BranchCmd::Changes { json } => {
            let list = s.graduation_changes(None)?;
            if json {
                return Ok(print_json(&list)?);
            }
            for c in list {
                outln!(
                    "{} {} {} → {} {}（{}，提交于 {}）",
                    c.id,
                    c.branch_full_name,
                    c.old.chinese(),
                    c.new.chinese(),
                    c.status.label(),
                    c.reason,
                    c.submitted_at
                )?;
            }
        }
    }
    Ok(())
}

pub(super) fn member(ctx: &Ctx, cmd: MemberCmd) -> Result<(), Failure> {
    let mut s = open_store(ctx)?;
    let ids = |s: &Context, list: &[String]| {
        list.iter()
            .map(|m| resolve_member(s, m).map(|m| m.id))
            .collect::<Result<Vec<_>>>()
    };
    match cmd {
        MemberCmd::MarkDeferred {
            members,
            date,
            reason,
        } => {
            let ids = ids(&s, &members)?;
            let n = service::members::mark_deferred(
                &mut s,
                &ids,
                parse_month(&date, "--date")?,
                &reason,
            )?;
            outln!("已标记 {n} 名延迟毕业团员")?;
        }
        MemberCmd::MarkTeacher { members } => {
            let ids = ids(&s, &members)?;
            let n = service::members::mark_teacher(&mut s, &ids)?;
            outln!("已标记 {n} 名教师")?;
        }
        MemberCmd::Revoke { members } => {
            let ids = ids(&s, &members)?;
            let n = service::members::revoke_marking(&mut s, &ids)?;
            outln!("已撤销 {n} 个标记，恢复为团支部的毕业时间（M4）")?;
        }
        MemberCmd::Delete {
            member,
            reason,
            note,
        } => {
            let m = resolve_member(&s, &member)?;
            let reason = store::parse_deletion_reason(&reason)?;
            let d = service::members::delete(&mut s, m.id, reason, note.as_deref())?;
            outln!(
                "已删除 {}（{}），原因：{}，已记入删除团员台账",
                d.name,
                m.id_number.masked(),
                d.reason.label()
            )?;
        }
        MemberCmd::SetDestination(a) => {
            let m = resolve_member(&s, &a.member)?;
            let d = destination(&a)?;
            service::members::save_destination(&mut s, m.id, a.year, d.clone())?;
            outln!(
                "已录入 {} {} 届毕业去向：{}",
                m.name,
                a.year,
                d.kind.label()
            )?;
        }
        MemberCmd::Facts {
            member,
            joined,
            politics,
            league_post,
            identity_verified,
        } => {
            let m = resolve_member(&s, &member)?;
            let joined = match joined {
                Some(j) => Some(
                    xianjie::date::YearMonth::parse_lenient(j.trim())
                        .map_err(|e| Error::invalid(format!("--joined：{e}")))?,
                ),
                None => m.joined,
            };
            let politics = match politics {
                Some(p) => xianjie::member::Politics::parse_loose(&p)
                    .ok_or_else(|| Error::invalid(format!("--politics：无法识别“{p}”")))?,
                None => m.politics,
            };
            let facts = service::members::MemberFacts {
                joined,
                politics,
                league_post: league_post.unwrap_or(m.league_post),
                identity_verified: identity_verified.unwrap_or(m.identity_verified),
            };
            let changed = service::members::save_facts(&mut s, m.id, facts)?;
            outln!(
                "{}：{}",
                m.name,
                if changed { "已保存" } else { "没有变化" }
            )?;
        }
        MemberCmd::Show { member } => {
            let m = resolve_member(&s, &member)?;
            print_json(&m)?;
            let history = s.marking_history(m.id)?;
            if !history.is_empty() {
                print_json(&history)?;
            }
        }
        MemberCmd::Deletions { json } => {
            let list = s.deletions()?;
            if json {
                return Ok(print_json(&list)?);
            }
            for (i, d) in list.iter().enumerate() {
                outln!(
                    "{} {} {} {} {}",
                    i + 1,
                    d.name,
                    d.branch_full_name,
                    xianjie::id_number::mask_text(&d.id_number),
                    d.reason.label()
                )?;
            }
        }
    }
    Ok(())
}

fn destination(a: &DestinationArgs) -> Result<Destination> {
    let mut d = Destination::of_kind(parse_enum(
        &a.kind,
        "去向",
        DestinationKind::from_code,
        DestinationKind::from_label,
        DestinationKind::codes,
    )?);
    d.employer_has_org = !a.no_employer_org;
    d.labor_dispatch = a.labor_dispatch;
    d.system = a
        .system
        .as_deref()
        .map(|x| {
            parse_enum(
                x,
                "系统团委",
                SystemCommittee::from_code,
                SystemCommittee::from_label,
                SystemCommittee::codes,
            )
        })
        .transpose()?;
    d.province = a.province.clone();
    d.central_unit_in_beijing = a.central_unit_in_beijing;
    d.retain_in_school = a.retain_in_school;
    d.note = a
        .note
        .as_deref()
        .map(|x| {
            parse_enum(
                x,
                "说明",
                RetentionNote::from_code,
                RetentionNote::from_label,
                RetentionNote::codes,
            )
        })
        .transpose()?;
    d.chosen_reason = a
        .chosen_reason
        .as_deref()
        .map(|x| {
            parse_enum(
                x,
                "转接原因",
                Reason::from_code,
                Reason::from_label,
                Reason::codes,
            )
        })
        .transpose()?;
    let details = DestinationDetails {
        study_level: a.study_level.clone(),
        unit_name: a.unit_name.clone(),
        address: a.address.clone(),
        target_org: a.target_org.clone(),
        city: a.city.clone(),
    };
    d.details = (details != DestinationDetails::default()).then_some(details);
    Ok(d)
}
