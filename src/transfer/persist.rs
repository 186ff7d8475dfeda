//! Transfers in the database: one row per transfer, one row per step (W3a), campaign settings
//! per year (W5a). Every stored timeline is replayed through the state machine when loaded, so
//! a damaged database is refused rather than believed.
//!
//! Writes take the caller's transaction: a step, its W4 catch-up and its audit entry commit
//! together or not at all.

use super::ledger::Ledger;
use super::record::{Event, EventKind, Initiator, NodeKind, OwnUnit, Region, Transfer};
use super::settings::CampaignSettings;
use crate::destination::{Reason, SystemCommittee};
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::HashMap;

/// The schema of the transfer area (appended to the store's migrations).
pub const MIGRATION: &str = include_str!("migration.sql");

fn db(e: rusqlite::Error) -> Error {
    Error::from(e)
}

fn bad(what: &str, v: &str) -> Error {
    Error::storage(format!("数据库中的转接记录有无效的{what}：“{v}”"))
}

fn now() -> String {
    crate::store::audit::now()
}

// ---------- settings ----------

/// The year's settings, or the seeds' defaults when the office never changed them.
pub fn settings(conn: &Connection, year: i32) -> Result<CampaignSettings> {
    let json: Option<String> = conn
        .query_row(
            "SELECT settings FROM campaign_settings WHERE year = ?1",
            [year],
            |r| r.get(0),
        )
        .optional()
        .map_err(db)?;
    match json {
        None => Ok(CampaignSettings::defaults(year)),
        Some(j) => serde_json::from_str(&j)
            .map_err(|e| Error::storage(format!("{year} 年工作设置无法读取：{e}"))),
    }
}

/// Saves the year's settings (validated first). Returns the previous ones for the audit log.
pub fn save_settings(conn: &Connection, s: &CampaignSettings) -> Result<CampaignSettings> {
    s.validate()?;
    let old = settings(conn, s.year)?;
    let json = serde_json::to_string(s).map_err(|e| Error::internal(e.to_string()))?;
    conn.execute(
        "INSERT INTO campaign_settings (year, settings, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (year) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at",
        params![s.year, json, now()],
    )
    .map_err(db)?;
    Ok(old)
}

/// Settings per year, loaded once.
#[derive(Default)]
pub struct SettingsCache(HashMap<i32, CampaignSettings>);

impl SettingsCache {
    pub fn get(&mut self, conn: &Connection, year: i32) -> Result<&CampaignSettings> {
        if let std::collections::hash_map::Entry::Vacant(e) = self.0.entry(year) {
            e.insert(settings(conn, year)?);
        }
        self.0
            .get(&year)
            .ok_or_else(|| Error::internal("工作设置缓存丢失"))
    }
}

// ---------- reading ----------

const TRANSFER_COLS: &str = "id, member_id, year, initiator, reason, destination, region_kind, \
     region, jing_yue_min, into_committee, own_college_id, own_branch_id, own_flowing, resubmission";

struct Raw {
    id: i64,
    member_id: i64,
    year: i32,
    initiator: String,
    reason: String,
    destination: String,
    region_kind: Option<String>,
    region: Option<String>,
    jing_yue_min: bool,
    into_committee: bool,
    own_college_id: Option<i64>,
    own_branch_id: Option<i64>,
    own_flowing: Option<bool>,
    resubmission: bool,
}

fn raw(r: &Row) -> rusqlite::Result<Raw> {
    Ok(Raw {
        id: r.get(0)?,
        member_id: r.get(1)?,
        year: r.get(2)?,
        initiator: r.get(3)?,
        reason: r.get(4)?,
        destination: r.get(5)?,
        region_kind: r.get(6)?,
        region: r.get(7)?,
        jing_yue_min: r.get(8)?,
        into_committee: r.get(9)?,
        own_college_id: r.get(10)?,
        own_branch_id: r.get(11)?,
        own_flowing: r.get(12)?,
        resubmission: r.get(13)?,
    })
}

