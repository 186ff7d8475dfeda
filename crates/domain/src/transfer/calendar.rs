//! The campaign calendar (W5–W7): periods, milestones, where a date stands, and the due list.
//!
//! All dates come from [`CampaignSettings`] (W5a). The due list is what the office works
//! through each morning: nodes waiting too long, automatic moves coming, termination risks,
//! graduates without a request, retention and contact limits, overdue letter receipts.

use super::cohort::{Graduate, Unit};
use super::deadline::{advance, waiting};
use super::ledger::Ledger;
use super::rates::{counting_transfer, metric_of};
use super::settings::CampaignSettings;
use super::state::State;
use crate::destination::Reason;
use crate::engine::Metric;
use crate::rule::RuleId;
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;
use std::sync::Arc;

/// A dated point of the campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Milestone {
    pub on: NaiveDate,
    pub label: &'static str,
    pub rule: RuleId,
}

/// A stretch of the campaign; `to` is `None` for the open-ended closing period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub label: &'static str,
}

impl Period {
    pub fn contains(&self, on: NaiveDate) -> bool {
        on >= self.from && self.to.is_none_or(|t| on <= t)
    }
}

/// W5: the periods of the year (they overlap: non-study and study work run side by side).
pub fn periods(s: &CampaignSettings) -> Vec<Period> {
    vec![
        Period {
            from: s.application_from,
            to: Some(s.application_to),
            label: "申请期（可随时撤销）",
        },
        Period {
            from: s.non_study_from,
            to: Some(s.request_by),
            label: "非升学转接集中发起",
        },
        Period {
            from: s.review_from,
            to: Some(s.closing_after),
            label: "审核期",
        },
        Period {
            from: s.review_from,
            to: Some(s.study_done_by),
            label: "升学转接推进",
        },
        Period {
            from: s.closing_after.succ_opt().unwrap_or(s.closing_after),
            to: None,
            label: "收尾期（超过10天未审批自动终止）",
        },
    ]
}

/// W5: the milestones of the year, in date order.
pub fn milestones(s: &CampaignSettings) -> Vec<Milestone> {
    let mut m = vec![
        Milestone {
            on: s.application_from,
            label: "申请期开始",
            rule: RuleId::W5,
        },
        Milestone {
            on: s.non_study_from,
            label: "非升学转接开始",
            rule: RuleId::W5,
        },
        Milestone {
            on: s.request_by,
            label: "非升学毕业生100%发起转接；之后标记在校保留",
            rule: RuleId::W5,
        },
        Milestone {
            on: s.application_to,
            label: "申请期结束",
            rule: RuleId::W5,
        },
        Milestone {
            on: s.review_from,
            label: "审核期开始；升学转接开始",
            rule: RuleId::W5,
        },
        Milestone {
            on: s.receive_by,
            label: "地方团组织基本完成接收",
            rule: RuleId::W5,
        },
        Milestone {
            on: s.closing_after,
            label: "审核期结束；次日起进入收尾期",
            rule: RuleId::W4,
        },
        Milestone {
            on: s.study_done_by,
            label: "升学转接基本完成",
            rule: RuleId::W5,
        },
    ];
    m.sort_by_key(|x| x.on);
    m
}

/// Where a date stands in the campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Standing {
    pub on: NaiveDate,
    pub periods: Vec<Period>,
    /// The next milestone on or after the date, and the days to it.
    pub next: Option<(Milestone, i64)>,
}

pub fn standing(s: &CampaignSettings, on: NaiveDate) -> Standing {
    Standing {
        on,
        periods: periods(s).into_iter().filter(|p| p.contains(on)).collect(),
        next: milestones(s).into_iter().find(|m| m.on >= on).map(|m| {
            let days = (m.on - on).num_days();
            (m, days)
        }),
    }
}

