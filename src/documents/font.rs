//! The one font letters are printed with, embedded so the app works offline.
//!
//! Noto Serif CJK SC (OFL, `assets/fonts/`), subset to the CJK Unified Ideographs basic block,
//! Latin and punctuation. Before anything is drawn every character is checked against the font:
//! a name with a character the font lacks (生僻字) is reported, never printed as a blank box.

use crate::{Error, Result};
use printpdf::ParsedFont;
use std::sync::OnceLock;

/// The bundled font file (single face, CFF outlines).
pub static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSerifCJKsc-Regular.otf");

/// The font's family name, for messages and PDF metadata.
pub const FONT_NAME: &str = "Noto Serif CJK SC";

/// The parsed font, parsed once per process (parsing 13 MB takes a while).
pub fn parsed() -> Result<&'static ParsedFont> {
    static FONT: OnceLock<Option<ParsedFont>> = OnceLock::new();
    FONT.get_or_init(|| ParsedFont::from_bytes(FONT_BYTES, 0, &mut Vec::new()))
        .as_ref()
        .ok_or_else(|| Error::internal("内置字体无法解析"))
}

/// Whether the font can draw `c`. Whitespace and control characters count as drawable: they
/// are laid out, never drawn.
pub fn has_glyph(font: &ParsedFont, c: char) -> bool {
    c.is_whitespace() || font.lookup_glyph_index(c as u32).is_some_and(|g| g != 0)
}

/// The characters of `text` the font lacks, each once, in order of appearance.
pub fn missing_glyphs(font: &ParsedFont, text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        if !has_glyph(font, c) && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Checks every field before drawing: `fields` are (field name, value). The error names each
/// field and the characters missing from it, so the secretary can fix the record or write the
/// letter by hand.
pub fn check_glyphs<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<()> {
    let font = parsed()?;
    let problems: Vec<String> = fields
        .into_iter()
        .filter_map(|(name, value)| {
            let missing = missing_glyphs(font, value);
            (!missing.is_empty()).then(|| {
                let chars: Vec<String> = missing
                    .iter()
                    .map(|c| format!("“{c}”(U+{:04X})", *c as u32))
                    .collect();
                format!("{name}“{value}”中的{}", chars.join("、"))
            })
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "内置字体（{FONT_NAME}）缺少以下字符，无法打印（生僻字请手工填写该信件）：{}",
            problems.join("；")
        )))
    }
}

/// Width of `text` in points at `size` points. Characters the font lacks are counted as one
/// em (they never reach the page: [`check_glyphs`] runs first).
pub fn text_width(font: &ParsedFont, text: &str, size: f32) -> f32 {
    let upem = f32::from(font.font_metrics.units_per_em.max(1));
    let units: f32 = text
        .chars()
        .map(|c| match font.lookup_glyph_index(c as u32) {
            Some(g) if g != 0 => f32::from(font.get_horizontal_advance(g)),
            _ => upem,
        })
        .sum();
    units / upem * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_covers_common_text_and_reports_rare_characters() -> Result<()> {
        let font = parsed()?;
        for c in "中国共产主义青年团团员组织关系介绍信存根正本回执□√０１ABCxyz（）：，。".chars()
        {
            assert!(has_glyph(font, c), "missing {c}");
        }
        // U+3400 block (Extension A) is not in the subset.
        assert_eq!(missing_glyphs(font, "张㐀三㐀"), vec!['㐀']);
        let err = check_glyphs([("姓名", "张㐀")]).err().map(|e| e.message);
        assert!(err.is_some_and(|m| m.contains("姓名“张㐀”") && m.contains("U+3400")));
        assert!(check_glyphs([("姓名", "欧阳娜娜")]).is_ok());
        Ok(())
    }

    #[test]
    fn widths_are_plausible() -> Result<()> {
        let font = parsed()?;
        let w = text_width(font, "团员", 10.0);
        assert!((w - 20.0).abs() < 0.5, "{w}");
        assert!(text_width(font, "ab", 10.0) < 12.0);
        Ok(())
    }
}
