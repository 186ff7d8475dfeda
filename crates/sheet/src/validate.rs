//! Checks each roster row and turns the valid ones into member records (rules.md §2).
//!
//! Every problem becomes an [`Issue`] naming the row as Excel numbers it, the column (letter
//! and header), the value and a Chinese message; a row with any error is not imported. Rules
//! that only warn (M6 joined under 14, a development number not of the joining year or held
//! by another row) keep the row.
//!
//! Values are kept as typed (`normalize::text`: full-width brackets and punctuation stay);
//! labels (性别, 政治面貌, 毕业去向 …) are matched on the folded key (`normalize::key`).

use super::header::Field;
use super::normalize;
use super::normalize::Cell;
use super::workbook::{column_letter, Column, Table};
use chrono::NaiveDate;
use serde::Serialize;
use std::borrow::Cow;
use xianjie_domain::date::{age_on, YearMonth};
use xianjie_domain::destination::{
    Destination, DestinationDetails, DestinationKind, RetentionNote, SystemCommittee,
};
use xianjie_domain::id_number::{IdNumber, Sex};
use xianjie_domain::member::{
    development_no_required, development_no_warnings, valid_development_no, Marking, Politics,
    StudyStatus,
};

/// One problem found in the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// Row as Excel shows it (1-based).
    pub row: u32,
    /// `C（身份证号）`.
    pub column: String,
    pub value: String,
    pub message: String,
    /// The row's 姓名 as written (empty when the row has none): a secretary looks for a
    /// person, not a row number.
    pub name: String,
}

/// The member fields a roster row carries (the store's input minus the branch id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberFields {
    pub name: String,
    pub sex: Sex,
    pub ethnicity: Option<String>,
    pub id_number: IdNumber,
    pub student_no: Option<String>,
    pub college: Option<String>,
    pub joined: Option<YearMonth>,
    pub development_no: Option<String>,
    pub politics: Politics,
    pub league_post: bool,
    pub mobile: Option<String>,
    pub dues_paid_to: Option<YearMonth>,
    pub identity_verified: bool,
    pub status: StudyStatus,
}

/// A valid row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    /// Row as Excel shows it.
    pub row: u32,
    pub member: MemberFields,
    /// The branch's full name as written.
    pub branch: String,
    pub graduates: Option<YearMonth>,
    pub destination: Option<Destination>,
    pub marking: Option<Marking>,
}

/// The outcome of checking a whole table.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// Data rows read (empty rows are skipped).
    pub rows: usize,
    pub valid: Vec<RosterRow>,
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

/// Above this many rows the rows are parsed on two threads (the merge stays in row order).
const PARALLEL_ROWS: u32 = 4_000;

/// One parsed row before the in-file duplicate check.
pub struct Parsed {
    row: u32,
    ok: Option<RosterRow>,
    issues: Issues,
}

/// Parses rows `from..=to` (absolute, 0-based) of `table`, skipping empty ones. `table` may
/// hold only those rows (a chunk of a streamed sheet).
pub(crate) fn parse_rows(table: &Table, from: u32, to: u32) -> Vec<Parsed> {
    let mut out = Vec::with_capacity((to + 1).saturating_sub(from) as usize);
    let today = today();
    for r in from..=to {
        out.extend(parse(&RowReader::of_table(table, r, today)));
    }
    out
}

/// The office's date (`time::local_date`), read once for many rows (the clock and the time
/// zone cost more than a row's other checks).
pub(crate) fn today() -> NaiveDate {
    xianjie_domain::time::local_date(chrono::Utc::now())
}

/// Checks one row; `None` for an empty one.
pub(crate) fn parse(row: &RowReader<'_>) -> Option<Parsed> {
    if row.is_empty() {
        return None;
    }
    let mut issues = Issues::default();
    let ok = parse_row(row, &mut issues);
    Some(Parsed {
        row: row.row,
        ok,
        issues,
    })
}

