//! The F4/F5 ledgers and their filters.

use xianjie::documents::tables::{f4::F4Row, f5::F5Row};
use xianjie::store::ledgers::{self, DevnoConflict, SpecialCase, SpecialKind};
use xianjie::store::Store;

#[test]
fn special_cases_and_conflicts_feed_f4_and_f5_with_filters() {
    let mut c = Store::open_in_memory().unwrap();
    for (name, college, year) in [
        ("甲", "经济学院", 2026),
        ("乙", "外语学院", 2026),
        ("丙", "经济学院", 2025),
    ] {
        ledgers::record_special_case(
            &mut c,
            &SpecialCase {
                member_id: None,
                branch_id: None,
                cohort_year: Some(year),
                kind: SpecialKind::Returned,
                row: F4Row {
                    name: name.into(),
                    college: college.into(),
                    original_org: format!("{college}2022级1班团支部"),
                    initiated: true,
                    ..Default::default()
                },
            },
            "李老师",
        )
        .unwrap();
    }
    let rows = ledgers::special_case_rows(&c, Some("经济学院"), None, Some(2026)).unwrap();
    assert_eq!(
        rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["甲"]
    );
    let rows = ledgers::special_case_rows(&c, None, Some("外语"), None).unwrap();
    assert_eq!(rows.len(), 1);
    assert!(ledgers::record_special_case(
        &mut c,
        &SpecialCase {
            member_id: None,
            branch_id: None,
            cohort_year: None,
            kind: SpecialKind::Stuck,
            row: F4Row::default(),
        },
        "李老师",
    )
    .is_err());
    ledgers::record_devno_conflict(
        &mut c,
        &DevnoConflict {
            member_id: None,
            college: "数学学院".into(),
            cohort_year: Some(2026),
            row: F5Row {
                province: "上海市".into(),
                branch: "数学学院2022级1班团支部".into(),
                name: "周周".into(),
                id_number: "110101200403010021".into(),
                development_no: "000100123456".into(),
                occupied_by: "某中学团员吴某".into(),
            },
        },
        "李老师",
    )
    .unwrap();
    let f5 = ledgers::devno_conflict_rows(&c, Some("数学学院"), None, Some(2026)).unwrap();
    assert_eq!(f5[0].development_no, "000100123456");
}
