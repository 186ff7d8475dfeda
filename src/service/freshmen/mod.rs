//! 新生转入 (issue 24, rules.md §9): the September half, as both doors drive it — the
//! freshmen list imported (every row checked first, one transaction, audited, the class
//! branches created in the office's pattern), the engine's advice for every new student
//! (`engine::incoming::advise` with the year's settings), their transfers in
//! ([`transfers`]), the letters they brought and the 回执 returned ([`letters`]), and the
//! numbers 工作台 shows ([`dashboard`]).

pub mod dashboard;
pub mod letters;
pub mod transfers;

use super::import::ImportIssue;
use super::view::{count, Choice};
use super::Context;
use crate::engine::incoming::{advise, IncomingAdvice, IncomingSettings};
use crate::engine::Membership;
use crate::freshman::{transfer_key, BranchPattern, Freshman, LetterSeen};
use crate::org::{Org, OrgLevel};
use crate::sheet::freshmen as sheet;
use crate::store::freshmen::{FreshmanLetter, NewClassBranch};
use crate::transfer::{Ledger, Transfer};
use crate::Watch;
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// An import of a freshmen list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FreshmenImportRequest {
    pub file: String,
    /// The campaign year that receives them (the enrolment's year).
    pub year: i32,
    /// Full name of the committee under which missing class branches are created (null: the
    /// rows stay without a branch and the missing ones are listed).
    #[serde(default)]
    pub create_branches_under: Option<String>,
    /// Report only; write nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// What an import did, or (dry run) would do. With any error nothing is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FreshmenImport {
    pub file: String,
    pub sheet: String,
    pub header_row: u32,
    pub year: i32,
    pub rows: u32,
    pub inserted: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Every problem of the file (row, column, value): any one refuses the whole file.
    pub errors: Vec<ImportIssue>,
    pub warnings: Vec<ImportIssue>,
    /// Class branches the list's students go into that do not exist (not created).
    pub missing_branches: Vec<String>,
    /// Class branches created under `create_branches_under` (or that would be, in a dry run).
    pub created_branches: Vec<String>,
    /// The office's pattern the class names were completed with, as an example name.
    pub pattern: Option<String>,
    /// Students without a class or a branch in the list.
    pub without_branch: u32,
    pub dry_run: bool,
    pub committed: bool,
}

fn issues(sheet: &str, v: Vec<crate::sheet::Issue>) -> Vec<ImportIssue> {
    v.into_iter()
        .map(|i| ImportIssue {
            sheet: sheet.to_string(),
            row: i.row,
            column: i.column,
            value: i.value,
            message: i.message,
            name: i.name,
            missing_branch: false,
        })
        .collect()
}

/// The orgs under `parent` (at any depth) that are branches.
fn branches_under(orgs: &[Org], parent: i64) -> Vec<&Org> {
    let parent_of: HashMap<i64, Option<i64>> = orgs.iter().map(|o| (o.id, o.parent_id)).collect();
    orgs.iter()
        .filter(|o| o.level == OrgLevel::Branch)
        .filter(|o| {
            let mut at = o.parent_id;
            let mut hops = 0;
            while let Some(p) = at {
                if p == parent {
                    return true;
                }
                hops += 1;
                if hops > 64 {
                    break;
                }
                at = parent_of.get(&p).copied().flatten();
            }
            false
        })
        .collect()
}

/// The office's pattern of class branch names under `parent` (rules.md §9, N1).
pub fn pattern_under(orgs: &[Org], parent: &Org) -> BranchPattern {
    let names: Vec<&str> = branches_under(orgs, parent.id)
        .iter()
        .map(|o| o.full_name.as_str())
        .collect();
    BranchPattern::derive(&parent.full_name, &names)
}

/// The committee new class branches belong under: the one named (it must exist and not be a
/// branch), else the office's own committee.
fn parent_org(ctx: &Context, named: Option<&str>) -> Result<Option<Org>> {
    match named.map(str::trim).filter(|s| !s.is_empty()) {
        Some(n) => match ctx.store().org_by_full_name(n)? {
            Some(o) if o.level == OrgLevel::Branch => Err(Error::invalid(format!(
                "--create-branches-under：“{n}”是团支部，团支部下不能再建团支部；请给出学院团委（团总支）的全称"
            ))),
            Some(o) => Ok(Some(o)),
            None => Err(Error::not_found(format!(
                "--create-branches-under：组织树中没有“{n}”（请给出与智慧团建一致的团委全称）"
            ))),
        },
        None => Ok(super::office::load(ctx)?.issuer),
    }
}

