//! Campaign-year settings (W5a): the day counts and dates of W4–W7.
//!
//! Provinces and years differ (Guangdong asks for requests by 06-30…), so every number the
//! deadlines, the calendar and the due list use comes from here, with the seeds' values as the
//! defaults. The office may change them per year; nothing else in the code holds these numbers.

use crate::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The settings of one campaign (cohort) year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CampaignSettings {
    pub year: i32,
    /// W4: a node unapproved for more than this many days gets a reminder (10).
    pub reminder_days: i64,
    /// W4: after this many days the node counts as approved (15); allocation never auto-passes.
    pub auto_pass_days: i64,
    /// W4: after `closing_after`, a node unapproved for more than this many days ends the
    /// request (10).
    pub terminate_days: i64,
    /// W5: the last day of the review period; the closing period starts the day after (09-30).
    pub closing_after: NaiveDate,
    /// W5: application period (05-01…08-31).
    pub application_from: NaiveDate,
    pub application_to: NaiveDate,
    /// W5: non-study transfers start (06-01).
    pub non_study_from: NaiveDate,
    /// W5: every non-study, non-army graduate has a started request by this day (07-25).
    pub request_by: NaiveDate,
    /// W5: review period starts (09-01); study transfers start too.
    pub review_from: NaiveDate,
    /// W5: local orgs should have received (09-20).
    pub receive_by: NaiveDate,
    /// W5: study transfers basically done (10-15).
    pub study_done_by: NaiveDate,
    /// W7: retention normally ends within this many months (6) …
    pub retention_months: u32,
    /// … and never lasts past this many (12).
    pub retention_max_months: u32,
    /// W7: a flowing member contacts the org at least every this many months (6).
    pub contact_months: u32,
    /// W7: lost contact for this many months → 停止团籍 (12).
    pub lost_contact_months: u32,
    /// How many days ahead the due list warns of a coming date (30).
    pub warn_ahead_days: i64,
}

fn md(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

impl CampaignSettings {
    /// The seeds' values (001 注意事项1, 002 §1.5, 000 关键时间节点, 003 附件9).
    pub fn defaults(year: i32) -> Self {
        Self {
            year,
            reminder_days: 10,
            auto_pass_days: 15,
            terminate_days: 10,
            closing_after: md(year, 9, 30),
            application_from: md(year, 5, 1),
            application_to: md(year, 8, 31),
            non_study_from: md(year, 6, 1),
            request_by: md(year, 7, 25),
            review_from: md(year, 9, 1),
            receive_by: md(year, 9, 20),
            study_done_by: md(year, 10, 15),
            retention_months: 6,
            retention_max_months: 12,
            contact_months: 6,
            lost_contact_months: 12,
            warn_ahead_days: 30,
        }
    }

    /// Refuses settings that cannot work (negative counts, dates out of order).
    pub fn validate(&self) -> Result<()> {
        let bad = |field: &str, why: &str| {
            Err(Error::invalid(format!(
                "{} 年工作设置的“{field}”无效：{why}（W5a）",
                self.year
            )))
        };
        if !(1900..=2100).contains(&self.year) {
            return bad("年度", "应在 1900–2100 之间");
        }
        for (name, v) in [
            ("超时提醒天数", self.reminder_days),
            ("默认通过天数", self.auto_pass_days),
            ("自动终止天数", self.terminate_days),
            ("提前提醒天数", self.warn_ahead_days),
        ] {
            if !(0..=365).contains(&v) {
                return bad(name, "应为 0–365 天");
            }
        }
        if self.reminder_days > self.auto_pass_days {
            return bad("超时提醒天数", "不能大于默认通过天数");
        }
        if self.retention_months > self.retention_max_months {
            return bad("在校保留月数", "不能大于最长保留月数");
        }
        if self.contact_months == 0 || self.retention_months == 0 {
            return bad("月数", "应大于 0");
        }
        if self.application_from > self.application_to {
            return bad("申请期", "开始日期晚于结束日期");
        }
        if self.review_from > self.closing_after {
            return bad("审核期", "开始日期晚于结束日期");
        }
        if self.non_study_from > self.request_by {
            return bad("全部发起截止日期", "早于非升学转接开始日期");
        }
        Ok(())
    }

    /// W4: whether `on` lies in the closing period (strictly after `closing_after`).
    pub fn closing(&self, on: NaiveDate) -> bool {
        on > self.closing_after
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_seeds_values_and_valid() {
        let s = CampaignSettings::defaults(2026);
        assert_eq!(s.closing_after, md(2026, 9, 30));
        assert_eq!(s.request_by, md(2026, 7, 25));
        assert_eq!((s.reminder_days, s.auto_pass_days), (10, 15));
        s.validate().unwrap();
        assert!(!s.closing(md(2026, 9, 30)) && s.closing(md(2026, 10, 1)));
    }

    #[test]
    fn bad_settings_are_refused_in_chinese() {
        let mut s = CampaignSettings::defaults(2026);
        s.reminder_days = 20;
        let e = s.validate().unwrap_err();
        assert!(e.message.contains("超时提醒天数"), "{}", e.message);
    }
}