crate::labeled_enum! {
    /// What kind of thing is due.
    DueKind {
        Reminder = "reminder", "超过10天未审批";
        AutoPass = "auto_pass", "即将超时默认通过";
        Allocation = "allocation", "待分配团支部";
        TerminationRisk = "termination_risk", "收尾期自动终止风险";
        NoRequest = "no_request", "未发起转接";
        RetentionLimit = "retention_limit", "在校保留期限";
        Contact = "contact", "流动团员定期联系";
        ReceiptOverdue = "receipt_overdue", "介绍信回执逾期";
    }
}

/// An expected letter receipt (L1); the letter register supplies these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceiptDue {
    pub member_id: i64,
    pub letter_no: String,
    pub due_on: NaiveDate,
    pub received: bool,
}

/// One line of the due list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    pub kind: DueKind,
    pub member_id: i64,
    /// Shared with the cohort's graduate (a due list has tens of thousands of lines).
    #[serde(serialize_with = "super::cohort::shared")]
    pub name: Arc<str>,
    #[serde(serialize_with = "super::cohort::shared")]
    pub branch: Arc<str>,
    /// The date it falls due (may be past).
    pub due_on: NaiveDate,
    /// Days from the "as of" date to `due_on` (negative: overdue).
    pub days_left: i64,
    pub text: String,
    pub rule: RuleId,
}

/// A destination a township's 学社衔接临时团支部 receives (R3, R6, R7; R3a).
fn township(reason: Reason) -> bool {
    matches!(reason, Reason::R3 | Reason::R6 | Reason::R7)
}

fn add_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(Months::new(m))
        .unwrap_or(NaiveDate::MAX)
}

