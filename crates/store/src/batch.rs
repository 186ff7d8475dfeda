//! Batch operations are all-or-nothing: either every item is applied, or nothing is and the
//! caller gets the full list of items that failed (so a secretary fixes them all at once).

use serde::Serialize;
use std::fmt;
use xianjie_domain::{Error, ErrorCode};

/// One item of a batch that could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemError {
    /// The member's or org's id.
    pub id: i64,
    /// What the secretary recognises: a name with a masked ID, or an org's full name.
    pub label: String,
    pub error: Error,
}

/// Why a batch was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchError {
    /// These items fail; nothing was saved.
    Items(Vec<ItemError>),
    /// The batch as a whole failed (bad shared input, storage).
    Failed(Error),
}

impl From<Error> for BatchError {
    fn from(e: Error) -> Self {
        BatchError::Failed(e)
    }
}

impl From<rusqlite::Error> for BatchError {
    fn from(e: rusqlite::Error) -> Self {
        BatchError::Failed(Error::from(e))
    }
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Failed(e) => f.write_str(&e.message),
            BatchError::Items(items) => {
                write!(f, "{} 项未通过检查，本批全部未保存：", items.len())?;
                for i in items {
                    write!(f, "\n  {}：{}", i.label, i.error.message)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for BatchError {}

impl From<BatchError> for Error {
    fn from(b: BatchError) -> Self {
        match b {
            BatchError::Failed(e) => e,
            BatchError::Items(ref items) => {
                // One item: its own error unchanged; several: the shared code if any.
                if let [one] = items.as_slice() {
                    return one.error.clone();
                }
                let first = items.first().map_or(ErrorCode::Refused, |i| i.error.code);
                let code = if items.iter().all(|i| i.error.code == first) {
                    first
                } else {
                    ErrorCode::Refused
                };
                Error::new(code, b.to_string())
            }
        }
    }
}

/// Collects per-item failures while a batch runs inside a transaction.
#[derive(Debug, Default)]
pub(crate) struct Failures(Vec<ItemError>);

impl Failures {
    pub(crate) fn push(&mut self, id: i64, label: impl Into<String>, error: Error) {
        self.0.push(ItemError {
            id,
            label: label.into(),
            error,
        });
    }
    /// `Err` with every failure if there was any.
    pub(crate) fn finish(self) -> Result<(), BatchError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(BatchError::Items(self.0))
        }
    }
}
