//! The completion rates (§6): 升学衔接率 and 学社衔接率 of a unit, as of a date.
//!
//! ```text
//! rate = (completed transfers out + successful transfers in)
//!        / (graduate members + members who applied to transfer in − members returned)
//! ```
//!
//! Every number comes with the graduates behind it, because a secretary is asked "who".
//! Counting rules, each from §6:
//! - deferred graduates and teachers (M3) are outside both rates, and so are people who are
//!   not members (M5 超龄离团, M6, 群众: the engine's `metric` is `None`);
//! - a graduate's metric is the filed transfer's reason (`Metric::of`), else the engine's
//!   (a blocked member keeps the destination's metric, R12; no destination recorded means
//!   未就业, R7, 学社衔接率); `None` is never read as 学社衔接率;
//! - done means the latest transfer started by the date is done on that date (W4's automatic
//!   moves included) and does not go into the school's own flowing branch (003 #57); retained
//!   (R7a) and no-request graduates are in the denominator only;
//! - the incoming side: a transfer into an org of the unit, of a member who is not one of the
//!   unit's graduates, adds to the denominator when applied and to the numerator when done; a
//!   returned, auto-terminated or revoked one is taken back out of the denominator.

use super::cohort::{Graduate, Unit};
use super::deadline::status_on;
use super::ledger::IdHasher;
use super::ledger::Ledger;
use super::record::Transfer;
use super::settings::CampaignSettings;
use super::state::State;
use crate::engine::Metric;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::Arc;

/// One graduate behind a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RateLine {
    pub member_id: i64,
    #[serde(serialize_with = "super::cohort::shared")]
    pub name: Arc<str>,
    #[serde(serialize_with = "super::cohort::shared")]
    pub college: Arc<str>,
    #[serde(serialize_with = "super::cohort::shared")]
    pub branch: Arc<str>,
    /// Where the graduate stands, in words (已完成, 未发起, 在校保留…).
    pub standing: &'static str,
    /// A request was started by the date, or the graduate is retained in school (R7a): what
    /// W5's 07-25 target counts (never read from `standing`'s words).
    pub started: bool,
    /// Retained in school (R7a): started for 07-25, not done.
    pub retained: bool,
}

impl RateLine {
    /// Who the line is, whatever store it came from: a member number is one store's own, and
    /// lines gathered from several colleges' packages ([`Rate::absorb`]) share numbers — the
    /// branch tells them apart.
    pub fn key(&self) -> (i64, &str) {
        (self.member_id, &self.branch)
    }
}

/// One rate with its numbers and lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rate {
    pub metric: Metric,
    pub label: &'static str,
    pub numerator: usize,
    pub denominator: usize,
    /// `None` when the denominator is 0.
    pub rate: Option<f64>,
    /// The unit's graduates counted (denominator, outgoing side).
    pub graduates: Vec<RateLine>,
    /// Those of them whose transfer is done (numerator, outgoing side).
    pub done_out: Vec<RateLine>,
    /// Members who applied to transfer in (denominator, incoming side).
    pub applied_in: Vec<RateLine>,
    /// Of those, returned / terminated / revoked (taken out of the denominator).
    pub returned_in: Vec<RateLine>,
    /// Of those, done (numerator, incoming side).
    pub done_in: Vec<RateLine>,
}

impl Rate {
    /// A rate with nobody behind it (a school holding no package yet).
    pub fn empty(metric: Metric) -> Self {
        Self::new(metric)
    }
    fn new(metric: Metric) -> Self {
        Self {
            metric,
            label: metric.label(),
            numerator: 0,
            denominator: 0,
            rate: None,
            graduates: Vec::new(),
            done_out: Vec::new(),
            applied_in: Vec::new(),
            returned_in: Vec::new(),
            done_in: Vec::new(),
        }
    }
    /// `other`'s graduates added to these (the school over its colleges, §6: numerators and
    /// denominators added, never rates averaged).
    pub fn absorb(&mut self, other: Rate) {
        self.graduates.extend(other.graduates);
        self.done_out.extend(other.done_out);
        self.applied_in.extend(other.applied_in);
        self.returned_in.extend(other.returned_in);
        self.done_in.extend(other.done_in);
        self.finish();
    }
    fn finish(&mut self) {
        self.numerator = self.done_out.len() + self.done_in.len();
        self.denominator =
            (self.graduates.len() + self.applied_in.len()).saturating_sub(self.returned_in.len());
        self.rate = (self.denominator > 0).then(|| self.numerator as f64 / self.denominator as f64);
    }
    /// `12/20（60.0%）`.
    pub fn display(&self) -> String {
        match self.rate {
            Some(r) => format!(
                "{}/{}（{:.1}%）",
                self.numerator,
                self.denominator,
                r * 100.0
            ),
            None => format!("{}/{}（—）", self.numerator, self.denominator),
        }
    }
}

/// Both rates of a unit on a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatesReport {
    pub year: i32,
    pub unit: Unit,
    pub on: NaiveDate,
    pub sx: Rate,
    pub xs: Rate,
    /// Outside both rates: deferred graduates and teachers (M3), and graduates who are not
    /// members (M5 超龄离团, M6, 群众), each with why.
    pub outside: Vec<RateLine>,
    /// N10: the receiving side alone — members who applied to transfer into the unit (the
    /// new students among them), those returned, those done — out of both rates' incoming
    /// lines: `done_in / (applied_in − returned_in)`. Shown beside the two rates; its lines
    /// are the same people the rates count on their incoming side.
    pub incoming: Rate,
}

