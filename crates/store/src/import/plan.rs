//! The dry run: what a commit of the checked rows would do, computed against the store.
//!
//! [`plan`] reads only. A commit computes the same plan inside its write transaction and hands
//! it to [`super::apply`], so the counts a dry run reports are exactly what a commit does.

use crate::MemberInput;
use rusqlite::{Connection, OptionalExtension};
use rustc_hash::{FxHashMap, FxHashSet};
use xianjie_domain::date::YearMonth;
use xianjie_domain::destination::Destination;
use xianjie_domain::id_number::{IdNumber, Sex};
use xianjie_domain::member::{Marking, Politics, StudyStatus};
use xianjie_domain::org::OrgLevel;
use xianjie_domain::{Error, Result};
use xianjie_sheet::validate::{Checked, Issue, RosterRow};
use xianjie_sheet::workbook::Table;
use xianjie_sheet::Field;

/// Where a row's branch comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BranchRef {
    Existing(i64),
    /// Index into [`Plan::new_branches`].
    New(usize),
}

/// What happens to a row's member record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberAction {
    Insert,
    Update {
        member_id: i64,
        old: Box<MemberInput>,
    },
    Keep {
        member_id: i64,
    },
}

/// One valid row and what a commit does with it.
#[derive(Debug, Clone)]
pub struct Planned {
    pub row: u32,
    /// `branch_id` is 0 while the branch is still to be created.
    pub input: MemberInput,
    pub branch: BranchRef,
    pub action: MemberAction,
    /// The destination to record for (cohort year, facts), with what is stored now.
    pub destination: Option<(i32, Destination, Option<Destination>)>,
    /// The marking to set, with what is stored now.
    pub marking: Option<(Marking, Option<Marking>)>,
}

impl Planned {
    /// True when the commit writes anything for this row.
    pub fn changes(&self) -> bool {
        !matches!(self.action, MemberAction::Keep { .. })
            || self.destination.is_some()
            || self.marking.is_some()
    }
}

/// A branch to create under the chosen parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBranch {
    pub full_name: String,
    pub parent_id: i64,
    /// G1, when every row of the branch names the same 毕业时间 (while rows are planned: the
    /// first row's).
    pub graduates: Option<YearMonth>,
}

/// What a commit would do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub rows: Vec<Planned>,
    pub new_branches: Vec<NewBranch>,
    /// Branches named in the file that do not exist (and are not created).
    pub missing_branches: Vec<String>,
    /// Problems found against the store (M2 conflicts, missing branches, M3 dates).
    pub errors: Vec<Issue>,
    /// Cautions found against the store: a development number another stored member holds
    /// (被占用, 003 #76); the row is imported.
    pub warnings: Vec<Issue>,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
}

struct BranchInfo {
    id: i64,
    level: OrgLevel,
    graduates: Option<YearMonth>,
}

/// The org named `name` once folded (`orgs.name_key`): “（东校区）” finds “(东校区)”.
fn branch_info(conn: &Connection, name: &str) -> Result<Option<BranchInfo>> {
    Ok(conn
        .prepare_cached("SELECT id, level, graduates FROM orgs WHERE name_key = ?1")?
        .query_row([crate::orgs::name_key(name)], |r| {
            let level: String = r.get(1)?;
            let graduates: Option<String> = r.get(2)?;
            Ok(BranchInfo {
                id: r.get(0)?,
                level: OrgLevel::from_code(&level).unwrap_or(OrgLevel::Committee),
                graduates: graduates.and_then(|g| YearMonth::parse_strict(&g).ok()),
            })
        })
        .optional()?)
}

/// A stored member's own fields and marking.
struct Stored {
    id: i64,
    input: MemberInput,
    marking: Option<Marking>,
}

