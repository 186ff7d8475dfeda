//! Letters L1–L3: rendered, their text extracted (pdftotext) and checked part by part.

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
        "王小明同志系中国共产主义青年团团员，团组织关系由共青团华东示范大学信息科学与工程学院委员会转到共青团杭州市西湖区转塘街道学社衔接临时团支部",
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
    let paths = xianjie::service::letters::write_letters_separately(&letters, dir.path())?;
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

#[test]
fn a_letter_whose_text_cannot_fit_is_refused_before_taking_a_number() {
    let mut l = sample_letter();
    l.receiver = "很长的团委名称".repeat(40);
    let err = letter::render_letter(&l).unwrap_err();
    assert!(err.message.contains("内容过长"), "{}", err.message);
    assert!(letter::check_layout(&l).is_err());
    assert!(letter::check_layout(&sample_letter()).is_ok());
}

/// The text of a PDF as pdftotext extracts it (reading order, lines trimmed), for snapshots.
fn extracted(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("l.pdf");
    std::fs::write(&path, pdf).ok()?;
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    Some(
        text.lines()
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// L1–L3 as a reader's text extraction sees them (issue 23 reviewed: blanks, （签名）, the
/// school and college named once). The L3 application has the blanks a record often leaves.
#[test]
fn letter_texts_as_extracted() -> xianjie::Result<()> {
    use xianjie::documents::letter::{l2, l3};
    let l1 = letter::render_letter(&sample_letter())?;
    let Some(l1) = extracted(&l1) else {
        eprintln!("pdftotext missing (apt-get install poppler-utils): snapshots skipped");
        return Ok(());
    };
    insta::assert_snapshot!("l1_text", l1);
    let n = l2::NoticeData {
        name: "王小明".into(),
        id_number: "11010120040301001X".into(),
        mobile: String::new(),
        contact: "李老师".into(),
        contact_phone: "021-55550000".into(),
    };
    insta::assert_snapshot!("l2_text", extracted(&l2::render(&[n])?).unwrap_or_default());
    let (school, college) = l3::school_and_college("", "华东示范大学外语学院", "外语学院");
    let a = l3::RetentionData {
        name: "丁一".into(),
        sex: "男".into(),
        ethnicity: "汉族".into(),
        born: "2004年3月".into(),
        politics: "共青团员".into(),
        joined: "2019年5月".into(),
        id_number: "11010120040301001X".into(),
        school,
        college,
        cohort: "2026".into(),
        graduates: "2026年7月".into(),
        country: "英国".into(),
        ..l3::RetentionData::default()
    };
    insta::assert_snapshot!("l3_text", extracted(&l3::render(&[a])?).unwrap_or_default());
    Ok(())
}
