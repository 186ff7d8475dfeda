//! The whole-data backup under a passphrase the secretary chooses.
//!
//! A backup holds every graduate's ID number, so a lost USB stick must not give it away.
//! The file is a plain age file with one scrypt recipient (the work factor is tuned by age to
//! about one second on the exporting PC), so it can also be opened with any age tool should
//! this program ever be gone. Nobody can recover a forgotten passphrase — not the program,
//! not its authors — which is why [`passphrase_strength`] says so every time.

use std::io::{Read, Write};

use age::secrecy::SecretString;
use xianjie_domain::{Error, Result};

/// Every binary age file starts with this line.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";
/// Fewer characters than this is refused, whatever else the passphrase has.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Encrypts `plain` under `passphrase` (refusing one [`passphrase_strength`] does not accept).
pub fn protect_with_passphrase(plain: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    let strength = passphrase_strength(passphrase);
    if !strength.acceptable {
        return Err(Error::invalid(format!("口令强度不够：{}", strength.hint)));
    }
    let recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|e| Error::internal(format!("加密失败：{e}")))?;
    let mut out = Vec::with_capacity(plain.len() + 1024);
    let encrypt = || -> std::io::Result<()> {
        let mut writer = encryptor.wrap_output(&mut out)?;
        writer.write_all(plain)?;
        writer.finish()?;
        Ok(())
    };
    encrypt().map_err(|e| Error::internal(format!("加密失败：{e}")))?;
    Ok(out)
}

/// Decrypts what [`protect_with_passphrase`] wrote.
///
/// Errors: not a passphrase-protected file (`InvalidInput`); a wrong passphrase (`Refused`,
/// "口令不正确…"); a file damaged after it was written (`Refused`).
pub fn unprotect_with_passphrase(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    if !bytes.starts_with(AGE_MAGIC) {
        return Err(Error::invalid("该文件不是用口令保护的备份文件"));
    }
    let decryptor = age::Decryptor::new_buffered(bytes)
        .map_err(|_| Error::refused("口令保护的备份文件已损坏（文件头无法读取），无法解密"))?;
    if !decryptor.is_scrypt() {
        return Err(Error::invalid(
            "该文件是加密文件，但不是用口令保护的备份（可能是发给学校的数据包）",
        ));
    }
    let identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::ExcessiveWork { .. } => {
                Error::refused("该备份文件要求的解密计算量过大（远超本机导出时的设置），已拒绝打开")
            }
            age::DecryptError::InvalidHeader | age::DecryptError::InvalidMac => {
                Error::refused("口令保护的备份文件已损坏（文件头校验失败），无法解密")
            }
            // DecryptionFailed / NoMatchingKeys: the key the passphrase gives opens nothing.
            _ => Error::refused(
                "口令不正确：无法解密该备份文件。请注意大小写和全角/半角；口令遗忘后无法找回",
            ),
        })?;
    let mut plain = Vec::with_capacity(bytes.len());
    reader
        .read_to_end(&mut plain)
        .map_err(|_| Error::refused("口令正确，但备份文件内容已损坏或不完整，无法解密"))?;
    Ok(plain)
}

/// Whether `bytes` is a passphrase-protected age file (what an importer asks first).
pub fn is_passphrase_protected(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
        && age::Decryptor::new_buffered(bytes)
            .map(|d| d.is_scrypt())
            .unwrap_or(false)
}

/// How hard a passphrase is to guess, in words a secretary can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strength {
    /// zxcvbn's score: 0 (guessed at once) to 4 (more than 10^10 guesses).
    pub score: u8,
    /// Whether [`protect_with_passphrase`] takes it.
    pub acceptable: bool,
    /// What would make it stronger, and that a forgotten passphrase is lost for good.
    pub hint: String,
}

/// Words a passphrase in this office is likely built from: zxcvbn counts them as known.
const OFFICE_WORDS: &[&str] = &[
    "gongqingtuan",
    "tuanwei",
    "tuanzhibu",
    "tuanyuan",
    "qingnian",
    "xuesheng",
    "xueyuan",
    "daxue",
    "biye",
    "biyesheng",
    "zhihuituanjian",
    "xianjie",
    "zhongguo",
    "china",
    "league",
    "youth",
    "college",
    "university",
];

