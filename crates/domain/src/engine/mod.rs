//! The rule engine (rules.md §3): one graduate's facts and a date → one recommendation; and
//! its receiving side, [`incoming`] (rules.md §9): one incoming new student → one advice.
//!
//! Invariant: the engine does no I/O and reads no clock; `Facts::on` is the only "today".
//! Each part of the answer is added together with the rule id it comes from, so `rules` is
//! exactly the set of rules that shaped it.

mod checks;
mod facts;
pub mod incoming;
pub mod membership;
mod place;
mod recommendation;
mod route;

pub use facts::Facts;
pub use incoming::{advise, IncomingAction, IncomingAdvice, IncomingFacts, IncomingSettings};
pub use membership::Membership;
pub use place::{province_committee, Place};
pub use recommendation::{Field, Metric, Notice, Paper, Recommendation, Text};
pub use route::may_route_to_study;

use crate::date::age_on;
use crate::destination::{DestinationDetails, Reason};
use crate::member::{MarkingKind, StudyStatus};
use crate::rule::RuleId;
use std::collections::BTreeSet;

/// The recommendation for one graduate.
pub fn recommend(facts: &Facts) -> Recommendation {
    let mut d = Draft::new(facts);
    if !d.membership.is_member() {
        // R12: not a transfer at all; nothing else applies.
        checks::not_a_member(&mut d);
        return d.finish();
    }
    match (facts.marking, facts.status) {
        (Some(kind), _) => marked(&mut d, kind),
        (None, StudyStatus::Dropout) => dropout(&mut d),
        (None, StudyStatus::Suspended) => suspended(&mut d),
        (None, StudyStatus::Graduating) => route::route(&mut d),
    }
    checks::blocks(&mut d);
    checks::warnings(&mut d);
    d.finish()
}

/// M3 / R9 / R12: marked people are not part of 学社衔接; they transfer normally.
fn marked(d: &mut Draft<'_>, kind: MarkingKind) {
    d.rule(RuleId::R12);
    d.rule(RuleId::M3);
    match kind {
        MarkingKind::Deferred => {
            d.destination = "其实际学习所在的团支部（延迟毕业团员不转往流动团支部）".into();
            d.warn(
                RuleId::R9,
                "已标记为延迟毕业团员：不纳入学社衔接，按普通组织关系转接转到其实际学习所在团支部，随延迟后的毕业时间办理",
            );
        }
        MarkingKind::Teacher => {
            d.destination = "按教师本人的工作去向办理普通组织关系转接".into();
            d.warn(
                RuleId::R9,
                "已标记为教师：不纳入学社衔接，按普通组织关系转接办理",
            );
        }
    }
    d.approver = "按普通组织关系转接的审批流程".into();
}

/// R10: dropouts are transferred, never deleted by the college (M9). The seeds differ on
/// whether the school committee may delete them: both readings are shown.
fn dropout(d: &mut Draft<'_>) {
    d.rule(RuleId::R10);
    d.destination =
        "团员现在人事（档案）所在单位的团组织；联系不上的暂转入学院流动团员团支部并持续跟进".into();
    d.approver = "按普通组织关系转接的审批流程".into();
    d.warn(
        RuleId::M9,
        "退学团员学院不能直接申请删除，须转接团组织关系（不属于学社衔接）",
    );
    d.warn(
        RuleId::R10,
        "文件说法不一：003 #75 为“不能直接申请删除，而需要将团组织关系转接到团员现在人事所在单位”；003 #37 为“请报送至校团委组织部相关负责人员处统一操作”（由校团委统一删除）。请按校团委要求选择其一",
    );
}

/// R9: a suspended student moves to the new branch and graduates with it.
fn suspended(d: &mut Draft<'_>) {
    d.destination =
        "新的团支部：由本人发起转接，按新转入团支部的毕业时间随同届毕业生办理学社衔接".into();
    d.approver = "按普通组织关系转接的审批流程".into();
    d.warn(
        RuleId::R9,
        "休学的保留团籍，转入新的团支部，随该支部同届毕业生一起办理学社衔接",
    );
}

