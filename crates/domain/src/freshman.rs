//! The September half's new students (rules.md §9): one freshman as the office keeps them,
//! the facts the receiving side's engine (`engine::incoming::advise`) reads from the record,
//! the key their transfers in are filed under, and the office's way of naming a new class
//! branch.
//!
//! Pure like the rest of the domain: the record is built by the freshmen list's reader
//! (`xianjie-sheet`) and stored by the store; "today" is always an argument.

use crate::date::YearMonth;
use crate::engine::incoming::{AccountStatus, IncomingFacts, IncomingSettings, StudyLevel};
use crate::id_number::IdNumber;
use crate::member::Politics;
use crate::text;
use chrono::NaiveDate;
use serde::Serialize;

/// One new student of a campaign year, as the freshmen list gave them. Names and units are
/// kept as typed (`text::keep`); they are matched folded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Freshman {
    /// 0 until stored.
    pub id: i64,
    /// The campaign year that receives the student (the enrolment's year, N1).
    pub year: i32,
    pub name: String,
    pub id_number: IdNumber,
    pub student_no: Option<String>,
    /// The college the student is in now.
    pub college: Option<String>,
    pub major: Option<String>,
    /// The class as the list writes it (计算机1班…).
    pub class: Option<String>,
    /// The full name of the class branch the student goes into: as the list gave it, or made
    /// from the class in the office's pattern ([`BranchPattern`]). The org may not exist yet.
    pub branch: Option<String>,
    /// 政治面貌: 群众 are kept and listed, outside every league count (N2).
    pub politics: Politics,
    pub level: StudyLevel,
    /// This school's own graduate going on to study here (研一, N1/N10).
    pub own_graduate: bool,
    /// Holds a league post (M5: keeps membership at 28+).
    pub league_post: bool,
    /// 原就读学校 / 原所在团组织.
    pub former_unit: Option<String>,
    /// Its province, short name (湖北, 北京…): 京粤闽 have their own systems (N6).
    pub former_province: Option<String>,
    /// 入团时间 as in the 入团志愿书.
    pub joined: Option<YearMonth>,
    /// 团员发展编号 (12 digits) when known (N5).
    pub development_no: Option<String>,
    pub account: AccountStatus,
    /// 入团时间 in 智慧团建 differs from the 入团志愿书 (N4).
    pub join_date_differs: bool,
    /// The college of the admitted major, when the list gives one (N8: differs → the
    /// school's administrator adds the student).
    pub admitted_college: Option<String>,
    /// 定向委培 (N7).
    pub commissioned: bool,
    /// The administrative post held in the original unit, if any (N7).
    pub post_in_unit: Option<String>,
    /// Asks to keep the relation in the original unit (N7).
    pub asks_to_stay: bool,
    /// Brought a paper 团组织关系介绍信 (N11).
    pub brought_letter: bool,
    /// The student's own enrolment date; `None`: the school's (the year's setting).
    pub enrolled: Option<NaiveDate>,
}

/// What the office recorded of a paper letter the student brought (N11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LetterSeen {
    pub recorded: bool,
    pub issued: Option<NaiveDate>,
}

impl Freshman {
    /// N8: the admitted major's college is given and is not the student's college.
    pub fn college_differs(&self) -> bool {
        match (&self.admitted_college, &self.college) {
            (Some(a), Some(c)) => !text::same(a, c),
            (Some(_), None) => true,
            _ => false,
        }
    }

    /// N7: a 定向委培 student holding an administrative post in the original unit.
    pub fn commissioned_with_post(&self) -> bool {
        self.commissioned && self.post_in_unit.as_deref().is_some_and(has_post)
    }

