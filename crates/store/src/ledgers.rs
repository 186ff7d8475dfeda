//! The two small ledgers the office keeps by hand for the upper levels: special-case transfers
//! (returned, refused, stuck — F4) and development numbers taken by someone else (F5).
//! Their tables come with the register's migration. F5's candidates — development numbers two
//! members hold — come from the members themselves ([`Store::occupied_development_numbers`]).

use crate::audit::{self, Change};
use crate::Store;
use rusqlite::{params, Connection};
use serde::Serialize;
use xianjie_domain::id_number::IdNumber;
pub use xianjie_domain::ledgers::{
    DevnoConflict, F4Row, F5Row, OccupiedMember, OccupiedNumber, SpecialCase, SpecialKind,
};
use xianjie_domain::{Error, Result};

fn sql(e: rusqlite::Error) -> Error {
    Error::storage(format!("特殊情况记录读写失败：{e}"))
}

/// Records an F4 case (audited).
pub fn record_special_case(store: &mut Store, c: &SpecialCase, operator: &str) -> Result<i64> {
    let ids = record_special_cases(store, std::slice::from_ref(c), operator)?;
    ids.first()
        .copied()
        .ok_or_else(|| Error::internal("未写入记录"))
}

/// Records many F4 cases in one transaction: all or none.
pub fn record_special_cases(
    store: &mut Store,
    cases: &[SpecialCase],
    operator: &str,
) -> Result<Vec<i64>> {
    let operator = crate::operator(operator)?;
    let tx = store.transaction()?;
    let mut ids = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        ids.push(
            special_case_in(&tx, c, operator)
                .map_err(|e| Error::new(e.code, format!("第 {} 条：{}", i + 1, e.message)))?,
        );
    }
    tx.commit()?;
    Ok(ids)
}

fn special_case_in(tx: &Connection, c: &SpecialCase, operator: &str) -> Result<i64> {
    let r = &c.row;
    if r.name.trim().is_empty() {
        return Err(Error::invalid("特殊情况记录缺少“姓名”"));
    }
    tx.execute(
        "INSERT INTO special_case (member_id, name, student_no, college, branch_id, original_org,
            transfer_type, province, city, target_org, kind, initiated, refusal_reason, remark,
            cohort_year, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            c.member_id,
            r.name.trim(),
            r.student_no.trim(),
            r.college.trim(),
            c.branch_id,
            r.original_org.trim(),
            r.transfer_type.trim(),
            r.province.trim(),
            r.city.trim(),
            r.target_org.trim(),
            c.kind.code(),
            r.initiated,
            r.refusal_reason.trim(),
            r.remark.trim(),
            c.cohort_year,
            audit::now(),
        ],
    )
    .map_err(sql)?;
    let id = tx.last_insert_rowid();
    log(tx, operator, "special_case", id, c)?;
    Ok(id)
}

/// Records an F5 conflict (audited).
pub fn record_devno_conflict(store: &mut Store, c: &DevnoConflict, operator: &str) -> Result<i64> {
    let ids = record_devno_conflicts(store, std::slice::from_ref(c), operator)?;
    ids.first()
        .copied()
        .ok_or_else(|| Error::internal("未写入记录"))
}

/// Records many F5 conflicts in one transaction: all or none.
pub fn record_devno_conflicts(
    store: &mut Store,
    items: &[DevnoConflict],
    operator: &str,
) -> Result<Vec<i64>> {
    let operator = crate::operator(operator)?;
    let tx = store.transaction()?;
    let mut ids = Vec::new();
    for (i, c) in items.iter().enumerate() {
        ids.push(
            devno_conflict_in(&tx, c, operator)
                .map_err(|e| Error::new(e.code, format!("第 {} 条：{}", i + 1, e.message)))?,
        );
    }
    tx.commit()?;
    Ok(ids)
}

fn devno_conflict_in(tx: &Connection, c: &DevnoConflict, operator: &str) -> Result<i64> {
    let r = &c.row;
    if r.name.trim().is_empty() || r.development_no.trim().is_empty() {
        return Err(Error::invalid("编号被占用记录须有“姓名”和“发展团员编号”"));
    }
    tx.execute(
        "INSERT INTO devno_conflict (member_id, province, branch, college, name, id_number,
            development_no, occupied_by, cohort_year, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            c.member_id,
            r.province.trim(),
            r.branch.trim(),
            c.college.trim(),
            r.name.trim(),
            r.id_number.trim(),
            r.development_no.trim(),
            r.occupied_by.trim(),
            c.cohort_year,
            audit::now(),
        ],
    )
    .map_err(sql)?;
    let id = tx.last_insert_rowid();
    log(tx, operator, "devno_conflict", id, c)?;
    Ok(id)
}

fn log<T: Serialize>(tx: &Connection, operator: &str, entity: &str, id: i64, v: &T) -> Result<()> {
    audit::record(
        tx,
        &audit::now(),
        operator,
        &Change {
            entity,
            entity_id: Some(id),
            action: "create",
            old: None,
            new: Some(audit::json(v)),
        },
    )
}

