//! 设置: the office's details printed on letters and tables, and the operator's name for the
//! audit log. Kept as a small JSON file next to the database so a fresh install can be set up
//! before any data exists.

use super::{ApiError, ApiResult};
use crate::Error;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What the 设置 page edits. Empty strings mean "not filled in yet".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Settings {
    /// 学校（学院）名称.
    pub college: String,
    /// 开具介绍信的团委全称 (as in 智慧团建).
    pub committee_full_name: String,
    /// 经办人.
    pub handler: String,
    /// 联系电话（办公）.
    pub office_phone: String,
    /// 经办人手机.
    pub mobile: String,
    /// 通讯地址.
    pub address: String,
    /// 邮政编码.
    pub postcode: String,
    /// 操作人姓名 (written to the audit log with every change).
    pub operator: String,
}

/// Longest free text a setting may hold (a full org name is well under 100 characters).
pub const MAX_TEXT: usize = 200;

/// Checks the fields a letter or the audit log relies on; the message names the field.
pub fn validate(s: &Settings) -> Result<(), Error> {
    let postcode = s.postcode.trim();
    let six_digits = postcode.len() == 6 && postcode.bytes().all(|b| b.is_ascii_digit());
    if !postcode.is_empty() && !six_digits {
        return Err(Error::invalid(format!("邮政编码“{postcode}”应为6位数字")));
    }
    let mobile = s.mobile.trim();
    let mobile_ok =
        mobile.len() == 11 && mobile.starts_with('1') && mobile.bytes().all(|b| b.is_ascii_digit());
    if !mobile.is_empty() && !mobile_ok {
        return Err(Error::invalid(format!(
            "经办人手机“{mobile}”应为以1开头的11位数字"
        )));
    }
    let phone = s.office_phone.trim();
    if !phone.is_empty()
        && !phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')' | '（' | '）' | '转'))
    {
        return Err(Error::invalid(format!(
            "联系电话“{phone}”只能包含数字、“-”、括号或“转”"
        )));
    }
    if s.operator.chars().count() > 32 {
        return Err(Error::invalid("操作人姓名不能超过32个字"));
    }
    // The window is not trusted: every text has a bound and no control characters.
    for (label, v) in [
        ("学院名称", &s.college),
        ("团委全称", &s.committee_full_name),
        ("经办人", &s.handler),
        ("通信地址", &s.address),
    ] {
        let n = v.chars().count();
        if n > MAX_TEXT {
            return Err(Error::invalid(format!(
                "{label}过长（{n}个字，最多{MAX_TEXT}个字）"
            )));
        }
        if v.chars().any(char::is_control) {
            return Err(Error::invalid(format!("{label}中含有不可见的控制字符")));
        }
    }
    Ok(())
}

/// The name written to the audit log: 设置's 操作人, or 本机用户 (as the CLI) while it is
/// not filled in, so an empty office can import before visiting 设置.
pub fn operator(s: &Settings) -> String {
    let name = s.operator.trim();
    if name.is_empty() {
        "本机用户".to_string()
    } else {
        name.to_string()
    }
}

/// Reads the settings; a missing file means defaults (first run).
pub fn load(path: &Path) -> ApiResult<Settings> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| {
            ApiError::from(Error::storage(format!(
                "设置文件 {} 已损坏（{e}），请删除后重新填写",
                path.display()
            )))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
        Err(e) => Err(Error::storage(format!(
            "无法读取设置文件 {}：{}",
            path.display(),
            crate::error::io_reason(&e)
        ))
        .into()),
    }
}

/// Validates and writes the settings atomically (temp file + rename): never half-written.
pub fn save(path: &Path, settings: &Settings) -> ApiResult<Settings> {
    let trimmed = Settings {
        college: settings.college.trim().to_string(),
        committee_full_name: settings.committee_full_name.trim().to_string(),
        handler: settings.handler.trim().to_string(),
        office_phone: settings.office_phone.trim().to_string(),
        mobile: settings.mobile.trim().to_string(),
        address: settings.address.trim().to_string(),
        postcode: settings.postcode.trim().to_string(),
        operator: settings.operator.trim().to_string(),
    };
    validate(&trimmed)?;
    let write = || -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("json.tmp");
        let text = serde_json::to_string_pretty(&trimmed).map_err(std::io::Error::other)?;
        write_private(&tmp, text.as_bytes())?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        Error::storage(format!(
            "无法保存设置到 {}：{}",
            path.display(),
            crate::error::io_reason(&e)
        ))
    })?;
    Ok(trimmed)
}

/// Writes `bytes` to a file only the user may read (0600 on Unix): the settings hold the
/// handler's mobile number.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        // A leftover file keeps its old mode: narrow it first.
        if path.exists() {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    options.open(path)?.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_is_defaults_and_save_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/settings.json");
        assert_eq!(load(&path).unwrap(), Settings::default());
        let s = Settings {
            college: " 示例大学 ".into(),
            postcode: "430000".into(),
            mobile: "13800000000".into(),
            office_phone: "027-88880000".into(),
            ..Settings::default()
        };
        let saved = save(&path, &s).unwrap();
        assert_eq!(saved.college, "示例大学");
        assert_eq!(load(&path).unwrap(), saved);
    }

    #[test]
    fn bad_fields_are_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let s = Settings {
            postcode: "43000".into(),
            ..Settings::default()
        };
        let e = save(&path, &s).unwrap_err();
        assert!(e.message.contains("邮政编码"), "{}", e.message);
        assert!(!path.exists());
        let s = Settings {
            mobile: "2380000000".into(),
            ..Settings::default()
        };
        assert!(save(&path, &s).unwrap_err().message.contains("手机"));
    }

    #[test]
    fn corrupt_file_is_a_storage_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, "{not json").unwrap();
        let e = load(&path).unwrap_err();
        assert_eq!(e.code, crate::api::ApiErrorCode::Storage);
    }
}
