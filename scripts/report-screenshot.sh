#!/usr/bin/env bash
# Render the reviewer report of a seed in headless Chromium and save a PNG for the README.
# Needs Debian's chromium (apt-get install chromium fonts-noto-core); not run in CI.
# usage: scripts/report-screenshot.sh [SEED] [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${1:-corpus/seeds/002_89dcc62694a11fe1.txt}
out=${2:-docs/report-002.png}
html=$(mktemp --suffix=.html)
profile=$(mktemp -d)
trap 'rm -rf "$html" "$profile"' EXIT
cargo run --quiet --release -- report "$seed" -o "$html" || true   # exit 1/2 still writes the page
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size=1000,1400 \
  --screenshot="$PWD/$out" "file://$html" 2>/dev/null
echo "wrote $out"
