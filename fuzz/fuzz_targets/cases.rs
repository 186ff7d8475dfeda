//! The `xianjie recommend` contract on arbitrary text: every case file — graduates and
//! incoming new students (`"kind": "incoming"`) — is parsed and answered or refused with a
//! message, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default();
    if let Ok(results) = xianjie_domain::cases::answer_all(s, today) {
        let _ = xianjie_domain::cases::answers_to_json_lines(&results);
    }
});
