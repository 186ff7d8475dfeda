//! One clock face: every date and time shown, exported or printed is the office's LOCAL time,
//! never UTC (issue 23). Timestamps are stored as RFC 3339 UTC (`audit::now`); this module is
//! the one place that turns them into what a secretary reads, in the product's three styles:
//!
//! - lists (backups, audit, packages, change requests): `2026-12-06 08:32` ([`list_time`]);
//! - the F-tables, one style for all of them: `2026-07-10` ([`table_date`]; the templates of
//!   003 附件1–6 prescribe none, so the ISO order Excel sorts and reads back as a date);
//! - the letters: `2026年7月10日` ([`letter_date`]).
//!
//! “Local” is the PC's zone: chrono's `Local` (on Unix the `TZ` variable, else
//! `/etc/localtime`; on Windows the system zone). When the zone cannot be determined — `TZ`
//! set to a name no zone file or POSIX rule answers, `TZ` empty, or neither `TZ` nor
//! `/etc/localtime` on a Unix — it is China Standard Time, UTC+08:00: the offices this product
//! serves are all in China, and chrono's own fallback (UTC) would show a wrong day after
//! 16:00 UTC. `TZ=UTC` (or `Etc/UTC`, `GMT`…) is UTC even where no zone files are installed.
//!
//! This reads no clock (callers pass the instant); it reads the environment once, for the
//! zone: the one exception to the domain's “no I/O”, kept here so that nothing else does.

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use std::sync::OnceLock;

/// China Standard Time, the zone when the PC's cannot be determined.
pub const CHINA_STANDARD_TIME: i32 = 8 * 3600;

/// Where the office's zone comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// The PC's zone, as chrono's `Local` reads it.
    System,
    /// A fixed offset: UTC when `TZ` names UTC without zone files, else China Standard Time.
    Fixed(FixedOffset),
}

/// The office's zone, determined once per process.
pub fn zone() -> Zone {
    static ZONE: OnceLock<Zone> = OnceLock::new();
    *ZONE.get_or_init(|| determine(std::env::var("TZ").ok().as_deref()))
}

fn china() -> Zone {
    Zone::Fixed(FixedOffset::east_opt(CHINA_STANDARD_TIME).unwrap_or(Utc.fix()))
}

/// The zone for the `TZ` value (`None`: unset).
#[cfg(unix)]
fn determine(tz: Option<&str>) -> Zone {
    use std::path::Path;
    let exists = |p: &Path| p.is_file();
    let Some(tz) = tz.map(str::trim) else {
        return if exists(Path::new("/etc/localtime")) {
            Zone::System
        } else {
            china()
        };
    };
    if tz.is_empty() {
        return china();
    }
    let name = tz.strip_prefix(':').unwrap_or(tz);
    // The folders chrono searches for a zone name.
    const DIRS: [&str; 4] = [
        "/usr/share/zoneinfo",
        "/share/zoneinfo",
        "/etc/zoneinfo",
        "/usr/share/lib/zoneinfo",
    ];
    let file = if name == "localtime" {
        exists(Path::new("/etc/localtime"))
    } else if Path::new(name).is_absolute() {
        exists(Path::new(name))
    } else {
        !name.contains("..") && DIRS.iter().any(|d| exists(&Path::new(d).join(name)))
    };
    // A POSIX rule carries its offset (“CST-8”, “UTC0”): chrono reads it without files.
    let posix_rule = !tz.starts_with(':')
        && name.bytes().any(|b| b.is_ascii_digit())
        && (name.starts_with('<') || name.bytes().take(3).all(|b| b.is_ascii_alphabetic()));
    let utc_name = matches!(
        name.strip_prefix("Etc/").unwrap_or(name),
        "UTC" | "UCT" | "GMT" | "Universal" | "Zulu"
    );
    if file || posix_rule {
        Zone::System
    } else if utc_name {
        Zone::Fixed(Utc.fix())
    } else {
        china()
    }
}

/// Elsewhere (Windows) the system always has a zone.
#[cfg(not(unix))]
fn determine(_tz: Option<&str>) -> Zone {
    Zone::System
}

/// The office's offset from UTC at the instant `utc`.
pub fn offset_at(utc: DateTime<Utc>) -> FixedOffset {
    match zone() {
        Zone::System => chrono::Local
            .offset_from_utc_datetime(&utc.naive_utc())
            .fix(),
        Zone::Fixed(o) => o,
    }
}

/// The office's wall-clock time at the instant `utc`.
pub fn local(utc: DateTime<Utc>) -> NaiveDateTime {
    utc.with_timezone(&offset_at(utc)).naive_local()
}

/// The office's date at the instant `utc` (e.g. “today” for `Utc::now()`).
pub fn local_date(utc: DateTime<Utc>) -> NaiveDate {
    local(utc).date()
}

/// The instant the office's wall clock shows `local` (the earlier one when a clock change
/// repeats it; for a time a change skips, the offset of the hour before).
pub fn local_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    let fixed = |o: FixedOffset| (local - o).and_utc();
    match zone() {
        Zone::Fixed(o) => fixed(o),
        Zone::System => match chrono::Local.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
            LocalResult::None => fixed(offset_at((local - chrono::Duration::hours(1)).and_utc())),
        },
    }
}

/// A stored time: an RFC 3339 timestamp (any offset) as its instant, or a plain date
/// (`2026-07-10`, a business date: no zone to convert).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    At(DateTime<Utc>),
    Day(NaiveDate),
}

/// Reads a stored time; `None` for anything else.
pub fn parse_stored(s: &str) -> Option<Stored> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(Stored::At(t.with_timezone(&Utc)));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .map(Stored::Day)
}