/// Parses every data row of a whole table; a large one in two halves at once (rows are
/// independent but for M2 inside the file, which [`Merge`] applies in order afterwards).
pub(crate) fn parse_table(table: &Table) -> Vec<Parsed> {
    let (first, last) = (table.first_data_row, table.last_row());
    if last >= first + PARALLEL_ROWS {
        let mid = first + (last - first) / 2;
        std::thread::scope(|s| {
            let second = s.spawn(|| parse_rows(table, mid + 1, last));
            let mut one = parse_rows(table, first, mid);
            // A panic on the helper thread is a bug; its rows are parsed again here.
            let two = second
                .join()
                .unwrap_or_else(|_| parse_rows(table, mid + 1, last));
            one.extend(two);
            one
        })
    } else if last >= first {
        parse_rows(table, first, last)
    } else {
        Vec::new()
    }
}

/// Takes parsed rows in sheet order: applies M2 inside the file (the first of two rows with
/// one ID number stays valid), warns of a development number on two valid rows (被占用, 003
/// #76) and collects the errors and warnings.
#[derive(Default)]
pub struct Merge {
    /// The rows taken so far by ID number ([`IdNumber::key`]).
    seen: rustc_hash::FxHashMap<u64, u32>,
    /// The valid rows' development numbers: the first row and name with each, and whether it
    /// was warned of already.
    numbers: rustc_hash::FxHashMap<String, (u32, String, bool)>,
    /// Data rows taken (empty rows are skipped before).
    pub rows: usize,
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

impl Merge {
    /// The row when it is valid.
    pub fn push(&mut self, columns: &[Column], p: Parsed) -> Option<RosterRow> {
        let Parsed {
            row,
            ok,
            mut issues,
        } = p;
        self.rows += 1;
        let mut valid = None;
        if let Some(ok) = ok {
            if let Some(first) = self.seen.get(&ok.member.id_number.key()) {
                issues.errors.push(Issue {
                    row: row + 1,
                    column: label_of(columns, Field::IdNumber),
                    // A valid number identifies a person: shown masked (SECURITY.md).
                    value: ok.member.id_number.masked(),
                    message: format!(
                        "与第{first}行的身份证号重复（M2：同一身份证号只能有一条团员记录）"
                    ),
                    name: ok.member.name.clone(),
                });
            } else if issues.errors.is_empty() {
                self.seen.insert(ok.member.id_number.key(), ok.row);
                self.occupied(columns, &ok, &mut issues.warnings);
                valid = Some(ok);
            }
        }
        self.errors.append(&mut issues.errors);
        self.warnings.append(&mut issues.warnings);
        valid
    }

