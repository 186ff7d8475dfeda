//! Reads a roster on a thread of its own and hands its rows over in sheet order, already
//! parsed, while the caller plans and writes them (issue 3: an import costs little more than
//! reading the file).
//!
//! A large `.xlsx` sheet whose header is a plain first row is streamed cell by cell
//! (calamine's cell reader, no whole-sheet grid) in chunks of [`CHUNK_ROWS`] rows; while the
//! caller is busy each row is checked as its cells arrive, straight from the reader's borrowed
//! text (no copy of a cell, no grid), otherwise the chunk's cells go over, their text in one
//! buffer, for the caller to check; when the caller waits, what is read goes over at once.
//! Any other
//! sheet — `.xls`, titles above the header, merged header cells, a sheet chosen among several
//! — is read whole by [`workbook::read_book`] and handed over as one chunk. Both give the same
//! rows to the same checks.

use super::header::ColumnMap;
use super::normalize::Cell;
use super::validate::{self, parse_table, Parsed, RowReader, FIELDS};
use super::workbook::{self, Column, Table};
use calamine::{Data, DataRef, DataType, Range, Reader, Sheets};
use chrono::NaiveDate;
use std::io::{Read, Seek};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use xianjie_domain::{Error, Result};

/// Rows per streamed chunk: large enough that hand-over costs nothing, small enough that the
/// writer starts early and memory stays flat.
const CHUNK_ROWS: u32 = 2_048;

/// The fewest rows handed over early, when the caller waits (see [`stream_xlsx`]).
const EARLY_ROWS: u32 = 128;

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

/// Some rows of the sheet, in sheet order: checked already, or their cells for the caller to
/// check. `table` names the file, sheet and columns; it holds the rows' grid only for a sheet
/// read whole (a streamed chunk's rows are in `rows`).
pub struct Chunk {
    pub table: Table,
    rows: Rows,
    /// Data rows read so far, this chunk's included (empty ones too), and the sheet's data
    /// rows as its dimension declares them (never fewer than read): the import's progress.
    pub read: u32,
    pub total: u32,
}

/// A chunk's rows: checked by the reader, or its cells for the caller to check.
enum Rows {
    Parsed(Vec<Parsed>),
    Held(Held),
}

impl Chunk {
    /// The rows' checks, made now if the reader left them (the caller was waiting).
    pub fn parsed(&mut self) -> Vec<Parsed> {
        match std::mem::replace(&mut self.rows, Rows::Parsed(Vec::new())) {
            Rows::Parsed(p) => p,
            Rows::Held(h) => h.check(&self.table.columns, validate::today()),
        }
    }
}

/// The mapped cells of some rows, handed over unchecked: their text in one buffer (no
/// allocation per cell), in sheet order.
#[derive(Default)]
struct Held {
    text: String,
    /// (row, field, value).
    cells: Vec<(u32, usize, HeldValue)>,
}

/// A held cell: [`Cell`] with its text as a range of [`Held::text`].
enum HeldValue {
    Empty,
    Text(usize, usize),
    Int(i64),
    Float(f64),
    Bool(bool),
    DateTime(calamine::ExcelDateTime),
    Error(calamine::CellErrorType),
}

impl Held {
    /// Room for `cells` cells without growing (a chunk's; pages never written cost nothing).
    fn with_capacity(cells: usize) -> Held {
        Held {
            text: String::with_capacity(cells * 16),
            cells: Vec::with_capacity(cells),
        }
    }

    fn push(&mut self, row: u32, field: usize, c: Cell<'_>) {
        let v = match c {
            Cell::Empty => HeldValue::Empty,
            Cell::Text(s) => {
                let at = self.text.len();
                self.text.push_str(s);
                HeldValue::Text(at, self.text.len())
            }
            Cell::Int(i) => HeldValue::Int(i),
            Cell::Float(f) => HeldValue::Float(f),
            Cell::Bool(b) => HeldValue::Bool(b),
            Cell::DateTime(d) => HeldValue::DateTime(d),
            Cell::Error(e) => HeldValue::Error(e.clone()),
        };
        self.cells.push((row, field, v));
    }

    fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Checks the rows, as the reader checks them when it has time ([`Row::check`]).
    fn check(&self, columns: &[Column], today: NaiveDate) -> Vec<Parsed> {
        let rows = match (self.cells.first(), self.cells.last()) {
            (Some(a), Some(b)) => (b.0 - a.0 + 1) as usize,
            _ => 0,
        };
        let mut out = Vec::with_capacity(rows);
        let mut rest = &self.cells[..];
        while let Some(&(row, ..)) = rest.first() {
            let n = rest.iter().take_while(|c| c.0 == row).count();
            let mut cells = [Cell::Empty; FIELDS];
            for (_, f, v) in &rest[..n] {
                cells[*f] = match v {
                    HeldValue::Empty => Cell::Empty,
                    HeldValue::Text(a, b) => Cell::Text(self.text.get(*a..*b).unwrap_or("")),
                    HeldValue::Int(i) => Cell::Int(*i),
                    HeldValue::Float(x) => Cell::Float(*x),
                    HeldValue::Bool(b) => Cell::Bool(*b),
                    HeldValue::DateTime(d) => Cell::DateTime(*d),
                    HeldValue::Error(e) => Cell::Error(e),
                };
            }
            out.extend(validate::parse(&RowReader::new(columns, row, cells, today)));
            rest = &rest[n..];
        }
        out
    }
}

/// Reads `input` on a second thread and calls `each` with its chunks in order; the first
/// chunk always comes (it may hold no rows), so the caller knows the sheet and header. An
/// error from `each` stops the reading.
pub fn read(
    input: Input<'_>,
    sheet: Option<&str>,
    maps: &[ColumnMap],
    each: impl FnMut(Chunk) -> Result<()>,
) -> Result<()> {
    read_split(input, sheet, maps, Split::Balanced, each)
}

/// Which thread checks the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// The reader, unless the caller is waiting (what imports do).
    Balanced,
    /// Always the reader (as cells come, but for the first chunk).
    Reader,
    /// Always the caller.
    Caller,
}

