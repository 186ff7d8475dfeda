//! The four keys and how people handle them.
//!
//! A school holds one [`SchoolKey`] (an age X25519 identity) and hands colleges its
//! [`SchoolRecipient`] (`age1…`, by text or QR code). A college holds one [`CollegeKey`]
//! (Ed25519) and the school learns its [`CollegePublicKey`] (`xjcollege1…`) from the first
//! package it receives. Both public keys have a [`fingerprint`](SchoolRecipient::fingerprint)
//! short enough to read to each other over the phone, which is how the two offices confirm
//! that nobody swapped a key on the way.
//!
//! Secret texts are for a 0600 file only: no `Debug`, `Display` or serde impl prints them.

use std::fmt;
use std::str::FromStr;

use age::secrecy::ExposeSecret;
use bech32::{Bech32, Hrp};
use ed25519_dalek::{SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use xianjie_domain::{Error, Result};
use zeroize::Zeroize;

/// bech32 human-readable parts of the college keys (the `1` after them is bech32's separator,
/// so the texts read `xjcollege1…` and `XJCOLLEGE-SECRET-KEY-1…`, like age's own keys).
const COLLEGE_PUBLIC_HRP: Hrp = Hrp::parse_unchecked("xjcollege");
const COLLEGE_SECRET_HRP: Hrp = Hrp::parse_unchecked("xjcollege-secret-key-");
const AGE_PUBLIC_HRP: Hrp = Hrp::parse_unchecked("age");
const AGE_SECRET_PREFIX: &str = "AGE-SECRET-KEY-";

/// The school's secret key: decrypts what colleges seal to the school.
#[derive(Clone)]
pub struct SchoolKey(age::x25519::Identity);

impl SchoolKey {
    /// A new random key (the operating system's random source).
    pub fn generate() -> Self {
        Self(age::x25519::Identity::generate())
    }

    /// Reads the text [`secret_text`](Self::secret_text) wrote (`AGE-SECRET-KEY-1…`).
    pub fn from_secret_text(text: &str) -> Result<Self> {
        let cleaned = without_whitespace(text);
        // age's own error strings are English and may echo nothing useful; the text itself is
        // never echoed back (it is a secret).
        age::x25519::Identity::from_str(&cleaned)
            .map(Self)
            .map_err(|_| Error::invalid("学校私钥格式不正确：应为 AGE-SECRET-KEY-1 开头的一行文字"))
    }

    /// The secret as text, for writing to a file only the office can read (mode 0600).
    pub fn secret_text(&self) -> String {
        self.0.to_string().expose_secret().to_owned()
    }

    /// The public half, which the school hands to its colleges.
    pub fn recipient(&self) -> SchoolRecipient {
        SchoolRecipient(self.0.to_public())
    }

    pub(crate) fn identity(&self) -> &age::x25519::Identity {
        &self.0
    }
}

impl fmt::Debug for SchoolKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SchoolKey")
            .field("fingerprint", &self.recipient().fingerprint())
            .finish_non_exhaustive()
    }
}

/// The school's public key (`age1…`): what colleges seal their packages to.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SchoolRecipient(age::x25519::Recipient);

impl SchoolRecipient {
    /// Reads `age1…` as the school wrote or printed it. Whitespace anywhere is ignored (a
    /// chat app may wrap the line); anything else that is not exactly a key is refused.
    pub fn parse(text: &str) -> Result<Self> {
        let cleaned = without_whitespace(text);
        if cleaned.is_empty() {
            return Err(Error::invalid("学校公钥格式不正确：内容为空"));
        }
        if cleaned.to_ascii_uppercase().starts_with(AGE_SECRET_PREFIX) {
            // Someone pasted the secret: say so, so that it is not sent around further.
            return Err(Error::invalid(
                "学校公钥格式不正确：这是学校的私钥，不是公钥。私钥不可外传，请改用以 age1 开头的公钥",
            ));
        }
        if !cleaned.to_ascii_lowercase().starts_with("age1") {
            return Err(Error::invalid(
                "学校公钥格式不正确：应为以 age1 开头的一行文字（由学校团委提供）",
            ));
        }
        age::x25519::Recipient::from_str(&cleaned.to_ascii_lowercase())
            .map(Self)
            .map_err(|_| {
                Error::invalid(
                    "学校公钥格式不正确：字符有误或不完整（请复制完整的一行，或扫描二维码）",
                )
            })
    }