fn stored(conn: &Connection, id_number: &IdNumber) -> Result<Option<Stored>> {
    let ym = |s: Option<String>| s.and_then(|s| YearMonth::parse_strict(&s).ok());
    Ok(conn
        .prepare_cached(
            "SELECT m.id, m.name, m.sex, m.ethnicity, m.student_no, m.college, m.branch_id, \
             m.joined, m.development_no, m.politics, m.league_post, m.mobile, m.dues_paid_to, \
             m.identity_verified, m.status, mk.kind, mk.graduates, mk.reason \
             FROM members m LEFT JOIN markings mk ON mk.member_id = m.id WHERE m.id_number = ?1",
        )?
        .query_row([id_number.as_str()], |r| {
            let sex: String = r.get(2)?;
            let politics: String = r.get(9)?;
            let status: String = r.get(14)?;
            let kind: Option<String> = r.get(15)?;
            let marking = match kind.as_deref() {
                Some("teacher") => Some(Marking::Teacher),
                Some("deferred") => ym(r.get(16)?).map(|graduates| Marking::Deferred {
                    graduates,
                    reason: r
                        .get::<_, Option<String>>(17)
                        .ok()
                        .flatten()
                        .unwrap_or_default(),
                }),
                _ => None,
            };
            Ok(Stored {
                id: r.get(0)?,
                input: MemberInput {
                    name: r.get(1)?,
                    sex: if sex == "female" {
                        Sex::Female
                    } else {
                        Sex::Male
                    },
                    ethnicity: r.get(3)?,
                    id_number: id_number.clone(),
                    student_no: r.get(4)?,
                    college: r.get(5)?,
                    branch_id: r.get(6)?,
                    joined: ym(r.get(7)?),
                    development_no: r.get(8)?,
                    politics: Politics::from_code(&politics).unwrap_or(Politics::League),
                    league_post: r.get(10)?,
                    mobile: r.get(11)?,
                    dues_paid_to: ym(r.get(12)?),
                    identity_verified: r.get(13)?,
                    status: StudyStatus::from_code(&status).unwrap_or(StudyStatus::Graduating),
                },
                marking,
            })
        })
        .optional()?)
}

fn stored_destination(conn: &Connection, member_id: i64, year: i32) -> Result<Option<Destination>> {
    Ok(conn
        .prepare_cached(
            "SELECT kind, employer_has_org, labor_dispatch, system, province, \
             central_unit_in_beijing, retain_in_school, note, chosen_reason, has_details, \
             study_level, unit_name, address, target_org, city \
             FROM destinations WHERE member_id = ?1 AND cohort_year = ?2",
        )?
        .query_row(rusqlite::params![member_id, year], |r| {
            use xianjie_domain::destination::{
                DestinationDetails, DestinationKind, Reason, RetentionNote, SystemCommittee,
            };
            let code = |i: usize| r.get::<_, Option<String>>(i);
            let kind: String = r.get(0)?;
            let has_details: bool = r.get(9)?;
            Ok(DestinationKind::from_code(&kind).map(|kind| Destination {
                kind,
                employer_has_org: r.get(1).unwrap_or(true),
                labor_dispatch: r.get(2).unwrap_or(false),
                system: code(3)
                    .ok()
                    .flatten()
                    .and_then(|s| SystemCommittee::from_code(&s)),
                province: code(4).ok().flatten(),
                central_unit_in_beijing: r.get(5).unwrap_or(false),
                retain_in_school: r.get(6).unwrap_or(false),
                note: code(7)
                    .ok()
                    .flatten()
                    .and_then(|s| RetentionNote::from_code(&s)),
                chosen_reason: code(8).ok().flatten().and_then(|s| Reason::from_code(&s)),
                details: has_details.then(|| DestinationDetails {
                    study_level: code(10).ok().flatten(),
                    unit_name: code(11).ok().flatten(),
                    address: code(12).ok().flatten(),
                    target_org: code(13).ok().flatten(),
                    city: code(14).ok().flatten(),
                }),
            }))
        })
        .optional()?
        .flatten())
}

fn issue(
    table: &Table,
    (row, name): (u32, &str),
    field: Field,
    value: &str,
    message: String,
) -> Issue {
    Issue {
        row,
        name: name.to_string(),
        column: table
            .column(field)
            .map(|c| c.label())
            .unwrap_or_else(|| field.label().to_string()),
        value: value.to_string(),
        message,
    }
}