fn read_split(
    input: Input<'_>,
    sheet: Option<&str>,
    maps: &[ColumnMap],
    split: Split,
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
            let parse_here = || match split {
                Split::Balanced => !idle.load(Ordering::Relaxed),
                Split::Reader => true,
                Split::Caller => false,
            };
            let caller_waits = || split == Split::Balanced && idle.load(Ordering::Relaxed);
            let job = Job {
                sheet,
                maps,
                send: &send,
                parse_here: &parse_here,
                caller_waits: &caller_waits,
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
    /// Whether the caller is waiting: the rows read so far go over at once.
    caller_waits: &'a dyn Fn() -> bool,
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
    let (rows, errors, _) = check_split(input, sheet, maps, Split::Balanced)?;
    Ok((rows, errors))
}

/// [`check`] with the rows checked where `split` says, and the warnings too (tests compare
/// the splits with the whole-sheet checks).
pub fn check_split(
    input: Input<'_>,
    sheet: Option<&str>,
    maps: &[ColumnMap],
    split: Split,
) -> Result<(usize, Vec<super::Issue>, Vec<super::Issue>)> {
    let mut merge = super::validate::Merge::default();
    read_split(input, sheet, maps, split, |mut chunk| {
        for p in chunk.parsed() {
            merge.push(&chunk.table.columns, p);
        }
        Ok(())
    })?;
    Ok((merge.rows, merge.errors, merge.warnings))
}

fn produce_book<RS: Read + Seek>(book: &mut Sheets<RS>, file: &str, job: &Job<'_>) -> Result<()> {
    if stream_xlsx(book, file, job)? {
        return Ok(());
    }
    let table = workbook::read_book(book, file, job.sheet, job.maps)?;
    let rows = Rows::Parsed(parse_table(&table));
    let read = (table.last_row() + 1).saturating_sub(table.first_data_row);
    (job.send)(Ok(Chunk {
        table,
        rows,
        read,
        total: read,
    }));
    Ok(())
}

/// Streams the sheet when it can be (see the module doc); `false` when it must be read whole.
fn stream_xlsx<RS: Read + Seek>(book: &mut Sheets<RS>, file: &str, job: &Job<'_>) -> Result<bool> {
    let (send, parse_here, caller_waits) = (job.send, job.parse_here, job.caller_waits);
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
    // The last row as the sheet declares it (for progress only: it may be missing or wrong).
    let declared_end = cells.dimensions().end.0;
    let broken = || {
        Error::invalid(format!(
            "读取“{file}”的工作表“{name}”失败：内容已损坏，请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"
        ))
    };
    // The reader must not be asked again once it has said the sheet ended.
    let mut ended = false;
    let mut next = || -> Result<Option<((u32, u32), DataRef<'_>)>> {
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
                Some(c) => return Ok(Some((c.get_position(), c.get_value().clone()))),
            }
        }
    };
    // The head: the rows a header is looked for in.
    let mut head: Vec<((u32, u32), Data)> = Vec::new();
    let mut pending = None;
    while let Some((pos, v)) = next()? {
        let top = head.first().map_or(pos.0, |c| c.0 .0);
        if pos.0 > top + workbook::HEADER_SCAN_ROWS {
            pending = Some((pos, v));
            break;
        }
        head.push((pos, Data::from(v)));
    }
    let head_range = sparse(&head);
    let found = match workbook::find_table(&head_range, &[], job.maps) {
        Ok(f) if workbook::is_plain(&head_range, &f) => f,
        _ => return Ok(false),
    };
    let (header_row, first_data_row, columns) = found;
    let c0 = columns.iter().map(|c| c.col).min().unwrap_or(0);
    let c1 = columns.iter().map(|c| c.col).max().unwrap_or(0);
    // The field each column between the first and the last mapped one feeds.
    let fields: Vec<Option<usize>> = (c0..=c1)
        .map(|c| {
            columns
                .iter()
                .find(|m| m.col == c)
                .map(|m| m.field as usize)
        })
        .collect();
    let field_at = |pos: (u32, u32)| -> Option<usize> {
        if pos.0 < first_data_row || pos.1 < c0 {
            return None;
        }
        fields.get((pos.1 - c0) as usize).copied().flatten()
    };
    // The chunks' rows travel as checks or held cells: their tables carry no grid.
    let table = |from: u32| Table {
        file: file.to_string(),
        sheet: name.clone(),
        header_row,
        first_data_row: from,
        columns: columns.clone(),
        range: Range::empty(),
    };
    // A chunk is either checked here as its cells come (the caller is busy) or handed over
    // as cells for the caller to check (it is waiting). The first is always handed over: it
    // holds the head's rows, and the caller has nothing else to do yet.
    let mut held = Held::default();
    for (pos, v) in &head {
        if let Some(field) = field_at(*pos) {
            held.push(pos.0, field, v.into());
        }
    }
    let mut chunk = Pending::Cells(held);
    let mut from = first_data_row;
    // Read again with every chunk: a long import may cross midnight.
    let mut today = validate::today();
    let mut sent = false;
    let mut last_row = u32::MAX;
    let mut cell = pending;
    loop {
        let c = match cell.take() {
            Some(c) => Some(c),
            None => next()?,
        };
        let starts_chunk = c.as_ref().is_some_and(|(pos, _)| {
            pos.0 >= from + CHUNK_ROWS
                // A new row while the caller waits: what is read goes over now, so that
                // neither thread idles while the other works through a whole chunk.
                || (pos.0 != last_row && pos.0 >= from + EARLY_ROWS && caller_waits())
        });
        if c.is_none() || starts_chunk {
            if let Some((pos, _)) = &c {
                // Cells come in row order: every row held is above this one.
                if pos.0.saturating_sub(first_data_row) >= workbook::MAX_ROWS {
                    return Err(workbook::too_many_rows(file, &name, u64::from(pos.0) + 1));
                }
            }
            let done = std::mem::replace(
                &mut chunk,
                if parse_here() {
                    Pending::Checked(Vec::with_capacity(CHUNK_ROWS as usize), Row::default())
                } else {
                    Pending::Cells(Held::with_capacity(CHUNK_ROWS as usize * columns.len()))
                },
            );
            let last = c.is_none();
            // Rows read through: all above the cell that starts the next chunk.
            let reached = match &c {
                Some((pos, _)) => pos.0.saturating_sub(1),
                None if last_row == u32::MAX => first_data_row.saturating_sub(1),
                None => last_row,
            };
            let read = (reached + 1).saturating_sub(first_data_row);
            // At the end the rows are counted, whatever the dimension said.
            let total = if last {
                read
            } else {
                (declared_end + 1).saturating_sub(first_data_row).max(read)
            };
            if !last || !done.is_empty() || !sent {
                let out = match done {
                    Pending::Cells(held) => Chunk {
                        table: table(from),
                        rows: if parse_here() {
                            Rows::Parsed(held.check(&columns, today))
                        } else {
                            Rows::Held(held)
                        },
                        read,
                        total,
                    },
                    Pending::Checked(mut parsed, mut row) => {
                        parsed.extend(row.check(&columns, today));
                        Chunk {
                            table: table(from),
                            rows: Rows::Parsed(parsed),
                            read,
                            total,
                        }
                    }
                };
                if !send(Ok(out)) {
                    return Ok(true);
                }
                sent = true;
            }
            match c {
                Some((pos, _)) => from = pos.0,
                None => break,
            }
            today = validate::today();
        }
        let Some((pos, v)) = c else { break };
        last_row = pos.0;
        let Some(field) = field_at(pos) else { continue };
        match &mut chunk {
            Pending::Cells(held) => held.push(pos.0, field, (&v).into()),
            Pending::Checked(parsed, row) => {
                if row.at != Some(pos.0) {
                    parsed.extend(row.check(&columns, today));
                    row.at = Some(pos.0);
                }
                row.cells.push((field, v));
            }
        }
    }
    Ok(true)
}

