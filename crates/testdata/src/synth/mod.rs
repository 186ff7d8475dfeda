//! Synthetic rosters for fixtures, the demo and benchmarks: made-up names, fictional ID
//! numbers with valid checksums (`id_number::check_char`), deterministic from a seed.
//!
//! A roster is first described as a [`SheetSpec`] (cells and merges), then written as .xlsx
//! here and, from the same JSON, as .xls by `scripts/xls_from_spec.py` (rust_xlsxwriter cannot
//! write BIFF8), so both formats carry exactly the same cells.

pub mod demo;
pub mod large;
pub mod messy;

use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;
use xianjie::id_number::{check_char, Sex};
use xianjie::{Error, Result};

/// A small deterministic generator (SplitMix64): fixtures must not change between runs.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// True with probability `p` percent.
    pub fn chance(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁",
];
const GIVEN: &[&str] = &[
    "子", "涵", "浩", "宇", "欣", "怡", "梓", "轩", "思", "雨", "晨", "嘉", "博", "文", "佳", "俊",
    "一", "诺", "昊", "然", "可", "馨", "明", "杰", "睿", "泽", "若", "彤", "雅", "琪", "天", "翊",
    "书", "瑶", "锦", "程", "沐", "阳", "依", "楠", "晓", "峰", "静", "婷", "凯", "鑫", "悦", "航",
];
/// Region codes used for the fictional numbers (prefecture-level codes of several provinces).
const REGIONS: &[&str] = &[
    "420502", "420106", "110105", "440305", "350203", "510104", "330106", "370202", "430102",
    "410105", "320102", "500103", "610113", "360102", "130104", "450103",
];
pub const ETHNICITIES: &[&str] = &[
    "汉族",
    "汉族",
    "汉族",
    "汉族",
    "汉族",
    "回族",
    "壮族",
    "土家族",
    "苗族",
    "满族",
];

/// A made-up two- or three-character name.
pub fn name(rng: &mut Rng) -> String {
    let mut s = String::from(*rng.pick(SURNAMES));
    s.push_str(rng.pick::<&str>(GIVEN));
    if rng.chance(70) {
        s.push_str(rng.pick::<&str>(GIVEN));
    }
    s
}

/// Fictional but checksum-valid ID numbers, never repeated within one generator.
#[derive(Debug, Default)]
pub struct IdMaker {
    used: HashSet<String>,
}

impl IdMaker {
    /// An ID number for someone born on the given day with the given sex.
    pub fn make(&mut self, rng: &mut Rng, birth: (i32, u32, u32), sex: Sex) -> String {
        loop {
            let region = rng.pick(REGIONS);
            let mut seq = rng.below(1000) as u32;
            let odd = seq % 2 == 1;
            if odd != (sex == Sex::Male) {
                seq = (seq + 1) % 1000;
            }
            let first17 = format!("{region}{:04}{:02}{:02}{seq:03}", birth.0, birth.1, birth.2);
            let id = format!("{first17}{}", check_char(first17.as_bytes()));
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// A fictional mobile number (11 digits, 13x–19x).
pub fn mobile(rng: &mut Rng) -> String {
    format!("1{}{:09}", 3 + rng.below(7), rng.below(1_000_000_000))
}

/// One cell of a synthetic sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    #[serde(rename = "e")]
    Empty,
    #[serde(rename = "s")]
    Text(String),
    #[serde(rename = "n")]
    Number(f64),
    /// A date cell (year, month, day) shown as yyyy-mm-dd.
    #[serde(rename = "d")]
    Date(i32, u32, u32),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }
}

/// A merged region (0-based, inclusive); its text is the top-left cell's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u16,
    pub last_row: u32,
    pub last_col: u16,
}

/// A sheet as cells and merges, the common source of the .xlsx and .xls fixtures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetSpec {
    pub name: String,
    pub merges: Vec<Merge>,
    pub rows: Vec<Vec<Cell>>,
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::storage(format!("写入 Excel 文件失败：{e}"))
}

impl SheetSpec {
    /// Writes the sheet as .xlsx.
    pub fn write_xlsx(&self, path: &Path) -> Result<()> {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name(&self.name).map_err(xlsx_err)?;
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let plain = Format::new();
        let merged = |r: u32, c: u16| {
            self.merges.iter().any(|m| {
                (m.first_row..=m.last_row).contains(&r) && (m.first_col..=m.last_col).contains(&c)
            })
        };
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                if merged(r, c) {
                    continue;
                }
                match cell {
                    Cell::Empty => {}
                    Cell::Text(s) => {
                        ws.write_string(r, c, s).map_err(xlsx_err)?;
                    }
                    Cell::Number(n) => {
                        ws.write_number(r, c, *n).map_err(xlsx_err)?;
                    }
                    Cell::Date(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y as u16, *m as u8, *d as u8)
                            .map_err(xlsx_err)?;
                        ws.write_datetime_with_format(r, c, &dt, &date)
                            .map_err(xlsx_err)?;
                    }
                }
            }
        }
        for m in &self.merges {
            let text = match self
                .rows
                .get(m.first_row as usize)
                .and_then(|r| r.get(m.first_col as usize))
            {
                Some(Cell::Text(s)) => s.clone(),
                _ => String::new(),
            };
            ws.merge_range(
                m.first_row,
                m.first_col,
                m.last_row,
                m.last_col,
                &text,
                &plain,
            )
            .map_err(xlsx_err)?;
        }
        xianjie::files::write_output(path, &book.save_to_buffer().map_err(xlsx_err)?)
    }

    /// Writes the spec as JSON, the input of `scripts/xls_from_spec.py`.
    pub fn write_json(&self, path: &Path) -> Result<()> {
        let json =
            serde_json::to_string(self).map_err(|e| Error::internal(format!("序列化失败：{e}")))?;
        xianjie::files::write_output(path, json.as_bytes())
    }
}

/// Appends a check character to 17 digits (for hand-made fixture numbers).
pub fn with_check(first17: &str) -> String {
    format!("{first17}{}", check_char(first17.as_bytes()))
}
