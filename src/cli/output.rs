//! The one way CLI output reaches stdout. A reader that stops early (`xianjie graduates … |
//! head`) closes the pipe: that is the reader's choice, not a failure, so the command ends
//! with success instead of panicking the way `println!` does.

use crate::Result;
use serde::Serialize;
use std::io::{self, StdoutLock, Write};

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
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}