/// The rows of the chunk being read.
enum Pending<'a> {
    /// Held as cells, for the caller to check.
    Cells(Held),
    /// Checked as they come: the rows done and the one being read.
    Checked(Vec<Parsed>, Row<'a>),
}

impl Pending<'_> {
    fn is_empty(&self) -> bool {
        match self {
            Pending::Cells(c) => c.is_empty(),
            Pending::Checked(p, row) => p.is_empty() && row.at.is_none(),
        }
    }
}

/// The mapped cells of the row being read (field, value), borrowed from the reader.
#[derive(Default)]
struct Row<'a> {
    at: Option<u32>,
    cells: Vec<(usize, DataRef<'a>)>,
}

impl Row<'_> {
    /// Checks the row read so far (`None` when empty) and starts over.
    fn check(&mut self, columns: &[Column], today: NaiveDate) -> Option<Parsed> {
        let at = self.at.take()?;
        let mut cells = [Cell::Empty; FIELDS];
        for (f, v) in &self.cells {
            cells[*f] = v.into();
        }
        let parsed = validate::parse(&RowReader::new(columns, at, cells, today));
        self.cells.clear();
        parsed
    }
}

fn sparse(cells: &[((u32, u32), Data)]) -> Range<Data> {
    Range::from_sparse(
        cells
            .iter()
            .map(|(pos, v)| calamine::Cell::new(*pos, v.clone()))
            .collect(),
    )
}
