#!/usr/bin/env bash
# The main job on the embedded demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --release --locked --bin xianjie
echo "== 公开示例案例的转接建议（fixtures/cases/public.json）"
./target/release/xianjie recommend --cases fixtures/cases/public.json --table
