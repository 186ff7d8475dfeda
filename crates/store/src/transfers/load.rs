//! The reports' cohort, loaded light: rates and the due list over 50,000 graduates must come
//! from the database in 200 ms (#5), and the full rows with an engine run per graduate cost
//! several times that.
//!
//! Same cohort as `Store::graduates` (the year's branches plus members deferred into the year),
//! same order (`xianjie_domain::order`: branch by grade and natural name, name by pinyin, id). A graduate's metric is decided by its transfer when
//! it has one (§6, `rates::metric_of`); without one, only a study destination can make it 升学
//! (`engine::may_route_to_study`), so the rule engine runs only for the graduates with such a
//! destination, no transfer and no M3 marking — one query for all of them. Everyone else
//! counts for 学社衔接率 exactly as the engine says, except non-members (M5 超龄离团, M6,
//! 群众): one scan finds the few candidates, `engine::membership` decides, and they are
//! outside both rates.

use crate::facts;
use crate::Store;
use chrono::{Days, NaiveDate};
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::Arc;
use xianjie_domain::destination::DestinationKind;
use xianjie_domain::org::Org;
use xianjie_domain::transfer::cohort::Graduate;
use xianjie_domain::transfer::ledger::{IdHasher, IdMap, Ledger};
use xianjie_domain::transfer::settings::CampaignSettings;
use xianjie_domain::transfer::state::State;
use xianjie_domain::{engine, Result};

/// One light row: only what the reports read.
struct Row {
    /// The branch's place in the one order of branches (sort key).
    rank: u32,
    marked: bool,
    retain: bool,
    dest: Option<DestinationKind>,
    id: i64,
    branch_id: i64,
    /// Read straight into the shared form every report line points at.
    name: Arc<str>,
}

/// The cohort's members: the year's branches, plus members deferred into the year (M3).
const MEMBERS: &str = "SELECT m.id, m.name, m.branch_id FROM members m
     WHERE m.branch_id IN (SELECT id FROM orgs WHERE substr(graduates, 1, 4) = ?1)
     UNION ALL
     SELECT m.id, m.name, m.branch_id FROM members m JOIN markings mk ON mk.member_id = m.id
     WHERE mk.kind = 'deferred' AND substr(mk.graduates, 1, 4) = ?1
         AND m.branch_id NOT IN (SELECT id FROM orgs WHERE substr(graduates, 1, 4) = ?1)";

/// The cohort's rows, each with its branch's rank (from `rank_of`). Members, the year's
/// destinations and the markings are read as three plain scans and joined here: SQLite's
/// per-row lookups into two other tables cost more than the whole scans.
fn light_rows(store: &Store, year: i32, rank_of: impl Fn(i64) -> u32) -> Result<Vec<Row>> {
    let conn = store.connection();
    let mut dests: IdMap<(DestinationKind, bool)> = IdMap::default();
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, kind, retain_in_school FROM destinations WHERE cohort_year = ?1",
    )?;
    let mut rows = stmt.query([year])?;
    while let Some(r) = rows.next()? {
        let code = super::persist::text(r, 1)?;
        let kind = DestinationKind::from_code(code).ok_or_else(|| {
            xianjie_domain::Error::storage(format!("数据库中的去向类型无效：“{code}”"))
        })?;
        dests.insert(r.get(0)?, (kind, r.get(2)?));
    }
    let mut marked: HashSet<i64, BuildHasherDefault<IdHasher>> = HashSet::default();
    let mut stmt = conn.prepare_cached("SELECT member_id FROM markings")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        marked.insert(r.get(0)?);
    }
    let mut stmt = conn.prepare_cached(MEMBERS)?;
    let mut rows = stmt.query([format!("{year:04}")])?;
    let mut out = Vec::with_capacity(dests.len());
    while let Some(r) = rows.next()? {
        let (id, branch_id) = (r.get(0)?, r.get(2)?);
        let dest = dests.get(&id);
        out.push(Row {
            rank: rank_of(branch_id),
            marked: marked.contains(&id),
            retain: dest.is_some_and(|d| d.1),
            dest: dest.map(|d| d.0),
            id,
            branch_id,
            name: Arc::from(super::persist::text(r, 1)?),
        });
    }
    Ok(out)
}

