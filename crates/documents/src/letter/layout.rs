//! Page drawing for the letters: millimetres from the top-left corner, text that is fitted into
//! its box (shrunk, then wrapped) so that nothing ever runs past its line, fill-in values
//! underlined like handwriting on the paper form.

use crate::font;
use crate::{Error, Result};
use printpdf::{
    Color, FontId, Greyscale, Line, LineDashPattern, LinePoint, Op, ParsedFont, PdfFontHandle,
    PdfPage, Point, Pt, TextItem, TextMatrix,
};

/// A4 portrait.
pub const PAGE_W: f32 = 210.0;
pub const PAGE_H: f32 = 297.0;
const PT_PER_MM: f32 = 72.0 / 25.4;
/// Line height as a multiple of the font size.
const LEADING: f32 = 1.65;

fn pt(mm: f32) -> Pt {
    Pt(mm * PT_PER_MM)
}

fn point(x: f32, y: f32) -> Point {
    Point {
        x: pt(x),
        y: pt(PAGE_H - y),
    }
}

/// A piece of a paragraph: fixed wording, or a filled-in value (underlined).
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub kind: RunKind,
    /// A handwriting blank: the underline is at least this many mm long, on one line.
    pub blank_mm: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    /// Fixed wording.
    Text,
    /// A filled-in value, underlined.
    Field,
    /// A ticked box: "□" with "√" drawn in it (003 附件10 6.(5)).
    Ticked,
}

/// The shortest handwriting blank (issue 23): room for a name, a date or a phone number
/// written by hand.
pub const BLANK_MM: f32 = 25.0;

impl Run {
    pub fn text(s: impl Into<String>) -> Self {
        Run {
            text: s.into(),
            kind: RunKind::Text,
            blank_mm: 0.0,
        }
    }
    pub fn ticked() -> Self {
        Run {
            text: "□".to_string(),
            kind: RunKind::Ticked,
            blank_mm: 0.0,
        }
    }
    /// A value padded to `min_chars` (so a short value sits in the middle of its line); an
    /// empty value is a handwriting blank of at least [`BLANK_MM`].
    pub fn field(s: impl Into<String>, min_chars: usize) -> Self {
        let text: String = s.into();
        if text.trim().is_empty() {
            return Run::blank(BLANK_MM);
        }
        Run {
            text: padded(text, min_chars),
            kind: RunKind::Field,
            blank_mm: 0.0,
        }
    }
    /// When this is a handwriting blank, at least `mm` long (an ID number written by hand
    /// needs more than a name).
    pub fn or_blank(mut self, mm: f32) -> Self {
        if self.blank_mm > 0.0 {
            self.blank_mm = self.blank_mm.max(mm);
        }
        self
    }
    /// A handwriting blank `mm` long (never shorter than [`BLANK_MM`]).
    pub fn blank(mm: f32) -> Self {
        Run {
            text: String::new(),
            kind: RunKind::Field,
            blank_mm: mm.max(BLANK_MM),
        }
    }
    /// An underlined space of `min_chars` not meant to be written on (the 其他 of an option
    /// not chosen).
    pub fn unused(min_chars: usize) -> Self {
        Run {
            text: padded(String::new(), min_chars),
            kind: RunKind::Field,
            blank_mm: 0.0,
        }
    }
}

/// `text` with spaces both sides up to `min_chars` characters (two spaces a character).
fn padded(text: String, min_chars: usize) -> String {
    let have = text.chars().count();
    if have >= min_chars {
        return text;
    }
    let pad = min_chars - have;
    format!(
        "{}{}{}",
        " ".repeat(pad / 2 * 2),
        text,
        " ".repeat((pad - pad / 2) * 2)
    )
}

/// One page being drawn. Text and graphics are kept apart so that all text goes into one
/// text object (smaller files, faster saves).
pub struct Page {
    font_id: FontId,
    font: &'static ParsedFont,
    graphics: Vec<Op>,
    text: Vec<Op>,
    current_size: f32,
    /// The stroke width and dash last set: a line with the same needs no new state.
    stroke: Option<(f32, Option<Vec<f32>>)>,
    /// Only fit the text into its boxes (a check before numbering): nothing is recorded.
    measuring: bool,
}

/// Laid-out line pieces: (x offset in mm, text, kind).
type Pieces = Vec<(f32, String, RunKind)>;

impl Page {
    pub fn new(font_id: FontId, font: &'static ParsedFont) -> Self {
        Page {
            font_id,
            font,
            graphics: Vec::new(),
            text: Vec::new(),
            current_size: 0.0,
            stroke: None,
            measuring: false,
        }
    }

    /// A page that only checks that every text fits its box, drawing nothing.
    pub fn measuring(font: &'static ParsedFont) -> Self {
        Page {
            measuring: true,
            ..Page::new(FontId::new(), font)
        }
    }