    /// The canonical text (`age1…`, lower case).
    pub fn text(&self) -> String {
        self.0.to_string()
    }

    /// A short form to read aloud: see [`fingerprint_of`].
    pub fn fingerprint(&self) -> String {
        fingerprint_of(&self.key_bytes())
    }

    /// The 32 bytes of the X25519 public key (decoded from age's text, which is its only
    /// public representation).
    fn key_bytes(&self) -> Vec<u8> {
        match bech32::primitives::decode::CheckedHrpstring::new::<Bech32>(&self.0.to_string()) {
            Ok(checked) if checked.hrp() == AGE_PUBLIC_HRP => checked.byte_iter().collect(),
            // age wrote it: cannot happen. Hash the text then, which is as unique.
            _ => self.0.to_string().into_bytes(),
        }
    }

    pub(crate) fn age(&self) -> &age::x25519::Recipient {
        &self.0
    }
}

impl fmt::Debug for SchoolRecipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SchoolRecipient({})", self.text())
    }
}

impl fmt::Display for SchoolRecipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// A college's signing key: signs every package the college sends.
#[derive(Clone)]
pub struct CollegeKey(SigningKey);

impl CollegeKey {
    /// A new random key (the operating system's random source).
    pub fn generate() -> Self {
        Self(SigningKey::generate(&mut rand_core::OsRng))
    }

    /// Reads the text [`secret_text`](Self::secret_text) wrote (`XJCOLLEGE-SECRET-KEY-1…`).
    pub fn from_secret_text(text: &str) -> Result<Self> {
        let bad =
            || Error::invalid("学院私钥格式不正确：应为 XJCOLLEGE-SECRET-KEY-1 开头的一行文字");
        let cleaned = without_whitespace(text);
        let checked = bech32::primitives::decode::CheckedHrpstring::new::<Bech32>(&cleaned)
            .map_err(|_| bad())?;
        if checked.hrp() != COLLEGE_SECRET_HRP {
            return Err(bad());
        }
        let mut bytes: Vec<u8> = checked.byte_iter().collect();
        let seed: Result<[u8; 32]> = bytes.as_slice().try_into().map_err(|_| bad());
        bytes.zeroize();
        let mut seed = seed?;
        let key = SigningKey::from_bytes(&seed);
        seed.zeroize();
        Ok(Self(key))
    }

    /// The secret as text, for writing to a file only the office can read (mode 0600).
    pub fn secret_text(&self) -> String {
        let mut seed = self.0.to_bytes();
        let text = bech32::encode_upper::<Bech32>(COLLEGE_SECRET_HRP, &seed);
        seed.zeroize();
        // 32 bytes under an 21-letter prefix is 80 characters, within bech32's 90.
        text.unwrap_or_default()
    }

    /// The public half, which travels in every package's header.
    pub fn public(&self) -> CollegePublicKey {
        CollegePublicKey(self.0.verifying_key())
    }

    pub(crate) fn signing(&self) -> &SigningKey {
        &self.0
    }
}

impl fmt::Debug for CollegeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CollegeKey")
            .field("fingerprint", &self.public().fingerprint())
            .finish_non_exhaustive()
    }
}

/// A college's public key (`xjcollege1…`): checks the signature of its packages.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CollegePublicKey(VerifyingKey);

