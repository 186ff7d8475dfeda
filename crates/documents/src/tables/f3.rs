//! F3 修改团支部毕业时间汇总表 (003 附件4): G4 change requests of a marked branch's
//! graduation date, for upper-level approval. Only requests that stand are listed (a rejected
//! one changed nothing), each with its state in a column after the template's four, so that a
//! pending request never reads like an approved one (rules.md §F3).

use super::{seq, Cell, HeaderCell, Table};

pub const TITLE: &str = "修改团支部毕业时间汇总表";

pub const HEADER: [&str; 5] = [
    "序号",
    "团支部名称（智慧团建系统里的全称）",
    "正确毕业时间",
    "提交时间",
    "审批状态",
];

/// [`F3Row::state`] of a request waiting for the upper level.
pub const PENDING: &str = "待审批";
/// [`F3Row::state`] of an approved request.
pub const APPROVED: &str = "已同意";

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct F3Row {
    pub branch: String,
    /// e.g. `2026年7月`.
    pub correct_date: String,
    pub submitted_at: String,
    /// [`PENDING`] or [`APPROVED`].
    pub state: String,
}

pub fn table(rows: &[F3Row], filter: &str) -> Table {
    Table {
        sheet_name: TITLE.into(),
        title: Some(TITLE.into()),
        notes: None,
        header: HEADER.iter().map(|h| HeaderCell::plain(h)).collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    seq(i),
                    Cell::from(r.branch.as_str()),
                    r.correct_date.as_str().into(),
                    r.submitted_at.as_str().into(),
                    r.state.as_str().into(),
                ]
            })
            .collect(),
        drop_downs: vec![],
        required: vec![1, 2, 3, 4],
        empty_note: super::empty_note(filter),
        landscape: false,
    }
}
