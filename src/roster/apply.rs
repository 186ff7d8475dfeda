//! The commit: writes a [`Plan`] inside the caller's write transaction, with audit entries in
//! the store's shapes (`org`/`member`/`destination`/`marking`, old → new).
//!
//! The store's own `upsert_members` and `set_destination` each open a transaction; an import
//! must create branches, upsert members and record destinations and markings in ONE, so these
//! writes are done here against the store's schema.

use super::bulk::Bulk;
use super::plan::{BranchRef, MemberAction, NewBranch, Plan, Planned};
use crate::date::YearMonth;
use crate::destination::{Destination, DestinationKind, Reason, RetentionNote, SystemCommittee};
use crate::id_number::{IdNumber, Sex};
use crate::member::{Marking, Politics, StudyStatus};
use crate::store::audit::{self, json, Chain, Change};
use crate::store::MemberInput;
use crate::Result;
use rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::Value;

fn ym(y: Option<YearMonth>) -> Option<String> {
    y.map(|y| y.to_string())
}

/// The audit record of a member an import creates: its fields with its destination and
/// marking, serialised straight to text (an import writes tens of thousands). Keys are in the
/// sorted order a `serde_json::Value` object gives, so the text is exactly what
/// `audit::json` of the member with those keys added would give.
#[derive(Serialize)]
struct Created<'a> {
    branch_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    cohort_year: Option<i32>,
    college: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    destination: Option<Sorted<'a>>,
    development_no: &'a Option<String>,
    dues_paid_to: Option<YearMonth>,
    ethnicity: &'a Option<String>,
    id_number: &'a IdNumber,
    identity_verified: bool,
    joined: Option<YearMonth>,
    league_post: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    marking: Option<Value>,
    mobile: &'a Option<String>,
    name: &'a str,
    politics: Politics,
    sex: Sex,
    status: StudyStatus,
    student_no: &'a Option<String>,
}

/// A destination with its keys in the sorted order of a `serde_json::Value` object (and so
/// of [`audit::json`]), serialised without building one.
#[derive(Serialize)]
struct Sorted<'a> {
    central_unit_in_beijing: bool,
    chosen_reason: Option<Reason>,
    details: Option<SortedDetails<'a>>,
    employer_has_org: bool,
    kind: DestinationKind,
    labor_dispatch: bool,
    note: Option<RetentionNote>,
    province: &'a Option<String>,
    retain_in_school: bool,
    system: Option<SystemCommittee>,
}

#[derive(Serialize)]
struct SortedDetails<'a> {
    address: &'a Option<String>,
    city: &'a Option<String>,
    study_level: &'a Option<String>,
    target_org: &'a Option<String>,
    unit_name: &'a Option<String>,
}

impl<'a> Sorted<'a> {
    fn new(d: &'a Destination) -> Sorted<'a> {
        Sorted {
            central_unit_in_beijing: d.central_unit_in_beijing,
            chosen_reason: d.chosen_reason,
            details: d.details.as_ref().map(|x| SortedDetails {
                address: &x.address,
                city: &x.city,
                study_level: &x.study_level,
                target_org: &x.target_org,
                unit_name: &x.unit_name,
            }),
            employer_has_org: d.employer_has_org,
            kind: d.kind,
            labor_dispatch: d.labor_dispatch,
            note: d.note,
            province: &d.province,
            retain_in_school: d.retain_in_school,
            system: d.system,
        }
    }
}

impl<'a> Created<'a> {
    fn new(m: &'a MemberInput) -> Created<'a> {
        Created {
            branch_id: m.branch_id,
            cohort_year: None,
            college: &m.college,
            destination: None,
            development_no: &m.development_no,
            dues_paid_to: m.dues_paid_to,
            ethnicity: &m.ethnicity,
            id_number: &m.id_number,
            identity_verified: m.identity_verified,
            joined: m.joined,
            league_post: m.league_post,
            marking: None,
            mobile: &m.mobile,
            name: &m.name,
            politics: m.politics,
            sex: m.sex,
            status: m.status,
            student_no: &m.student_no,
        }
    }
}

/// Writes the plan; returns the ids of the created branches.
pub fn apply(conn: &Connection, plan: &Plan, operator: &str) -> Result<Vec<i64>> {
    let mut w = Writer::new(conn, operator)?;
    w.branches(&plan.new_branches)?;
    for p in &plan.rows {
        w.row(p.clone())?;
    }
    w.finish(&plan.new_branches)
}

/// Writes planned rows as they come (a streamed sheet), inside the caller's transaction.
pub struct Writer<'c> {
    conn: &'c Connection,
    op: &'c str,
    at: String,
    chain: Chain<'c>,
    bulk: Bulk,
    branch_ids: Vec<i64>,
    text: Vec<u8>,
}

impl<'c> Writer<'c> {
    pub fn new(conn: &'c Connection, operator: &'c str) -> Result<Writer<'c>> {
        Ok(Writer {
            conn,
            op: crate::store::operator(operator)?,
            at: audit::now(),
            chain: Chain::start(conn)?,
            bulk: Bulk::new(conn)?,
            branch_ids: Vec::new(),
            text: Vec::with_capacity(1024),
        })
    }

    /// Creates the branches of `new` not created yet (their G1 date is set by
    /// [`Writer::finish`], once every row has been seen).
    pub fn branches(&mut self, new: &[NewBranch]) -> Result<()> {
        for b in new.iter().skip(self.branch_ids.len()) {
            self.conn
                .prepare_cached(
                    "INSERT INTO orgs (full_name, level, parent_id, kind) VALUES (?1, 'branch', ?2, 'ordinary')",
                )?
                .execute(params![b.full_name, b.parent_id])?;
            self.branch_ids.push(self.conn.last_insert_rowid());
        }
        Ok(())
    }

