//! The two small ledgers the office keeps by hand for the upper levels (rules.md §6): special-
//! case transfers (returned, refused, stuck — F4) and development numbers taken by someone else
//! (F5), as the tables print their rows.

use serde::{Deserialize, Serialize};

crate::labeled_enum! {
    /// Why a transfer is a special case (F4).
    SpecialKind {
        Returned = "returned", "被退回";
        Refused = "refused", "被拒绝接收";
        Stuck = "stuck", "长期未办结";
    }
}

/// One F4 record, with what the filters need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SpecialCase {
    pub member_id: Option<i64>,
    pub branch_id: Option<i64>,
    pub cohort_year: Option<i32>,
    pub kind: SpecialKind,
    pub row: F4Row,
}

/// One F5 record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DevnoConflict {
    pub member_id: Option<i64>,
    pub college: String,
    pub cohort_year: Option<i32>,
    pub row: F5Row,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct F4Row {
    pub name: String,
    pub student_no: String,
    pub college: String,
    pub original_org: String,
    /// 转接类型 (the 转接原因 chosen, e.g. 未就业).
    pub transfer_type: String,
    pub province: String,
    pub city: String,
    pub target_org: String,
    /// 是否发起: whether the request was started in 智慧团建.
    pub initiated: bool,
    pub refusal_reason: String,
    pub remark: String,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct F5Row {
    pub province: String,
    pub branch: String,
    pub name: String,
    pub id_number: String,
    pub development_no: String,
    /// 被谁占用.
    pub occupied_by: String,
}

/// One member holding a development number another member holds too (003 #76: 被占用).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OccupiedMember {
    pub member_id: i64,
    pub name: String,
    /// In full: F5 reports it to the upper level.
    pub id_number: String,
    pub branch_id: i64,
    pub branch: String,
    pub college: Option<String>,
    pub joined: Option<crate::date::YearMonth>,
}

/// A development number held by two or more members: what F5 reports once the secretary has
/// confirmed which of them 智慧团建 shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OccupiedNumber {
    pub development_no: String,
    /// Ordered by record number (the first recorded first).
    pub members: Vec<OccupiedMember>,
}

impl OccupiedNumber {
    /// F5 rows, one per member, 备注 naming the others (“与张三（身份证号…）共用此编号”);
    /// `province` as the office fills it (the store does not know it).
    pub fn f5_rows(&self, province: &str) -> Vec<F5Row> {
        self.members
            .iter()
            .map(|m| F5Row {
                province: province.to_string(),
                branch: m.branch.clone(),
                name: m.name.clone(),
                id_number: m.id_number.clone(),
                development_no: self.development_no.clone(),
                occupied_by: format!(
                    "与{}共用此编号",
                    self.members
                        .iter()
                        .filter(|o| o.member_id != m.member_id)
                        .map(|o| format!("{}（{}，{}）", o.name, o.id_number, o.branch))
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            })
            .collect()
    }
}