    /// 被占用 in the file: a valid row whose development number an earlier valid row holds is
    /// warned of, naming that row; the earlier row too, once.
    fn occupied(&mut self, columns: &[Column], ok: &RosterRow, warnings: &mut Vec<Issue>) {
        let Some(number) = ok.member.development_no.as_deref() else {
            return;
        };
        let column = label_of(columns, Field::DevelopmentNo);
        let name = &ok.member.name;
        match self.numbers.get_mut(number) {
            None => {
                self.numbers
                    .insert(number.to_string(), (ok.row, name.clone(), false));
            }
            Some((first, first_name, warned)) => {
                if !*warned {
                    *warned = true;
                    self.warnings.push(Issue {
                        row: *first,
                        column: column.clone(),
                        value: number.to_string(),
                        message: occupied_message(number, &format!("第{}行的“{name}”", ok.row)),
                        name: first_name.clone(),
                    });
                }
                warnings.push(Issue {
                    row: ok.row,
                    column,
                    value: number.to_string(),
                    message: occupied_message(number, &format!("第{first}行的“{first_name}”")),
                    name: name.clone(),
                });
            }
        }
    }
}

/// The 被占用 warning (003 #76): `other` says who else holds the number.
pub fn occupied_message(number: &str, other: &str) -> String {
    format!(
        "团员发展编号“{number}”与{other}相同（被占用）：一个编号只能属于一名团员，智慧团建会提示“被占用”，请按入团志愿书核对；确属被占用的，填入《团员发展编号被占用汇总表》（F5）报省级团委协调（003 #76）"
    )
}

/// Checks every data row of the table.
pub fn check(table: &Table) -> Checked {
    let parsed = parse_table(table);
    let mut merge = Merge::default();
    let mut valid = Vec::with_capacity(parsed.len());
    for p in parsed {
        valid.extend(merge.push(&table.columns, p));
    }
    merge.warnings.sort_by_key(|w| w.row);
    Checked {
        rows: merge.rows,
        valid,
        errors: merge.errors,
        warnings: merge.warnings,
    }
}

/// Fields a roster column can feed.
pub(crate) const FIELDS: usize = Field::ALL.len();

/// One row's cells by field, borrowed from a whole sheet's grid or from a streamed row, with
/// the columns that name them in messages.
pub(crate) struct RowReader<'a> {
    columns: &'a [Column],
    cells: [Cell<'a>; FIELDS],
    /// Absolute 0-based row.
    row: u32,
    /// The local date the check runs on (a joining date may not be later).
    today: NaiveDate,
}

impl<'a> RowReader<'a> {
    /// `cells` by field (`Field as usize`).
    pub(crate) fn new(
        columns: &'a [Column],
        row: u32,
        cells: [Cell<'a>; FIELDS],
        today: NaiveDate,
    ) -> Self {
        RowReader {
            columns,
            cells,
            row,
            today,
        }
    }
    fn of_table(table: &'a Table, row: u32, today: NaiveDate) -> Self {
        let mut cells = [Cell::Empty; FIELDS];
        for c in &table.columns {
            cells[c.field as usize] = table.cell(row, c.col).into();
        }
        RowReader::new(&table.columns, row, cells, today)
    }
    fn excel_row(&self) -> u32 {
        self.row + 1
    }
    fn cell(&self, f: Field) -> Cell<'a> {
        self.cells[f as usize]
    }
    /// The value as typed (kept, stored, shown).
    fn text(&self, f: Field) -> Option<String> {
        normalize::text(self.cell(f))
    }
    /// The folded key, for matching a label; without a copy when it is already clean.
    fn key(&self, f: Field) -> Option<Cow<'a, str>> {
        normalize::key_cow(self.cell(f))
    }
    /// Whether the field has any text ([`RowReader::text`] is `Some`).
    fn has(&self, f: Field) -> bool {
        normalize::has_text(self.cell(f))
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.columns
            .iter()
            .all(|c| normalize::is_blank(self.cell(c.field)))
    }
    fn column_label(&self, f: Field) -> String {
        label_of(self.columns, f)
    }
}

/// `C（身份证号）` for the column feeding `f`, or the field's own label.
pub(crate) fn label_of(columns: &[Column], f: Field) -> String {
    match columns.iter().find(|c| c.field == f) {
        Some(c) => c.label(),
        None => f.label().to_string(),
    }
}

#[derive(Default)]
struct Issues {
    errors: Vec<Issue>,
    warnings: Vec<Issue>,
}

impl Issues {
    fn issue(row: &RowReader, f: Field, message: String) -> Issue {
        Issue {
            row: row.excel_row(),
            column: row.column_label(f),
            value: normalize::text(row.cell(f)).unwrap_or_default(),
            message,
            name: row.text(Field::Name).unwrap_or_default(),
        }
    }
    fn error(&mut self, row: &RowReader, f: Field, message: String) {
        self.errors.push(Self::issue(row, f, message));
    }
    fn warn(&mut self, row: &RowReader, f: Field, message: String) {
        self.warnings.push(Self::issue(row, f, message));
    }
    /// The value, or an error recorded and `None`.
    fn take<T>(&mut self, row: &RowReader, f: Field, r: Result<T, String>) -> Option<T> {
        r.map_err(|m| self.error(row, f, m)).ok()
    }
    fn required(&mut self, row: &RowReader, f: Field) -> Option<String> {
        let v = row.text(f);
        if v.is_none() {
            self.error(row, f, format!("缺少{}（必填）", f.label()));
        }
        v
    }
}

