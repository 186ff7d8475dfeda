//! All transfers, by member (W1): one active transfer per member, ended ones kept as history,
//! a new request after a return marked as a resubmission (W3a).
//!
//! The in-memory form the store loads into and the batch works on; no I/O.

use super::record::{Event, Transfer, TransferDraft};
use super::settings::CampaignSettings;
use super::state::{State, Status};
use crate::{Error, Result};
use std::collections::HashMap;

/// Member ids are database row ids: a multiplicative hash is enough and much faster than
/// SipHash for the 50,000-graduate reports.
#[derive(Debug, Clone, Copy, Default)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 =
                (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_i64(&mut self, n: i64) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub type IdMap<V> = HashMap<i64, V, std::hash::BuildHasherDefault<IdHasher>>;

#[derive(Debug, Clone, Default)]
pub struct Ledger {
    transfers: Vec<Transfer>,
    /// member id → index of the member's latest transfer.
    latest: IdMap<usize>,
    /// For each transfer, the index of the same member's previous one (a chain, newest first).
    prev: Vec<Option<usize>>,
}

impl Ledger {
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds the ledger from stored transfers (any order; ids give the order per member).
    /// Loaded in id order they are taken as they are (50,000 of them: no sort, no move).
    pub fn from_transfers(mut transfers: Vec<Transfer>) -> Self {
        if !transfers.is_sorted_by_key(|t| t.id) {
            transfers.sort_by_key(|t| t.id);
        }
        let mut latest = IdMap::default();
        latest.reserve(transfers.len());
        let prev = transfers
            .iter()
            .enumerate()
            .map(|(i, t)| latest.insert(t.member_id, i))
            .collect();
        Self {
            transfers,
            latest,
            prev,
        }
    }

    fn push(&mut self, t: Transfer) -> usize {
        let i = self.transfers.len();
        self.prev.push(self.latest.insert(t.member_id, i));
        self.transfers.push(t);
        i
    }

    pub fn all(&self) -> &[Transfer] {
        &self.transfers
    }

    /// A member's transfers, newest first.
    pub fn newest_first(&self, member_id: i64) -> impl Iterator<Item = &Transfer> {
        let mut next = self.latest.get(&member_id).copied();
        std::iter::from_fn(move || {
            let i = next?;
            next = self.prev.get(i).copied().flatten();
            self.transfers.get(i)
        })
    }

    /// A member's transfers, oldest first (W3a: ended ones stay).
    pub fn history(&self, member_id: i64) -> std::vec::IntoIter<&Transfer> {
        let mut v: Vec<&Transfer> = self.newest_first(member_id).collect();
        v.reverse();
        v.into_iter()
    }

    /// The member's latest transfer.
    pub fn latest(&self, member_id: i64) -> Option<&Transfer> {
        self.latest
            .get(&member_id)
            .and_then(|&i| self.transfers.get(i))
    }

    fn latest_index(&self, member_id: i64) -> Option<usize> {
        self.latest.get(&member_id).copied()
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

    /// W4: records on the member's latest transfer the automatic moves made by `on` (so that
    /// a request auto-terminated after 09-30 no longer blocks a new one). Returns how many.
    pub fn catch_up(
        &mut self,
        member_id: i64,
        on: chrono::NaiveDate,
        s: &CampaignSettings,
    ) -> usize {
        match self
            .latest_index(member_id)
            .and_then(|i| self.transfers.get_mut(i))
        {
            Some(t) => t.catch_up(on, s).len(),
            None => 0,
        }
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
