//! Turns spreadsheet cells into clean values.
//!
//! The same roster arrives typed in many ways: dates as DateTime cells, Excel serials, numbers
//! like 201905 or text like “2019年5月”; whole numbers as Float (.xlsx) or Int (.xls); ID
//! numbers as text, full-width text, or numbers Excel has already rounded. Each function here
//! accepts every honest form and refuses the rest with a Chinese message (never a guess).

use calamine::{CellErrorType, Data, DataRef, ExcelDateTime};
use chrono::{Duration, NaiveDate};
use xianjie_domain::date::YearMonth;
use xianjie_domain::id_number::{IdNumber, IdNumberError};

/// A cell as the checks read it, borrowed from a whole sheet's grid or from a streamed row:
/// its text is never copied to be looked at.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    Empty,
    /// Text, shared or inline, and ISO dates and durations (shown as written).
    Text(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    DateTime(ExcelDateTime),
    Error(&'a CellErrorType),
}

impl<'a> From<&'a Data> for Cell<'a> {
    fn from(d: &'a Data) -> Cell<'a> {
        match d {
            Data::Empty => Cell::Empty,
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s),
            Data::Int(i) => Cell::Int(*i),
            Data::Float(f) => Cell::Float(*f),
            Data::Bool(b) => Cell::Bool(*b),
            Data::DateTime(dt) => Cell::DateTime(*dt),
            Data::Error(e) => Cell::Error(e),
        }
    }
}

impl<'a> From<&'a DataRef<'_>> for Cell<'a> {
    fn from(d: &'a DataRef<'_>) -> Cell<'a> {
        match d {
            DataRef::Empty => Cell::Empty,
            DataRef::SharedString(s) => Cell::Text(s),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s),
            DataRef::Int(i) => Cell::Int(*i),
            DataRef::Float(f) => Cell::Float(*f),
            DataRef::Bool(b) => Cell::Bool(*b),
            DataRef::DateTime(dt) => Cell::DateTime(*dt),
            DataRef::Error(e) => Cell::Error(e),
        }
    }
}

/// Largest integer an f64 holds exactly; whole numbers above it may already be rounded.
const EXACT_F64: f64 = 9_007_199_254_740_992.0;

/// The cell's value as the user typed it (`text::keep`: trimmed, invisible characters
/// dropped, full-width brackets and punctuation kept) — what is stored and shown; `None` when
/// empty. Compare with [`key`], never with this.
pub fn text(d: Cell<'_>) -> Option<String> {
    text_with(d, xianjie_domain::text::keep)
}

/// The cell as the MATCHING key (`text::clean`: width-folded, spaces collapsed): for labels,
/// synonyms, digits and dates, never for a value that is kept.
pub fn key(d: Cell<'_>) -> Option<String> {
    text_with(d, xianjie_domain::text::clean)
}

fn text_with(d: Cell<'_>, of_text: fn(&str) -> String) -> Option<String> {
    let s = match d {
        Cell::Empty => return None,
        Cell::Text(s) => of_text(s),
        Cell::Int(i) => i.to_string(),
        Cell::Float(f) => float_text(f),
        Cell::Bool(b) => if b { "是" } else { "否" }.to_string(),
        Cell::DateTime(dt) => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        // As Excel shows it: #DIV/0!, #N/A, #REF! …
        Cell::Error(e) => e.to_string(),
    };
    (!s.is_empty()).then_some(s)
}

/// [`text`]: kept as written. For tables copied into another table of the same template,
/// whose drop-downs list full-width values.
pub fn text_as_written(d: Cell<'_>) -> Option<String> {
    text(d)
}

