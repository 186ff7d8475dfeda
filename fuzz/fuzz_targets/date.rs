//! Dates: the strict (contract) and lenient (roster) parsers refuse or accept any text
//! without panicking; a strict month also parses leniently to the same month.
#![no_main]
use libfuzzer_sys::fuzz_target;
use xianjie::date::{parse_date_strict, YearMonth};

fuzz_target!(|s: &str| {
    let strict = YearMonth::parse_strict(s);
    let lenient = YearMonth::parse_lenient(s);
    if let Ok(m) = strict {
        assert_eq!(lenient, Ok(m), "{s:?}");
        let _ = (m.first_day(), m.last_day(), m.chinese());
    }
    if let Ok(m) = lenient {
        let _ = (m.first_day(), m.last_day(), m.chinese());
    }
    let _ = parse_date_strict(s);
});
