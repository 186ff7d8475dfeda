#!/usr/bin/env bash
# The desktop app's checks: UI type check, lint and unit tests; the UI build; the app's Rust
# tests (IPC adapters, the TypeScript bindings drift check) and clippy; then, when a display
# server can be started (Xvfb) and tauri-driver is installed, the real-window E2E tests.
#   scripts/app-test.sh          everything available
#   NO_E2E=1 scripts/app-test.sh  skip the real-window tests
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -d ui/node_modules ]] || (cd ui && npm install --no-audit --no-fund)
echo "== 界面：类型检查、代码检查、单元测试"
(cd ui && npm run typecheck && npm run lint && npm run test)
echo "== 界面：构建（Rust 编译时嵌入 ui/dist）"
(cd ui && npm run build)
echo "== 桌面应用：Rust 测试与 clippy"
cargo test -p xianjie-app
cargo clippy -p xianjie-app --all-targets -- -D warnings

if [[ -n "${NO_E2E:-}" ]]; then
  echo "== 已跳过真实窗口测试（NO_E2E）"
elif [[ -x scripts/app-e2e.sh ]]; then
  echo "== 真实窗口测试（Xvfb + tauri-driver）"
  scripts/app-e2e.sh
fi
echo "桌面应用检查全部通过。"
