//! Transfers in the database: one row per transfer, one row per step (W3a), campaign settings
//! per year (W5a). Every stored timeline is replayed through the state machine when loaded, so
//! a damaged database is refused rather than believed.
//!
//! Writes take the caller's transaction: a step, its W4 catch-up and its audit entry commit
//! together or not at all.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use xianjie_domain::destination::{Reason, SystemCommittee};
use xianjie_domain::transfer::ledger::Ledger;
use xianjie_domain::transfer::record::{
    Event, EventKind, Initiator, NodeKind, OwnUnit, Region, Transfer,
};
use xianjie_domain::transfer::settings::CampaignSettings;
use xianjie_domain::{Error, Result};

fn db(e: rusqlite::Error) -> Error {
    Error::from(e)
}

fn bad(what: &str, v: &str) -> Error {
    Error::storage(format!("数据库中的转接记录有无效的{what}：“{v}”"))
}

fn now() -> String {
    crate::audit::now()
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

/// Settings per year, loaded once (a handful of years: a list beats hashing per transfer).
#[derive(Default)]
pub struct SettingsCache(Vec<(i32, CampaignSettings)>);

impl SettingsCache {
    pub fn get(&mut self, conn: &Connection, year: i32) -> Result<&CampaignSettings> {
        let i = match self.0.iter().position(|(y, _)| *y == year) {
            Some(i) => i,
            None => {
                self.0.push((year, settings(conn, year)?));
                self.0.len() - 1
            }
        };
        self.0
            .get(i)
            .map(|(_, s)| s)
            .ok_or_else(|| Error::internal("工作设置缓存丢失"))
    }
}

// ---------- reading ----------

const TRANSFER_COLS: &str = "id, member_id, year, initiator, reason, destination, region_kind, \
     region, jing_yue_min, into_committee, own_college_id, own_branch_id, own_flowing, resubmission";

fn get<T: rusqlite::types::FromSql>(r: &Row, i: usize) -> Result<T> {
    r.get(i).map_err(db)
}

/// A stored transfer's header (no steps yet); codes are parsed from the borrowed row.
fn header(r: &Row) -> Result<Transfer> {
    let initiator = text(r, 3).map_err(db)?;
    let initiator = Initiator::from_code(initiator).ok_or_else(|| bad("发起方", initiator))?;
    let reason = text(r, 4).map_err(db)?;
    let reason = Reason::from_code(reason).ok_or_else(|| bad("转接原因", reason))?;
    let region = match (opt_text(r, 6).map_err(db)?, opt_text(r, 7).map_err(db)?) {
        (Some("province"), Some(p)) => Some(Region::Province(p.to_string())),
        (Some("system"), Some(s)) => Some(Region::System(
            SystemCommittee::from_code(s).ok_or_else(|| bad("系统团委", s))?,
        )),
        _ => None,
    };
    let own_unit = match get(r, 12)? {
        Some(flowing) => Some(OwnUnit {
            college_id: get(r, 10)?,
            branch_id: get(r, 11)?,
            flowing,
        }),
        None => None,
    };
    let mut t = Transfer::plan(xianjie_domain::transfer::record::TransferDraft {
        member_id: get(r, 1)?,
        year: get(r, 2)?,
        initiator,
        reason,
        destination: text(r, 5).map_err(db)?.to_string(),
        region,
        jing_yue_min: get(r, 8)?,
        into_committee: get(r, 9)?,
        own_unit,
    });
    t.id = get(r, 0)?;
    t.resubmission = get(r, 13)?;
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

pub(crate) fn text<'a>(r: &'a Row, i: usize) -> rusqlite::Result<&'a str> {
    Ok(r.get_ref(i)?.as_str()?)
}

pub(crate) fn opt_text<'a>(r: &'a Row, i: usize) -> rusqlite::Result<Option<&'a str>> {
    Ok(r.get_ref(i)?.as_str_or_null()?)
}

/// The steps' columns after `transfer_id`, in `seq` order per transfer.
const EVENT_COLS: &str =
    "e.transfer_id, e.on_date, e.kind, e.node, e.branch, e.reason, e.actor, e.note";

