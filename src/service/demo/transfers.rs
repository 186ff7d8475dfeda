//! The demo school's transfers: a realistic mix for its cohort so that 工作台 and 转接 are not
//! empty on first start (done, waiting at a node, returned, auto-terminated, not started).
//!
//! Dates follow the campaign (W5) and never pass `today`; W4's automatic moves are derived as
//! for any recorded transfer.

use crate::store::transfers as operations;
use crate::store::Store;
use crate::transfer::{CampaignSettings, Event, EventKind, Initiator, NodeKind, TransferDraft};
use crate::Result;
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;

/// Reason code, destination name and whether it is a committee, for the demo's transfers.
fn draft(member_id: i64, year: i32, g: &crate::store::Graduate) -> Option<TransferDraft> {
    let rec = g.recommendation.as_ref()?;
    let reason = rec.reason?;
    let dest = g.member.destination.as_ref()?;
    let unit = dest
        .details
        .as_ref()
        .and_then(|d| d.target_org.clone().or(d.unit_name.clone()))
        .unwrap_or_else(|| "某街道".into());
    // A full org name is kept as written; a unit's name becomes its branch's.
    let is_org = unit.starts_with("共青团")
        || ["团支部", "团委", "团总支", "委员会", "团工委"]
            .iter()
            .any(|s| unit.ends_with(s));
    // R8 (special units) names no org: the system chooses by its organisation (rules.md §R8).
    let destination = if reason == crate::destination::Reason::R8 {
        String::new()
    } else if is_org {
        unit
    } else {
        format!("共青团{unit}团支部")
    };
    Some(TransferDraft {
        member_id,
        year,
        initiator: Initiator::Outgoing,
        reason,
        destination,
        region: None,
        jing_yue_min: rec.jing_yue_min.is_some(),
        into_committee: false,
        own_unit: None,
    })
}

fn at(d: NaiveDate, days: u64, today: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(d).min(today)
}

/// Records the demo mix for cohort `year` as of `today`, in batches by date (a 10,000-graduate
/// demo stays quick). Returns how many transfers.
pub fn record_mix(store: &mut Store, year: i32, today: NaiveDate, op: &str) -> Result<usize> {
    let s = CampaignSettings::defaults(year);
    let grads = store.graduates(year, today)?;
    let mut starts: BTreeMap<NaiveDate, Vec<TransferDraft>> = BTreeMap::new();
    let mut follow: BTreeMap<(NaiveDate, u8), Vec<i64>> = BTreeMap::new();
    for (i, g) in grads.iter().enumerate() {
        let id = g.member.id;
        // One in eight has no request yet (W5: 未发起), as do marked or blocked graduates.
        let Some(d) = (i % 8 != 0 && g.member.marking.is_none())
            .then(|| draft(id, year, g))
            .flatten()
        else {
            continue;
        };
        let k = (i % 20) as u64;
        let start = match i % 8 {
            6 => at(s.closing_after, 8 + k % 5, today), // late: terminated by W4
            4 => today
                .checked_sub_days(Days::new(k % 9 + 3))
                .unwrap_or(today), // waiting
            _ => at(s.non_study_from, k * 3, today),
        };
        // Done after 12 days, returned after 6, one node approved after 4 (W2: the first node
        // of a transfer started by the outgoing side is the same for every reason but R8).
        let next = match i % 8 {
            1..=3 => Some((at(start, 12, today), 0)),
            5 => Some((at(start, 6, today), 1)),
            7 if d.reason != crate::destination::Reason::R8 => Some((at(start, 4, today), 2)),
            _ => None,
        };
        starts.entry(start).or_default().push(d);
        if let Some(key) = next {
            follow.entry(key).or_default().push(id);
        }
    }
    let mut n = 0;
    for (on, drafts) in starts {
        n += drafts.len();
        operations::open_many(
            store,
            drafts,
            Some(Event::new(on, EventKind::Start, op)),
            op,
        )?;
    }
    for ((on, what), ids) in follow {
        let kind = match what {
            0 => EventKind::Done,
            1 => EventKind::Return {
                reason: "转入组织全称有误，请核实后重新发起".into(),
            },
            _ => EventKind::Approve {
                node: NodeKind::IncomingBranch,
            },
        };
        operations::record_batch(store, &ids, &Event::new(on, kind, op), op)?;
    }
    Ok(n)
}
