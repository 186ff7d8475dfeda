//! The one service layer. Both doors — the command line (`src/cli`, in the binary) and the
//! desktop app's commands (`src-tauri/src/api`) — open a [`Context`] once (per CLI run; the app
//! a small pool per process) and call its operations. Every decision a door could otherwise make differently lives here once:
//! who the operator is, what "today" is, which checks refuse a step, when a snapshot is taken,
//! and which audit entry is written. The doors parse, map and print; they decide nothing.

pub mod audit;
pub mod backup;
pub mod calendar;
pub mod collect;
pub mod dashboard;
pub mod demo;
pub mod diagnostics;
pub mod documents;
pub mod freshmen;
pub mod graduates;
pub mod import;
pub mod keys;
pub mod ledgers;
pub mod letters;
pub mod lists;
pub mod members;
pub mod office;
pub mod orgs;
pub mod package;
pub mod recommend;
pub mod reconcile;
pub mod review;
pub mod school;
pub mod scope;
pub mod settings;
pub mod start;
pub mod tables;
pub mod transfers;
pub mod view;

use crate::store::Store;
use crate::{Error, Result};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the office's data lives: the database, and beside it the per-user settings file
/// (the operator's name; first-run flag of the app).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub db: PathBuf,
    pub settings: PathBuf,
}

impl Paths {
    /// The per-user data folder (`store::default_path`); `db_override` names another
    /// database file (`--db`, `XIANJIE_DB`), the settings staying in the data folder.
    pub fn default_for_user(db_override: Option<PathBuf>) -> Result<Self> {
        let db = crate::store::default_path()?;
        let dir = db.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Self::in_dir(&dir, db_override))
    }

    pub fn in_dir(data_dir: &Path, db_override: Option<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.to_path_buf(),
            db: db_override.unwrap_or_else(|| data_dir.join("xianjie.db")),
            settings: data_dir.join("settings.json"),
        }
    }

    /// A database file named on the command line: its settings file sits beside it.
    pub fn for_db(db: &Path) -> Self {
        let dir = db
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Self {
            settings: dir.join("settings.json"),
            data_dir: dir,
            db: db.to_path_buf(),
        }
    }
}

/// What "today" is: the local date, or a fixed one (tests; `XIANJIE_TODAY=YYYY-MM-DD` for
/// scripted runs and the E2E). The rule engine never reads a clock; the context is the only
/// place that does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(NaiveDate),
}

impl Clock {
    pub fn today(self) -> NaiveDate {
        match self {
            // The office's date (rules.md §6: one clock, the office's).
            Clock::System => crate::time::local_date(chrono::Utc::now()),
            Clock::Fixed(d) => d,
        }
    }

    /// `XIANJIE_TODAY` when set to a valid date, else the system clock.
    pub fn from_env() -> Clock {
        std::env::var("XIANJIE_TODAY")
            .ok()
            .and_then(|v| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok())
            .map_or(Clock::System, Clock::Fixed)
    }
}

/// The audit log's operator, one rule for both doors: the name given (the CLI's `--operator`
/// or `XIANJIE_OPERATOR`), else the name saved on this computer (设置 › 操作人, in the
/// settings file beside the database — the app and the CLI on one PC read the same), else the
/// computer's account name, else 本机用户.
pub fn operator_name(given: Option<&str>, saved: Option<&str>) -> String {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    let named = |v: Option<&str>| {
        v.map(str::trim)
            .filter(|g| !g.is_empty())
            .map(str::to_string)
    };
    named(given)
        .or_else(|| named(saved))
        .or_else(|| env("USER"))
        .or_else(|| env("USERNAME"))
        .map_or_else(|| "本机用户".to_string(), |n| n.trim().to_string())
}

/// [`operator_name`] with the name saved in `paths`' settings file (a damaged file is
/// reported, in both doors alike).
fn resolve_operator(given: Option<&str>, paths: &Paths) -> Result<String> {
    if given.is_some_and(|g| !g.trim().is_empty()) {
        return Ok(operator_name(given, None));
    }
    let saved = settings::saved_operator(&paths.settings)?;
    Ok(operator_name(None, Some(&saved)))
}

/// The graduates of a cohort as last computed, valid while the data's stamp is unchanged
/// (every write is audited, so the last audit id stamps the data).
struct Cached {
    year: i32,
    on: NaiveDate,
    stamp: i64,
    graduates: Arc<Vec<crate::store::Graduate>>,
}

/// One open office: the store (one connection for the context's life), who acts, and today.
///
/// The store is reachable only from the service (`pub(crate)`): a door cannot read or write
/// around the operations, which decide checks, snapshots and audit (ARCHITECTURE.md). Tests
/// reach it through the `testing` feature.
pub struct Context {
    paths: Paths,
    store: Store,
    /// The name the door was given for this context (CLI `--operator`), if any: it stays.
    given_operator: Option<String>,
    operator: String,
    clock: Clock,
    cache: Option<Cached>,
}