/// Parses one row; `None` when a field needed to build the record is unusable.
fn parse_row(row: &RowReader, is: &mut Issues) -> Option<RosterRow> {
    let name = is.required(row, Field::Name).and_then(|n| {
        let ok = xianjie_domain::member::check_name(&n).map(|()| n);
        is.take(row, Field::Name, ok)
    });
    let id = match row.cell(Field::IdNumber) {
        Cell::Empty => {
            is.required(row, Field::IdNumber);
            None
        }
        cell => is.take(row, Field::IdNumber, normalize::id_number(cell)),
    };
    let branch = is.required(row, Field::Branch);
    let joined = if !row.has(Field::Joined) {
        is.required(row, Field::Joined);
        None
    } else {
        is.take(
            row,
            Field::Joined,
            normalize::year_month(row.cell(Field::Joined)),
        )
    };
    let sex = match (row.key(Field::Sex), &id) {
        (Some(s), Some(id)) => match Sex::parse_label(&s) {
            Some(sx) if sx == id.sex() => Some(sx),
            Some(sx) => {
                is.error(
                    row,
                    Field::Sex,
                    format!(
                        "性别“{}”与身份证号不符（按身份证号应为{}，M1）",
                        sx.label(),
                        id.sex().label()
                    ),
                );
                None
            }
            None => {
                is.error(row, Field::Sex, format!("性别“{s}”应为“男”或“女”"));
                None
            }
        },
        (None, Some(id)) => Some(id.sex()),
        _ => None,
    };
    let mut development_no = row
        .has(Field::DevelopmentNo)
        .then(|| normalize::digits(row.cell(Field::DevelopmentNo)).unwrap_or_default());
    // 003 附件10 7.(5): “没有发展团员编号的填‘无’，不留空” — no number, for members who
    // joined before 2017; from 2017 on the number is required.
    let none_written = development_no.as_deref() == Some("无");
    if none_written {
        development_no = None;
    }
    match &development_no {
        None if none_written && development_no_required(joined) => is.error(
            row,
            Field::DevelopmentNo,
            "2017年1月1日及以后入团的团员必须填写12位团员发展编号，不能填“无”".into(),
        ),
        Some(d) if !valid_development_no(d) => is.error(
            row,
            Field::DevelopmentNo,
            format!("团员发展编号“{d}”应为12位数字"),
        ),
        None if development_no_required(joined) => is.error(
            row,
            Field::DevelopmentNo,
            "2017年1月1日及以后入团的团员必须填写12位团员发展编号".into(),
        ),
        _ => {}
    }
    let joined_ok = match (&id, joined) {
        (Some(id), Some(j)) => check_join_age(row, is, id, j),
        _ => true,
    };
    if let (Some(d), Some(j), true) = (&development_no, joined, joined_ok) {
        for w in development_no_warnings(d, Some(j)) {
            is.warn(row, Field::DevelopmentNo, w.message());
        }
    }
    let mobile = if row.has(Field::Mobile) {
        is.take(
            row,
            Field::Mobile,
            normalize::mobile(row.cell(Field::Mobile)),
        )
    } else {
        None
    };
    let politics = match row.key(Field::Politics) {
        None => Some(Politics::League),
        Some(p) => {
            let r = match Politics::parse_loose(&p) {
                // 000 #1: a non-member should not be in the roster at all (R12).
                Some(Politics::Masses) => Err(format!(
                    "政治面貌为“{p}”：非团员不应录入团员名单（000 #1），此行不导入"
                )),
                Some(x) => Ok(x),
                None => Err(format!(
                    "政治面貌“{p}”无法识别（应为 共青团员、中共预备党员、中共党员）"
                )),
            };
            is.take(row, Field::Politics, r)
        }
    };
    let status = match row.key(Field::Status) {
        None => Some(StudyStatus::Graduating),
        Some(s) => {
            let r = match &*s {
                "正常" | "在读" | "毕业" | "应届毕业" => Some(StudyStatus::Graduating),
                other => StudyStatus::from_label(other).or_else(|| StudyStatus::from_code(other)),
            }
            .ok_or_else(|| format!("学籍状态“{s}”应为 正常毕业、退学 或 休学"));
            is.take(row, Field::Status, r)
        }
    };
    let identity_verified = flag(row, is, Field::IdentityVerified).unwrap_or(false);
    let league_post = row
        .key(Field::LeaguePost)
        .is_some_and(|p| !matches!(&*p, "无" | "否" | "/" | "-" | "—"));
    let dues_paid_to = optional_month(row, is, Field::DuesPaidTo);
    let graduates = optional_month(row, is, Field::Graduates);
    let destination = destination(row, is);
    let marking = marking(row, is);

    Some(RosterRow {
        row: row.excel_row(),
        member: MemberFields {
            name: name?,
            sex: sex?,
            ethnicity: row.text(Field::Ethnicity),
            id_number: id?,
            student_no: normalize::digits(row.cell(Field::StudentNo)),
            college: row.text(Field::College),
            joined: Some(joined?),
            development_no,
            politics: politics?,
            league_post,
            mobile,
            dues_paid_to,
            identity_verified,
            status: status?,
        },
        branch: branch?,
        graduates,
        destination: destination?,
        marking: marking?,
    })
}