    /// The engine's facts on `on`. `branch` is the class branch's full name when that org
    /// exists (the engine warns, W2, when there is none yet); `letter` what the letter
    /// register holds for the student.
    pub fn facts(&self, on: NaiveDate, branch: Option<&str>, letter: LetterSeen) -> IncomingFacts {
        IncomingFacts {
            on,
            id_number: Some(self.id_number.clone()),
            birth_date: self.id_number.birth_date(),
            joined: self.joined,
            politics: self.politics,
            league_post: self.league_post,
            level: self.level,
            own_graduate: self.own_graduate,
            former_unit: self.former_unit.clone(),
            former_province: self.former_province.clone(),
            development_number: self.development_no.clone(),
            account: self.account,
            join_date_differs: self.join_date_differs,
            commissioned_with_post: self.commissioned_with_post(),
            asks_to_stay: self.asks_to_stay,
            college_differs: self.college_differs(),
            enrolled: self.enrolled,
            student_number: self.student_no.clone(),
            target_branch: branch.map(str::to_string),
            brought_letter: self.brought_letter || letter.recorded,
            letter_issued: letter.issued,
        }
    }
}

/// N1's own settings of a campaign year (beside its `CampaignSettings`, whose 10-15 and W4
/// day counts the receiving side uses too): the school's enrolment date and the months after
/// it within which every transfer in is started. Edited in the calendar (W5a).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReceivingSettings {
    pub year: i32,
    /// The school's enrolment date (a student's own date wins); null until set.
    pub enrolment: Option<NaiveDate>,
    /// N1: one month (001 一.2).
    pub start_within_months: u32,
}

impl ReceivingSettings {
    /// The seeds' values: no enrolment date (each school has its own), one month.
    pub fn defaults(year: i32) -> Self {
        Self {
            year,
            enrolment: None,
            start_within_months: 1,
        }
    }

    /// Refuses settings that cannot work, naming the field.
    pub fn validate(&self) -> crate::Result<()> {
        let bad = |field: &str, why: String| {
            Err(crate::Error::invalid(format!(
                "{} 年新生转入设置的“{field}”无效：{why}（N1）",
                self.year
            )))
        };
        if !(1..=12).contains(&self.start_within_months) {
            return bad("发起转入期限（月）", "应为 1–12 个月".into());
        }
        if let Some(e) = self.enrolment {
            use chrono::Datelike;
            if e.year() != self.year {
                return bad("入学日期", format!("{e} 不在 {} 年", self.year));
            }
        }
        Ok(())
    }

    /// The engine's settings: these with the year's campaign settings.
    pub fn with_campaign(&self, campaign: crate::transfer::CampaignSettings) -> IncomingSettings {
        let mut s = IncomingSettings::from_campaign(campaign);
        s.enrolment = self.enrolment;
        s.start_within_months = self.start_within_months;
        s
    }
}

/// A post written in a 是/否 column or as its title: anything but a "no".
fn has_post(s: &str) -> bool {
    let t = text::clean(s);
    !t.is_empty()
        && !matches!(
            t.as_str(),
            "无" | "否" | "没有" | "/" | "-" | "—" | "N" | "n"
        )
}

/// The key a freshman's transfers in are filed under in the transfer ledger, whose other keys
/// are roster member ids (row ids, always positive): the freshman's id negated. One ledger,
/// one W1 guard and one rates calculation hold both; [`freshman_of_key`] reads it back.
pub fn transfer_key(freshman_id: i64) -> i64 {
    -freshman_id
}

/// The freshman a transfer's key stands for, if it is a freshman's.
pub fn freshman_of_key(key: i64) -> Option<i64> {
    (key < 0).then(|| -key)
}

/// 智慧团建's account status as offices write it in a list (labels, codes, short forms).
pub fn parse_account(s: &str) -> Option<AccountStatus> {
    let t = text::clean(s);
    if let Some(a) = AccountStatus::from_label(&t).or_else(|| AccountStatus::from_code(&t)) {
        return Some(a);
    }
    Some(match t.as_str() {
        "正常" | "有" | "有账号" | "已注册" | "可用" | "账号可用" => {
            AccountStatus::Usable
        }
        "无" | "无账号" | "没有账号" | "未注册" | "没有" => AccountStatus::None,
        "被删除" | "已删除" | "账号被删除" | "被原团组织删除" => {
            AccountStatus::Deleted
        }
        "重复" | "重复账号" | "两个账号" | "有两个账号" => AccountStatus::Duplicate,
        "档案未上传" | "未上传" | "团员档案未上传" | "入团志愿书未上传" => {
            AccountStatus::FileNotUploaded
        }
        "未知" | "不清楚" | "不详" | "待核实" => AccountStatus::Unknown,
        _ => return None,
    })
}

