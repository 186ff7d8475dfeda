//! The rotating log file and the only calls that write to it.
//!
//! Why not the global `tracing` subscriber: whatever another crate logs (Tauri, the webview,
//! a database driver) could carry a file name or a cell's content. This log is a private
//! [`Dispatch`] that only this crate's functions emit into, and each of them takes codes,
//! numbers or [`scrub`](crate::scrub)bed text — never a free message.
//!
//! Files: `<data>/logs/<program>.<YYYY-MM-DD>.log` (UTC days, tracing-appender's daily
//! rotation), the newest [`KEEP_FILES`] of each program kept, at most [`DAILY_CAP`] bytes a
//! day. On Unix the folder is 0700 and each file 0600, like the data folder.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tracing::{Dispatch, Level, Metadata};
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::fmt::MakeWriter;
use xianjie_domain::{Error, ErrorCode, Result};

use crate::scrub::scrub;

/// Log files kept per program (a week of daily files).
pub const KEEP_FILES: usize = 7;
/// Bytes a program writes to one day's file at most; past it, one note and silence until the
/// next day (a loop logging the same failure must not fill the disk). Panics still get in.
pub const DAILY_CAP: u64 = 4 * 1024 * 1024;
/// The folder under the data folder.
pub const LOGS_DIR: &str = "logs";
const SUFFIX: &str = "log";
/// The targets of this crate's events (shown in each line).
pub(crate) const TARGET: &str = "xianjie";
pub(crate) const PANIC_TARGET: &str = "xianjie::panic";

/// The log in use: one per process, replaced by a later [`init`].
static CURRENT: RwLock<Option<Arc<Logger>>> = RwLock::new(None);
/// What [`crate::collect`] reports as the running program.
static RUNNING: Mutex<Option<(String, String)>> = Mutex::new(None);

pub(crate) struct Logger {
    dispatch: Dispatch,
    sink: Arc<Sink>,
}

/// Keeps the log open; dropping it closes the file (keep it for the program's life).
#[must_use = "the log is closed when the Guard is dropped"]
pub struct Guard {
    logger: Arc<Logger>,
}

impl Guard {
    /// The folder the log files are in.
    pub fn dir(&self) -> &Path {
        &self.logger.sink.dir
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.logger.sink.flush();
        let mut current = CURRENT.write().unwrap_or_else(PoisonError::into_inner);
        // A later init replaced this log: leave that one alone.
        if current
            .as_ref()
            .is_some_and(|l| Arc::ptr_eq(l, &self.logger))
        {
            *current = None;
        }
    }
}

/// Opens (creating) `data_dir/logs/`, prunes old files and writes a start line with the
/// program, its version, the OS and the architecture. Calling it again (tests, a second
/// window) moves the log to the new folder; it never panics.
pub fn init(data_dir: &Path, program: &str, version: &str) -> Result<Guard> {
    init_with_cap(data_dir, program, version, DAILY_CAP)
}

pub(crate) fn init_with_cap(
    data_dir: &Path,
    program: &str,
    version: &str,
    daily_cap: u64,
) -> Result<Guard> {
    let program = file_token(program);
    let version = token(version);
    let dir = data_dir.join(LOGS_DIR);
    fs::create_dir_all(&dir).map_err(|e| open_failed(&e))?;
    restrict_dir(&dir).map_err(|e| open_failed(&e))?;

    let today = Day::today();
    prepare_file(&dir, &program, today).map_err(|e| open_failed(&e))?;
    prune(&dir, &program, KEEP_FILES);

    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(&program)
        .filename_suffix(SUFFIX)
        .build(&dir)
        .map_err(|e| Error::storage(format!("无法创建日志文件：{e}")))?;
    let written = fs::metadata(dir.join(file_name(&program, today)))
        .map(|m| m.len())
        .unwrap_or(0);
    let sink = Arc::new(Sink {
        appender,
        dir,
        program: program.clone(),
        day: AtomicI64::new(today.0),
        written: AtomicU64::new(written),
        cap: daily_cap,
        cap_noted: AtomicBool::new(false),
    });
    let subscriber = tracing_subscriber::fmt()
        .with_writer(SinkWriter(Arc::clone(&sink)))
        .with_ansi(false)
        .with_max_level(Level::INFO)
        .finish();
    let logger = Arc::new(Logger {
        dispatch: Dispatch::new(subscriber),
        sink,
    });
    *CURRENT.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::clone(&logger));
    *RUNNING.lock().unwrap_or_else(PoisonError::into_inner) =
        Some((program.clone(), version.clone()));

    emit(|| {
        tracing::info!(
            target: TARGET,
            program = %program,
            version = %version,
            os = %std::env::consts::OS,
            arch = %std::env::consts::ARCH,
            "start"
        );
    });
    Ok(Guard { logger })
}

