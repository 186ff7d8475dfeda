//! The fill-in workbooks: one per graduating branch, written whole or not at all.

use super::{
    special_choices, system_choices, Col, FIRST_ROW, META, NO, RETAIN, SHEET, STUDY_LEVELS, YES,
};
use crate::destination::{Destination, DestinationKind, PROVINCES};
use crate::documents::letter::safe_file_name;
use crate::service::Context;
use crate::store::Graduate;
use crate::{Error, Result};
use rust_xlsxwriter::{DataValidation, Format, FormatBorder, Workbook, XlsxError};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// One workbook written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Exported {
    pub branch: String,
    pub path: PathBuf,
    pub graduates: usize,
}

fn xlsx(e: XlsxError) -> Error {
    Error::internal(format!("生成毕业去向收集表失败：{e}"))
}

/// Writes one workbook per graduating branch of cohort `year` into `dir`.
pub fn export(ctx: &mut Context, year: i32, dir: &Path) -> Result<Vec<Exported>> {
    let on = ctx.today();
    let graduates = ctx.graduates(year, on)?;
    let mut branches: Vec<(i64, String, Vec<&Graduate>)> = Vec::new();
    for g in graduates.iter().filter(|g| g.member.marking.is_none()) {
        match branches.iter_mut().find(|b| b.0 == g.branch.id) {
            Some(b) => b.2.push(g),
            None => branches.push((g.branch.id, g.branch.full_name.clone(), vec![g])),
        }
    }
    if branches.is_empty() {
        return Err(Error::not_found(format!(
            "{year} 届没有毕业生（请先导入名单并标记团支部毕业时间）"
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::storage(format!(
            "无法建立文件夹 {}：{}",
            dir.display(),
            crate::error::io_reason(&e)
        ))
    })?;
    let exported_at = crate::store::audit::now();
    let mut out = Vec::with_capacity(branches.len());
    for (id, name, grads) in branches {
        let bytes = workbook(year, id, &name, &grads, &exported_at).map_err(xlsx)?;
        let path = dir.join(safe_file_name(&format!("{name}_{year}届毕业去向.xlsx")));
        crate::files::write_output(&path, &bytes)?;
        out.push(Exported {
            branch: name,
            path,
            graduates: grads.len(),
        });
    }
    Ok(out)
}

/// The recorded facts as the workbook's cells (F–P), or empty ones.
fn prefill(d: Option<&Destination>, mobile: Option<&str>) -> Vec<String> {
    let yn = |b: bool| if b { YES } else { NO }.to_string();
    let mut v = vec![String::new(); Col::ALL.len() - Col::Kind.index()];
    let at = |c: Col| c.index() - Col::Kind.index();
    if let Some(d) = d {
        let details = d.details.clone().unwrap_or_default();
        v[at(Col::Kind)] = d.kind.label().to_string();
        v[at(Col::Level)] = details.study_level.clone().unwrap_or_default();
        v[at(Col::Unit)] = details.unit_name.unwrap_or_default();
        v[at(Col::Address)] = details.address.unwrap_or_default();
        if matches!(
            d.kind,
            DestinationKind::Employed | DestinationKind::AbroadWork
        ) {
            v[at(Col::HasOrg)] = yn(d.employer_has_org);
            v[at(Col::Dispatch)] = yn(d.labor_dispatch);
            v[at(Col::Central)] = yn(d.central_unit_in_beijing);
            v[at(Col::System)] = d.system.map_or("无", |s| s.label()).to_string();
        }
        v[at(Col::Province)] = d.province.clone().unwrap_or_default();
        v[at(Col::Special)] = match (d.note, d.retain_in_school) {
            (Some(n), _) => n.label().to_string(),
            (None, true) => RETAIN.to_string(),
            (None, false) => String::new(),
        };
        v[at(Col::Target)] = details.target_org.unwrap_or_default();
    }
    v[at(Col::Phone)] = mobile.unwrap_or_default().to_string();
    v
}

fn workbook(
    year: i32,
    branch_id: i64,
    branch: &str,
    grads: &[&Graduate],
    exported_at: &str,
) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let note = Format::new().set_text_wrap().set_font_color("#666666");
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7")
        .set_text_wrap();
    let locked = Format::new()
        .set_border(FormatBorder::Thin)
        .set_background_color("#F2F2F2")
        .set_num_format("@");
    let open = Format::new()
        .set_border(FormatBorder::Thin)
        .set_unlocked()
        .set_num_format("@");

    let ws = book.add_worksheet();
    ws.set_name(SHEET)?;
    ws.write_string_with_format(
        0,
        0,
        format!("{branch} {year}届毕业生毕业去向（请团支部填写后交回学院团委）"),
        &title,
    )?;
    ws.merge_range(
        1,
        0,
        1,
        (Col::ALL.len() - 1) as u16,
        "灰色列由学院导出，请勿修改；“毕业去向”必填，其余按去向填写（见“填写说明”工作表）。请勿增删行列、勿改文件格式。",
        &note,
    )?;
    ws.set_row_height(1, 30)?;
    let header_row = (FIRST_ROW - 1) as u32;
    for c in Col::ALL {
        ws.write_string_with_format(header_row, c.index() as u16, c.header(), &head)?;
    }
    ws.set_row_height(header_row, 32)?;
    for (i, g) in grads.iter().enumerate() {
        let row = (FIRST_ROW + i) as u32;
        let m = &g.member;
        let fixed = [
            (i + 1).to_string(),
            m.id.to_string(),
            m.name.clone(),
            m.student_no.clone().unwrap_or_default(),
            m.id_number.masked(),
        ];
        for (c, v) in fixed.iter().enumerate() {
            ws.write_string_with_format(row, c as u16, v, &locked)?;
        }
        for (k, v) in prefill(m.destination.as_ref(), m.mobile.as_deref())
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(row, (Col::Kind.index() + k) as u16, v, &open)?;
        }
    }
    let last = (FIRST_ROW + grads.len().max(1) - 1) as u32;
    let first = FIRST_ROW as u32;
    let kinds: Vec<&str> = DestinationKind::ALL.iter().map(|k| k.label()).collect();
    let lists: [(Col, Vec<&str>); 8] = [
        (Col::Kind, kinds),
        (Col::Level, STUDY_LEVELS.to_vec()),
        (Col::HasOrg, vec![YES, NO]),
        (Col::Dispatch, vec![NO, YES]),
        (Col::Province, PROVINCES.to_vec()),
        (Col::System, system_choices()),
        (Col::Central, vec![NO, YES]),
        (Col::Special, special_choices()),
    ];
    for (c, values) in lists {
        let v = DataValidation::new()
            .allow_list_strings(&values)?
            .set_error_title("请从下拉列表中选择")?
            .set_error_message("请从下拉列表中选择，不要手工输入其他内容")?;
        let col = c.index() as u16;
        ws.add_data_validation(first, col, last, col, &v)?;
    }
    let widths = [
        5.0, 10.0, 9.0, 13.0, 20.0, 22.0, 14.0, 26.0, 30.0, 8.0, 8.0, 12.0, 18.0, 9.0, 16.0, 34.0,
        14.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(first, Col::Kind.index() as u16)?;
    ws.protect();

    let help = book.add_worksheet();
    help.set_name("填写说明")?;
    let lines = [
        "毕业去向收集表：填写说明".to_string(),
        String::new(),
        "1. 灰色列（序号、系统编号、姓名、学号、身份证号）由学院导出，请勿修改；每行一名毕业生，请勿增删行。".into(),
        format!("2. “毕业去向”必填，从下拉列表选择：{}。", DestinationKind::ALL.iter().map(|k| k.label()).collect::<Vec<_>>().join("、")),
        "3. 已落实工作单位、因公出国（境）工作：填写单位名称、单位所在地详细地址、单位有无团组织、是否劳务派遣；系统单位（铁道、民航、金融、央企、中央和国家机关）选所属系统团委；在京中直单位选“是”。".into(),
        "4. 升学：选择升学层次，单位或录取学校名称填录取学校全称；出国（境）学习研究、参军入伍、涉密单位：只选去向即可。".into(),
        "5. 未就业：地址填居住地（优先）或户籍地详细地址；申请在校保留团组织关系、二战考研、单位要求先收档案的，在“特殊情况”中选择。".into(),
        "6. “去向所在省份”从下拉列表选择；转入团组织全称已知时填写（与智慧团建中的全称一致）。".into(),
        "7. 本人联系电话填11位手机号码。".into(),
        "8. 填好后保存为 .xlsx（不要另存为其他格式），交回学院团委。".into(),
    ];
    for (i, l) in lines.iter().enumerate() {
        help.write_string(i as u32, 0, l)?;
    }
    help.set_column_width(0, 120)?;

    let meta = book.add_worksheet();
    meta.set_name(META)?;
    let rows = [
        ("kind", "destination-collection".to_string()),
        ("cohort_year", year.to_string()),
        ("branch_id", branch_id.to_string()),
        ("branch", branch.to_string()),
        ("exported_at", exported_at.to_string()),
        ("program", env!("CARGO_PKG_VERSION").to_string()),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        meta.write_string(i as u32, 0, *k)?;
        meta.write_string(i as u32, 1, v)?;
    }
    meta.set_hidden(true);
    meta.protect();
    book.save_to_buffer()
}
