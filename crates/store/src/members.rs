//! Member records (rules.md §2): the roster import's entry points and look-ups.
//!
//! M2: one member per ID number. [`Store::upsert_members`] matches rows by ID number and
//! updates the one record; a second row with the same ID in one batch is refused, never merged.

use super::audit::{self, json, Change};
use super::destinations::{dest_from_row, DEST_COLUMNS};
use super::orgs::require_branch;
use super::{enum_col, enum_col_opt, ym_col, Store};
use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::{params_from_iter, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use xianjie_domain::date::YearMonth;
use xianjie_domain::id_number::{IdNumber, Sex};
use xianjie_domain::member::{Marking, MarkingKind, Member, Politics, StudyStatus};
use xianjie_domain::{Error, Result};

/// A member's own fields, as the roster import and the forms give them (no id, no marking,
/// no destination: those have their own operations).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberInput {
    pub name: String,
    pub sex: Sex,
    pub ethnicity: Option<String>,
    pub id_number: IdNumber,
    pub student_no: Option<String>,
    pub college: Option<String>,
    pub branch_id: i64,
    pub joined: Option<YearMonth>,
    pub development_no: Option<String>,
    pub politics: Politics,
    pub league_post: bool,
    pub mobile: Option<String>,
    pub dues_paid_to: Option<YearMonth>,
    pub identity_verified: bool,
    pub status: StudyStatus,
}

impl MemberInput {
    /// What is stored, empty texts as `None`: names (the person's, 民族, 学院) as typed
    /// (`text::keep`: trimmed, full-width kept); numbers (学号, 发展编号, 手机号) folded
    /// (`text::clean`: full-width digits are the same digits).
    pub fn normalized(&self) -> MemberInput {
        self.clone().into_normalized()
    }

    /// [`MemberInput::normalized`] of an owned input: text already in shape is not copied.
    pub fn into_normalized(self) -> MemberInput {
        let kept = |s: Option<String>| {
            s.map(xianjie_domain::text::keep_owned)
                .filter(|t| !t.is_empty())
        };
        let number = |s: Option<String>| {
            s.map(xianjie_domain::text::clean_owned)
                .filter(|t| !t.is_empty())
        };
        MemberInput {
            name: xianjie_domain::text::keep_owned(self.name),
            ethnicity: kept(self.ethnicity),
            student_no: number(self.student_no),
            college: kept(self.college),
            development_no: number(self.development_no),
            mobile: number(self.mobile),
            ..self
        }
    }
}

impl From<&Member> for MemberInput {
    fn from(m: &Member) -> Self {
        MemberInput {
            name: m.name.clone(),
            sex: m.sex,
            ethnicity: m.ethnicity.clone(),
            id_number: m.id_number.clone(),
            student_no: m.student_no.clone(),
            college: m.college.clone(),
            branch_id: m.branch_id,
            joined: m.joined,
            development_no: m.development_no.clone(),
            politics: m.politics,
            league_post: m.league_post,
            mobile: m.mobile.clone(),
            dues_paid_to: m.dues_paid_to,
            identity_verified: m.identity_verified,
            status: m.status,
        }
    }
}

/// What [`Store::upsert_members`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct UpsertCounts {
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
}

pub(crate) fn sex_code(s: Sex) -> &'static str {
    match s {
        Sex::Male => "male",
        Sex::Female => "female",
    }
}

pub(crate) fn sex_from_code(s: &str) -> Option<Sex> {
    match s {
        "male" => Some(Sex::Male),
        "female" => Some(Sex::Female),
        _ => None,
    }
}

/// Columns 0..=18 of a member with its marking; destination columns follow from 19.
pub(crate) const MEMBER_COLUMNS: &str = "m.id, m.name, m.sex, m.ethnicity, m.id_number, \
     m.student_no, m.branch_id, m.college, m.joined, m.development_no, m.politics, \
     m.league_post, m.mobile, m.dues_paid_to, m.identity_verified, m.status, \
     mk.kind, mk.graduates, mk.reason";
