//! The 毕业去向 collection (issue 18): the facts the branches filled in, written in one
//! transaction, and which branch's workbook came back, when, from which file.

use crate::audit::{self, Change};
use crate::Store;
use rusqlite::params;
use xianjie_domain::Result;

/// One branch's latest returned workbook.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CollectReturn {
    pub branch_id: i64,
    pub year: i32,
    pub file: String,
    pub sha256: String,
    pub exported_at: String,
    pub imported_at: String,
    pub rows: i64,
}

/// What one collection import writes, all in one transaction: the destinations and mobile
/// numbers the branches filled in, and which branches' workbooks came back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Collected {
    pub year: i32,
    pub destinations: Vec<(i64, xianjie_domain::destination::Destination)>,
    pub mobiles: Vec<(i64, String)>,
    pub returns: Vec<CollectReturn>,
}

impl Store {
    /// Writes a collection import (all or nothing): each destination with its own audit
    /// entry, each changed mobile number as a member update (old → new), each returned
    /// workbook recorded (replacing the branch's earlier return) and audited.
    pub fn apply_collected(&mut self, c: &Collected, operator: &str) -> Result<usize> {
        let op = crate::operator(operator)?;
        let tx = self.transaction()?;
        let at = audit::now();
        let mut changed = 0;
        for (member_id, dest) in &c.destinations {
            if crate::destinations::put(&tx, *member_id, c.year, dest, &at, op)? {
                changed += 1;
            }
        }
        for (member_id, mobile) in &c.mobiles {
            let m = crate::members::require_member(&tx, *member_id)?;
            if m.mobile.as_deref() == Some(mobile.as_str()) {
                continue;
            }
            tx.execute(
                "UPDATE members SET mobile = ?1, updated_at = ?2 WHERE id = ?3",
                params![mobile, at, member_id],
            )?;
            audit::record(
                &tx,
                &at,
                op,
                &Change {
                    entity: "member",
                    entity_id: Some(*member_id),
                    action: "update",
                    old: Some(serde_json::json!({ "mobile": m.mobile })),
                    new: Some(serde_json::json!({ "mobile": mobile })),
                },
            )?;
            changed += 1;
        }
        for r in &c.returns {
            tx.execute(
                "INSERT OR REPLACE INTO collect_return
                    (branch_id, cohort_year, file, sha256, exported_at, imported_at, rows)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    r.branch_id,
                    r.year,
                    r.file,
                    r.sha256,
                    r.exported_at,
                    r.imported_at,
                    r.rows
                ],
            )?;
            audit::record(
                &tx,
                &at,
                op,
                &Change {
                    entity: "collect_return",
                    entity_id: Some(r.branch_id),
                    action: "import",
                    old: None,
                    new: Some(audit::json(r)),
                },
            )?;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// The returns of cohort `year`, by branch.
    pub fn collect_returns(&self, year: i32) -> Result<Vec<CollectReturn>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT branch_id, cohort_year, file, sha256, exported_at, imported_at, rows
             FROM collect_return WHERE cohort_year = ?1 ORDER BY branch_id",
        )?;
        let rows = stmt.query_map([year], |r| {
            Ok(CollectReturn {
                branch_id: r.get(0)?,
                year: r.get(1)?,
                file: r.get(2)?,
                sha256: r.get(3)?,
                exported_at: r.get(4)?,
                imported_at: r.get(5)?,
                rows: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// When cohort `year`'s destination of `member_id` was last written (RFC 3339), if ever.
    pub fn destination_updated_at(&self, member_id: i64, year: i32) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached(
                "SELECT updated_at FROM destinations WHERE member_id = ?1 AND cohort_year = ?2",
            )?
            .query_row(params![member_id, year], |r| r.get(0))
            .optional()?)
    }
}
