//! The campaign calendar (W5) and the year's settings (W5a): the periods and milestones with
//! today's place in them, and the day counts and dates the office may change — one record a
//! year, edited alike in the app's 设置 › 工作日历 and `xianjie calendar --set` — and the
//! receiving side's own (N1: the enrolment date, the month to start every transfer in).

use super::Context;
use crate::freshman::ReceivingSettings;
use crate::transfer::CampaignSettings;
use crate::Result;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A stretch of the campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PeriodView {
    pub label: String,
    pub from: String,
    /// null: open-ended (收尾期).
    pub to: Option<String>,
    /// The date asked falls in it.
    pub current: bool,
}

/// A dated point of the campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MilestoneView {
    pub on: String,
    pub label: String,
    pub rule: String,
    pub past: bool,
    pub days_left: i64,
}

/// The campaign calendar of the cohort year and today's place in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CalendarView {
    pub periods: Vec<PeriodView>,
    pub milestones: Vec<MilestoneView>,
    /// The next milestone on or after the date; null once the campaign's last one passed.
    pub next: Option<MilestoneView>,
}

/// The calendar of settings `s` and `on`'s place in it.
pub fn view(s: &CampaignSettings, on: NaiveDate) -> CalendarView {
    let view = |m: &crate::transfer::calendar::Milestone| MilestoneView {
        on: m.on.to_string(),
        label: m.label.into(),
        rule: m.rule.as_str().into(),
        past: m.on < on,
        days_left: (m.on - on).num_days(),
    };
    let st = crate::transfer::standing(s, on);
    CalendarView {
        periods: crate::transfer::periods(s)
            .iter()
            .map(|p| PeriodView {
                label: p.label.into(),
                from: p.from.to_string(),
                to: p.to.map(|t| t.to_string()),
                current: p.contains(on),
            })
            .collect(),
        milestones: crate::transfer::milestones(s).iter().map(view).collect(),
        next: st.next.as_ref().map(|(m, _)| view(m)),
    }
}

/// One setting as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SettingField {
    /// The key in [`CampaignSettings`].
    pub key: String,
    pub label: String,
    /// `date`, `days` or `months`.
    pub unit: String,
    /// The rule it comes from.
    pub rule: String,
}

/// The calendar page: the year's settings, what they mean, and the calendar they make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CalendarPage {
    pub settings: CampaignSettings,
    /// The seeds' values, for 恢复默认.
    pub defaults: CampaignSettings,
    pub fields: Vec<SettingField>,
    pub calendar: CalendarView,
    /// The receiving side's settings of the year (N1).
    pub incoming: IncomingCalendar,
}

/// N1's settings of a year (the school's enrolment date, the month to start every transfer
/// in) and the dates they make with the campaign's 10-15.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IncomingCalendar {
    pub settings: ReceivingSettings,
    pub defaults: ReceivingSettings,
    pub fields: Vec<SettingField>,
    /// Every transfer in started by (enrolment + months); null without an enrolment date.
    pub start_by: Option<String>,
    /// Basically done by (the campaign's `study_done_by`, 10-15).
    pub done_by: String,
}

/// The fields of [`ReceivingSettings`] but the year.
pub const INCOMING_FIELDS: [(&str, &str, &str, &str); 2] = [
    ("enrolment", "新生入学日期", "date", "N1"),
    (
        "start_within_months",
        "入学后发起全部转入（月）",
        "months",
        "N1",
    ),
];

fn fields(list: &[(&str, &str, &str, &str)]) -> Vec<SettingField> {
    list.iter()
        .map(|(key, label, unit, rule)| SettingField {
            key: key.to_string(),
            label: label.to_string(),
            unit: unit.to_string(),
            rule: rule.to_string(),
        })
        .collect()
}

/// N1's settings of `year` with the dates they make.
pub fn incoming(ctx: &Context, year: i32) -> Result<IncomingCalendar> {
    let s = ctx.store().incoming_settings(year)?;
    Ok(IncomingCalendar {
        settings: ctx.store().receiving_settings(year)?,
        defaults: ReceivingSettings::defaults(year),
        fields: fields(&INCOMING_FIELDS),
        start_by: s
            .enrolment
            .and_then(|e| s.start_by(e))
            .map(|d| d.to_string()),
        done_by: s.done_by().to_string(),
    })
}

/// Saves N1's settings of a year (checked; audited) and returns the page anew.
pub fn save_incoming(
    ctx: &mut Context,
    s: &ReceivingSettings,
    on: NaiveDate,
) -> Result<CalendarPage> {
    s.validate()?;
    let op = ctx.operator().to_string();
    ctx.store_mut().save_receiving_settings(s, &op)?;
    page(ctx, s.year, on)
}

/// Every field of [`CampaignSettings`] but the year, in the form's order.
pub const FIELDS: [(&str, &str, &str, &str); 16] = [
    ("application_from", "申请期开始", "date", "W5"),
    ("application_to", "申请期结束", "date", "W5"),
    ("non_study_from", "非升学转接开始", "date", "W5"),
    ("request_by", "非升学毕业生全部发起转接截止", "date", "W5"),
    ("review_from", "审核期开始（升学转接开始）", "date", "W5"),
    ("receive_by", "转入地接收截止", "date", "W5"),
    ("study_done_by", "升学转接基本完成", "date", "W5"),
    ("closing_after", "审核期结束（此后为收尾期）", "date", "W5"),
    ("reminder_days", "节点未审批提醒（天）", "days", "W4"),
    ("auto_pass_days", "节点超时默认通过（天）", "days", "W4"),
    (
        "terminate_days",
        "收尾期节点超时自动终止（天）",
        "days",
        "W4",
    ),
    ("warn_ahead_days", "待办清单提前提醒（天）", "days", "W5a"),
    ("retention_months", "在校保留一般期限（月）", "months", "W7"),
    (
        "retention_max_months",
        "在校保留最长期限（月）",
        "months",
        "W7",
    ),
    ("contact_months", "流动团员联系间隔（月）", "months", "W7"),
    ("lost_contact_months", "失联停止团籍（月）", "months", "W7"),
];

/// The calendar page of cohort `year` as of `on`.
pub fn page(ctx: &Context, year: i32, on: NaiveDate) -> Result<CalendarPage> {
    let settings = ctx.store().campaign_settings(year)?;
    Ok(CalendarPage {
        calendar: view(&settings, on),
        defaults: CampaignSettings::defaults(year),
        fields: fields(&FIELDS),
        settings,
        incoming: incoming(ctx, year)?,
    })
}

/// The year's settings as stored (the seeds' values until changed).
pub fn settings(ctx: &Context, year: i32) -> Result<CampaignSettings> {
    ctx.store().campaign_settings(year)
}

/// Saves a year's settings (checked: counts positive, dates in order; audited) and returns the
/// page anew.
pub fn save(ctx: &mut Context, s: &CampaignSettings, on: NaiveDate) -> Result<CalendarPage> {
    s.validate()?;
    let op = ctx.operator().to_string();
    crate::store::transfers::save_settings(ctx.store_mut(), s, &op)?;
    page(ctx, s.year, on)
}
