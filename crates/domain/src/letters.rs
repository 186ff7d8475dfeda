//! The letter register's model (rules.md §6 L1): what a 团组织关系介绍信 prints, how it is
//! numbered (per issuing committee per year, 3–5 digits, never reused), how long it is valid,
//! and every reason a letter may not be issued. The store keeps the register; the core renders
//! and issues.

use crate::date::{age_on, YearMonth};
use crate::id_number::Sex;
use crate::member::{development_no_required, valid_development_no, Member};
use crate::org::OrgLevel;
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::labeled_enum! {
    /// L1 存根 团员档案: where the member's league file goes.
    ArchiveDisposition {
        Keep = "keep", "继续保存";
        WithFile = "with_file", "随学籍（人事）档案转递";
        Post = "post", "邮寄转递";
        SelfCarry = "self_carry", "本人自带";
        Other = "other", "其他";
    }
}

/// Everything printed on one L1 letter (all three parts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LetterData {
    /// Year of the number (`2026年001号`).
    pub year: i32,
    /// The zero-padded number within the year (`001`).
    pub number: String,
    /// 转出团委全称.
    pub issuer: String,
    /// 转出团委联系电话 (landline).
    pub issuer_phone: String,
    /// 转出团委通讯地址 and 邮编.
    pub issuer_address: String,
    pub issuer_postcode: String,
    /// 转出经办人 and their mobile (stub and original carry the same).
    pub handler: String,
    pub handler_mobile: String,
    /// 转入团委全称.
    pub receiver: String,
    pub name: String,
    pub sex: Sex,
    pub age: i32,
    /// 民族 as on the ID card, with or without the trailing 族.
    pub ethnicity: String,
    pub id_number: String,
    /// 团员发展编号; `None` prints "无" (003 附件10 7.(5): never blank).
    pub development_no: Option<String>,
    /// 因____原因: 升学、转学、毕业、单位变更、居住地变更 or another concrete reason.
    pub reason: String,
    /// 团费交至.
    pub dues_paid_to: Option<YearMonth>,
    /// 团员本人联系电话.
    pub member_phone: String,
    pub archive: ArchiveDisposition,
    /// The concrete destination when `archive` is 其他.
    pub archive_other: Option<String>,
    pub issued: NaiveDate,
}

impl LetterData {
    /// `2026年001号`.
    pub fn number_label(&self) -> String {
        format!("{}年{}号", self.year, self.number)
    }
    /// "无" when there is no development number (never blank).
    pub fn development_no_text(&self) -> String {
        match self.development_no.as_deref().map(str::trim) {
            Some(s) if !s.is_empty() => s.to_string(),
            _ => "无".to_string(),
        }
    }
    /// 民族 without the trailing 族 (the form prints "____族").
    pub fn ethnicity_stem(&self) -> &str {
        let e = self.ethnicity.trim();
        e.strip_suffix('族').unwrap_or(e)
    }
    /// Separate-file name: `<编号>_<姓名>.pdf` (the number carries the year).
    pub fn file_name(&self) -> String {
        safe_file_name(&format!("{}{}_{}.pdf", self.year, self.number, self.name))
    }
    /// (field, value) pairs of every printed value, for the glyph check.
    pub fn printed_fields(&self) -> Vec<(&'static str, &str)> {
        let mut v = vec![
            ("转出团委", self.issuer.as_str()),
            ("转出团委联系电话", self.issuer_phone.as_str()),
            ("转出团委通讯地址", self.issuer_address.as_str()),
            ("邮编", self.issuer_postcode.as_str()),
            ("转出经办人", self.handler.as_str()),
            ("经办人手机", self.handler_mobile.as_str()),
            ("转入团委", self.receiver.as_str()),
            ("姓名", self.name.as_str()),
            ("民族", self.ethnicity.as_str()),
            ("身份证号码", self.id_number.as_str()),
            ("转接原因", self.reason.as_str()),
            ("团员本人联系电话", self.member_phone.as_str()),
        ];
        if let Some(d) = &self.development_no {
            v.push(("团员发展编号", d.as_str()));
        }
        if let Some(o) = &self.archive_other {
            v.push(("团员档案去向", o.as_str()));
        }
        v
    }
}

/// Replaces characters that file systems refuse.
pub fn safe_file_name(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect()
}

/// Days a letter is valid from its issue date (003 附件10 注意事项5).
pub const VALID_DAYS: u64 = 90;
/// Months the receiving committee has to send the receipt back (注意事项10).
pub const RECEIPT_MONTHS: u32 = 1;

/// The issuing committee, with what the letter prints about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issuer {
    pub org_id: i64,
    pub full_name: String,
    pub level: OrgLevel,
    pub phone: String,
    pub address: String,
    pub postcode: String,
}

/// What the secretary enters to issue one letter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueRequest {
    pub issuer: Issuer,
    pub handler: String,
    pub handler_mobile: String,
    /// 转入团委全称.
    pub receiver: String,
    pub reason: String,
    pub archive: ArchiveDisposition,
    pub archive_other: Option<String>,
    pub issued: NaiveDate,
    /// Digits of the number, 3 (default) to 5.
    pub digits: usize,
}

