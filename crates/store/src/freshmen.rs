//! The September half in the database (rules.md §9): the new students of a campaign year, the
//! year's receiving settings (N1), the paper letters they brought and the 回执 returned
//! (N11). Their transfers in are ordinary transfers (`transfers`), filed under
//! `freshman::transfer_key`.
//!
//! An import of a freshmen list writes in one transaction: the new class branches, the new
//! students a thousand to an audit entry (like roster imports), every changed student with
//! its old and new values.

use crate::audit::{self, Chain, Change, RawChange, Records};
use crate::{enum_col, operator, ym_col, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use serde_json::json;
use xianjie_domain::engine::incoming::{AccountStatus, IncomingSettings, StudyLevel};
use xianjie_domain::freshman::{Freshman, ReceivingSettings};
use xianjie_domain::id_number::IdNumber;
use xianjie_domain::member::Politics;
use xianjie_domain::{Error, Result};

const COLUMNS: &str = "f.id, f.year, f.name, f.id_number, f.student_no, f.college, f.major, \
     f.class, f.branch, f.politics, f.level, f.own_graduate, f.league_post, f.former_unit, \
     f.former_province, f.joined, f.development_no, f.account, f.join_date_differs, \
     f.admitted_college, f.commissioned, f.post_in_unit, f.asks_to_stay, f.brought_letter, \
     f.enrolled";

fn date_col(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let s: Option<String> = r.get(i)?;
    s.map(|s| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(
                i,
                rusqlite::types::Type::Text,
                format!("数据库中有无法识别的日期“{s}”").into(),
            )
        })
    })
    .transpose()
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Freshman> {
    let id: String = r.get(3)?;
    let id_number = IdNumber::parse(&id).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Freshman {
        id: r.get(0)?,
        year: r.get(1)?,
        name: r.get(2)?,
        id_number,
        student_no: r.get(4)?,
        college: r.get(5)?,
        major: r.get(6)?,
        class: r.get(7)?,
        branch: r.get(8)?,
        politics: enum_col(r, 9, Politics::from_code)?,
        level: enum_col(r, 10, StudyLevel::from_code)?,
        own_graduate: r.get(11)?,
        league_post: r.get(12)?,
        former_unit: r.get(13)?,
        former_province: r.get(14)?,
        joined: ym_col(r, 15)?,
        development_no: r.get(16)?,
        account: enum_col(r, 17, AccountStatus::from_code)?,
        join_date_differs: r.get(18)?,
        admitted_college: r.get(19)?,
        commissioned: r.get(20)?,
        post_in_unit: r.get(21)?,
        asks_to_stay: r.get(22)?,
        brought_letter: r.get(23)?,
        enrolled: date_col(r, 24)?,
    })
}

/// The record as the audit log keeps it (the ID number masked, SECURITY.md).
fn audited(f: &Freshman) -> serde_json::Value {
    json!({
        "year": f.year, "name": f.name, "id_number": f.id_number.masked(),
        "student_no": f.student_no, "college": f.college, "major": f.major, "class": f.class,
        "branch": f.branch, "politics": f.politics.code(), "level": f.level.code(),
        "own_graduate": f.own_graduate, "league_post": f.league_post,
        "former_unit": f.former_unit, "former_province": f.former_province,
        "joined": f.joined.map(|j| j.to_string()), "development_no": f.development_no,
        "account": f.account.code(), "join_date_differs": f.join_date_differs,
        "admitted_college": f.admitted_college, "commissioned": f.commissioned,
        "post_in_unit": f.post_in_unit, "asks_to_stay": f.asks_to_stay,
        "brought_letter": f.brought_letter, "enrolled": f.enrolled.map(|d| d.to_string()),
    })
}

/// Columns of one created student in the import's audit entry.
const CREATED_COLUMNS: &[&str] = &["id", "name", "id_number", "branch", "politics", "account"];
const PART_ROWS: usize = 1_000;

/// What an import of a freshmen list did (or would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FreshmenCounts {
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// A class branch the import creates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClassBranch {
    pub full_name: String,
    pub parent_id: i64,
}

