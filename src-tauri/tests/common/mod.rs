//! The window as a test reaches it: the app over Tauri's mock runtime on a data folder, and a
//! command called as the window calls it (`ipc.rs`, `doors.rs`).
#![allow(dead_code, clippy::unwrap_used)]

use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;
use xianjie::service::{Clock, Paths};
use xianjie_app::AppState;

/// The app on `dir` (its database and settings), as the window would reach it; `clock` fixes
/// its date when given.
pub fn window(
    dir: &std::path::Path,
    clock: Option<Clock>,
) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let mut state = AppState::new(Paths::in_dir(dir, None));
    if let Some(c) = clock {
        state.clock = c;
    }
    state.demo_size = 0;
    let app = xianjie_app::configure(mock_builder())
        .manage(state)
        .build(mock_context(noop_assets()))
        .unwrap();
    let w = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    (app, w)
}

/// A command as the window calls it: the result, or `{code, message}`.
pub fn call(w: &WebviewWindow<MockRuntime>, cmd: &str, body: Value) -> Result<Value, Value> {
    get_ipc_response(
        w,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: tauri::test::INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}
