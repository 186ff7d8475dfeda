//! Documents: tables F1–F6 read back with calamine and snapshotted; letters rendered, their
//! text extracted and checked part by part.

#![allow(clippy::unwrap_used, clippy::expect_used)]

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

/// The text of one region of page `page` (points from the top-left), via pdftotext; `None`
/// when poppler-utils is not installed.
fn pdf_text(pdf: &[u8], page: u32, region: Option<(u32, u32)>) -> Option<String> {
    pdf_text_in(pdf, page, region.map(|(y0, y1)| (80, y0, 527, y1)))
}

/// As [`pdf_text`], in the rectangle (x0, y0, x1, y1).
fn pdf_text_in(pdf: &[u8], page: u32, rect: Option<(u32, u32, u32, u32)>) -> Option<String> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("l.pdf");
    std::fs::write(&path, pdf).ok()?;
    let mut cmd = std::process::Command::new("pdftotext");
    cmd.args(["-f", &page.to_string(), "-l", &page.to_string()]);
    if let Some((x0, y0, x1, y1)) = rect {
        cmd.args(["-x", &x0.to_string(), "-y", &y0.to_string()]);
        cmd.args(["-W", &(x1 - x0).to_string(), "-H", &(y1 - y0).to_string()]);
    }
    let out = cmd.arg(&path).arg("-").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).replace([' ', '\n', '\u{c}'], ""))
}

const STUB: (u32, u32) = (0, 226);
const ORIGINAL: (u32, u32) = (256, 590);
const RECEIPT: (u32, u32) = (600, 842);

#[test]
fn letter_has_every_field_in_the_right_part() -> xianjie::Result<()> {
    let l = sample_letter();
    let bytes = letter::render_letter(&l)?;
    assert!(bytes.starts_with(b"%PDF"));
    std::fs::write(std::env::temp_dir().join("xianjie_letter.pdf"), &bytes)?;
    let Some(stub) = pdf_text(&bytes, 1, Some(STUB)) else {
        eprintln!("pdftotext missing (apt-get install poppler-utils): text checks skipped");
        return Ok(());
    };
    let original = pdf_text(&bytes, 1, Some(ORIGINAL)).unwrap_or_default();
    let receipt = pdf_text(&bytes, 1, Some(RECEIPT)).unwrap_or_default();
    let title = "中国共产主义青年团团员组织关系介绍信";
    for part in [&stub, &original, &receipt] {
        assert!(part.contains(title), "{part}");
        assert!(part.contains("2026年007号"), "{part}");
    }
    for (y0, y1, label, part) in [
        (STUB.0, STUB.1, "存根", "第一联"),
        (ORIGINAL.0, ORIGINAL.1, "正本", "第二联"),
        (RECEIPT.0, RECEIPT.1, "回执", "第三联"),
    ] {
        assert_eq!(
            pdf_text_in(&bytes, 1, Some((0, y0, 80, y1))).as_deref(),
            Some(label)
        );
        assert_eq!(
            pdf_text_in(&bytes, 1, Some((527, y0, 595, y1))).as_deref(),
            Some(part)
        );
    }
    // 第一联 存根
    for s in [
        "共青团杭州市西湖区转塘街道学社衔接临时团支部：",
        "王小明同志系中国共产主义青年团团员，团组织关系由共青团华东示范大学信息科学与工程学院委员会转到共青团杭州市西湖区转塘街道学社衔接临时团支部。",
        "团员档案：", "继续保存", "随学籍（人事）档案转递", "邮寄转递", "本人自带", "其他：",
        "转出经办人：李老师", "团员本人联系电话：13912345678", "2026年6月20日",
    ] {
        assert!(stub.contains(s), "存根 lacks {s}: {stub}");
    }
    // 第二联 正本
    for s in [
        "王小明同志（男），22岁，汉族，系中国共产主义青年团团员，身份证号码11010120040301001X，团员发展编号310100123456（12位），因毕业原因，由共青团华东示范大学信息科学与工程学院委员会转入你处，请接收其团组织关系，该同志团费交至2026年6月。（有效期90天）",
        "（转出团委盖章）", "2026年6月20日", "团员本人联系电话：13912345678",
        "转出团委联系电话：021-55550000，13800001111", "转出经办人：李老师",
        "转出团委通讯地址：上海市普陀区示范路100号信息楼201室", "邮编：200062",
    ] {
        assert!(original.contains(s), "正本 lacks {s}: {original}");
    }
    // 第三联 回执
    for s in [
        "共青团华东示范大学信息科学与工程学院委员会：",
        "王小明同志的团员组织关系已转达我处，特此回复。",
        "转入经办人：",
        "联系电话：",
        "（转入团委盖章）",
        "年月日",
    ] {
        assert!(receipt.contains(s), "回执 lacks {s}: {receipt}");
    }
    let band = pdf_text_in(&bytes, 1, Some((0, 226, 595, 256))).unwrap_or_default();
    assert!(band.contains("（加盖骑缝章）"), "{band}");
    Ok(())
}

