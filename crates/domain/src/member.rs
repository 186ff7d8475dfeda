//! Members and their markings (rules.md §2, M3–M4).

use crate::date::YearMonth;
use crate::destination::Destination;
use crate::id_number::{IdNumber, Sex};
use serde::{Deserialize, Serialize};

crate::labeled_enum! {
    /// 政治面貌.
    Politics {
        League = "league", "共青团员";
        ProbationaryParty = "probationary_party", "中共预备党员";
        Party = "party", "中共党员";
        Masses = "masses", "群众";
    }
}

impl Politics {
    /// Also accepts the short forms rosters use (团员, 预备党员, 党员).
    pub fn parse_loose(s: &str) -> Option<Politics> {
        match s.trim() {
            "团员" | "共青团员" | "中国共产主义青年团团员" => {
                Some(Politics::League)
            }
            "预备党员" | "中共预备党员" => Some(Politics::ProbationaryParty),
            "党员" | "中共党员" | "中国共产党党员" => Some(Politics::Party),
            "群众" => Some(Politics::Masses),
            other => Politics::from_code(other),
        }
    }
    pub fn is_party(self) -> bool {
        matches!(self, Politics::ProbationaryParty | Politics::Party)
    }
}

crate::labeled_enum! {
    /// The kind of school the graduate leaves (R7a: retention only for 普通高校 and 中职).
    SchoolKind {
        University = "university", "普通高等院校";
        VocationalCollege = "vocational_college", "高等职业（专科）院校";
        SecondaryVocational = "secondary_vocational", "中等职业院校";
        HighSchool = "high_school", "普通高中";
    }
}

impl SchoolKind {
    /// R7a / R7b: graduates of a 普通高校 or a 中职 may keep the relation in school (001 一.4);
    /// a 高职（专科）院校 is a 普通高校.
    pub fn may_retain(self) -> bool {
        self != SchoolKind::HighSchool
    }
}

crate::labeled_enum! {
    /// The graduate's study status.
    StudyStatus {
        Graduating = "graduating", "正常毕业";
        Dropout = "dropout", "退学";
        Suspended = "suspended", "休学";
    }
}

crate::labeled_enum! {
    /// M3: a member marked out of 学社衔接.
    MarkingKind {
        Deferred = "deferred", "延迟毕业团员";
        Teacher = "teacher", "教师";
    }
}

/// M3: the marking with its details; revoking (M4) removes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Marking {
    /// 延迟毕业团员: a graduation month strictly later than the branch's, and a reason.
    Deferred {
        graduates: YearMonth,
        reason: String,
    },
    Teacher,
}

impl Marking {
    pub fn kind(&self) -> MarkingKind {
        match self {
            Marking::Deferred { .. } => MarkingKind::Deferred,
            Marking::Teacher => MarkingKind::Teacher,
        }
    }
}

crate::labeled_enum! {
    /// M9: the only reasons a member may be deleted from the roster.
    DeletionReason {
        WrongIdentity = "wrong_identity", "姓名/身份证号录入错误";
        NotAMember = "not_a_member", "非团员误录入";
        Death = "death", "团员本人死亡";
        SchoolConfirmed = "school_confirmed", "其他情况（经校团委确认）";
    }
}

/// A member record (rules.md §2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: i64,
    pub name: String,
    pub sex: Sex,
    pub ethnicity: Option<String>,
    pub id_number: IdNumber,
    pub student_no: Option<String>,
    pub branch_id: i64,
    pub college: Option<String>,
    /// 入团时间, as in the 入团志愿书.
    pub joined: Option<YearMonth>,
    /// 团员发展编号: 12 digits, mandatory for members who joined on or after 2017-01.
    pub development_no: Option<String>,
    pub politics: Politics,
    pub league_post: bool,
    pub mobile: Option<String>,
    /// 团费交至.
    pub dues_paid_to: Option<YearMonth>,
    /// 团员身份认证 done (needed for members who joined in 2020 or later, M7).
    pub identity_verified: bool,
    pub status: StudyStatus,
    pub marking: Option<Marking>,
    pub destination: Option<Destination>,
}

/// Longest name accepted; names of ethnic minorities with the 间隔号 stay well under it.
pub const NAME_MAX_CHARS: usize = 50;

