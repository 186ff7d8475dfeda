//! The receiving side (rules.md §9, N1–N11): one incoming new student's facts and the year's
//! settings → what the office does for them in September.
//!
//! Pure like the graduate engine: no I/O, no clock; `IncomingFacts::on` is the only "today" and
//! every date and day count comes from [`IncomingSettings`]. Membership is the graduate
//! engine's own test (`membership.rs`, M5/M6/群众). Each sentence is added together with the
//! rule id it comes from, so `rules` is exactly the set of rules that shaped the answer.
//!
//! One action is chosen, the first that applies in the order the office would meet them:
//! not a member (N2) → stays in the original unit (N7) → joined under 14 before 2017, letter
//! only (M6, N11) → account deleted (N5) → two accounts (N5) → 入团时间 differs (N4) → file
//! not uploaded (N5) → no account (N5) → entered by the school's administrator (N8) → from
//! 京粤闽 (N6) → 办理转入 (N1, N3). The conditions behind it still add their own steps.

mod advice;
mod facts;

pub use advice::{Document, IncomingAction, IncomingAdvice, IncomingDeadline, SchoolAdminEntry};
pub use facts::{AccountStatus, IncomingFacts, IncomingSettings, StudyLevel};

use super::membership::{join_age, JoinAge, Membership, LEAVING_AGE};
use super::{Notice, Text};
use crate::destination::{jing_yue_min, Reason};
use crate::letters::{RECEIPT_MONTHS, VALID_DAYS};
use crate::member::development_no_required;
use crate::rule::RuleId;
use chrono::{Days, Months};
use std::collections::BTreeSet;

/// Members who joined from this year on need 团员身份认证 before a transfer (M7).
const M7_FROM_YEAR: i32 = 2020;

/// The rules the receiving side is meant to produce; a test fails if the incoming case file
/// never produces one of them.
pub const INCOMING_RULES: &[RuleId] = &[
    RuleId::M5,
    RuleId::M6,
    RuleId::M7,
    RuleId::M8,
    RuleId::M9,
    RuleId::R11,
    RuleId::W2,
    RuleId::W4,
    RuleId::N1,
    RuleId::N2,
    RuleId::N3,
    RuleId::N4,
    RuleId::N5,
    RuleId::N6,
    RuleId::N7,
    RuleId::N8,
    RuleId::N9,
    RuleId::N10,
    RuleId::N11,
];

/// The advice for one incoming new student.
pub fn advise(facts: &IncomingFacts, settings: &IncomingSettings) -> IncomingAdvice {
    let mut d = Draft::new(facts, settings);
    if !d.membership.is_member() {
        not_a_member(&mut d);
        return d.finish();
    }
    member_warnings(&mut d);
    if facts.asks_to_stay {
        if facts.commissioned_with_post {
            stays(&mut d);
            return d.finish();
        }
        d.warn(
            RuleId::N7,
            "只有在原单位担任行政职务的定向委培生可以申请不转入（003 #20）；该生应照常转入本校",
        );
    }
    d.enters = true;
    let under_14 = facts
        .joined
        .is_some_and(|j| join_age(facts.birth_date, j, 14) == JoinAge::Under);
    if under_14 {
        // From 2017 on that is no membership at all (`not_a_member`): this one joined before.
        offline(&mut d);
    } else {
        online(&mut d);
    }
    deadline(&mut d);
    letter(&mut d);
    dues(&mut d);
    d.finish()
}

/// The ways through 智慧团建: account problems first, then the transfer in (or registration).
fn online(d: &mut Draft<'_>) {
    let f = d.facts;
    // Without a usable account the way ends in a registration, not a transfer (N10).
    d.transfer = !matches!(f.account, AccountStatus::None | AccountStatus::Deleted);
    match f.account {
        AccountStatus::Deleted => deleted(d),
        AccountStatus::Duplicate => duplicate(d),
        _ => {}
    }
    if f.join_date_differs {
        join_date_differs(d);
    }
    match f.account {
        AccountStatus::FileNotUploaded => file_not_uploaded(d),
        AccountStatus::None | AccountStatus::Deleted => register(d),
        AccountStatus::Unknown => d.tip(
            RuleId::N5,
            "办理转入时按姓名、身份证号查询不到的，先核实：未注册的由团支部注册，被原单位删除的先要情况说明，有两个账号的上报团市委删除其一",
        ),
        AccountStatus::Usable | AccountStatus::Duplicate => {}
    }
    if f.college_differs {
        school_admin(d);
    }
    if d.transfer {
        if let Some(p) = d.former_jing_yue_min() {
            from_jing_yue_min(d, p);
        }
        transfer_in(d);
    } else {
        d.warn(
            RuleId::N10,
            "注册不是智慧团建中的转接申请：不计入转入一侧升学衔接率的分母（申请转入团员数），也不计入成功转入数",
        );
    }
    if f.own_graduate {
        d.step(
            RuleId::N1,
            "本校毕业生升学：新建研究生（新生）团支部，从其原毕业生团支部办理转入，操作与新生入学时相同（000 #22）",
        );
        if d.transfer {
            d.warn(
                RuleId::N10,
                "本校毕业生在转出一侧已计入本校的升学衔接率（毕业生团员数），在转入一侧又是申请转入的团员：按公式两侧各计一次，合并时不要当作重复删去",
            );
        }
    }
}

