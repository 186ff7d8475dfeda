//! CLI subcommands of backups: `backup list|create|restore ID|export FILE|import FILE|keep N`.

use super::{Ctx, Failure};
use clap::Subcommand;
use std::path::PathBuf;
use xianjie::store::backup::{self, FileCheck, Reason, Snapshot};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 备份：列出、立即备份、恢复、导出/导入整个数据库（换电脑时使用）
    #[command(subcommand)]
    Backup(BackupCmd),
}

#[derive(Debug, Subcommand)]
pub enum BackupCmd {
    /// 列出全部备份（最新的在前）
    List {
        #[arg(long)]
        json: bool,
    },
    /// 立即备份
    Create,
    /// 用某个备份恢复数据库（先校验备份，并先备份当前数据）
    Restore {
        /// 备份编号（见 backup list）
        id: String,
    },
    /// 把整个数据库导出为一个文件（换电脑时使用）
    Export { file: PathBuf },
    /// 用导出的文件替换整个数据库（先校验文件，并先备份当前数据）
    Import { file: PathBuf },
    /// 设置保留的备份数量（默认 20）
    Keep { count: usize },
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1u64 << 20) as f64)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn line(s: &Snapshot) -> String {
    format!(
        "{}  {}  {}  {}",
        s.id,
        s.at,
        s.reason.label(),
        size(s.bytes)
    )
}

fn replaced(check: &FileCheck, before: Option<Snapshot>) -> xianjie::Result<()> {
    outln!(
        "已恢复：数据库版本 {}，{} 名团员，审计日志 {} 条（已校验）",
        check.version,
        check.members,
        check.audit_entries
    )?;
    if let Some(b) = before {
        outln!("恢复前的数据已备份为 {}", b.id)?;
    }
    Ok(())
}

pub fn run(ctx: &Ctx, cmd: Command) -> Result<(), Failure> {
    let Command::Backup(cmd) = cmd;
    match cmd {
        BackupCmd::List { json } => {
            let list = backup::list(&ctx.paths()?.db)?;
            if json {
                let s = serde_json::to_string_pretty(&list)
                    .map_err(|e| xianjie::Error::internal(e.to_string()))?;
                outln!("{s}")?;
            } else if list.is_empty() {
                outln!("还没有备份")?;
            } else {
                for s in &list {
                    outln!("{}", line(s))?;
                }
            }
            Ok(())
        }
        BackupCmd::Create => {
            let c = ctx.open()?;
            match c.store().snapshot(Reason::Manual)? {
                Some(snap) => outln!("已备份：{}", line(&snap)),
                None => outln!("内存数据库无需备份"),
            }?;
            Ok(())
        }
        BackupCmd::Restore { id } => {
            let mut c = ctx.open()?;
            let (check, before) = c.replace_data(|s| s.restore_snapshot(&id))?;
            replaced(&check, before)?;
            Ok(())
        }
        BackupCmd::Export { file } => {
            let c = ctx.open()?;
            let check = c.store().export_to(&file)?;
            outln!(
                "已导出到 {}（{} 名团员，审计日志 {} 条）；在新电脑上用 xianjie backup import 导入",
                file.display(),
                check.members,
                check.audit_entries
            )?;
            Ok(())
        }
        BackupCmd::Import { file } => {
            // Checked before the current database is even opened (and migrated).
            backup::verify_file(&file)?;
            let mut c = ctx.open()?;
            let (check, before) = c.replace_data(|s| s.replace_with(&file))?;
            replaced(&check, before)?;
            Ok(())
        }
        BackupCmd::Keep { count } => {
            let mut c = ctx.open()?;
            let op = c.operator().to_string();
            c.store_mut().set_backup_keep(count, &op)?;
            outln!("将保留最近 {count} 个备份")?;
            Ok(())
        }
    }
}
