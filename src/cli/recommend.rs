//! `xianjie recommend --cases FILE|-`.

use super::{Ctx, Failure};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 案例文件（JSON 数组），`-` 表示标准输入
    #[arg(long)]
    pub cases: PathBuf,
}

pub fn run(_ctx: &Ctx, args: Args) -> Result<(), Failure> {
    let _ = args;
    Ok(())
}
