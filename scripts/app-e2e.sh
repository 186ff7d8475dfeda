#!/usr/bin/env bash
# Real-window E2E: starts a virtual display (Xvfb, 1366×768) unless DISPLAY is set, then runs
# every ui/e2e/*.e2e.mjs against the debug app binary (or $E2E_APP) through tauri-driver (which drives
# WebKitWebDriver), each with a fresh data folder; screenshots go to docs/screenshots/.
# Needs: scripts/setup.sh (its setup_e2e installs tauri-driver) and ui/dist (check.sh builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

command -v tauri-driver >/dev/null || { echo "缺少 tauri-driver：cargo install tauri-driver --version '^2' --locked" >&2; exit 1; }
command -v WebKitWebDriver >/dev/null || { echo "缺少 WebKitWebDriver：apt-get install webkit2gtk-driver" >&2; exit 1; }

[[ -f ui/dist/index.html ]] || (cd ui && npm run build)
# E2E_APP=target/release/xianjie-app runs the specs against another (e.g. release) build,
# which the caller has built; by default the debug app is built and used.
if [[ -n "${E2E_APP:-}" ]]; then
  APP=$(realpath "$E2E_APP")
  [[ -x "$APP" ]] || { echo "E2E_APP 不是可执行文件：$E2E_APP" >&2; exit 1; }
else
  # xianjie-gen fills the collection workbooks as the branches would (collect.e2e.mjs).
  cargo build -p xianjie-app -p xianjie-testdata --bin xianjie-app --bin xianjie-gen
  APP="$ROOT/target/debug/xianjie-app"
fi

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
# Note: WEBKIT_DISABLE_COMPOSITING_MODE=1 in the app's environment makes WebKitWebDriver's
# screenshot hang under Xvfb; leave WebKit's defaults.
unset XIANJIE_DB

# One app session per spec, each with a fresh data folder. The app inherits tauri-driver's
# environment, so the driver is restarted per spec with that spec's data folder and demo size
# (a spec's "// e2e-demo-graduates: N" line; 300 otherwise) and date ("// e2e-today: …").
# E2E_ONLY=name runs one spec.
status=0
for spec in ui/e2e/*.e2e.mjs; do
  name=$(basename "$spec" .e2e.mjs)
  [[ -n "${E2E_ONLY:-}" && "$name" != "$E2E_ONLY" ]] && continue
  size=$(sed -n 's|^// e2e-demo-graduates: *\([0-9]*\).*|\1|p' "$spec" | head -1)
  export XIANJIE_DATA_DIR="$WORK/data-$name" XIANJIE_DEMO_GRADUATES=${size:-300}
  # A spec's "// e2e-today: YYYY-MM-DD" line fixes the app's date (a campaign in June).
  today=$(sed -n 's|^// e2e-today: *\([0-9-]*\).*|\1|p' "$spec" | head -1)
  if [[ -n $today ]]; then export XIANJIE_TODAY=$today; else unset XIANJIE_TODAY; fi
  tauri-driver --port "$PORT" --native-port "$((PORT + 1))" >"$WORK/driver-$name.log" 2>&1 &
  driver=$!
  for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$PORT/status" >/dev/null 2>&1 && break; sleep 0.1; done
  echo "-- $name"
  if ! WEBDRIVER_URL="http://127.0.0.1:$PORT" node "$spec" "$APP" "$XIANJIE_DATA_DIR" "$ROOT/docs/screenshots"; then
    echo "---- tauri-driver log ($name)"; tail -50 "$WORK/driver-$name.log"
    status=1
  fi
  # SIGTERM (not SIGKILL): tauri-driver then stops its WebKitWebDriver and frees the port.
  kill -TERM "$driver" 2>/dev/null || true
  wait "$driver" 2>/dev/null || true
done
exit $status