/// The due list of `unit` as of `on`, soonest first.
pub fn due_list(
    graduates: &[Graduate],
    ledger: &Ledger,
    receipts: &[ReceiptDue],
    unit: Unit,
    on: NaiveDate,
    s: &CampaignSettings,
) -> Vec<DueItem> {
    let ahead = on
        .checked_add_days(Days::new(s.warn_ahead_days.max(0) as u64))
        .unwrap_or(NaiveDate::MAX);
    let mut out = Vec::new();
    let mut names = std::collections::HashMap::new();
    // M3 and non-members with no transfer on record have nothing due (R12: 超龄离团 etc.).
    let due = |g: &&Graduate| {
        unit.has(g)
            && !g.marked
            && (g.membership.is_member() || ledger.latest(g.member_id).is_some())
    };
    for g in graduates.iter().filter(due) {
        if !receipts.is_empty() {
            names.insert(g.member_id, g);
        }
        let mut push = |kind, due_on: NaiveDate, text: String, rule| {
            out.push(DueItem {
                kind,
                member_id: g.member_id,
                name: g.name.clone(),
                branch: g.branch.clone(),
                due_on,
                days_left: (due_on - on).num_days(),
                text,
                rule,
            })
        };
        let counted = counting_transfer(ledger, g.member_id, on);
        let mut state = None;
        if let Some(t) = counted {
            let mut last_auto = None;
            let st = advance(t, on, s, |ev| last_auto = Some(ev.on));
            state = Some(st.state);
            if let Some(w) = &waiting(t, &st, on, s) {
                match (w.node, &w.deadline) {
                    (Some(node), Some(d)) => {
                        if w.reminder {
                            push(
                                DueKind::Reminder,
                                d.reminder_from,
                                format!("“{}”已 {} 天未审批", node.label(), w.days),
                                RuleId::W4,
                            );
                        }
                        if let Some(x) = d.terminate_on.filter(|x| *x <= ahead) {
                            push(
                                DueKind::TerminationRisk,
                                x,
                                format!(
                                    "“{}”若仍未审批，将于 {x} 自动终止并退回，须重新发起",
                                    node.label()
                                ),
                                RuleId::W4,
                            );
                        } else if let Some(x) = d.auto_pass_on.filter(|x| *x <= ahead) {
                            push(
                                DueKind::AutoPass,
                                x,
                                format!("“{}”若仍未审批，将于 {x} 默认通过", node.label()),
                                RuleId::W4,
                            );
                        }
                    }
                    _ if w.reminder => push(
                        DueKind::Allocation,
                        w.since,
                        format!("审批已通过 {} 天，仍未分配团支部（不会自动完成）", w.days),
                        RuleId::W2,
                    ),
                    _ => {}
                }
            }
            // 001 一.1 “（下同）”: from September a county-level committee receives what a
            // township cannot, for every township destination (R3, R6, R7).
            let county = if township(t.reason) && on.month() >= 9 {
                "；9月起乡镇街道接收确有困难的，可改转县级团组织建立的“学社衔接临时团支部”"
            } else {
                ""
            };
            if st.state == State::AutoTerminated {
                if let Some(ended) = last_auto {
                    push(
                        DueKind::TerminationRisk,
                        ended,
                        format!("已超时自动终止并退回，须重新发起{county}"),
                        RuleId::W4,
                    );
                }
            } else if st.state == State::Returned && !county.is_empty() {
                let ended = t.events().last().map_or(on, |e| e.on);
                push(
                    DueKind::TerminationRisk,
                    ended,
                    format!("转入组织不同意（已退回），须重新发起{county}"),
                    RuleId::R3a,
                );
            }
        }
        let started = counted.is_some();
        let retained = g.retained_since.filter(|d| *d <= on);
        if !started
            && retained.is_none()
            && !g.army
            && metric_of(g, None, ledger) == Some(Metric::Xs)
        {
            let left = (s.request_by - on).num_days();
            let text = if left >= 0 {
                format!(
                    "非升学毕业生尚未发起转接，{} 前须发起（还有 {left} 天）",
                    s.request_by
                )
            } else {
                format!("非升学毕业生尚未发起转接，已超过 {} 的期限", s.request_by)
            };
            push(DueKind::NoRequest, s.request_by, text, RuleId::W5);
        }
        let done = counted.is_some_and(|t| !t.into_own_flowing()) && state == Some(State::Done);
        if let (Some(since), false) = (retained, done) {
            let normal = add_months(since, s.retention_months);
            let max = add_months(since, s.retention_max_months);
            if max <= ahead {
                push(
                    DueKind::RetentionLimit,
                    max,
                    format!(
                        "在校保留将满 {} 个月（最长期限），须转出",
                        s.retention_max_months
                    ),
                    RuleId::W7,
                );
            } else if normal <= ahead {
                push(
                    DueKind::RetentionLimit,
                    normal,
                    format!("在校保留将满 {} 个月，应及时转出", s.retention_months),
                    RuleId::W7,
                );
            }
        }
        if let (Some(last), false) = (g.last_contact.or(retained), done) {
            let contact = add_months(last, s.contact_months);
            let lost = add_months(last, s.lost_contact_months);
            if lost <= on {
                push(
                    DueKind::Contact,
                    lost,
                    format!("已 {} 个月未联系，按规定停止团籍", s.lost_contact_months),
                    RuleId::W7,
                );
            } else if contact <= ahead {
                push(
                    DueKind::Contact,
                    contact,
                    format!(
                        "流动团员须每 {} 个月至少联系一次（上次 {last}）",
                        s.contact_months
                    ),
                    RuleId::W7,
                );
            }
        }
    }
    for r in receipts.iter().filter(|r| !r.received && r.due_on < on) {
        let Some(g) = names.get(&r.member_id) else {
            continue;
        };
        out.push(DueItem {
            kind: DueKind::ReceiptOverdue,
            member_id: r.member_id,
            name: g.name.clone(),
            branch: g.branch.clone(),
            due_on: r.due_on,
            days_left: (r.due_on - on).num_days(),
            text: format!(
                "介绍信 {} 的回执应于 {} 前寄回，尚未收到",
                r.letter_no, r.due_on
            ),
            rule: RuleId::L1,
        });
    }
    out.sort_by_key(|a| (a.due_on, a.member_id, a.kind));
    out
}
