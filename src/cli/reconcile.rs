//! `xianjie reconcile FILE`: 智慧团建's transfer export against the transfers recorded here
//! (issue 16). The service (`xianjie::service::reconcile`) reads, matches and records; this
//! prints, and with `--accept` records every difference that can be.

use super::store::open_store;
use super::{Ctx, Failure};
use clap::Args as ClapArgs;
use std::path::PathBuf;
use xianjie::service::reconcile;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// 从智慧团建导出的转接列表（.xls/.xlsx）
    pub file: PathBuf,
    /// 届别（毕业年份），默认今年
    #[arg(long)]
    pub year: Option<i32>,
    /// 表头对应：表头=字段（字段为 姓名、身份证号、团员编号、转出组织、转入组织、状态），可多次；保存供下次使用
    #[arg(long = "map", value_name = "表头=字段")]
    pub maps: Vec<String>,
    /// 表头对应文件：每行一条 表头=字段（# 开头为注释），见 docs/reconcile.md；保存供下次使用
    #[arg(long)]
    pub map_file: Option<PathBuf>,
    /// 采纳全部可自动采纳的差异（每条记为一次转接操作，写入操作日志）
    #[arg(long)]
    pub accept: bool,
    /// 新生转入：文件是转入本单位的转接列表，与新生的转入记录核对（--year 为新生入学年份）
    #[arg(long)]
    pub incoming: bool,
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, a: Args) -> Result<(), Failure> {
    let mut s = open_store(ctx)?;
    let year = a.year.unwrap_or_else(|| s.this_year());
    let on = s.today();
    let mut given = match &a.map_file {
        Some(f) => {
            reconcile::parse_mapping(&xianjie::files::read_text(f)?, &f.display().to_string())?
        }
        None => Vec::new(),
    };
    given.extend(reconcile::parse_mapping(&a.maps.join("\n"), "--map")?);
    let maps = reconcile::mapping(&mut s, given)?;
    if a.accept {
        let pick = |d: &reconcile::Difference| d.accept.is_some();
        let a = if a.incoming {
            reconcile::incoming::accept_from(&mut s, year, on, &a.file, &maps, pick)?
        } else {
            reconcile::accept_from(&mut s, year, on, &a.file, &maps, pick)?
        };
        outln!("已采纳 {} 处差异（每处记为一次转接操作）", a.recorded)?;
        for r in &a.refused {
            outln!("未采纳：{r}")?;
        }
        return Ok(());
    }
    let rep = if a.incoming {
        reconcile::incoming::reconcile_file(&mut s, year, on, &a.file, &maps)?
    } else {
        reconcile::reconcile_file(&mut s, year, on, &a.file, &maps)?
    };
    if a.json {
        return Ok(super::output::json(&rep)?);
    }
    outln!(
        "{}：读取 {} 行，对上 {} 人；差异 {} 处，对应不唯一 {} 行，找不到 {} 行，无法读取 {} 行",
        rep.kind.label(),
        rep.rows,
        rep.matched,
        rep.differences.len(),
        rep.ambiguous.len(),
        rep.unmatched.len(),
        rep.issues.len()
    )?;
    for d in &rep.differences {
        let at = d.row.map(|r| format!("第 {r} 行 ")).unwrap_or_default();
        let accept = d.accept.as_deref().unwrap_or("需在智慧团建核实后手动处理");
        outln!(
            "{at}{}【{}】本机：{}；智慧团建：{}（采纳：{accept}）",
            d.name,
            d.kind.label(),
            d.here,
            d.there
        )?;
    }
    for u in &rep.ambiguous {
        outln!(
            "第 {} 行 {}：对应多人，未处理：{}",
            u.row,
            u.name,
            u.candidates.join("、")
        )?;
    }
    for u in &rep.unmatched {
        outln!("第 {} 行 {}：本机没有此人", u.row, u.name)?;
    }
    for i in &rep.issues {
        outln!("第 {} 行 {} {}：{}", i.row, i.column, i.name, i.message)?;
    }
    Ok(())
}
