//! Snapshots of the whole database, so that a summer's work survives a bad import, a wrong
//! batch, a failed upgrade or a broken PC.
//!
//! A snapshot is a consistent copy taken with SQLite's online backup API (other programs may
//! keep writing meanwhile). Snapshots live in a `backups/` folder beside the database, private
//! to the user (0600), named `<db>-<YYYYMMDD-HHMMSS>-<reason>.db`; the part after `<db>-` is
//! the snapshot's id. One is taken automatically before every import, batch operation and
//! migration and on the first open of each day; only the last [`Store::backup_keep`] are kept.
//! Restoring (or importing a file from another PC) verifies the file first and snapshots the
//! current state before overwriting it.

use super::{migrations, Store};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use std::path::{Path, PathBuf};
use xianjie_domain::{Error, ErrorCode, Result};

/// How many snapshots are kept when the setting was never changed.
pub const KEEP_DEFAULT: usize = 20;
/// Snapshots of one process are taken one at a time: two stores opened at once (the app's
/// parallel commands) would otherwise both take the daily snapshot, and one's pruning of
/// `.partial` leftovers would delete the other's file mid-copy (a disk I/O error).
static SNAPSHOTS: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn snapshot_lock() -> std::sync::MutexGuard<'static, ()> {
    SNAPSHOTS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

const KEEP_KEY: &str = "backup_keep";
const EXT: &str = "db";
const PARTIAL: &str = "partial";

/// Why a snapshot was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Manual,
    Import,
    Batch,
    Migration,
    Daily,
    BeforeRestore,
}

impl Reason {
    pub const ALL: [Reason; 6] = [
        Reason::Manual,
        Reason::Import,
        Reason::Batch,
        Reason::Migration,
        Reason::Daily,
        Reason::BeforeRestore,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Reason::Manual => "manual",
            Reason::Import => "import",
            Reason::Batch => "batch",
            Reason::Migration => "migration",
            Reason::Daily => "daily",
            Reason::BeforeRestore => "before-restore",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Reason::Manual => "手动备份",
            Reason::Import => "导入名单前",
            Reason::Batch => "批量操作前",
            Reason::Migration => "数据库升级前",
            Reason::Daily => "每日自动备份",
            Reason::BeforeRestore => "恢复前的当前数据",
        }
    }
    fn from_code(s: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.code() == s)
    }
}

/// One snapshot on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    /// `YYYYMMDD-HHMMSS-reason[-n]`, what `backup restore` takes.
    pub id: String,
    /// When it was taken, the office's local time in the list style (`2026-12-06 08:32`,
    /// `time::format_list`): the name carries the local time already.
    pub at: String,
    pub reason: Reason,
    pub bytes: u64,
    pub path: PathBuf,
}

/// What [`verify_file`] found in a snapshot or an exported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileCheck {
    pub version: u32,
    pub members: u64,
    pub audit_entries: u64,
}

/// The office's wall-clock time now (`time::local`).
fn local_now() -> chrono::NaiveDateTime {
    xianjie_domain::time::local(chrono::Utc::now())
}

/// The snapshots folder of the database at `db`.
pub fn backups_dir(db: &Path) -> PathBuf {
    db.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("backups"), |d| d.join("backups"))
}

