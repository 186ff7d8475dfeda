//! Readable Chinese tables of the transfer commands, and the JSON views.

use chrono::NaiveDate;
use serde::Serialize;
use std::fmt::Write;
use xianjie::transfer::calendar::{milestones, periods, standing};
use xianjie::transfer::deadline::{project, Waiting};
use xianjie::transfer::{CampaignSettings, DueItem, Event, Rate, RateLine, RatesReport, Transfer};
use xianjie::{Error, Result};

pub fn json<T: Serialize>(v: &T) -> Result<()> {
    crate::cli::output::json(v)
}

/// Writes to stdout; a closed pipe (`… | head`) is not an error.
pub fn emit(s: &str) -> Result<()> {
    crate::cli::output::emit(s)
}

/// Display width: CJK and full-width characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut w: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if let Some(x) = w.get_mut(i) {
                *x = (*x).max(width(c));
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = w.get(i).copied().unwrap_or(0).saturating_sub(width(c));
            s.push_str(c);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(pad + 2));
            }
        }
        s.push('\n');
        s
    };
    let mut out = line(header.to_vec());
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
    }
    out
}

/// `团员 12：已完成（某街道学社衔接临时团支部）`.
pub fn one_line(t: &Transfer) -> String {
    let resub = if t.resubmission {
        "，重新发起"
    } else {
        ""
    };
    format!(
        "团员 {}：{}（{}，{}{}）",
        t.member_id,
        t.state().label(),
        t.reason.label(),
        t.destination,
        resub
    )
}

/// A transfer as `show` presents it.
#[derive(Debug, Serialize)]
pub struct View<'a> {
    pub transfer: &'a Transfer,
    pub state: &'static str,
    pub state_on: &'static str,
    pub implied: Vec<Event>,
    pub waiting: Option<Waiting>,
}

impl<'a> View<'a> {
    pub fn of(t: &'a Transfer, on: NaiveDate, s: &CampaignSettings) -> Self {
        let p = project(t, on, s);
        View {
            transfer: t,
            state: t.state().label(),
            state_on: p.status.state.label(),
            implied: p.implied,
            waiting: p.waiting,
        }
    }
}

pub fn show(member: i64, name: &str, on: NaiveDate, views: &[View<'_>]) -> String {
    let mut out = format!(
        "团员 {member} {name} 的转接记录（共 {} 项，按 {on} 计算期限）\n",
        views.len()
    );
    if views.is_empty() {
        out.push_str("（无）\n");
    }
    for (i, v) in views.iter().enumerate() {
        let t = v.transfer;
        let _ = writeln!(
            out,
            "\n第 {} 项：{}{}  转接原因 {}（{}）  发起方 {}",
            i + 1,
            v.state_on,
            if t.resubmission {
                "（重新发起）"
            } else {
                ""
            },
            t.reason.code(),
            t.reason.label(),
            t.initiator.label()
        );
        let region = t.region.as_ref().map(|r| r.label()).unwrap_or_default();
        let _ = writeln!(
            out,
            "转入组织：{}  {}{}{}",
            t.destination,
            region,
            if t.jing_yue_min {
                "  京粤闽（不可撤销，R11）"
            } else {
                ""
            },
            if t.into_committee {
                "  须分配团支部（W2）"
            } else {
                ""
            }
        );
        let nodes: Vec<&str> = t.nodes().iter().map(|n| n.label()).collect();
        let _ = writeln!(out, "审批节点：{}", nodes.join(" → "));
        let mut rows: Vec<Vec<String>> = t
            .events()
            .iter()
            .map(|e| {
                vec![
                    e.on.to_string(),
                    e.kind.label(),
                    e.actor.clone(),
                    e.note.clone().unwrap_or_default(),
                ]
            })
            .collect();
        rows.extend(v.implied.iter().map(|e| {
            vec![
                e.on.to_string(),
                e.kind.label(),
                "系统（按期限推算，W4）".into(),
                String::new(),
            ]
        }));
        out.push_str(&table(&["日期", "步骤", "办理人", "备注"], &rows));
        if let Some(w) = &v.waiting {
            let what = w.node.map_or("分配团支部".to_string(), |n| {
                format!("“{}”审批", n.label())
            });
            let _ = write!(out, "正在等待{what}：自 {} 起 {} 天", w.since, w.days);
            if w.reminder {
                out.push_str("，已超过提醒期限");
            }
            if let Some(d) = &w.deadline {
                if let Some(p) = d.auto_pass_on {
                    let _ = write!(out, "；{p} 默认通过");
                }
                if let Some(x) = d.terminate_on {
                    let _ = write!(out, "；{x} 自动终止并退回");
                }
            }
            out.push('\n');
        }
    }
    out
}

pub fn due_table(year: i32, on: NaiveDate, items: &[DueItem]) -> String {
    let mut out = format!("{year} 届待办清单（截至 {on}），共 {} 项\n", items.len());
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            let left = if i.days_left < 0 {
                format!("逾期 {} 天", -i.days_left)
            } else {
                format!("{} 天", i.days_left)
            };
            vec![
                i.due_on.to_string(),
                left,
                i.kind.label().to_string(),
                i.name.to_string(),
                i.branch.to_string(),
                i.text.clone(),
                i.rule.to_string(),
            ]
        })
        .collect();
    out.push_str(&table(
        &["到期日", "剩余", "类别", "姓名", "团支部", "事项", "依据"],
        &rows,
    ));
    out
}