pub(crate) const MEMBER_WIDTH: usize = 19;

/// `SELECT … FROM members m` with the marking and the destination of the latest cohort year.
pub(crate) fn member_select() -> String {
    format!(
        "SELECT {MEMBER_COLUMNS}, {DEST_COLUMNS} FROM members m \
         LEFT JOIN markings mk ON mk.member_id = m.id \
         LEFT JOIN destinations d ON d.member_id = m.id AND d.cohort_year = \
             (SELECT max(cohort_year) FROM destinations WHERE member_id = m.id)"
    )
}

fn id_col(r: &Row<'_>, idx: usize) -> rusqlite::Result<IdNumber> {
    let s: String = r.get(idx)?;
    IdNumber::parse(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Reads a member from `member_select()`-shaped columns.
pub(crate) fn member_from_row(r: &Row<'_>) -> rusqlite::Result<Member> {
    let marking = match enum_col_opt(r, 16, MarkingKind::from_code)? {
        None => None,
        Some(MarkingKind::Teacher) => Some(Marking::Teacher),
        Some(MarkingKind::Deferred) => match ym_col(r, 17)? {
            Some(graduates) => Some(Marking::Deferred {
                graduates,
                reason: r.get::<_, Option<String>>(18)?.unwrap_or_default(),
            }),
            None => None,
        },
    };
    Ok(Member {
        id: r.get(0)?,
        name: r.get(1)?,
        sex: enum_col(r, 2, sex_from_code)?,
        ethnicity: r.get(3)?,
        id_number: id_col(r, 4)?,
        student_no: r.get(5)?,
        branch_id: r.get(6)?,
        college: r.get(7)?,
        joined: ym_col(r, 8)?,
        development_no: r.get(9)?,
        politics: enum_col(r, 10, Politics::from_code)?,
        league_post: r.get(11)?,
        mobile: r.get(12)?,
        dues_paid_to: ym_col(r, 13)?,
        identity_verified: r.get(14)?,
        status: enum_col(r, 15, StudyStatus::from_code)?,
        marking,
        destination: dest_from_row(r, MEMBER_WIDTH)?,
    })
}

pub(crate) fn load_member(conn: &Connection, id: i64) -> Result<Option<Member>> {
    Ok(conn
        .prepare_cached(&format!("{} WHERE m.id = ?1", member_select()))?
        .query_row([id], member_from_row)
        .optional()?)
}

pub(crate) fn require_member(conn: &Connection, id: i64) -> Result<Member> {
    load_member(conn, id)?.ok_or_else(|| Error::not_found(format!("找不到编号为 {id} 的团员")))
}

/// The stored own fields of the member with this ID number, with its row id.
fn stored_input(conn: &Connection, id_number: &IdNumber) -> Result<Option<(i64, MemberInput)>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, name, sex, ethnicity, id_number, student_no, college, branch_id, joined, \
             development_no, politics, league_post, mobile, dues_paid_to, identity_verified, status \
             FROM members WHERE id_number = ?1",
        )?
        .query_row([id_number.as_str()], |r| {
            Ok((
                r.get(0)?,
                MemberInput {
                    name: r.get(1)?,
                    sex: enum_col(r, 2, sex_from_code)?,
                    ethnicity: r.get(3)?,
                    id_number: id_col(r, 4)?,
                    student_no: r.get(5)?,
                    college: r.get(6)?,
                    branch_id: r.get(7)?,
                    joined: ym_col(r, 8)?,
                    development_no: r.get(9)?,
                    politics: enum_col(r, 10, Politics::from_code)?,
                    league_post: r.get(11)?,
                    mobile: r.get(12)?,
                    dues_paid_to: ym_col(r, 13)?,
                    identity_verified: r.get(14)?,
                    status: enum_col(r, 15, StudyStatus::from_code)?,
                },
            ))
        })
        .optional()?)
}

