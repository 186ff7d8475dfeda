//! Year-months and the date forms secretaries type.
//!
//! 智慧团建 keeps many dates as a year and a month (入团时间, 毕业时间, 团费交至), so
//! [`YearMonth`] is a type of its own. Parsing is strict for the JSON contract and lenient for
//! roster spreadsheets, through one function each so that there is one way of doing it.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A year and a month, e.g. 2026-07.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u32,
}

impl YearMonth {
    /// `None` unless 1900 ≤ year ≤ 2100 and 1 ≤ month ≤ 12.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((1900..=2100).contains(&year) && (1..=12).contains(&month)).then_some(Self { year, month })
    }
    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u32 {
        self.month
    }
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }
    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }
    /// The last day of the month.
    pub fn last_day(self) -> NaiveDate {
        let (y, m) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }
    /// `2026年7月`, as printed on letters and tables.
    pub fn chinese(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }

    /// Strict `YYYY-MM`, for the JSON contract.
    pub fn parse_strict(s: &str) -> Result<Self, String> {
        let bytes = s.as_bytes();
        // Digits checked by hand: `str::parse` would also take a sign (“2019-+5”, found by fuzzing).
        let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
        if bytes.len() != 7 || bytes[4] != b'-' || !digits(&bytes[..4]) || !digits(&bytes[5..]) {
            return Err(format!("“{s}”不是“年-月”格式（例如 2019-05）"));
        }
        let year: i32 = s[..4].parse().map_err(|_| format!("“{s}”的年份无效"))?;
        let month: u32 = s[5..].parse().map_err(|_| format!("“{s}”的月份无效"))?;
        Self::new(year, month).ok_or_else(|| format!("“{s}”不是有效的年月"))
    }

    /// Lenient forms found in rosters: 2019年5月, 2019.05, 2019-05, 2019/5, 201905,
    /// 2019年5月1日, 2019-05-01, 2019/5/1, 2019.5.1 (the day, if any, must exist).
    pub fn parse_lenient(s: &str) -> Result<Self, String> {
        let (ym, _day) = parse_loose_parts(s)?;
        Ok(ym)
    }
}

/// Parses a loose date; returns the year-month and the day if one was given.
fn parse_loose_parts(raw: &str) -> Result<(YearMonth, Option<u32>), String> {
    let s = crate::text::normalize_width(raw.trim());
    let bad = || {
        format!(
            "“{}”不是可识别的日期（例如 2019年5月、2019-05、2019.5.1）",
            raw.trim()
        )
    };
    if s.is_empty() {
        return Err("日期为空".to_string());
    }
    let digits_only = s.bytes().all(|b| b.is_ascii_digit());
    // At most three parts are wanted; a fourth only says the text is bad.
    let mut parts: [&str; 4] = [""; 4];
    let mut n = 0;
    if digits_only {
        match s.len() {
            6 => (parts[0], parts[1], n) = (&s[..4], &s[4..], 2),
            8 => (parts[0], parts[1], parts[2], n) = (&s[..4], &s[4..6], &s[6..], 3),
            _ => return Err(bad()),
        }
    } else {
        let t = s.trim_end_matches(['日', '号']);
        for p in t
            .split(['年', '月', '-', '/', '.'])
            .filter(|p| !p.is_empty())
        {
            if n == parts.len() {
                return Err(bad());
            }
            parts[n] = p;
            n += 1;
        }
    }
    let parts = &parts[..n];
    if !(2..=3).contains(&parts.len())
        || parts.iter().any(|p| !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad());
    }
    if parts[0].len() != 4 || parts[1].len() > 2 {
        return Err(bad());
    }
    let year: i32 = parts[0].parse().map_err(|_| bad())?;
    let month: u32 = parts[1].parse().map_err(|_| bad())?;
    let ym = YearMonth::new(year, month)
        .ok_or_else(|| format!("“{}”的年份或月份超出范围", raw.trim()))?;
    let day = match parts.get(2) {
        Some(d) => {
            let day: u32 = d.parse().map_err(|_| bad())?;
            NaiveDate::from_ymd_opt(year, month, day)
                .ok_or_else(|| format!("“{}”不是存在的日期", raw.trim()))?;
            Some(day)
        }
        None => None,
    };
    Ok((ym, day))
}