/// 本（专）科 or 研究生 as lists write it.
pub fn parse_level(s: &str) -> Option<StudyLevel> {
    let t = text::clean(s);
    if let Some(l) = StudyLevel::from_label(&t).or_else(|| StudyLevel::from_code(&t)) {
        return Some(l);
    }
    Some(match t.as_str() {
        "本科" | "专科" | "本科生" | "专科生" | "本专科" | "本(专)科" | "高职" => {
            StudyLevel::Undergraduate
        }
        "研究生" | "硕士" | "博士" | "硕士研究生" | "博士研究生" | "研一" | "硕士生" | "博士生" => {
            StudyLevel::Postgraduate
        }
        _ => return None,
    })
}

/// How the office names its class branches, read from the names it already has under a
/// committee: `{prefix}{year}级{class}团支部` ("共青团某某学院2026级计算机1班团支部"), or with
/// the major first, `{prefix}{major}{year}级{n}班团支部`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BranchPattern {
    /// What every name starts with (the committee's name without 委员会 / 团委 / 团总支).
    pub prefix: String,
    /// The year comes before the class (else the major comes first).
    pub year_first: bool,
}

const BRANCH: &str = "团支部";

/// The byte position of a `YYYY级` in `s`, if any.
fn year_mark(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mark = "级".as_bytes();
    (0..b.len().saturating_sub(3)).find(|&i| {
        b[i..i + 4].iter().all(u8::is_ascii_digit)
            && b.get(i + 4..i + 4 + mark.len()) == Some(mark)
            && (i == 0 || !b[i - 1].is_ascii_digit())
    })
}

impl BranchPattern {
    /// The pattern of the branches `existing` (full names) under the committee `parent`: the
    /// prefix is the committee's name without its level word when the names use it, else the
    /// text most of them put before `YYYY级`; the year comes first unless most names put
    /// something between the prefix and the year (the major).
    pub fn derive(parent: &str, existing: &[&str]) -> BranchPattern {
        let parent = text::keep(parent);
        let mut prefix = parent.clone();
        for word in [
            "总支部委员会",
            "工作委员会",
            "委员会",
            "团总支",
            "团工委",
            "团委",
        ] {
            if let Some(p) = parent.strip_suffix(word) {
                prefix = p.to_string();
                break;
            }
        }
        let marked: Vec<(&str, usize)> = existing
            .iter()
            .filter_map(|n| year_mark(n).map(|i| (*n, i)))
            .collect();
        let uses_prefix = marked.iter().any(|(n, _)| n.starts_with(&prefix));
        if !uses_prefix {
            // The text most names put before the year, when they do not start with the
            // committee's own name.
            let mut counts: Vec<(&str, usize)> = Vec::new();
            for (n, i) in &marked {
                let before = &n[..*i];
                match counts.iter_mut().find(|(b, _)| *b == before) {
                    Some(c) => c.1 += 1,
                    None => counts.push((before, 1)),
                }
            }
            if let Some((best, _)) = counts.iter().max_by_key(|(_, c)| *c) {
                if !best.is_empty() {
                    prefix = (*best).to_string();
                }
            }
        }
        let (mut first, mut later) = (0usize, 0usize);
        for (n, i) in &marked {
            match n[..*i].strip_prefix(prefix.as_str()) {
                Some("") => first += 1,
                Some(_) => later += 1,
                None => {}
            }
        }
        BranchPattern {
            prefix,
            year_first: first >= later,
        }
    }