#[test]
fn missing_development_number_prints_wu_never_blank() -> xianjie::Result<()> {
    let mut l = sample_letter();
    l.development_no = None;
    let bytes = letter::render_letter(&l)?;
    if let Some(original) = pdf_text(&bytes, 1, Some(ORIGINAL)) {
        assert!(original.contains("团员发展编号无（12位）"), "{original}");
    }
    Ok(())
}

#[test]
fn long_names_wrap_or_shrink_but_stay_on_the_page() -> xianjie::Result<()> {
    let mut l = sample_letter();
    l.receiver = "共青团中国某某某集团有限公司华东区域分公司第三工程局第七项目部及附属后勤保障中心委员会第二团支部".into();
    l.issuer = "共青团华东示范大学马克思主义学院与国际关系和公共事务学院联合委员会".into();
    l.issuer_address =
        "上海市普陀区中山北路示范大学城东校区第一教学楼附属行政楼五层东侧五百零一室".into();
    let bytes = letter::render_letter(&l)?;
    if let Some(original) = pdf_text(&bytes, 1, Some(ORIGINAL)) {
        assert!(original.contains(&l.receiver), "{original}");
        assert!(original.contains(&l.issuer_address), "{original}");
    }
    if let Some(all) = pdf_text_in(&bytes, 1, None) {
        assert!(
            all.contains("同志的团员组织关系已转达我处，特此回复。"),
            "{all}"
        );
    }
    std::fs::write(std::env::temp_dir().join("xianjie_long_letter.pdf"), &bytes)?;
    Ok(())
}

#[test]
fn rare_character_is_reported_not_printed_blank() {
    let mut l = sample_letter();
    l.name = "王㐀明".into();
    let err = letter::render_letter(&l).expect_err("must refuse");
    assert!(err.message.contains("王㐀明"), "{}", err.message);
    assert!(err.message.contains("㐀"), "{}", err.message);
    assert!(err.message.contains("2026年007号"), "{}", err.message);
}

#[test]
fn batch_one_pdf_one_page_per_letter_or_separate_files() -> xianjie::Result<()> {
    let letters: Vec<LetterData> = (1..=3)
        .map(|i| {
            let mut l = sample_letter();
            l.number = format!("{i:03}");
            l.name = ["甲一", "乙二", "丙三"][i - 1].into();
            l
        })
        .collect();
    let bytes = letter::render_letters(&letters)?;
    if let Some(p3) = pdf_text(&bytes, 3, Some(STUB)) {
        assert!(p3.contains("2026年003号") && p3.contains("丙三"), "{p3}");
        assert_eq!(pdf_text_in(&bytes, 4, None), None);
    }
    let dir = tempfile::tempdir()?;
    let paths = letter::write_letters_separately(&letters, dir.path())?;
    let names: Vec<String> = paths
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    assert_eq!(
        names,
        ["2026001_甲一.pdf", "2026002_乙二.pdf", "2026003_丙三.pdf"]
    );
    Ok(())
}