/// An operation that ended in an error: its name, the error's code and how long it ran.
/// Codes of bugs and storage failures are logged as ERROR, the rest (refusals, bad input)
/// as WARN.
pub fn record_failure(operation: &str, code: &str, elapsed: Duration) {
    let (operation, code) = (token(operation), token(code));
    let serious = matches!(
        code.to_ascii_lowercase().replace('_', "").as_str(),
        "internal" | "storage" | "busy" | "databasetoonew"
    );
    let ms = millis(elapsed);
    emit(|| {
        if serious {
            tracing::error!(target: TARGET, operation = %operation, code = %code, elapsed_ms = ms, "failure");
        } else {
            tracing::warn!(target: TARGET, operation = %operation, code = %code, elapsed_ms = ms, "failure");
        }
    });
}

/// [`record_failure`] for the project's error: only its code is logged, never its message
/// (which names files, rows and people).
pub fn record_error(operation: &str, error: &Error, elapsed: Duration) {
    record_failure(operation, code_name(error.code), elapsed);
}

/// A long task that finished: its name, how long it took and how many items it handled.
pub fn record_long_task(operation: &str, elapsed: Duration, items: u64) {
    let operation = token(operation);
    let ms = millis(elapsed);
    emit(|| {
        tracing::info!(target: TARGET, operation = %operation, elapsed_ms = ms, items = items, "long_task");
    });
}

/// The program and version given to the last [`init`] of this process.
pub(crate) fn running() -> Option<(String, String)> {
    RUNNING
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

/// Runs `f` with this log as the `tracing` dispatcher; nothing happens without a log.
pub(crate) fn emit(f: impl FnOnce()) {
    let Some(logger) = current() else { return };
    tracing::dispatcher::with_default(&logger.dispatch, f);
    let _ = logger.sink.flush();
}

pub(crate) fn current() -> Option<Arc<Logger>> {
    CURRENT
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

fn code_name(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::InvalidInput => "invalid_input",
        ErrorCode::NotFound => "not_found",
        ErrorCode::Conflict => "conflict",
        ErrorCode::Refused => "refused",
        ErrorCode::DatabaseTooNew => "database_too_new",
        ErrorCode::Busy => "busy",
        ErrorCode::Storage => "storage",
        ErrorCode::Internal => "internal",
        ErrorCode::Cancelled => "cancelled",
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// An identifier as the callers pass it (`import`, `invalid_input`, `0.1.0`): ASCII letters,
/// digits and `_ . : -` only, at most 64, then the digit rule of [`scrub`]. Anything else is a
/// caller's mistake, so it is replaced, not trusted.
pub(crate) fn token(text: &str) -> String {
    let kept: String = text
        .chars()
        .take(64)
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let scrubbed = scrub(&kept);
    if scrubbed.is_empty() {
        "_".into()
    } else {
        scrubbed
    }
}

/// [`token`] without `:` (not allowed in Windows file names).
fn file_token(text: &str) -> String {
    token(text).replace(':', "_")
}

fn open_failed(e: &io::Error) -> Error {
    Error::storage(format!(
        "无法创建日志文件夹：{}",
        xianjie_domain::error::io_reason(e)
    ))
}

/// A UTC day (days since 1970-01-01): tracing-appender rotates on UTC days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Day(pub(crate) i64);

impl Day {
    fn today() -> Self {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Day(i64::try_from(secs / 86_400).unwrap_or(0))
    }

    /// `YYYY-MM-DD` (the civil-from-days algorithm of H. Hinnant).
    pub(crate) fn date(self) -> String {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        format!("{year:04}-{month:02}-{day:02}")
    }
}

pub(crate) fn file_name(program: &str, day: Day) -> String {
    format!("{program}.{}.{SUFFIX}", day.date())
}

/// The date of one of `program`'s log files, `None` for any other file.
pub(crate) fn file_date<'a>(name: &'a str, program: &str) -> Option<&'a str> {
    let date = name
        .strip_prefix(program)?
        .strip_prefix('.')?
        .strip_suffix(SUFFIX)?
        .strip_suffix('.')?;
    is_date(date).then_some(date)
}

/// `YYYY-MM-DD` by shape.
pub(crate) fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// Any program's log file: `<program>.<YYYY-MM-DD>.log`, with its program and date.
pub(crate) fn any_log_file(name: &str) -> Option<(&str, &str)> {
    let stem = name.strip_suffix(SUFFIX)?.strip_suffix('.')?;
    let (program, date) = stem.rsplit_once('.')?;
    (!program.is_empty() && is_date(date)).then_some((program, date))
}

/// Creates the day's file before the appender opens it, so that it is born 0600 (the
/// appender opens with the default mode), and sets the mode if it already existed.
fn prepare_file(dir: &Path, program: &str, day: Day) -> io::Result<()> {
    let path = dir.join(file_name(program, day));
    let mut options = fs::OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    drop(options.open(&path)?);
    restrict_file(&path)
}

#[cfg(unix)]
fn restrict_file(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600))
}

