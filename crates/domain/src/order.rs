//! The one order of branches and people (issue 23): the graduate list on screen, every F-table
//! and the store's queries sort with it, so that a secretary finds a row where the paper and
//! the screen both put it.
//!
//! - Branches: by grade (the `20xx级` in the full name; branches without one, e.g. a teacher or
//!   flowing branch, come last), then by the name in natural order — Chinese by pinyin, digit
//!   runs as numbers, so 计算机2022级2班 comes before 计算机2022级10班 and 电子… before 软件….
//! - Names (people, colleges): by pinyin, syllable by syllable (tone breaks ties), with the
//!   usual surname readings for the common polyphonic surnames (曾 zēng, 单 shàn…).
//!
//! Code-point order is the last tie-break, so two different texts never compare equal and the
//! order is total and stable.

use pinyin::ToPinyin;
use std::cmp::Ordering;

/// One unit of a natural key. Variant order is the order of kinds: numbers, then words (a
/// Han character's pinyin with its tone, or a Latin letter), then any other character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    Number(u128),
    Word(&'static str),
    Other(char),
}

/// A natural sort key of a text; compare keys, or use [`cmp_text`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TextKey {
    units: Vec<Unit>,
    /// Code points: the final tie-break.
    raw: String,
}

const LETTERS: [&str; 26] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z",
];

/// Surnames whose reading differs from the character's most common one.
const SURNAMES: [(char, &str); 14] = [
    ('曾', "zeng1"),
    ('单', "shan4"),
    ('解', "xie4"),
    ('仇', "qiu2"),
    ('朴', "piao2"),
    ('区', "ou1"),
    ('查', "zha1"),
    ('缪', "miao4"),
    ('覃', "qin2"),
    ('翟', "zhai2"),
    ('盖', "ge3"),
    ('乐', "yue4"),
    ('召', "shao4"),
    ('种', "chong2"),
];

fn units(s: &str, surname: bool) -> Vec<Unit> {
    let mut out = Vec::with_capacity(s.chars().count());
    let mut number: Option<u128> = None;
    for (i, c) in s.chars().enumerate() {
        if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
            let n = number.unwrap_or(0);
            number = Some(n.saturating_mul(10).saturating_add(u128::from(d)));
            continue;
        }
        if let Some(n) = number.take() {
            out.push(Unit::Number(n));
        }
        let special = (surname && i == 0)
            .then(|| SURNAMES.iter().find(|(k, _)| *k == c).map(|(_, p)| *p))
            .flatten();
        let unit = if let Some(p) = special {
            Unit::Word(p)
        } else if let Some(p) = c.to_pinyin() {
            Unit::Word(p.with_tone_num_end())
        } else if c.is_ascii_alphabetic() {
            let i = usize::from(c.to_ascii_lowercase() as u8 - b'a');
            LETTERS.get(i).map_or(Unit::Other(c), |l| Unit::Word(l))
        } else {
            Unit::Other(c)
        };
        out.push(unit);
    }
    if let Some(n) = number {
        out.push(Unit::Number(n));
    }
    out
}

/// The natural key of any text (colleges, org names, free text): pinyin and numbers.
pub fn text_key(s: &str) -> TextKey {
    let s = s.trim();
    TextKey {
        units: units(s, false),
        raw: s.to_string(),
    }
}

/// The key of a person's name: as [`text_key`], the surname read as a surname.
pub fn name_key(name: &str) -> TextKey {
    let s = name.trim();
    TextKey {
        units: units(s, true),
        raw: s.to_string(),
    }
}

/// The key of a branch (or any org) by its full name: grade first, then the natural name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BranchKey {
    /// `false` sorts first: branches with a grade come before those without.
    no_grade: bool,
    grade: u16,
    name: TextKey,
}

