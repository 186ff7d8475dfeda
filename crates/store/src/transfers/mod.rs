//! What the CLI and the desktop app call: each operation loads what it needs from the store,
//! runs the pure transfer logic, and writes the result with its audit entries in one
//! transaction (nothing committed is half-changed).

pub mod load;
// The rows of transfers and steps; the benchmarks' setup writes them directly.
#[cfg(feature = "inspect")]
pub mod persist;
#[cfg(not(feature = "inspect"))]
mod persist;

use xianjie_domain::transfer::batch;
use xianjie_domain::transfer::calendar::{due_list, DueItem, ReceiptDue};
use xianjie_domain::transfer::cohort::{Graduate, Unit};
use xianjie_domain::transfer::ledger::{IdHasher, Ledger};

use crate::audit::{self, Change};
use crate::Store;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use xianjie_domain::org::{OrgKind, OrgLevel};
use xianjie_domain::transfer::rates::{rates, RatesReport};
use xianjie_domain::transfer::record::{Event, OwnUnit, Transfer, TransferDraft};
use xianjie_domain::transfer::settings::CampaignSettings;
use xianjie_domain::transfer::state::State;
use xianjie_domain::{Error, Result};

fn operator(name: &str) -> Result<&str> {
    let t = name.trim();
    if t.is_empty() {
        return Err(Error::invalid("操作人姓名不能为空（请用 --operator 指定）"));
    }
    Ok(t)
}

fn log(
    conn: &Connection,
    op: &str,
    t: &Transfer,
    action: &str,
    (old, new): (State, State),
    ev: Option<&Event>,
) -> Result<()> {
    audit::record(
        conn,
        &audit::now(),
        op,
        &Change {
            entity: "transfer",
            entity_id: Some(t.id),
            action,
            old: Some(json!({ "member_id": t.member_id, "state": old.code() })),
            new: Some(json!({ "member_id": t.member_id, "state": new.code(), "event": ev })),
        },
    )
}

/// Writes the steps of `t` from `from` on (W4 catch-ups included), each with its audit entry.
fn write_steps(conn: &Connection, op: &str, t: &Transfer, from: usize) -> Result<()> {
    persist::append_events(conn, t, from)?;
    let mut old = t.status_after(from).state;
    for (i, ev) in t.events().iter().enumerate().skip(from) {
        let new = t.status_after(i + 1).state;
        log(conn, op, t, ev.kind.code(), (old, new), Some(ev))?;
        old = new;
    }
    Ok(())
}

/// Fills in `own_unit` when the destination is one of the school's own orgs (§6: incoming
/// side; 003 #57: the school's flowing branches never count as done).
pub fn resolve_own_unit(store: &Store, draft: &mut TransferDraft) -> Result<()> {
    if draft.own_unit.is_some() {
        return Ok(());
    }
    if let Some(org) = store.org_by_full_name(draft.destination.trim())? {
        let branch = org.level == OrgLevel::Branch;
        draft.own_unit = Some(OwnUnit {
            college_id: if branch { org.parent_id } else { Some(org.id) },
            branch_id: branch.then_some(org.id),
            flowing: org.kind == OrgKind::Flowing,
        });
        draft.into_committee = !branch;
    }
    Ok(())
}

impl Store {
    /// A campaign year's settings (W5a), the seeds' values until changed.
    pub fn campaign_settings(&self, year: i32) -> Result<CampaignSettings> {
        persist::settings(self.connection(), year)
    }

    /// Cohort `year`'s transfers with their steps.
    pub fn ledger_of_year(&self, year: i32) -> Result<Ledger> {
        persist::ledger_of_year(self.connection(), year)
    }

    /// A member's transfers, oldest first, with their steps.
    pub fn transfer_history(&self, member_id: i64) -> Result<Ledger> {
        persist::history(self.connection(), member_id)
    }
}

/// W1: opens a transfer for a member; with `start`, also records it as submitted.
pub fn open(
    store: &mut Store,
    draft: TransferDraft,
    start: Option<Event>,
    op: &str,
) -> Result<Transfer> {
    operations_first(open_many(store, vec![draft], start, op)?)
}

fn operations_first(v: Vec<Transfer>) -> Result<Transfer> {
    v.into_iter()
        .next()
        .ok_or_else(|| Error::internal("转接记录丢失"))
}

/// W1 for many members at once (offices work 30 at a time): all or nothing, every refusal
/// listed with its member.
pub fn open_many(
    store: &mut Store,
    drafts: Vec<TransferDraft>,
    start: Option<Event>,
    op: &str,
) -> Result<Vec<Transfer>> {
    open_many_checked(store, drafts, start, op)?.map_err(Error::from)
}

