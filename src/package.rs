//! The campaign package file (issues 16 and 25; docs/packages.md): what a college sends its
//! school.
//!
//! Format 2 (written now) is an envelope of `xianjie-seal` — encrypted to the school's key,
//! signed by the college's, the college's name in its signed clear header ([`wrap`]) — around
//! the content below. Format 1 was the content alone, in clear; it is still read, with a
//! warning, for one campaign year ([`LEGACY_LAST_YEAR`]).
//!
//! ```text
//! XIANJIE-PACKAGE 2\n                           (format 1: XIANJIE-PACKAGE 1)
//! {"sha256":"<64 hex>","bytes":<n>}\n          ← the seal
//! {"format":2,"school":…,"college":…,…}\n      ← the manifest  ┐ the content: n bytes,
//! <the college's SQLite database>                              ┘ sealed by the SHA-256
//! ```
//!
//! The seal covers the manifest too, and is checked before any of the content is read: a
//! package changed by one byte, cut short or made longer is refused as it is, without looking
//! inside. Files only, no network.

use crate::{Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The first line of the content of a package this program writes (inside the envelope).
pub const MAGIC: &str = "XIANJIE-PACKAGE 2";
/// The first line of a format-1 package (clear, unsigned; read for one more campaign).
pub const MAGIC_V1: &str = "XIANJIE-PACKAGE 1";

/// The manifest format this program writes (and the newest it reads).
pub const FORMAT: u32 = 2;

/// The last cohort year a format-1 (unencrypted, unsigned) package is imported for: the
/// campaign after the one this version shipped in (docs/packages.md).
pub const LEGACY_LAST_YEAR: i32 = 2027;

/// Whether `bytes` are a sealed (format 2) package file: the envelope's magic line.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(xianjie_seal::envelope::MAGIC)
}

/// The package file of `content` ([`seal`]'s bytes): encrypted to the school `to`, signed by
/// the college key `by`, with the college's name `college` in the signed clear header.
pub fn wrap(
    content: &[u8],
    to: &xianjie_seal::SchoolRecipient,
    by: &xianjie_seal::CollegeKey,
    college: &str,
) -> Result<Vec<u8>> {
    xianjie_seal::seal_about(content, to, by, college)
}

/// What a package says of itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// The program version that wrote it.
    pub program: String,
    /// The schema version of the database inside.
    pub schema_version: u32,
    /// The school committee's full name (the top of the college's org tree).
    pub school: String,
    /// The college's committee (its full name: the key the school keeps it under).
    pub college: String,
    /// The campaign (cohort) year.
    pub year: i32,
    /// RFC 3339, UTC.
    pub exported_at: String,
    pub members: u64,
    pub graduates: u64,
    /// What the file holds, in words (it carries ID numbers).
    pub contents: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Seal {
    sha256: String,
    bytes: u64,
}

/// The hex SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The content's bytes and its SHA-256: the magic of `manifest.format` (1 or 2), the seal,
/// the manifest and the database.
pub fn seal(manifest: &Manifest, db: &[u8]) -> Result<(Vec<u8>, String)> {
    let mut content = serde_json::to_vec(manifest)
        .map_err(|e| Error::internal(format!("数据包说明无法写出：{e}")))?;
    content.push(b'\n');
    content.extend_from_slice(db);
    let sha = sha256(&content);
    let seal = serde_json::to_string(&Seal {
        sha256: sha.clone(),
        bytes: content.len() as u64,
    })
    .map_err(|e| Error::internal(format!("数据包校验值无法写出：{e}")))?;
    let mut out = Vec::with_capacity(content.len() + 128);
    let magic = if manifest.format == 1 {
        MAGIC_V1
    } else {
        MAGIC
    };
    out.extend_from_slice(magic.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(seal.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&content);
    Ok((out, sha))
}

/// A package whose seal held: its manifest, the database bytes and the SHA-256.
#[derive(Debug)]
pub struct Opened<'a> {
    pub manifest: Manifest,
    pub db: &'a [u8],
    pub sha256: String,
}