impl RatesReport {
    /// Another unit's report (another college's, at the school) added to this one.
    pub fn absorb(&mut self, other: RatesReport) {
        self.sx.absorb(other.sx);
        self.xs.absorb(other.xs);
        self.outside.extend(other.outside);
        self.incoming = incoming_side(&self.sx, &self.xs);
    }
}

/// The label of the receiving side's rate (N10).
pub const INCOMING_LABEL: &str = "转入衔接率（转入一侧）";

/// N10: both rates' incoming lines as one rate (the receiving side of §6).
pub fn incoming_side(sx: &Rate, xs: &Rate) -> Rate {
    let mut r = Rate::new(Metric::Sx);
    r.label = INCOMING_LABEL;
    for side in [sx, xs] {
        r.applied_in.extend(side.applied_in.iter().cloned());
        r.returned_in.extend(side.returned_in.iter().cloned());
        r.done_in.extend(side.done_in.iter().cloned());
    }
    r.finish();
    r
}

/// The transfer that counts on `on`: the latest one started by then.
pub fn counting_transfer(ledger: &Ledger, member_id: i64, on: NaiveDate) -> Option<&Transfer> {
    ledger
        .newest_first(member_id)
        .find(|t| t.started_on().is_some_and(|s| s <= on))
}

/// A graduate's metric (§6; see the module doc): `None` outside both rates.
pub fn metric_of(g: &Graduate, counted: Option<&Transfer>, ledger: &Ledger) -> Option<Metric> {
    counted
        .or_else(|| ledger.latest(g.member_id))
        .map(|t| Metric::of(t.reason))
        .or(g.metric)
}

/// Whether a transfer counts as done on `on` (W2, W4, 003 #57).
pub fn done_on(t: &Transfer, on: NaiveDate, s: &CampaignSettings) -> bool {
    !t.into_own_flowing() && status_on(t, on, s).state == State::Done
}

/// The rates of `unit` for the cohort `graduates`, as of `on`. `names` gives the names of
/// members who are not graduates of the unit (the incoming side).
pub fn rates(
    graduates: &[Graduate],
    ledger: &Ledger,
    names: &HashMap<i64, String>,
    unit: Unit,
    on: NaiveDate,
    s: &CampaignSettings,
) -> RatesReport {
    let mut sx = Rate::new(Metric::Sx);
    let mut xs = Rate::new(Metric::Xs);
    let mut outside = Vec::new();
    let mut ours: HashSet<i64, BuildHasherDefault<IdHasher>> =
        HashSet::with_capacity_and_hasher(graduates.len(), BuildHasherDefault::default());
    for g in graduates.iter().filter(|g| unit.has(g)) {
        ours.insert(g.member_id);
        let counted = counting_transfer(ledger, g.member_id, on);
        let retained = counted.is_none() && g.retained_since.is_some_and(|d| d <= on);
        let started = counted.is_some() || retained;
        let line = |standing: &'static str| RateLine {
            member_id: g.member_id,
            name: g.name.clone(),
            college: g.college.clone(),
            branch: g.branch.clone(),
            standing,
            started,
            retained,
        };
        if g.marked {
            outside.push(line("延迟毕业/教师，不纳入（M3）"));
            continue;
        }
        let rate = match metric_of(g, counted, ledger) {
            Some(Metric::Sx) => &mut sx,
            Some(Metric::Xs) => &mut xs,
            None => {
                outside.push(line(g.membership.label()));
                continue;
            }
        };
        let standing = match counted {
            None if retained => "在校保留（R7a，未完成）",
            None => "未发起",
            Some(t) if t.into_own_flowing() => "转入本校流动团员团支部（未完成）",
            Some(t) => {
                let st = status_on(t, on, s).state;
                if st == State::Done {
                    rate.done_out.push(line(st.label()));
                }
                st.label()
            }
        };
        rate.graduates.push(line(standing));
    }
    for t in ledger.all() {
        let Some(u) = &t.own_unit else { continue };
        if t.year != s.year
            || ours.contains(&t.member_id)
            || !unit.contains(u.college_id, u.branch_id)
        {
            continue;
        }
        if t.started_on().is_none_or(|d| d > on) {
            continue;
        }
        let rate = match Metric::of(t.reason) {
            Metric::Sx => &mut sx,
            Metric::Xs => &mut xs,
        };
        let st = status_on(t, on, s).state;
        let line = RateLine {
            member_id: t.member_id,
            name: names
                .get(&t.member_id)
                .cloned()
                .unwrap_or_else(|| format!("团员 {}", t.member_id))
                .into(),
            college: Arc::from(""),
            branch: t.destination.as_str().into(),
            standing: st.label(),
            started: true,
            retained: false,
        };
        if st.is_failed() {
            rate.returned_in.push(line.clone());
        } else if st == State::Done && !t.into_own_flowing() {
            rate.done_in.push(line.clone());
        }
        rate.applied_in.push(line);
    }
    sx.finish();
    xs.finish();
    RatesReport {
        year: s.year,
        unit,
        on,
        incoming: incoming_side(&sx, &xs),
        sx,
        xs,
        outside,
    }
}
