//! Graduates' destination facts (rules.md §3 input), one record per member and cohort year,
//! so that a member deferred to the next year keeps each year's facts apart.

use super::audit::{self, json, Change};
use super::members::require_member;
use super::{enum_col_opt, Store};
use rusqlite::types::ToSqlOutput;
use rusqlite::{params, Connection, OptionalExtension, Row};
use xianjie_domain::destination::{
    Destination, DestinationDetails, DestinationKind, Reason, RetentionNote, SystemCommittee,
};
use xianjie_domain::{Error, Result};

/// 15 columns of a destination (alias `d`); all NULL when there is none.
pub(crate) const DEST_COLUMNS: &str = "d.kind, d.employer_has_org, d.labor_dispatch, d.system, \
     d.province, d.central_unit_in_beijing, d.retain_in_school, d.note, d.chosen_reason, \
     d.has_details, d.study_level, d.unit_name, d.address, d.target_org, d.city";

/// Reads the destination whose columns start at `at`; `None` when the join found none.
pub(crate) fn dest_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<Option<Destination>> {
    let Some(kind) = enum_col_opt(r, at, DestinationKind::from_code)? else {
        return Ok(None);
    };
    let has_details: bool = r.get(at + 9)?;
    let details = if has_details {
        Some(DestinationDetails {
            study_level: r.get(at + 10)?,
            unit_name: r.get(at + 11)?,
            address: r.get(at + 12)?,
            target_org: r.get(at + 13)?,
            city: r.get(at + 14)?,
        })
    } else {
        None
    };
    Ok(Some(Destination {
        kind,
        employer_has_org: r.get(at + 1)?,
        labor_dispatch: r.get(at + 2)?,
        system: enum_col_opt(r, at + 3, SystemCommittee::from_code)?,
        province: r.get(at + 4)?,
        central_unit_in_beijing: r.get(at + 5)?,
        retain_in_school: r.get(at + 6)?,
        note: enum_col_opt(r, at + 7, RetentionNote::from_code)?,
        chosen_reason: enum_col_opt(r, at + 8, Reason::from_code)?,
        details,
    }))
}

fn load(conn: &Connection, member_id: i64, year: i32) -> Result<Option<Destination>> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT {DEST_COLUMNS} FROM destinations d WHERE d.member_id = ?1 AND d.cohort_year = ?2"
        ))?
        .query_row(params![member_id, year], |r| dest_from_row(r, 0))
        .optional()?;
    Ok(row.flatten())
}

pub(crate) fn check_year(year: i32) -> Result<()> {
    if !(1900..=2100).contains(&year) {
        return Err(Error::invalid(format!("届别年份 {year} 无效")));
    }
    Ok(())
}

/// What is stored: every text as typed (`text::keep`: unit and school names, the 转入组织's
/// full name keep their full-width brackets), empty ones as `None`.
fn normalized(dest: &Destination) -> Destination {
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(xianjie_domain::text::keep)
            .filter(|t| !t.is_empty())
    };
    let mut d = dest.clone();
    d.province = clean(&d.province);
    if let Some(x) = d.details.as_mut() {
        *x = DestinationDetails {
            study_level: clean(&x.study_level),
            unit_name: clean(&x.unit_name),
            address: clean(&x.address),
            target_org: clean(&x.target_org),
            city: clean(&x.city),
        };
    }
    d
}

/// The columns of a destination row, in the order of [`row_values`].
pub(crate) const ROW_COLUMNS: &str = "member_id, cohort_year, kind, employer_has_org, \
     labor_dispatch, system, province, central_unit_in_beijing, retain_in_school, note, \
     chosen_reason, has_details, study_level, unit_name, address, target_org, city, updated_at";

