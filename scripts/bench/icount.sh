#!/usr/bin/env bash
# Instructions a whole `rasoat check` takes, counted by valgrind's callgrind: the figure to
# compare before and after a change on a shared, noisy machine (wall time swings ±30% there;
# instruction counts repeat exactly for the same binary and input).
#
#   scripts/bench/icount.sh [PATH...]            default: corpus/seeds
#   BIN=target/release/rasoat scripts/bench/icount.sh bench-data/many/doc000*.txt
#   PROFILE=1 scripts/bench/icount.sh ...        also print the top functions (inclusive)
#
# Single-threaded (-j1), JSON output, no configuration: the work, not the scheduling. Build
# with `cargo build --release` first (for function names in PROFILE mode, build with
# CARGO_PROFILE_RELEASE_DEBUG=line-tables-only).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${BIN:-$root/target/release/rasoat}"
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
[ -x "$bin" ] || { echo "no binary at $bin: run cargo build --release" >&2; exit 2; }
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=("$root/corpus/seeds")
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" check -j1 --format json --isolated -q "${paths[@]}" \
    >/dev/null 2>/dev/null || true
total=$(grep -E '^summary:' "$out" | awk '{print $2}')
bytes=$(find "${paths[@]}" -type f -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
awk -v t="$total" -v b="$bytes" 'BEGIN { printf "instructions: %.0f  bytes: %d  instructions/byte: %.0f\n", t, b, t / (b > 0 ? b : 1) }'
if [ "${PROFILE:-0}" = 1 ]; then
    callgrind_annotate --inclusive=yes "$out" 2>/dev/null | grep -E '^ *[0-9,]+ \(' | head -40
fi
