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

/// A school with 10 colleges and branches of `per_branch` graduates of cohort `year` (marked
/// `year`-07), `graduates` members in all, every destination kind, 1 in 100 deferred a year.
pub fn generate_cohort(
    store: &mut Store,
    year: i32,
    graduates: usize,
    per_branch: usize,
    operator: &str,
) -> Result<Generated> {
    let per_branch = per_branch.max(1);
    let committee = store
        .create_org(
            &NewOrg::new(
                format!("共青团生成大学{year}委员会"),
                OrgLevel::Committee,
                None,
            ),
            operator,
        )?
        .id;
    let mut colleges = Vec::new();
    for c in 0..10 {
        let name = format!("共青团生成大学{year}第{}学院总支部委员会", c + 1);
        colleges.push(
            store
                .create_org(
                    &NewOrg::new(name, OrgLevel::GeneralBranch, Some(committee)),
                    operator,
                )?
                .id,
        );
    }
    let n_branches = graduates.div_ceil(per_branch).max(1);
    let mut branches = Vec::with_capacity(n_branches);
    for b in 0..n_branches {
        let college = colleges[b % colleges.len()];
        let name = format!("共青团生成大学{year}第{}学院{}班团支部", b % 10 + 1, b + 1);
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
    for i in 0..graduates {
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
            college: Some(format!("第{}学院", (i / per_branch) % 10 + 1)),
            branch_id: branches[i / per_branch],
            joined,
            development_no: Some(format!("{:012}", 110_000_000_000u64 + i as u64)),
            politics: if i % 20 == 0 {
                Politics::ProbationaryParty
            } else {
                Politics::League
            },
            league_post: i % 30 == 0,
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
