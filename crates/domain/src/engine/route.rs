//! From the destination facts to the 转接原因, the destination in words, the fields asked and
//! the approver (rules.md §3 table and variants R1a–R11).

use super::place::Place;
use super::Draft;
use crate::destination::{DestinationKind, Reason, RetentionNote};
use crate::rule::RuleId;
use chrono::Datelike;

const APPROVER_ORDINARY: &str = "转出方发起：由转入组织（团支部或其直属上级）管理员审批；转入团委/团工委/团总支的，审批后还须分配团支部才算完成。团员本人发起：依次经转出团支部、其上级、转入团支部、其上级审批";

/// Whether a destination of `kind` can be routed to R1 (升学, [`study`]): only these graduates
/// can count for 升学衔接率 (§6); every other one counts for 学社衔接率 whatever else the
/// engine says, so the reports run the engine for these alone.
pub fn may_route_to_study(kind: DestinationKind) -> bool {
    matches!(
        kind,
        DestinationKind::Study | DestinationKind::PostgradTeaching
    )
}

/// From September a county-level committee receives where the township cannot (001 一.1:
/// “（下同）” extends it from R3 to every township destination, R6 and R7 included).
const COUNTY_FALLBACK: &str = "；9月起乡镇街道接收确有困难的，可转至县级团组织建立的“学社衔接临时团支部”（县级团组织须在一年内转出，001 一.1）";

/// Fills the reason-dependent part of the draft.
pub(super) fn route(d: &mut Draft<'_>) {
    let dest = &d.facts.destination;
    let note_retains = match dest.note {
        Some(RetentionNote::RetakePostgradExam) => {
            matches!(dest.kind, DestinationKind::None | DestinationKind::Study)
        }
        Some(RetentionNote::EmployerWantsFile) => matches!(
            dest.kind,
            DestinationKind::Employed | DestinationKind::AbroadWork | DestinationKind::None
        ),
        None => false,
    };
    if dest.note.is_some() && !note_retains {
        d.warn(
            RuleId::R7b,
            "备注（二战考研/单位要求先收档案）与所填去向不一致，已按去向给出建议，请核实",
        );
    }
    // R7a / R7b: only graduates of a 普通高校 or 中职 may keep the relation in school (001 一.4).
    let may_retain = d.facts.school.may_retain();
    if note_retains && may_retain {
        return retain(d);
    }
    if note_retains {
        d.warn(
            RuleId::R7b,
            "在校保留团组织关系只适用于普通高校和中职毕业生（001 一.4），普通高中毕业生按实际去向转接",
        );
    }
    match dest.kind {
        DestinationKind::Study => study(d, false),
        DestinationKind::PostgradTeaching => study(d, true),
        DestinationKind::Employed => employed(d),
        DestinationKind::AbroadWork => abroad_work(d),
        DestinationKind::AbroadStudy => abroad_study(d),
        DestinationKind::AbroadPrivate => home_township(d, Reason::R6),
        DestinationKind::None if dest.retain_in_school && may_retain => retain(d),
        DestinationKind::None => {
            if dest.retain_in_school {
                d.warn(
                    RuleId::R7a,
                    "在校保留团组织关系只适用于普通高校和中职毕业生（001 一.4），普通高中毕业生应转至居住地或户籍地乡镇街道",
                );
            }
            home_township(d, Reason::R7)
        }
        DestinationKind::Army | DestinationKind::Classified => special_unit(d),
    }
    // R5 and R1b keep the relation in school by design (出国（境）学习研究团员团支部; the
    // 支教保研 teaching year, 003 #60): asking to retain is no contradiction there.
    let kept_by_design = matches!(
        dest.kind,
        DestinationKind::None | DestinationKind::AbroadStudy | DestinationKind::PostgradTeaching
    );
    if dest.retain_in_school && !kept_by_design {
        d.warn(
            RuleId::R7a,
            "已有去向的毕业生不应在校保留团组织关系（保留仅适用于未落实去向者），已按实际去向给出建议",
        );
    }
}