/// Imports (or, dry run, checks) a freshmen list: every row is checked before anything is
/// written; any error refuses the whole file. The class branches are the list's 团支部
/// column, else its 班级 in the office's pattern (derived from the committee's branch names);
/// with `create_branches_under` the missing ones are created in the same transaction, else
/// they are listed. A snapshot is taken before the write; the write is audited.
pub fn import(
    ctx: &mut Context,
    req: &FreshmenImportRequest,
    watch: &Watch<'_>,
) -> Result<FreshmenImport> {
    crate::transfer::CampaignSettings::defaults(req.year).validate()?;
    let path = Path::new(&req.file);
    // Three phases the window shows: read, check, write (the write is one transaction).
    watch.step(0, 3, || format!("正在读取新生名单 {}", req.file));
    let table = sheet::read(path)?;
    watch.check()?;
    watch.step(1, 3, || format!("正在校验“{}”的每一行", table.sheet));
    let checked = sheet::check(&table, req.year, ctx.today());
    if checked.rows == 0 {
        return Err(Error::invalid(format!(
            "“{}”的工作表“{}”在表头（第{}行）下没有任何数据行",
            table.file, table.sheet, table.header_row
        )));
    }
    let parent = parent_org(ctx, req.create_branches_under.as_deref())?;
    let orgs = ctx.store().orgs()?;
    let pattern = parent.as_ref().map(|p| pattern_under(&orgs, p));
    let by_key: HashMap<String, &Org> = orgs
        .iter()
        .map(|o| (crate::text::clean(&o.full_name), o))
        .collect();
    let mut errors = checked.errors;
    let mut rows: Vec<Freshman> = Vec::with_capacity(checked.valid.len());
    let mut missing: Vec<String> = Vec::new();
    let mut without_branch = 0usize;
    for r in checked.valid {
        let mut f = r.freshman;
        if f.branch.is_none() {
            if let (Some(p), Some(class)) = (&pattern, f.class.as_deref()) {
                f.branch = Some(p.name(req.year, f.major.as_deref(), class));
            }
        }
        match f.branch.as_deref() {
            None => without_branch += 1,
            Some(b) => match by_key.get(&crate::text::clean(b)) {
                Some(o) if o.level == OrgLevel::Branch => {
                    // Kept as the tree writes it.
                    f.branch = Some(o.full_name.clone());
                }
                Some(_) => errors.push(crate::sheet::Issue {
                    row: r.row,
                    column: "团支部".into(),
                    value: b.to_string(),
                    message: format!("“{b}”在组织树中不是团支部：新生须转入其班级团支部（N3）"),
                    name: f.name.clone(),
                }),
                None => {
                    if !missing.iter().any(|m| crate::text::same(m, b)) {
                        missing.push(b.to_string());
                    }
                }
            },
        }
        rows.push(f);
    }
    errors.sort_by_key(|e| e.row);
    let create = req.create_branches_under.is_some();
    let new_branches: Vec<NewClassBranch> = match (&parent, create) {
        (Some(p), true) => missing
            .iter()
            .map(|n| NewClassBranch {
                full_name: n.clone(),
                parent_id: p.id,
            })
            .collect(),
        _ => Vec::new(),
    };
    let counts = crate::store::freshmen::plan(ctx.store(), req.year, &rows)?;
    let mut out = FreshmenImport {
        file: table.file.clone(),
        sheet: table.sheet.clone(),
        header_row: table.header_row,
        year: req.year,
        rows: count(checked.rows),
        inserted: count(counts.inserted),
        updated: count(counts.updated),
        unchanged: count(counts.unchanged),
        errors: issues(&table.sheet, errors),
        warnings: issues(&table.sheet, checked.warnings),
        missing_branches: if create { Vec::new() } else { missing },
        created_branches: new_branches.iter().map(|b| b.full_name.clone()).collect(),
        pattern: pattern
            .as_ref()
            .map(|p| p.name(req.year, Some("某专业"), "1班")),
        without_branch: count(without_branch),
        dry_run: req.dry_run,
        committed: false,
    };
    if !out.errors.is_empty() {
        // Nothing half-imported: the file is refused whole.
        out.inserted = 0;
        out.updated = 0;
        out.unchanged = 0;
        out.created_branches.clear();
        return Ok(out);
    }
    if req.dry_run {
        return Ok(out);
    }
    watch.check()?;
    watch.step(2, 3, || format!("正在写入 {} 名新生", rows.len()));
    let op = ctx.operator().to_string();
    ctx.store().snapshot(crate::store::backup::Reason::Import)?;
    let file = path
        .file_name()
        .map_or_else(|| req.file.clone(), |n| n.to_string_lossy().into_owned());
    let done = crate::store::freshmen::import(
        ctx.store_mut(),
        req.year,
        &rows,
        &new_branches,
        &file,
        &op,
    )?;
    out.inserted = count(done.inserted);
    out.updated = count(done.updated);
    out.unchanged = count(done.unchanged);
    out.committed = true;
    watch.step(3, 3, || "新生名单已写入".to_string());
    Ok(out)
}

