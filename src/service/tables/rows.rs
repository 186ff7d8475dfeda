//! Rows of F1–F6 and the data of L2/L3, read from the store, with the filters every table
//! offers (college, branch, cohort year). The renderers stay pure; this is the only place
//! documents read business data.

use crate::destination::{DestinationKind, RetentionNote};
use crate::documents::letter::l2::NoticeData;
use crate::documents::letter::l3::{self, RetentionData};
use crate::documents::tables::{f1, f3};
use crate::documents::tables::{f1::F1Row, f2::F2Row, f3::F3Row, f4::F4Row, f5::F5Row, f6::F6Row};
use crate::rule::RuleId;
use crate::store::ledgers;
use crate::store::ChangeStatus;
use crate::store::{Graduate, Store};
use crate::{Error, Result};
use chrono::NaiveDate;

/// Which rows a table holds. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The college's name as in the member records (学院).
    pub college: Option<String>,
    /// Part of the branch's full name.
    pub branch: Option<String>,
    /// Cohort year (F1/F2: the graduating cohort; F3: the dates; F6: the deletion year).
    pub year: Option<i32>,
}

impl Filter {
    /// `学院：…；团支部：…；年度：…` for the note row of an empty table.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(c) = &self.college {
            parts.push(format!("学院：{c}"));
        }
        if let Some(b) = &self.branch {
            parts.push(format!("团支部：{b}"));
        }
        if let Some(y) = self.year {
            parts.push(format!("年度：{y}"));
        }
        parts.join("；")
    }
    fn college_ok(&self, college: Option<&str>) -> bool {
        self.college
            .as_deref()
            .is_none_or(|c| college.is_some_and(|m| m.trim() == c.trim()))
    }
    fn branch_ok(&self, name: &str) -> bool {
        self.branch
            .as_deref()
            .is_none_or(|b| name.contains(b.trim()))
    }
    fn keeps(&self, g: &Graduate) -> bool {
        self.college_ok(g.member.college.as_deref()) && self.branch_ok(&g.branch.full_name)
    }
    fn cohort(&self, on: NaiveDate) -> i32 {
        self.year.unwrap_or_else(|| chrono::Datelike::year(&on))
    }
}

/// 学社衔接工作负责人 (F1 asks for one per college).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub phone: String,
}

/// Whether the engine asks for `doc` for this graduate, blocked or not: the route decides
/// which form a graduate belongs on; a block (M7, M6, R12) only stops the transfer, and the
/// forms say so rather than leave the graduate out (rules.md §F1).
fn papers(g: &Graduate, doc: RuleId) -> bool {
    g.recommendation
        .as_ref()
        .is_some_and(|r| r.membership.is_member() && r.paperwork.iter().any(|p| p.doc == doc))
}

/// What keeps a graduate's transfer from being started (R12), in a few words for a remark.
pub fn blocked_remark(rec: &crate::engine::Recommendation) -> Option<String> {
    if !rec.blocked {
        return None;
    }
    let parts: Vec<String> = rec
        .blocks
        .iter()
        .map(|b| {
            let what = match b.rule {
                RuleId::M7 => "团员身份认证未完成",
                RuleId::M6 => "2017年前未满14周岁入团，须线下转接",
                RuleId::R12 => "已有进行中的转接",
                other => other.title(),
            };
            format!("{what}（{}）", b.rule.as_str())
        })
        .collect();
    Some(format!("暂不能转接：{}", parts.join("；")))
}

/// F1: the graduates retained in school (R7a/R7b) — those the engine sends F1 paperwork for.
/// One whose transfer is blocked (M7 not verified, M6, R12) is listed with the block in 备注,
/// never silently left out: the flowing branch still has to take them in once it clears.
pub fn f1_rows(store: &Store, f: &Filter, on: NaiveDate, contact: &Contact) -> Result<Vec<F1Row>> {
    let grads = store.graduates(f.cohort(on), on)?;
    Ok(grads
        .iter()
        .filter(|g| f.keeps(g) && papers(g, RuleId::F1))
        .map(|g| {
            let dest = g.member.destination.as_ref();
            let note = dest.and_then(|d| d.note);
            let (reason, destination, remark) = match note {
                Some(RetentionNote::RetakePostgradExam) => ("二战考研", f1::DESTINATIONS[0], ""),
                Some(RetentionNote::EmployerWantsFile) => (
                    "工作单位未确定具体转接流程",
                    f1::DESTINATIONS[2],
                    "工作单位要求先收档案",
                ),
                None => ("没有就业", f1::DESTINATIONS[1], ""),
            };
            let blocked = g.recommendation.as_ref().and_then(blocked_remark);
            let remark = [Some(remark.to_string()), blocked]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("；");
            F1Row {
                college: g.member.college.clone().unwrap_or_default(),
                branch: g.branch.full_name.clone(),
                handler_name: contact.name.clone(),
                handler_contact: contact.phone.clone(),
                name: g.member.name.clone(),
                contact: g.member.mobile.clone().unwrap_or_default(),
                reason: reason.to_string(),
                destination: destination.to_string(),
                remark,
            }
        })
        .collect())
}

