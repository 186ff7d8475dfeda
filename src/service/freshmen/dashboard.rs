//! 工作台's September part (N1, N10): the new students by what the office does for them, the
//! one-month target (every transfer in started within `start_within_months` of enrolment:
//! 100 %) and the 10-15 date (basically done), each as numbers with the students behind
//! them, the receiving side's rate (N10) and the 回执 due (N11). At a school holding its
//! colleges' packages, the colleges' parts summed (every student named with their college).

use super::{letters, Year};
use crate::engine::incoming::IncomingAction;
use crate::service::scope::{self, Scope};
use crate::service::view::{count, Choice, RateNumbers};
use crate::service::Context;
use crate::transfer::{deadline::status_on, State};
use crate::Result;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A student behind a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StudentRef {
    /// The number in the freshmen list (of its college's data, at a school).
    pub id: i64,
    pub name: String,
    pub branch: String,
    /// The college whose package it comes from (empty in the office's own data).
    pub college: String,
    /// The student's own date for this target (N1: enrolment plus the months), if known.
    pub due: Option<String>,
}

/// A target with the students counted, those meeting it and those not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Target {
    /// The school's date (null: no enrolment date set yet).
    pub by: Option<String>,
    pub days_left: Option<i64>,
    /// Students to be transferred in through 智慧团建 (N10's applicants).
    pub total: u32,
    pub met: u32,
    /// Not met yet, with each one's own date.
    pub missing: Vec<StudentRef>,
    /// Of `missing`, past their own date.
    pub overdue: u32,
}

/// How many students the advice sends each way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionCount {
    pub action: Choice,
    pub count: u32,
    /// Of them, blocked (someone else must act first).
    pub blocked: u32,
}

/// The September part of 工作台.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FreshmenDashboard {
    pub year: i32,
    pub on: String,
    /// Summed over the colleges' packages (read only).
    pub merged: bool,
    pub total: u32,
    /// Still members (N2); the others are listed but outside every league count.
    pub members: u32,
    pub non_members: u32,
    pub actions: Vec<ActionCount>,
    /// N1: every transfer in started within the month of enrolment (100 %).
    pub started: Target,
    /// N1: basically done by 10-15.
    pub done: Target,
    /// N10: the receiving side's rate (transfers in done / applied − returned).
    pub incoming: RateNumbers,
    /// N11: 回执 not sent yet, and of them past the month.
    pub receipts_due: u32,
    pub receipts_overdue: u32,
    /// Class branches students go into that are not built yet (N1).
    pub missing_branches: Vec<String>,
}

fn one(ctx: &Context, year: i32, on: NaiveDate, college: &str) -> Result<FreshmenDashboard> {
    let y = Year::load(ctx, year)?;
    let s = &y.settings;
    let mut actions: Vec<ActionCount> = IncomingAction::ALL
        .iter()
        .map(|a| ActionCount {
            action: Choice::new(a.code(), a.label()),
            count: 0,
            blocked: 0,
        })
        .collect();
    let school_start = s.enrolment.and_then(|e| s.start_by(e));
    let target = |by: Option<NaiveDate>| Target {
        by: by.map(|d| d.to_string()),
        days_left: by.map(|d| (d - on).num_days()),
        total: 0,
        met: 0,
        missing: Vec::new(),
        overdue: 0,
    };
    let mut started = target(school_start);
    let mut done = target(Some(s.done_by()));
    let (mut members, mut non_members) = (0usize, 0usize);
    let mut missing_branches: Vec<String> = Vec::new();
    for f in &y.freshmen {
        let a = y.advice(f, on);
        if let Some(c) = actions
            .iter_mut()
            .find(|c| c.action.code == a.action.code())
        {
            c.count += 1;
            c.blocked += u32::from(a.blocked);
        }
        if a.membership.is_member() {
            members += 1;
        } else {
            non_members += 1;
            continue;
        }
        if let (Some(b), None) = (f.branch.as_deref(), y.branch_of(f)) {
            if a.deadline.is_some() && !missing_branches.iter().any(|m| crate::text::same(m, b)) {
                missing_branches.push(b.to_string());
            }
        }
        if !a.counts_in_rate {
            continue;
        }
        let t = y.transfer(f);
        let own_start = a.deadline.as_ref().and_then(|d| d.start_by);
        let who = |due: Option<NaiveDate>| StudentRef {
            id: f.id,
            name: f.name.clone(),
            branch: f.branch.clone().unwrap_or_default(),
            college: college.to_string(),
            due: due.map(|d| d.to_string()),
        };
        started.total += 1;
        done.total += 1;
        if t.and_then(|t| t.started_on()).is_some_and(|d| d <= on) {
            started.met += 1;
        } else {
            started.overdue += u32::from(own_start.is_some_and(|d| d < on));
            started.missing.push(who(own_start));
        }
        let is_done = t.is_some_and(|t| {
            !t.into_own_flowing() && status_on(t, on, &s.campaign).state == State::Done
        });
        if is_done {
            done.met += 1;
        } else {
            done.overdue += u32::from(s.done_by() < on);
            done.missing.push(who(Some(s.done_by())));
        }
    }
    let register = letters::register(ctx, year, on)?;
    let rates = scope::rates_report(ctx, year, &Scope::Here(crate::transfer::Unit::School), on)?;
    Ok(FreshmenDashboard {
        year,
        on: on.to_string(),
        merged: false,
        total: count(y.freshmen.len()),
        members: count(members),
        non_members: count(non_members),
        actions,
        started,
        done,
        incoming: RateNumbers::incoming(&rates.incoming),
        receipts_due: register.due + register.overdue,
        receipts_overdue: register.overdue,
        missing_branches,
    })
}

fn add(into: &mut Target, other: Target) {
    into.total += other.total;
    into.met += other.met;
    into.overdue += other.overdue;
    into.missing.extend(other.missing);
}

/// 工作台's September part for year `year` as of `on`: the office's own, or at a school every
/// college's package summed (the rate as every school view: lines absorbed, never averaged).
pub fn dashboard(ctx: &Context, year: i32, on: NaiveDate) -> Result<FreshmenDashboard> {
    let packages = crate::service::package::list(ctx)?;
    if packages.is_empty() {
        return one(ctx, year, on, "");
    }
    let mut out: Option<FreshmenDashboard> = None;
    for p in &packages {
        let c = crate::service::package::college(ctx, &p.college)?;
        let part = one(&c.lock(), year, on, &p.college)?;
        match &mut out {
            None => out = Some(part),
            Some(o) => {
                o.total += part.total;
                o.members += part.members;
                o.non_members += part.non_members;
                for (a, b) in o.actions.iter_mut().zip(part.actions) {
                    a.count += b.count;
                    a.blocked += b.blocked;
                }
                add(&mut o.started, part.started);
                add(&mut o.done, part.done);
                o.receipts_due += part.receipts_due;
                o.receipts_overdue += part.receipts_overdue;
                o.missing_branches.extend(part.missing_branches);
            }
        }
    }
    let mut out = out.ok_or_else(|| crate::Error::internal("没有学院数据"))?;
    let whole = scope::rates_report(ctx, year, &Scope::Colleges, on)?;
    out.incoming = RateNumbers::incoming(&whole.incoming);
    out.merged = true;
    Ok(out)
}
