//! Reliability (issue 7 items 1–3, 8, 9): crash safety, backups, schema versions, two writers,
//! the audit chain.

mod audit;
mod backup;
mod concurrency;
mod crash;
mod schema;
