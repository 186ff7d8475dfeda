//! Shared by the store commands (and other CLI areas): the database path, the operator,
//! resolving orgs and members from what a secretary types, and the Chinese tables.

use crate::cli::Ctx;
use xianjie::org::{Org, OrgKind};
use xianjie::service::Context;
use xianjie::store::Graduate;
use xianjie::Result;

/// Opens the office the global options name (other CLI areas use this too): once per run.
pub(crate) fn open_store(ctx: &Ctx) -> Result<Context> {
    ctx.open()
}

pub(super) fn print_json<T: serde::Serialize>(v: &T) -> Result<()> {
    crate::cli::output::json(v)
}

/// Display width: CJK and full-width characters take two columns.
pub(super) fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

pub(super) fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// The rule ids of notices, each once, in order.
fn rule_ids(notices: &[xianjie::engine::Notice]) -> String {
    let mut ids: Vec<&str> = Vec::new();
    for n in notices {
        if !ids.contains(&n.rule.as_str()) {
            ids.push(n.rule.as_str());
        }
    }
    ids.join("、")
}

/// The readable Chinese table of `graduates --year`.
/// The columns of the graduate list (the terminal table and `graduates --csv`).
pub const GRADUATE_COLUMNS: [&str; 8] = [
    "序号",
    "姓名",
    "身份证号",
    "团支部",
    "毕业时间",
    "转接原因",
    "计入",
    "阻断/提醒",
];

/// One row per graduate, in [`GRADUATE_COLUMNS`] order.
pub fn graduate_rows(list: &[Graduate]) -> Vec<[String; 8]> {
    list.iter()
        .enumerate()
        .map(|(i, g)| {
            let m = &g.member;
            let when = g
                .graduates
                .map(|d| d.chinese())
                .unwrap_or_else(|| "—".into());
            let when = if g.deferred_into {
                format!("{when}（延迟毕业）")
            } else {
                when
            };
            let (reason, metric, status) = match &g.recommendation {
                None => (
                    "—".to_string(),
                    "—".to_string(),
                    "未录入毕业去向".to_string(),
                ),
                Some(r) => {
                    let reason = r
                        .reason
                        .or(r.intended_reason)
                        .map_or("—".to_string(), |x| x.label().to_string());
                    let metric = r.metric.map_or("—".to_string(), |x| x.label().to_string());
                    let status = if r.blocked {
                        format!("阻断：{}", rule_ids(&r.blocks))
                    } else if !r.warnings.is_empty() {
                        format!("提醒 {} 条：{}", r.warnings.len(), rule_ids(&r.warnings))
                    } else {
                        String::new()
                    };
                    (reason, metric, status)
                }
            };
            let status = match &m.marking {
                Some(mk) if status.is_empty() => format!("已标记{}", mk.kind().label()),
                Some(mk) => format!("已标记{}；{status}", mk.kind().label()),
                None => status,
            };
            [
                (i + 1).to_string(),
                m.name.clone(),
                m.id_number.masked(),
                g.branch.full_name.clone(),
                when,
                reason,
                metric,
                status,
            ]
        })
        .collect()
}

pub fn graduates_table(year: i32, list: &[Graduate]) -> String {
    let header = GRADUATE_COLUMNS;
    let rows = graduate_rows(list);
    let mut w = header.map(width);
    for r in &rows {
        for (k, c) in r.iter().enumerate() {
            w[k] = w[k].max(width(c));
        }
    }
    let mut out = format!("{year} 届毕业生：{} 人\n", list.len());
    let line = |cells: &[String]| {
        cells
            .iter()
            .enumerate()
            .map(|(k, c)| pad(c, w[k]))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    out.push_str(&line(&header.map(String::from)));
    out.push('\n');
    for r in &rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

pub(super) fn print_tree(orgs: &[Org], parent: Option<i64>, depth: usize) -> Result<()> {
    for o in orgs.iter().filter(|o| o.parent_id == parent) {
        let grad = o
            .graduation
            .map(|g| format!("，毕业时间：{}", g.label()))
            .unwrap_or_default();
        let kind = if o.kind == OrgKind::Ordinary {
            String::new()
        } else {
            format!("，{}", o.kind.label())
        };
        outln!(
            "{}{} [{}] {}{kind}{grad}",
            "  ".repeat(depth),
            o.id,
            o.level.label(),
            o.full_name
        )?;
        print_tree(orgs, Some(o.id), depth + 1)?;
    }
    Ok(())
}
