#!/usr/bin/env bash
# The main command: sets this machine up (scripts/setup.sh, idempotent), builds the UI and the
# desktop app (debug) and opens it on a demo data folder (out/app-demo: the fictional
# 星河大学信息工程学院 with its demo roster and office details, created on the first run).
# Needs a display (a desktop session; on a server e.g. `xvfb-run bash scripts/app-run.sh`).
#   XIANJIE_DATA_DIR=/some/folder bash scripts/app-run.sh   opens another data folder instead
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ui_build
# One invocation for both binaries: the core is then compiled once (same features).
cargo build --locked -p xianjie-app -p xianjie --bin xianjie-app --bin xianjie

if [[ -z "${XIANJIE_DATA_DIR:-}" ]]; then
  export XIANJIE_DATA_DIR="$PWD/out/app-demo"
  if [[ ! -e "$XIANJIE_DATA_DIR/xianjie.db" ]]; then
    mkdir -p "$XIANJIE_DATA_DIR"
    # The one demo (service::demo): org tree, roster, the office's details, a mix of transfers.
    XIANJIE_OPERATOR="演示" ./target/debug/xianjie demo --db "$XIANJIE_DATA_DIR/xianjie.db"
    # This computer's operator; the window then skips its first-run choice.
    echo '{"operator": "演示"}' >"$XIANJIE_DATA_DIR/settings.json"
  fi
fi
unset XIANJIE_DB
echo "数据文件夹：$XIANJIE_DATA_DIR"
exec target/debug/xianjie-app "$@"
