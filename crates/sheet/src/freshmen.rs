//! Reading the freshmen list (rules.md §9): the new students a campaign year receives, from
//! the admissions office's or the college's sheet (.xlsx/.xls), behind the roster reader's
//! guards (`ole`, `sniff`, the declared size, a damaged file refused, never a panic).
//!
//! Headers are tolerant as for rosters (folded widths, no spaces, bracketed hints dropped;
//! synonyms such as 原所在团组织 / 原就读学校, 原所在省份); every row is checked and every
//! problem named by row (as Excel numbers it) and column (`C（身份证号）`), so the caller can
//! refuse the whole file before writing anything. Non-members (群众) are rows like any other:
//! the office keeps and lists them, outside every league count (N2).

use crate::header::fold_header;
use crate::normalize::{self, Cell};
use crate::validate::Issue;
use crate::workbook::{check_declared_size, column_letter, guarded, too_many_rows, MAX_ROWS};
use calamine::{open_workbook_auto, Data, Range, Reader};
use chrono::{Datelike, NaiveDate};
use std::path::Path;
use xianjie_domain::date::{age_on, parse_date_lenient, YearMonth};
use xianjie_domain::destination::province_short;
use xianjie_domain::engine::incoming::{AccountStatus, StudyLevel};
use xianjie_domain::freshman::{parse_account, parse_level, Freshman};
use xianjie_domain::id_number::IdNumber;
use xianjie_domain::member::{check_name, development_no_warnings, valid_development_no, Politics};
use xianjie_domain::{Error, Result};

xianjie_domain::labeled_enum! {
    /// The columns a freshmen list can have.
    FreshField {
        Name = "name", "姓名";
        IdNumber = "id_number", "身份证号";
        StudentNo = "student_no", "学号";
        College = "college", "学院";
        Major = "major", "专业";
        Class = "class", "班级";
        Branch = "branch", "团支部";
        Politics = "politics", "政治面貌";
        Level = "level", "学历层次";
        OwnGraduate = "own_graduate", "本校毕业生";
        LeaguePost = "league_post", "团内职务";
        FormerUnit = "former_unit", "原就读学校";
        FormerProvince = "former_province", "原所在省份";
        Joined = "joined", "入团时间";
        DevelopmentNo = "development_no", "团员发展编号";
        Account = "account", "智慧团建账号";
        JoinDateDiffers = "join_date_differs", "入团时间与志愿书不一致";
        AdmittedCollege = "admitted_college", "录取专业所在学院";
        Commissioned = "commissioned", "定向委培";
        PostInUnit = "post_in_unit", "原单位行政职务";
        AsksToStay = "asks_to_stay", "申请保留在原单位";
        BroughtLetter = "brought_letter", "纸质介绍信";
        Enrolled = "enrolled", "入学日期";
    }
}

