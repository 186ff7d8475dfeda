//! The commit: writes the planned rows as they come, inside the caller's write transaction,
//! with audit entries in the store's shapes (`org`/`member`/`destination`/`marking`, old →
//! new; the members an import creates a thousand to an entry, [`audit::Records`]).
//!
//! The store's own `upsert_members` and `set_destination` each open a transaction; an import
//! must create branches, upsert members and record destinations and markings in ONE, so these
//! writes are done here against the store's schema.

use super::bulk::Bulk;
use super::plan::{BranchRef, MemberAction, NewBranch, Planned};
use crate::audit::{self, json, Chain, Change, RawChange};
use crate::MemberInput;
use rusqlite::{params, Connection};
use serde::Serialize;
use xianjie_domain::date::YearMonth;
use xianjie_domain::destination::{
    Destination, DestinationDetails, DestinationKind, Reason, RetentionNote, SystemCommittee,
};
use xianjie_domain::id_number::{IdNumber, Sex};
use xianjie_domain::member::{Marking, Politics, StudyStatus};
use xianjie_domain::Result;

/// The columns of the members an import creates, as its one audit entry lists them
/// ([`audit::Records`]): the member's fields, its destination's and its marking.
const CREATED_COLUMNS: &[&str] = &[
    "id",
    "name",
    "sex",
    "ethnicity",
    "id_number",
    "student_no",
    "college",
    "branch_id",
    "joined",
    "development_no",
    "politics",
    "league_post",
    "mobile",
    "dues_paid_to",
    "identity_verified",
    "status",
    "cohort_year",
    "destination.kind",
    "destination.employer_has_org",
    "destination.labor_dispatch",
    "destination.system",
    "destination.province",
    "destination.central_unit_in_beijing",
    "destination.retain_in_school",
    "destination.note",
    "destination.chosen_reason",
    "destination.details",
    "marking",
];

/// One created member in [`CREATED_COLUMNS`] order (a tuple struct serialises as a JSON
/// array), each value as `audit::json` of the member, destination or marking gives it.
#[derive(Serialize)]
struct Created<'a>(
    i64,
    &'a str,
    Sex,
    &'a Option<String>,
    &'a IdNumber,
    &'a Option<String>,
    &'a Option<String>,
    i64,
    Option<YearMonth>,
    &'a Option<String>,
    Politics,
    bool,
    &'a Option<String>,
    Option<YearMonth>,
    bool,
    StudyStatus,
    Option<i32>,
    Option<DestinationKind>,
    Option<bool>,
    Option<bool>,
    Option<SystemCommittee>,
    Option<&'a String>,
    Option<bool>,
    Option<bool>,
    Option<RetentionNote>,
    Option<Reason>,
    Option<&'a DestinationDetails>,
    Option<&'a Marking>,
);

impl<'a> Created<'a> {
    fn new(
        id: i64,
        m: &'a MemberInput,
        destination: Option<(i32, &'a Destination)>,
        marking: Option<&'a Marking>,
    ) -> Created<'a> {
        let d = destination.map(|(_, d)| d);
        Created(
            id,
            &m.name,
            m.sex,
            &m.ethnicity,
            &m.id_number,
            &m.student_no,
            &m.college,
            m.branch_id,
            m.joined,
            &m.development_no,
            m.politics,
            m.league_post,
            &m.mobile,
            m.dues_paid_to,
            m.identity_verified,
            m.status,
            destination.map(|(year, _)| year),
            d.map(|d| d.kind),
            d.map(|d| d.employer_has_org),
            d.map(|d| d.labor_dispatch),
            d.and_then(|d| d.system),
            d.and_then(|d| d.province.as_ref()),
            d.map(|d| d.central_unit_in_beijing),
            d.map(|d| d.retain_in_school),
            d.and_then(|d| d.note),
            d.and_then(|d| d.chosen_reason),
            d.and_then(|d| d.details.as_ref()),
            marking,
        )
    }
}