/// M6: joining before 14 (2017 or later: not recognised; earlier: offline management).
/// False when the joining date itself is wrong (an error recorded).
fn check_join_age(row: &RowReader, is: &mut Issues, id: &IdNumber, joined: YearMonth) -> bool {
    let birth = id.birth_date();
    if joined.last_day() < birth {
        is.error(
            row,
            Field::Joined,
            "入团时间早于身份证号中的出生日期".into(),
        );
        return false;
    }
    if joined.first_day() > row.today {
        is.error(row, Field::Joined, "入团时间晚于今天".into());
        return false;
    }
    let age = age_on(birth, joined.last_day());
    if age < 14 {
        let msg = if joined.year() >= 2017 {
            format!("入团时{age}周岁，未满14周岁：2017年及以后入团者不予认定团员身份，需报学校团委处理（M6）")
        } else {
            format!("入团时{age}周岁，未满14周岁：2017年以前入团，按线下管理（M6）")
        };
        is.warn(row, Field::Joined, msg);
    }
    true
}

fn optional_month(row: &RowReader, is: &mut Issues, f: Field) -> Option<YearMonth> {
    if !row.has(f) {
        return None;
    }
    is.take(row, f, normalize::year_month(row.cell(f)))
}

fn flag(row: &RowReader, is: &mut Issues, f: Field) -> Option<bool> {
    if !row.has(f) {
        return None;
    }
    is.take(row, f, normalize::yes_no(row.cell(f)))
}

/// Loose spellings of 毕业去向.
fn destination_kind(s: &str) -> Option<DestinationKind> {
    // The labels as cleaned cell text reads them (half-width brackets), folded once.
    static LABELS: std::sync::LazyLock<Vec<(String, DestinationKind)>> =
        std::sync::LazyLock::new(|| {
            DestinationKind::ALL
                .iter()
                .map(|k| {
                    (
                        xianjie_domain::text::normalize_width(k.label()).into_owned(),
                        *k,
                    )
                })
                .collect()
        });
    let folded = xianjie_domain::text::normalize_width(s);
    if let Some((_, k)) = LABELS
        .iter()
        .find(|(label, k)| *label == folded || k.code() == folded)
    {
        return Some(*k);
    }
    Some(match &*folded {
        "升学" | "考研" | "读研" | "专升本" | "保研" | "考博" => {
            DestinationKind::Study
        }
        "就业"
        | "已就业"
        | "签约"
        | "签约就业"
        | "自主创业"
        | "灵活就业"
        | "已落实工作单位(工作单位有团组织)"
        | "已落实工作单位(工作单位无团组织)" => DestinationKind::Employed,
        "因公出国" | "出国(因公出国/境)" | "出国工作" => DestinationKind::AbroadWork,
        "出国留学" | "出国(境)留学" | "留学" | "出国深造" => {
            DestinationKind::AbroadStudy
        }
        "因私出国" | "出国(因私出国/境)" => DestinationKind::AbroadPrivate,
        "未就业" | "待就业" | "暂未就业" | "未升学或未落实就业去向" => {
            DestinationKind::None
        }
        "参军" | "入伍" | "参军入伍" | "应征入伍" => DestinationKind::Army,
        "涉密" | "涉密单位" => DestinationKind::Classified,
        "C类保研" | "研究生支教团" | "支教团" => DestinationKind::PostgradTeaching,
        _ => return None,
    })
}

fn system_committee(s: &str) -> Option<SystemCommittee> {
    SystemCommittee::from_label(s).or_else(|| {
        Some(if s.contains("铁") {
            SystemCommittee::Railway
        } else if s.contains("民航") {
            SystemCommittee::CivilAviation
        } else if s.contains("金融") {
            SystemCommittee::CentralFinance
        } else if s.contains("中央企业") || s.contains("央企") {
            SystemCommittee::CentralEnterprise
        } else if s.contains("国家机关") {
            SystemCommittee::CentralStateOrgs
        } else {
            return None;
        })
    })
}

