#!/usr/bin/env bash
# The one setup of this machine (Debian 12 / Ubuntu 22.04+), idempotent — installs only what is
# missing: the system packages for building, for the tests that read letters and tables back,
# for the desktop app and its real-window E2E; the UI's npm packages. Run it, or source it (the
# other scripts do; `apt_install` stays defined for scripts/windows.sh).
#   bash scripts/setup.sh            everything
#   SKIP_APT=1 bash scripts/setup.sh  only the npm packages
# Functions for the callers: `setup_e2e` (tauri-driver), `ui_build` (ui/dist, which the Rust
# build of the app embeds).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "安装系统软件包：${missing[*]}"
  $sudo apt-get update -qq
  # Other installs may hold the dpkg lock on shared machines: wait instead of failing.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}"
}

if [[ -z "${SKIP_APT:-}" ]]; then
  # build-essential, pkg-config: C parts (SQLite, mimalloc); poppler-utils: the letter tests read
  # PDFs back; libreoffice-calc-nogui: the table tests open every table (and print it to PDF);
  # WebKitGTK & co.: the desktop app; xvfb, xauth, webkit2gtk-driver, fonts-noto-cjk: its E2E.
  apt_install build-essential pkg-config ca-certificates libssl-dev poppler-utils \
    libreoffice-calc-nogui libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev librsvg2-dev \
    xvfb xauth webkit2gtk-driver fonts-noto-cjk
fi

if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "未找到 Rust 工具链：请先安装 rustup（https://rustup.rs），本项目使用 rust-toolchain.toml 中固定的版本。" >&2
  exit 1
fi

command -v node >/dev/null || { echo "需要 Node.js 20 或更新版本（含 npm）" >&2; exit 1; }
# npm install (not ci: the lock file's other-platform optional packages are left out here);
# skipped when node_modules is newer than the lock file.
if [[ ! -d ui/node_modules || ui/package-lock.json -nt ui/node_modules ]]; then
  (cd ui && npm install --no-audit --no-fund && touch node_modules)
fi

# The real-window E2E's driver (check.sh needs it; the main job does not).
setup_e2e() {
  command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --version '^2' --locked
}

# The UI into ui/dist, which the app's Rust build embeds: once per run of a caller.
ui_build() {
  (cd ui && npm run build)
}
