//! CLI subcommands of the store area: `init`, `org`, `branch`, `member`, `graduates`, `audit`.
//! Bodies resolve names to ids, call `xianjie::store` and format the result (Chinese tables by
//! default, JSON with `--json`).

use super::{Ctx, Failure};
use clap::{Args, Subcommand};
use xianjie::date::parse_date_lenient;
use xianjie::member::SchoolKind;
use xianjie::{Error, Result};

mod common;
mod ops;

pub(crate) use common::open_store;
use common::{graduate_rows, graduates_table, print_json, GRADUATE_COLUMNS};
use ops::{branch, member, org};
use xianjie::service::orgs::parse_coded;
use xianjie::service::settings;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 创建（或升级）数据库
    Init {
        /// 学校类型：university / vocational_college / secondary_vocational / high_school（或中文名称）
        #[arg(long)]
        school_kind: Option<String>,
    },
    /// 团组织：添加、改名、移动、删除、列出
    #[command(subcommand)]
    Org(OrgCmd),
    /// 团支部毕业时间：标记（G1–G2）、修改申请与审批（G4）
    #[command(subcommand)]
    Branch(BranchCmd),
    /// 团员：延迟毕业/教师标记（M3）、撤销（M4）、删除（M9）、毕业去向
    #[command(subcommand)]
    Member(MemberCmd),
    /// 列出某届毕业生及其转接建议
    Graduates {
        /// 届别（毕业年份），例如 2026
        #[arg(long)]
        year: i32,
        /// 按哪一天给出建议（默认今天）
        #[arg(long)]
        on: Option<String>,
        #[arg(long, conflicts_with_all = ["csv", "xlsx"])]
        json: bool,
        /// 另存为 CSV 文件（UTF-8，Excel 可直接打开）
        #[arg(long, conflicts_with = "xlsx")]
        csv: Option<std::path::PathBuf>,
        /// 另存为 Excel 文件（.xlsx：含转接原因、转入组织、阻断与提醒、转接状态）
        #[arg(long)]
        xlsx: Option<std::path::PathBuf>,
        /// Excel 文件中写完整的身份证号（默认脱敏：只显示前6位和后4位）
        #[arg(long, requires = "xlsx")]
        full_id_numbers: bool,
    },
    /// 审计日志
    Audit {
        /// 只列出此日期（含）之后的记录，例如 2026-06-01
        #[arg(long)]
        since: Option<String>,
        /// 校验审计日志的哈希链是否完整（同 audit verify）
        #[arg(long)]
        verify: bool,
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        action: Option<AuditCmd>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// 校验审计日志的哈希链是否完整：发现被修改、删除、调换或截断的记录
    Verify,
}

#[derive(Debug, Subcommand)]
pub enum OrgCmd {
    /// 添加团组织
    Add {
        /// 全称（与智慧团建一致）
        #[arg(long)]
        name: String,
        /// 层级：团委 / 团工委 / 团总支 / 团支部（或 committee 等）
        #[arg(long)]
        level: String,
        /// 上级组织（编号或全称）
        #[arg(long)]
        parent: Option<String>,
        /// 组织类别，例如 普通高等院校
        #[arg(long)]
        category: Option<String>,
        /// 类型：普通 / 流动团员团支部 / 出国（境）学习研究团员团支部 / 延迟毕业 / 临时
        #[arg(long)]
        kind: Option<String>,
    },
    /// 修改团组织全称
    Rename {
        org: String,
        #[arg(long)]
        to: String,
    },
    /// 移到另一个上级组织之下（--top 表示移到最上层）
    Move {
        org: String,
        #[arg(long, conflicts_with = "top")]
        parent: Option<String>,
        #[arg(long)]
        top: bool,
    },
    /// 删除团组织（还有团员或下级组织时拒绝）
    Delete { org: String },
    /// 列出全部团组织（--changed：升级时恢复了全角括号和标点的名称，请与智慧团建核对）
    List {
        #[arg(long)]
        json: bool,
        #[arg(long)]
        changed: bool,
    },
}

