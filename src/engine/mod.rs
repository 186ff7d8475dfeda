//! The rule engine (DOMAIN.md §4): one graduate's facts and a date → one recommendation.
//!
//! Invariant: the engine does no I/O and reads no clock; `Facts::on` is the only "today".

mod facts;
mod recommendation;

pub use facts::Facts;
pub use recommendation::{Field, Metric, Notice, Paper, Recommendation};

/// The recommendation for one graduate.
pub fn recommend(facts: &Facts) -> Recommendation {
    let _ = facts;
    Recommendation {
        reason: None,
        intended_reason: None,
        blocked: false,
        metric: None,
        destination: String::new(),
        where_to_find: String::new(),
        jing_yue_min: None,
        approver: String::new(),
        fields: Vec::new(),
        paperwork: Vec::new(),
        rules: Vec::new(),
        blocks: Vec::new(),
        warnings: Vec::new(),
        tips: Vec::new(),
        age: 0,
    }
}
