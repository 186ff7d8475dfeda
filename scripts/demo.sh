#!/usr/bin/env bash
# The main job on the embedded demo data: a fresh demo database (the fictional 星河大学信息工程学院,
# imported from fixtures/demo), its 2026 graduates each with the rule engine's recommendation,
# and the contract's public cases.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --release --locked --bin xianjie
bin=./target/release/xianjie
mkdir -p out
rm -f out/demo.db out/demo.db-wal out/demo.db-shm
export XIANJIE_DB="$PWD/out/demo.db"
export XIANJIE_OPERATOR="演示"

"$bin" demo --db "$XIANJIE_DB"
echo
echo "== 2026 届毕业生及转接建议"
"$bin" graduates --year 2026
echo
echo "== 公开示例案例的转接建议（fixtures/cases/public.json）"
"$bin" recommend --cases fixtures/cases/public.json --table
echo
echo "演示数据库：$XIANJIE_DB（可继续用 xianjie --db out/demo.db … 操作）"
