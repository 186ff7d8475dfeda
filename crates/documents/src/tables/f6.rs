//! F6 删除团员台账 (003 附件6): the members deleted from the roster (M9) and why.

use super::{seq, Cell, HeaderCell, Table};

pub const TITLE: &str = "删除团员台账";

pub const HEADER: [&str; 5] = ["序号", "姓名", "所在团支部名称全称", "身份证号", "删除原因"];

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct F6Row {
    pub name: String,
    pub branch: String,
    pub id_number: String,
    pub reason: String,
}

pub fn table(rows: &[F6Row], filter: &str) -> Table {
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
                    Cell::from(r.name.as_str()),
                    r.branch.as_str().into(),
                    r.id_number.as_str().into(),
                    r.reason.as_str().into(),
                ]
            })
            .collect(),
        drop_downs: vec![],
        required: vec![1, 2, 3, 4],
        empty_note: super::empty_note(filter),
        landscape: false,
    }
}