/// What a branch created by the import will be marked with (G1): the 毕业时间 every one of
/// its rows names, if they agree.
#[derive(Debug, Clone, Copy)]
enum Agreed {
    None,
    Same(Option<YearMonth>),
    Mixed,
}

/// A stored member holding a development number: whose, for the 被占用 check.
struct Holder {
    id_key: u64,
    member_id: i64,
    name: String,
}

/// Plans rows one at a time as they arrive (a streamed sheet) and sums up at the end.
pub struct Planner {
    parent: Option<i64>,
    /// By the branch name's folded key: the rows may type its brackets either way.
    branches: FxHashMap<String, Option<(BranchRef, Option<YearMonth>)>>,
    agreed: Vec<Agreed>,
    /// The ID numbers stored before the import: a row whose number is not among them is new
    /// without a query (a first import of 50,000 rows asked 50,000 times for nothing).
    known: FxHashSet<u64>,
    /// The development numbers stored before the import and who holds each.
    holders: FxHashMap<String, Holder>,
    /// 被占用 against the store, with the holder's ID key: decided by `finish`, once it is
    /// known whether the holder's own row in the file changes the number (then no conflict)
    /// or keeps it (then the file's own check has said it).
    occupied: Vec<(Issue, u64)>,
    /// The ID keys of the stored members the file's planned rows are about.
    in_file: FxHashSet<u64>,
    /// The summary so far; `rows` stays empty (the caller keeps what it needs).
    pub plan: Plan,
}

