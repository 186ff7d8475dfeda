//! The Tauri 2 shell. It only adapts: every command is a call into `xianjie::service` on one
//! of the process's service contexts, each opened once ([`AppState::run`]: a small pool,
//! readers beside the writer); those operations are tested without a window, in the core.
//! Errors cross IPC as the core's `{code, message}`.
//! Commands are `async` so that nothing runs on the UI thread; blocking work goes to
//! [`blocking`], and long work reports [`Progress`] events.

pub mod bindings;
pub mod commands;
pub mod progress;
mod state;

pub use state::AppState;
use tauri::{Manager, Runtime};

/// Adds the plugins and commands; generic so tests can pass `tauri::test::mock_builder()`.
pub fn configure<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .invoke_handler(commands::handler())
}

/// Runs the app until its window closes.
pub fn run() -> tauri::Result<()> {
    let state = AppState::from_env();
    // The diagnostics log in the data folder (kept for the process's life; one that cannot
    // be opened never stops the app), and panics written to it with their backtrace.
    let _log = state.as_ref().ok().and_then(|s| {
        xianjie::diagnostics::init(&s.paths.data_dir, "xianjie-app", env!("CARGO_PKG_VERSION")).ok()
    });
    xianjie::diagnostics::install_panic_hook();
    // A second start focuses the running window instead of opening the database twice.
    let single = tauri_plugin_single_instance::init(|app, _argv, _cwd| {
        if let Some(w) = app.get_webview_window("main") {
            let _ = w.unminimize();
            let _ = w.show();
            let _ = w.set_focus();
        }
    });
    configure(tauri::Builder::<tauri::Wry>::default().plugin(single))
        .setup(move |app| {
            // The letter font ships as a resource (a Linux package keeps resources in its
            // own folder; on Windows it is the program's folder, which the core looks in).
            if let Ok(dir) = app.path().resource_dir() {
                xianjie::documents::font::add_search_dir(dir.join("fonts"));
            }
            let state = state?;
            if state.paths.db.exists() {
                warm(&state);
            }
            app.manage(state);
            Ok(())
        })
        .run(tauri::generate_context!("../tauri.conf.json"))
}

/// Computes this year's graduate list in the background so the first visit to 毕业生 is fast
/// (at start only when a database exists: the first run must not create one before the
/// choice).
pub fn warm(state: &AppState) {
    let run = state.run(|ctx| {
        let (year, on) = (ctx.this_year(), ctx.today());
        xianjie::service::graduates::warm(ctx, year, on);
        Ok(())
    });
    tauri::async_runtime::spawn(run);
}

/// Runs blocking core work on tokio's blocking pool so the window never freezes.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> xianjie::Result<T> + Send + 'static,
) -> xianjie::Result<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .unwrap_or_else(|e| Err(xianjie::Error::internal(format!("后台任务异常中止：{e}"))))
}

pub use crate::progress::Progress;
