//! L3 关于保留团组织关系的申请 (003 附件8): the written application an R5 graduate (study
//! abroad) signs to keep the relation in the school, pre-filled from the member's record.
//! Values the record lacks stay as underlined blanks to write in by hand.

use super::layout::{Page, Run};
use super::Pdf;
use crate::font;
use crate::Result;
use serde::{Deserialize, Serialize};

pub const TITLE: &str = "关于保留团组织关系的申请";

/// What L3 is pre-filled with; empty strings print as blanks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RetentionData {
    pub name: String,
    /// 男 / 女.
    pub sex: String,
    /// e.g. 汉族.
    pub ethnicity: String,
    /// 出生年月, e.g. 2004年3月.
    pub born: String,
    /// 政治面貌, e.g. 共青团员.
    pub politics: String,
    /// 入团时间, e.g. 2019年5月.
    pub joined: String,
    pub id_number: String,
    pub school: String,
    pub college: String,
    pub major: String,
    /// 届, e.g. 2026.
    pub cohort: String,
    /// 本科 / 硕士 / 博士.
    pub degree: String,
    /// 毕业时间, e.g. 2026年7月.
    pub graduates: String,
    /// e.g. 英国.
    pub country: String,
    pub institution: String,
    /// 攻读____, e.g. 计算机科学硕士学位.
    pub program: String,
    pub study_from: String,
    pub study_to: String,
    pub contact: String,
    /// 直系亲属 …
    pub contact_relation: String,
    pub contact_phone: String,
}

const X0: f32 = 25.0;
const W: f32 = 160.0;

/// Splits a unit's name as the office keeps it (星河大学信息工程学院) into the school and the
/// college, so that each is printed once whatever was given: the school alone, the school with
/// its college, or nothing. `college_hint` (the member's 学院) tells where the college begins;
/// otherwise the name is split after its first 大学. Returns (school, college part), either
/// possibly empty.
pub fn split_unit(name: &str, college_hint: &str) -> (String, String) {
    let name = name.trim();
    let hint = college_hint.trim();
    if !hint.is_empty() {
        if let Some(school) = name.strip_suffix(hint) {
            return (school.trim().to_string(), hint.to_string());
        }
    }
    match name.find("大学") {
        Some(i) if i + "大学".len() < name.len() => {
            let end = i + "大学".len() + campus_len(&name[i + "大学".len()..]);
            let (school, college) = name.split_at(end);
            (school.to_string(), college.to_string())
        }
        _ => (name.to_string(), String::new()),
    }
}

/// The length of a bracketed campus right after the school's name — “（东校区）” in
/// 某某大学（东校区）计算机学院 belongs to the school, as typed (full- or half-width).
fn campus_len(rest: &str) -> usize {
    let close = match rest.chars().next() {
        Some('（') => '）',
        Some('(') => ')',
        _ => return 0,
    };
    rest.find(close).map_or(0, |j| j + close.len_utf8())
}

/// The school and college L3 prints: what was `given` (a 学校 typed for this application)
/// first, else the office's own name (`office`), each split by [`split_unit`]; the college
/// falls back to the member's 学院. Never the same name twice.
pub fn school_and_college(given: &str, office: &str, member_college: &str) -> (String, String) {
    let (given_school, given_college) = split_unit(given, member_college);
    let (office_school, office_college) = split_unit(office, member_college);
    let school = if given_school.is_empty() {
        office_school
    } else {
        given_school
    };
    let college = [
        given_college,
        office_college,
        member_college.trim().to_string(),
    ]
    .into_iter()
    .find(|c| !c.is_empty())
    .unwrap_or_default();
    // A school "given" as the college itself (or a college already in it) is named once.
    if school.ends_with(&college) {
        return (school, String::new());
    }
    (school, college)
}

