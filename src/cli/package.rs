//! CLI subcommands of the school level (issue 16): `package export|import|list` (a college
//! sends its campaign, the school keeps it) and `school rates|find|duplicates` (the school
//! reads across its colleges). The service (`xianjie::service::package`) decides; this prints.

use super::store::open_store;
use super::{Ctx, Failure};
use clap::Subcommand;
use std::path::PathBuf;
use xianjie::service::package;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 学院数据包：学院导出本届数据交校团委，校团委导入、查看各学院的数据包
    #[command(subcommand)]
    Package(PackageCmd),
    /// 学校一级：汇总各学院数据包（衔接率、跨学院重复的身份证号）
    #[command(subcommand)]
    School(SchoolCmd),
}

#[derive(Debug, Subcommand)]
pub enum PackageCmd {
    /// 导出本学院的数据包（一个文件，含校验值；含身份证号，只交校团委）
    Export {
        /// 输出文件，例如 信息工程学院-2026.xjpkg
        #[arg(long)]
        out: PathBuf,
        /// 届别（毕业年份），默认今年
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// 校团委导入学院数据包（可一次多个）：先核对校验值，再核对学校、届别和导出时间
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 届别（毕业年份），默认今年
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// 已导入的各学院数据包
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum SchoolCmd {
    /// 全校衔接率：各学院的分子、分母及合计（分子分母分别相加）
    Rates {
        #[arg(long)]
        year: Option<i32>,
        /// 统计日期 YYYY-MM-DD，默认今天
        #[arg(long)]
        on: Option<String>,
        #[arg(long, conflicts_with = "xlsx")]
        json: bool,
        /// 另存为 Excel 文件（.xlsx），供上报
        #[arg(long)]
        xlsx: Option<PathBuf>,
    },
    /// 全校查询：在各学院数据包中按姓名、身份证号（或其后几位）、学号查找本届毕业生
    Find {
        /// 姓名（或其中几个字）、身份证号、身份证号后几位或学号
        query: String,
        #[arg(long)]
        year: Option<i32>,
        /// 统计日期 YYYY-MM-DD，默认今天
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 同一身份证号出现在两个以上学院（M2）
    Duplicates {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, cmd: Command) -> Result<(), Failure> {
    let mut s = open_store(ctx)?;
    let this_year = s.this_year();
    match cmd {
        Command::Package(PackageCmd::Export { out, year, json }) => {
            let e = package::export(&mut s, year.unwrap_or(this_year), &out)?;
            if json {
                return Ok(super::output::json(&e)?);
            }
            outln!(
                "已导出 {}（{}届，{} 名团员，其中毕业生 {} 人）→ {}",
                e.manifest.college,
                e.manifest.year,
                e.manifest.members,
                e.manifest.graduates,
                e.path
            )?;
            outln!("内容：{}", e.manifest.contents)?;
            outln!("SHA-256：{}", e.sha256)?;
            Ok(())
        }
        Command::Package(PackageCmd::Import { files, year, json }) => {
            let year = year.unwrap_or(this_year);
            let mut done = Vec::new();
            for f in &files {
                let i = package::import(&mut s, f, year)?;
                if !json {
                    let what = match (i.unchanged, i.replaced) {
                        (true, _) => "与已导入的相同，未改变",
                        (false, true) => "已替换该学院原有数据",
                        (false, false) => "已导入",
                    };
                    outln!(
                        "{}：{}（{} 名团员，导出于 {}）",
                        i.package.college,
                        what,
                        i.package.members,
                        xianjie::time::list_time(&i.package.exported_at)
                    )?;
                }
                done.push(i);
            }
            if json {
                return Ok(super::output::json(&done)?);
            }
            Ok(())
        }
        Command::Package(PackageCmd::List { json }) => {
            let list = package::list(&s)?;
            if json {
                return Ok(super::output::json(&list)?);
            }
            for p in &list {
                outln!(
                    "{}\t{}届\t团员 {} 人，毕业生 {} 人\t导出于 {}\t导入于 {}\t{}",
                    p.college,
                    p.year,
                    p.members,
                    p.graduates,
                    xianjie::time::list_time(&p.exported_at),
                    xianjie::time::list_time(&p.imported_at),
                    p.file
                )?;
            }
            outln!("共 {} 个学院的数据包", list.len())?;
            Ok(())
        }
        Command::School(SchoolCmd::Find {
            query,
            year,
            on,
            json,
        }) => {
            let on = super::documents::date_or_today(on.as_deref(), "--on", s.today())?;
            let found = package::find(&s, year.unwrap_or(this_year), on, &query)?;
            if json {
                return Ok(super::output::json(&found)?);
            }
            for f in &found {
                outln!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    f.name,
                    f.id_number,
                    f.college,
                    f.branch,
                    if f.destination.is_empty() {
                        "未登记去向"
                    } else {
                        f.destination.as_str()
                    },
                    f.state
                )?;
            }
            let more = if found.len() >= package::FOUND_MAX {
                "（只列前这些，请给出更完整的姓名或身份证号）"
            } else {
                ""
            };
            outln!("找到 {} 人{more}", found.len())?;
            Ok(())
        }
        Command::School(SchoolCmd::Rates {
            year,
            on,
            json,
            xlsx,
        }) => {
            let on = super::documents::date_or_today(on.as_deref(), "--on", s.today())?;
            if let Some(path) = xlsx {
                let n = xianjie::service::lists::college_rates_xlsx(
                    &s,
                    year.unwrap_or(this_year),
                    on,
                    &path,
                )?;
                outln!("已生成 {}（{n} 个学院及全校）", path.display())?;
                return Ok(());
            }
            let r = package::rates(&s, year.unwrap_or(this_year), on)?;
            if json {
                return Ok(super::output::json(&r)?);
            }
            outln!("学院\t升学衔接率\t学社衔接率")?;
            for c in &r.colleges {
                outln!("{}\t{}\t{}", c.college, c.sx.display, c.xs.display)?;
            }
            outln!("全校\t{}\t{}", r.sx.display, r.xs.display)?;
            Ok(())
        }
        Command::School(SchoolCmd::Duplicates { year, json }) => {
            let d = package::duplicates(&s, year.unwrap_or(this_year))?;
            if json {
                return Ok(super::output::json(&d)?);
            }
            for x in &d {
                let places: Vec<String> = x
                    .places
                    .iter()
                    .map(|p| format!("{}（{} {}）", p.name, p.college, p.branch))
                    .collect();
                outln!("{}：{}", x.id_number, places.join("；"))?;
            }
            outln!("共 {} 个身份证号出现在两个以上学院", d.len())?;
            Ok(())
        }
    }
}
