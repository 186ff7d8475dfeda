//! The commit: writes a [`Plan`] inside the caller's write transaction, with audit entries in
//! the store's shapes (`org`/`member`/`destination`/`marking`, old → new).
//!
//! The store's own `upsert_members` and `set_destination` each open a transaction; an import
//! must create branches, upsert members and record destinations and markings in ONE, so these
//! writes are done here against the store's schema.

use super::plan::{BranchRef, MemberAction, Plan};
use crate::member::Marking;
use crate::store::audit::{self, json, Change};
use crate::Result;
use rusqlite::{params, Connection};

fn ym(y: Option<crate::date::YearMonth>) -> Option<String> {
    y.map(|y| y.to_string())
}

/// Writes the plan; returns the ids of the created branches.
pub fn apply(conn: &Connection, plan: &Plan, operator: &str) -> Result<Vec<i64>> {
    let op = crate::store::operator(operator)?;
    let at = audit::now();
    let mut branch_ids = Vec::with_capacity(plan.new_branches.len());
    for b in &plan.new_branches {
        conn.execute(
            "INSERT INTO orgs (full_name, level, parent_id, kind, graduates) VALUES (?1, 'branch', ?2, 'ordinary', ?3)",
            params![b.full_name, b.parent_id, ym(b.graduates)],
        )?;
        let id = conn.last_insert_rowid();
        let org = serde_json::json!({
            "id": id, "full_name": b.full_name, "level": "branch", "parent_id": b.parent_id,
            "kind": "ordinary", "graduates": ym(b.graduates), "source": "roster_import",
        });
        audit::record(
            conn,
            &at,
            op,
            &Change {
                entity: "org",
                entity_id: Some(id),
                action: "create",
                old: None,
                new: Some(org),
            },
        )?;
        branch_ids.push(id);
    }
    for p in &plan.rows {
        let mut input = p.input.clone();
        if let BranchRef::New(i) = p.branch {
            input.branch_id = branch_ids.get(i).copied().unwrap_or_default();
        }
        let member_id = match &p.action {
            MemberAction::Insert => {
                // A new member is one audit entry carrying its destination and marking too.
                let id = crate::store::members::insert(conn, &input, &at)?;
                let mut new = json(&input);
                if let Some((year, d, _)) = &p.destination {
                    write_destination(conn, id, *year, d, &at)?;
                    if let serde_json::Value::Object(map) = &mut new {
                        map.insert("destination".into(), json(d));
                        map.insert("cohort_year".into(), (*year).into());
                    }
                }
                if let Some((mk, _)) = &p.marking {
                    write_marking(conn, id, mk, &at, op)?;
                    if let serde_json::Value::Object(map) = &mut new {
                        map.insert("marking".into(), json(mk));
                    }
                }
                audit::record(
                    conn,
                    &at,
                    op,
                    &Change {
                        entity: "member",
                        entity_id: Some(id),
                        action: "create",
                        old: None,
                        new: Some(new),
                    },
                )?;
                continue;
            }
            MemberAction::Update { member_id, old } => {
                crate::store::members::update(conn, *member_id, &input, &at)?;
                if let Some((before, after)) = audit::diff(&json(old.as_ref()), &json(&input)) {
                    audit::record(
                        conn,
                        &at,
                        op,
                        &Change {
                            entity: "member",
                            entity_id: Some(*member_id),
                            action: "update",
                            old: Some(before),
                            new: Some(after),
                        },
                    )?;
                }
                *member_id
            }
            MemberAction::Keep { member_id } => *member_id,
        };
        if let Some((year, d, old)) = &p.destination {
            write_destination(conn, member_id, *year, d, &at)?;
            let (before, mut after) = match old {
                None => (None, Some(json(d))),
                Some(o) => match audit::diff(&json(o), &json(d)) {
                    Some((b, a)) => (Some(b), Some(a)),
                    None => (Some(json(o)), Some(json(d))),
                },
            };
            if let Some(serde_json::Value::Object(map)) = after.as_mut() {
                map.insert("cohort_year".into(), (*year).into());
                map.insert("member".into(), input.id_number.masked().into());
            }
            let action = if old.is_some() { "update" } else { "create" };
            audit::record(
                conn,
                &at,
                op,
                &Change {
                    entity: "destination",
                    entity_id: Some(member_id),
                    action,
                    old: before,
                    new: after,
                },
            )?;
        }
        if let Some((mk, old)) = &p.marking {
            write_marking(conn, member_id, mk, &at, op)?;
            audit::record(
                conn,
                &at,
                op,
                &Change {
                    entity: "marking",
                    entity_id: Some(member_id),
                    action: "mark",
                    old: old.as_ref().map(json),
                    new: Some(json(mk)),
                },
            )?;
        }
    }
    Ok(branch_ids)
}

fn write_destination(
    conn: &Connection,
    member_id: i64,
    year: i32,
    d: &crate::destination::Destination,
    at: &str,
) -> Result<()> {
    let details = d.details.clone().unwrap_or_default();
    conn.prepare_cached(
        "INSERT OR REPLACE INTO destinations (member_id, cohort_year, kind, employer_has_org, \
         labor_dispatch, system, province, central_unit_in_beijing, retain_in_school, note, \
         chosen_reason, has_details, study_level, unit_name, address, target_org, city, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
        member_id, year, d.kind.code(), d.employer_has_org, d.labor_dispatch,
        d.system.map(|s| s.code()), d.province, d.central_unit_in_beijing, d.retain_in_school,
        d.note.map(|n| n.code()), d.chosen_reason.map(|r| r.code()), d.details.is_some(),
        details.study_level, details.unit_name, details.address, details.target_org, details.city, at
    ])?;
    Ok(())
}

fn write_marking(
    conn: &Connection,
    member_id: i64,
    mk: &Marking,
    at: &str,
    op: &str,
) -> Result<()> {
    let (kind, graduates, reason) = match mk {
        Marking::Teacher => ("teacher", None, None),
        Marking::Deferred { graduates, reason } => (
            "deferred",
            Some(graduates.to_string()),
            Some(reason.as_str()),
        ),
    };
    conn.prepare_cached(
        "INSERT OR REPLACE INTO markings (member_id, kind, graduates, reason, marked_at, marked_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![member_id, kind, graduates, reason, at, op])?;
    conn.prepare_cached(
        "INSERT INTO marking_history (member_id, action, kind, graduates, reason, at, operator) \
         VALUES (?1, 'mark', ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![member_id, kind, graduates, reason, at, op])?;
    Ok(())
}
