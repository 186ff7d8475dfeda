//! Moved from the desktop app's former `api::backup` (now `service::backup`): the page's job run
//! on a temp store, no window.

use xianjie::service::backup::*;
use xianjie::service::{Clock, Context, Paths};

#[test]
fn create_list_restore() -> xianjie::Result<()> {
    let dir = tempfile::tempdir().map_err(|e| xianjie::Error::internal(e.to_string()))?;
    let mut ctx = Context::open(Paths::in_dir(dir.path(), None), Some("测试"), Clock::System)?;
    xianjie_testdata::cohort::generate_cohort(ctx.testing_store_mut(), 2026, 30, 10, "测试")?;
    let snap = create(&ctx)?;
    assert_eq!(snap.reason, "手动备份");
    xianjie_testdata::cohort::generate_cohort(ctx.testing_store_mut(), 2027, 20, 10, "测试")?;
    let l = list(&ctx)?;
    assert_eq!(l.keep, 20);
    assert!(l.items.iter().any(|i| i.id == snap.id));
    let r = restore(&mut ctx, &snap.id)?;
    assert!(r.message.contains("30 名团员"), "{}", r.message);
    let e = restore(&mut ctx, "nope").err().map(|e| e.code);
    assert_eq!(e, Some(xianjie::ErrorCode::NotFound));
    Ok(())
}
