#!/usr/bin/env bash
# Fuzz smoke run (docs/fuzzing.md): builds the cargo-fuzz targets of fuzz/ and runs each for a
# few seconds from its committed corpus. Any crash fails the checks.
# FUZZ_SECONDS=N changes the seconds per target (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${FUZZ_SECONDS:-5}"
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --version '^0.13' --locked
# cargo-fuzz passes -Z flags; the pinned stable toolchain (rust-toolchain.toml) accepts them
# this way, so CI needs no nightly download. No sanitizer: the code under test is safe Rust.
export RUSTC_BOOTSTRAP=1
cd fuzz
cargo fuzz build --sanitizer none
# cargo fuzz has no --locked: a lock file the build had to change is stale, and CI says so.
if git rev-parse --git-dir >/dev/null 2>&1 && ! git diff --quiet -- Cargo.lock; then
  echo "fuzz/Cargo.lock changed (the core's dependencies did): commit the updated fuzz/Cargo.lock" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for t in $(cargo fuzz list); do
  echo "== fuzz $t (${secs} s)"
  mkdir -p "$work/$t"
  # New inputs go to the scratch folder first; the committed corpus is only read.
  if ! cargo fuzz run --sanitizer none "$t" "$work/$t" "corpus/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$work/$t.log" 2>&1; then
    # The input's Debug print can be a 100 KB line: cut it.
    tail -n 40 "$work/$t.log" | cut -c1-300 >&2
    echo "fuzz target $t failed (input saved in fuzz/artifacts/$t)" >&2
    exit 1
  fi
  grep -E "^stat::(number_of_executed_units|new_units_added)" "$work/$t.log" || true
done
echo "fuzz smoke: all targets ran without a crash"
