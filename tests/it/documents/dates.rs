//! One clock, the office's (#23): a time stored in UTC is written in the PC's zone, in each
//! document's one style — F-tables `2026-07-11`, letters `2026年7月11日`. The CLI runs with
//! `TZ` set, as an office in China would be.

use std::path::Path;
use std::process::Command;
use xianjie::date::YearMonth;

/// A demo store at `db` with one G4 request submitted at 23:30 UTC on 2026-07-10.
fn store_with_a_late_request(db: &Path) {
    xianjie::service::demo::college::create(db, "测试").unwrap();
    let mut s = xianjie::store::Store::open(db).unwrap();
    let top = s.single_top_org().unwrap().unwrap();
    let branch = s
        .orgs()
        .unwrap()
        .into_iter()
        .find(|o| {
            o.level == xianjie::org::OrgLevel::Branch
                && o.graduation.is_some_and(|g| g.label().contains('年'))
        })
        .unwrap();
    s.request_graduation_change(
        top.id,
        branch.id,
        YearMonth::new(2026, 12).unwrap(),
        "学制调整",
        "测试",
    )
    .unwrap();
    s.inspect()
        .execute(
            "UPDATE graduation_changes SET submitted_at = '2026-07-10T23:30:00Z'",
            [],
        )
        .unwrap();
}

/// F3's 提交时间 for the request, as the CLI writes it with `TZ`.
fn f3_submitted(db: &Path, tz: &str) -> String {
    let out = db.with_file_name(format!("F3-{}.xlsx", tz.replace('/', "-")));
    let o = Command::new(env!("CARGO_BIN_EXE_xianjie"))
        .args(["--db"])
        .arg(db)
        .args(["table", "f3", "--out"])
        .arg(&out)
        .env("TZ", tz)
        .env("XIANJIE_OPERATOR", "测试")
        .env_remove("XIANJIE_DB")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let grid = xianjie_sheet::grid::read_as_written(&out).unwrap();
    let row = grid[0]
        .rows
        .iter()
        .find(|r| r.iter().any(|c| c == "2026-12"))
        .unwrap_or_else(|| panic!("{:?}", grid[0].rows));
    row.iter()
        .find(|c| c.starts_with("2026-07"))
        .cloned()
        .unwrap_or_default()
}

#[test]
#[cfg_attr(
    windows,
    ignore = "TZ is a Unix convention: Windows takes the zone from the system settings"
)]
fn f3_writes_the_offices_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    store_with_a_late_request(&db);
    // 23:30 UTC is the next morning in China.
    assert_eq!(f3_submitted(&db, "Asia/Shanghai"), "2026-07-11");
    assert_eq!(f3_submitted(&db, "UTC"), "2026-07-10");
}

/// Each document writes dates one way: every F-table's dates look like 2026-07-10 (a month
/// like 2026-12), a letter's like 2026年7月10日.
#[test]
fn one_date_style_per_document() {
    use xianjie::time::{format_table, letter_date};
    let d = chrono::NaiveDate::from_ymd_opt(2026, 7, 10).unwrap();
    assert_eq!(format_table(d), "2026-07-10");
    assert_eq!(letter_date(d), "2026年7月10日");
    assert_eq!(
        xianjie::service::letters::register::chinese_date(d),
        letter_date(d)
    );
}
