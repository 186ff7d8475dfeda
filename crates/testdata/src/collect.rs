//! Filling in the 毕业去向 collection workbooks as the branches would (issue 18): each
//! exported workbook read back and saved with answers, every destination kind in turn. For the
//! collection tests and the whole-job E2E (`xianjie-gen collect-fill`).

use rust_xlsxwriter::Workbook;
use std::path::Path;
use xianjie::service::collect::{Col, FIRST_ROW, SHEET};
use xianjie::{Error, Result};
use xianjie_sheet::grid::{self, Grid};

fn xlsx(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::internal(format!("写收集表失败：{e}"))
}

/// Writes `grids` as a workbook at `out`, every cell a string (what Excel keeps of the
/// workbook's text cells).
pub fn save(grids: &[Grid], out: &Path) -> Result<()> {
    let mut book = Workbook::new();
    for g in grids {
        let ws = book.add_worksheet();
        ws.set_name(&g.name).map_err(xlsx)?;
        for (r, row) in g.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    let (r, c) = (u32::try_from(r).unwrap_or(u32::MAX), c as u16);
                    ws.write_string(r, c, v).map_err(xlsx)?;
                }
            }
        }
    }
    book.save(out).map_err(xlsx)
}

/// Reads `path`, lets `edit` change each graduate's row (its index among the rows, and its
/// cells, one per [`Col`]), and saves the result at `out`. Returns the number of rows.
pub fn fill(
    path: &Path,
    out: &Path,
    mut edit: impl FnMut(usize, &mut Vec<String>),
) -> Result<usize> {
    let mut grids = grid::read(path)?;
    let sheet = grids
        .iter_mut()
        .find(|g| g.name == SHEET)
        .ok_or_else(|| Error::invalid(format!("{} 中没有“{SHEET}”工作表", path.display())))?;
    let mut n = 0;
    for (i, row) in sheet.rows.iter_mut().skip(FIRST_ROW).enumerate() {
        row.resize(Col::ALL.len(), String::new());
        edit(i, row);
        n += 1;
    }
    save(&grids, out)?;
    Ok(n)
}

/// A complete answer for the `i`-th graduate: 升学, work with an org, a railway unit, 未就业
/// (every other one asking to stay in school, R7a) and 参军入伍 in turn, each with the
/// receiving org's full name where the branch knows it, and a mobile number.
pub fn answer(i: usize, row: &mut [String]) {
    let set = |row: &mut [String], c: Col, v: &str| row[c.index()] = v.to_string();
    // The branch's columns start blank (prefilled facts are replaced, not mixed).
    for c in Col::ALL.into_iter().filter(|c| !c.locked()) {
        set(row, c, "");
    }
    match i % 5 {
        0 => {
            set(row, Col::Kind, "升学");
            set(row, Col::Level, "普通高校");
            set(row, Col::Unit, "星河师范大学");
            set(row, Col::Address, "星河市师大路1号");
            set(row, Col::Province, "湖北");
            set(row, Col::Target, "共青团星河师范大学委员会");
        }
        1 => {
            set(row, Col::Kind, "已落实工作单位");
            set(row, Col::Unit, "星河市某某科技有限公司");
            set(row, Col::Address, "星河市高新区光谷大道1号");
            set(row, Col::HasOrg, "是");
            set(row, Col::Province, "湖北");
            set(row, Col::Target, "共青团星河市某某科技有限公司委员会");
        }
        2 => {
            set(row, Col::Kind, "已落实工作单位");
            set(row, Col::Unit, "某某铁路局某某站");
            set(row, Col::HasOrg, "是");
            set(row, Col::Address, "山西省太原市某某路1号");
            set(row, Col::System, "全国铁道团委");
            set(row, Col::Province, "山西");
            set(row, Col::Target, "共青团某某铁路局某某站委员会");
        }
        3 => {
            set(row, Col::Kind, "未就业（未升学或未落实就业去向）");
            set(row, Col::Address, "星河市某某区某某街道1号");
            set(row, Col::Province, "湖北");
            if i % 10 == 3 {
                set(row, Col::Special, "申请在校保留");
                set(row, Col::Target, "共青团星河大学毕业学生流动团员团支部");
            } else {
                set(
                    row,
                    Col::Target,
                    "共青团星河市某某区某某街道学社衔接临时团支部",
                );
            }
        }
        _ => {
            // No org is chosen in 智慧团建 (R8); the paper letter names the unit.
            set(row, Col::Kind, "参军入伍");
            set(row, Col::Target, "中国人民解放军某部队团委");
        }
    }
    set(row, Col::Phone, &format!("139{:08}", 10_000 + i));
}

/// Fills every workbook of `dir` with [`answer`]s into `out` (same file names); returns the
/// files written, in name order.
pub fn fill_dir(dir: &Path, out: &Path) -> Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(out)?;
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xlsx"))
        .collect();
    files.sort();
    let mut n = 0;
    let mut written = Vec::new();
    for f in files {
        let Some(name) = f.file_name() else { continue };
        let dest = out.join(name);
        fill(&f, &dest, |_, row| {
            answer(n, row);
            n += 1;
        })?;
        written.push(dest);
    }
    Ok(written)
}
