//! 组织: the org tree as the window draws it, each branch with its graduation marking (G1);
//! marking branches single and batch (G1/G2) and the change requests with their decisions (G4).
//! The acting org (G2) is the office's top org: the app is the school committee's.

use super::members::Done;
use super::ApiResult;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use xianjie::date::YearMonth;
use xianjie::org::{GraduationMarking, NoDateReason, Org, OrgLevel};
use xianjie::service::{self, Context};
use xianjie::Error;

/// One org of the tree with its children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct OrgNode {
    #[ts(type = "number")]
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
pub fn tree(ctx: &Context) -> ApiResult<Vec<OrgNode>> {
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MarkBranchesInput {
    #[ts(type = "number[]")]
    pub branch_ids: Vec<i64>,
    pub date: Option<String>,
    pub no_date: Option<String>,
}

/// G4: a request to change a branch's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ChangeRequestInput {
    #[ts(type = "number")]
    pub branch_id: i64,
    /// `YYYY-MM`.
    pub to: String,
    pub reason: String,
}

/// One G4 request as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ChangeView {
    #[ts(type = "number")]
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
pub fn mark_branches(ctx: &mut Context, input: &MarkBranchesInput) -> ApiResult<Done> {
    if input.branch_ids.is_empty() {
        return Err(Error::invalid("请先勾选团支部").into());
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
        _ => return Err(Error::invalid("请选择毕业年月，或选择教师支部/混合支部（G1）").into()),
    };
    let actor = service::orgs::acting_org(ctx, None)?;
    let n = service::orgs::mark_branches(ctx, &actor, &input.branch_ids, marking)?;
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
pub fn changes(ctx: &Context) -> ApiResult<Vec<ChangeView>> {
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
            submitted_at: c.submitted_at,
            submitted_by: c.submitted_by,
            status: c.status.code().to_string(),
            status_label: c.status.label().to_string(),
            decision_note: c.decision_note,
        })
        .collect())
}

/// G4: asks to change a marked branch's date (decided by the level above).
pub fn request_change(ctx: &mut Context, input: &ChangeRequestInput) -> ApiResult<Done> {
    let actor = service::orgs::acting_org(ctx, None)?;
    let to = month(&input.to, "新的毕业时间")?;
    let c = service::orgs::request_change(ctx, &actor, input.branch_id, to, &input.reason)?;
    Ok(Done::new(
        1,
        format!(
            "已提交修改申请：{} 由 {} 改为 {}，待审批（G4）",
            c.branch_full_name,
            c.old.chinese(),
            c.new.chinese()
        ),
    ))
}

/// G4: approves (the branch's date changes) or rejects a request.
pub fn decide_change(
    ctx: &mut Context,
    id: i64,
    approve: bool,
    note: Option<String>,
) -> ApiResult<Done> {
    let actor = service::orgs::acting_org(ctx, None)?;
    let note = note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let c = service::orgs::decide_change(ctx, &actor, id, approve, note)?;
    Ok(Done::new(
        1,
        format!("修改申请{}：{}", c.status.label(), c.branch_full_name),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiErrorCode;

    fn branches(t: &[OrgNode]) -> Vec<&OrgNode> {
        let mut out = Vec::new();
        for n in t {
            if n.is_branch {
                out.push(n);
            }
            out.extend(branches(&n.children));
        }
        out
    }

    #[test]
    fn marks_branches_and_decides_changes_g1_g4() {
        let mut ctx =
            xianjie::service::Context::in_memory("测试", xianjie::service::Clock::System).unwrap();
        xianjie_testdata::cohort::generate_cohort(ctx.store_mut(), 2026, 20, 10, "测试").unwrap();
        let t = tree(&ctx).unwrap();
        let ids: Vec<i64> = branches(&t).iter().map(|b| b.id).collect();
        let mut input = MarkBranchesInput {
            branch_ids: ids.clone(),
            date: None,
            no_date: Some("mixed".into()),
        };
        // Already dated branches: changing them goes through G4.
        let e = mark_branches(&mut ctx, &input).unwrap_err();
        assert_eq!(e.code, ApiErrorCode::Refused, "{}", e.message);
        assert!(e.message.contains("G4"), "{}", e.message);
        input.no_date = None;
        assert_eq!(
            mark_branches(&mut ctx, &input).unwrap_err().code,
            ApiErrorCode::InvalidInput
        );
        input.date = Some("2026-13".into());
        assert_eq!(
            mark_branches(&mut ctx, &input).unwrap_err().code,
            ApiErrorCode::InvalidInput
        );
        let req = ChangeRequestInput {
            branch_id: ids[0],
            to: "2026-08".into(),
            reason: "学制调整".into(),
        };
        request_change(&mut ctx, &req).unwrap();
        let list = changes(&ctx).unwrap();
        assert_eq!(list[0].status, "pending");
        decide_change(&mut ctx, list[0].id, true, None).unwrap();
        assert_eq!(changes(&ctx).unwrap()[0].status, "approved");
        let t = tree(&ctx).unwrap();
        assert_eq!(branches(&t)[0].graduation.as_deref(), Some("2026年8月"));
    }

    #[test]
    fn tree_of_a_generated_school() {
        let mut ctx =
            xianjie::service::Context::in_memory("测试", xianjie::service::Clock::System).unwrap();
        assert!(tree(&ctx).unwrap().is_empty());
        xianjie_testdata::cohort::generate_cohort(ctx.store_mut(), 2026, 20, 10, "测试").unwrap();
        let t = tree(&ctx).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].level, "团委");
        let branches: Vec<_> = t[0].children.iter().flat_map(|c| &c.children).collect();
        assert_eq!(branches.len(), 2);
        assert_eq!(branches[0].graduation.as_deref(), Some("2026年7月"));
    }
}
