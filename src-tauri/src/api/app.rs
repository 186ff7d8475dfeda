//! What the window needs at start: where the data lives and whether this is the first run;
//! leaving the first-run screen with the demo college or an empty office.

use super::settings;
use super::ApiResult;
use serde::{Deserialize, Serialize};
use xianjie::service::Context;
use xianjie::Error;

pub use xianjie::service::Paths;

/// The first screen's facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub db_path: String,
    /// No settings saved yet: the window offers the demo college or an empty start.
    pub first_run: bool,
}

pub fn info(paths: &Paths) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: paths.data_dir.display().to_string(),
        db_path: paths.db.display().to_string(),
        first_run: !paths.settings.exists(),
    }
}

/// How the first run starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum StartMode {
    /// The demo college (`service::demo`, the same as `xianjie demo`).
    Demo,
    /// An empty office: fill in 设置, then import the roster.
    Empty,
}

/// The demo college's size: at least its roster's ≈300 graduates, more for timing the window
/// with a large cohort (`XIANJIE_DEMO_GRADUATES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Demo {
    pub graduates: usize,
}

/// Leaves the first-run screen: creates the database (with the demo school if asked) and
/// saves the settings so the screen is not shown again. A database that already holds orgs
/// is never filled with demo data.
pub fn start(ctx: &mut Context, mode: StartMode, demo: Demo) -> ApiResult<AppInfo> {
    let mut current = settings::load(ctx)?;
    if mode == StartMode::Demo {
        if !ctx.store().orgs()?.is_empty() {
            return Err(Error::conflict(format!(
                "数据库 {} 中已有组织数据，不能再载入示例数据",
                ctx.paths().db.display()
            ))
            .into());
        }
        if current.operator.is_empty() {
            current.operator = "示例操作人".into();
            ctx.set_operator(Some(&current.operator));
        }
        // The one demo (`service::demo`): the office's details come with it.
        xianjie::service::demo::fill(ctx, Some(demo.graduates))?;
        current = settings::load(ctx)?;
        current.operator = ctx.operator().to_string();
    }
    settings::save(ctx, &current)?;
    Ok(info(ctx.paths()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiErrorCode;

    const DEMO: Demo = Demo { graduates: 60 };

    fn open(dir: &std::path::Path) -> Context {
        let paths = Paths::in_dir(dir, None);
        Context::open(paths, None, xianjie::service::Clock::System).unwrap()
    }

    #[test]
    fn first_run_until_started_empty() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::in_dir(dir.path(), None);
        assert!(info(&paths).first_run);
        assert!(paths.db.ends_with("xianjie.db"));
        let mut ctx = open(dir.path());
        let after = start(&mut ctx, StartMode::Empty, DEMO).unwrap();
        assert!(!after.first_run);
        assert!(paths.db.exists());
    }

    #[test]
    fn demo_fills_an_empty_database_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut ctx = open(dir.path());
        // The one demo, filled up to the size asked.
        start(&mut ctx, StartMode::Demo, Demo { graduates: 400 }).unwrap();
        let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let list = crate::api::graduates::list(&mut ctx, 2026, on).unwrap();
        assert_eq!(list.rows.len(), 400);
        assert!(list
            .branches
            .iter()
            .all(|b| b.starts_with("共青团星河大学信息工程学院")));
        let e = start(&mut ctx, StartMode::Demo, DEMO).unwrap_err();
        assert_eq!(e.code, ApiErrorCode::Conflict);
        assert_eq!(settings::load(&ctx).unwrap().operator, "示例操作人");
    }

    #[test]
    fn db_override_keeps_settings_in_data_dir() {
        use std::path::{Path, PathBuf};
        let paths = Paths::in_dir(Path::new("/d"), Some(PathBuf::from("/x/y.db")));
        assert_eq!(paths.db, PathBuf::from("/x/y.db"));
        assert_eq!(paths.settings, PathBuf::from("/d/settings.json"));
    }
}