/// The members who are not members on `on` (M5, M6, 群众), by id. SQL narrows the whole
/// table to the candidates (群众, no post and born on or before the 28th birthday's cutoff,
/// joined from 2017 within 14 years of birth); `engine::membership` decides exactly.
fn non_members(store: &Store, on: NaiveDate) -> Result<IdMap<engine::Membership>> {
    use chrono::Datelike;
    let cutoff = format!(
        "{:04}{:02}{:02}",
        on.year() - engine::membership::LEAVING_AGE,
        on.month(),
        on.day()
    );
    let mut stmt = store.connection().prepare_cached(
        "SELECT id, id_number, joined, politics, league_post FROM members
         WHERE politics = 'masses'
            OR (league_post = 0 AND substr(id_number, 7, 8) <= ?1)
            OR (joined >= '2017-01'
                AND CAST(substr(id_number, 7, 4) AS INTEGER) + 15 >= CAST(substr(joined, 1, 4) AS INTEGER))",
    )?;
    let mut rows = stmt.query([cutoff])?;
    let mut out = IdMap::default();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let number = super::persist::text(r, 1)?;
        let Ok(number) = xianjie_domain::id_number::IdNumber::parse(number) else {
            continue;
        };
        let joined: Option<String> = r.get(2)?;
        let joined = joined.and_then(|j| xianjie_domain::date::YearMonth::parse_strict(&j).ok());
        let politics = xianjie_domain::member::Politics::from_code(super::persist::text(r, 3)?)
            .unwrap_or(xianjie_domain::member::Politics::League);
        let m =
            engine::membership::membership(number.birth_date(), on, r.get(4)?, joined, politics);
        if !m.is_member() {
            out.insert(id, m);
        }
    }
    Ok(out)
}

/// The engine's metric for `ids` (members with a destination in `year`), as of `on`.
fn engine_metrics(
    store: &Store,
    year: i32,
    ids: &[i64],
    on: NaiveDate,
) -> Result<HashMap<i64, engine::Metric>> {
    let mut out = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let school = store.school_kind()?;
    let list =
        serde_json::to_string(ids).map_err(|e| xianjie_domain::Error::internal(e.to_string()))?;
    let conn = store.connection();
    let mut stmt = conn.prepare(&format!(
        "SELECT {}, {} FROM members m
         LEFT JOIN markings mk ON mk.member_id = m.id
         JOIN destinations d ON d.member_id = m.id AND d.cohort_year = ?1
         WHERE m.id IN (SELECT value FROM json_each(?2))",
        crate::members::MEMBER_COLUMNS,
        crate::destinations::DEST_COLUMNS
    ))?;
    for m in stmt.query_map(rusqlite::params![year, list], |r| {
        crate::members::member_from_row(r)
    })? {
        let m = m?;
        if let Some(d) = &m.destination {
            if let Some(metric) = engine::recommend(&facts(&m, d, school, on)).metric {
                out.insert(m.id, metric);
            }
        }
    }
    Ok(out)
}

/// The names of `ids` (members transferring in: not graduates of the cohort), one query.
pub fn names(store: &Store, ids: &[i64]) -> Result<HashMap<i64, String>> {
    let mut out = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let list =
        serde_json::to_string(ids).map_err(|e| xianjie_domain::Error::internal(e.to_string()))?;
    let mut stmt = store.connection().prepare_cached(
        "SELECT id, name FROM members WHERE id IN (SELECT value FROM json_each(?1))",
    )?;
    let mut rows = stmt.query([&list])?;
    while let Some(r) = rows.next()? {
        out.insert(r.get(0)?, r.get(1)?);
    }
    drop(rows);
    // New students transferring in are filed under −id (`freshman::transfer_key`).
    if ids.iter().any(|&k| k < 0) {
        let mut stmt = store.connection().prepare_cached(
            "SELECT -id, name FROM freshman WHERE id IN (SELECT -value FROM json_each(?1))",
        )?;
        let mut rows = stmt.query([&list])?;
        while let Some(r) = rows.next()? {
            out.insert(r.get(0)?, r.get(1)?);
        }
    }
    Ok(out)
}

/// The cohort's rows in report order, before the transfers are known (so that they can be
/// read while the transfers load on another connection).
pub struct Rows {
    rows: Vec<Row>,
    /// Org id → (rank, full name, parent id), names shared by every line.
    named: IdMap<(u32, Arc<str>, Option<i64>)>,
}

