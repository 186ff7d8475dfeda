//! Roster import on arbitrary workbook bytes (.xlsx, .xls, anything): the reader and the row
//! checks refuse or accept, never panic, within the memory and time limits. The seeds are the
//! committed fixtures.
#![no_main]
use libfuzzer_sys::fuzz_target;
use xianjie::roster::{validate, workbook};

fuzz_target!(
    init: {
        // A panic inside calamine is caught by `workbook::read_bytes` and refused as a damaged
        // file: let it unwind there. Any other panic still aborts (libfuzzer-sys's hook).
        let aborting = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !info.location().is_some_and(|l| l.file().contains("/calamine-")) {
                aborting(info);
            }
        }));
    },
    |bytes: &[u8]| {
        if let Ok(table) = workbook::read_bytes(bytes, "fuzz.xlsx", None, &[]) {
            let _ = validate::check(&table);
        }
    }
);