fn header(r: Raw) -> Result<Transfer> {
    let initiator =
        Initiator::from_code(&r.initiator).ok_or_else(|| bad("发起方", &r.initiator))?;
    let reason = Reason::from_code(&r.reason).ok_or_else(|| bad("转接原因", &r.reason))?;
    let region = match (r.region_kind.as_deref(), r.region) {
        (Some("province"), Some(p)) => Some(Region::Province(p)),
        (Some("system"), Some(s)) => Some(Region::System(
            SystemCommittee::from_code(&s).ok_or_else(|| bad("系统团委", &s))?,
        )),
        _ => None,
    };
    let own_unit = r.own_flowing.map(|flowing| OwnUnit {
        college_id: r.own_college_id,
        branch_id: r.own_branch_id,
        flowing,
    });
    let mut t = Transfer::plan(super::record::TransferDraft {
        member_id: r.member_id,
        year: r.year,
        initiator,
        reason,
        destination: r.destination,
        region,
        jing_yue_min: r.jing_yue_min,
        into_committee: r.into_committee,
        own_unit,
    });
    t.id = r.id;
    t.resubmission = r.resubmission;
    Ok(t)
}

/// `YYYY-MM-DD` as stored; much faster than a format-string parse for 100,000 rows.
fn ymd(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    let year = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)
}

fn text<'a>(r: &'a Row, i: usize) -> rusqlite::Result<&'a str> {
    Ok(r.get_ref(i)?.as_str()?)
}

pub(crate) fn opt_text<'a>(r: &'a Row, i: usize) -> rusqlite::Result<Option<&'a str>> {
    Ok(r.get_ref(i)?.as_str_or_null()?)
}

/// One stored step; borrowed columns are parsed in place (100,000 of them for a cohort).
fn event(r: &Row) -> Result<(i64, i64, Event)> {
    let tid: i64 = r.get(0).map_err(db)?;
    let seq: i64 = r.get(1).map_err(db)?;
    let on = text(r, 2).map_err(db)?;
    let on = ymd(on).ok_or_else(|| bad("日期", on))?;
    let node = || -> Result<NodeKind> {
        let n = opt_text(r, 4).map_err(db)?;
        let n = n.unwrap_or_default();
        NodeKind::from_code(n).ok_or_else(|| bad("审批节点", n))
    };
    let kind = match text(r, 3).map_err(db)? {
        "start" => EventKind::Start,
        "approve" => EventKind::Approve { node: node()? },
        "auto_pass" => EventKind::AutoPass { node: node()? },
        "allocate" => EventKind::Allocate {
            branch: r
                .get::<_, Option<String>>(5)
                .map_err(db)?
                .unwrap_or_default(),
        },
        "revoke" => EventKind::Revoke,
        "return" => EventKind::Return {
            reason: r
                .get::<_, Option<String>>(6)
                .map_err(db)?
                .unwrap_or_default(),
        },
        "auto_terminate" => EventKind::AutoTerminate,
        "done" => EventKind::Done,
        other => return Err(bad("步骤类型", other)),
    };
    let ev = Event {
        on,
        kind,
        actor: r.get(7).map_err(db)?,
        note: r.get(8).map_err(db)?,
    };
    Ok((tid, seq, ev))
}

