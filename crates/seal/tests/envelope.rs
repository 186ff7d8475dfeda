//! The sealed envelope as the school meets it: the right file opens, every kind of wrong file
//! is refused before anything is read, and a re-signed file cannot pass as the college's.

#![allow(clippy::unwrap_used)] // helpers outside #[test]: a failure stops the test at once

use xianjie_domain::ErrorCode;
use xianjie_seal::{
    envelope::{signed_digest, MAGIC, SIGNATURE_CONTEXT},
    inspect, inspect_for, open, seal, CollegeKey, SchoolKey, SchoolRecipient,
};

fn payload() -> Vec<u8> {
    // Shaped like the real thing: an SQLite header, then varied bytes.
    let mut p = b"SQLite format 3\0".to_vec();
    p.extend((0..50_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    p
}

/// Splits a sealed file into (magic+header line, signature line, age file).
fn parts(sealed: &[u8]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let header_end = MAGIC.len()
        + sealed[MAGIC.len()..]
            .iter()
            .position(|&b| b == b'\n')
            .unwrap()
        + 1;
    let sig_end = header_end + 129;
    (
        sealed[..header_end].to_vec(),
        sealed[header_end..sig_end].to_vec(),
        sealed[sig_end..].to_vec(),
    )
}

/// What anyone holding a key can do: sign any head + age file with it, laid out as `seal` does.
fn resign(head: &[u8], ciphertext: &[u8], by: &CollegeKey) -> Vec<u8> {
    let signature = signing_key(by)
        .sign_prehashed(signed_digest(head, ciphertext), Some(SIGNATURE_CONTEXT))
        .unwrap();
    let mut out = head.to_vec();
    for b in signature.to_bytes() {
        out.extend_from_slice(format!("{b:02x}").as_bytes());
    }
    out.push(b'\n');
    out.extend_from_slice(ciphertext);
    out
}

/// The Ed25519 key behind a college key, read from its secret text the way an attacker
/// holding a key file would.
fn signing_key(key: &CollegeKey) -> ed25519_dalek::SigningKey {
    let text = key.secret_text();
    let checked =
        bech32::primitives::decode::CheckedHrpstring::new::<bech32::Bech32>(&text).unwrap();
    let seed: [u8; 32] = checked.byte_iter().collect::<Vec<u8>>().try_into().unwrap();
    ed25519_dalek::SigningKey::from_bytes(&seed)
}

fn header_with_signer(head: &[u8], signer: &str) -> Vec<u8> {
    let text = std::str::from_utf8(&head[MAGIC.len()..head.len() - 1]).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(text).unwrap();
    json["signer"] = serde_json::Value::String(signer.to_owned());
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(serde_json::to_string(&json).unwrap().as_bytes());
    out.push(b'\n');
    out
}

#[test]
fn round_trip() {
    let school = SchoolKey::generate();
    let college = CollegeKey::generate();
    let data = payload();
    let sealed = seal(&data, &school.recipient(), &college).unwrap();
    assert!(sealed.starts_with(b"XJSEAL1\n{\"version\":1,"));

    let header = inspect(&sealed).unwrap();
    assert_eq!(header.version, 1);
    assert_eq!(header.signer, college.public());
    assert_eq!(
        header.recipient_fingerprint,
        school.recipient().fingerprint()
    );
    assert!(header.is_for(&school.recipient()));

    let opened = open(&sealed, &school).unwrap();
    assert_eq!(opened.payload, data);
    assert_eq!(opened.signer, college.public());

    // The school key read back from its text opens it too, and so does an empty payload.
    let again = SchoolKey::from_secret_text(&school.secret_text()).unwrap();
    assert_eq!(open(&sealed, &again).unwrap().payload, data);
    let empty = seal(b"", &school.recipient(), &college).unwrap();
    assert_eq!(open(&empty, &school).unwrap().payload, b"");
}

#[test]
fn the_plaintext_does_not_show_in_the_sealed_file() {
    let school = SchoolKey::generate();
    let sealed = seal(
        "张三 110105194912310021".as_bytes(),
        &school.recipient(),
        &CollegeKey::generate(),
    )
    .unwrap();
    let needle = "110105194912310021".as_bytes();
    assert!(!sealed.windows(needle.len()).any(|w| w == needle));
}

#[test]
fn another_schools_key_is_refused_naming_both_fingerprints() {
    let ours = SchoolKey::generate();
    let theirs = SchoolKey::generate();
    let sealed = seal(&payload(), &theirs.recipient(), &CollegeKey::generate()).unwrap();

    // inspect alone passes (signature fine); the recipient check refuses without the secret.
    let header = inspect(&sealed).unwrap();
    assert!(!header.is_for(&ours.recipient()));
    let e = header.check_recipient(&ours.recipient()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Refused);
    assert_eq!(inspect_for(&sealed, &ours.recipient()).unwrap_err(), e);
    assert_eq!(inspect_for(&sealed, &theirs.recipient()).unwrap(), header);

    let e = open(&sealed, &ours).unwrap_err();
    assert_eq!(e.code, ErrorCode::Refused);
    assert!(e.message.contains("不是发给本校的"), "{}", e.message);
    assert!(
        e.message.contains(&theirs.recipient().fingerprint()),
        "{}",
        e.message
    );
    assert!(
        e.message.contains(&ours.recipient().fingerprint()),
        "{}",
        e.message
    );
}

#[test]
fn a_lying_recipient_fingerprint_is_refused_at_decryption() {
    // A college (holding its own key) writes this school's fingerprint but encrypts to another
    // key: the signature verifies, the age file does not open.
    let ours = SchoolKey::generate();
    let other = SchoolKey::generate();
    let college = CollegeKey::generate();
    let sealed = seal(&payload(), &other.recipient(), &college).unwrap();
    let (head, _, ciphertext) = parts(&sealed);
    let text = String::from_utf8(head).unwrap().replace(
        &other.recipient().fingerprint(),
        &ours.recipient().fingerprint(),
    );
    let forged = resign(text.as_bytes(), &ciphertext, &college);
    inspect(&forged).unwrap();
    let e = open(&forged, &ours).unwrap_err();
    assert_eq!(e.code, ErrorCode::Refused);
    assert!(e.message.contains("无法用本校私钥解密"), "{}", e.message);
}

#[test]
fn a_flipped_byte_anywhere_is_refused_by_inspect() {
    let school = SchoolKey::generate();
    let college = CollegeKey::generate();
    let sealed = seal(&payload()[..3000], &school.recipient(), &college).unwrap();
    let (head, sig, _) = parts(&sealed);
    let header_end = head.len();
    let sig_end = header_end + sig.len();

    // Every byte of the magic, header and signature lines, then a stride through the age file
    // (its header, its body, its last byte).
    let positions: Vec<usize> = (0..sig_end)
        .chain((sig_end..sealed.len()).step_by(97))
        .chain([sealed.len() - 1])
        .collect();
    for i in positions {
        for flip in [0x01u8, 0x80] {
            let mut bad = sealed.clone();
            bad[i] ^= flip;
            let e = inspect(&bad).unwrap_err();
            if i < MAGIC.len() {
                assert_eq!(e.code, ErrorCode::InvalidInput, "byte {i}: {}", e.message);
                assert!(e.message.contains("不是学社衔接助手"), "{}", e.message);
            } else {
                assert_eq!(e.code, ErrorCode::Refused, "byte {i}: {}", e.message);
                assert!(
                    e.message.starts_with("签名校验未通过："),
                    "byte {i}: {}",
                    e.message
                );
            }
            assert!(open(&bad, &school).is_err());
        }
    }

    // Cut short anywhere (every length through the signature line, then a stride), or grown
    // by a byte: refused, never a panic.
    for len in (0..sig_end + 200).chain((sig_end..sealed.len()).step_by(101)) {
        let e = inspect(&sealed[..len]).unwrap_err();
        let expected = if len < MAGIC.len() {
            ErrorCode::InvalidInput
        } else {
            ErrorCode::Refused
        };
        assert_eq!(e.code, expected, "len {len}");
    }
    assert_eq!(
        inspect(&sealed[..sealed.len() - 1]).unwrap_err().code,
        ErrorCode::Refused
    );
    let mut longer = sealed.clone();
    longer.push(0);
    assert_eq!(inspect(&longer).unwrap_err().code, ErrorCode::Refused);
}

#[test]
fn the_exact_refusal_texts() {
    let e = inspect(b"SQLite format 3\0").unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    let e = inspect(b"").unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);

    let school = SchoolKey::generate();
    let sealed = seal(&payload(), &school.recipient(), &CollegeKey::generate()).unwrap();
    let mut bad = sealed.clone();
    let last = bad.len() - 1;
    bad[last] ^= 1;
    let e = inspect(&bad).unwrap_err();
    assert_eq!(
        e.message,
        "签名校验未通过：文件在签名后被改动过，或不是该学院签名的"
    );

    // A newer envelope version is told as such (after the version, nothing is read).
    let newer = String::from_utf8_lossy(&sealed[..60]).replace("\"version\":1", "\"version\":2");
    let mut newer = newer.into_bytes();
    newer.extend_from_slice(&sealed[60..]);
    let e = inspect(&newer).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    assert!(e.message.contains("更新版本"), "{}", e.message);
}

#[test]
fn replaced_and_resigned_ciphertext_reports_the_other_signer() {
    // The attacker encrypts their own payload to the school (needs no secret) and signs it
    // with their own key: the envelope is whole, but it names the attacker's key, which the
    // school's first-use record for that college refuses.
    let school = SchoolKey::generate();
    let college = CollegeKey::generate();
    let attacker = CollegeKey::generate();
    let genuine = seal(&payload(), &school.recipient(), &college).unwrap();
    let forged = seal(b"forged data", &school.recipient(), &attacker).unwrap();

    let header = inspect(&forged).unwrap();
    assert_eq!(header.signer, attacker.public());
    assert_ne!(header.signer, inspect(&genuine).unwrap().signer);
    assert_ne!(header.signer.fingerprint(), college.public().fingerprint());
    assert_eq!(open(&forged, &school).unwrap().signer, attacker.public());

    // Keeping the genuine header but swapping in the attacker's ciphertext and signature:
    // the college's key does not verify it.
    let (g_head, _, _) = parts(&genuine);
    let (_, f_sig, f_ct) = parts(&forged);
    let mut mixed = g_head.clone();
    mixed.extend_from_slice(&f_sig);
    mixed.extend_from_slice(&f_ct);
    assert_eq!(inspect(&mixed).unwrap_err().code, ErrorCode::Refused);
    let resigned = resign(&g_head, &f_ct, &attacker);
    assert_eq!(inspect(&resigned).unwrap_err().code, ErrorCode::Refused);
}

#[test]
fn genuine_ciphertext_resigned_by_another_key_is_refused_by_open() {
    // The attacker keeps the college's ciphertext (they cannot read it), puts their own key in
    // the header and signs: the outer signature verifies, the inner signer does not match.
    let school = SchoolKey::generate();
    let college = CollegeKey::generate();
    let attacker = CollegeKey::generate();
    let genuine = seal(&payload(), &school.recipient(), &college).unwrap();
    let (head, _, ciphertext) = parts(&genuine);
    let head = header_with_signer(&head, &attacker.public().text());
    let resigned = resign(&head, &ciphertext, &attacker);

    let header = inspect(&resigned).unwrap();
    assert_eq!(header.signer, attacker.public());
    let e = open(&resigned, &school).unwrap_err();
    assert_eq!(e.code, ErrorCode::Refused);
    assert!(e.message.starts_with("签名校验未通过："), "{}", e.message);
    assert!(
        e.message.contains(&college.public().fingerprint()),
        "{}",
        e.message
    );
    assert!(
        e.message.contains(&attacker.public().fingerprint()),
        "{}",
        e.message
    );
}

#[test]
fn recipient_text_survives_a_chat_app() {
    let school = SchoolKey::generate();
    let text = school.recipient().text();
    let pasted = format!("学校公钥：\n{text}\n");
    // Only the key itself is taken; surrounding prose is refused with the Chinese message.
    let e = SchoolRecipient::parse(&pasted).unwrap_err();
    assert!(
        e.message.starts_with("学校公钥格式不正确："),
        "{}",
        e.message
    );
    let recipient = SchoolRecipient::parse(&format!("\u{3000}{text}\r\n")).unwrap();
    let sealed = seal(b"x", &recipient, &CollegeKey::generate()).unwrap();
    assert_eq!(open(&sealed, &school).unwrap().payload, b"x");
}

#[test]
fn the_subject_is_clear_signed_and_cannot_be_changed() {
    let school = SchoolKey::generate();
    let college = CollegeKey::generate();
    let subject = "共青团示例大学甲学院委员会";
    let sealed =
        xianjie_seal::seal_about(&payload(), &school.recipient(), &college, subject).unwrap();
    let header = inspect(&sealed).unwrap();
    assert_eq!(header.subject.as_deref(), Some(subject));
    assert_eq!(
        inspect(&seal(b"x", &school.recipient(), &college).unwrap())
            .unwrap()
            .subject,
        None
    );
    assert_eq!(open(&sealed, &school).unwrap().payload, payload());

    // Another college's name in the header, the signature kept: refused.
    let (head, sig, body) = parts(&sealed);
    let text = std::str::from_utf8(&head[MAGIC.len()..head.len() - 1]).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(text).unwrap();
    json["subject"] = serde_json::Value::String("共青团示例大学乙学院委员会".into());
    let mut changed = MAGIC.to_vec();
    changed.extend_from_slice(serde_json::to_string(&json).unwrap().as_bytes());
    changed.push(b'\n');
    changed.extend_from_slice(&sig);
    changed.extend_from_slice(&body);
    let e = inspect(&changed).unwrap_err();
    assert_eq!(e.code, ErrorCode::Refused);

    assert!(
        xianjie_seal::seal_about(b"x", &school.recipient(), &college, "a\nb").is_err(),
        "no line break in a header"
    );
}
