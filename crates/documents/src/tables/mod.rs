//! Summary tables F1–F6 (rules.md §6) as .xlsx, each shaped exactly like its template in
//! 003 (attachments 1–6): title row, 填写说明 block, header (merged where the template merges),
//! column names to the character, drop-downs. Upper levels merge many colleges' files, so
//! identical shapes matter more than anything else here.
//!
//! Every form builds a [`Table`]; [`Table::to_xlsx`] does the shared work: text cells (ID and
//! development numbers never become numbers), a frozen header, a note row when there are no
//! rows, and a print setup that stays legible (issue 23): A4, landscape where the template is
//! wide, the header repeated on every page, columns sized so that the sheet fits the page's
//! width at 100 % (long text wraps, each row as tall as its wrapped text), and fitting to the
//! page *width* only, so that no scaling ever shrinks the 11 pt text below 9 pt.

pub mod f1;
pub mod f2;
pub mod f3;
pub mod f4;
pub mod f5;
pub mod f6;

use crate::{Error, Result};
use rust_xlsxwriter::{
    DataValidation, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

xianjie_domain::labeled_enum! {
    /// The summary tables of rules.md §6.
    Form {
        F1 = "f1", "F1 毕业生流动团员信息汇总表";
        F2 = "f2", "F2 转往特殊单位团组织";
        F3 = "f3", "F3 修改团支部毕业时间汇总表";
        F4 = "f4", "F4 学社衔接转出特殊情况记录";
        F5 = "f5", "F5 团员发展编号被占用汇总表";
        F6 = "f6", "F6 删除团员台账";
    }
}

/// A header cell; `span` columns wide (a group over sub-columns, F4's 待转入团组织所在地区).
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderCell {
    pub name: &'static str,
    /// Sub-column names when this header groups several columns (second header row).
    pub sub: &'static [&'static str],
}

impl HeaderCell {
    pub const fn plain(name: &'static str) -> Self {
        HeaderCell { name, sub: &[] }
    }
    fn width(&self) -> usize {
        self.sub.len().max(1)
    }
}

/// A data cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// Text that stands in for a value the office still has to act on (F2's 未发起): never a
    /// blank, shaded like a missing value.
    Marked(String),
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}
impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

/// A drop-down list on one column (F1's 转出人毕业去向).
#[derive(Debug, Clone, PartialEq)]
pub struct DropDown {
    pub column: u16,
    pub values: &'static [&'static str],
}

/// One sheet, as the forms describe it.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub sheet_name: String,
    /// The title row (F5's template has none).
    pub title: Option<String>,
    /// The 填写说明 block under the title (F1 only), one merged cell.
    pub notes: Option<String>,
    pub header: Vec<HeaderCell>,
    pub rows: Vec<Vec<Cell>>,
    pub drop_downs: Vec<DropDown>,
    /// Columns that must not be empty: empty cells there are shaded so they get filled in.
    pub required: Vec<u16>,
    /// What the selection was, for the note row of an empty table.
    pub empty_note: String,
    /// Wide tables print landscape.
    pub landscape: bool,
}

/// Rows past the data that still get the drop-down, for entries typed in by hand.
const EXTRA_VALIDATED_ROWS: u32 = 200;

/// Font size of everything but the title: printed at 100 %, it stays well above 9 pt.
const BODY_PT: f64 = 11.0;
/// Height of one line of 11 pt text (CJK fonts run taller than Calibri's 15 pt rows).
const LINE_PT: f64 = 16.0;
/// Left and right page margins in inches.
const MARGIN_IN: f64 = 0.5;
/// The widest a column asks to be, in width units (longer text wraps).
const MAX_COLUMN: usize = 40;

impl Table {
    /// Number of leaf columns.
    pub fn column_count(&self) -> u16 {
        self.header.iter().map(HeaderCell::width).sum::<usize>() as u16
    }

    fn header_rows(&self) -> u32 {
        if self.header.iter().any(|h| !h.sub.is_empty()) {
            2
        } else {
            1
        }
    }

    /// The row index of the first header row.
    fn header_top(&self) -> u32 {
        u32::from(self.title.is_some()) + u32::from(self.notes.is_some())
    }

    /// The row index of the first data row (also the frozen-pane row).
    pub fn first_data_row(&self) -> u32 {
        self.header_top() + self.header_rows()
    }

