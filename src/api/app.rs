//! What the window needs at start: where the data lives, whether this is the first run, and
//! which capabilities have landed in the core (the others show 即将提供, never fake data).

use super::settings::{self, Settings};
use super::{ApiError, ApiResult};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Where the office's data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub db: PathBuf,
    pub settings: PathBuf,
}

impl Paths {
    /// The data directory holds the database and the settings; `XIANJIE_DB` (as for the CLI)
    /// overrides the database file only.
    pub fn in_dir(data_dir: &Path, db_override: Option<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.to_path_buf(),
            db: db_override.unwrap_or_else(|| data_dir.join("xianjie.db")),
            settings: data_dir.join("settings.json"),
        }
    }
}

/// Which parts of the core this build can do. A page whose flag is false shows 即将提供.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Capabilities {
    /// The rule engine (建议查询 and the recommendation panel).
    pub recommend: bool,
    /// The store: org tree, graduates, markings.
    pub store: bool,
    /// Roster import (.xlsx/.xls) and the demo college.
    pub import: bool,
    /// Transfers, the campaign calendar and the rates.
    pub transfers: bool,
    /// F1–F6 tables and letters L1–L3.
    pub documents: bool,
}

/// The capabilities of this build (flipped as each core area is wired into `api`).
pub const CAPABILITIES: Capabilities = Capabilities {
    recommend: true,
    store: false,
    import: false,
    transfers: false,
    documents: false,
};

/// The first screen's facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub db_path: String,
    /// No settings saved yet: the window offers the demo college or an empty start.
    pub first_run: bool,
    pub capabilities: Capabilities,
}

pub fn info(paths: &Paths) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: paths.data_dir.display().to_string(),
        db_path: paths.db.display().to_string(),
        first_run: !paths.settings.exists(),
        capabilities: CAPABILITIES,
    }
}

/// How the first run starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StartMode {
    /// The synthetic demo college (needs roster import).
    Demo,
    /// An empty office: fill in 设置, then import the roster.
    Empty,
}

/// Leaves the first-run screen: saves the (possibly empty) settings so it is not shown again.
pub fn start(paths: &Paths, mode: StartMode) -> ApiResult<AppInfo> {
    if mode == StartMode::Demo && !CAPABILITIES.import {
        return Err(ApiError::unavailable("示例学院数据"));
    }
    let current = settings::load(&paths.settings)?;
    let first = Settings {
        operator: current.operator.clone(),
        ..current
    };
    settings::save(&paths.settings, &first)?;
    Ok(info(paths))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiErrorCode;

    #[test]
    fn first_run_until_started_empty() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::in_dir(dir.path(), None);
        assert!(info(&paths).first_run);
        assert!(paths.db.ends_with("xianjie.db"));
        let after = start(&paths, StartMode::Empty).unwrap();
        assert!(!after.first_run);
    }

    #[test]
    fn demo_is_unavailable_until_import_lands() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::in_dir(dir.path(), None);
        if !CAPABILITIES.import {
            let e = start(&paths, StartMode::Demo).unwrap_err();
            assert_eq!(e.code, ApiErrorCode::Unavailable);
            assert!(info(&paths).first_run);
        }
    }

    #[test]
    fn db_override_keeps_settings_in_data_dir() {
        let paths = Paths::in_dir(Path::new("/d"), Some(PathBuf::from("/x/y.db")));
        assert_eq!(paths.db, PathBuf::from("/x/y.db"));
        assert_eq!(paths.settings, PathBuf::from("/d/settings.json"));
    }
}