/// The ledgers' filters, matched folded (names are kept as typed: “（东校区）” is found by
/// “(东校区)”): the college by its whole name, the branch by a part of the org's name.
fn keeps(college: Option<&str>, branch: Option<&str>, (c, org): (&str, &str)) -> bool {
    use xianjie_domain::text::{clean, same};
    college.is_none_or(|want| same(c, want))
        && branch.is_none_or(|want| clean(org).contains(&clean(want)))
}

/// F4 rows, oldest first, filtered by college (name), branch (the original org's name
/// contains it) and cohort year.
pub fn special_case_rows(
    store: &Store,
    college: Option<&str>,
    branch: Option<&str>,
    year: Option<i32>,
) -> Result<Vec<F4Row>> {
    let mut stmt = store
        .conn
        .prepare(
            "SELECT name, student_no, college, original_org, transfer_type, province, city,
                target_org, initiated, refusal_reason, remark
             FROM special_case
             WHERE ?1 IS NULL OR cohort_year = ?1
             ORDER BY id",
        )
        .map_err(sql)?;
    let rows = stmt
        .query_map(params![year], |r| {
            Ok(F4Row {
                name: r.get(0)?,
                student_no: r.get(1)?,
                college: r.get(2)?,
                original_org: r.get(3)?,
                transfer_type: r.get(4)?,
                province: r.get(5)?,
                city: r.get(6)?,
                target_org: r.get(7)?,
                initiated: r.get(8)?,
                refusal_reason: r.get(9)?,
                remark: r.get(10)?,
            })
        })
        .map_err(sql)?;
    let rows = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql)?;
    Ok(rows
        .into_iter()
        .filter(|r| keeps(college, branch, (&r.college, &r.original_org)))
        .collect())
}

/// F5 rows, oldest first, with the same filters.
pub fn devno_conflict_rows(
    store: &Store,
    college: Option<&str>,
    branch: Option<&str>,
    year: Option<i32>,
) -> Result<Vec<F5Row>> {
    let mut stmt = store
        .conn
        .prepare(
            "SELECT province, branch, name, id_number, development_no, occupied_by, college
             FROM devno_conflict
             WHERE ?1 IS NULL OR cohort_year = ?1
             ORDER BY id",
        )
        .map_err(sql)?;
    let rows = stmt
        .query_map(params![year], |r| {
            Ok((
                F5Row {
                    province: r.get(0)?,
                    branch: r.get(1)?,
                    name: r.get(2)?,
                    id_number: r.get(3)?,
                    development_no: r.get(4)?,
                    occupied_by: r.get(5)?,
                },
                r.get::<_, String>(6)?,
            ))
        })
        .map_err(sql)?;
    let rows = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql)?;
    Ok(rows
        .into_iter()
        .filter(|(r, c)| keeps(college, branch, (c, &r.branch)))
        .map(|(r, _)| r)
        .collect())
}

const HOLDERS: &str = "SELECT m.development_no, m.id, m.name, m.id_number, m.branch_id, \
     o.full_name, m.college, m.joined FROM members m JOIN orgs o ON o.id = m.branch_id";

fn holder(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, OccupiedMember)> {
    Ok((
        r.get(0)?,
        OccupiedMember {
            member_id: r.get(1)?,
            name: r.get(2)?,
            id_number: r.get(3)?,
            branch_id: r.get(4)?,
            branch: r.get(5)?,
            college: r.get(6)?,
            joined: crate::ym_col(r, 7)?,
        },
    ))
}

impl Store {
    /// 被占用 (003 #76): every development number two or more members hold, with the members
    /// (by record number), by number — the rows F5 reports once the secretary confirms them
    /// (`OccupiedNumber::f5_rows`). The roster import warns of the same (rules.md §2).
    pub fn occupied_development_numbers(&self) -> Result<Vec<OccupiedNumber>> {
        let mut stmt = self.conn.prepare(&format!(
            "{HOLDERS} WHERE m.development_no IN (SELECT development_no FROM members \
             WHERE development_no IS NOT NULL GROUP BY development_no HAVING count(*) > 1) \
             ORDER BY m.development_no, m.id"
        ))?;
        let rows = stmt.query_map([], holder)?;
        let mut out: Vec<OccupiedNumber> = Vec::new();
        for r in rows {
            let (number, m) = r?;
            match out.last_mut() {
                Some(o) if o.development_no == number => o.members.push(m),
                _ => out.push(OccupiedNumber {
                    development_no: number,
                    members: vec![m],
                }),
            }
        }
        Ok(out)
    }

    /// The members holding development number `number` (full-width digits and spaces
    /// folded), but the one with ID number `except` (the member being edited): what the member
    /// form shows as 被占用 before saving.
    pub fn development_no_holders(
        &self,
        number: &str,
        except: Option<&IdNumber>,
    ) -> Result<Vec<OccupiedMember>> {
        let number = xianjie_domain::text::clean(number).replace(' ', "");
        let mut stmt = self.conn.prepare_cached(&format!(
            "{HOLDERS} WHERE m.development_no = ?1 AND m.id_number IS NOT ?2 ORDER BY m.id"
        ))?;
        let rows = stmt.query_map(params![number, except.map(IdNumber::as_str)], holder)?;
        Ok(rows
            .map(|r| r.map(|(_, m)| m))
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
