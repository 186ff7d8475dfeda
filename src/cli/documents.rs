//! CLI subcommands of the documents area: `table f1…f6`, `letter issuer|issue|batch|print|
//! void|receipt|list`, `notice l2|l3`, `record f4|f5`. Bodies resolve what the secretary typed,
//! call `xianjie::documents` and write files.

mod letter;

use super::store::open_store;
use super::{Ctx, Failure};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use xianjie::date::parse_date_lenient;
use xianjie::files;
use xianjie::member::Member;
use xianjie::org::Org;
use xianjie::service::documents::MergeRequest;
use xianjie::service::tables::export;
use xianjie::service::tables::rows::Filter;
use xianjie::service::tables::{Notice, Overrides};
use xianjie::service::{self, Context};
use xianjie::store::ledgers::{DevnoConflict, SpecialCase};
use xianjie::{Error, Result};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 生成汇总表 F1–F6（.xlsx，与模板格式一致）
    Table(TableArgs),
    /// 团组织关系介绍信（L1）：开具单位信息、开具、批量、重印、作废、回执、登记簿
    #[command(subcommand)]
    Letter(LetterCmd),
    /// 流动团员管理服务告知书（L2）、关于保留团组织关系的申请（L3）
    #[command(subcommand)]
    Notice(NoticeCmd),
    /// 登记 F4（转出特殊情况）或 F5（发展编号被占用）记录，从 JSON 文件读入
    Record {
        form: RecordForm,
        /// JSON 数组文件
        #[arg(long)]
        json: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Form {
    F1,
    F2,
    F3,
    F4,
    F5,
    F6,
    /// 合并各学院交来的同一模板的 .xlsx：`table merge fN 文件… --out 合并.xlsx`
    Merge,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RecordForm {
    F4,
    F5,
}

#[derive(Debug, Args)]
pub struct TableArgs {
    pub form: Form,
    /// 仅用于 merge：先写表名（f1–f6），再写要合并的文件
    pub merge: Vec<PathBuf>,
    /// 学校一级：汇总已导入的全部学院数据包（一张表，格式同模板）
    #[arg(long)]
    pub all_colleges: bool,
    /// 输出文件（.xlsx）
    #[arg(long)]
    pub out: PathBuf,
    /// 只含此学院
    #[arg(long)]
    pub college: Option<String>,
    /// 只含全称包含此文字的团支部
    #[arg(long)]
    pub branch: Option<String>,
    /// 届别/年度（默认今年）
    #[arg(long)]
    pub year: Option<i32>,
    /// 学校名称（F1 标题前缀，如 南开大学）
    #[arg(long, default_value = "")]
    pub school: String,
    /// F1：学社衔接工作负责人姓名
    #[arg(long, default_value = "")]
    pub contact_name: String,
    /// F1：学社衔接工作负责人联系方式
    #[arg(long, default_value = "")]
    pub contact_phone: String,
    /// 按哪一天给出建议（默认今天）
    #[arg(long)]
    pub on: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum LetterCmd {
    /// 设置开具单位（团委）打印在介绍信上的信息
    Issuer {
        /// 开具单位（编号或全称）
        #[arg(long)]
        org: String,
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long, default_value = "")]
        address: String,
        #[arg(long, default_value = "")]
        postcode: String,
        #[arg(long, default_value = "")]
        handler: String,
        #[arg(long, default_value = "")]
        handler_mobile: String,
        /// 编号位数（3–5）
        #[arg(long, default_value_t = 3)]
        digits: usize,
    },
    /// 开具一封介绍信并登记，写出 PDF
    Issue {
        /// 团员（身份证号或编号）
        #[arg(long)]
        member: String,
        /// 开具单位（编号或全称）
        #[arg(long)]
        issuer: String,
        /// 转入团委全称
        #[arg(long)]
        to: String,
        /// 转接原因：升学、转学、毕业、单位变更、居住地变更或其他具体原因
        #[arg(long)]
        reason: String,
        /// 团员档案：keep / with_file / post / self_carry / other（或中文）
        #[arg(long, default_value = "with_file")]
        archive: String,
        /// 团员档案“其他”的具体去向
        #[arg(long)]
        archive_other: Option<String>,
        /// 开具日期（默认今天）
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        handler: Option<String>,
        #[arg(long)]
        handler_mobile: Option<String>,
        /// 输出 PDF
        #[arg(long)]
        out: PathBuf,
        /// 该团员已有未作废的介绍信时，确认仍再开具一封
        #[arg(long)]
        again: bool,
    },
    /// 批量开具：CSV（团员,转入团委全称,转接原因[,团员档案]），全部成功才登记
    Batch {
        #[arg(long)]
        csv: PathBuf,
        /// 有介绍信不能开具时，把全部名单与原因写入此 CSV 文件
        #[arg(long)]
        problems: Option<PathBuf>,
        #[arg(long)]
        issuer: String,
        #[arg(long)]
        date: Option<String>,
        /// 名单中有团员已有未作废的介绍信时，确认仍再开具
        #[arg(long)]
        again: bool,
        #[command(flatten)]
        output: Output,
    },
    /// 重印登记簿中的介绍信（原样）
    Print {
        #[arg(long)]
        issuer: String,
        #[arg(long)]
        year: i32,
        /// 只印此编号（如 2026年001号）
        #[arg(long)]
        number: Option<String>,
        #[command(flatten)]
        output: Output,
    },
    /// 作废介绍信（编号不再使用）
    Void {
        #[arg(long)]
        issuer: String,
        #[arg(long)]
        number: String,
        #[arg(long)]
        reason: String,
    },
    /// 登记回执返回日期
    Receipt {
        #[arg(long)]
        issuer: String,
        #[arg(long)]
        number: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// 介绍信登记簿
    List {
        #[arg(long)]
        issuer: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        /// 只列回执逾期的
        #[arg(long)]
        overdue: bool,
        /// 包括已作废的
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
}

/// One PDF, or one file per letter in a folder.
#[derive(Debug, Args)]
pub struct Output {
    /// 合并为一个 PDF（每页一封）
    #[arg(long, conflicts_with = "dir")]
    pub out: Option<PathBuf>,
    /// 每封一个文件：<编号>_<姓名>.pdf
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum NoticeCmd {
    /// 流动团员管理服务告知书（每人一页）
    L2 {
        /// 团员（身份证号或编号），可多次给出
        #[arg(long, required = true)]
        member: Vec<String>,
        #[arg(long, default_value = "")]
        contact_name: String,
        #[arg(long, default_value = "")]
        contact_phone: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// 关于保留团组织关系的申请（出国（境）学习研究，R5）
    L3 {
        #[arg(long, required = true)]
        member: Vec<String>,
        /// 届别
        #[arg(long)]
        year: i32,
        /// 学校名称
        #[arg(long, default_value = "")]
        school: String,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn run(ctx: &Ctx, cmd: Command) -> Result<(), Failure> {
    let mut c = open_store(ctx)?;
    match cmd {
        Command::Table(a) => table(&c, &a),
        Command::Letter(cmd) => letter::run(&mut c, cmd),
        Command::Notice(cmd) => notice(&c, cmd),
        Command::Record { form, json } => record(&mut c, form, &json),
    }
    .map_err(Failure::from)
}

pub(crate) fn date_or_today(s: Option<&str>, flag: &str, today: NaiveDate) -> Result<NaiveDate> {
    match s {
        Some(s) => parse_date_lenient(s).map_err(|e| Error::invalid(format!("{flag}：{e}"))),
        None => Ok(today),
    }
}

pub(super) fn org(c: &Context, r: &str) -> Result<Org> {
    service::orgs::resolve_org(c, r)
}

pub(super) fn member(c: &Context, r: &str) -> Result<Member> {
    service::orgs::resolve_member(c, r)
}

fn table(c: &Context, a: &TableArgs) -> Result<()> {
    let on = date_or_today(a.on.as_deref(), "--on", c.today())?;
    let f = Filter {
        college: a.college.clone(),
        branch: a.branch.clone(),
        year: a.year,
    };
    let form = match a.form {
        Form::F1 => export::Form::F1,
        Form::F2 => export::Form::F2,
        Form::F3 => export::Form::F3,
        Form::F4 => export::Form::F4,
        Form::F5 => export::Form::F5,
        Form::F6 => export::Form::F6,
        Form::Merge => return merge(c, a),
    };
    if !a.merge.is_empty() {
        return Err(Error::invalid(format!(
            "多余的参数：{}（合并文件请用 table merge fN 文件…）",
            a.merge[0].display()
        )));
    }
    // F1's school and 负责人: the office's records unless given here.
    let given = Overrides {
        school: Some(a.school.clone()),
        contact_name: Some(a.contact_name.clone()),
        contact_phone: Some(a.contact_phone.clone()),
    };
    let none = &xianjie::Watch::NONE;
    let t = if a.all_colleges {
        service::tables::table_all_colleges_report(c, form, &f, Some(on), &given, none)?
    } else {
        service::tables::table_report(c, form, &f, Some(on), &given, none)?
    };
    files::write_output(&a.out, &t.bytes)?;
    outln!("已生成 {}（{} 行）", a.out.display(), t.rows)?;
    for n in &t.notes {
        outln!("注意：{n}")?;
    }
    Ok(())
}

/// `table merge fN FILE… --out OUT`: the colleges' files of one template in one table.
fn merge(c: &Context, a: &TableArgs) -> Result<()> {
    let usage =
        || Error::invalid("用法：xianjie table merge f1 学院甲.xlsx 学院乙.xlsx … --out 合并.xlsx");
    let (first, files) = a.merge.split_first().ok_or_else(usage)?;
    let req = MergeRequest {
        form: first.to_string_lossy().to_string(),
        files: files.iter().map(|f| f.display().to_string()).collect(),
        school: a.school.clone(),
        out: a.out.display().to_string(),
    };
    let m = service::documents::merge(c, &req)?;
    for f in &m.files {
        outln!("{f}")?;
    }
    for d in &m.duplicates {
        outln!("重复 {d}")?;
    }
    outln!(
        "已合并 {} 个文件共 {} 行 → {}",
        m.files.len(),
        m.rows,
        a.out.display()
    )?;
    Ok(())
}

pub(super) fn write_pdf(path: &Path, bytes: &[u8]) -> Result<()> {
    files::write_output(path, bytes)?;
    outln!("已生成 {}", path.display())?;
    Ok(())
}

fn notice(c: &Context, cmd: NoticeCmd) -> Result<()> {
    let ids = |ms: &[String]| {
        ms.iter()
            .map(|m| member(c, m).map(|m| m.id))
            .collect::<Result<Vec<_>>>()
    };
    match cmd {
        NoticeCmd::L2 {
            member: ms,
            contact_name,
            contact_phone,
            out,
        } => {
            let given = Overrides {
                contact_name: Some(contact_name),
                contact_phone: Some(contact_phone),
                ..Overrides::default()
            };
            let year = chrono::Datelike::year(&c.today());
            let bytes = service::tables::notices(c, Notice::L2, &ids(&ms)?, year, &given)?;
            write_pdf(&out, &bytes)
        }
        NoticeCmd::L3 {
            member: ms,
            year,
            school,
            out,
        } => {
            let given = Overrides {
                school: Some(school),
                ..Overrides::default()
            };
            let bytes = service::tables::notices(c, Notice::L3, &ids(&ms)?, year, &given)?;
            write_pdf(&out, &bytes)
        }
    }
}

fn record(c: &mut Context, form: RecordForm, path: &Path) -> Result<()> {
    let text = files::read_text(path)?;
    let bad = |e: serde_json::Error| {
        Error::invalid(format!(
            "{} 第 {} 行第 {} 列：JSON 格式错误：{e}",
            path.display(),
            e.line(),
            e.column()
        ))
    };
    let n = match form {
        RecordForm::F4 => {
            let items: Vec<SpecialCase> = serde_json::from_str(&text).map_err(bad)?;
            service::ledgers::record_special_cases(c, &items)?
        }
        RecordForm::F5 => {
            let items: Vec<DevnoConflict> = serde_json::from_str(&text).map_err(bad)?;
            service::ledgers::record_devno_conflicts(c, &items)?
        }
    };
    outln!("已登记 {n} 条记录")?;
    Ok(())
}
