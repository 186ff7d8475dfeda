//! Incoming cases of the contract (`"kind": "incoming"`, docs/contract.md): read by hand like
//! the graduate cases, so every refusal names the case and the key; answered by
//! [`crate::engine::advise`] with the seeds' settings of the case's campaign year.

use super::{parse_person, Person, Reader};
use crate::date::parse_date_strict;
use crate::destination::{province_short, Reason};
use crate::engine::incoming::{
    AccountStatus, Document, IncomingAction, IncomingAdvice, IncomingDeadline, IncomingFacts,
    IncomingSettings, SchoolAdminEntry, StudyLevel,
};
use crate::engine::{Membership, Notice};
use crate::error::Result;
use crate::member::{valid_development_no, Politics};
use crate::rule::RuleId;
use chrono::NaiveDate;
use serde::Serialize;

/// One parsed incoming case: its id, the facts and the settings they are advised under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingCase {
    pub id: String,
    pub facts: IncomingFacts,
    pub settings: IncomingSettings,
}

const INCOMING_KEYS: &[&str] = &[
    "id",
    "kind",
    "on",
    "id_number",
    "birth_date",
    "joined",
    "politics",
    "league_post",
    "level",
    "own_graduate",
    "former_unit",
    "former_province",
    "development_number",
    "account",
    "join_date_differs",
    "commissioned_with_post",
    "asks_to_stay",
    "college_differs",
    "enrolled",
    "done_by",
    "student_number",
    "target_branch",
    "brought_letter",
    "letter_issued",
];

/// Reads an incoming case whose `id` and `kind` were read already.
pub(super) fn parse(r: &Reader<'_>, id: String, today: NaiveDate) -> Result<IncomingCase> {
    r.check_keys(INCOMING_KEYS)?;
    let Person {
        on,
        id_number,
        birth_date,
        joined,
    } = parse_person(r, today)?;
    let text = |key: &str| -> Result<Option<String>> {
        Ok(r.str(key)?
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string))
    };
    let date = |key: &str| -> Result<Option<NaiveDate>> {
        match r.str(key)? {
            Some(s) => parse_date_strict(s).map(Some).map_err(|m| r.err(key, m)),
            None => Ok(None),
        }
    };
    let former_province = match text("former_province")? {
        Some(p) => Some(province_short(&p).map(str::to_string).ok_or_else(|| {
            r.err(
                "former_province",
                format!("“{p}”不是省级行政区的名称（例如 湖北、北京、广西壮族自治区）"),
            )
        })?),
        None => None,
    };
    let development_number = match text("development_number")? {
        Some(n) if valid_development_no(&n) => Some(n),
        Some(n) => {
            return Err(r.err(
                "development_number",
                format!("“{n}”不是12位数字的团员发展编号"),
            ))
        }
        None => None,
    };
    let enrolled = date("enrolled")?;
    let done_by = date("done_by")?;
    let letter_issued = date("letter_issued")?;
    if let Some(issued) = letter_issued {
        if issued > on {
            return Err(r.err(
                "letter_issued",
                format!("介绍信开具日期 {issued} 晚于询问日期 {on}"),
            ));
        }
    }
    let facts = IncomingFacts {
        on,
        id_number,
        birth_date,
        joined,
        politics: r
            .code("politics", Politics::from_code, &Politics::codes())?
            .unwrap_or(Politics::League),
        league_post: r.bool("league_post", false)?,
        level: r
            .code("level", StudyLevel::from_code, &StudyLevel::codes())?
            .unwrap_or(StudyLevel::Undergraduate),
        own_graduate: r.bool("own_graduate", false)?,
        former_unit: text("former_unit")?,
        former_province,
        development_number,
        account: r
            .code("account", AccountStatus::from_code, &AccountStatus::codes())?
            .unwrap_or(AccountStatus::Unknown),
        join_date_differs: r.bool("join_date_differs", false)?,
        commissioned_with_post: r.bool("commissioned_with_post", false)?,
        asks_to_stay: r.bool("asks_to_stay", false)?,
        college_differs: r.bool("college_differs", false)?,
        enrolled,
        student_number: text("student_number")?,
        target_branch: text("target_branch")?,
        brought_letter: r.bool("brought_letter", false)? || letter_issued.is_some(),
        letter_issued,
    };
    let mut settings = IncomingSettings::defaults(facts.campaign_year());
    if let Some(by) = done_by {
        settings.campaign.study_done_by = by;
    }
    Ok(IncomingCase {
        id,
        facts,
        settings,
    })
}

/// One output line of an incoming case.
#[derive(Debug, Serialize)]
pub struct IncomingOutput<'a> {
    pub id: &'a str,
    /// Always `incoming`: graduate lines carry no `kind`.
    pub kind: &'static str,
    pub action: IncomingAction,
    pub action_label: &'static str,
    pub blocked: bool,
    pub reason: &'a str,
    /// `member`, or why not: `over_age` (M5), `joined_under14` (M6), `masses`.
    pub membership: Membership,
    pub counts_in_rate: bool,
    pub transfer_reason: Option<Reason>,
    pub target: &'a str,
    pub deadline: Option<&'a IncomingDeadline>,
    pub steps: &'a [Notice],
    pub documents: &'a [Document],
    pub fields: &'a [&'static str],
    pub school_admin: Option<&'a SchoolAdminEntry>,
    pub rules: &'a [RuleId],
    pub blocks: &'a [Notice],
    pub warnings: &'a [Notice],
    pub tips: &'a [Notice],
    pub age: i32,
}

impl<'a> IncomingOutput<'a> {
    pub fn new(id: &'a str, a: &'a IncomingAdvice) -> Self {
        Self {
            id,
            kind: "incoming",
            action: a.action,
            action_label: a.action.label(),
            blocked: a.blocked,
            reason: &a.reason,
            membership: a.membership,
            counts_in_rate: a.counts_in_rate,
            transfer_reason: a.transfer_reason,
            target: &a.target,
            deadline: a.deadline.as_ref(),
            steps: &a.steps,
            documents: &a.documents,
            fields: &a.fields,
            school_admin: a.school_admin.as_ref(),
            rules: &a.rules,
            blocks: &a.blocks,
            warnings: &a.warnings,
            tips: &a.tips,
            age: a.age,
        }
    }
}
