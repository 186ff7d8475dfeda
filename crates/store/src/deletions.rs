//! Deleting members (M9) and the 删除团员台账 (F6) the deletions feed.
//!
//! Only the reasons of [`DeletionReason`] are accepted; 其他情况 needs the school's confirmation
//! written down; dropouts are never deleted, they are transferred (R10). The ledger row keeps
//! the name, branch full name and ID number after the member row is gone.

use super::audit::{self, json, Change};
use super::members::require_member;
use super::orgs::require_org;
use super::{enum_col, Store};
use rusqlite::params;
use serde::Serialize;
use xianjie_domain::member::{DeletionReason, StudyStatus};
use xianjie_domain::{Error, Result};

/// One row of the 删除团员台账 (F6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deletion {
    pub id: i64,
    pub member_id: i64,
    pub name: String,
    pub branch_full_name: String,
    pub id_number: String,
    pub student_no: Option<String>,
    pub college: Option<String>,
    pub reason: DeletionReason,
    pub note: Option<String>,
    pub at: String,
    pub operator: String,
}

/// Reads a deletion reason typed by a secretary (code or Chinese label), refusing the cases
/// M9 does not allow with the reason why.
pub fn parse_deletion_reason(s: &str) -> Result<DeletionReason> {
    let t = xianjie_domain::text::clean(s);
    if let Some(r) = DeletionReason::from_code(&t).or_else(|| DeletionReason::from_label(&t)) {
        return Ok(r);
    }
    let allowed = DeletionReason::ALL
        .iter()
        .map(|r| format!("{}（{}）", r.label(), r.code()))
        .collect::<Vec<_>>()
        .join("、");
    if t.contains("退学") || t == "dropout" {
        return Err(Error::refused(
            "退学团员不能删除，应转接到其人事所在单位；联系不上的暂转入学院流动团员团支部（R10、M9）",
        ));
    }
    Err(Error::refused(format!(
        "“{t}”不是允许的删除原因；删除原因只能是：{allowed}（M9）"
    )))
}

impl Store {
    /// M9: deletes a member and writes the F6 ledger row, in one transaction.
    pub fn delete_member(
        &mut self,
        member_id: i64,
        reason: DeletionReason,
        note: Option<&str>,
        operator: &str,
    ) -> Result<Deletion> {
        let op = super::operator(operator)?;
        let note = note
            .map(xianjie_domain::text::keep)
            .filter(|n| !n.is_empty());
        if reason == DeletionReason::SchoolConfirmed && note.is_none() {
            return Err(Error::refused(
                "“其他情况”删除须经校团委确认，请填写确认说明（谁、何时确认）（M9）",
            ));
        }
        let tx = self.transaction()?;
        let member = require_member(&tx, member_id)?;
        if member.status == StudyStatus::Dropout {
            return Err(Error::refused(format!(
                "{}是退学团员，不能删除，应转接到其人事所在单位（R10、M9）",
                member.name
            )));
        }
        let branch = require_org(&tx, member.branch_id)?;
        let at = audit::now();
        tx.execute(
            "INSERT INTO member_deletions (member_id, name, branch_full_name, id_number, student_no, college, reason, note, at, operator)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                member.id,
                member.name,
                branch.full_name,
                member.id_number.as_str(),
                member.student_no,
                member.college,
                reason.code(),
                note,
                at,
                op
            ],
        )?;
        let ledger_id = tx.last_insert_rowid();
        tx.execute("DELETE FROM members WHERE id = ?1", [member_id])?;
        audit::record(
            &tx,
            &at,
            op,
            &Change {
                entity: "member",
                entity_id: Some(member_id),
                action: "delete",
                old: Some(json(&member)),
                new: Some(serde_json::json!({
                    "deleted": true,
                    "reason": reason,
                    "note": note,
                    "ledger_id": ledger_id,
                })),
            },
        )?;
        tx.commit()?;
        self.deletions()?
            .into_iter()
            .find(|d| d.id == ledger_id)
            .ok_or_else(|| Error::internal("删除台账记录未找到"))
    }

    /// The 删除团员台账 (F6), in order of deletion.
    pub fn deletions(&self) -> Result<Vec<Deletion>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, member_id, name, branch_full_name, id_number, student_no, college, reason, note, at, operator
             FROM member_deletions ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Deletion {
                id: r.get(0)?,
                member_id: r.get(1)?,
                name: r.get(2)?,
                branch_full_name: r.get(3)?,
                id_number: r.get(4)?,
                student_no: r.get(5)?,
                college: r.get(6)?,
                reason: enum_col(r, 7, DeletionReason::from_code)?,
                note: r.get(8)?,
                at: r.get(9)?,
                operator: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
