//! Opening a database: every connection is set up the same way, the file is private to the
//! user, and a database written by a newer Xianjie is refused before anything touches it.

use super::Store;
use super::{backup, migrations};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;
use xianjie_domain::{Error, ErrorCode, Result};

/// How long a write waits for another program holding the database.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// 16 KB pages for a new file, WAL, foreign keys, a 5 s busy timeout and `synchronous=NORMAL` (safe with WAL) — on every
/// connection, so that no code path sees a differently configured database.
pub(crate) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Only a new, empty file takes it (before WAL is on): 16 KB pages write a large import's
    // rows in a quarter as many frames as the default 4 KB (an existing file keeps its size).
    conn.pragma_update(None, "page_size", 16384)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // journal_mode answers with a row; an in-memory database stays "memory".
    let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// A new file is created with mode 0600 on Unix (it holds ID numbers), parent folders too.
    /// A database written by a newer version is refused with [`ErrorCode::DatabaseTooNew`] and
    /// left byte-identical: its version is read through a read-only connection first.
    pub fn open(path: &Path) -> Result<Store> {
        if path.is_dir() {
            return Err(Error::invalid(format!(
                "“{}”是文件夹，不是数据库文件",
                path.display()
            )));
        }
        if path.exists() {
            check_not_too_new(path)?;
        } else {
            create_private_file(path)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
        // A non-database file fails at the first statement; name the file.
        let found = migrations::check_version(&conn, path).map_err(|e| name_file(path, e))?;
        configure(&conn).map_err(|e| name_file(path, e))?;
        let mut store = Store { conn };
        // An empty new file has nothing to protect; an older one is copied before upgrading.
        if found > 0 && found < migrations::latest_version() {
            store.snapshot(backup::Reason::Migration)?;
        }
        migrations::run(&mut store.conn, path)?;
        if found > 0 {
            // Best effort: a full disk or an unwritable folder must not stop the day's work;
            // the snapshots before imports and batches do refuse to go on without one.
            let _ = store.daily_snapshot();
        }
        Ok(store)
    }

    /// A private, empty, fully migrated database in memory (tests, dry runs).
    /// Copies the write-ahead log into the database file (a checkpoint: the fsync of tens of
    /// MB after a large import) on a connection and a thread of their own, so that nobody
    /// waits for it; a failure only leaves the work to SQLite's next automatic checkpoint.
    pub fn checkpoint_in_background(&self) {
        let Some(path) = self.path() else { return };
        std::thread::spawn(move || {
            if let Ok(c) = Connection::open(&path) {
                let _ = c.busy_timeout(BUSY_TIMEOUT);
                let _ = c.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
            }
        });
    }

    /// A new database at `path` migrated only up to schema `version` (fixture databases of
    /// earlier versions, for the migration tests); the writing methods work on it as far as
    /// the tables they touch exist.
    pub fn create_at_version(path: &Path, version: u32) -> Result<Store> {
        if path.exists() {
            return Err(Error::invalid(format!("文件 {} 已存在", path.display())));
        }
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        migrations::run_to(&mut conn, path, version)?;
        Ok(Store { conn })
    }

    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        configure(&conn)?;
        let mut store = Store { conn };
        migrations::run(&mut store.conn, Path::new(":memory:"))?;
        Ok(store)
    }
}

/// The per-user data file the desktop app uses too:
/// `%APPDATA%\xianjie\xianjie.db` on Windows, `~/Library/Application Support/xianjie/xianjie.db`
/// on macOS, `$XDG_DATA_HOME/xianjie/xianjie.db` (default `~/.local/share`) elsewhere.
pub fn default_path() -> Result<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = if cfg!(windows) {
        env("APPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library").join("Application Support"))
    } else {
        env("XDG_DATA_HOME").or_else(|| env("HOME").map(|h| h.join(".local").join("share")))
    };
    let base = base.ok_or_else(|| {
        Error::storage("找不到用户数据目录（未设置 HOME/APPDATA），请用 --db 指定数据库文件")
    })?;
    Ok(base.join("xianjie").join("xianjie.db"))
}

/// Reads `user_version` through a read-only connection, so that a too-new file is not touched.
fn check_not_too_new(path: &Path) -> Result<()> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let result = migrations::check_version(&conn, path).map_err(|e| name_file(path, e));
    drop(conn);
    result.map(|_| ())
}

fn create_private_file(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::storage(format!("无法创建数据库所在文件夹 {}：{e}", dir.display()))
        })?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another process created it meanwhile: fine, SQLite opens it.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::storage(format!(
            "无法创建数据库文件 {}：{e}",
            path.display()
        ))),
    }
}

fn open_error(path: &Path, e: rusqlite::Error) -> Error {
    let inner = Error::from(e);
    Error::new(
        inner.code,
        format!("无法打开数据库文件 {}：{}", path.display(), inner.message),
    )
}

fn name_file(path: &Path, e: Error) -> Error {
    if e.code == ErrorCode::DatabaseTooNew || e.message.contains(&path.display().to_string()) {
        return e;
    }
    Error::new(
        e.code,
        format!("数据库文件 {}：{}", path.display(), e.message),
    )
}
