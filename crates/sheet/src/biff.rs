//! How large the `.xls` reader would lay out a workbook's sheets, read from the workbook
//! stream's records before the reader sees them.
//!
//! calamine lays every sheet of an `.xls` out as one rectangle spanning its cells, and reserves
//! what a sheet's DIMENSIONS record declares, before anything can be refused: two cells far
//! apart in a damaged file (found by fuzzing, docs/fuzzing.md) asked for gigabytes. The format
//! holds at most 65,536 × 256 cells a sheet; this refuses a workbook whose sheets together
//! would exceed that. It reads the records the way the reader does (each sheet from the offset
//! its BOUNDSHEET record gives, embedded charts skipped, up to its EOF), counting a record even
//! where the reader would refuse it, so it errs on the side of refusing.

/// The most cells the reader may lay out, all sheets together: one full BIFF8 sheet
/// (≈ 0.5 GB as the reader holds them).
const MAX_CELLS: u64 = 65_536 * 256;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const FORMULA: u16 = 0x0006;
const STRING: u16 = 0x0207;
const MULRK: u16 = 0x00BD;
/// Records holding one cell at (row, column) in their first four bytes.
const CELLS: [u16; 6] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD];

/// True when the sheets of workbook `stream` fit [`MAX_CELLS`].
pub fn cells_fit(stream: &[u8]) -> bool {
    let mut total = 0u64;
    for (typ, data) in records(stream) {
        if typ != BOUNDSHEET || data.len() < 4 {
            continue;
        }
        let pos = u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize;
        let Some(sheet) = stream.get(pos..) else {
            continue;
        };
        match sheet_cells(sheet) {
            Some(n) => total = total.saturating_add(n),
            None => return false,
        }
        if total > MAX_CELLS {
            return false;
        }
    }
    true
}

/// The cells the reader lays out for the sheet starting at `sheet` (values and formulas);
/// `None` when its DIMENSIONS alone ask for more than [`MAX_CELLS`].
fn sheet_cells(sheet: &[u8]) -> Option<u64> {
    let (mut values, mut formulas) = (Span::default(), Span::default());
    let (mut seen_bof, mut depth) = (false, 0usize);
    let mut formula_at = (0u32, 0u32);
    for (typ, data) in records(sheet) {
        if depth > 0 {
            match typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        let at = |i: usize| data.get(i..i + 2).map(|b| u32::from(u16_of(b)));
        match typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            DIMENSIONS if declared(data) > MAX_CELLS => return None,
            EOF => break,
            FORMULA => {
                if let (Some(r), Some(c)) = (at(0), at(2)) {
                    formula_at = (r, c);
                    values.add(r, c);
                    formulas.add(r, c);
                }
            }
            STRING => values.add(formula_at.0, formula_at.1),
            MULRK => {
                if let (Some(r), Some(c), true) = (at(0), at(2), data.len() > 6) {
                    let n = (data.len() - 6).div_ceil(6) as u32;
                    values.add(r, c);
                    values.add(r, c + n - 1);
                }
            }
            t if CELLS.contains(&t) => {
                if let (Some(r), Some(c)) = (at(0), at(2)) {
                    values.add(r, c);
                }
            }
            _ => {}
        }
    }
    Some(values.cells().saturating_add(formulas.cells()))
}

