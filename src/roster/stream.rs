//! Reads a roster on a thread of its own and hands its rows over in sheet order, already
//! parsed, while the caller plans and writes them (issue 3: an import costs little more than
//! reading the file).
//!
//! A large `.xlsx` sheet whose header is a plain first row is streamed cell by cell
//! (calamine's cell reader, no whole-sheet grid) in chunks of [`CHUNK_ROWS`] rows. Any other
//! sheet — `.xls`, titles above the header, merged header cells, a sheet chosen among several
//! — is read whole by [`workbook::read_book`] and handed over as one chunk. Both give the same
//! rows to the same checks.

use super::header::ColumnMap;
use super::validate::{parse_rows, parse_table, Parsed};
use super::workbook::{self, Table};
use crate::{Error, Result};
use calamine::{Data, DataType, Range, Reader, Sheets};
use std::io::{Read, Seek};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

/// Rows per streamed chunk: large enough that hand-over costs nothing, small enough that the
/// writer starts early and memory stays flat.
const CHUNK_ROWS: u32 = 2_048;

/// Chunks in flight between the reader and the writer.
const IN_FLIGHT: usize = 4;

/// Where the roster comes from.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    File(&'a Path),
    /// A workbook held in memory (the demo roster) and the name used in messages.
    Bytes(&'a [u8], &'a str),
}

impl Input<'_> {
    pub fn name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Bytes(_, name) => name.to_string(),
        }
    }
}

/// Some rows of the sheet: `table` holds them (and the header's columns), `parsed` their
/// checks in sheet order when the reader had time to make them.
pub(crate) struct Chunk {
    pub table: Table,
    parsed: Option<Vec<Parsed>>,
}

impl Chunk {
    /// The rows' checks, made now if the reader left them (the caller was waiting).
    pub(crate) fn parsed(&mut self) -> Vec<Parsed> {
        match self.parsed.take() {
            Some(p) => p,
            None => parse_rows(
                &self.table,
                self.table.first_data_row,
                self.table.last_row(),
            ),
        }
    }
}

/// Reads `input` on a second thread and calls `each` with its chunks in order; the first
/// chunk always comes (it may hold no rows), so the caller knows the sheet and header. An
/// error from `each` stops the reading.
pub(crate) fn read(
    input: Input<'_>,
    sheet: Option<&str>,
    maps: &[ColumnMap],
    mut each: impl FnMut(Chunk) -> Result<()>,
) -> Result<()> {
    let (tx, rx) = mpsc::sync_channel::<Result<Chunk>>(IN_FLIGHT);
    // Set while the caller waits for a chunk: the reader then hands rows over unchecked and
    // the caller checks them itself, so that both threads stay busy whichever is slower.
    let idle = AtomicBool::new(false);
    std::thread::scope(|s| {
        let idle = &idle;
        let reader = s.spawn(move || {
            let send = |c: Result<Chunk>| tx.send(c).is_ok();
            let parse_here = || !idle.load(Ordering::Relaxed);
            let job = Job {
                sheet,
                maps,
                send: &send,
                parse_here: &parse_here,
            };
            if let Err(e) = produce(input, &job) {
                send(Err(e));
            }
        });
        let consumed = (|| -> Result<()> {
            loop {
                let chunk = match rx.try_recv() {
                    Ok(c) => c,
                    Err(mpsc::TryRecvError::Disconnected) => break,
                    Err(mpsc::TryRecvError::Empty) => {
                        idle.store(true, Ordering::Relaxed);
                        let c = rx.recv();
                        idle.store(false, Ordering::Relaxed);
                        match c {
                            Ok(c) => c,
                            Err(_) => break,
                        }
                    }
                };
                each(chunk?)?;
            }
            drop(rx);
            Ok(())
        })();
        // `rx` is gone (also on an early error): a reader blocked on a full channel stops.
        let joined = reader.join();
        consumed?;
        joined.map_err(|_| Error::internal("读取名单的线程意外中止".to_string()))
    })
}

/// What the reader thread reads, and where its chunks go.
struct Job<'a> {
    sheet: Option<&'a str>,
    maps: &'a [ColumnMap],
    /// Hands a chunk over; `false` once the caller has stopped listening.
    send: &'a dyn Fn(Result<Chunk>) -> bool,
    /// Whether to check the rows here (the caller is busy) or leave them to the caller.
    parse_here: &'a dyn Fn() -> bool,
}

fn produce(input: Input<'_>, job: &Job<'_>) -> Result<()> {
    let file = input.name();
    match input {
        Input::File(path) => super::ole::check_file(path, &file)?,
        Input::Bytes(bytes, _) => super::ole::check(&file, bytes)?,
    }
    workbook::guarded(&file, || match input {
        Input::File(path) => {
            let mut book = calamine::open_workbook_auto(path)
                .map_err(|e| super::sniff::open_error(path, &e))?;
            produce_book(&mut book, &file, job)
        }
        Input::Bytes(bytes, _) => {
            let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
                .map_err(|e| super::sniff::bytes_error(&file, bytes, &e))?;
            produce_book(&mut book, &file, job)
        }
    })
}