/// N2: 群众, 超龄离团 (M5) and the 2017+ under-14 join (M6) are not members.
fn not_a_member(d: &mut Draft<'_>) {
    d.rule(RuleId::N2);
    d.target = "不办理转入".into();
    let age = d.age;
    match d.membership {
        Membership::Member => {}
        Membership::OverAge => {
            d.act(
                IncomingAction::NotAMember,
                format!("已满{age}周岁且未在团内担任职务：超龄离团，不是团员，不办理转入"),
            );
            d.block(
                RuleId::M5,
                format!(
                    "已满{age}周岁且未在团内担任职务：按团章不再保留团籍（超龄离团，000 #25），不办理转入，不计入转入一侧的衔接率；研究生新生中较常见，已入党的同样适用（000 #3）"
                ),
            );
        }
        Membership::JoinedUnder14 => {
            d.act(
                IncomingAction::NotAMember,
                "2017年（含）后未满14周岁入团：不予认定团员身份，不办理转入",
            );
            d.block(
                RuleId::M6,
                "2017年（含）后未满14周岁入团的不予认定团员身份（003 #68）：不办理转入，不计入衔接率，请报校团委处理",
            );
        }
        Membership::Masses => {
            d.act(
                IncomingAction::NotAMember,
                "政治面貌为群众：不是团员，不办理转入",
            );
            d.block(
                RuleId::N2,
                "新生名单上政治面貌为团员的才办理转入；群众不转入、不录入团员名单，也不计入衔接率",
            );
        }
    }
}

/// M5 (27, or 28+ with a league post), M8 and the borderline M6 join, for members.
fn member_warnings(d: &mut Draft<'_>) {
    let f = d.facts;
    let age = d.age;
    if age >= LEAVING_AGE {
        // Only members reach here: at 28+ that means a league post.
        d.rule(RuleId::N2);
        d.warn(
            RuleId::M5,
            format!("已满{age}周岁，但在团内担任职务，保留团籍，照常转入"),
        );
    } else if age == LEAVING_AGE - 1 {
        d.rule(RuleId::N2);
        let turns = f
            .birth_date
            .checked_add_months(Months::new(12 * LEAVING_AGE.unsigned_abs()))
            .map(|t| format!("将于{}满28周岁", t.format("%Y年%-m月%-d日")))
            .unwrap_or_else(|| "即将满28周岁".into());
        d.warn(
            RuleId::M5,
            format!("已满27周岁，{turns}：请在此之前完成转入；届时未在团内任职的不再保留团籍"),
        );
    }
    if f.politics.is_party() {
        d.rule(RuleId::N2);
        d.warn(
            RuleId::M8,
            "党员（含预备党员）28周岁前保留团籍，仍须转入；团组织关系一般应与党组织关系一致，请与党组织关系的转入一并办理",
        );
    }
    if let Some(j) = f.joined {
        if join_age(f.birth_date, j, 14) == JoinAge::Borderline {
            d.rule(RuleId::N2);
            d.warn(
                RuleId::M6,
                "入团当月年满14周岁：请按入团志愿书核对支部大会通过的具体日期（2017年起未满14周岁入团的不予认定，2017年前的只能线下接收）",
            );
        }
    }
}

/// N7: a 定向委培 student with an administrative post keeps the relation in the original unit.
fn stays(d: &mut Draft<'_>) {
    d.act(
        IncomingAction::KeepInOriginalUnit,
        "定向委培生在原单位担任行政职务，申请不转入：组织关系保留在原单位，不是本校转入的团员",
    );
    d.target = format!("{}的团组织（不转入本校）", d.former()).into();
    let former = d.former();
    d.step(
        RuleId::N7,
        format!("请{former}开具情况说明（写明该生为定向委培生、在原单位担任行政职务、组织关系保留在原单位），学院妥善保存（003 #20）"),
    );
    d.step(
        RuleId::N7,
        "把团费向哪个团组织缴纳、在哪里参加组织生活等具体事务写清楚，随情况说明一并存档",
    );
    d.step(
        RuleId::N7,
        "不办理转入，不录入新生团支部，不计入本校申请转入的人数",
    );
    d.document(
        "情况说明（组织关系保留在原单位）",
        former.clone(),
        RuleId::N7,
    );
    d.document(
        "团费缴纳方式和组织生活安排的书面说明",
        format!("{former}与学生本人"),
        RuleId::N7,
    );
}

