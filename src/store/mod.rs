//! The office's data: a local SQLite store (issue 3) of the org tree, graduation markings,
//! members and their markings, destination facts per cohort year, the deletion ledger and a
//! hash-chained audit log.
//!
//! Read methods take `&Store`, writing methods `&mut Store`; every write runs in one
//! transaction together with its audit entries, so nothing is half-changed. The CLI and the
//! desktop app call the same methods. Other areas add tables by appending to
//! [`MIGRATIONS`] and write through [`Store::transaction`] plus [`audit::record`].

pub mod audit;
pub mod backup;
mod batch;
mod connection;
mod deletions;
pub(crate) mod destinations;
pub mod dev;
mod graduates;
mod graduation;
mod markings;
pub(crate) mod members;
mod migrations;
mod orgs;
mod settings;

pub use audit::{AuditCheck, AuditEntry, Change};
pub use batch::{BatchError, ItemError};
pub use connection::{default_path, BUSY_TIMEOUT};
pub use deletions::{parse_deletion_reason, Deletion};
pub use graduates::{facts, Graduate};
pub use graduation::{ChangeStatus, GraduationChange};
pub use markings::MarkingEvent;
pub use members::{MemberInput, UpsertCounts};
pub use migrations::{latest_version, user_version, Migration, MIGRATIONS};
pub use orgs::NewOrg;

use crate::date::YearMonth;
use crate::{Error, Result};
use rusqlite::types::Type;
use rusqlite::{Connection, Row, Transaction, TransactionBehavior};

/// An open database. Not `Sync`: one per thread (open another for another thread).
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

impl Store {
    /// The data's stamp: the last audit entry's id. Every write is audited, so a changed
    /// stamp means what was computed from the data may be stale.
    pub fn data_stamp(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| {
                r.get(0)
            })?)
    }

    /// Read access for other areas' queries.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// A write transaction (taken immediately, so a busy database fails at once, not at the
    /// commit) for other areas' tables; record changes with [`audit::record`].
    pub fn transaction(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32> {
        user_version(&self.conn)
    }
}

/// The operator's name as logged: trimmed and required.
pub(crate) fn operator(name: &str) -> Result<&str> {
    let t = name.trim();
    if t.is_empty() {
        return Err(Error::invalid("操作人姓名不能为空（请用 --operator 指定）"));
    }
    Ok(t)
}

/// A required free-text field, trimmed; `field` is its Chinese name.
pub(crate) fn required_text(value: &str, field: &str) -> Result<String> {
    let t = crate::text::clean(value);
    if t.is_empty() {
        return Err(Error::invalid(format!("{field}不能为空")));
    }
    Ok(t)
}

/// Reads an enum column stored as its `code()`.
pub(crate) fn enum_col<T>(
    row: &Row<'_>,
    idx: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let s: String = row.get(idx)?;
    parse(&s).ok_or_else(|| bad_value(idx, &s))
}

/// Reads a nullable enum column.
pub(crate) fn enum_col_opt<T>(
    row: &Row<'_>,
    idx: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| parse(&s).ok_or_else(|| bad_value(idx, &s)))
        .transpose()
}

/// Reads a nullable `YYYY-MM` column.
pub(crate) fn ym_col(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<YearMonth>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| YearMonth::parse_strict(&s).map_err(|_| bad_value(idx, &s)))
        .transpose()
}

fn bad_value(idx: usize, s: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        Type::Text,
        format!("数据库中有无法识别的值“{s}”").into(),
    )
}
