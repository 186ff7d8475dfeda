//! Synthetic inputs of the school level (issue 16): a college's campaign package, and a
//! 智慧团建 transfer export made from a store (so that it differs from the store where a test
//! wants it to).

use crate::cohort::{generate, Shape};
use chrono::NaiveDate;
use rust_xlsxwriter::Workbook;
use std::path::Path;
use xianjie::service::transfers::{self, StartRequest};
use xianjie::service::{package, Clock, Context, Paths};
use xianjie::transfer::deadline::status_on;
use xianjie::transfer::{Initiator, State};
use xianjie::{Error, Result};

/// A graduate whose transfer the office may start now: a destination recorded, nothing
/// blocking, and not 升学 (R8: the school's own relation stays until enrolment).
pub fn may_start(g: &xianjie::store::Graduate) -> bool {
    g.recommendation.as_ref().is_some_and(|r| {
        !r.blocked
            && r.reason
                .is_some_and(|x| x != xianjie::destination::Reason::R8)
    })
}

/// Starts, as the office (outgoing), the transfers of `members` of cohort `year` on `on` to
/// `destination`: all of them, or an error naming the first refusal.
pub fn start(
    ctx: &mut Context,
    year: i32,
    members: Vec<i64>,
    on: NaiveDate,
    destination: &str,
) -> Result<()> {
    let req = StartRequest {
        year,
        members,
        on,
        initiator: Initiator::Outgoing,
        reason: None,
        destination: Some(destination.into()),
        region: None,
        jing_yue_min: false,
        into_committee: false,
        planned: false,
        actor: None,
        note: None,
    };
    transfers::start(ctx, &req)?.into_result()?;
    Ok(())
}

/// A generated college (`graduates` graduates, people from `first` on) of `school`, exported
/// as its package to `out`: encrypted to the school key `to` (`age1…`) and signed with the
/// college's own key; without `to`, a format-1 package (clear, unsigned: what a college that
/// has not upgraded still sends in the transition year). Its store (and signing key) is made
/// in a folder of its own beside `out` (`out` with `.college`).
pub fn package(
    out: &Path,
    school: &str,
    college: &str,
    graduates: usize,
    first: usize,
    on: NaiveDate,
    to: Option<&str>,
) -> Result<()> {
    let dir = out.with_extension("college");
    let _ = std::fs::remove_dir_all(&dir);
    let db = dir.join("college.db");
    let mut ctx = Context::open(Paths::for_db(&db), Some("学院"), Clock::Fixed(on))?;
    let short = college
        .strip_suffix("委员会")
        .unwrap_or(college)
        .trim_start_matches(school.strip_suffix("委员会").unwrap_or(school));
    let shape = Shape::college(school, college, short, first);
    let year = chrono::Datelike::year(&on);
    generate(ctx.testing_store_mut(), year, graduates, 20, &shape, "学院")?;
    let export = |ctx: &mut Context, to: String| {
        package::export(
            ctx,
            &package::ExportParams {
                year,
                out: out.display().to_string(),
                to: Some(to),
            },
        )
    };
    match to {
        Some(to) => {
            export(&mut ctx, to.to_string())?;
        }
        None => {
            let school_key = xianjie::seal::SchoolKey::generate();
            export(&mut ctx, school_key.recipient().text())?;
            std::fs::write(out, legacy(&std::fs::read(out)?, &school_key)?)?;
        }
    }
    Ok(())
}

/// The format-1 file of a sealed package (opened with `key`): its content in clear under the
/// old magic, manifest format 1 — what the previous version wrote.
pub fn legacy(sealed: &[u8], key: &xianjie::seal::SchoolKey) -> Result<Vec<u8>> {
    let inner = xianjie::seal::open(sealed, key)?.payload;
    let opened = xianjie::package::open(&inner, "package")?;
    let mut manifest = opened.manifest.clone();
    manifest.format = 1;
    Ok(xianjie::package::seal(&manifest, opened.db)?.0)
}

