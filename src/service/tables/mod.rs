//! The summary tables (F1–F6) and the notices (L2, L3) as both doors make them: F1's school
//! and 负责人, and L2's contact, default to the office's records (`office`), so a table made
//! from the command line prints what the app's would.

pub mod export;
pub mod rows;

use super::Context;
use crate::documents::letter::{l2, l3};
use crate::rule::RuleId;
use crate::store::Graduate;
use crate::{Error, Result, Watch};
use chrono::NaiveDate;
pub use export::TableOutput;
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
    Ok(table_report(ctx, form, f, on, o, watch)?.bytes)
}

/// [`table`] with what the door should tell the user besides "written" (F2: how many
/// graduates are not yet submitted in 智慧团建, marked 未发起 in the table).
pub fn table_report(
    ctx: &Context,
    form: Form,
    f: &Filter,
    on: Option<NaiveDate>,
    o: &Overrides,
    watch: &Watch<'_>,
) -> Result<TableOutput> {
    let started = std::time::Instant::now();
    let on = on.unwrap_or_else(|| ctx.today());
    check_filter(ctx, f)?;
    let out = export::table_report(&[ctx.store()], form, f, on, &extras(ctx, o)?, watch)?;
    crate::diagnostics::record_long_task("table", started.elapsed(), out.bytes.len() as u64);
    Ok(out)
}

/// A filter that can match nothing is an error naming what exists (an empty form with a
/// success would mislead): the college as the member records write it, a part of some
/// branch's full name.
fn check_filter(ctx: &Context, f: &Filter) -> Result<()> {
    if let Some(c) = f
        .college
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let known = ctx.store().member_colleges()?;
        let orgs = ctx.store().orgs()?;
        let by_org = orgs.iter().any(|o| o.full_name.contains(c));
        if !known.iter().any(|k| crate::text::same(k, c)) && !by_org {
            return Err(Error::invalid(format!(
                "没有学院“{c}”：团员名单中的学院有 {}（按名单中的写法填写）",
                super::scope::some_of(&known)
            )));
        }
    }
    if let Some(b) = f.branch.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        let branches: Vec<String> = ctx
            .store()
            .orgs()?
            .into_iter()
            .filter(|o| o.level == crate::org::OrgLevel::Branch)
            .map(|o| o.full_name)
            .collect();
        if !branches.iter().any(|n| n.contains(b)) {
            return Err(Error::invalid(format!(
                "没有全称中含“{b}”的团支部；团支部有 {}",
                super::scope::some_of(&branches)
            )));
        }
    }
    Ok(())
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
    Ok(table_all_colleges_report(ctx, form, f, on, o, watch)?.bytes)
}

/// [`table_all_colleges`] with the notes of [`table_report`].
pub fn table_all_colleges_report(
    ctx: &Context,
    form: Form,
    f: &Filter,
    on: Option<NaiveDate>,
    o: &Overrides,
    watch: &Watch<'_>,
) -> Result<TableOutput> {
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
    let out = export::table_report(&stores, form, f, on, &extras(ctx, o)?, watch)?;
    crate::diagnostics::record_long_task(
        "table_all_colleges",
        started.elapsed(),
        out.bytes.len() as u64,
    );
    Ok(out)
}

/// Which notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// 流动团员管理服务告知书 (R7a/R7b).
    L2,
    /// 关于保留团组织关系的申请 (R5).
    L3,
}

impl Notice {
    /// The document's title, as refusals name it.
    pub fn title(self) -> &'static str {
        match self {
            Notice::L2 => l2::TITLE,
            Notice::L3 => l3::TITLE,
        }
    }
}

/// Whether notice `kind` is for this graduate (rules.md §L2, §L3): L2 only for a flowing
/// member retained in school (R7a/R7b), L3 only for one going abroad to study (R5) — exactly
/// those the engine asks the paper of. Pure: the app offers each notice only where this is
/// `Ok`; the error says why not, naming the graduate and the rule.
pub fn notice_applies(kind: Notice, g: &Graduate) -> std::result::Result<(), String> {
    let (doc, rule, who) = match kind {
        Notice::L2 => (RuleId::L2, "R7a/R7b", "在校保留的流动团员"),
        Notice::L3 => (RuleId::L3, "R5", "出国（境）学习研究的毕业生"),
    };
    let rec = g.recommendation.as_ref();
    if rec.is_some_and(|r| r.paperwork.iter().any(|p| p.doc == doc)) {
        return Ok(());
    }
    let now = match rec {
        None => "尚未记录毕业去向".to_string(),
        Some(r) => match r.reason.or(r.intended_reason) {
            Some(reason) => format!(
                "建议的转接原因是“{}”（{}）",
                reason.label(),
                reason.rule().as_str()
            ),
            None => "没有学社衔接转接原因".to_string(),
        },
    };
    Err(format!(
        "不能为{}生成{}：{}只用于{who}（{rule}），{}{now}",
        g.member.name,
        kind.title(),
        kind.title(),
        g.member.name
    ))
}

/// The PDF bytes of `kind` for `members` (a page each) of cohort `year`. Refused, naming every
/// graduate it is not for, unless it applies to all ([`notice_applies`]).
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
    let store = ctx.store();
    let on = ctx.today();
    rows::check_notice(store, kind, members, year, on)?;
    match kind {
        Notice::L2 => {
            let x = extras(ctx, o)?;
            let data = members
                .iter()
                .map(|&m| rows::notice_data(store, m, &x.contact, on))
                .collect::<Result<Vec<_>>>()?;
            l2::render(&data)
        }
        Notice::L3 => {
            // School and college from what was given, else the office's name, each once.
            let office = super::office::load(ctx)?.college;
            let given = given(&o.school).unwrap_or_default();
            let data = members
                .iter()
                .map(|&m| rows::retention_data(store, m, year, &given, &office, on))
                .collect::<Result<Vec<_>>>()?;
            l3::render(&data)
        }
    }
}
