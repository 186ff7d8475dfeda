//! Batches: the same step for many graduates at once (offices work 30 at a time).
//!
//! All or nothing: every graduate is checked first on a copy; if any one is refused, nothing
//! changes and the office gets the full list of refusals, one line per graduate.

use super::ledger::Ledger;
use super::record::{Event, Transfer, TransferDraft};
use super::settings::CampaignSettings;
use super::state::Status;
use crate::{Error, ErrorCode};
use serde::Serialize;
use std::collections::HashSet;

/// One graduate's refusal within a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberError {
    pub member_id: i64,
    pub code: ErrorCode,
    pub message: String,
}

/// A refused batch: nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchFailure {
    pub errors: Vec<MemberError>,
}

impl std::fmt::Display for BatchFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "批量操作未执行（全部或全不）：{} 名团员不符合条件",
            self.errors.len()
        )?;
        for e in &self.errors {
            write!(f, "\n  团员 {}：{}", e.member_id, e.message)?;
        }
        Ok(())
    }
}

impl From<BatchFailure> for Error {
    fn from(b: BatchFailure) -> Self {
        let code = b.errors.first().map_or(ErrorCode::Refused, |e| e.code);
        Error::new(code, b.to_string())
    }
}

fn duplicates(ids: impl Iterator<Item = i64>) -> Vec<MemberError> {
    let mut seen = HashSet::new();
    ids.filter(|id| !seen.insert(*id))
        .map(|member_id| MemberError {
            member_id,
            code: ErrorCode::InvalidInput,
            message: "在本批中重复出现".into(),
        })
        .collect()
}

/// The same step for every listed member's latest transfer; all or nothing.
pub fn apply_all(
    ledger: &mut Ledger,
    members: &[i64],
    ev: &Event,
    settings: &CampaignSettings,
) -> Result<Vec<Status>, BatchFailure> {
    let mut errors = duplicates(members.iter().copied());
    let mut staged: Vec<(Transfer, Status)> = Vec::with_capacity(members.len());
    for &member_id in members {
        let Some(t) = ledger.latest(member_id) else {
            errors.push(MemberError {
                member_id,
                code: ErrorCode::NotFound,
                message: "没有转接记录，请先登记转接".into(),
            });
            continue;
        };
        let mut copy = t.clone();
        copy.catch_up(ev.on, settings);
        match copy.apply(ev.clone(), settings) {
            Ok(st) => staged.push((copy, st)),
            Err(e) => errors.push(MemberError {
                member_id,
                code: e.code,
                message: e.message,
            }),
        }
    }
    if !errors.is_empty() {
        return Err(BatchFailure { errors });
    }
    Ok(staged
        .into_iter()
        .map(|(t, st)| {
            ledger.replace_latest(t);
            st
        })
        .collect())
}

/// Opens (and, with `start`, starts) a transfer for every draft; all or nothing.
pub fn open_all(
    ledger: &mut Ledger,
    drafts: Vec<TransferDraft>,
    start: Option<&Event>,
    settings: &CampaignSettings,
) -> Result<(), BatchFailure> {
    let mut errors = duplicates(drafts.iter().map(|d| d.member_id));
    if errors.is_empty() {
        let mut trial = ledger.clone();
        for d in drafts {
            let member_id = d.member_id;
            let r = trial.open(d).and_then(|t| match start {
                Some(ev) => t.apply(ev.clone(), settings).map(|_| ()),
                None => Ok(()),
            });
            if let Err(e) = r {
                errors.push(MemberError {
                    member_id,
                    code: e.code,
                    message: e.message,
                });
            }
        }
        if errors.is_empty() {
            *ledger = trial;
            return Ok(());
        }
    }
    Err(BatchFailure { errors })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::record::{EventKind, Initiator, NodeKind};
    use super::*;
    use crate::destination::Reason;
    use chrono::NaiveDate;

    fn draft(member_id: i64) -> TransferDraft {
        TransferDraft {
            member_id,
            year: 2026,
            initiator: Initiator::Outgoing,
            reason: Reason::R7,
            destination: "某街道学社衔接临时团支部".into(),
            region: None,
            jing_yue_min: false,
            into_committee: false,
            own_unit: None,
        }
    }

    #[test]
    fn one_refusal_changes_nothing_and_lists_the_graduate() {
        let s = CampaignSettings::defaults(2026);
        let on = NaiveDate::from_ymd_opt(2026, 6, 10).unwrap();
        let mut l = Ledger::new();
        let start = Event::new(on, EventKind::Start, "学院团委");
        open_all(&mut l, (1..=30).map(draft).collect(), Some(&start), &s).unwrap();
        // Member 7 already approved at the first node: the batch revoke must fail entirely.
        let ok = Event::new(
            on,
            EventKind::Approve {
                node: NodeKind::IncomingBranch,
            },
            "转入团支部",
        );
        l.apply(7, ok, &s).unwrap();
        let before: Vec<_> = l.all().to_vec();
        let members: Vec<i64> = (1..=30).collect();
        let err = apply_all(
            &mut l,
            &members,
            &Event::new(on, EventKind::Revoke, "x"),
            &s,
        )
        .unwrap_err();
        assert_eq!(err.errors.len(), 1);
        assert_eq!(err.errors[0].member_id, 7);
        assert_eq!(l.all(), &before[..]);
        let e: Error = err.into();
        assert!(e.message.contains("团员 7"), "{}", e.message);
    }
}
