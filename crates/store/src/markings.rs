//! Member markings (M3–M4): 延迟毕业团员 and 教师, single or batch, and their revocation.
//! The current marking lives in `markings`; every mark and revoke is kept in
//! `marking_history` and in the audit log.

use super::audit::{self, Change};
use super::batch::{BatchError, Failures};
use super::members::load_member;
use super::orgs::load_org;
use super::{enum_col, ym_col, Store};
use rusqlite::{params, Connection};
use serde::Serialize;
use xianjie_domain::date::YearMonth;
use xianjie_domain::member::{Marking, MarkingKind, Member};
use xianjie_domain::org::GraduationMarking;
use xianjie_domain::{Error, Result};

/// One line of a member's marking history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MarkingEvent {
    pub member_id: i64,
    /// `mark` or `revoke`.
    pub action: String,
    pub kind: MarkingKind,
    pub graduates: Option<YearMonth>,
    pub reason: Option<String>,
    pub at: String,
    pub operator: String,
}

fn label(m: &Member) -> String {
    format!("{}（{}）", m.name, m.id_number.masked())
}

/// M3: a deferred date must be strictly later than the branch's marked date.
fn check_deferred(conn: &Connection, m: &Member, graduates: YearMonth) -> Result<()> {
    let branch = load_org(conn, m.branch_id)?
        .ok_or_else(|| Error::not_found(format!("找不到团员所在团支部（编号 {}）", m.branch_id)))?;
    match branch.graduation {
        Some(GraduationMarking::Date {
            graduates: branch_date,
        }) if graduates > branch_date => Ok(()),
        Some(GraduationMarking::Date {
            graduates: branch_date,
        }) => Err(Error::refused(format!(
            "延迟毕业时间 {} 必须晚于所在团支部“{}”的毕业时间 {}（M3）",
            graduates.chinese(),
            branch.full_name,
            branch_date.chinese()
        ))),
        _ => Err(Error::refused(format!(
            "所在团支部“{}”尚未标记毕业时间，无法标记延迟毕业；请先标记团支部毕业时间（G1、M3）",
            branch.full_name
        ))),
    }
}

fn write(
    conn: &Connection,
    member_id: i64,
    marking: Option<&Marking>,
    at: &str,
    op: &str,
) -> Result<()> {
    match marking {
        None => {
            conn.prepare_cached("DELETE FROM markings WHERE member_id = ?1")?
                .execute([member_id])?;
        }
        Some(m) => {
            let (date, reason) = match m {
                Marking::Deferred { graduates, reason } => {
                    (Some(graduates.to_string()), Some(reason.clone()))
                }
                Marking::Teacher => (None, None),
            };
            conn.prepare_cached(
                "INSERT OR REPLACE INTO markings (member_id, kind, graduates, reason, marked_at, marked_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![member_id, m.kind().code(), date, reason, at, op])?;
        }
    }
    Ok(())
}

fn history(
    conn: &Connection,
    member_id: i64,
    action: &str,
    m: &Marking,
    at: &str,
    op: &str,
) -> Result<()> {
    let (date, reason) = match m {
        Marking::Deferred { graduates, reason } => {
            (Some(graduates.to_string()), Some(reason.as_str()))
        }
        Marking::Teacher => (None, None),
    };
    conn.prepare_cached(
        "INSERT INTO marking_history (member_id, action, kind, graduates, reason, at, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        member_id,
        action,
        m.kind().code(),
        date,
        reason,
        at,
        op
    ])?;
    Ok(())
}

impl Store {
    /// M3: marks one member 延迟毕业团员. See [`Store::mark_deferred_batch`].
    pub fn mark_deferred(
        &mut self,
        member_id: i64,
        graduates: YearMonth,
        reason: &str,
        operator: &str,
    ) -> Result<Member> {
        self.apply_marking(&[member_id], Some(deferred(graduates, reason)?), operator)?;
        super::members::require_member(&self.conn, member_id)
    }

    /// M3: marks members 延迟毕业团员 with one date and reason, all or nothing. The date must be
    /// strictly later than each member's branch date; the reason is required.
    pub fn mark_deferred_batch(
        &mut self,
        member_ids: &[i64],
        graduates: YearMonth,
        reason: &str,
        operator: &str,
    ) -> Result<usize, BatchError> {
        self.snapshot_before_batch(member_ids.len())?;
        self.apply_marking(member_ids, Some(deferred(graduates, reason)?), operator)
    }