/// Reads cohort `year`'s rows in the order of `Store::graduates` (`xianjie_domain::order`:
/// branch, then name by pinyin, then id).
pub fn rows(store: &Store, year: i32) -> Result<Rows> {
    crate::destinations::check_year(year)?;
    let mut orgs: Vec<Org> = store.orgs()?;
    orgs.sort_by_cached_key(|o| xianjie_domain::order::branch_key(&o.full_name));
    let named: IdMap<(u32, Arc<str>, Option<i64>)> = orgs
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let rank = u32::try_from(i).unwrap_or(u32::MAX);
            (o.id, (rank, Arc::from(o.full_name.as_str()), o.parent_id))
        })
        .collect();
    let rows = light_rows(store, year, |b| named.get(&b).map_or(u32::MAX, |n| n.0))?;
    // The rows are put in branch-rank order (small integer keys sort fast, the rows move
    // once), then each branch's rows by name in pinyin order.
    let mut order: Vec<u64> = (0u64..)
        .zip(&rows)
        .map(|(i, r)| (u64::from(r.rank) << 32) | i)
        .collect();
    order.sort_unstable();
    let mut slots: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
    let mut rows: Vec<Row> = order
        .iter()
        .filter_map(|k| {
            slots
                .get_mut(usize::try_from(k & 0xffff_ffff).ok()?)?
                .take()
        })
        .collect();
    for branch in rows.chunk_by_mut(|a, b| a.rank == b.rank) {
        branch.sort_by_cached_key(|r| (xianjie_domain::order::name_key(&r.name), r.id));
    }
    Ok(Rows { rows, named })
}

/// Cohort `year` as the reports see it on `on`, given the year's transfers.
pub fn graduates(
    store: &Store,
    year: i32,
    on: NaiveDate,
    ledger: &Ledger,
    s: &CampaignSettings,
) -> Result<Vec<Graduate>> {
    let rows = rows(store, year)?;
    assemble(store, year, on, rows, ledger, s)
}

/// The graduates of `rows` given the year's transfers: the engine's metric where no transfer
/// decides it, the date retained (R7a, W7).
pub fn assemble(
    store: &Store,
    year: i32,
    on: NaiveDate,
    rows: Rows,
    ledger: &Ledger,
    s: &CampaignSettings,
) -> Result<Vec<Graduate>> {
    let Rows { rows, named } = rows;
    let need: Vec<i64> = rows
        .iter()
        .filter(|r| !r.marked && r.dest.is_some_and(engine::may_route_to_study))
        .filter(|r| ledger.latest(r.id).is_none())
        .map(|r| r.id)
        .collect();
    let metrics = engine_metrics(store, year, &need, on)?;
    let outside = non_members(store, on)?;
    // W7: a graduate retained in school counts from the day after the 07-25 request deadline.
    let placed = s
        .request_by
        .checked_add_days(Days::new(1))
        .unwrap_or(s.request_by);
    let empty: Arc<str> = Arc::from("");
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let branch = named.get(&r.branch_id);
        let college_id = branch.and_then(|b| b.2);
        let college = college_id.and_then(|p| named.get(&p));
        let flowing_done = ledger
            .newest_first(r.id)
            .filter(|t| t.into_own_flowing())
            .filter(|t| t.state() == State::Done)
            .filter_map(|t| t.events().last().map(|e| e.on))
            .last();
        out.push(Graduate {
            member_id: r.id,
            college_id,
            college: college.map_or_else(|| empty.clone(), |c| c.1.clone()),
            branch_id: r.branch_id,
            branch: branch.map_or_else(|| empty.clone(), |b| b.1.clone()),
            marked: r.marked,
            membership: outside
                .get(&r.id)
                .copied()
                .unwrap_or(engine::Membership::Member),
            // §6: M3 and non-members are outside both rates; a blocked member keeps its
            // metric (R12); no study destination (or none recorded) is 学社衔接率.
            metric: if r.marked || outside.contains_key(&r.id) {
                None
            } else {
                Some(metrics.get(&r.id).copied().unwrap_or(engine::Metric::Xs))
            },
            army: r.dest == Some(DestinationKind::Army),
            retained_since: flowing_done.or_else(|| r.retain.then_some(placed)),
            last_contact: None,
            name: r.name,
        });
    }
    Ok(out)
}
