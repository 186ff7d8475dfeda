//! 设置 › 数据备份 and `xianjie backup`: the snapshots of the office's database (list, back up
//! now, restore after a confirmation) and moving the whole store to another PC. Restoring
//! verifies the snapshot and keeps a snapshot of the current state first (see
//! `store::backup`).
//!
//! The exported file (issue 25) is protected by a passphrase: an age file (scrypt) around a
//! small archive — `XIANJIE-BACKUP 1`, a JSON line naming each file with its length and
//! SHA-256, then the files: the database and this PC's key files (`service::keys`), which
//! travel nowhere else. A clear copy (the database alone, as before) only when asked for
//! explicitly. SECURITY.md says what each holds.

use super::view::count;
use super::Context;
use crate::store::backup::{self, Reason, Snapshot};
use crate::Result;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One snapshot as the 设置 page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupItem {
    /// What `restore` takes.
    pub id: String,
    /// `YYYY-MM-DD HH:MM:SS`, local time.
    pub at: String,
    /// 手动备份 / 导入名单前 / 批量操作前 / 数据库升级前 / 每日自动备份 / 恢复前的当前数据.
    pub reason: String,
    /// e.g. `2.4 MB`.
    pub size: String,
}

/// The snapshots (newest first), how many are kept and where they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupList {
    pub items: Vec<BackupItem>,
    pub keep: u32,
    pub folder: String,
}

/// What a restore or an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RestoreDone {
    /// 已恢复：… (members, audit entries, the snapshot of the state before).
    pub message: String,
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1u64 << 20) as f64)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn item(s: &Snapshot) -> BackupItem {
    BackupItem {
        id: s.id.clone(),
        at: s.at.clone(),
        reason: s.reason.label().to_string(),
        size: size(s.bytes),
    }
}

pub fn list(ctx: &Context) -> Result<BackupList> {
    let db = &ctx.paths().db;
    Ok(BackupList {
        items: backup::list(db)?.iter().map(item).collect(),
        keep: count(ctx.store().backup_keep()?),
        folder: backup::backups_dir(db).display().to_string(),
    })
}

/// How many backups are kept (设置; at least one).
pub fn set_keep(ctx: &mut Context, keep: u32) -> Result<()> {
    let op = ctx.operator().to_string();
    let keep = usize::try_from(keep).unwrap_or(usize::MAX);
    ctx.store_mut().set_backup_keep(keep, &op)
}

/// 立即备份.
pub fn create(ctx: &Context) -> Result<BackupItem> {
    let snap = ctx
        .store()
        .snapshot(Reason::Manual)?
        .ok_or_else(|| crate::Error::internal("数据库不是文件，无法备份"))?;
    Ok(item(&snap))
}

fn done(check: &backup::FileCheck, before: Option<Snapshot>) -> RestoreDone {
    let mut message = format!(
        "已恢复：数据库版本 {}，{} 名团员，审计日志 {} 条（已校验）",
        check.version, check.members, check.audit_entries
    );
    if let Some(b) = before {
        message.push_str(&format!("；恢复前的数据已备份为 {}（{}）", b.id, b.at));
    }
    RestoreDone { message }
}

/// 恢复 (after the window's confirmation).
pub fn restore(ctx: &mut Context, id: &str) -> Result<RestoreDone> {
    let (check, before) = ctx.replace_data(|s| s.restore_snapshot(id))?;
    Ok(done(&check, before))
}

/// 导出全部数据: where, and how it is protected — exactly one of a passphrase or an explicit
/// clear copy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupExport {
    pub path: String,
    /// The passphrase that protects the file (the database and this PC's keys inside).
    pub passphrase: Option<String>,
    /// A clear copy of the database (no keys), chosen explicitly: it holds ID numbers in clear.
    pub unprotected: bool,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupExported {
    /// 已导出到 … (members, audit entries, what is inside).
    pub message: String,
    pub protected: bool,
    /// What the secretary must take in: the clear copy's ID numbers, or the passphrase that
    /// cannot be recovered.
    pub warning: String,
}

/// The first line of the archive inside a protected backup.
const ARCHIVE_MAGIC: &str = "XIANJIE-BACKUP 1";
/// The database's name in the archive.
const ARCHIVE_DB: &str = "xianjie.db";