fn study(d: &mut Draft<'_>, postgrad_teaching: bool) {
    d.set_reason(Reason::R1);
    d.destination = "录取学校的团组织（录取学校在新生入学一个月内建立）".into();
    d.org_search("录取学校团组织");
    d.approver = "通常由录取学校团组织在新生入学后发起“办理转入”，转出团组织（原团支部或其直属上级）审批；也可在录取学校新生团组织建立后由原学校或本人申请转出".into();
    d.rule(RuleId::W2);
    d.field(
        "毕业去向（普通高中/中等职业院校/普通高校/高等职业院校等）",
        |x| &x.study_level,
    );
    d.field("转入学校名称", |x| &x.unit_name);
    d.field("学校所在地详细地址", |x| &x.address);
    d.field("转入组织", |x| &x.target_org);
    if d.facts.on.month() < 9 {
        d.warn(
            RuleId::W5,
            "升学转接自9月起推进：录取学校新生团组织建立前，组织关系暂时保留在原团支部（10月15日前基本完成）",
        );
    }
    if postgrad_teaching {
        d.warn(
            RuleId::R1b,
            "C类保研/研究生支教团属于升学，但文件说法不一：000 #21 为先转入所升学院的临时团支部，次年9月再转入研究生团支部；003 #60 为支教期间转入本学院的院级流动团支部，支教结束后再转往升学单位。请按学校要求选择其一",
        );
    }
}

fn employed(d: &mut Draft<'_>) {
    let dest = &d.facts.destination;
    let has_org = dest.employer_has_org;
    if dest.labor_dispatch {
        d.rule(RuleId::R2a);
    }
    if has_org {
        d.set_reason(Reason::R2);
        d.destination = if dest.labor_dispatch {
            "用工单位的团组织（劳务派遣优先转至用工单位）".into()
        } else {
            "工作单位的团组织（含自主创业）".into()
        };
        d.org_search("工作单位团组织");
    } else {
        d.set_reason(Reason::R3);
        d.rule(RuleId::R3a);
        let mut text = if dest.labor_dispatch {
            String::from("用工单位所在地（或本人经常居住地）的乡镇街道“学社衔接临时团支部”；劳务派遣单位有团组织的，也可转至派遣单位团组织（此时选“工作单位有团组织”）")
        } else {
            // 003 #65 / #80: the usual residence is as good as the employer's township.
            String::from("工作单位所在地或本人经常居住地的乡镇街道“学社衔接临时团支部”（或流动团员团支部/青年之家团组织）")
        };
        county_fallback(d, &mut text);
        d.destination = text.into();
        // A unit without an org is found where it sits: no system search, and a 在京中直单位
        // counts as Beijing (rules.md §R3).
        d.local_search("该乡镇街道的“学社衔接临时团支部”");
        if dest.system.is_some() || dest.central_unit_in_beijing {
            d.warn(
                RuleId::R3,
                "标为系统单位或在京中直单位但没有自己的团组织：按单位所在地（或经常居住地）的乡镇街道办理，不在系统团委下查找；此类单位通常建有团组织，请核实“工作单位无团组织”",
            );
        }
    }
    d.approver = APPROVER_ORDINARY.into();
    d.rule(RuleId::W2);
    d.field("工作单位名称", |x| &x.unit_name);
    d.field("工作单位所在地详细地址", |x| &x.address);
    d.field("转入组织", |x| &x.target_org);
}

fn abroad_work(d: &mut Draft<'_>) {
    d.set_reason(Reason::R4);
    if d.facts.destination.employer_has_org {
        d.destination = "派出单位的团组织（出国前转出，按已落实工作单位办理）".into();
        d.org_search("派出单位团组织");
    } else {
        let mut text = String::from(
            "派出单位所在地的乡镇街道“学社衔接临时团支部”（派出单位无团组织，出国前转出）",
        );
        county_fallback(d, &mut text);
        d.destination = text.into();
        d.local_search("该乡镇街道的“学社衔接临时团支部”");
    }
    d.approver = APPROVER_ORDINARY.into();
    d.rule(RuleId::W2);
    d.field("工作单位名称", |x| &x.unit_name);
    d.field("工作单位所在地详细地址", |x| &x.address);
}

fn abroad_study(d: &mut Draft<'_>) {
    d.set_reason(Reason::R5);
    d.school_domain = true;
    d.destination = "本校的“出国（境）学习研究团员团支部”（组织关系保留在原就读学校）".into();
    d.where_to_find = "在本校团委下选择“出国（境）学习研究团员团支部”".into();
    d.approver = "学校团委审批并统一登记造册备案".into();
    d.field(
        "转入组织（出国（境）学习研究团员团支部）",
        |x| &x.target_org,
    );
    d.paper(
        RuleId::L3,
        "离校前提交保留团组织关系的书面申请（境外学习地点、时间期限、境内联系人及电话）",
    );
}

