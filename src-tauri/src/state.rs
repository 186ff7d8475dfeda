//! What every command shares: where the data lives, and the files the app produced (the only
//! ones the window may ask to open — there is no general file-system scope).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use xianjie::api::app::Paths;

pub struct AppState {
    pub paths: Paths,
    produced: Mutex<HashSet<PathBuf>>,
}

impl AppState {
    pub fn new(paths: Paths) -> Self {
        Self {
            paths,
            produced: Mutex::new(HashSet::new()),
        }
    }

    /// `XIANJIE_DATA_DIR` overrides the per-user data directory (tests, portable installs);
    /// `XIANJIE_DB` overrides the database file, as for the CLI.
    pub fn from_env(default_dir: PathBuf) -> Self {
        let dir = std::env::var_os("XIANJIE_DATA_DIR")
            .map(PathBuf::from)
            .unwrap_or(default_dir);
        let db = std::env::var_os("XIANJIE_DB").map(PathBuf::from);
        Self::new(Paths::in_dir(&dir, db))
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
