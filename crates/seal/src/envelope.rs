//! The sealed envelope: a college's package encrypted to its school and signed by the college.
//!
//! Why encrypt-then-sign: the school must be able to refuse a file — not for this school,
//! altered on the way, signed by a key it does not know for that college — before it decrypts
//! or reads anything of it ([`inspect`]). Why the signer is repeated inside the ciphertext:
//! anyone can strip the outer signature and sign the same ciphertext with their own key; the
//! inner copy, which only the school can read, lets [`open`] notice that (encrypting to the
//! school needs no secret, signing for the college does).
//!
//! Layout (all lines end in `\n`):
//!
//! ```text
//! XJSEAL1
//! {"version":1,"recipient_fingerprint":"…","signer":"xjcollege1…"[,"subject":"…"]}
//! <128 lower-case hex digits: the Ed25519 signature>
//! <the age file (binary, X25519 recipient = the school)>
//! ```
//!
//! `subject` (optional, [`seal_about`]) names what the file is about in clear — for a package,
//! the college — so that the school can check the signer against the key it registered for
//! that college before decrypting anything. It is covered by the signature like the rest.
//!
//! The signature covers the magic line, the header line and the age file, i.e. every byte
//! but the signature line. It is Ed25519ph (RFC 8032 §5.1: Ed25519 over the SHA-512 of those
//! bytes) with the context [`SIGNATURE_CONTEXT`]: one hashing pass instead of plain Ed25519's
//! two, and no copy of a 10 MB package to make the signed bytes contiguous. The age plaintext
//! is the signer's 32-byte public key followed by the payload.

use std::io::{Read, Write};

use ed25519_dalek::Signature;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha512};
use xianjie_domain::{Error, Result};

use crate::keys::{CollegeKey, CollegePublicKey, SchoolKey, SchoolRecipient};

/// The first line of every sealed file.
pub const MAGIC: &[u8] = b"XJSEAL1\n";
/// The envelope format this version writes and reads.
pub const VERSION: u32 = 1;
/// RFC 8032's context for Ed25519ph: a signature made for this envelope means nothing to
/// any other use of the same key.
pub const SIGNATURE_CONTEXT: &[u8] = b"xianjie-seal/v1";
/// A header longer than this is not ours (ours is about 150 bytes, plus the subject).
const MAX_HEADER_LINE: usize = 4096;
/// The longest subject [`seal_about`] takes, in bytes (a committee's full name is < 100).
pub const MAX_SUBJECT: usize = 1024;
const SIGNATURE_HEX: usize = 2 * ed25519_dalek::SIGNATURE_LENGTH;
const PUBLIC_KEY_LEN: usize = ed25519_dalek::PUBLIC_KEY_LENGTH;

/// What [`inspect`] reports of a sealed file whose signature verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub version: u32,
    /// The fingerprint of the school key it was sealed to ([`SchoolRecipient::fingerprint`]).
    pub recipient_fingerprint: String,
    /// The college key that signed it. Verified against the signature, nothing more: whether
    /// this key is the college's is the caller's check (first use, then compare).
    pub signer: CollegePublicKey,
    /// What the file says it is about ([`seal_about`]), signed with the rest.
    pub subject: Option<String>,
}

impl Header {
    /// Whether the file was sealed to `school`.
    pub fn is_for(&self, school: &SchoolRecipient) -> bool {
        self.recipient_fingerprint == school.fingerprint()
    }

    /// Refuses a file sealed to another school, naming both fingerprints.
    pub fn check_recipient(&self, school: &SchoolRecipient) -> Result<()> {
        if self.is_for(school) {
            return Ok(());
        }
        Err(Error::refused(format!(
            "该数据包不是发给本校的：它加密给了公钥指纹为 {} 的学校，本校公钥指纹为 {}。请让学院确认使用的是本校提供的公钥后重新导出",
            self.recipient_fingerprint,
            school.fingerprint()
        )))
    }
}

/// What [`open`] gives back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub payload: Vec<u8>,
    pub signer: CollegePublicKey,
}

#[derive(Serialize, Deserialize)]
struct HeaderLine {
    version: u32,
    recipient_fingerprint: String,
    signer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    subject: Option<String>,
}

/// Encrypts `payload` to the school `to`, then signs the result with the college key `by`.
pub fn seal(payload: &[u8], to: &SchoolRecipient, by: &CollegeKey) -> Result<Vec<u8>> {
    seal_with(payload, to, by, None)
}