/// The destination facts; `Some(None)` when the roster carries none.
fn destination(row: &RowReader, is: &mut Issues) -> Option<Option<Destination>> {
    let Some(kind_text) = row.key(Field::Destination) else {
        return Some(None);
    };
    let kind = is.take(
        row,
        Field::Destination,
        destination_kind(&kind_text).ok_or_else(|| {
            format!(
                "毕业去向“{kind_text}”无法识别（应为 {}）",
                DestinationKind::ALL
                    .iter()
                    .map(|k| k.label())
                    .collect::<Vec<_>>()
                    .join("、")
            )
        }),
    )?;
    let mut d = Destination::of_kind(kind);
    let mut ok = true;
    if let Some(v) = row.text(Field::DestHasOrg) {
        match normalize::yes_no(row.cell(Field::DestHasOrg)) {
            Ok(b) => d.employer_has_org = b,
            Err(m) => {
                ok = false;
                is.error(
                    row,
                    Field::DestHasOrg,
                    format!("单位是否有团组织：{m}（{v}）"),
                );
            }
        }
    }
    for (f, slot) in [
        (Field::LaborDispatch, &mut d.labor_dispatch),
        (Field::CentralUnit, &mut d.central_unit_in_beijing),
        (Field::RetainInSchool, &mut d.retain_in_school),
    ] {
        match flag(row, is, f) {
            Some(b) => *slot = b,
            None if row.has(f) => ok = false,
            None => {}
        }
    }
    if let Some(s) = row.key(Field::DestSystem) {
        match system_committee(&s) {
            Some(sc) => d.system = Some(sc),
            None => {
                ok = false;
                is.error(
                    row,
                    Field::DestSystem,
                    format!("所属系统“{s}”应为 全国铁道团委、全国民航团委、中央金融团工委、中央企业团工委 或 中央和国家机关团工委"),
                );
            }
        }
    }
    if let Some(s) = row.key(Field::RetentionNote) {
        match RetentionNote::from_label(&s).or_else(|| RetentionNote::from_code(&s)) {
            Some(n) => d.note = Some(n),
            None => {
                ok = false;
                is.error(
                    row,
                    Field::RetentionNote,
                    format!("保留原因“{s}”应为 二战考研 或 单位要求先收档案"),
                );
            }
        }
    }
    d.province = row.text(Field::DestProvince);
    let details = DestinationDetails {
        study_level: row.text(Field::DestStudyLevel),
        unit_name: row.text(Field::DestUnit),
        address: row.text(Field::DestAddress),
        target_org: row.text(Field::DestTargetOrg),
        city: row.text(Field::DestCity),
    };
    if details != DestinationDetails::default() {
        d.details = Some(details);
    }
    ok.then_some(Some(d))
}

/// M3 markings carried by the roster: 延迟毕业团员 (date and reason) or 教师.
fn marking(row: &RowReader, is: &mut Issues) -> Option<Option<Marking>> {
    let Some(m) = row.key(Field::Marking) else {
        return Some(None);
    };
    match &*m {
        "无" | "否" | "-" | "/" => Some(None),
        "教师" => Some(Some(Marking::Teacher)),
        "延迟毕业" | "延迟毕业团员" => {
            let until = if row.has(Field::DeferredUntil) {
                is.take(
                    row,
                    Field::DeferredUntil,
                    normalize::year_month(row.cell(Field::DeferredUntil)),
                )
            } else {
                is.error(
                    row,
                    Field::DeferredUntil,
                    "标记为延迟毕业团员时必须填写延迟毕业时间（M3）".into(),
                );
                None
            };
            let reason = row.text(Field::DeferredReason);
            if reason.is_none() {
                is.error(
                    row,
                    Field::DeferredReason,
                    "标记为延迟毕业团员时必须填写延迟毕业原因（M3）".into(),
                );
            }
            Some(Some(Marking::Deferred {
                graduates: until?,
                reason: reason?,
            }))
        }
        other => {
            is.error(
                row,
                Field::Marking,
                format!("标记“{other}”应为 延迟毕业团员 或 教师"),
            );
            None
        }
    }
}

/// `C（身份证号）` for a column index and header, for callers that report on a column.
pub fn column_label(col: u32, header: &str) -> String {
    format!("{}（{header}）", column_letter(col))
}
