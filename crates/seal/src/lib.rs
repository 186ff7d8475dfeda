//! What protects the data that leaves the office PC.
//!
//! - [`keys`]: the school's age key pair and the college's Ed25519 key pair, their texts and
//!   fingerprints (read aloud over the phone to confirm a key).
//! - [`envelope`]: a college's package encrypted to its school and signed by the college
//!   ([`seal`], [`inspect`] before anything is decrypted, [`open`]).
//! - [`passphrase`]: the whole-data backup under a passphrase, and how strong one is.
//! - [`qr`]: the school's public key as a QR code.
//!
//! The cryptography is age (X25519, scrypt, ChaCha20-Poly1305) and Ed25519 from
//! `ed25519-dalek`; this crate only frames and checks, it invents no primitive.

pub mod envelope;
pub mod keys;
pub mod passphrase;
pub mod qr;

pub use envelope::{inspect, inspect_for, open, seal, seal_about, Header, Opened};
pub use keys::{fingerprint_of, CollegeKey, CollegePublicKey, SchoolKey, SchoolRecipient};
pub use passphrase::{
    is_passphrase_protected, passphrase_strength, protect_with_passphrase,
    unprotect_with_passphrase, Strength,
};
pub use qr::{qr_png, qr_svg};