/// One notice as the contract writes it (`{rule, text}`), with the rule's title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleText {
    pub rule: String,
    pub text: String,
}

fn notices(v: &[crate::engine::Notice]) -> Vec<RuleText> {
    v.iter()
        .map(|n| RuleText {
            rule: n.rule.as_str().to_string(),
            text: n.text.to_string(),
        })
        .collect()
}

/// N1's dates of one student.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeadlineView {
    pub enrolled: Option<String>,
    pub start_by: Option<String>,
    pub done_by: String,
}

/// A paper the office asks for, keeps or sends back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentView {
    pub title: String,
    pub from: String,
    pub rule: String,
}

/// N8's line for the school's administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SchoolAdminView {
    pub student_number: Option<String>,
    pub branch: Option<String>,
}

/// The engine's advice with the keys of the recommend contract's incoming lines
/// (docs/contract.md「新生案例」).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AdviceView {
    pub action: String,
    pub action_label: String,
    pub blocked: bool,
    pub reason: String,
    /// `member`, `over_age`, `joined_under14` or `masses`.
    pub membership: String,
    /// N10: in the incoming side's denominator.
    pub counts_in_rate: bool,
    pub transfer_reason: Option<String>,
    pub target: String,
    pub deadline: Option<DeadlineView>,
    pub steps: Vec<RuleText>,
    pub documents: Vec<DocumentView>,
    pub fields: Vec<String>,
    pub school_admin: Option<SchoolAdminView>,
    pub rules: Vec<String>,
    pub blocks: Vec<RuleText>,
    pub warnings: Vec<RuleText>,
    pub tips: Vec<RuleText>,
    pub age: i32,
}

/// The contract's code of a membership (`member`, `over_age`…).
pub fn membership_code(m: Membership) -> &'static str {
    match m {
        Membership::Member => "member",
        Membership::OverAge => "over_age",
        Membership::JoinedUnder14 => "joined_under14",
        Membership::Masses => "masses",
    }
}

impl From<&IncomingAdvice> for AdviceView {
    fn from(a: &IncomingAdvice) -> Self {
        Self {
            action: a.action.code().into(),
            action_label: a.action.label().into(),
            blocked: a.blocked,
            reason: a.reason.to_string(),
            membership: membership_code(a.membership).into(),
            counts_in_rate: a.counts_in_rate,
            transfer_reason: a.transfer_reason.map(|r| r.code().to_string()),
            target: a.target.to_string(),
            deadline: a.deadline.as_ref().map(|d| DeadlineView {
                enrolled: d.enrolled.map(|x| x.to_string()),
                start_by: d.start_by.map(|x| x.to_string()),
                done_by: d.done_by.to_string(),
            }),
            steps: notices(&a.steps),
            documents: a
                .documents
                .iter()
                .map(|d| DocumentView {
                    title: d.title.to_string(),
                    from: d.from.to_string(),
                    rule: d.rule.as_str().into(),
                })
                .collect(),
            fields: a.fields.iter().map(|s| s.to_string()).collect(),
            school_admin: a.school_admin.as_ref().map(|s| SchoolAdminView {
                student_number: s.student_number.clone(),
                branch: s.branch.clone(),
            }),
            rules: a.rules.iter().map(|r| r.as_str().to_string()).collect(),
            blocks: notices(&a.blocks),
            warnings: notices(&a.warnings),
            tips: notices(&a.tips),
            age: a.age,
        }
    }
}

/// Where a student's transfer in stands on the date (W3, W4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TransferState {
    pub state: Choice,
    pub started_on: Option<String>,
    pub done: bool,
    /// The next W4 date and what happens then, when waiting.
    pub deadline: Option<String>,
    pub deadline_label: Option<String>,
    pub urgency: String,
}

/// The letter a student brought, and its 回执.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterBrief {
    pub letter_id: i64,
    pub number: String,
    pub issuer: String,
    pub issued_on: String,
    pub receipt_due: String,
    pub receipt_sent_on: Option<String>,
}