/// One stored step; borrowed columns are parsed in place (100,000 of them for a cohort).
fn event(r: &Row) -> Result<Event> {
    let on = text(r, 1).map_err(db)?;
    let on = ymd(on).ok_or_else(|| bad("日期", on))?;
    let node = || -> Result<NodeKind> {
        let n = opt_text(r, 3).map_err(db)?;
        let n = n.unwrap_or_default();
        NodeKind::from_code(n).ok_or_else(|| bad("审批节点", n))
    };
    let owned = |i: usize| -> Result<String> {
        Ok(opt_text(r, i).map_err(db)?.unwrap_or_default().to_string())
    };
    let kind = match text(r, 2).map_err(db)? {
        "start" => EventKind::Start,
        "approve" => EventKind::Approve { node: node()? },
        "auto_pass" => EventKind::AutoPass { node: node()? },
        "allocate" => EventKind::Allocate { branch: owned(4)? },
        "revoke" => EventKind::Revoke,
        "return" => EventKind::Return { reason: owned(5)? },
        "auto_terminate" => EventKind::AutoTerminate,
        "done" => EventKind::Done,
        other => return Err(bad("步骤类型", other)),
    };
    Ok(Event {
        on,
        kind,
        actor: text(r, 6).map_err(db)?.to_string(),
        note: opt_text(r, 7).map_err(db)?.map(str::to_string),
    })
}

/// Loads the transfers `filter` selects (a condition on `t`), ordered by id, with their steps
/// replayed: two prepared queries, merged in one ordered pass (no per-transfer lookups).
fn load_where(conn: &Connection, filter: &str, arg: i64) -> Result<Vec<Transfer>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {TRANSFER_COLS} FROM transfer t WHERE {filter} ORDER BY id"
        ))
        .map_err(db)?;
    let mut heads = Vec::new();
    let mut rows = stmt.query([arg]).map_err(db)?;
    while let Some(r) = rows.next().map_err(db)? {
        heads.push(header(r)?);
    }
    let (Some(lo), Some(hi)) = (heads.first().map(|t| t.id), heads.last().map(|t| t.id)) else {
        return Ok(heads);
    };
    // A cohort's transfers are nearly all the ids between its first and last: one range scan
    // of the (transfer_id, seq) index then beats a lookup per transfer. A member's few
    // transfers, spread over the years, are looked up one by one.
    let dense = usize::try_from(hi - lo).unwrap_or(usize::MAX) < heads.len().saturating_mul(2);
    let sql = if dense {
        format!(
            "SELECT {EVENT_COLS} FROM transfer_event e WHERE e.transfer_id BETWEEN ?1 AND ?2
             ORDER BY e.transfer_id, e.seq"
        )
    } else {
        format!(
            "SELECT {EVENT_COLS} FROM transfer_event e
             WHERE e.transfer_id IN (SELECT t.id FROM transfer t WHERE {filter})
             ORDER BY e.transfer_id, e.seq"
        )
    };
    let mut stmt = conn.prepare_cached(&sql).map_err(db)?;
    let mut rows = if dense {
        stmt.query([lo, hi])
    } else {
        stmt.query([arg])
    }
    .map_err(db)?;
    let mut cache = SettingsCache::default();
    let mut replay = |t: &mut Transfer, evs: Vec<Event>| -> Result<()> {
        let s = cache.get(conn, t.year)?;
        t.restore(evs, s)
    };
    // Both sides in id order: walk the headers alongside the steps, replaying each in place.
    let mut at = 0;
    let mut evs: Vec<Event> = Vec::new();
    while let Some(r) = rows.next().map_err(db)? {
        let tid: i64 = get(r, 0)?;
        while let Some(t) = heads.get_mut(at).filter(|t| t.id < tid) {
            replay(t, std::mem::take(&mut evs))?;
            at += 1;
        }
        // Steps of another year's transfer inside the range are skipped.
        if heads.get(at).is_some_and(|t| t.id == tid) {
            evs.push(event(r)?);
        }
    }
    for t in heads.iter_mut().skip(at) {
        replay(t, std::mem::take(&mut evs))?;
    }
    Ok(heads)
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
             state, created_at, freshman_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
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
            // A new student's transfer in is filed under −id: the link kept explicitly too.
            xianjie_domain::freshman::freshman_of_key(t.member_id),
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
