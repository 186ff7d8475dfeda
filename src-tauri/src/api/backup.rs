//! 设置 › 数据备份: the snapshots of the office's database (list, back up now, restore after a
//! confirmation) and moving the whole store to another PC. Restoring verifies the snapshot and
//! keeps a snapshot of the current state first (see `store::backup`).

use super::ApiResult;
use serde::{Deserialize, Serialize};
use std::path::Path;
use xianjie::service::Context;
use xianjie::store::backup::{self, Reason, Snapshot};

/// One snapshot as the 设置 page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct BackupItem {
    /// What `restore` takes.
    pub id: String,
    /// `YYYY-MM-DD HH:MM:SS`, local time.
    pub at: String,
    /// 手动备份 / 导入名单前 / 批量操作前 / 数据库升级前 / 每日自动备份 / 恢复前的当前数据.
    pub reason: String,
    /// e.g. `2.4 MB`.
    pub size: String,
}

/// The snapshots (newest first), how many are kept and where they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct BackupList {
    pub items: Vec<BackupItem>,
    pub keep: u32,
    pub folder: String,
}

/// What a restore or an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RestoreDone {
    /// 已恢复：… (members, audit entries, the snapshot of the state before).
    pub message: String,
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1u64 << 20) as f64)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn item(s: &Snapshot) -> BackupItem {
    BackupItem {
        id: s.id.clone(),
        at: s.at.clone(),
        reason: s.reason.label().to_string(),
        size: size(s.bytes),
    }
}

pub fn list(ctx: &Context) -> ApiResult<BackupList> {
    let db = &ctx.paths().db;
    Ok(BackupList {
        items: backup::list(db)?.iter().map(item).collect(),
        keep: u32::try_from(ctx.store().backup_keep()?).unwrap_or(u32::MAX),
        folder: backup::backups_dir(db).display().to_string(),
    })
}

/// 立即备份.
pub fn create(ctx: &Context) -> ApiResult<BackupItem> {
    let snap = ctx
        .store()
        .snapshot(Reason::Manual)?
        .ok_or_else(|| xianjie::Error::internal("数据库不是文件，无法备份"))?;
    Ok(item(&snap))
}

fn done(check: &backup::FileCheck, before: Option<Snapshot>) -> RestoreDone {
    let mut message = format!(
        "已恢复：{} 名团员，审计日志 {} 条（已校验）",
        check.members, check.audit_entries
    );
    if let Some(b) = before {
        message.push_str(&format!("；恢复前的数据已备份为 {}（{}）", b.id, b.at));
    }
    RestoreDone { message }
}

/// 恢复 (after the window's confirmation).
pub fn restore(ctx: &mut Context, id: &str) -> ApiResult<RestoreDone> {
    let (check, before) = ctx.replace_data(|s| s.restore_snapshot(id))?;
    Ok(done(&check, before))
}

/// 导出全部数据 to one file (换电脑).
pub fn export(ctx: &Context, file: &Path) -> ApiResult<String> {
    let check = ctx.store().export_to(file)?;
    Ok(format!(
        "已导出到 {}（{} 名团员）",
        file.display(),
        check.members
    ))
}

/// 从文件导入全部数据 (replaces the store after a confirmation; verified first).
pub fn import(ctx: &mut Context, file: &Path) -> ApiResult<RestoreDone> {
    backup::verify_file(file)?;
    let (check, before) = ctx.replace_data(|s| s.replace_with(file))?;
    Ok(done(&check, before))
}

#[cfg(test)]
mod tests {
    use super::*;
    use xianjie::service::{Clock, Paths};

    #[test]
    fn create_list_restore() -> ApiResult<()> {
        let dir = tempfile::tempdir().map_err(|e| xianjie::Error::internal(e.to_string()))?;
        let mut ctx = Context::open(Paths::in_dir(dir.path(), None), Some("测试"), Clock::System)?;
        xianjie_testdata::cohort::generate_cohort(ctx.store_mut(), 2026, 30, 10, "测试")?;
        let snap = create(&ctx)?;
        assert_eq!(snap.reason, "手动备份");
        xianjie_testdata::cohort::generate_cohort(ctx.store_mut(), 2027, 20, 10, "测试")?;
        let l = list(&ctx)?;
        assert_eq!(l.keep, 20);
        assert!(l.items.iter().any(|i| i.id == snap.id));
        let r = restore(&mut ctx, &snap.id)?;
        assert!(r.message.contains("30 名团员"), "{}", r.message);
        let e = restore(&mut ctx, "nope").err().map(|e| e.code);
        assert_eq!(e, Some(super::super::ApiErrorCode::NotFound));
        Ok(())
    }
}