impl CollegePublicKey {
    /// Reads `xjcollege1…`; whitespace anywhere is ignored.
    pub fn parse(text: &str) -> Result<Self> {
        let cleaned = without_whitespace(text);
        if cleaned
            .to_ascii_uppercase()
            .starts_with("XJCOLLEGE-SECRET-KEY-")
        {
            return Err(Error::invalid(
                "学院公钥格式不正确：这是学院的私钥，不是公钥。私钥不可外传",
            ));
        }
        let bad = || Error::invalid("学院公钥格式不正确：应为以 xjcollege1 开头的一行文字");
        let checked = bech32::primitives::decode::CheckedHrpstring::new::<Bech32>(&cleaned)
            .map_err(|_| bad())?;
        if checked.hrp() != COLLEGE_PUBLIC_HRP {
            return Err(bad());
        }
        let bytes: Vec<u8> = checked.byte_iter().collect();
        let bytes: [u8; 32] = bytes.as_slice().try_into().map_err(|_| bad())?;
        Self::from_bytes(&bytes).ok_or_else(bad)
    }

    /// The canonical text (`xjcollege1…`, lower case).
    pub fn text(&self) -> String {
        // 32 bytes under a 9-letter prefix is 68 characters, within bech32's 90.
        bech32::encode_lower::<Bech32>(COLLEGE_PUBLIC_HRP, self.0.as_bytes()).unwrap_or_default()
    }

    /// A short form to read aloud: see [`fingerprint_of`].
    pub fn fingerprint(&self) -> String {
        fingerprint_of(self.0.as_bytes())
    }

    /// The 32 bytes of the Ed25519 public key.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// `None` for bytes that are not a point of the curve.
    pub(crate) fn from_bytes(bytes: &[u8; 32]) -> Option<Self> {
        VerifyingKey::from_bytes(bytes).ok().map(Self)
    }

    pub(crate) fn verifying(&self) -> &VerifyingKey {
        &self.0
    }
}

impl fmt::Debug for CollegePublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CollegePublicKey({})", self.text())
    }
}

