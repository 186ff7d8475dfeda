//! What every command shares: the process's service contexts (the store opened once per process,
//! the operator, the clock), and the files the app produced (the only ones the window may ask
//! to open — there is no general file-system scope).
//!
//! A few contexts, not one: SQLite lets readers work beside a writer, and one lock around a
//! single connection made the window wait — the 组织 tree behind a 10,000-graduate 工作台 being
//! computed. Each is opened once, at its first use, and then kept for the process.

use crate::progress::{self, Progress, Tasks};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use xianjie::service::{Clock, Context, Paths};
use xianjie::{Result, Watch};

/// How many contexts (connections) the app keeps.
const POOL: usize = 3;

pub struct AppState {
    pub paths: Paths,
    /// The demo college's size: at least its roster's ≈300 graduates, more for timing the
    /// window with a large cohort (`XIANJIE_DEMO_GRADUATES`).
    pub demo_size: usize,
    pub clock: Clock,
    /// Opened by the first command that needs each, then kept: the process's connections,
    /// each context with its caches (the graduate list).
    pool: Arc<[Mutex<Option<Context>>; POOL]>,
    produced: Mutex<HashSet<PathBuf>>,
    /// Long work running now, which 取消 may stop.
    tasks: Arc<Tasks>,
}

impl AppState {
    pub fn new(paths: Paths) -> Self {
        let clock = Clock::from_env();
        Self {
            paths,
            demo_size: 300,
            clock,
            pool: Arc::new(std::array::from_fn(|_| Mutex::new(None))),
            produced: Mutex::new(HashSet::new()),
            tasks: Arc::new(Tasks::default()),
        }
    }

    /// The CLI's per-user database unless `XIANJIE_DATA_DIR` names another folder (tests,
    /// portable installs); `XIANJIE_DB` overrides the database file, as for the CLI;
    /// `XIANJIE_DEMO_GRADUATES` sizes the demo school (E2E measures 10,000 rows with it);
    /// `XIANJIE_TODAY` fixes the date (scripted runs).
    pub fn from_env() -> Result<Self> {
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
            state.demo_size = n;
        }
        Ok(state)
    }

    /// Runs `f` on a free context, off the UI thread (tokio's blocking pool). A context is
    /// opened at its first use; a failure to open (a database from a newer version, a damaged
    /// file) is returned to that call and tried again at the next. Each run reads the operator
    /// as the service's one rule says (设置's name, saved beside the database).
    pub fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Context) -> Result<T> + Send + 'static,
    ) -> impl std::future::Future<Output = Result<T>> + Send + 'static {
        let pool = Arc::clone(&self.pool);
        let (paths, clock) = (self.paths.clone(), self.clock);
        crate::blocking(move || {
            // The first free context, else wait for the first one.
            let mut guard = pool
                .iter()
                .find_map(|m| m.try_lock().ok())
                .unwrap_or_else(|| pool[0].lock().unwrap_or_else(PoisonError::into_inner));
            if guard.is_none() {
                *guard = Some(Context::open(paths, None, clock)?);
            }
            match guard.as_mut() {
                Some(ctx) => {
                    ctx.refresh_operator()?;
                    f(ctx)
                }
                None => Err(xianjie::Error::internal("数据未能打开")),
            }
        })
    }

    /// [`AppState::run`] for long work: its steps go to `send` as the window's `task`
    /// ([`progress::watched`]), and [`AppState::cancel`] of `task` stops it.
    pub fn watched<T: Send + 'static>(
        &self,
        task: String,
        send: impl Fn(Progress) + Send + 'static,
        f: impl FnOnce(&mut Context, &Watch<'_>) -> Result<T> + Send + 'static,
    ) -> impl std::future::Future<Output = Result<T>> + Send + 'static {
        let cancel = self.tasks.begin(&task);
        let tasks = Arc::clone(&self.tasks);
        self.run(move |ctx| {
            let done = progress::watched(&task, &cancel, &send, |w| f(ctx, w));
            tasks.end(&task);
            done
        })
    }

    /// 取消: asks `task` to stop; `false` when it is not running.
    pub fn cancel(&self, task: &str) -> bool {
        self.tasks.cancel(task)
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