/// A destination row's values in the order of [`ROW_COLUMNS`].
pub(crate) fn row_values<'a>(
    member_id: i64,
    year: i32,
    d: &'a Destination,
    at: &'a str,
) -> [ToSqlOutput<'a>; 18] {
    let null = || ToSqlOutput::from(rusqlite::types::Null);
    let text = |s: Option<&'a str>| s.map_or_else(null, ToSqlOutput::from);
    let details = d.details.as_ref();
    let detail = |f: fn(&'a DestinationDetails) -> &'a Option<String>| {
        text(details.and_then(|x| f(x).as_deref()))
    };
    [
        ToSqlOutput::from(member_id),
        ToSqlOutput::from(year),
        ToSqlOutput::from(d.kind.code()),
        ToSqlOutput::from(d.employer_has_org),
        ToSqlOutput::from(d.labor_dispatch),
        text(d.system.map(|s| s.code())),
        text(d.province.as_deref()),
        ToSqlOutput::from(d.central_unit_in_beijing),
        ToSqlOutput::from(d.retain_in_school),
        text(d.note.map(|n| n.code())),
        text(d.chosen_reason.map(|r| r.code())),
        ToSqlOutput::from(details.is_some()),
        detail(|x| &x.study_level),
        detail(|x| &x.unit_name),
        detail(|x| &x.address),
        detail(|x| &x.target_org),
        detail(|x| &x.city),
        ToSqlOutput::from(at),
    ]
}

/// Writes (or replaces) one destination row inside the caller's transaction (no audit entry:
/// callers write theirs).
pub(crate) fn write_row(
    conn: &Connection,
    member_id: i64,
    year: i32,
    d: &Destination,
    at: &str,
) -> Result<()> {
    let sql = format!(
        "INSERT OR REPLACE INTO destinations ({ROW_COLUMNS}) VALUES ({})",
        vec!["?"; 18].join(", ")
    );
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(row_values(
            member_id, year, d, at,
        )))?;
    Ok(())
}

/// Writes one destination with its audit entry; `false` when nothing changed.
pub(crate) fn put(
    conn: &Connection,
    member_id: i64,
    year: i32,
    dest: &Destination,
    at: &str,
    op: &str,
) -> Result<bool> {
    check_year(year)?;
    let d = normalized(dest);
    let member = require_member(conn, member_id)?;
    let before = load(conn, member_id, year)?;
    if before.as_ref() == Some(&d) {
        return Ok(false);
    }
    write_row(conn, member_id, year, &d, at)?;
    let (old, mut new) = match &before {
        None => (None, Some(json(&d))),
        Some(b) => match audit::diff(&json(b), &json(&d)) {
            Some((o, n)) => (Some(o), Some(n)),
            None => (Some(json(b)), Some(json(&d))),
        },
    };
    if let Some(serde_json::Value::Object(map)) = new.as_mut() {
        map.insert("cohort_year".into(), year.into());
        map.insert("member".into(), member.id_number.masked().into());
    }
    audit::record(
        conn,
        at,
        op,
        &Change {
            entity: "destination",
            entity_id: Some(member_id),
            action: if before.is_some() { "update" } else { "create" },
            old,
            new,
        },
    )?;
    Ok(true)
}

impl Store {
    /// The destination recorded for `member_id` in cohort `year`.
    pub fn destination(&self, member_id: i64, year: i32) -> Result<Option<Destination>> {
        load(&self.conn, member_id, year)
    }

    /// Records (or replaces) a graduate's destination facts for cohort `year`; audited with
    /// the changed fields. Recording the same facts again writes nothing.
    pub fn set_destination(
        &mut self,
        member_id: i64,
        year: i32,
        dest: &Destination,
        operator: &str,
    ) -> Result<()> {
        self.set_destinations(&[(member_id, year, dest.clone())], operator)?;
        Ok(())
    }

    /// Several graduates' destination facts in one transaction (all or nothing); returns how
    /// many changed.
    pub fn set_destinations(
        &mut self,
        items: &[(i64, i32, Destination)],
        operator: &str,
    ) -> Result<usize> {
        let op = super::operator(operator)?;
        let tx = self.transaction()?;
        let at = audit::now();
        let mut changed = 0;
        for (member_id, year, dest) in items {
            if put(&tx, *member_id, *year, dest, &at, op)? {
                changed += 1;
            }
        }
        tx.commit()?;
        Ok(changed)
    }
}
