//! 设置: the office's details printed on letters and tables (kept in the store by
//! `service::office`, the one truth the CLI's `letter issuer` edits too), and the operator's
//! name for the audit log (this computer's user's: a small JSON file next to the database,
//! whose presence also ends the first-run screen).

use super::{ApiError, ApiResult};
use serde::{Deserialize, Serialize};
use std::path::Path;
use xianjie::service::office::{self, OfficeInput};
use xianjie::service::Context;
use xianjie::Error;

/// What the 设置 page edits. Empty strings mean "not filled in yet".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
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

/// Checks the office's fields (`service::office::validate`) and the operator's name.
pub fn validate(s: &Settings) -> Result<(), Error> {
    office::validate(&office_input(s))?;
    let op = s.operator.trim();
    if op.chars().count() > 32 {
        return Err(Error::invalid("操作人姓名不能超过32个字"));
    }
    if op.chars().any(char::is_control) {
        return Err(Error::invalid("操作人姓名中含有不可见的控制字符"));
    }
    Ok(())
}

fn office_input(s: &Settings) -> OfficeInput {
    OfficeInput {
        college: s.college.clone(),
        committee_full_name: s.committee_full_name.clone(),
        handler: s.handler.clone(),
        office_phone: s.office_phone.clone(),
        mobile: s.mobile.clone(),
        address: s.address.clone(),
        postcode: s.postcode.clone(),
    }
}

/// The operator's file: only the name (older files held the office's details too, which the
/// store adopted once, `service::office`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
struct OperatorFile {
    operator: String,
}

/// The operator's name saved on this computer ("" while not filled in).
pub fn saved_operator(path: &Path) -> ApiResult<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str::<OperatorFile>(&text)
            .map(|f| f.operator.trim().to_string())
            .map_err(|e| {
                ApiError::from(Error::storage(format!(
                    "设置文件 {} 已损坏（{e}），请删除后重新填写",
                    path.display()
                )))
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(Error::storage(format!(
            "无法读取设置文件 {}：{}",
            path.display(),
            xianjie::error::io_reason(&e)
        ))
        .into()),
    }
}

/// The 设置 page: the office (from the store) and this computer's operator.
pub fn load(ctx: &Context) -> ApiResult<Settings> {
    let o = office::load(ctx)?;
    Ok(Settings {
        college: o.college,
        committee_full_name: o.issuer.map(|i| i.full_name).unwrap_or_default(),
        handler: o.profile.handler,
        office_phone: o.profile.phone,
        mobile: o.profile.handler_mobile,
        address: o.profile.address,
        postcode: o.profile.postcode,
        operator: saved_operator(&ctx.paths().settings)?,
    })
}

/// Validates, saves the office's details in the store (audited) and the operator's name in
/// the file (atomically: temp file + rename, never half-written); returns the page anew.
pub fn save(ctx: &mut Context, settings: &Settings) -> ApiResult<Settings> {
    validate(settings)?;
    office::save(ctx, &office_input(settings))?;
    let path = ctx.paths().settings.clone();
    let file = OperatorFile {
        operator: settings.operator.trim().to_string(),
    };
    let write = || -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("json.tmp");
        let text = serde_json::to_string_pretty(&file).map_err(std::io::Error::other)?;
        write_private(&tmp, text.as_bytes())?;
        std::fs::rename(&tmp, &path)
    };
    write().map_err(|e| {
        Error::storage(format!(
            "无法保存设置到 {}：{}",
            path.display(),
            xianjie::error::io_reason(&e)
        ))
    })?;
    ctx.set_operator(Some(&file.operator));
    load(ctx)
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
    use xianjie::service::{Clock, Paths};

    fn ctx(dir: &Path) -> Context {
        Context::open(Paths::in_dir(dir, None), None, Clock::System).unwrap()
    }

    #[test]
    fn missing_file_is_defaults_and_save_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = ctx(dir.path());
        assert_eq!(load(&c).unwrap(), Settings::default());
        let s = Settings {
            college: " 示例大学 ".into(),
            committee_full_name: "共青团示例大学委员会".into(),
            postcode: "430000".into(),
            mobile: "13800000000".into(),
            office_phone: "027-88880000".into(),
            operator: " 李老师 ".into(),
            ..Settings::default()
        };
        let saved = save(&mut c, &s).unwrap();
        assert_eq!(saved.college, "示例大学");
        assert_eq!(saved.operator, "李老师");
        assert_eq!(c.operator(), "李老师");
        drop(c);
        assert_eq!(load(&ctx(dir.path())).unwrap(), saved, "kept across opens");
    }

    #[test]
    fn bad_fields_are_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = ctx(dir.path());
        let path = c.paths().settings.clone();
        let s = Settings {
            postcode: "43000".into(),
            ..Settings::default()
        };
        let e = save(&mut c, &s).unwrap_err();
        assert!(e.message.contains("邮政编码"), "{}", e.message);
        assert!(!path.exists());
        let s = Settings {
            mobile: "2380000000".into(),
            ..Settings::default()
        };
        assert!(save(&mut c, &s).unwrap_err().message.contains("手机"));
    }

    /// Before the store kept them, the office's details were in settings.json: adopted once.
    #[test]
    fn legacy_settings_are_adopted_by_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let old = r#"{"college":"旧学院","committee_full_name":"共青团旧学院委员会","handler":"王老师","office_phone":"","mobile":"13900000000","address":"","postcode":"","operator":"王老师"}"#;
        std::fs::write(dir.path().join("settings.json"), old).unwrap();
        let c = ctx(dir.path());
        let s = load(&c).unwrap();
        assert_eq!(s.college, "旧学院");
        assert_eq!(s.committee_full_name, "共青团旧学院委员会");
        assert_eq!(
            (s.handler.as_str(), s.mobile.as_str()),
            ("王老师", "13900000000")
        );
        assert_eq!(s.operator, "王老师");
    }
}
