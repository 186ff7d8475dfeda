#!/usr/bin/env bash
# Installs what building Xianjie needs on Debian/Ubuntu, idempotently.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "安装系统软件包：${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# poppler-utils: the letter tests read generated PDFs back with pdftotext.
apt_install build-essential pkg-config ca-certificates poppler-utils

if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "未找到 Rust 工具链：请先安装 rustup（https://rustup.rs），本项目使用 rust-toolchain.toml 中固定的版本。" >&2
  exit 1
fi
