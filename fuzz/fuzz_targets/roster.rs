//! Roster import on arbitrary workbook bytes (.xlsx, .xls, anything): the reader and the row
//! checks refuse or accept, never panic. The seeds are the committed fixtures.
#![no_main]
use libfuzzer_sys::fuzz_target;
use xianjie::roster::{validate, workbook};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(table) = workbook::read_bytes(bytes, "fuzz.xlsx", None, &[]) {
        let _ = validate::check(&table);
    }
});
