//! What every command shares: the process's one service context (the store opened once per
//! process, the operator, the clock), and the files the app produced (the only ones the window
//! may ask to open — there is no general file-system scope).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use xianjie::api::app::Demo;
use xianjie::api::{settings, ApiResult};
use xianjie::service::{Clock, Context, Paths};

pub struct AppState {
    pub paths: Paths,
    pub demo: Demo,
    pub clock: Clock,
    /// Opened by the first command that needs the store, then kept: one connection per
    /// process, its caches (the graduate list) with it.
    ctx: Arc<Mutex<Option<Context>>>,
    produced: Mutex<HashSet<PathBuf>>,
}

impl AppState {
    pub fn new(paths: Paths) -> Self {
        let clock = Clock::from_env();
        Self {
            paths,
            demo: Demo {
                year: xianjie::date::YearMonth::of(clock.today()).year(),
                graduates: 300,
            },
            clock,
            ctx: Arc::new(Mutex::new(None)),
            produced: Mutex::new(HashSet::new()),
        }
    }

    /// The CLI's per-user database unless `XIANJIE_DATA_DIR` names another folder (tests,
    /// portable installs); `XIANJIE_DB` overrides the database file, as for the CLI;
    /// `XIANJIE_DEMO_GRADUATES` sizes the demo school (E2E measures 10,000 rows with it);
    /// `XIANJIE_TODAY` fixes the date (scripted runs).
    pub fn from_env() -> ApiResult<Self> {
        let db = std::env::var_os("XIANJIE_DB").map(PathBuf::from);
        let paths = match std::env::var_os("XIANJIE_DATA_DIR") {
            Some(dir) => Paths::in_dir(Path::new(&dir), db),
            None => Paths::default_for_user(db)?,
        };
        let mut state = Self::new(paths);
        if let Some(n) = std::env::var("XIANJIE_DEMO_GRADUATES")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            state.demo.graduates = n;
        }
        Ok(state)
    }

    /// Runs `f` on the context, off the UI thread (tokio's blocking pool). The context is
    /// opened at the first call; a failure to open (a database from a newer version, a damaged
    /// file) is returned to that call and tried again at the next.
    pub fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Context) -> ApiResult<T> + Send + 'static,
    ) -> impl std::future::Future<Output = ApiResult<T>> + Send + 'static {
        let (cell, paths, clock) = (Arc::clone(&self.ctx), self.paths.clone(), self.clock);
        crate::blocking(move || {
            let mut guard = cell.lock().unwrap_or_else(PoisonError::into_inner);
            if guard.is_none() {
                let operator = settings::saved_operator(&paths.settings)?;
                *guard = Some(Context::open(paths, Some(&operator), clock)?);
            }
            match guard.as_mut() {
                Some(ctx) => f(ctx),
                None => Err(xianjie::Error::internal("数据未能打开").into()),
            }
        })
    }

    /// Records a file the app wrote so the window may open it or its folder.
    pub fn produced(&self, path: &Path) {
        if let Ok(mut set) = self.produced.lock() {
            set.insert(path.to_path_buf());
        }
    }

    pub fn may_open(&self, path: &Path) -> bool {
        self.produced
            .lock()
            .map(|set| set.contains(path))
            .unwrap_or(false)
    }
}
