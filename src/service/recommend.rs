//! The live recommendation panel: a graduate's facts as the form sends them → the engine's
//! answer with every rule id resolved to its policy text.
//!
//! The form sends enum values as their stable codes (the vocabulary of docs/contract.md) and is read
//! by the contract's own parser (`cases::form_facts`): one reading of facts, errors naming the
//! form's field in Chinese.

use super::view::{Choice, RuleRef};
use crate::cases;
use crate::destination::{
    Destination, DestinationDetails, DestinationKind, Reason, RetentionNote, SystemCommittee,
};
use crate::engine::{self, Facts, Notice, Recommendation};
use crate::member::{MarkingKind, Politics, SchoolKind, StudyStatus};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One graduate's facts as the form holds them (dates as `YYYY-MM-DD` / `YYYY-MM`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FactsInput {
    /// The date the question is asked.
    pub on: String,
    /// Either the ID number or the birth date is required.
    pub id_number: Option<String>,
    pub birth_date: Option<String>,
    pub joined: Option<String>,
    pub politics: String,
    pub league_post: bool,
    pub school: String,
    pub marking: Option<String>,
    pub identity_verified: bool,
    pub active_transfer: bool,
    pub status: String,
    pub destination: DestinationInput,
}

/// The destination part of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DestinationInput {
    pub kind: String,
    pub employer_has_org: bool,
    pub labor_dispatch: bool,
    pub system: Option<String>,
    pub province: Option<String>,
    pub central_unit_in_beijing: bool,
    pub retain_in_school: bool,
    pub note: Option<String>,
    pub chosen_reason: Option<String>,
    pub unit_name: Option<String>,
    pub address: Option<String>,
    pub target_org: Option<String>,
    /// 升学层次 (R1; the app's form leaves it null and what an import recorded is kept).
    #[serde(default)]
    pub study_level: Option<String>,
    /// 城市 (the same).
    #[serde(default)]
    pub city: Option<String>,
}

/// A sentence for the secretary and the rule it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NoticeView {
    pub rule: RuleRef,
    pub text: String,
}

/// A field 智慧团建 asks for; `present` is `null` when the office did not say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldView {
    pub name: String,
    pub present: Option<bool>,
}

/// A form or letter the case needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaperView {
    pub doc: RuleRef,
    pub title: String,
    pub why: String,
}

/// The engine's answer as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecommendationView {
    pub reason: Option<Choice>,
    pub intended_reason: Option<Choice>,
    pub blocked: bool,
    /// `SX` (升学衔接率) or `XS` (学社衔接率).
    pub metric: Option<Choice>,
    pub destination: String,
    pub where_to_find: String,
    pub jing_yue_min: Option<String>,
    pub approver: String,
    pub fields: Vec<FieldView>,
    pub paperwork: Vec<PaperView>,
    pub rules: Vec<RuleRef>,
    pub blocks: Vec<NoticeView>,
    pub warnings: Vec<NoticeView>,
    pub tips: Vec<NoticeView>,
    pub age: i32,
}

/// Every choice the facts form offers, so the window never hard-codes a code list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FormOptions {
    pub politics: Vec<Choice>,
    pub school: Vec<Choice>,
    pub marking: Vec<Choice>,
    pub status: Vec<Choice>,
    pub destination_kind: Vec<Choice>,
    pub system: Vec<Choice>,
    pub note: Vec<Choice>,
    pub reason: Vec<Choice>,
}

pub fn form_options() -> FormOptions {
    FormOptions {
        // 群众 cannot be a league graduate's 政治面貌 in a transfer (docs/contract.md).
        politics: Politics::ALL
            .iter()
            .filter(|p| **p != Politics::Masses)
            .map(|v| Choice::new(v.code(), v.label()))
            .collect(),
        school: crate::choices!(SchoolKind),
        marking: crate::choices!(MarkingKind),
        status: crate::choices!(StudyStatus),
        destination_kind: crate::choices!(DestinationKind),
        system: crate::choices!(SystemCommittee),
        note: crate::choices!(RetentionNote),
        reason: Reason::ALL
            .iter()
            .map(|r| Choice::new(r.code(), &format!("{}（{}）", r.code(), r.label())))
            .collect(),
    }
}

