//! The one demo: the fictional 星河大学信息工程学院 (org tree, ≈300 graduates of the demo
//! roster, the office's details) with a realistic mix of transfers. The app's 示例数据 start,
//! `xianjie demo` and `scripts/app-run.sh` all build exactly this. For timing the window with a
//! large cohort (`XIANJIE_DEMO_GRADUATES`), the same college can be filled up to a given size
//! with more graduates of the same branches.

pub mod college;
pub mod transfers;

use super::office::{self, OfficeInput};
use super::{Clock, Context, Paths};
use crate::date::YearMonth;
use crate::destination::{Destination, DestinationKind};
use crate::id_number::{check_char, IdNumber};
use crate::member::{Politics, StudyStatus};
use crate::store::import::ImportReport;
use crate::store::MemberInput;
use crate::{Error, Result};
use college as data;

/// The demo office's details (what letters and tables print).
pub fn office_input() -> OfficeInput {
    OfficeInput {
        college: format!("星河大学{}", data::COLLEGE_NAME),
        committee_full_name: data::COLLEGE.into(),
        handler: "李文".into(),
        office_phone: "027-88880000".into(),
        mobile: "13800001111".into(),
        address: "星河市大学路1号".into(),
        postcode: "430072".into(),
    }
}

/// Fills an empty office with the demo college; with `size` above the demo roster's, the
/// college's branches get more (fictional) graduates up to that many.
pub fn fill(ctx: &mut Context, size: Option<usize>) -> Result<ImportReport> {
    let op = ctx.operator().to_string();
    let report = data::fill(ctx.store_mut(), &op)?;
    office::save(ctx, &office_input())?;
    let year = data::cohort().year();
    if let Some(n) = size {
        let have = ctx.store().graduates(year, ctx.today())?.len();
        add_graduates(ctx, n.saturating_sub(have))?;
    }
    let today = ctx.today();
    transfers::record_mix(ctx.store_mut(), year, today, &op)?;
    Ok(report)
}

/// `xianjie demo --db PATH`: a fresh demo database at `path` (a previous demo database there is
/// replaced; any other file is refused).
pub fn create(
    path: &std::path::Path,
    operator: Option<&str>,
    clock: Clock,
) -> Result<(Context, ImportReport)> {
    data::prepare(path)?;
    let mut ctx = Context::open(Paths::for_db(path), operator, clock)?;
    let report = fill(&mut ctx, None)?;
    Ok((ctx, report))
}

const SURNAMES: [&str; 16] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
];
const GIVEN: [&str; 16] = [
    "明", "华", "静", "伟", "芳", "娜", "强", "磊", "洋", "艳", "勇", "杰", "婷", "晨", "宇", "欣",
];

/// `n` more graduates of the demo branches, every destination kind among them.
fn add_graduates(ctx: &mut Context, n: usize) -> Result<()> {
    if n == 0 {
        return Ok(());
    }
    let branches: Vec<i64> = data::branch_names()
        .iter()
        .filter_map(|b| ctx.store().org_by_full_name(b).ok().flatten())
        .map(|o| o.id)
        .collect();
    if branches.is_empty() {
        return Err(Error::internal("演示团支部缺失"));
    }
    let year = data::cohort().year();
    let mut rows = Vec::with_capacity(n);
    for i in 0..n {
        // Born 2003–2004, sequence 500–999 (the demo roster's numbers stay below).
        let day = chrono::NaiveDate::from_ymd_opt(2003, 1, 1)
            .and_then(|d| d.checked_add_days(chrono::Days::new((i / 500) as u64 % 700)))
            .ok_or_else(|| Error::internal("日期溢出"))?;
        let first17 = format!("420502{}{:03}", day.format("%Y%m%d"), 500 + i % 500);
        let id_number = IdNumber::parse(&format!("{first17}{}", check_char(first17.as_bytes())))
            .map_err(|e| Error::internal(e.to_string()))?;
        rows.push(MemberInput {
            name: format!(
                "{}{}{}",
                SURNAMES[i % 16],
                GIVEN[(i / 16) % 16],
                GIVEN[(i / 256) % 16]
            ),
            sex: id_number.sex(),
            ethnicity: Some("汉族".into()),
            id_number,
            student_no: Some(format!("2022{:06}", 900_000 + i)),
            college: Some(data::COLLEGE_NAME.into()),
            branch_id: branches[i % branches.len()],
            joined: YearMonth::new(2019, 5),
            development_no: Some(format!("2019{:08}", 50_000_000 + i)),
            politics: Politics::League,
            league_post: false,
            mobile: Some(format!("139{:08}", 20_000_000 + i)),
            dues_paid_to: YearMonth::new(year, 6),
            identity_verified: true,
            status: StudyStatus::Graduating,
        });
    }
    let op = ctx.operator().to_string();
    ctx.store_mut().upsert_members(&rows, &op)?;
    let mut dests = Vec::with_capacity(n);
    for (i, row) in rows.iter().enumerate() {
        if let Some(m) = ctx.store().member_by_id_number(&row.id_number)? {
            let mut d = Destination::of_kind(DestinationKind::ALL[i % DestinationKind::ALL.len()]);
            d.province = Some(["湖北", "北京", "广东", "江苏"][i % 4].to_string());
            d.employer_has_org = i % 3 != 0;
            dests.push((m.id, year, d));
        }
    }
    ctx.store_mut().set_destinations(&dests, &op)?;
    Ok(())
}