/// One register entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisteredLetter {
    pub id: i64,
    pub issuer_id: i64,
    pub year: i32,
    pub seq: i64,
    pub number: String,
    pub member_id: i64,
    pub member_name: String,
    pub issuer_name: String,
    pub receiver: String,
    pub reason: String,
    pub archive: ArchiveDisposition,
    pub issued_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub receipt_due: NaiveDate,
    pub receipt_returned_on: Option<NaiveDate>,
    pub voided_at: Option<String>,
    pub void_reason: Option<String>,
    /// Exactly what was printed.
    pub printed: LetterData,
}

impl RegisteredLetter {
    /// `2026年001号`.
    pub fn number_label(&self) -> String {
        format!("{}年{}号", self.year, self.number)
    }
    /// Where the letter stands on `today` (L1: the receipt is due within one month).
    pub fn status(&self, today: NaiveDate) -> LetterStatus {
        if self.voided_at.is_some() {
            LetterStatus::Voided
        } else if self.receipt_returned_on.is_some() {
            LetterStatus::Returned
        } else if today > self.receipt_due {
            LetterStatus::Overdue
        } else {
            LetterStatus::Awaiting
        }
    }
}

crate::labeled_enum! {
    /// A registered letter's 状态 in the 登记簿.
    LetterStatus {
        Voided = "voided", "已作废";
        Returned = "returned", "回执已返回";
        Overdue = "overdue", "回执逾期";
        Awaiting = "awaiting", "待回执";
    }
}

/// The words L1's 因____原因 expects (003 附件10): a concrete other reason may be written too.
pub const L1_REASONS: [&str; 5] = ["毕业", "升学", "转学", "单位变更", "居住地变更"];

/// A letter's printed values as text, exactly as the page shows them: the in-app preview
/// shows these, the register keeps the [`LetterData`] they come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterTexts {
    pub number: String,
    pub issuer: String,
    pub issuer_phone: String,
    pub issuer_address: String,
    pub issuer_postcode: String,
    pub handler: String,
    pub handler_mobile: String,
    pub receiver: String,
    pub name: String,
    pub sex: String,
    pub age: i32,
    pub ethnicity: String,
    pub id_number: String,
    pub development_no: String,
    pub reason: String,
    pub dues_paid_to: String,
    pub member_phone: String,
    pub archive: String,
    pub issued: String,
}

/// `2026年7月10日`: how letters write a date (the one style, `time::letter_date`).
pub fn chinese_date(d: NaiveDate) -> String {
    crate::time::letter_date(d)
}

impl LetterData {
    /// The values as the page prints them.
    pub fn texts(&self) -> LetterTexts {
        LetterTexts {
            number: self.number_label(),
            issuer: self.issuer.clone(),
            issuer_phone: self.issuer_phone.clone(),
            issuer_address: self.issuer_address.clone(),
            issuer_postcode: self.issuer_postcode.clone(),
            handler: self.handler.clone(),
            handler_mobile: self.handler_mobile.clone(),
            receiver: self.receiver.clone(),
            name: self.name.clone(),
            sex: self.sex.label().to_string(),
            age: self.age,
            ethnicity: self.ethnicity.clone(),
            id_number: self.id_number.clone(),
            development_no: self.development_no_text(),
            reason: self.reason.clone(),
            dues_paid_to: year_month_label(self.dues_paid_to),
            member_phone: self.member_phone.clone(),
            archive: match &self.archive_other {
                Some(o) if self.archive == ArchiveDisposition::Other => format!("其他：{o}"),
                _ => self.archive.label().to_string(),
            },
            issued: chinese_date(self.issued),
        }
    }
}

