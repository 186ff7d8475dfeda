#!/usr/bin/env bash
# The main command: sets this machine up (scripts/setup.sh + setup-app.sh, idempotent), builds
# the desktop app (debug) and opens it on a demo data folder (out/app-demo: the fictional
# 星河大学信息工程学院 with its demo roster and office details, created on the first run).
# Needs a display (a desktop session; on a server e.g. `xvfb-run bash scripts/app-run.sh`).
#   XIANJIE_DATA_DIR=/some/folder bash scripts/app-run.sh   opens another data folder instead
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
bash scripts/setup-app.sh
# One invocation for both binaries: the core is then compiled once (same features).
cargo build --locked -p xianjie-app -p xianjie --bin xianjie-app --bin xianjie

if [[ -z "${XIANJIE_DATA_DIR:-}" ]]; then
  export XIANJIE_DATA_DIR="$PWD/out/app-demo"
  if [[ ! -e "$XIANJIE_DATA_DIR/xianjie.db" ]]; then
    mkdir -p "$XIANJIE_DATA_DIR"
    XIANJIE_OPERATOR="演示" ./target/debug/xianjie demo --db "$XIANJIE_DATA_DIR/xianjie.db"
    # The office's details (what letters and tables print); the window skips its first-run choice.
    cat >"$XIANJIE_DATA_DIR/settings.json" <<'JSON'
{
  "college": "星河大学",
  "committee_full_name": "共青团星河大学信息工程学院委员会",
  "handler": "李文",
  "office_phone": "027-88880000",
  "mobile": "13800001111",
  "address": "星河市大学路1号",
  "postcode": "430072",
  "operator": "演示"
}
JSON
  fi
fi
unset XIANJIE_DB
echo "数据文件夹：$XIANJIE_DATA_DIR"
exec target/debug/xianjie-app "$@"