/// M6 / N11: joined under 14 before 2017 — no 智慧团建 account; the paper letter is the way.
fn offline(d: &mut Draft<'_>) {
    d.act(
        IncomingAction::ReceiveLetter,
        "2017年前未满14周岁入团：暂不办理线上转接，凭原单位的介绍信线下接收",
    );
    d.block(
        RuleId::M6,
        "2017年前未满14周岁入团的无法注册智慧团建账号，暂不办理线上转接（003 #68），由团支部线下管理",
    );
    let former = d.former();
    d.step(
        RuleId::M6,
        format!("请{former}开具团组织关系介绍信线下转接，介绍信中须写明其团员身份和团费交纳时间"),
    );
    if let (Some(p), Some(j)) = (d.former_jing_yue_min(), d.facts.joined) {
        if join_age(d.facts.birth_date, j, 13) == JoinAge::Under {
            d.rule(RuleId::R11);
            d.warn(
                RuleId::N6,
                format!("原单位在{p}：该地系统会自动拒绝入团年龄低于13岁的团员的转接申请，只能线下转接（003 #68）"),
            );
        }
    }
    d.document(RuleId::L1.title(), former, RuleId::M6);
    d.document("团员档案", "学生本人或原单位", RuleId::M6);
    d.warn(
        RuleId::N10,
        "线下接收不是智慧团建中的转接申请：不计入转入一侧升学衔接率的分母",
    );
    // The letter's own steps follow in `letter`.
    d.letter_needed = true;
}

/// N5: deleted by the former org — its 情况说明 first, then the branch registers.
fn deleted(d: &mut Draft<'_>) {
    let former = d.former();
    d.act(
        IncomingAction::AskExplanation,
        "账号已被原团组织删除：先请原单位开具情况说明，再由团支部重新注册",
    );
    d.block(
        RuleId::N5,
        "账号已被原团组织删除，无法办理转接：须先与原单位核实情况，请其开具情况说明后再注册（003 #15）",
    );
    d.step(
        RuleId::N5,
        format!("与{former}核实删除的原因，请其开具情况说明（写明删除原因，如误操作），学院留存"),
    );
    d.document("情况说明（账号被删除的原因）", former, RuleId::N5);
}

/// N5: two accounts — the city committee deletes one.
fn duplicate(d: &mut Draft<'_>) {
    d.act(
        IncomingAction::ReportDuplicate,
        "智慧团建中有两个重复账号：上报团市委删除其中一个，再办理转入",
    );
    d.block(
        RuleId::N5,
        "存在两个重复账号：须上报团市委删除其中一个后才能办理转入（003 #16）",
    );
    d.step(
        RuleId::N5,
        "核对两个账号的姓名、身份证号、入团时间和所在组织，确定保留哪一个",
    );
    d.step(
        RuleId::N5,
        "经学院汇总报校团委组织部，由校团委统一上报团市委删除另一个账号",
    );
}

/// N4: 入团时间 in 智慧团建 differs from the 入团志愿书 / 团员证.
fn join_date_differs(d: &mut Draft<'_>) {
    if matches!(
        d.facts.account,
        AccountStatus::None | AccountStatus::Deleted
    ) {
        // Nothing in the system to compare; the registration takes the 志愿书's date.
        d.warn(
            RuleId::N4,
            "入团时间以入团志愿书上的时间（支部大会通过的月份）为准，注册时按此填写（003 #14）",
        );
        return;
    }
    let former = d.former();
    d.act(
        IncomingAction::AskExplanation,
        "入团时间与入团志愿书不一致：先请原单位开具情况说明，核准后再接收",
    );
    d.block(
        RuleId::N4,
        "智慧团建中的入团时间与入团志愿书（团员证）不一致：核准具体情况后才能接收（003 #14）",
    );
    d.step(
        RuleId::N4,
        "入团时间以入团志愿书上的时间（支部大会通过的月份）为准",
    );
    d.step(
        RuleId::N4,
        format!("请{former}开具情况说明，写明入团时间不一致的原因；核准后再发起或同意转入"),
    );
    d.step(
        RuleId::M9,
        "如需更正系统中的入团时间，须删除该团员信息后重新注册；删除须报校团委组织部确认后统一上报，并写明所在团支部全称",
    );
    d.document("情况说明（入团时间不一致的原因）", former, RuleId::N4);
}

