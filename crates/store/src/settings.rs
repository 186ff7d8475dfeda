//! Office-wide settings kept in the database: the kind of school (the engine needs it for R7a:
//! retention only for 普通高校 and 中职), and the office's details (`service::office`), so
//! that both doors read one truth.

use super::audit::{self, Change};
use super::Store;
use rusqlite::{params, OptionalExtension};
use xianjie_domain::member::SchoolKind;
use xianjie_domain::{Error, Result};

const SCHOOL_KIND: &str = "school_kind";

impl Store {
    /// A setting's value, `None` until set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// Sets (or, with `None`, removes) settings, one transaction and one audit entry for all
    /// that changed; unchanged values write nothing.
    pub fn set_settings(&mut self, values: &[(&str, Option<&str>)], operator: &str) -> Result<()> {
        let op = super::operator(operator)?;
        let mut old = serde_json::Map::new();
        let mut new = serde_json::Map::new();
        for (key, value) in values {
            let before = self.setting(key)?;
            if before.as_deref() != *value {
                old.insert((*key).to_string(), before.into());
                new.insert((*key).to_string(), value.map(str::to_string).into());
            }
        }
        if new.is_empty() {
            return Ok(());
        }
        let tx = self.transaction()?;
        for (key, value) in &new {
            match value.as_str() {
                Some(v) => tx.execute(
                    "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                    params![key, v],
                )?,
                None => tx.execute("DELETE FROM settings WHERE key = ?1", [key])?,
            };
        }
        audit::record(
            &tx,
            &audit::now(),
            op,
            &Change {
                entity: "setting",
                entity_id: None,
                action: "update",
                old: Some(old.into()),
                new: Some(new.into()),
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The school's kind; 普通高等院校 until set.
    pub fn school_kind(&self) -> Result<SchoolKind> {
        let v: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([SCHOOL_KIND], |r| r.get(0))
            .optional()?;
        match v {
            None => Ok(SchoolKind::University),
            Some(code) => SchoolKind::from_code(&code)
                .ok_or_else(|| Error::storage(format!("数据库中的学校类型“{code}”无法识别"))),
        }
    }

    pub fn set_school_kind(&mut self, kind: SchoolKind, operator: &str) -> Result<()> {
        let op = super::operator(operator)?;
        let before = self.school_kind()?;
        if before == kind {
            return Ok(());
        }
        let tx = self.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
            params![SCHOOL_KIND, kind.code()],
        )?;
        audit::record(
            &tx,
            &audit::now(),
            op,
            &Change {
                entity: "setting",
                entity_id: None,
                action: "update",
                old: Some(serde_json::json!({ SCHOOL_KIND: before })),
                new: Some(serde_json::json!({ SCHOOL_KIND: kind })),
            },
        )?;
        tx.commit()?;
        Ok(())
    }
}
