//! The one font letters are printed with, shipped as a file beside the programs.
//!
//! Noto Serif CJK SC (OFL, `assets/fonts/`), subset to the CJK Unified Ideographs basic block,
//! Latin and punctuation. It is 13 MB, so it is not built into the programs (the CLI and the
//! app would each carry it): it is read once per process from the first of [`candidates`]
//! that exists, and checked against its SHA-256, so that letters are byte-identical wherever
//! they are printed. Before anything is drawn every character is checked against the font:
//! a name with a character the font lacks (生僻字) is reported, never printed as a blank box.

use crate::{Error, Result};
use printpdf::ParsedFont;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The font file's name, the same in every place it is looked for.
pub const FONT_FILE: &str = "NotoSerifCJKsc-Regular.otf";

/// The font's family name, for messages and PDF metadata.
pub const FONT_NAME: &str = "Noto Serif CJK SC";

/// SHA-256 of `assets/fonts/NotoSerifCJKsc-Regular.otf`: another file of that name (another
/// version or a full, unsubset face) would print different letters.
pub const FONT_SHA256: &str = "b59a2831bc9a49d7853c87b4dacce621ce1c19dbf2c761415e209018e837c7c2";

/// The environment variable that names the font file, before any other place.
pub const FONT_ENV: &str = "XIANJIE_FONT";

/// Folders added at run time (the desktop app's resource folder), looked in after the
/// programs' own folder.
static EXTRA_DIRS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Adds a folder to look for the font in (the desktop app adds its bundle's resources).
pub fn add_search_dir(dir: PathBuf) {
    let mut dirs = EXTRA_DIRS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if !dirs.contains(&dir) {
        dirs.push(dir);
    }
}

/// Where the font is looked for, in order:
/// 1. the file `XIANJIE_FONT` names (when set, the only place);
/// 2. `fonts/` beside the running program (the Windows installer and .zip, and the build
///    folder, where the desktop app's build copies it);
/// 3. the folders added by [`add_search_dir`] (the Linux package's resource folder);
/// 4. the repository's `assets/fonts/` (development and tests).
pub fn candidates() -> Vec<PathBuf> {
    let extra = EXTRA_DIRS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf));
    candidates_from(std::env::var_os(FONT_ENV), exe_dir.as_deref(), &extra)
}

fn candidates_from(
    env: Option<std::ffi::OsString>,
    exe_dir: Option<&Path>,
    extra: &[PathBuf],
) -> Vec<PathBuf> {
    if let Some(file) = env.filter(|v| !v.is_empty()) {
        return vec![PathBuf::from(file)];
    }
    let mut out: Vec<PathBuf> = exe_dir.map(|d| d.join("fonts")).into_iter().collect();
    out.extend(extra.iter().cloned());
    out.push(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../assets")
            .join("fonts"),
    );
    out.into_iter()
        .map(|d| {
            if d.extension().is_some_and(|e| e == "otf") {
                d
            } else {
                d.join(FONT_FILE)
            }
        })
        .collect()
}

/// The parsed font, read and parsed once per process (parsing 13 MB takes a while). A missing
/// font is not remembered: once the user puts it back, the next letter finds it.
pub fn parsed() -> Result<&'static ParsedFont> {
    static FONT: OnceLock<ParsedFont> = OnceLock::new();
    if let Some(f) = FONT.get() {
        return Ok(f);
    }
    let font = load(&candidates())?;
    Ok(FONT.get_or_init(|| font))
}

/// Reads the first of `paths` that exists, checks it and parses it.
fn load(paths: &[PathBuf]) -> Result<ParsedFont> {
    let Some(path) = paths.iter().find(|p| p.is_file()) else {
        let looked: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::storage(format!(
            "未找到介绍信字体 {FONT_FILE}（已查找：{}）。请重新安装学社衔接助手，或设置环境变量 {FONT_ENV} 指向该字体文件",
            looked.join("；")
        )));
    };
    let damaged = |why: &str| {
        Error::storage(format!(
            "介绍信字体 {} {why}，请重新安装学社衔接助手",
            path.display()
        ))
    };
    let bytes = std::fs::read(path)
        .map_err(|e| damaged(&format!("无法读取（{}）", crate::error::io_reason(&e))))?;
    let hash: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if hash != FONT_SHA256 {
        return Err(damaged(
            "与本程序不匹配（文件已损坏或不是随程序提供的字体）",
        ));
    }
    ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).ok_or_else(|| damaged("无法解析"))
}

