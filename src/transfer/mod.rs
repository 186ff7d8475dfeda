//! Transfers as the office records them (rules.md W1–W7, §5): the model is the domain's
//! (`xianjie_domain::transfer`, re-exported here), `persist` and `load` are the store's, and
//! `operations` is what the service layer calls: each write in one transaction with its audit
//! entries.

pub mod demo;

pub use xianjie_store::transfers as operations;
pub use xianjie_store::transfers::load;

pub use xianjie_domain::transfer::*;