/// One new student with the engine's advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FreshmanView {
    pub id: i64,
    pub name: String,
    /// Masked (region and last four, SECURITY.md).
    pub id_number: String,
    pub student_no: Option<String>,
    pub college: Option<String>,
    pub major: Option<String>,
    pub class: Option<String>,
    /// The class branch's full name.
    pub branch: Option<String>,
    /// Whether that branch exists in the org tree (N1: built after enrolment).
    pub branch_exists: bool,
    pub politics: Choice,
    pub level: Choice,
    pub account: Choice,
    pub former_unit: Option<String>,
    pub former_province: Option<String>,
    pub joined: Option<String>,
    pub development_no: Option<String>,
    pub enrolled: Option<String>,
    #[serde(flatten)]
    pub advice: AdviceView,
    /// The transfer in recorded here (null: not started).
    pub transfer: Option<TransferState>,
    pub letter: Option<LetterBrief>,
}

/// A year's new students.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FreshmenList {
    pub year: i32,
    pub on: String,
    pub students: Vec<FreshmanView>,
    /// The actions with their labels, for filters.
    pub actions: Vec<Choice>,
}

/// What the advice of a year's students needs, loaded once.
pub(crate) struct Year {
    pub settings: IncomingSettings,
    pub freshmen: Vec<Freshman>,
    /// Folded full name → the branch's full name, for every branch of the tree.
    branches: HashMap<String, String>,
    pub letters: HashMap<i64, FreshmanLetter>,
    pub ledger: Ledger,
}

impl Year {
    pub fn load(ctx: &Context, year: i32) -> Result<Year> {
        let store = ctx.store();
        let branches = store
            .orgs()?
            .into_iter()
            .filter(|o| o.level == OrgLevel::Branch)
            .map(|o| (crate::text::clean(&o.full_name), o.full_name))
            .collect();
        let mut letters: HashMap<i64, FreshmanLetter> = HashMap::new();
        // The latest letter of each student counts.
        for l in store.freshman_letters(year)? {
            match letters.get(&l.freshman_id) {
                Some(old) if old.id > l.id => {}
                _ => {
                    letters.insert(l.freshman_id, l);
                }
            }
        }
        Ok(Year {
            settings: store.incoming_settings(year)?,
            freshmen: store.freshmen(year)?,
            branches,
            letters,
            ledger: store.ledger_of_year(year)?,
        })
    }

    /// The class branch of `f` when it exists.
    pub fn branch_of(&self, f: &Freshman) -> Option<&str> {
        f.branch
            .as_deref()
            .and_then(|b| self.branches.get(&crate::text::clean(b)))
            .map(String::as_str)
    }

    pub fn advice(&self, f: &Freshman, on: NaiveDate) -> IncomingAdvice {
        let letter = self
            .letters
            .get(&f.id)
            .map_or(LetterSeen::default(), |l| LetterSeen {
                recorded: true,
                issued: Some(l.issued_on),
            });
        advise(&f.facts(on, self.branch_of(f), letter), &self.settings)
    }

    /// The student's latest transfer in.
    pub fn transfer(&self, f: &Freshman) -> Option<&Transfer> {
        self.ledger.latest(transfer_key(f.id))
    }
}

fn choice<T: Copy>(v: T, code: fn(T) -> &'static str, label: fn(T) -> &'static str) -> Choice {
    Choice::new(code(v), label(v))
}

/// The view of one student on `on`.
pub(crate) fn view(y: &Year, f: &Freshman, on: NaiveDate) -> FreshmanView {
    let a = y.advice(f, on);
    let s = &y.settings.campaign;
    let transfer = y.transfer(f).map(|t| {
        let p = crate::transfer::project(t, on, s);
        let row = transfers::deadline_of(&p, on, s);
        TransferState {
            state: Choice::new(p.status.state.code(), p.status.state.label()),
            started_on: t.started_on().map(|d| d.to_string()),
            done: p.status.state == crate::transfer::State::Done,
            deadline: row.0,
            deadline_label: row.1,
            urgency: row.2,
        }
    });
    FreshmanView {
        id: f.id,
        name: f.name.clone(),
        id_number: f.id_number.masked(),
        student_no: f.student_no.clone(),
        college: f.college.clone(),
        major: f.major.clone(),
        class: f.class.clone(),
        branch: f.branch.clone(),
        branch_exists: y.branch_of(f).is_some(),
        politics: choice(f.politics, |p| p.code(), |p| p.label()),
        level: choice(f.level, |p| p.code(), |p| p.label()),
        account: choice(f.account, |p| p.code(), |p| p.label()),
        former_unit: f.former_unit.clone(),
        former_province: f.former_province.clone(),
        joined: f.joined.map(|j| j.to_string()),
        development_no: f.development_no.clone(),
        enrolled: f.enrolled.map(|d| d.to_string()),
        advice: AdviceView::from(&a),
        transfer,
        letter: y.letters.get(&f.id).map(|l| LetterBrief {
            letter_id: l.id,
            number: l.number.clone(),
            issuer: l.issuer.clone(),
            issued_on: l.issued_on.to_string(),
            receipt_due: l.receipt_due.to_string(),
            receipt_sent_on: l.receipt_sent_on.map(|d| d.to_string()),
        }),
    }
}

