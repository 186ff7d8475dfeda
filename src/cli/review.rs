//! CLI subcommands of review by exception: `review status|accept|accept-ready|withdraw`. The
//! service (`xianjie::service::review`) groups and remembers; this prints.

use super::store::open_store;
use super::{Ctx, Failure};
use clap::Subcommand;
use xianjie::service::orgs::resolve_member;
use xianjie::service::review::{self, Group};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 按例外核对转接建议：分组情况、核对无误、全部“可以办理”一次核对、取消核对
    #[command(subcommand)]
    Review(ReviewCmd),
}

#[derive(Debug, Subcommand)]
pub enum ReviewCmd {
    /// 各组人数（暂不能转接、缺信息、有提醒、可以办理）及已核对人数
    Status {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// 核对无误：接受这些毕业生的转接建议（暂不能转接或没有去向的不接受）
    Accept {
        #[arg(long)]
        year: i32,
        /// 团员（编号或身份证号），可多个
        #[arg(long = "member", required = true)]
        members: Vec<String>,
    },
    /// 把“可以办理”组中尚未核对的全部核对无误
    AcceptReady {
        #[arg(long)]
        year: i32,
    },
    /// 取消核对
    Withdraw {
        #[arg(long)]
        year: i32,
        #[arg(long = "member", required = true)]
        members: Vec<String>,
    },
}

pub fn run(ctx: &Ctx, cmd: Command) -> Result<(), Failure> {
    let Command::Review(cmd) = cmd;
    let mut s = open_store(ctx)?;
    let on = s.today();
    match cmd {
        ReviewCmd::Status { year, json } => {
            let all = review::standings(&mut s, year, on)?;
            let count = |g: Group| all.values().filter(|x| x.group == g).count();
            let reviewed = all.values().filter(|x| x.reviewed).count();
            if json {
                let groups: serde_json::Map<String, serde_json::Value> = Group::ALL
                    .iter()
                    .map(|g| (g.code().to_string(), count(*g).into()))
                    .collect();
                return Ok(super::output::json(&serde_json::json!({
                    "year": year,
                    "graduates": all.len(),
                    "groups": groups,
                    "reviewed": reviewed,
                }))?);
            }
            for g in Group::ALL.iter().copied() {
                outln!("{}\t{} 人", g.label(), count(g))?;
            }
            outln!("已核对 {reviewed} / {} 人", all.len())?;
            Ok(())
        }
        ReviewCmd::Accept { year, members } => {
            let ids = members
                .iter()
                .map(|m| resolve_member(&s, m).map(|m| m.id))
                .collect::<xianjie::Result<Vec<_>>>()?;
            let a = review::accept(&mut s, year, on, &ids)?;
            for (name, why) in &a.refused {
                outln!("未核对  {name}：{why}")?;
            }
            outln!("已核对 {} 人", a.accepted)?;
            Ok(())
        }
        ReviewCmd::AcceptReady { year } => {
            let n = review::accept_ready(&mut s, year, on)?;
            outln!("“可以办理”的 {n} 人已核对无误")?;
            Ok(())
        }
        ReviewCmd::Withdraw { year, members } => {
            let ids = members
                .iter()
                .map(|m| resolve_member(&s, m).map(|m| m.id))
                .collect::<xianjie::Result<Vec<_>>>()?;
            let n = review::withdraw(&mut s, year, &ids)?;
            outln!("已取消 {n} 人的核对")?;
            Ok(())
        }
    }
}
