//! A cohort's graduates as the rates and the due list see them, and the units they belong to.
//!
//! Built by the store from members, markings and the engine's recommendation; kept small so
//! that 50,000 of them fit the 200 ms budget of the reports.

use crate::engine::{Membership, Metric};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One graduating member of the cohort.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
/// Names are shared (`Arc<str>`): every line of a report points at them instead of copying
/// (50,000 graduates, several lines each).
pub struct Graduate {
    pub member_id: i64,
    #[serde(serialize_with = "shared")]
    pub name: Arc<str>,
    pub college_id: Option<i64>,
    #[serde(serialize_with = "shared")]
    pub college: Arc<str>,
    pub branch_id: i64,
    #[serde(serialize_with = "shared")]
    pub branch: Arc<str>,
    /// M3: deferred graduate or teacher: outside both rates.
    pub marked: bool,
    /// The rate the graduate counts in when no transfer decides it: the engine's metric on
    /// the recorded destination (学社衔接率 without one); `None` outside both rates (M3, or
    /// not a member). The reports' load runs the engine only where 升学 is possible.
    pub metric: Option<Metric>,
    /// Still a member (M5, M6, 群众); a non-member has no metric.
    pub membership: Membership,
    /// W6: army recruits transfer with their enlistment, not by 07-25.
    pub army: bool,
    /// R7a: retained in the school's flowing branch since this date.
    pub retained_since: Option<NaiveDate>,
    /// W7: a flowing member's last contact with the org (or the day placed there).
    pub last_contact: Option<NaiveDate>,
}

/// Serializes a shared name as a plain string (serde's `rc` feature not needed).
pub fn shared<S: serde::Serializer>(v: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v)
}

impl Graduate {
    /// A plain graduate (tests and fixtures).
    pub fn new(member_id: i64, name: &str, college_id: i64, branch_id: i64) -> Self {
        Self {
            member_id,
            name: name.into(),
            college_id: Some(college_id),
            college: format!("学院{college_id}").into(),
            branch_id,
            branch: format!("团支部{branch_id}").into(),
            marked: false,
            metric: Some(Metric::Xs),
            membership: Membership::Member,
            army: false,
            retained_since: None,
            last_contact: None,
        }
    }
}

/// The unit a rate or a due list is for (§6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
pub enum Unit {
    School,
    College(i64),
    Branch(i64),
}

impl Unit {
    pub fn contains(&self, college_id: Option<i64>, branch_id: Option<i64>) -> bool {
        match *self {
            Unit::School => true,
            Unit::College(c) => college_id == Some(c),
            Unit::Branch(b) => branch_id == Some(b),
        }
    }
    pub fn has(&self, g: &Graduate) -> bool {
        self.contains(g.college_id, Some(g.branch_id))
    }
    pub fn label(&self) -> String {
        match self {
            Unit::School => "全校".into(),
            Unit::College(c) => format!("学院（编号 {c}）"),
            Unit::Branch(b) => format!("团支部（编号 {b}）"),
        }
    }
}