/// Whether the font can draw `c`. Whitespace and control characters count as drawable: they
/// are laid out, never drawn. Answered from the table [`advance`] keeps (the font's cmap is
/// asked once a character per process, not once per letter).
pub fn has_glyph(font: &ParsedFont, c: char) -> bool {
    c.is_whitespace() || advance(font, c).is_some()
}

/// The characters of `text` the font lacks, each once, in order of appearance.
pub fn missing_glyphs(font: &ParsedFont, text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        if !has_glyph(font, c) && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Checks every field before drawing: `fields` are (field name, value). The error names each
/// field and the characters missing from it, so the secretary can fix the record or write the
/// letter by hand.
pub fn check_glyphs<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<()> {
    let font = parsed()?;
    let problems: Vec<String> = fields
        .into_iter()
        .filter_map(|(name, value)| {
            let missing = missing_glyphs(font, value);
            (!missing.is_empty()).then(|| {
                let chars: Vec<String> = missing
                    .iter()
                    .map(|c| format!("“{c}”(U+{:04X})", *c as u32))
                    .collect();
                format!("{name}“{value}”中的{}", chars.join("、"))
            })
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "介绍信字体（{FONT_NAME}）缺少以下字符，无法打印（生僻字请手工填写该信件）：{}",
            problems.join("；")
        )))
    }
}

/// Width of `text` in points at `size` points. Characters the font lacks are counted as one
/// em (they never reach the page: [`check_glyphs`] runs first).
pub fn text_width(font: &ParsedFont, text: &str, size: f32) -> f32 {
    let upem = f32::from(font.font_metrics.units_per_em.max(1));
    let units: f32 = text
        .chars()
        .map(|c| advance(font, c).map_or(upem, f32::from))
        .sum();
    units / upem * size
}

/// Glyphs of the Basic Multilingual Plane as looked up, one slot a character: 0 not yet
/// looked up, `MISSING` the font lacks it, else glyph id << 16 | advance. Laying out a
/// thousand letters asked the font's cmap (a linear search) for the same few hundred
/// characters again and again; the programs print with one font, so one table serves.
static GLYPHS: OnceLock<Box<[std::sync::atomic::AtomicU32]>> = OnceLock::new();
const MISSING: u32 = u32::MAX;

/// The glyph id and horizontal advance (font units) of `c`; `None` when the font lacks it.
fn glyph(font: &ParsedFont, c: char) -> Option<(u16, u16)> {
    use std::sync::atomic::{AtomicU32, Ordering};
    let look = || match font.lookup_glyph_index(c as u32) {
        Some(g) if g != 0 => Some((g, font.get_horizontal_advance(g))),
        _ => None,
    };
    let i = u32::from(c) as usize;
    if i > 0xFFFF {
        return look();
    }
    let table = GLYPHS.get_or_init(|| (0..=0xFFFF).map(|_| AtomicU32::new(0)).collect());
    match table[i].load(Ordering::Relaxed) {
        0 => {
            let g = look();
            let v = g.map_or(MISSING, |(g, a)| u32::from(g) << 16 | u32::from(a));
            table[i].store(v, Ordering::Relaxed);
            g
        }
        MISSING => None,
        // A glyph id is never 0 here, so a stored value is never 0 either.
        v => Some(((v >> 16) as u16, (v & 0xFFFF) as u16)),
    }
}

/// The horizontal advance of `c` in font units; `None` when the font lacks it.
fn advance(font: &ParsedFont, c: char) -> Option<u16> {
    glyph(font, c).map(|(_, a)| a)
}