fn duplicate(id: &IdNumber) -> Error {
    Error::conflict(format!(
        "身份证号 {} 已有团员记录，同一身份证号只能有一条记录（M2）",
        id.masked()
    ))
}

/// The 15 member columns of `insert` and `update`, in their SQL order (?1…?15), borrowed
/// (a bulk import binds them 50,000 times).
pub(crate) fn columns(m: &MemberInput) -> [ToSqlOutput<'_>; 15] {
    fn text(s: &Option<String>) -> ToSqlOutput<'_> {
        s.as_deref()
            .map_or(ToSqlOutput::Owned(Value::Null), ToSqlOutput::from)
    }
    let month = |y: Option<YearMonth>| -> ToSqlOutput<'static> {
        ToSqlOutput::Owned(y.map_or(Value::Null, |y| Value::from(y.to_string())))
    };
    [
        ToSqlOutput::from(m.name.as_str()),
        ToSqlOutput::from(sex_code(m.sex)),
        text(&m.ethnicity),
        ToSqlOutput::from(m.id_number.as_str()),
        text(&m.student_no),
        text(&m.college),
        ToSqlOutput::from(m.branch_id),
        month(m.joined),
        text(&m.development_no),
        ToSqlOutput::from(m.politics.code()),
        ToSqlOutput::from(m.league_post),
        text(&m.mobile),
        month(m.dues_paid_to),
        ToSqlOutput::from(m.identity_verified),
        ToSqlOutput::from(m.status.code()),
    ]
}

/// Inserts one member inside the caller's transaction (no audit entry: callers write theirs).
pub(crate) fn insert(conn: &Connection, m: &MemberInput, at: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO members (name, sex, ethnicity, id_number, student_no, college, branch_id, \
         joined, development_no, politics, league_post, mobile, dues_paid_to, identity_verified, \
         status, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
    )?
    .execute(params_from_iter(
        columns(m).into_iter().chain([ToSqlOutput::from(at)]),
    ))
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => duplicate(&m.id_number),
        _ => Error::from(e),
    })?;
    Ok(conn.last_insert_rowid())
}

/// Updates one member inside the caller's transaction (no audit entry: callers write theirs).
pub(crate) fn update(conn: &Connection, id: i64, m: &MemberInput, at: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE members SET name = ?1, sex = ?2, ethnicity = ?3, id_number = ?4, student_no = ?5, \
         college = ?6, branch_id = ?7, joined = ?8, development_no = ?9, politics = ?10, \
         league_post = ?11, mobile = ?12, dues_paid_to = ?13, identity_verified = ?14, \
         status = ?15, updated_at = ?16 WHERE id = ?17",
    )?
    .execute(params_from_iter(
        columns(m)
            .into_iter()
            .chain([ToSqlOutput::from(at), ToSqlOutput::from(id)]),
    ))
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => duplicate(&m.id_number),
        _ => Error::from(e),
    })?;
    Ok(())
}

/// Checks a row before writing: a name, and a branch that exists and is a branch.
fn check_input(
    conn: &Connection,
    m: &MemberInput,
    branches: &mut HashMap<i64, bool>,
) -> Result<()> {
    if m.name.is_empty() {
        return Err(Error::invalid(format!(
            "身份证号 {} 的团员姓名为空",
            m.id_number.masked()
        )));
    }
    if let std::collections::hash_map::Entry::Vacant(slot) = branches.entry(m.branch_id) {
        require_branch(conn, m.branch_id)?;
        slot.insert(true);
    }
    Ok(())
}

impl Store {
    pub fn member(&self, id: i64) -> Result<Option<Member>> {
        load_member(&self.conn, id)
    }

