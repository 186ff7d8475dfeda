//! The office's SQLite store (issue 3). Filled in by the store work.
