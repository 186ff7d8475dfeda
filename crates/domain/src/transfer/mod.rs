//! The transfer model (rules.md W1–W7, §5): records and their steps, the state machine,
//! deadlines, the campaign calendar and due list, the rates. Pure: every function takes its
//! "as of" date, so weekly reports are reproducible. The store persists it; the core's
//! `transfer::operations` records steps.

pub mod batch;
pub mod calendar;
pub mod cohort;
pub mod deadline;
pub mod ledger;
pub mod rates;
pub mod record;
pub mod settings;
pub mod state;

pub use batch::{BatchFailure, MemberError};
pub use calendar::{due_list, milestones, periods, standing, DueItem, DueKind, ReceiptDue};
pub use cohort::{Graduate, Unit};
pub use deadline::{node_deadline, project, NodeDeadline, Projection};
pub use ledger::Ledger;
pub use rates::{incoming_side, rates, Rate, RateLine, RatesReport, INCOMING_LABEL};
pub use record::{
    approval_nodes, Event, EventKind, Initiator, NodeKind, OwnUnit, Region, Transfer, TransferDraft,
};
pub use settings::CampaignSettings;
pub use state::{State, Status};
