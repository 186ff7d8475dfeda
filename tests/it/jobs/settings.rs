//! 设置 (`service::settings`): one record both doors load, check and save — the office's
//! details, 学校类型, the letter number's digits, backups kept and the operator.

use std::path::Path;
use xianjie::service::office::OfficeInput;
use xianjie::service::settings::{check, load, save, Settings};
use xianjie::service::{Clock, Context, Paths};

fn ctx(dir: &Path) -> Context {
    Context::open(Paths::in_dir(dir, None), None, Clock::System).unwrap()
}

fn office(f: impl FnOnce(&mut OfficeInput)) -> Settings {
    let mut s = Settings::default();
    f(&mut s.office);
    s
}

#[test]
fn missing_file_is_defaults_and_save_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = ctx(dir.path());
    assert_eq!(load(&c).unwrap(), Settings::default());
    let mut s = office(|o| {
        o.college = " 示例大学 ".into();
        o.committee_full_name = "共青团示例大学委员会".into();
        o.postcode = "430000".into();
        o.mobile = "13800000000".into();
        o.office_phone = "027-88880000".into();
    });
    s.operator = " 李老师 ".into();
    s.school_kind = "secondary_vocational".into();
    s.letter_digits = 4;
    s.backups_kept = 7;
    let saved = save(&mut c, &s).unwrap();
    assert_eq!(saved.office.college, "示例大学");
    assert_eq!(saved.operator, "李老师");
    assert_eq!(saved.school_kind, "secondary_vocational");
    assert_eq!((saved.letter_digits, saved.backups_kept), (4, 7));
    assert_eq!(c.operator(), "李老师");
    drop(c);
    assert_eq!(load(&ctx(dir.path())).unwrap(), saved, "kept across opens");
}

#[test]
fn bad_fields_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = ctx(dir.path());
    let path = c.paths().settings.clone();
    let s = office(|o| o.postcode = "43000".into());
    let e = save(&mut c, &s).unwrap_err();
    assert!(e.message.contains("邮政编码"), "{}", e.message);
    assert!(!path.exists());
    let s = office(|o| o.mobile = "2380000000".into());
    assert!(save(&mut c, &s).unwrap_err().message.contains("手机"));
    // Every field's problem at once, named by field, for the form.
    let mut s = office(|o| o.postcode = "1".into());
    s.letter_digits = 9;
    s.school_kind = "moon".into();
    s.backups_kept = 0;
    let fields: Vec<String> = check(&s).into_iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        ["postcode", "school_kind", "letter_digits", "backups_kept"]
    );
    assert!(save(&mut c, &s).is_err());
    assert!(!path.exists());
}

/// Before the store kept them, the office's details were in settings.json: adopted once.
#[test]
fn legacy_settings_are_adopted_by_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let old = r#"{"college":"旧学院","committee_full_name":"共青团旧学院委员会","handler":"王老师","office_phone":"","mobile":"13900000000","address":"","postcode":"","operator":"王老师"}"#;
    std::fs::write(dir.path().join("settings.json"), old).unwrap();
    let c = ctx(dir.path());
    let s = load(&c).unwrap();
    assert_eq!(s.office.college, "旧学院");
    assert_eq!(s.office.committee_full_name, "共青团旧学院委员会");
    assert_eq!(
        (s.office.handler.as_str(), s.office.mobile.as_str()),
        ("王老师", "13900000000")
    );
    assert_eq!(s.operator, "王老师");
}

/// The operator saved in 设置 is the one every door writes to the audit log on this PC: a
/// context opened without a name (the CLI without `--operator`) reads it.
#[test]
fn the_saved_operator_is_both_doors_operator() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = ctx(dir.path());
    let mut s = load(&c).unwrap();
    s.operator = "赵老师".into();
    save(&mut c, &s).unwrap();
    assert_eq!(ctx(dir.path()).operator(), "赵老师");
    let named = Context::open(
        Paths::in_dir(dir.path(), None),
        Some("钱老师"),
        Clock::System,
    );
    assert_eq!(named.unwrap().operator(), "钱老师");
}
