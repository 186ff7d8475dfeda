//! CLI subcommands of the 毕业去向 collection: `collect export|import|status`. The service
//! (`xianjie::service::collect`) writes and reads the workbooks; this prints.

use super::store::open_store;
use super::{Ctx, Failure};
use clap::Subcommand;
use std::path::PathBuf;
use xianjie::service::collect::{self, CollectIssue, CollectOptions, CollectReport};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 毕业去向收集：按团支部导出收集表、读回填好的收集表、查看交回情况
    #[command(subcommand)]
    Collect(CollectCmd),
}

#[derive(Debug, Subcommand)]
pub enum CollectCmd {
    /// 为每个毕业团支部导出一份毕业去向收集表（.xlsx，已填入毕业生，下拉选项与规则一致）
    Export {
        /// 届别（毕业年份），例如 2026
        #[arg(long)]
        year: i32,
        /// 输出文件夹（每个团支部一个文件）
        #[arg(long)]
        dir: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// 读回团支部填好的收集表（可一次多个）：逐格校验，有错误或冲突时默认整批不导入
    Import {
        /// 收集表文件（.xlsx）
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 只检查，不写入
        #[arg(long)]
        dry_run: bool,
        /// 有错误或冲突时仍写入其余正确的行
        #[arg(long)]
        partial: bool,
        /// 导出后学院改过的毕业去向，也以表中为准覆盖
        #[arg(long)]
        overwrite: bool,
        #[arg(long)]
        json: bool,
    },
    /// 各团支部收集表的交回情况
    Status {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, cmd: Command) -> Result<(), Failure> {
    let Command::Collect(cmd) = cmd;
    let mut s = open_store(ctx)?;
    match cmd {
        CollectCmd::Export { year, dir, json } => {
            let written = collect::export(&mut s, year, &dir)?;
            if json {
                return Ok(super::output::json(&written)?);
            }
            for w in &written {
                outln!("{}（{} 人）→ {}", w.branch, w.graduates, w.path.display())?;
            }
            outln!(
                "已导出 {} 个团支部的收集表（共 {} 人）到 {}",
                written.len(),
                written.iter().map(|w| w.graduates).sum::<usize>(),
                dir.display()
            )?;
            Ok(())
        }
        CollectCmd::Import {
            files,
            dry_run,
            partial,
            overwrite,
            json,
        } => {
            let opts = CollectOptions {
                partial,
                overwrite,
                dry_run,
            };
            let rep = collect::import(&mut s, &files, opts)?;
            if json {
                super::output::json(&rep)?;
            } else {
                print_report(&rep)?;
            }
            if rep.applied || (dry_run && rep.errors.is_empty() && rep.conflicts.is_empty()) {
                Ok(())
            } else {
                Err(Failure {
                    message: refusal(&rep, dry_run),
                    status: 3,
                    code: "rows_refused",
                })
            }
        }
        CollectCmd::Status { year, json } => {
            let list = collect::status(&mut s, year)?;
            if json {
                return Ok(super::output::json(&list)?);
            }
            for b in &list {
                let returned = match (&b.returned_file, &b.returned_at) {
                    (Some(file), Some(at)) => format!("已交回（{file}，{at}）"),
                    _ => "未交回".to_string(),
                };
                outln!(
                    "{}\t毕业生 {} 人，已有去向 {} 人\t{}",
                    b.branch,
                    b.graduates,
                    b.with_destination,
                    returned
                )?;
            }
            let missing = list.iter().filter(|b| b.returned_file.is_none()).count();
            outln!("共 {} 个团支部，{} 个未交回", list.len(), missing)?;
            Ok(())
        }
    }
}

fn issue_line(i: &CollectIssue) -> String {
    let mut at = i.file.clone();
    if i.row > 0 {
        at.push_str(&format!(" 第 {} 行", i.row));
    }
    if !i.column.is_empty() {
        at.push_str(&format!(" {} 列", i.column));
    }
    let who = if i.name.is_empty() {
        String::new()
    } else {
        format!("（{}）", i.name)
    };
    let value = if i.value.is_empty() {
        String::new()
    } else {
        format!("“{}”：", i.value)
    };
    format!("{at}{who}：{value}{}", i.message)
}

fn print_report(rep: &CollectReport) -> xianjie::Result<()> {
    for e in &rep.errors {
        outln!("错误  {}", issue_line(e))?;
    }
    for c in &rep.conflicts {
        outln!("冲突  {}", issue_line(c))?;
    }
    if !rep.blank.is_empty() {
        outln!(
            "未填写毕业去向 {} 人：{}",
            rep.blank.len(),
            rep.blank.join("、")
        )?;
    }
    let verb = if rep.applied {
        "已写入"
    } else {
        "将写入"
    };
    outln!(
        "读取 {} 个文件、{} 行：{verb} {} 人，无变化 {} 人，错误 {} 处，冲突 {} 处",
        rep.files.len(),
        rep.rows,
        rep.updated,
        rep.unchanged,
        rep.errors.len(),
        rep.conflicts.len()
    )?;
    Ok(())
}

fn refusal(rep: &CollectReport, dry_run: bool) -> String {
    if dry_run {
        return format!(
            "试运行发现 {} 处错误、{} 处冲突（未写入）",
            rep.errors.len(),
            rep.conflicts.len()
        );
    }
    format!(
        "有 {} 处错误、{} 处冲突，整批未写入；请改正后重新导入，或用 --partial 只写入正确的行{}",
        rep.errors.len(),
        rep.conflicts.len(),
        if rep.conflicts.is_empty() {
            ""
        } else {
            "，确认以表中为准覆盖学院的修改时加 --overwrite"
        }
    )
}
