//! M1: 18-character mainland resident ID numbers (GB 11643-1999).
//!
//! A parsed [`IdNumber`] is always valid and normalised (half-width digits, upper-case X), so
//! the rest of the program never re-checks one. Errors say in Chinese exactly what is wrong.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Sex, as derived from the sequence code (odd: male) or read from a roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn label(self) -> &'static str {
        match self {
            Sex::Male => "男",
            Sex::Female => "女",
        }
    }
    pub fn parse_label(s: &str) -> Option<Sex> {
        match s.trim() {
            "男" | "男性" | "M" | "m" | "male" => Some(Sex::Male),
            "女" | "女性" | "F" | "f" | "female" => Some(Sex::Female),
            _ => None,
        }
    }
}

/// Why a string is not a valid ID number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdNumberError {
    #[error("身份证号为空")]
    Empty,
    #[error("身份证号应为18位，实际为{0}位")]
    Length(usize),
    #[error("身份证号第{position}位“{found}”不是数字")]
    NotDigit { position: usize, found: char },
    #[error("身份证号第18位“{0}”应为数字或X")]
    BadCheckChar(char),
    #[error("身份证号前两位“{0}”不是有效的省级行政区划代码")]
    Province(String),
    #[error("身份证号第7–14位“{0}”不是有效的出生日期")]
    BirthDate(String),
    #[error("身份证号第18位校验码应为{expected}，实际为{found}")]
    Checksum { expected: char, found: char },
    #[error("身份证号看起来被 Excel 按数字存储并已四舍五入（“{0}”），后三位已丢失；请把该列设为文本后重新录入")]
    Rounded(String),
}

/// A valid, normalised 18-character ID number.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdNumber(String);

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
/// Province-level codes of GB/T 2260 (81/82/83: residence permits of HK, Macao, Taiwan).
const PROVINCES: [u32; 35] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
];

/// ISO 7064 MOD 11-2 check character of the first 17 digits.
pub fn check_char(first17: &[u8]) -> char {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK_CHARS[(sum % 11) as usize]
}

impl IdNumber {
    /// Normalises (trim, inner spaces, full-width digits, lower-case x) and validates.
    pub fn parse(raw: &str) -> Result<Self, IdNumberError> {
        // Already in its final form (18 digits, or 17 and X): no folding copy.
        let plain = raw.len() == 18
            && raw.as_bytes()[..17].iter().all(u8::is_ascii_digit)
            && matches!(raw.as_bytes()[17], b'0'..=b'9' | b'X');
        let s: String = if plain {
            raw.to_string()
        } else {
            crate::text::normalize_width(raw)
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '\'')
                .map(|c| c.to_ascii_uppercase())
                .collect()
        };
        if s.is_empty() {
            return Err(IdNumberError::Empty);
        }
        if looks_rounded(&s) {
            return Err(IdNumberError::Rounded(s));
        }
        let count = s.chars().count();
        if count != 18 {
            return Err(IdNumberError::Length(count));
        }
        if let Some((i, c)) = s
            .chars()
            .take(17)
            .enumerate()
            .find(|(_, c)| !c.is_ascii_digit())
        {
            return Err(IdNumberError::NotDigit {
                position: i + 1,
                found: c,
            });
        }
        // Seventeen ASCII digits: the 18th character starts at byte 17.
        let last = s[17..].chars().next().unwrap_or(' ');
        if !(last.is_ascii_digit() || last == 'X') {
            return Err(IdNumberError::BadCheckChar(last));
        }
        let province: u32 = s[..2].parse().unwrap_or(0);
        if !PROVINCES.contains(&province) {
            return Err(IdNumberError::Province(s[..2].to_string()));
        }
        let birth = &s[6..14];
        // Eight ASCII digits (checked above): read directly, chrono's format parser is slow.
        let num = |r: std::ops::Range<usize>| birth[r].parse::<u32>().ok();
        let date = match (num(0..4), num(4..6), num(6..8)) {
            (Some(y), Some(m), Some(d)) => i32::try_from(y)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, m, d)),
            _ => None,
        }
        .ok_or_else(|| IdNumberError::BirthDate(birth.to_string()))?;
        if date < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN) {
            return Err(IdNumberError::BirthDate(birth.to_string()));
        }
        let expected = check_char(&s.as_bytes()[..17]);
        if expected != last {
            return Err(IdNumberError::Checksum {
                expected,
                found: last,
            });
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number as one integer ([`key_of`]): what duplicate checks hash.
    pub fn key(&self) -> u64 {
        key_of(&self.0).unwrap_or(0)
    }

    pub fn birth_date(&self) -> NaiveDate {
        // Digits checked by `parse`: read directly (chrono's format parser is slow).
        let num = |r: std::ops::Range<usize>| self.0.get(r).and_then(|t| t.parse::<u32>().ok());
        match (num(6..10), num(10..12), num(12..14)) {
            (Some(y), Some(m), Some(d)) => i32::try_from(y)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, m, d)),
            _ => None,
        }
        .unwrap_or(NaiveDate::MIN)
    }

    /// Odd 17th digit: male.
    pub fn sex(&self) -> Sex {
        let d = self.0.as_bytes()[16] - b'0';
        if d % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// `420502********1236`: the form used in lists, logs and messages.
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.0[..6], &self.0[14..])
    }
}