/// 智慧团建's transfer list (as its export names the columns) for the transfers of cohort
/// `year` recorded in the store at `db`, with the first `done` of those 审批中 here shown as
/// 已通过 there. Returns how many rows were written.
pub fn export(db: &Path, year: i32, on: NaiveDate, done: usize, out: &Path) -> Result<usize> {
    let mut ctx = Context::open(Paths::for_db(db), Some("导出"), Clock::Fixed(on))?;
    let grads = ctx.graduates(year, on)?;
    let ledger = ctx.testing_store().ledger_of_year(year)?;
    let settings = ctx.testing_store().campaign_settings(year)?;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let err = |e: rust_xlsxwriter::XlsxError| Error::internal(e.to_string());
    let header = [
        "序号",
        "团员姓名",
        "公民身份号码",
        "原所在团组织",
        "转入团组织",
        "审批状态",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).map_err(err)?;
    }
    let mut n = 0u32;
    let mut moved = 0;
    for g in grads.iter() {
        let Some(t) = ledger.latest(g.member.id) else {
            continue;
        };
        let state = status_on(t, on, &settings).state;
        let there = match state {
            State::Planned => continue,
            State::Pending | State::AwaitingAllocation if moved < done => {
                moved += 1;
                "已通过"
            }
            State::Pending | State::AwaitingAllocation => "审批中",
            State::Done => "已通过",
            State::Revoked => "已撤销",
            State::Returned | State::AutoTerminated => "已退回",
        };
        n += 1;
        ws.write_number(n, 0, f64::from(n)).map_err(err)?;
        ws.write_string(n, 1, &g.member.name).map_err(err)?;
        ws.write_string(n, 2, g.member.id_number.as_str())
            .map_err(err)?;
        ws.write_string(n, 3, &g.branch.full_name).map_err(err)?;
        ws.write_string(n, 4, &t.destination).map_err(err)?;
        ws.write_string(n, 5, there).map_err(err)?;
    }
    wb.save(out).map_err(err)?;
    Ok(n as usize)
}

/// 智慧团建's list of transfers in (as its export names the columns) for the new students of
/// `year` whose transfer in was started in the store at `db`, with the first `done` of those
/// 审批中 here shown as 已通过 there. Returns how many rows were written.
pub fn export_incoming(
    db: &Path,
    year: i32,
    on: NaiveDate,
    done: usize,
    out: &Path,
) -> Result<usize> {
    let ctx = Context::open(Paths::for_db(db), Some("导出"), Clock::Fixed(on))?;
    let students = ctx.testing_store().freshmen(year)?;
    let list = xianjie::service::freshmen::transfers::list(&ctx, year, on)?;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let err = |e: rust_xlsxwriter::XlsxError| Error::internal(e.to_string());
    let header = [
        "序号",
        "团员姓名",
        "公民身份号码",
        "原所在团组织",
        "转入团组织",
        "审批状态",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).map_err(err)?;
    }
    let (mut n, mut moved) = (0u32, 0);
    for row in &list.rows {
        let Some(f) = students.iter().find(|f| f.id == row.member_id) else {
            continue;
        };
        let there = match State::from_code(&row.state.code) {
            Some(State::Planned) | None => continue,
            Some(State::Pending | State::AwaitingAllocation) if moved < done => {
                moved += 1;
                "已通过"
            }
            Some(State::Pending | State::AwaitingAllocation) => "审批中",
            Some(State::Done) => "已通过",
            Some(State::Revoked) => "已撤销",
            Some(State::Returned | State::AutoTerminated) => "已退回",
        };
        n += 1;
        ws.write_number(n, 0, f64::from(n)).map_err(err)?;
        ws.write_string(n, 1, &f.name).map_err(err)?;
        ws.write_string(n, 2, f.id_number.as_str()).map_err(err)?;
        let from = f
            .former_unit
            .clone()
            .unwrap_or_else(|| "某某中学团委".into());
        ws.write_string(n, 3, &from).map_err(err)?;
        ws.write_string(n, 4, row.destination.as_deref().unwrap_or(""))
            .map_err(err)?;
        ws.write_string(n, 5, there).map_err(err)?;
    }
    wb.save(out).map_err(err)?;
    Ok(n as usize)
}
