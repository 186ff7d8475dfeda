//! 毕业生: a cohort's graduates as rows of the virtualized list, each with the engine's reason
//! when a destination is recorded. Sized for 10,000+ rows: compact rows, cached between
//! navigations until the data changes.

use super::app::Paths;
use super::{ApiResult, Choice};
use crate::destination::Reason;
use crate::member::Marking;
use crate::store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// One row of the 毕业生 list, compact: 10,000+ rows cross IPC on navigation, so the branch is
/// an index into [`GraduateList::branches`], the ID number is masked (the full one is on the
/// graduate's page only) and the recommendation is its reason code alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GraduateRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub name: String,
    /// Masked: first 6 and last 4 characters (M1).
    pub id_number: String,
    pub student_no: Option<String>,
    /// Index into `branches`.
    pub branch: u32,
    /// 2026年7月, or null when neither the branch nor a marking fixes it.
    pub graduates: Option<String>,
    /// The destination kind's label, null while none is recorded.
    pub destination: Option<String>,
    /// 延迟毕业团员 / 教师, null when unmarked.
    pub marking: Option<String>,
    /// The engine's 转接原因 code (R1–R8); labels are in `reasons`. Null when none applies or
    /// no destination is recorded.
    pub reason: Option<String>,
    pub blocked: bool,
    /// The transfer's state; null until transfers are tracked.
    pub transfer_state: Option<String>,
}

/// Graduation years the app accepts.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A cohort's list, the year asked and the date the recommendations are for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GraduateList {
    pub year: i32,
    pub on: String,
    /// The data's stamp when computed (see [`data_stamp`]): the window keeps the list while
    /// the stamp is unchanged.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub stamp: i64,
    /// Branch full names, by name; rows point into this.
    pub branches: Vec<String>,
    /// 转接原因 code → label (R1 → 升学), for the reasons rows cite.
    pub reasons: Vec<Choice>,
    pub rows: Vec<GraduateRow>,
}

/// The last list computed, kept between navigations. It is valid while the database's audit
/// log has not grown: every write to the store is audited, so the last audit id is a stamp
/// of the data.
struct Cached {
    db: PathBuf,
    year: i32,
    on: NaiveDate,
    stamp: i64,
    list: Arc<GraduateList>,
}

static CACHE: Mutex<Option<Cached>> = Mutex::new(None);

fn stamp(store: &Store) -> ApiResult<i64> {
    Ok(store
        .connection()
        .query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| {
            r.get(0)
        })
        .map_err(crate::Error::from)?)
}

/// The data's stamp: the last audit entry's id (every write to the store is audited, imports
/// and transfers included), so a changed stamp means the lists shown may be stale.
pub fn data_stamp(paths: &Paths) -> ApiResult<i64> {
    stamp(&Store::open(&paths.db)?)
}

/// Cohort `year`'s graduates with their recommendations on `on` (cached until the next write).
pub fn list(paths: &Paths, year: i32, on: NaiveDate) -> ApiResult<GraduateList> {
    // The window is not trusted with the year either (SECURITY.md).
    if !YEARS.contains(&year) {
        return Err(crate::Error::invalid(format!(
            "毕业年份“{year}”应在{}至{}之间",
            YEARS.start(),
            YEARS.end()
        ))
        .into());
    }
    let store = Store::open(&paths.db)?;
    let now = stamp(&store)?;
    // Held while computing: a second caller (the window while `warm` runs) waits for the
    // result instead of computing it again.
    let mut guard = CACHE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(c) = guard.as_ref() {
        if c.db == paths.db && c.year == year && c.on == on && c.stamp == now {
            return Ok(GraduateList::clone(&c.list));
        }
    }
    let list = Arc::new(compute(&store, year, on, now)?);
    *guard = Some(Cached {
        db: paths.db.clone(),
        year,
        on,
        stamp: now,
        list: Arc::clone(&list),
    });
    Ok(GraduateList::clone(&list))
}

/// Fills the cache in the background (called at start, so that the first visit to 毕业生 only
/// pays for the transfer to the window).
pub fn warm(paths: &Paths, year: i32, on: NaiveDate) {
    let _ = list(paths, year, on);
}

fn compute(store: &Store, year: i32, on: NaiveDate, stamp: i64) -> ApiResult<GraduateList> {
    let graduates = store.graduates(year, on)?;
    let mut branches: Vec<String> = Vec::new();
    let mut branch_index: HashMap<i64, u32> = HashMap::new();
    // Graduates come by branch full name, so indices follow name order.
    let mut reasons: Vec<Reason> = Vec::new();
    let rows = graduates
        .into_iter()
        .map(|g| {
            let branch = *branch_index.entry(g.branch.id).or_insert_with(|| {
                branches.push(g.branch.full_name.clone());
                u32::try_from(branches.len() - 1).unwrap_or(u32::MAX)
            });
            let rec = g.recommendation.as_ref();
            let reason = rec.and_then(|r| r.reason);
            if let Some(r) = reason {
                if !reasons.contains(&r) {
                    reasons.push(r);
                }
            }
            GraduateRow {
                id: g.member.id,
                name: g.member.name,
                id_number: g.member.id_number.masked(),
                student_no: g.member.student_no,
                branch,
                graduates: g.graduates.map(|d| d.chinese()),
                destination: g
                    .member
                    .destination
                    .as_ref()
                    .map(|d| d.kind.label().to_string()),
                marking: g
                    .member
                    .marking
                    .as_ref()
                    .map(|m: &Marking| m.kind().label().to_string()),
                reason: reason.map(|r| r.code().to_string()),
                blocked: rec.is_some_and(|r| r.blocked),
                transfer_state: None,
            }
        })
        .collect();
    reasons.sort_by_key(|r| r.code());
    Ok(GraduateList {
        year,
        on: on.to_string(),
        stamp,
        branches,
        reasons: reasons
            .into_iter()
            .map(|r| Choice::new(r.code(), r.label()))
            .collect(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::dev::generate_cohort;

    #[test]
    fn lists_a_generated_cohort() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::in_dir(dir.path(), None);
        let mut store = Store::open(&paths.db).unwrap();
        generate_cohort(&mut store, 2026, 40, 10, "测试").unwrap();
        drop(store);
        let on = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        let list = list(&paths, 2026, on).unwrap();
        assert_eq!(list.rows.len(), 40);
        assert!(list.rows.iter().all(|r| r.id_number.contains("********")));
        assert!(list.rows.iter().any(|r| r.reason.is_some()));
        assert!(list
            .rows
            .iter()
            .all(|r| (r.branch as usize) < list.branches.len()));
        // Cached until a write: a marking shows on the next call.
        assert_eq!(super::list(&paths, 2026, on).unwrap(), list);
        let first = list.rows[0].id;
        crate::api::members::mark_teacher(&paths, &[first]).unwrap();
        assert_ne!(data_stamp(&paths).unwrap(), list.stamp);
        let again = super::list(&paths, 2026, on).unwrap();
        assert_eq!(again.rows[0].marking.as_deref(), Some("教师"));
        // Another year's cohort is empty, not an error.
        assert!(super::list(&paths, 2030, on).unwrap().rows.is_empty());
    }
}