/// What a DIMENSIONS record makes the reader reserve, computed as it does (in wrapping
/// arithmetic, as a release build runs).
fn declared(data: &[u8]) -> u64 {
    let u32_of = |i: usize| u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
    let (rf, rl, mut cf, cl) = match data.len() {
        10 => (
            u32::from(u16_of(&data[0..])),
            u32::from(u16_of(&data[2..])),
            u32::from(u16_of(&data[4..])),
            u32::from(u16_of(&data[6..])),
        ),
        14 | 16 => (
            u32_of(0),
            u32_of(4),
            u32::from(u16_of(&data[8..])),
            u32::from(u16_of(&data[10..])),
        ),
        _ => return 0,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let (start, end) = if rl >= 1 && cl >= 1 {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let rows = end.0.wrapping_sub(start.0).wrapping_add(1) as u64;
    let cols = end.1.wrapping_sub(start.1).wrapping_add(1) as u64;
    rows.saturating_mul(cols)
}

/// The rectangle spanning a sheet's cells.
#[derive(Default)]
struct Span {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Span {
    fn add(&mut self, r: u32, c: u32) {
        let grow =
            |s: Option<(u32, u32)>, v: u32| Some(s.map_or((v, v), |(a, b)| (a.min(v), b.max(v))));
        self.rows = grow(self.rows, r);
        self.cols = grow(self.cols, c);
    }
    fn cells(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => {
                u64::from(r1 - r0 + 1).saturating_mul(u64::from(c1 - c0 + 1))
            }
            _ => 0,
        }
    }
}

/// The records of `stream` as the reader iterates them (type, data): CONTINUE records are
/// part of the record before them; a truncated record ends the iteration (the reader stops
/// there with an error).
fn records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if stream.len() < 4 {
            return None;
        }
        let typ = u16_of(stream);
        let len = usize::from(u16_of(&stream[2..]));
        let (record, rest) = stream.split_at_checked(len + 4)?;
        stream = rest;
        while stream.len() > 4 && u16_of(stream) == CONTINUE {
            let len = usize::from(u16_of(&stream[2..]));
            let Some((_, rest)) = stream.split_at_checked(len + 4) else {
                stream = &[];
                break;
            };
            stream = rest;
        }
        Some((typ, &record[4..]))
    })
}

fn u16_of(b: &[u8]) -> u16 {
    u16::from_le_bytes([b[0], b[1]])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = [row.to_le_bytes(), col.to_le_bytes(), [0, 0]].concat();
        d.extend(1f64.to_le_bytes());
        record(0x0203, &d)
    }

    /// A workbook stream: globals with one BOUNDSHEET a sheet, then the sheets' records.
    fn workbook(sheets: &[Vec<u8>]) -> Vec<u8> {
        let globals_len = 4 + sheets.len() * 14 + 4;
        let mut out = record(BOF, &[]);
        let mut pos = globals_len;
        for s in sheets {
            let mut d = (pos as u32).to_le_bytes().to_vec();
            d.extend([0, 0, 1, 0, b'S', 0]);
            out.extend(record(BOUNDSHEET, &d));
            pos += s.len();
        }
        out.extend(record(EOF, &[]));
        assert_eq!(out.len(), globals_len);
        sheets.iter().for_each(|s| out.extend(s));
        out
    }

    fn sheet(records: &[Vec<u8>]) -> Vec<u8> {
        let mut s = record(BOF, &[]);
        records.iter().for_each(|r| s.extend(r));
        s.extend(record(EOF, &[]));
        s
    }

    #[test]
    fn a_full_sheet_fits_two_do_not() {
        let full = sheet(&[number(0, 0), number(65_535, 255)]);
        assert!(cells_fit(&workbook(std::slice::from_ref(&full))));
        // Found by fuzzing: cells far apart in every sheet ask for gigabytes.
        assert!(!cells_fit(&workbook(&[full.clone(), full])));
        let wide = sheet(&[number(0, 0), number(65_535, 65_535)]);
        assert!(!cells_fit(&workbook(&[wide])));
    }

    #[test]
    fn declared_dimensions_count() {
        let dims = |rf: u32, rl: u32| {
            let d = [
                rf.to_le_bytes(),
                rl.to_le_bytes(),
                [0, 0, 10, 0],
                [0, 0, 0, 0],
            ]
            .concat();
            sheet(&[record(DIMENSIONS, &d[..14])])
        };
        assert!(cells_fit(&workbook(&[dims(0, 5_000)])));
        assert!(!cells_fit(&workbook(&[dims(0, u32::MAX)])));
        // rl < rf: the reader's subtraction wraps.
        assert!(!cells_fit(&workbook(&[dims(10, 5)])));
    }

    #[test]
    fn embedded_charts_are_skipped_like_the_reader_does() {
        let chart = [record(BOF, &[]), number(65_535, 255), record(EOF, &[])].concat();
        let s = sheet(&[number(0, 0), chart, number(10, 10)]);
        assert_eq!(sheet_cells(&s), Some(11 * 11));
    }
}
