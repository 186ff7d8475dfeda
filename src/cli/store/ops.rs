//! Bodies of `org`, `branch` and `member`: resolve what the secretary typed to ids, call the
//! service's operation with its input, print what it says.

use super::common::{print_json, print_tree};
use super::{BranchCmd, DestinationArgs, MemberCmd, OrgCmd};
use crate::cli::Ctx;
use crate::cli::Failure;
use xianjie::destination::{DestinationKind, Reason, RetentionNote, SystemCommittee};
use xianjie::service::members::{self, DeferInput, DeleteInput, MemberFactsInput};
use xianjie::service::orgs::{
    self, parse_coded, ChangeRequestInput, DecideChangeInput, MarkBranchesInput, NewOrgInput,
};
use xianjie::service::recommend::DestinationInput;
use xianjie::service::Context;
use xianjie::{Error, Result};

fn org_id(c: &Context, r: &str) -> Result<i64> {
    Ok(orgs::resolve_org(c, r)?.id)
}

fn member_ids(c: &Context, list: &[String]) -> Result<Vec<i64>> {
    list.iter()
        .map(|m| orgs::resolve_member(c, m).map(|m| m.id))
        .collect()
}

pub(super) fn org(ctx: &Ctx, cmd: OrgCmd) -> Result<(), Failure> {
    let mut s = ctx.open()?;
    match cmd {
        OrgCmd::Add {
            name,
            level,
            parent,
            category,
            kind,
        } => {
            let input = NewOrgInput {
                full_name: name,
                level,
                parent_id: parent.map(|p| org_id(&s, &p)).transpose()?,
                category,
                kind,
            };
            let o = orgs::create(&mut s, &input)?;
            outln!(
                "已添加：{}（编号 {}，{}）",
                o.full_name,
                o.id,
                o.level.label()
            )?;
        }
        OrgCmd::Rename { org, to } => {
            let id = org_id(&s, &org)?;
            let o = orgs::rename(&mut s, id, &to)?;
            outln!("已改名：{}（编号 {}）", o.full_name, o.id)?;
        }
        OrgCmd::Move { org, parent, top } => {
            let id = org_id(&s, &org)?;
            let parent = match (parent, top) {
                (Some(p), _) => Some(org_id(&s, &p)?),
                (None, true) => None,
                (None, false) => {
                    return Err(Error::invalid(
                        "请用 --parent 指定新的上级组织，或用 --top 移到最上层",
                    )
                    .into())
                }
            };
            outln!("{}", orgs::move_to(&mut s, id, parent)?.message)?;
        }
        OrgCmd::Delete { org } => {
            let id = org_id(&s, &org)?;
            outln!("{}", orgs::delete(&mut s, id)?.message)?;
        }
        OrgCmd::List {
            json,
            changed: true,
        } => {
            let list = orgs::restored_names(&s)?;
            if json {
                return Ok(print_json(&list)?);
            }
            if list.is_empty() {
                outln!("没有在升级时改过的团组织名称")?;
            }
            for r in &list {
                outln!(
                    "{}：{} → {}（{}{}，{}）",
                    r.org_id,
                    r.before,
                    r.after,
                    r.basis,
                    r.evidence
                        .as_deref()
                        .map(|e| format!("：{e}"))
                        .unwrap_or_default(),
                    r.at
                )?;
            }
            if !list.is_empty() {
                outln!("请与智慧团建中的全称逐一核对；如有不同，用 xianjie org rename 改正")?;
            }
        }
        OrgCmd::List { json, .. } => {
            let list = orgs::list(&s)?;
            if json {
                return Ok(print_json(&list)?);
            }
            print_tree(&list, None, 0)?;
        }
    }
    Ok(())
}

pub(super) fn branch(ctx: &Ctx, cmd: BranchCmd) -> Result<(), Failure> {
    let mut s = ctx.open()?;
    match cmd {
        BranchCmd::Mark {
            branches,
            date,
            no_date,
            actor,
        } => {
            let input = MarkBranchesInput {
                branch_ids: branches
                    .iter()
                    .map(|b| org_id(&s, b))
                    .collect::<Result<Vec<_>>>()?,
                date,
                no_date,
                actor: actor.actor,
            };
            outln!("{}", orgs::mark_branches(&mut s, &input)?.message)?;
        }
        BranchCmd::RequestChange {
            branch,
            to,
            reason,
            actor,
        } => {
            let input = ChangeRequestInput {
                branch_id: org_id(&s, &branch)?,
                to,
                reason,
                actor: actor.actor,
            };
            outln!("{}", orgs::request_change(&mut s, &input)?.message)?;
        }
        BranchCmd::DecideChange {
            id,
            approve,
            reject: _,
            note,
            actor,
        } => {
            let input = DecideChangeInput {
                id,
                approve,
                note,
                actor: actor.actor,
            };
            outln!("{}", orgs::decide_change(&mut s, &input)?.message)?;
        }
        BranchCmd::Changes { json } => {
            let list = orgs::changes(&s)?;
            if json {
                return Ok(print_json(&list)?);
            }
            if list.is_empty() {
                outln!("没有修改毕业时间申请")?;
            }
            for c in list {
                outln!(
                    "{} {} {} → {} {}（{}，提交于 {}）",
                    c.id,
                    c.branch,
                    c.old,
                    c.new,
                    c.status_label,
                    c.reason,
                    c.submitted_at
                )?;
            }
        }
    }
    Ok(())
}