/// `by_college`: the lines come from colleges' packages (at a school), whose member numbers
/// name nobody in this store — the college is shown instead.
fn lines(title: &str, v: &[RateLine], by_college: bool) -> String {
    if v.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{title}（{} 人）\n", v.len());
    let rows: Vec<Vec<String>> = v
        .iter()
        .map(|l| {
            vec![
                if by_college {
                    l.college.to_string()
                } else {
                    l.member_id.to_string()
                },
                l.name.to_string(),
                l.branch.to_string(),
                l.standing.to_string(),
            ]
        })
        .collect();
    let first = if by_college { "学院" } else { "编号" };
    out.push_str(&table(&[first, "姓名", "团支部/转入组织", "状态"], &rows));
    out
}

fn rate_block(r: &Rate, detail: bool, by_college: bool) -> String {
    let mut out = String::new();
    let done: std::collections::HashSet<(i64, &str)> =
        r.done_out.iter().map(RateLine::key).collect();
    let open: Vec<RateLine> = r
        .graduates
        .iter()
        .filter(|l| !done.contains(&l.key()))
        .cloned()
        .collect();
    out.push_str(&lines(
        &format!("{}：未完成的毕业生（计入分母）", r.label),
        &open,
        by_college,
    ));
    if detail {
        out.push_str(&lines(
            &format!("{}：已完成转出（分子）", r.label),
            &r.done_out,
            by_college,
        ));
    }
    out.push_str(&lines(
        &format!("{}：转入已完成（分子）", r.label),
        &r.done_in,
        by_college,
    ));
    out.push_str(&lines(
        &format!("{}：申请转入（分母）", r.label),
        &r.applied_in,
        by_college,
    ));
    out.push_str(&lines(
        &format!("{}：转入被退回或终止（从分母扣除）", r.label),
        &r.returned_in,
        by_college,
    ));
    out
}

pub fn rates_table(r: &RatesReport, unit_name: &str, detail: bool, by_college: bool) -> String {
    let mut out = format!("{} 届衔接率：{unit_name}（截至 {}）\n", r.year, r.on);
    let row = |x: &Rate| {
        vec![
            x.label.to_string(),
            format!("{} + {}", x.done_out.len(), x.done_in.len()),
            format!(
                "{} + {} − {}",
                x.graduates.len(),
                x.applied_in.len(),
                x.returned_in.len()
            ),
            x.display(),
        ]
    };
    out.push_str(&table(
        &[
            "指标",
            "分子（转出完成 + 转入成功）",
            "分母（毕业生 + 申请转入 − 退回）",
            "衔接率",
        ],
        &[row(&r.sx), row(&r.xs), row(&r.incoming)],
    ));
    out.push_str(&rate_block(&r.sx, detail, by_college));
    out.push_str(&rate_block(&r.xs, detail, by_college));
    out.push_str(&lines(
        "不纳入统计：延迟毕业团员、教师（M3）",
        &r.outside,
        by_college,
    ));
    out
}

