//! 学社衔接助手 desktop app entry point.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// The same allocator as the CLI (Cargo.toml of the core: mimalloc).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    match xianjie_app::run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("学社衔接助手无法启动：{e}");
            std::process::ExitCode::FAILURE
        }
    }
}
