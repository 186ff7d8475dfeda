//! The files a secretary hands over and the ones the program writes for her.
//!
//! Every output (tables, letters, CSV, exported databases' neighbours) is written by
//! [`write_output`]: into a temporary file in the same folder, then renamed over the target,
//! so that a full disk, a crash or a file held open by Excel never leaves a half-written
//! document under the real name. Text the user gives (CSV) is read by [`read_text`], which
//! detects what Excel on a Chinese Windows writes: UTF-8 with a BOM, GBK (code page 936, read
//! as its superset GB18030) and UTF-16 ("Unicode 文本"). CSV is written by [`csv_bytes`] as
//! UTF-8 with a BOM, which Excel opens with the Chinese intact.

use crate::error::io_reason;
use crate::{Error, Result};
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

pub use crate::error::{is_held_open, HELD_OPEN};

fn write_error(shown: &Path, e: &io::Error) -> Error {
    Error::storage(format!(
        "无法写入 {}：{}（未写入任何内容）",
        shown.display(),
        io_reason(e)
    ))
}

/// Where the bytes of an output go.
enum Target {
    /// A regular file (or a new one): written beside it and renamed over it.
    File(PathBuf),
    /// A device or pipe (`/dev/stdout`, `NUL`): written in place, never replaced.
    Special,
}

fn target(path: &Path) -> Result<Target> {
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(Error::invalid(format!(
            "“{}”是文件夹，请给出要保存的文件名",
            path.display()
        ))),
        Ok(m) if !m.is_file() => Ok(Target::Special),
        // A link is followed: the file it points to is replaced, the link stays.
        Ok(_) if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => Ok(
            Target::File(fs::canonicalize(path).map_err(|e| write_error(path, &e))?),
        ),
        _ => Ok(Target::File(path.to_path_buf())),
    }
}

/// Fails, naming the file, when an existing `path` cannot be written: open in another
/// program (Windows), read-only, or a folder. Nothing is changed. Used before a batch writes
/// any of its files, so that one locked file stops the batch before the first is replaced.
pub fn check_writable(path: &Path) -> Result<()> {
    match target(path)? {
        Target::File(real) => probe(&real).map_err(|e| write_error(path, &e)),
        Target::Special => Ok(()),
    }
}

/// Opening for writing, without truncating, is what Excel's sharing mode refuses.
fn probe(real: &Path) -> io::Result<()> {
    match OpenOptions::new().write(true).open(real) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Writes `bytes` to `path` whole or not at all: into a temporary file in the same folder,
/// flushed to disk, then renamed over `path`. An existing file keeps its permissions. The
/// error names the file and, on Windows, says when another program (Excel) holds it open.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<()> {
    write_as(path, bytes, false)
}

/// [`write_output`] for a file that holds ID numbers (a campaign package): readable by its
/// owner only (0600 on Unix), whatever the file it replaces allowed.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    write_as(path, bytes, true)
}

fn write_as(path: &Path, bytes: &[u8], private: bool) -> Result<()> {
    let real = match target(path)? {
        Target::File(real) => real,
        Target::Special => return fs::write(path, bytes).map_err(|e| write_error(path, &e)),
    };
    probe(&real).map_err(|e| write_error(path, &e))?;
    let tmp = temp_beside(&real);
    let result = (|| -> io::Result<()> {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if private {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut f = options.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if let (false, Ok(old)) = (private, fs::metadata(&real)) {
            fs::set_permissions(&tmp, old.permissions())?;
        }
        fs::rename(&tmp, &real)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        write_error(path, &e)
    })
}

/// A short name in the target's folder (a rename across folders or disks is a copy); short,
/// so that a target with a long name still gets one.
fn temp_beside(real: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let name = format!(".xianjie-{}-{n}.tmp", std::process::id());
    match real.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir.join(name),
        None => PathBuf::from(name),
    }
}

/// Reads a text file the user made (CSV, JSON), whatever encoding Excel or Notepad saved it
/// in; the error names the file.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = fs::read(path)
        .map_err(|e| Error::invalid(format!("无法读取 {}：{}", path.display(), io_reason(&e))))?;
    decode_text(&bytes).ok_or_else(|| {
        Error::invalid(format!(
            "{}：无法识别文件的文字编码（不是 UTF-8、GBK 或 Unicode 文本）。请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”后重试",
            path.display()
        ))
    })
}