/// What the import of `rows` would do: a student of the year with the same ID number is
/// updated when anything differs, else kept.
pub fn plan(store: &Store, year: i32, rows: &[Freshman]) -> Result<FreshmenCounts> {
    let existing = existing(store.connection(), year)?;
    let mut c = FreshmenCounts::default();
    for f in rows {
        match existing.get(f.id_number.as_str()) {
            None => c.inserted += 1,
            Some(old) if same_record(old, f) => c.unchanged += 1,
            Some(_) => c.updated += 1,
        }
    }
    Ok(c)
}

fn existing(conn: &Connection, year: i32) -> Result<std::collections::HashMap<String, Freshman>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM freshman f WHERE f.year = ?1"
    ))?;
    let rows = stmt.query_map([year], from_row)?;
    let mut out = std::collections::HashMap::new();
    for f in rows {
        let f = f?;
        out.insert(f.id_number.as_str().to_string(), f);
    }
    Ok(out)
}

fn same_record(old: &Freshman, new: &Freshman) -> bool {
    let mut a = old.clone();
    a.id = new.id;
    a == *new
}

/// Imports `rows` (all checked by the caller) of campaign year `year` in one transaction:
/// `branches` created first, then each student inserted, updated or kept. Audited: each
/// branch, the created students a thousand to an entry, each update with old and new values.
pub fn import(
    store: &mut Store,
    year: i32,
    rows: &[Freshman],
    branches: &[NewClassBranch],
    file: &str,
    op: &str,
) -> Result<FreshmenCounts> {
    let op = operator(op)?;
    let tx = store.transaction()?;
    let at = audit::now();
    let mut chain = Chain::start(&tx)?;
    for b in branches {
        let name = crate::required_text(&b.full_name, "团支部全称")?;
        if crate::orgs::org_by_key(&tx, &name)?.is_some() {
            return Err(Error::conflict(format!(
                "团支部“{name}”已存在，不能重复新建"
            )));
        }
        tx.prepare_cached(
            "INSERT INTO orgs (full_name, level, parent_id, kind, name_key) VALUES (?1, 'branch', ?2, 'ordinary', ?3)",
        )?
        .execute(params![name, b.parent_id, crate::orgs::name_key(&name)])?;
        let id = tx.last_insert_rowid();
        chain.record(
            &at,
            op,
            &Change {
                entity: "org",
                entity_id: Some(id),
                action: "create",
                old: None,
                new: Some(json!({
                    "id": id, "full_name": name, "level": "branch", "parent_id": b.parent_id,
                    "kind": "ordinary", "source": "freshmen_import", "year": year,
                })),
            },
        )?;
    }
    let old = existing(&tx, year)?;
    let mut counts = FreshmenCounts::default();
    let mut created: Option<Records> = None;
    let mut parts = 0usize;
    let year_text = year.to_string();
    let mut flush = |chain: &mut Chain<'_>, created: &mut Option<Records>| -> Result<()> {
        let Some(r) = created.take() else {
            return Ok(());
        };
        parts += 1;
        let part = parts.to_string();
        let new = r.finish(&[("file", file), ("year", &year_text), ("part", &part)])?;
        chain.record_raw(
            &at,
            op,
            &RawChange {
                entity: "freshman",
                entity_id: None,
                action: "import",
                old: None,
                new: Some(&new),
            },
        )
    };
    for f in rows {
        if f.year != year {
            return Err(Error::internal("新生名单中混入了其他年度的记录"));
        }
        match old.get(f.id_number.as_str()) {
            None => {
                let id = insert(&tx, f, &at)?;
                counts.inserted += 1;
                let rec = match &mut created {
                    Some(r) => r,
                    None => created.insert(Records::new(CREATED_COLUMNS)?),
                };
                rec.push(&(
                    id,
                    &f.name,
                    f.id_number.masked(),
                    &f.branch,
                    f.politics.code(),
                    f.account.code(),
                ))?;
                if rec.count() >= PART_ROWS {
                    flush(&mut chain, &mut created)?;
                }
            }
            Some(o) if same_record(o, f) => counts.unchanged += 1,
            Some(o) => {
                update(&tx, o.id, f, &at)?;
                counts.updated += 1;
                if let Some((before, after)) = audit::diff(&audited(o), &audited(f)) {
                    chain.record(
                        &at,
                        op,
                        &Change {
                            entity: "freshman",
                            entity_id: Some(o.id),
                            action: "update",
                            old: Some(before),
                            new: Some(after),
                        },
                    )?;
                }
            }
        }
    }
    flush(&mut chain, &mut created)?;
    chain.finish()?;
    tx.commit()?;
    Ok(counts)
}

