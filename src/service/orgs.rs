//! The org tree as both doors show and change it: the tree with graduation markings (G1),
//! marking branches single and batch (G1/G2), the change requests and their decisions (G4),
//! adding, renaming, moving and deleting orgs; and the one way a name typed on the command
//! line or in a form becomes an org or a member.

use super::view::Done;
use super::Context;
use crate::date::YearMonth;
use crate::id_number::IdNumber;
use crate::member::Member;
use crate::org::{GraduationMarking, NoDateReason, Org, OrgCategory, OrgKind, OrgLevel};
use crate::store::NewOrg;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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

/// One org of the tree with its children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrgNode {
    pub id: i64,
    pub full_name: String,
    /// 团委 / 团工委 / 团总支 / 团支部.
    pub level: String,
    /// 普通 / 流动团员团支部 / …
    pub kind: String,
    /// 2026年7月, 教师支部, 混合支部; null when not marked.
    pub graduation: Option<String>,
    /// Only branches are marked (G1): the tree shows their checkboxes.
    pub is_branch: bool,
    pub children: Vec<OrgNode>,
}

fn node(org: &Org, by_parent: &HashMap<Option<i64>, Vec<&Org>>, depth: usize) -> OrgNode {
    // The tree is acyclic by construction (move refuses cycles); the depth cap only guards
    // against a damaged file.
    let children = if depth > 32 {
        Vec::new()
    } else {
        by_parent
            .get(&Some(org.id))
            .map(|c| c.iter().map(|o| node(o, by_parent, depth + 1)).collect())
            .unwrap_or_default()
    };
    OrgNode {
        id: org.id,
        full_name: org.full_name.clone(),
        level: org.level.label().to_string(),
        kind: org.kind.label().to_string(),
        graduation: org.graduation.map(|g| g.label()),
        is_branch: org.level == OrgLevel::Branch,
        children,
    }
}

/// The whole tree, roots first, children by name.
pub fn tree(ctx: &Context) -> Result<Vec<OrgNode>> {
    let mut orgs = ctx.store().orgs()?;
    orgs.sort_by(|a, b| a.full_name.cmp(&b.full_name));
    let mut by_parent: HashMap<Option<i64>, Vec<&Org>> = HashMap::new();
    for o in &orgs {
        by_parent.entry(o.parent_id).or_default().push(o);
    }
    Ok(by_parent
        .get(&None)
        .map(|roots| roots.iter().map(|o| node(o, &by_parent, 0)).collect())
        .unwrap_or_default())
}

/// G1: mark branches with a year-month (`date`, `YYYY-MM`) or a no-date reason
/// (`no_date`: `teacher` 教师支部 / `mixed` 混合支部); exactly one of the two.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MarkBranchesInput {
    pub branch_ids: Vec<i64>,
    pub date: Option<String>,
    pub no_date: Option<String>,
    /// Acting as which org's administrator (G2; number or full name); null: the office's
    /// single top org.
    #[serde(default)]
    pub actor: Option<String>,
}

/// G4: a request to change a branch's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeRequestInput {
    pub branch_id: i64,
    /// `YYYY-MM`.
    pub to: String,
    pub reason: String,
    /// As in [`MarkBranchesInput::actor`].
    #[serde(default)]
    pub actor: Option<String>,
}

/// G4: a decision on a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DecideChangeInput {
    pub id: i64,
    pub approve: bool,
    pub note: Option<String>,
    /// As in [`MarkBranchesInput::actor`].
    #[serde(default)]
    pub actor: Option<String>,
}

/// One G4 request as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeView {
    pub id: i64,
    pub branch: String,
    pub old: String,
    pub new: String,
    pub reason: String,
    pub submitted_at: String,
    pub submitted_by: String,
    /// `pending` / `approved` / `rejected`.
    pub status: String,
    pub status_label: String,
    pub decision_note: Option<String>,
}

fn month(s: &str, field: &str) -> Result<YearMonth, Error> {
    YearMonth::parse_lenient(s.trim()).map_err(|e| Error::invalid(format!("{field}：{e}")))
}

