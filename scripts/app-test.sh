#!/usr/bin/env bash
# The window's checks: type check, lint and unit tests of the UI, then — when a display server
# can be started (Xvfb) and tauri-driver is installed — the real-window E2E. The UI build and
# the app's Rust tests are check.sh's (each run once there).
#   bash scripts/app-test.sh          everything available
#   NO_E2E=1 bash scripts/app-test.sh  skip the real-window tests
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -d ui/node_modules ]] || (cd ui && npm install --no-audit --no-fund)
echo "== 界面：类型检查、代码检查、单元测试"
(cd ui && npm run typecheck && npm run lint && npm run test)

if [[ -n "${NO_E2E:-}" ]]; then
  echo "== 已跳过真实窗口测试（NO_E2E）"
else
  echo "== 真实窗口测试（Xvfb + tauri-driver）"
  bash scripts/app-e2e.sh
fi
echo "桌面应用检查全部通过。"
