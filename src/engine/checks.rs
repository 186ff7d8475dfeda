//! Membership checks that block (R12: M6, M7, an active transfer) or warn (R13: M5, M8,
//! missing fields, the chosen reason).

use super::Draft;
use crate::date::{age_on, YearMonth};
use crate::destination::Reason;
use crate::rule::RuleId;

/// The year from which joining under 14 means "not a member" (M6).
const M6_CUTOFF_YEAR: i32 = 2017;
/// Members who joined from this month on need 团员身份认证 (M7).
const M7_FROM: (i32, u32) = (2020, 1);

/// How old the member was when joining, at month granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum JoinAge {
    /// Under `n` for the whole join month.
    Under,
    /// Turned `n` during the join month: cannot tell without the exact day.
    Borderline,
    /// `n` or older.
    AtLeast,
}

pub(super) fn join_age(d: &Draft<'_>, joined: YearMonth, n: i32) -> JoinAge {
    let birth = d.facts.birth_date;
    if age_on(birth, joined.last_day()) < n {
        JoinAge::Under
    } else if age_on(birth, joined.first_day()) < n {
        JoinAge::Borderline
    } else {
        JoinAge::AtLeast
    }
}

/// M6, M7 and the active-transfer check (R12).
pub(super) fn blocks(d: &mut Draft<'_>) {
    if let Some(joined) = d.facts.joined {
        match join_age(d, joined, 14) {
            JoinAge::Under if joined.year() >= M6_CUTOFF_YEAR => d.block(
                RuleId::M6,
                "2017年（含）后未满14周岁入团，不予认定团员身份，不能办理转接；请报校团委处理",
            ),
            JoinAge::Under => {
                // A member, but without a 智慧团建 account: the transfer is done on paper.
                d.warn(
                    RuleId::M6,
                    "2017年前未满14周岁入团：无法在智慧团建注册，由团支部线下管理；核对团员档案齐全后开具介绍信线下转接",
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
    if age >= 28 {
        d.rule(RuleId::M5);
        let text = if d.facts.league_post {
            format!("已满{age}周岁，但在团内任职，保留团籍，正常转接")
        } else {
            format!("已满{age}周岁（超龄）：转接工作开展期间仍未离团的仍须转接（003 #62），不要直接删除")
        };
        d.warn(RuleId::R13, text);
    } else if age >= 27 {
        d.rule(RuleId::M5);
        d.warn(
            RuleId::R13,
            "已满27周岁，即将超龄：请尽快完成转接，满28周岁且未在团内任职者不再保留团籍",
        );
    }
    let school_bound = matches!(d.reason, Some(Reason::R1) | Some(Reason::R5));
    if age < 16 && d.reason.is_some() && !school_bound {
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
