//! CLI subcommands of the roster area: `import`, `demo`, and the hidden `dev` generators.

use super::{Ctx, Failure};
use crate::roster::synth;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 开发用：生成测试名单（不在帮助中显示）
    #[command(hide = true, subcommand)]
    Dev(Dev),
}

#[derive(Debug, Subcommand)]
pub enum Dev {
    /// 生成大规模合成团员名单（.xlsx，15列，全部为有效数据）
    #[command(name = "gen-roster")]
    Roster {
        #[arg(long)]
        rows: usize,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// 生成演示学院名单（.xlsx 与供 scripts/xls_from_spec.py 生成 .xls 的 .json）
    #[command(name = "gen-demo")]
    Demo {
        #[arg(long, default_value = "fixtures/demo")]
        out_dir: PathBuf,
    },
    /// 生成含各类错误的名单（.xlsx 与 .json）
    #[command(name = "gen-messy")]
    Messy {
        #[arg(long, default_value = "fixtures/roster")]
        out_dir: PathBuf,
    },
}

pub fn run(_ctx: &Ctx, cmd: Command) -> Result<(), Failure> {
    match cmd {
        Command::Dev(dev) => run_dev(dev),
    }
}

fn run_dev(dev: Dev) -> Result<(), Failure> {
    let write = |spec: &synth::SheetSpec, dir: &std::path::Path, stem: &str| -> crate::Result<()> {
        std::fs::create_dir_all(dir)?;
        spec.write_xlsx(&dir.join(format!("{stem}.xlsx")))?;
        spec.write_json(&dir.join(format!("{stem}.json")))?;
        Ok(())
    };
    match dev {
        Dev::Roster { rows, out, seed } => synth::large::sheet(rows, seed).write_xlsx(&out)?,
        Dev::Demo { out_dir } => write(&synth::demo::sheet(), &out_dir, "demo-roster")?,
        Dev::Messy { out_dir } => write(&synth::messy::sheet(), &out_dir, "messy-roster")?,
    }
    Ok(())
}
