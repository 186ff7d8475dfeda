#!/usr/bin/env bash
# Prepares this machine (Debian 12 / Ubuntu 22.04+) to build, run and test the desktop app.
# Idempotent: installs only what is missing, then installs the UI's npm packages (npm install: npm ci refuses this lock file, whose other-platform optional packages npm here leaves out) and
# builds the UI into ui/dist, which the Rust build embeds.
#   scripts/setup-app.sh            system packages (needs root or sudo) + npm install + UI build
#   SKIP_APT=1 scripts/setup-app.sh  only the npm part
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config libssl-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev librsvg2-dev
  # E2E in the real window, headless: X server, WebKitWebDriver, Chinese fonts.
  xvfb xauth webkit2gtk-driver fonts-noto-cjk
)

if [[ -z "${SKIP_APT:-}" ]]; then
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    SUDO=""
    [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    echo "安装系统软件包：${missing[*]}"
    $SUDO apt-get update -q
    # Other installs may hold the dpkg lock on shared machines: wait instead of failing.
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}"
  fi
fi

command -v node >/dev/null || { echo "需要 Node.js 20 或更新版本（含 npm）" >&2; exit 1; }
(cd ui && npm install --no-audit --no-fund && npm run build)
echo "桌面应用的构建环境已就绪。"
