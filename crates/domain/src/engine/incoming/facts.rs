//! The input of the receiving side (rules.md §9): one incoming new student's facts on one date,
//! and the settings of the campaign year the dates come from.

use crate::date::{age_on, YearMonth};
use crate::engine::membership::{membership, Membership};
use crate::id_number::IdNumber;
use crate::member::Politics;
use crate::transfer::settings::CampaignSettings;
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

crate::labeled_enum! {
    /// The level the new student enters at (N2: the 28-year limit mostly meets postgraduates).
    StudyLevel {
        Undergraduate = "undergraduate", "本（专）科新生";
        Postgraduate = "postgraduate", "研究生新生";
    }
}

crate::labeled_enum! {
    /// The student's account in 智慧团建, as far as the office knows it (N5).
    AccountStatus {
        Usable = "usable", "账号正常";
        None = "none", "没有账号（有团员档案）";
        Deleted = "deleted", "账号被原团组织删除";
        Duplicate = "duplicate", "存在两个重复账号";
        FileNotUploaded = "file_not_uploaded", "团员档案未上传";
        Unknown = "unknown", "未知";
    }
}

/// Everything the receiving-side advice looks at. Built from a contract case (`kind:
/// incoming`) or, later, from the freshmen list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncomingFacts {
    /// The date the question is asked: the only "today".
    pub on: NaiveDate,
    pub id_number: Option<IdNumber>,
    pub birth_date: NaiveDate,
    /// 入团时间 as in the 入团志愿书; `None` when unknown.
    pub joined: Option<YearMonth>,
    pub politics: Politics,
    /// Holds a league post (keeps membership at 28+, M5).
    pub league_post: bool,
    pub level: StudyLevel,
    /// This school's own graduate going on to study here (研一, 000 #22).
    pub own_graduate: bool,
    /// The former school or unit, as the student gives it.
    pub former_unit: Option<String>,
    /// Its province, short name (湖北, 北京…); 京粤闽 have their own systems (N6).
    pub former_province: Option<String>,
    /// 团员发展编号, 12 digits, when known (N5: needed to register a 2017+ member).
    pub development_number: Option<String>,
    pub account: AccountStatus,
    /// 入团时间 in 智慧团建 differs from the 入团志愿书 / 团员证 (N4).
    pub join_date_differs: bool,
    /// A 定向委培 student holding an administrative post in the original unit (N7).
    pub commissioned_with_post: bool,
    /// Asks to keep the relation in the original unit instead of transferring in (N7).
    pub asks_to_stay: bool,
    /// The college of the admitted major differs from the college the student is in (N8).
    pub college_differs: bool,
    /// The student's enrolment date; `None`: the school's, from [`IncomingSettings`].
    pub enrolled: Option<NaiveDate>,
    /// 学号, for the school administrator's list (N8).
    pub student_number: Option<String>,
    /// The full name (全称) of the class branch the student goes into, when it exists.
    pub target_branch: Option<String>,
    /// The student brought a paper 团组织关系介绍信 (N11).
    pub brought_letter: bool,
    /// The date the letter was issued, when known (valid 90 days, L1).
    pub letter_issued: Option<NaiveDate>,
}

impl IncomingFacts {
    /// The contract's defaults for everything but the date and the birth date: a league
    /// member entering as an undergraduate, account unknown, nothing special.
    pub fn new(on: NaiveDate, birth_date: NaiveDate) -> Self {
        Self {
            on,
            id_number: None,
            birth_date,
            joined: None,
            politics: Politics::League,
            league_post: false,
            level: StudyLevel::Undergraduate,
            own_graduate: false,
            former_unit: None,
            former_province: None,
            development_number: None,
            account: AccountStatus::Unknown,
            join_date_differs: false,
            commissioned_with_post: false,
            asks_to_stay: false,
            college_differs: false,
            enrolled: None,
            student_number: None,
            target_branch: None,
            brought_letter: false,
            letter_issued: None,
        }
    }

    /// Whether the student is a member on the date asked (N2 = M5, M6 and 群众, the same test
    /// as for graduates).
    pub fn membership(&self) -> Membership {
        membership(
            self.birth_date,
            self.on,
            self.league_post,
            self.joined,
            self.politics,
        )
    }

    /// Age in full years on the date asked.
    pub fn age(&self) -> i32 {
        age_on(self.birth_date, self.on)
    }

    /// The campaign year the student belongs to: the enrolment's year when known; otherwise
    /// the year asked, the previous one before May (the campaign of year Y opens on Y-05-01
    /// and its September intake is still followed up in the next spring).
    pub fn campaign_year(&self) -> i32 {
        match self.enrolled {
            Some(e) => e.year(),
            None if self.on.month() < 5 => self.on.year() - 1,
            None => self.on.year(),
        }
    }
}

/// The numbers and dates of the receiving side (N1), with the seeds' values as defaults;
/// like [`CampaignSettings`] (W5a), the office may change them per year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncomingSettings {
    /// The campaign year's settings: `study_done_by` (10-15) is N1's "basically done", the
    /// W4 day counts apply to the transfers in as to the transfers out (N3).
    pub campaign: CampaignSettings,
    /// The school's enrolment date this year, when set; a student's own date wins.
    pub enrolment: Option<NaiveDate>,
    /// N1: months after enrolment within which the new branches exist and every transfer in
    /// is started (1, 001 一.2).
    pub start_within_months: u32,
}

impl IncomingSettings {
    /// The seeds' values for `year`: no enrolment date (each school has its own), one month,
    /// 10-15.
    pub fn defaults(year: i32) -> Self {
        Self::from_campaign(CampaignSettings::defaults(year))
    }

    /// The office's campaign settings with the seeds' values for the rest.
    pub fn from_campaign(campaign: CampaignSettings) -> Self {
        Self {
            campaign,
            enrolment: None,
            start_within_months: 1,
        }
    }

    /// The enrolment date that applies to `facts`: the student's, else the school's.
    pub fn enrolment_of(&self, facts: &IncomingFacts) -> Option<NaiveDate> {
        facts.enrolled.or(self.enrolment)
    }

    /// N1: the day by which the transfer in must have been started (enrolment plus
    /// `start_within_months`), when the enrolment date is known.
    pub fn start_by(&self, enrolled: NaiveDate) -> Option<NaiveDate> {
        enrolled.checked_add_months(Months::new(self.start_within_months))
    }

    /// N1: the day by which the transfers in are basically done (10-15).
    pub fn done_by(&self) -> NaiveDate {
        self.campaign.study_done_by
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap_or_default()
    }

    #[test]
    fn campaign_year_follows_enrolment_then_the_season() {
        let mut f = IncomingFacts::new(d(2027, 3, 1), d(2008, 5, 1));
        assert_eq!(f.campaign_year(), 2026, "spring follows last September");
        f.on = d(2026, 9, 10);
        assert_eq!(f.campaign_year(), 2026);
        f.enrolled = Some(d(2025, 9, 1));
        assert_eq!(f.campaign_year(), 2025);
    }

    #[test]
    fn defaults_are_the_seeds_values() {
        let s = IncomingSettings::defaults(2026);
        assert_eq!(s.done_by(), d(2026, 10, 15));
        assert_eq!(s.start_by(d(2026, 9, 1)), Some(d(2026, 10, 1)));
        assert_eq!(s.start_by(d(2026, 8, 31)), Some(d(2026, 9, 30)));
        assert_eq!(s.enrolment, None);
    }
}
