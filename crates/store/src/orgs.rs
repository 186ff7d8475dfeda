//! The org tree (rules.md §1): create, rename, move, delete, look up.
//!
//! A full name is kept as typed (full-width brackets and punctuation: the “系统内全称” of
//! 智慧团建); it is found and kept unique by its folded key, `orgs.name_key`
//! (`text::clean`), so “（东校区）” and “(东校区)” name one org.

use super::audit::{self, json, Change};
use super::{enum_col, enum_col_opt, ym_col, Store};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use xianjie_domain::org::{GraduationMarking, NoDateReason, Org, OrgCategory, OrgKind, OrgLevel};
use xianjie_domain::{Error, Result};

/// A new org. The full name is the one 智慧团建 shows (every form asks for it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOrg {
    pub full_name: String,
    pub level: OrgLevel,
    pub parent_id: Option<i64>,
    pub category: Option<OrgCategory>,
    pub kind: OrgKind,
}

impl NewOrg {
    /// An ordinary org of `level` under `parent_id`.
    pub fn new(full_name: impl Into<String>, level: OrgLevel, parent_id: Option<i64>) -> Self {
        Self {
            full_name: full_name.into(),
            level,
            parent_id,
            category: None,
            kind: OrgKind::Ordinary,
        }
    }
}

pub(crate) const ORG_COLUMNS: &str =
    "o.id, o.full_name, o.level, o.parent_id, o.category, o.kind, o.graduates, o.no_date_reason";

/// Reads an org from `ORG_COLUMNS` starting at column `at`.
pub(crate) fn org_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<Org> {
    let graduates = ym_col(r, at + 6)?;
    let no_date = enum_col_opt(r, at + 7, NoDateReason::from_code)?;
    let graduation = match (graduates, no_date) {
        (Some(g), _) => Some(GraduationMarking::Date { graduates: g }),
        (None, Some(reason)) => Some(GraduationMarking::NoDate { reason }),
        (None, None) => None,
    };
    Ok(Org {
        id: r.get(at)?,
        full_name: r.get(at + 1)?,
        level: enum_col(r, at + 2, OrgLevel::from_code)?,
        parent_id: r.get(at + 3)?,
        category: enum_col_opt(r, at + 4, OrgCategory::from_code)?,
        kind: enum_col(r, at + 5, OrgKind::from_code)?,
        graduation,
    })
}

pub(crate) fn load_org(conn: &Connection, id: i64) -> Result<Option<Org>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {ORG_COLUMNS} FROM orgs o WHERE o.id = ?1"))?
        .query_row([id], |r| org_from_row(r, 0))
        .optional()?)
}

pub(crate) fn require_org(conn: &Connection, id: i64) -> Result<Org> {
    load_org(conn, id)?.ok_or_else(|| Error::not_found(format!("找不到编号为 {id} 的团组织")))
}

/// The branch with `id`, or an error saying it is not one.
pub(crate) fn require_branch(conn: &Connection, id: i64) -> Result<Org> {
    let org = require_org(conn, id)?;
    if org.level != OrgLevel::Branch {
        return Err(Error::invalid(format!(
            "“{}”是{}，不是团支部",
            org.full_name,
            org.level.label()
        )));
    }
    Ok(org)
}

/// True when `ancestor` is a strict ancestor of `id`.
pub(crate) fn is_ancestor(conn: &Connection, ancestor: i64, id: i64) -> Result<bool> {
    let found: Option<i64> = conn
        .prepare_cached(
            "WITH RECURSIVE up(id) AS (
                 SELECT parent_id FROM orgs WHERE id = ?2
                 UNION SELECT o.parent_id FROM orgs o JOIN up ON o.id = up.id
             ) SELECT 1 FROM up WHERE id = ?1",
        )?
        .query_row(params![ancestor, id], |r| r.get(0))
        .optional()?;
    Ok(found.is_some())
}

