//! The one demo: the fictional 星河大学信息工程学院 (org tree, ≈300 graduates of the demo
//! roster, the office's details) with a realistic mix of transfers. The app's 示例数据 start,
//! `xianjie demo` and `scripts/app-run.sh` all build exactly this.

use super::office::{self, OfficeInput};
use super::{Clock, Context, Paths};
use crate::roster::synth::demo as data;
use crate::roster::ImportReport;
use crate::Result;

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

/// Fills an empty office with the demo college.
pub fn fill(ctx: &mut Context) -> Result<ImportReport> {
    let op = ctx.operator().to_string();
    let report = crate::roster::demo::fill(ctx.store_mut(), &op)?;
    office::save(ctx, &office_input())?;
    let year = data::cohort().year();
    let today = ctx.today();
    crate::transfer::demo::record_mix(ctx.store_mut(), year, today, &op)?;
    Ok(report)
}

/// `xianjie demo --db PATH`: a fresh demo database at `path` (a previous demo database there is
/// replaced; any other file is refused).
pub fn create(
    path: &std::path::Path,
    operator: Option<&str>,
    clock: Clock,
) -> Result<(Context, ImportReport)> {
    crate::roster::demo::prepare(path)?;
    let mut ctx = Context::open(Paths::for_db(path), operator, clock)?;
    let report = fill(&mut ctx)?;
    Ok((ctx, report))
}