pub fn draw(p: &mut Page, d: &RetentionData) -> Result<()> {
    let t = Run::text;
    let f = Run::field;
    p.text_centered(105.0, 40.0, 18.0, TITLE);
    let mut y = 55.0;
    y += p.paragraph(
        (X0, y, W, 60.0),
        12.5,
        7.0,
        &[
            t("　　本人"),
            f(&d.name, 3),
            t("，"),
            f(&d.sex, 1),
            t("，"),
            f(&d.ethnicity, 2),
            t("，"),
            f(&d.born, 6),
            t("生，"),
            f(&d.politics, 4),
            t("，于"),
            f(&d.joined, 6),
            t("入团，身份证号为"),
            f(&d.id_number, 18).or_blank(50.0),
            t("，现为"),
            f(&d.college, 6),
            f(&d.major, 4),
            t("专业"),
            f(&d.cohort, 2),
            t("届"),
            f(&d.degree, 2),
            t("毕业生。"),
        ],
        "申请正文",
    )?;
    y += 2.0;
    y += p.paragraph(
        (X0, y, W, 80.0),
        12.5,
        7.0,
        &[
            t("　　现因"),
            f(&d.graduates, 6).or_blank(30.0),
            t("从"),
            f(&d.school, 6).or_blank(35.0),
            t("毕业后，前往"),
            f(&d.country, 2),
            f(&d.institution, 6).or_blank(40.0),
            t("攻读"),
            f(&d.program, 6).or_blank(40.0),
            t("，计划学习时间为"),
            f(&d.study_from, 6).or_blank(30.0),
            t("至"),
            f(&d.study_to, 6).or_blank(30.0),
            t("，特申请将团组织关系保留在"),
            f(&d.school, 6).or_blank(35.0),
            f(&d.college, 4).or_blank(30.0),
            t("。境外学习期间国内联系人为"),
            f(&d.contact, 3),
            t("（"),
            f(&d.contact_relation, 4),
            t("），联系电话为："),
            f(&d.contact_phone, 11).or_blank(40.0),
            t("。"),
        ],
        "申请正文",
    )?;
    y += 2.0;
    y += p.paragraph(
        (X0, y, W, 10.0),
        12.5,
        7.0,
        &[t("　　特此申请。")],
        "申请正文",
    )?;
    // The template: 申请人：（签名）, then the date, both at the right.
    p.paragraph(
        (X0 + W - 85.0, y + 30.0, 85.0, 10.0),
        12.5,
        10.0,
        &[t("申请人："), Run::blank(40.0), t("（签名）")],
        "申请人",
    )?;
    p.text_right(X0 + W, y + 50.0, 12.5, "　　　　年　　月　　日");
    Ok(())
}

/// Applications for many members, one per page.
pub fn render(items: &[RetentionData]) -> Result<Vec<u8>> {
    for d in items {
        let fields = [
            ("姓名", &d.name),
            ("民族", &d.ethnicity),
            ("身份证号", &d.id_number),
            ("学校", &d.school),
            ("学院", &d.college),
            ("专业", &d.major),
            ("国家", &d.country),
            ("学校（境外）", &d.institution),
            ("攻读", &d.program),
            ("国内联系人", &d.contact),
            ("关系", &d.contact_relation),
            ("联系电话", &d.contact_phone),
        ];
        font::check_glyphs(fields.iter().map(|(k, v)| (*k, v.as_str())))
            .map_err(|e| crate::Error::new(e.code, format!("申请（{}）：{}", d.name, e.message)))?;
    }
    let mut pdf = Pdf::new(TITLE)?;
    for d in items {
        let mut page = pdf.page();
        draw(&mut page, d)?;
        pdf.push(page);
    }
    Ok(pdf.save())
}

#[cfg(test)]
mod tests {
    use super::split_unit;

    #[test]
    fn a_campus_in_brackets_stays_with_its_school() {
        let split = |n: &str| split_unit(n, "");
        assert_eq!(
            split("某某大学（东校区）计算机学院"),
            ("某某大学（东校区）".into(), "计算机学院".into())
        );
        assert_eq!(
            split("某某大学（东校区）"),
            ("某某大学（东校区）".into(), String::new())
        );
        assert_eq!(
            split("某某大学(南校区)"),
            ("某某大学(南校区)".into(), String::new())
        );
        assert_eq!(
            split("星河大学信息工程学院"),
            ("星河大学".into(), "信息工程学院".into())
        );
    }
}
