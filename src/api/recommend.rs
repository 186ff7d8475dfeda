//! The live recommendation panel: a graduate's facts as the form sends them → the engine's
//! answer with every rule id resolved to its policy text.
//!
//! The form sends enum values as their stable codes; unknown codes and bad dates are refused
//! naming the field, in Chinese (the same vocabulary as CONTRACT.md).

use super::{ApiError, ApiResult, Choice, RuleRef};
use crate::date::{parse_date_strict, YearMonth};
use crate::destination::{
    Destination, DestinationDetails, DestinationKind, Reason, RetentionNote, SystemCommittee,
};
use crate::engine::{self, Facts, Notice, Recommendation};
use crate::id_number::IdNumber;
use crate::member::{MarkingKind, Politics, SchoolKind, StudyStatus};
use crate::Error;
use serde::{Deserialize, Serialize};

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

macro_rules! choices {
    ($t:ty) => {
        <$t>::ALL
            .iter()
            .map(|v| Choice::new(v.code(), v.label()))
            .collect()
    };
}

pub fn form_options() -> FormOptions {
    FormOptions {
        // 群众 cannot be a league graduate's 政治面貌 in a transfer (CONTRACT.md).
        politics: Politics::ALL
            .iter()
            .filter(|p| **p != Politics::Masses)
            .map(|v| Choice::new(v.code(), v.label()))
            .collect(),
        school: choices!(SchoolKind),
        marking: choices!(MarkingKind),
        status: choices!(StudyStatus),
        destination_kind: choices!(DestinationKind),
        system: choices!(SystemCommittee),
        note: choices!(RetentionNote),
        reason: Reason::ALL
            .iter()
            .map(|r| Choice::new(r.code(), &format!("{}（{}）", r.code(), r.label())))
            .collect(),
    }
}

fn code<T: Copy>(
    field: &str,
    value: &str,
    parse: fn(&str) -> Option<T>,
    codes: fn() -> String,
) -> Result<T, Error> {
    parse(value.trim())
        .ok_or_else(|| Error::invalid(format!("{field}“{value}”无效，应为 {}", codes())))
}

fn opt_code<T: Copy>(
    field: &str,
    value: &Option<String>,
    parse: fn(&str) -> Option<T>,
    codes: fn() -> String,
) -> Result<Option<T>, Error> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => code(field, v, parse, codes).map(Some),
    }
}