/// An ID number's text as one integer (the 17 digits, then the check character, X as 10):
/// equal for equal numbers and cheap to hash, where tens of thousands are compared (an
/// import's duplicate checks). `None` for text not in that form.
pub fn key_of(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() != 18 {
        return None;
    }
    let mut k: u64 = 0;
    for &d in &b[..17] {
        if !d.is_ascii_digit() {
            return None;
        }
        k = k * 10 + u64::from(d - b'0');
    }
    let last = match b[17] {
        d @ b'0'..=b'9' => u64::from(d - b'0'),
        b'X' => 10,
        _ => return None,
    };
    Some(k * 11 + last)
}

/// A stored ID number's text masked for a list or log; text that is no valid ID number
/// identifies nobody and is returned as it is (SECURITY.md, “Personal data”).
pub fn mask_text(s: &str) -> String {
    IdNumber::parse(s)
        .map(|id| id.masked())
        .unwrap_or_else(|_| s.to_string())
}

/// `13812345678` → `138****5678`: a mobile number in a list or log.
pub fn mask_mobile(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

/// `4.20502200403011E+17` and the like: a number Excel has already rounded.
fn looks_rounded(s: &str) -> bool {
    s.contains("E+")
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'E' | '+'))
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Debug output is masked so that personal data never lands in logs by accident.
impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdNumber({})", self.masked())
    }
}

impl std::str::FromStr for IdNumber {
    type Err = IdNumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for IdNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for IdNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn contract_sample_is_valid() {
        let id = IdNumber::parse("420502200403011236").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(2004, 3, 1).unwrap_or(NaiveDate::MIN)
        );
        assert_eq!(id.sex(), Sex::Male);
        assert_eq!(id.masked(), "420502********1236");
    }

    #[test]
    fn normalises_input_forms() {
        // 11010519491231002X is the standard's own example.
        for raw in [
            "11010519491231002x",
            " 110105 19491231 002X ",
            "１１０１０５１９４９１２３１００２ｘ",
        ] {
            assert_eq!(
                IdNumber::parse(raw).map(|i| i.to_string()),
                Ok("11010519491231002X".into())
            );
        }
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let e = |s: &str| {
            IdNumber::parse(s)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert_eq!(
            e("420502200403011234"),
            "身份证号第18位校验码应为6，实际为4"
        );
        assert_eq!(e("4205022004030112"), "身份证号应为18位，实际为16位");
        assert!(e("990502200403011236").contains("省级行政区划代码"));
        assert!(e("420502200402301236").contains("出生日期"));
        assert!(e("4.20502200403011E+17").contains("四舍五入"));
        assert!(e("42050220040301A236").contains("第15位"));
    }

    fn valid_id() -> impl Strategy<Value = String> {
        (
            prop::sample::select(PROVINCES.to_vec()),
            0u32..10000,
            (1950i32..2020, 1u32..=12, 1u32..=28),
            0u32..1000,
        )
            .prop_map(|(p, region, (y, m, d), seq)| {
                let first17 = format!("{p:02}{region:04}{y:04}{m:02}{d:02}{seq:03}");
                let c = check_char(first17.as_bytes());
                format!("{first17}{c}")
            })
    }

    proptest! {
        #[test]
        fn valid_numbers_round_trip(s in valid_id()) {
            let id = IdNumber::parse(&s.to_lowercase()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(id.as_str(), s.as_str());
            let again = IdNumber::parse(id.as_str()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(again, id);
        }

        #[test]
        fn every_single_character_change_is_caught(s in valid_id(), pos in 0usize..18, alt in 0u8..11) {
            let mut chars: Vec<char> = s.chars().collect();
            let replacement = if alt == 10 { 'X' } else { char::from(b'0' + alt) };
            prop_assume!(chars[pos] != replacement);
            chars[pos] = replacement;
            let changed: String = chars.into_iter().collect();
            prop_assert!(IdNumber::parse(&changed).is_err(), "{} accepted", changed);
        }
    }
}