/// Header words beyond each field's own label (compared after [`fold_header`]).
const SYNONYMS: &[(FreshField, &[&str])] = &[
    (FreshField::Name, &["姓名", "学生姓名", "新生姓名"]),
    (
        FreshField::IdNumber,
        &[
            "身份证号",
            "身份证号码",
            "公民身份号码",
            "身份证",
            "证件号码",
        ],
    ),
    (FreshField::StudentNo, &["学号", "新生学号"]),
    (
        FreshField::College,
        &["学院", "所在学院", "院系", "所在院系", "现所在学院"],
    ),
    (
        FreshField::Major,
        &["专业", "所学专业", "专业名称", "现专业"],
    ),
    (
        FreshField::Class,
        &["班级", "所在班级", "行政班", "班级名称"],
    ),
    (
        FreshField::Branch,
        &[
            "团支部",
            "班级团支部",
            "团支部全称",
            "转入团支部",
            "新生团支部",
            "所在团支部",
        ],
    ),
    (FreshField::Politics, &["政治面貌"]),
    (
        FreshField::Level,
        &[
            "学历层次",
            "培养层次",
            "层次",
            "学生类别",
            "学历",
            "新生类别",
        ],
    ),
    (
        FreshField::OwnGraduate,
        &["本校毕业生", "是否本校毕业生", "本校升学", "本校毕业"],
    ),
    (FreshField::LeaguePost, &["团内职务", "团内现任职务"]),
    (
        FreshField::FormerUnit,
        &[
            "原就读学校",
            "原所在团组织",
            "原团组织",
            "原学校",
            "毕业学校",
            "生源学校",
            "原单位",
            "原所在单位",
            "原就读学校或单位",
        ],
    ),
    (
        FreshField::FormerProvince,
        &[
            "原所在省份",
            "原就读学校所在省份",
            "原单位所在省份",
            "生源省份",
            "生源地",
            "原所在省",
            "原所在地",
        ],
    ),
    (FreshField::Joined, &["入团时间", "入团年月", "入团日期"]),
    (
        FreshField::DevelopmentNo,
        &["团员发展编号", "发展团员编号", "团员编号", "发展编号"],
    ),
    (
        FreshField::Account,
        &[
            "智慧团建账号",
            "账号状态",
            "智慧团建账号状态",
            "账号情况",
            "团建账号",
        ],
    ),
    (
        FreshField::JoinDateDiffers,
        &[
            "入团时间与志愿书不一致",
            "入团时间不一致",
            "入团时间与入团志愿书不一致",
        ],
    ),
    (
        FreshField::AdmittedCollege,
        &["录取专业所在学院", "录取学院", "录取专业学院", "原录取学院"],
    ),
    (
        FreshField::Commissioned,
        &["定向委培", "是否定向委培", "定向委培生", "定向"],
    ),
    (
        FreshField::PostInUnit,
        &[
            "原单位行政职务",
            "原单位职务",
            "在原单位担任行政职务",
            "行政职务",
        ],
    ),
    (
        FreshField::AsksToStay,
        &["申请保留在原单位", "申请不转入", "保留在原单位", "申请保留"],
    ),
    (
        FreshField::BroughtLetter,
        &[
            "纸质介绍信",
            "携带介绍信",
            "是否携带纸质介绍信",
            "带来介绍信",
            "介绍信",
        ],
    ),
    (
        FreshField::Enrolled,
        &["入学日期", "报到日期", "入学时间", "报到时间"],
    ),
];

/// Columns without which a freshmen list cannot be read.
pub const REQUIRED: [FreshField; 3] =
    [FreshField::Name, FreshField::IdNumber, FreshField::Politics];

/// How far down the header row is looked for.
const HEADER_SCAN_ROWS: u32 = 30;

/// The field a header names, if any.
pub fn field_of(header: &str) -> Option<FreshField> {
    let h = fold_header(header);
    if h.is_empty() {
        return None;
    }
    SYNONYMS
        .iter()
        .find(|(_, words)| words.contains(&h.as_str()))
        .map(|(f, _)| *f)
        .or_else(|| FreshField::from_label(&h))
}

/// A mapped column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreshColumn {
    pub field: FreshField,
    /// 0-based column index.
    pub col: u32,
    /// The header as written.
    pub header: String,
}

impl FreshColumn {
    /// `C（身份证号）`: the letter Excel shows and the header, for messages.
    pub fn label(&self) -> String {
        format!("{}（{}）", column_letter(self.col), self.header)
    }
}

/// The freshmen table of a workbook.
#[derive(Debug, Clone)]
pub struct FreshTable {
    pub file: String,
    pub sheet: String,
    /// As Excel numbers it.
    pub header_row: u32,
    pub columns: Vec<FreshColumn>,
    range: Range<Data>,
    /// 0-based row of the header.
    header_at: u32,
}