/// The font as one PDF embeds it: `font` with a cmap of exactly the characters `used`
/// (a direct table from the first to the last of them). printpdf looks every printed
/// character up in the cmap, twice, and the font's own is a linear search over thousands of
/// ranges: a fifth of a 1,000-letter batch. Glyph ids are the font's, so the page content,
/// the subset and the text a reader extracts are the same. Falls back to `font` as it is
/// when a character lies outside the Basic Multilingual Plane.
pub fn for_document(font: &ParsedFont, used: impl IntoIterator<Item = char>) -> ParsedFont {
    let mut chars: Vec<char> = used.into_iter().collect();
    chars.sort_unstable();
    chars.dedup();
    let mut copy = font.clone();
    let (Some(first), Some(last)) = (chars.first(), chars.last()) else {
        return copy;
    };
    let (first, last) = (u32::from(*first), u32::from(*last));
    let Ok(first_code) = u16::try_from(first) else {
        return copy;
    };
    if last > 0xFFFF {
        return copy;
    }
    let mut glyph_id_array = vec![0u16; (last - first + 1) as usize];
    for c in chars {
        if let Some((g, _)) = glyph(font, c) {
            glyph_id_array[(u32::from(c) - first) as usize] = g;
        }
    }
    copy.cmap_subtable = Some(allsorts::tables::cmap::owned::CmapSubtable::Format6 {
        language: 0,
        first_code,
        glyph_id_array,
    });
    copy
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_covers_common_text_and_reports_rare_characters() -> Result<()> {
        let font = parsed()?;
        for c in "中国共产主义青年团团员组织关系介绍信存根正本回执□√０１ABCxyz（）：，。".chars()
        {
            assert!(has_glyph(font, c), "missing {c}");
        }
        // U+3400 block (Extension A) is not in the subset.
        assert_eq!(missing_glyphs(font, "张㐀三㐀"), vec!['㐀']);
        let err = check_glyphs([("姓名", "张㐀")]).err().map(|e| e.message);
        assert!(err.is_some_and(|m| m.contains("姓名“张㐀”") && m.contains("U+3400")));
        assert!(check_glyphs([("姓名", "欧阳娜娜")]).is_ok());
        Ok(())
    }

    #[test]
    fn search_order_and_a_missing_font() {
        let exe = Path::new("/opt/xianjie");
        let extra = vec![PathBuf::from("/usr/lib/xianjie/fonts")];
        let c = candidates_from(None, Some(exe), &extra);
        assert_eq!(c[0], exe.join("fonts").join(FONT_FILE));
        assert_eq!(c[1], extra[0].join(FONT_FILE));
        assert!(c[2].ends_with(Path::new("assets/fonts").join(FONT_FILE)));
        let env = Some(std::ffi::OsString::from("/x/其他.otf"));
        assert_eq!(
            candidates_from(env, Some(exe), &extra),
            vec![PathBuf::from("/x/其他.otf")]
        );
        let e = load(&[PathBuf::from("/无此目录").join(FONT_FILE)]).err();
        assert!(
            e.as_ref()
                .is_some_and(|e| e.message.contains("未找到介绍信字体")
                    && e.message.contains("重新安装")
                    && e.message.contains(FONT_ENV)),
            "{e:?}"
        );
    }

    #[test]
    fn a_different_file_is_refused() -> Result<()> {
        let dir = tempfile::tempdir().map_err(Error::from)?;
        let p = dir.path().join(FONT_FILE);
        std::fs::write(&p, b"not the font")?;
        let e = load(&[p]).err().map(|e| e.message);
        assert!(e.is_some_and(|m| m.contains("不匹配")));
        Ok(())
    }

    #[test]
    fn widths_are_plausible() -> Result<()> {
        let font = parsed()?;
        let w = text_width(font, "团员", 10.0);
        assert!((w - 20.0).abs() < 0.5, "{w}");
        assert!(text_width(font, "ab", 10.0) < 12.0);
        Ok(())
    }
}
