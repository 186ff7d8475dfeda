//! Moved from the desktop app's former `api::orgs` (now `service::orgs`): the page's job run
//! on a temp store, no window.

use xianjie::service::orgs::*;
use xianjie::ErrorCode;

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
    xianjie_testdata::cohort::generate_cohort(ctx.testing_store_mut(), 2026, 20, 10, "测试")
        .unwrap();
    let t = tree(&ctx).unwrap();
    let ids: Vec<i64> = branches(&t).iter().map(|b| b.id).collect();
    let mut input = MarkBranchesInput {
        branch_ids: ids.clone(),
        date: None,
        no_date: Some("mixed".into()),
        actor: None,
    };
    // Already dated branches: changing them goes through G4.
    let e = mark_branches(&mut ctx, &input).unwrap_err();
    assert_eq!(e.code, ErrorCode::Refused, "{}", e.message);
    assert!(e.message.contains("G4"), "{}", e.message);
    input.no_date = None;
    assert_eq!(
        mark_branches(&mut ctx, &input).unwrap_err().code,
        ErrorCode::InvalidInput
    );
    input.date = Some("2026-13".into());
    assert_eq!(
        mark_branches(&mut ctx, &input).unwrap_err().code,
        ErrorCode::InvalidInput
    );
    let req = ChangeRequestInput {
        branch_id: ids[0],
        to: "2026-08".into(),
        reason: "学制调整".into(),
        actor: None,
    };
    request_change(&mut ctx, &req).unwrap();
    let list = changes(&ctx).unwrap();
    assert_eq!(list[0].status, "pending");
    decide_change(
        &mut ctx,
        &DecideChangeInput {
            id: list[0].id,
            approve: true,
            note: None,
            actor: None,
        },
    )
    .unwrap();
    assert_eq!(changes(&ctx).unwrap()[0].status, "approved");
    let t = tree(&ctx).unwrap();
    assert_eq!(branches(&t)[0].graduation.as_deref(), Some("2026年8月"));
}

#[test]
fn tree_of_a_generated_school() {
    let mut ctx =
        xianjie::service::Context::in_memory("测试", xianjie::service::Clock::System).unwrap();
    assert!(tree(&ctx).unwrap().is_empty());
    xianjie_testdata::cohort::generate_cohort(ctx.testing_store_mut(), 2026, 20, 10, "测试")
        .unwrap();
    let t = tree(&ctx).unwrap();
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].level, "团委");
    let branches: Vec<_> = t[0].children.iter().flat_map(|c| &c.children).collect();
    assert_eq!(branches.len(), 2);
    assert_eq!(branches[0].graduation.as_deref(), Some("2026年7月"));
}