#[cfg(unix)]
fn restrict_dir(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o700))
}

/// Windows: the folder inherits the data folder's ACL, which is the user's own.
#[cfg(not(unix))]
fn restrict_file(_: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(not(unix))]
fn restrict_dir(_: &Path) -> io::Result<()> {
    Ok(())
}

/// Deletes `program`'s oldest files so that at most `keep` remain (by the date in the name;
/// other programs' files and anything else in the folder are left alone), and makes the rest
/// 0600 (an older version or a race at midnight may have left one with the default mode).
/// Best effort: a file another process holds open stays until next time.
pub(crate) fn prune(dir: &Path, program: &str, keep: usize) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(String, PathBuf)> = entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name().into_string().ok()?;
            let date = file_date(&name, program)?.to_owned();
            entry
                .file_type()
                .ok()?
                .is_file()
                .then(|| (date, entry.path()))
        })
        .collect();
    files.sort();
    let excess = files.len().saturating_sub(keep);
    for (i, (_, path)) in files.into_iter().enumerate() {
        let _ = if i < excess {
            fs::remove_file(path)
        } else {
            restrict_file(&path)
        };
    }
}

/// The appender with what the log adds to it: 0600 files, pruning, the daily cap.
pub(crate) struct Sink {
    appender: RollingFileAppender,
    pub(crate) dir: PathBuf,
    program: String,
    /// The day whose file was last prepared.
    day: AtomicI64,
    /// Bytes written to that day's file.
    written: AtomicU64,
    cap: u64,
    cap_noted: AtomicBool,
}

impl Sink {
    /// Writes go straight to the file (no buffer), so this only asks the OS.
    pub(crate) fn flush(&self) -> io::Result<()> {
        self.appender.make_writer().flush()
    }

    /// On the first write of a new day: that day's file made 0600, old files pruned, the
    /// count started again.
    fn roll_if_new_day(&self) {
        let today = Day::today();
        let last = self.day.load(Ordering::Acquire);
        if today.0 == last
            || self
                .day
                .compare_exchange(last, today.0, Ordering::AcqRel, Ordering::Acquire)
                .is_err()
        {
            return;
        }
        let _ = prepare_file(&self.dir, &self.program, today);
        prune(&self.dir, &self.program, KEEP_FILES);
        self.written.store(0, Ordering::Release);
        self.cap_noted.store(false, Ordering::Release);
    }
}

