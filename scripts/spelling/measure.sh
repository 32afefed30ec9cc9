#!/usr/bin/env bash
# Measure the spelling engine on the held-out fifth of corpus-dev (never counted in the data):
# findings per 10,000 words (and, with the hand-checked genuine typos of heldout-typos.txt set
# apart, false alarms), and detection of injected errors by type.
#   scripts/spelling/measure.sh [SHARED_DIR] [--show]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${1:-$root/../shared}"
shift || true
cd "$root"
cargo build --release -q -p rasoat-spell --example measure
./target/release/examples/measure --dev "$shared/corpus-dev" --heldout rules/spelling-data/HELDOUT.txt \
  --typos scripts/spelling/heldout-typos.txt --per-type 400 "$@"