#[test]
fn notice_and_retention_application_render() -> xianjie::Result<()> {
    use xianjie::documents::letter::{l2, l3};
    let n = l2::NoticeData {
        name: "王小明".into(),
        id_number: "11010120040301001X".into(),
        mobile: "13912345678".into(),
        contact: "李老师".into(),
        contact_phone: "021-55550000".into(),
    };
    let bytes = l2::render(&[n])?;
    std::fs::write(std::env::temp_dir().join("xianjie_l2.pdf"), &bytes)?;
    if let Some(text) = pdf_text_in(&bytes, 1, None) {
        for s in [
            "流动团员管理服务告知书",
            "流动团员王小明同志：",
            "［回执信息栏］",
            "团员身份证号码：11010120040301001X",
            "本人手机号码：13912345678",
            "团组织联系人：李老师",
            "6.请务必珍惜团员身份",
        ] {
            assert!(text.contains(s), "L2 lacks {s}: {text}");
        }
    }
    let a = l3::RetentionData {
        name: "丁一".into(),
        sex: "男".into(),
        ethnicity: "汉族".into(),
        born: "2004年3月".into(),
        politics: "共青团员".into(),
        joined: "2019年5月".into(),
        id_number: "11010120040301001X".into(),
        school: "华东示范大学".into(),
        college: "外语学院".into(),
        major: "英语".into(),
        cohort: "2026".into(),
        degree: "本科".into(),
        graduates: "2026年7月".into(),
        country: "英国".into(),
        institution: "某某大学".into(),
        program: "语言学硕士学位".into(),
        study_from: "2026年9月".into(),
        study_to: "2027年9月".into(),
        contact: "丁大".into(),
        contact_relation: "直系亲属".into(),
        contact_phone: "13700000000".into(),
    };
    let bytes = l3::render(&[a])?;
    std::fs::write(std::env::temp_dir().join("xianjie_l3.pdf"), &bytes)?;
    if let Some(text) = pdf_text_in(&bytes, 1, None) {
        for s in [
            "关于保留团组织关系的申请",
            "本人丁一，男，汉族，2004年3月生，共青团员，于2019年5月入团",
            "特申请将团组织关系保留在华东示范大学外语学院",
            "特此申请。",
            "申请人：",
        ] {
            assert!(text.contains(s), "L3 lacks {s}: {text}");
        }
    }
    Ok(())
}

mod tables {
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
        format!("[{}] frozen={frozen} a4={a4}", out.join("; "))
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
}

mod register {
    use chrono::NaiveDate;
    use xianjie::date::YearMonth;
    use xianjie::documents::letter::ArchiveDisposition;
    use xianjie::documents::register::{self, IssueRequest, Issuer, ListFilter};
    use xianjie::id_number::{check_char, IdNumber, Sex};
    use xianjie::member::{Member, Politics, StudyStatus};
    use xianjie::org::OrgLevel;
    use xianjie::store::{NewOrg, Store};
    use xianjie::ErrorCode;

    fn id(first17: &str) -> IdNumber {
        let c = check_char(first17.as_bytes());
        IdNumber::parse(&format!("{first17}{c}")).unwrap()
    }

    pub fn member(joined: (i32, u32), devno: Option<&str>) -> Member {
        Member {
            id: 7,
            name: "王小明".into(),
            sex: Sex::Male,
            ethnicity: Some("汉族".into()),
            id_number: id("11010120040301001"),
            student_no: Some("10222000001".into()),
            branch_id: 3,
            college: Some("信息科学与工程学院".into()),
            joined: YearMonth::new(joined.0, joined.1),
            development_no: devno.map(String::from),
            politics: Politics::League,
            league_post: false,
            mobile: Some("13912345678".into()),
            dues_paid_to: YearMonth::new(2026, 6),
            identity_verified: true,
            status: StudyStatus::Graduating,
            marking: None,
            destination: None,
        }
    }

