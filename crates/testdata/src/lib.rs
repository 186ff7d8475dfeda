//! Synthetic data for tests, benchmarks and the committed fixtures — never shipped: rosters
//! written as .xlsx (the demo roster, the messy roster with every error class, large rosters
//! for benchmarks), freshmen lists (`freshmen`) and a made-up school with one cohort in a store. Names and ID numbers are
//! fictional (valid checksums). `xianjie-gen` regenerates the fixtures.

pub mod cohort;
pub mod collect;
pub mod freshmen;
pub mod school;
pub mod synth;