fn values(f: &Freshman) -> [rusqlite::types::Value; 23] {
    use rusqlite::types::Value;
    let t = |s: &Option<String>| s.clone().map_or(Value::Null, Value::Text);
    let b = |v: bool| Value::Integer(i64::from(v));
    [
        Value::Text(f.name.clone()),
        Value::Text(f.id_number.as_str().to_string()),
        t(&f.student_no),
        t(&f.college),
        t(&f.major),
        t(&f.class),
        t(&f.branch),
        f.branch
            .as_deref()
            .map_or(Value::Null, |n| Value::Text(crate::orgs::name_key(n))),
        Value::Text(f.politics.code().into()),
        Value::Text(f.level.code().into()),
        b(f.own_graduate),
        b(f.league_post),
        t(&f.former_unit),
        t(&f.former_province),
        f.joined.map_or(Value::Null, |j| Value::Text(j.to_string())),
        t(&f.development_no),
        Value::Text(f.account.code().into()),
        b(f.join_date_differs),
        t(&f.admitted_college),
        b(f.commissioned),
        t(&f.post_in_unit),
        b(f.asks_to_stay),
        b(f.brought_letter),
    ]
}

fn insert(conn: &Connection, f: &Freshman, at: &str) -> Result<i64> {
    let v = values(f);
    conn.prepare_cached(
        "INSERT INTO freshman (name, id_number, student_no, college, major, class, branch, branch_key,
             politics, level, own_graduate, league_post, former_unit, former_province, joined,
             development_no, account, join_date_differs, admitted_college, commissioned,
             post_in_unit, asks_to_stay, brought_letter, enrolled, year, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
             ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?26)",
    )?
    .execute(rusqlite::params_from_iter(
        v.iter().cloned().chain([
            f.enrolled
                .map_or(rusqlite::types::Value::Null, |d| {
                    rusqlite::types::Value::Text(d.to_string())
                }),
            rusqlite::types::Value::Integer(i64::from(f.year)),
            rusqlite::types::Value::Text(at.to_string()),
        ]),
    ))?;
    Ok(conn.last_insert_rowid())
}

fn update(conn: &Connection, id: i64, f: &Freshman, at: &str) -> Result<()> {
    let v = values(f);
    conn.prepare_cached(
        "UPDATE freshman SET name = ?1, id_number = ?2, student_no = ?3, college = ?4, major = ?5,
             class = ?6, branch = ?7, branch_key = ?8, politics = ?9, level = ?10,
             own_graduate = ?11, league_post = ?12, former_unit = ?13, former_province = ?14,
             joined = ?15, development_no = ?16, account = ?17, join_date_differs = ?18,
             admitted_college = ?19, commissioned = ?20, post_in_unit = ?21, asks_to_stay = ?22,
             brought_letter = ?23, enrolled = ?24, updated_at = ?25
         WHERE id = ?26",
    )?
    .execute(rusqlite::params_from_iter(v.iter().cloned().chain([
        f.enrolled.map_or(rusqlite::types::Value::Null, |d| {
            rusqlite::types::Value::Text(d.to_string())
        }),
        rusqlite::types::Value::Text(at.to_string()),
        rusqlite::types::Value::Integer(id),
    ])))?;
    Ok(())
}

/// One paper letter a new student brought (N11) and its 回执.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FreshmanLetter {
    pub id: i64,
    pub freshman_id: i64,
    /// The student's name (from the freshmen record).
    pub name: String,
    /// The letter's number as printed (2026年015号).
    pub number: String,
    /// 转出团委全称: where the 回执 goes back to.
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub received_on: NaiveDate,
    /// The 回执 is returned within a month of receiving the letter (L1).
    pub receipt_due: NaiveDate,
    /// As stored (RFC 3339 UTC); shown with `time::list_time`.
    pub receipt_printed_at: Option<String>,
    pub receipt_sent_on: Option<NaiveDate>,
    pub note: Option<String>,
}