/// Text in a byte-order-marked encoding (UTF-8, UTF-16), plain UTF-8, or else GB18030 (the
/// superset of GBK, what "CSV（逗号分隔）" is on a Chinese Windows). `None` when it is none of
/// them: a binary file, or bytes that are not text in any of these.
pub fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .map(|s| s.into_owned());
    }
    // NUL never occurs in text of these encodings without a BOM.
    if bytes.contains(&0) {
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Some(s.to_string()),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|s| s.into_owned()),
    }
}

/// Splits one CSV line into trimmed cells. Separators: `,` as Excel writes them, and the
/// full-width `，` and tab people type; a cell in double quotes may contain them (`""` is a
/// quote).
pub fn csv_cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            ',' | '，' | '\t' if !quoted => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    cells.push(cell);
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

/// A CSV file Excel opens with the Chinese intact: UTF-8 with a BOM, CRLF line ends, cells
/// quoted when they hold a separator, quote or line break. A cell Excel would run as a
/// formula (starting with `=`, `+`, `-` or `@`) gets a leading `'`, so that a name taken from
/// a roster cannot become one.
pub fn csv_bytes<R: AsRef<[String]>>(rows: &[R]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    for row in rows {
        let cells: Vec<String> = row.as_ref().iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn csv_cell(c: &str) -> String {
    let c = if c.starts_with(['=', '+', '-', '@']) {
        format!("'{c}")
    } else {
        c.to_string()
    };
    if c.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", c.replace('"', "\"\""))
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_replaces_whole_and_leaves_no_temporary_file() -> Result<()> {
        let dir = tempfile::tempdir().map_err(Error::from)?;
        let p = dir.path().join("表 一.xlsx");
        write_output(&p, b"first")?;
        write_output(&p, b"second")?;
        assert_eq!(fs::read(&p)?, b"second");
        let names: Vec<_> = fs::read_dir(dir.path())?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        Ok(())
    }

    #[test]
    fn output_errors_name_the_file_and_write_nothing() -> Result<()> {
        let dir = tempfile::tempdir().map_err(Error::from)?;
        let missing = dir.path().join("无此文件夹").join("F1.xlsx");
        let e = write_output(&missing, b"x").err().map(|e| e.message);
        assert!(
            e.as_deref()
                .is_some_and(|m| m.contains("F1.xlsx") && m.contains("未写入任何内容")),
            "{e:?}"
        );
        let e = write_output(dir.path(), b"x").err().map(|e| e.message);
        assert!(e.is_some_and(|m| m.contains("是文件夹")));
        assert_eq!(fs::read_dir(dir.path())?.count(), 0);
        Ok(())
    }

    #[test]
    fn encodings_excel_writes_are_detected() {
        let text = "团员,转入团委全称\r\n张三,共青团某某街道委员会\r\n";
        let gbk = encoding_rs::GBK.encode(text).0.into_owned();
        assert_eq!(decode_text(&gbk).as_deref(), Some(text));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode_text(&bom).as_deref(), Some(text));
        assert_eq!(decode_text(text.as_bytes()).as_deref(), Some(text));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_text(&utf16).as_deref(), Some(text));
        // A workbook renamed .csv is not text.
        assert_eq!(decode_text(b"PK\x03\x04\x00\x00"), None);
    }

    #[test]
    fn csv_round_trips_through_cells() {
        let rows = vec![
            vec!["姓名".to_string(), "备注".to_string()],
            vec!["张三".to_string(), "含,逗号与\"引号\"".to_string()],
            vec!["=1+1".to_string(), String::new()],
        ];
        let bytes = csv_bytes(&rows);
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        let text = decode_text(&bytes).unwrap_or_default();
        let lines: Vec<Vec<String>> = text.lines().map(csv_cells).collect();
        assert_eq!(lines[0], rows[0]);
        assert_eq!(lines[1], rows[1]);
        assert_eq!(lines[2], vec!["'=1+1".to_string(), String::new()]);
        assert_eq!(csv_cells("a，b\tc"), vec!["a", "b", "c"]);
    }
}