/// Reads `input` and checks every row as an import does, without a store: the rows read and
/// their errors (the roster fuzz target's entry point, docs/fuzzing.md).
pub fn check(
    input: Input<'_>,
    sheet: Option<&str>,
    maps: &[ColumnMap],
) -> Result<(usize, Vec<super::Issue>)> {
    let mut merge = super::validate::Merge::default();
    read(input, sheet, maps, |mut chunk| {
        for p in chunk.parsed() {
            merge.push(&chunk.table, p);
        }
        Ok(())
    })?;
    Ok((merge.rows, merge.errors))
}

fn produce_book<RS: Read + Seek>(book: &mut Sheets<RS>, file: &str, job: &Job<'_>) -> Result<()> {
    if stream_xlsx(book, file, job)? {
        return Ok(());
    }
    let table = workbook::read_book(book, file, job.sheet, job.maps)?;
    let parsed = Some(parse_table(&table));
    (job.send)(Ok(Chunk { table, parsed }));
    Ok(())
}

/// Streams the sheet when it can be (see the module doc); `false` when it must be read whole.
fn stream_xlsx<RS: Read + Seek>(book: &mut Sheets<RS>, file: &str, job: &Job<'_>) -> Result<bool> {
    let (send, parse_here) = (job.send, job.parse_here);
    let names = book.sheet_names();
    let name = match job.sheet {
        Some(s) if names.iter().any(|n| n == s) => s.to_string(),
        Some(_) => return Ok(false),
        None => match names.first() {
            Some(n) => n.clone(),
            None => return Ok(false),
        },
    };
    workbook::check_declared_size(book, file, &name)?;
    let Sheets::Xlsx(x) = book else {
        return Ok(false);
    };
    let Ok(mut cells) = x.worksheet_cells_reader(&name) else {
        return Ok(false);
    };
    let broken = || {
        Error::invalid(format!(
            "读取“{file}”的工作表“{name}”失败：内容已损坏，请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"
        ))
    };
    // The reader must not be asked again once it has said the sheet ended.
    let mut ended = false;
    let mut next = || -> Result<Option<((u32, u32), Data)>> {
        loop {
            if ended {
                return Ok(None);
            }
            match cells.next_cell().map_err(|_| broken())? {
                None => {
                    ended = true;
                    return Ok(None);
                }
                Some(c) if c.get_value().is_empty() => continue,
                Some(c) => return Ok(Some((c.get_position(), Data::from(c.get_value().clone())))),
            }
        }
    };
    // The head: the rows a header is looked for in.
    let mut head = Vec::new();
    let mut pending = None;
    while let Some(cell) = next()? {
        let top = head
            .first()
            .map_or(cell.0 .0, |c: &((u32, u32), Data)| c.0 .0);
        if cell.0 .0 > top + workbook::HEADER_SCAN_ROWS {
            pending = Some(cell);
            break;
        }
        head.push(cell);
    }
    let head_range = sparse(&head);
    let found = match workbook::find_table(&head_range, &[], job.maps) {
        Ok(f) if workbook::is_plain(&head_range, &f) => f,
        _ => return Ok(false),
    };
    let (header_row, first_data_row, columns) = found;
    let c0 = columns.iter().map(|c| c.col).min().unwrap_or(0);
    let c1 = columns.iter().map(|c| c.col).max().unwrap_or(0);
    let mapped: Vec<bool> = (c0..=c1)
        .map(|c| columns.iter().any(|m| m.col == c))
        .collect();
    let keep = |pos: (u32, u32)| {
        pos.0 >= first_data_row
            && pos.1 >= c0
            && mapped.get((pos.1 - c0) as usize).copied().unwrap_or(false)
    };
    let chunk = |rows: Vec<((u32, u32), Data)>, from: u32| -> Chunk {
        let to = rows.last().map_or(from, |c| c.0 .0);
        let mut range = Range::new((from, c0), (to, c1));
        for (pos, v) in rows {
            range.set_value(pos, v);
        }
        let table = Table {
            file: file.to_string(),
            sheet: name.clone(),
            header_row,
            first_data_row: from,
            columns: columns.clone(),
            range,
        };
        let parsed = parse_here().then(|| parse_rows(&table, from, to));
        Chunk { table, parsed }
    };
    let mut rows: Vec<((u32, u32), Data)> = head.into_iter().filter(|c| keep(c.0)).collect();
    let mut from = first_data_row;
    let mut sent = false;
    let mut cell = pending;
    while let Some(c) = match cell.take() {
        Some(c) => Some(c),
        None => next()?,
    } {
        let row = c.0 .0;
        if row >= from + CHUNK_ROWS {
            // Cells come in row order: every row held is above this one.
            if row.saturating_sub(first_data_row) >= workbook::MAX_ROWS {
                return Err(workbook::too_many_rows(file, &name, u64::from(row) + 1));
            }
            if !send(Ok(chunk(std::mem::take(&mut rows), from))) {
                return Ok(true);
            }
            sent = true;
            from = row;
        }
        if keep(c.0) {
            rows.push(c);
        }
    }
    if !rows.is_empty() || !sent {
        send(Ok(chunk(rows, from)));
    }
    Ok(true)
}

fn sparse(cells: &[((u32, u32), Data)]) -> Range<Data> {
    Range::from_sparse(
        cells
            .iter()
            .map(|(pos, v)| calamine::Cell::new(*pos, v.clone()))
            .collect(),
    )
}