    /// Width of `s` in mm at `size` points.
    pub fn width(&self, s: &str, size: f32) -> f32 {
        font::text_width(self.font, s, size) / PT_PER_MM
    }

    /// Text whose baseline starts at (x, y).
    pub fn text(&mut self, x: f32, y: f32, size: f32, s: &str) {
        if s.is_empty() || self.measuring {
            return;
        }
        if (self.current_size - size).abs() > f32::EPSILON {
            self.text.push(Op::SetFont {
                font: PdfFontHandle::External(self.font_id.clone()),
                size: Pt(size),
            });
            self.current_size = size;
        }
        let p = point(x, y);
        self.text.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(p.x, p.y),
        });
        self.text.push(Op::ShowText {
            items: vec![TextItem::Text(s.to_string())],
        });
    }

    pub fn text_centered(&mut self, cx: f32, y: f32, size: f32, s: &str) {
        let w = self.width(s, size);
        self.text(cx - w / 2.0, y, size, s);
    }

    pub fn text_right(&mut self, right: f32, y: f32, size: f32, s: &str) {
        let w = self.width(s, size);
        self.text(right - w, y, size, s);
    }

    /// Characters stacked top-down, centred on `cx` (the 存根/正本/回执 labels).
    pub fn text_vertical(&mut self, cx: f32, y_top: f32, size: f32, step: f32, s: &str) {
        for (i, c) in s.chars().enumerate() {
            let y = y_top + step * i as f32 + size / PT_PER_MM;
            self.text_centered(cx, y, size, &c.to_string());
        }
    }

    pub fn line(
        &mut self,
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width_pt: f32,
        dash: Option<&[f32]>,
    ) {
        if self.measuring {
            return;
        }
        let stroke = (width_pt, dash.map(<[f32]>::to_vec));
        if self.stroke.as_ref() != Some(&stroke) {
            self.graphics
                .push(Op::SetOutlineThickness { pt: Pt(width_pt) });
            self.graphics.push(Op::SetLineDashPattern {
                dash: match dash {
                    Some(d) => LineDashPattern::new(0.0, d),
                    None => LineDashPattern::solid(),
                },
            });
            self.stroke = Some(stroke);
        }
        self.graphics.push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: point(x1, y1),
                        bezier: false,
                    },
                    LinePoint {
                        p: point(x2, y2),
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        });
    }

    /// A closed outline (e.g. the stamp place).
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, width_pt: f32, dash: Option<&[f32]>) {
        self.line(x, y, x + w, y, width_pt, dash);
        self.line(x + w, y, x + w, y + h, width_pt, dash);
        self.line(x + w, y + h, x, y + h, width_pt, dash);
        self.line(x, y + h, x, y, width_pt, dash);
    }

    /// Grey for the following strokes and text (1.0 white … 0.0 black).
    pub fn grey(&mut self, level: f32) {
        let col = Color::Greyscale(Greyscale {
            percent: level,
            icc_profile: None,
        });
        self.graphics.push(Op::SetOutlineColor { col: col.clone() });
        self.text.push(Op::SetFillColor { col });
    }

    /// Lays `runs` out in the box (x, y_top, width, height): starts at `size` points and
    /// shrinks by half points down to `min_size` until every line fits, wrapping as needed.
    /// Returns the height used. Errors (naming `what`) only if even `min_size` cannot fit.
    pub fn paragraph(
        &mut self,
        (x, y_top, width, height): (f32, f32, f32, f32),
        size: f32,
        min_size: f32,
        runs: &[Run],
        what: &str,
    ) -> Result<f32> {
        let mut s = size;
        loop {
            let lh = s * LEADING / PT_PER_MM;
            let lines = self.wrap(runs, width, s);
            let used = lh * lines.len() as f32;
            if used <= height + 0.01 {
                if self.measuring {
                    return Ok(used);
                }
                for (i, pieces) in lines.iter().enumerate() {
                    // Baseline sits ~80 % down the line box.
                    let base = y_top + lh * i as f32 + lh * 0.78;
                    for (dx, t, kind) in pieces {
                        // Blanks are only their underline: no invisible text to show.
                        if !t.trim().is_empty() {
                            self.text(x + dx, base, s, t);
                        }
                        match kind {
                            RunKind::Field => {
                                let w = self.width(t, s);
                                self.line(x + dx, base + 0.9, x + dx + w, base + 0.9, 0.5, None);
                            }
                            RunKind::Ticked => {
                                let w = self.width(t, s);
                                let tw = self.width("√", s * 0.9);
                                self.text(x + dx + (w - tw) / 2.0, base - 0.3, s * 0.9, "√");
                            }
                            RunKind::Text => {}
                        }
                    }
                }
                return Ok(used);
            }
            if s - 0.5 < min_size {
                return Err(Error::invalid(format!("“{what}”内容过长，信件上放不下")));
            }
            s -= 0.5;
        }
    }

    /// Breaks runs into lines no wider than `width` mm (closing punctuation may hang past it
    /// by one character, which the callers' boxes leave room for).
    fn wrap(&self, runs: &[Run], width: f32, size: f32) -> Vec<Pieces> {
        let mut lines: Vec<Pieces> = vec![Vec::new()];
        let mut x = 0.0f32;
        for run in runs {
            // A handwriting blank is one unbreakable unit of spaces at least `blank_mm` long.
            let blank = (run.blank_mm > 0.0).then(|| {
                let space = self.width(" ", size).max(0.1);
                " ".repeat((run.blank_mm / space).ceil() as usize)
            });
            let run_units = match &blank {
                Some(b) => vec![b.as_str()],
                None => units(&run.text),
            };
            for unit in run_units {
                let w = self.width(unit, size);
                let hang = unit.chars().count() == 1 && unit.chars().all(is_closing_punct);
                // Words wider than a whole line are split character by character.
                let parts: Vec<&str> = if w > width && run.blank_mm == 0.0 {
                    unit.char_indices()
                        .map(|(i, c)| &unit[i..i + c.len_utf8()])
                        .collect()
                } else {
                    vec![unit]
                };
                for part in parts {
                    let pw = if parts_single(unit, part) {
                        w
                    } else {
                        self.width(part, size)
                    };
                    if x > 0.0 && x + pw > width + 0.01 && !hang {
                        lines.push(Vec::new());
                        x = 0.0;
                    }
                    if x == 0.0 && part == " " && run.kind == RunKind::Text {
                        continue;
                    }
                    let Some(line) = lines.last_mut() else {
                        continue;
                    };
                    match line.last_mut() {
                        Some((_, t, k)) if *k == run.kind && run.kind != RunKind::Ticked => {
                            t.push_str(part)
                        }
                        _ => line.push((x, part.to_string(), run.kind)),
                    }
                    x += pw;
                }
            }
        }
        lines
    }

    /// The finished page.
    pub fn finish(mut self) -> PdfPage {
        let mut ops = std::mem::take(&mut self.graphics);
        ops.push(Op::StartTextSection);
        ops.append(&mut self.text);
        ops.push(Op::EndTextSection);
        PdfPage::new(printpdf::Mm(PAGE_W), printpdf::Mm(PAGE_H), ops)
    }
}

