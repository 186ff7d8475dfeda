//! Letters the office prints (DOMAIN.md §7 L1–L3): the 团组织关系介绍信 (L1), the
//! 流动团员管理服务告知书 (L2) and the 关于保留团组织关系的申请 (L3).
//!
//! Renderers are pure: they take plain data and return PDF bytes. Every text that will be
//! printed is checked against the bundled font first ([`crate::documents::font`]).

pub mod l1;
pub mod l2;
pub mod l3;
pub mod layout;

use crate::date::YearMonth;
use crate::documents::font;
use crate::id_number::Sex;
use crate::{Error, Result};
use chrono::NaiveDate;
use printpdf::{PdfDocument, PdfPage, PdfSaveOptions};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

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
    pub(crate) fn printed_fields(&self) -> Vec<(&'static str, &str)> {
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

/// A PDF under construction: the font is added once, pages are appended.
pub struct Pdf {
    doc: PdfDocument,
    font_id: printpdf::FontId,
    font: &'static printpdf::ParsedFont,
    pages: Vec<PdfPage>,
}

impl Pdf {
    pub fn new(title: &str) -> Result<Self> {
        let font = font::parsed()?;
        let mut doc = PdfDocument::new(title);
        let font_id = doc.add_font(font);
        Ok(Pdf {
            doc,
            font_id,
            font,
            pages: Vec::new(),
        })
    }
    pub fn page(&self) -> layout::Page {
        layout::Page::new(self.font_id.clone(), self.font)
    }
    pub fn push(&mut self, page: layout::Page) {
        self.pages.push(page.finish());
    }
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }
    /// The PDF bytes, with the font subset to the characters used.
    pub fn save(mut self) -> Vec<u8> {
        let opts = PdfSaveOptions {
            subset_fonts: true,
            ..PdfSaveOptions::default()
        };
        let pages = std::mem::take(&mut self.pages);
        self.doc.with_pages(pages).save(&opts, &mut Vec::new())
    }
}

/// One L1 letter as a one-page PDF.
pub fn render_letter(letter: &LetterData) -> Result<Vec<u8>> {
    render_letters(std::slice::from_ref(letter))
}

/// Many L1 letters into one PDF, one letter per page. All letters are checked first, so a
/// bad one stops the batch before anything is written and the message names it.
pub fn render_letters(letters: &[LetterData]) -> Result<Vec<u8>> {
    for l in letters {
        check_letter(l)?;
    }
    let mut pdf = Pdf::new("团组织关系介绍信")?;
    for l in letters {
        let mut page = pdf.page();
        l1::draw(&mut page, l).map_err(|e| prefix(l, e))?;
        pdf.push(page);
    }
    Ok(pdf.save())
}

/// Writes each letter to its own file `<编号>_<姓名>.pdf` in `dir`; returns the paths. Every
/// target is checked first (one open in Excel or a PDF viewer stops the batch before any file
/// is replaced); each file is then written whole or not at all.
pub fn write_letters_separately(letters: &[LetterData], dir: &Path) -> Result<Vec<PathBuf>> {
    for l in letters {
        check_letter(l)?;
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::storage(format!(
            "无法创建文件夹 {}：{}",
            dir.display(),
            crate::error::io_reason(&e)
        ))
    })?;
    let paths: Vec<PathBuf> = letters.iter().map(|l| dir.join(l.file_name())).collect();
    for p in &paths {
        crate::files::check_writable(p)?;
    }
    for (l, path) in letters.iter().zip(&paths) {
        crate::files::write_output(path, &render_letter(l)?)?;
    }
    Ok(paths)
}

/// Checks that every text of the letter fits its box, without producing a file (the register
/// runs this, after the glyph check, before taking a number).
pub fn check_layout(l: &LetterData) -> Result<()> {
    let mut page = layout::Page::new(printpdf::FontId::new(), font::parsed()?);
    l1::draw(&mut page, l)
}

fn check_letter(l: &LetterData) -> Result<()> {
    font::check_glyphs(l.printed_fields()).map_err(|e| prefix(l, e))
}

fn prefix(l: &LetterData, e: Error) -> Error {
    Error::new(
        e.code,
        format!("介绍信 {}（{}）：{}", l.number_label(), l.name, e.message),
    )
}

/// `2026年5月20日`.
pub fn chinese_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}
