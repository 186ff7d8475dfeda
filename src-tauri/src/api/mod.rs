//! The desktop app's API: every command the window can call, as plain functions.
//!
//! Every function takes a `service::Context` (the store opened once, the operator, the clock)
//! and maps between the window's types and the service layer, which decides everything;
//! `commands.rs` adapts these to IPC, so everything here is tested without a window. The types
//! here are the IPC contract: they derive `ts_rs::TS`, and a test checks that
//! `ui/src/bindings/` matches them.
//! Errors cross IPC as [`ApiError`] `{code, message}`; the UI branches on `code` only.

pub mod app;
pub mod backup;
pub mod bindings;
pub mod collect;
pub mod dashboard;
pub mod documents;
pub mod graduates;
pub mod import;
pub mod members;
pub mod orgs;
pub mod progress;
pub mod recommend;
pub mod school;
pub mod settings;
pub mod transfers;

use serde::{Deserialize, Serialize};
use xianjie::{Error, ErrorCode};

/// The closed error codes the UI branches on; mirrors [`ErrorCode`] (the exhaustive `match`
/// in `From` makes a new core code a compile error here, not a silent `internal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ApiErrorCode {
    InvalidInput,
    NotFound,
    Conflict,
    Refused,
    DatabaseTooNew,
    Busy,
    Storage,
    Internal,
    Cancelled,
}

impl ApiErrorCode {
    /// Every code, for the window's check of what was thrown.
    pub const ALL: [ApiErrorCode; 9] = [
        ApiErrorCode::InvalidInput,
        ApiErrorCode::NotFound,
        ApiErrorCode::Conflict,
        ApiErrorCode::Refused,
        ApiErrorCode::DatabaseTooNew,
        ApiErrorCode::Busy,
        ApiErrorCode::Storage,
        ApiErrorCode::Internal,
        ApiErrorCode::Cancelled,
    ];
}

/// `{code, message}`: what a failed command returns to the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, ts_rs::TS)]
#[error("{message}")]
pub struct ApiError {
    pub code: ApiErrorCode,
    pub message: String,
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        let code = match e.code {
            ErrorCode::InvalidInput => ApiErrorCode::InvalidInput,
            ErrorCode::NotFound => ApiErrorCode::NotFound,
            ErrorCode::Conflict => ApiErrorCode::Conflict,
            ErrorCode::Refused => ApiErrorCode::Refused,
            ErrorCode::DatabaseTooNew => ApiErrorCode::DatabaseTooNew,
            ErrorCode::Busy => ApiErrorCode::Busy,
            ErrorCode::Storage => ApiErrorCode::Storage,
            ErrorCode::Internal => ApiErrorCode::Internal,
            ErrorCode::Cancelled => ApiErrorCode::Cancelled,
        };
        Self {
            code,
            message: e.message,
        }
    }
}

/// The result type of every API function.
pub type ApiResult<T> = std::result::Result<T, ApiError>;

/// A value of a closed enum as the UI shows and sends it: stable code plus Chinese label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Choice {
    pub code: String,
    pub label: String,
}

impl Choice {
    pub fn new(code: &str, label: &str) -> Self {
        Self {
            code: code.to_string(),
            label: label.to_string(),
        }
    }
}

/// A rule id with what the secretary needs to see: its title and the policy text it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RuleRef {
    pub id: String,
    pub title: String,
    pub source: String,
}

impl From<xianjie::rule::RuleId> for RuleRef {
    fn from(r: xianjie::rule::RuleId) -> Self {
        Self {
            id: r.as_str().to_string(),
            title: r.title().to_string(),
            source: r.source().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_code_and_message() {
        let e: ApiError = Error::refused("M3：延迟毕业时间必须晚于团支部毕业时间").into();
        assert_eq!(e.code, ApiErrorCode::Refused);
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "refused");
        assert_eq!(json["message"], "M3：延迟毕业时间必须晚于团支部毕业时间");
    }

    #[test]
    fn every_core_code_serializes_identically() {
        for code in [
            ErrorCode::InvalidInput,
            ErrorCode::NotFound,
            ErrorCode::Conflict,
            ErrorCode::Refused,
            ErrorCode::DatabaseTooNew,
            ErrorCode::Busy,
            ErrorCode::Storage,
            ErrorCode::Internal,
        ] {
            let api: ApiError = Error::new(code, "x").into();
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::to_value(api.code).unwrap()
            );
        }
    }

    #[test]
    fn rule_refs_carry_policy_text() {
        let r = RuleRef::from(xianjie::rule::RuleId::M3);
        assert_eq!(r.id, "M3");
        assert!(r.source.contains("延迟毕业"));
    }
}
