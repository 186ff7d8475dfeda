//! 毕业生: a cohort's graduates as rows of the virtualized list (search keys included), each
//! with the engine's reason when a destination is recorded.

use super::app::Paths;
use super::{ApiResult, Choice};
use crate::member::Marking;
use crate::store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Graduation years the app accepts.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// One row of the 毕业生 list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GraduateRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub name: String,
    pub id_number: String,
    pub student_no: Option<String>,
    pub branch: String,
    /// 2026年7月, or null when neither the branch nor a marking fixes it.
    pub graduates: Option<String>,
    /// The destination kind's label, null while none is recorded.
    pub destination: Option<String>,
    /// 延迟毕业团员 / 教师, null when unmarked.
    pub marking: Option<String>,
    /// The engine's 转接原因 (R1–R8), null when none applies or no destination is recorded.
    pub reason: Option<Choice>,
    pub blocked: bool,
    /// The transfer's state; null until transfers are tracked.
    pub transfer_state: Option<String>,
}

/// A cohort's list, the year asked and the date the recommendations are for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GraduateList {
    pub year: i32,
    pub on: String,
    pub rows: Vec<GraduateRow>,
}

/// Cohort `year`'s graduates with their recommendations on `on`.
pub fn list(paths: &Paths, year: i32, on: NaiveDate) -> ApiResult<GraduateList> {
    // The window is not trusted with the year either.
    if !(YEARS).contains(&year) {
        return Err(crate::Error::invalid(format!(
            "毕业年份“{year}”应在{}至{}之间",
            YEARS.start(),
            YEARS.end()
        ))
        .into());
    }
    let store = Store::open(&paths.db)?;
    let rows = store
        .graduates(year, on)?
        .into_iter()
        .map(|g| {
            let rec = g.recommendation.as_ref();
            GraduateRow {
                id: g.member.id,
                name: g.member.name.clone(),
                // Lists show the masked form; the full number only on the graduate's own
                // page (SECURITY.md).
                id_number: g.member.id_number.masked(),
                student_no: g.member.student_no.clone(),
                branch: g.branch.full_name.clone(),
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
                reason: rec
                    .and_then(|r| r.reason)
                    .map(|r| Choice::new(r.code(), r.label())),
                blocked: rec.is_some_and(|r| r.blocked),
                transfer_state: None,
            }
        })
        .collect();
    Ok(GraduateList {
        year,
        on: on.to_string(),
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
        assert!(list
            .rows
            .iter()
            .all(|r| r.id_number.len() == 18 && r.id_number.contains("********")));
        assert!(list.rows.iter().any(|r| r.reason.is_some()));
        // Another year's cohort is empty, not an error.
        assert!(super::list(&paths, 2030, on).unwrap().rows.is_empty());
    }
}