/// Hands the fmt layer a writer per event, through [`Sink`].
struct SinkWriter(Arc<Sink>);

impl<'a> MakeWriter<'a> for SinkWriter {
    type Writer = CappedWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        self.0.roll_if_new_day();
        CappedWriter {
            sink: &self.0,
            inner: self.0.appender.make_writer(),
            always: false,
        }
    }

    fn make_writer_for(&'a self, meta: &Metadata<'_>) -> Self::Writer {
        let mut writer = self.make_writer();
        writer.always = meta.target() == PANIC_TARGET;
        writer
    }
}

struct CappedWriter<'a> {
    sink: &'a Sink,
    inner: tracing_appender::rolling::RollingWriter<'a>,
    /// Written whatever the cap (panics).
    always: bool,
}

impl Write for CappedWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let len = buf.len() as u64;
        let before = self.sink.written.fetch_add(len, Ordering::AcqRel);
        if self.always || before + len <= self.sink.cap {
            return self.inner.write(buf);
        }
        if !self.sink.cap_noted.swap(true, Ordering::AcqRel) {
            let note = format!(
                "-- the log reached its daily cap of {} bytes; lines are dropped until the next day (UTC) --\n",
                self.sink.cap
            );
            self.inner.write_all(note.as_bytes())?;
        }
        // Dropped on purpose: report success so the formatter does not retry.
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_civil_dates() {
        assert_eq!(Day(0).date(), "1970-01-01");
        assert_eq!(Day(19_723).date(), "2024-01-01");
        assert_eq!(Day(19_782).date(), "2024-02-29");
        assert_eq!(Day(20_574).date(), "2026-05-01");
        assert_eq!(
            file_name("xianjie-app", Day(20_574)),
            "xianjie-app.2026-05-01.log"
        );
    }

    #[test]
    fn only_a_programs_own_files_are_its_files() {
        assert_eq!(
            file_date("xianjie.2026-05-01.log", "xianjie"),
            Some("2026-05-01")
        );
        assert_eq!(file_date("xianjie-app.2026-05-01.log", "xianjie"), None);
        assert_eq!(file_date("xianjie.2026-05-01.log.bak", "xianjie"), None);
        assert_eq!(file_date("xianjie.notes.log", "xianjie"), None);
        assert_eq!(
            any_log_file("xianjie-app.2026-05-01.log"),
            Some(("xianjie-app", "2026-05-01"))
        );
        assert_eq!(any_log_file("notes.txt"), None);
    }

    #[test]
    fn tokens_keep_identifiers_and_nothing_else() {
        assert_eq!(token("import"), "import");
        assert_eq!(token("invalid_input"), "invalid_input");
        assert_eq!(token("0.1.0"), "0.1.0");
        assert_eq!(token("导入张三"), "____");
        assert_eq!(token("id 110105194912310021"), "id_#…");
        assert_eq!(token(""), "_");
        assert_eq!(token(&"a".repeat(100)).len(), 64);
        assert_eq!(file_token("a:b/c"), "a_b_c");
    }

    /// The one test of this binary that opens a log (the log is per process).
    #[test]
    fn the_daily_cap_drops_lines_after_one_note() {
        let dir = tempfile::tempdir().unwrap();
        let guard = init_with_cap(dir.path(), "captest", "0.1.0", 600).unwrap();
        for _ in 0..50 {
            record_long_task("import", Duration::from_millis(5), 3);
        }
        drop(guard);
        let path = dir
            .path()
            .join(LOGS_DIR)
            .join(file_name("captest", Day::today()));
        let text = fs::read_to_string(path).unwrap();
        assert!(text.contains("start"), "{text}");
        assert_eq!(text.matches("daily cap").count(), 1, "{text}");
        assert!(text.len() < 600 + 200, "{}", text.len());
        // After the Guard is gone nothing more is written.
        record_long_task("after", Duration::ZERO, 0);
    }
}
