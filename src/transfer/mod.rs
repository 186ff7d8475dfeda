//! Transfers, deadlines, the campaign calendar and the rates (DOMAIN.md W1–W7, §6).
//!
//! The pure part (record, state, deadline, calendar, rates, batch, ledger) does no I/O and
//! reads no clock: every function takes its "as of" date, so weekly reports are reproducible.
//! `persist` stores transfers (migration 3: one row per step, settings per year) and
//! `operations` is what the CLI and the desktop app call: each write in one transaction with
//! its audit entries.

pub mod batch;
pub mod calendar;
pub mod cohort;
pub mod deadline;
pub mod demo;
pub mod ledger;
pub mod load;
pub mod operations;
pub mod persist;
pub mod rates;
pub mod record;
pub mod settings;
pub mod state;

pub use batch::{BatchFailure, MemberError};
pub use calendar::{due_list, milestones, periods, standing, DueItem, DueKind, ReceiptDue};
pub use cohort::{Graduate, Unit};
pub use deadline::{node_deadline, project, NodeDeadline, Projection};
pub use ledger::Ledger;
pub use rates::{rates, Rate, RateLine, RatesReport};
pub use record::{
    approval_nodes, Event, EventKind, Initiator, NodeKind, OwnUnit, Region, Transfer, TransferDraft,
};
pub use settings::CampaignSettings;
pub use state::{State, Status};
