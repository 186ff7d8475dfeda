//! Every F-table prints legibly (issue 23): 40 rows of the demo college with its long org
//! names, converted by LibreOffice to PDF as a secretary's "print" would, and no text below
//! 9 pt. Sizes are read with `pdftohtml -xml -zoom 1`, whose `fontspec` sizes are the text's
//! size on the page in points after every scaling (the print scale included; checked below
//! against a sheet forced to shrink). Skipped, saying so, when LibreOffice or poppler is absent.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use xianjie::documents::tables::{f1, f2, f3, f4, f5, f6, Table};
use xianjie::service::{demo, Clock};

/// The smallest text size on any page of the PDF, in points, and the page count.
fn smallest_text(pdf: &Path) -> (f64, usize) {
    let out = std::process::Command::new("pdftohtml")
        .args(["-xml", "-i", "-q", "-zoom", "1", "-stdout"])
        .arg(pdf)
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftohtml {}", pdf.display());
    let xml = String::from_utf8_lossy(&out.stdout);
    // Fonts actually used by a text element.
    let used: Vec<&str> = xml
        .split("<text ")
        .skip(1)
        .filter_map(|t| t.split("font=\"").nth(1)?.split('"').next())
        .collect();
    let min = xml
        .split("<fontspec ")
        .skip(1)
        .filter_map(|f| {
            let id = f.split("id=\"").nth(1)?.split('"').next()?;
            let size: f64 = f.split("size=\"").nth(1)?.split('"').next()?.parse().ok()?;
            used.contains(&id).then_some(size)
        })
        .fold(f64::INFINITY, f64::min);
    (min, xml.matches("<page ").count())
}

fn tools_present() -> bool {
    let ok = |c: &str, a: &str| {
        std::process::Command::new(c)
            .arg(a)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    ok("soffice", "--version") && ok("pdftohtml", "-v")
}

/// Converts the named workbooks to PDF in `dir` with one LibreOffice run.
fn to_pdf(dir: &Path, files: &[(String, Vec<u8>)]) -> Vec<PathBuf> {
    let mut cmd = std::process::Command::new("soffice");
    // A private profile: parallel test runs must not share LibreOffice's lock.
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    ))
    .args(["--headless", "--convert-to", "pdf", "--outdir"])
    .arg(dir);
    for (name, bytes) in files {
        let p = dir.join(format!("{name}.xlsx"));
        std::fs::write(&p, bytes).unwrap();
        cmd.arg(p);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    files
        .iter()
        .map(|(name, _)| dir.join(format!("{name}.pdf")))
        .collect()
}

