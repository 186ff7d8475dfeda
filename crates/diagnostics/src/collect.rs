//! The diagnostics text a secretary exports for whoever helps: every log file (oldest first),
//! this process's program and version, the OS and architecture. The caller appends the
//! schema version and the store's integrity check and writes the file.
//!
//! The files are not scrubbed again here: they hold only what this crate wrote, which was
//! codes, numbers and scrubbed text when it was written (scrubbing again would mask the
//! timestamps' microseconds and long durations).

use std::fs;
use std::path::Path;

use xianjie_domain::{Error, Result};

use crate::log::{any_log_file, running, LOGS_DIR};

/// The diagnostics text for `data_dir` (see the module docs).
pub fn collect(data_dir: &Path) -> Result<String> {
    let dir = data_dir.join(LOGS_DIR);
    let mut out = String::new();
    out.push_str("学社衔接助手 诊断信息 / Xianjie diagnostics\n");
    out.push_str(&format!(
        "os: {} {} ({})\n",
        std::env::consts::OS,
        std::env::consts::ARCH,
        std::env::consts::FAMILY
    ));
    out.push_str(&format!(
        "diagnostics: {} {}\n",
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION")
    ));
    match running() {
        Some((program, version)) => {
            out.push_str(&format!("running: {program} {version}\n"));
        }
        None => out.push_str("running: (no log opened in this process)\n"),
    }

    let mut files: Vec<(String, String, std::path::PathBuf)> = match fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|entry| {
                let entry = entry.ok()?;
                let name = entry.file_name().into_string().ok()?;
                let (program, date) = any_log_file(&name)?;
                let key = (date.to_owned(), program.to_owned());
                entry
                    .file_type()
                    .ok()?
                    .is_file()
                    .then(|| (key.0, key.1, entry.path()))
            })
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            return Err(Error::storage(format!(
                "无法读取日志文件夹：{}",
                xianjie_domain::error::io_reason(&e)
            )))
        }
    };
    // Oldest day first; within a day, by program.
    files.sort();
    out.push_str(&format!("log files: {}\n", files.len()));
    for (_, _, path) in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = fs::read(&path).map_err(|e| {
            Error::storage(format!(
                "无法读取日志文件 {name}：{}",
                xianjie_domain::error::io_reason(&e)
            ))
        })?;
        out.push_str(&format!("\n===== {name} ({} bytes) =====\n", bytes.len()));
        out.push_str(&String::from_utf8_lossy(&bytes));
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    Ok(out)
}