/// G1/G2: marks the branches, all or nothing.
pub fn mark_branches(ctx: &mut Context, input: &MarkBranchesInput) -> Result<Done> {
    if input.branch_ids.is_empty() {
        return Err(Error::invalid("请先勾选团支部"));
    }
    fn nonblank(s: &Option<String>) -> Option<&str> {
        s.as_deref().map(str::trim).filter(|t| !t.is_empty())
    }
    let marking = match (nonblank(&input.date), nonblank(&input.no_date)) {
        (Some(d), None) => GraduationMarking::Date {
            graduates: month(d, "毕业时间")?,
        },
        (None, Some(r)) => GraduationMarking::NoDate {
            reason: NoDateReason::from_code(r).ok_or_else(|| {
                Error::invalid(format!("理由“{r}”无效，应为 {}", NoDateReason::codes()))
            })?,
        },
        _ => {
            return Err(Error::invalid(
                "请选择毕业年月，或选择教师支部/混合支部（G1）",
            ))
        }
    };
    let actor = acting_org(ctx, input.actor.as_deref())?;
    let op = ctx.operator().to_string();
    let n = ctx
        .store_mut()
        .mark_graduation_batch(actor.id, &input.branch_ids, marking, &op)?;
    let same = input.branch_ids.len() - n;
    Ok(Done::new(
        n,
        format!(
            "已标记 {n} 个团支部：{}（{same} 个无变化）",
            marking.label()
        ),
    ))
}

/// G4 requests, newest first.
pub fn changes(ctx: &Context) -> Result<Vec<ChangeView>> {
    Ok(ctx
        .store()
        .graduation_changes(None)?
        .into_iter()
        .map(|c| ChangeView {
            id: c.id,
            branch: c.branch_full_name,
            old: c.old.chinese(),
            new: c.new.chinese(),
            reason: c.reason,
            submitted_at: crate::time::list_time(&c.submitted_at),
            submitted_by: c.submitted_by,
            status: c.status.code().to_string(),
            status_label: c.status.label().to_string(),
            decision_note: c.decision_note,
        })
        .collect())
}

/// G4: asks to change a marked branch's date (decided by the level above).
pub fn request_change(ctx: &mut Context, input: &ChangeRequestInput) -> Result<Done> {
    let actor = acting_org(ctx, input.actor.as_deref())?;
    let to = month(&input.to, "新的毕业时间")?;
    let op = ctx.operator().to_string();
    let c = ctx.store_mut().request_graduation_change(
        actor.id,
        input.branch_id,
        to,
        &input.reason,
        &op,
    )?;
    Ok(Done::new(
        1,
        format!(
            "已提交修改申请 {}：{} 由 {} 改为 {}，待上级审批（G4）",
            c.id,
            c.branch_full_name,
            c.old.chinese(),
            c.new.chinese()
        ),
    ))
}

/// G4: approves (the branch's date changes) or rejects a request.
pub fn decide_change(ctx: &mut Context, input: &DecideChangeInput) -> Result<Done> {
    let actor = acting_org(ctx, input.actor.as_deref())?;
    let note = input
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let op = ctx.operator().to_string();
    let c =
        ctx.store_mut()
            .decide_graduation_change(actor.id, input.id, input.approve, note, &op)?;
    Ok(Done::new(
        1,
        format!(
            "修改申请 {} {}：{}",
            c.id,
            c.status.label(),
            c.branch_full_name
        ),
    ))
}

/// An org to add, as the form and the command line give it: level, category and kind by
/// code or Chinese label.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewOrgInput {
    /// 全称, exactly as in 智慧团建.
    pub full_name: String,
    /// 团委 / 团工委 / 团总支 / 团支部 (or `committee`…).
    pub level: String,
    pub parent_id: Option<i64>,
    pub category: Option<String>,
    pub kind: Option<String>,
}

/// A closed value named by its code or its Chinese label.
pub fn parse_coded<T>(
    s: &str,
    field: &str,
    code: fn(&str) -> Option<T>,
    label: fn(&str) -> Option<T>,
    codes: fn() -> String,
) -> Result<T> {
    let t = crate::text::clean(s);
    code(&t).or_else(|| label(&t)).ok_or_else(|| {
        Error::invalid(format!(
            "{field}“{s}”无法识别，应为 {} 或对应的中文名称",
            codes()
        ))
    })
}

