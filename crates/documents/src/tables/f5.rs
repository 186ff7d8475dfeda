//! F5 团员发展编号被占用汇总表 (003 附件5): development numbers already taken by someone else
//! in 智慧团建. The template has no title row: the header is the first row.

use super::{Cell, HeaderCell, Table};
pub use xianjie_domain::ledgers::F5Row;

pub const TITLE: &str = "团员发展编号被占用汇总表";

pub const HEADER: [&str; 6] = [
    "省份",
    "所在团支部",
    "姓名",
    "身份证号",
    "发展团员编号",
    "备注（被谁占用）",
];

pub fn table(rows: &[F5Row], filter: &str) -> Table {
    Table {
        sheet_name: "编号被占用汇总".into(),
        title: None,
        notes: None,
        header: HEADER.iter().map(|h| HeaderCell::plain(h)).collect(),
        rows: rows
            .iter()
            .map(|r| {
                [
                    &r.province,
                    &r.branch,
                    &r.name,
                    &r.id_number,
                    &r.development_no,
                    &r.occupied_by,
                ]
                .iter()
                .map(|s| Cell::Text(s.to_string()))
                .collect()
            })
            .collect(),
        drop_downs: vec![],
        required: vec![0, 1, 2, 3, 4],
        empty_note: super::empty_note(filter),
        landscape: false,
    }
}