/// Strict `YYYY-MM-DD`, for the JSON contract.
pub fn parse_date_strict(s: &str) -> Result<NaiveDate, String> {
    // Shape checked by hand: chrono's `%Y` also takes a sign (“-026-06-02”, found by fuzzing).
    let shape = s.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    if s.len() != 10 || !shape {
        return Err(format!("“{s}”不是“年-月-日”格式（例如 2026-06-15）"));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("“{s}”不是有效的日期（应为 年-月-日，例如 2026-06-15）"))
}

/// A full date from the loose forms of [`YearMonth::parse_lenient`]; a year-month alone means
/// its first day.
pub fn parse_date_lenient(s: &str) -> Result<NaiveDate, String> {
    let (ym, day) = parse_loose_parts(s)?;
    Ok(match day {
        Some(d) => NaiveDate::from_ymd_opt(ym.year, ym.month, d).unwrap_or(ym.first_day()),
        None => ym.first_day(),
    })
}

/// Full years from `birth` to `on` (a person is N on their N-th birthday; 29 Feb birthdays
/// count on 1 Mar in common years).
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

impl YearMonth {
    /// `YYYY-MM` in a buffer of its own (years are 1900–2100): no formatter, no allocation.
    fn digits(&self) -> [u8; 7] {
        let (y, m) = (self.year.unsigned_abs(), self.month);
        let d = |n: u32| b'0' + (n % 10) as u8;
        [
            d(y / 1000),
            d(y / 100),
            d(y / 10),
            d(y),
            b'-',
            d(m / 10),
            d(m),
        ]
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.digits();
        f.write_str(std::str::from_utf8(&b).map_err(|_| fmt::Error)?)
    }
}

impl std::str::FromStr for YearMonth {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::parse_strict(s)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let b = self.digits();
        s.serialize_str(std::str::from_utf8(&b).map_err(serde::ser::Error::custom)?)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse_strict(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap_or_else(|| panic!("bad test month"))
    }

    #[test]
    fn lenient_forms() {
        for s in [
            "2019年5月",
            "2019.05",
            "2019-05",
            "2019/5",
            "201905",
            "2019年5月1日",
            "2019-05-01",
            "2019/5/1",
            "2019.5.1",
            "２０１９年５月",
            " 2019-5 ",
            "20190501",
        ] {
            assert_eq!(YearMonth::parse_lenient(s), Ok(ym(2019, 5)), "{s}");
        }
        for s in [
            "",
            "2019",
            "2019-13",
            "abc",
            "2019-02-30",
            "19-05",
            "2019年5月40日",
        ] {
            assert!(YearMonth::parse_lenient(s).is_err(), "{s}");
        }
    }

    #[test]
    fn strict_forms() {
        assert_eq!(YearMonth::parse_strict("2026-07"), Ok(ym(2026, 7)));
        for (y, m) in [(1900, 1), (1999, 12), (2026, 7), (2100, 10)] {
            let want = format!("{y:04}-{m:02}");
            assert_eq!(ym(y, m).to_string(), want);
            assert_eq!(
                serde_json::to_string(&ym(y, m)).ok(),
                Some(format!("\"{want}\""))
            );
        }
        assert!(YearMonth::parse_strict("2026-7").is_err());
        assert!(YearMonth::parse_strict("2026-13").is_err());
        assert!(
            YearMonth::parse_strict("2019-+5").is_err(),
            "fuzz: a sign is no digit"
        );
        assert!(parse_date_strict("2026-02-30").is_err());
        assert!(parse_date_strict("2026-06-15").is_ok());
        assert!(
            parse_date_strict("-026-06-02").is_err(),
            "fuzz: a sign is no digit"
        );
    }

    #[test]
    fn ages() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap_or(NaiveDate::MIN);
        assert_eq!(age_on(d(2004, 3, 1), d(2026, 2, 28)), 21);
        assert_eq!(age_on(d(2004, 3, 1), d(2026, 3, 1)), 22);
        assert_eq!(age_on(d(2004, 2, 29), d(2026, 2, 28)), 21);
        assert_eq!(age_on(d(2004, 2, 29), d(2026, 3, 1)), 22);
        assert_eq!(ym(2024, 2).last_day(), d(2024, 2, 29));
        assert_eq!(ym(2024, 12).last_day(), d(2024, 12, 31));
    }
}
