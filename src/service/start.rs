//! The first run: where the data lives, whether this computer has started before, and leaving
//! the first-run screen with the demo college or an empty office. `xianjie demo` and the app's
//! 示例数据 start fill the same [`super::demo`].

use super::settings;
use super::Context;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// The first screen's facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub db_path: String,
    /// No settings saved yet: the window offers the demo college or an empty start.
    pub first_run: bool,
}

/// Where the data of `paths` lives and whether this computer has started before.
pub fn info(paths: &super::Paths) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: paths.data_dir.display().to_string(),
        db_path: paths.db.display().to_string(),
        first_run: !settings::saved(&paths.settings),
    }
}

/// How the first run starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StartMode {
    /// The demo college (`service::demo`, the same as `xianjie demo`).
    Demo,
    /// An empty office: fill in 设置, then import the roster.
    Empty,
}

/// Leaves the first-run screen: creates the database (with the demo college of `demo_size`
/// graduates, at least the demo roster's, if asked) and saves the settings so that the screen
/// is not shown again. A database that already holds orgs is never filled with demo data.
pub fn start(ctx: &mut Context, mode: StartMode, demo_size: usize) -> Result<AppInfo> {
    let mut current = settings::load(ctx)?;
    if mode == StartMode::Demo {
        if !ctx.store().orgs()?.is_empty() {
            return Err(Error::conflict(format!(
                "数据库 {} 中已有组织数据，不能再载入示例数据",
                ctx.paths().db.display()
            )));
        }
        if current.operator.is_empty() {
            current.operator = "示例操作人".into();
            ctx.set_operator(Some(&current.operator));
        }
        super::demo::fill(ctx, Some(demo_size))?;
        let operator = ctx.operator().to_string();
        current = settings::load(ctx)?;
        current.operator = operator;
    }
    settings::save(ctx, &current)?;
    Ok(info(ctx.paths()))
}
