#!/usr/bin/env bash
# The window's speed as a secretary meets it (#18): a release build of the app, the speed spec
# (ui/e2e/speed.e2e.mjs, 10,000 demo graduates) run RUNS times (default 5), and the medians of
# the 工作台's numbers (first after the demo is made, and returns) and the graduate list's
# first rows (first visit, returns) and filters. Targets: numbers ≤ 1 s, first rows ≤ 300 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
(cd ui && npm run build >/dev/null)
cargo build --release -p xianjie-app --bin xianjie-app
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
for i in $(seq "$RUNS"); do
  E2E_APP=target/release/xianjie-app E2E_ONLY=speed bash scripts/app-e2e.sh 2>&1 \
    | grep '"spec":"speed"' >>"$OUT" || { echo "第 $i 次运行失败" >&2; exit 1; }
done
node - "$OUT" <<'JS'
const fs = require('node:fs')
const runs = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l).timings)
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const line = (name, xs) => console.log(`${name}: median ${median(xs).toFixed(0)} ms of ${xs.length} (${xs.map((x) => x.toFixed(0)).join(' / ')})`)
line('工作台 numbers, first after the demo', runs.map((t) => t.dashboardNumbersMs[0]))
line('工作台 numbers, returns', runs.flatMap((t) => t.dashboardNumbersMs.slice(1)))
line('毕业生 first rows, first visit', runs.map((t) => t.firstVisit.inWindowMs))
line('毕业生 first rows, returns', runs.flatMap((t) => t.returnVisits.map((r) => r.inWindowMs)))
line('毕业生 filters', runs.flatMap((t) => t.filterMs))
JS
