//! M1 ID numbers: any text parses or is refused, never panics; a parsed number round-trips
//! and its masked form never shows the birth date.
#![no_main]
use libfuzzer_sys::fuzz_target;
use xianjie_domain::id_number::IdNumber;

fuzz_target!(|s: &str| {
    if let Ok(id) = IdNumber::parse(s) {
        let again = IdNumber::parse(id.as_str()).ok();
        assert_eq!(again.as_ref(), Some(&id));
        assert!(!id.masked().contains(&id.as_str()[6..14]));
        let _ = (id.birth_date(), id.sex());
    } else {
        let _ = IdNumber::parse(s).err().map(|e| e.to_string());
    }
});