pub fn calendar_table(s: &CampaignSettings, on: NaiveDate) -> String {
    let mut out = format!(
        "{} 年学社衔接工作日历（W5；日期与天数可用 --set 修改，W5a）\n",
        s.year
    );
    let st = standing(s, on);
    let now: Vec<&str> = st.periods.iter().map(|p| p.label).collect();
    let _ = writeln!(
        out,
        "{on}：{}",
        if now.is_empty() {
            "不在工作期内".to_string()
        } else {
            now.join("、")
        }
    );
    if let Some((m, days)) = &st.next {
        let _ = writeln!(out, "下一个节点：{} {}（还有 {days} 天）", m.on, m.label);
    }
    out.push('\n');
    let rows: Vec<Vec<String>> = periods(s)
        .iter()
        .map(|p| {
            vec![
                p.from.to_string(),
                p.to.map(|t| t.to_string()).unwrap_or("—".into()),
                p.label.to_string(),
            ]
        })
        .collect();
    out.push_str(&table(&["开始", "结束", "阶段"], &rows));
    out.push('\n');
    let rows: Vec<Vec<String>> = milestones(s)
        .iter()
        .map(|m| vec![m.on.to_string(), m.label.to_string(), m.rule.to_string()])
        .collect();
    out.push_str(&table(&["日期", "节点", "依据"], &rows));
    let _ = writeln!(
        out,
        "\n期限（W4、W7）：超过 {} 天未审批提醒；{} 天默认通过；{} 之后超过 {} 天未审批自动终止；在校保留一般 {} 个月、最长 {} 个月；流动团员每 {} 个月联系一次",
        s.reminder_days, s.auto_pass_days, s.closing_after, s.terminate_days, s.retention_months, s.retention_max_months, s.contact_months
    );
    out
}

/// Applies `key=value` changes to the settings (numbers or dates), then validates.
pub fn with_changes(s: CampaignSettings, changes: &[String]) -> Result<CampaignSettings> {
    let mut v = serde_json::to_value(&s).map_err(|e| Error::internal(e.to_string()))?;
    for c in changes {
        let (k, val) = c.split_once('=').ok_or_else(|| {
            Error::invalid(format!(
                "--set：“{c}”应为 键=值，例如 request_by=2026-06-30"
            ))
        })?;
        let k = k.trim();
        let slot = v
            .get_mut(k)
            .filter(|_| k != "year")
            .ok_or_else(|| Error::invalid(format!("--set：没有名为“{k}”的设置")))?;
        *slot = if slot.is_number() {
            serde_json::Value::from(
                val.trim()
                    .parse::<i64>()
                    .map_err(|_| Error::invalid(format!("--set {k}：“{val}”不是整数")))?,
            )
        } else {
            let d = xianjie::date::parse_date_lenient(val.trim())
                .map_err(|e| Error::invalid(format!("--set {k}：{e}")))?;
            serde_json::Value::from(d.to_string())
        };
    }
    let out: CampaignSettings =
        serde_json::from_value(v).map_err(|e| Error::invalid(format!("--set：设置无效：{e}")))?;
    out.validate()?;
    Ok(out)
}

/// A `--set` for the receiving side's settings (N1) rather than the campaign's.
pub fn is_receiving_key(change: &str) -> bool {
    let key = change.split_once('=').map_or(change, |(k, _)| k).trim();
    matches!(key, "enrolment" | "start_within_months")
}

/// `enrolment=2026-09-01` (empty: unset), `start_within_months=1` applied to `s` (checked).
pub fn with_receiving_changes(
    mut s: xianjie::freshman::ReceivingSettings,
    changes: &[String],
) -> Result<xianjie::freshman::ReceivingSettings> {
    for c in changes {
        let (k, val) = c.split_once('=').ok_or_else(|| {
            Error::invalid(format!("--set：“{c}”应为 键=值，例如 enrolment=2026-09-01"))
        })?;
        let val = val.trim();
        match k.trim() {
            "enrolment" if val.is_empty() => s.enrolment = None,
            "enrolment" => {
                s.enrolment = Some(
                    xianjie::date::parse_date_lenient(val)
                        .map_err(|e| Error::invalid(format!("--set enrolment：{e}")))?,
                )
            }
            _ => {
                s.start_within_months = val.parse().map_err(|_| {
                    Error::invalid(format!("--set start_within_months：“{val}”不是整数"))
                })?
            }
        }
    }
    s.validate()?;
    Ok(s)
}
