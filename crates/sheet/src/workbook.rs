//! Opens a roster workbook and finds its table: the sheet, the header row under any title
//! rows, merged header cells, and which column feeds which field.
//!
//! Offices' rosters start with titles (“2026届毕业生团员名单”), notes and two-row headers
//! whose cells are merged; the header row is the one whose cells name the most fields.

use super::header::{field_by_header, ColumnMap, Field, REQUIRED};
use super::normalize;
use calamine::{open_workbook_auto, Data, Dimensions, Range, Reader, Sheets};
use std::io::{Read, Seek};
use std::path::Path;
use xianjie_domain::{Error, Result};

/// How far down a header row is looked for.
pub(crate) const HEADER_SCAN_ROWS: u32 = 30;

/// The most rows one import reads. A sheet is held in memory while it is checked (≈ 4 KB a
/// row all told), so a million-row export is refused before its cells are read, not after the
/// machine runs out of memory. 200,000 rows is several times the largest school's graduates.
pub const MAX_ROWS: u32 = 200_000;

pub(crate) fn too_many_rows(file: &str, sheet: &str, rows: u64) -> Error {
    Error::invalid(format!(
        "文件“{file}”的工作表“{sheet}”有 {rows} 行，超过单次导入上限 {MAX_ROWS} 行，请拆分成多个文件后分别导入"
    ))
}

/// Refuses a sheet whose declared size is over [`MAX_ROWS`], from the `.xlsx` sheet's
/// `<dimension>` (read before any cell). An `.xls` sheet holds at most 65,536 rows.
pub(crate) fn check_declared_size<RS: Read + Seek>(
    book: &mut Sheets<RS>,
    file: &str,
    sheet: &str,
) -> Result<()> {
    if let Sheets::Xlsx(x) = book {
        if let Ok(reader) = x.worksheet_cells_reader(sheet) {
            let d = reader.dimensions();
            let rows = u64::from(d.end.0.saturating_sub(d.start.0)) + 1;
            if rows > u64::from(MAX_ROWS) {
                return Err(too_many_rows(file, sheet, rows));
            }
        }
    }
    Ok(())
}

/// A mapped column of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub field: Field,
    /// Absolute 0-based column index.
    pub col: u32,
    /// The header as written.
    pub header: String,
}

impl Column {
    /// `C（身份证号）`: the letter Excel shows and the header, for messages.
    pub fn label(&self) -> String {
        format!("{}（{}）", column_letter(self.col), self.header)
    }
}

/// A sheet's roster table.
#[derive(Debug, Clone)]
pub struct Table {
    pub file: String,
    pub sheet: String,
    /// The header row as Excel numbers it (1-based; the lowest row of a multi-row header).
    pub header_row: u32,
    /// Absolute 0-based index of the first data row.
    pub first_data_row: u32,
    pub columns: Vec<Column>,
    pub range: Range<Data>,
}

impl Table {
    pub fn column(&self, field: Field) -> Option<&Column> {
        self.columns.iter().find(|c| c.field == field)
    }
    /// Absolute 0-based index of the last row.
    pub fn last_row(&self) -> u32 {
        self.range.end().map(|e| e.0).unwrap_or(0)
    }
    pub fn cell(&self, row: u32, col: u32) -> &Data {
        self.range.get_value((row, col)).unwrap_or(&Data::Empty)
    }
}