pub(super) fn member(ctx: &Ctx, cmd: MemberCmd) -> Result<(), Failure> {
    let mut s = ctx.open()?;
    let done = match cmd {
        MemberCmd::MarkDeferred {
            members: list,
            date,
            reason,
        } => {
            let input = DeferInput {
                member_ids: member_ids(&s, &list)?,
                date,
                reason,
            };
            members::mark_deferred(&mut s, &input)?
        }
        MemberCmd::MarkTeacher { members: list } => {
            let ids = member_ids(&s, &list)?;
            members::mark_teacher(&mut s, &ids)?
        }
        MemberCmd::Revoke { members: list } => {
            let ids = member_ids(&s, &list)?;
            members::revoke(&mut s, &ids)?
        }
        MemberCmd::Delete {
            member,
            reason,
            note,
        } => {
            let input = DeleteInput {
                member_id: orgs::resolve_member(&s, &member)?.id,
                reason,
                note,
            };
            members::delete(&mut s, &input)?
        }
        MemberCmd::SetDestination(a) => {
            let m = orgs::resolve_member(&s, &a.member)?;
            let input = destination(&a)?;
            let page = members::save_destination(&mut s, m.id, a.year, &input)?;
            let kind =
                DestinationKind::from_code(&page.facts.destination.kind).map_or("", |k| k.label());
            outln!("已录入 {} {} 届毕业去向：{kind}", page.name, a.year)?;
            return Ok(());
        }
        MemberCmd::Facts {
            member,
            joined,
            politics,
            league_post,
            identity_verified,
        } => {
            let m = orgs::resolve_member(&s, &member)?;
            let year = chrono::Datelike::year(&s.today());
            let now = members::detail(&s, m.id, year)?.facts;
            let politics = match politics {
                Some(p) => xianjie::member::Politics::parse_loose(&p)
                    .ok_or_else(|| Error::invalid(format!("--politics：无法识别“{p}”")))?
                    .code()
                    .to_string(),
                None => now.politics,
            };
            let input = MemberFactsInput {
                joined: joined.or(now.joined),
                politics,
                league_post: league_post.unwrap_or(now.league_post),
                identity_verified: identity_verified.unwrap_or(now.identity_verified),
            };
            let before = members::record(&s, &member)?.member;
            members::save_facts(&mut s, m.id, year, &input)?;
            let after = members::record(&s, &member)?.member;
            let said = if before == after {
                "没有变化"
            } else {
                "已保存"
            };
            outln!("{}：{said}", m.name)?;
            return Ok(());
        }
        MemberCmd::Show { member } => {
            let r = members::record(&s, &member)?;
            print_json(&r.member)?;
            if !r.markings.is_empty() {
                print_json(&r.markings)?;
            }
            return Ok(());
        }
        MemberCmd::Deletions { json } => {
            let list = members::deletions(&s)?;
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
            return Ok(());
        }
    };
    outln!("{}", done.message)?;
    Ok(())
}

/// The flags as the destination form's input: kinds and choices by code or Chinese label.
fn destination(a: &DestinationArgs) -> Result<DestinationInput> {
    let code = |v: &Option<String>, field: &str, f: fn(&str) -> Result<&'static str>| {
        v.as_deref()
            .filter(|x| !x.trim().is_empty())
            .map(f)
            .transpose()
            .map_err(|e| Error::invalid(format!("{field}：{}", e.message)))
    };
    let kind = parse_coded(
        &a.kind,
        "去向",
        DestinationKind::from_code,
        DestinationKind::from_label,
        DestinationKind::codes,
    )?;
    Ok(DestinationInput {
        kind: kind.code().to_string(),
        employer_has_org: !a.no_employer_org,
        labor_dispatch: a.labor_dispatch,
        system: code(&a.system, "--system", |x| {
            parse_coded(
                x,
                "系统团委",
                SystemCommittee::from_code,
                SystemCommittee::from_label,
                SystemCommittee::codes,
            )
            .map(SystemCommittee::code)
        })?
        .map(str::to_string),
        province: a.province.clone(),
        central_unit_in_beijing: a.central_unit_in_beijing,
        retain_in_school: a.retain_in_school,
        note: code(&a.note, "--note", |x| {
            parse_coded(
                x,
                "说明",
                RetentionNote::from_code,
                RetentionNote::from_label,
                RetentionNote::codes,
            )
            .map(RetentionNote::code)
        })?
        .map(str::to_string),
        chosen_reason: code(&a.chosen_reason, "--chosen-reason", |x| {
            parse_coded(
                x,
                "转接原因",
                Reason::from_code,
                Reason::from_label,
                Reason::codes,
            )
            .map(Reason::code)
        })?
        .map(str::to_string),
        unit_name: a.unit_name.clone(),
        address: a.address.clone(),
        target_org: a.target_org.clone(),
        study_level: a.study_level.clone(),
        city: a.city.clone(),
    })
}
