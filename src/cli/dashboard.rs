//! `xianjie dashboard`: 工作台's numbers on the command line — the calendar's next milestone,
//! the 07-25 target, both rates of the office (or, at a school, of every college) by unit, and
//! the most urgent due items. The numbers are `service::dashboard`'s, the window's own.

use super::{Ctx, Failure};
use xianjie::service::dashboard::{self, UnitRates};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 届别（毕业年份），例如 2026
    #[arg(long)]
    year: i32,
    /// 同时列出各团支部
    #[arg(long)]
    branches: bool,
    #[arg(long)]
    json: bool,
}

fn line(u: &UnitRates) -> String {
    format!(
        "{}\t升学衔接率 {}\t学社衔接率 {}",
        u.name, u.sx.display, u.xs.display
    )
}

pub fn run(ctx: &Ctx, a: Args) -> Result<(), Failure> {
    let c = ctx.open()?;
    let on = c.today();
    let d = dashboard::dashboard(&c, a.year, on)?;
    if a.json {
        return Ok(super::output::json(&d)?);
    }
    outln!("{} 届 工作台（{}）", d.year, d.on)?;
    if let Some(m) = &d.calendar.next {
        outln!("下一节点：{} {}（还有 {} 天）", m.on, m.label, m.days_left)?;
    }
    let t = &d.target;
    outln!(
        "{} 前全部发起：{}/{} 人已发起（其中在校保留 {} 人），还有 {} 天",
        t.by,
        t.started,
        t.total,
        t.retained,
        t.days_left
    )?;
    outln!("{}", line(&d.school))?;
    for u in &d.colleges {
        outln!("  {}", line(u))?;
    }
    if a.branches {
        for u in &d.branches {
            outln!("    {}", line(u))?;
        }
    }
    outln!(
        "待办 {} 项（最紧急的 {} 项；全部见 xianjie due）：",
        d.due_total,
        d.due.len().min(20)
    )?;
    for item in d.due.iter().take(20) {
        let when = match item.days_left {
            0 => "今天".to_string(),
            n if n > 0 => format!("还有 {n} 天"),
            n => format!("已超期 {} 天", -n),
        };
        outln!(
            "  {} {} {}（{}）{}",
            item.due_on,
            item.name,
            item.text,
            item.rule.id,
            when
        )?;
    }
    Ok(())
}
