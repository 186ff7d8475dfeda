//! Synthetic data for benchmarks and demos: a made-up school with one cohort of graduates.
//! Names and ID numbers are fictional (valid checksums, region 110101).

use chrono::{Duration, NaiveDate};
use xianjie::date::YearMonth;
use xianjie::destination::{Destination, DestinationDetails, DestinationKind};
use xianjie::id_number::{check_char, IdNumber};
use xianjie::member::{Politics, StudyStatus};
use xianjie::org::{GraduationMarking, OrgLevel};
use xianjie::store::{MemberInput, NewOrg, Store};
use xianjie::{Error, Result};

/// What [`generate_cohort`] made.
#[derive(Debug, Clone)]
pub struct Generated {
    pub committee: i64,
    pub branches: Vec<i64>,
    pub members: usize,
}

const SURNAMES: [&str; 12] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
];
const GIVEN: [&str; 12] = [
    "明", "华", "静", "伟", "芳", "娜", "强", "磊", "洋", "艳", "勇", "杰",
];

/// The `i`-th fictional ID number: born from 2003-01-01 on, 1000 per birth day.
pub fn fake_id(i: usize) -> Result<IdNumber> {
    let start = NaiveDate::from_ymd_opt(2003, 1, 1).ok_or_else(|| Error::internal("date"))?;
    let days = i64::try_from(i / 1000).map_err(|_| Error::internal("too many"))?;
    let birth = start + Duration::days(days);
    let first17 = format!("110101{}{:03}", birth.format("%Y%m%d"), i % 1000);
    let id = format!("{first17}{}", check_char(first17.as_bytes()));
    IdNumber::parse(&id).map_err(|e| Error::internal(e.to_string()))
}

/// The org tree [`generate`] makes: a school committee, its colleges, and where the made-up
/// people's numbers start (so that several generated stores hold different people).
#[derive(Debug, Clone)]
pub struct Shape {
    pub school: String,
    /// Each college's full name and short name (the roster's 学院 column).
    pub colleges: Vec<(String, String)>,
    pub college_level: OrgLevel,
    /// The index of the first person ([`fake_id`]).
    pub first: usize,
}

impl Shape {
    /// [`generate_cohort`]'s school: 10 colleges (总支部).
    pub fn school_of(year: i32) -> Shape {
        Shape {
            school: format!("共青团生成大学{year}委员会"),
            colleges: (1..=10)
                .map(|c| {
                    (
                        format!("共青团生成大学{year}第{c}学院总支部委员会"),
                        format!("第{c}学院"),
                    )
                })
                .collect(),
            college_level: OrgLevel::GeneralBranch,
            first: 0,
        }
    }

    /// One college's own store (a college office): the school, the college committee, its
    /// branches; people from `first` on.
    pub fn college(school: &str, college: &str, short: &str, first: usize) -> Shape {
        Shape {
            school: school.to_string(),
            colleges: vec![(college.to_string(), short.to_string())],
            college_level: OrgLevel::Committee,
            first,
        }
    }
}

/// A school with 10 colleges and branches of `per_branch` graduates of cohort `year` (marked
/// `year`-07), `graduates` members in all, every destination kind, 1 in 100 deferred a year.
pub fn generate_cohort(
    store: &mut Store,
    year: i32,
    graduates: usize,
    per_branch: usize,
    operator: &str,
) -> Result<Generated> {
    generate(
        store,
        year,
        graduates,
        per_branch,
        &Shape::school_of(year),
        operator,
    )
}

/// [`generate_cohort`] in the org tree `shape` says.
pub fn generate(
    store: &mut Store,
    year: i32,
    graduates: usize,
    per_branch: usize,
    shape: &Shape,
    operator: &str,
) -> Result<Generated> {
    let per_branch = per_branch.max(1);
    let committee = store
        .create_org(
            &NewOrg::new(shape.school.clone(), OrgLevel::Committee, None),
            operator,
        )?
        .id;
    let mut colleges = Vec::new();
    for (name, _) in &shape.colleges {
        colleges.push(
            store
                .create_org(
                    &NewOrg::new(name.clone(), shape.college_level, Some(committee)),
                    operator,
                )?
                .id,
        );
    }
    if colleges.is_empty() {
        return Err(Error::invalid("至少要有一个学院"));
    }
    let stem = |full: &str| {
        full.strip_suffix("总支部委员会")
            .or_else(|| full.strip_suffix("委员会"))
            .unwrap_or(full)
            .to_string()
    };
    let n_branches = graduates.div_ceil(per_branch).max(1);
    let mut branches = Vec::with_capacity(n_branches);
    for b in 0..n_branches {
        let college = colleges[b % colleges.len()];
        let name = format!(
            "{}{}班团支部",
            stem(&shape.colleges[b % colleges.len()].0),
            b + 1
        );
        branches.push(
            store
                .create_org(
                    &NewOrg::new(name, OrgLevel::Branch, Some(college)),
                    operator,
                )?
                .id,
        );
    }
    let date = YearMonth::new(year, 7).ok_or_else(|| Error::invalid("年份无效"))?;
    store
        .mark_graduation_batch(
            committee,
            &branches,
            GraduationMarking::Date { graduates: date },
            operator,
        )
        .map_err(Error::from)?;
    let joined = YearMonth::new(2019, 5);
    let mut rows = Vec::with_capacity(graduates);
    for n in 0..graduates {
        let i = shape.first + n;
        let id_number = fake_id(i)?;
        rows.push(MemberInput {
            name: format!(
                "{}{}{}",
                SURNAMES[i % 12],
                GIVEN[(i / 12) % 12],
                GIVEN[(i / 144) % 12]
            ),
            sex: id_number.sex(),
            ethnicity: Some("汉族".into()),
            id_number,
            student_no: Some(format!("{}{:06}", year - 4, i)),
            college: Some(shape.colleges[(n / per_branch) % colleges.len()].1.clone()),
            branch_id: branches[n / per_branch],
            joined,
            development_no: Some(format!("{:012}", 110_000_000_000u64 + i as u64)),
            politics: if i.is_multiple_of(20) {
                Politics::ProbationaryParty
            } else {
                Politics::League
            },
            league_post: i.is_multiple_of(30),
            mobile: Some(format!("138{:08}", i)),
            dues_paid_to: YearMonth::new(year, 6),
            identity_verified: true,
            status: StudyStatus::Graduating,
        });
    }
    store.upsert_members(&rows, operator)?;
    let mut dests = Vec::with_capacity(graduates);
    let mut deferred = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let Some(m) = store.member_by_id_number(&row.id_number)? else {
            continue;
        };
        let kind = DestinationKind::ALL[i % DestinationKind::ALL.len()];
        let mut d = Destination::of_kind(kind);
        d.province = Some(["湖北", "北京", "广东", "江苏"][i % 4].to_string());
        d.employer_has_org = i % 3 != 0;
        d.details = Some(DestinationDetails {
            unit_name: Some(format!("示例单位{}", i % 97)),
            ..DestinationDetails::default()
        });
        dests.push((m.id, year, d));
        if i % 100 == 99 {
            deferred.push(m.id);
        }
    }
    store.set_destinations(&dests, operator)?;
    if let Some(later) = YearMonth::new(year + 1, 7) {
        store
            .mark_deferred_batch(&deferred, later, "学分未修满，延长学制一年", operator)
            .map_err(Error::from)?;
    }
    Ok(Generated {
        committee,
        branches,
        members: graduates,
    })
}
