//! Roster import on arbitrary workbook bytes (.xlsx, .xls, anything): the import's reader (the
//! streamed and the whole-sheet path) and its row checks refuse or accept, never panic, within
//! the memory and time limits. The seeds are the committed fixtures.
#![no_main]
use libfuzzer_sys::fuzz_target;
use xianjie_sheet::{stream, Input};

fuzz_target!(
    init: {
        // A panic inside calamine is caught by the reader (`workbook::guarded`) and refused as
        // a damaged file: let it unwind there. Any other panic still aborts (libfuzzer-sys's).
        let aborting = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !info.location().is_some_and(|l| l.file().contains("/calamine-")) {
                aborting(info);
            }
        }));
    },
    |bytes: &[u8]| {
        let _ = stream::check(Input::Bytes(bytes, "fuzz.xlsx"), None, &[]);
    }
);