fn db_stem(db: &Path) -> String {
    db.file_stem().map_or_else(
        || "xianjie".to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// Parses `<stem>-YYYYMMDD-HHMMSS-reason[-n].db` into a snapshot (None for other files).
fn parse_name(stem: &str, path: &Path) -> Option<Snapshot> {
    let name = path.file_name()?.to_str()?;
    let id = name.strip_prefix(stem)?.strip_prefix('-')?;
    let id = id.strip_suffix(&format!(".{EXT}"))?;
    let (date, rest) = id.split_once('-')?;
    let (time, reason) = rest.split_once('-')?;
    let stamp =
        chrono::NaiveDateTime::parse_from_str(&format!("{date}{time}"), "%Y%m%d%H%M%S").ok()?;
    // A collision suffix `-2` follows the reason.
    let reason = Reason::from_code(reason).or_else(|| {
        let (r, n) = reason.rsplit_once('-')?;
        n.parse::<u32>().ok()?;
        Reason::from_code(r)
    })?;
    let bytes = std::fs::metadata(path).ok()?.len();
    Some(Snapshot {
        id: id.to_string(),
        at: xianjie_domain::time::format_list(stamp),
        reason,
        bytes,
        path: path.to_path_buf(),
    })
}

/// The snapshots of the database at `db`, newest first.
pub fn list(db: &Path) -> Result<Vec<Snapshot>> {
    let dir = backups_dir(db);
    let stem = db_stem(db);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Error::storage(format!(
                "无法读取备份文件夹 {}：{e}",
                dir.display()
            )))
        }
    };
    let mut out: Vec<Snapshot> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| parse_name(&stem, &e.path()))
        .collect();
    // Newest first: by the stamp, then by the file's time (several in one second).
    let modified = |s: &Snapshot| std::fs::metadata(&s.path).and_then(|m| m.modified()).ok();
    out.sort_by_cached_key(|s| {
        std::cmp::Reverse((s.id.get(..15).unwrap_or_default().to_string(), modified(s)))
    });
    Ok(out)
}

/// The snapshot with this id.
pub fn find(db: &Path, id: &str) -> Result<Snapshot> {
    list(db)?
        .into_iter()
        .find(|s| s.id == id.trim())
        .ok_or_else(|| {
            Error::not_found(format!(
                "找不到编号为“{id}”的备份（可用 xianjie backup list 查看全部备份）"
            ))
        })
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::storage(format!(
        "{what} {}：{}",
        path.display(),
        xianjie_domain::error::io_reason(&e)
    ))
}

pub(crate) fn create_private_dir(dir: &Path) -> Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
        .map_err(|e| io_error("无法创建备份文件夹", dir, e))
}