    /// The colleges (学院) the member records name, as typed, in the one order: what a table's
    /// college filter can match.
    pub fn member_colleges(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT college FROM members WHERE college IS NOT NULL AND trim(college) <> ''",
        )?;
        let mut out = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.sort_by(|a, b| xianjie_domain::order::cmp_text(a, b));
        Ok(out)
    }

    /// M2: the one member with this ID number, if any.
    pub fn member_by_id_number(&self, id_number: &IdNumber) -> Result<Option<Member>> {
        Ok(self
            .conn
            .prepare_cached(&format!("{} WHERE m.id_number = ?1", member_select()))?
            .query_row([id_number.as_str()], member_from_row)
            .optional()?)
    }

    /// The members of a branch, by name in the one order (pinyin, `xianjie_domain::order`).
    pub fn members_of_branch(&self, branch_id: i64) -> Result<Vec<Member>> {
        let mut stmt = self.conn.prepare(&format!(
            "{} WHERE m.branch_id = ?1 ORDER BY m.id",
            member_select()
        ))?;
        let rows = stmt.query_map([branch_id], member_from_row)?;
        let mut members = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        members.sort_by_cached_key(|m| (xianjie_domain::order::name_key(&m.name), m.id));
        Ok(members)
    }

    /// Adds one member; an existing record with the same ID number is a Conflict (M2).
    pub fn add_member(&mut self, input: &MemberInput, operator: &str) -> Result<Member> {
        let op = super::operator(operator)?;
        let m = input.normalized();
        let tx = self.transaction()?;
        check_input(&tx, &m, &mut HashMap::new())?;
        if stored_input(&tx, &m.id_number)?.is_some() {
            return Err(duplicate(&m.id_number));
        }
        let at = audit::now();
        let id = insert(&tx, &m, &at)?;
        audit::record(
            &tx,
            &at,
            op,
            &Change {
                entity: "member",
                entity_id: Some(id),
                action: "create",
                old: None,
                new: Some(json(&m)),
            },
        )?;
        let member = super::members::require_member(&tx, id)?;
        tx.commit()?;
        Ok(member)
    }

    /// Inserts new members and updates existing ones (matched by ID number) in ONE
    /// transaction; unchanged rows write nothing, every insert and update is audited (the
    /// update with the changed fields only). Any bad row rolls the whole batch back.
    pub fn upsert_members(&mut self, rows: &[MemberInput], operator: &str) -> Result<UpsertCounts> {
        let op = super::operator(operator)?;
        let tx = self.transaction()?;
        let at = audit::now();
        let mut counts = UpsertCounts::default();
        let mut seen: HashSet<IdNumber> = HashSet::with_capacity(rows.len());
        let mut branches = HashMap::new();
        for (i, raw) in rows.iter().enumerate() {
            let m = raw.normalized();
            let at_row = |e: Error| Error::new(e.code, format!("第 {} 条：{}", i + 1, e.message));
            check_input(&tx, &m, &mut branches).map_err(at_row)?;
            if !seen.insert(m.id_number.clone()) {
                return Err(at_row(Error::conflict(format!(
                    "身份证号 {} 在本批数据中出现多次，同一身份证号只能有一条记录（M2）",
                    m.id_number.masked()
                ))));
            }
            match stored_input(&tx, &m.id_number)? {
                None => {
                    let id = insert(&tx, &m, &at).map_err(at_row)?;
                    audit::record(
                        &tx,
                        &at,
                        op,
                        &Change {
                            entity: "member",
                            entity_id: Some(id),
                            action: "create",
                            old: None,
                            new: Some(json(&m)),
                        },
                    )?;
                    counts.inserted += 1;
                }
                Some((id, old)) => match audit::diff(&json(&old), &json(&m)) {
                    None => counts.unchanged += 1,
                    Some((before, after)) => {
                        update(&tx, id, &m, &at).map_err(at_row)?;
                        audit::record(
                            &tx,
                            &at,
                            op,
                            &Change {
                                entity: "member",
                                entity_id: Some(id),
                                action: "update",
                                old: Some(before),
                                new: Some(after),
                            },
                        )?;
                        counts.updated += 1;
                    }
                },
            }
        }
        tx.commit()?;
        Ok(counts)
    }
}