/// Each form with 40 rows of the demo college: its real branches, names and numbers, and
/// the long org names and reasons real offices write.
fn forms(dir: &Path) -> Vec<(String, Table)> {
    let on = NaiveDate::from_ymd_opt(2026, 7, 20).unwrap();
    let (mut ctx, _) = demo::create(&dir.join("demo.db"), Some("测试"), Clock::Fixed(on)).unwrap();
    let grads: Vec<_> = ctx
        .graduates(2026, on)
        .unwrap()
        .iter()
        .take(40)
        .cloned()
        .collect();
    assert_eq!(grads.len(), 40);
    let college = "信息工程学院".to_string();
    let receiver = "共青团湖北省襄阳市樊城区米公街道办事处学社衔接临时团支部（流动团员团支部）";
    let mut t1 = Vec::new();
    let mut t2 = Vec::new();
    let mut t3 = Vec::new();
    let mut t4 = Vec::new();
    let mut t5 = Vec::new();
    let mut t6 = Vec::new();
    for (i, g) in grads.iter().enumerate() {
        let m = &g.member;
        let branch = g.branch.full_name.clone();
        let mobile = m.mobile.clone().unwrap_or_default();
        t1.push(f1::F1Row {
            college: college.clone(),
            branch: branch.clone(),
            handler_name: "李文".into(),
            handler_contact: "027-88880000，13800001111".into(),
            name: m.name.clone(),
            contact: mobile.clone(),
            reason: "工作单位未确定具体转接流程，单位要求先收档案后再办理团组织关系".into(),
            destination: f1::DESTINATIONS[i % 3].into(),
            remark: "暂不能转接：团员身份认证未完成（M7）；已提醒本人上传入团志愿书".into(),
        });
        t2.push(f2::F2Row {
            name: m.name.clone(),
            branch: branch.clone(),
            submitted_at: if i % 4 == 0 {
                String::new()
            } else {
                "2026-06-12".into()
            },
            destination_unit: "参军入伍（中国人民解放军某部，部队名称涉密，按规定只填写去向）"
                .into(),
        });
        t3.push(f3::F3Row {
            branch: branch.clone(),
            correct_date: "2027年1月".into(),
            submitted_at: "2026-05-10 09:00".into(),
            state: [f3::PENDING, f3::APPROVED][i % 2].into(),
        });
        t4.push(f4::F4Row {
            name: m.name.clone(),
            student_no: m.student_no.clone().unwrap_or_default(),
            college: college.clone(),
            original_org: branch.clone(),
            transfer_type: "未就业（未升学或未落实就业去向）".into(),
            province: "湖北省".into(),
            city: "襄阳市".into(),
            target_org: receiver.into(),
            initiated: i % 3 != 0,
            refusal_reason:
                "接收方以非本辖区户籍为由退回，已与街道团工委沟通，待其上级协调后重新发起".into(),
            remark: "本人已回生源地，联系电话已核实".into(),
        });
        t5.push(f5::F5Row {
            province: "湖北省".into(),
            branch: branch.clone(),
            name: m.name.clone(),
            id_number: m.id_number.as_str().to_string(),
            development_no: m.development_no.clone().unwrap_or_else(|| "无".into()),
            occupied_by: "湖北省宜昌市某中学2019届团员吴某（已联系该校团委核实）".into(),
        });
        t6.push(f6::F6Row {
            name: m.name.clone(),
            branch,
            id_number: m.id_number.as_str().to_string(),
            reason: "其他情况（转往北京智慧团建系统，经校团委确认：已在北京市团委系统内注册）"
                .into(),
        });
    }
    vec![
        ("F1".into(), f1::table(&t1, "星河大学", "")),
        ("F2".into(), f2::table(&t2, "")),
        ("F3".into(), f3::table(&t3, "")),
        ("F4".into(), f4::table(&t4, "")),
        ("F5".into(), f5::table(&t5, "")),
        ("F6".into(), f6::table(&t6, "")),
    ]
}

#[test]
fn every_table_prints_at_nine_points_or_more() {
    if !tools_present() {
        eprintln!(
            "soffice or pdftohtml missing (apt-get install libreoffice-calc-nogui poppler-utils): print check skipped"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<(String, Vec<u8>)> = forms(dir.path())
        .into_iter()
        .map(|(name, t)| {
            let bytes = if name == "F1" {
                f1::workbook_of(&t).unwrap()
            } else {
                t.to_xlsx().unwrap()
            };
            (name, bytes)
        })
        .collect();
    // The method's own check: a sheet whose columns are far too wide for the page is
    // scaled down to fit its width, and the sizes read back must show it.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for c in 0..12u16 {
        ws.write_string(0, c, "很长的文字".repeat(4)).unwrap();
        ws.set_column_width(c, 45).unwrap();
    }
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    files.push(("shrunk".into(), wb.save_to_buffer().unwrap()));

    let pdfs = to_pdf(dir.path(), &files);
    let (shrunk, _) = smallest_text(pdfs.last().unwrap());
    assert!(
        shrunk < 8.0,
        "the method must see a shrunk sheet's small text (read {shrunk} pt)"
    );
    // `XIANJIE_PRINT_DIR=…` keeps the PDFs to look at.
    if let Some(keep) = std::env::var_os("XIANJIE_PRINT_DIR") {
        for pdf in &pdfs {
            let _ = std::fs::copy(pdf, Path::new(&keep).join(pdf.file_name().unwrap()));
            let xlsx = pdf.with_extension("xlsx");
            let _ = std::fs::copy(&xlsx, Path::new(&keep).join(xlsx.file_name().unwrap()));
        }
    }
    for ((name, _), pdf) in files.iter().zip(&pdfs).take(6) {
        let (min, pages) = smallest_text(pdf);
        eprintln!("{name}: {pages} pages, smallest text {min} pt");
        assert!(pages >= 1, "{name}");
        assert!(min >= 9.0, "{name} prints text at {min} pt (< 9 pt)");
    }
}
