//! New students' transfers in (N1, N3): ordinary transfers of the ledger — started by this
//! office (转入方), reason 升学 (R1), straight into the class branch, approved by the side
//! transferring out, with W4's deadlines from the year's settings — filed under the student's
//! key (`freshman::transfer_key`). Starting asks the engine first: a student it blocks, or
//! whose way is not a transfer through 智慧团建 (registration, letter, staying, not a member),
//! is refused naming why; a class is started for every student ready, the others listed.

use super::{FreshmanView, Year};
use crate::destination::{jing_yue_min, Reason};
use crate::freshman::{freshman_of_key, transfer_key, Freshman};
use crate::service::transfers::list::{fill, next_deadline, urgency, TransferRow};
use crate::service::transfers::step::{self, MemberErrorView, StepInput, StepOutcome, StepRequest};
use crate::service::view::{count, Choice};
use crate::service::Context;
use crate::store::transfers as operations;
use crate::transfer::deadline::status_on;
use crate::transfer::{
    BatchFailure, CampaignSettings, Event, EventKind, Initiator, Projection, State, TransferDraft,
};
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A start of transfers in: the students named, or a class's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FreshmenStartRequest {
    pub year: i32,
    /// Students by their number in the freshmen list: all or nothing.
    #[serde(default)]
    pub students: Vec<i64>,
    /// A class branch's full name (or the class as the list writes it): every student of it
    /// ready to be transferred in; the others are listed with why.
    #[serde(default)]
    pub class: Option<String>,
    /// The day it was started in 智慧团建 (`YYYY-MM-DD`); null: today.
    #[serde(default)]
    pub on: Option<String>,
    /// Who started it in 智慧团建; null: the operator.
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Only planned, not yet started in 智慧团建.
    #[serde(default)]
    pub planned: bool,
}

/// A student and why nothing was done for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Skipped {
    pub id: i64,
    pub name: String,
    pub why: String,
}

/// What a start did: `started` students' transfers opened, or (errors) none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FreshmenStartOutcome {
    pub started: u32,
    /// Of a class, the students not ready (blocked, not a transfer, already under way).
    pub skipped: Vec<Skipped>,
    /// Named students refused: nothing was started.
    pub errors: Vec<MemberErrorView>,
}

fn date(s: &Option<String>, today: NaiveDate) -> Result<NaiveDate> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(d) => {
            crate::date::parse_date_lenient(d).map_err(|e| Error::invalid(format!("操作日期：{e}")))
        }
        None => Ok(today),
    }
}

/// Why `f` cannot be transferred in now (N1–N11 through the engine), if it cannot.
fn refusal(y: &Year, f: &Freshman, on: NaiveDate) -> Option<String> {
    let a = y.advice(f, on);
    if !a.counts_in_rate {
        return Some(format!(
            "{}：不经智慧团建办理转入（{}）",
            a.action.label(),
            a.reason
        ));
    }
    if a.blocked {
        let list: Vec<String> = a
            .blocks
            .iter()
            .map(|b| format!("{}（规则 {}）", b.text, b.rule.as_str()))
            .collect();
        return Some(format!("暂不能转入：{}", list.join("；")));
    }
    if y.branch_of(f).is_none() {
        return Some(match &f.branch {
            Some(b) => {
                format!("班级团支部“{b}”尚未建立：先建立新生团支部，再直接转入该团支部（N1、N3）")
            }
            None => "名单中没有该生的班级或团支部：先确定并建立其班级团支部（N1、N3）".into(),
        });
    }
    None
}

fn draft(y: &Year, f: &Freshman) -> TransferDraft {
    let jym = !f.own_graduate
        && f.former_province
            .as_deref()
            .and_then(jing_yue_min)
            .is_some();
    TransferDraft {
        member_id: transfer_key(f.id),
        year: f.year,
        initiator: Initiator::Incoming,
        reason: Reason::R1,
        destination: y.branch_of(f).unwrap_or_default().to_string(),
        region: None,
        // R11 (N6): from 京粤闽 the request cannot be revoked once submitted.
        jing_yue_min: jym,
        into_committee: false,
        own_unit: None,
    }
}

/// A refusal of the transfer machinery, with the student's number and name in place of the
/// ledger's key.
fn named_errors(y: &Year, f: BatchFailure) -> Vec<MemberErrorView> {
    f.errors
        .into_iter()
        .map(|e| {
            let id = freshman_of_key(e.member_id).unwrap_or(e.member_id);
            let name = y
                .freshmen
                .iter()
                .find(|s| s.id == id)
                .map_or_else(|| format!("新生 {id}"), |s| s.name.clone());
            MemberErrorView {
                member_id: id,
                message: e.message.replace(&format!("团员 {}", e.member_id), &name),
                name,
            }
        })
        .collect()
}

