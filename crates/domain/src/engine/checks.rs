//! Membership checks that block (R12: not a member, M6 offline, M7, an active transfer) or
//! warn (R13: M5, M8, missing fields, the chosen reason).

use super::membership::{self, JoinAge, Membership, LEAVING_AGE};
use super::Draft;
use crate::date::YearMonth;
use crate::destination::Reason;
use crate::rule::RuleId;

/// Members who joined from this month on need 团员身份认证 (M7).
const M7_FROM: (i32, u32) = (2020, 1);

fn join_age(d: &Draft<'_>, joined: YearMonth, n: i32) -> JoinAge {
    membership::join_age(d.facts.birth_date, joined, n)
}

/// R12: someone who is no longer (or never was) a member is not transferred at all; the
/// advice says what to do instead.
pub(super) fn not_a_member(d: &mut Draft<'_>) {
    d.approver = "".into();
    match d.membership {
        Membership::Member => {}
        Membership::OverAge => {
            let age = d.age;
            d.destination = "不办理转接：超龄离团，按规定办理离团手续".into();
            d.block(
                RuleId::M5,
                format!(
                    "已满{age}周岁且未在团内担任职务：按团章不再保留团籍（超龄离团，000 #25、004 八、十五），不办理学社衔接转接，不计入衔接率；请按规定为其办理离团手续。已入党的同样适用（000 #3）"
                ),
            );
        }
        Membership::JoinedUnder14 => {
            d.destination = "不办理转接：不予认定团员身份，报校团委处理".into();
            d.block(
                RuleId::M6,
                "2017年（含）后未满14周岁入团，不予认定团员身份（003 #68），不能办理转接，不计入衔接率；请报校团委处理",
            );
        }
        Membership::Masses => {
            d.destination = "不办理转接：非团员不应录入团员名单".into();
            d.rule(RuleId::M9);
            d.block(
                RuleId::R12,
                "政治面貌为群众：非团员不应录入团员名单，不需要办理学社衔接（000 #1）；如已误录入智慧团建，填写《团员删除申请表》注明原因报上级删除（M9）",
            );
        }
    }
}

/// M6, M7 and the active-transfer check (R12).
pub(super) fn blocks(d: &mut Draft<'_>) {
    if let Some(joined) = d.facts.joined {
        // From 2017 on, joining under 14 is not membership at all (`not_a_member`).
        match join_age(d, joined, 14) {
            JoinAge::Under => {
                // A member, but without a 智慧团建 account: no online transfer, the paper
                // letter is the way (003 #68).
                d.block(
                    RuleId::M6,
                    "2017年前未满14周岁入团：无法在智慧团建注册，暂不办理线上转接（003 #68），由团支部线下管理；核对团员档案齐全后开具介绍信（写明团员身份和团费交纳时间）线下转接",
                );
                d.paper(RuleId::L1, "线下转接：介绍信中写明团员身份和团费交纳时间");
            }
            JoinAge::Borderline => d.warn(
                RuleId::M6,
                "入团当月年满14周岁，请按入团志愿书核对支部大会通过的具体日期（未满14周岁入团的不予认定或须线下管理）",
            ),
            JoinAge::AtLeast => {}
        }
        if d.jing_yue_min.is_some() && join_age(d, joined, 13) == JoinAge::Under {
            d.warn(
                RuleId::R11,
                "北京/广东/福建的系统会自动拒绝入团年龄低于13岁的团员：暂不办理线上转接，改为线下介绍信转接",
            );
            d.paper(RuleId::L1, "京粤闽系统拒收低龄入团团员，改为线下转接");
        }
        if (joined.year(), joined.month()) >= M7_FROM && !d.facts.identity_verified {
            d.block(
                RuleId::M7,
                "2020年以后入团的团员须先完成团员身份认证（上传《入团志愿书》并经上级审核通过），才可以发起转接",
            );
        }
    } else if !d.facts.identity_verified {
        d.warn(
            RuleId::M7,
            "入团时间未知而团员身份认证未完成：若2020年以后入团，须先完成认证才能转接",
        );
    }
    if d.facts.active_transfer {
        d.block(
            RuleId::R12,
            "已有业务正在办理，不能重复发起：先在“我的组织关系转接历史”中查看发起人，转入组织有误的由发起方撤销后重新发起",
        );
        d.rule(RuleId::W1);
    }
}

/// M5, M8, R13 and the check of the reason the office intends to pick.
pub(super) fn warnings(d: &mut Draft<'_>) {
    let age = d.age;
    if age >= LEAVING_AGE {
        // Only members reach here: at 28+ that means a league post (M5).
        d.rule(RuleId::M5);
        d.warn(
            RuleId::R13,
            format!("已满{age}周岁，但在团内担任职务，保留团籍，正常转接"),
        );
    } else if age >= LEAVING_AGE - 1 {
        d.rule(RuleId::M5);
        let turns = d
            .facts
            .birth_date
            .checked_add_months(chrono::Months::new(12 * LEAVING_AGE as u32))
            .map(|t| format!("将于{}满28周岁", t.format("%Y年%-m月%-d日")))
            .unwrap_or_else(|| "即将满28周岁".into());
        d.warn(
            RuleId::R13,
            format!(
                "已满27周岁，{turns}：转接工作开展期间仍未离团的都须转接（003 #62），请尽快完成；届时未在团内任职的不再保留团籍"
            ),
        );
    }
    // M5 / 002 §2.2: only a destination outside the school domain needs the approval.
    let school_domain = d.school_domain || matches!(d.reason, Some(Reason::R1) | Some(Reason::R5));
    if age < 16 && d.reason.is_some() && !school_domain {
        d.rule(RuleId::M5);
        d.warn(
            RuleId::R13,
            "未满16周岁且转入非学校领域：发起时须填写情况说明，并由所在团组织的上级团的领导机关审批",
        );
        d.approver
            .to_mut()
            .push_str("；未满16周岁转入非学校领域，须由上级团的领导机关审批后生效");
        d.extra_field("情况说明");
    }
    if d.facts.politics.is_party() {
        d.rule(RuleId::M8);
        d.warn(
            RuleId::R13,
            "党员（含预备党员）28周岁前保留团籍，仍须转接；团组织关系一般应与党组织关系去向一致",
        );
    }
    let missing = d.missing_fields();
    if !missing.is_empty() {
        d.warn(
            RuleId::R13,
            format!("智慧团建将要求填写，尚缺：{}", missing.join("、")),
        );
    }
    if let (Some(chosen), Some(recommended)) = (d.facts.destination.chosen_reason, d.reason) {
        if chosen != recommended {
            check_chosen(d, chosen, recommended);
        }
    }
}

fn check_chosen(d: &mut Draft<'_>, chosen: Reason, recommended: Reason) {
    let employed = matches!(recommended, Reason::R2 | Reason::R3 | Reason::R4);
    let text = format!(
        "拟选择的转接原因“{}”不符，应选择“{}”",
        chosen.label(),
        recommended.label()
    );
    if employed && matches!(chosen, Reason::R6 | Reason::R7) {
        d.warn(
            RuleId::R2c,
            format!("{text}：已落实工作单位的不能通过“未就业”等渠道转回户籍地"),
        );
    } else if matches!(
        (chosen, recommended),
        (Reason::R1, Reason::R5) | (Reason::R5, Reason::R1)
    ) {
        d.warn(
            RuleId::R1a,
            format!(
                "{text}：中高考、专升本、考研、考博、预科升本科属于升学，国（境）外留学不属于升学"
            ),
        );
    } else {
        d.warn(recommended.rule(), text);
    }
}
