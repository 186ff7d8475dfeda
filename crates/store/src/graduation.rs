//! Branch graduation markings (G1–G2) and graduation-date change requests (G4, feeding F3).
//!
//! G2 is enforced through an `actor_org` parameter: the org whose admin acts. It must be above
//! branch level and an ancestor of the branch; a branch never marks itself. The CLI takes it as
//! `--as ORG` (default: the root of the tree).

use super::audit::{self, json, Change};
use super::batch::{BatchError, Failures};
use super::orgs::{is_ancestor, load_org, require_org};
use super::{enum_col, ym_col, Store};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use xianjie_domain::date::YearMonth;
use xianjie_domain::org::{GraduationMarking, Org, OrgLevel};
use xianjie_domain::{Error, Result};

xianjie_domain::labeled_enum! {
    /// G4: where a change request stands.
    ChangeStatus {
        Pending = "pending", "待审批";
        Approved = "approved", "已批准";
        Rejected = "rejected", "已驳回";
    }
}

/// G4: a request to change a branch's marked graduation date (one row of F3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraduationChange {
    pub id: i64,
    pub branch_id: i64,
    pub branch_full_name: String,
    pub old: YearMonth,
    pub new: YearMonth,
    pub reason: String,
    /// As stored, RFC 3339 UTC: F3's 提交时间 is `time::table_date` of it, a list shows
    /// `time::list_time` (the office's local time, never UTC).
    pub submitted_at: String,
    pub submitted_by: String,
    pub status: ChangeStatus,
    /// As stored (RFC 3339 UTC), shown like `submitted_at`.
    pub decided_at: Option<String>,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
}

const CHANGE_COLUMNS: &str = "c.id, c.branch_id, o.full_name, c.old_graduates, c.new_graduates, \
     c.reason, c.submitted_at, c.submitted_by, c.status, c.decided_at, c.decided_by, c.decision_note";

fn change_from_row(r: &Row<'_>) -> rusqlite::Result<GraduationChange> {
    let month = |i| -> rusqlite::Result<YearMonth> {
        ym_col(r, i)?.ok_or(rusqlite::Error::InvalidColumnType(
            i,
            "graduates".into(),
            rusqlite::types::Type::Null,
        ))
    };
    Ok(GraduationChange {
        id: r.get(0)?,
        branch_id: r.get(1)?,
        branch_full_name: r.get(2)?,
        old: month(3)?,
        new: month(4)?,
        reason: r.get(5)?,
        submitted_at: r.get(6)?,
        submitted_by: r.get(7)?,
        status: enum_col(r, 8, ChangeStatus::from_code)?,
        decided_at: r.get(9)?,
        decided_by: r.get(10)?,
        decision_note: r.get(11)?,
    })
}

fn load_change(conn: &Connection, id: i64) -> Result<GraduationChange> {
    conn.prepare_cached(&format!(
        "SELECT {CHANGE_COLUMNS} FROM graduation_changes c JOIN orgs o ON o.id = c.branch_id WHERE c.id = ?1"
    ))?
    .query_row([id], change_from_row)
    .optional()?
    .ok_or_else(|| Error::not_found(format!("找不到编号为 {id} 的毕业时间修改申请")))
}

/// G2: the acting org must be above branch level and above `branch` in the tree.
pub(crate) fn check_actor(conn: &Connection, actor: &Org, branch: &Org) -> Result<()> {
    if actor.level == OrgLevel::Branch {
        return Err(Error::refused(format!(
            "“{}”是团支部，团支部不能标记或修改毕业时间；须由团支部以上的组织管理员操作（G2）",
            actor.full_name
        )));
    }
    if !is_ancestor(conn, actor.id, branch.id)? {
        return Err(Error::refused(format!(
            "“{}”不是“{}”的上级组织，无权标记或修改其毕业时间（G2）",
            actor.full_name, branch.full_name
        )));
    }
    Ok(())
}

fn branch_for_marking(conn: &Connection, actor: &Org, branch_id: i64) -> Result<Org> {
    let branch = load_org(conn, branch_id)?
        .ok_or_else(|| Error::not_found(format!("找不到编号为 {branch_id} 的团支部")))?;
    if branch.level != OrgLevel::Branch {
        return Err(Error::invalid(format!(
            "“{}”是{}，只有团支部标记毕业时间（G1）",
            branch.full_name,
            branch.level.label()
        )));
    }
    check_actor(conn, actor, &branch)?;
    Ok(branch)
}

