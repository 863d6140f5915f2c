#!/usr/bin/env bash
# build-screenshots.sh: builds every locale's HTML release pages and renders each in headless
# Chromium (via html-screenshot.sh), for reviewing the published look of every locale.
# Usage: scripts/build-screenshots.sh [OUT_DIR]   (default: target/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/screenshots}
cargo build --release --quiet
./target/release/honyaku build --format html --out "$out/html"
for page in "$out"/html/*/*.html; do
  locale=$(basename "$(dirname "$page")")
  shot="$out/$locale-$(basename "${page%.html}").png"
  scripts/html-screenshot.sh "$page" "$shot" 1100 1600 >/dev/null
  echo "$shot"
done
