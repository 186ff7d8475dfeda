//! Text normalisation shared by every input path (CLI cases, rosters, forms).

/// Full-width ASCII (digits, letters, punctuation, the ideographic space) to half-width.
pub fn normalize_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Invisible characters that exports and copy-paste leave behind: the BOM, zero-width space
/// and joiners, the word joiner.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{200B}'..='\u{200D}' | '\u{2060}')
}

/// Trim, drop invisible characters, fold full-width forms and collapse inner runs of white
/// space to one space.
pub fn clean(s: &str) -> String {
    let t = s.trim();
    // The common already-clean text (every roster cell, every stored name) is one copy.
    let plain = !t.chars().any(|c| {
        c.is_whitespace() || ('\u{FF01}'..='\u{FF5E}').contains(&c) || is_invisible(c)
    });
    if plain {
        return t.to_string();
    }
    normalize_width(t)
        .replace(is_invisible, "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(normalize_width("１２３ｘＡ"), "123xA");
        assert_eq!(clean("　张  三 "), "张 三");
    }
}