/// N5 / M7: the 团员档案 is not uploaded — the 入团志愿书 from the personnel file.
fn file_not_uploaded(d: &mut Draft<'_>) {
    d.act(
        IncomingAction::UploadApplication,
        "团员档案未上传：从人事档案取出入团志愿书上传到智慧团建",
    );
    d.step(
        RuleId::N5,
        "从该生的人事档案中取出入团志愿书，上传到智慧团建（003 #17）；提取人事档案的具体流程以学院为准",
    );
    d.document("入团志愿书", "该生的人事档案", RuleId::N5);
    match d.facts.joined {
        Some(j) if j.year() >= M7_FROM_YEAR => d.block(
            RuleId::M7,
            "2020年以后入团的须完成团员身份认证（入团志愿书上传并经上级审核通过）后才能办理转接",
        ),
        Some(_) => {}
        None => d.warn(
            RuleId::M7,
            "入团时间未知：若2020年以后入团，须在入团志愿书审核通过（团员身份认证）后才能办理转接",
        ),
    }
}

/// N5: a league file but no account — the branch registers the member itself.
fn register(d: &mut Draft<'_>) {
    let f = d.facts;
    d.act(
        IncomingAction::Register,
        "有团员档案但没有智慧团建账号：由团支部自行注册",
    );
    d.step(
        RuleId::N5,
        "由新生所在团支部在智慧团建中自行注册该团员（003 #19），信息以入团志愿书和团员档案为准",
    );
    match (f.joined, &f.development_number) {
        (Some(_), Some(n)) if development_no_required(f.joined) => d.step(
            RuleId::N5,
            format!("注册时填写团员发展编号 {n}（12位，与入团志愿书右上角的编号一致）"),
        ),
        (Some(_), None) if development_no_required(f.joined) => {
            d.step(
                RuleId::N5,
                "2017年起入团的，注册时须填写团员证上的12位团员发展编号：团员证已随团员档案上交的，联系学院团委老师从档案中取出团员证，查看编号后再注册（003 #21）",
            );
            d.document("团员证（查看12位团员发展编号）", "该生的团员档案", RuleId::N5);
        }
        (Some(_), _) => {}
        (None, Some(n)) => d.step(
            RuleId::N5,
            format!("注册时填写团员发展编号 {n}（12位，与入团志愿书右上角的编号一致）"),
        ),
        (None, None) => d.warn(
            RuleId::N5,
            "入团时间未知：2017年起入团的注册时须填写团员证上的12位团员发展编号，请先核对入团志愿书",
        ),
    }
    d.fields = vec![
        "姓名",
        "身份证号码",
        "入团时间（以入团志愿书为准）",
        "团员发展编号（2017年起入团的填写12位编号）",
    ];
}

/// N8: the admitted major's college differs — the school's administrator adds the student.
fn school_admin(d: &mut Draft<'_>) {
    let f = d.facts;
    d.act(
        IncomingAction::SchoolAdmin,
        "录取专业所在学院与现在的学院不一致：学院无法录入，报校级管理员添加",
    );
    d.block(
        RuleId::N8,
        "录取时的专业（“专业”字段不能修改）所在学院与现在的学院不一致，学院录入时会提示“导入的团员所在学院必须跟此团支部所属分团委一致”：须由校级管理员添加（003 #24）",
    );
    d.step(
        RuleId::N8,
        "汇总该生的学号和要录入的团支部全称，由学院组织部长私信校级管理员，由校级管理员添加",
    );
    if f.student_number.is_none() {
        d.warn(RuleId::N8, "报校级管理员的名单须有学号，请补充");
    }
    if f.target_branch.is_none() {
        d.warn(
            RuleId::N8,
            "报校级管理员的名单须有要录入的团支部全称，请补充",
        );
    }
    d.school_admin = Some(SchoolAdminEntry {
        student_number: f.student_number.clone(),
        branch: f.target_branch.clone(),
    });
}

/// N6 / R11: the former unit is in Beijing, Guangdong or Fujian.
fn from_jing_yue_min(d: &mut Draft<'_>, p: &'static str) {
    d.act(
        IncomingAction::JingYueMin,
        format!("原单位在{p}（该地有自己的团员系统）：照常办理转入，转接完成后如原单位仍将其作为团员，由学生联系原单位删除"),
    );
    d.step(
        RuleId::R11,
        format!("与{p}之间的转接申请提交后不可撤销：发起前核对姓名、身份证号和转入团支部"),
    );
    d.step(
        RuleId::N6,
        "转接完成后，如原单位仍将其作为本单位团员（如继续收取团费），先确认转接已完成，再由学生本人联系原单位删除（003 #18）",
    );
    if d.facts.joined.is_none() {
        d.warn(
            RuleId::N6,
            format!("入团时间未知：{p}的系统会自动拒绝入团年龄低于13岁的团员的转接申请（003 #68），请先核对入团志愿书"),
        );
    }
}