/// Checks the seal of `bytes` (named `name` in messages) and only then reads the manifest.
pub fn open<'a>(bytes: &'a [u8], name: &str) -> Result<Opened<'a>> {
    let not_ours = || Error::invalid(format!("{name} 不是学社衔接助手的数据包，未导入"));
    let (magic, rest) = split_line(bytes, 64).ok_or_else(not_ours)?;
    let v1 = magic == MAGIC_V1.as_bytes();
    if !v1 && magic != MAGIC.as_bytes() {
        return Err(not_ours());
    }
    let (seal, content) = split_line(rest, 512).ok_or_else(not_ours)?;
    let seal: Seal = serde_json::from_slice(seal).map_err(|_| not_ours())?;
    let damaged = || {
        Error::new(
            ErrorCode::Conflict,
            format!("{name} 已损坏或被改动（校验值不符），未导入；请让学院重新导出"),
        )
    };
    if content.len() as u64 != seal.bytes || sha256(content) != seal.sha256 {
        return Err(damaged());
    }
    let (manifest, db) = split_line(content, 64 * 1024).ok_or_else(damaged)?;
    let manifest: Manifest = serde_json::from_slice(manifest).map_err(|_| damaged())?;
    if manifest.format > FORMAT {
        return Err(Error::new(
            ErrorCode::DatabaseTooNew,
            format!("{name} 由更新版本的学社衔接助手导出，请先升级本程序再导入"),
        ));
    }
    if v1 != (manifest.format == 1) {
        return Err(damaged());
    }
    Ok(Opened {
        manifest,
        db,
        sha256: seal.sha256,
    })
}

/// The first line of `bytes` (without its `\n`) and the rest, if a newline comes within `max`.
fn split_line(bytes: &[u8], max: usize) -> Option<(&[u8], &[u8])> {
    let end = bytes.iter().take(max).position(|&b| b == b'\n')?;
    Some((&bytes[..end], &bytes[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        Manifest {
            format: FORMAT,
            program: "0.1.0".into(),
            schema_version: 6,
            school: "共青团示例大学委员会".into(),
            college: "共青团示例大学甲学院委员会".into(),
            year: 2026,
            exported_at: "2026-06-20T08:00:00Z".into(),
            members: 3,
            graduates: 3,
            contents: "测试".into(),
        }
    }

    #[test]
    fn a_sealed_package_opens_and_any_change_is_refused() {
        let (bytes, sha) = seal(&manifest(), b"SQLite format 3\0data").unwrap();
        let o = open(&bytes, "甲.xjpkg").unwrap();
        assert_eq!(o.manifest, manifest());
        assert_eq!(o.db, b"SQLite format 3\0data");
        assert_eq!(o.sha256, sha);
        // Every byte after the seal is sealed: the manifest's and the database's.
        let seal_end = MAGIC.len()
            + 1
            + bytes[MAGIC.len() + 1..]
                .iter()
                .position(|&b| b == b'\n')
                .unwrap()
            + 1;
        for at in [seal_end + 3, bytes.len() - 1] {
            let mut t = bytes.clone();
            t[at] ^= 1;
            assert_eq!(
                open(&t, "甲").unwrap_err().code,
                ErrorCode::Conflict,
                "byte {at}"
            );
        }
        // Cut short, made longer.
        assert!(open(&bytes[..bytes.len() - 1], "甲").is_err());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(open(&longer, "甲").is_err());
        // Not a package at all.
        assert_eq!(
            open(b"PK\x03\x04", "x.zip").unwrap_err().code,
            ErrorCode::InvalidInput
        );
    }

    #[test]
    fn format_1_is_read_under_its_own_magic_only() {
        let mut m = manifest();
        m.format = 1;
        let (bytes, _) = seal(&m, b"db").unwrap();
        assert!(bytes.starts_with(MAGIC_V1.as_bytes()));
        assert_eq!(open(&bytes, "旧").unwrap().manifest.format, 1);
        // A format-2 manifest under the old magic (or the reverse) is not what was written.
        let (two, _) = seal(&manifest(), b"db").unwrap();
        let mut relabelled = MAGIC_V1.as_bytes().to_vec();
        relabelled.extend_from_slice(&two[MAGIC.len()..]);
        assert_eq!(
            open(&relabelled, "改").unwrap_err().code,
            ErrorCode::Conflict
        );
        assert!(!is_sealed(&two));
    }

    #[test]
    fn a_package_of_a_newer_format_is_refused_as_such() {
        let mut m = manifest();
        m.format = FORMAT + 1;
        let (bytes, _) = seal(&m, b"db").unwrap();
        assert_eq!(
            open(&bytes, "新").unwrap_err().code,
            ErrorCode::DatabaseTooNew
        );
    }
}