    /// Writes the table into a fresh worksheet of `wb`.
    pub fn add_to(&self, wb: &mut Workbook) -> Result<()> {
        let ws = wb.add_worksheet();
        self.write(ws).map_err(xlsx_err)
    }

    /// The .xlsx bytes of a one-sheet workbook.
    pub fn to_xlsx(&self) -> Result<Vec<u8>> {
        let mut wb = Workbook::new();
        self.add_to(&mut wb)?;
        wb.save_to_buffer().map_err(xlsx_err)
    }

    fn write(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        let ncols = self.column_count().max(1);
        let last = ncols - 1;
        let widths = self.column_widths();
        let total: f64 = widths.iter().sum();
        ws.set_name(sheet_name(&self.sheet_name))?;
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        let title_fmt = Format::new()
            .set_bold()
            .set_font_size(16)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter);
        let notes_fmt = Format::new()
            .set_font_size(BODY_PT)
            .set_text_wrap()
            .set_align(FormatAlign::Left)
            .set_align(FormatAlign::VerticalCenter)
            .set_font_color(rust_xlsxwriter::Color::RGB(0xC0_0000));
        let head_fmt = border(
            Format::new()
                .set_font_size(BODY_PT)
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(rust_xlsxwriter::Color::RGB(0xD9_E1F2)),
        );
        let text_fmt = border(
            Format::new()
                .set_font_size(BODY_PT)
                .set_num_format("@")
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
        );
        let missing_fmt = text_fmt
            .clone()
            .set_background_color(rust_xlsxwriter::Color::RGB(0xFF_F2CC));
        let num_fmt = border(
            Format::new()
                .set_font_size(BODY_PT)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
        );
        let note_fmt = border(
            Format::new()
                .set_font_size(BODY_PT)
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_italic()
                .set_font_color(rust_xlsxwriter::Color::RGB(0x60_6060)),
        );

        let mut row = 0u32;
        if let Some(title) = &self.title {
            merge_or_write(ws, row, 0, last, title, &title_fmt)?;
            ws.set_row_height(row, 30)?;
            row += 1;
        }
        if let Some(notes) = &self.notes {
            merge_or_write(ws, row, 0, last, notes, &notes_fmt)?;
            // A merged cell never grows by itself: its height is its wrapped lines'.
            let lines: f64 = notes.lines().map(|l| wrapped_lines(l, total)).sum();
            ws.set_row_height(row, LINE_PT * lines.max(1.0) + 6.0)?;
            row += 1;
        }

        // Header: plain cells span both header rows when there is a group.
        let hrows = self.header_rows();
        let mut col = 0u16;
        for h in &self.header {
            if h.sub.is_empty() {
                if hrows == 2 {
                    ws.merge_range(row, col, row + 1, col, h.name, &head_fmt)?;
                } else {
                    ws.write_string_with_format(row, col, h.name, &head_fmt)?;
                }
                col += 1;
            } else {
                let w = h.sub.len() as u16;
                merge_or_write(ws, row, col, col + w - 1, h.name, &head_fmt)?;
                for (i, s) in h.sub.iter().enumerate() {
                    ws.write_string_with_format(row + 1, col + i as u16, *s, &head_fmt)?;
                }
                col += w;
            }
        }
        let header_top = row;
        // Wrapped header names need taller rows (merged cells never grow by themselves). Under
        // a group (F4's 待转入团组织所在地区) the group's name takes the first row, its
        // sub-columns the second; a plain name spans both.
        let (mut top, mut bottom) = (1.0f64, 1.0f64);
        let mut col = 0usize;
        for h in &self.header {
            let span = h.width();
            let w: f64 = widths.iter().skip(col).take(span).sum();
            let lines = wrapped_lines(h.name, w);
            if h.sub.is_empty() {
                top = top.max(lines / hrows as f64);
                bottom = bottom.max(lines / hrows as f64);
            } else {
                top = top.max(lines);
                for (s, sw) in h.sub.iter().zip(widths.iter().skip(col)) {
                    bottom = bottom.max(wrapped_lines(s, *sw));
                }
            }
            col += span;
        }
        ws.set_row_height(row, LINE_PT * top.ceil() + 6.0)?;
        if hrows == 2 {
            ws.set_row_height(row + 1, LINE_PT * bottom.ceil() + 6.0)?;
        }
        row += hrows;
        let first_data = row;