    pub fn request(level: OrgLevel) -> IssueRequest {
        IssueRequest {
            issuer: Issuer {
                org_id: 1,
                full_name: "共青团华东示范大学信息科学与工程学院委员会".into(),
                level,
                phone: "021-55550000".into(),
                address: "上海市普陀区示范路100号".into(),
                postcode: "200062".into(),
            },
            handler: "李老师".into(),
            handler_mobile: "13800001111".into(),
            receiver: "共青团杭州市西湖区转塘街道学社衔接临时团支部".into(),
            reason: "毕业".into(),
            archive: ArchiveDisposition::WithFile,
            archive_other: None,
            issued: NaiveDate::from_ymd_opt(2026, 6, 20).unwrap(),
            digits: 3,
        }
    }

    /// A store with org 1 (团委), 2 (团总支) and 3 (团支部).
    pub fn db() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        let c = s
            .create_org(
                &NewOrg::new(
                    "共青团华东示范大学信息科学与工程学院委员会",
                    OrgLevel::Committee,
                    None,
                ),
                "测试",
            )
            .unwrap();
        let g = s
            .create_org(
                &NewOrg::new(
                    "共青团华东示范大学附属某独立单位总支部委员会",
                    OrgLevel::GeneralBranch,
                    Some(c.id),
                ),
                "测试",
            )
            .unwrap();
        let b = s
            .create_org(
                &NewOrg::new(
                    "华东示范大学信息科学与工程学院2022级计算机1班团支部",
                    OrgLevel::Branch,
                    Some(c.id),
                ),
                "测试",
            )
            .unwrap();
        assert_eq!((c.id, g.id, b.id), (1, 2, 3));
        s
    }

    #[test]
    fn numbers_run_per_issuer_per_year_and_are_never_reused() {
        let mut c = db();
        let m = member((2019, 5), Some("310100123456"));
        let req = request(OrgLevel::Committee);
        let a = register::issue(&mut c, &req, &m, "李老师").unwrap();
        let b = register::issue(&mut c, &req, &m, "李老师").unwrap();
        assert_eq!(
            (a.number_label(), b.number_label()),
            ("2026年001号".into(), "2026年002号".into())
        );
        assert_eq!(a.valid_until, NaiveDate::from_ymd_opt(2026, 9, 18).unwrap());
        assert_eq!(a.receipt_due, NaiveDate::from_ymd_opt(2026, 7, 20).unwrap());
        register::void(&mut c, b.id, "填写错误", "李老师").unwrap();
        let c3 = register::issue(&mut c, &req, &m, "李老师").unwrap();
        assert_eq!(c3.number, "003", "a voided number is never reused");
        // Another issuer and another year start at 001; 5 digits when asked.
        let mut other = request(OrgLevel::GeneralBranch);
        other.issuer.org_id = 2;
        other.digits = 5;
        assert_eq!(
            register::issue(&mut c, &other, &m, "李老师")
                .unwrap()
                .number,
            "00001"
        );
        let mut next_year = request(OrgLevel::Committee);
        next_year.issued = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        assert_eq!(
            register::issue(&mut c, &next_year, &m, "李老师")
                .unwrap()
                .number_label(),
            "2027年001号"
        );
        // The register lists voided letters only when asked; receipts are recorded.
        let f = ListFilter {
            issuer_id: Some(1),
            year: Some(2026),
            ..Default::default()
        };
        assert_eq!(register::list(c.connection(), &f).unwrap().len(), 2);
        let all = ListFilter {
            include_voided: true,
            ..f.clone()
        };
        assert_eq!(register::list(c.connection(), &all).unwrap().len(), 3);
        register::record_receipt(
            &mut c,
            a.id,
            NaiveDate::from_ymd_opt(2026, 7, 2).unwrap(),
            "李老师",
        )
        .unwrap();
        let overdue = ListFilter {
            issuer_id: Some(1),
            receipt_overdue_on: NaiveDate::from_ymd_opt(2026, 8, 1),
            ..Default::default()
        };
        let late: Vec<String> = register::list(c.connection(), &overdue)
            .unwrap()
            .iter()
            .map(|l| l.number_label())
            .collect();
        assert_eq!(late, ["2026年003号"]);
        let found = register::find_by_number(c.connection(), 1, "2026年002号").unwrap();
        assert_eq!(found.void_reason.as_deref(), Some("填写错误"));
        let audits: i64 = c
            .connection()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE entity = 'letter'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(audits, 7);
        assert_eq!(c.verify_audit().unwrap().broken_at, None);
    }

    #[test]
    fn a_branch_may_not_issue() {
        let mut c = db();
        let m = member((2019, 5), Some("310100123456"));
        let err = register::issue(&mut c, &request(OrgLevel::Branch), &m, "李老师").unwrap_err();
        assert_eq!(err.code, ErrorCode::Refused);
        assert!(
            err.message.contains("团支部一律不得开具"),
            "{}",
            err.message
        );
        let n: i64 = c
            .connection()
            .query_row("SELECT count(*) FROM letter", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "nothing registered, no number used");
    }

    #[test]
    fn a_2017_member_needs_a_12_digit_development_number() {
        let mut c = db();
        let req = request(OrgLevel::Committee);
        for devno in [None, Some("12345")] {
            let err =
                register::issue(&mut c, &req, &member((2018, 3), devno), "李老师").unwrap_err();
            assert_eq!(err.code, ErrorCode::Refused);
            assert!(err.message.contains("团员发展编号"), "{}", err.message);
        }
        // Before 2017 without a number: issued, and "无" is printed.
        let l = register::issue(&mut c, &req, &member((2016, 5), None), "李老师").unwrap();
        assert_eq!(l.printed.development_no_text(), "无");
        assert_eq!(l.number, "001", "refusals used no numbers");
    }

    #[test]
    fn missing_fields_are_all_listed_at_once() {
        let mut c = db();
        let mut req = request(OrgLevel::Branch);
        req.receiver = " ".into();
        req.reason = String::new();
        req.archive = ArchiveDisposition::Other;
        let mut m = member((2020, 1), None);
        m.ethnicity = None;
        m.mobile = None;
        let err = register::issue(&mut c, &req, &m, "李老师").unwrap_err();
        for s in [
            "1. ",
            "团支部",
            "团员发展编号",
            "缺少“转入团委全称”",
            "缺少“转接原因”",
            "缺少“民族”",
            "缺少“团员本人联系电话”",
            "写明具体去向",
        ] {
            assert!(err.message.contains(s), "lacks {s}: {}", err.message);
        }
    }

    #[test]
    fn a_name_the_font_cannot_print_is_refused() {
        let mut c = db();
        let mut m = member((2019, 5), Some("310100123456"));
        m.name = "王㐀".into();
        let err = register::issue(&mut c, &request(OrgLevel::Committee), &m, "李老师").unwrap_err();
        assert!(err.message.contains("㐀"), "{}", err.message);
    }
}

mod ledgers {
    use xianjie::documents::ledgers::{self, DevnoConflict, SpecialCase, SpecialKind};
    use xianjie::documents::tables::{f4::F4Row, f5::F5Row};
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
        let rows =
            ledgers::special_case_rows(c.connection(), Some("经济学院"), None, Some(2026)).unwrap();
        assert_eq!(
            rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
            ["甲"]
        );
        let rows = ledgers::special_case_rows(c.connection(), None, Some("外语"), None).unwrap();
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
        let f5 = ledgers::devno_conflict_rows(c.connection(), Some("数学学院"), None, Some(2026))
            .unwrap();
        assert_eq!(f5[0].development_no, "000100123456");
    }
}