/// [`seal`], with `subject` in the signed clear header (e.g. the college's name): what the
/// school reads, with the signer, before it decrypts anything.
pub fn seal_about(
    payload: &[u8],
    to: &SchoolRecipient,
    by: &CollegeKey,
    subject: &str,
) -> Result<Vec<u8>> {
    if subject.len() > MAX_SUBJECT || subject.chars().any(char::is_control) {
        return Err(Error::invalid(format!(
            "数据包头的说明过长或含控制字符（最多 {MAX_SUBJECT} 字节）"
        )));
    }
    seal_with(payload, to, by, Some(subject))
}

fn seal_with(
    payload: &[u8],
    to: &SchoolRecipient,
    by: &CollegeKey,
    subject: Option<&str>,
) -> Result<Vec<u8>> {
    let signer = by.public();
    let header = serde_json::to_vec(&HeaderLine {
        version: VERSION,
        recipient_fingerprint: to.fingerprint(),
        signer: signer.text(),
        subject: subject.map(str::to_owned),
    })
    .map_err(|e| Error::internal(format!("数据包头无法生成：{e}")))?;

    let mut out =
        Vec::with_capacity(MAGIC.len() + header.len() + SIGNATURE_HEX + payload.len() + 1024);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&header);
    out.push(b'\n');
    let head_len = out.len();
    // The signature line, filled in once the age file after it is written.
    out.resize(head_len + SIGNATURE_HEX, b'0');
    out.push(b'\n');
    let body_start = out.len();

    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(to.age() as &dyn age::Recipient))
            .map_err(|e| Error::internal(format!("加密失败：{e}")))?;
    let encrypt = |out: &mut Vec<u8>| -> std::io::Result<()> {
        let mut writer = encryptor.wrap_output(out)?;
        writer.write_all(&signer.to_bytes())?;
        writer.write_all(payload)?;
        writer.finish()?;
        Ok(())
    };
    encrypt(&mut out).map_err(|e| Error::internal(format!("加密失败：{e}")))?;

    let signature = by
        .signing()
        .sign_prehashed(
            signed_digest(&out[..head_len], &out[body_start..]),
            Some(SIGNATURE_CONTEXT),
        )
        .map_err(|e| Error::internal(format!("签名失败：{e}")))?;
    out[head_len..head_len + SIGNATURE_HEX].copy_from_slice(hex(&signature.to_bytes()).as_bytes());
    Ok(out)
}

/// SHA-512 over what the signature covers: magic and header lines, then the age file.
pub fn signed_digest(head: &[u8], ciphertext: &[u8]) -> Sha512 {
    Sha512::new().chain_update(head).chain_update(ciphertext)
}

/// Reads the header and verifies the signature, decrypting nothing.
///
/// Errors: not a sealed file at all (`InvalidInput`); a file damaged or changed after it was
/// signed, or a signature that does not verify (`Refused`); a newer envelope version
/// (`InvalidInput`).
pub fn inspect(bytes: &[u8]) -> Result<Header> {
    parse(bytes).map(|parsed| parsed.header)
}

/// [`inspect`], then [`Header::check_recipient`]: everything the school can refuse with its
/// public key alone, before its secret key is even loaded.
pub fn inspect_for(bytes: &[u8], school: &SchoolRecipient) -> Result<Header> {
    let header = inspect(bytes)?;
    header.check_recipient(school)?;
    Ok(header)
}

