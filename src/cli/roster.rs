//! CLI subcommands of the roster area: `import` and `demo`.

use super::{Ctx, Failure};
use clap::Subcommand;
use std::path::PathBuf;
use xianjie::service::demo::college as demo;
use xianjie::sheet::ColumnMap;
use xianjie::store::import::{ImportOptions, ImportReport};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 导入团员名单（.xlsx / .xls）：自动识别表头，校验每一行，报告新增/更新/未变与错误
    Import(ImportArgs),
    /// 新建演示数据库（星河大学信息工程学院，约300名毕业生）；已有的演示数据库会被重建
    Demo,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// 名单文件（.xlsx 或 .xls）
    pub file: PathBuf,
    /// 工作表名称（默认：第一个含团员名单表头的工作表）
    #[arg(long)]
    pub sheet: Option<String>,
    /// 指定列对应的字段，优先于自动识别，可重复：--map 联系方式=手机号
    #[arg(long = "map", value_name = "列名=字段")]
    pub maps: Vec<String>,
    /// 试运行：只报告导入会做什么，不写入
    #[arg(long)]
    pub dry_run: bool,
    /// 任一行有错误时整个文件都不导入
    #[arg(long)]
    pub all_or_nothing: bool,
    /// 文件中不存在的团支部自动创建在此上级团组织（全称）之下
    #[arg(long, value_name = "上级组织全称")]
    pub create_branches_under: Option<String>,
    /// 以 JSON 输出结果
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, cmd: Command) -> Result<(), Failure> {
    match cmd {
        Command::Import(args) => run_import(ctx, args),
        Command::Demo => {
            // Never the office's own database by default.
            let path = ctx.db.clone().ok_or_else(|| {
                xianjie::Error::invalid("请用 --db 指定演示数据库文件，例如 --db demo.db")
            })?;
            let (_, rep) =
                xianjie::service::demo::create(&path, ctx.operator.as_deref(), ctx.clock)?;
            outln!(
                "已创建演示数据库：{}（{}，导入 {} 名团员）",
                path.display(),
                demo::COLLEGE,
                rep.inserted
            )?;
            Ok(())
        }
    }
}

fn run_import(ctx: &Ctx, args: ImportArgs) -> Result<(), Failure> {
    let maps = args
        .maps
        .iter()
        .map(|m| ColumnMap::parse(m))
        .collect::<xianjie::Result<Vec<_>>>()?;
    let opts = ImportOptions {
        sheet: args.sheet,
        maps,
        dry_run: args.dry_run,
        all_or_nothing: args.all_or_nothing,
        create_branches_under: args.create_branches_under,
    };
    let mut office = ctx.open()?;
    let rep = xianjie::service::import::run(&mut office, &args.file, &opts, &xianjie::Watch::NONE)?;
    if args.json {
        let s = serde_json::to_string_pretty(&rep).map_err(|e| Failure {
            message: format!("输出 JSON 失败：{e}"),
            status: 1,
            code: "internal",
        })?;
        outln!("{s}")?;
    } else {
        print_report(&rep)?;
    }
    if rep.errors.is_empty() {
        Ok(())
    } else {
        Err(Failure {
            message: format!("{} 处错误，相关行未导入（见上方列表）", rep.errors.len()),
            status: 3,
            code: "rows_refused",
        })
    }
}

fn print_report(r: &ImportReport) -> xianjie::Result<()> {
    outln!(
        "文件：{}　工作表：{}（表头在第 {} 行）",
        r.file,
        r.sheet,
        r.header_row
    )?;
    super::output::import_counts(
        r.rows as u64,
        [r.inserted as u64, r.updated as u64, r.unchanged as u64],
        r.dry_run,
        r.committed,
    )?;
    let names = |v: &[String]| {
        let mut s = v.iter().take(10).cloned().collect::<Vec<_>>().join("、");
        if v.len() > 10 {
            s.push_str(" 等（完整列表见 --json）");
        }
        s
    };
    if !r.created_branches.is_empty() {
        let verb = if r.dry_run { "将新建" } else { "新建" };
        outln!(
            "{verb}团支部 {} 个：{}",
            r.created_branches.len(),
            names(&r.created_branches)
        )?;
    }
    if !r.missing_branches.is_empty() {
        outln!(
            "库中不存在的团支部 {} 个：{}（用 --create-branches-under 上级组织全称 可在导入时自动新建）",
            r.missing_branches.len(),
            names(&r.missing_branches)
        )?;
    }
    for (title, list) in [("错误", &r.errors), ("提醒", &r.warnings)] {
        if list.is_empty() {
            continue;
        }
        outln!("{title} {} 条：", list.len())?;
        for e in list {
            let who = if e.name.is_empty() {
                String::new()
            } else {
                format!("（{}）", e.name)
            };
            outln!(
                "  第 {} 行{who} {} “{}”：{}",
                e.row,
                e.column,
                e.value,
                e.message
            )?;
        }
    }
    Ok(())
}
