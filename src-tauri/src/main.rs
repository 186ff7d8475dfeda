//! 学社衔接助手 desktop app entry point.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    match xianjie_app::run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("学社衔接助手无法启动：{e}");
            std::process::ExitCode::FAILURE
        }
    }
}