/// Campaign year `year`'s new students with the engine's advice on `on` (`freshmen list`).
pub fn list(ctx: &Context, year: i32, on: NaiveDate) -> Result<FreshmenList> {
    let y = Year::load(ctx, year)?;
    Ok(FreshmenList {
        year,
        on: on.to_string(),
        students: y.freshmen.iter().map(|f| view(&y, f, on)).collect(),
        actions: crate::choices!(crate::engine::incoming::IncomingAction),
    })
}

/// The advice of one student on `on`, with the facts it was given (the 新生 drawer).
pub fn student(ctx: &Context, year: i32, id: i64, on: NaiveDate) -> Result<FreshmanView> {
    let y = Year::load(ctx, year)?;
    let f = y
        .freshmen
        .iter()
        .find(|f| f.id == id)
        .ok_or_else(|| Error::not_found(format!("{year} 年的新生中没有编号为 {id} 的学生")))?;
    Ok(view(&y, f, on))
}

/// A student of `year` named on the command line: the number in this list, the ID number, or
/// the name when it is unique in the year.
pub fn resolve(ctx: &Context, year: i32, named: &str) -> Result<Freshman> {
    let r = named.trim();
    if let Ok(id) = crate::id_number::IdNumber::parse(r) {
        return ctx
            .store()
            .freshman_by_id_number(year, &id)?
            .ok_or_else(|| {
                Error::not_found(format!(
                    "{year} 年的新生中没有身份证号为 {} 的学生",
                    id.masked()
                ))
            });
    }
    if let Ok(n) = r.parse::<i64>() {
        return match ctx.store().freshman(n)? {
            Some(f) if f.year == year => Ok(f),
            _ => Err(Error::not_found(format!(
                "{year} 年的新生中没有编号为 {n} 的学生"
            ))),
        };
    }
    let found: Vec<Freshman> = ctx
        .store()
        .freshmen(year)?
        .into_iter()
        .filter(|f| crate::text::same(&f.name, r))
        .collect();
    match found.len() {
        1 => found
            .into_iter()
            .next()
            .ok_or_else(|| Error::internal("新生记录丢失")),
        0 => Err(Error::not_found(format!(
            "{year} 年的新生中没有名为“{r}”的学生"
        ))),
        n => Err(Error::invalid(format!(
            "{year} 年的新生中有 {n} 名学生名为“{r}”，请改用编号或身份证号：{}",
            found
                .iter()
                .map(|f| format!("{}（{}）", f.id, f.branch.as_deref().unwrap_or("未分班")))
                .collect::<Vec<_>>()
                .join("、")
        ))),
    }
}

/// Creates the class branches the stored students of `year` go into that do not exist yet,
/// under `under` (one transaction, audited) — for a list imported before its branches.
/// Returns the names created (or, `dry_run`, that would be).
pub fn create_branches(
    ctx: &mut Context,
    year: i32,
    under: &str,
    dry_run: bool,
) -> Result<Vec<String>> {
    let parent =
        parent_org(ctx, Some(under))?.ok_or_else(|| Error::invalid("请给出上级团委全称"))?;
    let y = Year::load(ctx, year)?;
    let mut names: Vec<String> = Vec::new();
    for f in &y.freshmen {
        if let (Some(b), None) = (f.branch.as_deref(), y.branch_of(f)) {
            if !names.iter().any(|n| crate::text::same(n, b)) {
                names.push(b.to_string());
            }
        }
    }
    if dry_run || names.is_empty() {
        return Ok(names);
    }
    let op = ctx.operator().to_string();
    ctx.store().snapshot_before_batch(names.len())?;
    let branches: Vec<NewClassBranch> = names
        .iter()
        .map(|n| NewClassBranch {
            full_name: n.clone(),
            parent_id: parent.id,
        })
        .collect();
    crate::store::freshmen::import(ctx.store_mut(), year, &[], &branches, "", &op)?;
    Ok(names)
}
