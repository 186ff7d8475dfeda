//! Dates: the strict (contract) and lenient (roster) parsers refuse or accept any text
//! without panicking; what the strict parsers accept is exactly their canonical form, and a
//! strict month also parses leniently to the same month.
#![no_main]
use libfuzzer_sys::fuzz_target;
use xianjie_domain::date::{parse_date_lenient, parse_date_strict, YearMonth};

fuzz_target!(|s: &str| {
    let strict = YearMonth::parse_strict(s);
    let lenient = YearMonth::parse_lenient(s);
    if let Ok(m) = strict {
        assert_eq!(m.to_string(), s);
        assert_eq!(lenient, Ok(m), "{s:?}");
    }
    if let Ok(m) = lenient {
        let _ = (m.first_day(), m.last_day(), m.chinese());
        assert_eq!(parse_date_lenient(s).map(YearMonth::of), Ok(m), "{s:?}");
    }
    if let Ok(d) = parse_date_strict(s) {
        assert_eq!(d.format("%Y-%m-%d").to_string(), s);
    }
});