/// N3: the transfer in itself — started by the office into the class branch.
fn transfer_in(d: &mut Draft<'_>) {
    let c = &d.settings.campaign;
    let (reminder, auto_pass, closing_after, terminate) = (
        c.reminder_days,
        c.auto_pass_days,
        c.closing_after,
        c.terminate_days,
    );
    let branch = d.facts.target_branch.clone();
    d.act(
        IncomingAction::TransferIn,
        "团员新生：由本校发起“办理转入”（转入原因：升学），直接转入其班级团支部",
    );
    d.transfer_reason = Some(Reason::R1);
    let into = match &branch {
        Some(b) => format!("直接转入“{b}”"),
        None => "直接转入其班级团支部".to_string(),
    };
    d.step(
        RuleId::N3,
        format!("在“业务办理—组织关系转接办理”中点击“办理转入”：按姓名、身份证号码查询，转入原因选“升学”，填写转入学校名称及所在地详细地址，{into}"),
    );
    let approver = if d.facts.own_graduate {
        "本校原毕业生团支部（或其直属上级）"
    } else {
        "转出组织（原团支部或其直属上级）"
    };
    d.step(
        RuleId::N3,
        format!("由{approver}审批；超过{reminder}天未审批会收到提示，{auto_pass}天内未处理的系统默认该节点通过"),
    );
    if branch.is_none() {
        d.warn(
            RuleId::W2,
            "尚未填写班级团支部：先建立新生团支部，再直接转入该团支部；转入团委/团总支的，审批后还须分配团支部，未分配的视为未完成",
        );
    }
    if d.facts.on > closing_after {
        d.warn(
            RuleId::W4,
            format!("已进入收尾期（{closing_after}之后）：转接申请{terminate}天内未审批的将被系统退回（显示“已终止”），须重新发起"),
        );
    }
    d.fields = vec![
        "姓名",
        "身份证号码",
        "转入原因（升学）",
        "转入学校名称",
        "转入学校所在地详细地址",
    ];
}

/// N1: one month from enrolment, basically done by 10-15 (both settings).
fn deadline(d: &mut Draft<'_>) {
    let s = d.settings;
    let on = d.facts.on;
    let enrolled = s.enrolment_of(d.facts);
    let start_by = enrolled.and_then(|e| s.start_by(e));
    let done_by = s.done_by();
    let months = s.start_within_months;
    let what = if d.transfer {
        "建立新生团支部并发起转入"
    } else {
        "建立新生团支部并完成接收"
    };
    match (enrolled, start_by) {
        (Some(e), Some(by)) => {
            d.step_first(
                RuleId::N1,
                format!("新生{e}入学，{months}个月内（{by}前）{what}；{done_by}前基本完成"),
            );
            if on < e {
                d.warn(
                    RuleId::N1,
                    format!("新生尚未入学（{e}入学）：入学前组织关系暂留原就读学校，新生团支部建立后再办理"),
                );
            } else if on > by {
                d.warn(
                    RuleId::N1,
                    format!("已超过入学后{months}个月（{by}）的期限，请尽快办理"),
                );
            }
        }
        _ => d.step_first(
            RuleId::N1,
            format!("入学日期未设置：须在新生入学后{months}个月内{what}；{done_by}前基本完成"),
        ),
    }
    if on > done_by {
        d.warn(
            RuleId::N1,
            format!("已过{done_by}（升学转接基本完成的日期），请尽快办结"),
        );
    }
    d.deadline = Some(IncomingDeadline {
        enrolled,
        start_by,
        done_by,
    });
}

/// N11: a paper letter brought by the student (or the only way, M6): keep the 正本, return the
/// 回执 within a month. L1's 90 days are checked when the issue date is known.
fn letter(d: &mut Draft<'_>) {
    let f = d.facts;
    if !(d.letter_needed || f.brought_letter || f.letter_issued.is_some()) {
        return;
    }
    d.step(
        RuleId::N11,
        "收到介绍信后核对团员档案，核查无误再接收，并在团员证转入栏记录、盖章",
    );
    d.step(
        RuleId::N11,
        format!("保留第二联正本；填写第三联回执（转入经办人、联系电话、盖章、日期），收到后{RECEIPT_MONTHS}个月内邮寄原件或扫描（拍照、传真）反馈转出团委"),
    );
    if !d.letter_needed && d.transfer {
        d.step(
            RuleId::N11,
            "纸质介绍信不代替线上转接：智慧团建中仍按上面的步骤办理转入",
        );
    }
    if let Some(issued) = f.letter_issued {
        let expires = issued.checked_add_days(Days::new(VALID_DAYS));
        if expires.is_some_and(|x| f.on > x) {
            d.warn(
                RuleId::N11,
                format!("介绍信开具于{issued}，已超过{VALID_DAYS}天有效期：请原单位重新开具"),
            );
        }
    }
    d.document(
        "团组织关系介绍信第三联（回执）",
        "本校团委填写后寄回转出团委",
        RuleId::N11,
    );
}

