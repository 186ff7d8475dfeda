//! CLI subcommands of the school level (issues 16 and 25): `package export|import|list` (a
//! college sends its campaign encrypted to its school and signed, the school keeps it),
//! `school key create|show|list|accept` (the school's key pair and its register of the
//! colleges' signing keys) and `school rates|find|duplicates` (the school reads across its
//! colleges). The service (`xianjie::service::{package, keys}`) decides; this prints.

use super::store::open_store;
use super::{Ctx, Failure};
use clap::Subcommand;
use std::path::PathBuf;
use xianjie::service::keys::{self, AcceptCollegeKey, CreateSchoolKey, SchoolKeyQr};
use xianjie::service::package::{self, ExportParams, ImportParams};

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
    /// 导出本学院的数据包（加密给学校、由本学院签名；含身份证号，只交校团委）
    Export {
        /// 输出文件，例如 信息工程学院-2026.xjpkg
        #[arg(long)]
        out: PathBuf,
        /// 届别（毕业年份），默认今年
        #[arg(long)]
        year: Option<i32>,
        /// 学校公钥（以 age1 开头，由校团委提供）；不给时用上次导出时的
        #[arg(long, conflicts_with = "to_file")]
        to: Option<String>,
        /// 存有学校公钥的文本文件
        #[arg(long)]
        to_file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// 校团委导入学院数据包（可一次多个）：先核对签名、收件学校和学院密钥（不解密），再解密核对校验值、学校、届别和导出时间
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
    /// 本校密钥：创建、查看公钥与指纹、学院签名密钥的登记与接受
    #[command(subcommand)]
    Key(KeyCmd),
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

#[derive(Debug, Subcommand)]
pub enum KeyCmd {
    /// 创建本校密钥（只需一次）：最后一行输出公钥，发给各学院
    Create {
        /// 更换已有的密钥（记入操作日志；更换后各学院必须用新公钥重新导出）
        #[arg(long)]
        replace: bool,
    },
    /// 本校公钥及其指纹（电话核对用）
    Show {
        /// 另存公钥二维码（.png 或 .svg）
        #[arg(long)]
        qr: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// 已登记的各学院签名密钥
    List {
        #[arg(long)]
        json: bool,
    },
    /// 电话核对指纹后，接受某学院的新签名密钥（记入操作日志）
    Accept {
        /// 学院团委全称（与数据包中的一致）
        #[arg(long)]
        college: String,
        /// 新密钥的指纹，如 3F2A9-1C0B4-7KQ2M-X8D5N
        #[arg(long)]
        fingerprint: String,
    },
}

/// The school's public key text given on the command line or in a file (`--to-file`).
fn recipient(to: Option<String>, to_file: Option<PathBuf>) -> Result<Option<String>, Failure> {
    match (to, to_file) {
        (Some(t), _) => Ok(Some(t)),
        (None, Some(f)) => std::fs::read_to_string(&f).map(Some).map_err(|e| {
            Failure::from(xianjie::Error::invalid(format!(
                "无法读取学校公钥文件 {}：{}",
                f.display(),
                xianjie::error::io_reason(&e)
            )))
        }),
        (None, None) => Ok(None),
    }
}

fn key(s: &mut xianjie::service::Context, cmd: KeyCmd) -> Result<(), Failure> {
    match cmd {
        KeyCmd::Create { replace } => {
            let made = keys::create_school_key(s, &CreateSchoolKey { replace })?;
            if made.replaced.is_some() {
                eprintln!("警告：学校密钥已更换。各学院必须改用新公钥重新导出数据包，按旧公钥加密的新数据包需用另存的旧私钥才能打开");
            }
            outln!("{}", made.message)?;
            outln!(
                "公钥指纹：{}",
                made.key.fingerprint.as_deref().unwrap_or_default()
            )?;
            outln!("公钥（发给各学院）：")?;
            // The last line is the public key alone, for scripts (`| tail -n 1`).
            outln!("{}", made.key.recipient.as_deref().unwrap_or_default())?;
            Ok(())
        }
        KeyCmd::Show { qr, json } => {
            let k = keys::school_key(s)?;
            if let Some(path) = qr {
                let out = keys::school_key_qr(
                    s,
                    &SchoolKeyQr {
                        out: path.display().to_string(),
                    },
                )?;
                outln!("已生成公钥二维码：{out}")?;
            }
            if json {
                let mut v = serde_json::to_value(&k).unwrap_or_default();
                if let Some(o) = v.as_object_mut() {
                    o.remove("qr_svg");
                }
                return Ok(super::output::json(&v)?);
            }
            if let Some(lost) = &k.lost {
                eprintln!("警告：本校曾创建的密钥（指纹 {lost}）不在本机：请从口令保护的备份恢复（xianjie backup import）");
            }
            match (&k.recipient, &k.fingerprint) {
                (Some(r), Some(f)) => {
                    outln!("公钥指纹：{f}")?;
                    outln!("公钥：{r}")?;
                }
                _ => outln!("本机还没有学校密钥：用 xianjie school key create 创建")?,
            }
            Ok(())
        }
        KeyCmd::List { json } => {
            let list = keys::college_keys(s)?;
            if json {
                return Ok(super::output::json(&list)?);
            }
            for k in &list {
                outln!(
                    "{}	{}	{}	{}{}",
                    k.college,
                    k.fingerprint,
                    k.status,
                    k.first_seen,
                    if k.accepted_by.is_empty() {
                        String::new()
                    } else {
                        format!("	接受人：{}", k.accepted_by)
                    }
                )?;
            }
            outln!("共 {} 个学院的签名密钥", list.len())?;
            Ok(())
        }
        KeyCmd::Accept {
            college,
            fingerprint,
        } => {
            let k = keys::accept_college_key(
                s,
                &AcceptCollegeKey {
                    college,
                    fingerprint,
                },
            )?;
            outln!(
                "已接受“{}”的签名密钥，指纹 {}（{}）；该学院用此密钥签名的数据包现在可以导入",
                k.college,
                k.fingerprint,
                k.status
            )?;
            Ok(())
        }
    }
}

pub fn run(ctx: &Ctx, cmd: Command) -> Result<(), Failure> {
    let mut s = open_store(ctx)?;
    let this_year = s.this_year();
    match cmd {
        Command::Package(PackageCmd::Export {
            out,
            year,
            to,
            to_file,
            json,
        }) => {
            let params = ExportParams {
                year: year.unwrap_or(this_year),
                out: out.display().to_string(),
                to: recipient(to, to_file)?,
            };
            let e = package::export(&mut s, &params)?;
            for w in &e.warnings {
                eprintln!("警告：{w}");
            }
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
            outln!(
                "加密给：公钥指纹为 {} 的学校（已记住，下次可不写 --to）",
                e.recipient_fingerprint
            )?;
            outln!(
                "本学院签名密钥指纹：{}{}",
                e.signer_fingerprint,
                if e.key_created {
                    "（首次导出时新建；请打电话把指纹告诉校团委核对）"
                } else {
                    ""
                }
            )?;
            outln!("SHA-256：{}", e.sha256)?;
            Ok(())
        }
        Command::Package(PackageCmd::Import { files, year, json }) => {
            let year = year.unwrap_or(this_year);
            let mut done = Vec::new();
            for f in &files {
                let params = ImportParams {
                    file: f.display().to_string(),
                    year,
                };
                let i = package::import(&mut s, &params)?;
                if !json {
                    outln!(
                        "{}（{} 名团员，导出于 {}）",
                        xianjie::service::school::imported_message(&i),
                        i.package.members,
                        xianjie::time::list_time(&i.package.exported_at)
                    )?;
                    for w in &i.warnings {
                        eprintln!("警告：{}：{w}", i.package.file);
                    }
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
        Command::School(SchoolCmd::Key(k)) => key(&mut s, k),
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
