//! The office's data: a local SQLite store (issue 3) of the org tree, graduation markings,
//! members and their markings, destination facts per cohort year, the deletion ledger, the
//! transfers and their steps, the letter register and the F4/F5 ledgers, and a hash-chained
//! audit log — and the roster import's planner and writer.
//!
//! Invariant: this crate is the only SQL boundary. No other crate holds SQL or a connection:
//! the connection is private, every table and migration is registered here (one list, one
//! runner), and every write runs in one transaction together with its audit entries, so
//! nothing is half-changed. Read methods take `&Store`, writing methods `&mut Store`.

pub mod audit;
pub mod backup;
mod batch;
mod bulk;
mod collect;
mod connection;
mod deletions;
pub mod destinations;
pub mod freshmen;
mod graduates;
mod graduation;
pub mod import;
pub mod keys;
pub mod ledgers;
pub mod letters;
mod markings;
pub mod members;
mod migrations;
pub mod names;
mod orgs;
pub mod packages;
mod review;
mod settings;
pub mod transfers;

pub use audit::{AuditCheck, AuditEntry, Change};
pub use batch::{BatchError, ItemError};
pub use bulk::BulkImport;
pub use collect::{CollectReturn, Collected};
pub use connection::{default_path, BUSY_TIMEOUT};
pub use deletions::{parse_deletion_reason, Deletion};
pub use graduates::{facts, Graduate};
pub use graduation::{ChangeStatus, GraduationChange};
pub use markings::MarkingEvent;
pub use members::{MemberInput, UpsertCounts};
pub use migrations::{latest_version, user_version, Migration, MIGRATIONS};
pub use orgs::NewOrg;

use rusqlite::types::Type;
use rusqlite::{Connection, Row, Transaction, TransactionBehavior};
use xianjie_domain::date::YearMonth;
use xianjie_domain::{Error, Result};

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

    /// The raw connection, for tests that inspect or tamper with the file as an outsider
    /// would (integrity checks, the audit log's triggers, counts). Only with the `inspect`
    /// feature, which the product's builds never turn on.
    #[cfg(feature = "inspect")]
    pub fn inspect(&self) -> &Connection {
        &self.conn
    }

    /// Read access for this crate's queries (no other crate holds SQL).
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    /// A write transaction (taken immediately, so a busy database fails at once, not at the
    /// commit) for other areas' tables; record changes with [`audit::record`].
    pub(crate) fn transaction(&mut self) -> Result<Transaction<'_>> {
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

/// A required free-text field, kept as typed (`text::keep`: trimmed, full-width kept);
/// `field` is its Chinese name.
pub(crate) fn required_text(value: &str, field: &str) -> Result<String> {
    let t = xianjie_domain::text::keep(value);
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