/// The matching key of a full name (what `orgs.name_key` holds).
pub(crate) fn name_key(name: &str) -> String {
    xianjie_domain::text::clean(name)
}

/// The org whose full name folds to the same key as `name`: its id and full name as kept.
pub(crate) fn org_by_key(conn: &Connection, name: &str) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, full_name FROM orgs WHERE name_key = ?1")?
        .query_row([name_key(name)], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

fn check_name_free(conn: &Connection, name: &str, except: Option<i64>) -> Result<()> {
    match org_by_key(conn, name)? {
        Some((id, _)) if Some(id) == except => Ok(()),
        Some((id, other)) if other == name => Err(Error::conflict(format!(
            "团组织全称“{name}”已存在（编号 {id}），全称不能重复"
        ))),
        Some((id, other)) => Err(Error::conflict(format!(
            "团组织全称“{name}”与已有的“{other}”（编号 {id}）只差全角/半角或空格，是同一个名称，全称不能重复"
        ))),
        None => Ok(()),
    }
}

fn check_parent(conn: &Connection, parent_id: Option<i64>) -> Result<()> {
    if let Some(pid) = parent_id {
        let parent = load_org(conn, pid)?
            .ok_or_else(|| Error::not_found(format!("找不到上级组织（编号 {pid}）")))?;
        if parent.level == OrgLevel::Branch {
            return Err(Error::invalid(format!(
                "“{}”是团支部，团支部下不能再设组织",
                parent.full_name
            )));
        }
    }
    Ok(())
}

/// The full name to keep: as typed, trimmed (required).
fn full_name(raw: &str) -> Result<String> {
    super::required_text(raw, "团组织全称")
}

impl Store {
    pub fn org(&self, id: i64) -> Result<Option<Org>> {
        load_org(&self.conn, id)
    }

    /// The org whose full name is `name` once both are folded (`（东校区）` finds
    /// `(东校区)` and back); the org's name comes back as kept.
    pub fn org_by_full_name(&self, name: &str) -> Result<Option<Org>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {ORG_COLUMNS} FROM orgs o WHERE o.name_key = ?1"
            ))?
            .query_row([name_key(name)], |r| org_from_row(r, 0))
            .optional()?)
    }

    /// Every org, parents before children where ids allow (ordered by id).
    pub fn orgs(&self) -> Result<Vec<Org>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {ORG_COLUMNS} FROM orgs o ORDER BY o.id"))?;
        let rows = stmt.query_map([], |r| org_from_row(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// G2: the office's acting org when there is exactly one top org above branch level
    /// (`None` when there are none or several: the caller says which to use).
    pub fn single_top_org(&self) -> Result<Option<Org>> {
        let tops: Vec<Org> = self
            .orgs()?
            .into_iter()
            .filter(|o| o.parent_id.is_none() && o.level != OrgLevel::Branch)
            .collect();
        Ok(<[Org; 1]>::try_from(tops).ok().map(|[top]| top))
    }

    /// The direct children of `id`.
    pub fn child_orgs(&self, id: i64) -> Result<Vec<Org>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ORG_COLUMNS} FROM orgs o WHERE o.parent_id = ?1 ORDER BY o.id"
        ))?;
        let rows = stmt.query_map([id], |r| org_from_row(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// True when `ancestor` is above `id` in the tree.
    pub fn is_ancestor(&self, ancestor: i64, id: i64) -> Result<bool> {
        is_ancestor(&self.conn, ancestor, id)
    }

    /// Creates an org; the parent must exist and not be a branch (branches are leaves).
    pub fn create_org(&mut self, new: &NewOrg, operator: &str) -> Result<Org> {
        let op = super::operator(operator)?;
        let name = full_name(&new.full_name)?;
        let tx = self.transaction()?;
        check_name_free(&tx, &name, None)?;
        check_parent(&tx, new.parent_id)?;
        tx.execute(
            "INSERT INTO orgs (full_name, level, parent_id, category, kind, name_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                name,
                new.level.code(),
                new.parent_id,
                new.category.map(|c| c.code()),
                new.kind.code(),
                name_key(&name),
            ],
        )?;
        let id = tx.last_insert_rowid();
        let org = require_org(&tx, id)?;
        audit::record(
            &tx,
            &audit::now(),
            op,
            &Change {
                entity: "org",
                entity_id: Some(id),
                action: "create",
                old: None,
                new: Some(json(&org)),
            },
        )?;
        tx.commit()?;
        Ok(org)
    }

    /// Renames an org (its full name must stay unique once folded; the same name with other
    /// brackets is a correction of this org's own name).
    pub fn rename_org(&mut self, id: i64, new_name: &str, operator: &str) -> Result<Org> {
        let op = super::operator(operator)?;
        let name = full_name(new_name)?;
        let tx = self.transaction()?;
        let before = require_org(&tx, id)?;
        if before.full_name == name {
            return Ok(before);
        }
        check_name_free(&tx, &name, Some(id))?;
        tx.execute(
            "UPDATE orgs SET full_name = ?1, name_key = ?2 WHERE id = ?3",
            params![name, name_key(&name), id],
        )?;
        audit::record(
            &tx,
            &audit::now(),
            op,
            &Change {
                entity: "org",
                entity_id: Some(id),
                action: "rename",
                old: Some(serde_json::json!({ "full_name": before.full_name })),
                new: Some(serde_json::json!({ "full_name": name })),
            },
        )?;
        let org = require_org(&tx, id)?;
        tx.commit()?;
        Ok(org)
    }

    /// Moves an org under another parent (or to the top); refuses cycles.
    pub fn move_org(&mut self, id: i64, new_parent: Option<i64>, operator: &str) -> Result<Org> {
        let op = super::operator(operator)?;
        let tx = self.transaction()?;
        let before = require_org(&tx, id)?;
        if before.parent_id == new_parent {
            return Ok(before);
        }
        check_parent(&tx, new_parent)?;
        if let Some(p) = new_parent {
            if p == id || is_ancestor(&tx, id, p)? {
                return Err(Error::invalid(format!(
                    "不能把“{}”移到它自己或它的下级组织之下",
                    before.full_name
                )));
            }
        }
        tx.execute(
            "UPDATE orgs SET parent_id = ?1 WHERE id = ?2",
            params![new_parent, id],
        )?;
        audit::record(
            &tx,
            &audit::now(),
            op,
            &Change {
                entity: "org",
                entity_id: Some(id),
                action: "move",
                old: Some(serde_json::json!({ "parent_id": before.parent_id })),
                new: Some(serde_json::json!({ "parent_id": new_parent })),
            },
        )?;
        let org = require_org(&tx, id)?;
        tx.commit()?;
        Ok(org)
    }

    /// Deletes an org; refused while it has members or child orgs.
    pub fn delete_org(&mut self, id: i64, operator: &str) -> Result<()> {
        let op = super::operator(operator)?;
        let tx = self.transaction()?;
        let org = require_org(&tx, id)?;
        let members: i64 = tx.query_row(
            "SELECT count(*) FROM members WHERE branch_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if members > 0 {
            return Err(Error::refused(format!(
                "“{}”还有 {members} 名团员，不能删除；请先转出或移走这些团员",
                org.full_name
            )));
        }
        let children: i64 = tx.query_row(
            "SELECT count(*) FROM orgs WHERE parent_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if children > 0 {
            return Err(Error::refused(format!(
                "“{}”下还有 {children} 个下级组织，不能删除",
                org.full_name
            )));
        }
        tx.execute("DELETE FROM orgs WHERE id = ?1", [id])?;
        audit::record(
            &tx,
            &audit::now(),
            op,
            &Change {
                entity: "org",
                entity_id: Some(id),
                action: "delete",
                old: Some(json(&org)),
                new: None,
            },
        )?;
        tx.commit()?;
        Ok(())
    }
}
