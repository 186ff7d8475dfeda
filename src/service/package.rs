//! The school level (issue 16): a college exports its campaign as one sealed package
//! ([`crate::package`]); the school imports its colleges' packages — each kept whole as that
//! college's, a newer one replacing it — and reads across them: rates summed from each
//! college's own numerators and denominators, ID numbers found in two colleges.
//!
//! Both doors call these; what is refused (another school, another year, an older or damaged
//! package, a newer program's) is decided here once.

use super::view::RateNumbers;
use super::{Context, Paths};
use crate::package::{self, Manifest};
use crate::store::packages::CollegePackage;
use crate::store::Store;
use crate::transfer::Unit;
use crate::{files, Error, Result};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// The top of the org tree: the school committee.
fn school_org(store: &Store) -> Result<crate::org::Org> {
    let roots: Vec<_> = store
        .orgs()?
        .into_iter()
        .filter(|o| o.parent_id.is_none())
        .collect();
    match roots.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(Error::invalid(
            "还没有团组织：请先在“设置”中填写本校团委全称，或导入名单",
        )),
        _ => Err(Error::invalid(format!(
            "组织树有 {} 个最上级团组织（{}），无法确定学校",
            roots.len(),
            roots
                .iter()
                .map(|o| o.full_name.as_str())
                .collect::<Vec<_>>()
                .join("、")
        ))),
    }
}