#[derive(Debug, Args)]
pub struct Actor {
    /// 以哪个组织管理员的身份操作（编号或全称；默认最上层组织）——团支部不能标记自己（G2）
    #[arg(long = "as")]
    pub actor: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum BranchCmd {
    /// 标记团支部毕业时间或无法确定的理由（可多个 --branch，全部成功或全部不保存）
    Mark {
        #[arg(long = "branch", required = true)]
        branches: Vec<String>,
        /// 预计毕业时间，例如 2026-07
        #[arg(long, conflicts_with = "no_date", required_unless_present = "no_date")]
        date: Option<String>,
        /// 无法确定毕业时间的理由：教师支部 / 混合支部（teacher / mixed）
        #[arg(long)]
        no_date: Option<String>,
        #[command(flatten)]
        actor: Actor,
    },
    /// 提交修改毕业时间申请（G4）
    RequestChange {
        #[arg(long)]
        branch: String,
        /// 正确的毕业时间，例如 2026-12
        #[arg(long)]
        to: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        actor: Actor,
    },
    /// 审批修改毕业时间申请（G4）
    DecideChange {
        /// 申请编号
        id: i64,
        #[arg(long, conflicts_with = "reject", required_unless_present = "reject")]
        approve: bool,
        #[arg(long)]
        reject: bool,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        actor: Actor,
    },
    /// 列出修改毕业时间申请（F3 的数据）
    Changes {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum MemberCmd {
    /// 标记延迟毕业团员（M3：时间须晚于团支部毕业时间，须填原因）
    MarkDeferred {
        /// 团员（编号或身份证号），可多个
        #[arg(long = "member", required = true)]
        members: Vec<String>,
        #[arg(long)]
        date: String,
        #[arg(long)]
        reason: String,
    },
    /// 标记为教师（M3）
    MarkTeacher {
        #[arg(long = "member", required = true)]
        members: Vec<String>,
    },
    /// 撤销延迟毕业/教师标记（M4）
    Revoke {
        #[arg(long = "member", required = true)]
        members: Vec<String>,
    },
    /// 删除团员（M9：仅限信息录入错误、误录入的非团员、本人死亡、经校团委确认的其他情况）
    Delete {
        #[arg(long)]
        member: String,
        #[arg(long)]
        reason: String,
        /// 说明（“其他情况”须写明校团委的确认）
        #[arg(long)]
        note: Option<String>,
    },
    /// 修改影响能否转接的团员信息：团员身份认证（M7）、入团时间（M6/M7）、政治面貌（M8）、团内任职（M5）
    Facts {
        #[arg(long)]
        member: String,
        /// 入团时间，例如 2021-05
        #[arg(long)]
        joined: Option<String>,
        /// 政治面貌：团员 / 中共预备党员 / 中共党员 / 群众
        #[arg(long)]
        politics: Option<String>,
        /// 在团内任职：true / false
        #[arg(long)]
        league_post: Option<bool>,
        /// 已完成团员身份认证：true / false
        #[arg(long)]
        identity_verified: Option<bool>,
    },
    /// 录入毕业去向
    SetDestination(Box<DestinationArgs>),
    /// 显示一名团员
    Show { member: String },
    /// 删除团员台账（F6 的数据）
    Deletions {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct DestinationArgs {
    #[arg(long)]
    pub member: String,
    /// 届别（毕业年份）
    #[arg(long)]
    pub year: i32,
    /// 去向：study / employed / abroad_work / abroad_study / abroad_private / none / army / classified / postgrad_teaching（或中文）
    #[arg(long)]
    pub kind: String,
    /// 工作单位没有团组织
    #[arg(long)]
    pub no_employer_org: bool,
    #[arg(long)]
    pub labor_dispatch: bool,
    /// 系统团委：railway / civil_aviation / central_finance / central_enterprise / central_state_organs
    #[arg(long)]
    pub system: Option<String>,
    #[arg(long)]
    pub province: Option<String>,
    #[arg(long)]
    pub central_unit_in_beijing: bool,
    /// 申请在校保留团组织关系
    #[arg(long)]
    pub retain_in_school: bool,
    /// 二战考研 / 单位要求先收档案
    #[arg(long)]
    pub note: Option<String>,
    /// 打算选择的转接原因 R1–R8
    #[arg(long)]
    pub chosen_reason: Option<String>,
    #[arg(long)]
    pub study_level: Option<String>,
    #[arg(long)]
    pub unit_name: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub target_org: Option<String>,
    #[arg(long)]
    pub city: Option<String>,
}

pub fn run(ctx: &Ctx, cmd: Command) -> Result<(), Failure> {
    match cmd {
        Command::Init { school_kind } => {
            let mut s = open_store(ctx)?;
            if let Some(k) = school_kind {
                let kind = parse_coded(
                    &k,
                    "学校类型",
                    SchoolKind::from_code,
                    SchoolKind::from_label,
                    SchoolKind::codes,
                )?;
                // One record for every setting: the same save as 设置's.
                let mut set = settings::load(&s)?;
                set.school_kind = kind.code().to_string();
                settings::save(&mut s, &set)?;
            }
            let (version, kind) = xianjie::service::audit::status(&s)?;
            outln!(
                "数据库已就绪：{}（版本 {version}，学校类型：{}）",
                s.paths().db.display(),
                kind.label()
            )?;
            Ok(())
        }
        Command::Org(c) => org(ctx, c),
        Command::Branch(c) => branch(ctx, c),
        Command::Member(c) => member(ctx, c),
        Command::Graduates {
            year,
            on,
            json,
            csv,
            xlsx,
            full_id_numbers,
        } => {
            let mut s = open_store(ctx)?;
            let on = match on {
                Some(d) => {
                    parse_date_lenient(&d).map_err(|e| Error::invalid(format!("--on：{e}")))?
                }
                None => s.today(),
            };
            if let Some(path) = xlsx {
                let n = xianjie::service::lists::graduates_xlsx(
                    &mut s,
                    year,
                    on,
                    &path,
                    full_id_numbers,
                )?;
                outln!(
                    "已生成 {}（{n} 人；{}）",
                    path.display(),
                    if full_id_numbers {
                        "含完整身份证号，请妥善保管"
                    } else {
                        "身份证号已脱敏"
                    }
                )?;
                return Ok(());
            }
            let list = s.graduates(year, on)?;
            if let Some(path) = csv {
                let mut rows = vec![GRADUATE_COLUMNS.map(String::from)];
                rows.extend(graduate_rows(&list));
                xianjie::files::write_output(&path, &xianjie::files::csv_bytes(&rows))?;
                outln!("已生成 {}（{} 人）", path.display(), list.len())?;
            } else if json {
                print_json(&*list)?;
            } else {
                out!("{}", graduates_table(year, &list))?;
            }
            // The process ends right after: let the OS reclaim a cohort's worth of rows
            // instead of freeing 50,000 recommendations one by one.
            std::mem::forget(list);
            Ok(())
        }
        Command::Audit {
            since,
            verify,
            json,
            action,
        } => {
            let s = open_store(ctx)?;
            if verify || matches!(action, Some(AuditCmd::Verify)) {
                let n = xianjie::service::audit::verify(&s)?;
                outln!("审计日志完整：共 {n} 条，哈希链无断裂")?;
                return Ok(());
            }
            let since = since
                .map(|d| {
                    parse_date_lenient(&d).map_err(|e| Error::invalid(format!("--since：{e}")))
                })
                .transpose()?;
            let entries = xianjie::service::audit::entries(&s, since)?;
            if json {
                return Ok(print_json(&entries)?);
            }
            for e in entries {
                // Many creations in one entry (an import's new members): a line each.
                if let Some(rows) = e.new.as_ref().and_then(xianjie::store::audit::records) {
                    let field = |k: &str| {
                        e.new
                            .as_ref()
                            .and_then(|v| v.get(k))
                            .and_then(|v| v.as_str())
                            .unwrap_or("")
                            .to_string()
                    };
                    outln!(
                        "#{} {} {} {} {}：自“{}”工作表“{}”新建 {} 条：",
                        e.id,
                        xianjie::time::list_time(&e.at),
                        e.operator,
                        e.entity,
                        e.action,
                        field("file"),
                        field("sheet"),
                        rows.len()
                    )?;
                    for r in rows {
                        outln!("  + {}", serde_json::Value::Object(r))?;
                    }
                    continue;
                }
                let show = |v: &Option<serde_json::Value>| {
                    v.as_ref().map_or("—".to_string(), |v| v.to_string())
                };
                outln!(
                    "#{} {} {} {}{} {}：{} → {}",
                    e.id,
                    xianjie::time::list_time(&e.at),
                    e.operator,
                    e.entity,
                    e.entity_id.map(|i| format!("#{i}")).unwrap_or_default(),
                    e.action,
                    show(&e.old),
                    show(&e.new)
                )?;
            }
            Ok(())
        }
    }
}