/// Everything wrong with a request, in Chinese, one item per problem (empty: it can be issued).
pub fn problems(req: &IssueRequest, m: &Member) -> Vec<String> {
    let mut out = Vec::new();
    // R12 / M5 / M6: someone who is not a member on the day of issue gets no letter.
    if let Some(why) = not_a_member(m, req.issued) {
        out.push(format!(
            "{why}：不再（或从未）保留团籍，不开具团组织关系介绍信"
        ));
    }
    if req.issuer.level == OrgLevel::Branch {
        out.push(format!(
            "开具单位“{}”是团支部：介绍信只能由基层团委（或独立单位的团总支）开具，团支部一律不得开具（L1）",
            req.issuer.full_name
        ));
    }
    let has_devno = m
        .development_no
        .as_deref()
        .is_some_and(|d| !d.trim().is_empty());
    if m.joined.is_none() && !has_devno {
        // Without the join month the letter cannot tell "无" (pre-2017) from a missing number.
        out.push("缺少入团时间且无团员发展编号：无法判断应填写12位编号还是“无”（L1）".to_string());
    }
    if development_no_required(m.joined) {
        match m.development_no.as_deref().map(str::trim) {
            Some(d) if valid_development_no(d) => {}
            Some(d) if !d.is_empty() => out.push(format!(
                "团员发展编号“{d}”不是12位数字（2017年1月1日后入团的必须填写12位编号，L1）"
            )),
            _ => out.push(
                "该团员2017年1月1日后入团，缺少12位团员发展编号（L1；2017年前入团且无编号的才打印“无”）"
                    .to_string(),
            ),
        }
    }
    let required: [(&str, Option<&str>); 12] = [
        ("转出团委全称", Some(req.issuer.full_name.as_str())),
        ("转出团委联系电话", Some(req.issuer.phone.as_str())),
        ("转出团委通讯地址", Some(req.issuer.address.as_str())),
        ("邮编", Some(req.issuer.postcode.as_str())),
        ("转出经办人", Some(req.handler.as_str())),
        ("经办人手机", Some(req.handler_mobile.as_str())),
        ("转入团委全称", Some(req.receiver.as_str())),
        ("转接原因", Some(req.reason.as_str())),
        ("姓名", Some(m.name.as_str())),
        ("民族", m.ethnicity.as_deref()),
        ("团员本人联系电话", m.mobile.as_deref()),
        ("团费交至", m.dues_paid_to.map(|_| "有")),
    ];
    for (name, value) in required {
        if value.is_none_or(|v| v.trim().is_empty()) {
            out.push(format!("缺少“{name}”"));
        }
    }
    if req.archive == ArchiveDisposition::Other
        && req
            .archive_other
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
    {
        out.push("团员档案选择“其他”时须写明具体去向".to_string());
    }
    if req.issuer.postcode.trim().len() != 6
        && !req.issuer.postcode.trim().is_empty()
        && !req
            .issuer
            .postcode
            .trim()
            .bytes()
            .all(|b| b.is_ascii_digit())
    {
        out.push(format!("邮编“{}”应为6位数字", req.issuer.postcode.trim()));
    }
    if !(3..=5).contains(&req.digits) {
        out.push(format!("编号位数应为3至5位，而不是{}位", req.digits));
    }
    out
}

/// Why `m` is not a league member on `on` (M5 超龄离团, M6, 群众), if it is not one.
pub fn not_a_member(m: &Member, on: NaiveDate) -> Option<&'static str> {
    let ms = crate::engine::membership::membership(
        m.id_number.birth_date(),
        on,
        m.league_post,
        m.joined,
        m.politics,
    );
    (!ms.is_member()).then(|| ms.label())
}

/// The letter as it will be printed (number still to be assigned).
pub fn letter_data(req: &IssueRequest, m: &Member, year: i32, number: String) -> LetterData {
    LetterData {
        year,
        number,
        issuer: req.issuer.full_name.trim().to_string(),
        issuer_phone: req.issuer.phone.trim().to_string(),
        issuer_address: req.issuer.address.trim().to_string(),
        issuer_postcode: req.issuer.postcode.trim().to_string(),
        handler: req.handler.trim().to_string(),
        handler_mobile: req.handler_mobile.trim().to_string(),
        receiver: req.receiver.trim().to_string(),
        name: m.name.trim().to_string(),
        sex: m.sex,
        age: age_on(m.id_number.birth_date(), req.issued),
        ethnicity: m.ethnicity.clone().unwrap_or_default(),
        id_number: m.id_number.as_str().to_string(),
        development_no: m.development_no.clone().filter(|d| !d.trim().is_empty()),
        reason: req.reason.trim().to_string(),
        dues_paid_to: m.dues_paid_to,
        member_phone: m.mobile.clone().unwrap_or_default(),
        archive: req.archive,
        archive_other: req.archive_other.clone(),
        issued: req.issued,
    }
}

/// `001`; grows past `digits` (up to 5) rather than repeat a number.
pub fn format_number(seq: i64, digits: usize) -> Result<String> {
    let digits = digits.clamp(3, 5);
    let s = format!("{seq:0digits$}");
    if s.len() > 5 {
        return Err(Error::refused("本年度介绍信编号已用尽（最多5位，99999号）"));
    }
    Ok(s)
}

/// Filter for [`list`].
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub issuer_id: Option<i64>,
    pub year: Option<i32>,
    pub member_id: Option<i64>,
    pub include_voided: bool,
    /// Only letters whose receipt is overdue on this date.
    pub receipt_overdue_on: Option<NaiveDate>,
}

/// `2026年7月` for 团费交至 and the like.
pub fn year_month_label(ym: Option<YearMonth>) -> String {
    ym.map(YearMonth::chinese).unwrap_or_default()
}

/// What an issuing committee prints on every letter (stored once per committee).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IssuerProfile {
    pub org_id: i64,
    pub phone: String,
    pub address: String,
    pub postcode: String,
    pub handler: String,
    pub handler_mobile: String,
    pub digits: usize,
}

/// What a secretary gives to issue one letter from the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueInput {
    pub member_id: i64,
    pub issuer_org_id: i64,
    /// 转入团委全称.
    pub receiver: String,
    pub reason: String,
    pub archive: ArchiveDisposition,
    pub archive_other: Option<String>,
    pub issued: NaiveDate,
    /// Overrides of the issuer profile's handler for this letter.
    pub handler: Option<String>,
    pub handler_mobile: Option<String>,
}
