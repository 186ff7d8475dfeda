//! 设置 › 数据备份 and `xianjie backup`: the snapshots of the office's database (list, back up now, restore after a
//! confirmation) and moving the whole store to another PC. Restoring verifies the snapshot and
//! keeps a snapshot of the current state first (see `store::backup`).

use super::view::count;
use super::Context;
use crate::store::backup::{self, Reason, Snapshot};
use crate::Result;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One snapshot as the 设置 page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupList {
    pub items: Vec<BackupItem>,
    pub keep: u32,
    pub folder: String,
}

/// What a restore or an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

pub fn list(ctx: &Context) -> Result<BackupList> {
    let db = &ctx.paths().db;
    Ok(BackupList {
        items: backup::list(db)?.iter().map(item).collect(),
        keep: count(ctx.store().backup_keep()?),
        folder: backup::backups_dir(db).display().to_string(),
    })
}

/// How many backups are kept (设置; at least one).
pub fn set_keep(ctx: &mut Context, keep: u32) -> Result<()> {
    let op = ctx.operator().to_string();
    let keep = usize::try_from(keep).unwrap_or(usize::MAX);
    ctx.store_mut().set_backup_keep(keep, &op)
}

/// 立即备份.
pub fn create(ctx: &Context) -> Result<BackupItem> {
    let snap = ctx
        .store()
        .snapshot(Reason::Manual)?
        .ok_or_else(|| crate::Error::internal("数据库不是文件，无法备份"))?;
    Ok(item(&snap))
}

fn done(check: &backup::FileCheck, before: Option<Snapshot>) -> RestoreDone {
    let mut message = format!(
        "已恢复：数据库版本 {}，{} 名团员，审计日志 {} 条（已校验）",
        check.version, check.members, check.audit_entries
    );
    if let Some(b) = before {
        message.push_str(&format!("；恢复前的数据已备份为 {}（{}）", b.id, b.at));
    }
    RestoreDone { message }
}

/// 恢复 (after the window's confirmation).
pub fn restore(ctx: &mut Context, id: &str) -> Result<RestoreDone> {
    let (check, before) = ctx.replace_data(|s| s.restore_snapshot(id))?;
    Ok(done(&check, before))
}

/// 导出全部数据 to one file (换电脑).
pub fn export(ctx: &Context, file: &Path) -> Result<String> {
    let check = ctx.store().export_to(file)?;
    Ok(format!(
        "已导出到 {}（{} 名团员，审计日志 {} 条）；在新电脑上用“从文件导入”（xianjie backup import）导入",
        file.display(),
        check.members,
        check.audit_entries
    ))
}

/// 从文件导入全部数据 (replaces the store after a confirmation; verified first).
pub fn import(ctx: &mut Context, file: &Path) -> Result<RestoreDone> {
    backup::verify_file(file)?;
    let (check, before) = ctx.replace_data(|s| s.replace_with(file))?;
    Ok(done(&check, before))
}
