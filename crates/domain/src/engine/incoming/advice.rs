//! The output of the receiving side: what the office does for one incoming new student, every
//! sentence citing the rule it comes from (rules.md §9).

use crate::destination::Reason;
use crate::engine::{Membership, Notice, Text};
use crate::rule::RuleId;
use chrono::NaiveDate;
use serde::Serialize;

crate::labeled_enum! {
    /// The one thing the office does first for the student. Later steps are in
    /// [`IncomingAdvice::steps`].
    IncomingAction {
        TransferIn = "transfer_in", "办理转入（转入原因：升学）";
        Register = "register", "由团支部注册团员";
        AskExplanation = "ask_explanation", "先请原单位开具情况说明";
        ReportDuplicate = "report_duplicate", "上报团市委删除重复账号";
        UploadApplication = "upload_application", "上传入团志愿书";
        JingYueMin = "jing_yue_min", "办理转入（原单位在北京/广东/福建）";
        KeepInOriginalUnit = "keep_in_original_unit", "保留在原单位，不转入";
        SchoolAdmin = "school_admin", "报校级管理员添加";
        ReceiveLetter = "receive_letter", "凭介绍信线下接收";
        NotAMember = "not_a_member", "不是团员，不办理转入";
    }
}

/// A paper the office asks for, keeps or sends back, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// What it is, in Chinese (情况说明, 入团志愿书, 团员证…).
    pub title: Text,
    /// Who provides it or where it comes from.
    pub from: Text,
    pub rule: RuleId,
}

/// N1: the dates of the transfer in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncomingDeadline {
    /// The enrolment date used (the student's, else the school's setting); `None` when unset.
    pub enrolled: Option<NaiveDate>,
    /// Started by: the enrolment plus the setting's months (one month); `None` without an
    /// enrolment date.
    pub start_by: Option<NaiveDate>,
    /// Basically done by (10-15 of the campaign year, a setting).
    pub done_by: NaiveDate,
}

/// N8: the line the college sends the school's administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SchoolAdminEntry {
    pub student_number: Option<String>,
    /// The full name of the branch to add the student to.
    pub branch: Option<String>,
}

/// The advice for one incoming new student.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncomingAdvice {
    pub action: IncomingAction,
    /// The office cannot take the usual next step itself now: someone else must act first
    /// (the former unit, the city committee, the school's administrator), the online transfer
    /// is impossible, or the student is not a member. `blocks` says why.
    pub blocked: bool,
    /// One sentence: what to do and why, for the list view.
    pub reason: Text,
    /// Whether the student is a member (N2: M5, M6, 群众 as for graduates).
    pub membership: Membership,
    /// The 转接原因 the transfer in uses (升学), when there is one through 智慧团建.
    pub transfer_reason: Option<Reason>,
    /// The receiving org, in words.
    pub target: Text,
    /// N10: whether the student is in the incoming side's denominator (members who applied to
    /// transfer in); registrations, letters and those who stay are not.
    pub counts_in_rate: bool,
    /// N1's dates, for everyone the office takes in; `None` for the others.
    pub deadline: Option<IncomingDeadline>,
    /// What to do, in order, for the secretary.
    pub steps: Vec<Notice>,
    pub documents: Vec<Document>,
    /// The fields 智慧团建 asks for in the action's form (办理转入 or 注册).
    pub fields: Vec<&'static str>,
    /// N8: set when the school's administrator must add the student.
    pub school_admin: Option<SchoolAdminEntry>,
    /// Every rule id that shaped the answer (each cited by a step, block or warning), sorted.
    pub rules: Vec<RuleId>,
    pub blocks: Vec<Notice>,
    pub warnings: Vec<Notice>,
    /// Standing advice for every new member (cited, not counted in `rules`).
    pub tips: Vec<Notice>,
    /// Age in full years on the date asked.
    pub age: i32,
}
