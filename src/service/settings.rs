//! 设置: everything the office sets once and both doors read — the office's details printed on
//! letters and tables (kept in the store by [`office`]), the 学校类型 (R7a/R7b retention), the
//! letter number's digits, how many backups are kept, and this computer's operator (a small
//! JSON file beside the database, whose presence also ends the app's first-run screen).
//!
//! One record, one check: the app's 设置 page and `xianjie settings` load, check and save the
//! same [`Settings`]; the operator both doors write to the audit log is read by
//! [`super::operator_name`] from the same file.

use super::office::{self, OfficeInput};
use super::view::Choice;
use super::Context;
use crate::member::SchoolKind;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Digits of a letter number (L1: 3 to 5, 2026年001号).
pub const LETTER_DIGITS: std::ops::RangeInclusive<u8> = 3..=5;
/// Backups kept (at least one; a thousand is more than any disk wants).
pub const BACKUPS_KEPT: std::ops::RangeInclusive<u32> = 1..=1000;
/// Longest operator name.
pub const OPERATOR_MAX: usize = 32;

/// What 设置 edits. Empty strings mean "not filled in yet".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Settings {
    #[serde(flatten)]
    pub office: OfficeInput,
    /// 操作人姓名 (written to the audit log with every change made on this computer).
    pub operator: String,
    /// 学校类型: a [`SchoolKind`] code; it decides whether graduates may be retained (R7a).
    pub school_kind: String,
    /// Digits of the letter number (3–5).
    pub letter_digits: u8,
    /// How many backups are kept.
    pub backups_kept: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            office: OfficeInput::default(),
            operator: String::new(),
            school_kind: SchoolKind::University.code().to_string(),
            letter_digits: 3,
            backups_kept: 20,
        }
    }
}

/// One field's problem, for the form to show beside the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldProblem {
    /// The field's name in [`Settings`] (`postcode`, `operator`…).
    pub field: String,
    pub message: String,
}

/// What 设置 offers beside the values: the school kinds, and which details a letter needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SettingsPage {
    pub settings: Settings,
    pub school_kinds: Vec<Choice>,
    /// The office details a letter needs that are still empty, by their Chinese names.
    pub missing_for_letters: Vec<String>,
}

/// Every problem of `s`, field by field (empty: it may be saved).
pub fn check(s: &Settings) -> Vec<FieldProblem> {
    let mut out: Vec<FieldProblem> = office::problems(&s.office)
        .into_iter()
        .map(|(field, message)| FieldProblem {
            field: field.to_string(),
            message,
        })
        .collect();
    let mut bad = |field: &str, message: String| {
        out.push(FieldProblem {
            field: field.to_string(),
            message,
        })
    };
    let op = s.operator.trim();
    if op.chars().count() > OPERATOR_MAX {
        bad("operator", format!("操作人姓名不能超过{OPERATOR_MAX}个字"));
    }
    if op.chars().any(char::is_control) {
        bad("operator", "操作人姓名中含有不可见的控制字符".to_string());
    }
    if SchoolKind::from_code(&s.school_kind).is_none() {
        bad(
            "school_kind",
            format!(
                "学校类型“{}”无效，应为 {}",
                s.school_kind,
                SchoolKind::codes()
            ),
        );
    }
    if !LETTER_DIGITS.contains(&s.letter_digits) {
        bad(
            "letter_digits",
            format!(
                "介绍信编号位数应为{}到{}位（L1）",
                LETTER_DIGITS.start(),
                LETTER_DIGITS.end()
            ),
        );
    }
    if !BACKUPS_KEPT.contains(&s.backups_kept) {
        bad(
            "backups_kept",
            format!(
                "保留的备份数量应在 {} 到 {} 之间",
                BACKUPS_KEPT.start(),
                BACKUPS_KEPT.end()
            ),
        );
    }
    out
}

