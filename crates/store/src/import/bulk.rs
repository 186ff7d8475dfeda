//! The members an import creates, written many rows per statement.
//!
//! A single-row INSERT costs SQLite far more in statement set-up than in the row itself; an
//! import creating 50,000 members and their destinations writes them [`ROWS`] at a time. Ids
//! are given here (the write transaction is the only writer), so the audit entries and the
//! destinations know them before the rows are written.

use crate::destinations;
use crate::MemberInput;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OptionalExtension};
use xianjie_domain::destination::Destination;
use xianjie_domain::Result;

/// Rows per multi-row INSERT (18 values each; SQLite allows 32,766).
const ROWS: usize = 64;

const MEMBER_COLUMNS: &str = "id, name, sex, ethnicity, id_number, student_no, college, \
     branch_id, joined, development_no, politics, league_post, mobile, dues_paid_to, \
     identity_verified, status, created_at, updated_at";

/// New members (and their destinations) waiting to be written.
pub(crate) struct Bulk {
    next_id: i64,
    members: Vec<(i64, MemberInput)>,
    destinations: Vec<(i64, i32, Destination)>,
}

impl Bulk {
    pub(crate) fn new(conn: &Connection) -> Result<Bulk> {
        let max: Option<i64> = conn
            .query_row("SELECT max(id) FROM members", [], |r| r.get(0))
            .optional()?
            .flatten();
        Ok(Bulk {
            next_id: max.unwrap_or(0) + 1,
            members: Vec::with_capacity(ROWS),
            destinations: Vec::with_capacity(ROWS),
        })
    }

    /// The id the next queued member gets.
    pub(crate) fn next_id(&self) -> i64 {
        self.next_id
    }

    /// Queues a new member and its destination; returns the member's id.
    pub(crate) fn member(
        &mut self,
        conn: &Connection,
        m: MemberInput,
        destination: Option<(i32, Destination)>,
        at: &str,
    ) -> Result<i64> {
        let id = self.next_id;
        self.next_id += 1;
        self.members.push((id, m));
        if let Some((year, d)) = destination {
            self.destinations.push((id, year, d));
        }
        if self.members.len() >= ROWS {
            self.flush(conn, at)?;
        }
        Ok(id)
    }

    /// Writes what is queued (members before their destinations).
    pub(crate) fn flush(&mut self, conn: &Connection, at: &str) -> Result<()> {
        if !self.members.is_empty() {
            let members = std::mem::take(&mut self.members);
            let mut values: Vec<ToSqlOutput<'_>> = Vec::with_capacity(members.len() * 18);
            for (id, m) in &members {
                values.push(ToSqlOutput::from(*id));
                values.extend(crate::members::columns(m));
                values.push(ToSqlOutput::from(at));
                values.push(ToSqlOutput::from(at));
            }
            insert(conn, "members", MEMBER_COLUMNS, 18, members.len(), values)?;
        }
        if !self.destinations.is_empty() {
            let dests = std::mem::take(&mut self.destinations);
            let mut values: Vec<ToSqlOutput<'_>> = Vec::with_capacity(dests.len() * 18);
            for (id, year, d) in &dests {
                values.extend(destinations::row_values(*id, *year, d, at));
            }
            insert(
                conn,
                "destinations",
                destinations::ROW_COLUMNS,
                18,
                dests.len(),
                values,
            )?;
        }
        Ok(())
    }
}

/// One `INSERT OR FAIL INTO table (columns) VALUES (…), (…) …` of `rows` rows (`OR FAIL`:
/// no statement journal; any failure drops the import's transaction).
fn insert(
    conn: &Connection,
    table: &str,
    columns: &str,
    width: usize,
    rows: usize,
    values: Vec<ToSqlOutput<'_>>,
) -> Result<()> {
    let row = format!("({})", vec!["?"; width].join(", "));
    let sql = format!(
        "INSERT OR FAIL INTO {table} ({columns}) VALUES {}",
        vec![row.as_str(); rows].join(", ")
    );
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}