/// The college a store is: the office's committee below the school, else the school's only
/// child.
fn college_org(ctx: &Context, school: &crate::org::Org) -> Result<crate::org::Org> {
    if let Some(issuer) = super::office::load(ctx)?.issuer {
        if issuer.id != school.id {
            return Ok(issuer);
        }
    }
    let children: Vec<_> = ctx
        .store()
        .orgs()?
        .into_iter()
        .filter(|o| o.parent_id == Some(school.id))
        .collect();
    match children.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(Error::invalid(format!(
            "无法确定本学院：请在“设置”中填写本学院团委全称（“{}”下有 {} 个团组织）",
            school.full_name,
            children.len()
        ))),
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exported {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
    pub manifest: Manifest,
}

/// 导出数据包: the college's whole store for cohort `year`, sealed, written to `out` (0600).
pub fn export(ctx: &mut Context, year: i32, out: &Path) -> Result<Exported> {
    let school = school_org(ctx.store())?;
    let college = college_org(ctx, &school)?;
    let graduates = ctx.graduates(year, ctx.today())?.len() as u64;
    let members = ctx.store().member_count()?;
    let manifest = Manifest {
        format: package::FORMAT,
        program: env!("CARGO_PKG_VERSION").to_string(),
        schema_version: crate::store::latest_version(),
        school: school.full_name,
        college: college.full_name.clone(),
        year,
        exported_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        members,
        graduates,
        contents: format!(
            "{}的全部数据：组织、{members} 名团员（含身份证号、手机号）、毕业去向与标记、转接记录、介绍信登记簿、操作日志。含个人信息，请只交给校团委，勿外传",
            college.full_name
        ),
    };
    let db = ctx.store().to_bytes()?;
    let (bytes, sha256) = package::seal(&manifest, &db)?;
    files::write_private(out, &bytes)?;
    Ok(Exported {
        path: out.display().to_string(),
        sha256,
        bytes: bytes.len() as u64,
        manifest,
    })
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub package: CollegePackage,
    /// It replaced the college's earlier package.
    pub replaced: bool,
    /// The same package was imported already: nothing changed.
    pub unchanged: bool,
}

/// 导入数据包 at the school, for campaign `year`: the seal first, then the manifest (this
/// school, this year, not older than the package held, not from a newer program), then the
/// database inside (intact, its audit chain whole); only then, after a snapshot, the college's
/// package is kept — replacing its earlier one — with an audit entry naming file and hash.
pub fn import(ctx: &mut Context, file: &Path, year: i32) -> Result<Imported> {
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let bytes = std::fs::read(file).map_err(|e| {
        Error::storage(format!(
            "无法读取 {}：{}",
            file.display(),
            crate::error::io_reason(&e)
        ))
    })?;
    let opened = package::open(&bytes, &name)?;
    let m = &opened.manifest;
    let school = school_org(ctx.store())?;
    if m.school != school.full_name {
        return Err(Error::refused(format!(
            "{name} 是“{}”的数据包，不是本校（{}）的，未导入",
            m.school, school.full_name
        )));
    }
    if m.college == school.full_name {
        return Err(Error::refused(format!(
            "{name} 是学校一级的数据，不是学院的数据包，未导入"
        )));
    }
    if m.year != year {
        return Err(Error::refused(format!(
            "{name} 是{}届的数据包，不是{year}届的，未导入",
            m.year
        )));
    }
    let held = ctx
        .store()
        .college_packages()?
        .into_iter()
        .find(|p| p.college == m.college);
    if let Some(h) = &held {
        if h.sha256 == opened.sha256 {
            return Ok(Imported {
                package: h.clone(),
                replaced: false,
                unchanged: true,
            });
        }
        if h.exported_at > m.exported_at {
            return Err(Error::refused(format!(
                "{name} 导出于 {}，比已导入的“{}”数据包（导出于 {}）旧，未导入",
                m.exported_at, m.college, h.exported_at
            )));
        }
    }
    // The database inside: intact, not from a newer program, and the college it says it is.
    let inner = Store::from_bytes(opened.db, &name)?;
    let inner_school = school_org(&inner)?;
    if inner_school.full_name != m.school || inner.org_by_full_name(&m.college)?.is_none() {
        return Err(Error::invalid(format!(
            "{name} 的说明与其中的数据不一致（学校或学院不符），未导入"
        )));
    }
    ctx.store().snapshot(crate::store::backup::Reason::Import)?;
    let p = CollegePackage {
        college: m.college.clone(),
        school: m.school.clone(),
        year: m.year,
        exported_at: m.exported_at.clone(),
        sha256: opened.sha256.clone(),
        program: m.program.clone(),
        schema_version: m.schema_version,
        file: name,
        imported_at: crate::store::audit::now(),
        members: m.members,
        graduates: m.graduates,
    };
    let op = ctx.operator().to_string();
    ctx.store_mut().put_college_package(&p, opened.db, &op)?;
    Ok(Imported {
        package: p,
        replaced: held.is_some(),
        unchanged: false,
    })
}

/// 学院数据: the packages the school holds.
/// Whether this store is a school reading its colleges' packages (then "全校" is theirs).
pub fn any(ctx: &Context) -> Result<bool> {
    Ok(!list(ctx)?.is_empty())
}

pub fn list(ctx: &Context) -> Result<Vec<CollegePackage>> {
    ctx.store().college_packages()
}

/// A college's data as the school holds it: a context of its own over a copy in memory,
/// shared with [`OPENED`]; [`College::lock`] to read it.
#[derive(Clone)]
pub struct College(Arc<Mutex<Context>>);

impl College {
    pub fn lock(&self) -> MutexGuard<'_, Context> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

struct Opened {
    sha256: String,
    bytes: usize,
    college: College,
}

/// Colleges' packages opened for reading, by SHA-256, least recently used first. Opening one
/// copies and checks its whole database, and its context keeps the engine's run over its
/// graduates; the school's pages read every college on every request. Content-addressed: a
/// hash is the same data whichever store holds it, and a replaced package has a new hash.
static OPENED: Mutex<Vec<Opened>> = Mutex::new(Vec::new());

/// How many bytes of packages stay open (about ten colleges of 10,000 graduates).
const OPENED_BUDGET: usize = 160 << 20;

/// `college`'s package as the school holds it, read only.
pub fn college(ctx: &Context, college: &str) -> Result<College> {
    let sha256 = ctx.store().college_package_sha(college)?;
    let hit = {
        let mut opened = OPENED.lock().unwrap_or_else(PoisonError::into_inner);
        match opened.iter().position(|o| o.sha256 == sha256) {
            Some(i) => {
                // Most recently used last.
                let o = opened.remove(i);
                let c = o.college.clone();
                opened.push(o);
                Some(c)
            }
            None => None,
        }
    };
    if let Some(c) = hit {
        {
            // The asker's clock and name, not the first opener's.
            let mut g = c.lock();
            g.clock = ctx.clock();
            g.operator = ctx.operator().to_string();
        }
        return Ok(c);
    }
    let (sha256, data) = ctx.store().college_package_data(college)?;
    let store = Store::from_bytes(&data, &format!("“{college}”的数据包"))?;
    let c = College(Arc::new(Mutex::new(Context::over(
        Paths::in_dir(Path::new(""), Some(":memory:".into())),
        store,
        ctx.operator(),
        ctx.clock(),
    ))));
    let mut opened = OPENED.lock().unwrap_or_else(PoisonError::into_inner);
    if !opened.iter().any(|o| o.sha256 == sha256) {
        opened.push(Opened {
            sha256,
            bytes: data.len(),
            college: c.clone(),
        });
        // Oldest out first, past the budget (the newest always stays).
        let mut total: usize = opened.iter().map(|o| o.bytes).sum();
        while total > OPENED_BUDGET && opened.len() > 1 {
            total -= opened.remove(0).bytes;
        }
    }
    Ok(c)
}

/// A college's rates in the school's sum.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CollegeRates {
    pub college: String,
    pub sx: RateNumbers,
    pub xs: RateNumbers,
    /// N10: the receiving side.
    pub incoming: RateNumbers,
}

/// The school's rates: each college's, and their sum (§6: numerators and denominators added,
/// never rates averaged — each college's report absorbed into one).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SchoolRates {
    pub year: i32,
    pub on: NaiveDate,
    pub colleges: Vec<CollegeRates>,
    pub sx: RateNumbers,
    pub xs: RateNumbers,
    /// N10: the receiving side, summed like the others.
    pub incoming: RateNumbers,
}

