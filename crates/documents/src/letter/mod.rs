//! Letters the office prints (rules.md §6 L1–L3): the 团组织关系介绍信 (L1), the
//! 流动团员管理服务告知书 (L2) and the 关于保留团组织关系的申请 (L3).
//!
//! Renderers are pure: they take plain data and return PDF bytes. Every text that will be
//! printed is checked against the bundled font first ([`crate::font`]).

pub mod l1;
pub mod l2;
pub mod l3;
pub mod layout;
pub mod receipt;

use crate::font;
use crate::{Error, Result};
use chrono::NaiveDate;
use printpdf::{PdfDocument, PdfPage, PdfSaveOptions};
pub use xianjie_domain::letters::{safe_file_name, ArchiveDisposition, LetterData};

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
    render_letters_watched(letters, &crate::Watch::NONE)
}

/// [`render_letters`] telling `watch` each page drawn (it may stop the batch between pages).
pub fn render_letters_watched(letters: &[LetterData], watch: &crate::Watch<'_>) -> Result<Vec<u8>> {
    for l in letters {
        check_letter(l)?;
    }
    let mut pdf = Pdf::new("团组织关系介绍信")?;
    let total = letters.len() as u64;
    for (n, l) in (1..).zip(letters) {
        watch.check()?;
        let mut page = pdf.page();
        l1::draw(&mut page, l).map_err(|e| prefix(l, e))?;
        pdf.push(page);
        watch.step(n, total, || {
            format!("正在生成 PDF：第 {n} 页，共 {total} 页")
        });
    }
    watch.check()?;
    Ok(pdf.save())
}

/// Checks that every text of the letter fits its box, without producing a file (the register
/// runs this, after the glyph check, before taking a number).
pub fn check_layout(l: &LetterData) -> Result<()> {
    let mut page = layout::Page::new(printpdf::FontId::new(), font::parsed()?);
    l1::draw(&mut page, l)
}

/// Every text of the letter is in the font (a 生僻字 is named, never printed blank).
pub fn check_letter(l: &LetterData) -> Result<()> {
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
    xianjie_domain::time::letter_date(d)
}