/// `A`, `Z`, `AA` … for a 0-based column index.
pub fn column_letter(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Opens `.xlsx` / `.xls` and reads the roster table of `sheet` (or of the first sheet that
/// has one).
pub fn read(path: &Path, sheet: Option<&str>, maps: &[ColumnMap]) -> Result<Table> {
    let file = path.display().to_string();
    super::ole::check_file(path, &file)?;
    guarded(&file, || {
        let mut book = open_workbook_auto(path).map_err(|e| super::sniff::open_error(path, &e))?;
        read_book(&mut book, &file, sheet, maps)
    })
}

/// The workbook's sheet names, behind the same guards as [`read`] (an `.xls` container is
/// walked before calamine opens it; a reader panic is a damaged file).
pub fn sheet_names(path: &Path) -> Result<Vec<String>> {
    let file = path.display().to_string();
    super::ole::check_file(path, &file)?;
    guarded(&file, || {
        let book = open_workbook_auto(path).map_err(|e| super::sniff::open_error(path, &e))?;
        Ok(book.sheet_names())
    })
}

/// Reads a workbook held in memory (e.g. the demo roster built into the program); `file` is
/// the name used in messages.
pub fn read_bytes(
    bytes: &[u8],
    file: &str,
    sheet: Option<&str>,
    maps: &[ColumnMap],
) -> Result<Table> {
    super::ole::check(file, bytes)?;
    guarded(file, || {
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
            .map_err(|e| super::sniff::bytes_error(file, bytes, &e))?;
        read_book(&mut book, file, sheet, maps)
    })
}

/// Runs the workbook reader: its `.xls` parser indexes records by what they claim and panics
/// on some damaged files (found by fuzzing, docs/fuzzing.md); that is a damaged file, said so.
pub(crate) fn guarded<T>(file: &str, read: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(Error::invalid(format!(
            "读取“{file}”失败：内容已损坏，请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"
        )))
    })
}

pub(crate) fn read_book<RS: Read + Seek>(
    book: &mut Sheets<RS>,
    file: &str,
    sheet: Option<&str>,
    maps: &[ColumnMap],
) -> Result<Table> {
    let names = book.sheet_names();
    let candidates: Vec<String> = match sheet {
        Some(s) => {
            if !names.iter().any(|n| n == s) {
                return Err(Error::invalid(format!(
                    "“{file}”中没有名为“{s}”的工作表；现有工作表：{}",
                    names.join("、")
                )));
            }
            vec![s.to_string()]
        }
        None => names.clone(),
    };
    let mut last_problem = None;
    for name in candidates {
        check_declared_size(book, file, &name)?;
        let range = book
            .worksheet_range(&name)
            .map_err(|_| {
                Error::invalid(format!(
                    "读取“{file}”的工作表“{name}”失败：内容已损坏，请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"
                ))
            })?;
        // A sheet without a (true) declared size is still held to the limit once read.
        if range.height() > MAX_ROWS as usize {
            return Err(too_many_rows(file, &name, range.height() as u64));
        }
        // Merged regions cost a second pass over an .xlsx sheet: only read them when the
        // header is not a plain first row with every cell filled.
        let plain = find_table(&range, &[], maps)
            .ok()
            .filter(|f| is_plain(&range, f));
        let found = match plain {
            Some(f) => Ok(f),
            None => find_table(&range, &merges(book, &name), maps),
        };
        match found {
            Ok((header_row, first_data_row, columns)) => {
                return Ok(Table {
                    file: file.to_string(),
                    sheet: name,
                    header_row,
                    first_data_row,
                    columns,
                    range,
                })
            }
            Err(msg) => last_problem = Some(format!("工作表“{name}”：{msg}")),
        }
    }
    Err(Error::invalid(format!(
        "“{file}”中找不到团员名单表头。{}",
        last_problem.unwrap_or_else(|| "文件中没有工作表".into())
    )))
}

/// Merged regions; a file whose merges cannot be read is still imported without them.
fn merges<RS: Read + Seek>(book: &mut Sheets<RS>, name: &str) -> Vec<Dimensions> {
    match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// (header row as Excel numbers it, first data row 0-based, mapped columns).
pub(crate) type Found = (u32, u32, Vec<Column>);

/// A header in the sheet's first row with no empty cell cannot involve merged cells.
pub(crate) fn is_plain(range: &Range<Data>, f: &Found) -> bool {
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        return false;
    };
    let row = f.0 - 1;
    row == start.0
        && (start.1..=end.1).all(|c| {
            range
                .get_value((row, c))
                .and_then(|d| normalize::text(d.into()))
                .is_some()
        })
}

