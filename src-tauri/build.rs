//! Reads the workspace-root `tauri.conf.json` (one config for the repo; paths in it are
//! relative to the config file).

fn main() {
    if let Err(e) =
        tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json"))
    {
        // Build scripts report by panicking; there is no caller to return to.
        panic!("tauri build failed: {e:#}");
    }
}