        if self.rows.is_empty() {
            merge_or_write(ws, row, 0, last, &self.empty_note, &note_fmt)?;
            let lines = wrapped_lines(&self.empty_note, total);
            ws.set_row_height(row, LINE_PT * lines + 9.0)?;
        }
        // A row as tall as its most wrapped cell: LibreOffice keeps the sheet's default
        // height for a row given none (the text of a wrapped cell is then cut off).
        for r in &self.rows {
            let lines = r
                .iter()
                .zip(&widths)
                .map(|(cell, w)| match cell {
                    Cell::Text(s) | Cell::Marked(s) => wrapped_lines(s, *w),
                    Cell::Number(_) => 1.0,
                })
                .fold(1.0f64, f64::max);
            if lines > 1.0 {
                ws.set_row_height(row, LINE_PT * lines + 4.0)?;
            }
            for c in 0..ncols {
                match r.get(usize::from(c)) {
                    Some(Cell::Number(n)) => {
                        ws.write_number_with_format(row, c, *n, &num_fmt)?;
                    }
                    Some(Cell::Marked(s)) => {
                        ws.write_string_with_format(row, c, s, &missing_fmt)?;
                    }
                    Some(Cell::Text(s)) if !s.trim().is_empty() => {
                        ws.write_string_with_format(row, c, s, &text_fmt)?;
                    }
                    _ => {
                        let f = if self.required.contains(&c) {
                            &missing_fmt
                        } else {
                            &text_fmt
                        };
                        ws.write_blank(row, c, f)?;
                    }
                }
            }
            row += 1;
        }

        let validated_end = first_data + self.rows.len() as u32 + EXTRA_VALIDATED_ROWS;
        for d in &self.drop_downs {
            let v = DataValidation::new()
                .allow_list_strings(d.values)?
                .set_error_title("请从下拉列表中选择")?
                .set_error_message(format!("应为：{}", d.values.join(" / ")))?;
            ws.add_data_validation(first_data, d.column, validated_end, d.column, &v)?;
        }

