//! What the window needs at start: where the data lives, whether this is the first run, and
//! which capabilities have landed in the core (the others show 即将提供, never fake data).

use super::settings;
use super::ApiResult;
use crate::service::Context;
use crate::Error;
use serde::{Deserialize, Serialize};

pub use crate::service::Paths;

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
    store: true,
    import: true,
    transfers: true,
    documents: true,
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
    /// A synthetic demo school (the store's generator until the import's demo roster lands).
    Demo,
    /// An empty office: fill in 设置, then import the roster.
    Empty,
}

/// The demo school: how many graduates of which cohort year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Demo {
    pub year: i32,
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
        if current.college.is_empty() {
            current.college = "生成大学（示例）".into();
        }
        let op = ctx.operator().to_string();
        crate::store::dev::generate_cohort(ctx.store_mut(), demo.year, demo.graduates, 30, &op)?;
        // Two branches whose date is not marked yet, so the first marking (G1) can be tried.
        let college = ctx
            .store()
            .orgs()?
            .into_iter()
            .filter(|o| o.level == crate::org::OrgLevel::GeneralBranch)
            .min_by_key(|o| o.id);
        if let Some(c) = college {
            for n in 1..=2 {
                let name = format!("共青团生成大学{}第1学院待标记{n}班团支部", demo.year);
                let new = crate::store::NewOrg::new(name, crate::org::OrgLevel::Branch, Some(c.id));
                ctx.store_mut().create_org(&new, &op)?;
            }
        }
        // A realistic mix of transfers so that 工作台 and 转接 show something (#6).
        let today = ctx.today();
        crate::transfer::demo::record_mix(ctx.store_mut(), demo.year, today, &op)?;
    }
    settings::save(ctx, &current)?;
    Ok(info(ctx.paths()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiErrorCode;

    const DEMO: Demo = Demo {
        year: 2026,
        graduates: 60,
    };

    fn open(dir: &std::path::Path) -> Context {
        let paths = Paths::in_dir(dir, None);
        Context::open(paths, None, crate::service::Clock::System).unwrap()
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
        start(&mut ctx, StartMode::Demo, DEMO).unwrap();
        let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        assert_eq!(
            crate::api::graduates::list(&mut ctx, 2026, on)
                .unwrap()
                .rows
                .len(),
            60
        );
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
