#!/usr/bin/env bash
# Regenerates ui/src/bindings/index.ts (the IPC types, ts-rs) and ui/src/bindings/commands.ts
# (the command wrappers, from commands.rs's ipc! list) from src-tauri.
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_BINDINGS=1 cargo test -q -p xianjie-app --lib bindings
echo "已更新 ui/src/bindings/index.ts"