/// Line-breaking units: runs of ASCII letters/digits stay together (ID numbers, phone
/// numbers); every other character is a unit of its own.
fn units(s: &str) -> Vec<&str> {
    // Slices of `s`, not new strings: a letter is laid out twice (checked, then drawn), a
    // paragraph once per size tried.
    let mut out: Vec<&str> = Vec::new();
    let mut word: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_ascii_alphanumeric() || (c == '-' && word.is_some()) {
            word.get_or_insert(i);
        } else {
            if let Some(start) = word.take() {
                out.push(&s[start..i]);
            }
            out.push(&s[i..i + c.len_utf8()]);
        }
    }
    if let Some(start) = word {
        out.push(&s[start..]);
    }
    out
}

/// Whether `part` is the whole of `unit` (its width is already known).
fn parts_single(unit: &str, part: &str) -> bool {
    unit.len() == part.len()
}

fn is_closing_punct(c: char) -> bool {
    "，。、；：）」』！？》,.;:)!?".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every handwriting blank is at least 25 mm, on one line, whatever size its paragraph
    /// settles at (issue 23: the 回执's phone blank was ~20 mm, L3's 2–5 characters).
    #[test]
    fn blanks_are_at_least_25_mm() -> Result<()> {
        let p = Page::new(FontId::new(), font::parsed()?);
        for size in [7.0, 11.0, 12.5] {
            for run in [
                Run::field("", 2),
                Run::blank(10.0),
                Run::field(" ", 11).or_blank(40.0),
            ] {
                let want = run.blank_mm;
                let lines = p.wrap(&[Run::text("联系电话："), run], 60.0, size);
                let blank: Vec<&(f32, String, RunKind)> = lines
                    .iter()
                    .flatten()
                    .filter(|(_, _, k)| *k == RunKind::Field)
                    .collect();
                assert_eq!(blank.len(), 1, "{lines:?}");
                let w = p.width(&blank[0].1, size);
                assert!(w >= BLANK_MM && w >= want, "{w} mm at {size} pt");
            }
        }
        // A value is printed as given, padded, never turned into a blank.
        assert_eq!(Run::field("张三", 4).blank_mm, 0.0);
        assert_eq!(Run::unused(5).blank_mm, 0.0);
        Ok(())
    }

    #[test]
    fn units_keep_numbers_together() {
        assert_eq!(
            units("号码1101011990,张三"),
            vec!["号", "码", "1101011990", ",", "张", "三"]
        );
    }
}