/// One file in the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct ArchiveFile {
    name: String,
    bytes: u64,
    sha256: String,
}

/// The archive's second line: what it holds, then the files' bytes in this order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct ArchiveManifest {
    format: u32,
    program: String,
    schema_version: u32,
    exported_at: String,
    members: u64,
    audit_entries: u64,
    files: Vec<ArchiveFile>,
}

/// The names an archive may hold: the database and the key files (nothing else is written
/// on import, so a crafted archive cannot name a path).
fn allowed(name: &str) -> bool {
    name == ARCHIVE_DB
        || super::keys::KEY_FILES
            .iter()
            .any(|k| name == format!("{}/{k}", super::keys::KEYS_DIR))
}

fn archive(manifest: &ArchiveManifest, files: &[Vec<u8>]) -> Result<Vec<u8>> {
    let head = serde_json::to_vec(manifest)
        .map_err(|e| crate::Error::internal(format!("备份说明无法写出：{e}")))?;
    let mut out = Vec::with_capacity(files.iter().map(Vec::len).sum::<usize>() + head.len() + 64);
    out.extend_from_slice(ARCHIVE_MAGIC.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&head);
    out.push(b'\n');
    for f in files {
        out.extend_from_slice(f);
    }
    Ok(out)
}

/// A file of the archive: its name and bytes.
type Member<'a> = (String, &'a [u8]);

/// The archive's manifest and each file's bytes, every length and SHA-256 checked.
fn unarchive(bytes: &[u8]) -> Result<(ArchiveManifest, Vec<Member<'_>>)> {
    let damaged =
        || crate::Error::refused("口令正确，但备份文件的内容不完整或已损坏，未做任何修改");
    let line = |b: &[u8], max: usize| -> Option<(usize, usize)> {
        let end = b.iter().take(max).position(|&c| c == b'\n')?;
        Some((end, end + 1))
    };
    let (end, next) = line(bytes, 64).ok_or_else(damaged)?;
    if &bytes[..end] != ARCHIVE_MAGIC.as_bytes() {
        return Err(crate::Error::invalid(
            "该文件解密后不是学社衔接助手的备份（可能由更新版本导出，请升级本程序）",
        ));
    }
    let rest = &bytes[next..];
    let (end, next) = line(rest, 64 * 1024).ok_or_else(damaged)?;
    let manifest: ArchiveManifest = serde_json::from_slice(&rest[..end]).map_err(|_| damaged())?;
    if manifest.format != 1 {
        return Err(crate::Error::invalid(
            "该备份由更新版本的学社衔接助手导出，请升级本程序后再导入",
        ));
    }
    let mut at = &rest[next..];
    let mut files = Vec::with_capacity(manifest.files.len());
    for f in &manifest.files {
        let n = usize::try_from(f.bytes).map_err(|_| damaged())?;
        if !allowed(&f.name) || at.len() < n {
            return Err(damaged());
        }
        let (body, tail) = at.split_at(n);
        if crate::package::sha256(body) != f.sha256 {
            return Err(damaged());
        }
        files.push((f.name.clone(), body));
        at = tail;
    }
    if !at.is_empty() || !files.iter().any(|(n, _)| n == ARCHIVE_DB) {
        return Err(damaged());
    }
    Ok((manifest, files))
}

