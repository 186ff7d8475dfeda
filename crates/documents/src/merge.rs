//! `xianjie table merge fN FILE…` (issue 16): an office that receives its colleges' F-tables
//! as plain spreadsheets (not packages) merges them into one table of the template's exact
//! shape. Each file's header is checked against the template, cell by cell — a moved or
//! renamed column refuses the file, naming it and the column — and the rows are kept in the
//! files' order (so each college's stay together), 序号 numbered anew; ID numbers found in two
//! rows are reported (M2).

use crate::tables::{f1, f2, f3, f4, f5, f6, Cell, Form, Table};
use crate::{Error, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use xianjie_sheet::grid::{self, Grid};
use xianjie_sheet::workbook::column_letter;

/// An ID number (or, in a template without one, a name in a branch) found in more than one
/// row of the files merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MergeDuplicate {
    /// Masked (M1); `姓名（团支部）` for a template without ID numbers.
    pub id_number: String,
    /// `文件 第 N 行` for each row holding it.
    pub places: Vec<String>,
}

/// What a merge produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Merged {
    #[serde(skip)]
    pub bytes: Vec<u8>,
    /// Rows taken from each file, in order.
    pub files: Vec<(String, usize)>,
    pub rows: usize,
    pub duplicates: Vec<MergeDuplicate>,
}

/// The empty template of `form` (F1's title with `school`).
fn template(form: Form, school: &str) -> Table {
    match form {
        Form::F1 => f1::table(&[], school, ""),
        Form::F2 => f2::table(&[], ""),
        Form::F3 => f3::table(&[], ""),
        Form::F4 => f4::table(&[], ""),
        Form::F5 => f5::table(&[], ""),
        Form::F6 => f6::table(&[], ""),
    }
}

/// Header text compared as the sheet reader gives it (full-width folded), without spaces and
/// line breaks (Excel users wrap long headers).
fn norm(s: &str) -> String {
    crate::text::normalize_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// Each leaf column's header and its row below the header's first row (0, or 1 under a group).
fn leaves(t: &Table) -> Vec<(&'static str, usize)> {
    t.header
        .iter()
        .flat_map(|h| {
            if h.sub.is_empty() {
                vec![(h.name, 0)]
            } else {
                h.sub.iter().map(|s| (*s, 1)).collect()
            }
        })
        .collect()
}

/// Merges `files` (each a table of `form` as the template has it) into one table.
pub fn merge(form: Form, files: &[PathBuf], school: &str) -> Result<Merged> {
    if files.is_empty() {
        return Err(Error::invalid("请给出要合并的文件"));
    }
    let mut t = template(form, school);
    let leaves = leaves(&t);
    let depth = if leaves.iter().any(|l| l.1 == 1) {
        2
    } else {
        1
    };
    let serial = leaves.iter().position(|l| l.0 == "序号");
    // Duplicates by ID number; a template without one (F1) by name and branch.
    let id_col = leaves.iter().position(|l| l.0.contains("身份证"));
    let name_col = leaves
        .iter()
        .position(|l| l.0 == "姓名" || l.0 == "转出人姓名");
    let branch_col = leaves.iter().position(|l| l.0.contains("支部"));
    let mut taken = Vec::new();
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for path in files {
        let name = shown(path);
        let grids = grid::read_as_written(path)?;
        let (g, top) = find_header(&grids, &t, &name, form)?;
        for (c, (want, below)) in leaves.iter().enumerate() {
            let found = g.cell(top + below, c);
            if norm(found) != norm(want) {
                return Err(Error::invalid(format!(
                    "“{name}”的 {} 列表头应为“{want}”，实为“{}”：与{}模板不一致（列被移动或改名），未合并",
                    column_letter(c as u32),
                    found.trim(),
                    form.label()
                )));
            }
        }
        let mut n = 0;
        for (r, row) in g.rows.iter().enumerate().skip(top + depth) {
            let cells: Vec<&str> = (0..leaves.len())
                .map(|c| row.get(c).map_or("", String::as_str).trim())
                .collect();
            let first = cells.iter().find(|c| !c.is_empty());
            match first {
                None => continue,
                Some(f) if f.starts_with("（无符合条件") => continue,
                Some(_) => {}
            }
            let key = match (id_col, name_col, branch_col) {
                (Some(c), _, _) => cells[c].to_uppercase(),
                (None, Some(n), Some(b)) if !cells[n].is_empty() => {
                    format!("{}（{}）", cells[n], cells[b])
                }
                _ => String::new(),
            };
            if !key.is_empty() {
                ids.entry(key)
                    .or_default()
                    .push(format!("“{name}”第 {} 行", r + 1));
            }
            let seq = t.rows.len() + 1;
            t.rows.push(
                cells
                    .iter()
                    .enumerate()
                    .map(|(c, v)| match serial {
                        Some(s) if s == c => Cell::Number(seq as f64),
                        _ => Cell::from(*v),
                    })
                    .collect(),
            );
            n += 1;
        }
        taken.push((name, n));
    }
    let duplicates = ids
        .into_iter()
        .filter(|(_, places)| places.len() > 1)
        .map(|(key, places)| MergeDuplicate {
            id_number: if id_col.is_some() { mask(&key) } else { key },
            places,
        })
        .collect();
    let rows = t.rows.len();
    t.empty_note = "（合并的文件中没有数据行）".to_string();
    let bytes = match form {
        Form::F1 => f1::workbook_of(&t)?,
        _ => t.to_xlsx()?,
    };
    Ok(Merged {
        bytes,
        files: taken,
        rows,
        duplicates,
    })
}

fn shown(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// First 6 and last 4 characters (M1), as the rest of the program shows ID numbers.
fn mask(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 10 {
        return id.to_string();
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 10))
}

/// The sheet and row where the template's first header cell stands (within the first rows).
fn find_header<'g>(
    grids: &'g [Grid],
    t: &Table,
    name: &str,
    form: Form,
) -> Result<(&'g Grid, usize)> {
    let first = t.header.first().map_or("", |h| h.name);
    for g in grids {
        for r in 0..g.rows.len().min(12) {
            if norm(g.cell(r, 0)) == norm(first) {
                return Ok((g, r));
            }
        }
    }
    Err(Error::invalid(format!(
        "“{name}”中找不到{}的表头（A 列应有“{first}”），不是该模板的文件，未合并",
        form.label()
    )))
}