/// Opens `path` (.xlsx/.xls) and finds its freshmen table: the first sheet whose header row
/// (among the first 30 rows) names 姓名 and 身份证号.
pub fn read(path: &Path) -> Result<FreshTable> {
    let file = path.display().to_string();
    crate::ole::check_file(path, &file)?;
    guarded(&file, || {
        let mut book = open_workbook_auto(path).map_err(|e| crate::sniff::open_error(path, &e))?;
        let mut problem = None;
        for name in book.sheet_names() {
            check_declared_size(&mut book, &file, &name)?;
            let range = book.worksheet_range(&name).map_err(|_| {
                Error::invalid(format!(
                    "读取“{file}”的工作表“{name}”失败：内容已损坏，请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"
                ))
            })?;
            if range.height() > MAX_ROWS as usize {
                return Err(too_many_rows(&file, &name, range.height() as u64));
            }
            match find_header(&range) {
                Ok((header_at, columns)) => {
                    return Ok(FreshTable {
                        file: file.clone(),
                        sheet: name,
                        header_row: header_at + 1,
                        columns,
                        range,
                        header_at,
                    })
                }
                Err(m) => problem = Some(format!("工作表“{name}”：{m}")),
            }
        }
        Err(Error::invalid(format!(
            "“{file}”中找不到新生名单的表头（至少要有姓名、身份证号、政治面貌三列）。{}",
            problem.unwrap_or_else(|| "文件中没有工作表".into())
        )))
    })
}

fn find_header(range: &Range<Data>) -> std::result::Result<(u32, Vec<FreshColumn>), String> {
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        return Err("工作表为空".into());
    };
    let mut best: Option<(u32, Vec<FreshColumn>)> = None;
    for row in start.0..=end.0.min(start.0 + HEADER_SCAN_ROWS) {
        let mut columns: Vec<FreshColumn> = Vec::new();
        for col in start.1..=end.1 {
            let cell = range.get_value((row, col)).unwrap_or(&Data::Empty);
            let Some(header) = normalize::text(cell.into()) else {
                continue;
            };
            let Some(field) = field_of(&header) else {
                continue;
            };
            // Of two columns naming one field, the leftmost is read.
            if !columns.iter().any(|c| c.field == field) {
                columns.push(FreshColumn { field, col, header });
            }
        }
        let named = columns
            .iter()
            .any(|c| matches!(c.field, FreshField::Name | FreshField::IdNumber));
        if named && columns.len() >= 2 && best.as_ref().is_none_or(|b| columns.len() > b.1.len()) {
            best = Some((row, columns));
        }
    }
    let Some((row, columns)) = best else {
        return Err("前30行中没有包含“姓名”“身份证号”等列名的表头行".into());
    };
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|f| !columns.iter().any(|c| c.field == **f))
        .map(|f| f.label())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "第{}行的表头缺少必需的列：{}",
            row + 1,
            missing.join("、")
        ));
    }
    Ok((row, columns))
}

/// One valid row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreshRow {
    /// As Excel numbers it.
    pub row: u32,
    /// The student (id 0); `branch` is the 团支部 column as typed, if the list has one.
    pub freshman: Freshman,
}

/// Every row checked.
#[derive(Debug, Clone, Default)]
pub struct FreshChecked {
    /// Data rows read (empty rows skipped).
    pub rows: usize,
    pub valid: Vec<FreshRow>,
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

/// Checks every data row of `t` for campaign year `year`; `today` is the office's date (a
/// joining date may not be later).
pub fn check(t: &FreshTable, year: i32, today: NaiveDate) -> FreshChecked {
    let mut out = FreshChecked::default();
    let Some(end) = t.range.end() else {
        return out;
    };
    let mut seen: rustc_hash::FxHashMap<u64, u32> = rustc_hash::FxHashMap::default();
    for r in t.header_at + 1..=end.0 {
        let row = RowCells { t, r, today };
        if row.is_empty() {
            continue;
        }
        out.rows += 1;
        let mut issues = Issues::default();
        let parsed = parse_row(&row, year, &mut issues);
        if let Some(f) = parsed {
            match seen.get(&f.id_number.key()) {
                Some(first) => issues.errors.push(Issue {
                    row: r + 1,
                    column: row.label(FreshField::IdNumber),
                    value: f.id_number.masked(),
                    message: format!("与第{first}行的身份证号重复：同一名新生在名单中只能有一行"),
                    name: f.name.clone(),
                }),
                None if issues.errors.is_empty() => {
                    seen.insert(f.id_number.key(), r + 1);
                    out.valid.push(FreshRow {
                        row: r + 1,
                        freshman: f,
                    });
                }
                None => {}
            }
        }
        out.errors.append(&mut issues.errors);
        out.warnings.append(&mut issues.warnings);
    }
    out
}

/// One row's cells.
struct RowCells<'a> {
    t: &'a FreshTable,
    /// 0-based.
    r: u32,
    today: NaiveDate,
}