/// N9: dues before enrolment are 0; 团籍未注册 is no problem (a tip).
fn dues(d: &mut Draft<'_>) {
    let enrolled = d.settings.enrolment_of(d.facts);
    let text = match enrolled {
        Some(e) => format!(
            "录入团费收缴情况时，入学前的月份（{}以前）收缴额填0，以实际收取为准（003 #30）",
            crate::date::YearMonth::of(e).chinese()
        ),
        None => "录入团费收缴情况时，新生未入学的月份收缴额填0，以实际收取为准（003 #30）".into(),
    };
    d.step(RuleId::N9, text);
    d.tip(
        RuleId::N9,
        "新录入的新生显示“团籍未注册”，是因为尚未参加团员教育评议；评议后再注册，不影响其他操作（003 #25）",
    );
}

/// The advice under construction.
struct Draft<'a> {
    facts: &'a IncomingFacts,
    settings: &'a IncomingSettings,
    age: i32,
    membership: Membership,
    action: Option<(IncomingAction, Text)>,
    /// The way ends in a transfer in through 智慧团建 (N10's denominator).
    transfer: bool,
    /// The office takes the student into a branch (N1's dates apply).
    enters: bool,
    /// Only a paper letter can bring the student in (M6).
    letter_needed: bool,
    transfer_reason: Option<Reason>,
    target: Text,
    deadline: Option<IncomingDeadline>,
    steps: Vec<Notice>,
    documents: Vec<Document>,
    fields: Vec<&'static str>,
    school_admin: Option<SchoolAdminEntry>,
    rules: BTreeSet<RuleId>,
    blocks: Vec<Notice>,
    warnings: Vec<Notice>,
    tips: Vec<Notice>,
}

impl<'a> Draft<'a> {
    fn new(facts: &'a IncomingFacts, settings: &'a IncomingSettings) -> Self {
        let target = match &facts.target_branch {
            Some(b) => Text::Owned(b.clone()),
            None => Text::Borrowed("新生所在班级的团支部（须先在智慧团建中建立）"),
        };
        Self {
            facts,
            settings,
            age: facts.age(),
            membership: facts.membership(),
            action: None,
            transfer: false,
            enters: false,
            letter_needed: false,
            transfer_reason: None,
            target,
            deadline: None,
            steps: Vec::new(),
            documents: Vec::new(),
            fields: Vec::new(),
            school_admin: None,
            rules: BTreeSet::new(),
            blocks: Vec::new(),
            warnings: Vec::new(),
            tips: Vec::new(),
        }
    }

    fn rule(&mut self, rule: RuleId) {
        self.rules.insert(rule);
    }

    /// The first action set is the one shown; later ones only add their steps.
    fn act(&mut self, action: IncomingAction, reason: impl Into<Text>) {
        if self.action.is_none() {
            self.action = Some((action, reason.into()));
        }
    }

    fn step(&mut self, rule: RuleId, text: impl Into<Text>) {
        self.rule(rule);
        self.steps.push(Notice {
            rule,
            text: text.into(),
        });
    }

    /// A step that governs all the others (N1's dates): shown first.
    fn step_first(&mut self, rule: RuleId, text: impl Into<Text>) {
        self.rule(rule);
        self.steps.insert(
            0,
            Notice {
                rule,
                text: text.into(),
            },
        );
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
        self.blocks.push(Notice {
            rule,
            text: text.into(),
        });
    }

    /// Standing advice: shown, not counted in `rules`.
    fn tip(&mut self, rule: RuleId, text: &'static str) {
        self.tips.push(Notice {
            rule,
            text: Text::Borrowed(text),
        });
    }

    fn document(&mut self, title: &'static str, from: impl Into<Text>, rule: RuleId) {
        self.documents.push(Document {
            title: Text::Borrowed(title),
            from: from.into(),
            rule,
        });
    }

    /// The former unit in words: its name when given.
    fn former(&self) -> String {
        match self.facts.former_unit.as_deref().map(str::trim) {
            Some(n) if !n.is_empty() => format!("原单位（{n}）"),
            _ => "原单位".to_string(),
        }
    }