/// [`inspect`], then: refuses a file not sealed to this school, decrypts it, and checks that
/// the college named inside is the one that signed outside.
pub fn open(bytes: &[u8], key: &SchoolKey) -> Result<Opened> {
    let parsed = parse(bytes)?;
    parsed.header.check_recipient(&key.recipient())?;

    let decryptor = age::Decryptor::new_buffered(parsed.ciphertext)
        .map_err(|e| damaged(&format!("加密部分无法读取（{e}）")))?;
    let mut reader = decryptor
        .decrypt(std::iter::once(key.identity() as &dyn age::Identity))
        .map_err(|_| {
            // The header names this school, yet its key opens nothing: the signer wrote a
            // wrong fingerprint, or encrypted to another key.
            Error::refused("无法用本校私钥解密该数据包：数据包标明发给本校，但实际加密给了其他公钥。请让学院重新导出")
        })?;
    let mut plain = Vec::with_capacity(parsed.ciphertext.len());
    reader
        .read_to_end(&mut plain)
        .map_err(|_| damaged("加密内容校验失败"))?;

    if plain.len() < PUBLIC_KEY_LEN || plain[..PUBLIC_KEY_LEN] != parsed.header.signer.to_bytes() {
        let inner = plain
            .get(..PUBLIC_KEY_LEN)
            .and_then(|b| <[u8; PUBLIC_KEY_LEN]>::try_from(b).ok())
            .and_then(|b| CollegePublicKey::from_bytes(&b))
            .map(|k| k.fingerprint())
            .unwrap_or_else(|| "无法识别".into());
        return Err(Error::refused(format!(
            "签名校验未通过：数据包由公钥指纹为 {inner} 的学院加密，却由指纹为 {} 的密钥签名，文件已被他人重新签名",
            parsed.header.signer.fingerprint()
        )));
    }
    plain.drain(..PUBLIC_KEY_LEN);
    Ok(Opened {
        payload: plain,
        signer: parsed.header.signer,
    })
}

struct Parsed<'a> {
    header: Header,
    ciphertext: &'a [u8],
}

fn parse(bytes: &[u8]) -> Result<Parsed<'_>> {
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        return Err(Error::invalid(
            "不是学社衔接助手加密签名的数据包（文件开头不对）",
        ));
    };
    let header_len = rest
        .iter()
        .take(MAX_HEADER_LINE)
        .position(|&b| b == b'\n')
        .ok_or_else(|| damaged("包头不完整"))?;
    let header_bytes = &rest[..header_len];
    let rest = &rest[header_len + 1..];
    let line: HeaderLine =
        serde_json::from_slice(header_bytes).map_err(|_| damaged("包头无法读取"))?;
    if line.version != VERSION {
        return Err(if line.version > VERSION {
            Error::invalid(format!(
                "该数据包由更新版本的学社衔接助手生成（格式版本 {}），请升级后再打开",
                line.version
            ))
        } else {
            damaged("格式版本不正确")
        });
    }
    let signer =
        CollegePublicKey::parse(&line.signer).map_err(|_| damaged("签名学院公钥无法读取"))?;

    let sig_line = rest
        .get(..=SIGNATURE_HEX)
        .filter(|line| line[SIGNATURE_HEX] == b'\n')
        .ok_or_else(|| damaged("签名不完整"))?;
    let signature = unhex::<{ ed25519_dalek::SIGNATURE_LENGTH }>(&sig_line[..SIGNATURE_HEX])
        .ok_or_else(|| damaged("签名无法读取"))?;
    let signature = Signature::from_bytes(&signature);
    let ciphertext = &rest[SIGNATURE_HEX + 1..];

    let head_len = MAGIC.len() + header_len + 1;
    signer
        .verifying()
        .verify_prehashed_strict(
            signed_digest(&bytes[..head_len], ciphertext),
            Some(SIGNATURE_CONTEXT),
            &signature,
        )
        .map_err(|_| Error::refused("签名校验未通过：文件在签名后被改动过，或不是该学院签名的"))?;

    Ok(Parsed {
        header: Header {
            version: line.version,
            recipient_fingerprint: line.recipient_fingerprint,
            signer,
            subject: line.subject,
        },
        ciphertext,
    })
}

/// A file that starts like ours but whose structure is broken: changed on the way or cut
/// short, which the secretary treats exactly like a bad signature.
fn damaged(detail: &str) -> Error {
    Error::refused(format!(
        "签名校验未通过：文件在签名后被改动过，或不是该学院签名的（{detail}，文件可能已损坏或不完整）"
    ))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

/// Lower-case hex only: the writer never writes upper case, so anything else is a change.
fn unhex<const N: usize>(text: &[u8]) -> Option<[u8; N]> {
    fn digit(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        }
    }
    if text.len() != 2 * N {
        return None;
    }
    let mut out = [0u8; N];
    for (i, pair) in text.chunks_exact(2).enumerate() {
        out[i] = (digit(pair[0])? << 4) | digit(pair[1])?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_refuses_upper_case() {
        let bytes = [0u8, 1, 0xab, 0xff];
        assert_eq!(hex(&bytes), "0001abff");
        assert_eq!(unhex::<4>(b"0001abff"), Some(bytes));
        assert_eq!(unhex::<4>(b"0001ABFF"), None);
        assert_eq!(unhex::<4>(b"0001abf"), None);
    }
}