        for (c, w) in (0..ncols).zip(&widths) {
            ws.set_column_width(c, *w)?;
        }
        ws.set_freeze_panes(first_data, 0)?;
        ws.set_paper_size(9); // A4
        if self.landscape {
            ws.set_landscape();
        }
        // The columns already fit the width at 100 %; fitting to the width (any number of pages
        // tall) only guards against a viewer's wider font, never shrinking text by much.
        ws.set_print_fit_to_pages(1, 0);
        ws.set_print_center_horizontally(true);
        ws.set_margins(MARGIN_IN, MARGIN_IN, 0.6, 0.6, 0.3, 0.3);
        ws.set_footer("&C&11第 &P 页，共 &N 页");
        // Only the column header repeats: the title and 填写说明 stay on page one.
        ws.set_repeat_rows(header_top, header_top + hrows - 1)?;
        Ok(())
    }

    /// Column widths in Excel units (CJK characters count double) that together fit the
    /// printable width of A4 at 100 %. Each column asks for its longest value (ID numbers,
    /// phones and dates whole; headers may wrap to a few lines); when they do not all fit,
    /// each keeps a floor (4 Chinese characters, or an ASCII value such as an ID number or a
    /// date, on one line) and shares the rest in proportion to its text.
    pub fn column_widths(&self) -> Vec<f64> {
        let n = usize::from(self.column_count().max(1));
        let mut want = Vec::with_capacity(n);
        let mut floor = Vec::with_capacity(n);
        for c in 0..n as u16 {
            let header = self.leaf_header(c).map(display_width).unwrap_or(4);
            // A header wraps to at most ~4 lines, each at least 2 characters.
            let header_room = header.div_ceil(4).clamp(4, 16);
            let mut data = 0usize;
            let mut unbreakable = 0usize;
            for r in &self.rows {
                let w = match r.get(usize::from(c)) {
                    Some(Cell::Text(s)) | Some(Cell::Marked(s)) => {
                        if s.is_ascii() {
                            unbreakable = unbreakable.max(display_width(s));
                        }
                        display_width(s)
                    }
                    Some(Cell::Number(v)) => {
                        let w = v.to_string().len();
                        unbreakable = unbreakable.max(w);
                        w
                    }
                    None => 0,
                };
                data = data.max(w);
            }
            let pad = |w: usize| w as f64 + 2.0;
            let header_whole = header.min(20);
            let f = pad(header_room.max(unbreakable.min(24)).max(4));
            let w = pad(header_whole.max(data.min(MAX_COLUMN)).max(4)).max(f);
            want.push(w);
            floor.push(f.min(w));
        }
        let budget = self.printable_units(n);
        if want.iter().sum::<f64>() <= budget {
            return want;
        }
        // Each column keeps its floor and gets a share of the rest in proportion to what it
        // asks beyond it: long texts wrap to about as many lines in every column, which keeps
        // rows as short as the page allows.
        let floors: f64 = floor.iter().sum();
        let extra: f64 = want.iter().zip(&floor).map(|(w, f)| w - f).sum();
        let k = if extra > 0.0 {
            ((budget - floors) / extra).clamp(0.0, 1.0)
        } else {
            0.0
        };
        want.iter()
            .zip(&floor)
            .map(|(w, f)| ((f + (w - f) * k) * 4.0).floor() / 4.0)
            .collect()
    }

    /// The width the columns may take, in Excel width units: 85 % of the printable width of
    /// the page at 100 %. The rest is for viewers whose default font is wider than Excel's
    /// Calibri: LibreOffice without it draws a unit about a third wider (DejaVu Sans) and fits
    /// the sheet to the page by scaling to ~88 %, which keeps 11 pt text at 9.7 pt.
    fn printable_units(&self, columns: usize) -> f64 {
        let paper_mm = if self.landscape { 297.0 } else { 210.0 };
        let printable_pt = paper_mm / 25.4 * 72.0 - 2.0 * MARGIN_IN * 72.0;
        // Excel: a column of w units is (7 w + 5) px at 96 dpi, i.e. 5.25 w + 3.75 pt.
        (0.85 * printable_pt - 3.75 * columns as f64) / 5.25
    }

    fn leaf_header(&self, c: u16) -> Option<&'static str> {
        let mut col = 0u16;
        for h in &self.header {
            if h.sub.is_empty() {
                if col == c {
                    return Some(h.name);
                }
                col += 1;
            } else {
                for s in h.sub {
                    if col == c {
                        return Some(s);
                    }
                    col += 1;
                }
            }
        }
        None
    }

    /// The header names as a flat list of leaf columns (group names for grouped columns are
    /// not included), for tests and callers that check shapes.
    pub fn leaf_names(&self) -> Vec<&'static str> {
        (0..self.column_count())
            .filter_map(|c| self.leaf_header(c))
            .collect()
    }
}

fn merge_or_write(
    ws: &mut Worksheet,
    row: u32,
    c0: u16,
    c1: u16,
    text: &str,
    fmt: &Format,
) -> Result<(), XlsxError> {
    if c1 > c0 {
        ws.merge_range(row, c0, row, c1, text, fmt)?;
    } else {
        ws.write_string_with_format(row, c0, text, fmt)?;
    }
    Ok(())
}

/// Excel sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(s: &str) -> String {
    s.chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

/// How many lines `text` takes in a column `width` units wide (1 unit of padding each side).
fn wrapped_lines(text: &str, width: f64) -> f64 {
    let room = (width - 1.5).max(1.0);
    // A Chinese character is a little over two width units in Excel's fonts.
    text.lines()
        .map(|l| (display_width(l) as f64 * 1.08 / room).ceil().max(1.0))
        .sum::<f64>()
        .max(1.0)
}

/// Display width: CJK and full-width characters count 2, others 1.
pub fn display_width(s: &str) -> usize {
    s.lines()
        .map(|l| l.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum())
        .max()
        .unwrap_or(0)
}

fn xlsx_err(e: XlsxError) -> Error {
    Error::internal(format!("生成表格失败：{e}"))
}

/// Describes a selection for the note row of an empty table ("学院：…；年度：…").
pub fn empty_note(filter: &str) -> String {
    if filter.is_empty() {
        "（无符合条件的记录）".to_string()
    } else {
        format!("（无符合条件的记录：{filter}）")
    }
}

/// 序号 cells: 1, 2, 3 …
pub fn seq(i: usize) -> Cell {
    Cell::Number((i + 1) as f64)
}