/// Copies `src` (consistently, in one step) into a new private file at `dest`; written under a
/// temporary name and renamed, so a crash never leaves a half snapshot under a real name.
pub(crate) fn copy_database(src: &Connection, dest: &Path) -> Result<()> {
    // Per process: two programs snapshotting at once must not share a temporary file.
    let tmp = dest.with_extension(format!("{}.{PARTIAL}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(&tmp)
        .map_err(|e| io_error("无法创建备份文件", &tmp, e))?;
    let result = (|| -> Result<()> {
        let mut dst = Connection::open(&tmp)?;
        {
            let b = Backup::new(src, &mut dst)?;
            // -1: all pages in one step under one read lock — a consistent copy.
            match b.step(-1)? {
                StepResult::Done => {}
                _ => {
                    return Err(Error::new(
                        ErrorCode::Busy,
                        "数据库正被其他程序使用，未能完成备份，请稍后重试",
                    ))
                }
            }
        }
        // A self-contained file: no -wal beside it.
        let _: String =
            dst.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
        dst.close().map_err(|(_, e)| Error::from(e))?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, dest).map_err(|e| io_error("无法保存备份文件", dest, e))
}

/// Checks a snapshot or exported file before it replaces anything: it is a Xianjie database,
/// not newer than this program, intact (`integrity_check`) and its audit chain verifies.
pub fn verify_file(path: &Path) -> Result<FileCheck> {
    let shown = path.display();
    if !path.is_file() {
        return Err(Error::not_found(format!("找不到文件 {shown}")));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| Error::storage(format!("无法打开文件 {shown}：{}", Error::from(e).message)))?;
    let not_ours = || {
        Error::invalid(format!(
            "文件 {shown} 不是学社衔接助手的数据库或备份（不是 SQLite 文件或已损坏），未做任何修改"
        ))
    };
    let version = migrations::check_version(&conn, path).map_err(|e| match e.code {
        ErrorCode::DatabaseTooNew => e,
        _ => not_ours(),
    })?;
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| not_ours())?;
    if ok != "ok" {
        return Err(Error::invalid(format!(
            "文件 {shown} 已损坏（完整性检查未通过：{ok}），未做任何修改"
        )));
    }
    let has_audit: Option<String> = conn
        .query_row(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if version == 0 || has_audit.is_none() {
        return Err(not_ours());
    }
    let members: i64 = conn
        .query_row("SELECT count(*) FROM members", [], |r| r.get(0))
        .map_err(|_| not_ours())?;
    let store = Store { conn };
    let audit = store.verify_audit()?;
    let audit_entries = audit.clone().into_result().map_err(|e| {
        Error::new(
            ErrorCode::Conflict,
            format!("文件 {shown} 的{}，未做任何修改", e.message),
        )
    })?;
    Ok(FileCheck {
        version,
        members: members.max(0) as u64,
        audit_entries,
    })
}

impl Store {
    /// The database file, or `None` for an in-memory store.
    pub fn path(&self) -> Option<PathBuf> {
        self.conn
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    }

    /// How many snapshots are kept (setting `backup_keep`).
    pub fn backup_keep(&self) -> Result<usize> {
        let v: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([KEEP_KEY], |r| r.get(0))
            .optional()?;
        Ok(v.and_then(|v| v.parse().ok()).unwrap_or(KEEP_DEFAULT))
    }

    /// Changes how many snapshots are kept (at least 1).
    pub fn set_backup_keep(&mut self, keep: usize, operator: &str) -> Result<()> {
        let op = super::operator(operator)?;
        if keep == 0 || keep > 1000 {
            return Err(Error::invalid("保留的备份数量应在 1 到 1000 之间"));
        }
        let before = self.backup_keep()?;
        let tx = self.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
            [KEEP_KEY, &keep.to_string()],
        )?;
        super::audit::record(
            &tx,
            &super::audit::now(),
            op,
            &super::audit::Change {
                entity: "setting",
                entity_id: None,
                action: "update",
                old: Some(serde_json::json!({ KEEP_KEY: before })),
                new: Some(serde_json::json!({ KEEP_KEY: keep })),
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Takes a snapshot now and drops the oldest beyond the kept number. `None` for an
    /// in-memory store (nothing to protect).
    pub fn snapshot(&self, reason: Reason) -> Result<Option<Snapshot>> {
        let _one_at_a_time = snapshot_lock();
        self.snapshot_locked(reason)
    }

    /// [`Store::snapshot`] with [`snapshot_lock`] held by the caller.
    fn snapshot_locked(&self, reason: Reason) -> Result<Option<Snapshot>> {
        let Some(db) = self.path() else {
            return Ok(None);
        };
        let dir = backups_dir(&db);
        create_private_dir(&dir)?;
        // Named by the office's local time (China Standard Time when the PC's zone is
        // unknown), as the list shows it.
        let stamp = local_now().format("%Y%m%d-%H%M%S").to_string();
        let stem = db_stem(&db);
        let mut id = format!("{stamp}-{}", reason.code());
        let mut n = 1;
        while dir.join(format!("{stem}-{id}.{EXT}")).exists() {
            n += 1;
            id = format!("{stamp}-{}-{n}", reason.code());
        }
        let dest = dir.join(format!("{stem}-{id}.{EXT}"));
        copy_database(&self.conn, &dest)?;
        self.prune(&db)?;
        Ok(parse_name(&stem, &dest))
    }

    fn prune(&self, db: &Path) -> Result<()> {
        let keep = self.backup_keep()?;
        for old in list(db)?.into_iter().skip(keep) {
            let _ = std::fs::remove_file(&old.path);
        }
        // Leftovers of a snapshot interrupted by a crash (not another program's, in progress).
        let stale = |e: &std::fs::DirEntry| {
            e.metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600)
        };
        if let Ok(entries) = std::fs::read_dir(backups_dir(db)) {
            for e in entries.filter_map(|e| e.ok()) {
                if e.path().extension().is_some_and(|x| x == PARTIAL) && stale(&e) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        Ok(())
    }

    /// A snapshot before a batch of more than one item (one item is an ordinary edit).
    pub fn snapshot_before_batch(&self, items: usize) -> Result<()> {
        if items > 1 {
            self.snapshot(Reason::Batch)?;
        }
        Ok(())
    }

    /// The daily snapshot: taken unless one (of any kind) exists from today.
    pub(crate) fn daily_snapshot(&self) -> Result<Option<Snapshot>> {
        let Some(db) = self.path() else {
            return Ok(None);
        };
        let _one_at_a_time = snapshot_lock();
        let today = local_now().format("%Y%m%d-").to_string();
        if list(&db)?.iter().any(|s| s.id.starts_with(&today)) {
            return Ok(None);
        }
        self.snapshot_locked(Reason::Daily)
    }

    /// The whole store as one file (a consistent snapshot), e.g. to move to a new PC.
    pub fn export_to(&self, file: &Path) -> Result<FileCheck> {
        if file.exists() {
            return Err(Error::invalid(format!(
                "文件 {} 已存在，请换一个文件名（不会覆盖已有文件）",
                file.display()
            )));
        }
        copy_database(&self.conn, file)?;
        verify_file(file)
    }

    /// SQLite's `PRAGMA integrity_check` of the open database: `ok`, or its findings (table
    /// and index names, page numbers — never a row's content), one per line.
    pub fn integrity_check(&self) -> Result<String> {
        let mut st = self.conn.prepare("PRAGMA integrity_check")?;
        let lines = st
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(lines.join("\n"))
    }

    /// [`Store::replace_with`] for a database held in memory (a protected backup, decrypted):
    /// written private (0600) in the backups folder under a `.partial` name, verified and
    /// copied in like a file, then removed — a crash leaves only a `.partial` that pruning
    /// removes later.
    pub fn replace_with_bytes(&mut self, bytes: &[u8]) -> Result<(FileCheck, Option<Snapshot>)> {
        let db = self
            .path()
            .ok_or_else(|| Error::invalid("内存数据库不能从备份文件导入"))?;
        let dir = backups_dir(&db);
        create_private_dir(&dir)?;
        let tmp = dir.join(format!(
            "restore-{}-{}.{PARTIAL}",
            std::process::id(),
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        ));
        let write = || -> std::io::Result<()> {
            use std::io::Write;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let mut f = options.open(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()
        };
        let result = write()
            .map_err(|e| io_error("无法写入临时文件", &tmp, e))
            .and_then(|()| self.replace_with(&tmp));
        let _ = std::fs::remove_file(&tmp);
        result
    }

    /// Replaces the whole store with the snapshot `id` (see [`Store::replace_with`]).
    pub fn restore_snapshot(&mut self, id: &str) -> Result<(FileCheck, Option<Snapshot>)> {
        let db = self
            .path()
            .ok_or_else(|| Error::invalid("内存数据库没有备份"))?;
        let snap = find(&db, id)?;
        self.replace_with(&snap.path)
    }

    /// Replaces the whole store with the database file `src` (a snapshot or an exported file):
    /// verified first, the current state snapshotted, then copied in with the backup API (other
    /// connections see the new content) and migrated if it is older. Returns the check and the
    /// snapshot of the state before.
    pub fn replace_with(&mut self, src: &Path) -> Result<(FileCheck, Option<Snapshot>)> {
        let check = verify_file(src)?;
        let before = self.snapshot(Reason::BeforeRestore)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let from = Connection::open_with_flags(src, flags)?;
        {
            let b = Backup::new(&from, &mut self.conn)?;
            match b.step(-1)? {
                StepResult::Done => {}
                _ => {
                    return Err(Error::new(
                        ErrorCode::Busy,
                        "数据库正被其他程序使用，未能恢复，请关闭其他正在使用该数据库的程序后重试",
                    ))
                }
            }
        }
        drop(from);
        super::connection::configure(&self.conn)?;
        let path = self.path().unwrap_or_default();
        migrations::run(&mut self.conn, &path)?;
        Ok((check, before))
    }
}
