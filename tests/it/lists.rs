//! The lists exported for Excel (#18, "everything exportable"): the graduate list, the due
//! list and the graduates behind the rates, read back as a secretary's Excel would.

use calamine::{open_workbook_auto, Data, Reader};
use chrono::NaiveDate;
use std::path::Path;
use xianjie::service::scope::Scope;
use xianjie::service::{demo, lists, Clock};
use xianjie::transfer::Unit;

fn sheet(path: &Path) -> Vec<Vec<Data>> {
    let mut book = open_workbook_auto(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        _ => String::new(),
    }
}

#[test]
fn graduates_due_and_rates_read_back_with_their_rows() {
    let dir = tempfile::tempdir().unwrap();
    let on = NaiveDate::from_ymd_opt(2026, 7, 20).unwrap();
    let (mut ctx, _) =
        demo::create(&dir.path().join("d.db"), Some("测试"), Clock::Fixed(on)).unwrap();
    let graduates = ctx.graduates(2026, on).unwrap().len();

    let g = dir.path().join("毕业生 名单.xlsx");
    assert_eq!(
        lists::graduates_xlsx(&mut ctx, 2026, on, &g).unwrap(),
        graduates
    );
    let rows = sheet(&g);
    let header: Vec<String> = rows[1].iter().map(text).collect();
    assert_eq!(header[..3], ["姓名", "身份证号", "学号"]);
    assert!(header.contains(&"转接状态".to_string()));
    assert_eq!(rows.len() - 2, graduates);
    // ID numbers stay text: 18 characters, never 1.2E+17.
    assert!(rows[2..]
        .iter()
        .all(|r| matches!(&r[1], Data::String(s) if s.len() == 18)));
    assert!(rows[2..].iter().any(|r| text(&r[9]) == "暂不能转接"));

    let due = dir.path().join("待办.xlsx");
    let n = lists::due_xlsx(&ctx, 2026, &Scope::Here(Unit::School), on, &due).unwrap();
    assert!(n > 0);
    let rows = sheet(&due);
    assert_eq!(rows.len() - 2, n);
    assert!(text(&rows[2][6]).starts_with('W') || text(&rows[2][6]).starts_with('L'));

    let rates = dir.path().join("衔接率.xlsx");
    let n = lists::rates_xlsx(&ctx, 2026, &Scope::Here(Unit::School), on, &rates).unwrap();
    let rows = sheet(&rates);
    assert_eq!(rows.len() - 2, n);
    assert!(text(&rows[0][0]).contains("学社衔接率"));
    let done = rows[2..]
        .iter()
        .filter(|r| text(&r[4]).contains("分子"))
        .count();
    assert!(done > 0 && done < n);
}
