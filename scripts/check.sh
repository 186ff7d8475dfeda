#!/usr/bin/env bash
# Every check, each once: format, lints, all tests (core, desktop app, UI, real-window E2E),
# then Windows: both programs cross-built, the installer and .zip packed, the core's tests run
# as Windows programs under Wine and the installer checked (scripts/windows.sh). The README's
# test command and CI's entry point. NO_WINDOWS=1 skips the Windows part (a quick local run).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
setup_e2e

echo "== 界面：构建（Rust 编译时嵌入 ui/dist；本次检查只构建一次）"
ui_build
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test（核心、桌面应用、两个入口的一致性）"
cargo test --workspace --locked
echo "== fuzz smoke"
bash scripts/fuzz-smoke.sh
echo "== 界面检查与真实窗口测试"
bash scripts/app-test.sh
echo "(Linux checks: $((SECONDS / 60)) min)"

if [[ -n "${NO_WINDOWS:-}" ]]; then
  echo "== 已跳过 Windows（NO_WINDOWS）"
else
  echo "== Windows（交叉编译、安装包、Wine 下的测试）"
  bash scripts/windows.sh all
fi
echo "全部检查通过（$((SECONDS / 60)) min）。"
