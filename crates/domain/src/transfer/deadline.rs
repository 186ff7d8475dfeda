//! Deadlines (W4), computed from the recorded dates for any "as of" date.
//!
//! 智慧团建 acts by itself: a node unapproved for 15 days counts as approved, and after 09-30 a
//! node unapproved for more than 10 days ends the request. The office's record does not see
//! those moves happen, so they are derived here from the dates and the year's settings.
//!
//! Day counting (seeds 001 注意事项1, 002 §1.5): "超过10天" is more than 10 whole days, i.e. from
//! the 11th day after the node started waiting; "15天内不完成" passes on the 15th day. When the
//! termination date comes no later than the auto-pass date, termination wins (the closing period
//! replaces the 15-day rule).

use super::record::{Event, EventKind, NodeKind, Transfer};
use super::settings::CampaignSettings;
use super::state::{State, Status};
use chrono::{Days, NaiveDate};
use serde::Serialize;

/// What happens to a node that started waiting on `since` if nobody acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NodeDeadline {
    pub since: NaiveDate,
    /// First day with the "over 10 days" reminder.
    pub reminder_from: NaiveDate,
    /// The day the node counts as approved, unless termination comes first.
    pub auto_pass_on: Option<NaiveDate>,
    /// The day the request is terminated and returned, if before any auto-pass.
    pub terminate_on: Option<NaiveDate>,
}

fn plus(d: NaiveDate, days: i64) -> NaiveDate {
    d.checked_add_days(Days::new(days.max(0) as u64))
        .unwrap_or(NaiveDate::MAX)
}

/// W4 for one approval node.
pub fn node_deadline(since: NaiveDate, s: &CampaignSettings) -> NodeDeadline {
    let pass = plus(since, s.auto_pass_days);
    let term = plus(since, s.terminate_days + 1).max(plus(s.closing_after, 1));
    let (auto_pass_on, terminate_on) = if term <= pass {
        (None, Some(term))
    } else {
        (Some(pass), None)
    };
    NodeDeadline {
        since,
        reminder_from: plus(since, s.reminder_days + 1),
        auto_pass_on,
        terminate_on,
    }
}

/// What a transfer is waiting for on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Waiting {
    /// `None` when waiting for the allocation of a branch.
    pub node: Option<NodeKind>,
    pub since: NaiveDate,
    pub days: i64,
    /// W4: over the reminder mark.
    pub reminder: bool,
    pub deadline: Option<NodeDeadline>,
}

/// A transfer as it stands on a date, with the W4 moves 智慧团建 made by itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Projection {
    pub status: Status,
    /// Auto-passes and auto-terminations implied by the dates, in order.
    pub implied: Vec<Event>,
    pub waiting: Option<Waiting>,
}

/// W4 applied on `on`: the status, without building the implied steps (the reports call this
/// for every graduate).
pub fn status_on(t: &Transfer, on: NaiveDate, s: &CampaignSettings) -> Status {
    advance(t, on, s, |_| {})
}

/// Runs W4's automatic moves up to `on` from the steps recorded up to `on`, handing each to
/// `sink`.
pub fn advance(
    t: &Transfer,
    on: NaiveDate,
    s: &CampaignSettings,
    mut sink: impl FnMut(Event),
) -> Status {
    let mut st = t.status_on(on);
    // Each round passes one node at most; bounded by the node count.
    for _ in 0..=t.nodes().len() {
        if st.state != State::Pending {
            break;
        }
        let (Some(since), Some(node)) = (st.since, t.pending_node(&st)) else {
            break;
        };
        let d = node_deadline(since, s);
        // No actor yet: `String::new()` does not allocate; the sink names the system.
        let ev = match (d.auto_pass_on, d.terminate_on) {
            (Some(p), _) if p <= on => Event::new(p, EventKind::AutoPass { node }, String::new()),
            (_, Some(x)) if x <= on => Event::new(x, EventKind::AutoTerminate, String::new()),
            _ => break,
        };
        match t.step(&st, &ev, Some(s)) {
            Ok(next) => {
                st = next;
                sink(ev);
            }
            Err(_) => break,
        }
    }
    st
}

/// W4 applied on `on` to the steps recorded up to `on`.
pub fn project(t: &Transfer, on: NaiveDate, s: &CampaignSettings) -> Projection {
    let mut implied = Vec::new();
    let st = advance(t, on, s, |mut ev| {
        ev.actor = "系统".into();
        implied.push(ev);
    });
    let waiting = waiting(t, &st, on, s);
    Projection {
        status: st,
        implied,
        waiting,
    }
}

impl Transfer {
    /// W4: records the moves 智慧团建 made by itself up to `on` (auto-passes, auto-termination),
    /// so that a step entered late applies to the node actually waiting. Returns them.
    pub fn catch_up(&mut self, on: NaiveDate, s: &CampaignSettings) -> Vec<Event> {
        let last = self.events.last().map(|e| e.on);
        if last.is_some_and(|l| l > on) {
            return Vec::new();
        }
        let implied = project(self, on, s).implied;
        self.events.extend(implied.iter().cloned());
        implied
    }
}

/// What the transfer waits for on `on`, given its status then.
pub fn waiting(t: &Transfer, st: &Status, on: NaiveDate, s: &CampaignSettings) -> Option<Waiting> {
    match (st.state, st.since) {
        (State::Pending, Some(since)) => Some(Waiting {
            node: t.pending_node(st),
            since,
            days: (on - since).num_days(),
            reminder: (on - since).num_days() > s.reminder_days,
            deadline: Some(node_deadline(since, s)),
        }),
        (State::AwaitingAllocation, Some(since)) => Some(Waiting {
            node: None,
            since,
            days: (on - since).num_days(),
            reminder: (on - since).num_days() > s.reminder_days,
            deadline: None,
        }),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn ten_and_fifteen_day_marks_before_closing() {
        // W4
        let s = CampaignSettings::defaults(2026);
        let nd = node_deadline(d(6, 1), &s);
        assert_eq!(nd.reminder_from, d(6, 12)); // 06-11 is 10 days: no reminder yet
        assert_eq!(nd.auto_pass_on, Some(d(6, 16)));
        assert_eq!(nd.terminate_on, None);
    }

    #[test]
    fn both_sides_of_closing() {
        // W4: waiting since 09-15 passes on 09-30 (not yet closing); since 09-16 it is
        // terminated on 10-01, before its auto-pass.
        let s = CampaignSettings::defaults(2026);
        assert_eq!(node_deadline(d(9, 15), &s).auto_pass_on, Some(d(9, 30)));
        let late = node_deadline(d(9, 16), &s);
        assert_eq!(
            (late.auto_pass_on, late.terminate_on),
            (None, Some(d(10, 1)))
        );
        let closing = node_deadline(d(9, 25), &s);
        assert_eq!(closing.terminate_on, Some(d(10, 6)));
    }
}
