//! The letter register: numbering, voids, receipts and every refusal.

use chrono::NaiveDate;
use xianjie::date::YearMonth;
use xianjie::documents::letter::ArchiveDisposition;
use xianjie::id_number::{check_char, IdNumber, Sex};
use xianjie::member::{Member, Politics, StudyStatus};
use xianjie::org::OrgLevel;
use xianjie::service::letters::register::{self, IssueRequest, Issuer, ListFilter};
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
    c.void_letter(b.id, "填写错误", "李老师").unwrap();
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
    assert_eq!(c.letters(&f).unwrap().len(), 2);
    let all = ListFilter {
        include_voided: true,
        ..f.clone()
    };
    assert_eq!(c.letters(&all).unwrap().len(), 3);
    c.record_letter_receipt(a.id, NaiveDate::from_ymd_opt(2026, 7, 2).unwrap(), "李老师")
        .unwrap();
    let overdue = ListFilter {
        issuer_id: Some(1),
        receipt_overdue_on: NaiveDate::from_ymd_opt(2026, 8, 1),
        ..Default::default()
    };
    let late: Vec<String> = c
        .letters(&overdue)
        .unwrap()
        .iter()
        .map(|l| l.number_label())
        .collect();
    assert_eq!(late, ["2026年003号"]);
    let found = c.letter_by_number(1, "2026年002号").unwrap();
    assert_eq!(found.void_reason.as_deref(), Some("填写错误"));
    let audits: i64 = c
        .inspect()
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
        .inspect()
        .query_row("SELECT count(*) FROM letter", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0, "nothing registered, no number used");
}

#[test]
fn a_2017_member_needs_a_12_digit_development_number() {
    let mut c = db();
    let req = request(OrgLevel::Committee);
    for devno in [None, Some("12345")] {
        let err = register::issue(&mut c, &req, &member((2018, 3), devno), "李老师").unwrap_err();
        assert_eq!(err.code, ErrorCode::Refused);
        assert!(err.message.contains("团员发展编号"), "{}", err.message);
    }
    // Join month unknown and no number: cannot tell "无" from a missing number.
    let mut unknown = member((2016, 5), None);
    unknown.joined = None;
    let err = register::issue(&mut c, &req, &unknown, "李老师").unwrap_err();
    assert!(err.message.contains("缺少入团时间"), "{}", err.message);
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

/// R12 / M5 (issue 14): no letter for someone who left the league; the refusal names why.
#[test]
fn no_letter_for_someone_who_left_the_league() {
    let mut m = member((2012, 5), None);
    m.id_number = id("11010119970301001");
    let p = register::problems(&request(OrgLevel::Committee), &m);
    assert!(
        p.iter()
            .any(|x| x.contains("超龄离团") && x.contains("不开具")),
        "{p:?}"
    );
    m.league_post = true;
    let p = register::problems(&request(OrgLevel::Committee), &m);
    assert!(p.iter().all(|x| !x.contains("超龄离团")), "{p:?}");
    let mut masses = member((2019, 5), Some("201900000001"));
    masses.politics = Politics::Masses;
    let p = register::problems(&request(OrgLevel::Committee), &masses);
    assert!(p.iter().any(|x| x.contains("群众")), "{p:?}");
}
