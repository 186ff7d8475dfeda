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
        lists::graduates_xlsx(&mut ctx, 2026, on, &g, true).unwrap(),
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

/// Issue 25: the lists need no full ID number. The graduate list masks them (first 6, last 4)
/// unless asked for the full ones, and its title says which; the due and rate lists hold none
/// and say so.
#[test]
fn lists_mask_id_numbers_unless_asked_and_say_which() {
    let dir = tempfile::tempdir().unwrap();
    let on = NaiveDate::from_ymd_opt(2026, 7, 20).unwrap();
    let (mut ctx, _) =
        demo::create(&dir.path().join("d.db"), Some("测试"), Clock::Fixed(on)).unwrap();
    let grads = ctx.graduates(2026, on).unwrap();
    let full: std::collections::HashSet<String> = grads
        .iter()
        .map(|g| g.member.id_number.as_str().to_string())
        .collect();
    let masked: std::collections::HashSet<String> =
        grads.iter().map(|g| g.member.id_number.masked()).collect();

    let out = dir.path().join("脱敏.xlsx");
    lists::graduates_xlsx(&mut ctx, 2026, on, &out, false).unwrap();
    let rows = sheet(&out);
    assert!(
        text(&rows[0][0]).contains("身份证号已脱敏"),
        "{:?}",
        rows[0]
    );
    for r in &rows[2..] {
        let id = text(&r[1]);
        assert!(masked.contains(&id) && !full.contains(&id), "{id}");
        assert_eq!(&id[6..14], "********");
    }
    // Nowhere in the file's bytes either (the sheet's shared strings).
    let bytes = std::fs::read(&out).unwrap();
    let xml = unzip_text(&bytes);
    assert!(full.iter().all(|id| !xml.contains(id.as_str())));

    let out = dir.path().join("完整.xlsx");
    lists::graduates_xlsx(&mut ctx, 2026, on, &out, true).unwrap();
    let rows = sheet(&out);
    assert!(
        text(&rows[0][0]).contains("含完整身份证号"),
        "{:?}",
        rows[0]
    );
    assert!(rows[2..].iter().all(|r| full.contains(&text(&r[1]))));

    // The CLI's flag, and the default.
    let db = dir.path().join("d.db");
    for (args, says) in [
        (vec![], "身份证号已脱敏"),
        (vec!["--full-id-numbers"], "含完整身份证号"),
    ] {
        let out = dir.path().join(format!("cli{}.xlsx", args.len()));
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_xianjie"))
            .env("XIANJIE_TODAY", "2026-07-20")
            .arg("--db")
            .arg(&db)
            .args(["graduates", "--year", "2026", "--xlsx"])
            .arg(&out)
            .args(&args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stdout).contains(says));
        assert!(text(&sheet(&out)[0][0]).contains(says));
    }

    let due = dir.path().join("待办.xlsx");
    lists::due_xlsx(&ctx, 2026, &Scope::Here(Unit::School), on, &due).unwrap();
    assert!(text(&sheet(&due)[0][0]).contains("不含身份证号"));
    let rates = dir.path().join("衔接率.xlsx");
    lists::rates_xlsx(&ctx, 2026, &Scope::Here(Unit::School), on, &rates).unwrap();
    assert!(text(&sheet(&rates)[0][0]).contains("不含身份证号"));
}

/// Every text part of an .xlsx (a zip of XML files), concatenated.
fn unzip_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        let _ = f.read_to_string(&mut s);
        out.push_str(&s);
    }
    out
}
