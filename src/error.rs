//! The one error type that crosses module and process boundaries.
//!
//! Every failure a secretary can see carries a closed [`ErrorCode`] the UI branches on and a
//! Chinese message that names what is wrong (file, row, column or field). Modules keep their
//! own typed errors (e.g. [`crate::id_number::IdNumberError`]) and convert into this one.

use serde::Serialize;

/// Closed set of error kinds. The desktop app and the CLI branch on these, never on text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Input that does not parse or validate (a bad ID number, an unknown key, a bad date).
    InvalidInput,
    /// The thing named does not exist.
    NotFound,
    /// The request contradicts what is stored (duplicate ID number, an active transfer exists).
    Conflict,
    /// A business rule of DOMAIN.md forbids the action (the message cites the rule id).
    Refused,
    /// The database was written by a newer Xianjie; it is left untouched.
    DatabaseTooNew,
    /// The database is locked by another program for longer than the busy timeout.
    Busy,
    /// SQLite or file-system failure.
    Storage,
    /// A bug: should never reach the user.
    Internal,
}

/// `{code, message}`: what crosses IPC and what the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
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

/// A file-system failure in words a secretary reads (the OS's own text is English).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if crate::files::is_held_open(e) {
        return crate::files::HELD_OPEN.into();
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