/// 导出全部数据 to one file (换电脑): with a passphrase, the database and this PC's keys in an
/// archive encrypted under it (age, scrypt; a passphrase `passphrase_strength` does not accept
/// is refused); with `unprotected`, a clear copy of the database as before (keys not
/// included), which the message says holds ID numbers in clear. Never overwrites a file.
pub fn export(ctx: &Context, params: &BackupExport) -> Result<BackupExported> {
    let started = std::time::Instant::now();
    let file = Path::new(&params.path);
    let passphrase = params.passphrase.as_deref().filter(|p| !p.is_empty());
    match (passphrase, params.unprotected) {
        (Some(_), true) => {
            return Err(crate::Error::invalid(
                "不能同时设置口令和选择不加密导出：二者选一",
            ))
        }
        (None, false) => {
            return Err(crate::Error::invalid(
                "导出全部数据须设置口令（--passphrase-file 文件，或在终端中输入）；如确需不加密的副本，请明确选择 --unprotected（文件中的身份证号、手机号将是明文）",
            ))
        }
        _ => {}
    }
    if file.exists() {
        return Err(crate::Error::invalid(format!(
            "文件 {} 已存在，请换一个文件名（不会覆盖已有文件）",
            file.display()
        )));
    }
    let Some(passphrase) = passphrase else {
        let check = ctx.store().export_to(file)?;
        crate::diagnostics::record_long_task("backup_export", started.elapsed(), check.members);
        return Ok(BackupExported {
            message: format!(
                "已导出到 {}（{} 名团员，审计日志 {} 条；未加密，不含本机的密钥）；在新电脑上用“从文件导入”（xianjie backup import）导入",
                file.display(),
                check.members,
                check.audit_entries
            ),
            protected: false,
            warning: format!(
                "警告：该文件未加密，其中 {} 名团员的身份证号、手机号都是明文，任何拿到文件的人都能读取。请只存放在本人可控的地方，用完即删；本机的学校/学院密钥未包含在内",
                check.members
            ),
        });
    };
    let strength = crate::seal::passphrase_strength(passphrase);
    if !strength.acceptable {
        return Err(crate::Error::invalid(format!(
            "口令强度不够：{}",
            strength.hint
        )));
    }
    let members = ctx.store().member_count()?;
    let audit_entries = ctx.store().verify_audit()?.into_result()?;
    let db = ctx.store().to_bytes()?;
    let mut names = vec![ARCHIVE_DB.to_string()];
    let mut bodies = vec![db];
    for k in super::keys::KEY_FILES {
        if let Some(b) = super::keys::read_key_file(ctx.paths(), k)? {
            names.push(format!("{}/{k}", super::keys::KEYS_DIR));
            bodies.push(b);
        }
    }
    let manifest = ArchiveManifest {
        format: 1,
        program: env!("CARGO_PKG_VERSION").to_string(),
        schema_version: ctx.store().schema_version()?,
        exported_at: crate::store::audit::now(),
        members,
        audit_entries,
        files: names
            .iter()
            .zip(&bodies)
            .map(|(name, b)| ArchiveFile {
                name: name.clone(),
                bytes: b.len() as u64,
                sha256: crate::package::sha256(b),
            })
            .collect(),
    };
    let plain = archive(&manifest, &bodies)?;
    let sealed = crate::seal::protect_with_passphrase(&plain, passphrase)?;
    crate::files::write_private(file, &sealed)?;
    crate::diagnostics::record_long_task("backup_export", started.elapsed(), members);
    let keys = names.len() - 1;
    Ok(BackupExported {
        message: format!(
            "已导出到 {}（{members} 名团员，审计日志 {audit_entries} 条{}；已用口令加密）；在新电脑上用“从文件导入”（xianjie backup import）导入",
            file.display(),
            if keys > 0 {
                format!("，含本机的 {keys} 个密钥")
            } else {
                String::new()
            }
        ),
        protected: true,
        warning: strength.hint,
    })
}

/// 从文件导入全部数据.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupImport {
    pub path: String,
    /// The passphrase of a protected file (asked for when [`inspect_file`] says protected).
    pub passphrase: Option<String>,
}

/// What a backup file is, before it is imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupFileInfo {
    /// Protected by a passphrase: ask for it.
    pub protected: bool,
}

/// Whether the backup file at `path` is protected by a passphrase (both doors ask for one
/// only then).
pub fn inspect_file(path: &str) -> Result<BackupFileInfo> {
    let p = Path::new(path);
    let mut head = [0u8; 4096];
    let n = {
        use std::io::Read;
        let mut f = std::fs::File::open(p).map_err(|e| {
            crate::Error::not_found(format!(
                "无法打开文件 {}：{}",
                p.display(),
                crate::error::io_reason(&e)
            ))
        })?;
        f.read(&mut head).unwrap_or(0)
    };
    Ok(BackupFileInfo {
        protected: crate::seal::is_passphrase_protected(&head[..n]),
    })
}

