//! F1–F6 read back with calamine; the whole shape (cells, merges, drop-downs, print setup)
//! is snapshotted.

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use std::io::{Cursor, Read};
use xianjie::documents::tables::{f1, f2, f3, f4, f5, f6};

/// The workbook as text: every sheet's cell grid, its merges and its drop-downs, so that a
/// snapshot shows the whole shape of the table at a glance.
pub fn describe(bytes: &[u8]) -> String {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let mut out = String::new();
    let names = wb.sheet_names();
    for (i, name) in names.iter().enumerate() {
        out.push_str(&format!("== sheet {name}\n"));
        let range = wb.worksheet_range(name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (ri, row) in range.rows().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .map(|d| match d {
                    Data::String(s) => format!("{s:?}"),
                    Data::Float(f) => format!("{f}"),
                    Data::Int(n) => format!("{n}"),
                    Data::Empty => String::new(),
                    other => format!("{other:?}"),
                })
                .collect();
            out.push_str(&format!(
                "{:>3}: {}\n",
                r0 as usize + ri + 1,
                cells.join(" | ")
            ));
        }
        let _ = c0;
        let mut merges: Vec<String> = wb
            .merge_cells_by_sheet_name(name)
            .unwrap_or_default()
            .iter()
            .map(|d| format!("{:?}-{:?}", d.start, d.end))
            .collect();
        merges.sort();
        out.push_str(&format!("merges: {}\n", merges.join(", ")));
        out.push_str(&format!("validations: {}\n", validations(bytes, i + 1)));
        out.push_str(&format!("print titles: {}\n", print_titles(bytes, name)));
    }
    out
}

/// `sqref -> list` of every data validation in sheet N, read from the XML.
fn validations(bytes: &[u8], sheet: usize) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{sheet}.xml"))
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut out = Vec::new();
    for part in xml.split("<dataValidation ").skip(1) {
        let sqref = part
            .split("sqref=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("");
        let list = part
            .split("<formula1>")
            .nth(1)
            .and_then(|s| s.split("</formula1>").next())
            .unwrap_or("");
        out.push(format!("{sqref} {list}"));
    }
    let frozen = xml.contains("state=\"frozen\"");
    let a4 = xml.contains("paperSize=\"9\"");
    let landscape = xml.contains("orientation=\"landscape\"");
    format!(
        "[{}] frozen={frozen} a4={a4} landscape={landscape}",
        out.join("; ")
    )
}