/// [`open_many`] with a refused batch kept apart (nothing written) so the caller can list
/// every graduate's refusal.
pub fn open_many_checked(
    store: &mut Store,
    mut drafts: Vec<TransferDraft>,
    start: Option<Event>,
    op: &str,
) -> Result<std::result::Result<Vec<Transfer>, batch::BatchFailure>> {
    let op = operator(op)?;
    let Some(year) = drafts.first().map(|d| d.year) else {
        return Ok(Ok(Vec::new()));
    };
    if drafts.iter().any(|d| d.year != year) {
        return Err(Error::invalid(
            "同一批次的团员须属于同一届（工作设置按届别）",
        ));
    }
    for d in &mut drafts {
        resolve_own_unit(store, d)?;
    }
    let members: Vec<i64> = drafts.iter().map(|d| d.member_id).collect();
    let tx = store.transaction()?;
    let s = persist::settings(&tx, year)?;
    let mut loaded = Vec::new();
    for m in &members {
        loaded.extend(persist::history(&tx, *m)?.all().iter().cloned());
    }
    let mut ledger = Ledger::from_transfers(loaded);
    // W4: a request auto-terminated by the start date no longer blocks the new one; its
    // automatic steps are written first.
    if let Some(ev) = &start {
        for m in &members {
            let from = ledger.latest(*m).map_or(0, |t| t.events().len());
            if ledger.catch_up(*m, ev.on, &s) > 0 {
                if let Some(t) = ledger.latest(*m) {
                    write_steps(&tx, op, t, from)?;
                }
            }
        }
    }
    if let Err(f) = batch::open_all(&mut ledger, drafts, start.as_ref(), &s) {
        return Ok(Err(f)); // the transaction is dropped: nothing written
    }
    let mut out = Vec::with_capacity(members.len());
    for m in members {
        let mut t = ledger
            .latest(m)
            .cloned()
            .ok_or_else(|| Error::internal("转接记录丢失"))?;
        t.id = persist::insert(&tx, &t)?;
        log(&tx, op, &t, "open", (State::Planned, State::Planned), None)?;
        write_steps(&tx, op, &t, 0)?;
        out.push(t);
    }
    tx.commit()?;
    Ok(Ok(out))
}

/// W3: records a step on the member's latest transfer (after W4's automatic moves).
pub fn record(store: &mut Store, member_id: i64, ev: Event, op: &str) -> Result<Transfer> {
    let op = operator(op)?;
    let tx = store.transaction()?;
    let mut ledger = persist::history(&tx, member_id)?;
    let year = ledger
        .latest(member_id)
        .map(|t| t.year)
        .ok_or_else(|| Error::not_found(format!("团员 {member_id} 没有转接记录，请先登记转接")))?;
    let s = persist::settings(&tx, year)?;
    let from = ledger.latest(member_id).map_or(0, |t| t.events().len());
    ledger.apply(member_id, ev, &s)?;
    let t = ledger
        .latest(member_id)
        .cloned()
        .ok_or_else(|| Error::internal("转接记录丢失"))?;
    write_steps(&tx, op, &t, from)?;
    tx.commit()?;
    Ok(t)
}

/// Corrects the 转入组织 of the member's latest transfer to what 智慧团建 shows (issue 16's
/// reconciliation), audited old → new; returns the transfer as corrected.
pub fn correct_destination(
    store: &mut Store,
    member_id: i64,
    destination: &str,
    op: &str,
) -> Result<Transfer> {
    let op = operator(op)?;
    // Kept as 智慧团建 shows it (full-width brackets included).
    let destination = xianjie_domain::text::keep(destination);
    if destination.is_empty() {
        return Err(Error::invalid("转入组织全称不能为空"));
    }
    let tx = store.transaction()?;
    let ledger = persist::history(&tx, member_id)?;
    let mut t = ledger
        .latest(member_id)
        .cloned()
        .ok_or_else(|| Error::not_found(format!("团员 {member_id} 没有转接记录")))?;
    let old = std::mem::replace(&mut t.destination, destination);
    tx.execute(
        "UPDATE transfer SET destination = ?1 WHERE id = ?2",
        rusqlite::params![t.destination, t.id],
    )?;
    audit::record(
        &tx,
        &audit::now(),
        op,
        &Change {
            entity: "transfer",
            entity_id: Some(t.id),
            action: "update",
            old: Some(json!({ "destination": old })),
            new: Some(json!({ "destination": t.destination })),
        },
    )?;
    tx.commit()?;
    Ok(t)
}

/// The same step for many members; all or nothing, with every refusal listed.
pub fn record_batch(
    store: &mut Store,
    members: &[i64],
    ev: &Event,
    op: &str,
) -> Result<Vec<Transfer>> {
    record_batch_checked(store, members, ev, op)?.map_err(Error::from)
}