impl<'a> RowCells<'a> {
    fn column(&self, f: FreshField) -> Option<&'a FreshColumn> {
        self.t.columns.iter().find(|c| c.field == f)
    }
    fn cell(&self, f: FreshField) -> Cell<'a> {
        match self.column(f) {
            Some(c) => self
                .t
                .range
                .get_value((self.r, c.col))
                .unwrap_or(&Data::Empty)
                .into(),
            None => Cell::Empty,
        }
    }
    fn text(&self, f: FreshField) -> Option<String> {
        normalize::text(self.cell(f))
    }
    fn key(&self, f: FreshField) -> Option<String> {
        normalize::key(self.cell(f))
    }
    fn label(&self, f: FreshField) -> String {
        self.column(f)
            .map_or_else(|| f.label().to_string(), FreshColumn::label)
    }
    fn is_empty(&self) -> bool {
        self.t
            .columns
            .iter()
            .all(|c| normalize::is_blank(self.cell(c.field)))
    }
}

#[derive(Default)]
struct Issues {
    errors: Vec<Issue>,
    warnings: Vec<Issue>,
}

impl Issues {
    fn issue(row: &RowCells, f: FreshField, message: String) -> Issue {
        Issue {
            row: row.r + 1,
            column: row.label(f),
            value: row.text(f).unwrap_or_default(),
            message,
            name: row.text(FreshField::Name).unwrap_or_default(),
        }
    }
    fn error(&mut self, row: &RowCells, f: FreshField, message: String) {
        self.errors.push(Self::issue(row, f, message));
    }
    fn warn(&mut self, row: &RowCells, f: FreshField, message: String) {
        self.warnings.push(Self::issue(row, f, message));
    }
    fn take<T>(
        &mut self,
        row: &RowCells,
        f: FreshField,
        r: std::result::Result<T, String>,
    ) -> Option<T> {
        r.map_err(|m| self.error(row, f, m)).ok()
    }
    /// A 是/否 column: false when empty.
    fn flag(&mut self, row: &RowCells, f: FreshField) -> bool {
        if !normalize::has_text(row.cell(f)) {
            return false;
        }
        self.take(row, f, normalize::yes_no(row.cell(f)))
            .unwrap_or(false)
    }
}

/// A full date from a date cell, an Excel serial or text (2026-09-01, 2026年9月1日, 2026.9.1).
fn date(c: Cell<'_>) -> std::result::Result<NaiveDate, String> {
    match c {
        Cell::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
                .ok_or_else(|| format!("日期{y}年{m}月{d}日不存在"))
        }
        Cell::Int(n) if (1..100_000).contains(&n) => {
            normalize::serial_date(n).ok_or_else(|| format!("“{n}”不是有效的 Excel 日期序号"))
        }
        Cell::Float(f) if f.fract() == 0.0 && (1.0..100_000.0).contains(&f) => {
            normalize::serial_date(f as i64)
                .ok_or_else(|| format!("“{f}”不是有效的 Excel 日期序号"))
        }
        Cell::Bool(_) | Cell::Error(_) => Err("应为日期，例如 2026-09-01".into()),
        _ => {
            let s = normalize::key(c).unwrap_or_default();
            parse_date_lenient(&s)
        }
    }
}