fn nonblank(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Validates the form into the engine's facts; the first bad field is named in the error.
pub fn facts(input: &FactsInput) -> Result<Facts, Error> {
    let on =
        parse_date_strict(input.on.trim()).map_err(|m| Error::invalid(format!("查询日期：{m}")))?;
    let id_number = match nonblank(&input.id_number) {
        Some(s) => Some(IdNumber::parse(&s).map_err(|e| Error::invalid(e.to_string()))?),
        None => None,
    };
    let birth_date = match (&id_number, nonblank(&input.birth_date)) {
        (Some(id), _) => id.birth_date(),
        (None, Some(b)) => {
            parse_date_strict(&b).map_err(|m| Error::invalid(format!("出生日期：{m}")))?
        }
        (None, None) => return Err(Error::invalid("请填写身份证号或出生日期")),
    };
    let joined = match nonblank(&input.joined) {
        Some(j) => Some(
            YearMonth::parse_lenient(&j).map_err(|m| Error::invalid(format!("入团时间：{m}")))?,
        ),
        None => None,
    };
    let d = &input.destination;
    let mut destination = Destination::of_kind(code(
        "毕业去向",
        &d.kind,
        DestinationKind::from_code,
        DestinationKind::codes,
    )?);
    destination.employer_has_org = d.employer_has_org;
    destination.labor_dispatch = d.labor_dispatch;
    destination.system = opt_code(
        "系统团委",
        &d.system,
        SystemCommittee::from_code,
        SystemCommittee::codes,
    )?;
    destination.province = nonblank(&d.province);
    destination.central_unit_in_beijing = d.central_unit_in_beijing;
    destination.retain_in_school = d.retain_in_school;
    destination.note = opt_code(
        "保留说明",
        &d.note,
        RetentionNote::from_code,
        RetentionNote::codes,
    )?;
    destination.chosen_reason = opt_code(
        "拟选转接原因",
        &d.chosen_reason,
        Reason::from_code,
        Reason::codes,
    )?;
    let details = DestinationDetails {
        study_level: None,
        unit_name: nonblank(&d.unit_name),
        address: nonblank(&d.address),
        target_org: nonblank(&d.target_org),
        city: None,
    };
    if details != DestinationDetails::default() {
        destination.details = Some(details);
    }
    let mut facts = Facts::new(on, birth_date, destination);
    facts.id_number = id_number;
    facts.joined = joined;
    facts.politics = code(
        "政治面貌",
        &input.politics,
        Politics::from_code,
        Politics::codes,
    )?;
    facts.league_post = input.league_post;
    facts.school = code(
        "毕业学校类型",
        &input.school,
        SchoolKind::from_code,
        SchoolKind::codes,
    )?;
    facts.marking = opt_code(
        "标记",
        &input.marking,
        MarkingKind::from_code,
        MarkingKind::codes,
    )?;
    facts.identity_verified = input.identity_verified;
    facts.active_transfer = input.active_transfer;
    facts.status = code(
        "学籍状态",
        &input.status,
        StudyStatus::from_code,
        StudyStatus::codes,
    )?;
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

/// The recommendation for the facts in the form.
pub fn recommend(input: &FactsInput) -> ApiResult<RecommendationView> {
    let facts = facts(input).map_err(ApiError::from)?;
    Ok(RecommendationView::from(&engine::recommend(&facts)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiErrorCode;

    pub(crate) fn sample() -> FactsInput {
        FactsInput {
            on: "2026-06-15".into(),
            id_number: None,
            birth_date: Some("2004-03-01".into()),
            joined: Some("2019-05".into()),
            politics: "league".into(),
            league_post: false,
            school: "university".into(),
            marking: None,
            identity_verified: true,
            active_transfer: false,
            status: "graduating".into(),
            destination: DestinationInput {
                kind: "employed".into(),
                employer_has_org: true,
                labor_dispatch: false,
                system: None,
                province: Some("湖北".into()),
                central_unit_in_beijing: false,
                retain_in_school: false,
                note: None,
                chosen_reason: None,
                unit_name: None,
                address: None,
                target_org: None,
            },
        }
    }

    #[test]
    fn form_becomes_facts() {
        let f = facts(&sample()).unwrap();
        assert_eq!(f.destination.kind, DestinationKind::Employed);
        assert_eq!(f.destination.province.as_deref(), Some("湖北"));
        assert_eq!(f.joined, YearMonth::new(2019, 5));
        assert!(f.destination.details.is_none());
    }

    #[test]
    fn id_number_gives_the_birth_date() {
        let mut input = sample();
        let first17 = "42050220040301123";
        let id = format!(
            "{first17}{}",
            crate::id_number::check_char(first17.as_bytes())
        );
        input.id_number = Some(id);
        input.birth_date = None;
        let f = facts(&input).unwrap();
        assert_eq!(f.birth_date.to_string(), "2004-03-01");
    }

    #[test]
    fn bad_fields_are_named_in_chinese() {
        let mut input = sample();
        input.destination.kind = "moon".into();
        let e = recommend(&input).unwrap_err();
        assert_eq!(e.code, ApiErrorCode::InvalidInput);
        assert!(e.message.contains("毕业去向“moon”无效"), "{}", e.message);

        let mut input = sample();
        input.birth_date = None;
        assert!(recommend(&input).unwrap_err().message.contains("出生日期"));

        let mut input = sample();
        input.on = "2026/06/15".into();
        assert!(recommend(&input)
            .unwrap_err()
            .message
            .starts_with("查询日期"));
    }

    #[test]
    fn recommend_answers_valid_facts() {
        let view = recommend(&sample()).unwrap();
        // Every rule the engine cites is resolved to its policy text.
        assert!(view.rules.iter().all(|r| !r.source.is_empty()));
    }

    #[test]
    fn options_cover_every_destination_kind() {
        let o = form_options();
        assert_eq!(o.destination_kind.len(), DestinationKind::ALL.len());
        assert!(o.politics.iter().all(|c| c.code != "masses"));
        assert_eq!(o.reason[0].code, "R1");
    }
}
