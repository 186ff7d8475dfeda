#!/usr/bin/env bash
# Real-window E2E: starts a virtual display (Xvfb, 1366×768) unless DISPLAY is set, starts
# tauri-driver (which drives WebKitWebDriver), runs ui/e2e/app.e2e.mjs against the debug app
# binary with a fresh data folder, and writes the screenshots to docs/screenshots/.
# Needs: scripts/setup-app.sh, and `cargo install tauri-driver --version '^2' --locked`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

command -v tauri-driver >/dev/null || { echo "缺少 tauri-driver：cargo install tauri-driver --version '^2' --locked" >&2; exit 1; }
command -v WebKitWebDriver >/dev/null || { echo "缺少 WebKitWebDriver：apt-get install webkit2gtk-driver" >&2; exit 1; }

[[ -f ui/dist/index.html ]] || (cd ui && npm run build)
cargo build -p xianjie-app
APP="$ROOT/target/debug/xianjie-app"

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  # Stop only what this script started; tauri-driver ends its WebKitWebDriver on SIGTERM.
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill -TERM "${PIDS[i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [[ -z "${DISPLAY:-}" ]]; then
  for n in $(seq 90 120); do [[ -e /tmp/.X11-unix/X$n ]] || { DISP=":$n"; break; }; done
  Xvfb "$DISP" -screen 0 1366x768x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
  PIDS+=($!)
  export DISPLAY="$DISP"
  for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X${DISP#:} ]] && break; sleep 0.1; done
fi

PORT=${E2E_PORT:-4444}
# The app inherits tauri-driver's environment: a fresh data folder and the demo's size.
export XIANJIE_DATA_DIR="$WORK/data" XIANJIE_DEMO_GRADUATES=${XIANJIE_DEMO_GRADUATES:-10000}
unset XIANJIE_DB
tauri-driver --port "$PORT" --native-port "$((PORT + 1))" >"$WORK/driver.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$PORT/status" >/dev/null 2>&1 && break; sleep 0.1; done

# WebKitGTK under Xvfb: no GPU; keep compositing simple and deterministic.
export WEBKIT_DISABLE_COMPOSITING_MODE=1 LIBGL_ALWAYS_SOFTWARE=1
if ! WEBDRIVER_URL="http://127.0.0.1:$PORT" node ui/e2e/app.e2e.mjs "$APP" "$XIANJIE_DATA_DIR" "$ROOT/docs/screenshots"; then
  echo "---- tauri-driver log"; tail -50 "$WORK/driver.log"
  exit 1
fi
