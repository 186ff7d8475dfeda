//! Review by exception (issue 18): which graduates' recommendations the secretary checked and
//! accepted, each with a fingerprint of the answer then (the service compares it with the
//! answer now: a changed answer is no longer reviewed).

use crate::audit::{self, Change};
use crate::Store;
use rusqlite::params;
use std::collections::HashMap;
use xianjie_domain::Result;

/// One review mark's audit entry.
fn entry(
    conn: &rusqlite::Connection,
    at: &str,
    op: &str,
    member_id: i64,
    action: &str,
    new: serde_json::Value,
) -> Result<()> {
    audit::record(
        conn,
        at,
        op,
        &Change {
            entity: "review",
            entity_id: Some(member_id),
            action,
            old: None,
            new: Some(new),
        },
    )
}

impl Store {
    /// Marks `items` (member, fingerprint) of cohort `year` as reviewed, in one transaction,
    /// each audited; returns how many marks changed.
    pub fn set_reviewed(
        &mut self,
        year: i32,
        items: &[(i64, String)],
        operator: &str,
    ) -> Result<usize> {
        let op = crate::operator(operator)?;
        let tx = self.transaction()?;
        let at = audit::now();
        let mut changed = 0;
        for (member_id, fingerprint) in items {
            crate::members::require_member(&tx, *member_id)?;
            let before: Option<String> = tx
                .prepare_cached(
                    "SELECT fingerprint FROM review WHERE member_id = ?1 AND cohort_year = ?2",
                )?
                .query_row(params![member_id, year], |r| r.get(0))
                .ok();
            if before.as_deref() == Some(fingerprint.as_str()) {
                continue;
            }
            tx.prepare_cached(
                "INSERT OR REPLACE INTO review (member_id, cohort_year, fingerprint, reviewed_at)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![member_id, year, fingerprint, at])?;
            audit::record(
                &tx,
                &at,
                op,
                &Change {
                    entity: "review",
                    entity_id: Some(*member_id),
                    action: "accept",
                    old: None,
                    new: Some(
                        serde_json::json!({ "cohort_year": year, "recommendation": fingerprint }),
                    ),
                },
            )?;
            changed += 1;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Withdraws the review marks of `members` in cohort `year` (audited); returns how many.
    pub fn clear_reviewed(&mut self, year: i32, members: &[i64], operator: &str) -> Result<usize> {
        let op = crate::operator(operator)?;
        let tx = self.transaction()?;
        let at = audit::now();
        let mut changed = 0;
        for member_id in members {
            let n = tx
                .prepare_cached("DELETE FROM review WHERE member_id = ?1 AND cohort_year = ?2")?
                .execute(params![member_id, year])?;
            if n > 0 {
                let new = serde_json::json!({ "cohort_year": year });
                entry(&tx, &at, op, *member_id, "withdraw", new)?;
                changed += n;
            }
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Cohort `year`'s review marks: member → fingerprint.
    pub fn reviews(&self, year: i32) -> Result<HashMap<i64, String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT member_id, fingerprint FROM review WHERE cohort_year = ?1")?;
        let rows = stmt.query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<HashMap<i64, String>>>()?)
    }
}