/// 从文件导入全部数据 (replaces the store after a confirmation; verified first). A protected
/// file needs its passphrase — a wrong one is refused with nothing changed; the database is
/// then verified like any file and replaces the store (the current state snapshotted first),
/// and the keys inside are put back in `keys/` (a different key there is kept aside, not lost).
pub fn import(ctx: &mut Context, params: &BackupImport) -> Result<RestoreDone> {
    let started = std::time::Instant::now();
    let file = Path::new(&params.path);
    if !inspect_file(&params.path)?.protected {
        backup::verify_file(file)?;
        let (check, before) = ctx.replace_data(|s| s.replace_with(file))?;
        crate::diagnostics::record_long_task("backup_import", started.elapsed(), check.members);
        return Ok(done(&check, before));
    }
    let passphrase = params
        .passphrase
        .as_deref()
        .filter(|p| !p.is_empty())
        .ok_or_else(|| {
            crate::Error::invalid(format!(
                "{} 有口令保护：请提供口令（--passphrase-file 文件，或在终端中输入）",
                file.display()
            ))
        })?;
    let bytes = std::fs::read(file).map_err(|e| {
        crate::Error::storage(format!(
            "无法读取 {}：{}",
            file.display(),
            crate::error::io_reason(&e)
        ))
    })?;
    let plain = crate::seal::unprotect_with_passphrase(&bytes, passphrase)?;
    let (_, files) = unarchive(&plain)?;
    let db = files
        .iter()
        .find(|(n, _)| n == ARCHIVE_DB)
        .map(|(_, b)| *b)
        .unwrap_or_default();
    let (check, before) = ctx.replace_data(|s| s.replace_with_bytes(db))?;
    let mut done = done(&check, before);
    let mut kept = Vec::new();
    let mut restored = 0;
    for (name, body) in files.iter().filter(|(n, _)| n != ARCHIVE_DB) {
        let Some(k) = name.rsplit('/').next() else {
            continue;
        };
        let have = super::keys::read_key_file(ctx.paths(), k)?;
        if have.as_deref() == Some(*body) {
            continue;
        }
        if have.is_some() {
            kept.extend(super::keys::keep_aside(ctx.paths(), k)?);
        }
        super::keys::write_key_file(ctx.paths(), k, &String::from_utf8_lossy(body))?;
        restored += 1;
    }
    if restored > 0 {
        done.message
            .push_str(&format!("；已恢复 {restored} 个密钥"));
    }
    if !kept.is_empty() {
        done.message.push_str(&format!(
            "（本机原有的不同密钥已另存为 {}）",
            kept.join("、")
        ));
    }
    crate::diagnostics::record_long_task("backup_import", started.elapsed(), check.members);
    Ok(done)
}

/// How strong a passphrase is, for the export dialog as one types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PassphraseStrength {
    /// 0 (guessed at once) to 4.
    pub score: u8,
    /// Whether the export takes it.
    pub acceptable: bool,
    /// What would make it stronger, and that a forgotten passphrase is lost for good.
    pub hint: String,
}

/// The strength of `passphrase` (zxcvbn, hints in Chinese; both doors show it).
pub fn passphrase_strength(passphrase: &str) -> PassphraseStrength {
    let s = crate::seal::passphrase_strength(passphrase);
    PassphraseStrength {
        score: s.score,
        acceptable: s.acceptable,
        hint: s.hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archive_round_trips_and_refuses_what_it_did_not_write() {
        let m = |files: Vec<ArchiveFile>| ArchiveManifest {
            format: 1,
            program: "0".into(),
            schema_version: 8,
            exported_at: "t".into(),
            members: 0,
            audit_entries: 0,
            files,
        };
        let file = |name: &str, b: &[u8]| ArchiveFile {
            name: name.into(),
            bytes: b.len() as u64,
            sha256: crate::package::sha256(b),
        };
        let bodies = vec![b"db".to_vec(), b"key".to_vec()];
        let good = m(vec![
            file("xianjie.db", b"db"),
            file("keys/school.key", b"key"),
        ]);
        let bytes = archive(&good, &bodies).unwrap();
        let (back, files) = unarchive(&bytes).unwrap();
        assert_eq!(back, good);
        assert_eq!(files[1], ("keys/school.key".to_string(), &b"key"[..]));

        let evil = m(vec![file("xianjie.db", b"db"), file("../../etc/x", b"key")]);
        assert!(unarchive(&archive(&evil, &bodies).unwrap()).is_err());
        let mut longer = bytes.clone();
        longer.push(b'x');
        assert!(unarchive(&longer).is_err());
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(unarchive(&flipped).is_err());
        assert!(unarchive(&bytes[..bytes.len() - 1]).is_err());
    }
}
