//! What every command shares: where the data lives, and the files the app produced (the only
//! ones the window may ask to open — there is no general file-system scope).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use xianjie::api::app::{Demo, Paths};
use xianjie::api::ApiResult;

pub struct AppState {
    pub paths: Paths,
    pub demo: Demo,
    produced: Mutex<HashSet<PathBuf>>,
}

impl AppState {
    pub fn new(paths: Paths) -> Self {
        Self {
            paths,
            demo: Demo {
                year: xianjie::api::this_year(),
                graduates: 300,
            },
            produced: Mutex::new(HashSet::new()),
        }
    }

    /// The CLI's per-user database unless `XIANJIE_DATA_DIR` names another folder (tests,
    /// portable installs); `XIANJIE_DB` overrides the database file, as for the CLI;
    /// `XIANJIE_DEMO_GRADUATES` sizes the demo school (E2E measures 10,000 rows with it).
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