/// Rates a passphrase with zxcvbn (English dictionaries plus [`OFFICE_WORDS`]).
///
/// Acceptable: at least [`MIN_PASSPHRASE_CHARS`] characters and a score of 3 or more —
/// zxcvbn's "safely unguessable" against an offline attack on a slow hash, which is what a
/// copied backup file under scrypt faces.
pub fn passphrase_strength(passphrase: &str) -> Strength {
    const FORGET: &str = "请牢记口令：口令遗忘后备份无法解密，任何人都无法找回。";
    let chars = passphrase.chars().count();
    // zxcvbn's matching grows faster than the length; what comes after the first 128
    // characters can only add strength, so the prefix's score is a safe lower bound.
    let rated: String = passphrase.chars().take(128).collect();
    let entropy = (!rated.is_empty()).then(|| zxcvbn::zxcvbn(&rated, OFFICE_WORDS));
    let score: u8 = entropy.as_ref().map_or(0, |e| e.score().into());
    if chars < MIN_PASSPHRASE_CHARS {
        return Strength {
            score: score.min(1),
            acceptable: false,
            hint: format!(
                "口令太短：至少 {MIN_PASSPHRASE_CHARS} 个字符，建议用三四个不相关的词语拼音连在一起（如 “lanshan-qiuyu-tiehe”）。{FORGET}"
            ),
        };
    }
    let hint = match score {
        0..=2 => format!(
            "口令容易被猜到{}：请加长，或改用三四个不相关的词语拼音连在一起，避免姓名、生日、年份、单位名称和键盘上连续的字符。{FORGET}",
            entropy.as_ref().map_or("", weakness)
        ),
        3 => format!("口令强度尚可；再加一个不相关的词会更安全。{FORGET}"),
        _ => format!("口令强度良好。{FORGET}"),
    };
    Strength {
        score,
        acceptable: score >= 3,
        hint,
    }
}

/// zxcvbn's main warning, in Chinese (its own texts are English).
fn weakness(entropy: &zxcvbn::Entropy) -> &'static str {
    use zxcvbn::feedback::Warning as W;
    match entropy.feedback().and_then(|f| f.warning()) {
        Some(W::StraightRowsOfKeysAreEasyToGuess | W::ShortKeyboardPatternsAreEasyToGuess) => {
            "（键盘上连续的按键）"
        }
        Some(
            W::RepeatsLikeAaaAreEasyToGuess | W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess,
        ) => "（有重复的字符或片段）",
        Some(
            W::ThisIsATop10Password
            | W::ThisIsATop100Password
            | W::ThisIsACommonPassword
            | W::ThisIsSimilarToACommonlyUsedPassword,
        ) => "（是常见口令或与之相似）",
        Some(W::SequencesLikeAbcAreEasyToGuess) => "（有 abc、123 之类的顺序字符）",
        Some(W::RecentYearsAreEasyToGuess | W::DatesAreOftenEasyToGuess) => "（含年份或日期）",
        Some(W::AWordByItselfIsEasyToGuess) => "（只是一个常见词）",
        Some(
            W::NamesAndSurnamesByThemselvesAreEasyToGuess | W::CommonNamesAndSurnamesAreEasyToGuess,
        ) => "（含常见姓名）",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xianjie_domain::ErrorCode;

    #[test]
    fn short_or_common_passphrases_are_refused_with_a_chinese_hint() {
        for weak in ["", "abc", "1234567", "团委口令"] {
            let s = passphrase_strength(weak);
            assert!(!s.acceptable, "{weak}");
            assert!(s.hint.contains("至少 8 个字符"), "{}", s.hint);
            assert!(s.hint.contains("无法找回"), "{}", s.hint);
        }
        for weak in [
            "password",
            "12345678",
            "qwertyuiop",
            "gongqingtuan2024",
            "tuanwei123",
        ] {
            let s = passphrase_strength(weak);
            assert!(!s.acceptable, "{weak}: {s:?}");
            assert!(s.score <= 2, "{weak}: {s:?}");
            assert!(s.hint.contains("容易被猜到"), "{}", s.hint);
        }
        let e = protect_with_passphrase(b"x", "password").unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
    }

    #[test]
    fn long_unrelated_words_are_accepted() {
        let s = passphrase_strength("lanshan-qiuyu-tiehe-47");
        assert!(s.acceptable, "{s:?}");
        assert!(s.score >= 3);
        assert!(s.hint.contains("无法找回"));
    }

    #[test]
    fn a_file_that_is_not_protected_is_told_apart() {
        assert!(!is_passphrase_protected(b""));
        assert!(!is_passphrase_protected(b"SQLite format 3\0"));
        assert!(!is_passphrase_protected(AGE_MAGIC));
        let e = unprotect_with_passphrase(b"SQLite format 3\0", "whatever-it-is").unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
        // An age file to an X25519 key is encrypted, but not with a passphrase.
        let school = age::x25519::Identity::generate().to_public();
        let to_school = age::encrypt(&school, b"x").unwrap();
        assert!(!is_passphrase_protected(&to_school));
        let e = unprotect_with_passphrase(&to_school, "whatever-it-is").unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
    }
}