/// [`text`] without a copy when the cell holds text that is already kept as it is.
pub fn text_cow(d: Cell<'_>) -> Option<std::borrow::Cow<'_, str>> {
    match d {
        Cell::Text(s) => {
            let c = xianjie_domain::text::keep_cow(s);
            (!c.is_empty()).then_some(c)
        }
        _ => text(d).map(Into::into),
    }
}

/// [`key`] without a copy when the cell holds text that is already clean.
pub fn key_cow(d: Cell<'_>) -> Option<std::borrow::Cow<'_, str>> {
    match d {
        Cell::Text(s) => {
            let c = xianjie_domain::text::clean_cow(s);
            (!c.is_empty()).then_some(c)
        }
        _ => key(d).map(Into::into),
    }
}

/// Whether [`text`] (and [`key`]) gives anything (without making it).
pub fn has_text(d: Cell<'_>) -> bool {
    match d {
        Cell::Empty => false,
        Cell::Text(s) => s
            .chars()
            .any(|c| !c.is_whitespace() && !xianjie_domain::text::is_invisible(c)),
        _ => true,
    }
}

/// True for an empty cell or one holding only spaces.
pub fn is_blank(d: Cell<'_>) -> bool {
    match d {
        Cell::Empty => true,
        Cell::Text(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A float as a person reads it: whole numbers without “.0”, huge ones as Excel shows them.
pub fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else if f.abs() >= 1e15 {
        excel_scientific(f)
    } else {
        format!("{f}")
    }
}

/// `4.20502200403011E+17`: how Excel displays a number too long for its 15 digits.
pub fn excel_scientific(f: f64) -> String {
    let s = format!("{f:.14E}");
    let (mantissa, exp) = s.split_once('E').unwrap_or((&s, "0"));
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    let exp = exp.trim_start_matches('+');
    if exp.starts_with('-') {
        format!("{mantissa}E{exp}")
    } else {
        format!("{mantissa}E+{exp}")
    }
}

/// M1: an ID number from any cell form. A number of 16+ digits is refused: Excel keeps only
/// 15 significant digits, so the real number is already lost.
pub fn id_number(d: Cell<'_>) -> Result<IdNumber, String> {
    match d {
        Cell::Float(f) if f.abs() >= 1e15 || (f.fract() == 0.0 && f.abs() >= EXACT_F64) => {
            Err(IdNumberError::Rounded(excel_scientific(f)).to_string())
        }
        Cell::DateTime(_) => Err("身份证号单元格被设为日期格式，请把该列设为文本后重新录入".into()),
        Cell::Error(e) => Err(format!(
            "身份证号单元格是公式计算出错的结果（{e}），请改为直接填写身份证号"
        )),
        _ => {
            let s = key_cow(d).unwrap_or_default();
            IdNumber::parse(&s).map_err(|e| e.to_string())
        }
    }
}

/// A year-month from a DateTime cell, an Excel serial, 201905 / 20190501 as numbers, or text.
pub fn year_month(d: Cell<'_>) -> Result<YearMonth, String> {
    match d {
        Cell::DateTime(dt) => {
            let (y, m, ..) = dt.to_ymd_hms_milli();
            YearMonth::new(i32::from(y), u32::from(m))
                .ok_or_else(|| format!("日期{y}年{m}月超出范围"))
        }
        Cell::Int(i) => number_year_month(i as f64),
        Cell::Float(f) => number_year_month(f),
        _ => {
            let s = key_cow(d).unwrap_or_default();
            YearMonth::parse_lenient(&s)
        }
    }
}

fn number_year_month(f: f64) -> Result<YearMonth, String> {
    if f.fract() != 0.0 {
        // 2019.05 typed into a number cell: Excel keeps 2019.05 but turns 2019.10 into 2019.1.
        let s = format!("{f}");
        if let Some((_, frac)) = s.split_once('.') {
            if frac == "1" {
                return Err(format!(
                    "“{s}”无法区分{0}年1月还是{0}年10月（Excel 把 .10 存成了 .1），请把该列设为文本并写成“{0}年10月”或“{0}年1月”",
                    f.trunc() as i64
                ));
            }
        }
        return YearMonth::parse_lenient(&s);
    }
    let n = f as i64;
    match n {
        // 201905 or 20190501 typed as a number.
        100_000..=999_999 | 10_000_000..=99_999_999 => YearMonth::parse_lenient(&n.to_string()),
        1..=99_999 => serial_date(n)
            .map(YearMonth::of)
            .ok_or_else(|| format!("“{n}”不是有效的 Excel 日期序号")),
        _ => Err(format!(
            "“{n}”不是可识别的日期（例如 2019年5月、2019-05、2019.5.1）"
        )),
    }
}

/// An Excel 1900-system serial day number (with Excel's fictitious 1900-02-29).
pub fn serial_date(n: i64) -> Option<NaiveDate> {
    let base = if n < 61 {
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    base.checked_add_signed(Duration::days(n))
}

/// Digits-only text such as 学号 or 团员发展编号, whether typed as text or as a number.
pub fn digits(d: Cell<'_>) -> Option<String> {
    match d {
        Cell::Float(f) if f.abs() >= 1e15 => Some(excel_scientific(f)),
        // A number, not a name: full-width digits are the same digits.
        _ => key(d).map(|s| {
            if s.contains(' ') {
                s.replace(' ', "")
            } else {
                s
            }
        }),
    }
}

/// An 11-digit mainland mobile number (spaces, dashes and a +86 prefix are dropped).
pub fn mobile(d: Cell<'_>) -> Result<String, String> {
    let raw = digits(d).unwrap_or_default();
    let is_mobile =
        |s: &str| s.len() == 11 && s.starts_with('1') && s.bytes().all(|b| b.is_ascii_digit());
    if is_mobile(&raw) {
        return Ok(raw);
    }
    let mut s: String = raw.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    if let Some(rest) = s.strip_prefix("+86") {
        s = rest.to_string();
    }
    if is_mobile(&s) {
        Ok(s)
    } else {
        Err(format!("手机号“{raw}”应为以1开头的11位数字"))
    }
}

/// 是/否 and their common spellings.
pub fn yes_no(d: Cell<'_>) -> Result<bool, String> {
    if let Cell::Bool(b) = d {
        return Ok(b);
    }
    let s = key_cow(d).unwrap_or_default();
    match &*s {
        "是" | "有" | "Y" | "y" | "yes" | "TRUE" | "true" | "1" | "√" | "已认证" | "已完成"
        | "通过" | "已通过" | "认证通过" => Ok(true),
        "否" | "无" | "没有" | "N" | "n" | "no" | "FALSE" | "false" | "0" | "×" | "未认证"
        | "未完成" | "未通过" => Ok(false),
        _ => Err(format!("“{s}”应为“是”或“否”")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrowed_text_and_presence_agree_with_text() {
        let samples = [
            "",
            " ",
            "\u{3000}",
            "\u{200B}",
            "\u{FEFF}\u{2060}",
            "\t\n",
            "a",
            " a ",
            "ａｂ",
            "\u{FEFF}x",
            "x\u{3000}y",
            "张 三",
            "张\u{00A0}三",
            "\u{200B} \u{3000}",
            "共青团",
        ];
        for s in samples {
            let c = Cell::Text(s);
            assert_eq!(has_text(c), text(c).is_some(), "{s:?}");
            assert_eq!(has_text(c), key(c).is_some(), "{s:?}");
            assert_eq!(text_cow(c).map(|t| t.into_owned()), text(c), "{s:?}");
            assert_eq!(key_cow(c).map(|t| t.into_owned()), key(c), "{s:?}");
        }
        for c in [
            Cell::Empty,
            Cell::Int(0),
            Cell::Float(1.5),
            Cell::Bool(false),
        ] {
            assert_eq!(has_text(c), text(c).is_some(), "{c:?}");
            assert_eq!(text_cow(c).map(|t| t.into_owned()), text(c), "{c:?}");
        }
    }

    #[test]
    fn values_are_kept_as_typed_and_matched_folded() {
        let c = Cell::Text(" 共青团某某大学（东校区）委员会\u{3000}");
        assert_eq!(text(c).as_deref(), Some("共青团某某大学（东校区）委员会"));
        assert_eq!(key(c).as_deref(), Some("共青团某某大学(东校区)委员会"));
        assert_eq!(
            text(Cell::Text("出国（境），学习")).as_deref(),
            Some("出国（境），学习")
        );
        assert_eq!(
            digits(Cell::Text("２０１９ ０００１")).as_deref(),
            Some("20190001")
        );
        assert_eq!(yes_no(Cell::Text("ｙｅｓ")), Ok(true));
    }

    #[test]
    fn rounded_ids_are_refused() {
        let e = id_number(Cell::Float(420502200403011236.0))
            .err()
            .unwrap_or_default();
        assert!(e.contains("4.20502200403011E+17"), "{e}");
        assert!(id_number(Cell::Text("4.20502200403011E+17")).is_err());
        assert!(id_number(Cell::Text("４２０５０２２００４０３０１１２３６")).is_ok());
    }

    #[test]
    fn dates_in_every_form() {
        let want = YearMonth::new(2019, 5);
        assert_eq!(year_month(Cell::Float(43586.0)).ok(), want); // 2019-05-01
        assert_eq!(year_month(Cell::Int(201905)).ok(), want);
        assert_eq!(year_month(Cell::Float(20190501.0)).ok(), want);
        assert_eq!(year_month(Cell::Float(2019.05)).ok(), want);
        assert!(year_month(Cell::Float(2019.1)).is_err());
        assert_eq!(year_month(Cell::Text("2019年5月")).ok(), want);
        assert!(year_month(Cell::Text("2019年13月")).is_err());
        assert!(year_month(Cell::Empty).is_err());
    }

    #[test]
    fn numbers_and_mobiles() {
        assert_eq!(
            text(Cell::Float(13812345678.0)).as_deref(),
            Some("13812345678")
        );
        assert_eq!(
            mobile(Cell::Float(13812345678.0)).ok().as_deref(),
            Some("13812345678")
        );
        assert_eq!(
            mobile(Cell::Text("+86 138-1234-5678")).ok().as_deref(),
            Some("13812345678")
        );
        assert!(mobile(Cell::Text("1381234567")).is_err());
        assert_eq!(
            digits(Cell::Int(201700012345)).as_deref(),
            Some("201700012345")
        );
        assert_eq!(yes_no(Cell::Text("已认证")), Ok(true));
    }
}