/// F2: the graduates going to a special unit (R8), blocked ones too. 系统提交时间 is filled
/// from `submitted` (member id → time) where the transfer stands submitted in 智慧团建, else
/// left empty, which the table prints as 未发起 (rules.md §F2).
pub fn f2_rows(
    store: &Store,
    f: &Filter,
    on: NaiveDate,
    submitted: &dyn Fn(i64) -> Option<String>,
) -> Result<Vec<F2Row>> {
    let grads = store.graduates(f.cohort(on), on)?;
    Ok(grads
        .iter()
        .filter(|g| f.keeps(g) && papers(g, RuleId::F2))
        .map(|g| {
            let dest = g.member.destination.as_ref();
            let unit = dest
                .and_then(|d| d.details.as_ref())
                .and_then(|d| d.unit_name.clone())
                .filter(|s| !s.trim().is_empty());
            let fallback = match dest.map(|d| d.kind) {
                Some(DestinationKind::Classified) => "涉密单位",
                _ => "参军入伍",
            };
            F2Row {
                name: g.member.name.clone(),
                branch: g.branch.full_name.clone(),
                submitted_at: submitted(g.member.id).unwrap_or_default(),
                destination_unit: unit.unwrap_or_else(|| fallback.to_string()),
            }
        })
        .collect())
}

/// F3: the graduation-date change requests (G4) that stand — pending or approved; a rejected
/// request changed nothing and leaves the table (rules.md §F3) — each with its state. The
/// college filter matches an org above the branch whose name contains it.
pub fn f3_rows(store: &Store, f: &Filter) -> Result<Vec<F3Row>> {
    let mut changes = store.graduation_changes(None)?;
    changes.reverse();
    let mut out = Vec::new();
    for c in changes {
        let state = match c.status {
            ChangeStatus::Pending => f3::PENDING,
            ChangeStatus::Approved => f3::APPROVED,
            ChangeStatus::Rejected => continue,
        };
        if !f.branch_ok(&c.branch_full_name) {
            continue;
        }
        if f.year
            .is_some_and(|y| c.new.year() != y && c.old.year() != y)
        {
            continue;
        }
        if let Some(college) = &f.college {
            if !ancestor_named(store, c.branch_id, college)? {
                continue;
            }
        }
        out.push(F3Row {
            branch: c.branch_full_name,
            // The F-tables' one date style (`time::format_table`), the office's day.
            correct_date: format!("{:04}-{:02}", c.new.year(), c.new.month()),
            submitted_at: crate::time::table_date(&c.submitted_at),
            state: state.to_string(),
        });
    }
    Ok(out)
}

fn ancestor_named(store: &Store, id: i64, part: &str) -> Result<bool> {
    let mut cur = store.org(id)?;
    let mut hops = 0;
    while let Some(o) = cur {
        if o.full_name.contains(part.trim()) {
            return Ok(true);
        }
        hops += 1;
        if hops > 64 {
            break;
        }
        cur = match o.parent_id {
            Some(p) => store.org(p)?,
            None => None,
        };
    }
    Ok(false)
}

pub fn f4_rows(store: &Store, f: &Filter) -> Result<Vec<F4Row>> {
    ledgers::special_case_rows(store, f.college.as_deref(), f.branch.as_deref(), f.year)
}

pub fn f5_rows(store: &Store, f: &Filter) -> Result<Vec<F5Row>> {
    ledgers::devno_conflict_rows(store, f.college.as_deref(), f.branch.as_deref(), f.year)
}

/// F6: the deletion ledger (M9), in order of deletion; the year is the deletion's.
pub fn f6_rows(store: &Store, f: &Filter) -> Result<Vec<F6Row>> {
    Ok(store
        .deletions()?
        .into_iter()
        .filter(|d| {
            f.college_ok(d.college.as_deref())
                && f.branch_ok(&d.branch_full_name)
                && f.year.is_none_or(|y| d.at.starts_with(&format!("{y:04}")))
        })
        .map(|d| {
            let mut reason = d.reason.label().to_string();
            if let Some(n) = d.note.filter(|n| !n.trim().is_empty()) {
                reason = format!("{reason}（{n}）");
            }
            F6Row {
                name: d.name,
                branch: d.branch_full_name,
                id_number: d.id_number,
                reason,
            }
        })
        .collect())
}