    /// Writes one row (its branch, if new, created by [`Writer::branches`] before).
    pub fn row(&mut self, p: Planned) -> Result<()> {
        let (conn, op, at) = (self.conn, self.op, self.at.as_str());
        let chain = &mut self.chain;
        let Planned {
            mut input,
            branch,
            action,
            destination,
            marking,
            ..
        } = p;
        if let BranchRef::New(i) = branch {
            input.branch_id =
                self.branch_ids.get(i).copied().ok_or_else(|| {
                    crate::Error::internal("导入时新建团支部的顺序错误".to_string())
                })?;
        }
        let member_id = match &action {
            MemberAction::Insert => {
                // A new member is one audit entry carrying its destination and marking too;
                // members, destinations and entries are written many rows at a time.
                let mut new = Created::new(&input);
                if let Some((year, d, _)) = &destination {
                    new.destination = Some(Sorted::new(d));
                    new.cohort_year = Some(*year);
                }
                if let Some((mk, _)) = &marking {
                    new.marking = Some(json(mk));
                }
                let text = &mut self.text;
                text.clear();
                serde_json::to_writer(&mut *text, &new)
                    .map_err(|e| crate::Error::internal(format!("审计记录无法生成：{e}")))?;
                let text = std::str::from_utf8(text)
                    .map_err(|e| crate::Error::internal(format!("审计记录无法生成：{e}")))?;
                let dest = destination.map(|(year, d, _)| (year, d));
                let id = self.bulk.member(conn, input, dest, at)?;
                if let Some((mk, _)) = &marking {
                    self.bulk.flush(conn, at)?;
                    write_marking(conn, id, mk, at, op)?;
                }
                chain.queue_raw(at, op, "member", id, "create", text)?;
                return Ok(());
            }
            MemberAction::Update { member_id, old } => {
                crate::store::members::update(conn, *member_id, &input, at)?;
                if let Some((before, after)) = audit::diff(&json(old.as_ref()), &json(&input)) {
                    chain.record(
                        at,
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
        if let Some((year, d, old)) = &destination {
            crate::store::destinations::write_row(conn, member_id, *year, d, at)?;
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
            chain.record(
                at,
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
        if let Some((mk, old)) = &marking {
            write_marking(conn, member_id, mk, at, op)?;
            chain.record(
                at,
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
        Ok(())
    }

    /// Marks the created branches with the date their rows agree on (G1), records their
    /// creation, and closes the audit chain. Returns the ids of the created branches.
    pub fn finish(mut self, new: &[NewBranch]) -> Result<Vec<i64>> {
        self.bulk.flush(self.conn, &self.at)?;
        for (b, id) in new.iter().zip(&self.branch_ids) {
            if b.graduates.is_some() {
                self.conn
                    .prepare_cached("UPDATE orgs SET graduates = ?1 WHERE id = ?2")?
                    .execute(params![ym(b.graduates), id])?;
            }
            let org = serde_json::json!({
                "id": id, "full_name": b.full_name, "level": "branch", "parent_id": b.parent_id,
                "kind": "ordinary", "graduates": ym(b.graduates), "source": "roster_import",
            });
            self.chain.record(
                &self.at,
                self.op,
                &Change {
                    entity: "org",
                    entity_id: Some(*id),
                    action: "create",
                    old: None,
                    new: Some(org),
                },
            )?;
        }
        self.chain.finish()?;
        Ok(self.branch_ids)
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::destination::{Destination, DestinationKind};

    /// The direct text of a created member is the text `audit::json` with keys added gives.
    #[test]
    fn created_text_matches_the_json_value_form() {
        let input = MemberInput {
            name: "张三".into(),
            sex: Sex::Male,
            ethnicity: Some("汉族".into()),
            id_number: IdNumber::parse("420502200403011236").unwrap_or_else(|e| panic!("{e}")),
            student_no: None,
            college: Some("第1学院".into()),
            branch_id: 7,
            joined: YearMonth::parse_strict("2019-05").ok(),
            development_no: Some("201900000001".into()),
            politics: Politics::League,
            league_post: true,
            mobile: None,
            dues_paid_to: None,
            identity_verified: true,
            status: StudyStatus::Graduating,
        };
        let dest = Destination {
            kind: DestinationKind::Study,
            employer_has_org: true,
            labor_dispatch: false,
            system: Some(SystemCommittee::Railway),
            province: Some("湖北".into()),
            central_unit_in_beijing: false,
            retain_in_school: true,
            note: Some(RetentionNote::RetakePostgradExam),
            chosen_reason: Some(Reason::R7),
            details: Some(crate::destination::DestinationDetails {
                study_level: Some("普通高校".into()),
                unit_name: Some("某大学".into()),
                address: None,
                target_org: Some("共青团某大学委员会".into()),
                city: Some("武汉".into()),
            }),
        };
        let mk = Marking::Teacher;
        for (with_dest, with_mark) in [(false, false), (true, false), (true, true), (false, true)] {
            let mut want = json(&input);
            let mut got = Created::new(&input);
            if let Value::Object(map) = &mut want {
                if with_dest {
                    map.insert("destination".into(), json(&dest));
                    map.insert("cohort_year".into(), 2026.into());
                    got.destination = Some(Sorted::new(&dest));
                    got.cohort_year = Some(2026);
                }
                if with_mark {
                    map.insert("marking".into(), json(&mk));
                    got.marking = Some(json(&mk));
                }
            }
            let got = serde_json::to_string(&got).unwrap_or_default();
            assert_eq!(got, want.to_string());
        }
    }
}
