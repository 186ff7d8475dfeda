#!/usr/bin/env bash
# Regenerates the roster fixtures (.xlsx from the Rust generators, .xls from the same cells).
# Needs: cargo, python3 with xlwt (`pip install xlwt`).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run -q -p xianjie-testdata --bin xianjie-gen -- demo --out-dir fixtures/demo
cargo run -q -p xianjie-testdata --bin xianjie-gen -- messy --out-dir fixtures/roster
python3 scripts/xls_from_spec.py fixtures/demo/demo-roster.json fixtures/demo/demo-roster.xls
python3 scripts/xls_from_spec.py fixtures/roster/messy-roster.json fixtures/roster/messy-roster.xls
