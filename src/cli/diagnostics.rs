//! `xianjie diagnostics export FILE`: `service::diagnostics` written and summed up.

use super::{Ctx, Failure};
use clap::Subcommand;
use std::path::PathBuf;
use xianjie::service::diagnostics::{self, DiagnosticsExport};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 诊断信息：导出给技术支持（日志、版本、数据库检查；不含姓名、身份证号、手机号）
    #[command(subcommand)]
    Diagnostics(DiagnosticsCmd),
}

#[derive(Debug, Subcommand)]
pub enum DiagnosticsCmd {
    /// 导出诊断信息到一个文本文件
    Export { file: PathBuf },
    /// Tests only: panics, so that the panic hook's log entry can be checked.
    #[command(hide = true)]
    Panic,
}

pub fn run(ctx: &Ctx, cmd: Command) -> Result<(), Failure> {
    let Command::Diagnostics(cmd) = cmd;
    match cmd {
        DiagnosticsCmd::Export { file } => {
            let c = ctx.open()?;
            let w = diagnostics::export(
                &c,
                &DiagnosticsExport {
                    out: file.display().to_string(),
                },
            )?;
            outln!(
                "已导出诊断信息到 {}（{} 字节；数据库版本 {}，{}）。其中只有程序记录的错误代码、耗时和版本，不含姓名、身份证号、手机号",
                w.path,
                w.bytes,
                w.store.schema_version,
                if w.store.ok() {
                    "完整性检查与操作日志校验均通过"
                } else {
                    "数据库检查发现问题，详见文件"
                }
            )?;
            Ok(())
        }
        DiagnosticsCmd::Panic => {
            // The message carries an ID-like number: the log must show it scrubbed.
            panic!("diagnostics self-test panic 110105194912310021");
        }
    }
}
