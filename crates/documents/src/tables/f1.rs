//! F1 毕业生流动团员信息汇总表 (003 附件1): the retained/flowing graduates (R7a/R7b), with the
//! 填写说明 block, the 转出人毕业去向 drop-down and a second sheet of org categories by level.

use super::{Cell, DropDown, HeaderCell, Table};
use crate::org::{OrgCategory, OrgLevel};
use crate::Result;
use rust_xlsxwriter::{Format, Workbook};

pub const TITLE: &str = "毕业生流动团员信息汇总表";

pub const NOTES: &str = "填写说明（请勿删除本行内容）
1. 本表除“备注”一栏之外均为必填项，数据缺失或格式不符都会影响后续追踪以及转入流动团员团支部。
2. “转出团支部”名称需要与团支部在智慧团建系统中的名称一致，需要写全称。
3. “毕业去向”为下拉框填写，请点击表格下拉填写。
4. “转接原因”要写明属于流动团员的哪一种情况，如没有升学、没有就业、二战考研、工作单位未确定具体转接流程等。
5. 本表由各个学院以学院为单位进行汇总，如有其他补充或者特殊情况请在“备注”中注明。";

pub const HEADER: [&str; 9] = [
    "学院",
    "转出团支部",
    "学社衔接工作负责人姓名（师生均可）",
    "学社衔接工作负责人联系方式",
    "转出人姓名",
    "转出人常用联系方式",
    "转接原因",
    "转出人毕业去向",
    "备注",
];

/// The drop-down of 转出人毕业去向.
pub const DESTINATIONS: [&str; 3] = ["继续准备升学", "继续准备就业", "其他（请填写备注）"];

/// One retained graduate.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct F1Row {
    pub college: String,
    /// 转出团支部 (full name as in 智慧团建).
    pub branch: String,
    pub handler_name: String,
    pub handler_contact: String,
    pub name: String,
    pub contact: String,
    /// 转接原因: which kind of flowing member (没有升学、没有就业、二战考研…).
    pub reason: String,
    /// One of [`DESTINATIONS`].
    pub destination: String,
    pub remark: String,
}

/// `school` prefixes the title (the template reads 南开大学毕业生流动团员信息汇总表).
pub fn table(rows: &[F1Row], school: &str, filter: &str) -> Table {
    let title = format!("{}{TITLE}", school.trim());
    Table {
        sheet_name: title.clone(),
        title: Some(title),
        notes: Some(NOTES.to_string()),
        header: HEADER.iter().map(|h| HeaderCell::plain(h)).collect(),
        rows: rows
            .iter()
            .map(|r| {
                [
                    &r.college,
                    &r.branch,
                    &r.handler_name,
                    &r.handler_contact,
                    &r.name,
                    &r.contact,
                    &r.reason,
                    &r.destination,
                    &r.remark,
                ]
                .iter()
                .map(|s| Cell::Text(s.to_string()))
                .collect()
            })
            .collect(),
        drop_downs: vec![DropDown {
            column: 7,
            values: &DESTINATIONS,
        }],
        required: (0..8).collect(),
        empty_note: super::empty_note(filter),
        landscape: true,
    }
}

/// The workbook: the table, then the org-category sheet (团委 / 团工委 / 团总支 / 团支部).
pub fn workbook(rows: &[F1Row], school: &str, filter: &str) -> Result<Vec<u8>> {
    workbook_of(&table(rows, school, filter))
}

/// The F1 workbook of a table in F1's shape (its rows, e.g., merged from colleges' files),
/// with the template's second sheet (the org levels and categories the drop-downs list).
pub fn workbook_of(t: &Table) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    t.add_to(&mut wb)?;
    let ws = wb.add_worksheet();
    let err = |e: rust_xlsxwriter::XlsxError| super::xlsx_err(e);
    ws.set_name("Sheet1").map_err(err)?;
    let bold = Format::new().set_bold();
    for (c, level) in OrgLevel::ALL.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, level.label(), &bold)
            .map_err(err)?;
        for (r, cat) in OrgCategory::for_level(*level).iter().enumerate() {
            ws.write_string(r as u32 + 1, c, cat.label()).map_err(err)?;
        }
        ws.set_column_width(c, 26).map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}
