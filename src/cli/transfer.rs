//! CLI subcommands of the transfer area: `transfer start|approve|allocate|revoke|return|done|show`,
//! `due`, `rates`, `calendar`. Bodies resolve names to ids, call `xianjie::store::transfers`
//! and format the result (Chinese tables by default, JSON with `--json`).

use super::store::open_store;
use super::{Ctx, Failure};
use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use xianjie::service::transfers::step::{StepInput, StepRequest};
use xianjie::service::{self, Context};
use xianjie::{Error, Result};

mod output;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 转接业务：登记发起、审批、分配、撤销、退回、完成、查看（W1–W3）
    #[command(subcommand)]
    Transfer(TransferCmd),
    /// 待办清单：超时未审批、即将默认通过或自动终止、未发起、在校保留与流动团员期限（W4–W7）
    Due {
        /// 按哪一天计算（默认今天），例如 2026-07-20
        #[arg(long)]
        on: Option<String>,
        /// 届别（默认为 --on 所在年份）
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        unit: UnitArg,
        #[arg(long, conflicts_with = "xlsx")]
        json: bool,
        /// 另存为 Excel 文件（.xlsx）
        #[arg(long)]
        xlsx: Option<std::path::PathBuf>,
    },
    /// 升学衔接率与学社衔接率，含分子分母及名单（§6）
    Rates {
        /// 届别（毕业年份），例如 2026
        #[arg(long)]
        year: i32,
        #[command(flatten)]
        unit: UnitArg,
        /// 截至哪一天（默认今天），用于周报复现
        #[arg(long)]
        on: Option<String>,
        /// 同时列出已完成名单
        #[arg(long)]
        detail: bool,
        #[arg(long, conflicts_with = "xlsx")]
        json: bool,
        /// 名单另存为 Excel 文件（.xlsx，两个衔接率的每名毕业生及是否完成）
        #[arg(long)]
        xlsx: Option<std::path::PathBuf>,
    },
    /// 工作日历与本届设置（W5、W5a）；--set 修改设置
    Calendar {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        on: Option<String>,
        /// 修改设置，例如 --set request_by=2026-06-30 --set auto_pass_days=10；新生转入（N1）：
        /// --set enrolment=2026-09-01（空值清除）--set start_within_months=1
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct UnitArg {
    /// 统计单位：全校（默认），或学院/团支部的编号或全称（校团委汇总各学院数据包时用全称）
    #[arg(long)]
    unit: Option<String>,
}

#[derive(Debug, Args)]
pub struct Step {
    /// 团员：编号或身份证号；多名用逗号分隔（批量，全部成功或全部不执行）
    #[arg(long, value_delimiter = ',', required = true)]
    member: Vec<String>,
    /// 操作日期（默认今天）
    #[arg(long)]
    on: Option<String>,
    /// 办理人或审批组织（默认为操作人）
    #[arg(long)]
    actor: Option<String>,
    /// 备注
    #[arg(long)]
    note: Option<String>,
    /// 批量不符合条件时，把全部名单（团员编号、姓名、原因）写入此 CSV 文件
    #[arg(long)]
    refusals: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum TransferCmd {
    /// 登记一项转接并记为已在智慧团建发起（--planned 只登记计划）
    Start {
        #[command(flatten)]
        step: Step,
        /// 届别（默认为操作日期所在年份）
        #[arg(long)]
        year: Option<i32>,
        /// 发起方：转出方 / 转入方 / 本人（outgoing / incoming / member）
        #[arg(long, default_value = "outgoing")]
        initiator: String,
        /// 转接原因：R1–R8 或中文名称（如 升学、未就业）；已登记计划的可省略
        #[arg(long)]
        reason: Option<String>,
        /// 转入组织全称；已登记计划的可省略
        #[arg(long)]
        dest: Option<String>,
        /// 转入组织所在省份
        #[arg(long)]
        province: Option<String>,
        /// 转入组织所属系统团委（railway / civil_aviation / central_finance / …）
        #[arg(long, conflicts_with = "province")]
        system: Option<String>,
        /// 转入组织属于北京/广东/福建（R11；默认按省份判断）
        #[arg(long)]
        jym: bool,
        /// 转入组织是团委/团工委/团总支，须分配团支部（W2）
        #[arg(long)]
        committee: bool,
        /// 只登记计划，尚未在智慧团建发起
        #[arg(long)]
        planned: bool,
    },
    /// 节点审批同意（默认当前待审批节点）
    Approve {
        #[command(flatten)]
        step: Step,
        /// 节点：outgoing_branch / outgoing_upper / incoming_branch / incoming_upper / incoming_committee / province
        #[arg(long)]
        node: Option<String>,
    },
    /// 转入团委分配团支部（W2）
    Allocate {
        #[command(flatten)]
        step: Step,
        /// 分配到的团支部全称
        #[arg(long)]
        branch: String,
    },
    /// 撤销（仅在任何节点审批前，京粤闽不可撤销）
    Revoke {
        #[command(flatten)]
        step: Step,
    },
    /// 退回（不同意），显示为已终止
    Return {
        #[command(flatten)]
        step: Step,
        /// 退回原因
        #[arg(long)]
        reason: String,
    },
    /// 智慧团建显示已完成
    Done {
        #[command(flatten)]
        step: Step,
    },
    /// 本届毕业生的转接：状态、下一个期限（按本届设置）、是否超期——与桌面应用“转接”页相同
    List {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// 查看团员的转接记录与时间线
    Show {
        /// 团员编号或身份证号
        #[arg(long)]
        member: String,
        /// 按哪一天计算期限（默认今天）
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, cmd: Command) -> Result<(), Failure> {
    Ok(run_inner(ctx, cmd)?)
}

fn date(s: &Option<String>, flag: &str, today: NaiveDate) -> Result<NaiveDate> {
    match s {
        None => Ok(today),
        Some(s) => {
            xianjie::date::parse_date_lenient(s).map_err(|e| Error::invalid(format!("{flag}：{e}")))
        }
    }
}

fn members(c: &Context, list: &[String]) -> Result<Vec<i64>> {
    list.iter()
        .filter(|s| !s.trim().is_empty())
        .map(|r| service::orgs::resolve_member(c, r).map(|m| m.id))
        .collect()
}

/// Records the step for `step`'s graduates through the one service operation, printing each
/// transfer changed.
fn apply(c: &mut Context, step: Step, year: Option<i32>, input: StepInput) -> Result<()> {
    let on = date(&step.on, "--on", c.today())?;
    let req = StepRequest {
        year: year.unwrap_or(on.year()),
        members: members(c, &step.member)?,
        input,
        on: Some(on.to_string()),
        actor: step.actor,
        note: step.note,
    };
    let outcome = service::transfers::step::transfers(c, &req)?;
    if let (service::transfers::Outcome::Refused(r), Some(path)) = (&outcome, &step.refusals) {
        xianjie::files::write_output(path, &service::transfers::refusals_csv(r))?;
        let summary = service::transfers::refusal_text(r);
        return Err(Error::refused(format!(
            "{summary}\n全部名单已写入 {}",
            path.display()
        )));
    }
    let done = outcome.into_result()?;
    let text: String = done.iter().map(|t| output::one_line(t) + "\n").collect();
    output::emit(&text)
}

fn run_inner(ctx: &Ctx, cmd: Command) -> Result<()> {
    let mut store = open_store(ctx)?;
    let today = store.today();
    match cmd {
        Command::Transfer(t) => transfer(&mut store, t),
        Command::Due {
            on,
            year,
            unit: u,
            json,
            xlsx,
        } => {
            let on = date(&on, "--on", today)?;
            let year = year.unwrap_or(on.year());
            let (scope, _) = service::scope::resolve(&store, u.unit.as_deref())?;
            if let Some(path) = xlsx {
                let n = service::lists::due_xlsx(&store, year, &scope, on, &path)?;
                return output::emit(&format!("已生成 {}（{n} 项）\n", path.display()));
            }
            let items = service::scope::due_report(&store, year, &scope, on)?;
            if json {
                output::json(&items)
            } else {
                output::emit(&output::due_table(year, on, &items))
            }
        }
        Command::Rates {
            year,
            unit: u,
            on,
            detail,
            json,
            xlsx,
        } => {
            let on = date(&on, "--on", today)?;
            let (scope, name) = service::scope::resolve(&store, u.unit.as_deref())?;
            if let Some(path) = xlsx {
                let n = service::lists::rates_xlsx(&store, year, &scope, on, &path)?;
                return output::emit(&format!("已生成 {}（{n} 行）\n", path.display()));
            }
            let r = service::scope::rates_report(&store, year, &scope, on)?;
            if json {
                output::json(&r)
            } else {
                output::emit(&output::rates_table(
                    &r,
                    &name,
                    detail,
                    !matches!(scope, service::scope::Scope::Here(_)),
                ))
            }
        }
        Command::Calendar {
            year,
            on,
            set,
            json,
        } => {
            let on = date(&on, "--on", today)?;
            let mut s = service::calendar::settings(&store, year)?;
            let (incoming, campaign): (Vec<String>, Vec<String>) =
                set.into_iter().partition(|c| output::is_receiving_key(c));
            if !campaign.is_empty() {
                s = output::with_changes(s, &campaign)?;
                s = service::calendar::save(&mut store, &s, on)?.settings;
            }
            if !incoming.is_empty() {
                let r = service::calendar::incoming(&store, year)?.settings;
                let r = output::with_receiving_changes(r, &incoming)?;
                service::calendar::save_incoming(&mut store, &r, on)?;
            }
            let receiving = service::calendar::incoming(&store, year)?;
            if json {
                output::json(&serde_json::json!({
                    "settings": s,
                    "periods": xianjie::transfer::periods(&s),
                    "milestones": xianjie::transfer::milestones(&s),
                    "standing": xianjie::transfer::standing(&s, on),
                    "incoming": receiving,
                }))
            } else {
                let mut text = output::calendar_table(&s, on);
                text.push_str(&format!(
                    "新生转入（N1）：入学日期 {}，入学后 {} 个月内发起全部转入（{}前），{}前基本完成\n",
                    receiving
                        .settings
                        .enrolment
                        .map_or_else(|| "未设置".to_string(), |d| d.to_string()),
                    receiving.settings.start_within_months,
                    receiving.start_by.as_deref().unwrap_or("入学日期未设置"),
                    receiving.done_by
                ));
                output::emit(&text)
            }
        }
    }
}

fn transfer(c: &mut Context, cmd: TransferCmd) -> Result<()> {
    let today = c.today();
    match cmd {
        TransferCmd::Start {
            step,
            year,
            initiator,
            reason,
            dest,
            province,
            system,
            jym,
            committee,
            planned,
        } => {
            let input = StepInput::Start {
                initiator,
                reason,
                destination: dest,
                into_committee: committee,
                province,
                system,
                jing_yue_min: jym,
                planned,
            };
            apply(c, step, year, input)
        }
        TransferCmd::Approve { step, node } => apply(c, step, None, StepInput::Approve { node }),
        TransferCmd::Allocate { step, branch } => {
            apply(c, step, None, StepInput::Allocate { branch })
        }
        TransferCmd::Revoke { step } => apply(c, step, None, StepInput::Revoke),
        TransferCmd::Return { step, reason } => apply(c, step, None, StepInput::Return { reason }),
        TransferCmd::Done { step } => apply(c, step, None, StepInput::Done),
        TransferCmd::List { year, json } => {
            let list = service::transfers::list::list(c, year, today)?;
            if json {
                return output::json(&list);
            }
            let mut text = String::new();
            for r in &list.rows {
                let deadline = match (&r.deadline, &r.deadline_label) {
                    (Some(d), Some(l)) => format!("{l} {d}"),
                    _ => String::new(),
                };
                text.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    r.name,
                    r.branch,
                    r.state.label,
                    r.destination.as_deref().unwrap_or(""),
                    deadline
                ));
            }
            text.push_str(&format!("共 {} 人\n", list.rows.len()));
            output::emit(&text)
        }
        TransferCmd::Show { member, on, json } => {
            let id = service::orgs::resolve_member(c, &member)?.id;
            let on = date(&on, "--on", today)?;
            let list = service::transfers::step::history(c, id)?;
            let mut views = Vec::new();
            for t in &list {
                let s = service::calendar::settings(c, t.year)?;
                views.push(output::View::of(t, on, &s));
            }
            if json {
                output::json(&views)
            } else {
                let name = c.member(id)?.name;
                output::emit(&output::show(id, &name, on, &views))
            }
        }
    }
}
