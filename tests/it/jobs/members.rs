//! Moved from the desktop app's former `api::members` (now `service::members`): the page's job run
//! on a temp store, no window.

use xianjie::service::members::*;
use xianjie::service::Context;
use xianjie::ErrorCode;
use xianjie_testdata::cohort::generate_cohort;

fn school() -> (tempfile::TempDir, Context, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = xianjie::service::Paths::in_dir(dir.path(), None);
    let mut ctx = Context::open(paths, Some("测试"), xianjie::service::Clock::System).unwrap();
    generate_cohort(ctx.testing_store_mut(), 2026, 20, 10, "测试").unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let ids = ctx
        .testing_store()
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
        ErrorCode::InvalidInput
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
    assert_eq!(e.code, ErrorCode::Refused, "{}", e.message);
    input.reason = " ".into();
    input.date = "2027-07".into();
    assert_eq!(
        mark_deferred(&mut ctx, &input).unwrap_err().code,
        ErrorCode::InvalidInput
    );
    input.reason = "休学一年".into();
    assert_eq!(mark_deferred(&mut ctx, &input).unwrap().changed, 1);
    let page = detail(&ctx, ids[0], 2026).unwrap();
    assert!(page.marking.unwrap().contains("2027年7月"));
    assert_eq!(revoke(&mut ctx, &ids[..1]).unwrap().changed, 1);
    assert_eq!(mark_teacher(&mut ctx, &ids[..3]).unwrap().changed, 3);
    assert_eq!(
        mark_teacher(&mut ctx, &[]).unwrap_err().code,
        ErrorCode::InvalidInput
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
        ErrorCode::Refused
    );
    input.reason = deletion_reasons()[0].code.clone();
    delete(&mut ctx, &input).unwrap();
    assert_eq!(
        detail(&ctx, ids[1], 2026).unwrap_err().code,
        ErrorCode::NotFound
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
        ErrorCode::InvalidInput
    );
}