fn parse_row(row: &RowCells, year: i32, is: &mut Issues) -> Option<Freshman> {
    let name = match row.text(FreshField::Name) {
        None => {
            is.error(row, FreshField::Name, "缺少姓名（必填）".into());
            None
        }
        Some(n) => {
            let ok = check_name(&n).map(|()| n);
            is.take(row, FreshField::Name, ok)
        }
    };
    let id: Option<IdNumber> = match row.cell(FreshField::IdNumber) {
        Cell::Empty => {
            is.error(row, FreshField::IdNumber, "缺少身份证号（必填）".into());
            None
        }
        c => is.take(row, FreshField::IdNumber, normalize::id_number(c)),
    };
    let politics = match row.key(FreshField::Politics) {
        None => {
            is.error(
                row,
                FreshField::Politics,
                "缺少政治面貌（必填：共青团员、中共预备党员、中共党员或群众）".into(),
            );
            None
        }
        Some(p) => {
            let r = Politics::parse_loose(&p).ok_or_else(|| {
                format!("政治面貌“{p}”无法识别（应为 共青团员、中共预备党员、中共党员 或 群众）")
            });
            is.take(row, FreshField::Politics, r)
        }
    };
    let level = match row.key(FreshField::Level) {
        None => Some(StudyLevel::Undergraduate),
        Some(l) => {
            let r = parse_level(&l).ok_or_else(|| {
                format!("学历层次“{l}”无法识别（应为 本科、专科 或 研究生、硕士、博士）")
            });
            is.take(row, FreshField::Level, r)
        }
    };
    let former_province = match row.text(FreshField::FormerProvince) {
        None => Some(None),
        Some(p) => {
            let r = province_short(&p)
                .map(|s| Some(s.to_string()))
                .ok_or_else(|| {
                    format!("“{p}”不是省级行政区的名称（例如 湖北、北京、广西壮族自治区）")
                });
            is.take(row, FreshField::FormerProvince, r)
        }
    };
    let account = match row.key(FreshField::Account) {
        None => Some(AccountStatus::Unknown),
        Some(a) => {
            let r = parse_account(&a).ok_or_else(|| {
                format!(
                    "智慧团建账号情况“{a}”无法识别（应为 账号正常、没有账号、账号被删除、重复账号、团员档案未上传 或 未知）"
                )
            });
            is.take(row, FreshField::Account, r)
        }
    };
    let joined = if normalize::has_text(row.cell(FreshField::Joined)) {
        let j = is.take(
            row,
            FreshField::Joined,
            normalize::year_month(row.cell(FreshField::Joined)),
        );
        match (j, &id) {
            (Some(j), Some(id)) => check_joined(row, is, id, j).then_some(Some(j)),
            (Some(j), None) => Some(Some(j)),
            (None, _) => None,
        }
    } else {
        Some(None)
    };
    let development_no = development_no(row, is, joined.flatten());
    let enrolled = if normalize::has_text(row.cell(FreshField::Enrolled)) {
        match is.take(
            row,
            FreshField::Enrolled,
            date(row.cell(FreshField::Enrolled)),
        ) {
            Some(d) => {
                if d.year() != year {
                    is.warn(
                        row,
                        FreshField::Enrolled,
                        format!("入学日期{d}不在{year}年：请核对（N1 的一个月从入学日期算起）"),
                    );
                }
                Some(Some(d))
            }
            None => None,
        }
    } else {
        Some(None)
    };
    let league_post = row
        .key(FreshField::LeaguePost)
        .is_some_and(|p| !matches!(p.as_str(), "无" | "否" | "/" | "-" | "—"));
    let own_graduate = is.flag(row, FreshField::OwnGraduate);
    let join_date_differs = is.flag(row, FreshField::JoinDateDiffers);
    let commissioned = is.flag(row, FreshField::Commissioned);
    let asks_to_stay = is.flag(row, FreshField::AsksToStay);
    let brought_letter = is.flag(row, FreshField::BroughtLetter);
    if asks_to_stay && !commissioned {
        is.warn(
            row,
            FreshField::AsksToStay,
            "只有在原单位担任行政职务的定向委培生可以申请不转入（N7）：该生应照常转入".into(),
        );
    }
    let post_in_unit = row.text(FreshField::PostInUnit);
    Some(Freshman {
        id: 0,
        year,
        name: name?,
        id_number: id?,
        student_no: normalize::digits(row.cell(FreshField::StudentNo)),
        college: row.text(FreshField::College),
        major: row.text(FreshField::Major),
        class: row.text(FreshField::Class),
        branch: row.text(FreshField::Branch),
        politics: politics?,
        level: level?,
        own_graduate,
        league_post,
        former_unit: row.text(FreshField::FormerUnit),
        former_province: former_province?,
        joined: joined?,
        development_no: development_no?,
        account: account?,
        join_date_differs,
        admitted_college: row.text(FreshField::AdmittedCollege),
        commissioned,
        post_in_unit,
        asks_to_stay,
        brought_letter,
        enrolled: enrolled?,
    })
}