/// Picks the header row: the row (among the first rows) whose cells name the most fields.
pub(crate) fn find_table(
    range: &Range<Data>,
    merges: &[Dimensions],
    maps: &[ColumnMap],
) -> std::result::Result<Found, String> {
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        return Err("工作表为空".into());
    };
    let mut best: Option<(usize, u32, Vec<Column>)> = None;
    let last_scan = end.0.min(start.0 + HEADER_SCAN_ROWS);
    for row in start.0..=last_scan {
        let columns = map_row(range, merges, maps, row, start.1, end.1);
        let score = columns.len();
        let named = columns
            .iter()
            .any(|c| matches!(c.field, Field::Name | Field::IdNumber));
        if score >= 2 && named && best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, row, columns));
        }
    }
    let Some((_, row, columns)) = best else {
        return Err("前30行中没有包含“姓名”“身份证号”等列名的表头行".into());
    };
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|f| !columns.iter().any(|c| c.field == **f))
        .map(|f| f.label())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "第{}行的表头缺少必需的列：{}（可用 --map 列名=字段 指定）",
            row + 1,
            missing.join("、")
        ));
    }
    // A header cell merged downwards (two-row headers) pushes the data below the merge.
    let first_data_row = merges
        .iter()
        .filter(|m| m.start.0 <= row && m.end.0 >= row)
        .map(|m| m.end.0 + 1)
        .fold(row + 1, u32::max);
    Ok((row + 1, first_data_row, columns))
}

/// The mapped columns of one candidate header row; an empty cell inside a merged region takes
/// the region's text, and of two columns naming one field an explicit mapping or else the
/// leftmost wins.
fn map_row(
    range: &Range<Data>,
    merges: &[Dimensions],
    maps: &[ColumnMap],
    row: u32,
    first_col: u32,
    last_col: u32,
) -> Vec<Column> {
    let mut columns: Vec<(Column, bool)> = Vec::new();
    for col in first_col..=last_col {
        let cell = range.get_value((row, col)).unwrap_or(&Data::Empty);
        let header = match normalize::text(cell.into()) {
            Some(h) => h,
            None => match merges.iter().find(|m| m.contains(row, col)) {
                Some(m) => range
                    .get_value(m.start)
                    .and_then(|d| normalize::text(d.into()))
                    .unwrap_or_default(),
                None => continue,
            },
        };
        let Some(field) = field_by_header(&header, maps) else {
            continue;
        };
        let folded = super::header::fold_header(&header);
        let explicit = maps.iter().any(|m| m.header == folded);
        match columns.iter_mut().find(|(c, _)| c.field == field) {
            Some(slot) if explicit && !slot.1 => *slot = (Column { field, col, header }, true),
            Some(_) => {}
            None => columns.push((Column { field, col, header }, explicit)),
        }
    }
    columns.into_iter().map(|(c, _)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Data {
        Data::String(v.into())
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn header_under_title_and_two_row_merge() {
        // Row 0: title merged A1:E1. Row 1: 姓名, 身份证号 merged down; 团组织信息 across C2:E2.
        // Row 2: sub-headers 团支部, 入团时间, 团员发展编号. Data from row 3.
        let mut r = Range::new((0, 0), (3, 4));
        r.set_value((0, 0), s("2026届毕业生团员名单"));
        r.set_value((1, 0), s("姓名"));
        r.set_value((1, 1), s("身份证号"));
        r.set_value((1, 2), s("团组织信息"));
        r.set_value((2, 2), s("所在团支部"));
        r.set_value((2, 3), s("入团年月"));
        r.set_value((2, 4), s("发展团员编号"));
        r.set_value((3, 0), s("张三"));
        let merges = vec![
            Dimensions::new((0, 0), (0, 4)),
            Dimensions::new((1, 0), (2, 0)),
            Dimensions::new((1, 1), (2, 1)),
            Dimensions::new((1, 2), (1, 4)),
        ];
        let (header_row, first, cols) =
            find_table(&r, &merges, &[]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(header_row, 3);
        assert_eq!(first, 3);
        let fields: Vec<Field> = cols.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            [
                Field::Name,
                Field::IdNumber,
                Field::Branch,
                Field::Joined,
                Field::DevelopmentNo
            ]
        );
    }

    #[test]
    fn missing_required_column_is_named() {
        let mut r = Range::new((0, 0), (1, 1));
        r.set_value((0, 0), s("姓名"));
        r.set_value((0, 1), s("身份证号"));
        let e = find_table(&r, &[], &[]).err().unwrap_or_default();
        assert!(e.contains("团支部") && e.contains("入团时间"), "{e}");
    }

    #[test]
    fn a_reader_panic_is_a_damaged_file() {
        let e = guarded::<()>("名单.xls", || panic!("index out of bounds")).unwrap_err();
        assert!(
            e.message.contains("名单.xls") && e.message.contains("损坏"),
            "{e}"
        );
    }
}