impl Planner {
    /// `create_under` names the org under which missing branches are created (the commit
    /// creates them); without it they are listed and their rows refused.
    pub fn new(conn: &Connection, create_under: Option<&str>) -> Result<Planner> {
        let parent = match create_under {
            None => None,
            Some(name) => {
                let name = xianjie_domain::text::keep(name);
                let info = branch_info(conn, &name)?.ok_or_else(|| {
                    Error::not_found(format!(
                        "找不到上级团组织“{name}”（新建团支部要放在它下面）"
                    ))
                })?;
                if info.level == OrgLevel::Branch {
                    return Err(Error::invalid(format!(
                        "“{name}”是团支部，不能在其下创建团支部"
                    )));
                }
                Some(info.id)
            }
        };
        // A stored text that is no ID number's (none should be) equals no row's number.
        let mut known = FxHashSet::default();
        let mut stmt = conn.prepare("SELECT id_number FROM members")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(k) = xianjie_domain::id_number::key_of(r.get_ref(0)?.as_str().unwrap_or(""))
            {
                known.insert(k);
            }
        }
        let mut holders = FxHashMap::default();
        let mut stmt = conn.prepare(
            "SELECT development_no, id_number, id, name FROM members \
             WHERE development_no IS NOT NULL ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (Some(number), Some(id_key)) = (
                r.get_ref(0)?.as_str().ok(),
                xianjie_domain::id_number::key_of(r.get_ref(1)?.as_str().unwrap_or("")),
            ) else {
                continue;
            };
            holders.entry(number.to_string()).or_insert(Holder {
                id_key,
                member_id: r.get(2)?,
                name: r.get(3)?,
            });
        }
        Ok(Planner {
            parent,
            branches: FxHashMap::default(),
            agreed: Vec::new(),
            known,
            holders,
            occupied: Vec::new(),
            in_file: FxHashSet::default(),
            plan: Plan::default(),
        })
    }

    /// Plans one valid row; `None` when the row is refused (the error is recorded).
    pub fn row(
        &mut self,
        conn: &Connection,
        table: &Table,
        r: RosterRow,
    ) -> Result<Option<Planned>> {
        // Looked up by its folded key without a copy; created, if it must be, with the name
        // as the first row naming it typed it.
        let key = xianjie_domain::text::clean_cow(&r.branch);
        let key: &str = &key;
        let name = r.branch.as_str();
        if !self.branches.contains_key(key) {
            let found = match branch_info(conn, key)? {
                Some(b) if b.level == OrgLevel::Branch => {
                    Some((BranchRef::Existing(b.id), b.graduates))
                }
                Some(_) => None,
                None => match self.parent {
                    Some(parent_id) => {
                        // Created with its first row's 毕业时间 (G1); withdrawn by `finish`
                        // should a later row name another.
                        self.plan.new_branches.push(NewBranch {
                            full_name: name.to_string(),
                            parent_id,
                            graduates: r.graduates,
                        });
                        self.agreed.push(Agreed::None);
                        Some((BranchRef::New(self.plan.new_branches.len() - 1), None))
                    }
                    None => {
                        self.plan.missing_branches.push(name.to_string());
                        None
                    }
                },
            };
            self.branches.insert(key.to_string(), found);
        }
        let Some((branch, branch_date)) = self.branches.get(key).copied().flatten() else {
            let missing = |m: &String| xianjie_domain::text::same(m, name);
            let msg = if self.plan.missing_branches.iter().any(missing) {
                format!("团支部“{name}”在库中不存在（先建立该团支部，或导入时选择自动新建）")
            } else {
                format!("“{name}”不是团支部，团员只能属于团支部")
            };
            self.plan.errors.push(issue(
                table,
                (r.row, &r.member.name),
                Field::Branch,
                &r.branch,
                msg,
            ));
            return Ok(None);
        };
        if let BranchRef::New(i) = branch {
            if let Some(a) = self.agreed.get_mut(i) {
                *a = match *a {
                    Agreed::None => Agreed::Same(r.graduates),
                    Agreed::Same(d) if d == r.graduates => Agreed::Same(d),
                    _ => Agreed::Mixed,
                };
            }
        }
        let known = self.known.contains(&r.member.id_number.key());
        let planned = plan_row(
            conn,
            table,
            r,
            (branch, branch_date),
            known,
            &mut self.plan.errors,
        )?;
        if let Some(p) = &planned {
            match p.action {
                MemberAction::Insert => self.plan.inserted += 1,
                _ if p.changes() => self.plan.updated += 1,
                _ => self.plan.unchanged += 1,
            }
            self.occupied_in_store(table, p);
        }
        Ok(planned)
    }

    /// 被占用 against the store: the row's development number held by another stored member.
    fn occupied_in_store(&mut self, table: &Table, p: &Planned) {
        let id_key = p.input.id_number.key();
        self.in_file.insert(id_key);
        let Some(number) = p.input.development_no.as_deref() else {
            return;
        };
        let Some(h) = self.holders.get(number).filter(|h| h.id_key != id_key) else {
            return;
        };
        let other = format!("库中团员“{}”（记录编号 {}）", h.name, h.member_id);
        let warning = issue(
            table,
            (p.row, &p.input.name),
            Field::DevelopmentNo,
            number,
            xianjie_sheet::validate::occupied_message(number, &other),
        );
        self.occupied.push((warning, h.id_key));
    }

    /// The summary, with the G1 date of each created branch decided.
    pub fn finish(mut self) -> Plan {
        for (b, a) in self.plan.new_branches.iter_mut().zip(&self.agreed) {
            b.graduates = match a {
                Agreed::Same(d) => *d,
                Agreed::None | Agreed::Mixed => None,
            };
        }
        self.plan.errors.sort_by_key(|e| e.row);
        // A holder whose own row is in the file either gives the number up (no conflict) or
        // keeps it (the file's check warned of both rows): only holders outside it remain.
        let in_file = &self.in_file;
        self.plan.warnings.extend(
            self.occupied
                .drain(..)
                .filter(|(_, holder)| !in_file.contains(holder))
                .map(|(w, _)| w),
        );
        self.plan.warnings.sort_by_key(|w| w.row);
        self.plan
    }
}

