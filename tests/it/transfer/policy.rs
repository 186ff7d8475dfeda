//! §6 with R12 and M5 (issue 14): a block stops the transfer, not the counting; a graduate who
//! left the league is in neither rate. A small store, every number computed by hand.

use super::*;
use xianjie::date::YearMonth;
use xianjie::destination::{Destination, DestinationKind};
use xianjie::id_number::{check_char, IdNumber};
use xianjie::member::{Politics, StudyStatus};
use xianjie::org::{GraduationMarking, OrgLevel};
use xianjie::store::{MemberInput, NewOrg, Store};

const OP: &str = "测试员";

/// A fictional ID number born on `birth` (yyyymmdd), sequence `seq`.
fn id(birth: &str, seq: u32) -> IdNumber {
    let first17 = format!("110101{birth}{seq:03}");
    IdNumber::parse(&format!("{first17}{}", check_char(first17.as_bytes()))).unwrap()
}

struct Person {
    name: &'static str,
    birth: &'static str,
    joined: (i32, u32),
    verified: bool,
    politics: Politics,
    post: bool,
    dest: Option<DestinationKind>,
}

fn person(name: &'static str, dest: Option<DestinationKind>) -> Person {
    Person {
        name,
        birth: "20040301",
        joined: (2019, 5),
        verified: true,
        politics: Politics::League,
        post: false,
        dest,
    }
}

/// One branch graduating 2026-07 and its members; returns the ids by name.
fn store_of(people: &[Person]) -> (Store, HashMap<&'static str, i64>) {
    let mut store = Store::open_in_memory().unwrap();
    let committee = store
        .create_org(
            &NewOrg::new("共青团测试大学委员会", OrgLevel::Committee, None),
            OP,
        )
        .unwrap()
        .id;
    let college = store
        .create_org(
            &NewOrg::new(
                "共青团测试大学甲学院委员会",
                OrgLevel::Committee,
                Some(committee),
            ),
            OP,
        )
        .unwrap()
        .id;
    let branch = store
        .create_org(
            &NewOrg::new(
                "共青团测试大学甲学院2022级1班团支部",
                OrgLevel::Branch,
                Some(college),
            ),
            OP,
        )
        .unwrap()
        .id;
    store
        .mark_graduation(
            committee,
            branch,
            GraduationMarking::Date {
                graduates: YearMonth::new(2026, 7).unwrap(),
            },
            OP,
        )
        .unwrap();
    let mut ids = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        let id_number = id(p.birth, i as u32 + 1);
        let m = store
            .add_member(
                &MemberInput {
                    name: p.name.into(),
                    sex: id_number.sex(),
                    ethnicity: Some("汉族".into()),
                    id_number,
                    student_no: Some(format!("2022{i:04}")),
                    college: Some("甲学院".into()),
                    branch_id: branch,
                    joined: YearMonth::new(p.joined.0, p.joined.1),
                    development_no: Some(format!("{:012}", 110_000_000_000u64 + i as u64)),
                    politics: p.politics,
                    league_post: p.post,
                    mobile: None,
                    dues_paid_to: None,
                    identity_verified: p.verified,
                    status: StudyStatus::Graduating,
                },
                OP,
            )
            .unwrap();
        if let Some(kind) = p.dest {
            let mut dest = Destination::of_kind(kind);
            dest.province = Some("湖北".into());
            store.set_destination(m.id, 2026, &dest, OP).unwrap();
        }
        ids.insert(p.name, m.id);
    }
    (store, ids)
}

fn names(lines: &[RateLine]) -> Vec<&str> {
    let mut v: Vec<&str> = lines.iter().map(|l| &*l.name).collect();
    v.sort_unstable();
    v
}

/// Hand-computed: 升学 A (blocked, M7) and E → SX 0/2; C (done), D, F (28+ with a post), G (no
/// destination) → XS 1/4; B (28+, no post) in neither, listed outside with why.
#[test]
fn blocked_members_keep_their_rate_and_over_age_leave_both() {
    use DestinationKind::*;
    let people = [
        Person {
            joined: (2021, 4),
            verified: false,
            ..person("甲升学待认证", Some(Study))
        },
        Person {
            birth: "19970301",
            joined: (2012, 5),
            politics: Politics::Party,
            ..person("乙超龄党员", Some(Employed))
        },
        person("丙已完成", Some(Employed)),
        person("丁未就业", Some(None)),
        person("戊升学", Some(Study)),
        Person {
            birth: "19970301",
            joined: (2012, 5),
            post: true,
            ..person("己任职", Some(Employed))
        },
        person("庚无去向", Option::None),
    ];
    let (mut store, ids) = store_of(&people);
    let c = ids["丙已完成"];
    operations::open(
        &mut store,
        draft(c, Initiator::Outgoing, Reason::R2, false),
        Some(ev(d(6, 1), EventKind::Start)),
        OP,
    )
    .unwrap();
    operations::record(&mut store, c, ev(d(6, 3), EventKind::Done), OP).unwrap();

    let r = operations::rates_report(&store, 2026, Unit::School, d(6, 15)).unwrap();
    assert_eq!((r.sx.numerator, r.sx.denominator), (0, 2), "升学衔接率");
    assert_eq!(names(&r.sx.graduates), ["戊升学", "甲升学待认证"]);
    assert_eq!((r.xs.numerator, r.xs.denominator), (1, 4), "学社衔接率");
    assert_eq!(
        names(&r.xs.graduates),
        ["丁未就业", "丙已完成", "己任职", "庚无去向"]
    );
    assert_eq!(names(&r.xs.done_out), ["丙已完成"]);
    assert_eq!(names(&r.outside), ["乙超龄党员"]);
    assert!(
        r.outside[0].standing.contains("超龄离团"),
        "{:?}",
        r.outside
    );

    // The due list follows: nothing is due for someone who left the league (R12).
    let due = operations::due_report(&store, 2026, Unit::School, d(6, 15), &[]).unwrap();
    assert!(
        due.iter().all(|i| i.member_id != ids["乙超龄党员"]),
        "{due:?}"
    );
    assert!(due.iter().any(|i| i.member_id == ids["丁未就业"]));
}