/// Adds an org to the tree (audited).
pub fn create(ctx: &mut Context, input: &NewOrgInput) -> Result<Org> {
    let level = parse_coded(
        &input.level,
        "层级",
        OrgLevel::from_code,
        OrgLevel::from_label,
        OrgLevel::codes,
    )?;
    let category = input
        .category
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .map(|c| {
            parse_coded(
                c,
                "组织类别",
                OrgCategory::from_code,
                OrgCategory::from_label,
                OrgCategory::codes,
            )
        })
        .transpose()?;
    let kind = input
        .kind
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .map(|k| {
            parse_coded(
                k,
                "类型",
                OrgKind::from_code,
                OrgKind::from_label,
                OrgKind::codes,
            )
        })
        .transpose()?
        .unwrap_or(OrgKind::Ordinary);
    let new = NewOrg {
        full_name: input.full_name.trim().to_string(),
        level,
        parent_id: input.parent_id,
        category,
        kind,
    };
    let op = ctx.operator().to_string();
    ctx.store_mut().create_org(&new, &op)
}

/// An empty office's first org: a top-level 基层团委 under which the roster's branches can be
/// created (导入 offers it when the tree is empty).
pub fn create_top_committee(ctx: &mut Context, full_name: &str) -> Result<Org> {
    create(
        ctx,
        &NewOrgInput {
            full_name: full_name.to_string(),
            level: OrgLevel::Committee.code().to_string(),
            ..NewOrgInput::default()
        },
    )
}

/// Renames an org (its full name as in 智慧团建).
pub fn rename(ctx: &mut Context, id: i64, to: &str) -> Result<Org> {
    let op = ctx.operator().to_string();
    ctx.store_mut().rename_org(id, to, &op)
}

/// Moves an org under another parent (`None`: to the top); a move into its own subtree is
/// refused by the store.
pub fn move_to(ctx: &mut Context, id: i64, parent: Option<i64>) -> Result<Done> {
    let op = ctx.operator().to_string();
    let o = ctx.store_mut().move_org(id, parent, &op)?;
    let under = match parent {
        Some(p) => ctx
            .store()
            .org(p)?
            .map_or_else(|| p.to_string(), |o| o.full_name),
        None => "最上层".to_string(),
    };
    Ok(Done::new(1, format!("已移动：{} → {under}", o.full_name)))
}

/// Deletes an empty org (one with members or children is refused).
pub fn delete(ctx: &mut Context, id: i64) -> Result<Done> {
    let o = ctx
        .store()
        .org(id)?
        .ok_or_else(|| Error::not_found(format!("找不到编号为 {id} 的团组织")))?;
    let op = ctx.operator().to_string();
    ctx.store_mut().delete_org(id, &op)?;
    Ok(Done::new(1, format!("已删除：{}", o.full_name)))
}

/// Every org, as stored.
pub fn list(ctx: &Context) -> Result<Vec<Org>> {
    ctx.store().orgs()
}

/// An org name the upgrade restored to full-width punctuation, for checking against 智慧团建.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RestoredNameView {
    pub org_id: i64,
    pub before: String,
    pub after: String,
    /// Why it was restored, in Chinese (evidence found in the store, or the rule).
    pub basis: String,
    pub evidence: Option<String>,
    /// When, in the office's time.
    pub at: String,
}

/// The org names the upgrade to names-as-typed changed (`xianjie org list --changed`, 组织's
/// notice): each before and after, and why.
pub fn restored_names(ctx: &Context) -> Result<Vec<RestoredNameView>> {
    Ok(ctx
        .store()
        .restored_names()?
        .into_iter()
        .map(|r| RestoredNameView {
            org_id: r.org_id,
            before: r.before,
            after: r.after,
            basis: r.basis.label().to_string(),
            evidence: r.evidence,
            at: crate::time::list_time(&r.at),
        })
        .collect())
}