/// Writes planned rows as they come (a streamed sheet), inside the caller's transaction.
pub struct Writer<'c> {
    conn: &'c Connection,
    op: &'c str,
    at: String,
    chain: Chain<'c>,
    bulk: Bulk,
    /// The branches created, with the G1 date they were created with.
    branch_ids: Vec<(i64, Option<YearMonth>)>,
    /// The file and sheet the rows come from, for the audit entries.
    source: (String, String),
    /// The created members not yet in an audit entry, and the entries written so far.
    created: Option<audit::Records>,
    parts: usize,
}

/// Created members per audit entry: entries are written as the rows come (not all at the
/// end, after the sheet is read, where nothing else can run alongside), each small enough to
/// read.
const PART_ROWS: usize = 1_000;

impl<'c> Writer<'c> {
    pub fn new(conn: &'c Connection, operator: &'c str) -> Result<Writer<'c>> {
        Ok(Writer {
            conn,
            op: crate::operator(operator)?,
            at: audit::now(),
            chain: Chain::start(conn)?,
            bulk: Bulk::new(conn)?,
            branch_ids: Vec::new(),
            source: Default::default(),
            created: None,
            parts: 0,
        })
    }

    /// Names the file and sheet the rows come from (before the first row).
    pub fn source(&mut self, file: &str, sheet: &str) {
        self.source = (file.to_string(), sheet.to_string());
    }

    /// Creates the branches of `new` not created yet (their G1 date is set by
    /// [`Writer::finish`], once every row has been seen).
    pub fn branches(&mut self, new: &[NewBranch]) -> Result<()> {
        for b in new.iter().skip(self.branch_ids.len()) {
            let graduates = b.graduates.map(|g| g.to_string());
            self.conn
                .prepare_cached(
                    "INSERT INTO orgs (full_name, level, parent_id, kind, graduates, name_key) VALUES (?1, 'branch', ?2, 'ordinary', ?3, ?4)",
                )?
                .execute(params![
                    b.full_name,
                    b.parent_id,
                    graduates,
                    crate::orgs::name_key(&b.full_name)
                ])?;
            let id = self.conn.last_insert_rowid();
            self.branch_ids.push((id, b.graduates));
            let org = serde_json::json!({
                "id": id, "full_name": b.full_name, "level": "branch", "parent_id": b.parent_id,
                "kind": "ordinary", "graduates": graduates, "source": "roster_import",
            });
            self.chain.record(
                &self.at,
                self.op,
                &Change {
                    entity: "org",
                    entity_id: Some(id),
                    action: "create",
                    old: None,
                    new: Some(org),
                },
            )?;
        }
        Ok(())
    }

    /// Writes the audit entry of the created members not yet in one.
    fn created_entry(&mut self) -> Result<()> {
        let Some(created) = self.created.take() else {
            return Ok(());
        };
        self.parts += 1;
        let part = self.parts.to_string();
        let (file, sheet) = (&self.source.0, &self.source.1);
        let new = created.finish(&[("file", file), ("sheet", sheet), ("part", &part)])?;
        self.chain.record_raw(
            &self.at,
            self.op,
            &RawChange {
                entity: "member",
                entity_id: None,
                action: "import",
                old: None,
                new: Some(&new),
            },
        )
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
            input.branch_id = self.branch_ids.get(i).map(|b| b.0).ok_or_else(|| {
                xianjie_domain::Error::internal("导入时新建团支部的顺序错误".to_string())
            })?;
        }
        let member_id = match &action {
            MemberAction::Insert => {
                // New members are listed in one audit entry (with their destinations and
                // markings) by `finish`; their rows are written many at a time.
                let id = self.bulk.next_id();
                let created = match &mut self.created {
                    Some(c) => c,
                    None => self.created.insert(audit::Records::new(CREATED_COLUMNS)?),
                };
                created.push(&Created::new(
                    id,
                    &input,
                    destination.as_ref().map(|(year, d, _)| (*year, d)),
                    marking.as_ref().map(|(mk, _)| mk),
                ))?;
                let part_full = created.count() >= PART_ROWS;
                let dest = destination.map(|(year, d, _)| (year, d));
                let id = self.bulk.member(conn, input, dest, at)?;
                if let Some((mk, _)) = &marking {
                    self.bulk.flush(conn, at)?;
                    write_marking(conn, id, mk, at, op)?;
                }
                if part_full {
                    self.created_entry()?;
                }
                return Ok(());
            }
            MemberAction::Update { member_id, old } => {
                crate::members::update(conn, *member_id, &input, at)?;
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
            crate::destinations::write_row(conn, member_id, *year, d, at)?;
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

    /// Withdraws the G1 date of a created branch whose rows name different 毕业时间 (each was
    /// created with its first row's), records the last created members, and closes the
    /// audit chain. Returns the ids of the created branches.
    pub fn finish(mut self, new: &[NewBranch]) -> Result<Vec<i64>> {
        self.bulk.flush(self.conn, &self.at)?;
        self.created_entry()?;
        for (b, (id, created_with)) in new.iter().zip(&self.branch_ids) {
            if b.graduates == *created_with {
                continue;
            }
            let graduates = b.graduates.map(|g| g.to_string());
            self.conn
                .prepare_cached("UPDATE orgs SET graduates = ?1 WHERE id = ?2")?
                .execute(params![graduates, id])?;
            self.chain.record(
                &self.at,
                self.op,
                &Change {
                    entity: "org",
                    entity_id: Some(*id),
                    action: "update",
                    old: Some(serde_json::json!({ "graduates": created_with })),
                    new: Some(serde_json::json!({
                        "graduates": graduates,
                        "source": "roster_import",
                        "note": "名单中该团支部各行的毕业时间不一致，不标记毕业时间（G1）",
                    })),
                },
            )?;
        }
        self.chain.finish()?;
        Ok(self.branch_ids.into_iter().map(|b| b.0).collect())
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
    use xianjie_domain::destination::{Destination, DestinationKind};

    /// A created member as the import's entry lists it is the member, destination and
    /// marking as `audit::json` gives them, column by column.
    #[test]
    fn created_rows_read_back_as_the_json_value_form() {
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
            details: Some(xianjie_domain::destination::DestinationDetails {
                study_level: Some("普通高校".into()),
                unit_name: Some("某大学".into()),
                address: None,
                target_org: Some("共青团某大学委员会".into()),
                city: Some("武汉".into()),
            }),
        };
        let mk = Marking::Teacher;
        let cases = [(false, false), (true, false), (true, true), (false, true)];
        let mut records = audit::Records::new(CREATED_COLUMNS).unwrap_or_else(|e| panic!("{e}"));
        for (i, (with_dest, with_mark)) in cases.iter().enumerate() {
            let d = with_dest.then_some((2026, &dest));
            let m = with_mark.then_some(&mk);
            let pushed = records.push(&Created::new(100 + i as i64, &input, d, m));
            pushed.unwrap_or_else(|e| panic!("{e}"));
        }
        let text = records
            .finish(&[("file", "名单.xlsx"), ("sheet", "Sheet1")])
            .unwrap_or_else(|e| panic!("{e}"));
        let entry: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert_eq!(entry["file"], "名单.xlsx");
        assert_eq!(entry["count"], 4);
        let rows = audit::records(&entry).unwrap_or_else(|| panic!("{text}"));
        assert_eq!(rows.len(), 4);
        let member = json(&input);
        let member = member.as_object().unwrap_or_else(|| panic!("{member}"));
        let destination = json(&dest);
        let destination = destination
            .as_object()
            .unwrap_or_else(|| panic!("{destination}"));
        for (i, ((with_dest, with_mark), row)) in cases.iter().zip(&rows).enumerate() {
            assert_eq!(row.len(), CREATED_COLUMNS.len());
            assert_eq!(row["id"], 100 + i as i64);
            for (k, v) in member {
                assert_eq!(&row[k], v, "{k}");
            }
            for (k, v) in destination {
                let want = if *with_dest {
                    v.clone()
                } else {
                    serde_json::Value::Null
                };
                assert_eq!(row[&format!("destination.{k}")], want, "{k}");
            }
            let year = if *with_dest {
                2026.into()
            } else {
                serde_json::Value::Null
            };
            assert_eq!(row["cohort_year"], year);
            let marking = if *with_mark {
                json(&mk)
            } else {
                serde_json::Value::Null
            };
            assert_eq!(row["marking"], marking);
        }
    }
}