/// The rates of every college the school holds a package of, for cohort `year` on `on`.
pub fn rates(ctx: &Context, year: i32, on: NaiveDate) -> Result<SchoolRates> {
    let mut colleges = Vec::new();
    let mut total: Option<crate::transfer::RatesReport> = None;
    for p in list(ctx)? {
        let c = college(ctx, &p.college)?;
        let c = c.lock();
        let unit = match c.store().org_by_full_name(&p.college)? {
            Some(o) if o.parent_id.is_some() => Unit::College(o.id),
            _ => Unit::School,
        };
        let r = crate::store::transfers::rates_report(c.store(), year, unit, on)?;
        colleges.push(CollegeRates {
            college: p.college,
            sx: (&r.sx).into(),
            xs: (&r.xs).into(),
            incoming: RateNumbers::incoming(&r.incoming),
        });
        match &mut total {
            Some(t) => t.absorb(r),
            None => total = Some(r),
        }
    }
    let empty = |m| crate::transfer::Rate::empty(m);
    let (sx, xs, incoming) = match &total {
        Some(t) => (
            (&t.sx).into(),
            (&t.xs).into(),
            RateNumbers::incoming(&t.incoming),
        ),
        None => (
            (&empty(crate::engine::Metric::Sx)).into(),
            (&empty(crate::engine::Metric::Xs)).into(),
            RateNumbers::incoming(&crate::transfer::incoming_side(
                &empty(crate::engine::Metric::Sx),
                &empty(crate::engine::Metric::Xs),
            )),
        ),
    };
    Ok(SchoolRates {
        year,
        on,
        colleges,
        sx,
        xs,
        incoming,
    })
}

/// Where an ID number is found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Place {
    pub college: String,
    pub branch: String,
    pub name: String,
}

/// An ID number held by more than one college (M2: one record per person).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Duplicate {
    /// Masked (M1).
    pub id_number: String,
    pub places: Vec<Place>,
}

/// The graduates of cohort `year` whose ID number appears in two or more colleges' packages.
pub fn duplicates(ctx: &Context, year: i32) -> Result<Vec<Duplicate>> {
    let mut seen: BTreeMap<String, (String, Vec<Place>)> = BTreeMap::new();
    for p in list(ctx)? {
        let c = college(ctx, &p.college)?;
        let mut c = c.lock();
        let on = c.today();
        for g in c.graduates(year, on)?.iter() {
            let e = seen
                .entry(g.member.id_number.as_str().to_string())
                .or_insert_with(|| (g.member.id_number.masked(), Vec::new()));
            e.1.push(Place {
                college: p.college.clone(),
                branch: g.branch.full_name.clone(),
                name: g.member.name.clone(),
            });
        }
    }
    Ok(seen
        .into_values()
        .filter(|(_, places)| {
            let mut colleges: Vec<&str> = places.iter().map(|p| p.college.as_str()).collect();
            colleges.dedup();
            colleges.len() > 1
        })
        .map(|(id_number, places)| Duplicate { id_number, places })
        .collect())
}

/// A graduate found in a college's package (全校查询).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Found {
    pub college: String,
    pub branch: String,
    pub name: String,
    /// Masked (M1).
    pub id_number: String,
    /// The destination kind, or empty while none is recorded.
    pub destination: String,
    /// Where the transfer stands on the date (未发起 while none is recorded).
    pub state: String,
}

/// At most this many graduates are listed by [`find`].
pub const FOUND_MAX: usize = 200;

/// 全校查询: cohort `year`'s graduates in every college's package whose name contains `query`,
/// or whose ID number (full, or its last digits) or student number is it — on `on`, at most
/// [`FOUND_MAX`], by college. Read only: the rows are the colleges'.
pub fn find(ctx: &Context, year: i32, on: NaiveDate, query: &str) -> Result<Vec<Found>> {
    let q: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    let q = q.to_uppercase();
    if q.is_empty() {
        return Err(Error::invalid("请输入姓名、身份证号（或其后几位）或学号"));
    }
    let mut out = Vec::new();
    for p in list(ctx)? {
        let c = college(ctx, &p.college)?;
        let mut c = c.lock();
        let grads = c.graduates(year, on)?;
        let ledger = c.store().ledger_of_year(year)?;
        let s = c.store().campaign_settings(year)?;
        for g in grads.iter() {
            let m = &g.member;
            let id = m.id_number.as_str();
            let hit = m.name.contains(q.as_str())
                || id == q
                || (q.len() >= 4 && id.ends_with(q.as_str()))
                || m.student_no.as_deref() == Some(q.as_str());
            if !hit {
                continue;
            }
            let state = ledger.latest(m.id).map_or("未发起", |t| {
                crate::transfer::deadline::status_on(t, on, &s)
                    .state
                    .label()
            });
            out.push(Found {
                college: p.college.clone(),
                branch: g.branch.full_name.clone(),
                name: m.name.clone(),
                id_number: m.id_number.masked(),
                destination: m
                    .destination
                    .as_ref()
                    .map_or(String::new(), |d| d.kind.label().to_string()),
                state: state.to_string(),
            });
            if out.len() >= FOUND_MAX {
                return Ok(out);
            }
        }
    }
    Ok(out)
}
