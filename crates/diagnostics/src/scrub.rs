//! The one filter every free text goes through before it is logged.
//!
//! The log travels (a secretary sends the diagnostics file to whoever helps), so it must not
//! carry a name, an ID number, a phone number or a file's name. What cannot be recognised for
//! sure is dropped: a masked word costs a developer a guess, a leaked name costs a student.
//!
//! Rules, in order:
//! 1. Control characters (line breaks included) become spaces, so a text cannot forge a log
//!    line; at most [`MAX_CHARS`] characters are kept.
//! 2. A whitespace-separated word holding `/` or `\` is a path (a user name, a folder name, a
//!    file named after a person or a unit): it becomes `<path>`, keeping only a short ASCII
//!    extension (`<path>.xlsx`), which is what tells what kind of file failed. A word holding
//!    `@` becomes `<email>`.
//! 3. A run of 6 or more digits — counted across single spaces or hyphens, as phone numbers
//!    are written (`138-1234-5678`) — becomes `#…`, with a trailing `X` of an ID number; so
//!    does a run of 3 or more digits ending in `X` (the tail of an ID number).
//! 4. A run of non-ASCII letters (Chinese characters, but also Uyghur, Tibetan, Mongolian or
//!    full-width Latin script), middle dots included (`买买提·艾力`), becomes one `＊`.
//!
//! What it cannot catch: a name written in pinyin or English letters. That is why the
//! helpers ([`crate::record_failure`], …) take no free text at all, and only panic messages —
//! the developers' own words — come here.

/// Longer texts are cut to this many characters before the rules apply.
pub const MAX_CHARS: usize = 2000;

/// Replaces every trace of personal data in `text` (see the module's rules).
pub fn scrub(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .take(MAX_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let words = mask_words(&cleaned);
    let digits = mask_digits(&words);
    mask_letters(&digits)
}

/// Rule 2: paths and e-mail addresses, word by word (whitespace kept as it was).
fn mask_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.contains(['/', '\\']) {
            out.push_str("<path>");
            if let Some(ext) = extension(word) {
                out.push('.');
                out.push_str(ext);
            }
        } else if word.contains(['@', '＠']) {
            out.push_str("<email>");
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// A file name's extension when it is short plain ASCII (`xlsx`, `db`), else none.
fn extension(word: &str) -> Option<&str> {
    let name = word
        .rsplit(['/', '\\'])
        .next()?
        .trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
    let (stem, ext) = name.rsplit_once('.')?;
    let ok = !stem.is_empty()
        && (1..=5).contains(&ext.len())
        && ext.chars().all(|c| c.is_ascii_alphanumeric());
    ok.then_some(ext)
}

/// Rule 3: long digit runs (ID numbers, phones, student and development numbers).
fn mask_digits(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_numeric() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // The run: digits, and single separators between digits.
        let start = i;
        let mut digits = 0;
        let mut end = i;
        while end < chars.len() {
            if chars[end].is_numeric() {
                digits += 1;
                end += 1;
            } else if matches!(chars[end], ' ' | '-')
                && chars.get(end + 1).is_some_and(|c| c.is_numeric())
            {
                end += 1;
            } else {
                break;
            }
        }
        let x_follows = chars
            .get(end)
            .is_some_and(|c| matches!(c, 'X' | 'x' | 'Ｘ'))
            && !chars.get(end + 1).is_some_and(|c| c.is_alphanumeric());
        if digits >= 6 || (digits >= 3 && x_follows) {
            out.push_str("#…");
            if x_follows {
                end += 1;
            }
        } else {
            out.extend(&chars[start..end]);
        }
        i = end;
    }
    out
}

/// Rule 4: runs of non-ASCII letters (names, units, places).
fn mask_letters(text: &str) -> String {
    let is_letter = |c: char| c.is_alphabetic() && !c.is_ascii();
    let is_joiner = |c: char| matches!(c, '·' | '•' | '・' | '‧' | '﹒');
    let mut out = String::with_capacity(text.len());
    let mut in_run = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let joins = in_run && is_joiner(c) && chars.get(i + 1).is_some_and(|&n| is_letter(n));
        if is_letter(c) || joins {
            if !in_run {
                out.push('＊');
                in_run = true;
            }
        } else {
            in_run = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::scrub;

    #[test]
    fn names_and_units_become_one_star_each() {
        assert_eq!(scrub("学生张三导入失败"), "＊");
        assert_eq!(
            scrub("member 张三 in 计算机学院 row 12"),
            "member ＊ in ＊ row 12"
        );
        assert_eq!(scrub("买买提·艾力 and ＡＢＣ"), "＊ and ＊");
        assert_eq!(scrub("Мария"), "＊");
        // Chinese punctuation is not a letter: the structure of a message survives.
        assert_eq!(scrub("张三、李四：未找到"), "＊、＊：＊");
    }

    #[test]
    fn id_numbers_phones_and_long_numbers_become_hashes() {
        assert_eq!(scrub("id 11010519491231002X end"), "id #… end");
        assert_eq!(scrub("id 11010519491231002x."), "id #….");
        assert_eq!(scrub("110105194912310021"), "#…");
        assert_eq!(scrub("tel 13812345678"), "tel #…");
        assert_eq!(
            scrub("tel 138-1234-5678 / +86 138 1234 5678"),
            "tel #… <path> +#…"
        );
        assert_eq!(scrub("tail 002X"), "tail #…");
        assert_eq!(scrub("student S2021123456"), "student S#…");
        assert_eq!(scrub("１３８１２３４５６７８"), "#…");
        // Short numbers stay: rows, counts, small codes.
        assert_eq!(scrub("row 12 of 12345, 0x1F"), "row 12 of 12345, 0x1F");
        assert_eq!(scrub("v0.1.0 at 12:30"), "v0.1.0 at 12:30");
    }

    #[test]
    fn paths_keep_only_a_short_extension() {
        assert_eq!(
            scrub(r"cannot open C:\Users\张三\Desktop\2024届毕业生名单.xlsx now"),
            "cannot open <path>.xlsx now"
        );
        assert_eq!(
            scrub("\"/home/zhangsan/data.db\": denied"),
            "<path>.db denied"
        );
        assert_eq!(scrub("src/main.rs:12:5"), "<path>");
        assert_eq!(scrub("/home/a b/c"), "<path> <path>");
        assert_eq!(scrub("mail zhangsan@example.com"), "mail <email>");
    }

    #[test]
    fn control_characters_cannot_forge_lines_and_length_is_capped() {
        assert_eq!(scrub("a\nERROR fake\r\tb"), "a ERROR fake  b");
        assert_eq!(scrub(&"a".repeat(5000)).chars().count(), super::MAX_CHARS);
    }

    #[test]
    fn plain_developer_english_is_left_alone() {
        let text = "called `Option::unwrap()` on a `None` value";
        assert_eq!(scrub(text), text);
        let text = "index out of bounds: the len is 3 but the index is 5";
        assert_eq!(scrub(text), text);
    }
}
