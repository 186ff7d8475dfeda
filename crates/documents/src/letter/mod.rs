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

/// A PDF under construction: pages are appended, the font is added once when it is saved
/// (with a cmap of the characters the pages use, [`font::for_document`]).
pub struct Pdf {
    doc: PdfDocument,
    font_id: printpdf::FontId,
    font: &'static printpdf::ParsedFont,
    pages: Vec<PdfPage>,
    /// The characters shown, one bit each (Basic Multilingual Plane).
    used: Vec<u64>,
    /// A character past the BMP was shown.
    used_beyond: Vec<char>,
}

impl Pdf {
    pub fn new(title: &str) -> Result<Self> {
        let font = font::parsed()?;
        Ok(Pdf {
            doc: PdfDocument::new(title),
            font_id: printpdf::FontId::new(),
            font,
            pages: Vec::new(),
            used: vec![0; 0x10000 / 64],
            used_beyond: Vec::new(),
        })
    }
    pub fn page(&self) -> layout::Page {
        layout::Page::new(self.font_id.clone(), self.font)
    }
    pub fn push(&mut self, page: layout::Page) {
        let page = page.finish();
        for op in &page.ops {
            let printpdf::Op::ShowText { items } = op else {
                continue;
            };
            for item in items {
                if let printpdf::TextItem::Text(s) = item {
                    for c in s.chars() {
                        let i = u32::from(c) as usize;
                        match self.used.get_mut(i / 64) {
                            Some(w) => *w |= 1 << (i % 64),
                            None => self.used_beyond.push(c),
                        }
                    }
                }
            }
        }
        self.pages.push(page);
    }
    /// Every character the pages show.
    fn used_chars(&self) -> Vec<char> {
        let mut out = Vec::new();
        for (w, bits) in self.used.iter().enumerate() {
            let mut b = *bits;
            while b != 0 {
                let i = b.trailing_zeros() as usize;
                b &= b - 1;
                out.extend(char::from_u32((w * 64 + i) as u32));
            }
        }
        out.extend(self.used_beyond.iter().copied());
        out
    }
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }
    /// The PDF bytes, with the font subset to the characters used.
    ///
    /// printpdf's own save compresses every stream at zlib's best level, which took a third
    /// of a 1,000-letter batch; the document is the same at the default level (files a few
    /// per cent larger), so the streams are compressed here instead.
    pub fn save(mut self) -> Vec<u8> {
        let opts = PdfSaveOptions {
            subset_fonts: true,
            optimize: false,
            ..PdfSaveOptions::default()
        };
        let font = font::for_document(self.font, self.used_chars());
        self.doc
            .resources
            .fonts
            .map
            .insert(self.font_id.clone(), printpdf::font::PdfFont::new(font));
        let pages = std::mem::take(&mut self.pages);
        let mut doc = self
            .doc
            .with_pages(pages)
            .to_lopdf_document(&opts, &mut Vec::new());
        compress_streams(&mut doc);
        let mut out = Vec::new();
        // Writing into memory cannot fail.
        let _ = doc.save_to(&mut out);
        out
    }
}

/// Flate-compresses every stream that may be and is not yet (as lopdf's `compress` does),
/// keeping a stream as it is when compressing does not make it smaller.
fn compress_streams(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut z = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 3),
            flate2::Compression::new(STREAM_LEVEL),
        );
        let Ok(packed) = z.write_all(&stream.content).and_then(|()| z.finish()) else {
            continue;
        };
        if packed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    }
}

/// zlib level for PDF streams: 3 packs letters' content streams within a few per cent of 9
/// (1,000 letters stay well under 3 MB) in a fraction of the time.
const STREAM_LEVEL: u32 = 3;

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
    let mut page = layout::Page::measuring(font::parsed()?);
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