    /// The full name of `class` (with its `major`) of year `year`: a class that is already a
    /// full name (ends in 团支部) or already carries its `YYYY级` is only completed.
    pub fn name(&self, year: i32, major: Option<&str>, class: &str) -> String {
        let class = text::keep(class);
        if class.ends_with(BRANCH) {
            return class;
        }
        if year_mark(&class).is_some() {
            return format!("{}{class}{BRANCH}", self.prefix);
        }
        let major = major.map(text::keep).filter(|m| !m.is_empty());
        if !self.year_first {
            if let Some(m) = major {
                // "1班", or the class written with its major ("软件工程1班").
                let rest = class.strip_prefix(m.as_str()).unwrap_or(&class);
                if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                    return format!("{}{m}{year}级{rest}{BRANCH}", self.prefix);
                }
            }
        }
        format!("{}{year}级{class}{BRANCH}", self.prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_negative_and_read_back() {
        assert_eq!(transfer_key(7), -7);
        assert_eq!(freshman_of_key(-7), Some(7));
        assert_eq!(freshman_of_key(7), None);
    }

    #[test]
    fn pattern_from_the_office_names() {
        let p = BranchPattern::derive(
            "共青团某某大学计算机学院委员会",
            &[
                "共青团某某大学计算机学院2025级计算机1班团支部",
                "共青团某某大学计算机学院2025级软件2班团支部",
            ],
        );
        assert_eq!(p.prefix, "共青团某某大学计算机学院");
        assert!(p.year_first);
        assert_eq!(
            p.name(2026, Some("计算机科学与技术"), "计算机1班"),
            "共青团某某大学计算机学院2026级计算机1班团支部"
        );
        // Major first, as the demo college writes its names.
        let p = BranchPattern::derive(
            "共青团星河大学信息工程学院委员会",
            &[
                "共青团星河大学信息工程学院软件工程2022级1班团支部",
                "共青团星河大学信息工程学院网络工程2022级1班团支部",
                "共青团星河大学信息工程学院2023级待标记1班团支部",
            ],
        );
        assert!(!p.year_first);
        assert_eq!(
            p.name(2026, Some("软件工程"), "1班"),
            "共青团星河大学信息工程学院软件工程2026级1班团支部"
        );
        assert_eq!(
            p.name(2026, Some("软件工程"), "软件工程2班"),
            "共青团星河大学信息工程学院软件工程2026级2班团支部"
        );
        // No major: the year first.
        assert_eq!(
            p.name(2026, None, "实验班"),
            "共青团星河大学信息工程学院2026级实验班团支部"
        );
        // Full names and names with their year are kept.
        assert_eq!(p.name(2026, None, "某某团支部"), "某某团支部");
        assert_eq!(
            p.name(2026, None, "2026级实验班"),
            "共青团星河大学信息工程学院2026级实验班团支部"
        );
    }

    #[test]
    fn pattern_without_names_uses_the_committee() {
        let p = BranchPattern::derive("某某学院团委", &[]);
        assert_eq!(p.prefix, "某某学院");
        assert_eq!(p.name(2026, None, "1班"), "某某学院2026级1班团支部");
        let p = BranchPattern::derive("共青团A学院委员会", &["A学院2024级一班团支部"]);
        assert_eq!(p.prefix, "A学院");
    }

    #[test]
    fn list_spellings() {
        assert_eq!(parse_account("账号正常"), Some(AccountStatus::Usable));
        assert_eq!(parse_account("未注册"), Some(AccountStatus::None));
        assert_eq!(parse_account("两个账号"), Some(AccountStatus::Duplicate));
        assert_eq!(parse_account("乱写"), None);
        assert_eq!(parse_level("硕士"), Some(StudyLevel::Postgraduate));
        assert_eq!(parse_level("本（专）科"), Some(StudyLevel::Undergraduate));
        assert!(has_post("办公室主任") && !has_post("无"));
    }
}