impl fmt::Display for CollegePublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// Crockford's base32 alphabet: digits and capitals without I, L, O and U, so that nothing
/// read aloud or copied by hand is ambiguous (0/O, 1/I/L).
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The first 100 bits of SHA-256 over the raw public key, as four groups of five Crockford
/// base32 characters (`3F2A9-1C0B4-…`). 100 bits make a second key with the same fingerprint
/// out of reach; 20 characters are still short enough to read over the phone.
pub fn fingerprint_of(public_key: &[u8]) -> String {
    let digest = Sha256::digest(public_key);
    // The first 13 bytes hold the 100 bits (the top 100 of 104).
    let mut acc: u128 = 0;
    for byte in &digest[..13] {
        acc = (acc << 8) | u128::from(*byte);
    }
    acc >>= 4;
    let mut out = String::with_capacity(23);
    for i in 0..20 {
        if i > 0 && i % 5 == 0 {
            out.push('-');
        }
        let shift = 5 * (19 - i);
        let index = ((acc >> shift) & 0x1f) as usize;
        out.push(char::from(CROCKFORD[index]));
    }
    out
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn school_key_round_trips_through_its_text() {
        let key = SchoolKey::generate();
        let again = SchoolKey::from_secret_text(&format!("  {}\n", key.secret_text())).unwrap();
        assert_eq!(key.recipient(), again.recipient());
        assert!(key.secret_text().starts_with("AGE-SECRET-KEY-1"));
    }

    #[test]
    fn college_key_round_trips_through_its_text() {
        let key = CollegeKey::generate();
        let text = key.secret_text();
        assert!(text.starts_with("XJCOLLEGE-SECRET-KEY-1"), "{text}");
        let again = CollegeKey::from_secret_text(&text).unwrap();
        assert_eq!(key.public(), again.public());
        let public = key.public().text();
        assert!(public.starts_with("xjcollege1"), "{public}");
        assert_eq!(
            CollegePublicKey::parse(&format!(" {public}\r\n")).unwrap(),
            key.public()
        );
        assert_eq!(
            CollegePublicKey::parse(&public.to_uppercase()).unwrap(),
            key.public()
        );
    }

    #[test]
    fn debug_of_secret_keys_hides_the_secret() {
        let school = SchoolKey::generate();
        let college = CollegeKey::generate();
        for (debug, secret) in [
            (format!("{school:?}"), school.secret_text()),
            (format!("{college:?}"), college.secret_text()),
            (format!("{school:#?}"), school.secret_text()),
        ] {
            assert!(!debug.contains(&secret), "{debug}");
            // Not even a part of it (the data part after the bech32 separator).
            let body = &secret[secret.rfind('1').unwrap() + 1..];
            assert!(!debug.to_uppercase().contains(&body[..12]), "{debug}");
            assert!(debug.contains("fingerprint"), "{debug}");
        }
    }

    #[test]
    fn recipient_parse_is_tolerant_of_whitespace_and_clear_otherwise() {
        let key = SchoolKey::generate();
        let text = key.recipient().text();
        assert!(text.starts_with("age1"));
        let wrapped = format!("\n  {}\n{}  \t", &text[..30], &text[30..]);
        assert_eq!(SchoolRecipient::parse(&wrapped).unwrap(), key.recipient());
        assert_eq!(
            SchoolRecipient::parse(&text.to_uppercase()).unwrap(),
            key.recipient()
        );

        for bad in ["", "hello", &text[..text.len() - 1], &format!("{text}x")] {
            let e = SchoolRecipient::parse(bad).unwrap_err();
            assert_eq!(e.code, xianjie_domain::ErrorCode::InvalidInput);
            assert!(
                e.message.starts_with("学校公钥格式不正确："),
                "{}",
                e.message
            );
        }
        let e = SchoolRecipient::parse(&key.secret_text()).unwrap_err();
        assert!(e.message.contains("私钥"), "{}", e.message);
        assert!(!e.message.contains(&key.secret_text()));
        let college = CollegeKey::generate().public().text();
        assert!(SchoolRecipient::parse(&college).is_err());
        assert!(CollegePublicKey::parse(&text).is_err());
    }

    #[test]
    fn fingerprints_are_stable_and_readable() {
        // Fixed vectors: the fingerprint must never change between versions, since offices
        // write it down and compare it later.
        assert_eq!(fingerprint_of(&[0u8; 32]), "CSM7N-BFRCA-YQEV4-FR65R");
        // The example key of age's README.
        let readme = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";
        assert_eq!(
            SchoolRecipient::parse(readme).unwrap().fingerprint(),
            "GBDB6-AMTXQ-ZV94J-TERQR"
        );
        let school = SchoolKey::generate();
        let fp = school.recipient().fingerprint();
        assert_eq!(
            fp,
            SchoolRecipient::parse(&school.recipient().text())
                .unwrap()
                .fingerprint()
        );
        assert_eq!(
            fp,
            SchoolKey::from_secret_text(&school.secret_text())
                .unwrap()
                .recipient()
                .fingerprint()
        );
        for key_fp in [fp, CollegeKey::generate().public().fingerprint()] {
            assert_eq!(key_fp.len(), 23, "{key_fp}");
            let groups: Vec<&str> = key_fp.split('-').collect();
            assert_eq!(groups.len(), 4);
            assert!(groups.iter().all(|g| g.len() == 5));
            assert!(
                key_fp.chars().all(|c| c == '-'
                    || c.is_ascii_digit()
                    || (c.is_ascii_uppercase() && !"ILOU".contains(c))),
                "{key_fp}"
            );
        }
        assert_ne!(
            SchoolKey::generate().recipient().fingerprint(),
            SchoolKey::generate().recipient().fingerprint()
        );
    }
}