/// The recommendation under construction.
pub(crate) struct Draft<'a> {
    facts: &'a Facts,
    age: i32,
    membership: Membership,
    /// The destination is an org of the school's own domain (its flowing or study-abroad
    /// branch, an admitting school): M5's under-16 approval does not apply.
    school_domain: bool,
    reason: Option<Reason>,
    destination: Text,
    where_to_find: Text,
    jing_yue_min: Option<&'static str>,
    approver: Text,
    fields: Vec<Field>,
    paperwork: Vec<Paper>,
    rules: BTreeSet<RuleId>,
    blocks: Vec<Notice>,
    warnings: Vec<Notice>,
    org_chosen: bool,
}

impl<'a> Draft<'a> {
    fn new(facts: &'a Facts) -> Self {
        Self {
            facts,
            age: age_on(facts.birth_date, facts.on),
            membership: facts.membership(),
            school_domain: false,
            reason: None,
            destination: Text::Borrowed(""),
            where_to_find: Text::Borrowed(""),
            jing_yue_min: None,
            approver: Text::Borrowed(""),
            fields: Vec::new(),
            paperwork: Vec::new(),
            rules: BTreeSet::new(),
            blocks: Vec::new(),
            warnings: Vec::new(),
            org_chosen: false,
        }
    }

    fn rule(&mut self, rule: RuleId) {
        self.rules.insert(rule);
    }

    fn set_reason(&mut self, reason: Reason) {
        self.reason = Some(reason);
        self.rule(reason.rule());
    }

    fn warn(&mut self, rule: RuleId, text: impl Into<Text>) {
        self.rule(rule);
        self.warnings.push(Notice {
            rule,
            text: text.into(),
        });
    }

    fn block(&mut self, rule: RuleId, text: impl Into<Text>) {
        self.rule(rule);
        self.rule(RuleId::R12);
        self.blocks.push(Notice {
            rule,
            text: text.into(),
        });
    }

    fn paper(&mut self, doc: RuleId, why: &'static str) {
        if self.paperwork.iter().any(|p| p.doc == doc) {
            return;
        }
        self.paperwork.push(Paper {
            doc,
            title: doc.title(),
            why,
        });
    }

    /// A field 智慧团建 asks for; present or not when the details are known.
    fn field(&mut self, name: &'static str, get: fn(&DestinationDetails) -> &Option<String>) {
        let present = self
            .facts
            .destination
            .details
            .as_ref()
            .map(|d| get(d).as_deref().is_some_and(|s| !s.trim().is_empty()));
        self.fields.push(Field { name, present });
    }

    /// A field the office writes itself (e.g. 情况说明), never pre-filled.
    fn extra_field(&mut self, name: &'static str) {
        let present = self.facts.destination.details.as_ref().map(|_| false);
        self.fields.push(Field { name, present });
    }

