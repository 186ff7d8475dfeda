//! F4 学社衔接转出特殊情况记录 (003 附件2): transfers that were returned, refused or are stuck,
//! with 是否发起 and 未接受原因; 待转入团组织所在地区 is merged over 省 and 市.

use super::{seq, Cell, HeaderCell, Table};
pub use xianjie_domain::ledgers::F4Row;

pub const TITLE: &str = "学社衔接转出特殊情况记录";

pub const HEADER: [HeaderCell; 11] = [
    HeaderCell::plain("序号"),
    HeaderCell::plain("姓名"),
    HeaderCell::plain("学号"),
    HeaderCell::plain("学院"),
    HeaderCell::plain("原所在团组织名称"),
    HeaderCell::plain("转接类型"),
    HeaderCell {
        name: "待转入团组织所在地区",
        sub: &["省", "市"],
    },
    HeaderCell::plain("待转入团组织名称"),
    HeaderCell::plain("是否发起"),
    HeaderCell::plain("未接受原因"),
    HeaderCell::plain("备注"),
];

pub fn table(rows: &[F4Row], filter: &str) -> Table {
    Table {
        sheet_name: TITLE.into(),
        title: Some(TITLE.into()),
        notes: None,
        header: HEADER.to_vec(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    seq(i),
                    Cell::from(r.name.as_str()),
                    r.student_no.as_str().into(),
                    r.college.as_str().into(),
                    r.original_org.as_str().into(),
                    r.transfer_type.as_str().into(),
                    r.province.as_str().into(),
                    r.city.as_str().into(),
                    r.target_org.as_str().into(),
                    if r.initiated { "是" } else { "否" }.into(),
                    r.refusal_reason.as_str().into(),
                    r.remark.as_str().into(),
                ]
            })
            .collect(),
        drop_downs: vec![super::DropDown {
            column: 9,
            values: &["是", "否"],
        }],
        required: vec![1, 2, 3, 4, 5, 9],
        empty_note: super::empty_note(filter),
        landscape: true,
    }
}
