//! `xianjie freshmen …`: the September half (rules.md §9, docs/freshmen.md) — the freshmen list
//! imported, the advice for every new student, their transfers in, the letters they brought
//! and the 回执, and the numbers. Bodies parse, call `xianjie::service::freshmen` and print.

use super::output;
use super::{Ctx, Failure};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::path::PathBuf;
use xianjie::service::freshmen::letters::{self, LetterRecord, ReceiptRequest};
use xianjie::service::freshmen::transfers::{
    self as intake, FreshmenStartRequest, FreshmenStepRequest,
};
use xianjie::service::freshmen::{self, FreshmenImport, FreshmenImportRequest};
use xianjie::service::transfers::step::StepInput;
use xianjie::service::{self, Context};
use xianjie::{Error, Result};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 新生转入（9月）：导入新生名单、逐人建议、转入、介绍信与回执、转入一侧衔接率
    #[command(subcommand)]
    Freshmen(Cmd),
}

#[derive(Debug, Args)]
pub struct Year {
    /// 年度（新生入学的年份），例如 2026
    #[arg(long)]
    year: i32,
}

#[derive(Debug, Args)]
pub struct Step {
    #[command(flatten)]
    year: Year,
    /// 新生：名单中的编号、身份证号或（年度内唯一的）姓名；多名用逗号分隔（全部成功或全部不执行）
    #[arg(long, value_delimiter = ',', required = true)]
    student: Vec<String>,
    /// 操作日期（默认今天）
    #[arg(long)]
    on: Option<String>,
    /// 办理人或审批组织（默认为操作人）
    #[arg(long)]
    actor: Option<String>,
    #[arg(long)]
    note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum LetterCmd {
    /// 登记新生带来的纸质团组织关系介绍信（编号、开具团委、开具日期）
    Record {
        #[command(flatten)]
        year: Year,
        /// 新生：编号、身份证号或姓名
        #[arg(long)]
        student: String,
        /// 介绍信编号（如 2026年015号）
        #[arg(long)]
        number: String,
        /// 开具介绍信的团委全称（回执寄回此处）
        #[arg(long)]
        issuer: String,
        /// 介绍信开具日期
        #[arg(long)]
        issued: String,
        /// 收到介绍信的日期（默认今天）；回执须在此后一个月内寄回
        #[arg(long)]
        received: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// 打印回执（PDF，第三联：转入经办人、联系电话取自本单位信息），或登记回执已寄出
    Receipt {
        #[command(flatten)]
        year: Year,
        /// 介绍信登记编号，多条用逗号分隔（见 freshmen letter list）
        #[arg(long, value_delimiter = ',', required_unless_present = "student")]
        letter: Vec<i64>,
        /// 或：新生（编号、身份证号或姓名）：其登记的介绍信
        #[arg(long, conflicts_with = "letter")]
        student: Option<String>,
        /// 回执 PDF 保存位置
        #[arg(long)]
        out: Option<PathBuf>,
        /// 回执上的日期（默认今天）
        #[arg(long)]
        date: Option<String>,
        /// 回执寄出（或扫描、拍照、传真反馈）的日期
        #[arg(long)]
        sent: Option<String>,
    },
    /// 介绍信与回执台账：哪些回执待寄、已逾期、已寄出
    List {
        #[command(flatten)]
        year: Year,
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// 导入新生名单（.xlsx/.xls）：逐行校验，有任何错误整份不导入；可同时按本单位的命名方式新建班级团支部
    Import {
        /// 新生名单文件
        file: PathBuf,
        #[command(flatten)]
        year: Year,
        /// 缺少的班级团支部新建在此团委（全称）之下，全称按该团委下已有团支部的命名方式生成
        #[arg(long, value_name = "上级组织全称")]
        create_branches_under: Option<String>,
        /// 试运行：只报告（含将新建的团支部全称），不写入
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// 新生及逐人建议（办理方式、是否阻断、原因、规则、期限、转入状态）
    List {
        #[command(flatten)]
        year: Year,
        /// 按哪一天给出建议（默认今天）
        #[arg(long)]
        on: Option<String>,
        /// 每名新生一个 JSON 对象（与 recommend 的新生案例同名的键）
        #[arg(long, conflicts_with = "xlsx")]
        json: bool,
        /// 另存为 Excel 文件
        #[arg(long)]
        xlsx: Option<PathBuf>,
    },
    /// 一名新生的建议全文与转入时间线
    Show {
        #[command(flatten)]
        year: Year,
        #[arg(long)]
        student: String,
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 为已导入的新生新建尚不存在的班级团支部（全称按该团委下已有团支部的命名方式）
    Branches {
        #[command(flatten)]
        year: Year,
        /// 上级团委全称
        #[arg(long)]
        under: String,
        #[arg(long)]
        dry_run: bool,
    },
    /// 登记发起转入（转入原因：升学，直接转入班级团支部）：--class 一个班的全部可转入新生，或 --student 指定新生
    Start {
        #[command(flatten)]
        year: Year,
        /// 班级团支部全称（或名单中的班级）
        #[arg(long, conflicts_with = "student", required_unless_present = "student")]
        class: Option<String>,
        /// 新生：编号、身份证号或姓名，逗号分隔（全部成功或全部不执行）
        #[arg(long, value_delimiter = ',')]
        student: Vec<String>,
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        actor: Option<String>,
        #[arg(long)]
        note: Option<String>,
        /// 只登记计划，尚未在智慧团建发起
        #[arg(long)]
        planned: bool,
        #[arg(long)]
        json: bool,
    },
    /// 转出方节点审批同意（默认当前待审批节点）
    Approve {
        #[command(flatten)]
        step: Step,
        /// outgoing_branch / outgoing_upper
        #[arg(long)]
        node: Option<String>,
    },
    /// 退回（不同意）
    Return {
        #[command(flatten)]
        step: Step,
        #[arg(long)]
        reason: String,
    },
    /// 撤销（京粤闽不可撤销）
    Revoke {
        #[command(flatten)]
        step: Step,
    },
    /// 智慧团建显示已完成
    Done {
        #[command(flatten)]
        step: Step,
    },
    /// 新生转入：状态、下一个期限（W4）、是否超期
    Transfers {
        #[command(flatten)]
        year: Year,
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 9月工作台：入学一个月内全部发起、10月15日前基本完成、转入一侧衔接率、待寄回执
    Dashboard {
        #[command(flatten)]
        year: Year,
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 转入一侧衔接率（N10）：分子、分母与名单
    Rates {
        #[command(flatten)]
        year: Year,
        /// 统计单位：全校（默认），或学院/团支部的编号或全称
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        on: Option<String>,
        #[arg(long, conflicts_with = "xlsx")]
        json: bool,
        /// 名单另存为 Excel 文件
        #[arg(long)]
        xlsx: Option<PathBuf>,
    },
    /// 新生带来的纸质介绍信与回执（N11）
    #[command(subcommand)]
    Letter(LetterCmd),
}

fn day(s: &Option<String>, today: NaiveDate) -> Result<NaiveDate> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(today),
        Some(s) => {
            xianjie::date::parse_date_lenient(s).map_err(|e| Error::invalid(format!("--on：{e}")))
        }
    }
}

fn students(c: &Context, year: i32, named: &[String]) -> Result<Vec<i64>> {
    named
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| freshmen::resolve(c, year, s).map(|f| f.id))
        .collect()
}

pub fn run(ctx: &Ctx, cmd: Command) -> Result<(), Failure> {
    let Command::Freshmen(cmd) = cmd;
    let mut c = ctx.open()?;
    let today = c.today();
    match cmd {
        Cmd::Import {
            file,
            year,
            create_branches_under,
            dry_run,
            json,
        } => {
            let rep = freshmen::import(
                &mut c,
                &FreshmenImportRequest {
                    file: file.display().to_string(),
                    year: year.year,
                    create_branches_under,
                    dry_run,
                },
                &xianjie::Watch::NONE,
            )?;
            if json {
                output::json(&rep)?;
            } else {
                print_import(&rep)?;
            }
            if rep.errors.is_empty() {
                Ok(())
            } else {
                Err(Failure {
                    message: format!(
                        "新生名单“{}”有 {} 处错误，整份未导入（见上方列表）",
                        rep.file,
                        rep.errors.len()
                    ),
                    status: 2,
                    code: "rows_refused",
                })
            }
        }
        Cmd::List {
            year,
            on,
            json,
            xlsx,
        } => {
            let on = day(&on, today)?;
            if let Some(path) = xlsx {
                let n = service::lists::freshmen_xlsx(&c, year.year, on, &path)?;
                outln!("已生成 {}（{n} 名新生）", path.display())?;
                return Ok(());
            }
            let list = freshmen::list(&c, year.year, on)?;
            if json {
                for s in &list.students {
                    let line = serde_json::to_string(s)
                        .map_err(|e| Error::internal(format!("输出 JSON 失败：{e}")))?;
                    outln!("{line}")?;
                }
                return Ok(());
            }
            for s in &list.students {
                outln!(
                    "{}\t{}\t{}\t{}{}\t{}",
                    s.id,
                    s.name,
                    s.branch.as_deref().unwrap_or("（无班级）"),
                    s.advice.action_label,
                    if s.advice.blocked { "【阻断】" } else { "" },
                    s.advice.rules.join("、")
                )?;
            }
            outln!("共 {} 名新生", list.students.len())?;
            Ok(())
        }
        Cmd::Show {
            year,
            student,
            on,
            json,
        } => {
            let on = day(&on, today)?;
            let f = freshmen::resolve(&c, year.year, &student)?;
            let (view, timeline) = intake::show(&c, &f, on)?;
            if json {
                output::json(&serde_json::json!({ "student": view, "timeline": timeline }))?;
                return Ok(());
            }
            let a = &view.advice;
            outln!(
                "{}（{}，{}）",
                view.name,
                view.id_number,
                view.branch.as_deref().unwrap_or("未分班")
            )?;
            outln!(
                "办理：{}{}",
                a.action_label,
                if a.blocked { "（阻断）" } else { "" }
            )?;
            outln!("说明：{}", a.reason)?;
            for (title, list) in [
                ("步骤", &a.steps),
                ("阻断", &a.blocks),
                ("提醒", &a.warnings),
                ("提示", &a.tips),
            ] {
                for n in list.iter() {
                    outln!("{title}［{}］{}", n.rule, n.text)?;
                }
            }
            for line in &timeline {
                outln!("转入：{line}")?;
            }
            Ok(())
        }
        Cmd::Branches {
            year,
            under,
            dry_run,
        } => {
            let names = freshmen::create_branches(&mut c, year.year, &under, dry_run)?;
            let verb = if dry_run { "将新建" } else { "已新建" };
            outln!("{verb}团支部 {} 个", names.len())?;
            for n in &names {
                outln!("  {n}")?;
            }
            Ok(())
        }
        Cmd::Start {
            year,
            class,
            student,
            on,
            actor,
            note,
            planned,
            json,
        } => {
            let students = students(&c, year.year, &student)?;
            let o = intake::start(
                &mut c,
                &FreshmenStartRequest {
                    year: year.year,
                    students,
                    class,
                    on,
                    actor,
                    note,
                    planned,
                },
            )?;
            if json {
                output::json(&o)?;
            } else {
                outln!("已登记发起转入 {} 人", o.started)?;
                for s in &o.skipped {
                    outln!("  未发起：{}（{}）：{}", s.name, s.id, s.why)?;
                }
            }
            refused(&o.errors)
        }
        Cmd::Approve { step, node } => apply(&mut c, step, StepInput::Approve { node }),
        Cmd::Return { step, reason } => apply(&mut c, step, StepInput::Return { reason }),
        Cmd::Revoke { step } => apply(&mut c, step, StepInput::Revoke),
        Cmd::Done { step } => apply(&mut c, step, StepInput::Done),
        Cmd::Transfers { year, on, json } => {
            let on = day(&on, today)?;
            let list = intake::list(&c, year.year, on)?;
            if json {
                output::json(&list)?;
                return Ok(());
            }
            for r in &list.rows {
                let deadline = match (&r.deadline, &r.deadline_label) {
                    (Some(d), Some(l)) => format!("{l} {d}"),
                    _ => String::new(),
                };
                outln!(
                    "{}\t{}\t{}\t{}\t{}",
                    r.member_id,
                    r.name,
                    r.branch,
                    r.state.label,
                    deadline
                )?;
            }
            outln!("共 {} 人", list.rows.len())?;
            Ok(())
        }
        Cmd::Dashboard { year, on, json } => {
            let on = day(&on, today)?;
            let d = freshmen::dashboard::dashboard(&c, year.year, on)?;
            if json {
                output::json(&d)?;
                return Ok(());
            }
            outln!(
                "{} 年新生 {} 人：团员 {}，非团员 {}（不计入任何团员统计）",
                d.year,
                d.total,
                d.members,
                d.non_members
            )?;
            for a in d.actions.iter().filter(|a| a.count > 0) {
                outln!("  {}：{} 人（阻断 {}）", a.action.label, a.count, a.blocked)?;
            }
            for (what, t) in [
                ("入学一个月内全部发起转入", &d.started),
                ("10月15日前基本完成", &d.done),
            ] {
                outln!(
                    "{what}（{}）：{}/{}，未达 {} 人（已逾期 {}）",
                    t.by.as_deref().unwrap_or("入学日期未设置"),
                    t.met,
                    t.total,
                    t.missing.len(),
                    t.overdue
                )?;
            }
            outln!("转入一侧衔接率：{}", d.incoming.display)?;
            outln!("待寄回执 {}（逾期 {}）", d.receipts_due, d.receipts_overdue)?;
            if !d.missing_branches.is_empty() {
                outln!(
                    "尚未建立的班级团支部 {} 个：{}",
                    d.missing_branches.len(),
                    d.missing_branches.join("、")
                )?;
            }
            Ok(())
        }
        Cmd::Rates {
            year,
            unit,
            on,
            json,
            xlsx,
        } => {
            let on = day(&on, today)?;
            let (scope, name) = service::scope::resolve(&c, unit.as_deref())?;
            if let Some(path) = xlsx {
                let n = service::lists::incoming_xlsx(&c, year.year, &scope, on, &path)?;
                outln!("已生成 {}（{n} 行）", path.display())?;
                return Ok(());
            }
            let r = service::scope::rates_report(&c, year.year, &scope, on)?;
            if json {
                output::json(&r.incoming)?;
                return Ok(());
            }
            outln!(
                "{name} {} 年转入一侧衔接率（截至 {on}）：{}",
                year.year,
                r.incoming.display()
            )?;
            for l in &r.incoming.applied_in {
                let key = (l.member_id, l.branch.clone());
                let counted = if r
                    .incoming
                    .done_in
                    .iter()
                    .any(|d| (d.member_id, d.branch.clone()) == key)
                {
                    "转入完成（分子）"
                } else if r
                    .incoming
                    .returned_in
                    .iter()
                    .any(|d| (d.member_id, d.branch.clone()) == key)
                {
                    "转入退回（移出分母）"
                } else {
                    "申请转入（分母）"
                };
                outln!("  {}\t{}\t{}\t{counted}", l.name, l.branch, l.standing)?;
            }
            Ok(())
        }
        Cmd::Letter(l) => letter(&mut c, l, today),
    }
}

fn refused(errors: &[xianjie::service::transfers::step::MemberErrorView]) -> Result<(), Failure> {
    if errors.is_empty() {
        return Ok(());
    }
    let mut text = format!("未执行（全部或全不）：{} 名新生不符合条件", errors.len());
    for e in errors {
        text.push_str(&format!(
            "\n  新生 {}（{}）：{}",
            e.member_id, e.name, e.message
        ));
    }
    Err(Failure {
        message: text,
        status: 1,
        code: "refused",
    })
}

fn apply(c: &mut Context, step: Step, input: StepInput) -> Result<(), Failure> {
    let year = step.year.year;
    let o = intake::step(
        c,
        &FreshmenStepRequest {
            year,
            students: students(c, year, &step.student)?,
            input,
            on: step.on,
            actor: step.actor,
            note: step.note,
        },
    )?;
    if o.errors.is_empty() {
        outln!("已记录 {} 人", o.done)?;
    }
    refused(&o.errors)
}

fn letter(c: &mut Context, cmd: LetterCmd, today: NaiveDate) -> Result<(), Failure> {
    match cmd {
        LetterCmd::Record {
            year,
            student,
            number,
            issuer,
            issued,
            received,
            note,
        } => {
            let l = letters::record(
                c,
                &LetterRecord {
                    year: year.year,
                    student,
                    number,
                    issuer,
                    issued_on: issued,
                    received_on: received,
                    note,
                },
            )?;
            outln!(
                "已登记介绍信 {}（登记编号 {}，{}）：回执须在 {} 前寄回 {}",
                l.number,
                l.letter_id,
                l.name,
                l.receipt_due,
                l.issuer
            )?;
            if l.expired {
                outln!("提醒：收到时已超过介绍信 90 天有效期，请原单位重新开具（N11）")?;
            }
            Ok(())
        }
        LetterCmd::Receipt {
            year,
            letter,
            student,
            out,
            date,
            sent,
        } => {
            let ids = match student {
                Some(s) => letters::of_student(c, year.year, &s)?
                    .iter()
                    .map(|l| l.letter_id)
                    .collect(),
                None => letter,
            };
            if ids.is_empty() {
                return Err(Error::not_found(
                    "该新生没有登记介绍信（先用 freshmen letter record 登记）",
                )
                .into());
            }
            let done = letters::receipt(
                c,
                &ReceiptRequest {
                    letters: ids,
                    out: out.map(|p| p.display().to_string()),
                    date,
                    sent_on: sent,
                },
            )?;
            if let Some(f) = &done.file {
                outln!("已生成回执 {}（{} 份）", f, done.letters.len())?;
            }
            for l in done.letters.iter().filter(|l| l.receipt_sent_on.is_some()) {
                outln!(
                    "回执已寄出：{}（{}）{}",
                    l.name,
                    l.number,
                    l.receipt_sent_on.as_deref().unwrap_or("")
                )?;
            }
            Ok(())
        }
        LetterCmd::List { year, on, json } => {
            let on = day(&on, today)?;
            let r = letters::register(c, year.year, on)?;
            if json {
                output::json(&r)?;
                return Ok(());
            }
            for l in &r.letters {
                let status = match l.status.as_str() {
                    "sent" => format!("已寄出 {}", l.receipt_sent_on.as_deref().unwrap_or("")),
                    "overdue" => format!("逾期 {} 天", -l.days_left.unwrap_or(0)),
                    _ => format!("待寄，还剩 {} 天", l.days_left.unwrap_or(0)),
                };
                outln!(
                    "{}\t{}\t{}\t{}\t回执 {} 前\t{status}",
                    l.letter_id,
                    l.name,
                    l.number,
                    l.issuer,
                    l.receipt_due
                )?;
            }
            outln!("待寄 {}，逾期 {}，已寄出 {}", r.due, r.overdue, r.sent)?;
            Ok(())
        }
    }
}

fn print_import(r: &FreshmenImport) -> Result<()> {
    outln!(
        "文件：{}　工作表：{}（表头在第 {} 行）　年度：{}",
        r.file,
        r.sheet,
        r.header_row,
        r.year
    )?;
    super::output::import_counts(
        r.rows as u64,
        [r.inserted as u64, r.updated as u64, r.unchanged as u64],
        r.dry_run,
        r.committed,
    )?;
    // With errors nothing was imported: only the errors matter then.
    if r.errors.is_empty() {
        print_branches(r)?;
    }
    for (title, list) in [("错误", &r.errors), ("提醒", &r.warnings)] {
        if list.is_empty() {
            continue;
        }
        outln!("{title} {} 条：", list.len())?;
        for e in list.iter() {
            let who = if e.name.is_empty() {
                String::new()
            } else {
                format!("（{}）", e.name)
            };
            outln!(
                "  {} 第 {} 行{who} {} “{}”：{}",
                r.file,
                e.row,
                e.column,
                e.value,
                e.message
            )?;
        }
    }
    Ok(())
}

fn print_branches(r: &FreshmenImport) -> Result<()> {
    if let Some(p) = &r.pattern {
        outln!("班级团支部全称按本单位的命名方式生成，例如：{p}")?;
    }
    if !r.created_branches.is_empty() {
        let verb = if r.committed { "新建" } else { "将新建" };
        outln!("{verb}团支部 {} 个：", r.created_branches.len())?;
        for b in &r.created_branches {
            outln!("  {b}")?;
        }
    }
    if !r.missing_branches.is_empty() {
        outln!(
            "尚未建立的班级团支部 {} 个（新生照常导入，团支部建立后再办理转入；可用 --create-branches-under 上级团委全称 在导入时新建）：",
            r.missing_branches.len()
        )?;
        for b in &r.missing_branches {
            outln!("  {b}")?;
        }
    }
    if r.without_branch > 0 {
        outln!("名单中没有班级或团支部的新生 {} 人", r.without_branch)?;
    }
    Ok(())
}