    /// M3: marks one member 教师 (no date).
    pub fn mark_teacher(&mut self, member_id: i64, operator: &str) -> Result<Member> {
        self.apply_marking(&[member_id], Some(Marking::Teacher), operator)?;
        super::members::require_member(&self.conn, member_id)
    }

    /// M3: marks members 教师, all or nothing.
    pub fn mark_teacher_batch(
        &mut self,
        member_ids: &[i64],
        operator: &str,
    ) -> Result<usize, BatchError> {
        self.snapshot_before_batch(member_ids.len())?;
        self.apply_marking(member_ids, Some(Marking::Teacher), operator)
    }

    /// M4: revokes a member's marking; the member is an ordinary graduate of the branch's date
    /// again.
    pub fn revoke_marking(&mut self, member_id: i64, operator: &str) -> Result<Member> {
        self.apply_marking(&[member_id], None, operator)?;
        super::members::require_member(&self.conn, member_id)
    }

    /// M4: revokes several markings, all or nothing.
    pub fn revoke_marking_batch(
        &mut self,
        member_ids: &[i64],
        operator: &str,
    ) -> Result<usize, BatchError> {
        self.snapshot_before_batch(member_ids.len())?;
        self.apply_marking(member_ids, None, operator)
    }

    /// Every mark and revoke of a member, oldest first.
    pub fn marking_history(&self, member_id: i64) -> Result<Vec<MarkingEvent>> {
        let mut stmt = self.conn.prepare(
            "SELECT member_id, action, kind, graduates, reason, at, operator FROM marking_history
             WHERE member_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([member_id], |r| {
            Ok(MarkingEvent {
                member_id: r.get(0)?,
                action: r.get(1)?,
                kind: enum_col(r, 2, MarkingKind::from_code)?,
                graduates: ym_col(r, 3)?,
                reason: r.get(4)?,
                at: r.get(5)?,
                operator: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn apply_marking(
        &mut self,
        member_ids: &[i64],
        marking: Option<Marking>,
        operator: &str,
    ) -> Result<usize, BatchError> {
        let op = super::operator(operator)?;
        let tx = self.transaction()?;
        let at = audit::now();
        let mut failures = Failures::default();
        let mut changed = 0;
        for &id in member_ids {
            let Some(member) = load_member(&tx, id)? else {
                failures.push(
                    id,
                    format!("团员 {id}"),
                    Error::not_found(format!("找不到编号为 {id} 的团员")),
                );
                continue;
            };
            if marking.is_none() && member.marking.is_none() {
                failures.push(
                    id,
                    label(&member),
                    Error::refused("该团员没有延迟毕业或教师标记，无需撤销（M4）"),
                );
                continue;
            }
            if member.marking == marking {
                continue;
            }
            if let Some(Marking::Deferred { graduates, .. }) = &marking {
                if let Err(e) = check_deferred(&tx, &member, *graduates) {
                    failures.push(id, label(&member), e);
                    continue;
                }
            }
            let (action, event) = match (&marking, &member.marking) {
                (Some(m), _) => ("mark", m),
                (None, Some(old)) => ("revoke", old),
                (None, None) => {
                    failures.push(
                        id,
                        label(&member),
                        Error::refused("该团员没有延迟毕业或教师标记，无需撤销（M4）"),
                    );
                    continue;
                }
            };
            write(&tx, id, marking.as_ref(), &at, op)?;
            history(&tx, id, action, event, &at, op)?;
            audit::record(
                &tx,
                &at,
                op,
                &Change {
                    entity: "marking",
                    entity_id: Some(id),
                    action,
                    old: Some(
                        serde_json::json!({ "member": label(&member), "marking": member.marking }),
                    ),
                    new: Some(serde_json::json!({ "member": label(&member), "marking": marking })),
                },
            )?;
            changed += 1;
        }
        failures.finish()?;
        tx.commit()?;
        Ok(changed)
    }
}

fn deferred(graduates: YearMonth, reason: &str) -> Result<Marking> {
    let reason = xianjie_domain::text::keep(reason);
    if reason.is_empty() {
        return Err(Error::invalid("标记延迟毕业团员须填写延迟毕业原因（M3）"));
    }
    Ok(Marking::Deferred { graduates, reason })
}
