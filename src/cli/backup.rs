//! `xianjie backup list|create|restore ID|export FILE|import FILE|keep N`: `service::backup`
//! parsed and printed.

use super::{Ctx, Failure};
use clap::Subcommand;
use std::path::PathBuf;
use xianjie::service::backup;

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
    Keep { count: u32 },
}

pub fn run(ctx: &Ctx, cmd: Command) -> Result<(), Failure> {
    let Command::Backup(cmd) = cmd;
    let mut c = ctx.open()?;
    match cmd {
        BackupCmd::List { json } => {
            let list = backup::list(&c)?;
            if json {
                crate::cli::output::json(&list)?;
            } else if list.items.is_empty() {
                outln!("还没有备份（保存在 {}）", list.folder)?;
            } else {
                for s in &list.items {
                    outln!("{}  {}  {}  {}", s.id, s.at, s.reason, s.size)?;
                }
            }
        }
        BackupCmd::Create => {
            let s = backup::create(&c)?;
            outln!("已备份：{}  {}  {}  {}", s.id, s.at, s.reason, s.size)?;
        }
        BackupCmd::Restore { id } => outln!("{}", backup::restore(&mut c, &id)?.message)?,
        BackupCmd::Export { file } => outln!("{}", backup::export(&c, &file)?)?,
        BackupCmd::Import { file } => outln!("{}", backup::import(&mut c, &file)?.message)?,
        BackupCmd::Keep { count } => {
            backup::set_keep(&mut c, count)?;
            outln!("将保留最近 {count} 个备份")?;
        }
    }
    Ok(())
}