/// The rows repeated on every printed page (the defined name `_xlnm.Print_Titles`).
fn print_titles(bytes: &[u8], sheet: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml.split("<definedName ")
        .skip(1)
        .filter(|d| d.contains("_xlnm.Print_Titles") && d.contains(sheet))
        .filter_map(|d| d.split('>').nth(1).and_then(|s| s.split('<').next()))
        .map(|s| s.rsplit('!').next().unwrap_or(s).to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn f1_rows() -> Vec<f1::F1Row> {
    vec![
        f1::F1Row {
            college: "信息科学与工程学院".into(),
            branch: "华东示范大学信息科学与工程学院2022级计算机1班团支部".into(),
            handler_name: "李老师".into(),
            handler_contact: "13800001111".into(),
            name: "王小明".into(),
            contact: "13912345678".into(),
            reason: "二战考研".into(),
            destination: f1::DESTINATIONS[0].into(),
            remark: String::new(),
        },
        f1::F1Row {
            college: "信息科学与工程学院".into(),
            branch: "华东示范大学信息科学与工程学院2022级计算机2班团支部".into(),
            handler_name: "李老师".into(),
            handler_contact: "13800001111".into(),
            name: "赵一".into(),
            contact: String::new(),
            reason: "没有就业".into(),
            destination: f1::DESTINATIONS[1].into(),
            remark: "联系方式待补".into(),
        },
    ]
}

#[test]
fn f1_matches_template() {
    let bytes = f1::workbook(&f1_rows(), "华东示范大学", "学院：信息科学与工程学院").unwrap();
    insta::assert_snapshot!(describe(&bytes));
}

#[test]
fn f1_empty_selection_is_a_valid_table_with_a_note() {
    let bytes = f1::workbook(&[], "", "学院：外语学院；届别：2026").unwrap();
    let text = describe(&bytes);
    assert!(
        text.contains("（无符合条件的记录：学院：外语学院；届别：2026）"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn f2_to_f6_match_templates() {
    let f2 = f2::table(
        &[f2::F2Row {
            name: "孙武".into(),
            branch: "华东示范大学体育学院2022级1班团支部".into(),
            submitted_at: "2026-06-12 10:30".into(),
            destination_unit: "参军入伍".into(),
        }],
        "",
    );
    let f3 = f3::table(
        &[f3::F3Row {
            branch: "华东示范大学外语学院2022级英语1班团支部".into(),
            correct_date: "2026年12月".into(),
            submitted_at: "2026-05-10 09:00".into(),
            state: f3::PENDING.into(),
        }],
        "",
    );
    let f4 = f4::table(
        &[f4::F4Row {
            name: "钱多多".into(),
            student_no: "10222000123".into(),
            college: "经济学院".into(),
            original_org: "华东示范大学经济学院2022级金融1班团支部".into(),
            transfer_type: "未就业".into(),
            province: "浙江省".into(),
            city: "温州市".into(),
            target_org: "共青团温州市鹿城区五马街道学社衔接临时团支部".into(),
            initiated: true,
            refusal_reason: "接收方以非本辖区户籍为由退回".into(),
            remark: String::new(),
        }],
        "",
    );
    let f5 = f5::table(
        &[f5::F5Row {
            province: "上海市".into(),
            branch: "华东示范大学数学学院2022级1班团支部".into(),
            name: "周周".into(),
            id_number: "11010120040301001X".into(),
            development_no: "310100123456".into(),
            occupied_by: "江苏省某中学团员吴某".into(),
        }],
        "",
    );
    let f6 = f6::table(
        &[f6::F6Row {
            name: "郑误录".into(),
            branch: "华东示范大学数学学院2022级1班团支部".into(),
            id_number: "110101200403010021".into(),
            reason: "非团员误录入".into(),
        }],
        "",
    );
    for (name, t) in [("f2", f2), ("f3", f3), ("f4", f4), ("f5", f5), ("f6", f6)] {
        let bytes = t.to_xlsx().unwrap();
        insta::assert_snapshot!(name, describe(&bytes));
    }
}

#[test]
fn id_and_development_numbers_stay_text() {
    let t = f5::table(
        &[f5::F5Row {
            id_number: "110101200403010021".into(),
            development_no: "000100123456".into(),
            ..Default::default()
        }],
        "",
    );
    let bytes = t.to_xlsx().unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("编号被占用汇总").unwrap();
    assert_eq!(
        range.get_value((1, 3)),
        Some(&Data::String("110101200403010021".into()))
    );
    assert_eq!(
        range.get_value((1, 4)),
        Some(&Data::String("000100123456".into()))
    );
}

/// LibreOffice opens every table: each converts to a PDF (skipped when LibreOffice is not
/// installed; `apt-get install libreoffice-calc-nogui`).
#[test]
fn libreoffice_opens_every_table() {
    let Ok(out) = std::process::Command::new("soffice")
        .arg("--version")
        .output()
    else {
        eprintln!("soffice missing: LibreOffice check skipped");
        return;
    };
    if !out.status.success() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("f1", f1::workbook(&f1_rows(), "华东示范大学", "").unwrap()),
        ("f2", f2::table(&[], "").to_xlsx().unwrap()),
        ("f3", f3::table(&[], "").to_xlsx().unwrap()),
        ("f4", f4::table(&[], "").to_xlsx().unwrap()),
        ("f5", f5::table(&[], "").to_xlsx().unwrap()),
        ("f6", f6::table(&[], "").to_xlsx().unwrap()),
    ];
    let mut cmd = std::process::Command::new("soffice");
    // A private profile: parallel test runs must not share LibreOffice's lock.
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("profile").display()
    ))
    .args(["--headless", "--convert-to", "pdf", "--outdir"])
    .arg(dir.path());
    for (name, bytes) in &files {
        let p = dir.path().join(format!("{name}.xlsx"));
        std::fs::write(&p, bytes).unwrap();
        cmd.arg(p);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (name, _) in &files {
        let pdf = std::fs::read(dir.path().join(format!("{name}.pdf"))).unwrap();
        assert!(pdf.starts_with(b"%PDF"), "{name}");
    }
}

/// Issue 16: three colleges' F1 files merged into one F1 of the template's shape (rows in the
/// files' order); a file whose column was renamed or moved is refused, naming it and the column.
#[test]
fn merge_gives_one_f1_and_refuses_a_changed_header() {
    use xianjie::documents::merge;
    use xianjie::service::tables::export::Form;
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (k, college) in ["甲学院", "乙学院", "丙学院"].iter().enumerate() {
        let rows: Vec<f1::F1Row> = f1_rows()
            .into_iter()
            .take(k + 1)
            .map(|mut r| {
                r.college = college.to_string();
                r.name = format!("{}{}", r.name, k);
                r
            })
            .collect();
        let p = dir.path().join(format!("{college}.xlsx"));
        std::fs::write(&p, f1::workbook(&rows, "华东示范大学", "").unwrap()).unwrap();
        files.push(p);
    }
    let m = merge::merge(Form::F1, &files, "华东示范大学").unwrap();
    assert_eq!(m.rows, 1 + 2 + 2);
    assert_eq!(m.files.iter().map(|f| f.1).collect::<Vec<_>>(), [1, 2, 2]);
    let merged = describe(&m.bytes);
    let whole = describe(&f1::workbook(&f1_rows(), "华东示范大学", "").unwrap());
    // The template's rows above the data (title, notes, header) are the same.
    let top = |d: &str| d.lines().take(3).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(top(&merged), top(&whole));
    insta::assert_snapshot!(merged);
    // F1 has no ID numbers: the same name in the same branch in two files is reported.
    let again = dir.path().join("再交一次.xlsx");
    std::fs::copy(&files[0], &again).unwrap();
    let twice = merge::merge(Form::F1, &[files[0].clone(), again], "华东示范大学").unwrap();
    assert_eq!(twice.duplicates.len(), 1, "{:?}", twice.duplicates);
    assert!(
        twice.duplicates[0].id_number.starts_with("王小明0（"),
        "{:?}",
        twice.duplicates
    );
    assert_eq!(twice.duplicates[0].places.len(), 2);

    // A renamed column.
    let mut t = f1::table(&f1_rows(), "华东示范大学", "");
    t.header[2] = xianjie::documents::tables::HeaderCell::plain("负责人姓名");
    let renamed = dir.path().join("改了表头.xlsx");
    std::fs::write(&renamed, f1::workbook_of(&t).unwrap()).unwrap();
    let e = merge::merge(Form::F1, &[files[0].clone(), renamed], "华东示范大学").unwrap_err();
    assert!(
        e.message.contains("改了表头.xlsx") && e.message.contains("C 列"),
        "{}",
        e.message
    );
    // A moved column.
    let mut t = f1::table(&f1_rows(), "华东示范大学", "");
    t.header.swap(4, 5);
    let moved = dir.path().join("挪了列.xlsx");
    std::fs::write(&moved, f1::workbook_of(&t).unwrap()).unwrap();
    let e = merge::merge(Form::F1, &[moved], "华东示范大学").unwrap_err();
    assert!(
        e.message.contains("挪了列.xlsx") && e.message.contains("E 列"),
        "{}",
        e.message
    );
    // Another template.
    let f2 = dir.path().join("F2.xlsx");
    std::fs::write(&f2, f2::table(&[], "").to_xlsx().unwrap()).unwrap();
    let e = merge::merge(Form::F1, &[f2], "华东示范大学").unwrap_err();
    assert!(e.message.contains("找不到"), "{}", e.message);
}