/// Compares the checked rows with the store (a whole sheet at once).
pub fn plan(
    conn: &Connection,
    table: &Table,
    checked: &Checked,
    create_under: Option<&str>,
) -> Result<Plan> {
    let mut planner = Planner::new(conn, create_under)?;
    let mut rows = Vec::with_capacity(checked.valid.len());
    for r in &checked.valid {
        rows.extend(planner.row(conn, table, r.clone())?);
    }
    let mut plan = planner.finish();
    plan.rows = rows;
    Ok(plan)
}

fn plan_row(
    conn: &Connection,
    table: &Table,
    r: RosterRow,
    (branch, branch_date): (BranchRef, Option<YearMonth>),
    known: bool,
    errors: &mut Vec<Issue>,
) -> Result<Option<Planned>> {
    let m = r.member;
    let input = MemberInput {
        name: m.name,
        sex: m.sex,
        ethnicity: m.ethnicity,
        id_number: m.id_number,
        student_no: m.student_no,
        college: m.college,
        branch_id: match branch {
            BranchRef::Existing(id) => id,
            BranchRef::New(_) => 0,
        },
        joined: m.joined,
        development_no: m.development_no,
        politics: m.politics,
        league_post: m.league_post,
        mobile: m.mobile,
        dues_paid_to: m.dues_paid_to,
        identity_verified: m.identity_verified,
        status: m.status,
    };
    // The checks gave every text as the store keeps it (names as typed, numbers folded).
    debug_assert_eq!(input, input.clone().into_normalized());
    let before = if known {
        stored(conn, &input.id_number)?
    } else {
        None
    };
    if let Some(s) = &before {
        // M2: the same ID number under another name is a second person or a typo, never an
        // overwrite.
        if !xianjie_domain::text::same(&s.input.name, &input.name) {
            errors.push(issue(
                table,
                (r.row, &input.name),
                Field::IdNumber,
                input.id_number.as_str(),
                format!(
                    "身份证号 {} 在库中已属于“{}”，与本行姓名“{}”不同；同一身份证号只能有一条团员记录（M2），请核对后再导入",
                    input.id_number.masked(),
                    s.input.name,
                    input.name
                ),
            ));
            return Ok(None);
        }
    }
    let cohort_date = r.graduates.or(branch_date);
    let destination = match r.destination {
        None => None,
        Some(d) => {
            let Some(year) = cohort_date.map(|g| g.year()) else {
                errors.push(issue(
                    table,
                    (r.row, &input.name),
                    Field::Destination,
                    d.kind.label(),
                    "无法确定届别：请填写毕业时间，或先标记该团支部的毕业时间（G1）".into(),
                ));
                return Ok(None);
            };
            let old = match &before {
                Some(s) => stored_destination(conn, s.id, year)?,
                None => None,
            };
            (old.as_ref() != Some(&d)).then_some((year, d, old))
        }
    };
    let marking = match r.marking {
        None => None,
        Some(mk) => {
            if let (Marking::Deferred { graduates, .. }, Some(b)) = (&mk, branch_date) {
                if *graduates <= b {
                    errors.push(issue(
                        table,
                        (r.row, &input.name),
                        Field::DeferredUntil,
                        &graduates.to_string(),
                        format!(
                            "延迟毕业时间{}应晚于团支部毕业时间{}（M3）",
                            graduates.chinese(),
                            b.chinese()
                        ),
                    ));
                    return Ok(None);
                }
            }
            let old = before.as_ref().and_then(|s| s.marking.clone());
            (old.as_ref() != Some(&mk)).then_some((mk, old))
        }
    };
    let action = match before {
        None => MemberAction::Insert,
        Some(s) => {
            let mut now = input.clone();
            if let BranchRef::Existing(_) = branch {
            } else {
                now.branch_id = -1;
            }
            if s.input.normalized() == now {
                MemberAction::Keep { member_id: s.id }
            } else {
                MemberAction::Update {
                    member_id: s.id,
                    old: Box::new(s.input.normalized()),
                }
            }
        }
    };
    Ok(Some(Planned {
        row: r.row,
        input,
        branch,
        action,
        destination,
        marking,
    }))
}