/// 入团时间 against the birth date and today; M6's under-14 join is a warning (the engine
/// decides: 2017+ is no membership, earlier is a letter).
fn check_joined(row: &RowCells, is: &mut Issues, id: &IdNumber, joined: YearMonth) -> bool {
    let birth = id.birth_date();
    if joined.last_day() < birth {
        is.error(
            row,
            FreshField::Joined,
            "入团时间早于身份证号中的出生日期".into(),
        );
        return false;
    }
    if joined.first_day() > row.today {
        is.error(row, FreshField::Joined, "入团时间晚于今天".into());
        return false;
    }
    let age = age_on(birth, joined.last_day());
    if age < 14 {
        let msg = if joined.year() >= 2017 {
            format!("入团时{age}周岁，未满14周岁：2017年及以后入团者不予认定团员身份，不办理转入（M6、N2）")
        } else {
            format!("入团时{age}周岁，未满14周岁：2017年以前入团，只能凭介绍信线下接收（M6、N11）")
        };
        is.warn(row, FreshField::Joined, msg);
    }
    true
}

/// 团员发展编号: 12 digits, or 无 / empty (unknown: the advice asks for it when a
/// registration needs it, N5). `None` when the cell is wrong (an error recorded).
fn development_no(
    row: &RowCells,
    is: &mut Issues,
    joined: Option<YearMonth>,
) -> Option<Option<String>> {
    if !normalize::has_text(row.cell(FreshField::DevelopmentNo)) {
        return Some(None);
    }
    let d = normalize::digits(row.cell(FreshField::DevelopmentNo)).unwrap_or_default();
    if d == "无" {
        return Some(None);
    }
    if !valid_development_no(&d) {
        is.error(
            row,
            FreshField::DevelopmentNo,
            format!("团员发展编号“{d}”应为12位数字（没有的填“无”或留空）"),
        );
        return None;
    }
    for w in development_no_warnings(&d, joined) {
        is.warn(row, FreshField::DevelopmentNo, w.message());
    }
    Some(Some(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_of_the_freshmen_list() {
        assert_eq!(field_of("原所在团组织"), Some(FreshField::FormerUnit));
        assert_eq!(field_of("原就读学校（单位）"), Some(FreshField::FormerUnit));
        assert_eq!(field_of(" 原所在省份 "), Some(FreshField::FormerProvince));
        assert_eq!(field_of("*身份证号码"), Some(FreshField::IdNumber));
        assert_eq!(field_of("班级团支部"), Some(FreshField::Branch));
        assert_eq!(field_of("序号"), None);
    }

    #[test]
    fn dates_in_the_forms_lists_use() {
        let want = NaiveDate::from_ymd_opt(2026, 9, 1);
        assert_eq!(date(Cell::Text("2026-09-01")).ok(), want);
        assert_eq!(date(Cell::Text("2026年9月1日")).ok(), want);
        assert_eq!(date(Cell::Float(46266.0)).ok(), want);
        assert!(date(Cell::Text("九月")).is_err());
        assert!(date(Cell::Bool(true)).is_err());
    }
}
