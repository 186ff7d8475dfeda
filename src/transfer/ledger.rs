//! All transfers, by member (W1): one active transfer per member, ended ones kept as history,
//! a new request after a return marked as a resubmission (W3a).
//!
//! The in-memory form the store loads into and the batch works on; no I/O.

use super::record::{Event, Transfer, TransferDraft};
use super::settings::CampaignSettings;
use super::state::{State, Status};
use crate::{Error, Result};
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub struct Ledger {
    transfers: Vec<Transfer>,
    /// member id → indices into `transfers`, oldest first.
    by_member: HashMap<i64, Vec<usize>>,
}

impl Ledger {
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds the ledger from stored transfers (any order; ids give the order per member).
    pub fn from_transfers(mut transfers: Vec<Transfer>) -> Self {
        transfers.sort_by_key(|t| t.id);
        let mut l = Self::default();
        for t in transfers {
            l.push(t);
        }
        l
    }

    fn push(&mut self, t: Transfer) -> usize {
        let i = self.transfers.len();
        self.by_member.entry(t.member_id).or_default().push(i);
        self.transfers.push(t);
        i
    }

    pub fn all(&self) -> &[Transfer] {
        &self.transfers
    }

    /// A member's transfers, oldest first (W3a: ended ones stay).
    pub fn history(&self, member_id: i64) -> impl Iterator<Item = &Transfer> {
        self.by_member
            .get(&member_id)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.transfers.get(i))
    }

    /// The member's latest transfer.
    pub fn latest(&self, member_id: i64) -> Option<&Transfer> {
        self.history(member_id).last()
    }

    fn latest_index(&self, member_id: i64) -> Option<usize> {
        self.by_member
            .get(&member_id)
            .and_then(|v| v.last().copied())
    }

    /// The member's active transfer (W1: at most one).
    pub fn active(&self, member_id: i64) -> Option<&Transfer> {
        self.latest(member_id).filter(|t| t.state().is_active())
    }

    /// W1: opens a transfer (planned) for the member; refused while another is active. A
    /// transfer following a returned or auto-terminated one is a resubmission (W3a).
    pub fn open(&mut self, draft: TransferDraft) -> Result<&mut Transfer> {
        if draft.destination.trim().is_empty() && draft.reason != crate::destination::Reason::R8 {
            return Err(Error::invalid(
                "转入组织全称不能为空（R8 转往特殊单位除外）",
            ));
        }
        if let Some(t) = self.active(draft.member_id) {
            return Err(Error::conflict(format!(
                "已有业务正在办理，不能重复发起：团员 {} 的转接（{}，{}）尚未结束（W1）",
                draft.member_id,
                t.destination,
                t.state().label()
            )));
        }
        let resubmission = self
            .latest(draft.member_id)
            .is_some_and(|t| matches!(t.state(), State::Returned | State::AutoTerminated));
        let mut t = Transfer::plan(draft);
        t.resubmission = resubmission;
        let i = self.push(t);
        self.transfers
            .get_mut(i)
            .ok_or_else(|| Error::internal("转接记录丢失"))
    }

    /// Applies a step to the member's latest transfer (W3), after recording the W4 moves
    /// that happened by the step's date.
    pub fn apply(
        &mut self,
        member_id: i64,
        ev: Event,
        settings: &CampaignSettings,
    ) -> Result<Status> {
        let i = self.latest_index(member_id).ok_or_else(|| {
            Error::not_found(format!("团员 {member_id} 没有转接记录，请先登记转接"))
        })?;
        let t = self
            .transfers
            .get_mut(i)
            .ok_or_else(|| Error::internal("转接记录丢失"))?;
        let mut copy = t.clone();
        copy.catch_up(ev.on, settings);
        let st = copy.apply(ev, settings)?;
        *t = copy;
        Ok(st)
    }

    /// Replaces the member's latest transfer by an updated copy (used by the batch).
    pub(super) fn replace_latest(&mut self, t: Transfer) {
        if let Some(i) = self.latest_index(t.member_id) {
            if let Some(slot) = self.transfers.get_mut(i) {
                *slot = t;
            }
        }
    }
}
