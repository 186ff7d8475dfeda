//! The one way CLI output reaches stdout. A reader that stops early (`xianjie graduates … |
//! head`) closes the pipe: that is the reader's choice, not a failure, so the command ends
//! with success instead of panicking the way `println!` does.

use serde::Serialize;
use std::io::{self, StdoutLock, Write};
use xianjie::Result;

/// Writes `s` to stdout.
pub fn emit(s: &str) -> Result<()> {
    write_with(|out| out.write_all(s.as_bytes()))
}

/// Writes formatted text to stdout (what `out!` and `outln!` expand to).
pub fn emit_fmt(args: std::fmt::Arguments<'_>) -> Result<()> {
    write_with(|out| out.write_fmt(args))
}

/// Streams `v` as pretty JSON and a newline (a cohort's `--json` is tens of megabytes).
pub fn json<T: Serialize>(v: &T) -> Result<()> {
    write_with(|out| {
        let mut w = io::BufWriter::new(out);
        serde_json::to_writer_pretty(&mut w, v).map_err(io::Error::from)?;
        w.write_all(b"\n")?;
        w.flush()
    })
}

fn write_with(f: impl FnOnce(&mut StdoutLock<'static>) -> io::Result<()>) -> Result<()> {
    let mut out = io::stdout().lock();
    match f(&mut out).and_then(|()| out.flush()) {
        Err(e) if reader_left(&e) => Ok(()),
        r => Ok(r?),
    }
}

/// Windows' ERROR_PIPE_NOT_CONNECTED: the reader closed its end (std maps only
/// ERROR_BROKEN_PIPE and ERROR_NO_DATA, 109 and 232, to a broken pipe).
const ERROR_PIPE_NOT_CONNECTED: i32 = 233;

/// Whether a failed write to stdout means the reader has gone (`… | head`, `… | findstr`).
pub fn reader_left(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
        || (cfg!(windows) && e.raw_os_error() == Some(ERROR_PIPE_NOT_CONNECTED))
}

/// An import's counts line, the same for rosters and freshmen lists: rows read, then new,
/// updated and unchanged, and whether anything was written.
pub fn import_counts(
    rows: u64,
    [new, updated, unchanged]: [u64; 3],
    dry_run: bool,
    committed: bool,
) -> Result<()> {
    let mode = if dry_run {
        "（试运行，未写入）"
    } else if committed {
        "（已写入）"
    } else {
        "（未写入）"
    };
    emit_fmt(format_args!(
        "读取 {rows} 行：新增 {new}，更新 {updated}，未变 {unchanged}{mode}\n"
    ))
}
