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
            f(&d.id_number, 18),
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
        (X0, y, W, 70.0),
        12.5,
        7.0,
        &[
            t("　　现因"),
            f(&d.graduates, 6),
            t("从"),
            f(&d.school, 6),
            t("毕业后，前往"),
            f(&d.country, 2),
            f(&d.institution, 6),
            t("攻读"),
            f(&d.program, 6),
            t("，计划学习时间为"),
            f(&d.study_from, 6),
            t("至"),
            f(&d.study_to, 6),
            t("，特申请将团组织关系保留在"),
            f(&d.school, 6),
            f(&d.college, 4),
            t("。境外学习期间国内联系人为"),
            f(&d.contact, 3),
            t("（"),
            f(&d.contact_relation, 4),
            t("），联系电话为："),
            f(&d.contact_phone, 11),
            t("。"),
        ],
        "申请正文",
    )?;
    y += 2.0;
    p.paragraph(
        (X0, y, W, 10.0),
        12.5,
        7.0,
        &[t("　　特此申请。")],
        "申请正文",
    )?;
    p.text_right(X0 + W - 10.0, y + 40.0, 12.5, "申请人：　　　　　　　");
    p.line(X0 + W - 50.0, y + 41.0, X0 + W - 10.0, y + 41.0, 0.5, None);
    p.text_right(X0 + W - 10.0, y + 52.0, 12.5, "年　　月　　日");
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
