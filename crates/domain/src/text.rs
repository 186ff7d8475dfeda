//! Text normalisation shared by every input path (CLI cases, rosters, forms).
//!
//! Two uses, never mixed (rules.md §1 名称按原样保存): what is KEPT — stored, shown, exported,
//! printed — is the text as the user gave it, full-width brackets and punctuation included
//! ([`keep`]); what is COMPARED — look-ups by name, header and label synonyms, duplicate
//! checks — is the folded key ([`clean`], [`same`]). 智慧团建 and the F-tables want the
//! “系统内全称” exactly: a name differing by its brackets is a wrong name, so a folded text is
//! never what is stored.

/// Full-width ASCII (digits, letters, punctuation, the ideographic space) to half-width.
pub fn normalize_width(s: &str) -> std::borrow::Cow<'_, str> {
    // U+3000 is E3 80 80 and U+FF01–FF5E start with EF: text without those lead bytes (every
    // ASCII cell, most Chinese ones) is already half-width and is not copied.
    if !s.bytes().any(|b| b == 0xE3 || b == 0xEF) {
        return s.into();
    }
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect::<String>()
        .into()
}

/// Invisible characters that exports and copy-paste leave behind: the BOM, zero-width space
/// and joiners, the word joiner.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{200B}'..='\u{200D}' | '\u{2060}')
}

/// The MATCHING key: trim, drop invisible characters, fold full-width forms and collapse inner
/// runs of white space to one space. Never store it in place of what was typed ([`keep`]).
pub fn clean(s: &str) -> String {
    clean_cow(s).into_owned()
}

/// [`clean`] without a copy when the text is already clean (every roster cell, every stored
/// name): the trimmed text itself.
pub fn clean_cow(s: &str) -> std::borrow::Cow<'_, str> {
    let t = s.trim();
    if is_plain(t) {
        return t.into();
    }
    normalize_width(t)
        .replace(is_invisible, "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .into()
}

/// [`clean`] of an owned string: no copy when it is already clean.
pub fn clean_owned(s: String) -> String {
    if s.trim().len() == s.len() && is_plain(&s) {
        s
    } else {
        clean(&s)
    }
}

/// Whether two texts are the same name once folded ([`clean`]): `（东校区）` is `(东校区)`.
pub fn same(a: &str, b: &str) -> bool {
    a == b || clean_cow(a) == clean_cow(b)
}

/// The text to KEEP as the user gave it: surrounding white space trimmed (the ideographic
/// space too) and invisible characters (BOM, zero-width) dropped — nothing else changes, so
/// “（东校区）”, “出国（境）” and “，” stay full-width.
pub fn keep(s: &str) -> String {
    keep_cow(s).into_owned()
}

/// [`keep`] without a copy when nothing is dropped: the trimmed text itself.
pub fn keep_cow(s: &str) -> std::borrow::Cow<'_, str> {
    let t = s.trim();
    // Every invisible character starts with E2 (U+200B–U+2060) or EF (U+FEFF).
    if !t.bytes().any(|b| b == 0xE2 || b == 0xEF) || !t.chars().any(is_invisible) {
        return t.into();
    }
    t.replace(is_invisible, "").trim().to_string().into()
}

/// [`keep`] of an owned string: no copy when it is already kept.
pub fn keep_owned(s: String) -> String {
    match keep_cow(&s) {
        std::borrow::Cow::Borrowed(t) if t.len() == s.len() => s,
        c => c.into_owned(),
    }
}

/// No white space, full-width form or invisible character: [`clean`] keeps it as it is.
fn is_plain(t: &str) -> bool {
    // Fast path by bytes: every character `clean` changes is ASCII white space or starts with
    // one of the lead bytes C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000–U+206F), E3 (U+3000)
    // or EF (full-width forms, U+FEFF); Chinese text (E4–E9) never does.
    let suspect = t.bytes().any(|b| {
        b.is_ascii_whitespace() || b == 0x0b || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)
    });
    !suspect
        || !t
            .chars()
            .any(|c| c.is_whitespace() || ('\u{FF01}'..='\u{FF5E}').contains(&c) || is_invisible(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_text_is_what_was_typed() {
        for s in [
            "共青团某某大学（东校区）委员会",
            "出国（境）",
            "学习，研究：一、二",
            "ａｂ",
        ] {
            assert_eq!(keep(s), s);
            assert_eq!(keep_owned(s.to_string()), s);
        }
        assert_eq!(keep("\u{3000} （东校区）\t\n"), "（东校区）");
        assert_eq!(keep("\u{FEFF}张\u{200B}三 "), "张三");
        assert_eq!(keep("\u{200B} x"), "x");
        assert_eq!(keep("张  三"), "张  三", "inner spaces are kept");
        assert_eq!(keep_owned(" 某 ".to_string()), "某");
        assert_eq!(keep(""), "");
    }

    #[test]
    fn widths() {
        assert_eq!(normalize_width("１２３ｘＡ"), "123xA");
        assert_eq!(clean("　张  三 "), "张 三");
        assert_eq!(clean_owned("　张  三 ".into()), "张 三");
        assert_eq!(clean_owned("张三".into()), "张三");
        assert!(same(
            "共青团某某大学（东校区）委员会",
            "共青团某某大学(东校区)委员会"
        ));
        assert!(!same("共青团某某大学委员会", "共青团某某学院委员会"));
        // Every character `clean` changes is caught by the byte fast path.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let changed =
                c.is_whitespace() || ('\u{FF01}'..='\u{FF5E}').contains(&c) || is_invisible(c);
            if changed {
                assert!(!is_plain(&format!("张{c}三")), "U+{:04X}", c as u32);
            }
        }
    }
}
