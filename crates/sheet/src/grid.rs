//! Any workbook as plain text grids, with the same guards as the roster reader (the OLE and
//! BIFF checks, the declared-size limit, a damaged file refused, not a panic): for the files
//! the office hands back in a shape Xianjie itself wrote (the 毕业去向 collection workbooks)
//! or that upper levels exchange (F-tables, 智慧团建's exports).

use crate::normalize::{self, Cell};
use crate::workbook::{check_declared_size, guarded, too_many_rows, MAX_ROWS};
use calamine::{open_workbook_auto, Reader};
use std::path::Path;
use xianjie_domain::Result;

/// One sheet: its name and its cells as text (empty cells as ""), row by row from the
/// sheet's first row (row 0 is Excel's row 1), column by column from column A.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    /// The text of a cell (0-based), "" outside the sheet.
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", String::as_str)
    }
}

/// Every sheet of the workbook at `path`, in order, its text FOLDED ([`normalize::key`]:
/// full-width brackets and spaces as half-width) — for matching labels and numbers only; a
/// value to keep (a unit's or an org's name) comes from [`read_as_written`].
pub fn read(path: &Path) -> Result<Vec<Grid>> {
    read_with(path, normalize::key)
}

/// [`read`] with text as written ([`normalize::text`]: trimmed, full-width kept): what is
/// stored, shown and printed.
pub fn read_as_written(path: &Path) -> Result<Vec<Grid>> {
    read_with(path, normalize::text)
}

fn read_with(path: &Path, text: fn(Cell<'_>) -> Option<String>) -> Result<Vec<Grid>> {
    let file = path.display().to_string();
    crate::ole::check_file(path, &file)?;
    guarded(&file, || {
        let mut book = open_workbook_auto(path).map_err(|e| crate::sniff::open_error(path, &e))?;
        let mut out = Vec::new();
        for name in book.sheet_names() {
            check_declared_size(&mut book, &file, &name)?;
            let range = book.worksheet_range(&name).map_err(|_| {
                xianjie_domain::Error::invalid(format!(
                    "读取“{file}”的工作表“{name}”失败：内容已损坏，请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"
                ))
            })?;
            if range.height() > MAX_ROWS as usize {
                return Err(too_many_rows(&file, &name, range.height() as u64));
            }
            // Rows from Excel's row 1 and columns from A, whatever the used range's start.
            let (r0, c0) = range
                .start()
                .map_or((0, 0), |(r, c)| (r as usize, c as usize));
            let mut rows = vec![Vec::new(); r0];
            for row in range.rows() {
                let mut cells = vec![String::new(); c0];
                cells.extend(row.iter().map(|d| text(Cell::from(d)).unwrap_or_default()));
                rows.push(cells);
            }
            out.push(Grid { name, rows });
        }
        Ok(out)
    })
}
