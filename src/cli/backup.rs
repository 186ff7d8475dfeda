//! `xianjie backup list|create|restore ID|export FILE|import FILE|keep N`: `service::backup`
//! parsed and printed. The passphrase of an export or import comes from `--passphrase-file`
//! (its first line, for scripts) or, at a terminal, from a prompt without echo.

use super::{Ctx, Failure};
use clap::Subcommand;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use xianjie::service::backup::{self, BackupExport, BackupImport};
use xianjie::Error;

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
    /// 把全部数据（数据库和本机密钥）导出为一个用口令加密的文件（换电脑时使用）
    Export {
        file: PathBuf,
        /// 口令文件：取其第一行作为口令（供脚本使用；在终端中不给则提示输入）
        #[arg(long, conflicts_with = "unprotected")]
        passphrase_file: Option<PathBuf>,
        /// 不加密，导出数据库的明文副本（含身份证号、手机号；不含密钥）
        #[arg(long)]
        unprotected: bool,
    },
    /// 用导出的文件替换整个数据库（先校验文件，并先备份当前数据）
    Import {
        file: PathBuf,
        /// 口令文件（文件有口令保护时；在终端中不给则提示输入）
        #[arg(long)]
        passphrase_file: Option<PathBuf>,
    },
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
        BackupCmd::Export {
            file,
            passphrase_file,
            unprotected,
        } => {
            let passphrase = match (&passphrase_file, unprotected) {
                (Some(f), _) => Some(read_passphrase(f)?),
                (None, false) if std::io::stdin().is_terminal() => Some(prompt_new()?),
                _ => None,
            };
            let done = backup::export(
                &c,
                &BackupExport {
                    path: file.display().to_string(),
                    passphrase,
                    unprotected,
                },
            )?;
            if !done.protected {
                // Loudly, and apart from the result: stderr stays on the screen in a script.
                eprintln!("{}", done.warning);
            }
            outln!("{}", done.message)?;
            if done.protected {
                outln!("{}", done.warning)?;
            }
        }
        BackupCmd::Import {
            file,
            passphrase_file,
        } => {
            let path = file.display().to_string();
            let passphrase = match &passphrase_file {
                Some(f) => Some(read_passphrase(f)?),
                None if backup::inspect_file(&path)?.protected
                    && std::io::stdin().is_terminal() =>
                {
                    Some(prompt("该文件有口令保护，请输入口令：")?)
                }
                None => None,
            };
            let done = backup::import(&mut c, &BackupImport { path, passphrase })?;
            outln!("{}", done.message)?;
        }
        BackupCmd::Keep { count } => {
            backup::set_keep(&mut c, count)?;
            outln!("将保留最近 {count} 个备份")?;
        }
    }
    Ok(())
}

/// The first line of `file` (without its line ending): the passphrase, for scripts.
fn read_passphrase(file: &Path) -> xianjie::Result<String> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        Error::invalid(format!(
            "无法读取口令文件 {}：{}",
            file.display(),
            xianjie::error::io_reason(&e)
        ))
    })?;
    let line = text
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches('\u{feff}')
        .to_string();
    if line.is_empty() {
        return Err(Error::invalid(format!(
            "口令文件 {} 的第一行是空的",
            file.display()
        )));
    }
    Ok(line)
}

/// Asks for a passphrase at the terminal, without echo.
fn prompt(question: &str) -> xianjie::Result<String> {
    let term = console::Term::stderr();
    term.write_str(question)
        .and_then(|()| term.read_secure_line())
        .map_err(|e| Error::invalid(format!("无法读取口令：{e}")))
}

/// A new passphrase, typed twice; its strength and that it cannot be recovered said first.
fn prompt_new() -> xianjie::Result<String> {
    eprintln!("请为备份文件设置口令（至少 8 个字符；建议三四个不相关的词语拼音连在一起）。口令遗忘后备份无法解密，任何人都无法找回。");
    let first = prompt("口令：")?;
    let strength = backup::passphrase_strength(&first);
    eprintln!("{}", strength.hint);
    if !strength.acceptable {
        return Err(Error::invalid(format!("口令强度不够：{}", strength.hint)));
    }
    let again = prompt("再输入一次口令：")?;
    if again != first {
        return Err(Error::invalid("两次输入的口令不一致，未导出"));
    }
    Ok(first)
}