/// A letter to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterInput {
    pub freshman_id: i64,
    pub number: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub received_on: NaiveDate,
    pub receipt_due: NaiveDate,
    pub note: Option<String>,
}

const LETTER_COLUMNS: &str = "l.id, l.freshman_id, f.name, l.number, l.issuer, l.issued_on, \
     l.received_on, l.receipt_due, l.receipt_printed_at, l.receipt_sent_on, l.note";

fn letter_from_row(r: &Row<'_>) -> rusqlite::Result<FreshmanLetter> {
    let need = |i: usize| -> rusqlite::Result<NaiveDate> {
        date_col(r, i)?.ok_or(rusqlite::Error::InvalidColumnType(
            i,
            "date".into(),
            rusqlite::types::Type::Null,
        ))
    };
    Ok(FreshmanLetter {
        id: r.get(0)?,
        freshman_id: r.get(1)?,
        name: r.get(2)?,
        number: r.get(3)?,
        issuer: r.get(4)?,
        issued_on: need(5)?,
        received_on: need(6)?,
        receipt_due: need(7)?,
        receipt_printed_at: r.get(8)?,
        receipt_sent_on: date_col(r, 9)?,
        note: r.get(10)?,
    })
}

impl Store {
    /// Campaign year `year`'s new students, by class branch, then name.
    pub fn freshmen(&self, year: i32) -> Result<Vec<Freshman>> {
        let mut stmt = self.connection().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM freshman f WHERE f.year = ?1
             ORDER BY coalesce(f.branch, ''), f.name, f.id"
        ))?;
        let rows = stmt.query_map([year], from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn freshman(&self, id: i64) -> Result<Option<Freshman>> {
        Ok(self
            .connection()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM freshman f WHERE f.id = ?1"))?
            .query_row([id], from_row)
            .optional()?)
    }

    /// The students of `year` with this ID number (at most one).
    pub fn freshman_by_id_number(&self, year: i32, id: &IdNumber) -> Result<Option<Freshman>> {
        Ok(self
            .connection()
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM freshman f WHERE f.year = ?1 AND f.id_number = ?2"
            ))?
            .query_row(params![year, id.as_str()], from_row)
            .optional()?)
    }

    /// The campaign years that have new students, newest first.
    pub fn freshmen_years(&self) -> Result<Vec<i32>> {
        let mut stmt = self
            .connection()
            .prepare_cached("SELECT DISTINCT year FROM freshman ORDER BY year DESC")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// N1's settings of `year` (the seeds' values until changed).
    pub fn receiving_settings(&self, year: i32) -> Result<ReceivingSettings> {
        let json: Option<String> = self
            .connection()
            .prepare_cached("SELECT settings FROM incoming_settings WHERE year = ?1")?
            .query_row([year], |r| r.get(0))
            .optional()?;
        match json {
            None => Ok(ReceivingSettings::defaults(year)),
            Some(j) => serde_json::from_str(&j)
                .map_err(|e| Error::storage(format!("{year} 年新生转入设置无法读取：{e}"))),
        }
    }

    /// The engine's settings of `year`: N1's with the year's campaign settings.
    pub fn incoming_settings(&self, year: i32) -> Result<IncomingSettings> {
        let campaign = self.campaign_settings(year)?;
        Ok(self.receiving_settings(year)?.with_campaign(campaign))
    }

    /// Saves N1's settings of a year (validated; audited with old and new values).
    pub fn save_receiving_settings(&mut self, s: &ReceivingSettings, op: &str) -> Result<()> {
        let op = operator(op)?;
        s.validate()?;
        let old = self.receiving_settings(s.year)?;
        if old == *s {
            return Ok(());
        }
        let text = serde_json::to_string(s).map_err(|e| Error::internal(e.to_string()))?;
        let tx = self.transaction()?;
        tx.execute(
            "INSERT INTO incoming_settings (year, settings, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (year) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at",
            params![s.year, text, audit::now()],
        )?;
        audit::record(
            &tx,
            &audit::now(),
            op,
            &Change {
                entity: "incoming_settings",
                entity_id: Some(i64::from(s.year)),
                action: "update",
                old: Some(audit::json(&old)),
                new: Some(audit::json(s)),
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The letters the new students of `year` brought, by receipt due date.
    pub fn freshman_letters(&self, year: i32) -> Result<Vec<FreshmanLetter>> {
        let mut stmt = self.connection().prepare_cached(&format!(
            "SELECT {LETTER_COLUMNS} FROM freshman_letter l JOIN freshman f ON f.id = l.freshman_id
             WHERE f.year = ?1 ORDER BY l.receipt_due, l.id"
        ))?;
        let rows = stmt.query_map([year], letter_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn freshman_letter(&self, id: i64) -> Result<Option<FreshmanLetter>> {
        Ok(self
            .connection()
            .prepare_cached(&format!(
                "SELECT {LETTER_COLUMNS} FROM freshman_letter l JOIN freshman f ON f.id = l.freshman_id
                 WHERE l.id = ?1"
            ))?
            .query_row([id], letter_from_row)
            .optional()?)
    }

    /// Records a letter a new student brought (audited).
    pub fn record_freshman_letter(
        &mut self,
        input: &LetterInput,
        op: &str,
    ) -> Result<FreshmanLetter> {
        let op = operator(op)?;
        let number = crate::required_text(&input.number, "介绍信编号")?;
        let issuer = crate::required_text(&input.issuer, "开具介绍信的团委")?;
        if input.issued_on > input.received_on {
            return Err(Error::invalid(format!(
                "介绍信开具日期 {} 晚于收到日期 {}",
                input.issued_on, input.received_on
            )));
        }
        let tx = self.transaction()?;
        tx.execute(
            "INSERT INTO freshman_letter (freshman_id, number, issuer, issued_on, received_on,
                 receipt_due, note, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                input.freshman_id,
                number,
                issuer,
                input.issued_on.to_string(),
                input.received_on.to_string(),
                input.receipt_due.to_string(),
                input.note,
                audit::now(),
            ],
        )?;
        let id = tx.last_insert_rowid();
        audit::record(
            &tx,
            &audit::now(),
            op,
            &Change {
                entity: "freshman_letter",
                entity_id: Some(id),
                action: "create",
                old: None,
                new: Some(json!({
                    "freshman_id": input.freshman_id, "number": number, "issuer": issuer,
                    "issued_on": input.issued_on, "received_on": input.received_on,
                    "receipt_due": input.receipt_due, "note": input.note,
                })),
            },
        )?;
        tx.commit()?;
        self.freshman_letter(id)?
            .ok_or_else(|| Error::internal("介绍信记录丢失"))
    }

    /// Records that the 回执 of letter `id` was printed now and/or sent on `sent_on`
    /// (audited).
    pub fn mark_freshman_receipt(
        &mut self,
        id: i64,
        printed: bool,
        sent_on: Option<NaiveDate>,
        op: &str,
    ) -> Result<FreshmanLetter> {
        let op = operator(op)?;
        let old = self
            .freshman_letter(id)?
            .ok_or_else(|| Error::not_found(format!("找不到编号为 {id} 的介绍信记录")))?;
        let printed_at = if printed {
            Some(audit::now())
        } else {
            old.receipt_printed_at.clone()
        };
        let sent = sent_on.or(old.receipt_sent_on);
        if let Some(s) = sent_on {
            if s < old.received_on {
                return Err(Error::invalid(format!(
                    "回执寄出日期 {s} 早于收到介绍信的日期 {}",
                    old.received_on
                )));
            }
        }
        let tx = self.transaction()?;
        tx.execute(
            "UPDATE freshman_letter SET receipt_printed_at = ?1, receipt_sent_on = ?2 WHERE id = ?3",
            params![printed_at, sent.map(|d| d.to_string()), id],
        )?;
        audit::record(
            &tx,
            &audit::now(),
            op,
            &Change {
                entity: "freshman_letter",
                entity_id: Some(id),
                action: if sent_on.is_some() {
                    "receipt_sent"
                } else {
                    "receipt_printed"
                },
                old: Some(json!({
                    "receipt_printed_at": old.receipt_printed_at,
                    "receipt_sent_on": old.receipt_sent_on,
                })),
                new: Some(json!({ "receipt_printed_at": printed_at, "receipt_sent_on": sent })),
            },
        )?;
        tx.commit()?;
        self.freshman_letter(id)?
            .ok_or_else(|| Error::internal("介绍信记录丢失"))
    }
}