fn write_marking(conn: &Connection, id: i64, m: Option<GraduationMarking>) -> Result<()> {
    let (date, reason) = match m {
        Some(GraduationMarking::Date { graduates }) => (Some(graduates.to_string()), None),
        Some(GraduationMarking::NoDate { reason }) => (None, Some(reason.code())),
        None => (None, None),
    };
    conn.prepare_cached("UPDATE orgs SET graduates = ?1, no_date_reason = ?2 WHERE id = ?3")?
        .execute(params![date, reason, id])?;
    Ok(())
}

impl Store {
    /// G1: marks one branch's graduation date or the reason it has none. See
    /// [`Store::mark_graduation_batch`].
    pub fn mark_graduation(
        &mut self,
        actor_org: i64,
        branch_id: i64,
        marking: GraduationMarking,
        operator: &str,
    ) -> Result<Org> {
        self.mark_graduation_batch(actor_org, &[branch_id], marking, operator)?;
        require_org(&self.conn, branch_id)
    }

    /// G1–G2: marks several branches at once, all or nothing. A branch already marked with a
    /// different date is refused: changing a date needs a G4 request. Returns how many
    /// branches changed (re-marking the same value writes nothing).
    pub fn mark_graduation_batch(
        &mut self,
        actor_org: i64,
        branch_ids: &[i64],
        marking: GraduationMarking,
        operator: &str,
    ) -> Result<usize, BatchError> {
        let op = super::operator(operator)?;
        self.snapshot_before_batch(branch_ids.len())?;
        let tx = self.transaction()?;
        let actor = require_org(&tx, actor_org)?;
        let at = audit::now();
        let mut failures = Failures::default();
        let mut changed = 0;
        for &id in branch_ids {
            let branch = match branch_for_marking(&tx, &actor, id) {
                Ok(b) => b,
                Err(e) => {
                    failures.push(id, format!("组织 {id}"), e);
                    continue;
                }
            };
            match branch.graduation {
                Some(current) if current == marking => continue,
                Some(GraduationMarking::Date { graduates }) => {
                    failures.push(
                        id,
                        branch.full_name.clone(),
                        Error::refused(format!(
                            "已标记毕业时间 {}，修改须提交修改申请并经上级审批（G4）",
                            graduates.chinese()
                        )),
                    );
                    continue;
                }
                _ => {}
            }
            write_marking(&tx, id, Some(marking))?;
            audit::record(
                &tx,
                &at,
                op,
                &Change {
                    entity: "org",
                    entity_id: Some(id),
                    action: "mark_graduation",
                    old: Some(serde_json::json!({ "graduation": branch.graduation })),
                    new: Some(
                        serde_json::json!({ "graduation": marking, "actor_org": actor.full_name }),
                    ),
                },
            )?;
            changed += 1;
        }
        failures.finish()?;
        tx.commit()?;
        Ok(changed)
    }

