//! Integration tests of the roster area: reading, validation, the messy and demo fixtures.

use crate::root;
use std::collections::BTreeSet;
use xianjie::roster::synth::messy;
use xianjie::roster::validate::{check, Checked};
use xianjie::roster::workbook::{self, Table};

fn table(rel: &str) -> Table {
    workbook::read(&root().join(rel), None, &[]).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn letter(column: &str) -> String {
    column
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .collect()
}

fn messy_check(ext: &str) -> (Table, Checked) {
    let t = table(&format!("fixtures/roster/messy-roster.{ext}"));
    let c = check(&t);
    (t, c)
}

#[test]
fn messy_roster_reports_every_bad_row_with_row_and_column() {
    for ext in ["xlsx", "xls"] {
        let (t, c) = messy_check(ext);
        assert_eq!(t.header_row, 3, "{ext}");
        assert_eq!(t.first_data_row, 3, "{ext}");
        let got: BTreeSet<(u32, String)> = c
            .errors
            .iter()
            .map(|e| (e.row, letter(&e.column)))
            .collect();
        let want: BTreeSet<(u32, String)> = messy::EXPECTED
            .iter()
            .map(|(r, col, _)| (*r, col.to_string()))
            .collect();
        assert_eq!(got, want, "{ext}: {:#?}", c.errors);
        for (r, col, fragment) in messy::EXPECTED {
            let e = c
                .errors
                .iter()
                .find(|e| e.row == *r && letter(&e.column) == *col)
                .unwrap_or_else(|| panic!("{ext}: no error at {col}{r}"));
            assert!(
                e.message.contains(fragment),
                "{ext} {col}{r}: {}",
                e.message
            );
        }
        let valid: Vec<u32> = c.valid.iter().map(|v| v.row).collect();
        assert_eq!(valid, messy::VALID_ROWS, "{ext}");
        let warned: Vec<(u32, String)> = c
            .warnings
            .iter()
            .map(|w| (w.row, letter(&w.column)))
            .collect();
        let want_warn: Vec<(u32, String)> = messy::WARNINGS
            .iter()
            .map(|(r, c)| (*r, c.to_string()))
            .collect();
        assert_eq!(warned, want_warn, "{ext}");
        assert_eq!(c.rows, 36, "{ext}");
    }
}

#[test]
fn xls_and_xlsx_read_the_same_rows() {
    for stem in ["fixtures/roster/messy-roster", "fixtures/demo/demo-roster"] {
        let a = check(&table(&format!("{stem}.xlsx")));
        let b = check(&table(&format!("{stem}.xls")));
        assert_eq!(a.valid, b.valid, "{stem}");
        assert_eq!(a.errors, b.errors, "{stem}");
        assert_eq!(a.warnings, b.warnings, "{stem}");
    }
}

#[test]
fn demo_roster_is_clean() {
    let c = check(&table("fixtures/demo/demo-roster.xlsx"));
    assert!(c.errors.is_empty(), "{:#?}", c.errors);
    assert_eq!(c.valid.len(), c.rows);
    assert!((290..=310).contains(&c.rows), "{}", c.rows);
}