/// The `20xx级` (or `19xx级`) year in a branch's name, if any.
pub fn grade(name: &str) -> Option<u16> {
    let chars: Vec<char> = name.chars().collect();
    chars.windows(5).find_map(|w| {
        let digits = &w[..4];
        let ok = w[4] == '级'
            && digits.iter().all(char::is_ascii_digit)
            && matches!((digits[0], digits[1]), ('1', '9') | ('2', '0'));
        ok.then(|| {
            digits
                .iter()
                .filter_map(|c| c.to_digit(10))
                .fold(0u16, |n, d| n * 10 + d as u16)
        })
    })
}

pub fn branch_key(full_name: &str) -> BranchKey {
    let g = grade(full_name);
    BranchKey {
        no_grade: g.is_none(),
        grade: g.unwrap_or(0),
        name: text_key(full_name),
    }
}

/// The key of a row about a person in a branch: the branch, then the name.
pub fn person_key(branch: &str, name: &str) -> (BranchKey, TextKey) {
    (branch_key(branch), name_key(name))
}

pub fn cmp_text(a: &str, b: &str) -> Ordering {
    text_key(a).cmp(&text_key(b))
}

pub fn cmp_names(a: &str, b: &str) -> Ordering {
    name_key(a).cmp(&name_key(b))
}

pub fn cmp_branches(a: &str, b: &str) -> Ordering {
    branch_key(a).cmp(&branch_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut v: Vec<&str>, cmp: fn(&str, &str) -> Ordering) -> Vec<&str> {
        v.sort_by(|a, b| cmp(a, b));
        v
    }

    #[test]
    fn branches_by_grade_then_natural_name_by_pinyin() {
        let p = "共青团星河大学信息工程学院";
        let names = [
            "数据科学与大数据技术2022级1班",
            "物联网工程2022级1班",
            "电子信息工程2022级1班",
            "软件工程2022级10班",
            "软件工程2022级2班",
            "计算机科学与技术2023级1班",
            "教师",
            "计算机科学与技术2021级1班",
        ]
        .map(|m| format!("{p}{m}团支部"));
        let v = sorted(names.iter().map(String::as_str).collect(), cmp_branches);
        let short: Vec<&str> = v
            .iter()
            .map(|s| s.trim_start_matches(p).trim_end_matches("团支部"))
            .collect();
        assert_eq!(
            short,
            [
                "计算机科学与技术2021级1班",
                "电子信息工程2022级1班",
                "软件工程2022级2班",
                "软件工程2022级10班",
                "数据科学与大数据技术2022级1班",
                "物联网工程2022级1班",
                "计算机科学与技术2023级1班",
                "教师",
            ]
        );
    }

    #[test]
    fn grade_is_the_year_before_ji() {
        assert_eq!(grade("某大学软件工程2022级2班团支部"), Some(2022));
        assert_eq!(grade("某大学1999级校友团支部"), Some(1999));
        assert_eq!(grade("某大学教师团支部"), None);
        assert_eq!(grade("某大学3022级"), None);
        assert_eq!(grade("2022届"), None);
    }

    #[test]
    fn names_by_pinyin_with_surname_readings() {
        let v = sorted(
            vec![
                "张三",
                "王五",
                "李四",
                "曾小贤",
                "陈一",
                "单田芳",
                "安娜",
                "Alice",
            ],
            cmp_names,
        );
        // 曾 reads zēng as a surname (not céng), 单 shàn (not dān).
        assert_eq!(
            v,
            [
                "Alice",
                "安娜",
                "陈一",
                "李四",
                "单田芳",
                "王五",
                "曾小贤",
                "张三"
            ]
        );
        // Syllable by syllable: 李安 (li an) before 李白 (li bai) before 练 (lian).
        assert_eq!(
            sorted(vec!["练习", "李白", "李安"], cmp_names),
            ["李安", "李白", "练习"]
        );
    }

    #[test]
    fn different_texts_never_compare_equal() {
        // Same pinyin and tone (同音字): code points decide, consistently.
        assert_ne!(cmp_names("王芳", "王方"), Ordering::Equal);
        assert_eq!(cmp_names("王芳", "王方"), cmp_names("王芳", "王方"));
        assert_eq!(cmp_names("王芳", "王芳"), Ordering::Equal);
        assert_eq!(cmp_text("2班", "10班"), Ordering::Less);
    }
}