/// W1/N3: opens (and, unless planned, starts) the transfers in — the students named (all or
/// nothing; a returned request is started again this way) or a class's students ready and
/// never started.
pub fn start(ctx: &mut Context, req: &FreshmenStartRequest) -> Result<FreshmenStartOutcome> {
    let on = date(&req.on, ctx.today())?;
    let y = Year::load(ctx, req.year)?;
    let mut out = FreshmenStartOutcome {
        started: 0,
        skipped: Vec::new(),
        errors: Vec::new(),
    };
    let mut chosen: Vec<&Freshman> = Vec::new();
    match (&req.class, req.students.is_empty()) {
        (Some(class), true) => {
            let c = class.trim();
            let of_class: Vec<&Freshman> = y
                .freshmen
                .iter()
                .filter(|f| {
                    f.branch.as_deref().is_some_and(|b| crate::text::same(b, c))
                        || f.class.as_deref().is_some_and(|k| crate::text::same(k, c))
                })
                .collect();
            if of_class.is_empty() {
                return Err(Error::not_found(format!(
                    "{} 年的新生中没有班级（团支部）为“{c}”的学生",
                    req.year
                )));
            }
            for f in of_class {
                // A class start takes up only those never started, and those 智慧团建 ended by
                // itself (W4: to be started again); a request returned or revoked is started
                // again by naming the student.
                let settings = &y.settings.campaign;
                let state = y.transfer(f).map(|t| status_on(t, on, settings).state);
                let why = match state {
                    Some(s) if s != State::AutoTerminated => {
                        Some(format!("已有转入记录（{}）", s.label()))
                    }
                    _ => refusal(&y, f, on),
                };
                match why {
                    Some(why) => out.skipped.push(Skipped {
                        id: f.id,
                        name: f.name.clone(),
                        why,
                    }),
                    None => chosen.push(f),
                }
            }
        }
        (None, false) => {
            for id in &req.students {
                let Some(f) = y.freshmen.iter().find(|f| f.id == *id) else {
                    out.errors.push(MemberErrorView {
                        member_id: *id,
                        name: format!("新生 {id}"),
                        message: format!("{} 年的新生中没有编号为 {id} 的学生", req.year),
                    });
                    continue;
                };
                match refusal(&y, f, on) {
                    Some(message) => out.errors.push(MemberErrorView {
                        member_id: f.id,
                        name: f.name.clone(),
                        message,
                    }),
                    None => chosen.push(f),
                }
            }
            if !out.errors.is_empty() {
                return Ok(out);
            }
        }
        _ => {
            return Err(Error::invalid(
                "请指定新生（编号）或一个班级团支部，二者选一",
            ))
        }
    }
    if chosen.is_empty() {
        return Ok(out);
    }
    let drafts: Vec<TransferDraft> = chosen.iter().map(|f| draft(&y, f)).collect();
    let actor = req
        .actor
        .clone()
        .unwrap_or_else(|| ctx.operator().to_string());
    let start = (!req.planned).then(|| {
        let mut ev = Event::new(on, EventKind::Start, actor);
        ev.note = req.note.clone();
        ev
    });
    let op = ctx.operator().to_string();
    ctx.store().snapshot_before_batch(drafts.len())?;
    match operations::open_many_checked(ctx.store_mut(), drafts, start, &op)? {
        Ok(v) => out.started = count(v.len()),
        Err(f) => out.errors = named_errors(&y, f),
    }
    Ok(out)
}

