//! CLI subcommands of the transfer area: `transfer start|approve|allocate|revoke|return|done|show`,
//! `due`, `rates`, `calendar`. Bodies resolve names to ids, call `xianjie::transfer::operations`
//! and format the result (Chinese tables by default, JSON with `--json`).

use super::store::open_store;
use super::{Ctx, Failure};
use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use xianjie::destination::{Reason, SystemCommittee};
use xianjie::service::{self, Context};
use xianjie::transfer::{operations, Event, EventKind, Initiator, NodeKind, Region};
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
        /// 修改设置，例如 --set request_by=2026-06-30 --set auto_pass_days=10
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

fn enum_arg<T>(
    s: &str,
    flag: &str,
    code: fn(&str) -> Option<T>,
    label: fn(&str) -> Option<T>,
    codes: fn() -> String,
) -> Result<T> {
    let t = xianjie::text::clean(s);
    code(&t).or_else(|| label(&t)).ok_or_else(|| {
        Error::invalid(format!(
            "{flag}：“{s}”无法识别，应为 {} 或对应的中文名称",
            codes()
        ))
    })
}

fn reason_arg(s: &str) -> Result<Reason> {
    let t = xianjie::text::clean(s);
    let short = Reason::ALL
        .iter()
        .copied()
        .find(|r| r.label().starts_with(t.as_str()) && !t.is_empty());
    Reason::from_code(&t.to_uppercase())
        .or_else(|| Reason::from_label(&t))
        .or(short)
        .ok_or_else(|| {
            Error::invalid(format!(
                "--reason：“{s}”无法识别，应为 R1–R8 或转接原因名称（如 升学、未就业）"
            ))
        })
}

fn event(c: &Context, step: &Step, kind: EventKind) -> Result<(Vec<i64>, Event)> {
    let ids = members(c, &step.member)?;
    let on = date(&step.on, "--on", c.today())?;
    let mut ev = service::transfers::event(c, on, kind, step.actor.clone());
    ev.note = step.note.clone();
    Ok((ids, ev))
}

fn apply(c: &mut Context, ids: &[i64], ev: Event) -> Result<()> {
    let done = service::transfers::record(c, ids, ev)?.into_result()?;
    let text: String = done.iter().map(|t| output::one_line(t) + "\n").collect();
    output::emit(&text)
}

/// The node waiting for a member on `on` (after W4's automatic passes).
fn current_node(store: &Context, member: i64, on: NaiveDate) -> Result<NodeKind> {
    let ledger = store.transfer_history(member)?;
    let t = ledger
        .latest(member)
        .ok_or_else(|| Error::not_found(format!("团员 {member} 没有转接记录")))?;
    let s = store.campaign_settings(t.year)?;
    let mut c = t.clone();
    c.catch_up(on, &s);
    c.pending_node(&c.status()).ok_or_else(|| {
        Error::refused(format!(
            "团员 {member} 的转接当前{}，没有待审批的节点（W2）",
            c.state().label()
        ))
    })
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
            let mut s = store.campaign_settings(year)?;
            if !set.is_empty() {
                s = output::with_changes(s, &set)?;
                service::transfers::save_settings(&mut store, &s)?;
            }
            if json {
                output::json(&serde_json::json!({
                    "settings": s,
                    "periods": xianjie::transfer::periods(&s),
                    "milestones": xianjie::transfer::milestones(&s),
                    "standing": xianjie::transfer::standing(&s, on),
                }))
            } else {
                output::emit(&output::calendar_table(&s, on))
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
            let initiator = enum_arg(
                &initiator,
                "--initiator",
                Initiator::from_code,
                Initiator::from_label,
                Initiator::codes,
            )?;
            let reason = reason.as_deref().map(reason_arg).transpose()?;
            let region = match (&province, &system) {
                (Some(p), _) => Some(Region::Province(xianjie::text::clean(p))),
                (_, Some(s)) => Some(Region::System(enum_arg(
                    s,
                    "--system",
                    SystemCommittee::from_code,
                    SystemCommittee::from_label,
                    SystemCommittee::codes,
                )?)),
                _ => None,
            };
            let on = date(&step.on, "--on", today)?;
            let req = service::transfers::StartRequest {
                year: year.unwrap_or(on.year()),
                members: members(c, &step.member)?,
                on,
                initiator,
                reason,
                destination: dest,
                region,
                jing_yue_min: jym,
                into_committee: committee,
                planned,
                actor: step.actor,
                note: step.note,
            };
            let done = service::transfers::start(c, &req)?.into_result()?;
            let text: String = done.iter().map(|t| output::one_line(t) + "\n").collect();
            output::emit(&text)
        }
        TransferCmd::Approve { step, node } => {
            let on = date(&step.on, "--on", today)?;
            let node = match node {
                Some(n) => enum_arg(
                    &n,
                    "--node",
                    NodeKind::from_code,
                    NodeKind::from_label,
                    NodeKind::codes,
                )?,
                None => {
                    let ids = members(c, &step.member)?;
                    let nodes = ids
                        .iter()
                        .map(|m| current_node(c, *m, on))
                        .collect::<Result<Vec<_>>>()?;
                    match nodes.split_first() {
                        Some((first, rest)) if rest.iter().all(|n| n == first) => *first,
                        Some(_) => {
                            return Err(Error::invalid(
                                "这批团员的待审批节点不同，请用 --node 指定节点（W2）",
                            ))
                        }
                        None => return Err(Error::invalid("--member 不能为空")),
                    }
                }
            };
            let (ids, ev) = event(c, &step, EventKind::Approve { node })?;
            apply(c, &ids, ev)
        }
        TransferCmd::Allocate { step, branch } => {
            let (ids, ev) = event(
                c,
                &step,
                EventKind::Allocate {
                    branch: xianjie::text::clean(&branch),
                },
            )?;
            apply(c, &ids, ev)
        }
        TransferCmd::Revoke { step } => {
            let (ids, ev) = event(c, &step, EventKind::Revoke)?;
            apply(c, &ids, ev)
        }
        TransferCmd::Return { step, reason } => {
            let (ids, ev) = event(
                c,
                &step,
                EventKind::Return {
                    reason: xianjie::text::clean(&reason),
                },
            )?;
            apply(c, &ids, ev)
        }
        TransferCmd::Done { step } => {
            let (ids, ev) = event(c, &step, EventKind::Done)?;
            apply(c, &ids, ev)
        }
        TransferCmd::Show { member, on, json } => {
            let id = service::orgs::resolve_member(c, &member)?.id;
            let on = date(&on, "--on", today)?;
            let list = operations::history(c, id)?;
            let mut views = Vec::new();
            for t in &list {
                let s = c.campaign_settings(t.year)?;
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