/// Loads the transfers `filter` selects (a condition on `t`) with their steps: two queries,
/// the steps read in table order and put in `seq` order per transfer.
fn load_where(conn: &Connection, filter: &str, arg: i64) -> Result<Vec<Transfer>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {TRANSFER_COLS} FROM transfer t WHERE {filter} ORDER BY id"
        ))
        .map_err(db)?;
    let raws: Vec<Raw> = stmt
        .query_map([arg], raw)
        .map_err(db)?
        .collect::<rusqlite::Result<_>>()
        .map_err(db)?;
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT e.transfer_id, e.seq, e.on_date, e.kind, e.node, e.branch, e.reason, e.actor,
                    e.note
             FROM transfer_event e
             WHERE e.transfer_id IN (SELECT t.id FROM transfer t WHERE {filter})"
        ))
        .map_err(db)?;
    let mut events: super::ledger::IdMap<Vec<(i64, Event)>> = Default::default();
    events.reserve(raws.len());
    let mut rows = stmt.query([arg]).map_err(db)?;
    while let Some(r) = rows.next().map_err(db)? {
        let (tid, seq, ev) = event(r)?;
        events.entry(tid).or_default().push((seq, ev));
    }
    let mut cache = SettingsCache::default();
    raws.into_iter()
        .map(|r| {
            let t = header(r)?;
            let mut evs = events.remove(&t.id).unwrap_or_default();
            // Usually already in order (steps are appended); sorting keeps it right anyway.
            if !evs.is_sorted_by_key(|(seq, _)| *seq) {
                evs.sort_by_key(|(seq, _)| *seq);
            }
            let s = cache.get(conn, t.year)?;
            Transfer::replay(t, evs.into_iter().map(|(_, e)| e).collect(), s)
        })
        .collect()
}

/// One member's transfers, oldest first.
pub fn history(conn: &Connection, member_id: i64) -> Result<Ledger> {
    Ok(Ledger::from_transfers(load_where(
        conn,
        "t.member_id = ?1",
        member_id,
    )?))
}

/// Every transfer of a cohort year.
pub fn ledger_of_year(conn: &Connection, year: i32) -> Result<Ledger> {
    Ok(Ledger::from_transfers(load_where(
        conn,
        "t.year = ?1",
        i64::from(year),
    )?))
}

// ---------- writing ----------

/// Inserts a new transfer (planned, no events yet); returns its id.
pub fn insert(conn: &Connection, t: &Transfer) -> Result<i64> {
    let (kind, region) = match &t.region {
        Some(Region::Province(p)) => (Some("province"), Some(p.clone())),
        Some(Region::System(s)) => (Some("system"), Some(s.code().to_string())),
        None => (None, None),
    };
    let own = t.own_unit.as_ref();
    conn.execute(
        "INSERT INTO transfer (member_id, year, initiator, reason, destination, region_kind, region,
             jing_yue_min, into_committee, own_college_id, own_branch_id, own_flowing, resubmission,
             state, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            t.member_id,
            t.year,
            t.initiator.code(),
            t.reason.code(),
            t.destination,
            kind,
            region,
            t.jing_yue_min,
            t.into_committee,
            own.and_then(|u| u.college_id),
            own.and_then(|u| u.branch_id),
            own.map(|u| u.flowing),
            t.resubmission,
            t.state().code(),
            now(),
        ],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            Error::conflict(format!(
                "已有业务正在办理，不能重复发起：团员 {} 已有未结束的转接（W1）",
                t.member_id
            ))
        }
        e => db(e),
    })?;
    Ok(conn.last_insert_rowid())
}

/// Writes the events of `t` from index `from` on, and its new state.
pub fn append_events(conn: &Connection, t: &Transfer, from: usize) -> Result<()> {
    let recorded = now();
    let mut stmt = conn
        .prepare_cached(
            "INSERT INTO transfer_event (transfer_id, seq, on_date, kind, node, branch, reason, actor,
                 note, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )
        .map_err(db)?;
    for (seq, e) in t.events().iter().enumerate().skip(from) {
        let (node, branch, reason) = match &e.kind {
            EventKind::Approve { node } | EventKind::AutoPass { node } => {
                (Some(node.code()), None, None)
            }
            EventKind::Allocate { branch } => (None, Some(branch.as_str()), None),
            EventKind::Return { reason } => (None, None, Some(reason.as_str())),
            _ => (None, None, None),
        };
        stmt.execute(params![
            t.id,
            seq as i64,
            e.on.to_string(),
            e.kind.code(),
            node,
            branch,
            reason,
            e.actor,
            e.note,
            recorded,
        ])
        .map_err(db)?;
    }
    conn.execute(
        "UPDATE transfer SET state = ?1 WHERE id = ?2",
        params![t.state().code(), t.id],
    )
    .map_err(db)?;
    Ok(())
}