/// The settings as stored, with this computer's operator.
pub fn load(ctx: &Context) -> Result<Settings> {
    let o = office::load(ctx)?;
    Ok(Settings {
        office: OfficeInput {
            college: o.college,
            committee_full_name: o.issuer.map(|i| i.full_name).unwrap_or_default(),
            handler: o.profile.handler,
            office_phone: o.profile.phone,
            mobile: o.profile.handler_mobile,
            address: o.profile.address,
            postcode: o.profile.postcode,
        },
        operator: saved_operator(&ctx.paths().settings)?,
        school_kind: ctx.store().school_kind()?.code().to_string(),
        letter_digits: u8::try_from(o.profile.digits).unwrap_or(3),
        backups_kept: u32::try_from(ctx.store().backup_keep()?).unwrap_or(u32::MAX),
    })
}

/// 设置's page: the values and what the form offers.
pub fn page(ctx: &Context) -> Result<SettingsPage> {
    let settings = load(ctx)?;
    let missing_for_letters = missing_for_letters(&settings.office);
    Ok(SettingsPage {
        settings,
        school_kinds: crate::choices!(SchoolKind),
        missing_for_letters,
    })
}

/// The details a letter prints that are still empty (L1: issuer, handler, phone, address,
/// postcode).
pub fn missing_for_letters(o: &OfficeInput) -> Vec<String> {
    [
        (&o.committee_full_name, "团委全称"),
        (&o.handler, "经办人"),
        (&o.office_phone, "联系电话"),
        (&o.address, "通讯地址"),
        (&o.postcode, "邮政编码"),
    ]
    .into_iter()
    .filter(|(v, _)| v.trim().is_empty())
    .map(|(_, label)| label.to_string())
    .collect()
}

/// Checks everything first (the first problem refuses the whole save, nothing written), then
/// saves each changed record (audited) and the operator's file (atomically); returns the
/// settings anew.
pub fn save(ctx: &mut Context, s: &Settings) -> Result<Settings> {
    if let Some(p) = check(s).into_iter().next() {
        return Err(Error::invalid(p.message));
    }
    let kind = SchoolKind::from_code(&s.school_kind)
        .ok_or_else(|| Error::invalid(format!("学校类型“{}”无效", s.school_kind)))?;
    let saved = office::save(ctx, &s.office)?;
    let op = ctx.operator().to_string();
    if let Some(issuer) = &saved.issuer {
        let digits = usize::from(s.letter_digits);
        if saved.profile.digits != digits {
            let mut p = saved.profile.clone();
            p.org_id = issuer.id;
            p.digits = digits;
            ctx.store_mut().set_issuer_profile(&p, &op)?;
        }
    }
    ctx.store_mut().set_school_kind(kind, &op)?;
    let keep = usize::try_from(s.backups_kept).unwrap_or(usize::MAX);
    if ctx.store().backup_keep()? != keep {
        ctx.store_mut().set_backup_keep(keep, &op)?;
    }
    let operator = s.operator.trim().to_string();
    write_operator(&ctx.paths().settings, &operator)?;
    ctx.set_operator(Some(&operator));
    load(ctx)
}

/// The operator's file: only the name (older files held the office's details too, which the
/// store adopted once, [`office`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
struct OperatorFile {
    operator: String,
}

/// The operator's name saved on this computer ("" while not filled in or no file yet).
pub fn saved_operator(path: &Path) -> Result<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str::<OperatorFile>(&text)
            .map(|f| f.operator.trim().to_string())
            .map_err(|e| {
                Error::storage(format!(
                    "设置文件 {} 已损坏（{e}），请删除后重新填写",
                    path.display()
                ))
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(Error::storage(format!(
            "无法读取设置文件 {}：{}",
            path.display(),
            crate::error::io_reason(&e)
        ))),
    }
}

/// Whether this computer has saved its settings (the app's first run ends with the first).
pub fn saved(path: &Path) -> bool {
    path.exists()
}

/// Writes the operator's file whole (temp file + rename), readable by the user only (0600):
/// it sits beside the database in the private data folder.
fn write_operator(path: &Path, operator: &str) -> Result<()> {
    let file = OperatorFile {
        operator: operator.to_string(),
    };
    let text = serde_json::to_string_pretty(&file)
        .map_err(|e| Error::internal(format!("设置无法保存：{e}")))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::storage(format!(
                "无法创建文件夹 {}：{}",
                dir.display(),
                crate::error::io_reason(&e)
            ))
        })?;
    }
    crate::files::write_private(path, text.as_bytes())
        .map_err(|e| Error::storage(format!("无法保存设置到 {}：{}", path.display(), e.message)))
}