/// The list style of a local date-time: `2026-12-06 08:32`.
pub fn format_list(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// The F-tables' date style: `2026-07-10`.
pub fn format_table(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The letters' date style: `2026年7月10日`.
pub fn letter_date(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

/// The office's date of a stored time (a plain date as it is).
pub fn stored_date(s: &str) -> Option<NaiveDate> {
    parse_stored(s).map(|t| match t {
        Stored::At(t) => local_date(t),
        Stored::Day(d) => d,
    })
}

/// A stored timestamp for a list, in local time (`2026-12-06 08:32`); a plain date as
/// `2026-07-10`; anything else is shown as it is.
pub fn list_time(stored: &str) -> String {
    match parse_stored(stored) {
        Some(Stored::At(t)) => format_list(local(t)),
        Some(Stored::Day(d)) => format_table(d),
        None => stored.to_string(),
    }
}

/// A stored timestamp or date for an F-table: the office's date, `2026-07-10`.
pub fn table_date(stored: &str) -> String {
    stored_date(stored).map_or_else(|| stored.to_string(), format_table)
}

/// A stored timestamp or date for a letter: the office's date, `2026年7月10日`.
pub fn letter_date_of(stored: &str) -> String {
    stored_date(stored).map_or_else(|| stored.to_string(), letter_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn styles() {
        let d = NaiveDate::from_ymd_opt(2026, 7, 10).unwrap_or_default();
        assert_eq!(format_table(d), "2026-07-10");
        assert_eq!(letter_date(d), "2026年7月10日");
        let t = NaiveDate::from_ymd_opt(2026, 12, 6).and_then(|d| d.and_hms_opt(8, 32, 5));
        assert_eq!(format_list(t.unwrap_or_default()), "2026-12-06 08:32");
        // Plain dates are business dates: shown as they are in every zone.
        assert_eq!(list_time("2026-07-10"), "2026-07-10");
        assert_eq!(table_date("2026-07-10"), "2026-07-10");
        assert_eq!(letter_date_of("2026-07-10"), "2026年7月10日");
        assert_eq!(list_time("昨天"), "昨天");
    }

    #[cfg(unix)]
    #[test]
    fn the_zone_comes_from_tz_or_falls_back_to_china() {
        let fixed = |s: i32| Zone::Fixed(FixedOffset::east_opt(s).unwrap_or(Utc.fix()));
        assert_eq!(determine(Some("")), fixed(CHINA_STANDARD_TIME));
        assert_eq!(
            determine(Some("Nowhere/Atlantis")),
            fixed(CHINA_STANDARD_TIME)
        );
        assert_eq!(determine(Some("../etc/passwd")), fixed(CHINA_STANDARD_TIME));
        assert_eq!(determine(Some("CST-8")), Zone::System);
        assert_eq!(determine(Some("<+08>-8")), Zone::System);
        if !std::path::Path::new("/usr/share/zoneinfo/UTC").exists() {
            assert_eq!(determine(Some("UTC")), fixed(0));
        }
        if std::path::Path::new("/usr/share/zoneinfo/Asia/Shanghai").exists() {
            assert_eq!(determine(Some("Asia/Shanghai")), Zone::System);
        }
    }

    /// Runs this test binary again with `TZ` set, the child test checking what a 23:30 UTC
    /// timestamp shows there (chrono reads `TZ` per process; the zone is decided once).
    #[cfg(unix)]
    #[test]
    fn a_late_utc_timestamp_is_the_next_day_in_shanghai_and_the_same_day_in_utc() {
        let Ok(exe) = std::env::current_exe() else {
            panic!("no test binary")
        };
        for (tz, want) in [
            ("Asia/Shanghai", "2026-12-07 07:30|2026-12-07|2026年12月7日"),
            ("CST-8", "2026-12-07 07:30|2026-12-07|2026年12月7日"),
            ("UTC", "2026-12-06 23:30|2026-12-06|2026年12月6日"),
            (
                "Nowhere/Atlantis",
                "2026-12-07 07:30|2026-12-07|2026年12月7日",
            ),
        ] {
            let zone_file = std::path::Path::new("/usr/share/zoneinfo").join(tz);
            if tz.contains('/') && !tz.starts_with("Nowhere") && !zone_file.exists() {
                continue; // no zone files here: the fallback is tested with the unknown name
            }
            let out = std::process::Command::new(&exe)
                .args([
                    "time::tests::shown_in_the_zone_of_this_process",
                    "--exact",
                    "--ignored",
                    "--nocapture",
                ])
                .env("TZ", tz)
                .env("XIANJIE_TIME_WANT", want)
                .output();
            let Ok(out) = out else {
                panic!("could not run {}", exe.display())
            };
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success() && text.contains("1 passed"),
                "TZ={tz}: {text}{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }

    /// The child of the test above (ignored when run alone).
    #[test]
    #[ignore]
    fn shown_in_the_zone_of_this_process() {
        let Ok(want) = std::env::var("XIANJIE_TIME_WANT") else {
            return;
        };
        let stored = "2026-12-06T23:30:00Z";
        let got = format!(
            "{}|{}|{}",
            list_time(stored),
            table_date(stored),
            letter_date_of(stored)
        );
        assert_eq!(got, want, "TZ={:?}", std::env::var("TZ"));
        // And back: the office's midnight of the 7th is 16:00 UTC of the 6th in Shanghai.
        let midnight = NaiveDate::from_ymd_opt(2026, 12, 7)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        let back = local_to_utc(midnight);
        assert_eq!(local(back), midnight);
        assert_eq!(local(at(stored)).format("%H:%M").to_string(), &want[11..16]);
    }
}