impl Context {
    /// Opens (creating or migrating) the database of `paths`. `operator` is the name given, if
    /// any (see [`operator_name`]).
    pub fn open(paths: Paths, operator: Option<&str>, clock: Clock) -> Result<Self> {
        let store = Store::open(&paths.db)?;
        let operator_now = resolve_operator(operator, &paths)?;
        let mut ctx = Self {
            paths,
            store,
            given_operator: operator.map(str::to_string),
            operator: operator_now,
            clock,
            cache: None,
        };
        office::adopt_legacy_settings(&mut ctx)?;
        Ok(ctx)
    }

    /// A context over a store opened elsewhere (a college's package, read by the school).
    pub fn over(paths: Paths, store: Store, operator: &str, clock: Clock) -> Self {
        Self {
            paths,
            store,
            given_operator: Some(operator.to_string()),
            operator: operator_name(Some(operator), None),
            clock,
            cache: None,
        }
    }

    /// An in-memory office (tests): nothing on disk but what `paths` names for outputs.
    pub fn in_memory(operator: &str, clock: Clock) -> Result<Self> {
        Ok(Self {
            paths: Paths::in_dir(Path::new(""), Some(PathBuf::from(":memory:"))),
            store: Store::open_in_memory()?,
            given_operator: Some(operator.to_string()),
            operator: operator_name(Some(operator), None),
            clock,
            cache: None,
        })
    }

    pub fn paths(&self) -> &Paths {
        &self.paths
    }
    /// Reading access for this layer's operations.
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }
    /// Writing access for this layer's operations.
    pub(crate) fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }
    /// The store, for tests only: fixtures and inspection (feature `testing`).
    #[cfg(feature = "testing")]
    pub fn testing_store(&self) -> &Store {
        &self.store
    }
    /// The store to write fixtures with, for tests only (feature `testing`).
    #[cfg(feature = "testing")]
    pub fn testing_store_mut(&mut self) -> &mut Store {
        self.cache = None;
        &mut self.store
    }
    pub fn operator(&self) -> &str {
        &self.operator
    }
    /// Who acts from now on in this context (the demo's 示例操作人, a name just saved).
    pub fn set_operator(&mut self, name: Option<&str>) {
        self.operator = operator_name(name, None);
    }
    /// Reads the operator again as [`operator_name`] says, unless this context was given a
    /// name: a long-lived context (the app's) follows what 设置 saved.
    pub fn refresh_operator(&mut self) -> Result<()> {
        if self.given_operator.is_none() {
            self.operator = resolve_operator(None, &self.paths)?;
        }
        Ok(())
    }
    pub fn clock(&self) -> Clock {
        self.clock
    }
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }
    /// The calendar year of today (the demo cohort graduates this year).
    pub fn this_year(&self) -> i32 {
        chrono::Datelike::year(&self.today())
    }

    /// The data's stamp: the last audit entry's id. Every write to the store is audited
    /// (imports and transfers included), so a changed stamp means lists shown may be stale.
    pub fn data_stamp(&self) -> Result<i64> {
        self.store.data_stamp()
    }

    /// Cohort `year`'s graduates with their recommendations on `on`, computed once per data
    /// stamp (the 毕业生 list, the transfers page and the documents all read them).
    pub fn graduates(
        &mut self,
        year: i32,
        on: NaiveDate,
    ) -> Result<Arc<Vec<crate::store::Graduate>>> {
        let stamp = self.data_stamp()?;
        if let Some(c) = &self.cache {
            if (c.year, c.on, c.stamp) == (year, on, stamp) {
                return Ok(Arc::clone(&c.graduates));
            }
        }
        let graduates = Arc::new(self.store.graduates(year, on)?);
        self.cache = Some(Cached {
            year,
            on,
            stamp,
            graduates: Arc::clone(&graduates),
        });
        Ok(graduates)
    }

    /// Replaces the office's data (restore of a snapshot, import of a backup file): what was
    /// computed from the old data is forgotten.
    pub fn replace_data<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.cache = None;
        f(&mut self.store)
    }

    /// A member by id, or a clear refusal naming it.
    pub fn member(&self, member_id: i64) -> Result<crate::member::Member> {
        self.store.member(member_id)?.ok_or_else(|| {
            Error::not_found(format!("找不到编号为 {member_id} 的团员（可能已删除）"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_rule_is_one_for_both_doors() {
        assert_eq!(operator_name(Some("  李老师 "), Some("王老师")), "李老师");
        assert_eq!(operator_name(None, Some(" 王老师")), "王老师");
        let fallback = operator_name(Some("  "), Some(""));
        assert!(!fallback.trim().is_empty());
        assert_eq!(operator_name(None, None), fallback);
    }

    #[test]
    fn paths_for_a_named_database() {
        let p = Paths::for_db(Path::new("/x/测试 数据/名单.db"));
        assert_eq!(p.settings, PathBuf::from("/x/测试 数据/settings.json"));
        assert_eq!(
            Paths::for_db(Path::new("a.db")).data_dir,
            PathBuf::from(".")
        );
    }

    #[test]
    fn fixed_clock() {
        let d = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap_or_default();
        assert_eq!(Clock::Fixed(d).today(), d);
    }
}