    /// G4: asks the upper level to change a branch's marked date; stays pending until decided.
    pub fn request_graduation_change(
        &mut self,
        actor_org: i64,
        branch_id: i64,
        new: YearMonth,
        reason: &str,
        operator: &str,
    ) -> Result<GraduationChange> {
        let op = super::operator(operator)?;
        let reason = super::required_text(reason, "修改毕业时间的原因")?;
        let tx = self.transaction()?;
        let actor = require_org(&tx, actor_org)?;
        let branch = branch_for_marking(&tx, &actor, branch_id)?;
        let Some(GraduationMarking::Date { graduates: old }) = branch.graduation else {
            return Err(Error::refused(format!(
                "“{}”尚未标记毕业时间，直接标记即可，无需修改申请（G1）",
                branch.full_name
            )));
        };
        if old == new {
            return Err(Error::invalid(format!(
                "新的毕业时间与现在的相同（{}）",
                old.chinese()
            )));
        }
        let pending: Option<i64> = tx
            .query_row(
                "SELECT id FROM graduation_changes WHERE branch_id = ?1 AND status = 'pending'",
                [branch_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(p) = pending {
            return Err(Error::conflict(format!(
                "“{}”已有一份待审批的修改申请（编号 {p}），请先审批或驳回（G4）",
                branch.full_name
            )));
        }
        let at = audit::now();
        tx.execute(
            "INSERT INTO graduation_changes (branch_id, old_graduates, new_graduates, reason, submitted_at, submitted_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![branch_id, old.to_string(), new.to_string(), reason, at, op],
        )?;
        let change = load_change(&tx, tx.last_insert_rowid())?;
        audit::record(
            &tx,
            &at,
            op,
            &Change {
                entity: "graduation_change",
                entity_id: Some(change.id),
                action: "request",
                old: Some(serde_json::json!({ "branch": branch.full_name, "graduates": old })),
                new: Some(json(&change)),
            },
        )?;
        tx.commit()?;
        Ok(change)
    }

    /// G4: approves or rejects a pending request. Approval changes the branch's date; it is
    /// refused while a deferred member of the branch would no longer graduate later (M3).
    pub fn decide_graduation_change(
        &mut self,
        actor_org: i64,
        change_id: i64,
        approve: bool,
        note: Option<&str>,
        operator: &str,
    ) -> Result<GraduationChange> {
        let op = super::operator(operator)?;
        let tx = self.transaction()?;
        let before = load_change(&tx, change_id)?;
        if before.status != ChangeStatus::Pending {
            return Err(Error::conflict(format!(
                "修改申请 {change_id} 已{}，不能再次审批",
                before.status.label()
            )));
        }
        let actor = require_org(&tx, actor_org)?;
        let branch = require_org(&tx, before.branch_id)?;
        check_actor(&tx, &actor, &branch)?;
        if approve {
            let blocking: Vec<String> = {
                let mut stmt = tx.prepare(
                    "SELECT m.name, mk.graduates FROM markings mk JOIN members m ON m.id = mk.member_id
                     WHERE m.branch_id = ?1 AND mk.kind = 'deferred' AND mk.graduates <= ?2",
                )?;
                let rows = stmt.query_map(params![branch.id, before.new.to_string()], |r| {
                    Ok(format!(
                        "{}（{}）",
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?
                    ))
                })?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            if !blocking.is_empty() {
                return Err(Error::refused(format!(
                    "新的毕业时间 {} 不早于这些延迟毕业团员的毕业时间：{}；请先修改或撤销其标记（M3）",
                    before.new.chinese(),
                    blocking.join("、")
                )));
            }
            write_marking(
                &tx,
                branch.id,
                Some(GraduationMarking::Date {
                    graduates: before.new,
                }),
            )?;
        }
        let at = audit::now();
        let note = note
            .map(xianjie_domain::text::keep)
            .filter(|n| !n.is_empty());
        let status = if approve {
            ChangeStatus::Approved
        } else {
            ChangeStatus::Rejected
        };
        tx.execute(
            "UPDATE graduation_changes SET status = ?1, decided_at = ?2, decided_by = ?3, decision_note = ?4
             WHERE id = ?5",
            params![status.code(), at, op, note, change_id],
        )?;
        let after = load_change(&tx, change_id)?;
        audit::record(
            &tx,
            &at,
            op,
            &Change {
                entity: "graduation_change",
                entity_id: Some(change_id),
                action: if approve { "approve" } else { "reject" },
                old: Some(serde_json::json!({ "status": before.status, "graduates": before.old })),
                new: Some(serde_json::json!({
                    "status": status,
                    "graduates": if approve { before.new } else { before.old },
                    "note": note,
                    "actor_org": actor.full_name,
                })),
            },
        )?;
        tx.commit()?;
        Ok(after)
    }

    /// G4 requests, newest first; `None` lists every status (F3 lists them all).
    pub fn graduation_changes(
        &self,
        status: Option<ChangeStatus>,
    ) -> Result<Vec<GraduationChange>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {CHANGE_COLUMNS} FROM graduation_changes c JOIN orgs o ON o.id = c.branch_id
             WHERE ?1 IS NULL OR c.status = ?1 ORDER BY c.id DESC"
        ))?;
        let rows = stmt.query_map([status.map(|s| s.code())], change_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
