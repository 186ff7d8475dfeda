#!/usr/bin/env bash
# Regenerates ui/src/bindings/index.ts from the Rust IPC types in src-tauri/src/api (ts-rs).
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_BINDINGS=1 cargo test -q -p xianjie-app --lib api::bindings
echo "已更新 ui/src/bindings/index.ts"
