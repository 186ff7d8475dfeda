//! The 回执 the receiving office returns for a paper letter a new student brought (rules.md
//! §9 N11; L1's third part, 003 附件10 第5、9、10点): the letter's number, the issuing
//! committee it goes back to, “____同志的团员组织关系已转达我处，特此回复。”, the receiving
//! handler and phone from the office's details, the place for the stamp and the date. One per
//! page, in the third part's shape, with a cut line under it.

use super::layout::{Page, Run};
use super::{chinese_date, Pdf};
use crate::Result;
use chrono::NaiveDate;

/// What one 回执 prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptData {
    /// The letter's number as the issuer printed it (2026年015号).
    pub number: String,
    /// 转出团委全称: the addressee.
    pub issuer: String,
    pub name: String,
    /// 转入经办人 and 联系电话: the office's handler and phone.
    pub handler: String,
    pub phone: String,
    pub date: NaiveDate,
}

impl ReceiptData {
    /// (field, value) of every text printed, for the glyph check.
    pub fn printed_fields(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("介绍信编号", self.number.as_str()),
            ("转出团委", self.issuer.as_str()),
            ("姓名", self.name.as_str()),
            ("转入经办人", self.handler.as_str()),
            ("联系电话", self.phone.as_str()),
        ]
    }
}

pub const TITLE: &str = "中国共产主义青年团团员组织关系介绍信（回执）";

/// The page's margins (as L1's) and where the 回执 starts, in mm.
const LEFT: f32 = 12.0;
const RIGHT: f32 = 198.0;
const TOP: f32 = 20.0;

fn f(s: &str, min_chars: usize) -> Run {
    Run::field(s, min_chars)
}

/// Draws one 回执 in the top third of the page: L1's third part with the receiving office's
/// lines filled in.
pub fn draw(p: &mut Page, r: &ReceiptData) -> Result<()> {
    let bottom = TOP + 84.0;
    super::l1::receipt_part(
        p,
        TOP,
        bottom,
        &super::l1::ReceiptPart {
            title: TITLE,
            number: &r.number,
            issuer: &r.issuer,
            name: &r.name,
            handler: f(&r.handler, 8),
            phone: f(&r.phone, 10),
            date: &chinese_date(r.date),
        },
    )?;
    p.grey(0.55);
    p.line(
        LEFT,
        bottom + 2.0,
        RIGHT,
        bottom + 2.0,
        0.6,
        Some(&[4.0, 3.0]),
    );
    p.grey(0.0);
    Ok(())
}

/// The 回执 of each letter, one per page. All are checked against the font first, so a
/// character the font lacks stops the batch naming the student.
pub fn render(receipts: &[ReceiptData]) -> Result<Vec<u8>> {
    for r in receipts {
        crate::font::check_glyphs(r.printed_fields()).map_err(|e| prefix(r, e))?;
    }
    let mut pdf = Pdf::new(TITLE)?;
    for r in receipts {
        let mut page = pdf.page();
        draw(&mut page, r).map_err(|e| prefix(r, e))?;
        pdf.push(page);
    }
    Ok(pdf.save())
}

fn prefix(r: &ReceiptData, e: crate::Error) -> crate::Error {
    crate::Error::new(
        e.code,
        format!("介绍信 {}（{}）的回执：{}", r.number, r.name, e.message),
    )
}