/// A step of the students' transfers in (approve, return, revoke, done; a start is
/// [`start`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FreshmenStepRequest {
    pub year: i32,
    pub students: Vec<i64>,
    pub input: StepInput,
    #[serde(default)]
    pub on: Option<String>,
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Records a step for the students' transfers in, all or nothing, by the same rules as the
/// graduates' (the service's step): refusals come back per student.
pub fn step(ctx: &mut Context, req: &FreshmenStepRequest) -> Result<StepOutcome> {
    if let StepInput::Start { planned, .. } = &req.input {
        let o = start(
            ctx,
            &FreshmenStartRequest {
                year: req.year,
                students: req.students.clone(),
                class: None,
                on: req.on.clone(),
                actor: req.actor.clone(),
                note: req.note.clone(),
                planned: *planned,
            },
        )?;
        return Ok(StepOutcome {
            done: o.started,
            errors: o.errors,
        });
    }
    if req.students.is_empty() {
        return Err(Error::invalid("请先选择新生"));
    }
    let y = Year::load(ctx, req.year)?;
    for id in &req.students {
        if !y.freshmen.iter().any(|f| f.id == *id) {
            return Err(Error::not_found(format!(
                "{} 年的新生中没有编号为 {id} 的学生",
                req.year
            )));
        }
    }
    let inner = StepRequest {
        year: req.year,
        members: req.students.iter().map(|&id| transfer_key(id)).collect(),
        input: req.input.clone(),
        on: req.on.clone(),
        actor: req.actor.clone(),
        note: req.note.clone(),
    };
    let mut o = step::step(ctx, &inner)?;
    for e in &mut o.errors {
        let key = e.member_id;
        let id = freshman_of_key(key).unwrap_or(key);
        if let Some(f) = y.freshmen.iter().find(|f| f.id == id) {
            e.name = f.name.clone();
            e.message = e.message.replace(&format!("团员 {key}"), &f.name);
        }
        e.member_id = id;
    }
    Ok(o)
}

/// The next W4 date of a transfer on `on`, what happens then, and its urgency.
pub(crate) fn deadline_of(
    p: &Projection,
    on: NaiveDate,
    s: &CampaignSettings,
) -> (Option<String>, Option<String>, String) {
    match &p.waiting {
        Some(w) => match next_deadline(w, s) {
            Some((d, label)) => (
                Some(d.to_string()),
                Some(label),
                urgency(Some((d - on).num_days()), w.reminder),
            ),
            None => (None, None, urgency(None, w.reminder)),
        },
        None => (None, None, "none".into()),
    }
}

/// The 转入 page: every new student taken in through 智慧团建 (N10's applicants) with their
/// transfer in — state, steps, waiting node and next W4 date — as of `on`. `member_id` is the
/// student's number in the freshmen list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IncomingTransfers {
    pub year: i32,
    pub on: String,
    pub rows: Vec<TransferRow>,
    pub states: Vec<Choice>,
}

/// The year's transfers in, one row per student to be transferred in or already under way.
pub fn list(ctx: &Context, year: i32, on: NaiveDate) -> Result<IncomingTransfers> {
    let y = Year::load(ctx, year)?;
    let s = &y.settings.campaign;
    let mut rows = Vec::new();
    for f in &y.freshmen {
        let t = y.transfer(f);
        if t.is_none() && !y.advice(f, on).counts_in_rate {
            continue;
        }
        let mut row = TransferRow {
            member_id: f.id,
            name: f.name.clone(),
            branch: f.branch.clone().unwrap_or_default(),
            state: Choice::new(State::Planned.code(), "未发起"),
            has_transfer: false,
            under_way: false,
            may_start: true,
            reason: Some(Choice::new(Reason::R1.code(), Reason::R1.label())),
            destination: y.branch_of(f).map(str::to_string),
            started_on: None,
            node: None,
            awaiting_allocation: false,
            waiting_days: None,
            deadline: None,
            deadline_label: None,
            days_left: None,
            urgency: "none".into(),
            jing_yue_min: false,
            // The same refusal `start` gives, so the window disables 发起 with its reason.
            start_blocked: if t.is_none() {
                refusal(&y, f, on)
            } else {
                None
            },
            steps: Vec::new(),
        };
        if let Some(t) = t {
            fill(&mut row, t, on, s);
        }
        rows.push(row);
    }
    Ok(IncomingTransfers {
        year,
        on: on.to_string(),
        rows,
        states: crate::choices!(State),
    })
}

/// One student's transfers in, oldest first (`freshmen show`).
pub fn history(ctx: &Context, f: &Freshman) -> Result<Vec<crate::transfer::Transfer>> {
    operations::history(ctx.store(), transfer_key(f.id))
}

/// A student's view with the transfer's timeline (`freshmen show`).
pub fn show(ctx: &Context, f: &Freshman, on: NaiveDate) -> Result<(FreshmanView, Vec<String>)> {
    let view = super::student(ctx, f.year, f.id, on)?;
    let s = ctx.store().campaign_settings(f.year)?;
    let mut lines = Vec::new();
    for t in history(ctx, f)? {
        let p = crate::transfer::project(&t, on, &s);
        for e in t.events().iter().chain(p.implied.iter()) {
            lines.push(format!("{} {}（{}）", e.on, e.kind.label(), e.actor));
        }
    }
    Ok((view, lines))
}
