//! F2 转往特殊单位团组织汇总表 (003 附件3): R8 graduates (参军入伍, 涉密单位) with the time
//! their request was submitted; it goes to the city committee. A graduate whose request is not
//! (or no longer) in 智慧团建 reads [`NOT_SUBMITTED`] in 系统提交时间, shaded, never a blank
//! (rules.md §F2); the rows submitted come first.

use super::{seq, Cell, HeaderCell, Table};

/// The template's title row.
pub const TITLE: &str = "转往特殊单位团组织";

pub const HEADER: [&str; 5] = [
    "序号",
    "姓名",
    "提交时所在支部（系统内全称）",
    "系统提交时间",
    "去向单位名称（若部队名称涉密，填写去向即可，如参军入伍）",
];

/// 系统提交时间 of a graduate whose transfer has not been submitted in 智慧团建.
pub const NOT_SUBMITTED: &str = "未发起";

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct F2Row {
    pub name: String,
    pub branch: String,
    /// e.g. `2026-06-12 10:30`; empty while not submitted (printed as [`NOT_SUBMITTED`]).
    pub submitted_at: String,
    pub destination_unit: String,
}

pub fn table(rows: &[F2Row], filter: &str) -> Table {
    Table {
        sheet_name: "转往特殊单位团组织汇总表".into(),
        title: Some(TITLE.into()),
        notes: None,
        header: HEADER.iter().map(|h| HeaderCell::plain(h)).collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    seq(i),
                    Cell::from(r.name.as_str()),
                    r.branch.as_str().into(),
                    if r.submitted_at.trim().is_empty() {
                        Cell::Marked(NOT_SUBMITTED.into())
                    } else {
                        r.submitted_at.as_str().into()
                    },
                    r.destination_unit.as_str().into(),
                ]
            })
            .collect(),
        drop_downs: vec![],
        required: vec![1, 2, 3, 4],
        empty_note: super::empty_note(filter),
        landscape: false,
    }
}
