#!/usr/bin/env bash
# Rebuild rules/spelling-data/ from the corpora (see rules/spelling-data/README.md).
#   scripts/spelling/rebuild.sh [SHARED_DIR]     (default ../shared relative to the repo)
# Needs: the corpora, pip (for pyvi's word list, MIT). Takes ~20 s in release mode.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${1:-$root/../shared}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && pip download --quiet --no-deps pyvi==0.1.1 && unzip -q -o pyvi-0.1.1-*.whl 'pyvi/models/words.txt')
cd "$root"
cargo build --release -p rasoat-spell --example build_data
./target/release/examples/build_data \
  --large "$shared/corpus-large" --dev "$shared/corpus-dev" \
  --words "$tmp/pyvi/models/words.txt" --out rules/spelling-data --holdout 5
# The checker embeds the data: rebuild it so the next run uses the new tables.
cargo build --release -p rasoat-spell
ls -l rules/spelling-data
