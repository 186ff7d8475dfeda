//! Collecting destinations from the branches instead of typing them (issue 18): one fill-in
//! workbook per graduating branch ([`export`]), its graduates prefilled and locked, a column
//! per destination fact the rule engine needs, drop-downs with the exact labels; the filled
//! workbooks read back ([`import`]) — matched to the graduates, checked cell by cell (file,
//! row, column and name in every message), conflicts between two files and with what the
//! office changed after the export listed, all or nothing by default — and a per-branch view of
//! who has answered ([`status`]).

mod export;
mod import;

pub use export::{export, Exported};
pub use import::{import, CollectIssue, CollectOptions, CollectReport};

use crate::service::Context;
use crate::Result;
use serde::Serialize;

/// The sheet the branches fill in.
pub const SHEET: &str = "毕业去向";
/// The hidden sheet that says what the workbook is (year, branch, when exported).
pub const META: &str = "_xianjie";
/// The first data row (0-based): a title row, a note row, the header row.
pub const FIRST_ROW: usize = 3;
const NO: &str = "否";
const YES: &str = "是";
/// The 特殊情况 choices besides 无 (R7a, R7b).
const RETAIN: &str = "申请在校保留";

/// The columns, in order (their index is their position).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Seq,
    Id,
    Name,
    StudentNo,
    IdNumber,
    Kind,
    Level,
    Unit,
    Address,
    HasOrg,
    Dispatch,
    Province,
    System,
    Central,
    Special,
    Target,
    Phone,
}

impl Col {
    pub const ALL: [Col; 17] = [
        Col::Seq,
        Col::Id,
        Col::Name,
        Col::StudentNo,
        Col::IdNumber,
        Col::Kind,
        Col::Level,
        Col::Unit,
        Col::Address,
        Col::HasOrg,
        Col::Dispatch,
        Col::Province,
        Col::System,
        Col::Central,
        Col::Special,
        Col::Target,
        Col::Phone,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The header as the workbook prints it.
    pub fn header(self) -> &'static str {
        match self {
            Col::Seq => "序号",
            Col::Id => "系统编号（勿改）",
            Col::Name => "姓名",
            Col::StudentNo => "学号",
            Col::IdNumber => "身份证号（部分隐藏）",
            Col::Kind => "毕业去向（必填）",
            Col::Level => "升学层次（升学填写）",
            Col::Unit => "单位或录取学校名称",
            Col::Address => "单位（学校）或居住地详细地址",
            Col::HasOrg => "单位有团组织",
            Col::Dispatch => "劳务派遣",
            Col::Province => "去向所在省份",
            Col::System => "所属系统团委",
            Col::Central => "在京中直单位",
            Col::Special => "特殊情况",
            Col::Target => "转入团组织全称（已知时填写）",
            Col::Phone => "本人联系电话",
        }
    }

    /// Prefilled from the store and locked: the branch does not change these.
    pub fn locked(self) -> bool {
        matches!(
            self,
            Col::Seq | Col::Id | Col::Name | Col::StudentNo | Col::IdNumber
        )
    }

    /// `F`, `G`…: the column letter for messages.
    pub fn letter(self) -> String {
        xianjie_sheet::workbook::column_letter(self.index() as u32)
    }
}

/// 升学层次's choices: what 智慧团建 asks of a 升学 graduate (001 附件2).
pub const STUDY_LEVELS: [&str; 4] = ["普通高中", "中等职业院校", "普通高校", "高等职业院校"];

/// 特殊情况's choices.
pub fn special_choices() -> Vec<&'static str> {
    let mut v = vec!["无", RETAIN];
    v.extend(
        crate::destination::RetentionNote::ALL
            .iter()
            .map(|n| n.label()),
    );
    v
}

/// What the system-committee column offers (无 first).
pub fn system_choices() -> Vec<&'static str> {
    let mut v = vec!["无"];
    v.extend(
        crate::destination::SystemCommittee::ALL
            .iter()
            .map(|s| s.label()),
    );
    v
}

/// One graduating branch: how many graduates, how many have a destination, whether its
/// workbook came back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BranchStatus {
    pub branch_id: i64,
    pub branch: String,
    pub graduates: usize,
    pub with_destination: usize,
    /// The returned workbook's file name; null while missing.
    pub returned_file: Option<String>,
    /// When it was read back (RFC 3339).
    pub returned_at: Option<String>,
}

/// Who has answered: every branch with graduates of cohort `year`.
pub fn status(ctx: &mut Context, year: i32) -> Result<Vec<BranchStatus>> {
    let on = ctx.today();
    let graduates = ctx.graduates(year, on)?;
    let returns = ctx.store().collect_returns(year)?;
    let mut out: Vec<BranchStatus> = Vec::new();
    for g in graduates.iter().filter(|g| g.member.marking.is_none()) {
        let has = g.member.destination.is_some();
        match out.iter_mut().find(|b| b.branch_id == g.branch.id) {
            Some(b) => {
                b.graduates += 1;
                b.with_destination += usize::from(has);
            }
            None => {
                let returned = returns.iter().find(|r| r.branch_id == g.branch.id);
                out.push(BranchStatus {
                    branch_id: g.branch.id,
                    branch: g.branch.full_name.clone(),
                    graduates: 1,
                    with_destination: usize::from(has),
                    returned_file: returned.map(|r| r.file.clone()),
                    returned_at: returned.map(|r| crate::time::list_time(&r.imported_at)),
                })
            }
        }
    }
    Ok(out)
}
