#!/usr/bin/env bash
# Measure the spelling engine on the held-out fifth of corpus-dev (never counted in the data):
# false alarms per 10,000 words, and detection of injected errors by type.
#   scripts/spelling/measure.sh [SHARED_DIR] [--show]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${1:-$root/../shared}"
shift || true
cd "$root"
cargo build --release -q -p rasoat-spell --example measure
./target/release/examples/measure --dev "$shared/corpus-dev" --heldout rules/spelling-data/HELDOUT.txt --per-type 400 "$@"
