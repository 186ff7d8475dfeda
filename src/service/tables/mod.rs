//! The summary tables (F1–F6) and the notices (L2, L3) as both doors make them: F1's school
//! and 负责人, and L2's contact, default to the office's records (`office`), so a table made
//! from the command line prints what the app's would.

pub mod export;
pub mod rows;

use super::Context;
use crate::documents::letter::{l2, l3};
use crate::{Error, Result, Watch};
use chrono::NaiveDate;
use export::{F1Extras, Form};
use rows::{Contact, Filter};

/// What a table or notice may override of the office's records (empty: the office's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub school: Option<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
}

fn given(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// F1's extras: the office's college and its letter handler as 学社衔接工作负责人.
pub fn extras(ctx: &Context, o: &Overrides) -> Result<F1Extras> {
    let office = super::office::load(ctx)?;
    Ok(F1Extras {
        school: given(&o.school).unwrap_or(office.college),
        contact: Contact {
            name: given(&o.contact_name).unwrap_or(office.profile.handler),
            phone: given(&o.contact_phone).unwrap_or(office.profile.handler_mobile),
        },
    })
}

/// The .xlsx bytes of `form` over the rows `f` keeps, recommendations as on `on` (default
/// today); `watch` hears the rows gathered and may stop it (nothing is written here).
pub fn table(
    ctx: &Context,
    form: Form,
    f: &Filter,
    on: Option<NaiveDate>,
    o: &Overrides,
    watch: &Watch<'_>,
) -> Result<Vec<u8>> {
    let started = std::time::Instant::now();
    let on = on.unwrap_or_else(|| ctx.today());
    let bytes = export::table(ctx.store(), form, f, on, &extras(ctx, o)?, watch)?;
    crate::diagnostics::record_long_task("table", started.elapsed(), bytes.len() as u64);
    Ok(bytes)
}

/// [`table`] at the school: every college's package's rows in one table (issue 16), F1's
/// school and 负责人 the school office's.
pub fn table_all_colleges(
    ctx: &Context,
    form: Form,
    f: &Filter,
    on: Option<NaiveDate>,
    o: &Overrides,
    watch: &Watch<'_>,
) -> Result<Vec<u8>> {
    let on = on.unwrap_or_else(|| ctx.today());
    let colleges = super::package::list(ctx)?
        .iter()
        .map(|p| super::package::college(ctx, &p.college))
        .collect::<Result<Vec<_>>>()?;
    if colleges.is_empty() {
        return Err(Error::invalid(
            "还没有导入任何学院的数据包：请先用“学院数据”导入各学院交来的数据包",
        ));
    }
    let guards: Vec<_> = colleges.iter().map(super::package::College::lock).collect();
    let started = std::time::Instant::now();
    let stores: Vec<&crate::store::Store> = guards.iter().map(|g| g.store()).collect();
    let bytes = export::table_of(&stores, form, f, on, &extras(ctx, o)?, watch)?;
    crate::diagnostics::record_long_task(
        "table_all_colleges",
        started.elapsed(),
        bytes.len() as u64,
    );
    Ok(bytes)
}

/// Which notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// 流动团员管理服务告知书 (R7a).
    L2,
    /// 关于保留团组织关系的申请 (R5).
    L3,
}

/// The PDF bytes of `kind` for `members` (a page each) of cohort `year`.
pub fn notices(
    ctx: &Context,
    kind: Notice,
    members: &[i64],
    year: i32,
    o: &Overrides,
) -> Result<Vec<u8>> {
    if members.is_empty() {
        return Err(Error::invalid("请先选择团员"));
    }
    let x = extras(ctx, o)?;
    let store = ctx.store();
    let on = ctx.today();
    match kind {
        Notice::L2 => {
            let data = members
                .iter()
                .map(|&m| rows::notice_data(store, m, &x.contact, on))
                .collect::<Result<Vec<_>>>()?;
            l2::render(&data)
        }
        Notice::L3 => {
            let data = members
                .iter()
                .map(|&m| rows::retention_data(store, m, year, &x.school, on))
                .collect::<Result<Vec<_>>>()?;
            l3::render(&data)
        }
    }
}