/// [`record_batch`] with a refused batch kept apart (nothing written), every graduate's
/// refusal listed.
pub fn record_batch_checked(
    store: &mut Store,
    members: &[i64],
    ev: &Event,
    op: &str,
) -> Result<std::result::Result<Vec<Transfer>, batch::BatchFailure>> {
    let op = operator(op)?;
    let tx = store.transaction()?;
    let mut loaded = Vec::new();
    for &m in members {
        loaded.extend(persist::history(&tx, m)?.all().iter().cloned());
    }
    let mut ledger = Ledger::from_transfers(loaded);
    let years: Vec<i32> = members
        .iter()
        .filter_map(|m| ledger.latest(*m).map(|t| t.year))
        .collect();
    let year = years.first().copied().unwrap_or(ev_year(ev));
    if years.iter().any(|y| *y != year) {
        return Err(Error::invalid(
            "同一批次的团员须属于同一届（工作设置按届别）",
        ));
    }
    let s = persist::settings(&tx, year)?;
    let before: HashMap<i64, usize> = members
        .iter()
        .filter_map(|m| ledger.latest(*m).map(|t| (*m, t.events().len())))
        .collect();
    if let Err(f) = batch::apply_all(&mut ledger, members, ev, &s) {
        return Ok(Err(f));
    }
    let mut out = Vec::with_capacity(members.len());
    for m in members {
        let (Some(t), Some(from)) = (ledger.latest(*m), before.get(m)) else {
            return Err(Error::internal("转接记录丢失"));
        };
        write_steps(&tx, op, t, *from)?;
        out.push(t.clone());
    }
    tx.commit()?;
    Ok(Ok(out))
}

fn ev_year(ev: &Event) -> i32 {
    use chrono::Datelike;
    ev.on.year()
}

/// A member's transfers, oldest first, as recorded (see `deadline::project` for W4).
pub fn history(store: &Store, member_id: i64) -> Result<Vec<Transfer>> {
    Ok(persist::history(store.connection(), member_id)?
        .all()
        .to_vec())
}

/// Cohort `year` as the reports see it, with the names of everyone in the year's transfers.
pub fn cohort(
    store: &Store,
    year: i32,
    on: NaiveDate,
) -> Result<(Vec<Graduate>, Ledger, HashMap<i64, String>)> {
    let s = persist::settings(store.connection(), year)?;
    // One connection, one after the other: reading on a second connection in a second thread
    // measured slower on the shared 2-core machine (both threads slowed down several times).
    let ledger = persist::ledger_of_year(store.connection(), year)?;
    let rows = load::rows(store, year)?;
    let grads = load::assemble(store, year, on, rows, &ledger, &s)?;
    // Names are needed only for the incoming side: members who are not this cohort's graduates.
    let ours: HashSet<i64, BuildHasherDefault<IdHasher>> =
        grads.iter().map(|g| g.member_id).collect();
    let incoming: Vec<i64> = ledger
        .all()
        .iter()
        .filter(|t| t.own_unit.is_some() && !ours.contains(&t.member_id))
        .map(|t| t.member_id)
        .collect();
    let names = load::names(store, &incoming)?;
    Ok((grads, ledger, names))
}

/// §6 for a unit of cohort `year`, as of `on`.
pub fn rates_report(store: &Store, year: i32, unit: Unit, on: NaiveDate) -> Result<RatesReport> {
    let s = persist::settings(store.connection(), year)?;
    let (grads, ledger, names) = cohort(store, year, on)?;
    Ok(rates(&grads, &ledger, &names, unit, on, &s))
}

/// The due list of a unit of cohort `year`, as of `on`; receipts come from the letter register.
pub fn due_report(
    store: &Store,
    year: i32,
    unit: Unit,
    on: NaiveDate,
    receipts: &[ReceiptDue],
) -> Result<Vec<DueItem>> {
    let s = persist::settings(store.connection(), year)?;
    let (grads, ledger, _) = cohort(store, year, on)?;
    Ok(due_list(&grads, &ledger, receipts, unit, on, &s))
}

/// L1: letters whose receipt is overdue on `on`, from the letter register.
pub fn receipts_overdue(store: &Store, on: NaiveDate) -> Result<Vec<ReceiptDue>> {
    let filter = xianjie_domain::letters::ListFilter {
        receipt_overdue_on: Some(on),
        ..Default::default()
    };
    Ok(store
        .letters(&filter)?
        .into_iter()
        .map(|l| ReceiptDue {
            member_id: l.member_id,
            letter_no: l.number_label(),
            due_on: l.receipt_due,
            received: l.receipt_returned_on.is_some(),
        })
        .collect())
}

/// W5a: changes a year's settings (validated; audited with old and new values).
pub fn save_settings(store: &mut Store, s: &CampaignSettings, op: &str) -> Result<()> {
    let op = operator(op)?;
    let tx = store.transaction()?;
    let old = persist::save_settings(&tx, s)?;
    audit::record(
        &tx,
        &audit::now(),
        op,
        &Change {
            entity: "campaign_settings",
            entity_id: Some(i64::from(s.year)),
            action: "update",
            old: Some(audit::json(&old)),
            new: Some(audit::json(s)),
        },
    )?;
    tx.commit()?;
    Ok(())
}