    /// Beijing, Guangdong or Fujian, when the former unit is there (never for own graduates).
    fn former_jing_yue_min(&self) -> Option<&'static str> {
        if self.facts.own_graduate {
            return None;
        }
        self.facts.former_province.as_deref().and_then(jing_yue_min)
    }

    fn finish(self) -> IncomingAdvice {
        let (action, reason) = self.action.unwrap_or((
            IncomingAction::TransferIn,
            Text::Borrowed("团员新生：办理转入"),
        ));
        IncomingAdvice {
            action,
            blocked: !self.blocks.is_empty(),
            reason,
            membership: self.membership,
            transfer_reason: self.transfer_reason,
            target: self.target,
            counts_in_rate: self.transfer,
            deadline: if self.enters { self.deadline } else { None },
            steps: self.steps,
            documents: self.documents,
            fields: self.fields,
            school_admin: self.school_admin,
            rules: self.rules.into_iter().collect(),
            blocks: self.blocks,
            warnings: self.warnings,
            tips: self.tips,
            age: self.age,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::YearMonth;
    use crate::member::Politics;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap_or_default()
    }

    /// An 18-year-old member who joined at 14, enrolled on 09-01, asked on 09-15.
    fn student() -> IncomingFacts {
        let mut f = IncomingFacts::new(d(2026, 9, 15), d(2008, 3, 12));
        f.joined = YearMonth::new(2022, 5);
        f.enrolled = Some(d(2026, 9, 1));
        f.account = AccountStatus::Usable;
        f.target_branch = Some("某某大学经济学院2026级经济学1班团支部".into());
        f
    }

    fn advise_default(f: &IncomingFacts) -> IncomingAdvice {
        advise(f, &IncomingSettings::defaults(f.campaign_year()))
    }

    /// Every combination of the switches, for the invariants below.
    fn variations() -> Vec<IncomingFacts> {
        let mut out = Vec::new();
        for account in AccountStatus::ALL {
            for bits in 0u32..64 {
                let mut f = student();
                f.account = *account;
                f.join_date_differs = bits & 1 != 0;
                f.college_differs = bits & 2 != 0;
                f.asks_to_stay = bits & 4 != 0;
                f.commissioned_with_post = bits & 8 != 0;
                f.brought_letter = bits & 16 != 0;
                if bits & 32 != 0 {
                    f.former_province = Some("广东".into());
                    f.target_branch = None;
                }
                out.push(f.clone());
                f.joined = YearMonth::new(2016, 5);
                f.birth_date = d(2003, 8, 1);
                out.push(f.clone());
                f.politics = Politics::Masses;
                out.push(f);
            }
        }
        out
    }

    #[test]
    fn invariants_hold_for_every_combination() {
        for f in variations() {
            let a = advise_default(&f);
            let ctx = format!("{f:?} → {a:?}");
            assert_eq!(a.blocked, !a.blocks.is_empty(), "{ctx}");
            // N10: in the denominator exactly when a transfer in through 智慧团建 (升学) is the way.
            assert_eq!(
                a.counts_in_rate,
                a.transfer_reason == Some(Reason::R1),
                "{ctx}"
            );
            let member = a.membership.is_member();
            let enters = member && a.action != IncomingAction::KeepInOriginalUnit;
            assert_eq!(a.deadline.is_some(), enters, "{ctx}");
            if !member {
                assert_eq!(a.action, IncomingAction::NotAMember, "{ctx}");
                assert!(a.steps.is_empty() && !a.counts_in_rate, "{ctx}");
            }
            // `rules` is what the notices cite, plus N2 and R11 noted beside them.
            let cited: BTreeSet<RuleId> = a
                .steps
                .iter()
                .chain(&a.blocks)
                .chain(&a.warnings)
                .map(|n| n.rule)
                .collect();
            for r in &a.rules {
                assert!(
                    cited.contains(r) || matches!(r, RuleId::N2 | RuleId::R11),
                    "{r} uncited: {ctx}"
                );
            }
            for r in &cited {
                assert!(a.rules.contains(r), "{r} cited but not in rules: {ctx}");
            }
            assert!(!a.reason.is_empty(), "{ctx}");
        }
    }

    #[test]
    fn a_plain_member_is_transferred_in_by_the_office() {
        let a = advise_default(&student());
        assert_eq!(a.action, IncomingAction::TransferIn);
        assert!(!a.blocked && a.counts_in_rate);
        assert_eq!(
            a.rules,
            vec![RuleId::N1, RuleId::N3, RuleId::N9],
            "{:?}",
            a.steps
        );
        let deadline = a.deadline.as_ref().map(|x| (x.start_by, x.done_by));
        assert_eq!(deadline, Some((Some(d(2026, 10, 1)), d(2026, 10, 15))));
        assert!(a.target.contains("经济学1班"));
        assert!(a.fields.contains(&"转入原因（升学）"));
    }

    /// N1 / W5a: the month, the enrolment and 10-15 are settings; the student's date wins.
    #[test]
    fn dates_and_day_counts_come_from_the_settings() {
        let mut f = student();
        f.enrolled = None;
        let mut s = IncomingSettings::defaults(2026);
        s.enrolment = Some(d(2026, 9, 6));
        s.start_within_months = 2;
        s.campaign.study_done_by = d(2026, 11, 30);
        s.campaign.reminder_days = 7;
        let a = advise(&f, &s);
        let deadline = a
            .deadline
            .as_ref()
            .map(|x| (x.enrolled, x.start_by, x.done_by));
        assert_eq!(
            deadline,
            Some((Some(d(2026, 9, 6)), Some(d(2026, 11, 6)), d(2026, 11, 30)))
        );
        assert!(a.steps.iter().any(|n| n.text.contains("超过7天未审批")));
        f.enrolled = Some(d(2026, 9, 1));
        let a = advise(&f, &s);
        assert_eq!(
            a.deadline.and_then(|x| x.start_by),
            Some(d(2026, 11, 1)),
            "the student's own date wins"
        );
    }

    #[test]
    fn over_age_postgraduate_is_not_a_member_unless_holding_a_post() {
        let mut f = student();
        f.birth_date = d(1997, 5, 1);
        f.joined = YearMonth::new(2012, 5);
        f.level = StudyLevel::Postgraduate;
        let a = advise_default(&f);
        assert_eq!(a.action, IncomingAction::NotAMember);
        assert_eq!(a.membership, Membership::OverAge);
        assert!(a.blocked && !a.counts_in_rate && a.deadline.is_none());
        assert!(a.rules.contains(&RuleId::M5) && a.rules.contains(&RuleId::N2));
        f.league_post = true;
        let a = advise_default(&f);
        assert_eq!(a.action, IncomingAction::TransferIn);
        assert!(a.warnings.iter().any(|w| w.rule == RuleId::M5));
    }

    /// N5: a registration is the branch's own work, not a transfer (N10), and a 2017+ member
    /// needs the 12-digit number from the 团员证.
    #[test]
    fn no_account_is_registered_and_not_counted() {
        let mut f = student();
        f.account = AccountStatus::None;
        let a = advise_default(&f);
        assert_eq!(a.action, IncomingAction::Register);
        assert!(!a.blocked && !a.counts_in_rate && a.transfer_reason.is_none());
        assert!(a.documents.iter().any(|x| x.title.contains("团员证")));
        assert!(a.rules.contains(&RuleId::N10));
        f.development_number = Some("202205123456".into());
        let a = advise_default(&f);
        assert!(a.steps.iter().any(|n| n.text.contains("202205123456")));
        assert!(!a.documents.iter().any(|x| x.title.contains("团员证")));
    }

    /// The first applicable action wins; the others still add their steps and blocks.
    #[test]
    fn precedence_keeps_the_later_conditions_visible() {
        let mut f = student();
        f.account = AccountStatus::Duplicate;
        f.join_date_differs = true;
        f.college_differs = true;
        let a = advise_default(&f);
        assert_eq!(a.action, IncomingAction::ReportDuplicate);
        let blocking: Vec<RuleId> = a.blocks.iter().map(|b| b.rule).collect();
        assert_eq!(blocking, vec![RuleId::N5, RuleId::N4, RuleId::N8]);
        assert!(a.school_admin.is_some() && a.counts_in_rate);
    }

    /// N7 only for a 定向委培 student with a post who asks; they are not incoming members.
    #[test]
    fn commissioned_student_with_post_stays() {
        let mut f = student();
        f.asks_to_stay = true;
        f.commissioned_with_post = true;
        let a = advise_default(&f);
        assert_eq!(a.action, IncomingAction::KeepInOriginalUnit);
        assert!(!a.blocked && !a.counts_in_rate && a.deadline.is_none());
        assert_eq!(a.rules, vec![RuleId::N7]);
        f.commissioned_with_post = false;
        let a = advise_default(&f);
        assert_eq!(a.action, IncomingAction::TransferIn);
        assert!(a.warnings.iter().any(|w| w.rule == RuleId::N7));
    }

    /// M6 / N6 / N11: joined at 12 in 2016, from Beijing: no online transfer; the letter.
    #[test]
    fn early_joiner_from_beijing_comes_by_letter() {
        let mut f = student();
        f.birth_date = d(2003, 8, 1);
        f.joined = YearMonth::new(2016, 5);
        f.former_province = Some("北京".into());
        let a = advise_default(&f);
        assert_eq!(a.action, IncomingAction::ReceiveLetter);
        assert!(a.blocked && !a.counts_in_rate);
        for r in [RuleId::M6, RuleId::N6, RuleId::N11, RuleId::R11] {
            assert!(a.rules.contains(&r), "{r}: {:?}", a.rules);
        }
        f.own_graduate = true;
        let a = advise_default(&f);
        assert!(
            !a.rules.contains(&RuleId::R11),
            "own graduates are never 京粤闽"
        );
    }

    #[test]
    fn deterministic() {
        let f = student();
        assert_eq!(advise_default(&f), advise_default(&f));
    }
}