    fn missing_fields(&self) -> Vec<&'static str> {
        self.fields
            .iter()
            .filter(|f| f.present == Some(false))
            .map(|f| f.name)
            .collect()
    }

    /// The destination is an org the office searches for: where to look (R2b, R11).
    fn org_search(&mut self, what: &str) {
        self.search_at(Place::of(&self.facts.destination), what);
    }

    /// A township's org where a unit without its own org sits (R3: no system search).
    fn local_search(&mut self, what: &str) {
        self.search_at(Place::local(&self.facts.destination), what);
    }

    fn search_at(&mut self, place: Place, what: &str) {
        self.where_to_find = place.where_to_find(what).into();
        self.org_chosen = true;
        route::apply_place(self, &place);
    }

    fn finish(self) -> Recommendation {
        let blocked = !self.blocks.is_empty();
        let reason = if blocked { None } else { self.reason };
        let mut rules = self.rules;
        if let (true, Some(intended)) = (blocked, self.reason) {
            // The reason is withheld, so its own id is not part of the answer.
            let cited = self
                .warnings
                .iter()
                .chain(&self.blocks)
                .any(|n| n.rule == intended.rule());
            if !cited {
                rules.remove(&intended.rule());
            }
        }
        let mut tips = Vec::new();
        if self.org_chosen && !blocked {
            tips.push(Notice {
                rule: RuleId::R13,
                text: Text::Borrowed("转入组织不能是毕业生团组织；找不到时先核对名称和所选省份（系统团委按组织体系选择）"),
            });
            tips.push(Notice {
                rule: RuleId::R13,
                text: Text::Borrowed(
                    "团员档案的去向不必与团组织关系一致，按毕业后实际去向转接组织关系",
                ),
            });
        }
        // R12 / §6: a block stops the transfer, not the counting. A blocked member keeps the
        // metric of the destination; only non-members (and M3, which has no reason) have none.
        let metric = if self.membership.is_member() {
            self.reason.map(Metric::of)
        } else {
            None
        };
        Recommendation {
            reason,
            intended_reason: if blocked { self.reason } else { None },
            blocked,
            metric,
            membership: self.membership,
            destination: self.destination,
            where_to_find: self.where_to_find,
            jing_yue_min: self.jing_yue_min,
            approver: self.approver,
            fields: self.fields,
            paperwork: self.paperwork,
            rules: rules.into_iter().collect(),
            blocks: self.blocks,
            warnings: self.warnings,
            tips,
            age: self.age,
        }
    }
}

/// The rules the engine is meant to produce (rules.md §2–§3); a test fails if a case file
/// never produces one of them.
pub const ENGINE_RULES: &[RuleId] = &[
    RuleId::M3,
    RuleId::M5,
    RuleId::M6,
    RuleId::M7,
    RuleId::M8,
    RuleId::M9,
    RuleId::R1,
    RuleId::R1a,
    RuleId::R1b,
    RuleId::R2,
    RuleId::R2a,
    RuleId::R2b,
    RuleId::R2c,
    RuleId::R3,
    RuleId::R3a,
    RuleId::R4,
    RuleId::R5,
    RuleId::R6,
    RuleId::R7,
    RuleId::R7a,
    RuleId::R7b,
    RuleId::R8,
    RuleId::R9,
    RuleId::R10,
    RuleId::R11,
    RuleId::R12,
    RuleId::R13,
    RuleId::W1,
    RuleId::W2,
    RuleId::W5,
    RuleId::W6,
    RuleId::W7,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::destination::{Destination, DestinationKind};
    use chrono::NaiveDate;

    fn facts(kind: DestinationKind) -> Facts {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap_or_default();
        Facts::new(d(2026, 6, 15), d(2004, 3, 1), Destination::of_kind(kind))
    }

    /// R13: with the details recorded, the missing ones are listed and warned about.
    #[test]
    fn r13_missing_fields_are_warned_when_details_are_known() {
        let mut f = facts(DestinationKind::Employed);
        assert!(
            recommend(&f).missing_fields().is_empty(),
            "unknown is not missing"
        );
        f.destination.details = Some(DestinationDetails {
            unit_name: Some("某某科技有限公司".into()),
            ..Default::default()
        });
        let r = recommend(&f);
        assert_eq!(
            r.missing_fields(),
            vec!["工作单位所在地详细地址", "转入组织"]
        );
        assert!(r
            .warnings
            .iter()
            .any(|w| w.rule == RuleId::R13 && w.text.contains("工作单位所在地详细地址")));
    }

    /// The engine is deterministic: same facts, same answer.
    #[test]
    fn deterministic() {
        let f = facts(DestinationKind::None);
        assert_eq!(recommend(&f), recommend(&f));
    }
}