/// The form as the contract's JSON object: blank strings are absent, and the detail fields
/// (unit, address, target org: not facts, the engine ignores them) are taken out.
fn contract_shape<T: Serialize>(form: &T) -> Result<(Map<String, Value>, DestinationDetails)> {
    let Value::Object(mut map) =
        serde_json::to_value(form).map_err(|e| Error::internal(format!("表单无法读取：{e}")))?
    else {
        return Err(Error::internal("表单不是对象"));
    };
    fn blank_to_null(map: &mut Map<String, Value>) {
        for v in map.values_mut() {
            if v.as_str().is_some_and(|s| s.trim().is_empty()) {
                *v = Value::Null;
            }
        }
    }
    blank_to_null(&mut map);
    let dest = match map.get_mut("destination") {
        Some(Value::Object(d)) => d,
        _ => &mut map,
    };
    blank_to_null(dest);
    let mut text = |key: &str| match dest.remove(key) {
        Some(Value::String(s)) => Some(s.trim().to_string()),
        _ => None,
    };
    let details = DestinationDetails {
        study_level: text("study_level"),
        unit_name: text("unit_name"),
        address: text("address"),
        target_org: text("target_org"),
        city: text("city"),
    };
    Ok((map, details))
}

fn with_details(mut d: Destination, details: DestinationDetails) -> Destination {
    if details != DestinationDetails::default() {
        d.details = Some(details);
    }
    d
}

/// The destination part of the form as the engine's (and the store's) destination, read by
/// the contract's parser (`cases`).
pub fn destination(d: &DestinationInput) -> Result<Destination> {
    let (map, details) = contract_shape(d)?;
    Ok(with_details(cases::form_destination(&map)?, details))
}

impl From<&Destination> for DestinationInput {
    fn from(d: &Destination) -> Self {
        let details = d.details.clone().unwrap_or_default();
        Self {
            kind: d.kind.code().to_string(),
            employer_has_org: d.employer_has_org,
            labor_dispatch: d.labor_dispatch,
            system: d.system.map(|x| x.code().to_string()),
            province: d.province.clone(),
            central_unit_in_beijing: d.central_unit_in_beijing,
            retain_in_school: d.retain_in_school,
            note: d.note.map(|x| x.code().to_string()),
            chosen_reason: d.chosen_reason.map(|x| x.code().to_string()),
            unit_name: details.unit_name,
            address: details.address,
            target_org: details.target_org,
            study_level: details.study_level,
            city: details.city,
        }
    }
}

/// Validates the form into the engine's facts with the contract's parser (`cases`); the first
/// bad field is named in Chinese.
pub fn facts(input: &FactsInput, today: chrono::NaiveDate) -> Result<Facts> {
    let (map, details) = contract_shape(input)?;
    let mut facts = cases::form_facts(&map, today)?;
    facts.destination = with_details(facts.destination, details);
    Ok(facts)
}

fn notices(list: &[Notice]) -> Vec<NoticeView> {
    list.iter()
        .map(|n| NoticeView {
            rule: n.rule.into(),
            text: n.text.to_string(),
        })
        .collect()
}

fn reason_choice(r: Reason) -> Choice {
    Choice::new(r.code(), r.label())
}

impl From<&Recommendation> for RecommendationView {
    fn from(r: &Recommendation) -> Self {
        Self {
            reason: r.reason.map(reason_choice),
            intended_reason: r.intended_reason.map(reason_choice),
            blocked: r.blocked,
            metric: r.metric.map(|m| {
                let code = match m {
                    engine::Metric::Sx => "SX",
                    engine::Metric::Xs => "XS",
                };
                Choice::new(code, m.label())
            }),
            destination: r.destination.to_string(),
            where_to_find: r.where_to_find.to_string(),
            jing_yue_min: r.jing_yue_min.map(str::to_string),
            approver: r.approver.to_string(),
            fields: r
                .fields
                .iter()
                .map(|f| FieldView {
                    name: f.name.to_string(),
                    present: f.present,
                })
                .collect(),
            paperwork: r
                .paperwork
                .iter()
                .map(|p| PaperView {
                    doc: p.doc.into(),
                    title: p.title.to_string(),
                    why: p.why.to_string(),
                })
                .collect(),
            rules: r.rules.iter().map(|id| RuleRef::from(*id)).collect(),
            blocks: notices(&r.blocks),
            warnings: notices(&r.warnings),
            tips: notices(&r.tips),
            age: r.age,
        }
    }
}

/// The recommendation for the facts in the form (`today` when the form gives no date).
pub fn recommend(input: &FactsInput, today: chrono::NaiveDate) -> Result<RecommendationView> {
    let facts = facts(input, today)?;
    Ok(RecommendationView::from(&engine::recommend(&facts)))
}