fn home_township(d: &mut Draft<'_>, reason: Reason) {
    d.set_reason(reason);
    d.rule(RuleId::R3a);
    let mut text = String::from(if reason == Reason::R6 {
        "户籍所在地或本人、父母居住地的乡镇街道“学社衔接临时团支部”（出国前转出）"
    } else {
        "居住地（优先）、户籍所在地或生源地的乡镇街道“学社衔接临时团支部”，条件允许也可转至村或社区团组织"
    });
    county_fallback(d, &mut text);
    d.destination = text.into();
    d.org_search("该乡镇街道的“学社衔接临时团支部”");
    d.approver = APPROVER_ORDINARY.into();
    d.rule(RuleId::W2);
    d.field("户籍地或居住地详细地址", |x| &x.address);
    d.field("转入组织", |x| &x.target_org);
}

/// R3a: the township's fallback from September (see [`COUNTY_FALLBACK`]).
fn county_fallback(d: &mut Draft<'_>, text: &mut String) {
    if d.facts.on.month() >= 9 {
        d.rule(RuleId::R3a);
        text.push_str(COUNTY_FALLBACK);
    }
}

/// R7a / R7b: the relation stays in school, in the flowing branch (the caller checked that
/// the school may retain).
fn retain(d: &mut Draft<'_>) {
    let note = d.facts.destination.note;
    d.school_domain = true;
    d.set_reason(Reason::R7);
    d.rule(RuleId::R7a);
    d.destination = match note {
        Some(RetentionNote::RetakePostgradExam) => {
            d.rule(RuleId::R7b);
            "先转入校级“毕业学生流动团员团支部”，再以学院为单位转入学院流动团支部（二战考研）"
                .into()
        }
        Some(RetentionNote::EmployerWantsFile) => {
            d.rule(RuleId::R7b);
            "先转入学院流动团支部；入职并办理线下转接后，再转往工作单位团组织（选“已落实工作单位”）"
                .into()
        }
        None => "本校“毕业学生流动团员团支部”（校团委本级建立，名称含“流动团员”）".into(),
    };
    d.where_to_find = "在本校团委下选择流动团员团支部".into();
    d.approver = "校团委集中审核转往校级流动团员团支部的申请".into();
    d.field("户籍地或居住地详细地址", |x| &x.address);
    d.field("转入组织（流动团员团支部）", |x| &x.target_org);
    d.warn(
        RuleId::R7a,
        "在校保留一般不超过6个月、最长不超过1年，落实去向后应及时转出；保留在校视为未完成转接，不计入学社衔接率的完成数",
    );
    d.rule(RuleId::W7);
    d.paper(RuleId::F1, "报送毕业生流动团员信息汇总表");
    d.paper(RuleId::L2, "团员签署流动团员管理服务告知书");
    let on = d.facts.on;
    if (on.month(), on.day()) < (7, 25) {
        d.warn(
            RuleId::W5,
            "保留在校的毕业生在7月25日后标记并编入毕业学生流动团员团支部",
        );
    }
}

fn special_unit(d: &mut Draft<'_>) {
    d.set_reason(Reason::R8);
    d.destination = "无需选择转入组织：省级团委审核通过后进入特殊单位专属库".into();
    d.where_to_find = "转出原因选“转往特殊单位团组织”，不填写具体团组织名称".into();
    d.approver = "省级团委管理员审核".into();
    d.paper(RuleId::F2, "填写转往特殊单位汇总表，报团市委");
    d.paper(
        RuleId::L1,
        "须同时按规定办理线下团组织关系转接（开具团组织关系介绍信）",
    );
    if d.facts.destination.kind == DestinationKind::Army {
        d.warn(
            RuleId::W6,
            "参军入伍的应在办理参军入伍手续时一并办理团组织关系转接",
        );
    }
}

/// The metric and place rules that depend on the province (R2b, R11).
pub(super) fn apply_place(d: &mut Draft<'_>, place: &Place) {
    match place {
        Place::System(_) | Place::CentralInBeijing(_) => d.rule(RuleId::R2b),
        Place::JingYueMin(p) => {
            d.rule(RuleId::R11);
            d.jing_yue_min = Some(p);
            d.warn(
                RuleId::R11,
                format!(
                    "转入{p}：选“是”并选择{p}，手工填写转入组织全称；此类申请提交后不可撤销，团员还须在{p}的系统中报到"
                ),
            );
        }
        Place::Province(_) | Place::Unknown => {}
    }
}