fn member(store: &Store, id: i64) -> Result<crate::member::Member> {
    store
        .member(id)?
        .ok_or_else(|| Error::not_found(format!("找不到编号为 {id} 的团员")))
}

/// L2 for a stored member.
pub fn notice_data(
    store: &Store,
    member_id: i64,
    contact: &Contact,
    on: NaiveDate,
) -> Result<NoticeData> {
    let m = member(store, member_id)?;
    still_member(&m, "流动团员管理服务告知书", on)?;
    Ok(NoticeData {
        name: m.name,
        id_number: m.id_number.as_str().to_string(),
        mobile: m.mobile.unwrap_or_default(),
        contact: contact.name.clone(),
        contact_phone: contact.phone.clone(),
    })
}

/// Refuses the whole request unless `kind` applies to every one of `members` (graduates of
/// cohort `year` as on `on`): a notice is only for whom it is for (L2: retained flowing members,
/// R7a/R7b; L3: R5 study abroad). Every refused graduate is named, with the rule, at once.
pub fn check_notice(
    store: &Store,
    kind: super::Notice,
    members: &[i64],
    year: i32,
    on: NaiveDate,
) -> Result<()> {
    let grads = store.graduates(year, on)?;
    let by_id: std::collections::HashMap<i64, &Graduate> =
        grads.iter().map(|g| (g.member.id, g)).collect();
    let mut refused = Vec::new();
    for &id in members {
        let why = match by_id.get(&id) {
            Some(g) => match still_member(&g.member, kind.title(), on) {
                Err(e) => Some(e.message),
                Ok(()) => super::notice_applies(kind, g).err(),
            },
            None => {
                let m = member(store, id)?;
                Some(match still_member(&m, kind.title(), on) {
                    Err(e) => e.message,
                    Ok(()) => format!("不能为{}生成{}：不是{year}届毕业生", m.name, kind.title()),
                })
            }
        };
        refused.extend(why);
    }
    if refused.is_empty() {
        return Ok(());
    }
    Err(Error::refused(format!(
        "未生成{}（{} 人中 {} 人不适用）：{}",
        kind.title(),
        members.len(),
        refused.len(),
        refused.join("；")
    )))
}

/// Refuses a form for someone who is no longer a member on `on` (M5, M6, 群众; R12).
fn still_member(m: &crate::member::Member, what: &str, on: NaiveDate) -> Result<()> {
    match crate::service::letters::register::not_a_member(m, on) {
        Some(why) => Err(Error::refused(format!(
            "不能为{}生成{what}：{why}，不再保留团籍",
            m.name
        ))),
        None => Ok(()),
    }
}

/// L3 for a stored member (R5); what the record lacks stays blank on the form. School and
/// college are named once each (`l3::school_and_college`): `given` (a 学校 typed for this
/// application) else the office's name `office`, the college from either or the member's.
pub fn retention_data(
    store: &Store,
    member_id: i64,
    year: i32,
    given: &str,
    office: &str,
    on: NaiveDate,
) -> Result<RetentionData> {
    let m = member(store, member_id)?;
    still_member(&m, "保留团组织关系的申请", on)?;
    let branch = store.org(m.branch_id)?;
    let dest = store.destination(member_id, year)?;
    let details = dest
        .as_ref()
        .and_then(|d| d.details.clone())
        .unwrap_or_default();
    let (school, college) =
        l3::school_and_college(given, office, m.college.as_deref().unwrap_or(""));
    let birth = m.id_number.birth_date();
    Ok(RetentionData {
        sex: m.sex.label().to_string(),
        ethnicity: m.ethnicity.clone().unwrap_or_default(),
        born: format!(
            "{}年{}月",
            chrono::Datelike::year(&birth),
            chrono::Datelike::month(&birth)
        ),
        politics: m.politics.label().to_string(),
        joined: m.joined.map(|j| j.chinese()).unwrap_or_default(),
        id_number: m.id_number.as_str().to_string(),
        school,
        college,
        cohort: year.to_string(),
        graduates: branch
            .and_then(|b| b.graduation)
            .and_then(|g| g.date())
            .map(|d| d.chinese())
            .unwrap_or_default(),
        country: dest
            .as_ref()
            .and_then(|d| d.province.clone())
            .unwrap_or_default(),
        institution: details.unit_name.unwrap_or_default(),
        name: m.name,
        ..RetentionData::default()
    })
}
