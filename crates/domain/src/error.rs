//! The one error type that crosses module and process boundaries.
//!
//! Every failure a secretary can see carries a closed [`ErrorCode`] the UI branches on and a
//! Chinese message that names what is wrong (file, row, column or field). Modules keep their
//! own typed errors (e.g. [`crate::id_number::IdNumberError`]) and convert into this one.

use serde::Serialize;

/// Closed set of error kinds. The desktop app and the CLI branch on these, never on text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ApiErrorCode"))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Input that does not parse or validate (a bad ID number, an unknown key, a bad date).
    InvalidInput,
    /// The thing named does not exist.
    NotFound,
    /// The request contradicts what is stored (duplicate ID number, an active transfer exists).
    Conflict,
    /// A business rule of docs/rules.md forbids the action (the message cites the rule id).
    Refused,
    /// The database was written by a newer Xianjie; it is left untouched.
    DatabaseTooNew,
    /// The database is locked by another program for longer than the busy timeout.
    Busy,
    /// SQLite or file-system failure.
    Storage,
    /// A bug: should never reach the user.
    Internal,
    /// The person stopped the work (a 取消 button); nothing of it was kept.
    Cancelled,
}

impl ErrorCode {
    /// Every code (the window checks what it was thrown against these).
    pub const ALL: [ErrorCode; 9] = [
        ErrorCode::InvalidInput,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::Refused,
        ErrorCode::DatabaseTooNew,
        ErrorCode::Busy,
        ErrorCode::Storage,
        ErrorCode::Internal,
        ErrorCode::Cancelled,
    ];

    /// The code as it crosses IPC (`invalid_input`…).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Refused => "refused",
            ErrorCode::DatabaseTooNew => "database_too_new",
            ErrorCode::Busy => "busy",
            ErrorCode::Storage => "storage",
            ErrorCode::Internal => "internal",
            ErrorCode::Cancelled => "cancelled",
        }
    }
}

/// `{code, message}`: what crosses IPC and what the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, thiserror::Error)]
// In TypeScript `ApiError`: `Error` would shadow the language's own.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ApiError"))]
#[error("{message}")]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
}

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }
    pub fn refused(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Refused, message)
    }
    pub fn storage(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Storage, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Self::storage(format!("文件读写失败：{}", io_reason(&e)))
    }
}

/// What a secretary reads when Windows refuses a file another program holds.
pub const HELD_OPEN: &str = "文件正被其他程序（如 Excel）打开，请先在该程序中关闭此文件再重试";

/// Windows' ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION.
const ERROR_SHARING_VIOLATION: i32 = 32;
const ERROR_LOCK_VIOLATION: i32 = 33;

/// Whether `e` means "the file is open in another program". Only Windows has such locks;
/// on Unix the same numbers mean other things, so they are not looked at there.
pub fn is_held_open(e: &std::io::Error) -> bool {
    cfg!(windows)
        && matches!(
            e.raw_os_error(),
            Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION)
        )
}

/// A file-system failure in words a secretary reads (the OS's own text is English).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if is_held_open(e) {
        return HELD_OPEN.into();
    }
    match e.kind() {
        K::NotFound => "找不到该文件或文件夹".into(),
        K::PermissionDenied => "没有读写权限（文件可能正被其他程序打开或为只读）".into(),
        K::AlreadyExists => "文件已存在".into(),
        K::IsADirectory => "这是一个文件夹，不是文件".into(),
        K::NotADirectory => "路径中的某一级不是文件夹".into(),
        K::InvalidData => "内容不是预期的格式".into(),
        K::UnexpectedEof => "文件不完整（可能未下载或复制完）".into(),
        K::StorageFull => "磁盘空间已满".into(),
        K::ReadOnlyFilesystem => "磁盘为只读".into(),
        _ => match e.raw_os_error() {
            Some(n) => format!("系统错误（代码 {n}）"),
            None => "系统错误".into(),
        },
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// SQLite failures in the user's words (the store crate turns this on). Constraint violations
/// that a caller can name better (M2 duplicate ID numbers) are caught at the call site.
#[cfg(feature = "sqlite")]
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode as Sq;
        if let rusqlite::Error::SqliteFailure(f, msg) = &e {
            let detail = msg.clone().unwrap_or_default();
            return match f.code {
                Sq::DatabaseBusy | Sq::DatabaseLocked => Error::new(
                    ErrorCode::Busy,
                    "数据库正被其他程序使用（已等待 5 秒），请关闭其他正在使用该数据库的程序后重试",
                ),
                Sq::ConstraintViolation => {
                    Error::conflict(format!("数据与已保存的记录冲突（{detail}）"))
                }
                Sq::NotADatabase => {
                    Error::storage("该文件不是学社衔接助手的数据库（不是 SQLite 文件或已损坏）")
                }
                Sq::ReadOnly | Sq::CannotOpen | Sq::PermissionDenied => {
                    Error::storage(format!("数据库文件无法写入或打开（{e}）"))
                }
                Sq::DiskFull => Error::storage("磁盘已满，数据未保存"),
                _ => Error::storage(format!("数据库错误：{e}")),
            };
        }
        Error::storage(format!("数据库错误：{e}"))
    }
}

#[cfg(test)]
mod code_tests {
    use super::*;

    /// `ALL` lists every code once and `as_str` is what serde writes (the window checks
    /// thrown values against the generated list).
    #[test]
    fn every_code_is_listed_and_named_as_serialized() {
        for c in ErrorCode::ALL {
            let json = serde_json::to_value(c).unwrap_or_default();
            assert_eq!(json.as_str(), Some(c.as_str()));
            // Exhaustive: a new variant fails to compile here until ALL has it.
            match c {
                ErrorCode::InvalidInput
                | ErrorCode::NotFound
                | ErrorCode::Conflict
                | ErrorCode::Refused
                | ErrorCode::DatabaseTooNew
                | ErrorCode::Busy
                | ErrorCode::Storage
                | ErrorCode::Internal
                | ErrorCode::Cancelled => {}
            }
        }
        let mut seen = ErrorCode::ALL.map(ErrorCode::as_str).to_vec();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), ErrorCode::ALL.len());
    }
}