/// A person's name as typed: 1–50 letters of any script (CJK Extension B rare characters
/// included) and digits (test and synthetic names), with the 间隔号 “·”, spaces, hyphens and
/// dots of transliterated names. Emoji, other symbols and control characters are typing or
/// encoding accidents.
pub fn check_name(name: &str) -> Result<(), String> {
    let n = name.chars().count();
    if n > NAME_MAX_CHARS {
        return Err(format!("姓名过长（{n}个字，最多{NAME_MAX_CHARS}个字）"));
    }
    for (i, c) in name.chars().enumerate() {
        // Common CJK ideographs first: `is_alphanumeric` searches Unicode's tables.
        let ok = ('\u{4E00}'..='\u{9FFF}').contains(&c)
            || c.is_alphanumeric()
            || matches!(c, '·' | '•' | '．' | '.' | ' ' | '\u{3000}' | '-' | '－');
        if ok {
            continue;
        }
        return Err(if c.is_control() || c.is_whitespace() {
            format!(
                "姓名的第{}个字符是不可见的控制字符（U+{:04X}），请重新输入",
                i + 1,
                c as u32
            )
        } else {
            format!("姓名中有不应出现的字符“{c}”（第{}个字符；姓名只能由文字、间隔号“·”、空格或连字符组成）", i + 1)
        });
    }
    Ok(())
}

/// The month from which a development number is mandatory (L1 rules, 003 附件10 7.(5)).
pub fn development_no_required(joined: Option<YearMonth>) -> bool {
    joined.is_some_and(|j| j.year() >= 2017)
}

/// A development number is exactly 12 digits.
pub fn valid_development_no(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// What 智慧团建 would refuse in a development number that is well formed (rules.md §2
/// 团员发展编号): a warning, never a refusal — the secretary checks the 入团志愿书.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DevelopmentNoWarning {
    /// The first four digits are not the year of 入团时间.
    YearMismatch {
        number: String,
        /// The number's first four digits.
        number_year: String,
        joined: YearMonth,
    },
}

impl DevelopmentNoWarning {
    /// In Chinese, naming the number and the year.
    pub fn message(&self) -> String {
        match self {
            DevelopmentNoWarning::YearMismatch {
                number,
                number_year,
                joined,
            } => format!(
                "团员发展编号“{number}”的前四位是{number_year}，与入团时间{}的年份{}不一致：智慧团建不接受前四位不是入团年份的编号，请按入团志愿书核对入团时间和编号",
                joined.chinese(),
                joined.year()
            ),
        }
    }
}

/// The warnings of a development number against the 入团时间 (the member form and the roster
/// import ask the same question). A number that is not 12 digits is an error of its own
/// ([`valid_development_no`]) and has no warning here; “无” and an empty number have none.
pub fn development_no_warnings(
    number: &str,
    joined: Option<YearMonth>,
) -> Vec<DevelopmentNoWarning> {
    let n = crate::text::clean(number).replace(' ', "");
    let mut out = Vec::new();
    if let (true, Some(joined)) = (valid_development_no(&n), joined) {
        let number_year = &n[..4];
        if number_year != joined.year().to_string() {
            out.push(DevelopmentNoWarning::YearMismatch {
                number_year: number_year.to_string(),
                number: n.clone(),
                joined,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn development_number_year_must_be_the_joining_year() {
        let ym = |y, m| YearMonth::new(y, m);
        let w = development_no_warnings("201918000001", ym(2018, 5));
        assert_eq!(w.len(), 1);
        let m = w[0].message();
        assert!(
            m.contains("201918000001") && m.contains("2019") && m.contains("2018"),
            "{m}"
        );
        assert!(development_no_warnings("201818000001", ym(2018, 5)).is_empty());
        // Full-width digits and spaces are the same number.
        assert!(development_no_warnings("２０１８ 18000001", ym(2018, 5)).is_empty());
        assert_eq!(
            development_no_warnings("２０１９ 18000001", ym(2018, 5)).len(),
            1
        );
        // Nothing to compare: no joining date, no number, or a malformed one (an error).
        assert!(development_no_warnings("201918000001", None).is_empty());
        assert!(development_no_warnings("无", ym(2015, 5)).is_empty());
        assert!(development_no_warnings("2019", ym(2018, 5)).is_empty());
    }

    #[test]
    fn names_may_hold_full_width_separators() {
        assert!(check_name("买买提－艾力").is_ok());
        assert!(check_name("张\u{3000}三").is_ok());
        assert!(check_name("张\t三").is_err());
    }
}
