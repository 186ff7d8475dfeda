//! The passphrase-protected backup: it opens with the passphrase and only with it.

#![allow(clippy::unwrap_used)] // helpers outside #[test]: a failure stops the test at once

use xianjie_domain::ErrorCode;
use xianjie_seal::{
    is_passphrase_protected, protect_with_passphrase, seal, unprotect_with_passphrase, CollegeKey,
    SchoolKey,
};

const PASSPHRASE: &str = "lanshan-qiuyu-tiehe-47";

#[test]
fn round_trip_wrong_passphrase_and_damage() {
    let plain: Vec<u8> = b"SQLite format 3\0"
        .iter()
        .copied()
        .chain((0..100_000u32).map(|i| (i % 251) as u8))
        .collect();
    let protected = protect_with_passphrase(&plain, PASSPHRASE).unwrap();
    assert!(is_passphrase_protected(&protected));
    assert!(protected.starts_with(b"age-encryption.org/v1\n-> scrypt "));
    assert!(!is_passphrase_protected(&plain));

    assert_eq!(
        unprotect_with_passphrase(&protected, PASSPHRASE).unwrap(),
        plain
    );

    let e = unprotect_with_passphrase(&protected, "lanshan-qiuyu-tiehe-48").unwrap_err();
    assert_eq!(e.code, ErrorCode::Refused);
    assert!(e.message.starts_with("口令不正确"), "{}", e.message);

    // A damaged body with the right passphrase is not called a wrong passphrase.
    let mut damaged = protected.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 1;
    let e = unprotect_with_passphrase(&damaged, PASSPHRASE).unwrap_err();
    assert_eq!(e.code, ErrorCode::Refused);
    assert!(!e.message.starts_with("口令不正确"), "{}", e.message);

    // Not protected at all, or sealed to a school: InvalidInput, not a passphrase question.
    let e = unprotect_with_passphrase(&plain, PASSPHRASE).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    let sealed = seal(
        &plain,
        &SchoolKey::generate().recipient(),
        &CollegeKey::generate(),
    )
    .unwrap();
    assert!(!is_passphrase_protected(&sealed));
    assert_eq!(
        unprotect_with_passphrase(&sealed, PASSPHRASE)
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
}
