#!/usr/bin/env bash
# Every check: format, lints, all tests (core, desktop app, UI, real-window E2E). The README's
# test command and CI's entry point.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
# WebKitGTK, Xvfb, WebKitWebDriver, CJK fonts, npm install and the UI build (ui/dist is embedded).
bash scripts/setup-app.sh
command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --version '^2' --locked

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --workspace --locked
echo "== fuzz smoke"
bash scripts/fuzz-smoke.sh
echo "== 桌面应用与界面"
bash scripts/app-test.sh
