#!/usr/bin/env bash
# Builds the UI and the desktop app (debug) and launches it. Needs a display (a desktop
# session, or e.g. `xvfb-run scripts/app-run.sh`). Data goes to the per-user app-data
# folder unless XIANJIE_DATA_DIR is set.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -d ui/node_modules ]] || (cd ui && npm install --no-audit --no-fund)
(cd ui && npm run build)
cargo build -p xianjie-app
exec target/debug/xianjie-app "$@"
